"""The monthly booking roll-up behind the market dashboard's instrument-sharing figures.

Reading every booking for the dashboard costs time in proportion to the market's history (100,000 bookings: two
scans, ~250 ms on PostgreSQL). The dashboard reads ``BookingMonth`` instead — one row per instrument, local month of
the slot's start, status and external flag — whose size grows with instruments × months, not with bookings.

The roll-up is refreshed when read (``refresh``, called by ``instruments.stats``), from the bookings changed since
the last refresh: every booking save bumps ``Booking.updated_at`` (indexed), so the refresh finds the changed
bookings with an index range scan and recomputes only their (instrument, month) groups, in one aggregate query. A
write that committed a little after it stamped ``updated_at`` is not missed: each refresh looks back ``MARGIN``
further than the previous one (longer than any booking transaction). The row lock on ``BookingRollupState``
serializes refreshes. The write path of a booking pays nothing.

What would escape it — a bulk ``QuerySet.update()`` that does not set ``updated_at``, or a deleted booking — is
repaired by ``manage.py booking_rollup rebuild`` (``check`` reports drift), as ``search_index`` repairs the index.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from marketplace.dashboard import HoursBetween

from .models import Booking, BookingMonth, BookingRollupState

MARGIN = dt.timedelta(minutes=2)
#: Above this many changed groups one full recomputation is cheaper than a long OR of ranges.
MAX_GROUPS = 400

_BOOKED = HoursBetween("end", "start")
_USED = Coalesce(HoursBetween("actual_end", "actual_start"), _BOOKED)


def _month_start(moment) -> dt.date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date().replace(day=1)


def _month_range(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    zone = timezone.get_default_timezone()
    return (
        timezone.make_aware(dt.datetime.combine(month, dt.time.min), zone),
        timezone.make_aware(dt.datetime.combine(following, dt.time.min), zone),
    )


def aggregate(bookings) -> list[BookingMonth]:
    """The roll-up rows of ``bookings`` (a queryset), computed by the database in one query."""
    rows = (
        bookings.annotate(month_at=TruncMonth("start", tzinfo=timezone.get_default_timezone()))
        .annotate(
            external=ExpressionWrapper(~Q(requester_org_id=F("instrument__owner_id")), output_field=BooleanField())
        )
        .values("instrument_id", "month_at", "status", "external")
        .annotate(
            n=Count("id"),
            booked=Sum(_BOOKED),
            used=Sum(_USED),
            billed_sum=Sum("final_amount", filter=Q(status="completed")),
        )
        .order_by()
    )
    return [
        BookingMonth(
            instrument_id=row["instrument_id"],
            month=_month_start(row["month_at"]) if isinstance(row["month_at"], dt.datetime) else row["month_at"],
            status=row["status"],
            external=bool(row["external"]),
            bookings=row["n"],
            booked_hours=round(float(row["booked"] or 0), 6),  # SQLite's julianday arithmetic is off by ~1e-9
            used_hours=round(float(row["used"] or 0), 6),
            billed=row["billed_sum"] or Decimal("0.00"),
        )
        for row in rows
    ]


def _groups_q(groups, *, booking: bool) -> Q:
    q = Q()
    for instrument_id, month in groups:
        if booking:
            start, end = _month_range(month)
            q |= Q(instrument_id=instrument_id, start__gte=start, start__lt=end)
        else:
            q |= Q(instrument_id=instrument_id, month=month)
    return q


def _replace(groups) -> None:
    """Recompute the roll-up rows of ``groups`` ((instrument id, month) pairs; None = everything)."""
    if groups is None:
        BookingMonth.objects.all().delete()
        BookingMonth.objects.bulk_create(aggregate(Booking.objects.all()), batch_size=1000)
        return
    BookingMonth.objects.filter(_groups_q(groups, booking=False)).delete()
    BookingMonth.objects.bulk_create(
        aggregate(Booking.objects.filter(_groups_q(groups, booking=True))), batch_size=1000
    )


def _locked_state() -> BookingRollupState:
    """The state row, locked (serializes refreshes); created on first use."""
    state = BookingRollupState.objects.select_for_update().filter(pk=1).first()
    if state is None:
        BookingRollupState.objects.get_or_create(pk=1)
        state = BookingRollupState.objects.select_for_update().get(pk=1)
    return state


def refresh(*, now=None) -> int:
    """Bring the roll-up up to date with the bookings; returns how many (instrument, month) groups were recomputed
    (-1: all of them)."""
    now = now or timezone.now()
    with transaction.atomic():
        state = _locked_state()
        if state.refreshed_at is None:
            _replace(None)
            recomputed = -1
        else:
            changed = (
                Booking.objects.filter(updated_at__gte=state.refreshed_at - MARGIN)
                .values_list("instrument_id", "start")
                .order_by()
            )
            groups = {(instrument_id, _month_start(start)) for instrument_id, start in changed}
            if len(groups) > MAX_GROUPS:
                _replace(None)
                recomputed = -1
            else:
                if groups:
                    _replace(sorted(groups))
                recomputed = len(groups)
        BookingRollupState.objects.filter(pk=1).update(refreshed_at=now)
    return recomputed


def rebuild() -> int:
    """Recompute the whole roll-up from the bookings; returns its number of rows."""
    with transaction.atomic():
        _locked_state()
        _replace(None)
        BookingRollupState.objects.filter(pk=1).update(refreshed_at=timezone.now())
    return BookingMonth.objects.count()


def drift() -> list[str]:
    """What differs between the roll-up and the bookings (empty when in sync)."""

    def key(row):
        return (row.instrument_id, row.month, row.status, row.external)

    def values(row):
        return (row.bookings, round(row.booked_hours, 4), round(row.used_hours, 4), row.billed)

    stored = {key(r): values(r) for r in BookingMonth.objects.all()}
    computed = {key(r): values(r) for r in aggregate(Booking.objects.all())}
    out = defaultdict(list)
    for k in stored.keys() | computed.keys():
        if stored.get(k) != computed.get(k):
            out[k].append((stored.get(k), computed.get(k)))
    return [f"instrument {k[0]} {k[1]:%Y-%m} {k[2]} external={k[3]}: stored {v[0][0]} computed {v[0][1]}"
            for k, v in sorted(out.items())]  # fmt: skip
