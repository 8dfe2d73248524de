"""Programmes, provider registration (备案) and grants: applications and their review by administrators."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.money import ZERO, money
from marketplace.services import audit
from marketplace.services.notifications import notify, organization_recipients
from marketplace.services.transitions import apply_transition, lock

from ..choices import GrantStatus, RegistrationStatus
from ..models import ProviderRegistration, VoucherGrant, VoucherProgram
from . import ledger

REVIEW_PIPELINE = {"pending": {"approved", "rejected"}, "applied": {"approved", "rejected"}}


def register_provider(
    *, program: VoucherProgram, provider, services: str, actor, bank_name: str = "", bank_account: str = ""
) -> ProviderRegistration:
    """A provider asks to redeem the programme's vouchers (listing its services and fees, and the bank account the
    programme pays into, printed on its settlement statements)."""
    if not provider.verified:
        raise DomainError(_("机构须先通过平台认证。"), code="not_verified")
    if not program.accepts_region(provider.region):
        raise DomainError(
            _("本项目不认可该地区的服务机构。"),
            code="region_not_accepted",
        )
    with transaction.atomic():
        lock(provider)
        if ProviderRegistration.objects.filter(program=program, provider=provider).exists():
            raise DomainError(_("已提交过本项目的备案。"), code="already_registered")
        registration = ProviderRegistration.objects.create(
            program=program, provider=provider, services=services, bank_name=bank_name, bank_account=bank_account
        )
        audit.record(actor=actor, organization=provider, target=registration, action=AuditAction.CREATE)
    return registration


def review_registration(registration, *, approve: bool, actor, note: str = "") -> ProviderRegistration:
    with transaction.atomic():
        registration = apply_transition(
            registration,
            RegistrationStatus.APPROVED if approve else RegistrationStatus.REJECTED,
            pipeline=REVIEW_PIPELINE,
            actor=actor,
            note=note,
            update={"review_note": note},
        )
        notify(
            organization_recipients(registration.provider),
            kind=f"voucher.registration.{registration.status}",
            title=_("创新券服务机构备案：%(s)s") % {"s": registration.get_status_display()},
            body=note,
            target=registration,
            organization=registration.provider,
        )
    return registration


def apply_for_grant(
    *, program: VoucherProgram, firm, requested_amount: Decimal, purpose: str = "", actor
) -> VoucherGrant:
    """A firm applies for a programme's vouchers (one live application per programme)."""
    today = timezone.localdate()
    if today > program.valid_until:
        raise DomainError(_("该项目已截止。"), code="program_ended")
    if money(requested_amount) > program.per_firm_cap:
        raise RuleViolation(
            _("申请额度超过单个企业上限 %(cap)s 元。") % {"cap": program.per_firm_cap},
            field="requested_amount",
        )
    with transaction.atomic():
        lock(firm)  # one application at a time per firm, so the check below cannot race
        if VoucherGrant.objects.filter(program=program, firm=firm).exclude(status=GrantStatus.REJECTED).exists():
            raise DomainError(_("该企业已申请本项目创新券。"), code="already_applied")
        grant = VoucherGrant.objects.create(
            program=program, firm=firm, requested_amount=money(requested_amount), purpose=purpose
        )
        audit.record(
            actor=actor,
            organization=firm,
            target=grant,
            action=AuditAction.CREATE,
            changes={"requested_amount": [None, str(grant.requested_amount)]},
        )
    return grant


def approve_grant(grant: VoucherGrant, *, amount: Decimal | None = None, actor, note: str = "") -> VoucherGrant:
    """An administrator approves ``amount`` (default: as requested), within the per-firm cap and the programme's
    remaining budget. The programme row is locked first, so concurrent approvals cannot overspend; the programme's
    check constraint (granted ≤ budget) is the database's backstop."""
    with transaction.atomic():
        program = lock(grant.program)
        grant = lock(grant)
        if grant.status != GrantStatus.APPLIED:
            raise DomainError(_("该申请已审核。"), code="illegal_transition")
        amount = money(grant.requested_amount if amount is None else amount)
        if amount <= ZERO:
            raise RuleViolation(_("核定额度须大于0。"), field="amount")
        if amount > program.per_firm_cap:
            raise RuleViolation(
                _("超过单个企业上限 %(cap)s 元。") % {"cap": program.per_firm_cap},
                field="amount",
                code="over_firm_cap",
            )
        remaining = program.total_budget - program.granted_total
        if amount > remaining:
            raise DomainError(
                _("项目剩余预算不足：剩余 %(r)s 元。") % {"r": remaining},
                code="budget_exhausted",
                remaining=str(remaining),
            )
        # Decimal arithmetic under the programme's lock (SQLite would compute F() sums in binary floats).
        VoucherProgram.objects.filter(pk=program.pk).update(granted_total=program.granted_total + amount)
        grant = apply_transition(
            grant,
            GrantStatus.APPROVED,
            pipeline=REVIEW_PIPELINE,
            actor=actor,
            note=note,
            update={"amount": amount, "cap": program.per_firm_cap, "reviewed_at": timezone.now(), "review_note": note},
        )
        ledger.credit_grant(grant, amount, actor=actor)
        notify(
            organization_recipients(grant.firm),
            kind="voucher.grant.approved",
            title=_("创新券已发放：%(a)s 元") % {"a": amount},
            body=str(program),
            target=grant,
            organization=grant.firm,
        )
    grant.refresh_from_db()
    return grant


def reject_grant(grant: VoucherGrant, *, actor, note: str) -> VoucherGrant:
    if not note.strip():
        raise RuleViolation(_("请填写审核意见。"), field="note")
    with transaction.atomic():
        grant = apply_transition(
            grant,
            GrantStatus.REJECTED,
            pipeline=REVIEW_PIPELINE,
            actor=actor,
            note=note,
            update={"reviewed_at": timezone.now(), "review_note": note},
        )
        notify(
            organization_recipients(grant.firm),
            kind="voucher.grant.rejected",
            title=_("创新券申请未通过"),
            body=note,
            target=grant,
            organization=grant.firm,
        )
    return grant
