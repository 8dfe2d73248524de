"""The institute's demand journeys in a real browser (院所解题): finding a demand on 匹配需求 with why it matched,
answering it with a proposal (a bad budget first, shown on the field), seeing it in 我的方案 and withdrawing another
proposal after confirming; the seller recording a contract's payment; and the proposal form at phone width."""

from decimal import Decimal

import pytest
from django.utils import timezone

from demands.models import Proposal
from demands.tests.test_demands import make_demand
from marketplace.testing import make_organization, make_user
from search.backends import get_backend
from tech_transfer.models import TechContract
from tech_transfer.services import draft_contract
from tech_transfer.tests.test_results import make_result

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_institute_answers_a_matching_demand_and_withdraws_another_proposal(page, url, login):
    get_backend().clear()
    firm = make_organization("enterprise", name="余姚浏览器解题电器有限公司")
    hidden_firm = make_organization("enterprise", name="余姚浏览器匿名发榜企业有限公司")
    institute = make_organization("institute", name="余姚浏览器解题橡胶研究院", expertise=["氟橡胶", "密封件"])
    user = make_user(organization=institute)
    make_result(institute, title="低温氟橡胶密封件配方技术", keywords=["氟橡胶", "密封件", "低温"],
                abstract="氟橡胶密封件在 -40℃ 下的压缩永久变形控制配方。")  # fmt: skip
    demand = make_demand(
        hidden_firm, title="氟橡胶密封件低温泄漏", problem="氟橡胶密封件在低温下压缩永久变形大，出现泄漏。",
        anonymous=True, is_challenge=True, bounty=Decimal("800000"), risk_class="red",
    )  # fmt: skip
    earlier = make_demand(firm, title="洗衣机门封老化开裂", problem="门封橡胶老化开裂。")
    earlier_proposal = Proposal.objects.create(
        demand=earlier, institute=institute, author=user, approach="耐老化配方", budget=Decimal("90000"),
        duration_days=60,
    )  # fmt: skip

    login(page, user)
    page.goto(url("frontend:matching_demands"))
    card = page.locator(f"#match-{demand.pk}")
    assert "氟橡胶密封件低温泄漏" in card.inner_text()
    assert "氟橡胶" in card.locator(".match-terms").inner_text()  # why: the matched terms …
    assert "低温氟橡胶密封件配方技术" in card.locator(".match-evidence").inner_text()  # … and our result behind them
    assert "匿名企业" in card.inner_text()
    assert hidden_firm.name not in page.inner_text("main")

    card.locator("a:has-text('提交方案')").click()
    page.wait_for_url(f"**/demands/{demand.pk}/#propose")
    form = page.locator("form.proposal-form")
    form.locator("[name=approach]").fill("国产三元氟橡胶与低温改性助剂并用，DSC 与 TR 试验优化玻璃化转变。")
    form.locator("[name=budget]").fill("-5")
    form.locator("[name=duration_days]").fill("120")
    form.locator("[name=team]").fill("徐工等 4 人")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    error = page.locator("form.proposal-form .field.has-error .field-error")
    assert error.count() == 1
    assert "0" in error.first.inner_text()  # 确保该值大于或等于0
    assert not Proposal.objects.filter(demand=demand).exists()

    page.locator("form.proposal-form [name=budget]").fill("320000")
    page.locator("form.proposal-form button[type=submit]").click()
    page.wait_for_url(f"**/demands/{demand.pk}/#proposal-*")
    proposal = Proposal.objects.get(demand=demand)
    assert (proposal.institute, proposal.author, proposal.status) == (institute, user, "submitted")
    assert (proposal.budget, proposal.duration_days, proposal.team) == (Decimal("320000"), 120, "徐工等 4 人")
    assert "解题方案已提交" in page.inner_text("main")
    assert "¥320,000" in page.inner_text(f"#proposal-{proposal.pk}")
    assert page.locator("form.proposal-form").count() == 0  # one proposal in play

    page.goto(url("frontend:my_proposals"))
    assert "氟橡胶密封件低温泄漏" in page.inner_text(f"#proposal-{proposal.pk}")
    assert "匿名企业" in page.inner_text(f"#proposal-{proposal.pk}")
    row = page.locator(f"#proposal-{earlier_proposal.pk}")
    row.locator("summary:has-text('撤回')").click()
    row.locator("button:has-text('确认撤回')").click()
    page.wait_for_load_state()
    assert "方案已撤回" in page.inner_text("main")
    assert "已撤回" in page.inner_text(f"#proposal-{earlier_proposal.pk}")
    earlier_proposal.refresh_from_db()
    proposal.refresh_from_db()
    assert (earlier_proposal.status, proposal.status) == ("withdrawn", "submitted")
    assert not page.js_errors


def test_the_seller_records_a_contract_payment(page, url, login):
    firm = make_organization("enterprise", name="余姚浏览器付款电器有限公司")
    institute = make_organization("institute", name="余姚浏览器收款研究院")
    user = make_user(organization=institute)
    contract = draft_contract(kind="development", title="门封耐老化 技术合同", seller=institute, buyer=firm,
                              amount=Decimal("180000"))  # fmt: skip
    TechContract.objects.filter(pk=contract.pk).update(
        status="signed", signed_on=timezone.localdate(), seller_signed_at=timezone.now(), buyer_signed_at=timezone.now()
    )

    login(page, user)
    page.goto(url("frontend:dashboard"))
    page.click("a:has-text('待登记付款的合同')")
    page.click("a:has-text('门封耐老化 技术合同')")
    page.wait_for_url(f"**/workspace/contracts/{contract.pk}/")
    page.click("#payment button:has-text('登记付款')")  # no reference yet
    page.wait_for_load_state()
    assert "付款凭证号" in page.inner_text("main .messages")
    contract.refresh_from_db()
    assert contract.paid_at is None

    page.fill("#payment [name=reference]", "HD20261202-0031")
    page.click("#payment button:has-text('登记付款')")
    page.wait_for_load_state()
    assert "付款已登记" in page.inner_text("main")
    assert "HD20261202-0031" in page.inner_text("#payment")
    assert page.locator("#payment [name=reference]").count() == 0  # once only
    contract.refresh_from_db()
    assert contract.payment_reference == "HD20261202-0031" and contract.paid_at is not None
    assert not page.js_errors


def test_the_proposal_form_fits_a_phone(phone, url, login):
    firm = make_organization("enterprise", name="余姚手机解题企业有限公司")
    institute = make_organization("institute", name="余姚手机解题研究院")
    demand = make_demand(firm, title="手机上提交方案的需求")
    login(phone, make_user(organization=institute))
    phone.goto(url("frontend:demand_detail", demand.pk))
    phone.locator("form.proposal-form button[type=submit]").click()  # empty: the errors must fit as well
    phone.wait_for_load_state()
    assert phone.locator("form.proposal-form .field-error").count() >= 3
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
