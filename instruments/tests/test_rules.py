"""Availability rules as pure functions: opening hours, closures, buffer, lead time, slot grid, day boundaries."""

from datetime import datetime, time, timedelta
from types import SimpleNamespace as NS
from zoneinfo import ZoneInfo

from instruments import rules

SH = ZoneInfo("Asia/Shanghai")


def dt(day, hour, minute=0):
    return datetime(2026, 12, day, hour, minute, tzinfo=SH)


def instrument(**kw):
    base = {
        "lead_time_hours": 0,
        "max_advance_days": 365,
        "buffer_minutes": 0,
        "min_duration_minutes": 30,
        "slot_minutes": 30,
    }
    return NS(**{**base, **kw})


# 2026-12-07 is a Monday.
WEEKDAYS = [NS(weekday=d, start=time(9), end=time(12)) for d in range(5)] + [
    NS(weekday=d, start=time(13), end=time(17)) for d in range(5)
]
NOW = dt(1, 0)


def test_free_slots_follow_opening_hours_and_skip_the_weekend():
    slots = rules.free_slots(instrument(), dt(5, 0), dt(8, 0), now=NOW, hours=WEEKDAYS, closures=[], bookings=[])
    # Saturday 5th and Sunday 6th are closed; Monday 7th has two windows.
    assert slots == [(dt(7, 9), dt(7, 12)), (dt(7, 13), dt(7, 17))]


def test_closures_and_bookings_with_buffer_cut_the_day():
    closure = NS(start=dt(7, 9), end=dt(7, 10))
    booking = NS(start=dt(7, 14), blocked_until=dt(7, 15, 30))  # 14:00–15:00 + 30 min buffer
    slots = rules.free_slots(
        instrument(buffer_minutes=30),
        dt(7, 0),
        dt(8, 0),
        now=NOW,
        hours=WEEKDAYS,
        closures=[closure],
        bookings=[booking],
    )
    # a new booking must also leave its own 30-minute buffer before 14:00
    assert slots == [(dt(7, 10), dt(7, 12)), (dt(7, 13), dt(7, 13, 30)), (dt(7, 15, 30), dt(7, 17))]


def test_lead_time_and_slot_grid_round_the_first_slot_up():
    now = dt(7, 8, 50)
    slots = rules.free_slots(
        instrument(lead_time_hours=1), dt(7, 0), dt(8, 0), now=now, hours=WEEKDAYS, closures=[], bookings=[]
    )
    assert slots[0] == (dt(7, 10), dt(7, 12))  # 09:50 rounds up to the 10:00 slot


def test_advance_window_caps_the_range():
    slots = rules.free_slots(
        instrument(max_advance_days=7), dt(7, 0), dt(20, 0), now=dt(1, 0), hours=WEEKDAYS, closures=[], bookings=[]
    )
    assert slots[-1][1] <= dt(8, 0)


def test_slots_shorter_than_the_minimum_are_dropped():
    booking = NS(start=dt(7, 9, 30), blocked_until=dt(7, 12))
    slots = rules.free_slots(
        instrument(min_duration_minutes=60),
        dt(7, 0),
        dt(8, 0),
        now=NOW,
        hours=WEEKDAYS,
        closures=[],
        bookings=[booking],
    )
    assert slots == [(dt(7, 13), dt(7, 17))]


def test_within_opening_hours_and_day_boundaries():
    assert rules.within_opening_hours(WEEKDAYS, dt(7, 9), dt(7, 12))
    assert not rules.within_opening_hours(WEEKDAYS, dt(7, 11), dt(7, 14))  # spans the lunch break
    assert not rules.within_opening_hours(WEEKDAYS, dt(5, 9), dt(5, 10))  # Saturday
    around_the_clock = [NS(weekday=d, start=time(0), end=time(23, 30)) for d in range(7)]
    assert not rules.within_opening_hours(around_the_clock, dt(7, 23), dt(8, 1))  # crosses midnight
    # UTC input is judged in Shanghai time: 01:00 UTC = 09:00 CST
    utc = ZoneInfo("UTC")
    assert rules.within_opening_hours(
        WEEKDAYS, datetime(2026, 12, 7, 1, tzinfo=utc), datetime(2026, 12, 7, 2, tzinfo=utc)
    )


def test_slot_grid():
    assert rules.on_slot_grid(dt(7, 9, 30), 30)
    assert not rules.on_slot_grid(dt(7, 9, 15), 30)
    assert rules.on_slot_grid(dt(7, 9, 15), 15)
    assert rules.round_up(dt(7, 9, 1), 30) == dt(7, 9, 30)
    assert rules.round_down(dt(7, 9, 59), 30) == dt(7, 9, 30)
    assert timedelta(0) == rules.round_up(dt(7, 9), 30) - dt(7, 9)


def test_midnight_end_joins_days_for_round_the_clock_instruments():
    always = [NS(weekday=d, start=time(0), end=time(0)) for d in range(7)]
    assert rules.within_opening_hours(always, dt(7, 8), dt(9, 8))  # 48 hours across two midnights
    evenings = [NS(weekday=d, start=time(18), end=time(0)) for d in range(7)]
    assert rules.within_opening_hours(evenings, dt(7, 18), dt(8, 0))
    assert not rules.within_opening_hours(evenings, dt(7, 23), dt(8, 1))  # the next day opens only at 18:00
