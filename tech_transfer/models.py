"""Technology transfer (技术转移): results (科技成果) with their patents, confidentiality terms, inquiries (意向) with
structured feedback, auctions (浙江拍 style) and technology contracts (技术合同)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.encoders import UnicodeJSONEncoder
from marketplace.models import IndustryChain, Organization, TechField, visible_to_parties
from marketplace.permissions import can_moderate

from .choices import (
    AuctionStatus,
    ContractKind,
    ContractStatus,
    DepositStatus,
    EvaluationGrade,
    EvaluationStatus,
    FeedbackTopic,
    InquiryStatus,
    IpOwnership,
    LegalStatus,
    NoveltyGrade,
    PatentType,
    PaymentMethod,
    ResultStatus,
    TransferMode,
)
from .validators import normalize_patent_number, patent_type_matches, validate_patent_number, validate_proof_file

MONEY = {"max_digits": 13, "decimal_places": 2}


class ResultQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published and transferred results are public; the owner sees all of its own; administrators all; the
        market operator's members also those waiting for their review."""
        if user.is_authenticated and user.is_platform_admin:
            return self
        public = Q(status__in=[ResultStatus.PUBLISHED, ResultStatus.TRANSFERRED])
        if can_moderate(user):
            public |= Q(status=ResultStatus.PENDING_REVIEW)
        if user.is_authenticated:
            public |= Q(owner_id__in=user.organization_ids())
        return self.filter(public)


