"""Measured search quality: nDCG@10 and recall@20 of demand matching and free-text search against the labelled set
in ``tests/relevance/labels.py``, next to a plain BM25 baseline (character bigrams for Chinese, words for Latin, no
dictionary, no synonyms) computed over the same documents in the same run.

Besides every labelled item (``match_institutes`` …, ``search``), two subsets are reported: ``…/hard`` — demands and
queries phrased as a firm writes them (symptoms, colloquial, English; ``labels.HARD_DEMANDS`` / ``"hard"`` queries)
— and ``…/heldout`` — the hard items set aside (``"split": "heldout"``) that were never looked at while tuning.

Used by ``bench/relevance.py`` (prints the table) and ``tests/test_relevance.py`` (fails below the floors).
"""

import copy
import math
import re
from collections import Counter

from demands.demo import data as demand_data
from demands.models import Demand
from instruments.demo import data as instrument_data
from instruments.models import Instrument
from marketplace.demo import participants
from marketplace.demo.seed import demo_credit_code
from marketplace.models import Organization
from tech_transfer.demo import data as result_data
from tech_transfer.models import Result

from . import matching
from .backends import get_backend
from .backends.base import SearchQuery
from .documents import TYPES, iter_documents

TARGET_TYPES = {"institutes": "institute", "results": "result", "instruments": "instrument"}


def key_maps() -> dict[str, dict[str, int]]:
    """Demo keys → database ids, per document type."""
    orgs = {
        row["key"]: demo_credit_code(row["key"], row["credit_prefix"], row["region"])
        for row in participants.ORGANIZATIONS
    }
    org_ids = dict(Organization.objects.filter(credit_code__in=orgs.values()).values_list("credit_code", "id"))
    org_by_key = {key: org_ids[code] for key, code in orgs.items() if code in org_ids}
    maps = {"institute": org_by_key, "instrument": {}, "result": {}, "demand": {}}
    for model, rows, field, owner, kind in (
        (Instrument, instrument_data.INSTRUMENTS, "name", "owner", "instrument"),
        (Result, result_data.RESULTS, "title", "owner", "result"),
        (Demand, demand_data.DEMANDS, "title", "firm", "demand"),
    ):
        ids = {(o, t): pk for pk, o, t in model.objects.values_list("pk", f"{owner}_id", field)}
        for row in rows:
            pk = ids.get((org_by_key.get(row[owner]), row[field]))
            if pk:
                maps[kind][row["key"]] = pk
    return maps


