"""搜索与匹配: Search backends (database, Elasticsearch, OpenSearch), index documents, sync and matching."""
