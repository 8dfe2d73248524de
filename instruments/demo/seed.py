"""Seed the demo instruments (``data.py``), a few bookings ahead and a year of completed ones behind. Idempotent:
instruments are found by owner and name, service items by instrument and name; bookings ahead are only added to
instruments that have none, the past ones only when no demo usage record exists yet."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError
from marketplace.services import audit

from .. import series, services
from ..choices import BookingStatus, ClosureKind, SeriesConflictPolicy, SeriesFrequency
from ..models import Booking, BookingQuota, Closure, Instrument, OpeningHours, Qualification, ServiceItem
from . import data

INSTRUMENT_FIELDS = [
    "name_en", "category", "model_number", "manufacturer", "country", "purchase_date", "building", "room", "address",
    "capabilities", "specs", "sample_requirements", "status", "voucher_eligible", "booking_mode", "approval_mode",
    "lead_time_hours", "max_advance_days", "min_duration_minutes", "max_duration_minutes", "slot_minutes",
    "buffer_minutes", "cancellation_deadline_hours", "late_cancel_fee_percent", "no_show_fee_percent",
    "contact_name", "contact_phone",
]  # fmt: skip

# (firm key, its user) who book the demo instruments.
DEMO_BOOKERS = [("muchuan_mold", "yy_mold"), ("jingche_optics", "yy_lens"), ("chipeng_auto", "yy_auto")]


def _clock(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def seed_instruments(context) -> list[Instrument]:
    instruments = []
    for row in data.INSTRUMENTS:
        owner = context.organizations[row["owner"]]
        defaults = {field: row[field] for field in INSTRUMENT_FIELDS}
        defaults["original_value"] = Decimal(row["original_value"])
        instrument, created = Instrument.objects.update_or_create(owner=owner, name=row["name"], defaults=defaults)
        instrument.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(instrument=instrument, weekday=day, start=_clock(start), end=_clock(end))
            for day, start, end in row["opening_hours"]
        )
        for item in row["service_items"]:
            prices = {k: Decimal(item[k]) for k in ("price_enterprise", "price_academic", "price_internal")}
            ServiceItem.objects.update_or_create(
                instrument=instrument,
                name=item["name"],
                defaults={"unit": item["unit"], "description": item.get("description", ""), **prices},
            )
        instruments.append(instrument)
        context.count("instruments", created)
    return instruments


def seed_bookings(context, instruments) -> None:
    """A few requested/confirmed bookings a week ahead, so calendars and owners' queues are not empty."""
    today = timezone.localdate()
    bookable = [i for i in instruments if i.status == "active" and i.booking_mode == "sample_testing"][:6]
    for n, instrument in enumerate(bookable):
        if instrument.bookings.exists():
            continue
        firm_key, username = DEMO_BOOKERS[n % len(DEMO_BOOKERS)]
        hours = sorted(instrument.opening_hours.all(), key=lambda h: (h.weekday, h.start))
        item = instrument.service_items.order_by("id").first()
        for offset in range(7, 14):
            day = today + timedelta(days=offset)
            window = next((h for h in hours if h.weekday == day.weekday()), None)
            if window is None:
                continue
            start = timezone.make_aware(datetime.combine(day, window.start))
            end = start + timedelta(minutes=max(instrument.min_duration_minutes, 60))
            try:
                booking = services.request_booking(
                    actor=context.users[username],
                    organization=context.organizations[firm_key],
                    instrument=instrument,
                    service_item=item,
                    start=start,
                    end=end,
                    sample_count=3,
                    purpose="演示预约：来样检测",
                )
            except DomainError:
                continue
            if n % 2 == 0 and booking.status == "requested":
                services.confirm_booking(booking, actor=None, organization=instrument.owner)
            context.count("bookings", True)
            break


def seed_rules(context, instruments) -> None:
    """Qualify the demo firms' users on the self-operated instruments; give the busiest a monthly fair-share quota."""
    valid_until = timezone.localdate() + timedelta(days=365)
    for instrument in instruments:
        if instrument.booking_mode == "self_operated":
            for _firm, username in DEMO_BOOKERS:
                Qualification.objects.get_or_create(
                    user=context.users[username], instrument=instrument, defaults={"valid_until": valid_until}
                )
    for instrument in [i for i in instruments if i.category == "special_inspection"][:3]:
        BookingQuota.objects.get_or_create(instrument=instrument, period="month", defaults={"max_hours": Decimal(40)})


