"""Matching (企业出题 → 院所解题): rank the institutes, results and voucher-bookable instruments that can solve a
demand, with a score and an explanation; the reverse for an institute; and alerts when a demand opens.

Scores come from the search backend's relevance (BM25 / ts_rank / Elasticsearch) on the demand's text, adjusted by
what an operator would weigh: the same industry chain (×1.2) and tech field (×1.1). An institute's score adds what
stands behind it: its best matching results and instruments.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone

from instruments.models import Instrument
from instruments.services import first_free_slots

from .analysis import meaningful, normalize, query_tokens, weighted_query_tokens
from .backends import get_backend
from .backends.base import SearchQuery
from .models import thesaurus_links

CHAIN_BOOST, FIELD_BOOST = 1.2, 1.1
RESULT_WEIGHT, INSTRUMENT_WEIGHT = 0.5, 0.3
CANDIDATES = 60
ALERT_LIMIT, ALERT_MIN_SHARE = 5, 0.3
# How much each part of a demand weighs (query-term repetition, a word counting at most ``MAX_REPEAT`` parts): the
# title — the problem in a line — counts twice, the problem statement (with its background) and the target
# indicators once. Measured (bench/relevance.py): weighting the targets twice too, or repeating more, ranks worse.
TITLE_WEIGHT, PROBLEM_WEIGHT, TARGET_WEIGHT = 2, 1, 1
MAX_REPEAT = 2
EXPANSION_WEIGHT = 1  # a thesaurus term weighs less than the demand's own words (those weigh 2 per occurrence)
MAX_REASONS = 3


def demand_parts(demand) -> list[tuple[str, int]]:
    return [
        (demand.title, TITLE_WEIGHT),
        (demand.problem, PROBLEM_WEIGHT),
        (demand.target_indicators or "", TARGET_WEIGHT),
    ]


def demand_text(demand) -> str:
    """The demand's words as one text, each part repeated by its weight."""
    return " ".join(" ".join([text] * weight) for text, weight in demand_parts(demand) if text)


@dataclass
class MatchQuery:
    """What matching asks the engine: weighted tokens (a token repeated ``w`` times weighs ``w``, in every
    backend's scoring), the thesaurus links that brought expansion tokens, and the demand's own tokens."""

    weights: dict
    links: dict  # expansion token → "term→related"
    own: frozenset

    @property
    def tokens(self) -> list[str]:
        return [token for token, weight in self.weights.items() for _ in range(weight)]

    @property
    def text(self) -> str:
        return " ".join(self.weights)


def thesaurus_expansion(text: str) -> list[tuple[str, str]]:
    """``(term, related)`` for every thesaurus entry whose term occurs in ``text``."""
    text = normalize(text)
    found = []
    for term, related in thesaurus_links():
        if term and term in text:
            found.extend((term, r) for r in related)
    return found


def match_query(parts) -> MatchQuery:
    weights = weighted_query_tokens(parts, cap=MAX_REPEAT)
    own = frozenset(weights)
    links = {}
    for term, related in thesaurus_expansion(" ".join(text for text, _ in parts)):
        for token in query_tokens(related):
            if token not in weights:
                weights[token] = EXPANSION_WEIGHT
                links[token] = f"{term}→{related}"
    return MatchQuery(weights=weights, links=links, own=own)


def demand_query(demand) -> MatchQuery:
    return match_query(demand_parts(demand))


@dataclass
class _WeightedSearch(SearchQuery):
    weighted: tuple = ()

    @property
    def tokens(self) -> list[str]:
        return list(self.weighted)


def _boost(hit, demand) -> tuple[float, list[str]]:
    factor, reasons = 1.0, []
    if demand.industry_chain_id and demand.industry_chain_id in (hit.facets.get("industry_chain") or []):
        factor *= CHAIN_BOOST
        reasons.append(f"industry_chain:{demand.industry_chain_id}")
    if demand.tech_field_id in (hit.facets.get("tech_field") or []):
        factor *= FIELD_BOOST
        reasons.append(f"tech_field:{demand.tech_field_id}")
    if grade := hit.facets.get("evaluation"):  # an evaluated result (科技成果评价): a small boost by grade, as data
        boost = float(evaluation_boosts().get(grade, 1))
        if boost != 1:
            factor *= boost
            reasons.append(f"evaluation:{grade}")
    return factor, reasons


