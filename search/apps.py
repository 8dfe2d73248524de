from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search backends (database, Elasticsearch, OpenSearch), index documents, sync and matching."""

    name = "search"
    verbose_name = _("搜索与匹配")

    def ready(self):
        from .sync import connect

        connect()
