"""Background tasks of the vouchers app (django-tasks): rendering issued documents once and storing them.

The issuing services queue these with :func:`transaction.on_commit`, so a rolled-back issue renders nothing and the
task sees the committed row. A failed rendering loses nothing: the first download renders and stores the document.
"""

from django.db import transaction
from django_tasks import task

from .models import Invoice, Settlement


@task()
def render_invoice_document(invoice_id: int) -> bool:
    """Render and store a charge confirmation's (收费确认单) PDF; a no-op when it is stored already."""
    from .services import documents

    invoice = Invoice.objects.filter(pk=invoice_id).first()
    return invoice is not None and documents.store_invoice_document(invoice)


@task()
def render_settlement_document(settlement_id: int) -> bool:
    """Render and store a settlement statement's (结算单) PDF of its current snapshot; a no-op when stored already."""
    from .services import documents

    settlement = Settlement.objects.filter(pk=settlement_id).first()
    return settlement is not None and documents.store_settlement_document(settlement)


def queue_invoice_document(invoice: Invoice) -> None:
    """Render the confirmation once the issuing transaction has committed."""
    pk = invoice.pk
    transaction.on_commit(lambda: render_invoice_document.enqueue(pk))


def queue_settlement_document(settlement: Settlement) -> None:
    """Render the statement once the approving (or paying) transaction has committed."""
    pk = settlement.pk
    transaction.on_commit(lambda: render_settlement_document.enqueue(pk))
