"""The documents firms and providers download: a charge confirmation (收费确认单, or its credit note) printed from
the snapshot stored when it was issued, a firm's monthly statement of one provider's confirmations, and a provider's
settlement statement (结算单) printed from the snapshot taken when it was approved (and again once paid), and the
export of approved settlements' lines (CSV / XLSX). The API and the workspace pages both serve them through these
functions, so a document looks the same whichever way it is fetched.

Issued documents are rendered once, by a task queued when the issuing transaction commits (``vouchers.tasks``), and
stored in the row's ``document`` file; a download serves the stored bytes. A download that finds no stored file (the
task has not run yet, or failed, or the file was lost) renders, stores and serves it — once: the file name is recorded
only if the row still has none, so of two concurrent first downloads one stores and the other serves that file."""

import csv
import io
import logging

from django.core.files.base import ContentFile
from django.db import models
from django.http import HttpResponse
from django.utils import timezone

from .. import pdf
from ..models import Invoice, Settlement
from . import payments

logger = logging.getLogger(__name__)


def pdf_response(rendered, *, attachment: bool = False) -> HttpResponse:
    """An HTTP response of a rendered document ``(filename, mimetype, bytes)``: shown in the browser, or saved as a
    file (``attachment``) when a page offers it as a download."""
    filename, mimetype, content = rendered
    response = HttpResponse(content, content_type=mimetype)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _stored_bytes(document) -> bytes | None:
    """The bytes of a stored document file; None when there is none (never stored, or the file is gone)."""
    if not document.name:
        return None
    try:
        with document.storage.open(document.name, "rb") as file:
            return file.read()
    except OSError:
        logger.warning("stored document %s is missing; it is rendered again", document.name)
        return None


def _store(instance, content: bytes, filename: str, **condition) -> bool:
    """Save ``content`` as ``instance``'s document and record its name — only if the row's document is still the one
    ``instance`` had (and ``condition`` holds), so a document is stored once even when two renderers race. Returns
    whether this call stored it (the loser removes its file).

    A plain QuerySet, not the model's manager: an invoice's rows are immutable (``ImmutableQuerySet``), but its file is
    the rendering of its snapshot, derived from it, and this write-once update is the only write it gets."""
    document = instance.document
    field = document.field
    name = field.storage.save(field.generate_filename(instance, filename), ContentFile(content))
    stored = (
        models.QuerySet(type(instance))
        .filter(pk=instance.pk, document=document.name or "", **condition)
        .update(document=name)
    )
    if not stored:
        field.storage.delete(name)
        instance.refresh_from_db(fields=["document"])
        return False
    document.name = name
    return True


def _serve(instance, renderer, filename: str, **condition) -> tuple[str, str, bytes]:
    """The stored document of ``instance``, rendering and storing it first when there is none."""
    content = _stored_bytes(instance.document)
    if content is None:
        content = renderer().render()[2]
        if not _store(instance, content, filename, **condition):
            content = _stored_bytes(instance.document) or content  # another request stored it first: serve that
    return filename, pdf.MIMETYPE, content


def invoice_document(invoice: Invoice):
    """The confirmation's PDF as stored when it was issued (rendered from its snapshot, never from the live rows)."""
    return _serve(invoice, lambda: pdf.InvoicePdf(invoice.snapshot), pdf.document_filename(invoice.number))


def store_invoice_document(invoice: Invoice) -> bool:
    """Render and store the confirmation's PDF unless it is stored already (the issuing task). Idempotent."""
    if _stored_bytes(invoice.document) is not None:
        return False
    content = pdf.InvoicePdf(invoice.snapshot).render()[2]
    return _store(invoice, content, pdf.document_filename(invoice.number))


def may_see_statement(user, provider_id: int, customer_id: int) -> bool:
    """A statement is the firm's (the customer) and the provider's, and platform administrators'."""
    ids = user.organization_ids()
    return user.is_platform_admin or customer_id in ids or provider_id in ids


def statement_document(provider, customer, year: int, month: int):
    """The firm's monthly statement of ``provider``'s invoices and credit notes as a PDF."""
    return pdf.MonthlyStatementPdf(payments.monthly_statement(provider, customer, year, month)).render()


def settlement_document(settlement: Settlement):
    """The settlement statement's PDF as stored when it was approved (or paid), from the snapshot; None for a draft
    (it has no statement yet)."""
    if not settlement.snapshot:
        return None
    return _serve(
        settlement,
        lambda: pdf.SettlementStatementPdf(settlement.snapshot),
        pdf.document_filename(settlement.number),
        status=settlement.status,
    )


def store_settlement_document(settlement: Settlement) -> bool:
    """Render and store the statement of the settlement's current snapshot unless stored already (the approval's and
    the payment's task). The stored name is recorded only while the status is the one rendered, so a slow rendering
    of the approved statement cannot overwrite the paid one."""
    if not settlement.snapshot or _stored_bytes(settlement.document) is not None:
        return False
    content = pdf.SettlementStatementPdf(settlement.snapshot).render()[2]
    return _store(settlement, content, pdf.document_filename(settlement.number), status=settlement.status)


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
