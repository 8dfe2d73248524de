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
    FeedbackTopic,
    InquiryStatus,
    LegalStatus,
    PatentType,
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
