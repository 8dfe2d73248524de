"""Booking services: every booking state change, transactional and audited (DESIGN §3 "Instruments and bookings").

``request_booking`` checks every rule, quotes and freezes the price by the requester's tier and either confirms at
once (auto-approval instruments) or waits for the owner. The overlap rule is enforced by the database on PostgreSQL
(exclusion constraint ``booking_no_overlap``) and by the serialized (IMMEDIATE) write transaction on SQLite. On
PostgreSQL a request does not check before inserting: the constraint answers, and its violation is the same 409
``booking_conflict``; on SQLite the service checks inside that transaction, before the insert.

The payment seam: ``signals.booking_requested`` / ``booking_released`` / ``booking_completed`` are sent inside the
booking's transaction, so the vouchers app can hold, release and redeem without this module knowing voucher internals.
"""

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.choices import AuditAction, OrganizationKind
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.money import ZERO, money, percent_of
from marketplace.services import audit
from marketplace.services.notifications import notify, notify_each, organization_recipients
from marketplace.services.transitions import apply_transition, lock

from . import rules, signals
from .choices import (
    BOOKING_PIPELINE,
    LIVE_BOOKING_STATUSES,
    BookingMode,
    BookingStatus,
    InstrumentStatus,
    PriceTier,
    PriceUnit,
    QuotaPeriod,
)
from .extensions import no_payment_yet
from .facts import BookingFacts, closures_during, last_session_day, qualifications_covering
from .models import Booking, BookingQuota, Instrument, ServiceItem, WaitlistEntry


class BookingConflict(DomainError):
    default_code = "booking_conflict"
    default_message = gettext_lazy("该时段已被预约。")


def price_tier(organization, instrument: Instrument) -> str:
    """Internal price for the owner itself, academic price for institutes, enterprise price for everyone else."""
    if organization.pk == instrument.owner_id:
        return PriceTier.INTERNAL
    if organization.kind == OrganizationKind.INSTITUTE:
        return PriceTier.ACADEMIC
    return PriceTier.ENTERPRISE


def quantity_for(unit: str, start, end, sample_count: int) -> Decimal:
    """Billable quantity: hours (two places), started days, or samples."""
    if unit == PriceUnit.HOUR:
        return money(Decimal((end - start).total_seconds()) / Decimal(3600))
    if unit == PriceUnit.DAY:
        return Decimal(math.ceil((end - start).total_seconds() / 86400))
    return Decimal(sample_count)


@dataclass(frozen=True)
class Quote:
    """The price a request would be quoted and frozen at (报价): the requester's tier, the unit, unit price, billable
    quantity and their product."""

    tier: str
    unit: str
    unit_price: Decimal
    quantity: Decimal
    amount: Decimal

    def get_tier_display(self) -> str:
        return PriceTier(self.tier).label

    def get_unit_display(self) -> str:
        return PriceUnit(self.unit).label


def quote(organization, instrument: Instrument, service_item: ServiceItem, *, start, end, sample_count: int) -> Quote:
    """The quote ``request_booking`` freezes for ``organization`` (a preview shows the same one before submitting)."""
    tier = price_tier(organization, instrument)
    quantity = quantity_for(service_item.unit, start, end, sample_count)
    unit_price = service_item.price_for(tier)
    return Quote(tier, service_item.unit, unit_price, quantity, money(unit_price * quantity))


