"""Recurring bookings (重复预约): one request books a daily or weekly series of the same slot, until a date or a number
of times (at most ``MAX_OCCURRENCES``).

Each occurrence is an ordinary booking made by ``services.request_booking`` — every rule, the frozen quote, the
quota and the voucher hold apply per occurrence — inside its own savepoint, so an occurrence that is refused (slot
taken, closure, opening hours, quota, voucher balance…) leaves nothing half-saved. The caller chooses what a refused
occurrence does to the series (``on_conflict``): ``skip`` books the others and lists the skipped ones on the series;
``refuse`` books nothing and answers 409 ``series_conflict`` with the list.
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

from . import rules, services
from .choices import LIVE_BOOKING_STATUSES, SeriesConflictPolicy, SeriesFrequency
from .models import Booking, BookingSeries

#: The most occurrences one series may have (a year of weekly sessions).
MAX_OCCURRENCES = 52

#: Refusals that do not depend on the occurrence's date: they refuse the whole request as they refuse one booking
#: (400/409 as usual) instead of being listed as 52 identical conflicts.
SERIES_WIDE_CODES = {
    "instrument_unavailable",
    "rule_violation",
    "off_grid",
    "duration_out_of_range",
    "qualification_required",
    "voucher_not_eligible",
}

STEP = {SeriesFrequency.DAILY: timedelta(days=1), SeriesFrequency.WEEKLY: timedelta(days=7)}


def occurrences(start, end, *, frequency: str, count: int | None = None, until=None) -> list[tuple]:
    """The [start, end) of every occurrence: the same local wall-clock time every day or week, ``count`` times or
    up to the local date ``until`` (inclusive). Exactly one of ``count`` / ``until``; at most ``MAX_OCCURRENCES``."""
    if frequency not in STEP:
        raise RuleViolation(_("请选择重复方式。"), field="frequency")
    if (count is None) == (until is None):
        raise RuleViolation(_("请填写重复次数或截止日期（二选一）。"), field="count")
    if start >= end:
        raise RuleViolation(_("结束时间应晚于开始时间。"), field="end")
    local = timezone.localtime(start)
    duration = end - start
    step = STEP[frequency]
    if count is not None:
        if not 2 <= count <= MAX_OCCURRENCES:
            raise RuleViolation(
                _("重复次数须在 2–%(n)d 次之间。") % {"n": MAX_OCCURRENCES}, field="count", code="series_too_long"
            )
        days = [local.date() + step * k for k in range(count)]
    else:
        if until <= local.date():
            raise RuleViolation(_("截止日期应晚于首次预约的日期。"), field="until")
        days, day = [], local.date()
        while day <= until:
            days.append(day)
            day += step
        if len(days) < 2:
            raise RuleViolation(_("截止日期前至少应有两次预约。"), field="until")
        if len(days) > MAX_OCCURRENCES:
            raise RuleViolation(
                _("最多重复 %(n)d 次，请提前截止日期。") % {"n": MAX_OCCURRENCES}, field="until", code="series_too_long"
            )
    result = []
    for day in days:
        occurrence_start = rules.at(day, local.time().replace(tzinfo=None))
        result.append((occurrence_start, occurrence_start + duration))
    return result


@dataclass
class SeriesResult:
    """What ``book_series`` did: the series, the bookings made and the occurrences skipped (with why)."""

    series: BookingSeries
    bookings: list = field(default_factory=list)
    skipped: list = field(default_factory=list)


def _conflict(start, end, exc) -> dict:
    return {"start": start.isoformat(), "end": end.isoformat(), "code": exc.code, "message": str(exc.message)}


def book_series(
    *,
    actor,
    organization,
    instrument,
    service_item,
    start,
    end,
    frequency: str,
    count: int | None = None,
    until=None,
    on_conflict: str = SeriesConflictPolicy.SKIP,
    sample_count: int = 0,
    purpose: str = "",
    payment: dict | None = None,
    now=None,
) -> SeriesResult:
    """Book the series starting with [start, end) as ``organization``. Every occurrence goes through
    ``services.request_booking`` in a savepoint. ``on_conflict="refuse"``: any refused occurrence rolls the whole
    series back (409 ``series_conflict`` with ``conflicts``); ``"skip"``: refused occurrences are listed on the
    series. A series where nothing could be booked is refused the same way (409 ``series_conflict``)."""
    if on_conflict not in SeriesConflictPolicy.values:
        raise RuleViolation(_("请选择冲突处理方式。"), field="on_conflict")
    slots = occurrences(start, end, frequency=frequency, count=count, until=until)
    now = now or timezone.now()
    with transaction.atomic():
        series = BookingSeries.objects.create(
            instrument=instrument,
            service_item=service_item,
            requester_org=organization,
            requester=actor,
            frequency=frequency,
            first_start=start,
            first_end=end,
            count=count,
            until=until,
            on_conflict=on_conflict,
        )
        result = SeriesResult(series)
        for occurrence_start, occurrence_end in slots:
            try:
                with transaction.atomic():  # a savepoint: a refused occurrence leaves nothing behind
                    booking = services.request_booking(
                        actor=actor,
                        organization=organization,
                        instrument=instrument,
                        service_item=service_item,
                        start=occurrence_start,
                        end=occurrence_end,
                        sample_count=sample_count,
                        purpose=purpose,
                        payment=payment,
                        now=now,
                    )
                    Booking.objects.filter(pk=booking.pk).update(series=series)
                    booking.series = series
            except DomainError as exc:
                if exc.code in SERIES_WIDE_CODES:
                    raise
                result.skipped.append(_conflict(occurrence_start, occurrence_end, exc))
            else:
                result.bookings.append(booking)
        if result.skipped and (on_conflict == SeriesConflictPolicy.REFUSE or not result.bookings):
            raise DomainError(
                _("重复预约中有 %(n)d 次无法预约，未做任何预约。") % {"n": len(result.skipped)},
                code="series_conflict",
                conflicts=result.skipped,
            )
        series.skipped = result.skipped
        series.save(update_fields=["skipped"])
        audit.record(
            actor=actor,
            organization=organization,
            target=series,
            action=AuditAction.CREATE,
            changes={
                "frequency": [None, frequency],
                "booked": [None, len(result.bookings)],
                "skipped": [None, [s["start"] for s in result.skipped]],
            },
        )
        notify(
            [actor],
            kind="booking.series",
            title=_("重复预约已提交：%(i)s") % {"i": instrument.name},
            body=_("已预约 %(n)d 次，跳过 %(m)d 次。") % {"n": len(result.bookings), "m": len(result.skipped)},
            url=series.get_absolute_url(),
            target=series,
            organization=organization,
            email=False,
        )
    return result


@dataclass
class SeriesCancellation:
    cancelled: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def future_bookings(series: BookingSeries, now=None):
    """The series' live bookings that have not started: what ``cancel_series`` cancels."""
    return series.bookings.filter(status__in=LIVE_BOOKING_STATUSES, start__gt=now or timezone.now()).order_by("start")


