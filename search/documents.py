"""How each searchable object becomes a document. The same dict goes to every backend:

``{"doc_id", "type", "object_id", "title", "text", "tokens", "facets", "public", "sort_date"}``

Only public information goes in: results without their confidential details, demands without the firm when the
demand is anonymous, instruments of verified owners. Objects that are not public are removed from the index.
"""

import hashlib
import json
from decimal import Decimal

from django.db.models import Avg, Min, Prefetch

from demands.choices import DemandStatus, ProposalStatus
from demands.models import Demand, Evaluation
from instruments.models import Instrument, ServiceItem
from marketplace.choices import OrganizationKind
from marketplace.models import Organization
from tech_transfer.choices import EvaluationStatus, ResultStatus, TransferMode
from tech_transfer.models import Result, ResultEvaluation

from .analysis import index_tokens, tokens_text

TYPES = ("instrument", "result", "demand", "institute")
PROFILE_KINDS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)


def _region_codes(organization) -> list[str]:
    return organization.region.ancestor_codes() if organization.region_id else []


def _price(value) -> float | None:
    return float(value) if value is not None else None


def _finish(doc: dict, *, title_text: str, body_text: str, key_text: str = "") -> dict:
    """Field weights by repetition (BM25 term frequency): the title (and keywords) twice, the key field
    (capabilities, expertise) twice, the rest of the text — where title and keywords appear again — once."""
    tokens = index_tokens(title_text) * 2 + index_tokens(body_text)
    if key_text:
        tokens += index_tokens(key_text)
    doc["tokens"] = tokens_text(tokens)
    payload = json.dumps({k: doc[k] for k in ("title", "text", "tokens", "facets", "public")}, sort_keys=True,
                         ensure_ascii=False, default=str)  # fmt: skip
    doc["checksum"] = hashlib.sha256(payload.encode()).hexdigest()
    return doc


# --- instruments ----------------------------------------------------------------------------------------------------


def instruments_queryset():
    return Instrument.objects.select_related("owner__region__parent__parent").prefetch_related(
        "owner__industry_chains",
        "owner__tech_fields",
        Prefetch("service_items", ServiceItem.objects.filter(active=True)),
    )


def instrument_document(instrument) -> dict:
    owner = instrument.owner
    items = list(instrument.service_items.all())
    prices = [item.price_enterprise for item in items]
    title = f"{instrument.name} {instrument.model_number}".strip()
    # What the instrument does; its owner's name and the generic category stay out of the tokens (shown, not
    # searched), so a demand naming a lab or a city does not match every instrument of that owner.
    searched = " ".join(
        filter(
            None,
            [
                instrument.name,
                instrument.name_en,
                instrument.model_number,
                instrument.manufacturer,
                instrument.capabilities,
                " ".join(f"{k} {v}" for k, v in (instrument.specs or {}).items()),
                instrument.sample_requirements,
                " ".join(item.name for item in items),
            ],
        )
    )
    text = " ".join(filter(None, [searched, instrument.get_category_display(), owner.name]))
    doc = {
        "doc_id": f"instrument:{instrument.pk}",
        "type": "instrument",
        "object_id": instrument.pk,
        "title": title,
        "text": text,
        "facets": {
            "owner": owner.pk,
            "owner_name": owner.name,
            "category": instrument.category,
            "status": instrument.status,
            "voucher_eligible": instrument.voucher_eligible,
            "region": _region_codes(owner),
            "industry_chain": sorted(c.code for c in owner.industry_chains.all()),
            "tech_field": sorted(f.code for f in owner.tech_fields.all()),
            "price": _price(min(prices) if prices else None),
        },
        "public": owner.verified and instrument.status != "retired",
        "sort_date": instrument.created_at,
    }
    return _finish(doc, title_text=title, body_text=searched, key_text=instrument.capabilities)


# --- results --------------------------------------------------------------------------------------------------------


def results_queryset():
    issued = ResultEvaluation.objects.filter(status=EvaluationStatus.ISSUED).order_by("-issued_at", "-id")
    return Result.objects.select_related("owner__region__parent__parent", "tech_field").prefetch_related(
        "industry_chains", "patents", Prefetch("evaluations", issued.only("result_id", "grade"), to_attr="issued")
    )


def result_document(result) -> dict:
    modes = dict(TransferMode.choices)
    text = " ".join(
        [
            result.title,
            result.abstract,
            " ".join(result.keywords or []),
            " ".join(str(modes.get(m, m)) for m in result.transfer_modes or []),
            " ".join(" ".join(p.ipc_codes or []) + f" {p.number}" for p in result.patents.all()),
            result.tech_field.name,
            result.owner.name,
        ]
    )
    doc = {
        "doc_id": f"result:{result.pk}",
        "type": "result",
        "object_id": result.pk,
        "title": result.title,
        "text": text,
        "facets": {
            "owner": result.owner_id,
            "owner_name": result.owner.name,
            "tech_field": [result.tech_field_id],
            "industry_chain": sorted(c.code for c in result.industry_chains.all()),
            "region": _region_codes(result.owner),
            "trl": result.trl,
            "transfer_modes": list(result.transfer_modes or []),
            "price": _price(result.price),
            "status": result.status,
        },
        "public": result.status in (ResultStatus.PUBLISHED, ResultStatus.TRANSFERRED),
        "sort_date": result.published_at,
    }
    # The grade of the latest issued evaluation report (a facet and a matching signal); absent when never evaluated,
    # so the documents of unevaluated results keep their checksums.
    issued = getattr(result, "issued", None)
    if issued is None:
        issued = list(result.evaluations.filter(status=EvaluationStatus.ISSUED).order_by("-issued_at", "-id")[:1])
    if issued:
        doc["facets"]["evaluation"] = issued[0].grade
    return _finish(doc, title_text=f"{result.title} {' '.join(result.keywords or [])}", body_text=text)