def check_rules(
    instrument: Instrument,
    service_item: ServiceItem,
    *,
    user,
    start,
    end,
    sample_count,
    now,
    facts: BookingFacts | None = None,
) -> None:
    """Raise RuleViolation / DomainError for the first rule the request breaks. ``facts`` (``facts.booking_target``)
    are the opening hours, closures and qualification already read for this user and period."""
    facts = facts if facts is not None and facts.applies_to(user, start, end) else None
    if instrument.status != InstrumentStatus.ACTIVE:
        raise DomainError(_("该仪器当前不可预约。"), code="instrument_unavailable")
    if service_item.instrument_id != instrument.pk or not service_item.active:
        raise RuleViolation(_("服务项目不属于该仪器或已停用。"), field="service_item")
    if start >= end:
        raise RuleViolation(_("结束时间应晚于开始时间。"), field="end")
    slot = instrument.slot_minutes
    if not (rules.on_slot_grid(start, slot) and rules.on_slot_grid(end, slot)):
        raise RuleViolation(
            _("预约时间须按 %(n)d 分钟对齐。") % {"n": slot},
            field="start",
            code="off_grid",
        )
    minutes = (end - start).total_seconds() / 60
    if not instrument.min_duration_minutes <= minutes <= instrument.max_duration_minutes:
        raise RuleViolation(
            _("预约时长须在 %(min)d–%(max)d 分钟之间。")
            % {"min": instrument.min_duration_minutes, "max": instrument.max_duration_minutes},
            field="end",
            code="duration_out_of_range",
        )
    earliest, latest = rules.bookable_window(instrument, now)
    if start < earliest:
        raise RuleViolation(
            _("须至少提前 %(h)d 小时预约。") % {"h": instrument.lead_time_hours},
            field="start",
            code="lead_time",
        )
    if end > latest:
        raise RuleViolation(
            _("最多可提前 %(d)d 天预约。") % {"d": instrument.max_advance_days},
            field="start",
            code="advance_window",
        )
    hours = facts.opening_hours if facts else instrument.opening_hours.all()
    if not rules.within_opening_hours(hours, start, end):
        raise RuleViolation(_("所选时段不在仪器开放时间内。"), field="start", code="outside_opening_hours")
    if facts.closed if facts else closures_during(instrument, start, end).exists():
        raise RuleViolation(_("所选时段仪器停机维护。"), field="start", code="closed")
    if service_item.unit == PriceUnit.SAMPLE and sample_count < 1:
        raise RuleViolation(_("请填写样品数量。"), field="sample_count")
    if instrument.booking_mode == BookingMode.SELF_OPERATED:
        # The qualification must cover the booked session itself (every local day from start to end), not merely
        # today: one that lapses before the session would let an untrained user on the machine.
        if facts:
            qualified = facts.qualified
        else:
            qualified = qualifications_covering(user, instrument, last_session_day(end)).exists()
        if not qualified:
            raise DomainError(
                _("自主上机须持有有效的上机资格。"),
                code="qualification_required",
            )


def database_refuses_overlaps() -> bool:
    """Whether the database itself refuses overlapping live bookings: PostgreSQL's exclusion constraint
    ``booking_no_overlap`` (migration 0002 creates it there only)."""
    return connection.vendor == "postgresql"


def _overlapping(instrument, start, blocked_until) -> bool:
    """Whether [start, blocked_until) meets a live booking's [start, blocked_until): the constraint's own test."""
    return (
        Booking.objects.live().filter(instrument=instrument, start__lt=blocked_until, blocked_until__gt=start).exists()
    )


def calendars(instruments, start, end) -> dict[int, tuple[list, list]]:
    """What ``rules.free_slots`` subtracts in [start, end) for each instrument — its closures and its live bookings
    (reaching back by its buffer) — as ``pk → (closures, bookings)``, in two queries however many instruments."""
    from .models import Closure

    instruments = list(instruments)
    found = {instrument.pk: ([], []) for instrument in instruments}
    if not instruments or start >= end:
        return found
    widest = timedelta(minutes=max(instrument.buffer_minutes for instrument in instruments))
    for closure in Closure.objects.filter(instrument_id__in=list(found), start__lt=end, end__gt=start):
        found[closure.instrument_id][0].append(closure)
    live = Booking.objects.live().filter(instrument_id__in=list(found), start__lt=end + widest, blocked_until__gt=start)
    for booking in live.only("instrument_id", "start", "end", "blocked_until", "status"):
        found[booking.instrument_id][1].append(booking)
    return found


def available_slots(instrument: Instrument, start, end, *, now=None, calendar=None) -> list[rules.Interval]:
    """Free intervals of ``instrument`` in [start, end) that a request would accept (see ``rules.free_slots``).
    ``calendar``: its entry of ``calendars()`` when the caller read several instruments at once."""
    closures, bookings = calendar if calendar is not None else calendars([instrument], start, end)[instrument.pk]
    return rules.free_slots(
        instrument, start, end, now=now or timezone.now(), hours=list(instrument.opening_hours.all()),
        closures=closures, bookings=bookings,
    )  # fmt: skip


