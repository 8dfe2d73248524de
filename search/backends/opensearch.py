"""OpenSearch 2/3 backend: the Elasticsearch backend's elasticsearch-dsl bodies, sent through opensearch-py (only the
client calls whose signatures differ are overridden)."""

from .elasticsearch import ElasticsearchSearchBackend


class OpenSearchSearchBackend(ElasticsearchSearchBackend):
    def make_client(self):
        from opensearchpy import OpenSearch

        return OpenSearch(hosts=self.params["URLS"], timeout=self.params.get("TIMEOUT", 10))

    def _create_index(self, name, body):
        self.client.indices.create(index=name, body=body)

    def _bulk(self, operations, refresh=None):
        if operations:
            self.client.bulk(body=operations, refresh=self.refresh if refresh is None else refresh)

    def get_document(self, doc_id):
        self.ensure_index()
        found = self.client.get(index=self.index_alias, id=doc_id, ignore=404)
        return found["_source"] if found.get("found") else None

    def _update_aliases(self, actions):
        self.client.indices.update_aliases(body={"actions": actions})
