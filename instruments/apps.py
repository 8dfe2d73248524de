from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    """Instrument catalogue, service items and prices, opening hours, closures, qualifications, bookings."""

    name = "instruments"
    verbose_name = _("仪器共享")
