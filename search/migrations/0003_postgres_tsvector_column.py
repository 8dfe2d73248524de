"""PostgreSQL: keep each document's tsvector in a stored generated column (indexed with GIN), so ranking reads it
instead of re-parsing every matching document's tokens on each query. SQLite keeps its FTS5 table."""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS search_document_fts",
    "ALTER TABLE search_searchdocument ADD COLUMN tokens_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED",
    "CREATE INDEX search_document_tsv ON search_searchdocument USING gin (tokens_tsv)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_document_tsv",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS tokens_tsv",
    "CREATE INDEX search_document_fts ON search_searchdocument USING gin (to_tsvector('simple', tokens))",
]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
