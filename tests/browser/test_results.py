"""The firm's side of tech transfer in a real browser: confidentiality terms, an inquiry with the owner's reply and
structured feedback, bidding in an auction, and the result's page on a phone."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.testing import make_organization, make_user
from tech_transfer import services
from tech_transfer.models import Auction, AuctionDeposit, Bid, ConfidentialityAcceptance, Inquiry
from tech_transfer.testing import PDF_BYTES, confirmed_deposit
from tech_transfer.tests.test_results import make_result

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "水路直径4mm，距型腔表面8mm，工艺参数见附件。"


def _parties():
    institute = make_organization("institute", name="余姚浏览器测试模具研究院")
    owner = make_user(organization=institute)
    firm = make_organization("enterprise", name="余姚浏览器测试家电有限公司")
    user = make_user(organization=firm)
    result = make_result(institute, title="随形冷却模具设计技术", confidential_details=SECRET)
    return institute, owner, firm, user, result


def _auction(result, owner, institute):
    return services.create_auction(
        result=result,
        actor=owner,
        organization=institute,
        starting_price=Decimal("300000"),
        deposit=Decimal("30000"),
        min_increment=Decimal("5000"),
        closes_at=timezone.now() + timedelta(days=3),
    )


def test_firm_accepts_terms_sends_an_inquiry_reads_the_reply_and_leaves_feedback(page, url, login):
    institute, owner, firm, user, result = _parties()
    login(page, user)
    page.goto(url("frontend:result_detail", result.pk))
    assert SECRET not in page.inner_text("main")
    assert "查看方承诺对保密详情保密" in page.inner_text("main")  # the terms themselves

    page.click("button:has-text('接受保密条款')")
    page.wait_for_load_state()
    assert SECRET in page.inner_text("[data-role=confidential]")
    acceptance = ConfidentialityAcceptance.objects.get()
    assert (acceptance.organization_id, acceptance.user_id) == (firm.pk, user.pk)

    page.click("button:has-text('发送意向')")  # an empty message
    page.wait_for_load_state()
    assert page.locator("#inquiry .has-error textarea[name=message]").count() == 1
    assert page.inner_text("#inquiry .field-error").strip()
    assert not Inquiry.objects.exists()
    page.fill("textarea[name=message]", "希望以许可方式用于空调外壳模具，请告知许可费。")
    page.click("button:has-text('发送意向')")
    page.wait_for_url(re.compile(r"/inquiries/\d+/"))
    inquiry = Inquiry.objects.get()
    assert (inquiry.organization_id, inquiry.status) == (firm.pk, "open")

    page.click(".workspace-nav a:has-text('意向')")
    page.wait_for_url("**/inquiries/")
    row = page.locator("tr", has_text="随形冷却模具设计技术")
    assert "待回复" in row.inner_text()

    services.reply_inquiry(inquiry, actor=owner, organization=institute, reply="欢迎洽谈，许可费20万元/年。")
    page.reload()
    assert "已回复" in page.locator("tr", has_text="随形冷却模具设计技术").inner_text()
    page.click("a:has-text('查看回复')")
    page.wait_for_url(re.compile(rf"/inquiries/{inquiry.pk}/"))
    assert "欢迎洽谈，许可费20万元/年。" in page.inner_text("[data-role=reply]")

    page.check("input[name=topic][value=price]")
    page.fill("textarea[name=comment]", "许可费偏高，希望按销量提成。")
    page.click("button:has-text('提交反馈')")
    page.wait_for_load_state()
    assert "许可费偏高" in page.inner_text("[data-role=feedback]")
    inquiry.refresh_from_db()
    assert (inquiry.feedback_topic, inquiry.feedback_comment) == ("price", "许可费偏高，希望按销量提成。")
    assert not page.js_errors


def test_a_bid_too_low_is_refused_and_the_next_minimum_succeeds(page, url, login):
    institute, owner, firm, user, result = _parties()
    auction = _auction(result, owner, institute)
    rival = make_organization("enterprise", name="余姚竞价对手有限公司")
    rival_user = make_user(organization=rival)
    confirmed_deposit(auction, rival, rival_user)
    services.place_bid(auction, actor=rival_user, organization=rival, amount=Decimal("300000"))
    login(page, user)
    page.goto(url("frontend:auction_detail", auction.pk))
    assert "¥300,000" in page.inner_text("[data-role=current-price]")
    # the deposit is recorded with its proof and confirmed by the market operator before bidding
    assert not page.locator(".bid-form").count()
    page.set_input_files(
        "input[name=proof]", files=[{"name": "回单.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.click(".deposit-form button[type=submit]")
    page.wait_for_load_state()
    assert "待确认" in page.inner_text("[data-role=my-deposit]")
    services.confirm_deposit(AuctionDeposit.objects.get(organization=firm), actor=make_user(platform_admin=True))
    page.reload()
    assert page.input_value("input[name=amount]") == "305000.00"  # prefilled with the next minimum

    page.fill("input[name=amount]", "302000")
    page.click(".bid-form button[type=submit]")
    page.wait_for_load_state()
    assert "出价须不低于" in page.inner_text(".bid-form .field-error")
    assert Bid.objects.count() == 1

    page.fill("input[name=amount]", page.inner_text("[data-role=next-minimum]").replace("¥", "").replace(",", ""))
    page.click(".bid-form button[type=submit]")
    page.wait_for_load_state()
    assert "出价成功" in page.inner_text(".messages")
    assert "¥305,000" in page.inner_text("[data-role=current-price]")
    rows = page.locator(".bid-history tbody tr")
    assert rows.count() == 2
    assert "余姚浏览器测试家电有限公司" in rows.nth(0).inner_text() and "¥305,000" in rows.nth(0).inner_text()
    assert "已经平台确认" in page.inner_text("[data-role=deposit-state]")
    assert page.input_value("input[name=amount]") == "310000.00"
    auction.refresh_from_db()
    assert auction.current_price == Decimal("305000.00")
    assert Bid.objects.get(amount=Decimal("305000")).organization_id == firm.pk
    assert not page.js_errors


def test_the_result_page_fits_a_phone(phone, url, login):
    institute, owner, firm, user, result = _parties()
    auction = _auction(result, owner, institute)
    confirmed_deposit(auction, firm, user)
    services.place_bid(auction, actor=user, organization=firm, amount=Decimal("300000"))
    login(phone, user)
    phone.goto(url("frontend:result_detail", result.pk))
    assert phone.locator(".bid-form").is_visible()
    assert phone.locator("textarea[name=message]").is_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    assert Auction.objects.get().bids.count() == 1