#: How far back the demo instruments count as listed (开放共享), so the dashboard's open hours cover the whole year.
LISTED_DAYS = 400
#: The purpose of the past demo bookings (also how the seeder recognises it has added them).
HISTORY_PURPOSE = "演示记录：已完成的检测服务"
HISTORY_PER_OWNER = 2
#: The firms behind the past bookings: others than ``DEMO_BOOKERS`` (whose voucher-paid bookings the vouchers demo
#: seeds, and skips for an instrument the firm has already completed a booking on).
HISTORY_BOOKERS = [
    ("ruigan_sensor", "yy_sensor"), ("hengren_rubber", "yy_rubber"), ("qingke_equip", "yy_robot"),
    ("hongdu_motor", "yy_motor"), ("chenghong_elec", "cx_appliance"),
]  # fmt: skip
HISTORY_MONTHS = 11


def backdate_listing(instruments) -> None:
    """The demo instruments have been on offer for more than a year (their listing date counts for open hours)."""
    listed = timezone.now() - timedelta(days=LISTED_DAYS)
    Instrument.objects.filter(pk__in=[i.pk for i in instruments], created_at__gt=listed).update(created_at=listed)


def _past_booking(instrument, item, organization, user, start, end) -> Booking | None:
    """A booking made (and confirmed) before ``start``, as ``request_booking`` would have recorded it then."""
    blocked_until = end + timedelta(minutes=instrument.buffer_minutes)
    if services._overlapping(instrument, start, blocked_until):
        return None
    price = services.quote(organization, instrument, item, start=start, end=end, sample_count=3)
    booking = Booking.objects.create(
        instrument=instrument, service_item=item, requester_org=organization, requester=user, start=start, end=end,
        blocked_until=blocked_until, status=BookingStatus.CONFIRMED, purpose=HISTORY_PURPOSE, sample_count=3,
        price_tier=price.tier, unit=price.unit, unit_price=price.unit_price, quantity=price.quantity,
        amount=price.amount,
    )  # fmt: skip
    audit.record(actor=user, organization=organization, target=booking, action=AuditAction.CREATE,
                 transition=f"→{booking.status}", changes={"start": [None, start], "end": [None, end],
                 "amount": [None, booking.amount]})  # fmt: skip
    return booking


def seed_history(context, instruments) -> None:
    """Completed bookings over the past months on two instruments of each owner, one or two a month: mostly by the
    demo firms (对外服务), every third by the owner itself (internal use)."""
    if Booking.objects.filter(purpose=HISTORY_PURPOSE).exists():
        return
    today = timezone.localdate()
    per_owner: dict[int, list[Instrument]] = {}
    for instrument in instruments:
        if instrument.status == "active" and len(per_owner.setdefault(instrument.owner_id, [])) < HISTORY_PER_OWNER:
            per_owner[instrument.owner_id].append(instrument)
    for n, instrument in enumerate(i for group in per_owner.values() for i in group):
        for month in range(1, HISTORY_MONTHS + 1):
            if (n + month) % 3 == 2:
                continue  # not every instrument every month
            for extra in range(2 if n % 3 == 0 else 1):  # some instruments are busier
                day = today - timedelta(days=30 * month + n % 7 + 3 * extra)
                if _past_session(context, instrument, day, variant=n + month + extra):
                    context.count("completed bookings", True)


