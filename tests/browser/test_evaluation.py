"""科技成果评价 in a real browser: an institute asks for an evaluation of its result, the evaluation body accepts,
names its experts (an expert of the owning institute is refused on the form), scores the GB/T 44731-2024 dimensions
and issues the report; the result's public page then shows the grade, date and the report PDF — the bytes issued."""

import pytest
from django.utils import timezone

from marketplace.testing import make_organization, make_user
from tech_transfer.models import ResultEvaluation
from tech_transfer.testing import EXPERTS, SCORES, evaluation_body
from tech_transfer.tests.test_results import make_result

pytestmark = pytest.mark.django_db(transaction=True)


def test_owner_requests_the_body_issues_and_the_report_shows_on_the_result(page, phone, url, login):
    institute = make_organization("institute", name="余姚浏览器测试模具研究院")
    owner = make_user(organization=institute)
    center = make_organization("service_provider", name="宁波浏览器测试成果评价中心")
    reviewer = make_user(organization=center)
    body = evaluation_body(center)
    result = make_result(institute, title="随形冷却模具设计技术")

    # the owner asks for an evaluation from the result's page
    login(page, owner)
    page.goto(url("frontend:result_detail", result.pk))
    page.click("text=申请成果评价")
    page.wait_for_load_state()
    page.select_option("select[name=body]", str(body.pk))
    page.fill("textarea[name=purpose]", "成果转化定价参考")
    page.click("button:has-text('提交申请')")
    page.wait_for_load_state()
    evaluation = ResultEvaluation.objects.get(result=result)
    assert "待受理" in page.inner_text("main")

    # the body accepts, names experts (the owner's own is refused), reviews and issues
    page.context.clear_cookies()
    login(page, reviewer)
    page.goto(url("frontend:evaluation_detail", evaluation.pk))
    page.click("button:has-text('受理申请')")
    page.wait_for_load_state()
    form = page.locator("[data-role=expert-form]")
    form.locator("input[name=name]").fill("张三")
    form.locator("input[name=title]").fill("研究员")
    form.locator("input[name=affiliation_name]").fill("余姚浏览器测试模具研究院")
    form.locator("input[name=field]").fill("模具")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "须回避" in page.inner_text("[data-role=expert-form]")
    for expert in EXPERTS:
        form = page.locator("[data-role=expert-form]")
        for name in ("name", "title", "affiliation_name", "field"):
            form.locator(f"input[name={name}]").fill(expert[name])
        if expert.get("is_chair"):
            form.locator("input[name=is_chair]").check()
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
    assert page.locator("[data-role=experts] tbody tr").count() == 3
    page.click("button:has-text('开始评审')")
    page.wait_for_load_state()
    issue = page.locator("[data-role=issue-form]")
    for code, score in SCORES.items():
        issue.locator(f"input[name=score_{code}]").fill(str(score))
    issue.locator("select[name=trl]").select_option("7")
    issue.locator("select[name=grade]").select_option("domestic_leading")
    issue.locator("select[name=novelty]").select_option("integrated")
    issue.locator("textarea[name=conclusion]").fill("该成果总体达到国内领先水平，具备产业化条件。")
    issue.locator("button[type=submit]").click()
    page.wait_for_load_state()
    evaluation.refresh_from_db()
    assert evaluation.status == "issued"
    assert evaluation.number in page.inner_text("[data-role=report-number]")

    # anyone reads the grade, date and report on the result's page; the PDF is the stored one
    page.context.clear_cookies()
    page.goto(url("frontend:result_detail", result.pk))
    panel = page.inner_text("[data-role=result-evaluations]")
    assert "国内领先" in panel
    assert timezone.localtime(evaluation.issued_at).strftime("%Y-%m-%d") in panel
    href = page.get_attribute("[data-role=evaluation-report]", "href")
    response = page.request.get(url(href))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    evaluation.refresh_from_db()
    with evaluation.document.open("rb") as file:
        assert response.body() == file.read()
    assert not page.js_errors

    # on a phone the panel fits the screen
    phone.goto(url("frontend:result_detail", result.pk))
    assert "国内领先" in phone.inner_text("[data-role=result-evaluations]")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
