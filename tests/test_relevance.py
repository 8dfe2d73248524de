"""Search quality is measured, not asserted: nDCG@10 of demand matching and free-text search on the labelled set must
stay above floors set from measurement (bench/relevance.py prints the full table), and not below the plain BM25
baseline computed in the same run."""

from io import StringIO

import pytest
from django.core.management import call_command

from search.evaluation import evaluate
from tests.relevance import labels

# Measured 2026-12-02 on the demo market (SQLite), tantivy / database backend (bench/relevance.py), nDCG@10:
#   institutes 0.964 / 0.962 (hard 0.952 / 0.958, held-out 0.928 / 0.946)
#   results    0.949 / 0.933 (hard 0.925 / 0.922, held-out 0.873 / 0.870)
#   instruments 0.812 / 0.826 (hard 0.750 / 0.765, held-out 0.692 / 0.733)
#   search     0.937 / 0.938 (hard 0.873 / 0.874, held-out 0.987 / 0.984)
# (before issue 14: institutes 0.888, results 0.854, instruments 0.654, search 0.864; hard 0.837 / 0.784 / 0.543 /
# 0.551; held-out 0.812 / 0.666 / 0.602 / 0.687 — on this grown set, tantivy). Floors sit ~0.03 under the lower of
# the two backends, and never under the floors of 2026-11-27 (institutes 0.90, results 0.88, instruments 0.72,
# search 0.87).
FLOORS = {
    "match_institutes": 0.93,
    "match_institutes/hard": 0.92,
    "match_institutes/heldout": 0.89,
    "match_results": 0.90,
    "match_results/hard": 0.89,
    "match_results/heldout": 0.84,
    "match_instruments": 0.78,
    "match_instruments/hard": 0.72,
    "match_instruments/heldout": 0.66,
    "search": 0.90,
    "search/hard": 0.78,  # 8 queries; PostgreSQL's ts_rank (no IDF, repetition ignored) measured 0.805
    "search/heldout": 0.90,
}
MIN_ITEMS = {"": 30, "hard": 30, "heldout": 14}  # per subset; free-text search has fewer hard queries
MIN_SEARCH_ITEMS = {"": 30, "hard": 8, "heldout": 4}
BASELINE_TOLERANCE = 0.02  # ties in scoring may reorder equally relevant items


@pytest.mark.django_db(transaction=True)
def test_matching_and_search_quality():
    call_command("seed_demo", stdout=StringIO())
    call_command("search_index", "rebuild", stdout=StringIO())
    table = evaluate(labels)
    report = "\n".join(f"{task}: {row}" for task, row in table.items())
    assert set(table) == set(FLOORS), report
    for task, floor in FLOORS.items():
        subset = task.partition("/")[2]
        assert table[task]["n"] >= (MIN_SEARCH_ITEMS if task.startswith("search") else MIN_ITEMS)[subset], report
        assert table[task]["engine"] >= floor, report
        assert table[task]["engine"] >= table[task]["bm25"] - BASELINE_TOLERANCE, report


# --- the analysis behind those numbers ------------------------------------------------------------------------------


def test_query_tokens_leave_out_single_characters_stopwords_and_general_words():
    from search.analysis import query_tokens

    tokens = query_tokens("我们公司的注塑件出现了严重的翘曲问题，面也有缩痕")
    assert {"注塑件", "翘曲", "缩痕"} <= set(tokens)
    assert not {"我们", "公司", "的", "出现", "问题", "面", "了"} & set(tokens)
    assert "x" not in query_tokens("X光") and "7900" in query_tokens("7900 型")  # codes and numbers stay


def test_a_compound_and_its_parts_count_once_each():
    from search.analysis import query_tokens, weighted_query_tokens

    tokens = query_tokens("模流分析 模流分析")
    assert tokens.count("模流分析") == 1 and tokens.count("模流") == 1
    weights = weighted_query_tokens([("模流分析", 1)])
    assert weights["模流分析"] == 2 and weights["模流"] == 1  # the part weighs less than the word itself
    common = weighted_query_tokens([("材料 翘曲", 1)])
    assert common["材料"] < common["翘曲"]  # fairly common in general Chinese: lower weight


def test_english_glossary_reaches_chinese_terms():
    from search.analysis import query_tokens

    assert {"翘曲", "注塑"} <= set(query_tokens("injection molding warpage"))
    assert "气孔" in query_tokens("die-casting porosity") and "压铸" in query_tokens("die-casting porosity")


@pytest.mark.django_db
def test_thesaurus_expands_with_lower_weight_and_is_shown_as_a_reason():
    from search.matching import explain, match_query
    from search.models import ThesaurusEntry, seed_thesaurus

    seed_thesaurus()
    ThesaurusEntry.objects.update_or_create(term="缩痕", industry="mould", defaults={"related": "模流分析,保压优化"})
    query = match_query([("门板表面缩痕", 1)])
    assert query.weights["缩痕"] == 2 and query.weights["模流分析"] == 1
    assert query.links["模流分析"] == "缩痕→模流分析"

    class Hit:
        matched = ["缩痕", "模流分析", "的", "面"]

    terms, reasons = explain(Hit, query)
    assert terms == ["缩痕"] and reasons == ["thesaurus:缩痕→模流分析"]
    ThesaurusEntry.objects.filter(term="缩痕").update(active=False)
    ThesaurusEntry.objects.first().save()  # any save drops the cached thesaurus
    assert "模流分析" not in match_query([("门板表面缩痕", 1)]).weights


@pytest.mark.django_db
def test_instrument_tokens_leave_out_the_owner_and_the_generic_category():
    from instruments.testing import make_instrument
    from marketplace.testing import make_organization
    from search.documents import instrument_document

    owner = make_organization("institute", name="宁波阳明检测研究院")
    instrument = make_instrument(owner, name="工业CT检测系统", capabilities="铸件内部气孔无损检测")
    doc = instrument_document(instrument)
    tokens = set(doc["tokens"].split())
    assert "气孔" in tokens and "宁波" not in tokens and "阳明" not in tokens
    assert "宁波阳明检测研究院" in doc["text"] and doc["facets"]["owner_name"] == owner.name
