"""Both parties of a technology contract sign at the same moment, against PostgreSQL: the contract ends signed exactly
once, with both signatures."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from marketplace.models import AuditEntry
from marketplace.testing import api_client, make_organization, make_user
from marketplace.testing_concurrency import run_concurrently
from tech_transfer.models import TechContract
from tech_transfer.services import draft_contract

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 8
SIDES = ("seller", "buyer")


def test_both_parties_signing_at_once_sign_it_exactly_once():
    seller = make_organization("institute")
    buyer = make_organization("enterprise")
    users = {"seller": make_user(organization=seller), "buyer": make_user(organization=buyer)}
    organizations = {"seller": seller, "buyer": buyer}
    content_type = ContentType.objects.get_for_model(TechContract)
    for round_ in range(ROUNDS):
        contract = draft_contract(
            kind="service", title=f"并发签署 {round_}", seller=seller, buyer=buyer, amount=Decimal("50000")
        )
        url = reverse("api:techcontract-sign", args=[contract.pk])

        def sign(i, url=url):
            side = SIDES[i]
            return api_client(users[side], organizations[side]).post(url, {"signed_on": "2026-12-01"}, format="json")

        responses = run_concurrently(sign, 2)

        assert [getattr(r, "status_code", repr(r)) for r in responses] == [200, 200], responses
        # whichever came second saw the first signature under the row lock and completed the contract
        assert sorted(r.json()["status"] for r in responses) == ["draft", "signed"]
        contract.refresh_from_db()
        assert contract.status == "signed"
        assert (contract.seller_signed_by, contract.buyer_signed_by) == (users["seller"], users["buyer"])
        assert contract.seller_signed_at and contract.buyer_signed_at
        assert str(contract.signed_on) == "2026-12-01"
        transitions = AuditEntry.objects.filter(
            content_type=content_type, object_id=str(contract.pk), transition="draft→signed"
        )
        assert transitions.count() == 1
        signatures = AuditEntry.objects.filter(content_type=content_type, object_id=str(contract.pk), action="update")
        assert signatures.count() == 1  # the first signature; the second is the transition
