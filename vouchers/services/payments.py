"""Co-payment of bookings through the instruments app's payment seam, and invoices to firms.

- booking requested with ``use_voucher`` → hold ``min(coverage × quote, available)`` on the firm's eligible grant;
- booking released (cancel / reject / no-show) → the hold is released in full (fees are never voucher-paid);
- booking completed → redeem ``coverage × final amount`` (at most the hold), release the rest, issue the invoice.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.money import ZERO, money
from marketplace.services import audit

from .. import tasks
from ..choices import EntryKind, GrantStatus, HoldStatus, InvoiceKind, RegistrationStatus, ServiceKind
from ..models import Invoice, LedgerEntry, VoucherGrant, VoucherHold
from . import ledger
from .numbering import next_number


def _spendable_grants(firm, on_date):
    """The firm's approved grants with a balance whose programme is valid on ``on_date``, soonest-expiring first."""
    return (
        VoucherGrant.objects.filter(
            firm=firm,
            status=GrantStatus.APPROVED,
            available__gt=0,
            program__valid_from__lte=on_date,
            program__valid_until__gte=on_date,
        )
        .select_related("program")
        .order_by("program__valid_until", "id")
    )


def eligible_grants(firm, provider, *, service_kind: str, on_date):
    """The firm's approved grants that can pay ``provider`` for ``service_kind`` on ``on_date``, soonest-expiring
    first: programme valid that day, covering the service kind, the provider registered (备案) and verified."""
    grants = _spendable_grants(firm, on_date).filter(
        program__providers__provider=provider,
        program__providers__status=RegistrationStatus.APPROVED,
    )
    return [
        g
        for g in grants
        if service_kind in g.program.service_kinds and provider.verified and g.program.accepts_region(provider.region)
    ]


def booking_grants(firm, instrument, start) -> list[VoucherGrant]:
    """The grants that can pay for a booking of ``instrument`` starting at ``start``, in the order they are used."""
    if not instrument.voucher_eligible:
        return []
    return eligible_grants(
        firm,
        instrument.owner,
        service_kind=ServiceKind.INSTRUMENT_TESTING,
        on_date=timezone.localtime(start).date(),
    )


def region_refused_grants(firm, instrument, start) -> list[VoucherGrant]:
    """The firm's grants that would pay for instruments like this one but whose programme does not accept the
    owner's region (``accepts_region``, the rule ``eligible_grants`` and provider registration apply) — so the
    booking form can say why no voucher applies (长三角: vouchers only where the programme accepts the region)."""
    if not instrument.voucher_eligible:
        return []
    on_date = timezone.localtime(start).date()
    region = instrument.owner.region
    grants = _spendable_grants(firm, on_date).prefetch_related("program__accepted_regions")
    return [
        g
        for g in grants
        if ServiceKind.INSTRUMENT_TESTING in g.program.service_kinds and not g.program.accepts_region(region)
    ]


def voucher_share(grant: VoucherGrant, amount: Decimal) -> Decimal:
    """The part of ``amount`` a grant's programme covers (coverage ratio × amount), before the balance limit."""
    return money(grant.program.coverage_ratio * amount)


@dataclass(frozen=True)
class VoucherPreview:
    """What ``hold_for_booking`` would hold for a quote, computed without holding: the grant it would use, its
    coverage and balance, and ``min(coverage × quote, available)``."""

    grant: VoucherGrant
    amount: Decimal


def preview_booking_hold(firm, instrument, amount: Decimal, *, start) -> VoucherPreview | None:
    """The voucher part a booking quoted at ``amount`` would get (None when no voucher can pay for it). Uses the same
    grants, order and ``min(coverage × amount, available)`` as ``hold_for_booking`` / ``ledger.hold_up_to``."""
    for grant in booking_grants(firm, instrument, start):
        part = min(voucher_share(grant, amount), grant.available)
        if part > ZERO:
            return VoucherPreview(grant, part)
    return None


def hold_for_booking(booking, *, actor) -> VoucherHold:
    """Hold voucher money for a booking requested with ``use_voucher`` (409 when no voucher can pay for it)."""
    instrument = booking.instrument
    if not instrument.voucher_eligible:
        raise DomainError(_("该仪器不支持创新券。"), code="voucher_not_eligible")
    for grant in booking_grants(booking.requester_org, instrument, booking.start):
        wanted = voucher_share(grant, booking.amount)
        hold = ledger.hold_up_to(grant, wanted, provider=instrument.owner, booking=booking, actor=actor)
        if hold is not None:
            return hold
    raise DomainError(_("没有可用于该服务的创新券余额。"), code="voucher_unavailable")


#: Which programme service kind pays for which kind of technology contract (transfers and licences are not services).
CONTRACT_SERVICE_KINDS = {
    "consulting": ServiceKind.TECH_SERVICE,
    "service": ServiceKind.TECH_SERVICE,
    "development": ServiceKind.CONTRACT_RND,
}


