"""开放共享评价考核: the yearly sharing indicators per instrument and per institute, scored and graded.

Indicators (per instrument, over one calendar year):

- effective runtime hours (年有效机时): every runtime record plus the completed external platform bookings;
- external service hours (对外服务机时): external records plus those bookings;
- share of external users (外部用户占比): distinct external users (requesting organizations of external bookings and
  the users named on external records) among all users (plus the users named on own-use and teaching records);
- average rating (服务评价): of the ratings of bookings whose session began in the year;
- median response time (响应时间中位数): hours from a request to the owner's confirmation (owner-approved bookings
  requested in the year; auto-confirmed ones have no response to measure).

Each indicator scores linearly between ``zero`` (0 points) and ``full`` (its whole weight) — ``INDICATORS`` and
``GRADE_BANDS`` are data, the thresholds read from there. An indicator without data (no ratings, no approvals) is
left out and the other weights are scaled up to 100. An institute's score is the mean of its instruments' scores;
its values are the sums (hours), the overall share, the mean rating and the median response time.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, F
from django.utils.translation import gettext_lazy as _

from instruments.choices import BookingStatus, InstrumentStatus
from instruments.models import Booking, Instrument
from marketplace.models import AuditEntry

from ..choices import RuntimeKind
from ..models import RuntimeRecord, ServiceRating
from .runtime import day_bounds, runtime_totals


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    weight: int
    zero: Decimal  # the value scoring 0
    full: Decimal  # the value scoring the whole weight (lower than ``zero`` when less is better)
    unit: str = ""


#: The indicators, their weights (summing to 100) and thresholds.
INDICATORS = [
    Indicator("effective_hours", _("年有效机时"), 30, Decimal("0"), Decimal("1200"), _("小时")),
    Indicator("external_hours", _("对外服务机时"), 25, Decimal("0"), Decimal("400"), _("小时")),
    Indicator("external_user_share", _("外部用户占比"), 15, Decimal("0"), Decimal("0.5")),
    Indicator("rating", _("服务评价"), 20, Decimal("3"), Decimal("5"), _("分")),
    Indicator("response_hours", _("响应时间中位数"), 10, Decimal("72"), Decimal("4"), _("小时")),
]


@dataclass(frozen=True)
class GradeBand:
    code: str
    label: str
    min_score: int


#: 评价等级 from the best: the first band whose minimum the score reaches.
GRADE_BANDS = [
    GradeBand("excellent", _("优秀"), 90),
    GradeBand("good", _("良好"), 80),
    GradeBand("pass", _("合格"), 60),
    GradeBand("fail", _("不合格"), 0),
]

TWO = Decimal("0.01")


def grade(score: Decimal) -> GradeBand:
    for band in GRADE_BANDS:
        if score >= band.min_score:
            return band
    return GRADE_BANDS[-1]


def indicator_points(indicator: Indicator, value) -> Decimal:
    """Linear between ``zero`` and ``full``, clipped to [0, weight]."""
    value = Decimal(str(value))
    span = indicator.full - indicator.zero
    fraction = (value - indicator.zero) / span
    fraction = min(max(fraction, Decimal(0)), Decimal(1))
    return fraction * indicator.weight


def score(values: dict) -> Decimal:
    """0–100 from the indicators that have a value (their weights scaled up to 100)."""
    scored = [(i, values.get(i.key)) for i in INDICATORS if values.get(i.key) is not None]
    weight = sum(i.weight for i, _v in scored)
    if not weight:
        return Decimal("0.00")
    points = sum(indicator_points(i, v) for i, v in scored)
    return (points * 100 / weight).quantize(TWO, ROUND_HALF_UP)


def _year(year: int):
    return date(year, 1, 1), date(year, 12, 31)


def _external_bookings(instrument_ids, year: int):
    start, end = day_bounds(*_year(year))
    return Booking.objects.filter(
        instrument_id__in=instrument_ids,
        status=BookingStatus.COMPLETED,
        actual_start__gte=start,
        actual_start__lt=end,
    ).exclude(requester_org_id=F("instrument__owner_id"))


def _users(instrument_ids, year: int) -> tuple[dict, dict]:
    """Per instrument: the set of external users and the set of internal users (two queries)."""
    external, internal = defaultdict(set), defaultdict(set)
    for pk, org in _external_bookings(instrument_ids, year).values_list("instrument_id", "requester_org_id"):
        external[pk].add(f"org:{org}")
    records = (
        RuntimeRecord.objects.filter(instrument_id__in=instrument_ids, date__range=_year(year))
        .exclude(user_name="")
        .values_list("instrument_id", "kind", "user_name")
        .distinct()
    )
    for pk, kind, name in records:
        (external if kind == RuntimeKind.EXTERNAL else internal)[pk].add(f"name:{name}")
    return external, internal


def _ratings(instrument_ids, year: int) -> dict[int, tuple[Decimal, int]]:
    start, end = day_bounds(*_year(year))
    rows = (
        ServiceRating.objects.filter(
            booking__instrument_id__in=instrument_ids, booking__actual_start__gte=start, booking__actual_start__lt=end
        )
        .values("booking__instrument_id")
        .annotate(t=Avg("timeliness"), q=Avg("quality"), a=Avg("attitude"), n=Count("pk"))
    )
    return {
        r["booking__instrument_id"]: (
            (Decimal(str(r["t"])) + Decimal(str(r["q"])) + Decimal(str(r["a"]))) / 3,
            r["n"],
        )
        for r in rows
    }


def _response_hours(instrument_ids, year: int) -> dict[int, list[float]]:
    """Per instrument, the hours each owner-approved request of the year waited for its confirmation (two queries)."""
    start, end = day_bounds(*_year(year))
    requested = {
        pk: (instrument_id, created)
        for pk, instrument_id, created in Booking.objects.filter(
            instrument_id__in=instrument_ids, created_at__gte=start, created_at__lt=end
        ).values_list("pk", "instrument_id", "created_at")
    }
    confirmations = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Booking),
        transition="requested→confirmed",
        created_at__gte=start,
    ).values_list("object_id", "created_at")
    out = defaultdict(list)
    for object_id, confirmed in confirmations:
        found = requested.get(int(object_id)) if object_id.isdigit() else None
        if found:
            out[found[0]].append(max((confirmed - found[1]).total_seconds(), 0) / 3600)
    return out


def _median(values):
    return Decimal(str(statistics.median(values))).quantize(TWO, ROUND_HALF_UP) if values else None


def assess(instruments, year: int) -> dict[int, dict]:
    """Per instrument id: ``values`` (indicator → value or None), ``score``, ``grade`` and the counts behind them.
    A fixed number of queries for any number of instruments."""
    ids = [i.pk for i in instruments]
    totals = runtime_totals(ids, *_year(year))
    external_users, internal_users = _users(ids, year)
    rated = _ratings(ids, year)
    responses = _response_hours(ids, year)
    out = {}
    for pk in ids:
        ext, internal = external_users.get(pk, set()), internal_users.get(pk, set())
        users = len(ext) + len(internal)
        rating = rated.get(pk)
        values = {
            "effective_hours": totals[pk]["total"],
            "external_hours": totals[pk]["external_total"],
            "external_user_share": (Decimal(len(ext)) / users).quantize(Decimal("0.0001")) if users else None,
            "rating": rating[0].quantize(TWO, ROUND_HALF_UP) if rating else None,
            "response_hours": _median(responses.get(pk, [])),
        }
        points = score(values)
        out[pk] = {
            "values": values,
            "score": points,
            "grade": grade(points),
            "external_users": len(ext),
            "users": users,
            "ratings": rating[1] if rating else 0,
            "_ext": ext,
            "_int": internal,
            "_responses": responses.get(pk, []),
            "_rating": rating,
        }
    return out


def institute_summary(instruments, per_instrument: dict) -> dict:
    """An institute's figures from its instruments' (see module docstring)."""
    rows = [per_instrument[i.pk] for i in instruments]
    if not rows:
        return {"values": {}, "score": Decimal("0.00"), "grade": grade(Decimal(0)), "instruments": 0}
    ext = set().union(*(r["_ext"] for r in rows))
    internal = set().union(*(r["_int"] for r in rows))
    users = len(ext) + len(internal)
    ratings = [(r["_rating"][0], r["_rating"][1]) for r in rows if r["_rating"]]
    weighted = sum((avg * n for avg, n in ratings), Decimal(0))
    count = sum(n for _avg, n in ratings)
    points = (sum(r["score"] for r in rows) / len(rows)).quantize(TWO, ROUND_HALF_UP)
    return {
        "values": {
            "effective_hours": sum(r["values"]["effective_hours"] for r in rows),
            "external_hours": sum(r["values"]["external_hours"] for r in rows),
            "external_user_share": (Decimal(len(ext)) / users).quantize(Decimal("0.0001")) if users else None,
            "rating": (weighted / count).quantize(TWO, ROUND_HALF_UP) if count else None,
            "response_hours": _median([h for r in rows for h in r["_responses"]]),
        },
        "score": points,
        "grade": grade(points),
        "instruments": len(rows),
    }


def assessed_instruments(organizations=None):
    """Instruments that are assessed (not retired), of the given organizations or all, with their owners."""
    queryset = Instrument.objects.exclude(status=InstrumentStatus.RETIRED).select_related("owner")
    if organizations is not None:
        queryset = queryset.filter(owner__in=organizations)
    return list(queryset.order_by("owner__name", "owner_id", "name", "id"))


def assessment(year: int, organizations=None) -> list[dict]:
    """Per institute (``organizations`` or every owner of an assessed instrument): its summary and its
    instruments' rows, best score first."""
    instruments = assessed_instruments(organizations)
    per_instrument = assess(instruments, year)
    by_owner = defaultdict(list)
    for instrument in instruments:
        by_owner[instrument.owner_id].append(instrument)
    out = []
    for owned in by_owner.values():
        summary = institute_summary(owned, per_instrument)
        out.append(
            {
                "organization": owned[0].owner,
                **summary,
                "rows": [{"instrument": i, **per_instrument[i.pk]} for i in owned],
            }
        )
    out.sort(key=lambda r: (-r["score"], r["organization"].name))
    return out