FIRST_SLOT_WINDOW = timedelta(days=14)


def first_free_slots(instruments, start, end, *, now=None) -> dict[int, datetime | None]:
    """The start of the first free slot (as ``available_slots`` computes it) of each instrument in [start, end), or
    None: two queries for all of them (``calendars``; opening hours prefetched by the caller or read per
    instrument), the grid walked a fortnight at a time so a busy calendar does not cost a two-month walk."""
    now = now or timezone.now()
    instruments = list(instruments)
    if not instruments or start >= end:
        return {instrument.pk: None for instrument in instruments}
    calendar = calendars(instruments, start, end)
    first = {}
    for instrument in instruments:
        hours = list(instrument.opening_hours.all())
        first[instrument.pk] = None
        window_start = start
        minimum = timedelta(minutes=instrument.min_duration_minutes)
        while window_start < end and first[instrument.pk] is None:
            window_end = min(end, window_start + FIRST_SLOT_WINDOW)
            # walked up to a minimum duration past the window: a slot starting before its end is seen whole
            closures, bookings = calendar[instrument.pk]
            slots = rules.free_slots(instrument, window_start, min(end, window_end + minimum), now=now, hours=hours,
                                     closures=closures, bookings=bookings)  # fmt: skip
            if slots:
                first[instrument.pk] = slots[0][0]
            window_start = window_end
    return first


def quota_period(period: str, moment) -> rules.Interval:
    """The calendar week (from Monday) or month containing ``moment``, in local time."""
    day = rules.local_day(moment)
    if period == QuotaPeriod.WEEK:
        first = day - timedelta(days=day.weekday())
        return rules.at(first, time.min), rules.at(first + timedelta(days=7), time.min)
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return rules.at(first, time.min), rules.at(following, time.min)


def check_quotas(instrument: Instrument, organization, start, end) -> None:
    """Refuse a request that would take ``organization`` past a quota of ``instrument`` (409 quota_exceeded).

    The caller holds the organization's row lock, so two requests of one organization cannot both pass."""
    if organization.pk == instrument.owner_id:
        return
    for quota in BookingQuota.objects.filter(instrument=instrument):
        period_start, period_end = quota_period(quota.period, start)
        held = Booking.objects.filter(
            instrument=instrument,
            requester_org=organization,
            status__in=[*LIVE_BOOKING_STATUSES, BookingStatus.COMPLETED],
            start__gte=period_start,
            start__lt=period_end,
        ).values_list("start", "end")
        hours = sum(((e - s) for s, e in held), timedelta()) + (end - start)
        over_count = quota.max_bookings is not None and len(held) + 1 > quota.max_bookings
        over_hours = quota.max_hours is not None and Decimal(hours.total_seconds()) / 3600 > quota.max_hours
        if over_count or over_hours:
            raise DomainError(
                _("超出%(period)s预约配额（%(limit)s）。")
                % {
                    "period": quota.get_period_display(),
                    "limit": _("%(h)s 小时") % {"h": quota.max_hours}
                    if over_hours
                    else _("%(n)s 次") % {"n": quota.max_bookings},
                },
                code="quota_exceeded",
            )


def lock_calendar(instrument) -> Instrument:
    """The instrument's row, locked FOR NO KEY UPDATE until the transaction ends: booking requests and downtime
    declarations of one instrument take their turns, while the bookings' foreign-key checks (KEY SHARE) and
    everything on other instruments go on. Without it two requests for overlapping slots inserted at the same moment
    each wait for the other inside the exclusion constraint's check, and PostgreSQL cancels one as a deadlock.
    Whoever changes what the rules read (opening hours, closures, the instrument's own settings) saves the
    instrument in its transaction, so ``updated_at`` tells a request whether what it checked is still so."""
    return Instrument.objects.select_for_update(no_key=True).get(pk=instrument.pk)


