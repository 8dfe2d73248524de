"""The firm's demand journeys in a real browser: posting an anonymous challenge (揭榜挂帅) through the form and sending
it to review; reading the matches of an open demand, shortlisting and accepting a proposal, signing the contract it
drafted, marking the demand solved and rating the outcome (市场阅题); and the form at phone width."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from demands.models import Demand, Evaluation, Proposal
from demands.tests.test_demands import make_demand
from marketplace.testing import make_organization, make_user
from search.backends import get_backend
from tech_transfer.models import TechContract
from tech_transfer.services import sign_contract
from tech_transfer.tests.test_results import make_result

pytestmark = pytest.mark.django_db(transaction=True)


def fill_demand_form(page, **overrides):
    values = {
        "title": "耐低温氟橡胶密封圈国产化替代",
        "problem": "-40℃ 下密封圈压缩永久变形过大导致泄漏，进口材料断供风险高，需要国产氟橡胶配方。",
        "target_indicators": "-40℃ 压缩永久变形 ≤ 25%",
        "budget_min": "600000",
        "budget_max": "500000",
        "deadline": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "bounty": "1000000",
        "ip_terms": "成果知识产权归发榜企业所有",
        **overrides,
    }
    for name, value in values.items():
        page.fill(f"[name={name}]", value)
    page.select_option("select[name=industry_chain]", "molds")
    page.select_option("select[name=tech_field]", "advanced_manufacturing")
    page.select_option("select[name=risk_class]", "red")
    page.select_option("select[name=cooperation_mode]", "commissioned")
    page.check("input[name=is_challenge]")
    page.check("input[name=anonymous]")


def test_a_firm_posts_an_anonymous_challenge_and_sends_it_to_review(page, url, login):
    firm = make_organization("enterprise", name="余姚浏览器发榜企业有限公司")
    login(page, make_user(organization=firm))
    page.goto(url("frontend:my_demands"))
    page.click("text=发布需求")
    page.wait_for_url("**/workspace/demands/new/")

    fill_demand_form(page)  # the minimum is above the maximum
    page.click("form.demand-form button[type=submit]")
    page.wait_for_load_state()
    error = page.locator(".field.has-error .field-error")
    assert "预算上限不能低于下限" in error.first.inner_text()
    assert not Demand.objects.exists()

    page.fill("[name=budget_min]", "200000")
    page.fill("[name=deadline]", (timezone.localdate() - timedelta(days=1)).isoformat())
    page.click("form.demand-form button[type=submit]")
    page.wait_for_load_state()
    assert "截止日期不能早于今天" in page.locator(".field.has-error .field-error").first.inner_text()
    assert not Demand.objects.exists()

    page.fill("[name=deadline]", (timezone.localdate() + timedelta(days=90)).isoformat())
    page.click("form.demand-form button[type=submit]")
    page.wait_for_url("**/workspace/demands/*/")
    demand = Demand.objects.get()
    assert (demand.status, demand.firm, demand.anonymous, demand.is_challenge) == ("draft", firm, True, True)
    assert (demand.bounty, demand.budget_min, demand.budget_max) == (Decimal("1000000"), 200000, 500000)
    assert "草稿" in page.inner_text("header .card-meta")

    page.click("#state button:has-text('提交审核')")
    page.wait_for_load_state()
    assert "待审核" in page.inner_text("header .card-meta")
    assert "已提交审核" in page.inner_text("main")
    demand.refresh_from_db()
    assert demand.status == "pending_review"
    assert not page.js_errors


def test_a_firm_reads_matches_accepts_a_proposal_signs_and_rates(page, url, login):
    get_backend().clear()
    firm = make_organization("enterprise", name="余姚浏览器密封件有限公司")
    firm_user = make_user(organization=firm)
    institute = make_organization("institute", name="余姚浏览器橡胶研究院", expertise=["氟橡胶", "密封件"])
    make_result(institute, title="低温氟橡胶密封件配方技术", keywords=["氟橡胶", "密封件", "低温"],
                abstract="氟橡胶密封件在 -40℃ 下的压缩永久变形控制配方。")  # fmt: skip
    other = make_organization("institute", name="宁波浏览器材料大学")
    demand = make_demand(
        firm, title="氟橡胶密封件低温泄漏", problem="氟橡胶密封件在低温下压缩永久变形大，出现泄漏。",
        budget_min=Decimal("200000"), budget_max=Decimal("500000"),
    )  # fmt: skip
    institute_user = make_user(organization=institute)
    first = Proposal.objects.create(
        demand=demand, institute=institute, author=institute_user, approach="低温氟橡胶配方改性",
        budget=Decimal("320000"), duration_days=120, team="李工等 4 人",
    )  # fmt: skip
    second = Proposal.objects.create(
        demand=demand, institute=other, author=make_user(organization=other), approach="硅橡胶替代方案",
        budget=Decimal("280000"), duration_days=90,
    )  # fmt: skip

    login(page, firm_user)
    page.goto(url("frontend:demand_detail", demand.pk))  # the public page leads the firm to its workspace page
    page.click("text=在工作台管理此需求")
    page.wait_for_url(f"**/workspace/demands/{demand.pk}/")
    matches = page.locator("#matches")
    assert institute.name in matches.inner_text()
    assert "低温氟橡胶密封件配方技术" in matches.inner_text()  # the result behind the institute's score

    page.click(f"#proposal-{first.pk} button:has-text('入围')")
    page.wait_for_load_state()
    first.refresh_from_db()
    assert first.status == "shortlisted"
    assert "入围" in page.inner_text(f"#proposal-{first.pk} .proposal-head")

    page.click(f"#proposal-{first.pk} summary:has-text('接受')")
    page.click(f"#proposal-{first.pk} button:has-text('确认接受')")
    page.wait_for_load_state()
    first.refresh_from_db()
    second.refresh_from_db()
    demand.refresh_from_db()
    assert (first.status, second.status, demand.status) == ("accepted", "declined", "in_cooperation")
    contract = TechContract.objects.get(demand=demand)
    assert (contract.seller, contract.buyer, contract.status) == (institute, firm, "draft")

    page.click(f"#proposal-{first.pk} a:has-text('查看技术合同')")
    page.wait_for_url(f"**/workspace/contracts/{contract.pk}/")
    assert "¥320,000" in page.inner_text("main")
    page.click("summary:has-text('签署合同')")
    page.click("button:has-text('确认签署')")
    page.wait_for_load_state()
    contract.refresh_from_db()
    assert (contract.status, contract.buyer_signed_by) == ("draft", firm_user)  # the firm's side only
    assert "已签署" in page.inner_text("tr[data-side=buyer]")
    assert "待签署" in page.inner_text("tr[data-side=seller]")
    assert "等待对方签署" in page.inner_text("main")
    sign_contract(contract, actor=institute_user, organization=institute)  # the institute signs its side
    page.reload()
    contract.refresh_from_db()
    assert (contract.status, contract.signed_on) == ("signed", timezone.localdate())
    assert "已签署" in page.inner_text("tr[data-side=seller]")

    page.click(f"a:has-text('{demand.title}')")
    page.wait_for_url(f"**/workspace/demands/{demand.pk}/")
    page.click("summary:has-text('标记为已解决')")
    page.click("button:has-text('确认已解决')")
    page.wait_for_load_state()
    demand.refresh_from_db()
    assert demand.status == "solved"

    page.check("#evaluation input[name=rating][value='4']")
    page.fill("#evaluation textarea[name=comment]", "低温泄漏已解决，压缩永久变形 22%")
    page.click("#evaluation button:has-text('提交评价')")
    page.wait_for_load_state()
    evaluation = Evaluation.objects.get(demand=demand)
    assert (evaluation.rating, evaluation.comment) == (4, "低温泄漏已解决，压缩永久变形 22%")
    assert "4 / 5" in page.inner_text("#evaluation")
    assert page.locator("#evaluation form").count() == 0  # rated once only
    assert not page.js_errors


def test_the_demand_form_fits_a_phone(phone, url, login):
    firm = make_organization("enterprise", name="余姚手机发榜企业有限公司")
    login(phone, make_user(organization=firm))
    phone.goto(url("frontend:demand_create"))
    assert phone.inner_text("main h1") == "发布需求"
    phone.check("input[name=is_challenge]")
    phone.click("form.demand-form button[type=submit]")  # the errors must fit as well
    phone.wait_for_load_state()
    assert phone.locator(".field-error").count() > 0
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
