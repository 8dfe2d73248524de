from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    """Demands (企业出题), challenges (揭榜挂帅), proposals (院所解题) and evaluations (市场阅题)."""

    name = "demands"
    verbose_name = _("企业出题")