def _lock_for_request(instrument, start, blocked_until) -> Instrument:
    """``lock_calendar`` for a request of [start, blocked_until); where the database does not refuse overlaps
    itself (SQLite), the same statement says whether a live booking meets the slot (``_overlaps``)."""
    if database_refuses_overlaps():
        return lock_calendar(instrument)
    overlapping = Booking.objects.live().filter(instrument=instrument, start__lt=blocked_until, blocked_until__gt=start)
    return Instrument.objects.annotate(_overlaps=Exists(overlapping)).get(pk=instrument.pk)


def request_booking(
    *,
    actor,
    organization,
    instrument: Instrument,
    service_item: ServiceItem,
    start,
    end,
    sample_count: int = 0,
    purpose: str = "",
    payment: dict | None = None,
    now=None,
    facts: BookingFacts | None = None,
) -> Booking:
    """A member of ``organization`` requests ``instrument`` for [start, end). ``payment`` is handed to the payment
    seam (e.g. ``{"use_voucher": True}``); a receiver that refuses it rolls the whole request back. ``facts``
    (``facts.booking_target``: what the rules read, loaded with the instrument) spare the rules their own queries.

    The overlap rule: on PostgreSQL the insert itself is the check (the exclusion constraint's violation, raised
    inside this function's atomic block — a savepoint when the caller holds a transaction — is the 409
    ``booking_conflict``); on SQLite the check runs inside the serialized write transaction before the insert."""
    now = now or timezone.now()
    facts = facts if facts is not None and facts.applies_to(actor, start, end) else None
    check_rules(
        instrument, service_item, user=actor, start=start, end=end, sample_count=sample_count, now=now, facts=facts
    )
    try:
        with transaction.atomic():
            blocked_until = end + timedelta(minutes=instrument.buffer_minutes)
            locked = _lock_for_request(instrument, start, blocked_until)
            overlaps = getattr(locked, "_overlaps", False)
            if locked.updated_at != instrument.updated_at:
                # The rules or the calendar changed since they were read (a downtime declared, hours edited):
                # they are read again, under the lock, so nothing is booked into a period closed meanwhile.
                instrument, facts = locked, None
                check_rules(
                    instrument, service_item, user=actor, start=start, end=end, sample_count=sample_count, now=now
                )
                blocked_until = end + timedelta(minutes=instrument.buffer_minutes)
                overlaps = not database_refuses_overlaps() and _overlapping(instrument, start, blocked_until)
            if overlaps:
                raise BookingConflict()
            price = quote(organization, instrument, service_item, start=start, end=end, sample_count=sample_count)
            auto = instrument.approval_mode == "auto"
            if facts.has_quotas if facts else instrument.quotas.exists():
                check_quotas(instrument, lock(organization), start, end)
            booking = Booking.objects.create(
                instrument=instrument,
                service_item=service_item,
                requester_org=organization,
                requester=actor,
                start=start,
                end=end,
                blocked_until=blocked_until,
                status=BookingStatus.CONFIRMED if auto else BookingStatus.REQUESTED,
                purpose=purpose,
                sample_count=sample_count,
                price_tier=price.tier,
                unit=price.unit,
                unit_price=price.unit_price,
                quantity=price.quantity,
                amount=price.amount,
            )
            audit.record(
                actor=actor,
                organization=organization,
                target=booking,
                action=AuditAction.CREATE,
                transition=f"→{booking.status}",
                changes={"start": [None, start], "end": [None, end], "amount": [None, booking.amount]},
            )
            no_payment_yet(booking)  # a receiver below that pays (e.g. a voucher hold) records itself on it
            signals.booking_requested.send(Booking, booking=booking, payment=payment or {}, actor=actor)
            title = _("新的仪器预约：%(i)s") if not auto else _("仪器已被预约：%(i)s")
            messages = [_owner_message(booking, title, facts.owner_recipient_ids if facts else None)]
            if auto:
                messages.append(_requester_message(booking, _("预约已确认：%(i)s")))
            notify_each(messages)
    except IntegrityError as exc:
        if "booking_no_overlap" in str(exc):
            raise BookingConflict() from exc
        raise
    return booking


