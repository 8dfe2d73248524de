"""The database search backend (the fallback needing no extra service, and PostgreSQL-only deployments): SQLite FTS5
with BM25, or PostgreSQL full-text (``ts_rank`` over a stored, GIN-indexed tsvector column), chosen by the
connection's vendor, over the jieba tokens stored in SearchDocument.

Everything is answered in SQL over *all* matches: filters are ``EXISTS`` probes of the facet rows (SearchFacet) and
the price column, the total is a window count on the page query, facets are one ``GROUP BY`` over the facet rows of
the matches. Nothing is capped, so totals and facet counts are exact whatever the number of matches.

Long texts (matching a demand's whole problem statement) are trimmed by document frequency before they reach the
full-text engine: terms found nowhere are dropped, terms held by more than ``COMMON_SHARE`` of the documents (and
more than ``COMMON_MIN_DOCUMENTS``) too — they carry little BM25 weight, yet their postings are most of what an OR of
~80 tokens scans —, and at most the ``MAX_QUERY_TERMS`` rarest are kept.
"""

import time

from django.db import connection, transaction

from ..models import SearchDocument, SearchFacet
from .base import FACETS, BaseSearchBackend, Hit, SearchQuery, SearchResults, facet_rows, highlight

LONG_QUERY_TERMS = 32
COMMON_SHARE = 0.1
COMMON_MIN_DOCUMENTS = 2000
MAX_QUERY_TERMS = 96
DF_CACHE_SECONDS = 600
DOCUMENT_FIELDS = ("doc_id", "type", "object_id", "title", "text", "tokens", "facets", "public", "sort_date",
                   "checksum")  # fmt: skip
ORDER_BY = {
    "relevance": "b.score DESC, b.id",
    "newest": "b.sort_date IS NULL, b.sort_date DESC, b.id",
    "price_asc": "b.price IS NULL, b.price ASC, b.id",
    "price_desc": "b.price IS NULL, b.price DESC, b.id",
}


def _fts5_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _document(doc) -> SearchDocument:
    return SearchDocument(**{k: doc[k] for k in DOCUMENT_FIELDS}, price=doc["facets"].get("price"))


def _facets_of(document: SearchDocument) -> list[SearchFacet]:
    return [
        SearchFacet(document=document, name=name, value=value[:200], folded=value.lower()[:200])
        for name, value in facet_rows(document.type, document.facets)
    ]


