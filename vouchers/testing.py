"""Factories for voucher tests, benchmarks and demo data."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from marketplace.models import Region

from .models import ProviderRegistration, VoucherGrant, VoucherProgram
from .services import programs


def make_program(issuer, **fields) -> VoucherProgram:
    """A programme valid this whole year: 50% coverage, 100,000 cap, 1,000,000 budget, Yangtze-delta providers."""
    year = timezone.localdate().year
    defaults = {
        "name": f"{year}年度余姚市科技创新券",
        "year": year,
        "total_budget": Decimal("1000000.00"),
        "coverage_ratio": Decimal("0.500"),
        "per_firm_cap": Decimal("100000.00"),
        "service_kinds": ["instrument_testing", "tech_service", "contract_rnd"],
        "valid_from": date(year, 1, 1),
        "valid_until": date(year, 12, 31),
    }
    program = VoucherProgram.objects.create(issuer=issuer, **{**defaults, **fields})
    program.accepted_regions.set(Region.objects.filter(code__in=["310000", "320000", "330000", "340000"]))
    return program


def register_provider(program, provider, actor=None) -> ProviderRegistration:
    """An approved registration (备案) of ``provider`` for ``program``."""
    registration = programs.register_provider(program=program, provider=provider, services="检测服务", actor=actor)
    return programs.review_registration(registration, approve=True, actor=actor)


def make_grant(program, firm, amount=Decimal("10000.00"), actor=None) -> VoucherGrant:
    """An approved grant of ``amount`` (its grant entry is in the ledger)."""
    grant = programs.apply_for_grant(program=program, firm=firm, requested_amount=amount, purpose="测试", actor=actor)
    return programs.approve_grant(grant, actor=actor)