def _past_session(context, instrument, day, *, variant: int) -> bool:
    """One completed booking of 3 to 7 hours on ``day`` (or the last open day before it), checked in at its start
    and out up to half an hour early, through ``start_booking`` / ``complete_booking`` at those moments."""
    windows = {h.weekday: h for h in instrument.opening_hours.all()}
    for _ in range(7):
        if day.weekday() in windows:
            break
        day -= timedelta(days=1)
    window = windows.get(day.weekday())
    if window is None:
        return False
    opens = timezone.make_aware(datetime.combine(day, window.start))
    closes = timezone.make_aware(datetime.combine(day, window.end)) if window.end != time(0) else None
    length = timedelta(hours=3 + variant % 5)
    start, end = opens + timedelta(hours=1), opens + timedelta(hours=1) + length
    if closes is not None and end > closes:
        start, end = opens, min(opens + length, closes)
    if end - start < timedelta(minutes=instrument.min_duration_minutes):
        return False
    owner = instrument.owner
    owner_user = next(u for u in context.users.values() if owner.pk in u.organization_ids("admin"))
    if variant % 3 == 0:
        organization, user = owner, owner_user
    else:
        firm_key, username = HISTORY_BOOKERS[variant % len(HISTORY_BOOKERS)]
        organization, user = context.organizations[firm_key], context.users[username]
    item = instrument.service_items.order_by("id").first()
    booking = _past_booking(instrument, item, organization, user, start, end)
    if booking is None:
        return False
    booking = services.start_booking(booking, actor=owner_user, organization=owner, now=start)
    services.complete_booking(
        booking, actor=owner_user, organization=owner, usage_note="按委托要求完成检测，已出具报告。",
        actual_end=end - timedelta(minutes=15 * (variant % 3)), now=end,
    )  # fmt: skip
    return True


#: The demo series' purpose (also how the seeder recognises it has added it) and the past downtime's reason.
SERIES_PURPOSE = "演示重复预约：每周例行来样检测"
DOWNTIME_REASON = "年度保养：更换真空泵油、校准探测器"


def seed_series(context, instruments) -> None:
    """One weekly series (重复预约, up to 6 weeks, conflicting weeks skipped) by a demo firm (``book_series``)."""
    if Booking.objects.filter(purpose=SERIES_PURPOSE).exists():
        return
    firm_key, username = DEMO_BOOKERS[1]
    today = timezone.localdate()
    for instrument in [i for i in instruments if i.status == "active" and i.booking_mode == "sample_testing"]:
        windows = sorted(instrument.opening_hours.all(), key=lambda h: (h.weekday, h.start))
        day = today + timedelta(days=8)
        window = next((h for h in windows if h.weekday == day.weekday()), None)
        weeks = min(6, (instrument.max_advance_days - 9) // 7 + 1)  # every week within the advance window
        if window is None or weeks < 3:
            continue
        start = timezone.make_aware(datetime.combine(day, window.start)) + timedelta(hours=1)
        try:
            result = series.book_series(
                actor=context.users[username],
                organization=context.organizations[firm_key],
                instrument=instrument,
                service_item=instrument.service_items.order_by("id").first(),
                start=start,
                end=start + timedelta(minutes=max(instrument.min_duration_minutes, 60)),
                frequency=SeriesFrequency.WEEKLY,
                count=weeks,
                on_conflict=SeriesConflictPolicy.SKIP,
                sample_count=2,
                purpose=SERIES_PURPOSE,
            )
        except DomainError:
            continue
        context.count("booking series", True)
        context.count("bookings", bool(result.bookings))
        return


def seed_past_downtime(context, instruments) -> None:
    """One past maintenance downtime (维护停机, three weeks ago) on the first active instrument, as the owner
    declared it (a past period is recorded directly: ``declare_downtime`` only takes periods still to come)."""
    instrument = next((i for i in instruments if i.status == "active"), None)
    if instrument is None or Closure.objects.filter(instrument=instrument, reason=DOWNTIME_REASON).exists():
        return
    owner_user = next(u for u in context.users.values() if instrument.owner_id in u.organization_ids("admin"))
    day = timezone.localdate() - timedelta(days=21)
    start = timezone.make_aware(datetime.combine(day, time(8, 0)))
    downtime = Closure.objects.create(
        instrument=instrument,
        kind=ClosureKind.MAINTENANCE,
        start=start,
        end=start + timedelta(days=2),
        reason=DOWNTIME_REASON,
        declared_by=owner_user,
    )
    audit.record(
        actor=owner_user,
        organization=instrument.owner,
        target=downtime,
        action=AuditAction.CREATE,
        changes={"kind": [None, downtime.kind], "start": [None, downtime.start], "end": [None, downtime.end]},
    )
    context.count("downtimes", True)


def seed(context) -> None:
    with transaction.atomic():
        instruments = seed_instruments(context)
        backdate_listing(instruments)
        seed_rules(context, instruments)
        seed_bookings(context, instruments)
        seed_history(context, instruments)
        seed_series(context, instruments)
        seed_past_downtime(context, instruments)
