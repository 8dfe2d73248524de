"""Claims (兑付申请), public notice (公示), settlements (兑付结算) and programme-end expiry."""

from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.models import AuditEntry
from marketplace.money import ZERO, money
from marketplace.services import audit
from marketplace.services.notifications import notify, organization_recipients
from marketplace.services.transitions import apply_transition, lock

from .. import tasks
from ..choices import CLAIM_PIPELINE, SETTLEMENT_PIPELINE, ClaimStatus, EntryKind, GrantStatus, RegistrationStatus
from ..models import Claim, ClaimLine, LedgerEntry, ProviderRegistration, Settlement, VoucherGrant
from . import ledger
from .numbering import next_number
from .payments import _party


def _day_bounds(start, end):
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def unclaimed_redemptions(program, provider, period_start, period_end):
    """Redemptions with ``provider`` in the period that no live claim holds and that were not reversed."""
    since, until = _day_bounds(period_start, period_end)
    return LedgerEntry.objects.filter(
        kind=EntryKind.REDEEM,
        grant__program=program,
        hold__provider=provider,
        created_at__gte=since,
        created_at__lt=until,
        claim_line__isnull=True,
        reversed_by__isnull=True,
    ).order_by("id")


def submit_claim(
    *, program, provider, period_start, period_end, invoice_number, usage_record, payment_proof=None, actor
) -> Claim:
    """A registered provider claims every unclaimed redemption of the period. The provider row is locked so two
    claims cannot take the same redemption (and the unique claim line would refuse it anyway)."""
    if period_start > period_end:
        raise RuleViolation(_("期间开始应早于结束。"), field="period_end")
    registered = ProviderRegistration.objects.filter(
        program=program, provider=provider, status=RegistrationStatus.APPROVED
    ).exists()
    if not registered:
        raise DomainError(_("未在本项目备案的机构不能申请兑付。"), code="not_registered")
    with transaction.atomic():
        lock(provider)
        redemptions = list(unclaimed_redemptions(program, provider, period_start, period_end))
        if not redemptions:
            raise DomainError(_("该期间没有可申请兑付的金额。"), code="nothing_to_claim")
        claim = Claim.objects.create(
            program=program,
            provider=provider,
            period_start=period_start,
            period_end=period_end,
            amount=sum((r.amount for r in redemptions), ZERO),
            invoice_number=invoice_number,
            usage_record=usage_record,
            payment_proof=payment_proof or "",
        )
        ClaimLine.objects.bulk_create(ClaimLine(claim=claim, redemption=r, amount=r.amount) for r in redemptions)
        audit.record(
            actor=actor,
            organization=provider,
            target=claim,
            action=AuditAction.CREATE,
            changes={"amount": [None, str(claim.amount)], "redemptions": [None, [r.pk for r in redemptions]]},
        )
    return claim


def approve_claim(claim: Claim, *, actor, note: str = "", now=None) -> Claim:
    """Approve a claim; it goes on public notice for the programme's 公示 period before it can be settled. ``now``
    (the time of approval) is for demo data and tests."""
    now = now or timezone.now()
    with transaction.atomic():
        days = claim.program.publicity_days
        claim = apply_transition(
            claim,
            ClaimStatus.APPROVED,
            pipeline=CLAIM_PIPELINE,
            actor=actor,
            note=note,
            update={"reviewed_at": now, "review_note": note, "publicity_ends": now + timedelta(days=days)},
        )
        notify(
            organization_recipients(claim.provider),
            kind="voucher.claim.approved",
            title=_("兑付申请已通过，进入%(d)d天公示") % {"d": days},
            target=claim,
            organization=claim.provider,
        )
    return claim


def reject_claim(claim: Claim, *, actor, note: str) -> Claim:
    """Reject a claim; its redemptions become claimable again."""
    if not note.strip():
        raise RuleViolation(_("请填写审核意见。"), field="note")
    with transaction.atomic():
        claim = apply_transition(
            claim,
            ClaimStatus.REJECTED,
            pipeline=CLAIM_PIPELINE,
            actor=actor,
            note=note,
            update={"reviewed_at": timezone.now(), "review_note": note},
        )
        claim.lines.all().delete()
        notify(
            organization_recipients(claim.provider),
            kind="voucher.claim.rejected",
            title=_("兑付申请未通过"),
            body=note,
            target=claim,
            organization=claim.provider,
        )
    return claim


