"""技术经理人 in a real browser: a firm assigns a suggested broker to its demand, the broker accepts, adds a note and
proposes an institute, the firm invites it; the contract drafted from the accepted proposal gets the broker with a
commission, both parties sign, and the broker's public profile shows the track record; the profile fits a phone."""

from decimal import Decimal

import pytest

from demands import services as demand_services
from marketplace.testing import make_organization, make_user
from matchmaking.models import BrokerAssignment
from matchmaking.tests.broker_factories import make_broker, make_demand
from tech_transfer import services as transfer_services
from tech_transfer.models import TechContract

pytestmark = pytest.mark.django_db(transaction=True)


def test_broker_helps_a_firm_from_demand_to_signed_contract_with_commission(page, phone, url, login):
    firm = make_organization("enterprise", name="余姚浏览器经纪模具有限公司")
    firm_user = make_user(organization=firm)
    institute = make_organization("institute", name="余姚浏览器经纪模具研究院")
    institute_user = make_user(organization=institute)
    broker = make_broker(name="浏览器经理人许明")
    demand = make_demand(firm, title="浏览器经纪：注塑件翘曲控制")

    # The firm assigns the suggested broker from its demand page.
    login(page, firm_user)
    page.goto(url("frontend:my_demand", demand.pk))
    suggested = page.locator("[data-role=suggested-brokers]")
    assert "浏览器经理人许明" in suggested.inner_text() and "熟悉产业链：模具" in suggested.inner_text()
    with page.expect_navigation():
        suggested.get_by_role("button", name="委托").click()
    assert "等待其接受" in page.content()
    assignment = BrokerAssignment.objects.get(demand=demand)

    # The broker accepts, writes a note and proposes the institute.
    login(page, broker.user)
    page.goto(url("frontend:my_broker"))
    with page.expect_navigation():
        page.locator("[data-role=assignments]").get_by_role("link", name=demand.title).click()
    with page.expect_navigation():
        page.get_by_role("button", name="接受委托").click()
    assert demand.problem in page.locator("[data-role=deal]").inner_text()
    page.get_by_role("textbox", name="跟进记录").fill("已与企业确认翘曲量指标 ≤ 0.3 mm")
    with page.expect_navigation():
        page.get_by_role("button", name="添加记录").click()
    assert "翘曲量指标" in page.locator("[data-role=notes]").inner_text()
    page.get_by_label("推荐机构").select_option(label=institute.name)
    page.get_by_label("推荐理由").fill("该院做过随形冷却与模流分析")
    with page.expect_navigation():
        page.get_by_role("button", name="推荐", exact=True).click()
    assert institute.name in page.locator("[data-role=suggestions]").inner_text()

    # The firm sees the suggestion on its demand page and invites the institute; the institute proposes.
    login(page, firm_user)
    page.goto(url("frontend:my_demand", demand.pk))
    with page.expect_navigation():
        page.locator("[data-role=broker-suggestions]").get_by_role("button", name="邀请提交方案").click()
    assert demand.invitations.filter(institute=institute).exists()
    proposal = demand_services.submit_proposal(
        demand=demand,
        organization=institute,
        actor=institute_user,
        approach="随形冷却 + 模流分析",
        budget=Decimal("180000"),
        duration_days=60,
    )
    demand_services.accept_proposal(proposal, actor=firm_user, organization=firm)
    contract = TechContract.objects.get(proposal=proposal)

    # On the contract page the firm assigns the broker with a 3 % commission paid by the buyer.
    page.goto(url("frontend:contract_detail", contract.pk))
    box = page.locator("[data-role=deal-brokers]")
    box.get_by_text("委托技术经理人").click()
    box.get_by_label("佣金方式").select_option("rate")
    box.get_by_label("佣金比例(%)").fill("3")
    box.get_by_label("支付方").select_option("buyer")
    with page.expect_navigation():
        box.get_by_role("button", name="委托", exact=True).click()
    assert "¥5,400" in page.locator("[data-role=deal-assignments]").inner_text()
    on_contract = BrokerAssignment.objects.get(contract=contract)
    assert (on_contract.commission_kind, on_contract.commission_payer) == ("rate", "buyer")

    # The broker accepts; both parties sign (the contract's own journey has its tests).
    login(page, broker.user)
    page.goto(url("frontend:broker_assignment", on_contract.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="接受委托").click()
    assert "¥5,400" in page.locator("[data-role=commission]").inner_text()
    transfer_services.sign_contract(contract, actor=firm_user, organization=firm)
    transfer_services.sign_contract(contract, actor=institute_user, organization=institute)

    # The public profile shows the track record, and fits a phone.
    for viewer in (page, phone):
        viewer.goto(url("frontend:broker_detail", broker.pk))
        record = viewer.locator("[data-role=track-record]")
        assert record.locator("[data-field=deals_assisted]").inner_text() == "2"
        assert record.locator("[data-field=contracts_signed]").inner_text() == "1"
        assert "180,000" in record.locator("[data-field=turnover]").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert not page.js_errors and not phone.js_errors
    assert assignment.notes.count() == 1
