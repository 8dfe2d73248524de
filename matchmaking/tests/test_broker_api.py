"""The broker API: the directory and the operator's verification, assignments with the same visibility and
anonymity rule as the pages, validation (400 with field errors), conflicts (409 with a code) and query counts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.testing import api_client

from .. import broker_services as services
from .broker_factories import make_broker, market

pytestmark = pytest.mark.django_db


def test_directory_is_public_and_shows_the_track_record():
    make_broker(name="陈思远")
    make_broker(status="pending")
    body = api_client().get(reverse("api:broker-profile-list")).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert (row["name"], row["deals_assisted"], row["turnover"], row["rating_avg"]) == ("陈思远", 0, "0.00", None)


def test_file_a_profile_and_the_operator_verifies_it():
    m = market()
    client = api_client(m.institute.user, m.institute.organization)
    payload = {
        "level": "junior",
        "certificate_number": "ZJ-1",
        "certificate_issuer": "浙江省科技厅",
        "certificate_expires": str(timezone.localdate() + timedelta(days=30)),
        "tech_fields": ["new_materials"],
        "regions": ["330281"],
        "languages": ["中文"],
    }
    assert (
        client.post(reverse("api:broker-profile-list"), {**payload, "level": "master"}, format="json").status_code
        == 400
    )
    response = client.post(reverse("api:broker-profile-list"), payload, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert (
        client.post(
            reverse("api:broker-profile-list"), {**payload, "certificate_number": "ZJ-2"}, format="json"
        ).json()["code"]
        == "already_registered"
    )
    firm = api_client(m.firm.user, m.firm.organization)
    assert (
        firm.post(
            reverse("api:broker-profile-list"), {**payload, "certificate_number": "ZJ-3"}, format="json"
        ).status_code
        == 403
    )
    assert firm.get(reverse("api:broker-profile-detail", args=[pk])).status_code == 404
    assert firm.post(reverse("api:broker-profile-verify", args=[pk])).status_code == 404
    operator = api_client(m.operator.user, m.operator.organization)
    assert operator.post(reverse("api:broker-profile-reject", args=[pk]), {"note": ""}).status_code == 400
    response = operator.post(reverse("api:broker-profile-verify", args=[pk]))
    assert response.status_code == 200 and response.json()["status"] == "verified"
    assert firm.patch(reverse("api:broker-profile-detail", args=[pk]), {"bio": "x"}, format="json").status_code == 403
    response = client.patch(reverse("api:broker-profile-detail", args=[pk]), {"bio": "新的简介"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "verified"


def test_assignment_journey_with_anonymity_commission_and_rating():
    m = market(anonymous=True)
    firm = api_client(m.firm.user, m.firm.organization)
    broker = api_client(m.broker.user, m.broker.organization)
    outsider = api_client(m.outsider.user, m.outsider.organization)
    url = reverse("api:broker-assignment-list")
    assert firm.post(url, {"broker": m.broker.pk}, format="json").status_code == 400  # no deal
    assert outsider.post(url, {"broker": m.broker.pk, "demand": m.demand.pk}, format="json").json()["code"] == (
        "not_a_party"
    )
    response = firm.post(url, {"broker": m.broker.pk, "demand": m.demand.pk, "message": "请协助"}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert firm.post(url, {"broker": m.broker.pk, "demand": m.demand.pk}, format="json").status_code == 409
    detail = reverse("api:broker-assignment-detail", args=[pk])
    body = broker.get(detail).json()
    assert body["deal"]["details"] is None and body["assigned_by_organization"] is None
    assert m.firm.organization.name not in str(body)
    assert outsider.get(detail).status_code == 404
    assert outsider.post(reverse("api:broker-assignment-accept", args=[pk])).status_code == 404
    assert firm.post(reverse("api:broker-assignment-accept", args=[pk])).json()["code"] == "not_the_broker"
    assert broker.post(reverse("api:broker-assignment-accept", args=[pk])).status_code == 200
    body = broker.get(detail).json()
    assert body["deal"]["details"]["problem"] == m.demand.problem and m.firm.organization.name not in str(body)
    assert broker.post(reverse("api:broker-assignment-notes", args=[pk]), {"body": ""}).status_code == 400
    assert broker.post(reverse("api:broker-assignment-notes", args=[pk]), {"body": "已沟通"}).status_code == 201
    response = broker.post(
        reverse("api:broker-assignment-suggestions", args=[pk]), {"institute": m.institute.organization.pk}
    )
    assert response.status_code == 201
    start = timezone.now() + timedelta(days=1)
    response = broker.post(
        reverse("api:broker-assignment-meetings", args=[pk]),
        {"start": start.isoformat(), "end": (start - timedelta(hours=1)).isoformat(), "place": "余姚", "topic": "对接"},
        format="json",
    )
    assert response.status_code == 400 and "end" in response.json()["errors"]
    assert firm.post(reverse("api:broker-assignment-consent", args=[pk]), {"consent": True}).status_code == 200
    assert broker.get(detail).json()["deal"]["firm"]["name"] == m.firm.organization.name
    # The contract with its commission; ratings after signing.
    contract = m.contract(Decimal("300000"))
    response = firm.post(
        url,
        {
            "broker": m.broker.pk,
            "contract": contract.pk,
            "commission_kind": "rate",
            "commission_rate": "150",
            "commission_payer": "buyer",
        },
        format="json",
    )
    assert response.status_code == 400 and "commission_rate" in response.json()["errors"]
    response = firm.post(
        url,
        {
            "broker": m.broker.pk,
            "contract": contract.pk,
            "commission_kind": "fixed",
            "commission_rate": "2",
            "commission_payer": "buyer",
        },
        format="json",
    )
    assert response.status_code == 400
    response = firm.post(
        url,
        {
            "broker": m.broker.pk,
            "contract": contract.pk,
            "commission_kind": "rate",
            "commission_rate": "2.5",
            "commission_payer": "buyer",
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["commission_due"] == "7500.00"
    cpk = response.json()["id"]
    assert (
        broker.post(
            reverse("api:broker-assignment-commission", args=[cpk]), {"kind": "fixed", "payer": "buyer", "amount": "1"}
        ).status_code
        == 409
    )
    assert firm.post(reverse("api:broker-assignment-rate", args=[cpk]), {"score": 5}).json()["code"] == "not_rateable"
    broker.post(reverse("api:broker-assignment-accept", args=[cpk]))
    from tech_transfer import services as transfer_services

    transfer_services.sign_contract(contract, actor=m.firm.user, organization=m.firm.organization)
    transfer_services.sign_contract(contract, actor=m.institute.user, organization=m.institute.organization)
    assert firm.post(reverse("api:broker-assignment-rate", args=[cpk]), {"score": 9}).status_code == 400
    assert firm.post(reverse("api:broker-assignment-rate", args=[cpk]), {"score": 5}).status_code == 201
    assert firm.post(reverse("api:broker-assignment-rate", args=[cpk]), {"score": 4}).json()["code"] == "already_rated"
    profile = api_client().get(reverse("api:broker-profile-detail", args=[m.broker.pk])).json()
    assert (profile["contracts_signed"], profile["turnover"], profile["rating_count"]) == (1, "300000.00", 1)


def test_suggested_brokers_for_a_demand_and_list_query_counts():
    m = market()
    body = (
        api_client(m.firm.user, m.firm.organization)
        .get(reverse("api:broker-profile-suggested"), {"demand": m.demand.pk})
        .json()
    )
    assert body[0]["broker"]["id"] == m.broker.pk and "熟悉产业链：模具" in body[0]["reasons"]
    assert api_client().get(reverse("api:broker-profile-suggested"), {"demand": 0}).status_code == 404
    client = api_client(m.broker.user, m.broker.organization)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("api:broker-assignment-list")).status_code == 200
        return len(captured)

    services.assign_broker(broker=m.broker, deal=m.demand, actor=m.firm.user, organization=m.firm.organization)
    few = count()
    for _ in range(4):
        other = market()
        services.assign_broker(
            broker=m.broker, deal=other.demand, actor=other.firm.user, organization=other.firm.organization
        )
    assert count() == few