def settleable_claims(program, provider, period_start, period_end, *, now=None):
    """Approved claims of the provider inside the period whose public notice has ended and that no settlement holds."""
    return Claim.objects.filter(
        program=program,
        provider=provider,
        status=ClaimStatus.APPROVED,
        publicity_ends__lte=now or timezone.now(),
        settlement__isnull=True,
        period_start__gte=period_start,
        period_end__lte=period_end,
    ).order_by("id")


def create_settlement(*, program, provider, period_start, period_end, actor, now=None) -> Settlement:
    """Batch the provider's settleable claims of the period into a draft settlement."""
    with transaction.atomic():
        claims = list(settleable_claims(program, provider, period_start, period_end, now=now).select_for_update())
        if not claims:
            raise DomainError(
                _("没有公示期满、可结算的兑付申请。"),
                code="nothing_to_settle",
            )
        settlement = Settlement.objects.create(
            program=program,
            provider=provider,
            period_start=period_start,
            period_end=period_end,
            total=sum((c.amount for c in claims), ZERO),
        )
        Claim.objects.filter(pk__in=[c.pk for c in claims], settlement__isnull=True).update(settlement=settlement)
        audit.record(
            actor=actor,
            target=settlement,
            action=AuditAction.CREATE,
            changes={"claims": [None, [c.pk for c in claims]], "total": [None, str(settlement.total)]},
        )
    return settlement


def _snapshot(settlement: Settlement, number: str, actor) -> dict:
    """Everything the statement prints, as it is at approval: the parties (the payee with the bank account of its
    registration for the programme), and one line per redemption with the firm's 统一社会信用代码. A bounded number of
    queries whatever the number of claims and lines (one for all the lines with what they print)."""
    program = settlement.program
    registration = (
        ProviderRegistration.objects.filter(program=program, provider=settlement.provider)
        .only("bank_name", "bank_account")
        .first()
    )
    payee = {
        **_party(settlement.provider),
        "bank_name": registration.bank_name if registration else "",
        "bank_account": registration.bank_account if registration else "",
    }
    claim_lines = (
        ClaimLine.objects.filter(claim__settlement=settlement)
        .select_related(
            "redemption__hold__booking__instrument",
            "redemption__hold__booking__service_item",
            "redemption__hold__contract",
            "redemption__grant__firm",
        )
        .order_by("claim_id", "id")
    )
    lines = []
    for line in claim_lines:
        redemption = line.redemption
        booking = redemption.hold.booking if redemption.hold_id else None
        contract = redemption.hold.contract if redemption.hold_id else None
        if booking:
            description, service_amount = (
                f"{booking.instrument.name} · {booking.service_item.name}",
                booking.final_amount,
            )
        elif contract:
            description, service_amount = f"{contract.get_kind_display()}：{contract.title}", contract.amount
        else:
            description, service_amount = redemption.note, ""
        firm = redemption.grant.firm
        lines.append(
            {
                "reference": f"CLM-{line.claim_id}",
                "firm": firm.name,
                "firm_credit_code": firm.credit_code,
                "description": description,
                "date": timezone.localtime(redemption.created_at).date().isoformat(),
                "service_amount": str(service_amount),
                "voucher_amount": str(line.amount),
            }
        )
    return {
        "number": number,
        "title": "创新券兑付结算单",
        "issuer": _party(program.issuer),
        "provider": payee,
        "program": {"name": program.name, "year": program.year},
        "period": {"start": settlement.period_start.isoformat(), "end": settlement.period_end.isoformat()},
        "lines": lines,
        "total": str(settlement.total),
        "approved_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "approved_by": str(actor),
        "paid": None,
    }


def _settle_claims(settlement: Settlement, number: str, actor) -> None:
    """Move every claim of the settlement approved → settled in a bounded number of queries: the claims are locked in
    id order, checked against the pipeline, updated at once and audited with one entry each (one bulk insert)."""
    claims = list(
        Claim.objects.filter(settlement=settlement)
        .select_related("provider")  # printed in each audit entry's object_repr
        .select_for_update(of=("self",))
        .order_by("id")
    )
    illegal = [c for c in claims if ClaimStatus.SETTLED not in CLAIM_PIPELINE.get(c.status, set())]
    if illegal:
        raise DomainError(_("结算单中有不能结算的兑付申请。"), code="illegal_transition")
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(status=ClaimStatus.SETTLED)
    _record_transitions(
        claims, actor=actor, transition=f"{ClaimStatus.APPROVED}→{ClaimStatus.SETTLED}", note=number,
        changes={"status": [ClaimStatus.APPROVED, ClaimStatus.SETTLED]},
    )  # fmt: skip


