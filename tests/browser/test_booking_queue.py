"""预约管理 in a real browser: an institute confirms a waiting request from its queue, checks a session in and out and
sees the actual-use bill on the booking's page, marks a no-show with its fee shown first, finds a booking on the
instrument's week calendar; the queue fits a phone."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from frontend.views.bookings import week_param
from instruments import services
from instruments.models import Booking
from instruments.testing import local, make_instrument
from marketplace.testing import make_organization, make_user

pytestmark = pytest.mark.django_db(transaction=True)


class Market:
    def __init__(self):
        self.institute = make_organization("institute", name="余姚浏览器队列研究院")
        self.owner = make_user(organization=self.institute)
        self.instrument = make_instrument(self.institute, approval_mode="owner", name="队列浏览器电镜")
        self.firm = make_organization("enterprise", name="余姚浏览器队列电器有限公司")
        self.user = make_user(organization=self.firm)

    def book(self, start, minutes=60):
        return services.request_booking(
            actor=self.user,
            organization=self.firm,
            instrument=self.instrument,
            service_item=self.instrument.service_items.get(),
            start=start,
            end=start + timedelta(minutes=minutes),
            payment={"use_voucher": False},
        )

    def overdue(self, minutes_ago=90, minutes=120):
        """A confirmed booking whose start lay ``minutes_ago`` back, not checked in."""
        booking = self.book(local(2, 10), minutes)
        services.confirm_booking(booking, actor=self.owner, organization=self.institute)
        start = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=minutes_ago)
        Booking.objects.filter(pk=booking.pk).update(start=start, end=start + timedelta(minutes=minutes))
        booking.refresh_from_db()
        return booking


def row(page, booking):
    return page.locator(f"tr[data-booking='{booking.pk}']")


def test_confirm_a_waiting_request_from_the_queue(page, url, login):
    market = Market()
    waiting = market.book(local(3, 10))
    login(page, market.owner)
    page.goto(url("frontend:booking_queue") + "?show=requested")
    assert market.firm.name in row(page, waiting).inner_text()
    with page.expect_navigation():
        row(page, waiting).locator("[data-action=confirm]").click()
    assert "已确认" in page.inner_text(".messages")
    assert row(page, waiting).count() == 0  # no longer waiting
    assert Booking.objects.get(pk=waiting.pk).status == "confirmed"
    assert not page.js_errors


def test_reject_needs_a_reason(page, url, login):
    market = Market()
    waiting = market.book(local(3, 10))
    login(page, market.owner)
    page.goto(url("frontend:booking_queue") + "?show=requested")
    row(page, waiting).locator("summary[data-action=reject]").click()
    row(page, waiting).locator("button:has-text('确认拒绝')").click()
    page.wait_for_url(re.compile(r"/bookings/\d+/reject/"))
    assert "请填写拒绝原因。" in page.inner_text(".field-error")
    assert Booking.objects.get(pk=waiting.pk).status == "requested"
    page.fill("textarea[name=reason]", "设备检修")
    page.click("button:has-text('确认拒绝')")
    page.wait_for_url(re.compile(r"/workspace/bookings/"))
    assert "已拒绝" in page.inner_text(".messages")
    assert Booking.objects.get(pk=waiting.pk).status == "rejected"


def test_check_a_session_in_and_out_and_see_the_bill(page, url, login):
    market = Market()
    booking = market.overdue(minutes_ago=75, minutes=120)
    login(page, market.owner)
    page.goto(url("frontend:booking_queue") + "?show=overdue")
    with page.expect_navigation():
        row(page, booking).locator("[data-action=check-in]").click()
    assert "已签到" in page.inner_text(".messages")
    assert Booking.objects.get(pk=booking.pk).status == "in_progress"

    page.goto(url("frontend:booking_queue") + "?show=today")
    row(page, booking).locator("[data-action=check-out]").click()
    page.wait_for_url(re.compile(r"/bookings/\d+/check-out/"))
    # The actual end defaults to now (to the minute): 75 minutes from the booked start, less the 5-minute grace,
    # rounded up to the 30-minute grid: 1.5 h × ¥600.
    default = timezone.make_aware(timezone.datetime.fromisoformat(page.input_value("input[name=actual_end]")))
    assert abs(default - timezone.now()) < timedelta(minutes=2)
    with page.expect_navigation():
        page.click("button[name=preview]")
    assert page.inner_text("[data-checkout=estimate]") == "¥900"
    assert Booking.objects.get(pk=booking.pk).status == "in_progress"  # previewing changes nothing
    page.fill("textarea[name=usage_note]", "正常使用")
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(r"/bookings/\d+/$"))
    assert "结算金额 ¥900" in page.inner_text(".messages")
    facts = page.inner_text("main")
    assert "结算金额" in facts and "¥900（1.5 小时）" in facts
    assert "已完成" in page.inner_text("main .page-header")
    booking.refresh_from_db()
    assert (booking.status, booking.final_amount) == ("completed", Decimal("900.00"))
    assert not page.js_errors


def test_mark_a_no_show_with_the_fee_shown_first(page, url, login):
    market = Market()
    booking = market.overdue(minutes_ago=30, minutes=60)
    login(page, market.owner)
    page.goto(url("frontend:booking_queue") + "?show=overdue")
    button = row(page, booking).locator("[data-action=no-show]")
    assert "¥300" in button.inner_text()  # 50 % of the ¥600 quote
    button.click()
    page.wait_for_url(re.compile(r"/bookings/\d+/no-show/"))
    assert page.inner_text("[data-noshow=fee]") == "¥300"
    assert Booking.objects.get(pk=booking.pk).status == "confirmed"  # the page alone changes nothing
    page.click("button:has-text('确认爽约，收取 ¥300')")
    page.wait_for_url(re.compile(r"/bookings/\d+/$"))
    assert "爽约费 ¥300" in page.inner_text(".messages")
    assert page.inner_text("[data-booking=fee]").startswith("¥300")
    booking.refresh_from_db()
    assert (booking.status, booking.fee) == ("no_show", Decimal("300.00"))


def test_the_week_calendar_shows_the_booking(page, url, login):
    market = Market()
    booking = market.book(local(8, 10), 90)
    login(page, market.owner)
    page.goto(url("frontend:booking_queue"))
    page.click("a:has-text('周日历')")
    page.wait_for_url(re.compile(r"/workspace/instruments/\d+/calendar/"))
    assert page.locator(f"a.cal-booking[data-booking='{booking.pk}']").count() == 0  # a later week
    monday = timezone.localdate(booking.start) - timedelta(days=timezone.localdate(booking.start).weekday())
    while week_param(monday) not in page.url:
        page.click("[data-calendar=next]")
        page.wait_for_load_state()
    item = page.locator(f"a.cal-booking[data-booking='{booking.pk}']")
    assert item.is_visible()
    assert "10:00–11:30" in item.inner_text() and market.firm.name in item.inner_text()
    day = page.locator(f"section.cal-day[data-day='{timezone.localdate(booking.start).isoformat()}']")
    assert day.locator(f"[data-booking='{booking.pk}']").count() == 1
    item.click()
    page.wait_for_url(re.compile(rf"/bookings/{booking.pk}/$"))
    assert not page.js_errors


def test_the_queue_fits_a_phone(phone, url, login):
    market = Market()
    market.book(local(3, 10))
    market.overdue()
    login(phone, market.owner)
    phone.goto(url("frontend:booking_queue"))
    assert phone.locator("tr[data-booking]").count() == 2
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the queue is {overflow}px wider than the phone"
    phone.goto(url("frontend:booking_calendar", market.instrument.pk))
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the calendar is {overflow}px wider than the phone"
    assert not phone.js_errors
