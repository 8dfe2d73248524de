"""Seed the demo instruments (``data.py``) and a few bookings. Idempotent: instruments are found by owner and name,
service items by instrument and name; bookings are only added to instruments that have none."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from marketplace.exceptions import DomainError

from .. import services
from ..models import BookingQuota, Instrument, OpeningHours, Qualification, ServiceItem
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


def seed(context) -> None:
    with transaction.atomic():
        instruments = seed_instruments(context)
        seed_rules(context, instruments)
        seed_bookings(context, instruments)
