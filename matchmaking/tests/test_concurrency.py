"""Capacity and double booking hold under concurrent requests (PostgreSQL: real row locks)."""

from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse

from marketplace.testing import api_client
from marketplace.testing_concurrency import run_concurrently

from ..models import Meeting, Registration
from .factories import make_event, party, registered

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 8


def test_concurrent_registrations_never_exceed_capacity():
    organizer = party("service_provider")
    event = make_event(organizer.organization, capacity=3)
    firms = [party() for _ in range(CLIENTS)]

    def register(i):
        client = api_client(firms[i].user, firms[i].organization)
        return client.post(reverse("api:event-register", args=[event.pk]), {}, format="json").status_code

    statuses = Counter(run_concurrently(register, CLIENTS))
    assert statuses == {201: 3, 409: CLIENTS - 3}
    assert Registration.objects.filter(event=event).count() == 3


def test_concurrent_meeting_requests_never_double_book():
    organizer = party("service_provider")
    event = make_event(organizer.organization, capacity=CLIENTS + 1)
    institute = party("institute")
    counterpart = registered(event, institute, organizer)
    firms = [party() for _ in range(CLIENTS)]
    for firm in firms:
        registered(event, firm, organizer)

    def request(i):
        start = event.start + timedelta(minutes=5 * (i % 3))
        body = {"counterpart": counterpart.pk, "start": start.isoformat(),
                "end": (start + timedelta(minutes=30)).isoformat()}  # fmt: skip
        client = api_client(firms[i].user, firms[i].organization)
        return client.post(reverse("api:event-meeting-list"), body, format="json").status_code

    statuses = Counter(run_concurrently(request, CLIENTS))
    assert statuses == {201: 1, 409: CLIENTS - 1}
    assert Meeting.objects.filter(event=event).count() == 1
