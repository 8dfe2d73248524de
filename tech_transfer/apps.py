from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TechTransferConfig(AppConfig):
    """Results (科技成果), patents, inquiries (意向), auctions and technology contracts (技术合同)."""

    name = "tech_transfer"
    verbose_name = _("技术转移")
