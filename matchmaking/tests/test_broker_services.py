"""Broker services: profiles and their verification, assignment by parties or the operator, the broker's answer
and work, the anonymity rule, commission terms, ratings and the track record, and the broker suggestions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from marketplace.exceptions import DomainError
from marketplace.models import AuditEntry, Notification
from marketplace.testing import make_organization, make_user
from tech_transfer import services as transfer_services

from .. import broker_services as services
from ..broker_deals import deal_view
from ..broker_matching import suggest_brokers
from ..models import BrokerAssignment, BrokerProfile
from .broker_factories import make_broker, market

pytestmark = pytest.mark.django_db


def code_of(call, *args, **kwargs) -> str:
    with pytest.raises(DomainError) as info:
        call(*args, **kwargs)
    return info.value.code


def sign_both(contract, m):
    transfer_services.sign_contract(contract, actor=m.firm.user, organization=m.firm.organization)
    return transfer_services.sign_contract(contract, actor=m.institute.user, organization=m.institute.organization)


PROFILE = {
    "level": "senior",
    "certificate_number": "zj-2026-001",
    "certificate_issuer": "浙江省技术市场促进会",
    "languages": ["中文", "英语"],
    "bio": "十年技术转移经验",
}


def test_profile_is_filed_by_a_member_checked_by_the_operator_and_rechecked_after_a_certificate_change():
    provider = make_organization("service_provider")
    user = make_user(organization=provider)
    data = {
        **PROFILE,
        "certificate_expires": timezone.localdate() + timedelta(days=400),
        "tech_fields": ["new_materials"],
    }
    assert code_of(services.create_profile, actor=user, organization=make_organization("enterprise"), **data) == (
        "wrong_organization_kind"
    )
    assert code_of(services.create_profile, actor=user, organization=make_organization("institute"), **data) == (
        "not_a_member"
    )
    profile = services.create_profile(actor=user, organization=provider, **data)
    assert (profile.status, profile.certificate_number) == ("pending", "ZJ-2026-001")
    assert list(profile.tech_fields.values_list("pk", flat=True)) == ["new_materials"]
    assert not BrokerProfile.objects.visible_to(make_user()).filter(pk=profile.pk).exists()
    assert code_of(services.create_profile, actor=user, organization=provider, **data) == "already_registered"
    assert code_of(services.verify_profile, profile, actor=make_user()) == "not_a_moderator"
    operator = make_organization("service_provider", is_market_operator=True)
    profile = services.verify_profile(profile, actor=make_user(organization=operator))
    assert profile.status == "verified" and profile.assignable
    assert Notification.objects.filter(recipient=user, kind="broker.verified").exists()
    profile = services.update_profile(profile, actor=user, bio="新简介")
    assert profile.status == "verified"
    profile = services.update_profile(profile, actor=user, certificate_expires=timezone.localdate() + timedelta(days=9))
    assert profile.status == "pending" and profile.verified_at is None
    with pytest.raises(ValidationError):
        services.update_profile(profile, actor=user, languages=["x" * 30])


def test_who_may_assign_and_the_broker_answers():
    m = market()
    assert (
        code_of(
            services.assign_broker,
            broker=m.broker,
            deal=m.demand,
            actor=m.outsider.user,
            organization=m.outsider.organization,
        )
        == "not_a_party"
    )
    pending = make_broker(status="pending")
    assert (
        code_of(
            services.assign_broker, broker=pending, deal=m.demand, actor=m.firm.user, organization=m.firm.organization
        )
        == "broker_not_verified"
    )
    expired = make_broker(expires_in=-1)
    assert (
        code_of(
            services.assign_broker, broker=expired, deal=m.demand, actor=m.firm.user, organization=m.firm.organization
        )
        == "broker_not_verified"
    )
    assignment = services.assign_broker(
        broker=m.broker,
        deal=m.demand,
        actor=m.firm.user,
        organization=m.firm.organization,
        message="请协助寻找模具院所",
    )
    assert Notification.objects.filter(recipient=m.broker.user, kind="broker.assigned").exists()
    assert AuditEntry.objects.filter(object_id=str(assignment.pk), action="create").exists()
    assert (
        code_of(
            services.assign_broker,
            broker=m.broker,
            deal=m.demand,
            actor=m.operator.user,
            organization=m.operator.organization,
        )
        == "already_assigned"
    )
    # The database refuses a second live assignment too.
    with pytest.raises(IntegrityError), transaction.atomic():
        BrokerAssignment.objects.create(broker=m.broker, demand=m.demand, assigned_by=m.firm.user)
    assert code_of(services.accept_assignment, assignment, actor=m.firm.user) == "not_the_broker"
    assignment = services.accept_assignment(assignment, actor=m.broker.user)
    assert assignment.status == "accepted"
    assert Notification.objects.filter(recipient=m.firm.user, kind="broker.accepted").exists()
    assert code_of(services.accept_assignment, assignment, actor=m.broker.user) == "illegal_transition"
    # The operator assigns another broker.
    other = services.assign_broker(
        broker=make_broker(), deal=m.demand, actor=m.operator.user, organization=m.operator.organization
    )
    assert services.decline_assignment(other, actor=other.broker.user, note="时间冲突").status == "declined"


def test_one_deal_exactly_by_the_database():
    m = market()
    with pytest.raises(IntegrityError), transaction.atomic():
        BrokerAssignment.objects.create(broker=m.broker, assigned_by=m.firm.user)
    with pytest.raises(IntegrityError), transaction.atomic():
        BrokerAssignment.objects.create(
            broker=m.broker, demand=m.demand, contract=m.contract(), assigned_by=m.firm.user
        )


def test_broker_sees_details_only_once_serving_and_never_an_anonymous_firm_without_consent():
    m = market(anonymous=True)
    assignment = services.assign_broker(
        broker=m.broker, deal=m.demand, actor=m.firm.user, organization=m.firm.organization
    )
    assignment = BrokerAssignment.objects.with_deal().get(pk=assignment.pk)
    view = deal_view(assignment, m.broker.user)
    assert view["details"] is None and view["firm_hidden"] and m.firm.organization.name not in str(view)
    assignment = services.accept_assignment(assignment, actor=m.broker.user)
    assignment = BrokerAssignment.objects.with_deal().get(pk=assignment.pk)
    m.contract()  # a proposal is on the demand now
    view = deal_view(assignment, m.broker.user)
    assert view["details"]["problem"] == m.demand.problem
    assert [p["institute"]["id"] for p in view["details"]["proposals"]] == [m.institute.organization.pk]
    assert view["firm"]["id"] is None and m.firm.organization.name not in str(view)
    assert deal_view(assignment, m.firm.user)["firm"]["name"] == m.firm.organization.name
    assert (
        code_of(
            services.set_consent,
            assignment,
            actor=m.institute.user,
            organization=m.institute.organization,
            consent=True,
        )
        == "not_the_firm"
    )
    assignment = services.set_consent(assignment, actor=m.firm.user, organization=m.firm.organization, consent=True)
    assignment = BrokerAssignment.objects.with_deal().get(pk=assignment.pk)
    assert deal_view(assignment, m.broker.user)["firm"]["name"] == m.firm.organization.name
    # The consent is the broker's only: another viewer who sees the assignment still does not learn the name.
    assert assignment.firm_hidden_from(make_user())


def test_notes_suggestions_and_meetings_are_the_serving_brokers():
    m = market()
    assignment = services.assign_broker(
        broker=m.broker, deal=m.demand, actor=m.firm.user, organization=m.firm.organization
    )
    assert code_of(services.add_note, assignment, actor=m.broker.user, body="初步沟通") == "assignment_not_accepted"
    assignment = services.accept_assignment(assignment, actor=m.broker.user)
    assert code_of(services.add_note, assignment, actor=m.firm.user, body="x") == "not_the_broker"
    assert code_of(services.add_note, assignment, actor=m.broker.user, body="  ") == "rule_violation"
    assert services.add_note(assignment, actor=m.broker.user, body="已电话沟通技术指标").body == "已电话沟通技术指标"
    suggestion = services.suggest(assignment, actor=m.broker.user, institute=m.institute.organization, note="模具强")
    assert Notification.objects.filter(recipient=m.firm.user, kind="broker.suggested").exists()
    assert code_of(services.suggest, assignment, actor=m.broker.user, institute=m.institute.organization) == (
        "already_suggested"
    )
    assert code_of(services.suggest, assignment, actor=m.broker.user, institute=m.outsider.organization) == (
        "wrong_organization_kind"
    )
    assert suggestion.institute == m.institute.organization
    start = timezone.now() + timedelta(days=2)
    assert (
        code_of(
            services.schedule_meeting,
            assignment,
            actor=m.broker.user,
            start=start,
            end=start,
            place="余姚",
            topic="洽谈",
        )
        == "bad_slot"
    )
    past = timezone.now() - timedelta(days=1)
    assert (
        code_of(
            services.schedule_meeting,
            assignment,
            actor=m.broker.user,
            start=past,
            end=past + timedelta(hours=1),
            place="余姚",
            topic="洽谈",
        )
        == "in_the_past"
    )
    meeting = services.schedule_meeting(
        assignment,
        actor=m.broker.user,
        start=start,
        end=start + timedelta(hours=1),
        place="余姚科技大市场 2 楼",
        topic="技术方案对接",
    )
    assert meeting.pk and Notification.objects.filter(recipient=m.firm.user, kind="broker.meeting").exists()


def test_commission_on_a_contract_only_until_signed_then_ratings_and_track_record():
    m = market()
    demand_assignment = services.assign_broker(
        broker=m.broker, deal=m.demand, actor=m.firm.user, organization=m.firm.organization
    )
    assert (
        code_of(
            services.set_commission,
            demand_assignment,
            actor=m.firm.user,
            organization=m.firm.organization,
            kind="rate",
            payer="buyer",
            rate=Decimal("3"),
        )
        == "not_a_contract"
    )
    services.accept_assignment(demand_assignment, actor=m.broker.user)
    contract = m.contract(Decimal("200000"))
    assignment = services.assign_broker(
        broker=m.broker,
        deal=contract,
        actor=m.institute.user,
        organization=m.institute.organization,
        commission={"kind": "rate", "payer": "both", "rate": Decimal("3")},
    )
    assert assignment.commission_due == Decimal("6000.00")
    assert (
        code_of(
            services.set_commission,
            assignment,
            actor=m.firm.user,
            organization=m.firm.organization,
            kind="rate",
            payer="buyer",
            rate=Decimal("120"),
        )
        == "rule_violation"
    )
    assert (
        code_of(
            services.set_commission,
            assignment,
            actor=m.outsider.user,
            organization=m.outsider.organization,
            kind="fixed",
            payer="buyer",
            amount=Decimal("5000"),
        )
        == "not_a_party"
    )
    assignment = services.set_commission(
        assignment,
        actor=m.firm.user,
        organization=m.firm.organization,
        kind="fixed",
        payer="buyer",
        amount=Decimal("8000"),
    )
    assert (assignment.commission_rate, assignment.commission_due) == (None, Decimal("8000.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        BrokerAssignment.objects.filter(pk=assignment.pk).update(commission_rate=Decimal("5"))
    assignment = services.accept_assignment(assignment, actor=m.broker.user)
    assert (
        code_of(services.rate_broker, assignment, actor=m.firm.user, organization=m.firm.organization, score=5)
        == "not_rateable"
    )
    sign_both(contract, m)
    assert (
        code_of(
            services.set_commission,
            assignment,
            actor=m.firm.user,
            organization=m.firm.organization,
            kind="fixed",
            payer="buyer",
            amount=Decimal("1"),
        )
        == "contract_signed"
    )
    services.rate_broker(assignment, actor=m.firm.user, organization=m.firm.organization, score=5, comment="专业")
    assert (
        code_of(services.rate_broker, assignment, actor=m.firm.user, organization=m.firm.organization, score=4)
        == "already_rated"
    )
    assert (
        code_of(services.rate_broker, assignment, actor=m.outsider.user, organization=m.outsider.organization, score=4)
        == "not_a_party"
    )
    services.rate_broker(assignment, actor=m.institute.user, organization=m.institute.organization, score=4)
    # The demand assignment is closed: the firm may rate that one too.
    closed = services.close_assignment(demand_assignment, actor=m.broker.user)
    services.rate_broker(closed, actor=m.firm.user, organization=m.firm.organization, score=3)
    profile = BrokerProfile.objects.with_track_record().get(pk=m.broker.pk)
    assert (profile.deals_assisted, profile.contracts_signed, profile.turnover) == (2, 1, Decimal("200000.00"))
    assert (profile.rating_count, round(profile.rating_avg, 2)) == (3, 4.0)


def test_broker_suggestions_score_fields_chains_regions_and_past_deals_with_reasons():
    m = market()
    mold = m.broker  # advanced_manufacturing · molds · 余姚
    elsewhere = make_broker(fields=("advanced_manufacturing",), chains=(), regions=("310000",), level="senior")
    unrelated = make_broker(fields=("biomedicine",), chains=(), regions=("310000",), level="senior")
    make_broker(status="pending")
    entries = suggest_brokers(m.demand)
    assert [e["broker"].pk for e in entries] == [mold.pk, elsewhere.pk]
    assert entries[0]["reasons"][:3] == ["擅长领域：先进制造与自动化", "熟悉产业链：模具", "服务地区：余姚市"]
    assert unrelated.pk not in [e["broker"].pk for e in entries]
    # A signed contract counts: the other broker overtakes when it has more of a record.
    for _ in range(3):
        other = market()
        contract = other.contract()
        assignment = services.assign_broker(
            broker=elsewhere, deal=contract, actor=other.firm.user, organization=other.firm.organization
        )
        services.accept_assignment(assignment, actor=elsewhere.user)
        sign_both(contract, other)
    entries = suggest_brokers(m.demand)
    assert entries[0]["broker"].pk == elsewhere.pk and "促成签约 3 份" in entries[0]["reasons"]
    without = [e["broker"].pk for e in suggest_brokers(m.demand, exclude=[elsewhere.pk])]
    assert without[0] == mold.pk and elsewhere.pk not in without