def hold_for_contract(contract, *, actor) -> VoucherHold:
    """The buyer (a firm) uses vouchers for a signed technology service, consulting or R&D contract, where its
    programme covers that kind of service and the seller is a registered provider."""
    service_kind = CONTRACT_SERVICE_KINDS.get(contract.kind)
    if service_kind is None:
        raise DomainError(
            _("技术转让/许可合同不能使用创新券。"),
            code="voucher_not_eligible",
        )
    if contract.status == "draft" or contract.paid_at:
        raise DomainError(_("合同须已签订且未付款。"), code="illegal_transition")
    if VoucherHold.objects.filter(contract=contract).exists():
        raise DomainError(_("该合同已使用创新券。"), code="already_held")
    grants = eligible_grants(contract.buyer, contract.seller, service_kind=service_kind, on_date=timezone.localdate())
    for grant in grants:
        hold = ledger.hold_up_to(
            grant, money(grant.program.coverage_ratio * contract.amount), provider=contract.seller, actor=actor,
            contract=contract,
        )  # fmt: skip
        if hold is not None:
            return hold
    raise DomainError(_("没有可用于该服务的创新券余额。"), code="voucher_unavailable")


def settle_contract_payment(contract, *, actor=None) -> Invoice:
    """After the contract's payment is recorded: redeem its voucher hold on the full amount and invoice the buyer."""
    voucher_paid = ZERO
    hold = VoucherHold.objects.filter(contract=contract, status=HoldStatus.OPEN).first()
    if hold is not None:
        covered = money(hold.grant.program.coverage_ratio * contract.amount)
        voucher_paid = ledger.redeem(hold, covered, actor=actor, note=f"contract {contract.pk} paid").redeemed_amount
    line = {"description": f"{contract.get_kind_display()}：{contract.title}", "quantity": "1", "unit": "",
            "unit_price": str(contract.amount), "amount": str(contract.amount)}  # fmt: skip
    return _issue(
        provider=contract.seller, customer=contract.buyer, booking=None, contract=contract, lines=[line],
        total=contract.amount, fees=ZERO, voucher_paid=voucher_paid,
        notes=f"{contract.registration_number or ''} {contract.payment_reference}".strip(), actor=actor,
    )  # fmt: skip


def _open_hold(booking):
    return VoucherHold.objects.filter(booking=booking, status=HoldStatus.OPEN).first()


def release_for_booking(booking, *, actor=None) -> None:
    hold = _open_hold(booking)
    if hold is not None:
        ledger.release(hold, actor=actor, note=f"booking {booking.pk} {booking.status}")


def redeem_for_booking(booking, *, actor=None) -> Decimal:
    """Redeem on the final amount; returns the voucher-paid part."""
    hold = _open_hold(booking)
    if hold is None:
        return ZERO
    covered = money(hold.grant.program.coverage_ratio * booking.final_amount)
    return ledger.redeem(hold, covered, actor=actor, note=f"booking {booking.pk} completed").redeemed_amount


def _party(organization) -> dict:
    return {
        "name": organization.name,
        "credit_code": organization.credit_code,
        "address": organization.address,
        "contact": " ".join(filter(None, [organization.contact_name, organization.contact_phone])),
    }


def _issue(
    *,
    provider,
    customer,
    booking,
    lines,
    total,
    fees,
    voucher_paid,
    kind=InvoiceKind.INVOICE,
    cancels=None,
    notes="",
    actor=None,
    contract=None,
    fees_label="",
) -> Invoice:
    year = timezone.localdate().year
    number = f"FP{provider.pk:04d}-{year}-{next_number(f'invoice:{provider.pk}', year):05d}"
    amount_owed = total + fees - voucher_paid
    snapshot = {
        "number": number,
        "kind": kind,
        "cancels": cancels.number if cancels else None,
        "issued_at": timezone.localdate().isoformat(),
        "provider": _party(provider),
        "customer": _party(customer),
        "lines": lines,
        "total": str(total),
        "fees": str(fees),
        "fees_label": fees_label,
        "voucher_paid": str(voucher_paid),
        "amount_owed": str(amount_owed),
        "notes": notes,
    }
    invoice = Invoice.objects.create(
        number=number,
        kind=kind,
        provider=provider,
        customer=customer,
        booking=booking,
        contract=contract,
        cancels=cancels,
        total=total,
        fees=fees,
        voucher_paid=voucher_paid,
        amount_owed=amount_owed,
        snapshot=snapshot,
    )
    audit.record(
        actor=actor,
        organization=provider,
        target=invoice,
        action=AuditAction.CREATE,
        changes={"amount_owed": [None, str(amount_owed)]},
    )
    tasks.queue_invoice_document(invoice)
    return invoice