def cancel_series(series: BookingSeries, *, actor, organization, reason: str = "", now=None) -> SeriesCancellation:
    """Cancel every future occurrence of ``series`` through ``services.cancel_booking`` (its fee rule per occurrence:
    the requester pays the late-cancellation fee of occurrences past their deadline; the owner cancelling costs
    nothing; voucher holds are released). Each in a savepoint; one that cannot be cancelled any more is reported."""
    if organization.pk not in (series.requester_org_id, series.instrument.owner_id):
        raise DomainError(_("只有当事机构可以执行此操作。"), code="not_a_party")
    now = now or timezone.now()
    result = SeriesCancellation()
    with transaction.atomic():
        for booking in future_bookings(series, now).select_related("instrument"):
            try:
                with transaction.atomic():
                    result.cancelled.append(
                        services.cancel_booking(booking, actor=actor, organization=organization, reason=reason, now=now)
                    )
            except DomainError as exc:
                result.failed.append(_conflict(booking.start, booking.end, exc))
        if not result.cancelled and not result.failed:
            raise DomainError(_("该重复预约没有可取消的后续预约。"), code="nothing_to_cancel")
        audit.record(
            actor=actor,
            organization=organization,
            target=series,
            action=AuditAction.UPDATE,
            transition="cancel_future",
            changes={"cancelled": [None, [b.pk for b in result.cancelled]]},
            note=reason,
        )
    return result
