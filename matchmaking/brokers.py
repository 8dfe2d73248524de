"""Technology brokers (技术经理人, seed clause 18): a broker's certified profile, the deals a broker is assigned to
(a demand, an inquiry, an auction or a contract), the broker's notes, suggestions to the firm, meetings, the
commission terms on a contract and the parties' ratings.

One visibility rule (``BrokerAssignmentQuerySet.visible_to`` and ``BrokerAssignment.firm_hidden_from``) decides who
sees an assignment and whether an anonymous firm's identity is shown; the API and the pages both use it. The models
are imported by ``matchmaking.models`` (the app's models module).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.encoders import UnicodeJSONEncoder
from marketplace.models import IndustryChain, Organization, Region, TechField
from marketplace.money import money, percent_of
from marketplace.permissions import can_moderate

from .choices import (
    LIVE_ASSIGNMENTS,
    AssignmentStatus,
    BrokerLevel,
    BrokerStatus,
    CommissionKind,
    CommissionPayer,
    DealKind,
)

MONEY = {"max_digits": 13, "decimal_places": 2}
SIGNED_CONTRACT = ("signed", "registered")  # tech_transfer.choices.ContractStatus values of a signed contract


def _scalar(queryset, group, aggregate, output_field):
    """One aggregate of ``queryset`` (already narrowed to the outer row) as a subquery."""
    rows = queryset.order_by().values(group).annotate(v=aggregate).values("v")[:1]
    return models.Subquery(rows, output_field=output_field)


class BrokerProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Verified profiles are public; a pending or rejected one is seen by its broker and the moderators."""
        if can_moderate(user):
            return self
        public = Q(status=BrokerStatus.VERIFIED)
        if user is not None and user.is_authenticated:
            public |= Q(user=user)
        return self.filter(public)

    def with_track_record(self):
        """Annotate each profile with its track record (业绩): ``deals_assisted`` (assignments worked on),
        ``contracts_signed`` and ``turnover`` (the signed contracts' amounts), ``rating_avg`` and ``rating_count``.
        Subqueries, so the numbers do not multiply each other and the list stays one query."""
        worked = BrokerAssignment.objects.filter(broker=models.OuterRef("pk"), status__in=WORKED)
        signed = worked.filter(contract__status__in=SIGNED_CONTRACT)
        ratings = BrokerRating.objects.filter(assignment__broker=models.OuterRef("pk"))
        amount = models.DecimalField(**MONEY)
        return self.annotate(
            deals_assisted=Coalesce(_scalar(worked, "broker", models.Count("pk"), models.IntegerField()), 0),
            contracts_signed=Coalesce(_scalar(signed, "broker", models.Count("pk"), models.IntegerField()), 0),
            turnover=Coalesce(
                _scalar(signed, "broker", models.Sum("contract__amount"), amount), Decimal("0.00"), output_field=amount
            ),
            rating_avg=_scalar(ratings, "assignment__broker", models.Avg("score"), models.FloatField()),
            rating_count=Coalesce(_scalar(ratings, "assignment__broker", models.Count("pk"), models.IntegerField()), 0),
        )


