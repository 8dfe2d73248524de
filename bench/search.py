"""Benchmark: search and matching at 10k and 100k documents, per backend, against the raw full-text floor of the
database (SQLite FTS5 / PostgreSQL tsvector: top hits by rank + the total count, nothing around it).

    DATABASE_URL=sqlite:////tmp/bench_search.sqlite3 .venv/bin/python bench/search.py --sizes 10000 100000
    DATABASE_URL=postgres://kjdsc:kjdsc@127.0.0.1:5432/kjdsc_bench .venv/bin/python bench/search.py
    DATABASE_URL=... .venv/bin/python bench/search.py --backends tantivy --sizes 1000000 --index-dir /var/tmp
    SEARCH_BACKEND=opensearch SEARCH_URL=http://127.0.0.1:9200 DATABASE_URL=... .venv/bin/python bench/search.py

Documents are generated from the demo market's texts (instruments, results, demands, institutes), recombined with
varied owners, models and figures so they are realistic Chinese and not duplicates. For each backend (default: the
database backend, tantivy, and SEARCH_BACKEND if it is another) it prints indexing throughput (from tokens, and
with jieba segmentation), p50/p95/p99 latency of keyword searches with facets (the labelled queries), filtered and
faceted searches, demand matching (a demand's full text against results) and ``GET /api/v1/search/`` through the
test client, each p95 also as a multiple of the raw floor's p95 in the same run.
"""

import argparse
import random
import shutil
import sys
import tempfile
import time

from _setup import ROOT, django_setup, latency_line, percentile


def generate(n, rng):
    from demands.demo import data as demands
    from instruments.demo import data as instruments
    from search.analysis import index_tokens, tokens_text
    from tech_transfer.demo import data as results

    sources = [
        (
            "instrument",
            [
                (
                    i["name"],
                    " ".join(
                        [i["name"], i["model_number"], i["manufacturer"], i["capabilities"], i["sample_requirements"]]
                    ),
                )
                for i in instruments.INSTRUMENTS
            ],
        ),
        (
            "result",
            [(r["title"], " ".join([r["title"], r["abstract"], " ".join(r["keywords"])])) for r in results.RESULTS],
        ),
        (
            "demand",
            [(d["title"], " ".join([d["title"], d["problem"], d["target_indicators"]])) for d in demands.DEMANDS],
        ),
    ]
    chains = [
        "new_materials",
        "optoelectronics",
        "nev_parts",
        "robotics",
        "home_appliances",
        "molds",
        "rubber_plastics",
    ]
    regions = [["330281", "330200", "330000"], ["330282", "330200", "330000"], ["320500", "320000"], ["310000"]]
    places = ["余姚", "慈溪", "宁波", "杭州", "苏州", "上海", "合肥", "嘉兴"]
    for n_doc in range(n):
        doc_type, pool = sources[n_doc % 3]
        title, text = rng.choice(pool)
        variant = (
            f"{rng.choice(places)}第{rng.randint(1, 99)}批 型号K{rng.randint(100, 9999)} {rng.randint(1, 500)}项指标"
        )
        body = f"{text} {variant}"
        yield {
            "doc_id": f"{doc_type}:{n_doc + 1}",
            "type": doc_type,
            "object_id": n_doc + 1,
            "title": f"{title}（{variant[:6]}）",
            "text": body,
            "tokens": tokens_text(index_tokens(title) * 2 + index_tokens(body)),
            "facets": {
                "industry_chain": [rng.choice(chains)],
                "region": rng.choice(regions),
                "category": rng.choice(["analytical", "metrology", "special_inspection", "computing"]),
                "voucher_eligible": rng.random() < 0.7,
                "price": round(rng.uniform(100, 500000), 2),
            },
            "public": rng.random() < 0.95,
            "sort_date": None,
            "checksum": "",
        }


BACKENDS = {
    "database": "search.backends.database.DatabaseSearchBackend",
    "tantivy": "search.backends.tantivy.TantivySearchBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchSearchBackend",
    "opensearch": "search.backends.opensearch.OpenSearchSearchBackend",
}


def timed(label, calls, floor=None):
    """Run ``calls``, print the latency line (and p95 as a multiple of ``floor``'s p95); return the p95 in ms."""
    seconds = []
    for call in calls:
        t = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - t)
    p95 = percentile(sorted(seconds), 0.95) * 1000
    ratio = f"  {p95 / floor:6.2f}x floor" if floor else ""
    print(latency_line(label, seconds) + ratio)
    return p95


