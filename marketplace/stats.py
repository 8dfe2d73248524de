"""Market figures for dashboards (``GET /api/v1/stats/``). Each app may add its own section with a ``stats`` module
exposing ``collect() -> dict``; this module gathers them so the participants app needs no knowledge of the others."""

from importlib import import_module

from django.db.models import Count

from .models import Organization

STATS_APPS = ["instruments", "tech_transfer", "demands", "vouchers", "search"]


def collect() -> dict:
    by_kind = dict(
        Organization.objects.filter(verified=True).values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    figures = {"organizations": {"verified_by_kind": by_kind, "total": sum(by_kind.values())}}
    for app in STATS_APPS:
        try:
            module = import_module(f"{app}.stats")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.stats":
                raise
            continue
        figures[app] = module.collect()
    return figures
