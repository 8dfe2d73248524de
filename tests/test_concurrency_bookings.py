"""No two live bookings of one instrument overlap — under concurrent requests against PostgreSQL."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from instruments import downtime, services
from instruments.models import Booking, Instrument
from instruments.testing import local, make_instrument
from marketplace.testing import api_client, make_organization, make_user
from marketplace.testing_concurrency import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 24


def _overlapping_live_pairs(instrument) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FROM instruments_booking a JOIN instruments_booking b
               ON a.instrument_id = b.instrument_id AND a.id < b.id
              AND tstzrange(a.start, a.blocked_until) && tstzrange(b.start, b.blocked_until)
            WHERE a.instrument_id = %s AND a.status IN ('requested', 'confirmed', 'in_progress')
              AND b.status IN ('requested', 'confirmed', 'in_progress')""",
            [instrument.pk],
        )
        return cursor.fetchone()[0]


def _post_booking(client, item, start, hours):
    payload = {
        "instrument": item.instrument_id,
        "service_item": item.pk,
        "start": start.isoformat(),
        "end": (start + timedelta(hours=hours)).isoformat(),
    }
    return client.post(reverse("api:booking-list"), payload, format="json")


def test_concurrent_overlapping_requests_one_wins_the_rest_get_409():
    owner = make_organization("institute")
    instrument = make_instrument(owner, buffer_minutes=15, approval_mode="auto")
    item = instrument.service_items.get()
    firms = [make_organization("enterprise") for _ in range(CLIENTS)]
    users = [make_user(organization=firm) for firm in firms]

    def request(i):
        # every request overlaps every other: all start within the first request's 2-hour window
        start = local(3, 10) + timedelta(minutes=30 * (i % 3))
        return _post_booking(api_client(users[i], firms[i]), item, start, hours=2)

    responses = run_concurrently(request, CLIENTS)

    statuses = Counter(getattr(r, "status_code", repr(r)) for r in responses)
    assert statuses == {201: 1, 409: CLIENTS - 1}, statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"booking_conflict"}
    assert Booking.objects.live().filter(instrument=instrument).count() == 1
    assert _overlapping_live_pairs(instrument) == 0


def test_the_database_refuses_an_overlap_that_bypasses_the_service():
    owner = make_organization("institute")
    firm = make_organization("enterprise")
    user = make_user(organization=firm)
    instrument = make_instrument(owner)
    item = instrument.service_items.get()
    fields = {
        "instrument": instrument,
        "service_item": item,
        "requester_org": firm,
        "requester": user,
        "price_tier": "enterprise",
        "unit": "hour",
        "unit_price": 600,
        "quantity": 1,
        "amount": 600,
    }
    Booking.objects.create(start=local(3, 10), end=local(3, 11), blocked_until=local(3, 11, 30), **fields)
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        Booking.objects.create(start=local(3, 11), end=local(3, 12), blocked_until=local(3, 12), **fields)
    # a cancelled booking no longer holds the slot
    Booking.objects.filter(instrument=instrument).update(status="cancelled")
    Booking.objects.create(start=local(3, 11), end=local(3, 12), blocked_until=local(3, 12), **fields)


def test_concurrent_requests_of_one_organization_respect_its_quota():
    owner = make_organization("institute")
    instrument = make_instrument(owner, approval_mode="auto")
    instrument.quotas.create(period="month", max_bookings=3)
    item = instrument.service_items.get()
    firm = make_organization("enterprise")
    users = [make_user(organization=firm) for _ in range(12)]

    def request(i):
        # twelve different, non-overlapping slots on one day: only the quota can refuse them
        start = local(3, 8) + timedelta(hours=i)
        return _post_booking(api_client(users[i], firm), item, start, hours=1)

    responses = run_concurrently(request, len(users))

    statuses = Counter(getattr(r, "status_code", repr(r)) for r in responses)
    assert statuses == {201: 3, 409: 9}, statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"quota_exceeded"}
    assert Booking.objects.filter(instrument=instrument, requester_org=firm).count() == statuses[201]


def test_requests_racing_a_downtime_declaration_leave_nothing_live_inside_it(monkeypatch):
    owner = make_organization("institute")
    owner_user = make_user(organization=owner)
    instrument = make_instrument(owner, approval_mode="auto")
    item = instrument.service_items.get()
    clients = 11
    firms = [make_organization("enterprise") for _ in range(clients)]
    users = [make_user(organization=firm) for firm in firms]
    down_start, down_end = local(3, 0), local(4, 0)
    check_rules = services.check_rules
    checked, declared = threading.Semaphore(0), threading.Event()

    def check_rules_then_wait(*args, **kwargs):
        # Every request has found its slot open before the declaration commits, and goes on only after it.
        check_rules(*args, **kwargs)
        checked.release()
        declared.wait(30)

    monkeypatch.setattr(services, "check_rules", check_rules_then_wait)

    def request(i):
        if i == clients:
            for _ in range(clients):
                checked.acquire(timeout=30)
            try:
                return downtime.declare_downtime(
                    actor=owner_user,
                    organization=owner,
                    instrument=Instrument.objects.get(pk=instrument.pk),
                    kind="fault",
                    start=down_start,
                    end=down_end,
                    reason="X光管故障",
                )
            finally:
                declared.set()
        start = local(3, 8) + timedelta(hours=i)  # distinct slots, every one inside the downtime
        return _post_booking(api_client(users[i], firms[i]), item, start, hours=1)

    results = run_concurrently(request, clients + 1)

    declared = results[-1]
    assert isinstance(declared, downtime.DowntimeResult), declared
    statuses = Counter(getattr(r, "status_code", repr(r)) for r in results[:-1])
    assert set(statuses) <= {201, 400}, statuses
    assert {r.json()["code"] for r in results[:-1] if r.status_code == 400} <= {"closed"}
    # booked before the declaration: cancelled by it; after: refused — none is live inside the downtime
    inside = Booking.objects.live().filter(instrument=instrument, start__lt=down_end, blocked_until__gt=down_start)
    assert not inside.exists()
    assert len(declared.cancelled) == statuses[201]