def raw_floor(queries, demand_texts, repeat) -> dict[str, float]:
    """The database's own full-text engine with nothing around it: top hits by rank plus the total count (matching:
    the top hits only, as matching needs no total), for the same tokens (SQLite FTS5 bm25 / PostgreSQL ts_rank
    over the GIN-indexed tsvector). The p95 every backend is compared with."""
    from django.db import connection

    from search.analysis import query_tokens

    def fts5(tokens, types, limit, count=True):
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in tokens)
        where = "search_fts MATCH %s AND d.public" + (" AND d.type = %s" if types else "")
        params = [match, *types]
        base = "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid WHERE " + where
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT d.id, bm25(search_fts) {base} ORDER BY bm25(search_fts) LIMIT {limit}", params)
            cursor.fetchall()
            if count:
                cursor.execute(f"SELECT count(*) {base}", params)
                cursor.fetchone()

    def postgres(tokens, types, limit, count=True):
        tsquery = " || ".join(["plainto_tsquery('simple', %s)"] * len(tokens))
        where = "d.tokens_tsv @@ q.q AND d.public" + (" AND d.type = %s" if types else "")
        base = f"FROM search_searchdocument d, (SELECT {tsquery} AS q) q WHERE {where}"
        params = [*tokens, *types]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT d.id, ts_rank(d.tokens_tsv, q.q, 1) {base} ORDER BY 2 DESC LIMIT {limit}", params)
            cursor.fetchall()
            if count:
                cursor.execute(f"SELECT count(*) {base}", params)
                cursor.fetchone()

    floor = fts5 if connection.vendor == "sqlite" else postgres
    keyword = [query_tokens(q) for q in queries]
    matching = [query_tokens(t) for t in demand_texts]
    return {
        "search": timed("raw floor: search + count", [lambda t=t: floor(t, [], 20) for t in keyword] * repeat),
        "matching": timed(
            "raw floor: matching (top 10)", [lambda t=t: floor(t, ["result"], 10, count=False) for t in matching]
        ),
    }


def run_backend(name, params, docs, queries, demand_texts, repeat, floor, segmentation_rate):
    from django.test import Client, override_settings
    from django.urls import reverse

    from search.backends import get_backend
    from search.backends.base import SearchQuery

    with override_settings(SEARCH_BACKENDS={"default": params}):
        backend = get_backend()
        print(f"-- {name}")
        t0 = time.perf_counter()
        backend.rebuild(iter(docs))
        seconds = time.perf_counter() - t0
        rate = len(docs) / seconds
        combined = 1 / (1 / rate + 1 / segmentation_rate)
        print(f"indexing: {rate:,.0f} documents/s from tokens ({seconds:.1f} s); {combined:,.0f} documents/s "
              f"including jieba segmentation")  # fmt: skip
        if name == "tantivy":
            size = sum(f.stat().st_size for f in backend.root.rglob("*") if f.is_file())
            print(f"index on disk: {size / 2**20:,.1f} MiB (current and previous generation)")
        timed("search (keywords, facets)",
              [lambda q=q: backend.search(SearchQuery(text=q, limit=20)) for q in queries] * repeat,
              floor["search"])  # fmt: skip
        faceted = [
            lambda q=q: backend.search(
                SearchQuery(
                    text=q, types=("instrument",), filters={"voucher_eligible": "true", "region": "330200"}, limit=20
                )
            )
            for q in queries
        ] * repeat
        timed("search (filters + facets)", faceted, floor["search"])
        matching = [
            lambda t=t: backend.search(SearchQuery(text=t, types=("result",), limit=10, with_facets=False))
            for t in demand_texts
        ]
        timed("matching (demand → results)", matching, floor["matching"])
        client, url = Client(), reverse("api:search")
        timed("GET /api/v1/search/", [lambda q=q: client.get(url, {"q": q}) for q in queries] * repeat,
              floor["search"])  # fmt: skip
        totals = backend.search(SearchQuery(text="", limit=1))
        print(f"all public documents: {totals.total:,} (type facet {sum(totals.facets['type'].values()):,})")


def run(size, backends, queries, demand_texts, rng, repeat, index_dir):
    from django.conf import settings

    from search.backends.database import DatabaseSearchBackend

    t0 = time.perf_counter()
    docs = list(generate(size, rng))
    segmentation_rate = size / (time.perf_counter() - t0)
    print(f"\n== {size} documents ==")
    print(f"jieba segmentation: {segmentation_rate:,.0f} documents/s")
    DatabaseSearchBackend("floor", {}).rebuild(iter(docs))  # the floor reads the database's own full-text index
    floor = raw_floor(queries, demand_texts, repeat)
    for name in backends:
        params = {"BACKEND": BACKENDS.get(name, name)}
        if name == "tantivy":
            params["PATH"] = tempfile.mkdtemp(prefix=f"bench-{size}-", dir=index_dir)
        elif name in ("elasticsearch", "opensearch"):
            params = {**settings.SEARCH_BACKENDS["default"], **params}
        run_backend(name, params, docs, queries, demand_texts, repeat, floor, segmentation_rate)
        if name == "tantivy":
            shutil.rmtree(params["PATH"], ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--backends", nargs="+", help="default: database tantivy (and SEARCH_BACKEND if another)")
    parser.add_argument("--index-dir", help="where tantivy indexes are written (default: the system's temp dir)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    django_setup()
    from django.conf import settings
    from django.db import connection

    sys.path.insert(0, str(ROOT))
    from demands.demo import data as demands
    from search.backends.database import DatabaseSearchBackend
    from tests.relevance import labels

    backends = args.backends or list(dict.fromkeys(["database", "tantivy", settings.SEARCH_BACKEND]))
    print(f"database: {connection.vendor}  search backends: {' '.join(backends)}")
    queries = [item["q"] for item in labels.QUERIES]
    demand_texts = [" ".join([d["title"], d["title"], d["problem"], d["target_indicators"]]) for d in demands.DEMANDS]
    for size in args.sizes:
        run(size, backends, queries, demand_texts, random.Random(args.seed), args.repeat, args.index_dir)
    DatabaseSearchBackend("floor", {}).clear()


if __name__ == "__main__":
    main()