class BrokerProfile(models.Model):
    """A technology broker (技术经理人): a person working for a service provider (技术转移机构) or an institute's
    transfer office, with a certificate (level, number, issuer, expiry), the fields, industry chains and regions
    they cover, languages and a short biography. The market operator verifies the certificate (认证) before the
    profile is public and the broker can be assigned."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="broker_profile", verbose_name=_("用户")
    )
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="brokers", verbose_name=_("所属机构"))
    level = models.CharField(_("证书等级"), max_length=16, choices=BrokerLevel.choices)
    certificate_number = models.CharField(
        _("证书编号"), max_length=40, unique=True, error_messages={"unique": _("该证书编号已登记。")}
    )
    certificate_issuer = models.CharField(_("发证机构"), max_length=100)
    certificate_expires = models.DateField(_("证书有效期至"))
    tech_fields = models.ManyToManyField(TechField, blank=True, related_name="+", verbose_name=_("技术领域"))
    industry_chains = models.ManyToManyField(IndustryChain, blank=True, related_name="+", verbose_name=_("产业链"))
    regions = models.ManyToManyField(Region, blank=True, related_name="+", verbose_name=_("服务地区"))
    languages = models.JSONField(_("工作语言"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    bio = models.TextField(_("个人简介"), max_length=2000, blank=True)
    status = models.CharField(_("认证状态"), max_length=16, choices=BrokerStatus.choices, default=BrokerStatus.PENDING)
    review_note = models.TextField(_("审核意见"), max_length=2000, blank=True)
    verified_at = models.DateTimeField(_("认证时间"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BrokerProfileQuerySet.as_manager()

    class Meta:
        ordering = ["-verified_at", "-id"]
        verbose_name = _("技术经理人")
        verbose_name_plural = _("技术经理人")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(verified_at__isnull=False),
                name="broker_verified_has_time",
                violation_error_message=_("已认证的技术经理人须记录认证时间。"),
            ),
        ]

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("frontend:broker_detail", args=[self.pk])

    def clean(self):
        if not isinstance(self.languages, list) or not all(isinstance(x, str) for x in self.languages):
            raise ValidationError({"languages": _("工作语言应为字符串列表。")})
        self.languages = [x.strip() for x in self.languages if x.strip()][:10]
        if any(len(x) > 20 for x in self.languages):
            raise ValidationError({"languages": _("每种语言不超过20个字符。")})
        self.certificate_number = (self.certificate_number or "").strip().upper()

    @property
    def certificate_valid(self) -> bool:
        return self.certificate_expires is not None and self.certificate_expires >= timezone.localdate()

    @property
    def assignable(self) -> bool:
        """Verified and holding a current certificate: the broker can be assigned to deals."""
        return self.status == BrokerStatus.VERIFIED and self.certificate_valid


WORKED = (AssignmentStatus.ACCEPTED, AssignmentStatus.CLOSED)


class BrokerAssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """THE visibility rule of broker assignments, for the API and the pages alike: the assigned broker, the
        members of the deal's parties (a demand's firm; an inquiry's firm and the result's owner; an auction's
        owner; a contract's two sides), the organization that made the assignment, and the moderators (platform
        administrators and the market operator)."""
        if user is None or not user.is_authenticated:
            return self.none()
        if can_moderate(user):
            return self
        ids = user.organization_ids()
        return self.filter(
            Q(broker__user=user)
            | Q(assigned_by_organization_id__in=ids)
            | Q(demand__firm_id__in=ids)
            | Q(inquiry__organization_id__in=ids)
            | Q(inquiry__result__owner_id__in=ids)
            | Q(auction__result__owner_id__in=ids)
            | Q(contract__seller_id__in=ids)
            | Q(contract__buyer_id__in=ids)
        )

    def with_deal(self):
        return self.select_related(
            "broker__user",
            "broker__organization",
            "assigned_by_organization",
            "demand__firm",
            "inquiry__organization",
            "inquiry__result__owner",
            "auction__result__owner",
            "contract__seller",
            "contract__buyer",
            "contract__demand",
        )


def _live_once(field):
    return models.UniqueConstraint(
        fields=["broker", field],
        condition=Q(status__in=LIVE_ASSIGNMENTS),
        name=f"broker_assignment_live_{field}",
        violation_error_message=_("该技术经理人已受托服务此项目。"),
    )


class BrokerAssignment(models.Model):
    """A broker assigned to one deal (经纪委托) — a demand, an inquiry, an auction or a contract (exactly one is set,
    database) — by one of the deal's parties or by the market operator. The broker accepts or declines; while
    serving, the broker sees what the parties see of the deal, writes notes, suggests institutes or results to
    the firm and schedules meetings. On a contract the commission terms (佣金) are recorded. An anonymous firm's
    identity stays hidden from the broker unless the firm gives its consent on this assignment."""

    broker = models.ForeignKey(BrokerProfile, models.PROTECT, related_name="assignments", verbose_name=_("技术经理人"))
    demand = models.ForeignKey(
        "demands.Demand",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="broker_assignments",
        verbose_name=_("企业需求"),
    )
    inquiry = models.ForeignKey(
        "tech_transfer.Inquiry",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="broker_assignments",
        verbose_name=_("成果意向"),
    )
    auction = models.ForeignKey(
        "tech_transfer.Auction",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="broker_assignments",
        verbose_name=_("成果拍卖"),
    )
    contract = models.ForeignKey(
        "tech_transfer.TechContract",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="broker_assignments",
        verbose_name=_("技术合同"),
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    message = models.TextField(_("委托说明"), max_length=2000, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("委托人")
    )
    assigned_by_organization = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("委托机构")
    )
    firm_consent = models.BooleanField(_("企业同意披露身份"), default=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    commission_kind = models.CharField(_("佣金方式"), max_length=8, choices=CommissionKind.choices, blank=True)
    commission_rate = models.DecimalField(
        _("佣金比例(%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    commission_amount = models.DecimalField(
        _("佣金金额(元)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    commission_payer = models.CharField(_("佣金支付方"), max_length=8, choices=CommissionPayer.choices, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BrokerAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("经纪委托")
        verbose_name_plural = _("经纪委托")
        constraints = [
            models.CheckConstraint(
                condition=Q(demand__isnull=False, inquiry__isnull=True, auction__isnull=True, contract__isnull=True)
                | Q(demand__isnull=True, inquiry__isnull=False, auction__isnull=True, contract__isnull=True)
                | Q(demand__isnull=True, inquiry__isnull=True, auction__isnull=False, contract__isnull=True)
                | Q(demand__isnull=True, inquiry__isnull=True, auction__isnull=True, contract__isnull=False),
                name="broker_assignment_one_deal",
                violation_error_message=_("委托须对应且只对应一个需求、意向、拍卖或合同。"),
            ),
            models.CheckConstraint(
                condition=Q(
                    commission_kind="",
                    commission_rate__isnull=True,
                    commission_amount__isnull=True,
                    commission_payer="",
                )
                | Q(
                    commission_kind="rate",
                    commission_rate__isnull=False,
                    commission_amount__isnull=True,
                    contract__isnull=False,
                    commission_rate__gt=0,
                    commission_rate__lte=100,
                )
                & ~Q(commission_payer="")
                | Q(
                    commission_kind="fixed",
                    commission_amount__isnull=False,
                    commission_rate__isnull=True,
                    contract__isnull=False,
                    commission_amount__gt=0,
                )
                & ~Q(commission_payer=""),
                name="broker_assignment_commission_terms",
                violation_error_message=_("佣金须在合同委托上填写：比例（0–100%）或固定金额之一，以及支付方。"),
            ),
            _live_once("demand"),
            _live_once("inquiry"),
            _live_once("auction"),
            _live_once("contract"),
        ]

    def __str__(self):
        return f"{self.broker} · {self.get_deal_kind_display()} #{self.deal_id}"

    def get_absolute_url(self):
        return reverse("frontend:broker_assignment", args=[self.pk])

    # --- the deal -------------------------------------------------------------------------------------------------
    @property
    def deal_kind(self) -> str:
        for kind in DealKind.values:
            if getattr(self, f"{kind}_id"):
                return kind
        return ""

    def get_deal_kind_display(self) -> str:
        return str(DealKind(self.deal_kind).label) if self.deal_kind else ""

    @property
    def deal(self):
        return getattr(self, self.deal_kind) if self.deal_kind else None

    @property
    def deal_id(self):
        return getattr(self, f"{self.deal_kind}_id") if self.deal_kind else None

    def party_ids(self) -> set[int]:
        """The organizations that are parties of the deal (they may assign, cancel, rate)."""
        kind = self.deal_kind
        if kind == DealKind.DEMAND:
            return {self.demand.firm_id}
        if kind == DealKind.INQUIRY:
            return {self.inquiry.organization_id, self.inquiry.result.owner_id}
        if kind == DealKind.AUCTION:
            return {self.auction.result.owner_id}
        if kind == DealKind.CONTRACT:
            return {self.contract.seller_id, self.contract.buyer_id}
        return set()

    def firm_id(self) -> int | None:
        """The firm of the deal (a demand's firm, an inquiry's enquirer, a contract's buyer), if any."""
        kind = self.deal_kind
        if kind == DealKind.DEMAND:
            return self.demand.firm_id
        if kind == DealKind.INQUIRY:
            return self.inquiry.organization_id
        if kind == DealKind.CONTRACT:
            return self.contract.buyer_id
        return None

    def anonymous_firm_id(self) -> int | None:
        """The firm whose identity is anonymous on this deal: an anonymous demand's firm, or the buyer of a contract
        drafted from an anonymous demand."""
        if self.demand_id and self.demand.anonymous:
            return self.demand.firm_id
        if self.contract_id and self.contract.demand_id and self.contract.demand.anonymous:
            return self.contract.buyer_id
        return None

    def firm_hidden_from(self, user) -> bool:
        """Whether ``user`` must not learn the anonymous firm's identity on this assignment: only the firm's own
        members and the moderators know it, and the broker once the firm consented on this assignment."""
        firm = self.anonymous_firm_id()
        if firm is None:
            return False
        if user is not None and user.is_authenticated and (can_moderate(user) or firm in user.organization_ids()):
            return False
        return not (self.firm_consent and self.broker.user_id == getattr(user, "pk", None))

    # --- commission -----------------------------------------------------------------------------------------------
    @property
    def commission_due(self) -> Decimal | None:
        """The commission in yuan: the rate applied to the contract amount, or the fixed amount."""
        if self.commission_kind == CommissionKind.RATE and self.contract_id:
            return percent_of(self.contract.amount, self.commission_rate)
        if self.commission_kind == CommissionKind.FIXED:
            return money(self.commission_amount)
        return None

    def clean(self):
        errors = {}
        kinds = [k for k in DealKind.values if getattr(self, f"{k}_id")]
        if len(kinds) != 1:
            errors["__all__"] = _("委托须对应且只对应一个需求、意向、拍卖或合同。")
        if self.commission_kind and not self.contract_id:
            errors["commission_kind"] = _("佣金只能在技术合同的委托上填写。")
        if self.commission_kind == CommissionKind.RATE and self.commission_rate is None:
            errors["commission_rate"] = _("请填写佣金比例。")
        if self.commission_kind == CommissionKind.FIXED and self.commission_amount is None:
            errors["commission_amount"] = _("请填写佣金金额。")
        if self.commission_kind and not self.commission_payer:
            errors["commission_payer"] = _("请选择佣金支付方。")
        if errors:
            raise ValidationError(errors)


class BrokerNote(models.Model):
    """A broker's working note on an assignment (跟进记录), seen by whoever sees the assignment."""

    assignment = models.ForeignKey(BrokerAssignment, models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("记录人"))
    body = models.TextField(_("内容"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("经纪跟进记录")
        verbose_name_plural = _("经纪跟进记录")

    def __str__(self):
        return self.body[:40]

    def get_absolute_url(self):
        return self.assignment.get_absolute_url()


class BrokerSuggestion(models.Model):
    """The broker suggests an institute (to invite) or a published result to the demand's firm (推荐); the firm
    sees it on its demand page and invites the institute with the existing 邀请解题. Exactly one target (database)."""

    assignment = models.ForeignKey(BrokerAssignment, models.CASCADE, related_name="suggestions")
    institute = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("推荐机构")
    )
    result = models.ForeignKey(
        "tech_transfer.Result", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("推荐成果")
    )
    note = models.TextField(_("推荐理由"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("经纪推荐")
        verbose_name_plural = _("经纪推荐")
        constraints = [
            models.CheckConstraint(
                condition=Q(institute__isnull=False, result__isnull=True)
                | Q(institute__isnull=True, result__isnull=False),
                name="broker_suggestion_one_target",
                violation_error_message=_("请推荐一个机构或一项成果。"),
            ),
            models.UniqueConstraint(
                fields=["assignment", "institute"],
                name="broker_suggestion_institute_once",
                violation_error_message=_("已推荐过该机构。"),
            ),
            models.UniqueConstraint(
                fields=["assignment", "result"],
                name="broker_suggestion_result_once",
                violation_error_message=_("已推荐过该成果。"),
            ),
        ]

    def __str__(self):
        return str(self.institute or self.result)

    def get_absolute_url(self):
        return self.assignment.get_absolute_url()


class BrokerMeeting(models.Model):
    """A meeting the broker schedules between the parties of the deal (洽谈安排): time, place or online link."""

    assignment = models.ForeignKey(BrokerAssignment, models.CASCADE, related_name="meetings")
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    place = models.CharField(_("地点或线上链接"), max_length=200)
    topic = models.CharField(_("洽谈事项"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("经纪洽谈安排")
        verbose_name_plural = _("经纪洽谈安排")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="broker_meeting_end_after_start",
                violation_error_message=_("结束时间须晚于开始时间。"),
            ),
        ]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return self.assignment.get_absolute_url()


class BrokerRating(models.Model):
    """A party's rating of the broker on one assignment (评价): once per party and assignment (database), after the
    contract is signed or the assignment is closed."""

    assignment = models.ForeignKey(BrokerAssignment, models.CASCADE, related_name="ratings")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("评价方"))
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("评分"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("评价"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("技术经理人评价")
        verbose_name_plural = _("技术经理人评价")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "organization"],
                name="broker_rating_once_per_party",
                violation_error_message=_("本机构已评价过该委托。"),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5),
                name="broker_rating_1_to_5",
                violation_error_message=_("评分应为1至5分。"),
            ),
        ]

    def __str__(self):
        return f"{self.assignment}: {self.score}"

    def get_absolute_url(self):
        return self.assignment.get_absolute_url()
