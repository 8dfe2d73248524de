"""Broker assignments and ratings hold under concurrent requests (PostgreSQL: real row locks): one live assignment
per broker and deal, one rating per party and assignment."""

from collections import Counter

import pytest
from django.urls import reverse

from marketplace.testing import api_client
from marketplace.testing_concurrency import run_concurrently

from .. import broker_services as services
from ..models import BrokerAssignment, BrokerRating
from .broker_factories import market

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 6


def test_concurrent_assignments_of_one_broker_to_one_deal():
    m = market()

    def assign(i):
        client = api_client(m.firm.user, m.firm.organization)
        body = {"broker": m.broker.pk, "demand": m.demand.pk}
        return client.post(reverse("api:broker-assignment-list"), body, format="json").status_code

    assert Counter(run_concurrently(assign, CLIENTS)) == {201: 1, 409: CLIENTS - 1}
    assert BrokerAssignment.objects.filter(demand=m.demand).count() == 1


def test_concurrent_ratings_by_one_party():
    m = market()
    assignment = services.assign_broker(broker=m.broker, deal=m.demand, actor=m.firm.user,
                                        organization=m.firm.organization)  # fmt: skip
    assignment = services.accept_assignment(assignment, actor=m.broker.user)
    services.close_assignment(assignment, actor=m.broker.user)

    def rate(i):
        client = api_client(m.firm.user, m.firm.organization)
        url = reverse("api:broker-assignment-rate", args=[assignment.pk])
        return client.post(url, {"score": 1 + i % 5}, format="json").status_code

    assert Counter(run_concurrently(rate, CLIENTS)) == {201: 1, 409: CLIENTS - 1}
    assert BrokerRating.objects.filter(assignment=assignment).count() == 1
