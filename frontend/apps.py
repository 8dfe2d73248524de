from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontendConfig(AppConfig):
    """Server-rendered pages, static assets and translations."""

    name = "frontend"
    verbose_name = _("前台页面")
