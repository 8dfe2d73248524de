"""仪器管理 in a real browser: an institute lists a new instrument (a refused first try, then a good one with a
photo), gives it a priced service item and opening hours, and a visitor's public page shows it; the instrument form
fits a phone."""

import io
from datetime import time
from decimal import Decimal

import pytest

from instruments.models import Instrument
from marketplace.testing import make_organization, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (29, 79, 145)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def fill_instrument(page, *, min_minutes, max_minutes, photo):
    page.fill("#id_name", "工业CT检测系统")
    page.fill("#id_name_en", "Industrial CT system")
    page.select_option("#id_category", "special_inspection")
    page.fill("#id_model_number", "XT H 225")
    page.fill("#id_original_value", "5200000")
    page.fill("#id_specs", "最大电压: 225 kV\n分辨率: 3 μm")
    page.select_option("#id_booking_mode", "sample_testing")
    page.check("#id_voucher_eligible")
    page.fill("#id_min_duration_minutes", str(min_minutes))
    page.fill("#id_max_duration_minutes", str(max_minutes))
    page.set_input_files("#id_photo", files=[photo])


def test_an_institute_lists_an_instrument_that_the_public_page_shows(page, url, login, media):
    institute = make_organization("institute", name="余姚浏览器测试研究院")
    login(page, make_user(organization=institute))
    page.goto(url("frontend:facility_list"))
    page.click(".page-header a.button:has-text('登记仪器')")
    page.wait_for_url("**/workspace/instruments/new/")

    # A first try with a text file posing as a photo and a maximum below the minimum: refused, nothing stored.
    fake = {"name": "ct.jpg", "mimeType": "image/jpeg", "buffer": b"not an image, just text"}
    fill_instrument(page, min_minutes=120, max_minutes=60, photo=fake)
    page.click("form.facility-form button[type=submit]")
    page.wait_for_load_state()
    assert "请上传 JPG、PNG 或 WebP 格式的图片" in page.inner_text(".field.has-error")
    assert not Instrument.objects.exists()
    assert not list(media.rglob("*"))

    # A real PNG now; the form kept the other values, and the durations are refused next.
    assert page.input_value("#id_name") == "工业CT检测系统"
    real = {"name": "ct.png", "mimeType": "image/png", "buffer": png_bytes()}
    page.set_input_files("#id_photo", files=[real])
    page.click("form.facility-form button[type=submit]")
    page.wait_for_load_state()
    assert "最短时长不能大于最长时长" in page.inner_text(".form-errors")
    assert not Instrument.objects.exists()
    assert not list(media.rglob("*"))

    # Corrected.
    page.fill("#id_max_duration_minutes", "480")
    page.set_input_files("#id_photo", files=[real])
    page.click("form.facility-form button[type=submit]")
    page.wait_for_url("**/workspace/instruments/*/")
    assert "已登记" in page.inner_text(".messages")
    instrument = Instrument.objects.get()
    assert instrument.owner == institute
    assert (instrument.min_duration_minutes, instrument.max_duration_minutes) == (120, 480)
    assert instrument.specs == {"最大电压": "225 kV", "分辨率": "3 μm"}
    assert instrument.photo.name.endswith(".png")
    assert page.evaluate("document.querySelector('#overview img.facility-photo').naturalWidth") == 64

    # A service item with its three prices.
    page.fill("#id_item-name", "三维CT扫描")
    page.select_option("#id_item-unit", "sample")
    page.fill("#id_item-price_enterprise", "800")
    page.fill("#id_item-price_academic", "600")
    page.fill("#id_item-price_internal", "400")
    page.click("button:has-text('添加服务项目')")
    page.wait_for_load_state()
    assert "服务项目已添加" in page.inner_text(".messages")
    item = instrument.service_items.get()
    assert (item.name, item.unit, item.price_enterprise, item.price_academic) == (
        "三维CT扫描",
        "sample",
        Decimal("800.00"),
        Decimal("600.00"),
    )
    assert "¥800" in page.inner_text("#items table")

    # Opening hours on two weekdays; Wednesday runs to midnight.
    page.select_option("#id_hours-0-weekday", "0")
    page.fill("#id_hours-0-start", "08:30")
    page.fill("#id_hours-0-end", "12:00")
    page.select_option("#id_hours-1-weekday", "2")
    page.fill("#id_hours-1-start", "13:00")
    page.fill("#id_hours-1-end", "00:00")
    page.click("button:has-text('保存开放时间')")
    page.wait_for_load_state()
    assert "开放时间已保存" in page.inner_text(".messages")
    hours = list(instrument.opening_hours.order_by("weekday").values_list("weekday", "start", "end"))
    assert hours == [(0, time(8, 30), time(12)), (2, time(13), time(0))]

    # The public page, as a signed-out visitor sees it.
    public = page.get_attribute("a:has-text('查看公开页面')", "href")
    page.context.clear_cookies()
    page.goto(url(public))
    assert page.inner_text("main h1").startswith("工业CT检测系统")
    prices = page.inner_text("section[aria-labelledby=prices-title]")
    assert "三维CT扫描" in prices and "¥800" in prices
    hours_text = page.inner_text("main")
    assert "08:30–12:00" in hours_text and "13:00–24:00" in hours_text
    assert not page.js_errors


def test_the_public_page_shows_the_photo(page, url, media):
    """The public instrument page shows the owner's photo (served by ``frontend:instrument_photo``)."""
    institute = make_organization("institute", name="余姚照片测试研究院")
    instrument = Instrument.objects.create(
        owner=institute,
        name="激光共聚焦显微镜",
        category="analytical",
        original_value=Decimal("2000000"),
        booking_mode="sample_testing",
    )
    instrument.photo.save("confocal.png", io.BytesIO(png_bytes()))
    page.goto(url("frontend:instrument_detail", instrument.pk))
    photo = page.locator("main img[src*='/photo/']")
    assert photo.count() == 1, "instrument_detail.html does not show instrument.photo"
    photo.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete", arg=photo.element_handle())
    assert photo.evaluate("img => img.naturalWidth") == 64


def test_the_instrument_form_fits_a_phone(phone, url, login):
    provider = make_organization("service_provider", name="余姚手机检测服务有限公司")
    login(phone, make_user(organization=provider))
    phone.goto(url("frontend:facility_create"))
    assert phone.inner_text("main h1") == "登记仪器"
    phone.click("form.facility-form button[type=submit]")  # empty: field messages, still no sideways scrolling
    phone.wait_for_load_state()
    assert phone.locator(".field.has-error").count() >= 3
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the form is {overflow}px wider than the phone"
