"""Documents are rendered once when issued and stored; downloads serve the stored bytes (vouchers.services.documents,
vouchers.tasks). Settlement snapshots: payee bank account, firms' credit codes, a bounded number of queries."""

from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from marketplace.testing import api_client, make_organization, make_user
from vouchers import pdf
from vouchers.models import Invoice, ProviderRegistration, Settlement
from vouchers.services import claims, documents, payments
from vouchers.testing import make_claim, make_grant, make_program, register_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():
    authority = make_organization("authority", name="余姚市科学技术局")
    provider = make_organization("institute", name="宁波阳明工业技术研究院")
    firm = make_organization("enterprise", name="宁波沐川模具有限公司")
    program = make_program(authority)
    register_provider(program, provider)
    ProviderRegistration.objects.filter(program=program, provider=provider).update(
        bank_name="中国工商银行余姚支行", bank_account="3901 2345 6789 0123 456"
    )
    grant = make_grant(program, firm, Decimal("50000.00"))
    return SimpleNamespace(authority=authority, provider=provider, firm=firm, program=program, grant=grant)


def issue(parties) -> Invoice:
    line = {"description": "工业CT断层扫描", "quantity": "2", "unit": "小时", "unit_price": "600.00"}
    line["amount"] = "1200.00"
    return payments._issue(
        provider=parties.provider, customer=parties.firm, booking=None, lines=[line], total=Decimal("1200.00"),
        fees=Decimal("0.00"), voucher_paid=Decimal("600.00"),
    )  # fmt: skip


def refuse_rendering(monkeypatch, cls):
    def render(self):
        raise AssertionError(f"{cls.__name__} rendered again")

    monkeypatch.setattr(cls, "render", render)


def settle(parties, claim_count=1, *, approve=True):
    for _ in range(claim_count):
        make_claim(parties.program, parties.provider, parties.grant, Decimal("100.00"), approve=True, past_notice=True)
    today = timezone.localdate()
    settlement = claims.create_settlement(
        program=parties.program, provider=parties.provider, period_start=today, period_end=today, actor=None
    )
    return claims.approve_settlement(settlement, actor=None) if approve else settlement


