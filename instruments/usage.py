"""Usage records (使用记录): an owner corrects a session's actual start / end afterwards, with a required reason.

The correction is audited with the old and new values. A completed session's bill is recomputed by
``services.usage_bill`` (the one billing rule of check-out) — only while nothing has been billed from it: once a
charge confirmation (收费确认单) is issued or a voucher redeemed for it, the amounts are on documents that are never
edited (corrections there are credit notes), so the correction is refused (409 ``already_billed``).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.services import audit
from marketplace.services.notifications import notify
from marketplace.services.transitions import lock

from . import services
from .choices import BookingStatus, PriceUnit
from .models import Booking


def operator_choices(booking: Booking):
    """Who may be recorded as having operated the instrument for ``booking``: the active members of the owner and of
    the requesting organization (staff run sample tests; a qualified firm user runs a self-operated session)."""
    from marketplace.models import Membership, User

    organizations = [booking.instrument.owner_id, booking.requester_org_id]
    members = Membership.objects.filter(organization_id__in=organizations).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("username")


def operator_allowed(booking: Booking, user) -> bool:
    return operator_choices(booking).filter(pk=user.pk).exists()


def is_billed(booking: Booking) -> bool:
    """Whether another app has billed the booking's usage: an invoice issued for it (reverse relation ``invoices``)
    or a voucher hold redeemed (``voucher_hold`` with a redeemed amount). Both are the payment seam's relations; an
    installation without the vouchers app bills nothing."""
    invoices = getattr(booking, "invoices", None)
    if invoices is not None and invoices.exists():
        return True
    hold = getattr(booking, "voucher_hold", None)
    return hold is not None and hold.redeemed_amount > 0


def correct_usage(
    booking: Booking, *, actor, organization, actual_start, actual_end=None, reason: str, now=None
) -> Booking:
    """The owner corrects when a session really started (and, once completed, ended). ``reason`` is required. In
    use: only the start (not after now). Completed: start before end, end not after now, and the bill recomputed —
    refused (409 ``already_billed``) once invoiced or redeemed."""
    now = now or timezone.now()
    if not (reason or "").strip():
        raise RuleViolation(_("请填写更正原因。"), field="reason")
    if organization.pk != booking.instrument.owner_id:
        raise DomainError(_("只有仪器所属机构可以更正使用记录。"), code="not_a_party")
    with transaction.atomic():
        current = lock(booking)
        if current.status not in (BookingStatus.IN_PROGRESS, BookingStatus.COMPLETED):
            raise DomainError(_("只能更正使用中或已完成的预约的使用记录。"), code="illegal_transition")
        if actual_start is None:
            raise RuleViolation(_("请填写实际开始时间。"), field="actual_start")
        if actual_start > now:
            raise RuleViolation(_("实际开始时间不能晚于现在。"), field="actual_start")
        completed = current.status == BookingStatus.COMPLETED
        if not completed and actual_end is not None:
            raise RuleViolation(_("使用中的预约尚未签退，只能更正实际开始时间。"), field="actual_end")
        if completed:
            if actual_end is None:
                raise RuleViolation(_("请填写实际结束时间。"), field="actual_end")
            if actual_end <= actual_start:
                raise RuleViolation(_("实际结束时间应晚于实际开始时间。"), field="actual_end")
            if actual_end > now:
                raise RuleViolation(_("实际结束时间不能晚于现在。"), field="actual_end")
            if is_billed(current):
                raise DomainError(
                    _("该预约已开具收费确认单或已兑用创新券，不能再更正使用时间；如需更正请冲销后重开。"),
                    code="already_billed",
                )
        fields = ["actual_start", "actual_end", "final_quantity", "final_amount"]
        before = audit.snapshot(current, fields)
        current.actual_start = actual_start
        if completed:
            samples = int(current.final_quantity) if current.unit == PriceUnit.SAMPLE else None
            current.actual_end = actual_end
            current.final_quantity, current.final_amount = services.usage_bill(
                current, actual_end=actual_end, sample_count=samples
            )
        current.save(update_fields=[*fields, "updated_at"])
        changes = audit.diff(before, audit.snapshot(current, fields))
        audit.record(
            actor=actor,
            organization=organization,
            target=current,
            action=AuditAction.UPDATE,
            transition="usage_corrected",
            changes=changes,
            note=reason.strip(),
        )
        if "final_amount" in changes:
            notify(
                [current.requester],
                kind="booking.usage_corrected",
                title=_("使用记录已更正：%(i)s") % {"i": current.instrument.name},
                body=_("结算金额由 %(old)s 元更正为 %(new)s 元。原因：%(reason)s")
                % {"old": changes["final_amount"][0], "new": current.final_amount, "reason": reason.strip()},
                url=current.get_absolute_url(),
                target=current,
                organization=current.requester_org,
            )
    return current