class DatabaseSearchBackend(BaseSearchBackend):
    def __init__(self, alias, params):
        super().__init__(alias, params)
        self._df_cache: dict[str, tuple[float, int]] = {}

    # --- writing ------------------------------------------------------------------------------------------------------
    def index(self, docs):
        with transaction.atomic():
            for doc in docs:
                document, _ = SearchDocument.objects.update_or_create(
                    doc_id=doc["doc_id"],
                    defaults={
                        **{k: doc[k] for k in DOCUMENT_FIELDS if k != "doc_id"},
                        "price": doc["facets"].get("price"),
                    },
                )
                SearchFacet.objects.filter(document=document).delete()
                SearchFacet.objects.bulk_create(_facets_of(document))

    def delete(self, doc_ids):
        SearchDocument.objects.filter(doc_id__in=list(doc_ids)).delete()

    def clear(self):
        # Plain DELETEs: the ORM's cascade would load every document to collect its facet rows first.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SearchFacet._meta.db_table}")
            cursor.execute(f"DELETE FROM {SearchDocument._meta.db_table}")

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
            self.clear()
            batch = []

            def flush():
                created = SearchDocument.objects.bulk_create(batch)
                SearchFacet.objects.bulk_create([row for document in created for row in _facets_of(document)])

            for doc in docs:
                batch.append(_document(doc))
                if len(batch) >= 500:
                    flush()
                    count += len(batch)
                    batch = []
                    if progress:
                        progress(count)
            flush()
            count += len(batch)
            if progress:
                progress(count)
        self._df_cache.clear()
        return count

    # --- reading ------------------------------------------------------------------------------------------------------
    def document_frequencies(self, tokens) -> dict[str, int]:
        """How many documents hold each token, and under ``""`` how many documents there are (non-zero figures cached
        for ``DF_CACHE_SECONDS``: they only steer which common terms a long query leaves out, so slightly old ones are
        harmless)."""
        now = time.monotonic()
        missing = [t for t in set(tokens) if self._df_cache.get(t, (0, 0))[0] < now]
        terms = [t for t in missing if t]
        found = dict.fromkeys(missing, 0)
        if "" in missing:
            found[""] = SearchDocument.objects.count()
        if terms:
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute(
                        f"SELECT term, doc FROM search_fts_vocab WHERE term IN ({', '.join(['%s'] * len(terms))})",
                        terms,
                    )
                else:
                    cursor.execute(
                        "SELECT t, (SELECT count(*) FROM search_searchdocument d "
                        "WHERE d.tokens_tsv @@ plainto_tsquery('simple', t)) FROM unnest(%s::text[]) AS t",
                        [terms],
                    )
                found.update(cursor.fetchall())
        for token in missing:
            # A term found nowhere is not kept: it may be indexed a moment later (by another process, too), and
            # a cached zero would drop it from long queries; zeros are cheap to count again.
            if found.get(token, 0) or token == "":
                self._df_cache[token] = (now + DF_CACHE_SECONDS, found.get(token, 0))
            else:
                self._df_cache.pop(token, None)
        return {t: found[t] if t in missing else self._df_cache[t][1] for t in tokens}

    def informative_terms(self, tokens: list[str]) -> list[str]:
        """``tokens`` as the full-text query should see them: all of a short query; for a long text (over
        ``LONG_QUERY_TERMS`` distinct terms) the terms that occur somewhere but not in more than ``COMMON_SHARE`` of
        the documents, at most ``MAX_QUERY_TERMS`` of the rarest, in their original order."""
        unique = list(dict.fromkeys(tokens))
        if len(unique) <= LONG_QUERY_TERMS:
            return unique
        frequencies = self.document_frequencies([*unique, ""])
        # A small market keeps every term (its "common" words still tell institutes apart); at scale the terms in
        # a tenth of the index are dropped.
        common = max(COMMON_SHARE * frequencies[""], COMMON_MIN_DOCUMENTS)
        informative = [t for t in unique if 0 < frequencies[t] <= common]
        keep = set(sorted(informative, key=lambda t: (frequencies[t], unique.index(t)))[:MAX_QUERY_TERMS])
        return [t for t in unique if t in keep]

    def _matches(self, query: SearchQuery, tokens: list[str]) -> tuple[str, list]:
        """SQL for the matching documents as rows ``(id, score, sort_date, price)``, and its parameters."""
        conditions, params = [], []
        if query.types:
            conditions.append(f"d.type IN ({', '.join(['%s'] * len(query.types))})")
            params += list(query.types)
        if query.public_only:
            conditions.append("d.public")
        for name, wanted in query.filters.items():
            if wanted in (None, ""):
                continue
            if name in ("price_min", "price_max"):
                conditions.append("d.price >= %s" if name == "price_min" else "d.price <= %s")
                params.append(float(wanted))
            else:
                conditions.append(
                    "EXISTS (SELECT 1 FROM search_searchfacet f WHERE f.document_id = d.id AND f.name = %s "
                    "AND f.folded = %s)"
                )
                params += [name, str(wanted).lower()]
        where = " AND ".join(conditions) or "1 = 1"
        columns = "d.id AS id, {score} AS score, d.sort_date AS sort_date, d.price AS price"
        if not tokens:
            return f"SELECT {columns.format(score='0.0')} FROM search_searchdocument d WHERE {where}", params
        if connection.vendor == "sqlite":
            sql = (
                f"SELECT {columns.format(score='m.score')} FROM search_searchdocument d JOIN "
                "(SELECT rowid AS id, -bm25(search_fts) AS score FROM search_fts WHERE search_fts MATCH %s) m "
                f"ON m.id = d.id WHERE {where}"
            )
            return sql, [" OR ".join(_fts5_quote(t) for t in tokens), *params]
        tsquery = " || ".join(["plainto_tsquery('simple', %s)"] * len(tokens))
        sql = (
            f"SELECT {columns.format(score='ts_rank(d.tokens_tsv, q.q, 1)')} FROM search_searchdocument d, "
            f"(SELECT {tsquery} AS q) q WHERE d.tokens_tsv @@ q.q AND {where}"
        )
        return sql, [*tokens, *params]

    def search(self, query: SearchQuery) -> SearchResults:
        all_tokens = query.tokens
        tokens = self.informative_terms(all_tokens) if all_tokens else []
        if all_tokens and not tokens:  # no term of the query occurs anywhere
            return SearchResults(total=0, hits=[], facets={name: {} for name in FACETS} if query.with_facets else {})
        matches, params = self._matches(query, tokens)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT b.id, b.score, count(*) OVER () FROM ({matches}) b "
                f"ORDER BY {ORDER_BY.get(query.sort, ORDER_BY['relevance'])} LIMIT %s OFFSET %s",
                [*params, query.limit, query.offset],
            )
            rows = cursor.fetchall()
            total = rows[0][2] if rows else 0
            if not rows and query.offset:  # past the last page: the count still answers
                cursor.execute(f"SELECT count(*) FROM ({matches}) b", params)
                total = cursor.fetchone()[0]
            facets = self._facet_counts(cursor, matches, params) if query.with_facets else {}
        scores = {row[0]: row[1] for row in rows}
        return SearchResults(total=total, hits=self._hits([row[0] for row in rows], scores, all_tokens), facets=facets)

    @staticmethod
    def _facet_counts(cursor, matches, params) -> dict[str, dict[str, int]]:
        cursor.execute(
            f"SELECT f.name, f.value, count(*) FROM search_searchfacet f WHERE f.name IN "
            f"({', '.join(['%s'] * len(FACETS))}) AND f.document_id IN (SELECT b.id FROM ({matches}) b) "
            "GROUP BY f.name, f.value",
            [*FACETS, *params],
        )
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        for name, value, n in cursor.fetchall():
            counts[name][value] = n
        return {name: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))) for name, values in counts.items()}

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
                    score=round(scores.get(doc.id, 0.0), 6) if tokens else 0.0,
                    facets=doc.facets,
                    highlight=highlight(doc.text, tokens),
                    matched=[t for t in tokens if t in doc_tokens],
                )
            )
        return hits
