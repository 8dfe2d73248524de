"""The market's catalogue pages: search, shared instruments, results (科技成果) and demands (企业出题).

All of them only read. Lists and details go through each model's ``visible_to(user)`` (404 for what the visitor may
not see), lists are paginated with a number of queries that does not grow with the rows shown, and an anonymous
demand's firm is shown only to those ``Demand.firm_visible_to`` allows.
"""

import logging
import re
from datetime import time, timedelta
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from demands.choices import RiskClass
from demands.models import Demand
from instruments.choices import InstrumentCategory, InstrumentStatus
from instruments.models import Instrument, ServiceItem
from instruments.rules import at
from instruments.services import available_slots
from marketplace.filtersets import region_prefix
from marketplace.models import IndustryChain, Region, TechField
from search.backends import get_backend
from search.backends.base import PRICE_RANGES, SORTS, SearchQuery
from search.matching import match_institutes
from tech_transfer.choices import TransferMode
from tech_transfer.models import Patent, Result
from tech_transfer.services import can_see_confidential

from .forms import DemandFilterForm, InstrumentFilterForm, ResultFilterForm
from .templatetags.frontend_tags import loc_name

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
SLOT_DAYS = 7
MATCH_LIMIT = 5
MAX_SEARCH_PAGE = 50
MAX_QUERY_LENGTH = 200

# --------------------------------------------------------------------------------------------------------- search

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
    "price_range": gettext_lazy("价格区间"),
}
# Query parameter of each facet on this page (the price range is chosen by its label, e.g. ``500-2000``).
FACET_PARAMS = {name: name for name in FACET_TITLES} | {"price_range": "price"}
CODE = re.compile(r"^[\w-]{1,40}$")


def _price_label(label: str) -> str:
    for low, high, key in PRICE_RANGES:
        if key == label:
            if not low:
                return _("%(high)s 元以下") % {"high": f"{high:,}"}
            if high is None:
                return _("%(low)s 元以上") % {"low": f"{low:,}"}
            return _("%(low)s–%(high)s 元") % {"low": f"{low:,}", "high": f"{high:,}"}
    return label


def _search_params(request) -> dict:
    """The page's valid parameters (unknown or malformed values are dropped)."""
    get = request.GET
    params = {"q": get.get("q", "").strip()[:MAX_QUERY_LENGTH]}
    if get.get("type") in dict(SEARCH_TYPES) and get.get("type"):
        params["type"] = get["type"]
    if get.get("sort") in SORTS and get.get("sort") != "relevance":
        params["sort"] = get["sort"]
    for name in ("industry_chain", "tech_field"):
        if CODE.match(get.get(name, "")):
            params[name] = get[name]
    if re.fullmatch(r"\d{6}", get.get("region", "")):
        params["region"] = get["region"]
    if get.get("category") in InstrumentCategory.values:
        params["category"] = get["category"]
    if get.get("voucher_eligible") in ("true", "false"):
        params["voucher_eligible"] = get["voucher_eligible"]
    if get.get("risk_class") in RiskClass.values:
        params["risk_class"] = get["risk_class"]
    if get.get("price") in {label for _low, _high, label in PRICE_RANGES}:
        params["price"] = get["price"]
    return {k: v for k, v in params.items() if v}


def _backend_filters(params: dict) -> dict:
    filters = {
        name: params[name]
        for name in ("industry_chain", "tech_field", "region", "category", "voucher_eligible", "risk_class")
        if name in params
    }
    for low, high, label in PRICE_RANGES:
        if params.get("price") == label:
            filters["price_min"] = low
            if high is not None:
                filters["price_max"] = high - 0.01  # ranges are [low, high); prices have two decimals
    return filters


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
    params = _search_params(request)
    doc_type = params.get("type", "")
    filters = _backend_filters(params)
    try:
        number = min(max(int(request.GET.get("page", 1)), 1), MAX_SEARCH_PAGE)
    except ValueError:
        number = 1
    query = SearchQuery(
        text=params.get("q", ""),
        types=(doc_type,) if doc_type else (),
        filters=filters,
        sort=params.get("sort", "relevance"),
        offset=(number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
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


# ---------------------------------------------------------------------------------------------------- instruments


def _active_items():
    return Prefetch("service_items", ServiceItem.objects.filter(active=True).order_by("price_enterprise", "id"))


def instrument_list(request):
    """仪器共享: the instruments the visitor may see, filtered by category, voucher eligibility, owner region and
    text, 20 per page, each with its lowest enterprise price."""
    visible = Instrument.objects.visible_to(request.user)
    regions = Region.objects.filter(organizations__instruments__in=visible).select_related("parent__parent").distinct()
    form = InstrumentFilterForm(request.GET or None, regions=regions)
    instruments = form.filter(visible.select_related("owner__region").prefetch_related(_active_items()))
    page = Paginator(instruments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "frontend/instrument_list.html",
        {"form": form, "page_obj": page, "instruments": page.object_list},
    )


def _week_of_slots(instrument, now=None) -> list[dict]:
    """The free intervals of the next ``SLOT_DAYS`` local days (today first), split at midnight."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    slots = available_slots(instrument, now, at(today + timedelta(days=SLOT_DAYS), time.min), now=now)
    days = []
    for offset in range(SLOT_DAYS):
        day = today + timedelta(days=offset)
        day_start, day_end = at(day, time.min), at(day + timedelta(days=1), time.min)
        pieces = [
            {
                "start": timezone.localtime(max(start, day_start)),
                "end": timezone.localtime(min(end, day_end)),
                "to_midnight": end >= day_end,
            }
            for start, end in slots
            if start < day_end and end > day_start
        ]
        days.append({"date": day, "weekday": WEEKDAYS[day.weekday()], "today": offset == 0, "slots": pieces})
    return days


def _opening_table(instrument) -> list[dict]:
    by_day: dict[int, list] = {}
    for window in instrument.opening_hours.all():
        by_day.setdefault(window.weekday, []).append(window)
    return [
        {
            "weekday": WEEKDAYS[day],
            "windows": [
                {"start": w.start, "end": w.end, "to_midnight": w.end == time.min}
                for w in sorted(by_day.get(day, []), key=lambda w: w.start)
            ],
        }
        for day in range(7)
    ]


def instrument_detail(request, pk):
    """An instrument: specifications, capabilities, sample requirements, service items with the three tier prices,
    opening hours, the free time of the next seven days, its owner and how to book it."""
    instrument = get_object_or_404(
        Instrument.objects.visible_to(request.user)
        .select_related("owner__region")
        .prefetch_related("opening_hours", _active_items()),
        pk=pk,
    )
    bookable = instrument.status == InstrumentStatus.ACTIVE
    specs = instrument.specs if isinstance(instrument.specs, dict) else {}
    return render(
        request,
        "frontend/instrument_detail.html",
        {
            "instrument": instrument,
            "specs": list(specs.items()),
            "service_items": list(instrument.service_items.all()),
            "opening": _opening_table(instrument),
            "week": _week_of_slots(instrument) if bookable else [],
            "bookable": bookable,
            "slot_days": SLOT_DAYS,
        },
    )


# -------------------------------------------------------------------------------------------------------- results


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


# -------------------------------------------------------------------------------------------------------- demands


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
