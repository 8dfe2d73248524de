"""What the rules of one booking request read from the database, loaded in one query with the instrument.

``services.request_booking`` reads, besides the instrument and the service item, the opening hours of the days the
request touches, whether a closure hits it, whether the user holds a qualification covering it, whether the
instrument has quotas and who is told at the owner. ``booking_target`` loads all of that in one query (subqueries of
the service item's row, compiled once per process: ``marketplace.prepared``); ``services.check_rules`` and
``request_booking`` take the result as ``facts`` and fall back to their own queries without it (pages, series,
tests). Both paths read the same predicates (``closures_during``, ``qualifications_covering``,
``owner_recipient_rows``) and decide by the same rules.
"""

from collections import namedtuple
from dataclasses import dataclass
from datetime import time, timedelta

from django.db.models import Exists, Func, JSONField, OuterRef, Subquery
from django.db.models.functions import JSONObject

from marketplace.models import Membership, User
from marketplace.prepared import PreparedQuery

from . import rules
from .models import BookingQuota, Closure, Instrument, OpeningHours, Qualification, ServiceItem

#: An opening window as the rules read it (``rules.opening_intervals`` reads weekday, start and end).
Window = namedtuple("Window", "weekday start end")


class JSONAgg(Func):
    """A JSON array of one expression over every row of its query (no GROUP BY: one row, the whole array).
    SQLite ``json_group_array`` (``[]`` for no rows), PostgreSQL ``jsonb_agg`` (NULL for no rows)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def closures_during(instrument, start, end):
    """Closures (every kind) of ``instrument`` (an instance, an id or an ``OuterRef``) meeting [start, end)."""
    return Closure.objects.filter(instrument=instrument, start__lt=end, end__gt=start)


def last_session_day(end):
    """The last local day of a session ending at ``end``."""
    return rules.local_day(end - timedelta(microseconds=1))


def qualifications_covering(user, instrument, last_day):
    """Qualifications of ``user`` for ``instrument`` valid on every local day of the session (up to ``last_day``,
    ``last_session_day``): one that lapses before the session would let an untrained user on the machine."""
    return Qualification.objects.filter(user=user, instrument=instrument, valid_until__gte=last_day)


def owner_recipient_rows(organization):
    """The memberships of the active users who act for ``organization`` (``notifications.organization_recipients``
    as membership rows, so it can be a subquery of a subquery)."""
    return Membership.objects.filter(organization=organization, user__is_active=True)


@dataclass(frozen=True)
class BookingFacts:
    """The data the rules read for one request: valid only for that user and period (``applies_to``)."""

    user_id: int
    start: object
    end: object
    opening_hours: list  # Window rows of the local weekdays [start, end) touches
    closed: bool
    qualified: bool
    has_quotas: bool
    owner_recipient_ids: list[int]

    def applies_to(self, user, start, end) -> bool:
        return (self.user_id, self.start, self.end) == (user.pk, start, end)


def _time(value: str) -> time:
    return time.fromisoformat(value)


def _target_query(*, is_admin, user_id, org_ids, instrument_id, service_item_id, start, end, last_day, weekdays):
    # The instrument's visibility is ``Instrument.objects.visible_to`` for a user with these memberships.
    user = User(pk=user_id, is_platform_admin=is_admin)
    user.__dict__["_org_ids_cache"] = {None: set(org_ids)}  # what ``User.organization_ids`` reads
    instrument = OuterRef("instrument_id")
    hours = OpeningHours.objects.filter(instrument=instrument, weekday__in=weekdays).order_by()
    recipients = owner_recipient_rows(OuterRef("instrument__owner_id")).order_by()
    return (
        ServiceItem.objects.select_related("instrument__owner")
        .filter(pk=service_item_id, instrument_id=instrument_id)
        .filter(instrument__in=Instrument.objects.visible_to(user).values("pk"))
        .annotate(
            _hours=Subquery(hours.values(rows=JSONAgg(JSONObject(weekday="weekday", start="start", end="end")))),
            _closed=Exists(closures_during(instrument, start, end)),
            _qualified=Exists(qualifications_covering(user_id, instrument, last_day)),
            _has_quotas=Exists(BookingQuota.objects.filter(instrument=instrument)),
            _recipients=Subquery(recipients.values(ids=JSONAgg("user_id"))),
        )[:1]
    )


_target = PreparedQuery(
    _target_query,
    is_admin="shape",
    user_id="int",
    org_ids="ints",
    instrument_id="int",
    service_item_id="int",
    start="datetime",
    end="datetime",
    last_day="date",
    weekdays="ints",
)


def booking_target(*, user, instrument_id, service_item_id, start, end):
    """``(instrument, service_item, facts)`` for a request by ``user`` — the instrument visible to the user (the
    API's rule for the ``instrument`` field) and the service item one of its items — in one query, or None when
    they are not (the caller then validates the ids the ordinary way, with its field messages)."""
    if not start < end:
        return None  # the ordinary path answers with the rule's message
    rows = _target(
        is_admin=bool(user.is_platform_admin),
        user_id=user.pk,
        org_ids=sorted(user.organization_ids()),
        instrument_id=instrument_id,
        service_item_id=service_item_id,
        start=start,
        end=end,
        last_day=last_session_day(end),
        weekdays=sorted({day.weekday() for day in rules.days_between(start, end)}),
    )
    if not rows:
        return None
    item = rows[0]
    facts = BookingFacts(
        user_id=user.pk,
        start=start,
        end=end,
        opening_hours=[Window(h["weekday"], _time(h["start"]), _time(h["end"])) for h in item._hours or []],
        closed=item._closed,
        qualified=item._qualified,
        has_quotas=item._has_quotas,
        owner_recipient_ids=list(item._recipients or []),
    )
    return item.instrument, item, facts
