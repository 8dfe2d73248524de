from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    """Demands (企业出题), challenges (揭榜挂帅), proposals (院所解题) and evaluations (市场阅题)."""

    name = "demands"
    verbose_name = _("企业出题")

    def ready(self):
        from marketplace.services.records import register_edit_policy

        from .models import Demand
        from .services import DEMAND_EDIT_POLICY

        # Edits of a published listing go back to review, on the API and the pages alike (see the policy).
        register_edit_policy(Demand, DEMAND_EDIT_POLICY)
