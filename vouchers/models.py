"""Innovation vouchers (创新券): programmes, provider registration, grants, the immutable ledger with its holds,
claims with public notice (公示), settlements with numbered PDF statements, and invoices to firms.

Balances are derived from ledger entries. Each grant also carries running totals (available / held / redeemed) that
every ledger write updates in the same transaction under the grant's row lock; check constraints on them make the
database refuse any movement that would take a balance below zero, and ``manage.py vouchers_check`` re-derives them
from the ledger.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.encoders import UnicodeJSONEncoder
from marketplace.models import ImmutableModel, Organization, Region

from .choices import (
    ClaimStatus,
    EntryKind,
    GrantStatus,
    HoldStatus,
    InvoiceKind,
    RegistrationStatus,
    ServiceKind,
    SettlementStatus,
)
from .permissions import administered_issuer_ids

MONEY = {"max_digits": 13, "decimal_places": 2}
ZERO = Decimal("0.00")


class VoucherProgramQuerySet(models.QuerySet):
    def administered_by(self, user):
        """The programmes ``user`` administers (``vouchers.permissions``): all for platform administrators, its
        authorities' for an authority's members, none for anyone else."""
        ids = administered_issuer_ids(user)
        return self if ids is None else self.filter(issuer_id__in=ids)


class ProgramScopedQuerySet(models.QuerySet):
    """Rows that belong to a programme (grants, registrations, claims, settlements). ``administered_by`` keeps the
    rows of the programmes the user administers; ``visible_to`` adds the rows in which one of the user's
    organizations is the party (``party_field``), and ``public`` rows (approved registrations) for everyone."""

    party_field = ""
    public = None  # a Q of the rows everyone may see

    def administered_by(self, user):
        ids = administered_issuer_ids(user)
        return self if ids is None else self.filter(program__issuer_id__in=ids)

    def visible_to(self, user):
        if user is None or not user.is_authenticated:
            return self.filter(self.public) if self.public is not None else self.none()
        ids = administered_issuer_ids(user)
        if ids is None:
            return self
        condition = Q(program__issuer_id__in=ids) | Q(**{f"{self.party_field}__in": ids})
        if self.public is not None:
            condition |= self.public
        return self.filter(condition)


class RegistrationQuerySet(ProgramScopedQuerySet):
    party_field = "provider_id"
    public = Q(status="approved")


class GrantQuerySet(ProgramScopedQuerySet):
    party_field = "firm_id"


class ClaimQuerySet(ProgramScopedQuerySet):
    party_field = "provider_id"


class SettlementQuerySet(ProgramScopedQuerySet):
    party_field = "provider_id"


class VoucherProgram(models.Model):
    """A voucher scheme of one year: budget, coverage ratio, per-firm cap, what it pays for, when, and which
    providers' regions it accepts (长三角 通用通兑 = the Yangtze-delta provinces)."""

    issuer = models.ForeignKey(
        Organization, models.PROTECT, related_name="voucher_programs", verbose_name=_("发放单位")
    )
    name = models.CharField(_("名称"), max_length=128)
    year = models.PositiveSmallIntegerField(_("年度"))
    total_budget = models.DecimalField(_("总预算"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    granted_total = models.DecimalField(_("已发放"), **MONEY, default=ZERO, editable=False)
    coverage_ratio = models.DecimalField(
        _("补贴比例"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text=_("例如 0.500 表示最多补贴符合条件的服务价格的一半"),
    )
    per_firm_cap = models.DecimalField(_("单个企业年度上限"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    service_kinds = models.JSONField(_("适用服务类型"), default=list, encoder=UnicodeJSONEncoder)
    valid_from = models.DateField(_("生效日期"))
    valid_until = models.DateField(_("截止日期"))
    accepted_regions = models.ManyToManyField(Region, verbose_name=_("认可服务机构所在地区"), blank=True)
    publicity_days = models.PositiveSmallIntegerField(_("公示天数"), default=7)
    number_prefix = models.CharField(_("结算单编号前缀"), max_length=16, default="YYKJ-JS")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VoucherProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("创新券项目")
        verbose_name_plural = _("创新券项目")
        constraints = [
            models.CheckConstraint(
                condition=Q(granted_total__gte=0) & Q(granted_total__lte=F("total_budget")),
                name="program_granted_within_budget",
                violation_error_message=_("发放总额超出项目预算。"),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__lte=F("valid_until")),
                name="program_valid_window",
                violation_error_message=_("生效日期应早于截止日期。"),
            ),
            models.CheckConstraint(
                condition=Q(total_budget__gt=0) & Q(per_firm_cap__gt=0),
                name="program_amounts_positive",
                violation_error_message=_("总预算和单个企业上限须大于零。"),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        unknown = set(self.service_kinds or []) - set(ServiceKind.values)
        if not self.service_kinds or unknown:
            raise ValidationError({"service_kinds": _("请选择有效的服务类型。")})

    def accepts_region(self, region: Region) -> bool:
        accepted = {r.code for r in self.accepted_regions.all()}
        return not accepted or bool(accepted & set(region.ancestor_codes()))


class ProviderRegistration(models.Model):
    """A service provider's registration (备案) for a programme: only approved, verified providers redeem vouchers."""

    program = models.ForeignKey(VoucherProgram, models.CASCADE, related_name="providers")
    provider = models.ForeignKey(Organization, models.PROTECT, related_name="voucher_registrations")
    services = models.TextField(_("服务内容与收费标准"))
    #: The payee's bank details (收款账户), printed on every settlement statement (结算单) of this programme.
    bank_name = models.CharField(_("开户银行"), max_length=128, blank=True)
    bank_account = models.CharField(_("银行账号"), max_length=64, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=RegistrationStatus.choices, default="pending")
    review_note = models.TextField(_("审核意见"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["program_id", "provider_id"]
        verbose_name = _("服务机构备案")
        verbose_name_plural = _("服务机构备案")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "provider"],
                name="registration_unique",
                violation_error_message=_("已提交过本项目的备案。"),
            )
        ]

    def __str__(self):
        return f"{self.provider} @ {self.program}"

    def get_absolute_url(self):
        return reverse("frontend:voucher_provider") + f"#program-{self.program_id}"


class VoucherGrant(models.Model):
    """A firm's voucher for one programme: applied for, then approved by an administrator for an amount within the
    per-firm cap and the programme's remaining budget. ``available``/``held``/``redeemed`` are the ledger's running
    totals (see the module docstring)."""

    program = models.ForeignKey(VoucherProgram, models.PROTECT, related_name="grants")
    firm = models.ForeignKey(Organization, models.PROTECT, related_name="voucher_grants")
    requested_amount = models.DecimalField(_("申请额度"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    purpose = models.TextField(_("用途说明"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=GrantStatus.choices, default="applied")
    amount = models.DecimalField(_("核定额度"), **MONEY, default=ZERO)
    cap = models.DecimalField(_("核定时的企业上限"), **MONEY, default=ZERO, editable=False)
    available = models.DecimalField(_("可用"), **MONEY, default=ZERO, editable=False)
    held = models.DecimalField(_("冻结"), **MONEY, default=ZERO, editable=False)
    redeemed = models.DecimalField(_("已兑用"), **MONEY, default=ZERO, editable=False)
    review_note = models.TextField(_("审核意见"), blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("创新券")
        verbose_name_plural = _("创新券")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "firm"],
                condition=~Q(status="rejected"),
                name="grant_one_per_firm_and_program",
                violation_error_message=_("该企业已申请本项目创新券。"),
            ),
            models.CheckConstraint(
                condition=Q(available__gte=0) & Q(held__gte=0) & Q(redeemed__gte=0),
                name="grant_balances_not_negative",
                violation_error_message=_("创新券余额不足。"),
            ),
            models.CheckConstraint(
                condition=Q(amount__lte=F("cap")) | Q(status="applied") | Q(status="rejected"),
                name="grant_within_firm_cap",
            ),
        ]

    def __str__(self):
        return f"{self.firm} · {self.program}"

    def get_absolute_url(self):
        return reverse("frontend:vouchers") + f"#grant-{self.pk}"


class VoucherHold(models.Model):
    """Voucher money set aside for one booking or technology contract until it is redeemed or released — exactly
    once."""

    grant = models.ForeignKey(VoucherGrant, models.PROTECT, related_name="holds")
    booking = models.OneToOneField(
        "instruments.Booking", models.PROTECT, null=True, blank=True, related_name="voucher_hold"
    )
    contract = models.OneToOneField(
        "tech_transfer.TechContract", models.PROTECT, null=True, blank=True, related_name="voucher_hold"
    )
    provider = models.ForeignKey(Organization, models.PROTECT, related_name="+")
    amount = models.DecimalField(_("冻结金额"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    redeemed_amount = models.DecimalField(_("兑用金额"), **MONEY, default=ZERO)
    status = models.CharField(_("状态"), max_length=16, choices=HoldStatus.choices, default="open")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("创新券冻结")
        verbose_name_plural = _("创新券冻结")
        constraints = [
            models.CheckConstraint(
                condition=Q(redeemed_amount__gte=0) & Q(redeemed_amount__lte=F("amount")),
                name="hold_redeemed_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(booking__isnull=True) | Q(contract__isnull=True), name="hold_for_one_thing"
            ),
        ]

    def __str__(self):
        return f"{self.grant} {self.amount} ({self.status})"


class LedgerEntry(ImmutableModel):
    """One movement of voucher money (发放/冻结/解冻/兑用/过期/冲正). Never updated or deleted: a correction is a new
    entry. A hold has at most one entry of each kind, so it is held, released and redeemed at most once."""

    grant = models.ForeignKey(VoucherGrant, models.PROTECT, related_name="entries")
    kind = models.CharField(_("类型"), max_length=16, choices=EntryKind.choices)
    amount = models.DecimalField(_("金额"), **MONEY)
    hold = models.ForeignKey(VoucherHold, models.PROTECT, null=True, blank=True, related_name="entries")
    reverses = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="reversed_by", verbose_name=_("冲正的兑用")
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("创新券流水")
        verbose_name_plural = _("创新券流水")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_amount_positive"),
            models.UniqueConstraint(
                fields=["hold", "kind"], condition=Q(hold__isnull=False), name="ledger_once_per_hold_and_kind"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"


class Claim(models.Model):
    """A provider's claim (兑付申请) for the voucher amounts redeemed with it in a period, with evidence.

    Approved claims are on public notice (公示) until ``publicity_ends``; only then can they be settled."""

    program = models.ForeignKey(VoucherProgram, models.PROTECT, related_name="claims")
    provider = models.ForeignKey(Organization, models.PROTECT, related_name="voucher_claims")
    period_start = models.DateField(_("期间开始"))
    period_end = models.DateField(_("期间结束"))
    amount = models.DecimalField(_("申请兑付金额"), **MONEY, default=ZERO)
    invoice_number = models.CharField(_("发票号码"), max_length=64)
    usage_record = models.TextField(_("服务记录/合同说明"))
    payment_proof = models.FileField(
        _("付款凭证"),
        upload_to="claims/",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"])],
    )
    status = models.CharField(_("状态"), max_length=16, choices=ClaimStatus.choices, default="submitted")
    review_note = models.TextField(_("审核意见"), blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    publicity_ends = models.DateTimeField(_("公示截止"), null=True, blank=True)
    settlement = models.ForeignKey(
        "Settlement", models.PROTECT, null=True, blank=True, related_name="claims", verbose_name=_("结算单")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("兑付申请")
        verbose_name_plural = _("兑付申请")
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=F("period_end")), name="claim_period_order"),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="claim_amount_not_negative",
                violation_error_message=_("兑付金额不能为负数。"),
            ),
        ]

    def __str__(self):
        return f"{self.provider} {self.period_start}–{self.period_end}"

    def get_absolute_url(self):
        return reverse("frontend:voucher_provider") + f"#claim-{self.pk}"


class ClaimLine(models.Model):
    """One redemption inside a claim. A redemption belongs to at most one live claim (unique), so it can never be
    paid twice; rejecting a claim removes its lines so the redemptions can be claimed again."""

    claim = models.ForeignKey(Claim, models.CASCADE, related_name="lines")
    redemption = models.OneToOneField(LedgerEntry, models.PROTECT, related_name="claim_line")
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="claim_line_amount_positive",
                violation_error_message=_("兑付明细金额须大于零。"),
            )
        ]

    def __str__(self):
        return f"{self.claim_id}: {self.amount}"


class Settlement(models.Model):
    """A batch of settleable claims of one provider and period (兑付结算): draft → approved (numbered, snapshotted)
    → paid. What was approved is printed from the snapshot and never changes."""

    program = models.ForeignKey(VoucherProgram, models.PROTECT, related_name="settlements")
    provider = models.ForeignKey(Organization, models.PROTECT, related_name="voucher_settlements")
    period_start = models.DateField(_("期间开始"))
    period_end = models.DateField(_("期间结束"))
    status = models.CharField(_("状态"), max_length=16, choices=SettlementStatus.choices, default="draft")
    number = models.CharField(_("编号"), max_length=40, null=True, blank=True, unique=True)
    total = models.DecimalField(_("结算金额"), **MONEY, default=ZERO)
    snapshot = models.JSONField(_("结算单快照"), null=True, blank=True, encoder=UnicodeJSONEncoder)
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    payment_reference = models.CharField(_("付款凭证号"), max_length=64, blank=True)
    #: The statement PDF as rendered from the snapshot (on approval, again once paid); downloads serve these bytes.
    document = models.FileField(_("结算单文件"), upload_to="documents/settlements/", blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SettlementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("兑付结算单")
        verbose_name_plural = _("兑付结算单")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(number__isnull=False) & Q(snapshot__isnull=False)),
                name="settlement_approved_is_numbered",
            )
        ]

    def __str__(self):
        return self.number or f"{self.provider} {self.period_start}–{self.period_end} (draft)"

    def get_absolute_url(self):
        return reverse("frontend:voucher_provider") + f"#settlement-{self.pk}"


class DocumentCounter(models.Model):
    """Gap-free yearly numbering (pretix style): the next number is taken under this row's lock in the transaction
    that issues the document, so a rolled-back issue leaves no gap."""

    scope = models.CharField(max_length=64)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "year"], name="counter_unique_scope_year")]

    def __str__(self):
        return f"{self.scope}/{self.year}: {self.last}"


