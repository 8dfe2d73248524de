"""Instrument-sharing figures for the market dashboard."""

from django.db.models import Count, Sum

from marketplace.money import ZERO, money

from .models import Booking, Instrument


def collect() -> dict:
    instruments = Instrument.objects.exclude(status="retired")
    bookings = dict(Booking.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    billed = Booking.objects.filter(status="completed").aggregate(total=Sum("final_amount"))["total"] or ZERO
    return {
        "instruments": instruments.count(),
        "voucher_eligible": instruments.filter(voucher_eligible=True).count(),
        "original_value": str(money(instruments.aggregate(total=Sum("original_value"))["total"] or ZERO)),
        "bookings_by_status": bookings,
        "completed_amount": str(money(billed)),
    }
