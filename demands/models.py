"""Demands (企业出题): a firm's technical problem, challenges with a bounty (揭榜挂帅), proposals by institutes
(院所解题) and the evaluation of the outcome (市场阅题).

An anonymous demand's firm is known only to platform administrators (and the firm itself): serializers, pages,
exports, notifications and search documents read the firm through ``Demand.public_firm_for(user)``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.models import IndustryChain, Organization, TechField, visible_to_parties
from marketplace.permissions import can_moderate

from .choices import CooperationMode, DemandStatus, ProposalStatus, RiskClass

MONEY = {"max_digits": 13, "decimal_places": 2}
PUBLIC_STATUSES = (DemandStatus.OPEN, DemandStatus.IN_COOPERATION, DemandStatus.SOLVED)


class DemandQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Open, in-cooperation and solved demands are public; the firm sees all of its own; administrators all; the
        market operator's members also those waiting for their review."""
        if user.is_authenticated and user.is_platform_admin:
            return self
        public = Q(status__in=PUBLIC_STATUSES)
        if can_moderate(user):
            public |= Q(status=DemandStatus.PENDING_REVIEW)
        if user.is_authenticated:
            public |= Q(firm_id__in=user.organization_ids())
        return self.filter(public)


class Demand(models.Model):
    """A firm's technical problem posted to the market (企业出题)."""

    firm = models.ForeignKey(Organization, models.PROTECT, related_name="demands", verbose_name=_("发布企业"))
    title = models.CharField(_("需求名称"), max_length=200)
    problem = models.TextField(_("问题描述"), max_length=5000)
    target_indicators = models.TextField(_("目标指标"), max_length=2000, blank=True)
    industry_chain = models.ForeignKey(IndustryChain, models.PROTECT, null=True, blank=True, verbose_name=_("产业链"))
    tech_field = models.ForeignKey(TechField, models.PROTECT, verbose_name=_("技术领域"))
    risk_class = models.CharField(_("风险等级"), max_length=8, choices=RiskClass.choices, default=RiskClass.GREEN)
    cooperation_mode = models.CharField(_("合作方式"), max_length=20, choices=CooperationMode.choices)
    budget_min = models.DecimalField(
        _("预算下限"), **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )
    budget_max = models.DecimalField(
        _("预算上限"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("留空表示面议"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    deadline = models.DateField(_("截止日期"))
    is_challenge = models.BooleanField(_("揭榜挂帅"), default=False)
    bounty = models.DecimalField(_("榜单金额"), **MONEY, null=True, blank=True)
    ip_terms = models.TextField(_("知识产权约定"), max_length=2000, blank=True)
    anonymous = models.BooleanField(_("匿名发布"), default=False)
    status = models.CharField(_("状态"), max_length=16, choices=DemandStatus.choices, default=DemandStatus.DRAFT)
    review_note = models.TextField(_("审核意见"), max_length=2000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DemandQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("企业需求")
        verbose_name_plural = _("企业需求")
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True) | Q(budget_max__isnull=True) | Q(budget_min__lte=F("budget_max")),
                name="demand_budget_order",
                violation_error_message=_("预算下限不能高于上限。"),
            ),
            models.CheckConstraint(
                condition=Q(is_challenge=True) | Q(bounty__isnull=True),
                name="demand_bounty_only_for_challenges",
                violation_error_message=_("只有揭榜挂帅需求设置榜单金额。"),
            ),
            models.CheckConstraint(
                condition=(Q(budget_min__isnull=True) | Q(budget_min__gte=0))
                & (Q(budget_max__isnull=True) | Q(budget_max__gte=0)),
                name="demand_budget_not_negative",
                violation_error_message=_("预算不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(bounty__isnull=True) | Q(bounty__gt=0),
                name="demand_bounty_positive",
                violation_error_message=_("榜单金额须大于0。"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("frontend:demand_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.is_challenge and not self.bounty:
            errors["bounty"] = _("揭榜挂帅需求须设置榜单金额。")
        elif self.bounty is not None and self.bounty <= 0:
            errors["bounty"] = _("榜单金额须大于0。")
        if self.budget_min is not None and self.budget_max is not None and self.budget_min > self.budget_max:
            # The check constraint says the same, but on the form as a whole; here it is on the field.
            errors["budget_max"] = _("预算上限不能低于下限。")
        new_or_draft = self._state.adding or self.status == DemandStatus.DRAFT
        if new_or_draft and self.deadline and self.deadline < timezone.localdate():
            # Only a new demand or a draft: an open one past its deadline expires, and its other fields stay editable.
            # A validation, not a database constraint: "today" moves, the stored rows must stay valid.
            errors["deadline"] = _("截止日期不能早于今天。")
        if errors:
            raise ValidationError(errors)

    def firm_visible_to(self, user) -> bool:
        """Whether ``user`` may know which firm posted this demand."""
        if not self.anonymous:
            return True
        return bool(
            user is not None
            and user.is_authenticated
            and (can_moderate(user) or self.firm_id in user.organization_ids())
        )


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A proposal is seen by its institute, the demand's firm and administrators."""
        return visible_to_parties(self, user, "institute_id", "demand__firm_id")


class Proposal(models.Model):
    """An institute's or service provider's answer to a demand (院所解题). At most one per demand is accepted
    (database)."""

    demand = models.ForeignKey(Demand, models.PROTECT, related_name="proposals")
    institute = models.ForeignKey(Organization, models.PROTECT, related_name="proposals", verbose_name=_("解题方"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    approach = models.TextField(_("技术方案"), max_length=5000)
    budget = models.DecimalField(_("报价"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    duration_days = models.PositiveIntegerField(_("周期(天)"), validators=[MinValueValidator(1)])
    team = models.TextField(_("团队"), max_length=2000, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("解题方案")
        verbose_name_plural = _("解题方案")
        constraints = [
            models.UniqueConstraint(
                fields=["demand"],
                condition=Q(status="accepted"),
                name="proposal_one_accepted_per_demand",
                violation_error_message=_("该需求已采纳其他方案。"),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="proposal_budget_not_negative",
                violation_error_message=_("报价不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(duration_days__gte=1),
                name="proposal_duration_positive",
                violation_error_message=_("周期至少1天。"),
            ),
        ]

    def __str__(self):
        return f"{self.institute} → {self.demand}"

    def get_absolute_url(self):
        # One address for both parties: it leads the firm to its demand page and the institute to the public one.
        return reverse("frontend:proposal_detail", args=[self.pk])


class DemandInvitation(models.Model):
    """The firm invited a matched institute to propose for its demand (邀请解题); once per demand and institute."""

    demand = models.ForeignKey(Demand, models.CASCADE, related_name="invitations")
    institute = models.ForeignKey(Organization, models.PROTECT, related_name="demand_invitations",
                                  verbose_name=_("受邀机构"))  # fmt: skip
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("解题邀请")
        verbose_name_plural = _("解题邀请")
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "institute"],
                name="demand_invitation_once",
                violation_error_message=_("已邀请该机构。"),
            )
        ]

    def __str__(self):
        return f"{self.demand} → {self.institute}"

    def get_absolute_url(self):
        return self.demand.get_absolute_url()


class Evaluation(models.Model):
    """市场阅题: the firm's rating of a solved demand's outcome, and an optional expert review by an administrator."""

    demand = models.OneToOneField(Demand, models.PROTECT, related_name="evaluation")
    rating = models.PositiveSmallIntegerField(_("评分"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("评价"), max_length=4000, blank=True)
    expert_review = models.TextField(_("专家评审意见"), max_length=8000, blank=True)
    expert_reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("市场阅题")
        verbose_name_plural = _("市场阅题")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5),
                name="rating_1_to_5",
                violation_error_message=_("评分应为1至5分。"),
            )
        ]

    def __str__(self):
        return f"{self.demand}: {self.rating}"