class Result(models.Model):
    """A transferable research result (科技成果): public summary, details shown only under confidentiality, TRL,
    transfer modes and price (or 面议), moderated before publication."""

    owner = models.ForeignKey(Organization, models.PROTECT, related_name="results", verbose_name=_("成果所有方"))
    title = models.CharField(_("成果名称"), max_length=200)
    abstract = models.TextField(_("公开摘要"))
    confidential_details = models.TextField(_("保密详情"), blank=True)
    confidentiality_terms = models.TextField(
        _("保密条款"), blank=True, default="查看方承诺对保密详情保密，不得用于评估合作以外的用途，不得向第三方披露。"
    )
    keywords = models.JSONField(_("关键词"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    tech_field = models.ForeignKey(TechField, models.PROTECT, verbose_name=_("技术领域"))
    industry_chains = models.ManyToManyField(IndustryChain, blank=True, verbose_name=_("产业链"))
    trl = models.PositiveSmallIntegerField(
        _("技术成熟度(TRL)"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    transfer_modes = models.JSONField(_("转化方式"), default=list, encoder=UnicodeJSONEncoder)
    price = models.DecimalField(_("价格(元)"), **MONEY, null=True, blank=True, help_text=_("留空表示面议"))
    status = models.CharField(_("状态"), max_length=16, choices=ResultStatus.choices, default=ResultStatus.DRAFT)
    review_note = models.TextField(_("审核意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("科技成果")
        verbose_name_plural = _("科技成果")
        indexes = [models.Index(fields=["status", "tech_field"])]
        constraints = [
            models.CheckConstraint(condition=Q(price__isnull=True) | Q(price__gte=0), name="result_price_not_negative"),
            models.CheckConstraint(condition=Q(trl__gte=1) & Q(trl__lte=9), name="result_trl_range"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("frontend:result_detail", args=[self.pk])

    def clean(self):
        unknown = set(self.transfer_modes or []) - set(TransferMode.values)
        if not self.transfer_modes or unknown:
            raise ValidationError({"transfer_modes": _("请选择有效的转化方式。")})
        if not isinstance(self.keywords, list) or not all(isinstance(k, str) for k in self.keywords):
            raise ValidationError({"keywords": _("关键词应为字符串列表。")})
        self.keywords = [k.strip() for k in self.keywords if k.strip()]

    @property
    def negotiable(self) -> bool:
        return self.price is None


class Patent(models.Model):
    """An IP record of a result: Chinese application number (check digit validated), type, legal status, IPC."""

    result = models.ForeignKey(Result, models.CASCADE, related_name="patents")
    number = models.CharField(_("申请号"), max_length=20, validators=[validate_patent_number])
    patent_type = models.CharField(_("专利类型"), max_length=16, choices=PatentType.choices)
    legal_status = models.CharField(_("法律状态"), max_length=16, choices=LegalStatus.choices)
    ipc_codes = models.JSONField(_("IPC分类号"), default=list, blank=True)

    class Meta:
        ordering = ["result_id", "number"]
        verbose_name = _("专利")
        verbose_name_plural = _("专利")
        constraints = [models.UniqueConstraint(fields=["result", "number"], name="patent_unique_per_result")]

    def __str__(self):
        return self.number

    def clean(self):
        self.number = normalize_patent_number(self.number)
        if self.number and self.patent_type and not patent_type_matches(self.number, self.patent_type):
            raise ValidationError({"patent_type": _("申请号第5位与专利类型不符。")})


class ConfidentialityAcceptance(models.Model):
    """An organization's acceptance of a result's confidentiality terms (recorded with user and time); its members
    then see the confidential details."""

    result = models.ForeignKey(Result, models.CASCADE, related_name="acceptances")
    organization = models.ForeignKey(Organization, models.CASCADE, related_name="confidentiality_acceptances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    terms = models.TextField(_("接受的条款"))
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("保密条款接受记录")
        verbose_name_plural = _("保密条款接受记录")
        constraints = [
            models.UniqueConstraint(fields=["result", "organization"], name="acceptance_once_per_organization")
        ]

    def __str__(self):
        return f"{self.organization} · {self.result}"


class InquiryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The inquiring organization, the result's owner and administrators (as the API's inquiry endpoints)."""
        return visible_to_parties(self, user, "organization_id", "result__owner_id")


class Inquiry(models.Model):
    """A firm's expression of interest (意向) in a result, answered by the owner; the firm may leave structured
    feedback the owner sees."""

    result = models.ForeignKey(Result, models.CASCADE, related_name="inquiries")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="inquiries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    message = models.TextField(_("意向说明"))
    status = models.CharField(_("状态"), max_length=16, choices=InquiryStatus.choices, default=InquiryStatus.OPEN)
    reply = models.TextField(_("回复"), blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    feedback_topic = models.CharField(_("反馈类型"), max_length=16, choices=FeedbackTopic.choices, blank=True)
    feedback_comment = models.TextField(_("反馈意见"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("意向")
        verbose_name_plural = _("意向")

    def __str__(self):
        return f"{self.organization} → {self.result}"

    def get_absolute_url(self):
        return reverse("frontend:inquiry_detail", args=[self.pk])


class AuctionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The auctions of the results ``user`` may see (as the API's auction endpoints)."""
        return self.filter(result__in=Result.objects.visible_to(user))


class Auction(models.Model):
    """A result put up for auction (浙江拍 style): starting price, optional deposit, closing time. Bids strictly
    increase; ``current_price`` is the highest bid, kept under the auction's row lock."""

    result = models.OneToOneField(Result, models.PROTECT, related_name="auction")
    starting_price = models.DecimalField(_("起拍价"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    deposit = models.DecimalField(_("保证金"), **MONEY, null=True, blank=True)
    min_increment = models.DecimalField(_("最低加价"), **MONEY, default=Decimal("1000.00"))
    closes_at = models.DateTimeField(_("截止时间"))
    status = models.CharField(_("状态"), max_length=8, choices=AuctionStatus.choices, default=AuctionStatus.OPEN)
    current_price = models.DecimalField(_("当前价"), **MONEY, null=True, blank=True)
    winning_bid = models.OneToOneField("Bid", models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuctionQuerySet.as_manager()

    class Meta:
        ordering = ["closes_at", "id"]
        verbose_name = _("拍卖")
        verbose_name_plural = _("拍卖")
        constraints = [
            models.CheckConstraint(
                condition=Q(current_price__isnull=True) | Q(current_price__gte=F("starting_price")),
                name="auction_price_at_least_start",
            ),
            models.CheckConstraint(
                condition=Q(starting_price__gt=0)
                & Q(min_increment__gt=0)
                & (Q(deposit__isnull=True) | Q(deposit__gt=0)),
                name="auction_amounts_positive",
                violation_error_message=_("起拍价、最低加价和保证金须大于零。"),
            ),
        ]

    def __str__(self):
        return f"{self.result} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("frontend:auction_detail", args=[self.pk])


class Bid(models.Model):
    """One bid. Two bids of an auction never have the same amount (database), and each is higher than every
    earlier one (service, under the auction's lock)."""

    auction = models.ForeignKey(Auction, models.PROTECT, related_name="bids")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="bids")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    amount = models.DecimalField(_("出价"), **MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-amount"]
        verbose_name = _("出价")
        verbose_name_plural = _("出价")
        constraints = [
            models.UniqueConstraint(fields=["auction", "amount"], name="bid_amounts_unique"),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="bid_amount_positive", violation_error_message=_("出价须大于零。")
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.amount}"


class AuctionDepositQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The depositing organization and the market's moderators (who confirm and refund deposits); the result's
        owner does not learn who is bidding from deposits."""
        if can_moderate(user):
            return self
        return visible_to_parties(self, user, "organization_id")


class AuctionDeposit(models.Model):
    """A bidder's deposit (竞拍保证金) for an auction that asks for one, paid offline: the amount and the proof of
    payment, confirmed by the market operator; at the close the winner's is applied to the price and every other
    one is refunded (``refund_reference`` records the refund). One per bidding organization and auction."""

    auction = models.ForeignKey(Auction, models.PROTECT, related_name="deposits")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="auction_deposits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    amount = models.DecimalField(_("保证金金额"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    proof = models.FileField(
        _("缴纳凭证"),
        upload_to="auction-deposits/",
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"]), validate_proof_file],
    )
    status = models.CharField(_("状态"), max_length=16, choices=DepositStatus.choices, default=DepositStatus.SUBMITTED)
    review_note = models.TextField(_("审核意见"), max_length=2000, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("确认人")
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    refund_reference = models.CharField(_("退款凭证号"), max_length=64, blank=True)
    refunded_at = models.DateTimeField(_("退还时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuctionDepositQuerySet.as_manager()

    class Meta:
        ordering = ["auction_id", "created_at", "id"]
        verbose_name = _("竞拍保证金")
        verbose_name_plural = _("竞拍保证金")
        constraints = [
            models.UniqueConstraint(fields=["auction", "organization"], name="deposit_once_per_bidder"),
            models.CheckConstraint(
                condition=~Q(status="refunded") | Q(refunded_at__isnull=False),
                name="deposit_refunded_has_time",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="deposit_amount_positive", violation_error_message=_("保证金须大于零。")
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.auction} · {self.amount}"


class ContractQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The two parties and administrators."""
        return visible_to_parties(self, user, "seller_id", "buyer_id")


class TechContract(models.Model):
    """A technology contract (技术合同) of one of the five registered kinds, between the party providing the
    technology (seller: 受托方/让与方/许可方) and the party acquiring it (buyer: 委托方/受让方/被许可方). It links back
    to the result, auction, inquiry or demand it came from (service and consulting contracts may also be drafted
    directly between two parties); registration (技术合同登记) gives it a number."""

    kind = models.CharField(_("合同类型"), max_length=16, choices=ContractKind.choices)
    title = models.CharField(_("合同名称"), max_length=200)
    seller = models.ForeignKey(Organization, models.PROTECT, related_name="contracts_as_seller")
    buyer = models.ForeignKey(Organization, models.PROTECT, related_name="contracts_as_buyer")
    amount = models.DecimalField(_("合同金额"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    signed_on = models.DateField(_("签订日期"), null=True, blank=True)
    # Each side signs for itself (双方签署); the contract is signed only once both have.
    seller_signed_at = models.DateTimeField(_("提供方签署时间"), null=True, blank=True)
    seller_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提供方签署人"),
    )
    buyer_signed_at = models.DateTimeField(_("需求方签署时间"), null=True, blank=True)
    buyer_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("需求方签署人"),
    )
    registration_number = models.CharField(_("登记编号"), max_length=40, null=True, blank=True, unique=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(_("付款时间"), null=True, blank=True)
    payment_reference = models.CharField(_("付款凭证号"), max_length=64, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ContractStatus.choices, default=ContractStatus.DRAFT)
    result = models.ForeignKey(Result, models.PROTECT, null=True, blank=True, related_name="contracts")
    demand = models.ForeignKey("demands.Demand", models.PROTECT, null=True, blank=True, related_name="contracts")
    proposal = models.OneToOneField("demands.Proposal", models.PROTECT, null=True, blank=True, related_name="contract")
    auction = models.OneToOneField(Auction, models.PROTECT, null=True, blank=True, related_name="contract")
    inquiry = models.OneToOneField(Inquiry, models.PROTECT, null=True, blank=True, related_name="contract")
    # What the registration office (技术合同认定登记机构) reads besides the parties and the price: the technical
    # content, who owns the IP, how the price is paid, and the non-technical parts of the price (deducted from the
    # technology-transaction amount, see ``tech_transfer.registration``). Fixed once the contract is signed.
    technical_content = models.TextField(_("技术内容"), max_length=5000, blank=True)
    ip_ownership = models.CharField(_("知识产权归属"), max_length=16, choices=IpOwnership.choices, blank=True)
    payment_method = models.CharField(_("价款支付方式"), max_length=16, choices=PaymentMethod.choices, blank=True)
    equipment_amount = models.DecimalField(_("设备、仪器费"), **MONEY, default=Decimal("0.00"))
    materials_amount = models.DecimalField(_("材料、零部件费"), **MONEY, default=Decimal("0.00"))
    other_non_technical_amount = models.DecimalField(_("其他非技术性费用"), **MONEY, default=Decimal("0.00"))
    subcontract_amount = models.DecimalField(
        _("转委托第三方费用"), **MONEY, default=Decimal("0.00"), help_text=_("支付给第三方的研究开发或服务费用")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("技术合同")
        verbose_name_plural = _("技术合同")
        constraints = [
            models.CheckConstraint(condition=~Q(seller=F("buyer")), name="contract_two_parties"),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="contract_amount_not_negative",
                violation_error_message=_("合同金额不能为负数。"),
            ),
            models.CheckConstraint(
                condition=~Q(status="registered") | Q(registration_number__isnull=False),
                name="contract_registered_has_number",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(seller_signed_at__isnull=False, buyer_signed_at__isnull=False),
                name="contract_signed_by_both_parties",
                violation_error_message=_("合同须经双方签署。"),
            ),
            models.CheckConstraint(
                condition=Q(equipment_amount__gte=0)
                & Q(materials_amount__gte=0)
                & Q(other_non_technical_amount__gte=0)
                & Q(subcontract_amount__gte=0)
                & Q(
                    amount__gte=F("equipment_amount")
                    + F("materials_amount")
                    + F("other_non_technical_amount")
                    + F("subcontract_amount")
                ),
                name="contract_deductions_within_amount",
                violation_error_message=_("非技术性费用和转委托费用不能为负数，合计不能超过合同金额。"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("frontend:contract_detail", args=[self.pk])

    def side_of(self, organization) -> str | None:
        """``"seller"``, ``"buyer"`` or None: which side ``organization`` signs for."""
        if organization is None:
            return None
        return {self.seller_id: "seller", self.buyer_id: "buyer"}.get(organization.pk)

    def signed_by_side(self, side: str) -> bool:
        return getattr(self, f"{side}_signed_at") is not None


# --- result evaluation (科技成果评价) ------------------------------------------------------------------------------


class EvaluationBody(models.Model):
    """An organization registered by the market operator as an evaluation body (科技成果评价机构): it may receive
    evaluation requests, name experts and issue reports. Revoking sets ``active`` off (issued reports stay)."""

    organization = models.OneToOneField(
        Organization, models.PROTECT, related_name="evaluation_body", verbose_name=_("评价机构")
    )
    scope = models.TextField(_("评价业务范围"), max_length=2000, blank=True)
    active = models.BooleanField(_("有效"), default=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("登记人"))
    granted_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["organization__name"]
        verbose_name = _("科技成果评价机构")
        verbose_name_plural = _("科技成果评价机构")

    def __str__(self):
        return str(self.organization)


class EvaluationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The result's owner, the evaluation body and administrators see every request; everyone sees the issued
        reports of results they may see (the report is shown on the result's public page)."""
        parties = visible_to_parties(self, user, "result__owner_id", "body__organization_id")
        public = self.filter(status=EvaluationStatus.ISSUED, result__in=Result.objects.visible_to(user))
        return self.filter(Q(pk__in=parties.values("pk")) | Q(pk__in=public.values("pk")))


class ResultEvaluation(models.Model):
    """An evaluation (科技成果评价) of a result, asked by its owner of an evaluation body: named experts score it on
    the GB/T 44731-2024 dimensions (weights kept as data, ``tech_transfer/data/evaluation.json``), give the
    maturity level (TRL, GB/T 22900-2022), novelty and advancement grades and a conclusion. Issuing numbers it
    (gap-free per year), freezes a snapshot and renders the report PDF once; an issued evaluation never changes."""

    result = models.ForeignKey(Result, models.PROTECT, related_name="evaluations", verbose_name=_("科技成果"))
    body = models.ForeignKey(EvaluationBody, models.PROTECT, related_name="evaluations", verbose_name=_("评价机构"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    purpose = models.TextField(_("评价目的"), max_length=2000, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=EvaluationStatus.choices, default=EvaluationStatus.REQUESTED
    )
    decline_reason = models.TextField(_("未受理原因"), max_length=2000, blank=True)
    scores = models.JSONField(_("各维度评分"), default=dict, blank=True, encoder=UnicodeJSONEncoder)
    total_score = models.DecimalField(_("综合得分"), max_digits=5, decimal_places=2, null=True, blank=True)
    trl = models.PositiveSmallIntegerField(
        _("技术成熟度(TRL)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    novelty = models.CharField(_("创新性"), max_length=24, choices=NoveltyGrade.choices, blank=True)
    grade = models.CharField(_("先进性"), max_length=24, choices=EvaluationGrade.choices, blank=True)
    conclusion = models.TextField(_("评价结论"), max_length=5000, blank=True)
    number = models.CharField(_("报告编号"), max_length=40, null=True, blank=True, unique=True)
    issued_at = models.DateTimeField(_("出具时间"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("签发人")
    )
    snapshot = models.JSONField(_("报告快照"), null=True, blank=True, encoder=UnicodeJSONEncoder)
    #: The report PDF as rendered once from the snapshot; downloads serve these bytes.
    document = models.FileField(_("评价报告文件"), upload_to="documents/evaluations/", blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("科技成果评价")
        verbose_name_plural = _("科技成果评价")
        constraints = [
            models.UniqueConstraint(
                fields=["result", "body"],
                condition=Q(status__in=["requested", "accepted", "in_review"]),
                name="evaluation_one_live_per_body",
                violation_error_message=_("该评价机构已在处理本成果的评价申请。"),
            ),
            models.CheckConstraint(
                condition=~Q(status="issued")
                | (
                    Q(number__isnull=False)
                    & Q(snapshot__isnull=False)
                    & Q(issued_at__isnull=False)
                    & Q(trl__isnull=False)
                    & ~Q(grade="")
                ),
                name="evaluation_issued_is_complete",
            ),
            models.CheckConstraint(
                condition=Q(trl__isnull=True) | (Q(trl__gte=1) & Q(trl__lte=9)), name="evaluation_trl_range"
            ),
        ]
        indexes = [models.Index(fields=["result", "status"])]

    def __str__(self):
        return self.number or f"{self.result} · {self.body} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        """An issued evaluation is a numbered record printed from its snapshot: it is never saved again (its report
        file is stored once by a conditional UPDATE, ``vouchers.services.documents``)."""
        if getattr(self, "_issued_in_db", False):
            raise ValidationError(_("评价报告已出具，不能修改。"))
        super().save(*args, **kwargs)
        self._issued_in_db = self.status == EvaluationStatus.ISSUED

    def get_absolute_url(self):
        return reverse("frontend:evaluation_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if getattr(self, "_issued_in_db", False) or self.status == EvaluationStatus.ISSUED:
            raise ValidationError(_("评价报告已出具，不能删除。"))
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._issued_in_db = instance.__dict__.get("status") == EvaluationStatus.ISSUED
        return instance


class EvaluationExpert(models.Model):
    """An expert the evaluation body names for an evaluation (评价专家): name, title, organization, field. An expert
    of the result's owning institute is refused (回避: conflict of interest) — here and in the service."""

    evaluation = models.ForeignKey(ResultEvaluation, models.CASCADE, related_name="experts")
    name = models.CharField(_("姓名"), max_length=64)
    title = models.CharField(_("职称"), max_length=64)
    affiliation = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在机构（平台机构）"),
    )
    affiliation_name = models.CharField(_("工作单位"), max_length=200)
    field = models.CharField(_("专业领域"), max_length=100)
    is_chair = models.BooleanField(_("专家组组长"), default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evaluation_id", "-is_chair", "id"]
        verbose_name = _("评价专家")
        verbose_name_plural = _("评价专家")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "name", "affiliation_name"],
                name="expert_once_per_evaluation",
                violation_error_message=_("该专家已在本次评价的专家组中。"),
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.affiliation_name}）"

    def clean(self):
        result = self.evaluation.result if self.evaluation_id else None
        if result is not None and conflicts_with_owner(self.affiliation_id, self.affiliation_name, result.owner):
            raise ValidationError(
                {"affiliation_name": _("专家来自成果所有方“%(owner)s”，须回避。") % {"owner": result.owner.name}}
            )


def conflicts_with_owner(affiliation_id, affiliation_name: str, owner) -> bool:
    """Whether an expert of ``affiliation`` (a platform organization and/or a written name) works for ``owner``:
    the same organization, or the owner's name written out (ignoring spaces and case)."""
    if affiliation_id is not None and affiliation_id == owner.pk:
        return True

    def norm(text):
        return "".join((text or "").split()).casefold()

    return bool(affiliation_name) and norm(affiliation_name) == norm(owner.name)