def _record_transitions(targets, *, actor, transition: str, changes: dict, note: str) -> None:
    """The audit entries ``audit.record`` would write for each of ``targets``, in one insert (a settlement of a
    thousand claims must not cost a thousand round trips)."""
    if not targets:
        return
    actor = actor if getattr(actor, "is_authenticated", False) else None
    content_type = ContentType.objects.get_for_model(targets[0], for_concrete_model=False)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor, actor_repr=str(actor)[:150] if actor else "system", content_type=content_type,
            object_id=str(target.pk), object_repr=str(target)[:200], action=AuditAction.TRANSITION,
            transition=transition, changes=audit.jsonable(changes), note=note,
        )
        for target in targets
    )  # fmt: skip


def approve_settlement(settlement: Settlement, *, actor) -> Settlement:
    """Approve: take the next gap-free number of the year, snapshot everything printed, mark the claims settled. The
    statement PDF is rendered and stored once the approval has committed."""
    with transaction.atomic():
        current = lock(settlement)
        if current.status != "draft":
            raise DomainError(_("只能审批草稿结算单。"), code="illegal_transition")
        year = timezone.localdate().year
        prefix = current.program.number_prefix
        number = f"{prefix}-{year}-{next_number(f'settlement:{prefix}', year):04d}"
        snapshot = _snapshot(current, number, actor)
        settlement = apply_transition(
            current,
            "approved",
            pipeline=SETTLEMENT_PIPELINE,
            actor=actor,
            update={"number": number, "snapshot": snapshot, "approved_at": timezone.now()},
        )
        _settle_claims(settlement, number, actor)
        tasks.queue_settlement_document(settlement)
        notify(
            organization_recipients(settlement.provider),
            kind="voucher.settlement.approved",
            title=_("创新券结算单 %(n)s 已审批：%(t)s 元") % {"n": number, "t": settlement.total},
            target=settlement,
            organization=settlement.provider,
        )
    return settlement


def mark_settlement_paid(settlement: Settlement, *, actor, reference: str) -> Settlement:
    if not reference.strip():
        raise RuleViolation(_("请填写付款凭证号。"), field="reference")
    with transaction.atomic():
        current = lock(settlement)
        snapshot = {
            **(current.snapshot or {}),
            "paid": {"at": timezone.localdate().isoformat(), "reference": reference},
        }
        settlement = apply_transition(
            current,
            "paid",
            pipeline=SETTLEMENT_PIPELINE,
            actor=actor,
            # The statement is rendered again with the payment printed on it; the approved one stays in storage.
            update={"paid_at": timezone.now(), "payment_reference": reference, "snapshot": snapshot, "document": ""},
        )
        tasks.queue_settlement_document(settlement)
        notify(
            organization_recipients(settlement.provider),
            kind="voucher.settlement.paid",
            title=_("创新券结算单 %(n)s 已支付") % {"n": settlement.number},
            target=settlement,
            organization=settlement.provider,
        )
    return settlement


def expire_program_balances(*, today=None, actor=None) -> int:
    """Expire the unspent balance of every grant whose programme has ended (idempotent). Returns entries written."""
    today = today or timezone.localdate()
    written = 0
    for grant in VoucherGrant.objects.filter(
        status=GrantStatus.APPROVED, program__valid_until__lt=today, available__gt=0
    ):
        if ledger.expire(grant, actor=actor):
            written += 1
    return written


def program_statistics(program) -> dict:
    """Budget, granted, held, redeemed, settled (paid) and firms served, for dashboards."""
    totals = VoucherGrant.objects.filter(program=program, status=GrantStatus.APPROVED).aggregate(
        granted=Sum("amount"), available=Sum("available"), held=Sum("held"), redeemed=Sum("redeemed")
    )
    settled = Settlement.objects.filter(program=program, status="paid").aggregate(total=Sum("total"))["total"]
    served = (
        LedgerEntry.objects.filter(grant__program=program, kind=EntryKind.REDEEM)
        .values("grant__firm")
        .distinct()
        .count()
    )
    return {
        "program": program.pk,
        "name": program.name,
        "year": program.year,
        "budget": str(program.total_budget),
        "granted": str(money(totals["granted"] or ZERO)),
        "available": str(money(totals["available"] or ZERO)),
        "held": str(money(totals["held"] or ZERO)),
        "redeemed": str(money(totals["redeemed"] or ZERO)),
        "settled": str(money(settled or ZERO)),
        "firms_served": served,
    }
