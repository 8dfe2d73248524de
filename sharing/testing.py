"""Factories for the sharing app's tests."""

from datetime import timedelta

from instruments import services as booking_services
from instruments.testing import local


def completed_booking(instrument, firm, firm_user, *, day=-3, hour=10, hours=2, owner_user=None, confirm_after=None):
    """A booking of ``instrument`` by ``firm`` that ran ``day`` days from today (negative: in the past) and was
    completed. The owner confirmed it ``confirm_after`` after the request (default at once)."""
    start = local(day, hour)
    end = start + timedelta(hours=hours)
    item = instrument.service_items.first()
    owner = instrument.owner
    owner_user = owner_user or owner.memberships.first().user
    requested_at = start - timedelta(days=2)
    booking = booking_services.request_booking(
        actor=firm_user, organization=firm, instrument=instrument, service_item=item, start=start, end=end,
        purpose="测试用途", now=requested_at,
    )  # fmt: skip
    if booking.status == "requested":
        booking = booking_services.confirm_booking(booking, actor=owner_user, organization=owner)
    booking = booking_services.start_booking(booking, actor=owner_user, organization=owner, now=start)
    return booking_services.complete_booking(booking, actor=owner_user, organization=owner, now=end)