def _owner_message(booking, title, recipients=None) -> dict:
    """The owner's notice (``notify_each``); ``recipients``: the ids of the owner's active users when the caller read
    them already (``facts.owner_recipient_rows``), else they are read here."""
    return {
        "recipients": organization_recipients(booking.instrument.owner) if recipients is None else recipients,
        "kind": "booking.requested",
        "title": title % {"i": booking.instrument.name},
        "body": f"{timezone.localtime(booking.start):%Y-%m-%d %H:%M} – {timezone.localtime(booking.end):%H:%M}",
        "url": booking.get_absolute_url(),
        "target": booking,
        "organization": booking.instrument.owner,
    }


def _requester_message(booking, title, body="") -> dict:
    return {
        "recipients": [booking.requester],
        "kind": f"booking.{booking.status}",
        "title": title % {"i": booking.instrument.name},
        "body": body or f"{timezone.localtime(booking.start):%Y-%m-%d %H:%M} – {timezone.localtime(booking.end):%H:%M}",
        "url": booking.get_absolute_url(),
        "target": booking,
        "organization": booking.requester_org,
    }


def _tell_owner(booking, title):
    notify_each([_owner_message(booking, title)])


def _tell_requester(booking, title, body=""):
    notify_each([_requester_message(booking, title, body)])


def _transition(booking, to_state, *, actor, organization, note="", update=None):
    return apply_transition(
        booking, to_state, pipeline=BOOKING_PIPELINE, actor=actor, organization=organization, note=note, update=update
    )


def confirm_booking(booking: Booking, *, actor, organization) -> Booking:
    """The owner accepts a requested booking."""
    with transaction.atomic():
        booking = _transition(booking, BookingStatus.CONFIRMED, actor=actor, organization=organization)
        _tell_requester(booking, _("预约已确认：%(i)s"))
    return booking


def reject_booking(booking: Booking, *, actor, organization, reason: str) -> Booking:
    """The owner declines a booking (reason required); its slot frees up."""
    if not reason.strip():
        raise RuleViolation(_("请填写拒绝原因。"), field="reason")
    with transaction.atomic():
        booking = _transition(
            booking, BookingStatus.REJECTED, actor=actor, organization=organization, update={"reason": reason}
        )
        signals.booking_released.send(Booking, booking=booking, actor=actor)
        offer_freed_slot(booking)
        _tell_requester(booking, _("预约未通过：%(i)s"), body=reason)
    return booking


@dataclass(frozen=True)
class CancellationTerms:
    """What cancelling a booking now would cost: the free-cancellation deadline, whether it has passed (late) and the
    late-cancellation fee (only the requester pays one; the owner cancelling costs the requester nothing)."""

    deadline: datetime
    late: bool
    fee: Decimal
    fee_percent: int


def cancellation_terms(booking: Booking, organization, *, now=None) -> CancellationTerms:
    """The one rule for the late-cancellation fee, shown before confirming and applied by ``cancel_booking``."""
    now = now or timezone.now()
    instrument = booking.instrument
    deadline = booking.start - timedelta(hours=instrument.cancellation_deadline_hours)
    late = now > deadline
    fee = ZERO
    if late and organization.pk == booking.requester_org_id:
        fee = percent_of(booking.amount, instrument.late_cancel_fee_percent)
    return CancellationTerms(deadline, late, fee, instrument.late_cancel_fee_percent)


