"""The database backend answers in SQL over every match: totals and facet counts are exact (no candidate cap),
filters and sorts agree with the shared Python rule (``matches_filters`` / ``count_facets``), and long matching
texts are trimmed by document frequency. Run against the database backend whatever SEARCH_BACKEND says."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from search.backends import database
from search.backends.base import SearchQuery, count_facets, matches_filters
from search.backends.database import DatabaseSearchBackend

pytestmark = pytest.mark.django_db

WORDS = ["电镜", "光谱", "注塑", "模具", "电池", "涂层", "传感器", "芯片"]
CATEGORIES = ["analytical", "special_inspection", "electronics"]
REGIONS = [["330000", "330200", "330281"], ["330000", "330100"], ["320000", "320500"]]


def make_docs(n, seed=7):
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    docs = []
    for i in range(n):
        words = rng.sample(WORDS, rng.randint(1, 3))
        facets = {
            "category": rng.choice(CATEGORIES),
            "region": rng.choice(REGIONS),
            "voucher_eligible": rng.random() < 0.5,
            "status": rng.choice(["open", "closed"]),
        }
        if rng.random() < 0.8:
            facets["price"] = float(rng.choice([100, 800, 3000, 50000, 250000]))
        docs.append({
            "doc_id": f"instrument:{i}", "type": rng.choice(["instrument", "result"]), "object_id": i,
            "title": "".join(words), "text": " ".join(words), "tokens": " ".join(words), "facets": facets,
            "public": rng.random() < 0.9, "sort_date": start + timedelta(hours=rng.randint(0, 5000)),
            "checksum": str(i),
        })  # fmt: skip
    return docs


@pytest.fixture
def backend():
    return DatabaseSearchBackend("test", {})


def reference(docs, tokens, query):
    rows = [
        d
        for d in docs
        if (not query.types or d["type"] in query.types)
        and (d["public"] or not query.public_only)
        and (not tokens or set(tokens) & set(d["tokens"].split()))
        and matches_filters(d["type"], d["facets"], query.filters)
    ]
    return rows, count_facets((d["type"], d["facets"]) for d in rows)


@pytest.mark.parametrize(
    "text, filters, sort",
    [
        ("电镜", {}, "relevance"),
        ("注塑 模具", {"category": "analytical"}, "newest"),
        ("", {"region": "330200", "voucher_eligible": "true"}, "price_asc"),
        ("芯片", {"price_min": 500, "price_max": 60000}, "price_desc"),
        ("", {"status": "OPEN", "price_range": "2000-10000"}, "newest"),
        ("传感器 电池", {"type": "result"}, "relevance"),
    ],
)
def test_totals_facets_filters_and_sorts_agree_with_the_shared_rule(backend, text, filters, sort):
    docs = make_docs(400)
    backend.rebuild(docs)
    query = SearchQuery(text=text, filters=filters, sort=sort, limit=15, offset=5)
    results = backend.search(query)
    rows, facets = reference(docs, query.tokens, query)
    assert results.total == len(rows) > 0
    assert results.facets == facets
    expected_ids = {d["object_id"] for d in rows}
    assert {h.object_id for h in results.hits} <= expected_ids and len(results.hits) == min(15, len(rows) - 5)
    if sort == "newest":
        ordered = sorted(rows, key=lambda d: (-d["sort_date"].timestamp(), d["object_id"]))
        assert [h.object_id for h in results.hits] == [d["object_id"] for d in ordered[5:20]]
    if sort.startswith("price"):
        sign = 1 if sort == "price_asc" else -1
        priced = sorted(rows, key=lambda d: (d["facets"].get("price") is None, sign * (d["facets"].get("price") or 0)))
        prices = [h.facets.get("price") for h in results.hits]
        assert prices == [d["facets"].get("price") for d in priced[5:20]]
    if sort == "relevance" and text:
        scores = [h.score for h in results.hits]
        assert scores == sorted(scores, reverse=True)


def test_a_page_past_the_end_still_counts(backend):
    docs = make_docs(50)
    backend.rebuild(docs)
    results = backend.search(SearchQuery(text="电镜", offset=1000, with_facets=False))
    assert results.hits == [] and results.total == len(reference(docs, ["电镜"], SearchQuery(text="电镜"))[0]) > 0


def test_indexing_replaces_a_documents_facet_rows(backend):
    docs = make_docs(3)
    backend.rebuild(docs)
    changed = dict(docs[0], facets={**docs[0]["facets"], "category": "electronics", "price": 1.0})
    backend.index([changed])
    results = backend.search(SearchQuery(filters={"category": "electronics"}, public_only=False))
    assert "instrument:0" in [h.doc_id for h in results.hits]
    assert backend.search(SearchQuery(filters={"price_max": 1.0}, public_only=False)).total == 1
    backend.delete(["instrument:0"])
    assert backend.search(SearchQuery(filters={"price_max": 1.0}, public_only=False)).total == 0


def test_totals_are_not_capped(backend):
    """The old backend loaded at most 20,000 candidates and silently under-counted past them."""
    docs = make_docs(20_100, seed=3)
    for doc in docs:
        doc["public"] = True
        doc["tokens"] += " 检测"
    backend.rebuild(docs)
    results = backend.search(SearchQuery(text="检测", limit=5))
    assert results.total == 20_100
    assert sum(results.facets["type"].values()) == 20_100


def test_long_texts_keep_the_informative_terms(backend, monkeypatch):
    docs = make_docs(200)
    for doc in docs[:150]:
        doc["tokens"] += " 常见"
    docs[0]["tokens"] += " 罕见"
    backend.rebuild(docs)
    short = ["常见", "罕见", "不存在"]
    assert backend.informative_terms(short) == short  # short queries are untouched
    long_text = [*(f"无此词{i}" for i in range(40)), "常见", "罕见", *WORDS]
    monkeypatch.setattr(database, "COMMON_MIN_DOCUMENTS", 10)
    # "常见" is in 75% of the documents and each of WORDS in about a quarter: over the 10% share, dropped; terms
    # found nowhere cannot match anything, dropped.
    assert backend.informative_terms(long_text) == ["罕见"]
    # The trimmed query finds the document only the rare term points at (and only it).
    results = backend.search(SearchQuery(text=" ".join(long_text), limit=3, with_facets=False, public_only=False))
    assert [h.doc_id for h in results.hits] == ["instrument:0"] and results.total == 1
    monkeypatch.setattr(database, "COMMON_SHARE", 1.0)
    monkeypatch.setattr(database, "MAX_QUERY_TERMS", 2)
    frequencies = backend.document_frequencies(WORDS)
    rarest = min(WORDS, key=lambda w: (frequencies[w], WORDS.index(w)))
    assert backend.informative_terms(long_text) == ["罕见", rarest]


def test_a_term_indexed_after_a_long_query_is_not_forgotten(backend):
    """A term found nowhere is not cached as absent: indexed a moment later, the next long query keeps it."""
    docs = make_docs(10)
    backend.rebuild(docs)
    long_text = [*(f"无此词{i}" for i in range(40)), "新词"]
    assert "新词" not in backend.informative_terms(long_text)
    backend.index([dict(docs[0], tokens=docs[0]["tokens"] + " 新词")])
    assert "新词" in backend.informative_terms(long_text)
