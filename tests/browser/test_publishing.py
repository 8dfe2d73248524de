"""成果发布 in a real browser: an institute publishes a result with a patent (a bad check digit is shown on the patent's
row first), submits it, reads the operator's rejection reason, fixes and resubmits it; replies to an inquiry from its
inbox; and the result form fits a phone."""

import re

import pytest

from marketplace.testing import make_organization, make_user
from tech_transfer import services
from tech_transfer.models import Inquiry, Result
from tech_transfer.tests.test_results import make_result, patent

pytestmark = pytest.mark.django_db(transaction=True)

GOOD = patent("2021", "1", "0123456")
BAD = GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1")
REASON = "摘要缺少冷却效率的测试条件，请补充模具尺寸和测试周期。"


def test_institute_publishes_a_result_with_a_patent_fixes_the_rejection_and_resubmits(page, url, login):
    institute = make_organization("institute", name="余姚浏览器测试高分子研究院")
    user = make_user(organization=institute)
    admin = make_user(platform_admin=True)
    login(page, user)
    page.goto(url("frontend:my_results"))
    page.click("a:has-text('发布成果')")
    page.wait_for_url("**/workspace/results/new/")

    page.fill("input[name=title]", "注塑模具随形冷却水路设计技术")
    page.fill("textarea[name=abstract]", "基于金属3D打印的随形冷却水路，冷却时间缩短30%。")
    page.fill("input[name=keywords]", "随形冷却、3D打印、注塑模具")
    page.select_option("select[name=tech_field]", "advanced_manufacturing")
    page.select_option("select[name=trl]", "6")
    page.check("input[name=industry_chains][value=molds]")
    page.check("input[name=transfer_modes][value=license]")
    page.check("input[name=transfer_modes][value=transfer]")
    page.check("input[name=price_mode][value=fixed]")
    page.fill("input[name=price]", "350000")
    page.fill("textarea[name=confidential_details]", "水路直径4mm，距型腔表面8mm。")
    page.fill("input[name='patents-0-number']", BAD)
    page.select_option("select[name='patents-0-patent_type']", "invention")
    page.select_option("select[name='patents-0-legal_status']", "granted")
    page.fill("input[name='patents-0-ipc_codes']", "B29C 45/73, B33Y80/00")
    page.click("button:has-text('保存草稿')")
    page.wait_for_load_state()

    row = page.locator("tr.patent-row").first
    assert "专利申请号校验位错误。" in row.locator(".field-error").inner_text()
    assert row.locator(".has-error input[name='patents-0-number']").count() == 1
    assert page.input_value("input[name=title]") == "注塑模具随形冷却水路设计技术"  # the rest is kept
    assert not Result.objects.exists()

    page.fill("input[name='patents-0-number']", GOOD)
    page.click("button:has-text('保存草稿')")
    page.wait_for_url(re.compile(r"/workspace/results/\d+/$"))
    result = Result.objects.get()
    assert (result.owner_id, result.status, result.price, result.trl) == (institute.pk, "draft", 350000, 6)
    saved = result.patents.get()
    assert (saved.number, saved.ipc_codes) == (GOOD, ["B29C45/73", "B33Y80/00"])
    assert GOOD in page.inner_text("main")

    page.click("button:has-text('提交审核')")
    page.wait_for_load_state()
    assert "已提交审核" in page.inner_text("main")
    result.refresh_from_db()
    assert result.status == "pending_review"

    services.reject_result(result, actor=admin, note=REASON)  # the operator returns it with a reason
    page.reload()
    assert REASON in page.inner_text("[data-role=review-note]")
    page.click("#state a:has-text('修改')")
    page.wait_for_url(f"**/workspace/results/{result.pk}/edit/")
    assert REASON in page.inner_text("[data-role=review-note]")
    page.fill(
        "textarea[name=abstract]", "基于金属3D打印的随形冷却水路：300×200 mm 模具，连续 72 小时测试，冷却时间缩短30%。"
    )
    page.click("button:has-text('保存草稿')")
    page.wait_for_url(f"**/workspace/results/{result.pk}/")
    page.click("button:has-text('重新提交')")
    page.wait_for_load_state()
    assert "已重新提交审核" in page.inner_text("main")
    result.refresh_from_db()
    assert result.status == "pending_review"
    assert "连续 72 小时测试" in result.abstract
    assert list(result.patents.values_list("number", flat=True)) == [GOOD]
    assert not page.js_errors


def test_institute_replies_to_an_inquiry_from_its_inbox(page, url, login):
    institute = make_organization("institute", name="余姚浏览器测试模具研究院")
    owner = make_user(organization=institute)
    firm = make_organization("enterprise", name="余姚浏览器测试家电有限公司")
    firm_user = make_user(organization=firm)
    result = make_result(institute, title="随形冷却模具设计技术")
    inquiry = services.create_inquiry(
        result=result, organization=firm, actor=firm_user, message="希望以许可方式用于空调外壳模具，请告知许可费。"
    )
    login(page, owner)
    page.goto(url("frontend:dashboard"))
    page.click(".workspace-nav a:has-text('收到的意向')")
    page.wait_for_url("**/workspace/results/inquiries/")
    row = page.locator("tr", has_text="随形冷却模具设计技术")
    assert "待回复" in row.inner_text()
    assert "余姚浏览器测试家电有限公司" in row.inner_text()
    row.locator("a:has-text('回复')").click()
    page.wait_for_url(f"**/inquiries/{inquiry.pk}/")
    page.fill("textarea[name=reply]", "欢迎洽谈，许可费20万元/年，可按销量提成。")
    page.click("button:has-text('发送回复')")
    page.wait_for_load_state()
    assert "欢迎洽谈，许可费20万元/年" in page.inner_text("[data-role=reply]")
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.reply) == ("replied", "欢迎洽谈，许可费20万元/年，可按销量提成。")
    page.click("a:has-text('收到的意向')")
    page.wait_for_url("**/workspace/results/inquiries/")
    assert "已回复" in page.locator("tr", has_text="随形冷却模具设计技术").inner_text()
    assert Inquiry.objects.get().status == "replied"


def test_result_form_fits_a_phone(phone, url, login):
    institute = make_organization("institute")
    login(phone, make_user(organization=institute))
    phone.goto(url("frontend:result_create"))
    phone.fill("input[name='patents-0-number']", BAD)
    phone.click("button:has-text('保存草稿')")  # with its error messages too
    phone.wait_for_load_state()
    assert phone.locator(".field-error").count() > 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    for selector in ("input[name='patents-0-number']", "select[name=tech_field]", "button:has-text('保存草稿')"):
        box = phone.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
