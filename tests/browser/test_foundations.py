"""The shared workspace foundations in a real browser: sign-in, the dashboard and its header count, the language,
and layout at phone width."""

import pytest

from marketplace.testing import make_organization, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_lands_on_the_dashboard_in_chinese(page, url):
    firm = make_organization("enterprise", name="余姚浏览器测试电器有限公司")
    user = make_user("browser_firm", organization=firm)
    user.set_password("kjdsc-browser-1")
    user.save()
    page.goto(url("frontend:login") + "?next=/workspace/")
    page.fill("input[name=username]", "browser_firm")
    page.fill("input[name=password]", "kjdsc-browser-1")
    page.click("form.login-form button[type=submit], main form button[type=submit]")
    page.wait_for_url("**/workspace/")
    assert page.inner_text("h1") == "我的工作台"
    assert "余姚浏览器测试电器有限公司" in page.inner_text("main")
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert not page.js_errors


def test_english_is_chosen_and_remembered(page, url, login):
    firm = make_organization("enterprise", name="余姚语言测试有限公司", name_en="Yuyao Language Test Co.")
    login(page, make_user(organization=firm))
    page.goto(url("frontend:dashboard"))
    page.click("form.lang-switch button[value=en]")
    page.wait_for_load_state()
    assert page.inner_text("main h1") == "My workspace"
    page.goto(url("frontend:dashboard"))  # remembered on the next page
    assert page.inner_text("main h1") == "My workspace"


def test_a_phone_sees_the_dashboard_without_sideways_scrolling(phone, url, login):
    firm = make_organization("enterprise", name="余姚手机测试有限公司")
    login(phone, make_user(organization=firm))
    phone.goto(url("frontend:dashboard"))
    assert phone.inner_text("main h1") == "我的工作台"
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
