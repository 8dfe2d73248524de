"""Choice sets of the instruments app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentCategory(models.TextChoices):
    """The national large-instrument classification (大型科研仪器分类)."""

    ANALYTICAL = "analytical", _("分析仪器")
    PHYSICAL_PROPERTY = "physical_property", _("物理性能测试仪器")
    METROLOGY = "metrology", _("计量仪器")
    ELECTRONIC_MEASUREMENT = "electronic_measurement", _("电子测量仪器")
    SPECIAL_INSPECTION = "special_inspection", _("特种检测仪器")
    LASER = "laser", _("激光器")
    PROCESS_TEST = "process_test", _("工艺试验仪器")
    MEDICAL_RESEARCH = "medical_research", _("医学科研仪器")
    COMPUTING = "computing", _("计算机及其配套设备")
    OTHER = "other", _("其他")


class InstrumentStatus(models.TextChoices):
    ACTIVE = "active", _("运行中")
    MAINTENANCE = "maintenance", _("维护中")
    RETIRED = "retired", _("已停用")


class BookingMode(models.TextChoices):
    SELF_OPERATED = "self_operated", _("自主上机")
    SAMPLE_TESTING = "sample_testing", _("送样检测")


class ApprovalMode(models.TextChoices):
    AUTO = "auto", _("自动确认")
    OWNER = "owner", _("管理员审核")


class PriceUnit(models.TextChoices):
    HOUR = "hour", _("小时")
    SAMPLE = "sample", _("样品")
    DAY = "day", _("天")


class PriceTier(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业价")
    ACADEMIC = "academic", _("院所价")
    INTERNAL = "internal", _("内部价")


class QuotaPeriod(models.TextChoices):
    WEEK = "week", _("每周")
    MONTH = "month", _("每月")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    IN_PROGRESS = "in_progress", _("使用中")
    COMPLETED = "completed", _("已完成")
    CANCELLED = "cancelled", _("已取消")
    REJECTED = "rejected", _("已拒绝")
    NO_SHOW = "no_show", _("爽约")


#: Bookings that hold their time slot (the overlap rule applies to these).
LIVE_BOOKING_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED, BookingStatus.IN_PROGRESS)

#: The booking lifecycle as data (DESIGN §3): from-state → allowed to-states.
BOOKING_PIPELINE = {
    BookingStatus.REQUESTED: {BookingStatus.CONFIRMED, BookingStatus.CANCELLED, BookingStatus.REJECTED},
    BookingStatus.CONFIRMED: {
        BookingStatus.IN_PROGRESS,
        BookingStatus.CANCELLED,
        BookingStatus.REJECTED,
        BookingStatus.NO_SHOW,
    },
    BookingStatus.IN_PROGRESS: {BookingStatus.COMPLETED},
}


class ClosureKind(models.TextChoices):
    """Why an instrument cannot be booked: a planned closure (holidays, calibration) set with the opening hours, or a
    downtime the owner declares — maintenance (维护) or a fault (故障) — that cancels the bookings it hits."""

    CLOSURE = "closure", _("停机时段")
    MAINTENANCE = "maintenance", _("维护")
    FAULT = "fault", _("故障")


#: Closure kinds that are downtimes (declared through ``instruments.downtime``, which cancels what they hit).
DOWNTIME_KINDS = (ClosureKind.MAINTENANCE, ClosureKind.FAULT)


class SeriesFrequency(models.TextChoices):
    """How a recurring booking (重复预约) repeats."""

    DAILY = "daily", _("每天")
    WEEKLY = "weekly", _("每周")


class SeriesConflictPolicy(models.TextChoices):
    """What to do with occurrences of a series that cannot be booked."""

    SKIP = "skip", _("跳过冲突的日期")
    REFUSE = "refuse", _("有冲突则整体不预约")


#: The kinds a downtime may be declared as, as form / API choices.
DOWNTIME_KIND_CHOICES = [(kind.value, kind.label) for kind in DOWNTIME_KINDS]
