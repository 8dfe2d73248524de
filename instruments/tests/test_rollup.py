"""The dashboard's monthly booking roll-up equals the bookings: built, refreshed from what changed (and only that),
local calendar months, and the drift a bulk update leaves is reported and repaired."""

import datetime as dt
import random
from decimal import Decimal
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone

from instruments import rollup
from instruments.models import Booking, BookingMonth
from instruments.testing import make_instrument
from marketplace.testing import make_organization, make_user

STATUSES = ["requested", "confirmed", "completed", "completed", "cancelled", "no_show", "rejected"]
LONG_AGO = timezone.now() - dt.timedelta(days=30)


def local(year, month, day, hour, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute), timezone.get_default_timezone())


class RollupTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner = make_organization("institute")
        cls.owner_user = make_user(organization=cls.owner)
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.instruments = [make_instrument(cls.owner, name=f"仪器{n}") for n in range(3)]

    def booking(self, instrument, start, hours, status, *, own=False, used=None):
        end = start + dt.timedelta(hours=hours)
        extra = {"actual_start": start, "actual_end": start + dt.timedelta(hours=used)} if used else {}
        return Booking.objects.create(
            instrument=instrument, service_item=instrument.service_items.first(),
            requester_org=self.owner if own else self.firm, requester=self.owner_user if own else self.firm_user,
            start=start, end=end, blocked_until=end, status=status, price_tier="enterprise", unit="hour",
            unit_price=Decimal("100.00"), quantity=Decimal(hours), amount=Decimal("100.00") * hours,
            final_amount=Decimal("90.00") * hours if status == "completed" else None, **extra,
        )  # fmt: skip

    def many(self, n=120, seed=3):
        rng = random.Random(seed)
        for i in range(n):
            # a week apart on each instrument (live bookings never overlap: PostgreSQL's constraint), Jan to Oct
            start = local(2026, 1, 1, rng.randint(0, 19), rng.choice((0, 30))) + dt.timedelta(days=7 * (i // 3))
            status = rng.choice(STATUSES)
            used = rng.choice((None, 0.5, 1.5)) if status == "completed" else None
            self.booking(self.instruments[i % 3], start, rng.randint(1, 4), status, own=rng.random() < 0.3, used=used)
        Booking.objects.update(updated_at=LONG_AGO)  # history: changed long before the roll-up reads it

    def test_built_and_refreshed_it_equals_the_bookings(self):
        self.many()
        self.assertEqual(rollup.refresh(), -1)  # the first read builds it
        self.assertEqual(rollup.drift(), [])
        self.assertEqual(sum(BookingMonth.objects.values_list("bookings", flat=True)), Booking.objects.count())
        self.assertEqual(rollup.refresh(), 0)  # nothing changed since

        changed = Booking.objects.filter(status="confirmed").first()
        changed.status, changed.final_amount = "completed", Decimal("77.00")
        changed.actual_start, changed.actual_end = changed.start, changed.start + dt.timedelta(minutes=45)
        changed.save()
        self.booking(self.instruments[2], local(2026, 6, 3, 9), 2, "requested")
        recomputed = rollup.refresh()
        self.assertLessEqual(recomputed, 2)
        self.assertGreaterEqual(recomputed, 1)
        self.assertEqual(rollup.drift(), [])

    def test_months_are_local_calendar_months(self):
        late = self.booking(self.instruments[0], local(2026, 3, 31, 23, 30), 1, "completed", used=1)  # 15:30 UTC
        early = self.booking(self.instruments[0], local(2026, 4, 1, 0, 30), 2, "completed", own=True)
        rollup.refresh()
        rows = {(r.month, r.external): r for r in BookingMonth.objects.filter(instrument=self.instruments[0])}
        self.assertEqual(set(rows), {(dt.date(2026, 3, 1), True), (dt.date(2026, 4, 1), False)})
        march, april = rows[(dt.date(2026, 3, 1), True)], rows[(dt.date(2026, 4, 1), False)]
        self.assertEqual((march.bookings, march.used_hours, march.billed), (1, 1.0, late.final_amount))
        self.assertEqual((april.booked_hours, april.used_hours, april.billed), (2.0, 2.0, early.final_amount))

    def test_a_write_committed_just_after_the_last_refresh_is_not_missed(self):
        self.many(n=20)
        rollup.refresh()
        stamped = timezone.now()
        booking = Booking.objects.filter(status="requested").first()
        booking.status = "confirmed"
        booking.save()  # stamped before the refresh below, committed (here: visible) after it
        Booking.objects.filter(pk=booking.pk).update(updated_at=stamped - dt.timedelta(seconds=30))
        rollup.refresh(now=stamped)
        self.assertEqual(rollup.drift(), [])

    def test_a_bulk_update_is_reported_as_drift_and_repaired_by_rebuild(self):
        self.many(n=30)
        rollup.refresh()
        Booking.objects.filter(status="requested").update(status="cancelled")  # updated_at untouched
        rollup.refresh()
        self.assertTrue(rollup.drift())
        with self.assertRaises(CommandError):
            call_command("booking_rollup", "check", stdout=StringIO())
        out = StringIO()
        call_command("booking_rollup", "rebuild", stdout=out)
        self.assertIn("rebuilt", out.getvalue())
        call_command("booking_rollup", "check", stdout=StringIO())
        self.assertEqual(rollup.drift(), [])
