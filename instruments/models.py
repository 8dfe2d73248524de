"""Instrument sharing (大型科研仪器共享): the catalogue, service items and prices, opening hours, closures,
qualifications and bookings. The database enforces that live bookings of one instrument never overlap."""

from datetime import time
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace import uploads
from marketplace.encoders import UnicodeJSONEncoder
from marketplace.models import Organization, visible_to_parties

from .choices import (
    LIVE_BOOKING_STATUSES,
    ApprovalMode,
    BookingMode,
    BookingStatus,
    ClosureKind,
    InstrumentCategory,
    InstrumentStatus,
    PriceTier,
    PriceUnit,
    QuotaPeriod,
    SeriesConflictPolicy,
    SeriesFrequency,
)

MONEY = {"max_digits": 13, "decimal_places": 2}
MAX_PHOTO_BYTES = uploads.MAX_PHOTO_BYTES


def validate_photo_size(upload):
    """A new photo is at most 5 MB. A stored one is not measured again (an edit of other fields must not fail because
    the stored file is missing from a restored or moved media directory)."""
    if uploads.is_new(upload) and upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("照片不能超过 5 MB。"), code="photo_too_large")


def validate_photo_content(upload):
    """A new photo must decode as a JPEG, PNG or WebP picture (marketplace.uploads), not be another file renamed .jpg.
    A photo already stored was checked when it was uploaded and is not read again."""
    uploads.validate_photo(upload)


#: Technical indicators (技术指标) are a short table: name → value.
MAX_SPECS = 50
MAX_SPEC_NAME = 64
MAX_SPEC_VALUE = 500


def validate_specs(specs):
    """``specs`` is a flat table of at most 50 indicators with short names and values (numbers or text), so a caller
    cannot store (and index) megabytes of JSON in it."""
    if not isinstance(specs, dict):
        raise ValidationError(_("技术指标应为“指标: 数值”的对照表。"), code="specs_format")
    if len(specs) > MAX_SPECS:
        raise ValidationError(_("技术指标最多 %(n)d 项。"), code="specs_too_many", params={"n": MAX_SPECS})
    for name, value in specs.items():
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValidationError(
                _("技术指标“%(name)s”的数值应为文字或数字。"),
                code="specs_format",
                params={"name": name[:MAX_SPEC_NAME]},
            )
        if len(name) > MAX_SPEC_NAME or len(str(value)) > MAX_SPEC_VALUE:
            raise ValidationError(
                _("技术指标名称不能超过 %(name)d 个字符，数值不能超过 %(value)d 个字符。"),
                code="specs_too_long",
                params={"name": MAX_SPEC_NAME, "value": MAX_SPEC_VALUE},
            )


class InstrumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public: instruments of verified owners that are not retired. Owners and administrators see all of theirs."""
        if user.is_authenticated and user.is_platform_admin:
            return self
        public = Q(owner__verified=True) & ~Q(status=InstrumentStatus.RETIRED)
        if user.is_authenticated:
            public |= Q(owner_id__in=user.organization_ids())
        return self.filter(public)


class Instrument(models.Model):
    """A large research instrument (大型科研仪器) an institute or service provider shares, with its booking rules."""

    owner = models.ForeignKey(Organization, models.PROTECT, related_name="instruments", verbose_name=_("所属机构"))
    name = models.CharField(_("名称"), max_length=128)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    category = models.CharField(_("仪器分类"), max_length=32, choices=InstrumentCategory.choices)
    model_number = models.CharField(_("型号"), max_length=64, blank=True)
    manufacturer = models.CharField(_("生产厂商"), max_length=128, blank=True)
    country = models.CharField(_("产地国别"), max_length=32, blank=True)
    original_value = models.DecimalField(_("原值(元)"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    purchase_date = models.DateField(_("购置日期"), null=True, blank=True)
    building = models.CharField(_("楼宇"), max_length=64, blank=True)
    room = models.CharField(_("房间"), max_length=32, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    capabilities = models.TextField(_("主要功能"), max_length=5000, blank=True)
    specs = models.JSONField(
        _("技术指标"), default=dict, blank=True, encoder=UnicodeJSONEncoder, validators=[validate_specs]
    )
    sample_requirements = models.TextField(_("样品要求"), max_length=2000, blank=True)
    photo = models.FileField(
        _("照片"),
        upload_to="instruments/",
        blank=True,
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
            validate_photo_size,
            validate_photo_content,
        ],
    )
    status = models.CharField(_("状态"), max_length=16, choices=InstrumentStatus.choices, default="active")
    voucher_eligible = models.BooleanField(_("可用创新券"), default=False)
    booking_mode = models.CharField(_("服务方式"), max_length=16, choices=BookingMode.choices)
    approval_mode = models.CharField(_("确认方式"), max_length=8, choices=ApprovalMode.choices, default="owner")
    # Booking rules (LibreBooking / PPMS style).
    lead_time_hours = models.PositiveIntegerField(_("最短提前预约(小时)"), default=24)
    max_advance_days = models.PositiveIntegerField(_("最长提前预约(天)"), default=60)
    min_duration_minutes = models.PositiveIntegerField(_("最短时长(分钟)"), default=30)
    max_duration_minutes = models.PositiveIntegerField(_("最长时长(分钟)"), default=8 * 60)
    slot_minutes = models.PositiveIntegerField(_("时间粒度(分钟)"), default=30, validators=[MinValueValidator(5)])
    buffer_minutes = models.PositiveIntegerField(_("间隔时间(分钟)"), default=0)
    cancellation_deadline_hours = models.PositiveIntegerField(_("免费取消截止(小时)"), default=24)
    late_cancel_fee_percent = models.PositiveSmallIntegerField(
        _("逾期取消费(%)"), default=0, validators=[MaxValueValidator(100)]
    )
    no_show_fee_percent = models.PositiveSmallIntegerField(
        _("爽约费(%)"), default=0, validators=[MaxValueValidator(100)]
    )
    contact_name = models.CharField(_("联系人"), max_length=64, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("仪器")
        verbose_name_plural = _("仪器")
        indexes = [models.Index(fields=["category", "status"]), models.Index(fields=["voucher_eligible"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_duration_minutes__lte=models.F("max_duration_minutes")),
                name="instrument_min_le_max_duration",
                violation_error_message=_("最短时长不能大于最长时长。"),
            ),
            models.CheckConstraint(
                condition=Q(original_value__gte=0),
                name="instrument_value_not_negative",
                violation_error_message=_("原值不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(late_cancel_fee_percent__lte=100) & Q(no_show_fee_percent__lte=100),
                name="instrument_fee_percent_le_100",
                violation_error_message=_("违约费比例不能超过 100%%。"),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("frontend:instrument_detail", args=[self.pk])


class ServiceItem(models.Model):
    """A priced service of an instrument (e.g. 工业CT扫描 per hour, SEM 形貌观察 per sample) with tier prices."""

    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="service_items")
    name = models.CharField(_("服务项目"), max_length=128)
    description = models.TextField(_("说明"), max_length=2000, blank=True)
    unit = models.CharField(_("计价单位"), max_length=8, choices=PriceUnit.choices)
    price_enterprise = models.DecimalField(_("企业价"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    price_academic = models.DecimalField(_("院所价"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    price_internal = models.DecimalField(_("内部价"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    active = models.BooleanField(_("有效"), default=True)

    class Meta:
        ordering = ["instrument_id", "id"]
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")
        constraints = [
            models.CheckConstraint(
                condition=Q(price_enterprise__gte=0) & Q(price_academic__gte=0) & Q(price_internal__gte=0),
                name="service_item_prices_not_negative",
                violation_error_message=_("价格不能为负数。"),
            )
        ]

    def __str__(self):
        return f"{self.instrument} · {self.name}"

    def price_for(self, tier: str) -> Decimal:
        return {
            PriceTier.ENTERPRISE: self.price_enterprise,
            PriceTier.ACADEMIC: self.price_academic,
            PriceTier.INTERNAL: self.price_internal,
        }[tier]


class OpeningHours(models.Model):
    """A weekly window in which an instrument can be booked (several per weekday allowed, e.g. morning and
    afternoon). An ``end`` of 00:00 means midnight at the end of the day, so windows of consecutive days join and
    round-the-clock instruments (salt spray, ageing chambers) take multi-day bookings."""

    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(
        _("星期"), validators=[MaxValueValidator(6)], help_text=_("0 表示星期一")
    )
    start = models.TimeField(_("开始"))
    end = models.TimeField(_("结束"))

    class Meta:
        ordering = ["instrument_id", "weekday", "start"]
        verbose_name = _("开放时间")
        verbose_name_plural = _("开放时间")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")) | Q(end=time(0)),
                name="opening_hours_start_before_end",
                violation_error_message=_("开始时间应早于结束时间（结束时间为 00:00 表示到午夜）。"),
            )
        ]

    def __str__(self):
        return f"{self.weekday} {self.start:%H:%M}-{self.end:%H:%M}"


class ClosureQuerySet(models.QuerySet):
    def plain(self):
        """Planned closures (set with the opening hours, replaced as a nested list by the instrument's API)."""
        return self.filter(kind=ClosureKind.CLOSURE)

    def downtimes(self):
        """Declared downtimes (维护 / 故障): written only by ``instruments.downtime``."""
        return self.exclude(kind=ClosureKind.CLOSURE)


class Closure(models.Model):
    """A period an instrument cannot be booked: a planned closure (calibration, holidays) or a downtime the owner
    declares (``kind`` maintenance 维护 / fault 故障, with ``declared_by``), which cancels the bookings it hits free of
    charge (``instruments.downtime``). Every kind blocks bookings and availability alike. ``ended_at`` records an
    owner ending a downtime early (``end`` is then moved to that moment)."""

    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="closures")
    kind = models.CharField(_("类型"), max_length=16, choices=ClosureKind.choices, default=ClosureKind.CLOSURE)
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("登记人")
    )
    created_at = models.DateTimeField(_("登记时间"), null=True, blank=True, auto_now_add=True)
    ended_at = models.DateTimeField(_("提前结束时间"), null=True, blank=True)

    objects = ClosureQuerySet.as_manager()

    class Meta:
        ordering = ["instrument_id", "start"]
        verbose_name = _("停机时段")
        verbose_name_plural = _("停机时段")
        indexes = [models.Index(fields=["instrument", "kind", "end"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")),
                name="closure_start_before_end",
                violation_error_message=_("开始时间应早于结束时间。"),
            )
        ]

    def __str__(self):
        return f"{self.instrument}: {self.start:%Y-%m-%d %H:%M} – {self.end:%Y-%m-%d %H:%M}"


class Qualification(models.Model):
    """A user's training sign-off (上机资格) for a self-operated instrument, until ``valid_until``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="instrument_qualifications")
    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="qualifications")
    valid_until = models.DateField(_("有效期至"))
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["instrument_id", "user_id"]
        verbose_name = _("上机资格")
        verbose_name_plural = _("上机资格")
        constraints = [models.UniqueConstraint(fields=["user", "instrument"], name="qualification_unique")]

    def __str__(self):
        return f"{self.user} · {self.instrument} → {self.valid_until}"


class BookingSeriesQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Like bookings: the requesting organization, the instrument's owner and administrators."""
        return visible_to_parties(self, user, "requester_org_id", "instrument__owner_id")


class BookingSeries(models.Model):
    """A recurring booking (重复预约): one request for a daily or weekly series of the same slot, until a date or a
    number of times. Each occurrence is an ordinary ``Booking`` (its own rules, quote, quota and voucher hold) linked
    here; ``skipped`` lists the occurrences that could not be booked and why (``[{start, end, code, message}]``)."""

    instrument = models.ForeignKey(Instrument, models.PROTECT, related_name="booking_series")
    service_item = models.ForeignKey(ServiceItem, models.PROTECT, related_name="booking_series")
    requester_org = models.ForeignKey(Organization, models.PROTECT, related_name="booking_series")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="booking_series")
    frequency = models.CharField(_("重复方式"), max_length=8, choices=SeriesFrequency.choices)
    first_start = models.DateTimeField(_("首次开始"))
    first_end = models.DateTimeField(_("首次结束"))
    count = models.PositiveSmallIntegerField(_("次数"), null=True, blank=True)
    until = models.DateField(_("重复至"), null=True, blank=True)
    on_conflict = models.CharField(_("冲突处理"), max_length=8, choices=SeriesConflictPolicy.choices)
    skipped = models.JSONField(_("跳过的日期"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BookingSeriesQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("重复预约")
        verbose_name_plural = _("重复预约")
        constraints = [
            models.CheckConstraint(
                condition=Q(count__isnull=False) | Q(until__isnull=False),
                name="series_has_an_end",
                violation_error_message=_("请填写重复次数或截止日期。"),
            ),
            models.CheckConstraint(
                condition=Q(first_start__lt=models.F("first_end")),
                name="series_start_before_end",
                violation_error_message=_("开始时间应早于结束时间。"),
            ),
        ]

    def __str__(self):
        return f"{self.instrument} {self.get_frequency_display()} {timezone.localtime(self.first_start):%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("frontend:booking_series_detail", args=[self.pk])


class BookingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The requester's organization sees its bookings, the owner its instruments' bookings, admins all."""
        return visible_to_parties(self, user, "requester_org_id", "instrument__owner_id")

    def live(self):
        return self.filter(status__in=LIVE_BOOKING_STATUSES)


class Booking(models.Model):
    """A reservation of instrument time (or a sample-testing slot) by a firm or institute. The price is quoted and
    frozen at request time; ``blocked_until`` is ``end`` plus the instrument's buffer.

    No two live bookings of one instrument overlap on ``[start, blocked_until)``. On PostgreSQL the exclusion
    constraint ``booking_no_overlap`` (btree_gist; migration 0002) enforces it under any concurrency; on SQLite the
    booking service checks inside an IMMEDIATE transaction, which holds the database write lock from BEGIN.
    """

    instrument = models.ForeignKey(Instrument, models.PROTECT, related_name="bookings")
    service_item = models.ForeignKey(ServiceItem, models.PROTECT, related_name="bookings")
    requester_org = models.ForeignKey(Organization, models.PROTECT, related_name="bookings")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="bookings")
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))
    blocked_until = models.DateTimeField(_("占用至"), help_text=_("结束时间加缓冲时间"))
    status = models.CharField(_("状态"), max_length=16, choices=BookingStatus.choices, default="requested")
    purpose = models.TextField(_("用途说明"), max_length=2000, blank=True)
    sample_count = models.PositiveIntegerField(_("样品数"), default=0)
    # Frozen quote.
    price_tier = models.CharField(_("价格档"), max_length=16, choices=PriceTier.choices)
    unit = models.CharField(_("计价单位"), max_length=8, choices=PriceUnit.choices)
    unit_price = models.DecimalField(_("单价"), **MONEY)
    quantity = models.DecimalField(_("数量"), max_digits=9, decimal_places=2)
    amount = models.DecimalField(_("报价金额"), **MONEY)
    # Outcome.
    fee = models.DecimalField(_("违约费"), **MONEY, default=Decimal("0.00"))
    actual_start = models.DateTimeField(_("实际开始"), null=True, blank=True)
    actual_end = models.DateTimeField(_("实际结束"), null=True, blank=True)
    final_quantity = models.DecimalField(_("结算数量"), max_digits=9, decimal_places=2, null=True, blank=True)
    final_amount = models.DecimalField(_("结算金额"), **MONEY, null=True, blank=True)
    usage_note = models.TextField(_("使用记录"), max_length=4000, blank=True)
    reason = models.TextField(_("拒绝/取消原因"), max_length=2000, blank=True)
    series = models.ForeignKey(
        BookingSeries, models.SET_NULL, null=True, blank=True, related_name="bookings", verbose_name=_("重复预约")
    )
    operated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="operated_bookings",
        verbose_name=_("操作人"),
    )
    downtime = models.ForeignKey(
        Closure,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="cancelled_bookings",
        verbose_name=_("因停机取消"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)  # the dashboard roll-up reads changes by it

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        indexes = [models.Index(fields=["instrument", "start"]), models.Index(fields=["requester_org", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")) & Q(end__lte=models.F("blocked_until")),
                name="booking_start_before_end",
                violation_error_message=_("开始时间应早于结束时间。"),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(fee__gte=0) & Q(unit_price__gte=0) & Q(quantity__gte=0),
                name="booking_money_not_negative",
                violation_error_message=_("金额和数量不能为负数。"),
            ),
            models.CheckConstraint(
                condition=(Q(final_amount__isnull=True) | Q(final_amount__gte=0))
                & (Q(final_quantity__isnull=True) | Q(final_quantity__gte=0)),
                name="booking_final_money_not_negative",
                violation_error_message=_("结算金额和数量不能为负数。"),
            ),
        ]

    def __str__(self):
        return f"{self.instrument} {self.start:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("frontend:booking_detail", args=[self.pk])

    def clean(self):
        if self.start and self.end and self.start >= self.end:
            raise ValidationError({"end": _("结束时间应晚于开始时间。")})

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_BOOKING_STATUSES

    @property
    def amount_due(self) -> Decimal:
        """What the requester owes: the final amount once completed, the quote while live, nothing for a slot given
        up — plus any late-cancellation or no-show fee."""
        if self.status == BookingStatus.COMPLETED:
            base = self.final_amount
        elif self.is_live:
            base = self.amount
        else:
            base = Decimal("0.00")
        return base + self.fee


class BookingQuota(models.Model):
    """A fair-share limit (配额): how many hours or bookings one requesting organization may hold on an instrument
    per calendar week (Monday–Sunday) or month. Counted over live and completed bookings; the owner is exempt."""

    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="quotas")
    period = models.CharField(_("周期"), max_length=8, choices=QuotaPeriod.choices)
    max_hours = models.DecimalField(
        _("最多小时数"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    max_bookings = models.PositiveIntegerField(_("最多预约次数"), null=True, blank=True)

    class Meta:
        verbose_name = _("预约配额")
        verbose_name_plural = _("预约配额")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "period"], name="quota_unique_instrument_period"),
            models.CheckConstraint(
                condition=Q(max_hours__isnull=False) | Q(max_bookings__isnull=False),
                name="quota_has_a_limit",
                violation_error_message=_("请设置小时数或次数上限。"),
            ),
            models.CheckConstraint(
                condition=Q(max_hours__isnull=True) | Q(max_hours__gt=0),
                name="quota_hours_positive",
                violation_error_message=_("小时数上限须大于0。"),
            ),
        ]

    def __str__(self):
        return f"{self.instrument} {self.get_period_display()}"


class WaitlistEntry(models.Model):
    """A user waiting for a slot (候补): notified when a booking in their window is cancelled or rejected and a free
    interval of at least ``min_minutes`` appears. Notified once; they then book through the normal request."""

    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="waitlist")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="waitlist_entries")
    organization = models.ForeignKey(Organization, models.CASCADE, related_name="waitlist_entries")
    window_start = models.DateTimeField(_("期望开始"))
    window_end = models.DateTimeField(_("期望结束"))
    min_minutes = models.PositiveIntegerField(_("最短时长(分钟)"), default=60)
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(_("通知时间"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("候补登记")
        verbose_name_plural = _("候补登记")
        indexes = [models.Index(fields=["instrument", "notified_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_start__lt=models.F("window_end")),
                name="waitlist_window_start_before_end",
                violation_error_message=_("开始时间应早于结束时间。"),
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.instrument}"

    def clean(self):
        # The check constraint says the same on the form as a whole; here the error is on the field.
        if self.window_start and self.window_end and self.window_start >= self.window_end:
            raise ValidationError({"window_end": _("结束时间应晚于开始时间。")})


class BookingMonth(models.Model):
    """A row of the monthly roll-up the market dashboard reads instead of every booking (``instruments.rollup``):
    the bookings of one instrument whose slot starts in one local calendar month, by status and by whether the
    requester is another organization than the owner (对外服务). Derived data: ``manage.py booking_rollup rebuild``
    recomputes it from the bookings at any time."""

    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="+")
    month = models.DateField(_("月份"), help_text=_("当月第一天"))
    status = models.CharField(_("状态"), max_length=16, choices=BookingStatus.choices)
    external = models.BooleanField(_("对外服务"))
    bookings = models.PositiveIntegerField(_("预约数"))
    booked_hours = models.FloatField(_("预约机时"))
    used_hours = models.FloatField(_("使用机时"), help_text=_("按实际上下机时间，未记录时按预约时段"))
    billed = models.DecimalField(_("结算金额"), **MONEY)

    class Meta:
        ordering = ["month", "instrument", "status"]
        verbose_name = _("月度预约汇总")
        verbose_name_plural = _("月度预约汇总")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "month", "status", "external"], name="booking_month_unique")
        ]
        indexes = [models.Index(fields=["month", "instrument"])]

    def __str__(self):
        return f"{self.instrument_id} · {self.month:%Y-%m} · {self.status}"


class BookingRollupState(models.Model):
    """The one row that says up to when the roll-up has read booking changes (``updated_at``); its row lock
    serializes refreshes."""

    refreshed_at = models.DateTimeField(_("汇总时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("预约汇总状态")
        verbose_name_plural = _("预约汇总状态")

    def __str__(self):
        return f"{self.refreshed_at or '—'}"
