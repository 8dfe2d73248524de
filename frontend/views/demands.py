"""企业需求: the demands catalogue and a demand's page (anonymous firms hidden; the best matching institutes)."""

import logging

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone

from demands.models import Demand
from search.matching import match_institutes

from ..forms import DemandFilterForm
from .base import PAGE_SIZE

logger = logging.getLogger(__name__)

MATCH_LIMIT = 5


def demand_list(request):
    """企业需求: the demands the visitor may see, filtered by risk class, challenge and industry chain, 20 per page.
    An anonymous demand's firm is named only to those allowed to know it."""
    form = DemandFilterForm(request.GET or None)
    demands = form.filter(
        Demand.objects.visible_to(request.user).select_related("firm", "industry_chain", "tech_field")
    )
    page = Paginator(demands, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for demand in page.object_list:
        demand.shown_firm = demand.firm if demand.firm_visible_to(request.user) else None
        demand.days_left = (demand.deadline - today).days
    return render(request, "frontend/demand_list.html", {"form": form, "page_obj": page, "demands": page.object_list})


def _matches(demand) -> list[dict] | None:
    """The five best matching institutes, or None if the search engine failed (the box is then left out)."""
    try:
        matches = match_institutes(demand, limit=MATCH_LIMIT)
    except Exception:
        logger.exception("demand page: matching demand %s failed", demand.pk)
        return None
    for match in matches:
        match["url"] = reverse("frontend:organization_detail", args=[match["id"]])
        because = match.get("because_of") or {}
        match["results"] = [
            {**r, "url": reverse("frontend:result_detail", args=[r["id"]])} for r in because.get("results", [])
        ]
        match["instruments"] = [
            {**i, "url": reverse("frontend:instrument_detail", args=[i["id"]])} for i in because.get("instruments", [])
        ]
    return matches


def demand_detail(request, pk):
    """A demand: problem, target indicators, budget or 面议, deadline, risk class, challenge bounty; the firm, or
    匿名企业 for an anonymous demand unless the visitor may know it; and the best matching institutes."""
    demand = get_object_or_404(
        Demand.objects.visible_to(request.user).select_related("firm__region", "industry_chain", "tech_field"),
        pk=pk,
    )
    firm = demand.firm if demand.firm_visible_to(request.user) else None
    return render(
        request,
        "frontend/demand_detail.html",
        {
            "demand": demand,
            "firm": firm,
            "days_left": (demand.deadline - timezone.localdate()).days,
            "matches": _matches(demand),
        },
    )


urlpatterns = [
    path("demands/", demand_list, name="demand_list"),
    path("demands/<int:pk>/", demand_detail, name="demand_detail"),
]
