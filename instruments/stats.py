"""Instrument-sharing figures for the market dashboard (市场监测: 大型科研仪器开放共享).

The catalogue figures (``instruments``, ``voucher_eligible``, ``original_value``, ``bookings_by_status``,
``completed_amount``) are all-time totals, as ``stats/`` has always reported them. ``sharing`` is computed under the
dashboard's filters (period by a booking's start, region by the instrument owner's region):

- booked hours: bookings that held their slot (everything but cancelled and rejected);
- used hours: completed bookings, by actual check-in / check-out when recorded, else the booked slot;
- external service hours (对外服务机时): used hours of bookings by organizations other than the owner;
- utilisation (利用率) = used hours / open hours, where open hours are the weekly opening hours over the period's
  days from the instrument's listing up to today (time that has not come yet cannot have been used). Closures are
  not subtracted: a closed instrument is idle time the owner could have avoided.

Read from the monthly roll-up (``instruments.rollup``: one row per instrument, month, status and external flag,
refreshed from the bookings changed since it was last read), so the cost follows instruments × months, not the
number of bookings: the refresh, the catalogue totals, the roll-up by status, the period by month and by
instrument, the instruments and their opening hours. The period's totals and institutes are sums of those.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils import timezone

from marketplace.dashboard import DashboardFilters, hours, rate, weekday_counts
from marketplace.money import ZERO, money

from . import rollup
from .choices import BookingStatus
from .models import BookingMonth, Instrument, OpeningHours

#: Bookings that held their slot (counted as booked time).
BOOKED_STATUSES = (
    BookingStatus.REQUESTED,
    BookingStatus.CONFIRMED,
    BookingStatus.IN_PROGRESS,
    BookingStatus.COMPLETED,
    BookingStatus.NO_SHOW,
)

_IS_BOOKED = Q(status__in=BOOKED_STATUSES)
_IS_USED = Q(status=BookingStatus.COMPLETED)
_SUMS = {  # over roll-up rows (instruments.rollup)
    "bookings": Sum("bookings", filter=_IS_BOOKED),
    "booked": Sum("booked_hours", filter=_IS_BOOKED),
    "used": Sum("used_hours", filter=_IS_USED),
    "external": Sum("used_hours", filter=_IS_USED & Q(external=True)),
}


def collect(filters: DashboardFilters | None = None, *, detail: bool = False, user=None) -> dict:
    filters = filters or DashboardFilters.default()
    rollup.refresh()
    catalogue = Instrument.objects.exclude(status="retired").aggregate(
        instruments=Count("id"),
        voucher_eligible=Count("id", filter=Q(voucher_eligible=True)),
        original_value=Sum("original_value"),
    )
    by_status = list(
        BookingMonth.objects.values("status")
        .annotate(n=Sum("bookings"), billed=Sum("billed", filter=Q(status=BookingStatus.COMPLETED)))
        .order_by()
    )
    bookings = {row["status"]: row["n"] for row in by_status}
    billed = sum((row["billed"] or ZERO for row in by_status), ZERO)
    return {
        "instruments": catalogue["instruments"],
        "voucher_eligible": catalogue["voucher_eligible"],
        "original_value": str(money(catalogue["original_value"] or ZERO)),
        "bookings_by_status": bookings,
        "completed_amount": str(money(billed)),
        "sharing": sharing(filters, detail=detail),
    }


def _figures(row) -> dict:
    return {
        "bookings": int(row.get("bookings") or 0),
        "booked_hours": hours(row.get("booked")),
        "used_hours": hours(row.get("used")),
        "external_hours": hours(row.get("external")),
    }


def open_hours_by_instrument(starts: dict[int, dt.date], end: dt.date) -> dict[int, float]:
    """Open hours of each instrument (id → the first day it counts from) over the days up to ``end`` (exclusive), by
    its weekly opening hours (one query)."""
    per_weekday = {pk: weekday_counts(start, end) for pk, start in starts.items()}
    totals: dict[int, float] = defaultdict(float)
    rows = OpeningHours.objects.filter(instrument_id__in=list(starts)).values_list(
        "instrument_id", "weekday", "start", "end"
    )
    for instrument_id, weekday, opens, closes in rows:
        closes_min = 24 * 60 if closes == dt.time(0) else closes.hour * 60 + closes.minute
        window = max(closes_min - (opens.hour * 60 + opens.minute), 0) / 60
        totals[instrument_id] += window * per_weekday[instrument_id][weekday]
    return totals


def sharing(filters: DashboardFilters, *, detail: bool = False) -> dict:
    """Booked, used and external service hours in the period; by month; utilisation per instrument and institute
    (the top ``filters.top`` of each, or every one with ``detail``)."""
    rolled = BookingMonth.objects.filter(
        month__gte=filters.start, month__lt=filters.end, **filters.in_region("instrument__owner__region_id")
    )
    # Two reads of the roll-up: by month (the period's months; their sum is the total) and by instrument (at most
    # one row per instrument) — not instruments × months rows.
    total, by_month, per_instrument = defaultdict(float), defaultdict(lambda: defaultdict(float)), {}
    monthly = rolled.annotate(month_index=filters.month_of("month", dates=True)).values("month_index")
    for row in monthly.annotate(**_SUMS).order_by():
        month = by_month[row["month_index"]]
        for key in _SUMS:
            value = row[key] or 0
            total[key] += value
            month[key] += value
    for row in rolled.values("instrument_id").annotate(**_SUMS).order_by():
        per_instrument[row["instrument_id"]] = {key: row[key] or 0 for key in _SUMS}
    totals = _figures(total)
    months = [{"month": month, **_figures(by_month.get(i, {}))} for i, month in enumerate(filters.months)]
    instruments = list(
        Instrument.objects.filter(**filters.in_region("owner__region_id"))
        .filter(Q(pk__in=list(per_instrument)) | ~Q(status="retired"))
        .values("id", "name", "name_en", "owner_id", "owner__name", "owner__name_en", "created_at")
        .order_by("id")
    )
    # Open hours count from the day an instrument was listed (it was not on offer before) up to the end of today
    # (time that has not come yet cannot have been used).
    until = min(filters.end, timezone.localdate() + dt.timedelta(days=1))
    opened = open_hours_by_instrument(
        {i["id"]: max(filters.start, timezone.localdate(i["created_at"])) for i in instruments}, until
    )

    rows, institutes = [], {}
    for instrument in instruments:
        figures = _figures(per_instrument.get(instrument["id"], {}))
        open_hours = round(opened.get(instrument["id"], 0.0), 1)
        rows.append(
            {
                "instrument": instrument["id"],
                "name": instrument["name"],
                "name_en": instrument["name_en"],
                "owner": instrument["owner_id"],
                "owner_name": instrument["owner__name"],
                "owner_name_en": instrument["owner__name_en"],
                **figures,
                "open_hours": open_hours,
                "utilisation": rate(figures["used_hours"], open_hours),
            }
        )
        institute = institutes.setdefault(
            instrument["owner_id"],
            {
                "organization": instrument["owner_id"],
                "name": instrument["owner__name"],
                "name_en": instrument["owner__name_en"],
                "instruments": 0,
                "bookings": 0,
                "booked_hours": 0.0,
                "used_hours": 0.0,
                "external_hours": 0.0,
                "open_hours": 0.0,
            },
        )
        institute["instruments"] += 1
        for key in ("bookings", "booked_hours", "used_hours", "external_hours", "open_hours"):
            institute[key] += figures[key] if key != "open_hours" else open_hours
    for institute in institutes.values():
        for key in ("booked_hours", "used_hours", "external_hours", "open_hours"):
            institute[key] = round(institute[key], 1)
        institute["utilisation"] = rate(institute["used_hours"], institute["open_hours"])

    def ranked(items):
        ordered = sorted(items, key=lambda r: (-(r["utilisation"] or 0), -r["used_hours"], r["name"]))
        return ordered if detail else ordered[: filters.top]

    open_total = round(sum(r["open_hours"] for r in rows), 1)
    return {
        **totals,
        "open_hours": open_total,
        "utilisation": rate(totals["used_hours"], open_total),
        "external_share": rate(totals["external_hours"], totals["used_hours"]),
        "by_month": months,
        "instruments": ranked(rows),
        "institutes": ranked(institutes.values()),
    }
