"""Market figures for dashboards (``GET /api/v1/stats/`` and the 市场监测 pages). Each app may add its own section
with a ``stats`` module exposing ``collect(filters, *, detail=False, user=None) -> dict``; this module gathers them so
the participants app needs no knowledge of the others. The filters (period, region, top N) are
``marketplace.dashboard.DashboardFilters``; ``detail`` adds what only the administrators' page shows."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import get_language

from .dashboard import DashboardFilters
from .extensions import MARKET_APPS, app_modules
from .models import Organization


def collect(filters: DashboardFilters | None = None, *, detail: bool = False, user=None) -> dict:
    """The market's figures under ``filters``. The public figures (not ``detail``, which depends on the user) are
    kept in the cache for ``MARKET_STATS_CACHE_SECONDS`` when that setting is above 0 (default: off, always fresh)."""
    filters = filters or DashboardFilters.default()
    seconds = getattr(settings, "MARKET_STATS_CACHE_SECONDS", 0)
    if detail or not seconds:
        return _collect(filters, detail=detail, user=user)
    key = (
        "market-stats:"
        + hashlib.sha256(json.dumps([filters.as_dict(), get_language()], sort_keys=True).encode()).hexdigest()
    )
    figures = cache.get(key)
    if figures is None:
        figures = _collect(filters, detail=False, user=user)
        cache.set(key, figures, seconds)
    return figures


def _collect(filters: DashboardFilters, *, detail: bool, user) -> dict:
    by_kind = dict(
        Organization.objects.filter(verified=True).values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    figures = {
        "filters": filters.as_dict(),
        "organizations": {"verified_by_kind": by_kind, "total": sum(by_kind.values())},
    }
    for app, module in app_modules("stats", apps=MARKET_APPS[1:]):
        figures[app] = module.collect(filters, detail=detail, user=user)
    return figures
