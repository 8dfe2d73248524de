"""Browser tests: real pages in Debian's Chromium, driven by Playwright for Python against a live test server.

The browser is the system one (``CHROMIUM_PATH``, else ``chromium`` on the PATH); Playwright never downloads its
own. Without a browser the tests are skipped, unless ``REQUIRE_BROWSER=1`` (CI sets it), which makes a missing
browser a failure instead. A failing test leaves a full-page screenshot and the page's HTML in
``BROWSER_ARTIFACTS`` (default ``test-artifacts/browser``), named after the test.

Journeys sign in by planting a session cookie (``login``) rather than typing a password in every test; the sign-in
form itself has its own browser test.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests make around it are
# ordinary synchronous calls, so Django's async-safety guard is lifted for this directory only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", "test-artifacts/browser"))
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000


def _chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if not path:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but no Chromium found (install Debian's chromium or set CHROMIUM_PATH)")
        pytest.skip("no Chromium on this machine (install Debian's chromium package or set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


def _new_page(browser, request, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
        except Exception:  # the page may be gone; the failure itself is what matters
            pass
    context.close()


@pytest.fixture
def page(browser, request, live_server):
    """A desktop-sized page (1366 px) of a fresh browser context."""
    yield from _new_page(browser, request, DESKTOP)


@pytest.fixture
def phone(browser, request, live_server):
    """A phone-sized page (390 px)."""
    yield from _new_page(browser, request, PHONE)


@pytest.fixture
def login(live_server):
    """``login(page, user)``: sign ``user`` in on ``page`` (a session cookie from Django's test client)."""
    from django.test import Client

    def sign_in(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
        return page

    return sign_in


@pytest.fixture
def url(live_server):
    """``url("/path/")`` → the live server's absolute URL of a path (or a URL name with args via reverse)."""
    from django.urls import reverse

    def build(path_or_name, *args):
        path = path_or_name if path_or_name.startswith("/") else reverse(path_or_name, args=args)
        return live_server.url + path

    return build
