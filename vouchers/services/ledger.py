"""The voucher ledger: the only code that writes LedgerEntry rows.

Each posting locks the grant row, moves its running totals with a single UPDATE (the database's check constraints
refuse a negative balance) and appends the immutable entry in the same transaction. Holds are locked before grants,
always, so concurrent operations cannot deadlock.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.exceptions import DomainError
from marketplace.money import ZERO, money
from marketplace.services.transitions import lock

from ..choices import ENTRY_EFFECTS, EntryKind, HoldStatus
from ..models import ClaimLine, LedgerEntry, VoucherGrant, VoucherHold


class InsufficientBalance(DomainError):
    default_code = "insufficient_balance"
    default_message = gettext_lazy("创新券余额不足。")


def post(
    grant: VoucherGrant, kind: str, amount: Decimal, *, actor=None, hold=None, reverses=None, note=""
) -> LedgerEntry:
    """Append one entry and move the grant's totals. Must run inside a transaction that holds the grant's lock, with
    ``grant`` read under that lock."""
    amount = money(amount)
    if amount <= ZERO:
        raise ValueError("ledger amounts are positive; the kind gives the direction")
    d_available, d_held, d_redeemed = ENTRY_EFFECTS[kind]
    # The new totals are computed here in Decimal, not as SQL arithmetic: SQLite would do F() arithmetic on binary
    # floats (0.30 - 0.10 = 0.19999…). The caller holds the grant's row lock, so nobody moves them meanwhile.
    totals = {
        "available": grant.available + d_available * amount,
        "held": grant.held + d_held * amount,
        "redeemed": grant.redeemed + d_redeemed * amount,
    }
    try:
        with transaction.atomic():
            VoucherGrant.objects.filter(pk=grant.pk).update(**totals)
            entry = LedgerEntry.objects.create(
                grant=grant, kind=kind, amount=amount, hold=hold, reverses=reverses, actor=_user(actor), note=note
            )
    except IntegrityError as exc:
        if "grant_balances_not_negative" in str(exc):
            raise InsufficientBalance(available=str(grant.available)) from exc
        raise
    grant.refresh_from_db(fields=["available", "held", "redeemed"])
    return entry


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def derived_balances(grant_ids) -> dict[int, dict[str, Decimal]]:
    """Balances recomputed from the entries alone: ``{grant_id: {"available", "held", "redeemed"}}``."""
    totals = {gid: {"available": ZERO, "held": ZERO, "redeemed": ZERO} for gid in grant_ids}
    rows = LedgerEntry.objects.filter(grant_id__in=grant_ids).values("grant_id", "kind").annotate(total=Sum("amount"))
    for row in rows:
        d_available, d_held, d_redeemed = ENTRY_EFFECTS[row["kind"]]
        balance = totals[row["grant_id"]]
        balance["available"] += d_available * row["total"]
        balance["held"] += d_held * row["total"]
        balance["redeemed"] += d_redeemed * row["total"]
    return totals


def credit_grant(grant: VoucherGrant, amount: Decimal, *, actor=None) -> LedgerEntry:
    """The 发放 entry of an approved grant (the caller holds the grant's lock)."""
    return post(grant, EntryKind.GRANT, amount, actor=actor, note="grant approved")


def hold_up_to(
    grant: VoucherGrant, wanted: Decimal, *, provider, booking=None, contract=None, actor=None
) -> VoucherHold | None:
    """Hold ``min(wanted, available)`` on ``grant`` for a booking or contract; None when nothing is available."""
    with transaction.atomic():
        grant = lock(grant)
        amount = min(money(wanted), grant.available)
        if amount <= ZERO:
            return None
        hold = VoucherHold.objects.create(
            grant=grant, booking=booking, contract=contract, provider=provider, amount=amount
        )
        post(grant, EntryKind.HOLD, amount, actor=actor, hold=hold)
    return hold


def release(hold: VoucherHold, *, actor=None, note="") -> VoucherHold:
    """Give a hold back in full. Returns early if the hold was already closed (released or redeemed once only)."""
    with transaction.atomic():
        hold = lock(hold)
        if hold.status != HoldStatus.OPEN:
            return hold
        grant = lock(hold.grant)
        post(grant, EntryKind.RELEASE, hold.amount, actor=actor, hold=hold, note=note)
        hold.status, hold.closed_at = HoldStatus.RELEASED, timezone.now()
        hold.save(update_fields=["status", "closed_at"])
    return hold


def redeem(hold: VoucherHold, amount: Decimal, *, actor=None, note="") -> VoucherHold:
    """Spend up to the held amount on the final bill and release the rest. Returns early if already closed."""
    with transaction.atomic():
        hold = lock(hold)
        if hold.status != HoldStatus.OPEN:
            return hold
        grant = lock(hold.grant)
        spent = min(money(amount), hold.amount)
        if spent > ZERO:
            post(grant, EntryKind.REDEEM, spent, actor=actor, hold=hold, note=note)
        if hold.amount - spent > ZERO:
            post(grant, EntryKind.RELEASE, hold.amount - spent, actor=actor, hold=hold, note="unused part of the hold")
        hold.status = HoldStatus.REDEEMED if spent > ZERO else HoldStatus.RELEASED
        hold.redeemed_amount, hold.closed_at = spent, timezone.now()
        hold.save(update_fields=["status", "redeemed_amount", "closed_at"])
    return hold


def expire(grant: VoucherGrant, *, actor=None) -> LedgerEntry | None:
    """At programme end the unspent balance lapses (过期). Idempotent: nothing to expire → None."""
    with transaction.atomic():
        grant = lock(grant)
        if grant.available <= ZERO:
            return None
        return post(grant, EntryKind.EXPIRE, grant.available, actor=actor, note="programme ended")


def reverse_redemption(redemption: LedgerEntry, *, actor=None, note="") -> LedgerEntry:
    """Undo a redemption that was not paid out (e.g. its invoice was cancelled): the money returns to the grant.

    A redemption already in a provider's claim is reversed through the claim: while the claim is under review or on
    public notice (not yet in a settlement), its line is withdrawn and the claimed amount reduced (audited on the
    claim). Once the claim is in a settlement the authority has fixed what it pays, so the reversal is refused
    (409 ``redemption_in_settlement``): the settlement must be redrafted first."""
    if redemption.kind != EntryKind.REDEEM:
        raise ValueError("only redemptions can be reversed")
    with transaction.atomic():
        line = ClaimLine.objects.filter(redemption=redemption).select_related("claim").first()
        if line is not None:
            _withdraw_claim_line(line, actor=actor, note=note)
        grant = lock(redemption.grant)
        if LedgerEntry.objects.filter(reverses=redemption).exists():
            raise DomainError(_("该笔兑用已冲正。"), code="already_reversed")
        return post(grant, EntryKind.REVERSAL, redemption.amount, actor=actor, reverses=redemption, note=note)


def _withdraw_claim_line(line: ClaimLine, *, actor, note: str) -> None:
    """Take a reversed redemption out of its claim (locked first: claims before grants, as claim approval does)."""
    from marketplace.choices import AuditAction
    from marketplace.services import audit

    from ..choices import ClaimStatus
    from ..models import Claim

    claim = Claim.objects.select_for_update().get(pk=line.claim_id)
    if claim.settlement_id is not None or claim.status == ClaimStatus.SETTLED:
        raise DomainError(
            _("该笔兑用所在的兑付申请已列入结算单，不能冲正；请主管部门先撤回结算单草稿。"),
            code="redemption_in_settlement",
        )
    before = claim.amount
    claim.amount = money(before - line.amount)
    claim.save(update_fields=["amount"])
    line.delete()
    audit.record(
        actor=actor,
        organization=claim.provider,
        target=claim,
        action=AuditAction.UPDATE,
        changes={"amount": [str(before), str(claim.amount)]},
        note=note or _("冲销收费确认单，撤回对应的兑用明细。"),
    )
