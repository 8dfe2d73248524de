"""Matching (企业出题 → 院所解题): rank the institutes, results and voucher-bookable instruments that can solve a
demand, with a score and an explanation; the reverse for an institute; and alerts when a demand opens.

Scores come from the search backend's relevance (BM25 / ts_rank / Elasticsearch) on the demand's text, adjusted by
what an operator would weigh: the same industry chain (×1.2) and tech field (×1.1). An institute's score adds what
stands behind it: its best matching results and instruments.
"""

from datetime import datetime, time

from django.utils import timezone

from instruments.models import Instrument
from instruments.services import available_slots

from .backends import get_backend
from .backends.base import SearchQuery

CHAIN_BOOST, FIELD_BOOST = 1.2, 1.1
RESULT_WEIGHT, INSTRUMENT_WEIGHT = 0.5, 0.3
CANDIDATES = 60
ALERT_LIMIT, ALERT_MIN_SHARE = 5, 0.3


def demand_text(demand) -> str:
    return " ".join([demand.title, demand.title, demand.problem, demand.target_indicators])


def _boost(hit, demand) -> tuple[float, list[str]]:
    factor, reasons = 1.0, []
    if demand.industry_chain_id and demand.industry_chain_id in (hit.facets.get("industry_chain") or []):
        factor *= CHAIN_BOOST
        reasons.append(f"industry_chain:{demand.industry_chain_id}")
    if demand.tech_field_id in (hit.facets.get("tech_field") or []):
        factor *= FIELD_BOOST
        reasons.append(f"tech_field:{demand.tech_field_id}")
    return factor, reasons


def _search(text, doc_type, limit=CANDIDATES, **filters):
    return (
        get_backend()
        .search(SearchQuery(text=text, types=(doc_type,), filters=filters, limit=limit, with_facets=False))
        .hits
    )


def _entry(hit, demand):
    factor, reasons = _boost(hit, demand)
    return {
        "type": hit.type,
        "id": hit.object_id,
        "title": hit.title,
        "score": round(hit.score * factor, 4),
        "matched_terms": hit.matched,
        "boosts": reasons,
        "owner": hit.facets.get("owner"),
    }


def match_results(demand, limit=10):
    entries = [_entry(hit, demand) for hit in _search(demand_text(demand), "result")]
    return sorted(entries, key=lambda e: -e["score"])[:limit]


def match_instruments(demand, limit=10, now=None):
    """Voucher-eligible, active instruments with a free slot between now and the demand's deadline."""
    now = now or timezone.now()
    until = timezone.make_aware(datetime.combine(demand.deadline, time.max))
    hits = _search(demand_text(demand), "instrument", voucher_eligible="true", status="active")
    instruments = Instrument.objects.prefetch_related("opening_hours").in_bulk([h.object_id for h in hits])
    entries = []
    for hit in hits:
        instrument = instruments.get(hit.object_id)
        if instrument is None or until <= now:
            continue
        slots = available_slots(instrument, now, until, now=now)
        if not slots:
            continue
        entry = _entry(hit, demand)
        entry["first_free_slot"] = slots[0][0].isoformat()
        entries.append(entry)
        if len(entries) >= limit * 2:
            break
    return sorted(entries, key=lambda e: -e["score"])[:limit]


def match_institutes(demand, limit=10):
    """Institute profiles ranked by their own relevance plus the results and instruments behind them."""
    text = demand_text(demand)
    profiles = {hit.object_id: _entry(hit, demand) for hit in _search(text, "institute")}
    evidence: dict[int, list[dict]] = {}
    for entry in match_results(demand, limit=CANDIDATES):
        evidence.setdefault(entry["owner"], []).append(entry)
    for hit in _search(text, "instrument", status="active"):
        entry = _entry(hit, demand)
        evidence.setdefault(entry["owner"], []).append(entry)
    ranked = []
    for org_id in set(profiles) | set(evidence):
        profile = profiles.get(org_id)
        behind = sorted(evidence.get(org_id, []), key=lambda e: -e["score"])
        results = [e for e in behind if e["type"] == "result"][:3]
        instruments = [e for e in behind if e["type"] == "instrument"][:3]
        score = (profile["score"] if profile else 0.0) + RESULT_WEIGHT * sum(e["score"] for e in results)
        score += INSTRUMENT_WEIGHT * sum(e["score"] for e in instruments)
        if profile is None:
            continue  # evidence from an organization without a public profile (unverified) is not offered
        ranked.append(
            {
                **profile,
                "score": round(score, 4),
                "profile_score": profile["score"],
                "because_of": {
                    "results": [{"id": e["id"], "title": e["title"], "score": e["score"]} for e in results],
                    "instruments": [{"id": e["id"], "title": e["title"], "score": e["score"]} for e in instruments],
                },
            }
        )
    return sorted(ranked, key=lambda e: -e["score"])[:limit]


MATCHERS = {"institutes": match_institutes, "results": match_results, "instruments": match_instruments}


def demands_for_institute(organization, limit=10):
    """The reverse: open demands that fit an institute's profile (expertise, results, instruments)."""
    from .documents import build

    doc = build("institute", organization.pk)
    if doc is None:
        return []
    text = " ".join([organization.name, " ".join(organization.expertise or []), doc["text"]])[:4000]
    hits = _search(text, "demand", status="open", limit=limit)
    return [
        {"type": "demand", "id": h.object_id, "title": h.title, "score": round(h.score, 4), "matched_terms": h.matched}
        for h in hits
    ]
