"""Tokenization is linear in its input and what one text contributes to the index is bounded, so a hostile field
(ten thousand digits, a 100 KB blob) cannot fill the database or hold a worker for minutes."""

import time

import pytest

from search import analysis
from search.analysis import MAX_TOKEN_LENGTH, MAX_TOKENS, index_tokens, query_tokens

HOSTILE = {
    "digits": "7" * 100_000,
    "letters": "x" * 100_000,
    "code-like": "ab-12." * 20_000,
    "chinese": "注塑模具随形冷却水路设计" * 9_000,
    "codes and words": "JSM-7900F 扫描电镜 " * 8_000,
    "spaced numbers": "1234567 " * 14_000,
}


@pytest.fixture(scope="module", autouse=True)
def warm_jieba():
    index_tokens("预热分词器")  # loading jieba's dictionary is a one-off, not what is measured


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_field_contributes_a_bounded_number_of_short_tokens(name):
    started = time.perf_counter()
    tokens = index_tokens(HOSTILE[name])
    elapsed = time.perf_counter() - started
    assert len(tokens) <= MAX_TOKENS
    assert max(map(len, tokens)) <= MAX_TOKEN_LENGTH
    assert sum(map(len, tokens)) <= MAX_TOKENS * MAX_TOKEN_LENGTH
    assert elapsed < 2.0, f"{name}: {elapsed:.2f} s"  # ~0.2 s here; minutes before the bounds


def test_a_long_digit_run_is_not_expanded_into_its_prefixes():
    tokens = index_tokens("序列号 " + "1234567890" * 1_000)
    assert len(tokens) < 50
    assert all(len(t) <= MAX_TOKEN_LENGTH for t in tokens)


def test_real_codes_and_words_are_still_indexed_whole_and_by_prefix():
    tokens = index_tokens("JEOL JSM-7900F 场发射扫描电镜")
    assert {"jsm-7900f", "7900f", "790", "7900", "场发射扫描电镜", "扫描"} <= set(tokens)
    assert "jsm-7900f" in query_tokens("jsm-7900f")


def test_the_code_pattern_is_linear():
    # With the old pattern (no look-behind, backtracking runs) 20,000 digits took seconds inside findall alone.
    started = time.perf_counter()
    assert analysis.CODE.findall("9" * 200_000) == []
    assert time.perf_counter() - started < 0.5


def test_a_demand_with_a_100_kb_problem_builds_a_bounded_document(db):
    from demands.tests.test_demands import make_demand
    from marketplace.testing import make_organization
    from search import documents

    demand = make_demand(make_organization("enterprise"), problem="8" * 50_000 + "轴承异响" * 12_500)
    doc = documents.build("demand", demand.pk)
    assert doc is not None
    assert len(doc["tokens"]) <= 3 * MAX_TOKENS * (MAX_TOKEN_LENGTH + 1)
