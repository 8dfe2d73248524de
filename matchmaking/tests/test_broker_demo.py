"""The demo brokers: seeded with certificates, assignments, commission and ratings, idempotent, and the broker
suggestions score the demo demands as a person would expect."""

from io import StringIO

import pytest
from django.core.management import call_command

from demands.models import Demand

from ..broker_matching import suggest_brokers
from ..models import BrokerAssignment, BrokerProfile, BrokerRating

pytestmark = pytest.mark.django_db


def test_demo_brokers_and_suggestions_on_demo_demands():
    call_command("seed_demo", stdout=StringIO())
    counts = (BrokerProfile.objects.count(), BrokerAssignment.objects.count(), BrokerRating.objects.count())
    call_command("seed_demo", stdout=StringIO())  # idempotent
    assert (BrokerProfile.objects.count(), BrokerAssignment.objects.count(), BrokerRating.objects.count()) == counts
    assert BrokerProfile.objects.filter(status="verified").count() == 3
    assert BrokerProfile.objects.filter(status="pending").count() == 1
    wang = BrokerProfile.objects.with_track_record().get(user__username="nb_transfer")
    assert wang.contracts_signed == 2 and wang.turnover > 0 and wang.rating_count == 3
    assert BrokerAssignment.objects.filter(commission_kind="rate", contract__isnull=False).exists()
    anonymous = BrokerAssignment.objects.with_deal().get(demand__anonymous=True)
    assert anonymous.firm_hidden_from(anonymous.broker.user)
    # A mould demand in 余姚: the mould broker of 余姚 first, with the reasons behind it.
    mold = Demand.objects.select_related("firm__region", "tech_field", "industry_chain").get(
        title="空调面板模具深腔部位随形冷却镶件应用"
    )
    entries = suggest_brokers(mold)
    assert entries[0]["broker"].user.username == "xu_broker"
    assert "熟悉产业链：模具" in entries[0]["reasons"] and "服务地区：余姚市" in entries[0]["reasons"]
    # An optics demand: the senior broker who covers optoelectronics and has signed contracts.
    optics = Demand.objects.get(title="车载环视镜头外镜片镀膜耐候性提升")
    top = suggest_brokers(optics)[0]
    assert top["broker"].user.username == "nb_transfer" and any("促成签约" in r for r in top["reasons"])
    assert all(e["broker"].status == "verified" for e in entries)
