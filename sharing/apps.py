from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    """Open sharing as facilities run it: service ratings (服务评价), reminders, runtime records (机时记录), the
    national platform's records and export (国家网络管理平台) and the yearly sharing assessment (开放共享评价考核)."""

    name = "sharing"
    verbose_name = _("开放共享")
