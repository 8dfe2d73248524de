"""Factories for instrument tests (used by this app's tests and the cross-app tests)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from .models import Instrument, OpeningHours, Qualification, ServiceItem


def make_instrument(owner, *, hours=((time(8, 0), time(20, 0)),), days=range(7), **fields) -> Instrument:
    """An active, bookable instrument open every day 08:00–20:00 by default, with one hourly service item."""
    defaults = {
        "name": "场发射扫描电镜",
        "category": "analytical",
        "model_number": "JSM-7900F",
        "manufacturer": "日本电子",
        "original_value": Decimal("3800000.00"),
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "voucher_eligible": True,
        "lead_time_hours": 1,
        "max_advance_days": 30,
        "min_duration_minutes": 30,
        "max_duration_minutes": 480,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
    }
    instrument = Instrument.objects.create(owner=owner, **{**defaults, **fields})
    OpeningHours.objects.bulk_create(
        OpeningHours(instrument=instrument, weekday=d, start=s, end=e) for d in days for s, e in hours
    )
    ServiceItem.objects.create(
        instrument=instrument,
        name="形貌观察",
        unit="hour",
        price_enterprise=Decimal("600.00"),
        price_academic=Decimal("450.00"),
        price_internal=Decimal("300.00"),
    )
    return instrument


def qualify(user, instrument, days=365):
    return Qualification.objects.create(
        user=user, instrument=instrument, valid_until=timezone.localdate() + timedelta(days=days)
    )


def local(days_ahead: int, hour: int, minute: int = 0) -> datetime:
    """An aware local (Asia/Shanghai) datetime ``days_ahead`` days from today at hour:minute."""
    day = timezone.localdate() + timedelta(days=days_ahead)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))
