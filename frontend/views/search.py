"""搜索: full-text search over instruments, results, demands and institutes through the configured search backend."""

import logging
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from demands.choices import RiskClass
from demands.models import Demand
from instruments.choices import InstrumentCategory
from marketplace.filtersets import region_prefix
from marketplace.models import IndustryChain, Region, TechField
from search import params as search_params
from search.backends import get_backend
from search.backends.base import PRICE_RANGES, SearchQuery
from tech_transfer.choices import EvaluationGrade

from ..templatetags.frontend_tags import loc_name
from .base import PAGE_SIZE

logger = logging.getLogger(__name__)

MAX_SEARCH_PAGE = 50

SEARCH_TYPES = [
    ("", gettext_lazy("全部")),
    ("instrument", gettext_lazy("仪器")),
    ("result", gettext_lazy("成果")),
    ("demand", gettext_lazy("需求")),
    ("institute", gettext_lazy("机构")),
]
SORT_LABELS = {
    "relevance": gettext_lazy("相关度"),
    "newest": gettext_lazy("最新发布"),
    "price_asc": gettext_lazy("价格从低到高"),
    "price_desc": gettext_lazy("价格从高到低"),
}
FACET_TITLES = {
    "industry_chain": gettext_lazy("产业链"),
    "tech_field": gettext_lazy("技术领域"),
    "region": gettext_lazy("所在地区"),
    "category": gettext_lazy("仪器分类"),
    "voucher_eligible": gettext_lazy("创新券"),
    "risk_class": gettext_lazy("风险等级"),
    "evaluation": gettext_lazy("成果评价"),
    "price_range": gettext_lazy("价格区间"),
}
# Query parameter of each facet on this page (the price range is chosen by its label, e.g. ``500-2000``).
FACET_PARAMS = {name: name for name in FACET_TITLES}


def _price_label(label: str) -> str:
    for low, high, key in PRICE_RANGES:
        if key == label:
            if not low:
                return _("%(high)s 元以下") % {"high": f"{high:,}"}
            if high is None:
                return _("%(low)s 元以上") % {"low": f"{low:,}"}
            return _("%(low)s–%(high)s 元") % {"low": f"{low:,}", "high": f"{high:,}"}
    return label


def _search_params(request) -> tuple[dict, dict]:
    """``(validated, params)`` through the API's own parser (search.params), leniently: a malformed value in a
    shared link is dropped; ``params`` are the valid raw values, for the page's links. The page shows one type."""
    data = {k: v.strip() for k, v in request.GET.items() if k in search_params.SearchParamsSerializer().fields}
    data.pop("page_size", None)
    if "," in data.get("type", ""):
        data.pop("type")
    validated, params = search_params.validate(data, lenient=True)
    params.pop("page", None)
    if params.get("sort") == "relevance":
        params.pop("sort")
    return validated, params


def _url(params: dict, **changes) -> str:
    merged = {**params, **changes}
    merged.pop("page", None)
    return "?" + urlencode({k: v for k, v in merged.items() if v})


def _facet_labels(facets: dict) -> dict:
    """Display names of the facet values on this page: taxonomy and region names (three queries), choice labels."""
    chains = IndustryChain.objects.in_bulk(list(facets.get("industry_chain", {})))
    fields = TechField.objects.in_bulk(list(facets.get("tech_field", {})))
    regions = Region.objects.in_bulk(list(facets.get("region", {})))
    return {
        "industry_chain": {code: loc_name(term) for code, term in chains.items()},
        "tech_field": {code: loc_name(term) for code, term in fields.items()},
        "region": {code: loc_name(region) for code, region in regions.items()},
        "category": dict(InstrumentCategory.choices),
        "voucher_eligible": {"true": _("可用创新券"), "false": _("不可用创新券")},
        "risk_class": dict(RiskClass.choices),
        "evaluation": dict(EvaluationGrade.choices),
        "price_range": {label: _price_label(label) for _low, _high, label in PRICE_RANGES},
    }


