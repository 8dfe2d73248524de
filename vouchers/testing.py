"""Factories for voucher tests, benchmarks and demo data."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from marketplace.models import Region

from .models import Claim, LedgerEntry, ProviderRegistration, Settlement, VoucherGrant, VoucherProgram
from .services import claims, ledger, programs


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


def make_redemption(grant, provider, amount=Decimal("600.00"), actor=None) -> LedgerEntry:
    """A redemption (兑用) of ``amount`` of ``grant`` with ``provider``, without a booking: held, then redeemed."""
    hold = ledger.hold_up_to(grant, amount, provider=provider, actor=actor)
    ledger.redeem(hold, amount, actor=actor, note="测试服务")
    return LedgerEntry.objects.get(hold=hold, kind="redeem")


def make_claim(program, provider, grant, amount=Decimal("600.00"), *, approve=False, past_notice=False, actor=None):
    """A claim (兑付申请) of one new redemption of ``amount``; approved (公示 running) and with its notice period
    over if asked. ``provider`` must be registered for ``program``."""
    make_redemption(grant, provider, amount, actor=actor)
    today = timezone.localdate()
    claim = claims.submit_claim(
        program=program,
        provider=provider,
        period_start=today,
        period_end=today,
        invoice_number="33020001",
        usage_record="检测服务记录",
        actor=actor,
    )
    if approve:
        claim = claims.approve_claim(claim, actor=actor)
    if past_notice:
        Claim.objects.filter(pk=claim.pk).update(publicity_ends=timezone.now() - timedelta(minutes=1))
        claim.refresh_from_db()
    return claim


def make_settlement(program, provider, grant, amount=Decimal("600.00"), *, approve=False, actor=None) -> Settlement:
    """A draft settlement of a new claim past its notice period (approved, i.e. numbered, if asked)."""
    make_claim(program, provider, grant, amount, approve=True, past_notice=True, actor=actor)
    today = timezone.localdate()
    settlement = claims.create_settlement(
        program=program, provider=provider, period_start=today, period_end=today, actor=actor
    )
    if approve:
        settlement = claims.approve_settlement(settlement, actor=actor)
    return settlement