class Invoice(ImmutableModel):
    """A numbered charge confirmation (收费确认单 / 服务费用确认单) from a provider to a firm for a completed booking or
    a paid contract (total, voucher-paid part, fees, amount owed), printed from its snapshot. The platform cannot
    issue a fapiao (发票): the provider's real fapiao number is recorded in ``fapiao_number`` where there is one.
    Never edited or deleted: a credit note (红字冲销) cancels it. ``document`` is the PDF rendered once from the
    snapshot; it is written once (see ``vouchers.services.documents``) and is not part of the record's content."""

    number = models.CharField(_("编号"), max_length=40, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=InvoiceKind.choices, default="invoice")
    provider = models.ForeignKey(Organization, models.PROTECT, related_name="invoices_issued")
    customer = models.ForeignKey(Organization, models.PROTECT, related_name="invoices_received")
    booking = models.ForeignKey("instruments.Booking", models.PROTECT, null=True, blank=True, related_name="invoices")
    contract = models.ForeignKey(
        "tech_transfer.TechContract", models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    cancels = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="cancelled_by", verbose_name=_("冲销的确认单")
    )
    issued_at = models.DateTimeField(_("开具时间"), auto_now_add=True)
    total = models.DecimalField(_("金额"), **MONEY)
    fees = models.DecimalField(_("违约金/爽约费"), **MONEY)
    voucher_paid = models.DecimalField(_("创新券抵扣"), **MONEY)
    amount_owed = models.DecimalField(_("应付金额"), **MONEY)
    snapshot = models.JSONField(_("快照"), encoder=UnicodeJSONEncoder)
    fapiao_number = models.CharField(
        _("发票号码"), max_length=64, blank=True, help_text=_("服务机构另行开具的税务发票号码（如有）")
    )
    document = models.FileField(_("确认单文件"), upload_to="documents/invoices/", blank=True, editable=False)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("收费确认单")
        verbose_name_plural = _("收费确认单")
        constraints = [
            models.UniqueConstraint(
                fields=["booking"],
                condition=Q(kind="invoice"),
                name="invoice_one_per_booking",
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("frontend:invoice_detail", args=[self.pk])
