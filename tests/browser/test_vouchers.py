"""创新券 and 结算单 in a real browser: a firm applies for a programme's vouchers (the cap refused on the field, then
a valid application listed as pending), and a firm whose voucher-paid booking was completed reads its balance and
ledger and downloads its invoice and monthly statement as PDFs; the vouchers page on a phone."""

import io
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from instruments import services as booking_services
from instruments.testing import local, make_instrument
from marketplace.testing import make_organization, make_user
from vouchers.models import Claim, Invoice, VoucherGrant
from vouchers.testing import make_grant, make_program, register_provider

pytestmark = pytest.mark.django_db(transaction=True)


def pdf_text(path) -> str:
    data = Path(path).read_bytes()
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def voucher_paid_booking(program, firm, firm_user):
    """Through the services: the provider registered, the firm's grant approved, a booking requested with vouchers,
    started and completed — which redeems the voucher part and issues the invoice."""
    provider = make_organization("institute", name="余姚浏览器检测研究院")
    provider_user = make_user(organization=provider)
    register_provider(program, provider)
    instrument = make_instrument(provider, approval_mode="auto", name="浏览器测试扫描电镜")  # 600 / hour
    grant = make_grant(program, firm, Decimal("10000"))
    booking = booking_services.request_booking(
        actor=firm_user,
        organization=firm,
        instrument=instrument,
        service_item=instrument.service_items.get(),
        start=local(1, 9),
        end=local(1, 11),
        payment={"use_voucher": True},
    )
    booking = booking_services.start_booking(booking, actor=provider_user, organization=provider, now=booking.start)
    booking = booking_services.complete_booking(
        booking, actor=provider_user, organization=provider, now=booking.start + timedelta(hours=2)
    )
    return grant, provider, Invoice.objects.get(booking=booking)


def test_a_firm_applies_for_vouchers(page, url, login):
    authority = make_organization("authority", name="余姚市科学技术局")
    program = make_program(authority, name="浏览器测试创新券项目")
    firm = make_organization("enterprise", name="余姚浏览器申请电器有限公司")
    login(page, make_user(organization=firm))
    page.goto(url("frontend:vouchers"))
    card = page.locator(f"#program-{program.pk}")
    assert "长三角" in card.inner_text()
    card.get_by_label("申请额度（元）").fill("150000")
    card.get_by_label("用途说明").fill("整机检测")
    card.get_by_role("button", name="申请").click()
    page.wait_for_load_state()
    error = page.locator(f"#program-{program.pk} .field-error")
    assert "上限" in error.inner_text()
    assert not VoucherGrant.objects.exists()

    card = page.locator(f"#program-{program.pk}")
    card.get_by_label("申请额度（元）").fill("30000")
    card.get_by_label("用途说明").fill("整机电磁兼容检测")
    card.get_by_role("button", name="申请").click()
    page.wait_for_url("**/workspace/vouchers/**")
    grant = VoucherGrant.objects.get()
    assert (grant.firm_id, grant.status, grant.requested_amount) == (firm.pk, "applied", Decimal("30000.00"))
    shown = page.locator(f"#grant-{grant.pk}")
    assert "浏览器测试创新券项目" in shown.inner_text()
    assert shown.locator(".pill").inner_text() == "待审核"
    assert "已提交" in page.inner_text(".messages")
    assert "本机构已申请该项目" in page.locator(f"#program-{program.pk}").inner_text()
    assert not page.js_errors


