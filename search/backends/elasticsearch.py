"""Elasticsearch 8/9 backend. Mappings and queries are built with elasticsearch-dsl; the bodies are sent with the
official client. The OpenSearch backend (``opensearch.py``) sends the same bodies through opensearch-py.

Documents are indexed pre-segmented (jieba tokens, see ``search.analysis``) into a whitespace-analyzed field, so the
engine needs no Chinese analysis plugin and ranks (BM25) exactly the tokens the database backend uses. Full rebuilds
write a new concrete index and swap the alias in one call, so search never goes down.
"""

import time

from elasticsearch_dsl import Search
from elasticsearch_dsl import query as Q

from ..analysis import query_tokens
from .base import FACETS, PRICE_RANGES, BaseSearchBackend, Hit, SearchQuery, SearchResults, highlight

FACET_FIELDS = {name: f"facets.{name}" for name in FACETS if name not in ("type", "price_range")}
SOURCE_FIELDS = ["doc_id", "type", "object_id", "title", "text", "tokens", "facets", "checksum"]


def index_body() -> dict:
    """Settings and mappings of the documents index."""
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": {
                "analyzer": {"tokens": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}}
            },
        },
        "mappings": {
            "dynamic_templates": [
                {
                    "facet_strings": {
                        "path_match": "facets.*",
                        "match_mapping_type": "string",
                        "mapping": {"type": "keyword"},
                    }
                },
            ],
            "properties": {
                "doc_id": {"type": "keyword"},
                "type": {"type": "keyword"},
                "object_id": {"type": "long"},
                "title": {"type": "text", "analyzer": "tokens"},
                "text": {"type": "text", "index": False},
                "tokens": {"type": "text", "analyzer": "tokens"},
                "public": {"type": "boolean"},
                "sort_date": {"type": "date"},
                "checksum": {"type": "keyword"},
                "facets": {
                    "type": "object",
                    "properties": {
                        "price": {"type": "double"},
                        "voucher_eligible": {"type": "boolean"},
                        "owner": {"type": "long"},
                        "trl": {"type": "integer"},
                        "rating": {"type": "float"},
                    },
                },
            },
        },
    }


def subscriptions_body() -> dict:
    """The percolator index of saved searches: the stored queries run against the same whitespace-analyzed tokens."""
    body = index_body()
    return {
        "settings": body["settings"],
        "mappings": {
            "properties": {
                "query": {"type": "percolator"},
                "tokens": {"type": "text", "analyzer": "tokens"},
                "subscription": {"type": "long"},
            }
        },
    }


def subscription_query(text: str) -> dict:
    """Every word of the saved search must match, through itself or one of its synonyms."""
    words = [w for w in text.split() if w]
    return Q.Bool(
        must=[Q.Match(tokens={"query": " ".join(query_tokens(word)), "operator": "or"}) for word in words]
    ).to_dict()


def _filter_clause(name, value):
    if name == "price_min":
        return Q.Range(**{"facets.price": {"gte": float(value)}})
    if name == "price_max":
        return Q.Range(**{"facets.price": {"lte": float(value)}})
    if name == "voucher_eligible":
        return Q.Term(**{"facets.voucher_eligible": str(value).lower() == "true"})
    return Q.Term(**{f"facets.{name}": value})


def search_body(query: SearchQuery) -> dict:
    """The request body for ``query`` (what the database backend computes, expressed in the engine's DSL)."""
    search = Search()
    tokens = query.tokens
    if tokens:
        search = search.query(Q.Match(tokens={"query": " ".join(tokens), "operator": "or"}))
    filters = []
    if query.types:
        filters.append(Q.Terms(type=list(query.types)))
    if query.public_only:
        filters.append(Q.Term(public=True))
    filters += [_filter_clause(name, value) for name, value in query.filters.items() if value not in (None, "")]
    if filters:
        search = search.filter(Q.Bool(filter=filters))
    if query.with_facets:
        search.aggs.bucket("type", "terms", field="type", size=50)
        for name, field in FACET_FIELDS.items():
            search.aggs.bucket(name, "terms", field=field, size=50)
        ranges = [
            {"key": label, "from": low, **({"to": high} if high is not None else {})}
            for low, high, label in PRICE_RANGES
        ]
        search.aggs.bucket("price_range", "range", field="facets.price", ranges=ranges)
    sort = {
        "relevance": ["_score", {"object_id": "asc"}],
        "newest": [{"sort_date": {"order": "desc", "missing": "_last"}}, {"object_id": "asc"}],
        "price_asc": [{"facets.price": {"order": "asc", "missing": "_last"}}],
        "price_desc": [{"facets.price": {"order": "desc", "missing": "_last"}}],
    }[query.sort]
    search = search.sort(*sort).source(SOURCE_FIELDS).extra(from_=query.offset, size=query.limit, track_total_hits=True)
    return search.to_dict()


