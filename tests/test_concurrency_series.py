"""Recurring bookings under concurrency on PostgreSQL: series and single bookings racing for the same slots never
overlap (the exclusion constraint inside each occurrence's savepoint), and a refused occurrence is skipped without
spoiling the rest of its series."""

from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse

from instruments.models import Booking
from instruments.testing import local, make_instrument
from marketplace.testing import api_client, make_organization, make_user
from marketplace.testing_concurrency import run_concurrently

from .test_concurrency_bookings import _overlapping_live_pairs

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 12


def test_series_and_single_bookings_race_for_the_same_slots_without_overlap():
    owner = make_organization("institute")
    instrument = make_instrument(owner, approval_mode="auto", buffer_minutes=15)
    item = instrument.service_items.get()
    firms = [make_organization("enterprise") for _ in range(CLIENTS)]
    users = [make_user(organization=firm) for firm in firms]
    first = local(3, 10)

    def request(i):
        client = api_client(users[i], firms[i])
        if i % 2 == 0:  # a weekly series of three, the first at ``first``
            payload = {
                "instrument": instrument.pk,
                "service_item": item.pk,
                "start": first.isoformat(),
                "end": (first + timedelta(hours=2)).isoformat(),
                "frequency": "weekly",
                "count": 3,
                "on_conflict": "skip" if i % 4 == 0 else "refuse",
            }
            return client.post(reverse("api:bookingseries-list"), payload, format="json")
        start = first + timedelta(days=7 * (i % 3), minutes=30)  # a single booking overlapping one occurrence
        payload = {
            "instrument": instrument.pk,
            "service_item": item.pk,
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
        }
        return client.post(reverse("api:booking-list"), payload, format="json")

    responses = run_concurrently(request, CLIENTS)

    statuses = Counter(getattr(r, "status_code", repr(r)) for r in responses)
    assert set(statuses) <= {201, 409}, statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} <= {"booking_conflict", "series_conflict"}
    live = Booking.objects.live().filter(instrument=instrument)
    assert _overlapping_live_pairs(instrument) == 0
    # every one of the three weeks is held by exactly one live booking
    weeks = Counter((b.start.date() - first.date()).days // 7 for b in live)
    assert weeks == {0: 1, 1: 1, 2: 1}, weeks
    booked = sum(len(r.json()["bookings"]) for r in responses if r.status_code == 201 and "bookings" in r.json())
    singles = sum(1 for r in responses if r.status_code == 201 and "bookings" not in r.json())
    assert booked + singles == live.count() == 3
