"""创新券管理 in a real browser: the 科技局's member approves a grant (cap and remaining budget shown first; an amount
over the cap refused on the field), a provider registration and a claim, then — the claim's 公示 moved into the past
— drafts a settlement, approves it (its number shown), marks it paid with the bank reference and downloads the PDF;
the page on a phone does not overflow."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from marketplace.testing import make_organization, make_user
from vouchers.models import Claim, ProviderRegistration, Settlement, VoucherGrant
from vouchers.services import programs
from vouchers.testing import make_claim, make_grant, make_program, register_provider

pytestmark = pytest.mark.django_db(transaction=True)


def setup_programme():
    authority = make_organization("authority", name="余姚市科学技术局")
    program = make_program(authority, name="浏览器管理创新券")
    firm = make_organization("enterprise", name="余姚浏览器电器有限公司")
    grant = programs.apply_for_grant(program=program, firm=firm, requested_amount=Decimal("30000"), actor=None)
    newcomer = make_organization("institute", name="余姚浏览器新备案研究院")
    registration = programs.register_provider(program=program, provider=newcomer, services="检验检测", actor=None)
    provider = make_organization("institute", name="余姚浏览器检测研究院")
    register_provider(program, provider)
    funded = make_grant(program, make_organization("enterprise", name="余姚浏览器模具有限公司"), Decimal("10000"))
    claim = make_claim(program, provider, funded, Decimal("600.00"))
    return authority, program, grant, registration, claim


def test_the_authority_runs_its_programme(page, url, login):
    authority, _program, grant, registration, claim = setup_programme()
    login(page, make_user(organization=authority))
    page.goto(url("frontend:voucher_admin"))
    page.get_by_role("link", name="浏览器管理创新券").click()
    card = page.locator(f"#grant-{grant.pk}")
    assert card.locator('[data-limit="cap"]').inner_text() == "¥100,000"
    assert card.locator('[data-limit="remaining"]').inner_text() == "¥990,000"
    card.get_by_label("核定额度（元）").fill("150000")
    card.get_by_role("button", name="核定发放").click()
    assert "上限" in page.locator(f"#grant-{grant.pk} .field-error").inner_text()
    assert VoucherGrant.objects.get(pk=grant.pk).status == "applied"
    card = page.locator(f"#grant-{grant.pk}")
    card.get_by_label("核定额度（元）").fill("25000")
    card.get_by_role("button", name="核定发放").click()
    assert "已向" in page.inner_text(".messages")
    grant.refresh_from_db()
    assert (grant.status, grant.amount) == ("approved", Decimal("25000.00"))

    page.locator(f"#registration-{registration.pk}").get_by_role("button", name="通过备案").click()
    assert "备案已通过" in page.inner_text(".messages")
    assert ProviderRegistration.objects.get(pk=registration.pk).status == "approved"

    page.locator(f"#claim-{claim.pk}").get_by_role("button", name="通过并公示").click()
    assert "公示 7 天" in page.inner_text(".messages")
    assert page.locator(f"#notice-{claim.pk}").is_visible()
    claim.refresh_from_db()
    assert claim.status == "approved"

    Claim.objects.filter(pk=claim.pk).update(publicity_ends=timezone.now() - timedelta(minutes=1))
    page.reload()
    row = page.locator(f"#settle-{claim.provider_id}")
    row.get_by_role("button", name="生成结算单草稿").click()
    settlement = Settlement.objects.get()
    assert (settlement.status, settlement.total) == ("draft", Decimal("600.00"))
    page.locator(f"#settlement-{settlement.pk}").get_by_role("button", name="审批结算单").click()
    settlement.refresh_from_db()
    assert settlement.number and settlement.number.endswith("-0001")
    assert settlement.number in page.locator(f"#settlement-{settlement.pk} .settlement-number").inner_text()
    assert settlement.number in page.inner_text(".messages")
    paid = page.locator(f"#settlement-{settlement.pk}")
    paid.get_by_label("付款凭证号").fill("BANK-2026-0088")
    paid.get_by_role("button", name="登记支付").click()
    settlement.refresh_from_db()
    assert (settlement.status, settlement.payment_reference) == ("paid", "BANK-2026-0088")
    assert "BANK-2026-0088" in page.locator(f"#settlement-{settlement.pk}").inner_text()
    with page.expect_download() as download:
        page.locator(f"#settlement-{settlement.pk}").get_by_role("link", name="结算单 PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert page.js_errors == []


def test_the_programme_page_on_a_phone(phone, url, login):
    authority, program, *_ = setup_programme()
    login(phone, make_user(organization=authority))
    phone.goto(url("frontend:voucher_admin_program", program.pk))
    assert phone.locator("#grants").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.goto(url("frontend:voucher_admin"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