def invoice_booking(booking, *, voucher_paid: Decimal = ZERO, actor=None) -> Invoice | None:
    """The invoice of a completed booking, or of the fee of a cancelled / no-show one (nothing when nothing is owed)."""
    total = booking.final_amount if booking.final_amount is not None else ZERO
    if total <= ZERO and booking.fee <= ZERO:
        return None
    lines = []
    if total > ZERO:
        lines.append(
            {
                "description": f"{booking.instrument.name} · {booking.service_item.name}",
                "quantity": str(booking.final_quantity),
                "unit": booking.service_item.get_unit_display(),
                "unit_price": str(booking.unit_price),
                "amount": str(total),
            }
        )
    fees_label = ""
    if booking.fee > ZERO:
        fees_label = fee_label(booking)
        lines.append(
            {
                "description": fees_label,
                "quantity": "1",
                "unit": "",
                "unit_price": str(booking.fee),
                "amount": str(booking.fee),
            }
        )
    return _issue(
        provider=booking.instrument.owner,
        customer=booking.requester_org,
        booking=booking,
        lines=lines,
        total=total,
        fees=booking.fee,
        voucher_paid=voucher_paid,
        notes=f"{_('预约')} #{booking.pk} {timezone.localtime(booking.start):%Y-%m-%d %H:%M}",
        actor=actor,
        fees_label=fees_label,
    )


def fee_label(booking) -> str:
    """What a booking's fee is: 爽约费 for a no-show, 违约金 for a late cancellation (never a 手续费)."""
    if booking.status == "no_show":
        return _("爽约费")
    return _("违约金（逾期取消）")


def cancel_invoice(invoice: Invoice, *, actor, reason: str) -> Invoice:
    """Cancel an invoice with a credit note (a negative copy); a voucher redemption behind it is reversed — through
    the provider's claim when it is already claimed (``ledger.reverse_redemption``)."""
    if invoice.kind != InvoiceKind.INVOICE:
        raise DomainError(_("红字冲销单不能再冲销。"), code="illegal_transition")
    with transaction.atomic():
        invoice = type(invoice).objects.select_for_update().get(pk=invoice.pk)
        if Invoice.objects.filter(cancels=invoice).exists():
            raise DomainError(_("该收费确认单已冲销。"), code="already_cancelled")
        if invoice.voucher_paid > ZERO:
            holder = (
                {"hold__booking_id": invoice.booking_id}
                if invoice.booking_id
                else {"hold__contract_id": invoice.contract_id}
            )
            redemption = LedgerEntry.objects.get(kind=EntryKind.REDEEM, **holder)
            ledger.reverse_redemption(redemption, actor=actor, note=f"credit note for {invoice.number}")
        negative = [{**line, "amount": str(-Decimal(line["amount"]))} for line in invoice.snapshot["lines"]]
        return _issue(
            provider=invoice.provider,
            customer=invoice.customer,
            booking=invoice.booking,
            contract=invoice.contract,
            lines=negative,
            total=-invoice.total,
            fees=-invoice.fees,
            voucher_paid=-invoice.voucher_paid,
            kind=InvoiceKind.CREDIT_NOTE,
            cancels=invoice,
            notes=reason,
            actor=actor,
            fees_label=invoice.snapshot.get("fees_label") or "",
        )


def record_fapiao_number(invoice: Invoice, *, fapiao_number: str, actor) -> Invoice:
    """Record the number of the fapiao (发票) the provider issued itself for a charge confirmation. The confirmation
    and its stored PDF stay as issued (a plain QuerySet: the manager refuses updates of these immutable rows; this
    reference is the one field kept beside them); audited."""
    fapiao_number = fapiao_number.strip()
    if not fapiao_number:
        raise RuleViolation(_("请填写发票号码。"), field="fapiao_number")
    with transaction.atomic():
        current = models.QuerySet(Invoice).select_for_update().get(pk=invoice.pk)
        models.QuerySet(Invoice).filter(pk=invoice.pk).update(fapiao_number=fapiao_number)
        audit.record(
            actor=actor,
            organization=current.provider,
            target=current,
            action=AuditAction.UPDATE,
            changes={"fapiao_number": [current.fapiao_number, fapiao_number]},
        )
        current.fapiao_number = fapiao_number
    return current


def monthly_statement(provider, customer, year: int, month: int) -> dict:
    """A firm's statement of one provider's invoices and credit notes in a month (a snapshot for the PDF)."""
    invoices = Invoice.objects.filter(
        Q(provider=provider) & Q(customer=customer), issued_at__year=year, issued_at__month=month
    ).order_by("issued_at", "id")
    rows = [
        {
            "number": i.number,
            "date": timezone.localtime(i.issued_at).date().isoformat(),
            "total": str(i.total),
            "fees": str(i.fees),
            "voucher_paid": str(i.voucher_paid),
            "amount_owed": str(i.amount_owed),
        }
        for i in invoices
    ]
    totals = {
        key: str(sum((getattr(i, key) for i in invoices), ZERO))
        for key in ("total", "fees", "voucher_paid", "amount_owed")
    }
    return {
        "provider": _party(provider),
        "customer": _party(customer),
        "month": f"{year}-{month:02d}",
        "invoices": rows,
        "totals": totals,
    }
