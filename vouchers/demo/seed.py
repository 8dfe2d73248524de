"""Seed the demo voucher programme (idempotent: everything is created once, found again by name or pair).

Every stage has data: a pending provider registration (备案) and grant application, a claim awaiting review, a claim
whose public notice (公示) is over but not yet settled, and an approved and a paid settlement whose statement PDFs are
stored (as downloads serve them)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from instruments import services as bookings
from instruments.models import Booking, Instrument
from marketplace.exceptions import DomainError
from marketplace.models import Region

from ..models import ProviderRegistration, Settlement, VoucherGrant, VoucherProgram
from ..services import claims, documents, programs

# (firm key, requested, approved?) — the rest of the firms have not applied.
DEMO_GRANTS = [("muchuan_mold", "100000"), ("jingche_optics", "80000"), ("chipeng_auto", "100000"),
               ("lanhe_elec", "50000")]  # fmt: skip
PENDING = [("hengren_rubber", "30000")]
#: The registered providers: the local ones and three 长三角 testing platforms in other cities (the programme
#: accepts the whole delta, 通用通兑).
PROVIDERS = ["yangming", "zju_robot", "nbim", "unnc_elec", "yy_oe_inst", "yy_polymer", "hengzhun_test",
             "sh_pujiang_test", "sz_nano_char", "hf_battery_test"]  # fmt: skip
#: A provider whose registration awaits the bureau's review.
PENDING_PROVIDER = "shunan_ai"
#: The account each registered provider is paid into (printed on its settlement statements).
BANKS = ["中国工商银行余姚支行", "中国农业银行余姚分行", "中国银行余姚分行", "中国建设银行余姚支行",
         "宁波银行余姚支行", "浙江余姚农村商业银行", "交通银行余姚支行", "中国邮政储蓄银行余姚市支行"]  # fmt: skip
#: Completed voucher-paid bookings: firm and its user, provider and its user, instrument, purpose, usage note, and
#: whether the provider has claimed it already.
VOUCHER_PAID_BOOKINGS = [
    ("muchuan_mold", "yy_mold", "yangming", "yangming", "工业CT检测系统", "模具型腔内部缺陷检测",
     "扫描完成，已出具检测报告", True),
    ("lanhe_elec", "yy_appliance", "hengzhun_test", "yy_testing", "电磁兼容测试系统(3m法电波暗室)",
     "小家电整机电磁兼容摸底测试", "测试完成，已出具摸底测试报告", False),
]  # fmt: skip
#: Older voucher-paid bookings whose claims went further: approved with the public notice over ("notice_over"), then
#: settled in an approved ("approved") or a paid ("paid") settlement. Same columns as above, then the stage.
SETTLED_BOOKINGS = [
    ("muchuan_mold", "yy_mold", "yy_polymer", "yy_polymer", "红外光谱定性分析", "模具脱模剂成分鉴定",
     "测试完成，已出具红外光谱报告", "notice_over"),
    ("jingche_optics", "yy_lens", "yy_oe_inst", "yy_oe", "镜头MTF测试", "车载镜头MTF抽检",
     "测试完成，已出具MTF测试报告", "approved"),
    ("chipeng_auto", "yy_auto", "unnc_elec", "unnc_elec", "功率分析仪使用", "电驱控制器效率测试",
     "测试完成，数据已交付", "paid"),
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
        for index, key in enumerate([*PROVIDERS, PENDING_PROVIDER]):
            provider = context.organizations[key]
            if not ProviderRegistration.objects.filter(program=program, provider=provider).exists():
                registration = programs.register_provider(
                    program=program,
                    provider=provider,
                    services="大型仪器共享、检验检测与技术服务，收费标准见仪器页面",
                    bank_name=BANKS[index % len(BANKS)],
                    bank_account=f"3901 0281 {provider.credit_code[-8:-4]} {provider.credit_code[-4:]} {index:03d}",
                    actor=context.users.get(key, admin),
                )
                if key != PENDING_PROVIDER:
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
        for *row, stage in SETTLED_BOOKINGS:
            claim = _voucher_paid_booking(context, program, *row, True, days_back=range(20, 34))
            if claim is not None:
                _advance(context, program, claim, stage)
        for settlement in Settlement.objects.filter(program=program).exclude(status="draft"):
            documents.store_settlement_document(settlement)  # a no-op once stored


def _advance(context, program, claim, stage: str) -> None:
    """Approve the claim as of ten days ago (its 公示 is over) and, for the later stages, settle it and pay."""
    admin = context.users["kjj"]
    claim = claims.approve_claim(claim, actor=admin, note="材料齐全，同意兑付", now=timezone.now() - timedelta(days=10))
    if stage == "notice_over":
        return
    settlement = claims.create_settlement(
        program=program, provider=claim.provider, period_start=claim.period_start, period_end=claim.period_end,
        actor=admin,
    )  # fmt: skip
    settlement = claims.approve_settlement(settlement, actor=admin)
    if stage == "paid":
        claims.mark_settlement_paid(settlement, actor=admin, reference=f"YYCZ-{timezone.localdate():%Y%m%d}-0001")


def _voucher_paid_booking(
    context, program, firm_key, user_key, provider_key, owner_key, instrument_name, purpose, usage_note, claim,
    days_back=range(3, 14),
):  # fmt: skip
    """One completed, voucher-paid booking ``days_back`` days ago (invoiced, so the firm's ledger, invoices and
    statement have data); ``claim``: the provider also claims it (so every later stage has data too), returned."""
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
    for back in days_back:
        day = today - timedelta(days=back)
        window = instrument.opening_hours.filter(weekday=day.weekday()).order_by("start").first()
        if window is None:
            continue
        start = timezone.make_aware(timezone.datetime.combine(day, window.start))
        end = start + timedelta(minutes=max(instrument.min_duration_minutes, 120))
        if not bookings.rules.within_opening_hours(instrument.opening_hours.all(), start, end):
            continue
        try:
            booking = bookings.request_booking(
                actor=user, organization=firm, instrument=instrument, service_item=instrument.service_items.first(),
                start=start, end=end, sample_count=2, purpose=purpose, payment={"use_voucher": True},
                now=start - timedelta(days=instrument.max_advance_days // 2 or 1),
            )  # fmt: skip
        except DomainError:  # the slot is taken by another demo booking, a closure…: try the next day
            continue
        if booking.status == "requested":
            booking = bookings.confirm_booking(booking, actor=owner_user, organization=instrument.owner)
        booking = bookings.start_booking(booking, actor=owner_user, organization=instrument.owner, now=start)
        bookings.complete_booking(booking, actor=owner_user, organization=instrument.owner, now=end,
                                  usage_note=usage_note)  # fmt: skip
        submitted = None
        if claim:
            submitted = claims.submit_claim(
                program=program, provider=instrument.owner, period_start=day, period_end=today,
                invoice_number="3302261130", usage_record=f"{instrument.name}：{usage_note}", actor=owner_user,
            )  # fmt: skip
        context.count("voucher-paid bookings", True)
        return submitted
    return None
