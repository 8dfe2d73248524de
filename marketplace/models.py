"""The market's participants: users, organizations and their memberships, the shared taxonomies, the audit log and
notifications."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import AuditAction, MembershipRole, OrganizationKind, RegionLevel
from .encoders import UnicodeJSONEncoder
from .validators import normalize_credit_code, validate_credit_code

_OPERATOR_KEY = ("market_operator",)  # a key of User's membership cache that no role can be


class User(AbstractUser):
    """A person who signs in. They act for organizations through memberships; platform administrators (平台管理员)
    review, verify and settle across all organizations; the market operator's members moderate listings and
    organizations (``marketplace.permissions.can_moderate``)."""

    display_name = models.CharField(_("姓名"), max_length=64, blank=True)
    phone = models.CharField(_("手机"), max_length=32, blank=True)
    is_platform_admin = models.BooleanField(
        _("平台管理员"), default=False, help_text=_("审核发布的信息、认证机构、审批创新券。")
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.display_name or self.username

    def organization_ids(self, role: str | None = None) -> set[int]:
        """Ids of the organizations this user may act for (cached per instance: one query per request)."""
        cache = self.__dict__.setdefault("_org_ids_cache", {})
        if role not in cache:
            memberships = self.memberships.all()
            if role:
                cache[role] = set(memberships.filter(role=role).values_list("organization_id", flat=True))
            else:
                # The same query tells whether one of them is the market operator (see ``is_operator_member``).
                rows = list(memberships.values_list("organization_id", "organization__is_market_operator"))
                cache[None] = {organization_id for organization_id, _ in rows}
                cache[_OPERATOR_KEY] = any(operator for _, operator in rows)
        return cache[role]

    def is_operator_member(self) -> bool:
        """Whether the user is a member of the market operator (运营服务中心); shares ``organization_ids``' query."""
        self.organization_ids()
        return self.__dict__["_org_ids_cache"][_OPERATOR_KEY]


def visible_to_parties(queryset, user, *fields: str):
    """What ``user`` may see of ``queryset``: everything for platform administrators, nothing when anonymous, and
    otherwise the rows in which one of ``fields`` (paths to an organization id, e.g. ``"buyer_id"``,
    ``"instrument__owner_id"``) is one of the user's organizations. Objects between two parties use it."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_platform_admin:
        return queryset
    ids = user.organization_ids()
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__in": ids})
    return queryset.filter(condition)


class Region(models.Model):
    """行政区划 (GB/T 2260 administrative division): province → city → county, e.g. 浙江省 → 宁波市 → 余姚市."""

    code = models.CharField(_("区划代码"), max_length=6, primary_key=True)
    name = models.CharField(_("名称"), max_length=64)
    name_en = models.CharField(_("英文名称"), max_length=64, blank=True)
    level = models.CharField(_("级别"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self):
        return self.name

    def ancestor_codes(self) -> list[str]:
        """This region's code and its parents' codes, nearest first (used to test 'provider in accepted region')."""
        codes, node = [], self
        while node is not None:
            codes.append(node.code)
            node = node.parent
        return codes

    @property
    def city(self) -> "Region":
        """The city it belongs to (地级市): itself for a city or a provincial-level unit (上海市), the parent of a
        county (余姚市 → 宁波市). Load ``parent`` with it (``select_related``) to spare a query."""
        return self.parent if self.level == "county" and self.parent_id else self


class TaxonomyTerm(models.Model):
    """A term of a flat shared taxonomy, identified by a stable code."""

    code = models.SlugField(_("代码"), max_length=40, primary_key=True)
    name = models.CharField(_("名称"), max_length=64, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


class IndustryChain(TaxonomyTerm):
    """产业链: the city's key industrial chains (seed clause 13), e.g. 新材料, 光电信息, 模具."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("产业链")
        verbose_name_plural = _("产业链")


class TechField(TaxonomyTerm):
    """技术领域: the 8 fields of 国家重点支持的高新技术领域."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("技术领域")
        verbose_name_plural = _("技术领域")


class OrganizationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Verified organizations are public; an unverified one is seen by its members, administrators and the
        market operator's members (who verify it)."""
        from .permissions import can_moderate  # the rule module imports these models

        if can_moderate(user):
            return self
        public = Q(verified=True)
        if user.is_authenticated:
            public |= Q(pk__in=user.organization_ids())
        return self.filter(public)


