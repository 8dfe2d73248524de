"""Seed the demo voucher programme (idempotent: everything is created once, found again by name or pair)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from instruments import services as bookings
from instruments.models import Booking, Instrument
from marketplace.models import Region

from ..models import ProviderRegistration, VoucherGrant, VoucherProgram
from ..services import claims, programs

# (firm key, requested, approved?) — the rest of the firms have not applied.
DEMO_GRANTS = [("muchuan_mold", "100000"), ("jingche_optics", "80000"), ("chipeng_auto", "100000"),
               ("lanhe_elec", "50000")]  # fmt: skip
PENDING = [("hengren_rubber", "30000")]
PROVIDERS = ["yangming", "zju_robot", "nbim", "unnc_elec", "yy_oe_inst", "yy_polymer", "hengzhun_test"]
#: Completed voucher-paid bookings: firm and its user, provider and its user, instrument, purpose, usage note, and
#: whether the provider has claimed it already.
VOUCHER_PAID_BOOKINGS = [
    ("muchuan_mold", "yy_mold", "yangming", "yangming", "工业CT检测系统", "模具型腔内部缺陷检测",
     "扫描完成，已出具检测报告", True),
    ("lanhe_elec", "yy_appliance", "hengzhun_test", "yy_testing", "电磁兼容测试系统(3m法电波暗室)",
     "小家电整机电磁兼容摸底测试", "测试完成，已出具摸底测试报告", False),
]  # fmt: skip


def seed(context) -> None:
    year = timezone.localdate().year
    authority = context.organizations["yykjj"]
    admin = context.users["kjj"]
    with transaction.atomic():
        program, created = VoucherProgram.objects.get_or_create(
            name=f"{year}年度余姚市科技创新券",
            defaults={
                "issuer": authority,
                "year": year,
                "total_budget": Decimal("5000000.00"),
                "coverage_ratio": Decimal("0.500"),
                "per_firm_cap": Decimal("100000.00"),
                "service_kinds": ["instrument_testing", "tech_service", "contract_rnd"],
                "valid_from": date(year, 1, 1),
                "valid_until": date(year, 12, 31),
                "publicity_days": 7,
            },
        )
        if created:
            program.accepted_regions.set(Region.objects.filter(code__in=["310000", "320000", "330000", "340000"]))
        for key in PROVIDERS:
            provider = context.organizations[key]
            if not ProviderRegistration.objects.filter(program=program, provider=provider).exists():
                registration = programs.register_provider(
                    program=program,
                    provider=provider,
                    services="大型仪器共享、检验检测与技术服务，收费标准见仪器页面",
                    actor=admin,
                )
                programs.review_registration(registration, approve=True, actor=admin, note="材料齐全，准予备案")
        for key, amount in DEMO_GRANTS + PENDING:
            firm = context.organizations[key]
            if VoucherGrant.objects.filter(program=program, firm=firm).exists():
                continue
            grant = programs.apply_for_grant(
                program=program,
                firm=firm,
                requested_amount=Decimal(amount),
                purpose="用于检验检测与委托研发",
                actor=admin,
            )
            if (key, amount) in DEMO_GRANTS:
                programs.approve_grant(grant, actor=admin, note="符合申领条件")
            context.count("voucher grants", True)
        for row in VOUCHER_PAID_BOOKINGS:
            _voucher_paid_booking(context, program, *row)


def _voucher_paid_booking(
    context, program, firm_key, user_key, provider_key, owner_key, instrument_name, purpose, usage_note, claim
) -> None:
    """One completed, voucher-paid booking in the last two weeks (invoiced, so the firm's ledger, invoices and
    statement have data); ``claim``: the provider also claims it (so every later stage has data too)."""
    firm, user = context.organizations[firm_key], context.users[user_key]
    eligible = Instrument.objects.filter(
        owner=context.organizations[provider_key], status="active", voucher_eligible=True
    ).order_by("id")
    instrument = eligible.filter(name=instrument_name).first() or eligible.first()
    if (
        instrument is None
        or Booking.objects.filter(instrument=instrument, requester_org=firm, status="completed").exists()
    ):
        return
    owner_user = context.users[owner_key]
    today = timezone.localdate()
    for back in range(3, 14):
        day = today - timedelta(days=back)
        window = instrument.opening_hours.filter(weekday=day.weekday()).order_by("start").first()
        if window is None:
            continue
        start = timezone.make_aware(timezone.datetime.combine(day, window.start))
        end = start + timedelta(minutes=max(instrument.min_duration_minutes, 120))
        if not bookings.rules.within_opening_hours(instrument.opening_hours.all(), start, end):
            continue
        booking = bookings.request_booking(
            actor=user, organization=firm, instrument=instrument, service_item=instrument.service_items.first(),
            start=start, end=end, sample_count=2, purpose=purpose, payment={"use_voucher": True},
            now=start - timedelta(days=instrument.max_advance_days // 2 or 1),
        )  # fmt: skip
        if booking.status == "requested":
            booking = bookings.confirm_booking(booking, actor=owner_user, organization=instrument.owner)
        booking = bookings.start_booking(booking, actor=owner_user, organization=instrument.owner, now=start)
        bookings.complete_booking(booking, actor=owner_user, organization=instrument.owner, now=end,
                                  usage_note=usage_note)  # fmt: skip
        if claim:
            claims.submit_claim(
                program=program, provider=instrument.owner, period_start=day, period_end=today,
                invoice_number="3302261130", usage_record="工业CT检测服务，检测报告编号 YM-CT-2026-118",
                actor=owner_user,
            )  # fmt: skip
        context.count("voucher-paid bookings", True)
        return
