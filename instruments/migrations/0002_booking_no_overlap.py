"""PostgreSQL: live bookings of one instrument never overlap (exclusion constraint over [start, blocked_until)).

SQLite has no exclusion constraints; there the booking service's serialized write path enforces the rule.
"""

from django.db import migrations

LIVE = "('requested', 'confirmed', 'in_progress')"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE instruments_booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist "
    "(instrument_id WITH =, tstzrange(start, blocked_until, '[)') WITH &&) "
    f"WHERE (status IN {LIVE})",
]
BACKWARD = ["ALTER TABLE instruments_booking DROP CONSTRAINT IF EXISTS booking_no_overlap"]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("instruments", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
