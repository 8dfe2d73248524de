"""The voucher invariants, checked from the data alone (used by ``vouchers_check``, the property tests and the
benchmark):

1. every grant's running totals equal the balances derived from its ledger entries, and none is negative;
2. the programme's granted total equals the sum of its approved grants and stays within the budget;
3. an open hold has only its hold entry; a closed hold's release + redeem entries add up to its amount;
4. no redemption is in two claims, and no claim is in two settlements (the schema makes this structural).
"""

from django.db.models import Sum

from marketplace.money import ZERO

from .choices import EntryKind, HoldStatus
from .models import LedgerEntry, VoucherGrant, VoucherHold, VoucherProgram
from .services.ledger import derived_balances


def check_invariants() -> list[str]:
    problems = []
    grants = list(VoucherGrant.objects.all())
    derived = derived_balances([g.pk for g in grants])
    for grant in grants:
        expected = derived[grant.pk]
        actual = {"available": grant.available, "held": grant.held, "redeemed": grant.redeemed}
        if expected != actual:
            problems.append(f"grant {grant.pk}: totals {actual} != derived {expected}")
        if min(actual.values()) < ZERO:
            problems.append(f"grant {grant.pk}: negative balance {actual}")
    for program in VoucherProgram.objects.all():
        granted = (
            VoucherGrant.objects.filter(program=program, status="approved").aggregate(s=Sum("amount"))["s"] or ZERO
        )
        if granted != program.granted_total or granted > program.total_budget:
            problems.append(
                f"program {program.pk}: granted {granted}, recorded {program.granted_total}, "
                f"budget {program.total_budget}"
            )
    entries = {}
    for hold_id, kind, amount in LedgerEntry.objects.filter(hold__isnull=False).values_list(
        "hold_id", "kind", "amount"
    ):
        entries.setdefault(hold_id, {})[kind] = entries.get(hold_id, {}).get(kind, ZERO) + amount
    for hold in VoucherHold.objects.all():
        kinds = entries.get(hold.pk, {})
        if kinds.get(EntryKind.HOLD) != hold.amount:
            problems.append(f"hold {hold.pk}: hold entry {kinds.get(EntryKind.HOLD)} != {hold.amount}")
        closed = kinds.get(EntryKind.RELEASE, ZERO) + kinds.get(EntryKind.REDEEM, ZERO)
        if hold.status == HoldStatus.OPEN and closed:
            problems.append(f"hold {hold.pk}: open but has release/redeem entries")
        if hold.status != HoldStatus.OPEN and closed != hold.amount:
            problems.append(f"hold {hold.pk}: closed with {closed} of {hold.amount}")
        if kinds.get(EntryKind.REDEEM, ZERO) != hold.redeemed_amount:
            problems.append(f"hold {hold.pk}: redeemed {kinds.get(EntryKind.REDEEM)} != {hold.redeemed_amount}")
    return problems
