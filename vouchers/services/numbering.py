"""Gap-free document numbers (pretix style): a counter row per scope and year, taken under its row lock inside the
transaction that issues the document."""

from django.db import IntegrityError, transaction

from ..models import DocumentCounter


def next_number(scope: str, year: int) -> int:
    """The next number of ``scope`` in ``year``. Must run inside the issuing transaction: if it rolls back, so does
    the counter, and no number is skipped."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside the transaction that issues the document")
    try:
        with transaction.atomic():
            DocumentCounter.objects.get_or_create(scope=scope, year=year)
    except IntegrityError:
        pass  # a concurrent transaction created the row first; it is there now
    counter = DocumentCounter.objects.select_for_update().get(scope=scope, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