class Organization(models.Model):
    """A market participant: a firm (企业), a research institute or university (科研院所), a service provider
    (服务机构) or an authority (主管部门, e.g. 余姚市科学技术局). Identified by its 统一社会信用代码."""

    name = models.CharField(_("名称"), max_length=128)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        error_messages={"unique": _("该统一社会信用代码已注册。")},
    )
    kind = models.CharField(_("类型"), max_length=20, choices=OrganizationKind.choices)
    region = models.ForeignKey(Region, models.PROTECT, verbose_name=_("所在地区"), related_name="organizations")
    verified = models.BooleanField(_("已认证"), default=False)
    verified_at = models.DateTimeField(_("认证时间"), null=True, blank=True)
    is_market_operator = models.BooleanField(
        _("市场运营机构"),
        default=False,
        help_text=_("科技大市场运营服务中心：其成员审核机构认证和发布的成果、需求。"),
    )
    # Profile
    description = models.TextField(_("简介"), blank=True)
    expertise = models.JSONField(_("专长关键词"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    industry_chains = models.ManyToManyField(IndustryChain, blank=True, verbose_name=_("产业链"))
    tech_fields = models.ManyToManyField(TechField, blank=True, verbose_name=_("技术领域"))
    contact_name = models.CharField(_("联系人"), max_length=64, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    website = models.URLField(_("网站"), blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        indexes = [models.Index(fields=["kind", "verified"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(verified=False) | Q(verified_at__isnull=False),
                name="organization_verified_has_time",
                violation_error_message=_("已认证的机构须记录认证时间。"),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = normalize_credit_code(self.credit_code)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("frontend:organization_detail", args=[self.pk])

    def clean(self):
        self.credit_code = normalize_credit_code(self.credit_code)
        if not isinstance(self.expertise, list) or not all(isinstance(k, str) for k in self.expertise):
            raise ValidationError({"expertise": _("专长关键词应为字符串列表。")})
        self.expertise = [k.strip() for k in self.expertise if k.strip()]

    @property
    def owner_organization_id(self):
        return self.pk


class Membership(models.Model):
    """A user's right to act for an organization, as its administrator (manages members and profile) or a member."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    created_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        ordering = ["organization_id", "user_id"]
        verbose_name = _("成员关系")
        verbose_name_plural = _("成员关系")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                name="membership_unique_user_organization",
                violation_error_message=_("该用户已是此机构成员。"),
            )
        ]

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"

    def get_absolute_url(self):
        """The members page (成员管理) of the organization the user acts for."""
        return reverse("frontend:organization_members")


class ImmutableQuerySet(models.QuerySet):
    """Refuses bulk updates and deletes: rows of an append-only log are only ever inserted."""

    def update(self, **kwargs):
        raise TypeError(f"{self.model.__name__} rows are immutable.")

    def delete(self):
        raise TypeError(f"{self.model.__name__} rows are immutable.")


class ImmutableModel(models.Model):
    """An append-only record (audit entries, voucher ledger entries): saved once, never changed or deleted."""

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError(f"{type(self).__name__} rows are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(f"{type(self).__name__} rows are immutable.")


class AuditEntry(ImmutableModel):
    """One state change, written by `marketplace.services.audit.record()` inside the change's transaction: who (actor,
    acting organization), what (object, action, transition, changed fields) and when. Never updated or deleted."""

    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("操作人")
    )
    actor_repr = models.CharField(_("操作人"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("代表机构")
    )
    content_type = models.ForeignKey(ContentType, models.PROTECT, verbose_name=_("对象类型"))
    object_id = models.CharField(_("对象ID"), max_length=64)
    object_repr = models.CharField(_("对象"), max_length=200)
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("操作"), max_length=16, choices=AuditAction.choices)
    transition = models.CharField(_("状态变更"), max_length=64, blank=True, help_text=_("例如 requested→confirmed"))
    changes = models.JSONField(_("变更字段"), default=dict, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.object_repr}"


class Notification(models.Model):
    """An in-app message to one user, created by `marketplace.services.notifications.notify()`; the same function
    e-mails it after the transaction commits."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    organization = models.ForeignKey(Organization, models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(_("类型"), max_length=64, help_text=_("机器代码，例如 organization.verified"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    content_type = models.ForeignKey(ContentType, models.CASCADE, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title

    @property
    def link(self) -> str:
        """The page the notification leads to: its explicit ``url``, else its target's ``get_absolute_url()`` (every
        model a notification is about has a page), else none. Lists prefetch ``target``."""
        if self.url:
            return self.url
        target = self.target if self.content_type_id else None
        page = getattr(target, "get_absolute_url", None)
        return page() if page is not None else ""


class LoginLock(models.Model):
    """Failed sign-ins (登录失败) counted per username and per client address, for the web login and the API token
    endpoint alike. Once a key reaches its limit within the window it is locked until ``locked_until``; a
    successful sign-in clears the username's count. Administrators see and lift locks in the Django admin."""

    class Kind(models.TextChoices):
        USERNAME = "username", _("用户名")
        ADDRESS = "address", _("IP 地址")

    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    key = models.CharField(_("用户名或地址"), max_length=150)
    failures = models.PositiveIntegerField(_("失败次数"), default=0)
    first_failure_at = models.DateTimeField(_("首次失败时间"))
    last_failure_at = models.DateTimeField(_("最近失败时间"))
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)

    class Meta:
        ordering = ["-last_failure_at", "-id"]
        verbose_name = _("登录锁定")
        verbose_name_plural = _("登录锁定")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="login_lock_unique_key")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}"
