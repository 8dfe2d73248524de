from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VouchersConfig(AppConfig):
    """Voucher programmes, grants, the voucher ledger, claims, settlements and PDF statements."""

    name = "vouchers"
    verbose_name = _("创新券")

    def ready(self):
        from .receivers import connect

        connect()
