"""The Elasticsearch and OpenSearch adapters without a server: the mapping and query bodies built with
elasticsearch-dsl, and the client calls each adapter makes (recorded by a fake client)."""

from datetime import UTC, datetime
from unittest import mock

from search.backends.base import SearchQuery
from search.backends.elasticsearch import ElasticsearchSearchBackend, index_body, search_body
from search.backends.opensearch import OpenSearchSearchBackend

PARAMS = {"URLS": ["http://127.0.0.1:9200"], "INDEX_PREFIX": "t", "TIMEOUT": 5, "REFRESH": True}
DOC = {
    "doc_id": "instrument:1",
    "type": "instrument",
    "object_id": 1,
    "title": "扫描电镜",
    "text": "扫描电镜 JSM-7900F",
    "tokens": "扫描 电镜 jsm-7900f",
    "facets": {"category": "analytical", "price": 600.0},
    "public": True,
    "sort_date": datetime(2026, 1, 1, tzinfo=UTC),
    "checksum": "abc",
}


def test_mapping_is_whitespace_over_pretokenized_text():
    body = index_body()
    assert body["settings"]["analysis"]["analyzer"]["tokens"]["tokenizer"] == "whitespace"
    assert body["mappings"]["properties"]["tokens"]["analyzer"] == "tokens"
    assert body["mappings"]["properties"]["text"]["index"] is False
    assert body["mappings"]["dynamic_templates"][0]["facet_strings"]["mapping"] == {"type": "keyword"}


def test_search_body_expresses_tokens_filters_facets_sort_and_paging():
    body = search_body(
        SearchQuery(
            text="电镜",
            types=("instrument",),
            filters={"category": "analytical", "voucher_eligible": "true", "price_max": 1000},
            sort="price_asc",
            offset=20,
            limit=10,
        )
    )
    must = body["query"]["bool"]["must"][0]["match"]["tokens"]
    assert must["operator"] == "or" and "电子显微镜" in must["query"].split()
    filters = body["query"]["bool"]["filter"][0]["bool"]["filter"]
    assert {"terms": {"type": ["instrument"]}} in filters
    assert {"term": {"public": True}} in filters
    assert {"term": {"facets.category": "analytical"}} in filters
    assert {"term": {"facets.voucher_eligible": True}} in filters
    assert {"range": {"facets.price": {"lte": 1000.0}}} in filters
    assert body["sort"] == [{"facets.price": {"order": "asc", "missing": "_last"}}]
    assert (body["from"], body["size"], body["track_total_hits"]) == (20, 10, True)
    assert {"type", "industry_chain", "region", "price_range"} <= set(body["aggs"])


def test_empty_query_has_no_text_clause_and_relevance_sort_by_score():
    body = search_body(SearchQuery(text="", with_facets=False))
    assert "must" not in body.get("query", {}).get("bool", {})
    assert body["sort"][0] == "_score"
    assert "aggs" not in body


def fake_client():
    client = mock.MagicMock()
    client.indices.exists_alias.return_value = False
    client.search.return_value = {
        "hits": {"total": {"value": 1}, "hits": [{"_score": 2.5, "_source": {**DOC, "sort_date": "2026-01-01"}}]},
        "aggregations": {"category": {"buckets": [{"key": "analytical", "doc_count": 1}]}},
    }
    return client


def test_elasticsearch_client_calls():
    backend = ElasticsearchSearchBackend("default", PARAMS)
    backend._client = client = fake_client()
    backend.index([DOC])
    client.indices.create.assert_called_once()
    assert set(client.indices.create.call_args.kwargs) == {"index", "settings", "mappings"}
    client.indices.put_alias.assert_called_once()
    operations = client.bulk.call_args.kwargs["operations"]
    assert operations[0] == {"index": {"_index": "t_documents", "_id": "instrument:1"}}
    assert operations[1]["sort_date"] == "2026-01-01T00:00:00+00:00"
    results = backend.search(SearchQuery(text="电镜"))
    assert client.search.call_args.kwargs["index"] == "t_documents"
    assert results.total == 1 and results.hits[0].object_id == 1 and results.hits[0].matched == ["电镜"]
    assert results.facets["category"] == {"analytical": 1}
    assert "<em>" in results.hits[0].highlight


def test_rebuild_swaps_the_alias_atomically_and_drops_the_old_index():
    backend = ElasticsearchSearchBackend("default", PARAMS)
    backend._client = client = fake_client()
    client.indices.exists_alias.return_value = True
    client.indices.get_alias.return_value = {"t_documents_old": {}}
    assert backend.rebuild(iter([DOC, {**DOC, "doc_id": "instrument:2"}])) == 2
    new_index = client.indices.create.call_args.kwargs["index"]
    actions = client.indices.update_aliases.call_args.kwargs["actions"]
    assert actions == [
        {"remove": {"index": "t_documents_old", "alias": "t_documents"}},
        {"add": {"index": new_index, "alias": "t_documents"}},
    ]
    client.indices.delete.assert_called_once_with(index="t_documents_old")


def test_opensearch_sends_the_same_bodies_with_its_own_signatures():
    backend = OpenSearchSearchBackend("default", PARAMS)
    backend._client = client = fake_client()
    backend.index([DOC])
    assert set(client.indices.create.call_args.kwargs) == {"index", "body"}
    assert client.indices.create.call_args.kwargs["body"] == index_body()
    assert client.bulk.call_args.kwargs["body"][0] == {"index": {"_index": "t_documents", "_id": "instrument:1"}}
    query = SearchQuery(text="JSM-7900F", types=("instrument",))
    backend.search(query)
    assert client.search.call_args.kwargs["body"] == search_body(query)
    client.indices.exists_alias.return_value = True
    client.indices.get_alias.return_value = {}
    backend.rebuild(iter([DOC]))
    assert "actions" in client.indices.update_aliases.call_args.kwargs["body"]


def test_clients_are_the_official_ones():
    es = ElasticsearchSearchBackend("default", PARAMS).make_client()
    os_client = OpenSearchSearchBackend("default", PARAMS).make_client()
    assert type(es).__module__.startswith("elasticsearch")
    assert type(os_client).__module__.startswith("opensearchpy")


def test_saved_searches_are_percolator_queries():
    from search.backends.elasticsearch import subscription_query, subscriptions_body

    assert subscriptions_body()["mappings"]["properties"]["query"] == {"type": "percolator"}
    query = subscription_query("翘曲 电镜")
    musts = query["bool"]["must"]
    assert len(musts) == 2
    assert "翘曲变形" in musts[0]["match"]["tokens"]["query"].split()
    assert "电子显微镜" in musts[1]["match"]["tokens"]["query"].split()
    backend = OpenSearchSearchBackend("default", PARAMS)
    backend._client = client = fake_client()
    client.search.return_value = {"hits": {"hits": [{"_source": {"subscription": 7}}]}}
    assert backend.matching_subscriptions({"tokens": "壳体 翘曲"}) == [7]
    body = client.search.call_args.kwargs["body"]
    assert body["query"]["percolate"] == {"field": "query", "document": {"tokens": "壳体 翘曲"}}
