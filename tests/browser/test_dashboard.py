"""市场监测 in a real browser: the page renders its figures, ECharts (vendored, served by us) draws every chart as SVG,
nothing is requested from anywhere but the test server, the CSV link downloads the table, and the administrators'
page works for an authority."""

from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from marketplace.testing import make_organization, make_user
from tech_transfer.models import TechContract

pytestmark = pytest.mark.django_db(transaction=True)


def _contract(seller, buyer, amount, days_ago):
    names = {f.name for f in TechContract._meta.get_fields()}
    signatures = (
        {"seller_signed_at": timezone.now(), "buyer_signed_at": timezone.now()} if "seller_signed_at" in names else {}
    )
    return TechContract.objects.create(
        kind="development", title="浏览器测试合同", seller=seller, buyer=buyer, amount=Decimal(amount),
        signed_on=timezone.localdate() - timedelta(days=days_ago), status="signed", **signatures,
    )  # fmt: skip


def _requests_stay_local(page):
    hosts = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).hostname))
    return hosts


def test_the_public_dashboard_draws_its_charts_from_local_files_only(page, url):
    institute = make_organization("institute", name="余姚浏览器监测研究院")
    firm = make_organization("enterprise")
    _contract(institute, firm, "120000.00", 0)
    hosts = _requests_stay_local(page)
    page.goto(url("frontend:market_dashboard"))
    assert page.inner_text("main h1") == "市场监测"
    assert "¥120,000" in page.inner_text("[data-kpi=contract_amount]")
    # Every chart box is drawn by ECharts (an <svg> inside it), and its table is on the page too.
    page.wait_for_selector("[data-chart][data-drawn] svg")
    boxes = page.locator("[data-chart]")
    assert boxes.count() >= 8
    assert page.locator("[data-chart] svg").count() == boxes.count()
    assert page.locator("#table-contracts_by_month table tbody tr").count() == 12
    assert page.evaluate("typeof window.echarts") == "object"
    assert set(hosts) == {"127.0.0.1"} or set(hosts) == {"localhost"}, hosts
    assert not page.js_errors


def test_the_csv_link_downloads_the_table(page, url):
    _contract(make_organization("institute"), make_organization("enterprise"), "5000.00", 0)
    page.goto(url("frontend:market_dashboard"))
    with page.expect_download() as info:
        page.click("#table-contracts_by_kind .csv-link")
    download = info.value
    assert download.suggested_filename.startswith("dashboard-contracts_by_kind-")
    content = download.path().read_text(encoding="utf-8")
    assert content.startswith("\ufeff合同类型,") and "技术开发,1,0,5000.00" in content


def test_filters_and_the_administrators_page(page, url, login):
    authority = make_organization("authority", name="余姚市科学技术局（浏览器）")
    login(page, make_user(organization=authority))
    hosts = _requests_stay_local(page)
    page.goto(url("frontend:market_dashboard_admin"))
    assert page.inner_text("main h1") == "市场监测（管理）"
    assert page.locator("#table-budget_use").count() == 1
    page.select_option("select[name=region]", "330281")
    page.click(".dashboard-filters button[type=submit]")
    page.wait_for_url("**region=330281**")
    assert "余姚市" in page.inner_text(".dashboard-filters .hint")
    page.wait_for_selector("[data-chart][data-drawn] svg")
    assert set(hosts) <= {"127.0.0.1", "localhost"}, hosts
    assert not page.js_errors