class ElasticsearchSearchBackend(BaseSearchBackend):
    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.index_alias = f"{params.get('INDEX_PREFIX', 'kjdsc')}_documents"
        self.subscriptions_index = f"{params.get('INDEX_PREFIX', 'kjdsc')}_subscriptions"
        self.refresh = params.get("REFRESH", "wait_for")
        self._client = None
        self._ensured = False

    # --- the client, and the few calls that differ between Elasticsearch and OpenSearch ----------------------------
    @property
    def client(self):
        if self._client is None:
            self._client = self.make_client()
        return self._client

    def make_client(self):
        from elasticsearch import Elasticsearch

        return Elasticsearch(self.params["URLS"], request_timeout=self.params.get("TIMEOUT", 10))

    def _create_index(self, name: str, body: dict):
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])

    def _search(self, body: dict) -> dict:
        return self.client.search(index=self.index_alias, body=body)

    def _bulk(self, operations: list[dict], refresh=None):
        if operations:
            self.client.bulk(operations=operations, refresh=self.refresh if refresh is None else refresh)

    def _update_aliases(self, actions: list[dict]):
        self.client.indices.update_aliases(actions=actions)

    # --- the interface ---------------------------------------------------------------------------------------------
    def ensure_index(self):
        """Create the index and its alias on first use (checked once per process, not on every request)."""
        if self._ensured:
            return
        if not self.client.indices.exists_alias(name=self.index_alias):
            name = f"{self.index_alias}_{time.strftime('%Y%m%d%H%M%S')}"
            self._create_index(name, index_body())
            self.client.indices.put_alias(index=name, name=self.index_alias)
        self._ensured = True

    @staticmethod
    def _source(doc):
        return {**doc, "sort_date": doc["sort_date"].isoformat() if doc.get("sort_date") else None}

    def index(self, docs):
        self.ensure_index()
        operations = []
        for doc in docs:
            operations += [{"index": {"_index": self.index_alias, "_id": doc["doc_id"]}}, self._source(doc)]
        self._bulk(operations)

    def delete(self, doc_ids):
        self.ensure_index()
        self._bulk([{"delete": {"_index": self.index_alias, "_id": doc_id}} for doc_id in doc_ids])

    # --- saved searches: a percolator index ---------------------------------------------------------------------
    def _ensure_subscriptions(self):
        if not self.client.indices.exists(index=self.subscriptions_index):
            self._create_index(self.subscriptions_index, subscriptions_body())

    def save_subscription(self, subscription):
        self._ensure_subscriptions()
        self._index_one(
            self.subscriptions_index,
            str(subscription.pk),
            {"query": subscription_query(subscription.query), "subscription": subscription.pk},
        )

    def delete_subscription(self, subscription_id):
        self._ensure_subscriptions()
        self._bulk([{"delete": {"_index": self.subscriptions_index, "_id": str(subscription_id)}}])

    def matching_subscriptions(self, doc):
        self._ensure_subscriptions()
        body = {
            "query": {"percolate": {"field": "query", "document": {"tokens": doc["tokens"]}}},
            "size": 1000,
            "_source": ["subscription"],
        }
        response = self.client.search(index=self.subscriptions_index, body=body)
        return [hit["_source"]["subscription"] for hit in response["hits"]["hits"]]

    def _index_one(self, index, doc_id, source):
        self._bulk([{"index": {"_index": index, "_id": doc_id}}, source])

    def clear(self):
        """Remove every document (test suites against a real engine start from an empty index): the indexes behind
        the alias are dropped and an empty one takes their place, which beats deleting documents one by one."""
        if self.client.indices.exists_alias(name=self.index_alias):
            for index in list(self.client.indices.get_alias(name=self.index_alias)):
                self.client.indices.delete(index=index)
        self._ensured = False
        self.ensure_index()
        if self.client.indices.exists(index=self.subscriptions_index):
            self.client.indices.delete(index=self.subscriptions_index)

    def get_document(self, doc_id):
        self.ensure_index()
        found = self.client.options(ignore_status=404).get(index=self.index_alias, id=doc_id)
        return found["_source"] if found.get("found") else None

    def checksums(self, doc_type):
        self.ensure_index()
        body = {"query": {"term": {"type": doc_type}}, "_source": ["doc_id", "checksum"], "size": 10000}
        hits = self._search(body)["hits"]["hits"]
        return {h["_source"]["doc_id"]: h["_source"]["checksum"] for h in hits}

    def rebuild(self, docs, progress=None):
        name = f"{self.index_alias}_{time.strftime('%Y%m%d%H%M%S')}"
        self._create_index(name, index_body())
        count, operations = 0, []
        for doc in docs:
            operations += [{"index": {"_index": name, "_id": doc["doc_id"]}}, self._source(doc)]
            if len(operations) >= 1000:
                self._bulk(operations, refresh=False)  # the new index is refreshed once, before the alias swap
                count += len(operations) // 2
                operations = []
                if progress:
                    progress(count)
        self._bulk(operations, refresh=False)
        count += len(operations) // 2
        self.client.indices.refresh(index=name)
        old = (
            list(self.client.indices.get_alias(name=self.index_alias))
            if self.client.indices.exists_alias(name=self.index_alias)
            else []
        )
        actions = [{"remove": {"index": index, "alias": self.index_alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.index_alias}})
        self._update_aliases(actions)
        for index in old:
            self.client.indices.delete(index=index)
        self._ensured = True
        if progress:
            progress(count)
        return count

    def search(self, query: SearchQuery) -> SearchResults:
        self.ensure_index()
        tokens = query.tokens
        response = self._search(search_body(query))
        hits = []
        for raw in response["hits"]["hits"]:
            source = raw["_source"]
            doc_tokens = set(source.get("tokens", "").split())
            hits.append(
                Hit(
                    doc_id=source["doc_id"],
                    type=source["type"],
                    object_id=source["object_id"],
                    title=source["title"],
                    score=round(raw.get("_score") or 0.0, 6),
                    facets=source.get("facets", {}),
                    highlight=highlight(source.get("text", ""), tokens),
                    matched=[t for t in tokens if t in doc_tokens],
                )
            )
        facets = {}
        for name, agg in (response.get("aggregations") or {}).items():
            buckets = [b for b in agg["buckets"] if b.get("doc_count")]
            facets[name] = {str(b.get("key_as_string", b["key"])).lower(): b["doc_count"] for b in buckets}
        total = response["hits"]["total"]
        return SearchResults(total=total["value"] if isinstance(total, dict) else total, hits=hits, facets=facets)
