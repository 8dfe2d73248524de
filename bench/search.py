"""Benchmark: search and matching at 10k and 100k documents, per backend, next to a naive SQL LIKE baseline.

    DATABASE_URL=sqlite:////tmp/bench_search.sqlite3 .venv/bin/python bench/search.py --sizes 10000 100000
    DATABASE_URL=postgres://kjdsc:kjdsc@127.0.0.1:5432/kjdsc_bench .venv/bin/python bench/search.py
    SEARCH_BACKEND=opensearch SEARCH_URL=http://127.0.0.1:9200 DATABASE_URL=... .venv/bin/python bench/search.py

Documents are generated from the demo market's texts (instruments, results, demands, institutes), recombined with
varied owners, models and figures so they are realistic Chinese and not duplicates. Prints indexing throughput and
p50/p95/p99 latency of keyword searches (the labelled queries), filtered/faceted searches and demand matching queries
(a demand's full text against results), and the same keyword searches as SQL ``LIKE`` over the stored text.
"""

import argparse
import random
import sys
import time

from _setup import ROOT, django_setup, latency_line


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


def run(size, backend, queries, demand_texts, rng, repeat):
    from django.db import connection

    from search.backends.base import SearchQuery

    docs = list(generate(size, rng))
    t0 = time.perf_counter()
    backend.rebuild(iter(docs))
    indexed = time.perf_counter() - t0
    print(f"\n== {size} documents ==")
    print(f"indexing: {size / indexed:,.0f} documents/s ({indexed:.1f} s, tokenization done beforehand)")

    def timed(label, calls):
        seconds = []
        for call in calls:
            t = time.perf_counter()
            call()
            seconds.append(time.perf_counter() - t)
        print(latency_line(label, seconds))

    keyword = [lambda q=q: backend.search(SearchQuery(text=q, limit=20)) for q in queries] * repeat
    timed("search (keywords)", keyword)
    faceted = [
        lambda q=q: backend.search(
            SearchQuery(
                text=q, types=("instrument",), filters={"voucher_eligible": "true", "region": "330200"}, limit=20
            )
        )
        for q in queries
    ] * repeat
    timed("search (filters + facets)", faceted)
    matching = [
        lambda t=t: backend.search(SearchQuery(text=t, types=("result",), limit=10, with_facets=False))
        for t in demand_texts
    ]
    timed("matching (demand → results)", matching)
    if connection.vendor and backend.__class__.__name__ == "DatabaseSearchBackend":
        from search.models import SearchDocument

        def like(q):
            words = [w for w in q.split() if w] or [q]
            condition = " OR ".join(["text LIKE %s"] * len(words))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id FROM {SearchDocument._meta.db_table} WHERE public AND ({condition}) LIMIT 20",
                    [f"%{w}%" for w in words],
                )
                return cursor.fetchall()

        timed("baseline SQL LIKE", [lambda q=q: like(q) for q in queries] * repeat)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    django_setup()
    from django.conf import settings
    from django.db import connection

    from search.backends import get_backend

    sys.path.insert(0, str(ROOT))
    from demands.demo import data as demands
    from tests.relevance import labels

    backend = get_backend()
    print(f"database: {connection.vendor}  search backend: {settings.SEARCH_BACKENDS['default']['BACKEND']}")
    queries = [item["q"] for item in labels.QUERIES]
    demand_texts = [" ".join([d["title"], d["title"], d["problem"], d["target_indicators"]]) for d in demands.DEMANDS]
    for size in args.sizes:
        run(size, backend, queries, demand_texts, random.Random(args.seed), args.repeat)
    backend.clear()


if __name__ == "__main__":
    main()
