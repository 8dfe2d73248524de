"""Search quality: nDCG@10 and recall@20 of demand matching and free-text search on the labelled set
(tests/relevance/labels.py), for the configured backend next to a plain BM25 baseline: every labelled item, the hard
phrasings (``/hard``: symptoms, colloquial, English) and the held-out ones (``/heldout``, never used for tuning).

    DATABASE_URL=sqlite:////tmp/relevance.sqlite3 .venv/bin/python bench/relevance.py
    DATABASE_URL=postgres://kjdsc:kjdsc@127.0.0.1:5432/kjdsc_bench .venv/bin/python bench/relevance.py

Loads the demo market into the given database (idempotent) and rebuilds the search index first.
"""

import io
import sys

from _setup import ROOT, django_setup


def main():
    django_setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from search.evaluation import evaluate

    sys.path.insert(0, str(ROOT))
    from tests.relevance import labels

    call_command("seed_demo", stdout=io.StringIO())
    call_command("search_index", "rebuild", stdout=io.StringIO())
    table = evaluate(labels)
    print(f"database: {connection.vendor}  backend: {settings.SEARCH_BACKEND}")
    print(f"{'task':<26}{'n':>4}{'engine nDCG@10':>16}{'bm25 nDCG@10':>14}{'engine R@20':>13}{'bm25 R@20':>11}")
    for task, row in table.items():
        print(f"{task:<26}{row['n']:>4}{row['engine']:>16.3f}{row['bm25']:>14.3f}{row['engine_recall']:>13.3f}"
              f"{row['bm25_recall']:>11.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
