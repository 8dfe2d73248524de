from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Matchmaking events (推介会 / 对接会): roadshows, demand matchmaking, challenge launches; registration,
    check-in, one-to-one meetings and the leads they turn into."""

    # The package is not called ``events``: a top-level ``events`` module would shadow the ``Events`` package that
    # opensearch-py imports (``from events import Events``). The label keeps the tables and migrations' name.
    name = "matchmaking"
    label = "events"
    verbose_name = _("对接活动")