def evaluation_boosts() -> dict:
    """The matching boost of each evaluation grade (``tech_transfer/data/evaluation.json``)."""
    from tech_transfer.evaluations import method

    return method()["matching_boost"]


def _search(query, doc_type, limit=CANDIDATES, **filters):
    """``query``: a MatchQuery (weighted tokens) or a plain text."""
    if isinstance(query, MatchQuery):
        search = _WeightedSearch(text=query.text, weighted=tuple(query.tokens), types=(doc_type,), filters=filters,
                                 limit=limit, with_facets=False)  # fmt: skip
    else:
        search = SearchQuery(text=query, types=(doc_type,), filters=filters, limit=limit, with_facets=False)
    return get_backend().search(search).hits


def explain(hit, query: MatchQuery | None) -> tuple[list[str], list[str]]:
    """The terms a person reads as why it matched (the demand's own words, no stopword, no single character, each
    once) and the thesaurus links used (``thesaurus:翘曲→模流分析``)."""
    matched = list(dict.fromkeys(t for t in hit.matched if meaningful(t)))
    if query is None:
        return matched, []
    links = list(dict.fromkeys(query.links[t] for t in matched if t in query.links))[:MAX_REASONS]
    return [t for t in matched if t in query.own], [f"thesaurus:{link}" for link in links]


def _entry(hit, demand, query=None):
    factor, reasons = _boost(hit, demand)
    matched, links = explain(hit, query)
    return {
        "type": hit.type,
        "id": hit.object_id,
        "title": hit.title,
        "score": round(hit.score * factor, 4),
        "matched_terms": matched,
        "boosts": reasons,
        "reasons": links,  # the thesaurus links that brought matched terms: "thesaurus:翘曲→模流分析"
        "owner": hit.facets.get("owner"),
    }


def match_results(demand, limit=10, query=None):
    query = query or demand_query(demand)
    entries = [_entry(hit, demand, query) for hit in _search(query, "result")]
    return sorted(entries, key=lambda e: -e["score"])[:limit]


def match_instruments(demand, limit=10, now=None):
    """Voucher-eligible, active instruments with a free slot between now and the demand's deadline."""
    return with_free_slot(instrument_candidates(demand), demand, limit=limit, now=now)


def instrument_candidates(demand, query=None) -> list[dict]:
    """The ranked voucher-eligible, active instruments for ``demand`` before their calendars are read (what a cache
    may keep: it changes with the index, not with bookings)."""
    query = query or demand_query(demand)
    return [
        _entry(hit, demand, query) for hit in _search(query, "instrument", voucher_eligible="true", status="active")
    ]


def with_free_slot(candidates, demand, limit=10, now=None) -> list[dict]:
    """The best ``limit`` of ``candidates`` that have a free slot before the demand's deadline, each with its first
    free slot (``first_free_slot``, ISO); calendars read in bounded queries however many candidates there are."""
    now = now or timezone.now()
    until = timezone.make_aware(datetime.combine(demand.deadline, time.max))
    if until <= now:
        return []
    ranked, entries = sorted(candidates, key=lambda e: -e["score"]), []
    chunk = max(1, limit)
    for offset in range(0, len(ranked), chunk):  # usually one chunk: most instruments have a free slot
        batch = ranked[offset : offset + chunk]
        instruments = Instrument.objects.prefetch_related("opening_hours").in_bulk([e["id"] for e in batch])
        first = first_free_slots(instruments.values(), now, until, now=now)
        entries += [{**e, "first_free_slot": first[e["id"]].isoformat()} for e in batch if first.get(e["id"])]
        if len(entries) >= limit:
            break
    return entries[:limit]


def match_institutes(demand, limit=10):
    """Institute profiles ranked by their own relevance plus the results and instruments behind them."""
    query = demand_query(demand)
    profiles = {hit.object_id: _entry(hit, demand, query) for hit in _search(query, "institute")}
    evidence: dict[int, list[dict]] = {}
    for entry in match_results(demand, limit=CANDIDATES, query=query):
        evidence.setdefault(entry["owner"], []).append(entry)
    for hit in _search(query, "instrument", status="active"):
        entry = _entry(hit, demand, query)
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
        {
            "type": "demand",
            "id": h.object_id,
            "title": h.title,
            "score": round(h.score, 4),
            "matched_terms": explain(h, None)[0],
        }
        for h in hits
    ]
