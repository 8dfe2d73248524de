"""Concurrent bids and concurrent acceptances against PostgreSQL."""

import itertools
from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from demands.models import Proposal
from demands.services import submit_proposal
from demands.tests.test_demands import make_demand
from marketplace.testing import api_client, make_organization, make_user
from marketplace.testing_concurrency import run_concurrently
from tech_transfer.models import Bid
from tech_transfer.services import create_auction
from tech_transfer.tests.test_results import make_result

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 20


def test_concurrent_bids_are_strictly_increasing():
    owner = make_organization("institute")
    auction = create_auction(
        result=make_result(owner),
        actor=None,
        organization=owner,
        starting_price=Decimal("100000"),
        closes_at=timezone.now() + timedelta(hours=1),
        min_increment=Decimal("1000"),
    )
    firms = [make_organization("enterprise") for _ in range(CLIENTS)]
    users = [make_user(organization=f) for f in firms]
    url = reverse("api:auction-bid", args=[auction.pk])

    # half bid the same amount, half ascending amounts that collide with each other's increments
    amounts = [Decimal("100000")] * (CLIENTS // 2) + [Decimal("100000") + 500 * i for i in range(CLIENTS // 2)]

    responses = run_concurrently(
        lambda i: api_client(users[i], firms[i]).post(url, {"amount": str(amounts[i])}, format="json"), CLIENTS
    )

    statuses = Counter(getattr(r, "status_code", repr(r)) for r in responses)
    assert set(statuses) <= {201, 409}, statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} <= {"bid_too_low"}
    bids = list(Bid.objects.filter(auction=auction).order_by("created_at", "id").values_list("amount", flat=True))
    assert statuses[201] == len(bids) >= 1
    assert all(later >= earlier + 1000 for earlier, later in itertools.pairwise(bids)), bids
    auction.refresh_from_db()
    assert auction.current_price == max(bids)


def test_concurrent_acceptances_accept_exactly_one_proposal():
    firm = make_organization("enterprise")
    firm_users = [make_user(organization=firm) for _ in range(CLIENTS)]
    demand = make_demand(firm)
    proposals = []
    for _ in range(CLIENTS):
        institute = make_organization("institute")
        proposals.append(
            submit_proposal(
                demand=demand,
                organization=institute,
                actor=make_user(organization=institute),
                approach="方案",
                budget=100000,
                duration_days=60,
            )
        )

    responses = run_concurrently(
        lambda i: api_client(firm_users[i], firm).post(reverse("api:proposal-accept", args=[proposals[i].pk])),
        CLIENTS,
    )

    statuses = Counter(getattr(r, "status_code", repr(r)) for r in responses)
    assert statuses[200] == 1 and statuses[409] == CLIENTS - 1, statuses
    assert Proposal.objects.filter(demand=demand, status="accepted").count() == 1
    assert demand.contracts.count() == 1
