"""Open sharing of instruments as facilities run it (the instruments app holds the catalogue and bookings; this app
adds what the sharing rules ask on top of them, in its own tables):

- ``ServiceRating`` (服务评价): the requesting firm rates a completed booking once; the owner may answer once.
- ``SentReminder``: each reminder (before a session, or for a request waiting for approval) is sent exactly once.
- ``RuntimeRecord`` (机时记录): running hours per instrument entered or imported by the owner, split by use.
- ``NationalRecord``: the fields the national platform (重大科研基础设施和大型科研仪器国家网络管理平台) records about an
  instrument beyond what ``Instrument`` already holds (country, manufacturer, original value come from there).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact, GreaterThanOrEqual, LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from instruments.models import Booking, Instrument
from marketplace.models import Organization, visible_to_parties

from .choices import CustomsStatus, FundingSource, RuntimeKind, RuntimeSource, SharingMode

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class ServiceRatingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Ratings are public for instruments the user may see (they are shown on the instrument's page)."""
        return self.filter(booking__instrument__in=Instrument.objects.visible_to(user))


class ServiceRating(models.Model):
    """服务评价: a member of the requesting organization rates a completed booking once — timeliness (及时性),
    quality (服务质量) and attitude (服务态度) from 1 to 5, and a comment. The instrument's owner may answer it once."""

    booking = models.OneToOneField(Booking, models.CASCADE, related_name="service_rating", verbose_name=_("预约"))
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="service_ratings", verbose_name=_("评价机构")
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="service_ratings", verbose_name=_("评价人")
    )
    timeliness = models.PositiveSmallIntegerField(_("及时性"), validators=SCORE)
    quality = models.PositiveSmallIntegerField(_("服务质量"), validators=SCORE)
    attitude = models.PositiveSmallIntegerField(_("服务态度"), validators=SCORE)
    comment = models.TextField(_("评价内容"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("评价时间"), auto_now_add=True)
    answer = models.TextField(_("机构回复"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("回复人"),
    )
    answered_at = models.DateTimeField(_("回复时间"), null=True, blank=True)

    objects = ServiceRatingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("服务评价")
        verbose_name_plural = _("服务评价")
        constraints = [
            models.CheckConstraint(
                condition=Q(timeliness__gte=1, timeliness__lte=5)
                & Q(quality__gte=1, quality__lte=5)
                & Q(attitude__gte=1, attitude__lte=5),
                name="service_rating_scores_1_to_5",
                violation_error_message=_("评分须在 1–5 之间。"),
            ),
            models.CheckConstraint(
                condition=(Q(answered_at__isnull=True) & Q(answer="")) | (Q(answered_at__isnull=False) & ~Q(answer="")),
                name="service_rating_answer_complete",
                violation_error_message=_("回复须有内容和时间。"),
            ),
        ]

    def __str__(self):
        return f"{self.booking} · {self.average:.1f}"

    @property
    def average(self) -> Decimal:
        return (Decimal(self.timeliness + self.quality + self.attitude) / 3).quantize(Decimal("0.1"))


class SentReminder(models.Model):
    """A reminder that was sent (or deliberately skipped, e.g. the 24 h reminder of a booking made an hour ahead).
    The unique (booking, kind) row is inserted before the notification in one transaction: two concurrent runs of
    ``send_reminders`` cannot both insert it, so each reminder goes out exactly once."""

    booking = models.ForeignKey(Booking, models.CASCADE, related_name="sent_reminders", verbose_name=_("预约"))
    kind = models.CharField(_("提醒类型"), max_length=32, help_text=_("例如 session_24h、approval"))
    sent_at = models.DateTimeField(_("发送时间"))
    skipped = models.BooleanField(_("已跳过"), default=False, help_text=_("更近的提醒已发送，此提醒不再发送"))
    recipients = models.PositiveIntegerField(_("收件人数"), default=0)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("已发送提醒")
        verbose_name_plural = _("已发送提醒")
        constraints = [models.UniqueConstraint(fields=["booking", "kind"], name="sent_reminder_once")]

    def __str__(self):
        return f"{self.booking_id} · {self.kind}"


class RuntimeRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The owner institute's members and administrators."""
        return visible_to_parties(self, user, "instrument__owner_id")


class RuntimeRecord(models.Model):
    """机时记录: hours an instrument ran on one day (optionally from–to), entered or imported by its owner, split into
    own use (自用), external service (对外服务) and teaching (教学). Completed platform bookings of other organizations
    are counted as external service automatically (``services.runtime``) and are not entered here."""

    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="runtime_records", verbose_name=_("仪器"))
    date = models.DateField(_("日期"))
    start_time = models.TimeField(_("开始"), null=True, blank=True)
    end_time = models.TimeField(_("结束"), null=True, blank=True)
    hours = models.DecimalField(
        _("机时(小时)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("24"))],
    )
    kind = models.CharField(_("类型"), max_length=16, choices=RuntimeKind.choices)
    user_name = models.CharField(_("使用人"), max_length=64, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    source = models.CharField(_("来源"), max_length=8, choices=RuntimeSource.choices, default=RuntimeSource.MANUAL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("录入人")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RuntimeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time", "-id"]
        verbose_name = _("机时记录")
        verbose_name_plural = _("机时记录")
        indexes = [models.Index(fields=["instrument", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24),
                name="runtime_hours_0_to_24",
                violation_error_message=_("机时须大于 0 且不超过 24 小时。"),
            ),
        ]

    def __str__(self):
        return f"{self.instrument} {self.date} {self.hours}h {self.get_kind_display()}"


def _six_digits(field: str) -> Q:
    """Exactly six characters, each 0–9, written with portable SQL (LENGTH / SUBSTR), not a regular expression:
    SQLite has no REGEXP of its own outside Django's connections."""
    condition = Q(Exact(Length(field), 6))
    for i in range(1, 7):
        char = Substr(field, i, 1)
        condition &= Q(GreaterThanOrEqual(char, "0")) & Q(LessThanOrEqual(char, "9"))
    return condition


CATEGORY_CODE = RegexValidator(r"^\d{6}$", _("国家分类编码应为 6 位数字。"), code="category_code")


class NationalRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        return visible_to_parties(self, user, "instrument__owner_id")


class NationalRecord(models.Model):
    """What the national platform records about a large instrument beyond the catalogue (one per instrument, edited
    by its owner): internal number, the 6-digit national category code, source of funds, acquisition date, sharing
    mode, opening rules, fee standard and customs supervision status."""

    instrument = models.OneToOneField(
        Instrument, models.CASCADE, related_name="national_record", verbose_name=_("仪器")
    )
    internal_number = models.CharField(_("内部编号"), max_length=64, blank=True)
    category_code = models.CharField(_("国家分类编码"), max_length=6, blank=True, validators=[CATEGORY_CODE])
    funding_source = models.CharField(_("资金来源"), max_length=16, choices=FundingSource.choices, blank=True)
    acquisition_date = models.DateField(_("购置日期"), null=True, blank=True)
    sharing_mode = models.CharField(_("共享模式"), max_length=16, choices=SharingMode.choices, blank=True)
    opening_rules = models.TextField(_("开放机制"), max_length=2000, blank=True)
    fee_standard = models.TextField(_("收费标准"), max_length=2000, blank=True)
    customs_status = models.CharField(_("海关监管状态"), max_length=16, choices=CustomsStatus.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NationalRecordQuerySet.as_manager()

    class Meta:
        ordering = ["instrument_id"]
        verbose_name = _("国家平台信息")
        verbose_name_plural = _("国家平台信息")
        constraints = [
            models.CheckConstraint(
                condition=Q(category_code="") | _six_digits("category_code"),
                name="national_category_code_6_digits",
                violation_error_message=_("国家分类编码应为 6 位数字。"),
            ),
        ]

    def __str__(self):
        return f"{self.instrument} · {self.internal_number or '—'}"
