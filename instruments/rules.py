"""Booking rules as pure functions over an instrument's data: opening hours, closures, existing bookings, lead time,
advance window, durations, slot grid and buffer. The booking service and the availability endpoint share them, so
what availability offers is exactly what a request accepts.

Times are aware datetimes; opening hours are wall-clock times in the market's zone (Asia/Shanghai, which has no DST).
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

Interval = tuple[datetime, datetime]


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def at(day: date, clock: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock), timezone.get_current_timezone())


def days_between(start: datetime, end: datetime):
    day, last = local_day(start), local_day(end - timedelta(microseconds=1))
    while day <= last:
        yield day
        day += timedelta(days=1)


def opening_intervals(hours, start: datetime, end: datetime) -> list[Interval]:
    """The opening windows (``hours``: objects with weekday/start/end; an end of 00:00 is the following midnight) of
    every local day touching [start, end), joined where they touch."""
    by_weekday: dict[int, list] = {}
    for window in hours:
        by_weekday.setdefault(window.weekday, []).append(window)
    intervals = []
    for day in days_between(start, end):
        for window in sorted(by_weekday.get(day.weekday(), []), key=lambda w: w.start):
            end = at(day + timedelta(days=1), time.min) if window.end == time.min else at(day, window.end)
            intervals.append((at(day, window.start), end))
    return merge(intervals)


def merge(intervals: list[Interval]) -> list[Interval]:
    """Sort and join touching or overlapping intervals."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def subtract(intervals: list[Interval], holes: list[Interval]) -> list[Interval]:
    """``intervals`` minus every hole."""
    result = []
    for start, end in intervals:
        pieces = [(start, end)]
        for h_start, h_end in holes:
            next_pieces = []
            for p_start, p_end in pieces:
                if h_end <= p_start or h_start >= p_end:
                    next_pieces.append((p_start, p_end))
                    continue
                if p_start < h_start:
                    next_pieces.append((p_start, h_start))
                if h_end < p_end:
                    next_pieces.append((h_end, p_end))
            pieces = next_pieces
        result.extend(pieces)
    return result


def within_opening_hours(hours, start: datetime, end: datetime) -> bool:
    return any(o_start <= start and end <= o_end for o_start, o_end in opening_intervals(hours, start, end))


def on_slot_grid(moment: datetime, slot_minutes: int) -> bool:
    local = timezone.localtime(moment)
    minutes = local.hour * 60 + local.minute
    return local.second == 0 and local.microsecond == 0 and minutes % slot_minutes == 0


def blocked_intervals(bookings, buffer: timedelta) -> list[Interval]:
    """Where a new booking may not lie: each live booking's [start − buffer, blocked_until), since the new booking's
    own buffer must end before the next one starts."""
    return [(b.start - buffer, b.blocked_until) for b in bookings]


def bookable_window(instrument, now: datetime) -> Interval:
    return (
        now + timedelta(hours=instrument.lead_time_hours),
        now + timedelta(days=instrument.max_advance_days),
    )


def round_up(moment: datetime, slot_minutes: int) -> datetime:
    local = timezone.localtime(moment)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    elapsed = (local - midnight).total_seconds()
    slots = -(-elapsed // (slot_minutes * 60))
    return midnight + timedelta(minutes=slot_minutes * slots)


def round_down(moment: datetime, slot_minutes: int) -> datetime:
    local = timezone.localtime(moment)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    elapsed = (local - midnight).total_seconds()
    return midnight + timedelta(minutes=slot_minutes * (elapsed // (slot_minutes * 60)))


def free_slots(instrument, start: datetime, end: datetime, *, now, hours, closures, bookings) -> list[Interval]:
    """Maximal free intervals in [start, end) where a booking of at least the minimum duration fits: opening hours,
    minus closures, minus live bookings (buffer on both sides), clipped to lead time and advance window, snapped to
    the slot grid."""
    earliest, latest = bookable_window(instrument, now)
    start, end = max(start, earliest), min(end, latest)
    if start >= end:
        return []
    buffer = timedelta(minutes=instrument.buffer_minutes)
    free = subtract(opening_intervals(hours, start, end), [(c.start, c.end) for c in closures])
    free = subtract(free, blocked_intervals(bookings, buffer))
    minimum = timedelta(minutes=instrument.min_duration_minutes)
    slots = []
    for f_start, f_end in free:
        f_start = round_up(max(f_start, start), instrument.slot_minutes)
        f_end = round_down(min(f_end, end), instrument.slot_minutes)
        if f_end - f_start >= minimum:
            slots.append((f_start, f_end))
    return slots
