"""The documents firms and providers download: an invoice (or credit note) printed from the snapshot stored when it
was issued, a firm's monthly statement of one provider's invoices, and a provider's settlement statement (兑付结算单)
printed from the snapshot taken when it was approved, and the export of approved settlements' lines (CSV / XLSX).
The API and the workspace pages both serve them through these functions, so a document looks the same whichever way
it is fetched."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

from .. import pdf
from . import payments


def pdf_response(rendered, *, attachment: bool = False) -> HttpResponse:
    """An HTTP response of a rendered document ``(filename, mimetype, bytes)``: shown in the browser, or saved as a
    file (``attachment``) when a page offers it as a download."""
    filename, mimetype, content = rendered
    response = HttpResponse(content, content_type=mimetype)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def invoice_document(invoice):
    """The invoice's PDF, from the snapshot taken when it was issued (never from the live rows)."""
    return pdf.InvoicePdf(invoice.snapshot).render()


def may_see_statement(user, provider_id: int, customer_id: int) -> bool:
    """A statement is the firm's (the customer) and the provider's, and platform administrators'."""
    ids = user.organization_ids()
    return user.is_platform_admin or customer_id in ids or provider_id in ids


def statement_document(provider, customer, year: int, month: int):
    """The firm's monthly statement of ``provider``'s invoices and credit notes as a PDF."""
    return pdf.MonthlyStatementPdf(payments.monthly_statement(provider, customer, year, month)).render()


def settlement_document(settlement):
    """The settlement statement's PDF from its approval snapshot; None for a draft (it has no statement yet)."""
    if not settlement.snapshot:
        return None
    return pdf.SettlementStatementPdf(settlement.snapshot).render()


EXPORT_HEADER = [
    "结算单编号",
    "服务机构",
    "期间开始",
    "期间结束",
    "状态",
    "企业",
    "服务内容",
    "日期",
    "服务金额",
    "创新券金额",
]
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def settlement_export(settlements, kind: str = "csv"):
    """The lines of the approved and paid settlements among ``settlements`` (from their snapshots) as ``(filename,
    mimetype, bytes)``; ``kind`` is ``"csv"`` (UTF-8 with a BOM, for Excel) or ``"xlsx"``."""
    rows = []
    for settlement in settlements.exclude(status="draft").order_by("number"):
        snap = settlement.snapshot
        for line in snap["lines"]:
            rows.append([
                snap["number"], snap["provider"]["name"], snap["period"]["start"], snap["period"]["end"],
                settlement.get_status_display(), line["firm"], line["description"], line["date"],
                line["service_amount"], line["voucher_amount"],
            ])  # fmt: skip
    filename = f"settlements-{timezone.localdate().isoformat()}.{kind}"
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(EXPORT_HEADER)
        writer.writerows(rows)
        return filename, "text/csv; charset=utf-8", ("\ufeff" + buffer.getvalue()).encode("utf-8")
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "结算明细"
    sheet.append(EXPORT_HEADER)
    for row in rows:
        sheet.append(row[:8] + [float(v) if v else None for v in row[8:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return filename, XLSX_MIMETYPE, buffer.getvalue()


def export_response(rendered) -> HttpResponse:
    """A download of an export ``(filename, mimetype, bytes)``."""
    filename, mimetype, content = rendered
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