def cancel_booking(booking: Booking, *, actor, organization, reason: str = "", now=None, downtime=None) -> Booking:
    """The requester (or the owner) cancels. Free before the instrument's cancellation deadline; after it the
    requester owes the late-cancellation fee (a percentage of the quote). Cancelling after the start is not allowed:
    that is a no-show. ``downtime`` (a declared downtime cancelling it, ``instruments.downtime``) is recorded on the
    booking, and the requester is then told by the downtime's own notice (with alternatives) instead of here."""
    now = now or timezone.now()
    with transaction.atomic():
        current = lock(booking)
        if current.is_live and now >= current.start:
            raise DomainError(_("预约已开始，不能取消。"), code="too_late_to_cancel")
        terms = cancellation_terms(current, organization, now=now)
        by_requester = organization.pk == current.requester_org_id
        booking = _transition(
            current,
            BookingStatus.CANCELLED,
            actor=actor,
            organization=organization,
            note=reason,
            update={"reason": reason, "fee": terms.fee, **({"downtime": downtime} if downtime else {})},
        )
        signals.booking_released.send(Booking, booking=booking, actor=actor)
        offer_freed_slot(booking)
        if by_requester:
            _tell_owner(booking, _("预约已取消：%(i)s"))
        elif downtime is None:
            _tell_requester(booking, _("预约被机构取消：%(i)s"), body=reason)
    return booking


#: How long before its start a session may be checked in (签到).
CHECK_IN_EARLY = timedelta(minutes=30)


def check_in_opens(booking: Booking):
    """The earliest moment ``start_booking`` accepts the check-in of ``booking``."""
    return booking.start - CHECK_IN_EARLY


def start_booking(booking: Booking, *, actor, organization, now=None, operated_by=None) -> Booking:
    """Check-in: the session begins (records the actual start and who operates the instrument, default the actor)."""
    now = now or timezone.now()
    with transaction.atomic():
        current = lock(booking)
        if now < check_in_opens(current):
            raise DomainError(_("尚未到预约时间。"), code="too_early")
        return _transition(
            current,
            BookingStatus.IN_PROGRESS,
            actor=actor,
            organization=organization,
            update={"actual_start": now, "operated_by": operated_by or actor},
        )


def usage_bill(booking: Booking, *, actual_end, sample_count: int | None = None) -> tuple[Decimal, Decimal]:
    """The final quantity and amount of a session checked out at ``actual_end`` (the one billing rule of
    ``complete_booking``, also shown before checking out): time-based items bill use from the *booked* start (an
    early check-in is a courtesy, not billable time; a late one does not give the reserved time back) to the
    check-out, rounded up to the slot grid after forgiving ``BOOKING_BILLING_GRACE_MINUTES`` past a slot boundary,
    and at least the minimum duration; sample items bill the samples actually tested (the booked count unless
    ``sample_count`` is given)."""
    instrument = booking.instrument
    if booking.unit == PriceUnit.SAMPLE:
        quantity = Decimal(sample_count if sample_count is not None else booking.sample_count)
    else:
        started = booking.start
        grace = timedelta(minutes=max(settings.BOOKING_BILLING_GRACE_MINUTES, 0))
        slot = timedelta(minutes=instrument.slot_minutes)
        slots = math.ceil(max(actual_end - started - grace, timedelta(0)) / slot)
        used = max(slot * slots, timedelta(minutes=instrument.min_duration_minutes))
        quantity = quantity_for(booking.unit, started, started + used, 0)
    return quantity, money(booking.unit_price * quantity)


def complete_booking(
    booking: Booking,
    *,
    actor,
    organization,
    usage_note: str = "",
    sample_count: int | None = None,
    actual_end=None,
    now=None,
    operated_by=None,
) -> Booking:
    """Check-out: record usage and the final amount (``usage_bill``). The session ends at ``actual_end`` (default
    now), which lies between the check-in (to the minute: pages give times to the minute) and now. ``operated_by``
    (who operated the instrument) replaces the one recorded at check-in when given."""
    now = now or timezone.now()
    actual_end = actual_end or now
    with transaction.atomic():
        current = lock(booking)
        if current.status != BookingStatus.IN_PROGRESS:
            raise DomainError(_("只能完成使用中的预约。"), code="illegal_transition")
        if actual_end < current.actual_start.replace(second=0, microsecond=0):
            raise RuleViolation(
                _("实际结束时间不能早于签到时间（%(t)s）。")
                % {"t": f"{timezone.localtime(current.actual_start):%Y-%m-%d %H:%M}"},
                field="actual_end",
            )
        if actual_end > now:
            raise RuleViolation(_("实际结束时间不能晚于现在。"), field="actual_end")
        actual_end = max(actual_end, current.actual_start)
        final_quantity, final_amount = usage_bill(current, actual_end=actual_end, sample_count=sample_count)
        booking = _transition(
            current,
            BookingStatus.COMPLETED,
            actor=actor,
            organization=organization,
            update={
                "actual_end": actual_end,
                "final_quantity": final_quantity,
                "final_amount": final_amount,
                "usage_note": usage_note,
                "operated_by": operated_by or current.operated_by or actor,
            },
        )
        signals.booking_completed.send(Booking, booking=booking, actor=actor)
        _tell_requester(booking, _("预约已完成：%(i)s"), body=_("结算金额 %(a)s 元") % {"a": booking.final_amount})
    return booking


