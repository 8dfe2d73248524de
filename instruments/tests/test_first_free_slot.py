"""``first_free_slots``: the first free slot of many instruments in bounded queries, equal to what
``available_slots`` (the rule a request applies) finds first."""

import contextlib
import random
from datetime import time, timedelta

from django.test import TestCase
from django.utils import timezone

from instruments import services
from instruments.models import Closure, Instrument
from instruments.testing import local, make_instrument
from marketplace.testing import make_organization, make_user


class FirstFreeSlotTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner = make_organization("institute")
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)

    def book(self, instrument, start, hours):
        return services.request_booking(
            actor=self.firm_user,
            organization=self.firm,
            instrument=instrument,
            service_item=instrument.service_items.get(),
            start=start,
            end=start + timedelta(hours=hours),
        )

    def expected(self, instrument, start, end, now):
        slots = services.available_slots(instrument, start, end, now=now)
        return slots[0][0] if slots else None

    def test_equals_the_first_available_slot_on_busy_and_closed_calendars(self):
        rng = random.Random(7)
        now = timezone.now()
        instruments = []
        for n in range(6):
            instrument = make_instrument(
                self.owner,
                name=f"仪器{n}",
                hours=((time(9, 0), time(12, 0)), (time(13, 30), time(17, 0))),
                days=range(5) if n % 2 else range(7),
                buffer_minutes=(0, 15, 30)[n % 3],
                min_duration_minutes=(30, 60, 120)[n % 3],
                slot_minutes=(30, 15, 60)[n % 3],
                max_advance_days=40,
            )
            instruments.append(instrument)
            day = 1
            while day < 24:  # fill most working hours of the next weeks, leaving gaps of varying size
                for hour in (9, 14):
                    if rng.random() < 0.8:
                        with contextlib.suppress(services.DomainError):  # a day without opening hours
                            self.book(instrument, local(day, hour), hours=rng.choice((1, 2, 3)))
                day += 1
            if n == 3:  # closed across the first fortnight's boundary
                Closure.objects.create(instrument=instrument, start=local(0, 0), end=local(20, 0), reason="维护")
        start, end = now, now + timedelta(days=35)
        fresh = list(Instrument.objects.prefetch_related("opening_hours").filter(pk__in=[i.pk for i in instruments]))
        with self.assertNumQueries(2):
            first = services.first_free_slots(fresh, start, end, now=now)
        for instrument in instruments:
            self.assertEqual(first[instrument.pk], self.expected(instrument, start, end, now), instrument.name)

    def test_a_slot_across_the_fortnight_walked_at_a_time_starts_where_it_starts(self):
        now = local(0, 10)  # the walk's first fortnight ends on day 14 at 10:00
        instrument = make_instrument(self.owner, max_advance_days=40, min_duration_minutes=60)
        Closure.objects.create(instrument=instrument, start=local(-1, 0), end=local(14, 9, 30), reason="维护")
        first = services.first_free_slots([instrument], now, now + timedelta(days=30), now=now)
        self.assertEqual(first[instrument.pk], local(14, 9, 30))
        self.assertEqual(first[instrument.pk], self.expected(instrument, now, now + timedelta(days=30), now))

    def test_a_fully_booked_or_closed_window_has_none(self):
        now = timezone.now()
        instrument = make_instrument(self.owner)
        Closure.objects.create(instrument=instrument, start=now - timedelta(days=1), end=now + timedelta(days=60))
        self.assertEqual(services.first_free_slots([instrument], now, now + timedelta(days=30), now=now),
                         {instrument.pk: None})  # fmt: skip
        self.assertEqual(services.first_free_slots([], now, now + timedelta(days=30), now=now), {})
