"""Downtime (停机: 维护 maintenance / 故障 fault): an owner marks an instrument down for a period, with a reason.

The downtime is a ``Closure`` of kind maintenance / fault, so the booking rules and availability refuse the period at
once. Declaring it cancels every live booking it hits through ``services.cancel_booking`` as the owner — free of
charge (fee 0; only a requester cancelling late pays a fee), the voucher hold released through the payment seam —
and tells each firm why, with alternatives: the nearest free slots of the same instrument after the downtime, and of
active instruments of the same category at other institutes (voucher-eligible ones first when the booking used a
voucher), all computed with ``services.available_slots``. Users waiting (候补) for a slot in the period are told too.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.services import audit
from marketplace.services.notifications import notify
from marketplace.services.transitions import lock

from . import rules, services
from .choices import DOWNTIME_KINDS, LIVE_BOOKING_STATUSES, ClosureKind, InstrumentStatus
from .extensions import payment_relations
from .models import Booking, Closure, Instrument, WaitlistEntry

#: How far ahead alternatives are looked for, and how many are offered.
ALTERNATIVE_DAYS = 14
SAME_INSTRUMENT_SLOTS = 3
OTHER_INSTRUMENTS = 5


@dataclass(frozen=True)
class Alternative:
    """A free slot a firm could book instead: ``instrument`` at [start, end)."""

    instrument: Instrument
    start: object
    end: object
    same_instrument: bool

    def as_text(self) -> str:
        when = f"{timezone.localtime(self.start):%Y-%m-%d %H:%M}–{timezone.localtime(self.end):%H:%M}"
        if self.same_instrument:
            return _("本仪器 %(when)s") % {"when": when}
        voucher = _("（可用创新券）") if self.instrument.voucher_eligible else ""
        return _("%(owner)s · %(name)s%(voucher)s %(when)s") % {
            "owner": self.instrument.owner.name,
            "name": self.instrument.name,
            "voucher": voucher,
            "when": when,
        }


class AlternativeFinder:
    """Free slots near a wanted time, computed once for a whole downtime (a bounded number of queries whatever the
    number of bookings hit or of other instruments: their calendars are read together): the same instrument after
    ``after``, and up to ``OTHER_INSTRUMENTS`` active instruments of its category owned by other organizations, from
    ``earliest`` on."""

    def __init__(self, instrument: Instrument, *, after, earliest, latest, now=None):
        now = now or timezone.now()
        self.instrument = instrument
        horizon = timedelta(days=ALTERNATIVE_DAYS)
        self.own = services.available_slots(instrument, after, after + horizon, now=now)
        others = (
            Instrument.objects.filter(
                category=instrument.category, status=InstrumentStatus.ACTIVE, owner__verified=True
            )
            .exclude(owner_id=instrument.owner_id)
            .select_related("owner")
            .prefetch_related("opening_hours")
            .order_by("-voucher_eligible", "name", "id")[: OTHER_INSTRUMENTS * 2]
        )
        start = max(earliest, now)
        others = list(others)
        calendar = services.calendars(others, start, latest + horizon)
        self.others = [
            (other, services.available_slots(other, start, latest + horizon, now=now, calendar=calendar[other.pk]))
            for other in others
        ]

    @staticmethod
    def fits(slots, instrument, minutes, *, wanted_from=None, limit=1):
        """Up to ``limit`` slots of ``minutes`` (one per free interval, on the grid) starting from ``wanted_from``."""
        if not instrument.min_duration_minutes <= minutes <= instrument.max_duration_minutes:
            return []
        length = timedelta(minutes=minutes)
        found = []
        for start, end in slots:
            if wanted_from is not None:
                start = rules.round_up(max(start, wanted_from), instrument.slot_minutes)
            if start + length <= end:
                found.append((start, start + length))
                if len(found) >= limit:
                    break
        return found

    def for_booking(self, booking, *, voucher_first: bool) -> list[Alternative]:
        """The same instrument's first slots after the downtime, then one slot per other instrument — nearest the
        booked time, else its first — voucher-eligible instruments first when ``voucher_first``."""
        minutes = int((booking.end - booking.start).total_seconds() // 60)
        offers = [
            Alternative(self.instrument, s, e, True)
            for s, e in self.fits(self.own, self.instrument, minutes, limit=SAME_INSTRUMENT_SLOTS)
        ]
        candidates = []
        for other, slots in self.others:
            fitting = self.fits(slots, other, minutes, wanted_from=booking.start) or self.fits(slots, other, minutes)
            if fitting:
                candidates.append(Alternative(other, *fitting[0], False))
        # the nearest first; instruments that take vouchers before the others when the booking used one
        candidates.sort(key=lambda offer: (voucher_first and not offer.instrument.voucher_eligible, offer.start))
        offers.extend(candidates[:OTHER_INSTRUMENTS])
        return offers


def alternatives_text(offers: list[Alternative]) -> str:
    if not offers:
        return _("暂无可替代的空闲时段，请稍后在平台上查看。")
    return _("可选替代时段：") + "\n" + "\n".join(f"· {offer.as_text()}" for offer in offers)


def used_voucher(booking) -> bool:
    """Whether ``booking`` was paid (in part) by a voucher: the payment seam's hold (``voucher_hold``), if any."""
    return any(getattr(booking, name, None) is not None for name in payment_relations())


