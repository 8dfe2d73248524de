"""Alerts: when a demand opens, the institutes whose profile matches it best and the organizations whose saved
subscription matches it are notified. Saved searches are percolated on Elasticsearch/OpenSearch; the database
backend checks them directly (its equivalent). The notification names only the demand, never an anonymous demand's
firm."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from demands.models import Demand
from marketplace.models import Organization
from marketplace.services.notifications import notify, organization_recipients

from .backends import get_backend
from .documents import demand_document
from .matching import ALERT_LIMIT, ALERT_MIN_SHARE, match_institutes
from .models import SearchSubscription


@task()
def alert_for_demand(demand_id: int) -> int:
    demand = Demand.objects.select_related("firm").filter(pk=demand_id, status="open").first()
    if demand is None:
        return 0
    ranked = match_institutes(demand, limit=ALERT_LIMIT)
    # Scores are relative to the backend (BM25, ts_rank …): alert those close to the best, with real term matches.
    best = ranked[0]["score"] if ranked else 0
    chosen = {m["id"] for m in ranked if m["matched_terms"] and m["score"] >= ALERT_MIN_SHARE * best}
    doc = demand_document(demand)
    for subscription in SearchSubscription.objects.filter(pk__in=get_backend().matching_subscriptions(doc)):
        if not subscription.types or "demand" in subscription.types:
            chosen.add(subscription.organization_id)
    chosen.discard(demand.firm_id)
    with transaction.atomic():
        for organization in Organization.objects.filter(pk__in=chosen):
            notify(
                organization_recipients(organization),
                kind="demand.match",
                title=_("新需求与您匹配：%(t)s") % {"t": demand.title},
                body=_("截止日期 %(d)s") % {"d": demand.deadline},
                url=f"/api/v1/demands/{demand.pk}/",
                target=demand,
                organization=organization,
            )
    return len(chosen)


def on_demand_opened(sender, demand, **kwargs):
    transaction.on_commit(lambda: alert_for_demand.enqueue(demand.pk))
