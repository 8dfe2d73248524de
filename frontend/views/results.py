"""科技成果: the results catalogue and a result's page (confidential details only after accepting the terms)."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import path

from tech_transfer.choices import TransferMode
from tech_transfer.models import Patent, Result
from tech_transfer.services import can_see_confidential

from ..forms import ResultFilterForm
from .base import PAGE_SIZE


def _mode_labels(modes) -> list[str]:
    labels = dict(TransferMode.choices)
    return [labels.get(mode, mode) for mode in modes or []]


def result_list(request):
    """科技成果: the results the visitor may see, newest first, filtered by tech field, chain, transfer mode and
    text, 20 per page."""
    form = ResultFilterForm(request.GET or None)
    results = form.filter(
        Result.objects.visible_to(request.user)
        .select_related("owner", "tech_field")
        .prefetch_related("industry_chains")
    )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    for result in page.object_list:
        result.mode_labels = _mode_labels(result.transfer_modes)
    return render(request, "frontend/result_list.html", {"form": form, "page_obj": page, "results": page.object_list})


def result_detail(request, pk):
    """A result: the public summary, TRL, transfer modes, price or 面议, patents and owner; its confidential details
    only for those ``can_see_confidential`` allows (owner, administrators, organizations that accepted the
    terms), otherwise a notice saying how they are unlocked."""
    result = get_object_or_404(
        Result.objects.visible_to(request.user)
        .select_related("owner__region", "tech_field")
        .prefetch_related("industry_chains", Prefetch("patents", Patent.objects.order_by("number")), "acceptances"),
        pk=pk,
    )
    return render(
        request,
        "frontend/result_detail.html",
        {
            "result": result,
            "mode_labels": _mode_labels(result.transfer_modes),
            "show_confidential": can_see_confidential(result, request.user),
        },
    )


urlpatterns = [
    path("results/", result_list, name="result_list"),
    path("results/<int:pk>/", result_detail, name="result_detail"),
]