@dataclass
class DowntimeResult:
    """What ``declare_downtime`` did: the downtime, the bookings it cancelled (free), those it could not (already
    started: the owner deals with them) and the waiting users told."""

    downtime: Closure
    cancelled: list = field(default_factory=list)
    not_cancelled: list = field(default_factory=list)
    waitlist_notified: list = field(default_factory=list)


def _validate(kind, start, end, reason, now):
    if kind not in DOWNTIME_KINDS:
        raise RuleViolation(_("请选择停机类型（维护或故障）。"), field="kind")
    if start is None or end is None or start >= end:
        raise RuleViolation(_("结束时间应晚于开始时间。"), field="end")
    if end <= now:
        raise RuleViolation(_("停机结束时间应晚于现在。"), field="end")
    if not (reason or "").strip():
        raise RuleViolation(_("请填写停机原因。"), field="reason")


def declare_downtime(
    *, actor, organization, instrument: Instrument, kind: str, start, end, reason: str, now=None
) -> DowntimeResult:
    """The owner marks ``instrument`` down for [start, end) (``kind`` maintenance / fault, ``reason`` required).
    Cancels the live bookings it hits free of charge (voucher holds released), notifies each firm with the reason
    and alternatives, and tells the users waiting for a slot in the period."""
    now = now or timezone.now()
    if organization.pk != instrument.owner_id:
        raise DomainError(_("只有仪器所属机构可以登记停机。"), code="not_a_party")
    _validate(kind, start, end, reason, now)
    reason = reason.strip()
    with transaction.atomic():
        # Takes its turn with the booking requests of the instrument (services.lock_calendar); the new updated_at
        # tells a request that checked its slot before this commits to check it again.
        instrument = services.lock_calendar(instrument)
        Instrument.objects.filter(pk=instrument.pk).update(updated_at=timezone.now())
        downtime = Closure.objects.create(
            instrument=instrument, kind=kind, start=start, end=end, reason=reason[:200], declared_by=actor
        )
        audit.record(
            actor=actor,
            organization=organization,
            target=downtime,
            action=AuditAction.CREATE,
            changes={"kind": [None, kind], "start": [None, start], "end": [None, end], "reason": [None, reason]},
        )
        result = DowntimeResult(downtime)
        hit = list(
            Booking.objects.filter(
                instrument=instrument, status__in=LIVE_BOOKING_STATUSES, start__lt=end, blocked_until__gt=start
            )
            .select_related("requester", "requester_org", *payment_relations())
            .order_by("start", "id")
        )
        label = ClosureKind(kind).label
        cancel_reason = _("仪器%(kind)s停机：%(reason)s") % {"kind": label, "reason": reason}
        finder = None
        for booking in hit:
            if booking.start <= now:
                result.not_cancelled.append(booking)  # started (or checked in): the owner handles the session
                continue
            voucher = used_voucher(booking)
            cancelled = services.cancel_booking(
                booking, actor=actor, organization=organization, reason=cancel_reason, now=now, downtime=downtime
            )
            if finder is None:
                finder = AlternativeFinder(
                    instrument, after=end, earliest=min(b.start for b in hit), latest=max(b.start for b in hit), now=now
                )
            offers = finder.for_booking(cancelled, voucher_first=voucher)
            when = f"{timezone.localtime(cancelled.start):%Y-%m-%d %H:%M}–{timezone.localtime(cancelled.end):%H:%M}"
            notify(
                [cancelled.requester],
                kind="booking.downtime",
                title=_("预约因仪器停机取消：%(i)s") % {"i": instrument.name},
                body=_("您 %(when)s 的预约因仪器%(kind)s停机已取消，不收取任何费用%(voucher)s。原因：%(reason)s")
                % {
                    "when": when,
                    "kind": label,
                    "voucher": _("，冻结的创新券已释放") if voucher else "",
                    "reason": reason,
                }
                + "\n"
                + alternatives_text(offers),
                url=cancelled.get_absolute_url(),
                target=cancelled,
                organization=cancelled.requester_org,
            )
            result.cancelled.append(cancelled)
        waiting = WaitlistEntry.objects.filter(
            instrument=instrument, notified_at__isnull=True, window_start__lt=end, window_end__gt=start
        ).select_related("user", "organization")
        period = f"{timezone.localtime(start):%Y-%m-%d %H:%M} – {timezone.localtime(end):%Y-%m-%d %H:%M}"
        for entry in waiting:
            if finder is None:
                finder = AlternativeFinder(instrument, after=end, earliest=start, latest=start, now=now)
            own = [
                Alternative(instrument, s, e, True)
                for s, e in finder.fits(finder.own, instrument, entry.min_minutes, limit=SAME_INSTRUMENT_SLOTS)
            ]
            notify(
                [entry.user],
                kind="waitlist.downtime",
                title=_("候补提醒：%(i)s 停机") % {"i": instrument.name},
                body=_("%(period)s 仪器%(kind)s停机，原因：%(reason)s。您的候补登记仍然有效。")
                % {"period": period, "kind": label, "reason": reason}
                + "\n"
                + alternatives_text(own),
                url=instrument.get_absolute_url(),
                target=instrument,
                organization=entry.organization,
            )
            result.waitlist_notified.append(entry)
    return result


