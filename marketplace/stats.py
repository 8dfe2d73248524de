"""Market figures for dashboards (``GET /api/v1/stats/``). Each app may add its own section with a ``stats`` module
exposing ``collect() -> dict``; this module gathers them so the participants app needs no knowledge of the others."""

from django.db.models import Count

from .extensions import MARKET_APPS, app_modules
from .models import Organization


def collect() -> dict:
    by_kind = dict(
        Organization.objects.filter(verified=True).values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    figures = {"organizations": {"verified_by_kind": by_kind, "total": sum(by_kind.values())}}
    for app, module in app_modules("stats", apps=MARKET_APPS[1:]):
        figures[app] = module.collect()
    return figures