def ndcg(ranked: list, grades: dict, k: int = 10) -> float:
    dcg = sum((2 ** grades.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list, grades: dict, k: int = 20) -> float:
    relevant = {doc for doc, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


# --- plain BM25 baseline ------------------------------------------------------------------------------------------

_LATIN = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff]+")


def bigrams(text: str) -> list[str]:
    text = text.lower()
    tokens = _LATIN.findall(text)
    for run in _CJK.findall(text):
        tokens += [run[i : i + 2] for i in range(len(run) - 1)] or [run]
    return tokens


class BM25:
    """Okapi BM25 (k1=1.2, b=0.75) over documents' display text."""

    def __init__(self, docs: dict[str, str], k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.tf = {doc_id: Counter(bigrams(text)) for doc_id, text in docs.items()}
        self.length = {doc_id: sum(tf.values()) for doc_id, tf in self.tf.items()}
        self.avg = sum(self.length.values()) / max(len(self.length), 1)
        df = Counter(term for tf in self.tf.values() for term in tf)
        n = len(self.tf)
        self.idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in df.items()}

    def rank(self, query: str) -> list[str]:
        terms = set(bigrams(query))
        scores = {}
        for doc_id, tf in self.tf.items():
            score = 0.0
            for term in terms & tf.keys():
                f = tf[term]
                score += (
                    self.idf[term]
                    * f
                    * (self.k1 + 1)
                    / (f + self.k1 * (1 - self.b + self.b * self.length[doc_id] / self.avg))
                )
            if score > 0:
                scores[doc_id] = score
        return sorted(scores, key=lambda d: -scores[d])


def hard_demands(labels, demands: dict, maps) -> list[tuple[str, str, object]]:
    """``(key, split, demand)`` for each hard phrasing: an unsaved copy of the demand it rephrases (same industry
    chain, tech field and deadline) with the firm's own title, problem and target indicators."""
    out = []
    for item in getattr(labels, "HARD_DEMANDS", []):
        base = demands.get(maps["demand"].get(item["like"]))
        if base is None:
            continue
        demand = copy.copy(base)
        demand.pk = None
        demand.title, demand.problem = item["title"], item["problem"]
        demand.target_indicators = item.get("target_indicators", "")
        out.append((item["like"], item.get("split", "tune"), demand))
    return out


def evaluate(labels) -> dict:
    """Mean nDCG@10 / recall@20 per task (all items, hard phrasings, held-out) for the configured backend and the
    BM25 baseline."""
    try:
        from .models import seed_thesaurus

        seed_thesaurus()  # a flushed test database has lost the migration's seed
    except ImportError:
        pass
    maps = key_maps()
    public = {doc["doc_id"]: (doc["type"], doc["text"]) for t in TYPES for doc in iter_documents(t) if doc["public"]}
    baselines = {t: BM25({i: text for i, (dt, text) in public.items() if dt == t}) for t in TARGET_TYPES.values()}
    baselines["all"] = BM25({i: text for i, (_t, text) in public.items()})
    scores: dict[str, dict[str, list[float]]] = {}

    def add(tasks, system, ranked, grades):
        for task in tasks:
            scores.setdefault(task, {}).setdefault(system, []).append(ndcg(ranked, grades))
            scores[task].setdefault(f"{system}_recall", []).append(recall(ranked, grades))

    def subsets(task, hard, split):
        return [task] + ([f"{task}/hard"] if hard else []) + ([f"{task}/heldout"] if split == "heldout" else [])

    demands = Demand.objects.in_bulk(list(maps["demand"].values()))
    items = [(key, None, False, demands.get(maps["demand"].get(key))) for key in labels.JUDGEMENTS]
    items += [(key, split, True, demand) for key, split, demand in hard_demands(labels, demands, maps)]
    for key, split, hard, demand in items:
        if demand is None:
            continue
        judgement = labels.JUDGEMENTS[key]
        for target, doc_type in TARGET_TYPES.items():
            grades = {f"{doc_type}:{maps[doc_type][k]}": g for k, g in judgement[target].items()
                      if k in maps[doc_type]}  # fmt: skip
            if not grades:
                continue
            tasks = subsets(f"match_{target}", hard, split)
            ranked = [f"{doc_type}:{m['id']}" for m in matching.MATCHERS[target](demand, limit=20)]
            add(tasks, "engine", ranked, grades)
            add(tasks, "bm25", baselines[doc_type].rank(matching.demand_text(demand))[:20], grades)
    backend = get_backend()
    for item in labels.QUERIES:
        grades = {}
        for ref, grade in item["relevant"].items():
            doc_type, key = ref.split(":", 1)
            if key in maps[doc_type]:
                grades[f"{doc_type}:{maps[doc_type][key]}"] = grade
        if not grades:
            continue
        tasks = subsets("search", item.get("hard", False), item.get("split"))
        hits = backend.search(SearchQuery(text=item["q"], limit=20, with_facets=False)).hits
        add(tasks, "engine", [h.doc_id for h in hits], grades)
        add(tasks, "bm25", baselines["all"].rank(item["q"])[:20], grades)
    return {
        task: {system: round(sum(v) / len(v), 4) for system, v in systems.items()} | {"n": len(systems["engine"])}
        for task, systems in sorted(scores.items())
    }