def _facet_groups(facets: dict, params: dict) -> list[dict]:
    labels = _facet_labels(facets)
    groups = []
    for name, title in FACET_TITLES.items():
        param = FACET_PARAMS[name]
        values = dict(facets.get(name, {}))
        selected = params.get(param)
        if selected and selected not in values:
            values[selected] = 0
        if name == "region":  # nested divisions: province, its cities, their counties
            ordered = sorted(values.items())
        elif name == "price_range":
            order = [label for _low, _high, label in PRICE_RANGES]
            ordered = sorted(values.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
        else:
            ordered = list(values.items())
        items = [
            {
                "label": labels[name].get(value, value),
                "count": count,
                "selected": value == selected,
                "url": _url(params, **{param: None if value == selected else value}),
                "level": len(region_prefix(value)) // 2 - 1 if name == "region" else 0,
            }
            for value, count in ordered
        ]
        if items:
            groups.append({"name": name, "title": title, "items": items})
    return groups


def _detail_url(doc_type: str, object_id: int) -> str:
    name = {
        "instrument": "frontend:instrument_detail",
        "result": "frontend:result_detail",
        "demand": "frontend:demand_detail",
        "institute": "frontend:organization_detail",
    }[doc_type]
    return reverse(name, args=[object_id])


def _hit_rows(hits, *, user) -> list[dict]:
    """What the page shows of each hit. Highlights are HTML the backend escaped (and marked with <em> where the
    query's terms occur).
    A demand's firm is shown from the database, and only if the visitor may know it."""
    type_labels = dict(SEARCH_TYPES)
    demand_ids = [h.object_id for h in hits if h.type == "demand"]
    demands = Demand.objects.select_related("firm").in_bulk(demand_ids) if demand_ids else {}
    categories = dict(InstrumentCategory.choices)
    risks = dict(RiskClass.choices)
    rows = []
    for hit in hits:
        facets = hit.facets or {}
        row = {
            "type": hit.type,
            "type_label": type_labels.get(hit.type, hit.type),
            "url": _detail_url(hit.type, hit.object_id),
            "title": hit.title,
            "highlight": mark_safe(hit.highlight),
            "price": facets.get("price"),
            "owner": None,
            "owner_url": None,
            "category": categories.get(facets.get("category")) if hit.type == "instrument" else None,
            "voucher_eligible": hit.type == "instrument" and facets.get("voucher_eligible") is True,
            "risk_class": facets.get("risk_class") if hit.type == "demand" else None,
            "risk_label": risks.get(facets.get("risk_class")),
            "challenge": hit.type == "demand" and facets.get("challenge") is True,
            "deadline": facets.get("deadline") if hit.type == "demand" else None,
        }
        if hit.type in ("instrument", "result") and facets.get("owner"):
            row["owner"] = facets.get("owner_name")
            row["owner_url"] = reverse("frontend:organization_detail", args=[facets["owner"]])
        elif hit.type == "demand":
            demand = demands.get(hit.object_id)
            if demand is not None and demand.firm_visible_to(user):
                row["owner"] = loc_name(demand.firm)
            elif demand is not None:
                row["owner"] = _("匿名企业")
        rows.append(row)
    return rows


def search(request):
    """搜索: full-text search over instruments, results, demands and institutes through the configured search
    backend, with type tabs, facets (counts per value; a click filters, a second click removes the filter),
    highlights and pagination. A search outage shows a notice instead of an error page."""
    validated, params = _search_params(request)
    doc_type = params.get("type", "")
    number = min(validated["page"], MAX_SEARCH_PAGE)
    query = search_params.build_query(validated, page=number, page_size=PAGE_SIZE)
    filters = query.filters
    context = {"params": params, "doc_type": doc_type, "search_error": False}
    try:
        backend = get_backend()
        results = backend.search(query)
        pages = Paginator(range(min(results.total, MAX_SEARCH_PAGE * PAGE_SIZE)), PAGE_SIZE)
        page = pages.get_page(number)
        if page.number != number and results.total:  # past the last page: show the last one
            query.offset = (page.number - 1) * PAGE_SIZE
            results = backend.search(query)
        type_counts = results.facets.get("type", {})
        if doc_type:  # the tabs count every type, whatever tab is open
            everything = SearchQuery(text=query.text, filters=filters, limit=0)
            type_counts = backend.search(everything).facets.get("type", {})
    except Exception:  # the search engine is down or misconfigured: the rest of the site keeps working
        logger.exception("search page: the search backend failed")
        context["search_error"] = True
        return render(request, "frontend/search.html", {**context, "tabs": [], "groups": [], "hits": []})
    context.update(
        page_obj=page,
        total=results.total,
        hits=_hit_rows(results.hits, user=request.user),
        groups=_facet_groups(results.facets, params),
        tabs=[
            {
                "value": value,
                "label": label,
                "count": sum(type_counts.values()) if not value else type_counts.get(value, 0),
                "selected": value == doc_type,
                "url": _url(params, type=value or None),
            }
            for value, label in SEARCH_TYPES
        ],
        sorts=[
            {"label": label, "selected": key == params.get("sort", "relevance"), "url": _url(params, sort=key)}
            for key, label in SORT_LABELS.items()
        ],
        active_filters=any(FACET_PARAMS[name] in params for name in FACET_TITLES),
        clear_url=_url({k: v for k, v in params.items() if k in ("q", "type")}),
    )
    return render(request, "frontend/search.html", context)


urlpatterns = [
    path("search/", search, name="search"),
]
