"""Choice sets of the sharing app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuntimeKind(models.TextChoices):
    """What an instrument's running time was used for (机时类型)."""

    OWN_USE = "own_use", _("自用")
    EXTERNAL = "external", _("对外服务")
    TEACHING = "teaching", _("教学")


class RuntimeSource(models.TextChoices):
    MANUAL = "manual", _("手工录入")
    CSV = "csv", _("CSV 导入")


class FundingSource(models.TextChoices):
    """资金来源 as the national platform records it."""

    CENTRAL = "central", _("中央财政")
    LOCAL = "local", _("地方财政")
    SELF = "self", _("单位自筹")
    OTHER = "other", _("其他")


class SharingMode(models.TextChoices):
    """共享模式."""

    EXTERNAL = "external", _("对外共享")
    INTERNAL = "internal", _("内部共享")
    NOT_SHARED = "not_shared", _("不共享")


class CustomsStatus(models.TextChoices):
    """海关监管状态 (duty-free imports stay under customs supervision for a period)."""

    NONE = "none", _("非海关监管")
    SUPERVISED = "supervised", _("海关监管中")
    RELEASED = "released", _("已解除监管")


class ReminderKind(models.TextChoices):
    """Kinds of reminder; session reminders carry their offset (``session_24h``), see ``services.reminders``."""

    APPROVAL = "approval", _("待审批提醒")
