"""Booking an instrument in a real browser: a free slot clicked on the instrument's page opens the form pre-filled,
the quote (voucher part and co-payment) is shown and updated before submitting, the booking's page shows the voucher
hold; a late cancellation shows its fee before it is confirmed; the form fits a phone."""

import re
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from instruments import services
from instruments.models import Booking
from instruments.rules import round_up
from instruments.testing import make_instrument
from marketplace.testing import make_organization, make_user
from vouchers.testing import make_grant, make_program, register_provider

pytestmark = pytest.mark.django_db(transaction=True)


def market(**instrument_fields):
    institute = make_organization("institute", name="余姚浏览器测试研究院")
    instrument = make_instrument(institute, approval_mode="auto", name="浏览器测试电镜", **instrument_fields)
    firm = make_organization("enterprise", name="余姚浏览器预约电器有限公司")
    user = make_user(organization=firm)
    program = make_program(make_organization("authority"))
    register_provider(program, institute)
    make_grant(program, firm, Decimal("10000.00"))
    return instrument, firm, user


def quote_text(page, name):
    return page.locator(f"#booking-quote [data-quote={name}]").inner_text()


def test_a_firm_books_a_free_slot_with_vouchers_and_sees_the_quote_first(page, url, login):
    instrument, firm, user = market()
    login(page, user)
    page.goto(url("frontend:instrument_detail", instrument.pk))
    # A slot of a later day: today's first free slot may end too soon for the two-hour change below (the test
    # must not depend on the time of day it runs at).
    later = [
        link
        for link in page.locator("a.slot-link").all()
        if timezone.localtime(timezone.datetime.fromisoformat(link.get_attribute("data-start"))).date()
        > timezone.localdate()
    ]
    slot = later[0]
    start = timezone.localtime(timezone.datetime.fromisoformat(slot.get_attribute("data-start")))
    slot.click()
    page.wait_for_url(re.compile(r"/instruments/\d+/book/"))
    assert page.input_value("select[name=day]") == start.date().isoformat()
    assert page.input_value("select[name=time]") == start.strftime("%H:%M")
    assert page.input_value("select[name=duration]") == "60"
    assert page.is_checked("input[name=use_voucher]")
    # The quote before submitting: 1 h × ¥600, half paid by the voucher.
    assert quote_text(page, "amount") == "¥600"
    assert "−¥300" in quote_text(page, "voucher")
    assert quote_text(page, "copay") == "¥300"
    # Two hours: the quote follows without a reload.
    page.select_option("select[name=duration]", "120")
    page.wait_for_function(
        "document.querySelector('#booking-quote [data-quote=amount]').textContent.trim() === '¥1,200'"
    )
    assert "−¥600" in quote_text(page, "voucher")
    assert quote_text(page, "copay") == "¥600"
    assert not Booking.objects.exists()  # nothing booked by previewing

    page.click("button[name=submit]")
    page.wait_for_url(re.compile(r"/bookings/\d+/$"))
    booking = Booking.objects.get()
    assert page.url.endswith(booking.get_absolute_url())
    assert (booking.requester_org, booking.status, booking.start) == (firm, "confirmed", start)
    assert (booking.amount, booking.voucher_hold.amount) == (Decimal("1200.00"), Decimal("600.00"))
    voucher = page.inner_text("[data-booking=voucher]")
    assert "¥600" in voucher and "冻结中" in voucher
    assert page.inner_text("[data-booking=amount]") == "¥1,200"
    assert not page.js_errors


def test_a_late_cancellation_shows_the_fee_before_it_is_confirmed(page, url, login):
    instrument, firm, user = market(hours=((time(0), time(0)),))  # open round the clock
    start = round_up(timezone.now() + timedelta(hours=3), 30)  # inside the 24 h free-cancellation deadline
    booking = services.request_booking(
        actor=user,
        organization=firm,
        instrument=instrument,
        service_item=instrument.service_items.get(),
        start=start,
        end=start + timedelta(hours=2),
        payment={"use_voucher": True},
    )
    login(page, user)
    page.goto(url("frontend:booking_detail", booking.pk))
    page.click("a:has-text('取消预约')")
    page.wait_for_url(re.compile(r"/bookings/\d+/cancel/$"))
    assert page.inner_text("[data-cancel=fee]") == "¥240"  # 20 % of the ¥1,200 quote
    assert "逾期取消费 ¥240" in page.inner_text("[data-cancel=late]")
    booking.refresh_from_db()
    assert booking.status == "confirmed"  # the confirmation page alone changes nothing

    page.fill("textarea[name=reason]", "计划临时变更")
    page.click("button:has-text('确认取消并支付 ¥240')")
    page.wait_for_url(re.compile(r"/bookings/\d+/$"))
    assert "已取消" in page.inner_text("main .page-header")
    assert page.inner_text("[data-booking=fee]").startswith("¥240")
    assert "已解冻" in page.inner_text("[data-booking=voucher]")
    assert "¥240" in page.inner_text(".messages")
    booking.refresh_from_db()
    assert (booking.status, booking.fee, booking.reason) == ("cancelled", Decimal("240.00"), "计划临时变更")
    assert booking.voucher_hold.status == "released"


def test_the_booking_form_fits_a_phone(phone, url, login):
    instrument, _firm, user = market()
    login(phone, user)
    phone.goto(url("frontend:book_instrument", instrument.pk))
    assert phone.inner_text("main h1") == "预约仪器"
    assert phone.locator("#booking-quote [data-quote=copay]").is_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    assert not phone.js_errors
