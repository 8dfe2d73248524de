"""Recurring bookings and downtime in a real browser: a firm books a weekly series on the booking form with one week
already taken, and sees the skipped date on the series page; an owner declares a maintenance downtime from the
instrument's management workspace and the firm's booking it hit shows cancelled free of charge with the reason and
alternatives. Both pages fit a phone."""

import re
from datetime import timedelta

import pytest

from instruments import services
from instruments.models import BookingSeries
from instruments.testing import local, make_instrument
from marketplace.testing import make_organization, make_user

pytestmark = pytest.mark.django_db(transaction=True)


class Market:
    def __init__(self):
        self.institute = make_organization("institute", name="余姚浏览器重复预约研究院")
        self.owner = make_user(organization=self.institute)
        self.instrument = make_instrument(self.institute, approval_mode="auto", name="重复预约衍射仪")
        self.firm = make_organization("enterprise", name="余姚浏览器重复预约电器有限公司")
        self.user = make_user(organization=self.firm)
        self.other_firm = make_organization("enterprise")
        self.other_user = make_user(organization=self.other_firm)

    def book(self, start, minutes=60, *, user=None, organization=None):
        return services.request_booking(
            actor=user or self.user,
            organization=organization or self.firm,
            instrument=self.instrument,
            service_item=self.instrument.service_items.get(),
            start=start,
            end=start + timedelta(minutes=minutes),
            payment={"use_voucher": False},
        )


def test_a_firm_books_a_weekly_series_and_sees_the_skipped_week(page, url, login):
    market = Market()
    market.book(local(10, 10), user=market.other_user, organization=market.other_firm)  # week 2 is taken
    first = local(3, 9)
    login(page, market.user)
    page.goto(
        url("frontend:book_instrument", market.instrument.pk)
        + f"?day={first.date().isoformat()}&time=09:00&duration=120&use_voucher=off"
    )
    page.select_option("select[name=repeat]", "weekly")
    page.fill("input[name=repeat_count]", "4")
    page.check("input[name=on_conflict][value=skip]")
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(r"/bookings/series/\d+/$"))
    created = BookingSeries.objects.get()
    assert "预约 3 次" in page.inner_text(".messages")
    skipped = page.inner_text("[data-series=skipped]")
    assert local(10, 9).strftime("%Y-%m-%d %H:%M") in skipped and "已被预约" in skipped
    assert page.locator("[data-series=bookings] tbody tr").count() == 3
    assert created.bookings.count() == 3
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert not page.js_errors


def test_an_owner_declares_downtime_and_the_hit_booking_shows_cancelled_free(page, url, login):
    market = Market()
    make_instrument(make_organization("institute", name="余姚另一研究院"), name="备用衍射仪")
    hit = market.book(local(2, 10))
    login(page, market.owner)
    page.goto(url("frontend:facility_manage", market.instrument.pk))
    page.click("[data-action=downtime]")
    page.wait_for_url(re.compile(r"/downtime/$"))
    page.select_option("select[name=downtime-kind]", "maintenance")
    page.fill("input[name=downtime-start]", local(2, 0).strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=downtime-end]", local(3, 0).strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=downtime-reason]", "更换真空泵")
    page.click("[data-action=declare-downtime]")
    page.wait_for_load_state()
    assert "免费取消 1 个预约" in page.inner_text(".messages")
    assert "更换真空泵" in page.inner_text("[data-downtimes]")
    hit.refresh_from_db()
    assert (hit.status, str(hit.fee)) == ("cancelled", "0.00")

    login(page, market.user)
    page.goto(url("frontend:booking_detail", hit.pk))
    notice = page.inner_text("[data-booking=downtime]")
    assert "免费取消" in notice and "更换真空泵" in notice
    assert "备用衍射仪" in page.inner_text("[data-booking=alternatives]")
    assert "已取消" in page.inner_text(".card-meta")
    assert page.inner_text("[data-booking=due]") == "¥0"
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert not page.js_errors