def no_show_fee(booking: Booking) -> Decimal:
    """The fee ``mark_no_show`` charges: the instrument's no-show percentage of the quote (shown before marking)."""
    return percent_of(booking.amount, booking.instrument.no_show_fee_percent)


def mark_no_show(booking: Booking, *, actor, organization, now=None) -> Booking:
    """The requester did not come: the slot is lost and the no-show fee (``no_show_fee``) is due."""
    now = now or timezone.now()
    with transaction.atomic():
        current = lock(booking)
        if now < current.start:
            raise DomainError(_("预约尚未开始。"), code="too_early")
        fee = no_show_fee(current)
        booking = _transition(
            current, BookingStatus.NO_SHOW, actor=actor, organization=organization, update={"fee": fee}
        )
        signals.booking_released.send(Booking, booking=booking, actor=actor)
        _tell_requester(booking, _("预约记为爽约：%(i)s"), body=_("爽约费 %(f)s 元") % {"f": fee})
    return booking


def join_waitlist(*, actor, organization, instrument: Instrument, window_start, window_end, min_minutes: int):
    """Wait for a slot of at least ``min_minutes`` in [window_start, window_end)."""
    if window_start >= window_end:
        raise RuleViolation(_("结束时间应晚于开始时间。"), field="window_end")
    if min_minutes < instrument.min_duration_minutes or min_minutes > (window_end - window_start).total_seconds() / 60:
        raise RuleViolation(_("最短时长须不小于仪器最短预约时长且不超过候补时段。"), field="min_minutes")
    with transaction.atomic():
        entry = WaitlistEntry.objects.create(
            instrument=instrument,
            user=actor,
            organization=organization,
            window_start=window_start,
            window_end=window_end,
            min_minutes=min_minutes,
        )
        audit.record(
            actor=actor,
            organization=organization,
            target=entry,
            action=AuditAction.CREATE,
            changes={"window_start": [None, window_start], "window_end": [None, window_end]},
        )
    return entry


def offer_freed_slot(booking: Booking, *, now=None) -> list[WaitlistEntry]:
    """After ``booking`` gave up its slot, notify (once) every waiting user whose window now has a long enough free
    interval. Runs inside the releasing transaction, so a rolled-back release notifies nobody."""
    now = now or timezone.now()
    entries = WaitlistEntry.objects.select_for_update().filter(
        instrument=booking.instrument_id,
        notified_at__isnull=True,
        window_start__lt=booking.blocked_until,
        window_end__gt=max(booking.start, now),
    )
    offered = []
    for entry in entries.select_related("instrument", "user"):
        fits = [
            (s, e)
            for s, e in available_slots(entry.instrument, entry.window_start, entry.window_end, now=now)
            if (e - s).total_seconds() / 60 >= entry.min_minutes
        ]
        if not fits:
            continue
        entry.notified_at = now
        entry.save(update_fields=["notified_at"])
        first_start, first_end = fits[0]
        notify(
            [entry.user],
            kind="waitlist.slot_available",
            title=_("候补提醒：%(i)s 有空闲时段") % {"i": entry.instrument.name},
            body=f"{timezone.localtime(first_start):%Y-%m-%d %H:%M} – {timezone.localtime(first_end):%H:%M}",
            url=entry.instrument.get_absolute_url(),
            target=entry.instrument,
            organization=entry.organization,
        )
        offered.append(entry)
    return offered