# --- demands --------------------------------------------------------------------------------------------------------


def demands_queryset():
    return Demand.objects.select_related("firm__region__parent__parent", "tech_field", "industry_chain")


def demand_document(demand) -> dict:
    # An anonymous demand's document carries nothing about its firm: no name, no id, no region.
    firm = None if demand.anonymous else demand.firm
    text = " ".join(
        filter(
            None,
            [
                demand.title,
                demand.problem,
                demand.target_indicators,
                demand.get_risk_class_display(),
                demand.industry_chain.name if demand.industry_chain_id else "",
                demand.tech_field.name,
                "揭榜挂帅" if demand.is_challenge else "",
                firm.name if firm else "",
            ],
        )
    )
    doc = {
        "doc_id": f"demand:{demand.pk}",
        "type": "demand",
        "object_id": demand.pk,
        "title": demand.title,
        "text": text,
        "facets": {
            "firm": firm.pk if firm else None,
            "firm_name": firm.name if firm else None,
            "industry_chain": [demand.industry_chain_id] if demand.industry_chain_id else [],
            "tech_field": [demand.tech_field_id],
            "region": _region_codes(firm) if firm else [],
            "risk_class": demand.risk_class,
            "challenge": demand.is_challenge,
            "status": demand.status,
            "deadline": demand.deadline.isoformat(),
            "price": _price(demand.budget_max),
        },
        "public": demand.status in (DemandStatus.OPEN, DemandStatus.IN_COOPERATION, DemandStatus.SOLVED),
        "sort_date": demand.published_at,
    }
    return _finish(doc, title_text=demand.title, body_text=text)


# --- institute profiles ---------------------------------------------------------------------------------------------


def institutes_queryset():
    return (
        Organization.objects.filter(kind__in=PROFILE_KINDS)
        .select_related("region__parent__parent")
        .prefetch_related(
            "industry_chains",
            "tech_fields",
            Prefetch("results", Result.objects.filter(status__in=[ResultStatus.PUBLISHED, ResultStatus.TRANSFERRED])),
            Prefetch("instruments", Instrument.objects.exclude(status="retired")),
        )
    )


def institute_document(organization) -> dict:
    """The institute with what it publishes, owns and has delivered (solved demands and their ratings)."""
    results = list(organization.results.all())
    instruments = list(organization.instruments.all())
    solved = Demand.objects.filter(
        proposals__institute=organization, proposals__status=ProposalStatus.ACCEPTED, status=DemandStatus.SOLVED
    )
    solved_titles = list(solved.values_list("title", flat=True))
    rating = Evaluation.objects.filter(demand__in=solved).aggregate(avg=Avg("rating"))["avg"]
    min_price = ServiceItem.objects.filter(instrument__owner=organization, active=True).aggregate(
        p=Min("price_enterprise")
    )["p"]
    text = " ".join(
        [
            organization.name,
            organization.description,
            " ".join(organization.expertise or []),
            " ".join(c.name for c in organization.industry_chains.all()),
            " ".join(f.name for f in organization.tech_fields.all()),
            " ".join(f"{r.title} {' '.join(r.keywords or [])}" for r in results),
            " ".join(f"{i.name} {i.model_number}" for i in instruments),
            " ".join(solved_titles),
        ]
    )
    doc = {
        "doc_id": f"institute:{organization.pk}",
        "type": "institute",
        "object_id": organization.pk,
        "title": organization.name,
        "text": text,
        "facets": {
            "kind": organization.kind,
            "region": _region_codes(organization),
            "industry_chain": sorted(c.code for c in organization.industry_chains.all()),
            "tech_field": sorted(f.code for f in organization.tech_fields.all()),
            "results": len(results),
            "instruments": len(instruments),
            "solved": len(solved_titles),
            "rating": round(float(rating), 2) if rating is not None else None,
            "price": _price(min_price if isinstance(min_price, Decimal) else None),
        },
        "public": organization.verified,
        "sort_date": organization.verified_at,
    }
    return _finish(doc, title_text=f"{organization.name} {' '.join(organization.expertise or [])}", body_text=text)


BUILDERS = {
    "instrument": (instruments_queryset, instrument_document),
    "result": (results_queryset, result_document),
    "demand": (demands_queryset, demand_document),
    "institute": (institutes_queryset, institute_document),
}


def build(doc_type: str, object_id: int) -> dict | None:
    """The document for one object, or None if the object no longer exists (or is not indexable)."""
    queryset, builder = BUILDERS[doc_type]
    obj = queryset().filter(pk=object_id).first()
    return builder(obj) if obj is not None else None


def iter_documents(doc_type: str, chunk: int = 500):
    queryset, builder = BUILDERS[doc_type]
    for obj in queryset().order_by("pk").iterator(chunk_size=chunk):
        yield builder(obj)
