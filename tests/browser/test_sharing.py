"""服务评价 in a real browser: the firm rates its completed booking on the booking's page and the rating shows on the
instrument's public page; the owner answers it from its workspace and the answer shows there too; fits a phone."""

import pytest

from instruments.testing import make_instrument
from marketplace.testing import make_organization, make_user
from sharing.models import ServiceRating
from sharing.testing import completed_booking

pytestmark = pytest.mark.django_db(transaction=True)


def test_firm_rates_a_completed_booking_and_the_owner_answers(page, url, login):
    institute = make_organization("institute", name="余姚浏览器评价研究院")
    owner = make_user(organization=institute)
    instrument = make_instrument(institute, name="评价浏览器光谱仪")
    firm = make_organization("enterprise", name="余姚浏览器评价模具有限公司")
    user = make_user(organization=firm)
    booking = completed_booking(instrument, firm, user)

    login(page, user)
    page.goto(url("frontend:booking_detail", booking.pk))
    form = page.locator("form[data-rating-form]")
    form.locator("select[name=timeliness]").select_option("5")
    form.locator("select[name=quality]").select_option("4")
    form.locator("select[name=attitude]").select_option("5")
    form.locator("textarea[name=comment]").fill("报告当天出具，数据清晰。")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "感谢评价" in page.content()
    assert page.locator("form[data-rating-form]").count() == 0
    assert ServiceRating.objects.get(booking=booking).quality == 4

    page.goto(url("frontend:instrument_detail", instrument.pk))
    block = page.locator("[data-ratings=instrument]")
    assert "报告当天出具" in block.inner_text()
    assert block.locator("[data-rating=overall]").inner_text() == "4.67"

    page.context.clear_cookies()
    login(page, owner)
    page.goto(url("frontend:sharing_ratings"))
    answer = page.locator(f"tr[data-rating-id='{ServiceRating.objects.get().pk}'] form")
    answer.locator("textarea[name=answer]").fill("感谢您的肯定，欢迎再来。")
    with page.expect_navigation():
        answer.locator("button[data-action=answer]").click()
    assert "回复已发布" in page.content()

    page.goto(url("frontend:instrument_detail", instrument.pk))
    assert "感谢您的肯定" in page.locator("[data-rating-answer]").inner_text()


def test_ratings_workspace_fits_a_phone(phone, url, login):
    institute = make_organization("institute")
    owner = make_user(organization=institute)
    instrument = make_instrument(institute)
    firm = make_organization("enterprise")
    booking = completed_booking(instrument, firm, make_user(organization=firm))
    ServiceRating.objects.create(booking=booking, organization=firm, rated_by=booking.requester, timeliness=4,
                                 quality=4, attitude=4, comment="很好")  # fmt: skip
    login(phone, owner)
    phone.goto(url("frontend:sharing_ratings"))
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
