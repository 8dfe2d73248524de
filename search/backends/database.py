"""The database search backend (default; no extra service): SQLite FTS5 with BM25, or PostgreSQL full-text
(``ts_rank`` over a stored, GIN-indexed tsvector column), chosen by the connection's vendor, over the jieba tokens
stored in SearchDocument."""

from django.db import connection, transaction

from ..models import SearchDocument
from .base import BaseSearchBackend, Hit, SearchQuery, SearchResults, count_facets, highlight, matches_filters

MAX_CANDIDATES = 20000


def _fts5_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


class DatabaseSearchBackend(BaseSearchBackend):
    # --- writing ------------------------------------------------------------------------------------------------------
    def index(self, docs):
        with transaction.atomic():
            for doc in docs:
                SearchDocument.objects.update_or_create(
                    doc_id=doc["doc_id"],
                    defaults={k: doc[k] for k in ("type", "object_id", "title", "text", "tokens", "facets", "public",
                                                  "sort_date", "checksum")},
                )  # fmt: skip

    def delete(self, doc_ids):
        SearchDocument.objects.filter(doc_id__in=list(doc_ids)).delete()

    def clear(self):
        SearchDocument.objects.all().delete()

    def get_document(self, doc_id):
        return (
            SearchDocument.objects.filter(doc_id=doc_id)
            .values("doc_id", "type", "object_id", "title", "text", "tokens", "facets", "public", "checksum")
            .first()
        )

    def checksums(self, doc_type):
        return dict(SearchDocument.objects.filter(type=doc_type).values_list("doc_id", "checksum"))

    def rebuild(self, docs, progress=None):
        count = 0
        with transaction.atomic():  # readers keep seeing the old index until this commits
            SearchDocument.objects.all().delete()
            batch = []
            for doc in docs:
                batch.append(SearchDocument(**{k: doc[k] for k in ("doc_id", "type", "object_id", "title", "text",
                                                                    "tokens", "facets", "public", "sort_date",
                                                                    "checksum")}))  # fmt: skip
                if len(batch) >= 500:
                    SearchDocument.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
                    if progress:
                        progress(count)
            SearchDocument.objects.bulk_create(batch)
            count += len(batch)
            if progress:
                progress(count)
        return count

    # --- reading ------------------------------------------------------------------------------------------------------
    def _scored_ids(self, tokens, types, public_only, limit=MAX_CANDIDATES) -> dict[int, float]:
        conditions, params = [], []
        if types:
            conditions.append(f"d.type IN ({', '.join(['%s'] * len(types))})")
            params += list(types)
        if public_only:
            conditions.append("d.public")
        where = (" AND " + " AND ".join(conditions)) if conditions else ""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                match = " OR ".join(_fts5_quote(t) for t in tokens)
                cursor.execute(
                    "SELECT d.id, -bm25(search_fts) FROM search_fts "
                    "JOIN search_searchdocument d ON d.id = search_fts.rowid "
                    f"WHERE search_fts MATCH %s{where} ORDER BY bm25(search_fts) LIMIT {int(limit)}",
                    [match, *params],
                )
            else:
                tsquery = " || ".join(["plainto_tsquery('simple', %s)"] * len(tokens))
                cursor.execute(
                    f"SELECT d.id, ts_rank(d.tokens_tsv, q.q, 1) FROM search_searchdocument d, "
                    f"(SELECT {tsquery} AS q) q WHERE d.tokens_tsv @@ q.q{where} "
                    f"ORDER BY 2 DESC LIMIT {int(limit)}",
                    [*tokens, *params],
                )
            return dict(cursor.fetchall())

    def search(self, query: SearchQuery) -> SearchResults:
        tokens = query.tokens
        documents = SearchDocument.objects.all()
        if query.types:
            documents = documents.filter(type__in=query.types)
        if query.public_only:
            documents = documents.filter(public=True)
        scores = None
        if tokens and not query.filters and not query.with_facets and query.sort == "relevance":
            # Ranking only (matching, suggestions): the engine's top hits are the answer; no facet rows to load.
            scores = self._scored_ids(tokens, query.types, query.public_only, limit=query.offset + query.limit)
            page = sorted(scores, key=lambda pk: (-scores[pk], pk))[query.offset :]
            return SearchResults(total=len(scores), hits=self._hits(page, scores, tokens), facets={})
        if tokens:
            scores = self._scored_ids(tokens, query.types, query.public_only)
            documents = documents.filter(id__in=list(scores))
        rows = [
            row
            for row in documents.values_list("id", "type", "facets", "sort_date")
            if matches_filters(row[1], row[2], query.filters)
        ]
        facets = count_facets((row[1], row[2]) for row in rows) if query.with_facets else {}
        rows.sort(key=self._sort_key(query.sort, scores))
        page = [row[0] for row in rows[query.offset : query.offset + query.limit]]
        return SearchResults(total=len(rows), hits=self._hits(page, scores, tokens), facets=facets)

    @staticmethod
    def _hits(page: list[int], scores, tokens) -> list[Hit]:
        details = SearchDocument.objects.in_bulk(page)
        hits = []
        for pk in page:
            doc = details[pk]
            doc_tokens = set(doc.tokens.split())
            hits.append(
                Hit(
                    doc_id=doc.doc_id,
                    type=doc.type,
                    object_id=doc.object_id,
                    title=doc.title,
                    score=round(scores.get(doc.id, 0.0), 6) if scores else 0.0,
                    facets=doc.facets,
                    highlight=highlight(doc.text, tokens),
                    matched=[t for t in tokens if t in doc_tokens],
                )
            )
        return hits

    @staticmethod
    def _sort_key(sort, scores):
        if sort == "newest":
            return lambda row: (row[3] is None, -(row[3].timestamp() if row[3] else 0), row[0])
        if sort == "price_asc":
            return lambda row: (row[2].get("price") is None, row[2].get("price") or 0, row[0])
        if sort == "price_desc":
            return lambda row: (row[2].get("price") is None, -(row[2].get("price") or 0), row[0])
        return lambda row: (-(scores or {}).get(row[0], 0.0), row[0])
