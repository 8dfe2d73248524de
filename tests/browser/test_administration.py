"""审核中心 in a real browser: the market operator's member (not a platform administrator) works through the three
queues — rejects a result with a reason (an empty reason first), approves a demand, verifies an organization — and
the institute then reads the reason; a queue page on a phone."""

import pytest

from demands.tests.test_demands import make_demand
from marketplace.models import Organization
from marketplace.testing import make_organization, make_user
from tech_transfer.models import Result
from tech_transfer.tests.test_results import make_result

pytestmark = pytest.mark.django_db(transaction=True)

PENDING = {"status": "pending_review", "published_at": None}
REASON = "请补充专利的法律状态证明，并在公开摘要中删去工艺参数。"


def _market():
    operator = make_organization("service_provider", name="浏览器测试科技大市场运营服务中心", is_market_operator=True)
    reviewer = make_user(organization=operator, display_name="黄雅琴")
    institute = make_organization("institute", name="浏览器测试机器人研究院")
    owner = make_user(organization=institute)
    firm = make_organization("enterprise", name="浏览器测试家电有限公司")
    make_user(organization=firm)
    result = make_result(institute, title="六维力传感柔顺装配技术", **PENDING)
    demand = make_demand(firm, title="薄壁注塑件翘曲控制", anonymous=True, **PENDING)
    newcomer = make_organization("enterprise", name="浏览器测试新注册模具公司", verified=False)
    return reviewer, owner, result, demand, newcomer


def test_operator_rejects_approves_and_verifies_and_the_owner_reads_why(page, url, login):
    reviewer, owner, result, demand, newcomer = _market()
    assert not reviewer.is_platform_admin
    login(page, reviewer)

    page.goto(url("frontend:dashboard"))
    page.click(".workspace-nav a:has-text('审核中心')")
    page.wait_for_load_state()
    assert page.locator("[data-queue=results] [data-count]").inner_text() == "1"
    assert page.locator("[data-queue=demands] [data-count]").inner_text() == "1"
    assert page.locator("[data-queue=organizations] [data-count]").inner_text() == "1"

    # 成果: an empty reason is a field error, then a real one returns the result to draft.
    page.click("[data-queue=results] a:has-text('六维力传感柔顺装配技术')")
    page.wait_for_load_state()
    page.click("#reject-form button:has-text('驳回')")
    page.wait_for_load_state()
    assert "请填写驳回原因" in page.inner_text("#reject-form .field-error")
    assert Result.objects.get(pk=result.pk).status == "pending_review"
    page.fill("#reject-form textarea", REASON)
    page.click("#reject-form button:has-text('驳回')")
    page.wait_for_load_state()
    assert "已驳回" in page.inner_text(".messages")
    assert "没有待审核的成果" in page.inner_text("main")
    result.refresh_from_db()
    assert (result.status, result.review_note) == ("draft", REASON)

    # 需求: approve; the anonymous demand's firm is shown to the reviewer.
    page.goto(url("frontend:review_center"))
    page.click("[data-queue=demands] a:has-text('薄壁注塑件翘曲控制')")
    page.wait_for_load_state()
    assert "浏览器测试家电有限公司" in page.inner_text("main")
    page.click("#approve-form button")
    page.wait_for_load_state()
    assert "已审核通过" in page.inner_text(".messages")
    demand.refresh_from_db()
    assert demand.status == "open"
    assert demand.published_at is not None

    # 机构: verify.
    page.goto(url("frontend:review_organizations"))
    page.click("a:has-text('浏览器测试新注册模具公司') >> nth=0")
    page.wait_for_load_state()
    page.fill("#verify-note", "营业执照已线下核对")
    page.click("#verify-form button:has-text('通过认证')")
    page.wait_for_load_state()
    assert "已认证机构" in page.inner_text(".messages")
    assert Organization.objects.get(pk=newcomer.pk).verified

    page.goto(url("frontend:review_center"))
    assert page.locator("[data-count]").all_inner_texts() == ["0", "0", "0"]

    # The institute reads the reason in its notification and, through its link, on its own result.
    login(page, owner)
    page.goto(url("frontend:notifications"))
    assert REASON in page.inner_text("main")
    page.click("a:has-text('成果未通过审核')")
    page.wait_for_load_state()
    assert "六维力传感柔顺装配技术" in page.inner_text("main")
    assert REASON in page.inner_text("main")
    assert page.js_errors == []


def test_a_queue_page_fits_a_phone(phone, url, login):
    reviewer, owner, result, _demand, _newcomer = _market()
    for i in range(3):
        make_result(
            owner.memberships.get().organization, title=f"很长的成果名称用于检查窄屏布局是否溢出第{i}项", **PENDING
        )
    login(phone, reviewer)
    for name in ("frontend:review_results", "frontend:review_center"):
        phone.goto(url(name))
        assert "六维力传感柔顺装配技术" in phone.inner_text("main")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (name, width)
    phone.goto(url("frontend:review_result", result.pk))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.locator("#reject-form textarea").is_visible()