def text_of(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


# -- charge confirmations (收费确认单) --------------------------------------------------------------------------


def test_issued_confirmation_is_stored_and_downloads_serve_the_issued_bytes(
    parties, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invoice = issue(parties)
    assert len(callbacks) == 1  # the rendering task, queued on commit
    invoice.refresh_from_db()
    assert invoice.document.name.startswith("documents/invoices/")
    issued = invoice.document.read()
    assert issued.startswith(b"%PDF-")

    refuse_rendering(monkeypatch, pdf.InvoicePdf)  # a changed renderer must not change what was issued
    user = make_user(organization=parties.firm)
    for url in (
        reverse("api:invoice-document", args=[invoice.pk]),
        f"/api/v1/invoices/{invoice.pk}/invoice.pdf",
        reverse("frontend:invoice_pdf", args=[invoice.pk]),
    ):
        client = api_client(user, parties.firm)
        if url.startswith("/workspace"):
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        assert response.content == issued
        assert f'filename="{invoice.number}.pdf"' in response["Content-Disposition"]


def test_a_confirmation_without_stored_file_is_rendered_stored_and_served_once(parties, monkeypatch):
    invoice = issue(parties)  # the on-commit task never runs inside the test's transaction
    assert not Invoice.objects.get(pk=invoice.pk).document
    calls = []
    original = pdf.InvoicePdf.render

    def counting(self):
        calls.append(self.snapshot["number"])
        return original(self)

    monkeypatch.setattr(pdf.InvoicePdf, "render", counting)
    first = documents.invoice_document(Invoice.objects.get(pk=invoice.pk))
    second = documents.invoice_document(Invoice.objects.get(pk=invoice.pk))

    assert calls == [invoice.number]
    assert first == second
    assert first[2].startswith(b"%PDF-")
    assert Invoice.objects.get(pk=invoice.pk).document.read() == first[2]


def test_a_lost_file_is_rendered_again(parties):
    invoice = issue(parties)
    documents.store_invoice_document(invoice)
    invoice.document.storage.delete(invoice.document.name)

    _, _, content = documents.invoice_document(Invoice.objects.get(pk=invoice.pk))

    assert content.startswith(b"%PDF-")
    assert Invoice.objects.get(pk=invoice.pk).document.read() == content


def test_the_platform_issues_a_confirmation_not_a_fapiao(parties):
    invoice = issue(parties)
    assert invoice._meta.verbose_name == "收费确认单"
    assert invoice.get_kind_display() == "收费确认单"
    text = "".join(text_of(documents.invoice_document(invoice)[2]))
    assert "服务费用确认单" in text
    assert "不作为税务发票" in text.replace("\n", "")


@pytest.mark.parametrize(("status", "label"), [("no_show", "爽约费"), ("cancelled", "违约金（逾期取消）")])
def test_fee_lines_say_what_they_are(status, label):
    assert payments.fee_label(SimpleNamespace(status=status)) == label
    snapshot = {
        "number": "FP0001-2026-00009", "kind": "invoice", "issued_at": "2026-11-27", "lines": [], "total": "0.00",
        "fees": "120.00", "fees_label": label, "voucher_paid": "0.00", "amount_owed": "120.00",
    }  # fmt: skip
    flat = "".join(text_of(pdf.InvoicePdf(snapshot).render()[2])).replace("\n", "").replace(" ", "")
    assert f"{label}¥120.00" in flat
    assert "手续费" not in flat


# -- settlement statements (结算单) -------------------------------------------------------------------------------


def test_statement_is_stored_on_approval_and_again_when_paid(parties, monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        settlement = settle(parties)
    settlement.refresh_from_db()
    approved_name = settlement.document.name
    approved = settlement.document.read()
    assert "未支付" in text_of(approved)[0]

    refuse_rendering(monkeypatch, pdf.SettlementStatementPdf)
    admin = make_user(platform_admin=True)
    for url in (
        reverse("api:settlement-statement", args=[settlement.pk]),
        f"/api/v1/settlements/{settlement.pk}/statement.pdf",
    ):
        response = api_client(admin).get(url)
        assert response.status_code == 200, url
        assert response.content == approved
    monkeypatch.undo()

    with django_capture_on_commit_callbacks(execute=True):
        claims.mark_settlement_paid(settlement, actor=None, reference="BANK-88123")
    paid = Settlement.objects.get(pk=settlement.pk)
    assert paid.document.name != approved_name
    stored = paid.document.read()
    assert "BANK-88123" in text_of(stored)[0]
    assert paid.document.storage.exists(approved_name)  # what was approved stays on file
    assert api_client(admin).get(reverse("api:settlement-statement", args=[settlement.pk])).content == stored


def test_a_rendering_of_an_earlier_status_is_not_recorded(parties):
    settlement = settle(parties)
    stale = Settlement.objects.get(pk=settlement.pk)  # approved, nothing stored yet
    claims.mark_settlement_paid(settlement, actor=None, reference="BANK-1")

    assert documents.store_settlement_document(stale) is False
    assert not Settlement.objects.get(pk=settlement.pk).document


def test_snapshot_has_the_payee_bank_account_and_each_firms_credit_code(parties):
    settlement = settle(parties, 2)

    provider = settlement.snapshot["provider"]
    assert (provider["bank_name"], provider["bank_account"]) == ("中国工商银行余姚支行", "3901 2345 6789 0123 456")
    assert [line["firm_credit_code"] for line in settlement.snapshot["lines"]] == [parties.firm.credit_code] * 2
    texts = text_of(documents.settlement_document(settlement)[2])
    flat = "".join(texts).replace("\n", "")
    assert "中国工商银行余姚支行" in flat and "3901 2345 6789 0123 456" in flat
    assert parties.firm.credit_code in flat
    assert f"第 1 页 / 共 {len(texts)} 页" in texts[0]


def test_snapshot_and_approval_take_the_same_queries_for_3_and_30_claims(parties):
    def count(claim_count):
        settlement = settle(parties, claim_count, approve=False)
        with CaptureQueriesContext(connection) as snapshot_queries:
            claims._snapshot(settlement, "X", None)
        with CaptureQueriesContext(connection) as approve_queries:
            approved = claims.approve_settlement(settlement, actor=None)
        assert len(approved.snapshot["lines"]) == claim_count
        assert set(approved.claims.values_list("status", flat=True)) == {"settled"}
        return len(snapshot_queries), len(approve_queries)

    count(1)  # the year's first number creates its counter row: not a per-claim cost
    few, many = count(3), count(30)
    assert few == many
    assert few[0] <= 5


# -- routes as documented ------------------------------------------------------------------------------------------


def test_monthly_statement_route_without_trailing_slash(parties):
    issue(parties)
    user = make_user(organization=parties.firm)
    month = timezone.localdate().strftime("%Y-%m")

    for path in ("/api/v1/invoices/statement.pdf", "/api/v1/invoices/statement.pdf/"):
        response = api_client(user, parties.firm).get(path, {"provider": parties.provider.pk, "month": month})
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/pdf"
        assert "月度对账单" in text_of(response.content)[0]
    bad = api_client(user, parties.firm).get("/api/v1/invoices/statement.pdf", {"provider": "x", "month": "13"})
    assert bad.status_code == 400


def test_the_provider_records_its_own_fapiao_number_and_the_stored_document_stays(parties):
    invoice = issue(parties)
    documents.store_invoice_document(invoice)
    issued = Invoice.objects.get(pk=invoice.pk).document.read()
    provider_user, firm_user = make_user(organization=parties.provider), make_user(organization=parties.firm)
    url = reverse("api:invoice-fapiao-number", args=[invoice.pk])

    assert api_client(firm_user, parties.firm).post(url, {"fapiao_number": "1"}).status_code == 403
    assert api_client(provider_user, parties.provider).post(url, {"fapiao_number": " "}).status_code == 400
    response = api_client(provider_user, parties.provider).post(url, {"fapiao_number": "33022611300012"})

    assert response.status_code == 200, response.content
    assert response.json()["fapiao_number"] == "33022611300012"
    stored = Invoice.objects.get(pk=invoice.pk)
    assert stored.fapiao_number == "33022611300012"
    assert stored.document.read() == issued
