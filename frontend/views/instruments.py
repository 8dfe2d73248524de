"""仪器共享: the instrument catalogue and an instrument's page (specifications, prices, opening hours, free slots)."""

from datetime import time, timedelta
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS

from instruments.choices import InstrumentStatus
from instruments.filtersets import InstrumentFilterSet
from instruments.models import Instrument, ServiceItem
from instruments.rules import at
from instruments.services import available_slots
from marketplace.models import Region

from ..forms import InstrumentFilterForm
from .base import filter_queryset, paginate

SLOT_DAYS = 7
#: At most this many durations are offered (a 5-minute grid over a long maximum would make an unusable list).
MAX_DURATIONS = 96
#: A session of about an hour is what people book most; the default when a free slot is clicked.
PREFERRED_MINUTES = 60


def duration_choices(instrument) -> list[int]:
    """The durations a booking may have, in minutes: multiples of the slot grid within the minimum and maximum."""
    step = instrument.slot_minutes
    first = -(-instrument.min_duration_minutes // step) * step
    return list(range(first, instrument.max_duration_minutes + 1, step))[:MAX_DURATIONS]


def default_duration(instrument, room_minutes: float | None = None) -> int | None:
    """A sensible first duration: about an hour (at least the minimum), no longer than the free room after the start."""
    choices = [m for m in duration_choices(instrument) if room_minutes is None or m <= room_minutes]
    if not choices:
        return None
    return next((m for m in choices if m >= PREFERRED_MINUTES), choices[-1])


def slot_booking_url(instrument, start, end) -> str:
    """The booking form with the day and start of a free slot chosen and a default duration that fits in it."""
    local = timezone.localtime(start)
    params = {"day": local.date().isoformat(), "time": local.strftime("%H:%M")}
    duration = default_duration(instrument, (end - start).total_seconds() / 60)
    if duration:
        params["duration"] = duration
    return reverse("frontend:book_instrument", args=[instrument.pk]) + "?" + urlencode(params)


def _active_items():
    return Prefetch("service_items", ServiceItem.objects.filter(active=True).order_by("price_enterprise", "id"))


def instrument_list(request):
    """仪器共享: the instruments the visitor may see, filtered by category, voucher eligibility, owner region and
    text, 20 per page, each with its lowest enterprise price."""
    visible = Instrument.objects.visible_to(request.user)
    regions = Region.objects.filter(organizations__instruments__in=visible).select_related("parent__parent").distinct()
    form = InstrumentFilterForm(request.GET or None, regions=regions)
    params = request.GET.copy()
    if form.is_bound and not form.is_valid():
        for name in form.errors:  # a value the page does not offer (another region's code) is ignored, as shown
            params.pop(name, None)
    instruments = filter_queryset(
        InstrumentFilterSet,
        params,
        visible.select_related("owner__region__parent").prefetch_related(_active_items()),
        request=request,
    )
    page = paginate(request, instruments)
    return render(
        request,
        "frontend/instrument_list.html",
        {"form": form, "page_obj": page, "instruments": page.object_list},
    )


def _week_of_slots(instrument, now=None) -> list[dict]:
    """The free intervals of the next ``SLOT_DAYS`` local days (today first), split at midnight."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    slots = available_slots(instrument, now, at(today + timedelta(days=SLOT_DAYS), time.min), now=now)
    minimum = timedelta(minutes=instrument.min_duration_minutes)
    days = []
    for offset in range(SLOT_DAYS):
        day = today + timedelta(days=offset)
        day_start, day_end = at(day, time.min), at(day + timedelta(days=1), time.min)
        pieces = [
            {
                "start": timezone.localtime(max(start, day_start)),
                "end": timezone.localtime(min(end, day_end)),
                "to_midnight": end >= day_end,
                "url": slot_booking_url(instrument, max(start, day_start), end),
            }
            for start, end in slots
            if start < day_end and end > day_start and end - max(start, day_start) >= minimum
        ]
        days.append({"date": day, "weekday": WEEKDAYS[day.weekday()], "today": offset == 0, "slots": pieces})
    return days


def _opening_table(instrument) -> list[dict]:
    by_day: dict[int, list] = {}
    for window in instrument.opening_hours.all():
        by_day.setdefault(window.weekday, []).append(window)
    return [
        {
            "weekday": WEEKDAYS[day],
            "windows": [
                {"start": w.start, "end": w.end, "to_midnight": w.end == time.min}
                for w in sorted(by_day.get(day, []), key=lambda w: w.start)
            ],
        }
        for day in range(7)
    ]


def instrument_detail(request, pk):
    """An instrument: specifications, capabilities, sample requirements, service items with the three tier prices,
    opening hours, the free time of the next seven days, its owner and how to book it."""
    instrument = get_object_or_404(
        Instrument.objects.visible_to(request.user)
        .select_related("owner__region")
        .prefetch_related("opening_hours", _active_items()),
        pk=pk,
    )
    bookable = instrument.status == InstrumentStatus.ACTIVE
    specs = instrument.specs if isinstance(instrument.specs, dict) else {}
    return render(
        request,
        "frontend/instrument_detail.html",
        {
            "instrument": instrument,
            "specs": list(specs.items()),
            "service_items": list(instrument.service_items.all()),
            "opening": _opening_table(instrument),
            "week": _week_of_slots(instrument) if bookable else [],
            "bookable": bookable,
            "slot_days": SLOT_DAYS,
        },
    )


urlpatterns = [
    path("instruments/", instrument_list, name="instrument_list"),
    path("instruments/<int:pk>/", instrument_detail, name="instrument_detail"),
]
