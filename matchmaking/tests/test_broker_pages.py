"""The broker pages: the public directory and profile (with the track record), the broker's workspace and an
assignment's page (404 for anyone the API's rule hides it from, the anonymous firm's name never shown to the broker
without consent), assignment from the firm's demand page (推荐技术经理人), the commission on the contract page,
form errors shown again, and bounded query counts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .. import broker_services as services
from ..models import BrokerAssignment, BrokerMeeting, BrokerNote, BrokerProfile
from .broker_factories import make_broker, market

pytestmark = pytest.mark.django_db


def browser(user=None, organization=None):
    client = Client()
    if user is not None:
        client.force_login(user)
        if organization is not None:
            session = client.session
            session["organization_id"] = organization.pk
            session.save()
    return client


def as_party(p):
    return browser(p.user)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_directory_lists_verified_brokers_with_filters_and_bounded_queries():
    make_broker(name="陈思远")
    make_broker(name="林晓", fields=("biomedicine",), status="pending")
    client = browser()
    page = client.get(reverse("frontend:broker_list")).content.decode()
    assert "陈思远" in page and "林晓" not in page
    assert "陈思远" not in client.get(reverse("frontend:broker_list"), {"tech_field": "biomedicine"}).content.decode()
    few = queries(client, reverse("frontend:broker_list"))
    for _ in range(6):
        make_broker()
    assert queries(client, reverse("frontend:broker_list")) == few


def test_profile_page_shows_track_record_and_pending_profiles_only_to_moderators():
    m = market()
    contract = m.contract(Decimal("150000"))
    assignment = services.assign_broker(
        broker=m.broker,
        deal=contract,
        actor=m.firm.user,
        organization=m.firm.organization,
        commission={"kind": "rate", "payer": "buyer", "rate": Decimal("2")},
    )
    services.accept_assignment(assignment, actor=m.broker.user)
    page = browser().get(m.broker.get_absolute_url()).content.decode()
    assert 'data-field="contracts_signed">0<' in page and 'data-field="deals_assisted">1<' in page
    pending = make_broker(status="pending")
    assert browser().get(pending.get_absolute_url()).status_code == 404
    assert browser(m.operator.user).get(pending.get_absolute_url()).status_code == 200
    response = browser(m.operator.user).post(reverse("frontend:broker_review", args=[pending.pk, "verify"]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "verified"
    # Someone else's POST is refused by the service, shown as a message.
    other = make_broker(status="pending")
    browser(m.firm.user).post(reverse("frontend:broker_review", args=[other.pk, "verify"]))
    other.refresh_from_db()
    assert other.status == "pending"


def test_apply_as_broker_from_the_workspace_and_errors_come_back_on_the_form():
    m = market()
    client = browser(m.institute.user)
    url = reverse("frontend:my_broker")
    assert "申请成为技术经理人" in client.get(url).content.decode()
    bad = client.post(
        url,
        {
            "level": "senior",
            "certificate_number": "",
            "certificate_issuer": "浙江省科技厅",
            "certificate_expires": "2030-01-01",
        },
    )
    assert bad.status_code == 200 and "field-error" in bad.content.decode()
    response = client.post(
        url,
        {
            "level": "senior",
            "certificate_number": "ZJ-77",
            "certificate_issuer": "浙江省科技厅",
            "certificate_expires": "2030-01-01",
            "tech_fields": ["new_materials"],
            "languages": "中文，英语",
        },
    )
    assert response.status_code == 302
    profile = BrokerProfile.objects.get(user=m.institute.user)
    assert (profile.status, profile.languages) == ("pending", ["中文", "英语"])
    assert "等待平台核验证书" in client.get(url).content.decode()
    assert browser(m.firm.user).get(url).status_code == 403  # a firm's workspace has no broker area


def test_firm_assigns_from_its_demand_page_and_the_broker_works_on_the_assignment():
    m = market(anonymous=True)
    firm = as_party(m.firm)
    demand_page = firm.get(reverse("frontend:my_demand", args=[m.demand.pk])).content.decode()
    assert "推荐技术经理人" in demand_page and str(m.broker.user) in demand_page
    response = firm.post(
        reverse("frontend:broker_assign", args=["demand", m.demand.pk]),
        {"broker": m.broker.pk, "next": reverse("frontend:my_demand", args=[m.demand.pk])},
    )
    assert response.status_code == 302
    assignment = BrokerAssignment.objects.get(demand=m.demand)
    url = assignment.get_absolute_url()
    broker = browser(m.broker.user)
    page = broker.get(url).content.decode()
    assert "接受委托后可查看项目详情" in page and m.demand.problem not in page
    assert m.firm.organization.name not in page  # anonymous: the firm's name is nowhere on the broker's page
    broker.post(reverse("frontend:broker_assignment_action", args=[assignment.pk, "accept"]))
    page = broker.get(url).content.decode()
    assert m.demand.problem in page and m.firm.organization.name not in page and "匿名企业" in page
    # Form errors come back with their messages, nothing saved.
    bad = broker.post(
        reverse("frontend:broker_assignment_meeting", args=[assignment.pk]),
        {"start": "2020-01-01T10:00", "end": "2020-01-01T11:00", "place": "余姚", "topic": "洽谈"},
    )
    assert bad.status_code == 400 and "开始时间须晚于现在" in bad.content.decode()
    assert not BrokerMeeting.objects.exists()
    broker.post(reverse("frontend:broker_assignment_note", args=[assignment.pk]), {"body": "已了解翘曲问题"})
    assert BrokerNote.objects.filter(assignment=assignment).count() == 1
    broker.post(
        reverse("frontend:broker_assignment_suggest", args=[assignment.pk]),
        {"institute": m.institute.organization.pk, "note": "模流分析团队"},
    )
    start = (timezone.localtime() + timedelta(days=3)).replace(second=0, microsecond=0)
    broker.post(
        reverse("frontend:broker_assignment_meeting", args=[assignment.pk]),
        {
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place": "余姚科技大市场",
            "topic": "技术对接",
        },
    )
    assert BrokerMeeting.objects.filter(assignment=assignment).count() == 1
    # The firm sees the suggestion on its demand page and invites the institute from it.
    demand_page = firm.get(reverse("frontend:my_demand", args=[m.demand.pk])).content.decode()
    assert "技术经理人的推荐" in demand_page and m.institute.organization.name in demand_page
    firm.post(reverse("frontend:demand_invite", args=[m.demand.pk]), {"institute": m.institute.organization.pk})
    assert m.demand.invitations.filter(institute=m.institute.organization).exists()
    # The firm consents: now the broker sees its name.
    firm.post(reverse("frontend:broker_assignment_action", args=[assignment.pk, "consent"]))
    assert m.firm.organization.name in broker.get(url).content.decode()
    # Strangers get a 404, like the API.
    assert browser(m.outsider.user).get(url).status_code == 404
    assert (
        browser(m.outsider.user)
        .post(reverse("frontend:broker_assignment_note", args=[assignment.pk]), {"body": "x"})
        .status_code
        == 404
    )


def test_contract_page_shows_commission_and_assignment_page_counts_stay_bounded():
    m = market()
    contract = m.contract(Decimal("100000"))
    firm = as_party(m.firm)
    firm.post(
        reverse("frontend:broker_assign", args=["contract", contract.pk]),
        {"broker": m.broker.pk, "kind": "rate", "rate": "5", "payer": "seller"},
    )
    assignment = BrokerAssignment.objects.get(contract=contract)
    assert assignment.commission_due == Decimal("5000.00")
    page = firm.get(contract.get_absolute_url()).content.decode()
    assert "技术提供方支付" in page and "¥5,000" in page
    bad = firm.post(
        reverse("frontend:broker_assignment_commission", args=[assignment.pk]),
        {"kind": "rate", "rate": "150", "payer": "buyer"},
    )
    assert bad.status_code == 400
    services.accept_assignment(assignment, actor=m.broker.user)
    broker = browser(m.broker.user)
    few = queries(broker, assignment.get_absolute_url())
    for n in range(5):
        services.add_note(assignment, actor=m.broker.user, body=f"记录{n}")
    assert queries(broker, assignment.get_absolute_url()) == few
    workspace = queries(broker, reverse("frontend:my_broker"))
    for _ in range(4):
        other = market()
        a = services.assign_broker(
            broker=m.broker, deal=other.demand, actor=other.firm.user, organization=other.firm.organization
        )
        services.accept_assignment(a, actor=m.broker.user)
    assert queries(broker, reverse("frontend:my_broker")) == workspace


def test_operator_assigns_from_the_public_demand_page_which_others_see_without_the_box():
    m = market()
    url = reverse("frontend:demand_detail", args=[m.demand.pk])
    assert 'data-role="deal-brokers"' not in browser(m.institute.user).get(url).content.decode()
    operator = browser(m.operator.user)
    assert "推荐技术经理人" in operator.get(url).content.decode()
    operator.post(reverse("frontend:broker_assign", args=["demand", m.demand.pk]), {"broker": m.broker.pk})
    assignment = BrokerAssignment.objects.get(demand=m.demand)
    assert assignment.assigned_by_organization == m.operator.organization
    # The firm sees it on its own page, and may cancel it.
    firm = as_party(m.firm)
    assert str(m.broker.user) in firm.get(reverse("frontend:my_demand", args=[m.demand.pk])).content.decode()
    firm.post(reverse("frontend:broker_assignment_action", args=[assignment.pk, "cancel"]))
    assignment.refresh_from_db()
    assert assignment.status == "cancelled"
