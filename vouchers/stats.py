"""Voucher figures for the market dashboard: one row per programme."""

from .models import VoucherProgram
from .services.claims import program_statistics


def collect() -> dict:
    return {"programs": [program_statistics(p) for p in VoucherProgram.objects.order_by("-year", "id")]}