def alternatives_for(booking, *, now=None) -> list[Alternative]:
    """The alternatives offered to a booking cancelled by a downtime (its page shows them, computed now)."""
    downtime = booking.downtime
    if downtime is None:
        return []
    finder = AlternativeFinder(
        booking.instrument, after=max(downtime.end, now or timezone.now()), earliest=booking.start, latest=booking.start
    )
    return finder.for_booking(booking, voucher_first=used_voucher(booking))


def end_downtime(downtime: Closure, *, actor, organization, now=None) -> Closure | None:
    """End a downtime early: a running one ends now (the instrument is bookable again), one that has not begun is
    withdrawn (deleted; the bookings it cancelled stay cancelled). Returns the ended downtime, None if withdrawn."""
    now = now or timezone.now()
    with transaction.atomic():
        current = lock(downtime)
        if current.kind not in DOWNTIME_KINDS:
            raise DomainError(_("这不是登记的停机。"), code="not_a_downtime")
        if organization.pk != current.instrument.owner_id:
            raise DomainError(_("只有仪器所属机构可以结束停机。"), code="not_a_party")
        if current.end <= now:
            raise DomainError(_("该停机已结束。"), code="already_ended")
        if current.start >= now:
            audit.record(
                actor=actor,
                organization=organization,
                target=current,
                action=AuditAction.DELETE,
                changes={"start": [current.start, None], "end": [current.end, None]},
            )
            current.delete()
            return None
        before = current.end
        current.end, current.ended_at = now, now
        current.save(update_fields=["end", "ended_at"])
        audit.record(
            actor=actor,
            organization=organization,
            target=current,
            action=AuditAction.UPDATE,
            transition="ended",
            changes={"end": [before, now]},
        )
    return current