def test_a_firm_reads_its_balance_and_downloads_its_invoice_and_statement(page, url, login):
    authority = make_organization("authority", name="余姚市科学技术局")
    program = make_program(authority)
    firm = make_organization("enterprise", name="余姚浏览器结算电器有限公司")
    firm_user = make_user(organization=firm)
    grant, provider, invoice = voucher_paid_booking(program, firm, firm_user)
    assert invoice.voucher_paid == Decimal("600.00")

    login(page, firm_user)
    page.goto(url("frontend:vouchers"))
    balance = page.locator(f"#grant-{grant.pk} .balance")
    assert balance.locator("[data-balance=granted]").inner_text() == "¥10,000"
    assert balance.locator("[data-balance=held]").inner_text() == "¥0"
    assert balance.locator("[data-balance=redeemed]").inner_text() == "¥600"
    assert balance.locator("[data-balance=available]").inner_text() == "¥9,400"
    kinds = page.locator("table.ledger tbody tr").evaluate_all("rows => rows.map(r => r.dataset.kind)")
    assert kinds == ["redeem", "hold", "grant"]
    assert "浏览器测试扫描电镜" in page.inner_text("table.ledger")

    page.locator(".workspace-nav").get_by_role("link", name="结算单").click()
    page.wait_for_url("**/workspace/invoices/")
    row = page.locator(f"tr[data-invoice='{invoice.number}']")
    assert "余姚浏览器检测研究院" in row.inner_text()
    assert "¥1,200" in row.inner_text() and "¥600" in row.inner_text()
    with page.expect_download() as invoice_download:
        row.get_by_role("link", name="PDF").click()
    assert invoice_download.value.suggested_filename == f"{invoice.number}.pdf"
    assert invoice.number in pdf_text(invoice_download.value.path())

    statement = page.locator("form.statement-form[data-role=customer]")
    statement.get_by_label("服务机构").select_option(str(provider.pk))
    statement.get_by_label("对账月份").fill(timezone.localtime(invoice.issued_at).strftime("%Y-%m"))
    with page.expect_download() as statement_download:
        statement.get_by_role("button", name="下载对账单（PDF）").click()
    text = pdf_text(statement_download.value.path())
    assert invoice.number in text
    assert not page.js_errors


def test_the_vouchers_page_fits_a_phone(phone, url, login):
    authority = make_organization("authority", name="余姚市科学技术局")
    program = make_program(authority)
    make_program(authority, name="第二个开放申请的创新券项目")
    firm = make_organization("enterprise", name="余姚手机创新券电器有限公司")
    firm_user = make_user(organization=firm)
    voucher_paid_booking(program, firm, firm_user)
    login(phone, firm_user)
    for name in ("frontend:vouchers", "frontend:invoice_list"):
        phone.goto(url(name))
        assert phone.locator("main h1").is_visible()
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than the phone"
    phone.goto(url("frontend:vouchers"))
    assert phone.locator(".balance .is-available").is_visible()
    assert phone.locator("form.program-apply button").is_visible()


def test_a_provider_claims_the_vouchers_redeemed_with_it(page, url, login):
    authority = make_organization("authority", name="余姚市科学技术局")
    program = make_program(authority)
    firm = make_organization("enterprise", name="余姚浏览器兑付电器有限公司")
    _, provider, invoice = voucher_paid_booking(program, firm, make_user(organization=firm))
    login(page, make_user(organization=provider))
    page.goto(url("frontend:dashboard"))
    page.locator(".workspace-nav").get_by_role("link", name="创新券兑付").click()
    page.wait_for_url("**/workspace/vouchers/provider/")
    assert "已备案" in page.locator(f"#program-{program.pk}").inner_text()
    page.get_by_text("申请兑付", exact=True).click()
    form = page.locator("form.claim-form")
    today = timezone.localdate()
    form.get_by_label("期间开始").fill(today.replace(day=1).isoformat())
    form.get_by_label("期间结束").fill(today.isoformat())
    form.get_by_label("发票号码").fill("3302269901")
    form.get_by_label("服务记录/合同说明").fill(f"扫描电镜检测，结算单 {invoice.number}")
    form.get_by_role("button", name="提交兑付申请").click()
    page.wait_for_url("**/workspace/vouchers/provider/**")
    claim = Claim.objects.get()
    assert (claim.provider_id, claim.amount, claim.status) == (provider.pk, Decimal("600.00"), "submitted")
    row = page.locator(f"#claim-{claim.pk}")
    assert "¥600" in row.inner_text() and "待审核" in row.inner_text()
    assert "兑付申请已提交" in page.inner_text(".messages")
    assert not page.js_errors
