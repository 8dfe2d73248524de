from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TechTransferConfig(AppConfig):
    """Results (科技成果), patents, inquiries (意向), auctions and technology contracts (技术合同)."""

    name = "tech_transfer"
    verbose_name = _("技术转移")

    def ready(self):
        from marketplace.services.records import register_edit_policy

        from .models import Result
        from .services import RESULT_EDIT_POLICY

        # Edits of a published listing go back to review, on the API and the pages alike (see the policy).
        register_edit_policy(Result, RESULT_EDIT_POLICY)
