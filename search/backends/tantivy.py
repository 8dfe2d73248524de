"""The embedded search backend: Tantivy (the Rust engine in the ``tantivy`` wheel), an index in a local directory,
no service to run.

Documents are indexed pre-segmented (the jieba tokens of ``search.analysis``) through a whitespace analyzer, so BM25
ranks exactly the tokens the other backends rank. Facets are counted by the engine's aggregations over fast fields
across *all* matches (exact, no candidate cap); filters are engine queries; date and price sorts read fast fields.

Layout of ``SEARCH_PATH``::

    CURRENT                      the name of the index in use (replaced atomically with os.replace)
    index-20261202T073000-1a2b/  one complete Tantivy index ("generation")
    index-20261202T081500-3c4d/  the next one, while a rebuild writes it

Writers: Tantivy allows one ``IndexWriter`` per index (a lock file). Every write takes the writer, commits and
releases it; a lock held by another process is waited for with back-off up to ``WRITER_TIMEOUT`` and then raises
``IndexBusy``, which the sync task retries (``search.sync``). Readers reopen on commit (Tantivy's watcher) and,
at most ``RELOAD_INTERVAL`` seconds apart, re-read ``CURRENT`` and reload, so every process sees a commit or a
rebuilt index within a second. A rebuild writes a new generation while holding the old index's writer (incremental
updates meanwhile wait and are retried into the new index, so none is lost), then swaps ``CURRENT``; searches keep
using the old index until then, and a crash mid-rebuild leaves ``CURRENT`` (and the old index) as it was.
"""

import json
import logging
import os
import secrets
import shutil
import threading
import time
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

import tantivy
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import (
    FACETS,
    PRICE_RANGES,
    BaseSearchBackend,
    Hit,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    facet_values,
    highlight,
)

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # bump when the schema changes: an index of another version asks for `search_index rebuild`
# 2: the "evaluation" facet field (results' evaluation grade).
POINTER = "CURRENT"
VERSION_FILE = "kjdsc-index.json"
TOKENS_ANALYZER = "kjdsc_tokens"
# Facets counted from fast text fields of the same name ("price_range" is a range aggregation over "price").
TERM_FACETS = tuple(name for name in FACETS if name != "price_range")
FACET_SIZE = 10_000  # more than the distinct values of any facet (regions, chains …): terms counts stay exact
SOURCE_KEYS = ("doc_id", "type", "object_id", "title", "text", "tokens", "facets", "public", "checksum")
SORTS = {
    "newest": ("sort_date", tantivy.Order.Desc),
    "price_asc": ("price", tantivy.Order.Asc),
    "price_desc": ("price", tantivy.Order.Desc),
}


class IndexBusy(SearchUnavailable):
    """Another process holds the index's writer for longer than ``WRITER_TIMEOUT`` (a rebuild, a large update)."""

    default_code = "search_index_busy"
    default_message = _("搜索索引正在更新，请稍后重试。")


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("doc_id", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("tokens", tokenizer_name=TOKENS_ANALYZER, index_option="freq")
    for name in TERM_FACETS:  # "type" is one of them
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    # Every facet value, lower-cased, for equality filters on any facet (status, owner …): filters.<name>.
    builder.add_json_field("filters", tokenizer_name="raw", index_option="basic")
    builder.add_float_field("price", indexed=True, fast=True)
    builder.add_date_field("sort_date", fast=True)
    builder.add_boolean_field("public", indexed=True, fast=True)
    builder.add_bytes_field("source", stored=True)
    return builder.build()


def tokens_analyzer():
    # The tokens are already normalized (NFKC, lower case); lower-casing again keeps query terms and index agreeing.
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(tantivy.Filter.lowercase()).build()


def _filter_values(doc: dict) -> dict[str, list[str]]:
    facets = doc.get("facets") or {}
    values = {}
    for name in {*facets, "type", "price_range"}:
        found = [str(v).lower() for v in facet_values(name, facets, doc["type"]) if isinstance(v, str | int | float)]
        if found:
            values[name] = found
    return values


def make_document(doc: dict) -> tantivy.Document:
    """The Tantivy document for one of ``search.documents``' dicts."""
    facets = doc.get("facets") or {}
    out = tantivy.Document()
    out.add_text("doc_id", doc["doc_id"])
    out.add_text("tokens", doc.get("tokens") or "")
    for name in TERM_FACETS:
        for value in facet_values(name, facets, doc["type"]):
            out.add_text(name, str(value))
    filters = _filter_values(doc)
    if filters:
        out.add_json("filters", filters)
    if facets.get("price") is not None:
        out.add_float("price", float(facets["price"]))
    sort_date = doc.get("sort_date")
    if sort_date is not None:
        out.add_date("sort_date", sort_date.astimezone(UTC) if sort_date.tzinfo else sort_date)
    out.add_boolean("public", bool(doc.get("public", True)))
    source = {key: doc.get(key) for key in SOURCE_KEYS}
    source["sort_date"] = sort_date.isoformat() if sort_date is not None else None
    out.add_bytes("source", json.dumps(source, ensure_ascii=False, default=str).encode())
    return out


def facet_aggregations() -> dict:
    aggs = {name: {"terms": {"field": name, "size": FACET_SIZE, "segment_size": FACET_SIZE}} for name in TERM_FACETS}
    ranges = [
        {"key": label, "from": low, **({"to": high} if high is not None else {})} for low, high, label in PRICE_RANGES
    ]
    aggs["price_range"] = {"range": {"field": "price", "ranges": ranges}}
    return aggs


def _sorted_counts(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


class TantivySearchBackend(BaseSearchBackend):
    """Parameters (``settings.SEARCH_BACKENDS[alias]``): ``PATH`` (the index directory), ``WRITER_TIMEOUT`` (seconds
    to wait for another process's writer, default 10), ``RELOAD_INTERVAL`` (seconds between checks for another
    process's commits and rebuilds, default 0.5), ``WRITER_HEAP`` / ``REBUILD_HEAP`` (bytes)."""

    # The index lives outside the database: tests clear it between tests (the database rolls back by itself).
    index_outside_database = True

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.root = Path(params.get("PATH") or Path(settings.BASE_DIR) / "data" / "search-index")
        self.writer_timeout = float(params.get("WRITER_TIMEOUT", 10))
        self.reload_interval = float(params.get("RELOAD_INTERVAL", 0.5))
        self.writer_heap = int(params.get("WRITER_HEAP", 50_000_000))
        self.rebuild_heap = int(params.get("REBUILD_HEAP", 256_000_000))
        self._read_lock = threading.Lock()  # guards which index this process searches (switched by CURRENT)
        self._write_lock = threading.RLock()  # threads of this process take turns at the writer
        self._index = None
        self._generation = None
        self._checked = 0.0

    # --- the directory: generations and the CURRENT pointer ------------------------------------------------------
    @property
    def pointer(self) -> Path:
        return self.root / POINTER

    def _read_pointer(self) -> str | None:
        try:
            return self.pointer.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def _new_generation(self) -> tuple[str, tantivy.Index]:
        name = f"index-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{secrets.token_hex(3)}"
        path = self.root / name
        path.mkdir(parents=True)
        index = tantivy.Index(build_schema(), path=str(path), reuse=False)
        (path / VERSION_FILE).write_text(json.dumps({"schema": SCHEMA_VERSION}), encoding="utf-8")
        index.register_tokenizer(TOKENS_ANALYZER, tokens_analyzer())
        return name, index

    def _write_pointer(self, name: str, *, exclusive: bool = False) -> bool:
        """Point CURRENT at ``name`` atomically (``exclusive``: only if there is no CURRENT yet; False if there was)."""
        tmp = self.root / f".{POINTER}.{os.getpid()}.{secrets.token_hex(4)}"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            if exclusive:
                try:
                    os.link(tmp, self.pointer)
                except FileExistsError:
                    return False
            else:
                os.replace(tmp, self.pointer)
        finally:
            tmp.unlink(missing_ok=True)
        directory = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
        return True

    def _ensure_pointer(self) -> str:
        """The current generation's name, creating an empty index on first use (one process wins the race)."""
        name = self._read_pointer()
        if name is not None:
            return name
        self.root.mkdir(parents=True, exist_ok=True)
        created, _index = self._new_generation()
        if self._write_pointer(created, exclusive=True):
            return created
        shutil.rmtree(self.root / created, ignore_errors=True)  # another process created the index first
        return self._read_pointer()

    def _open(self, name: str) -> tantivy.Index:
        path = self.root / name
        try:
            version = json.loads((path / VERSION_FILE).read_text(encoding="utf-8")).get("schema")
        except (OSError, ValueError):
            version = None
        if version != SCHEMA_VERSION:
            logger.error("search index %s has schema %s, expected %s: run `search_index rebuild`", path, version,
                         SCHEMA_VERSION)  # fmt: skip
            raise SearchUnavailable()
        index = tantivy.Index.open(str(path))
        index.register_tokenizer(TOKENS_ANALYZER, tokens_analyzer())
        return index

    def _current(self, *, fresh: bool = False) -> tuple[tantivy.Index, str]:
        """The index in use; at most RELOAD_INTERVAL apart (or when ``fresh``) it follows CURRENT and reloads the
        searcher, so commits and rebuilds of other processes become visible within a second."""
        with self._read_lock:
            now = time.monotonic()
            if self._index is None or fresh or now - self._checked >= self.reload_interval:
                name = self._ensure_pointer()
                if name != self._generation:
                    self._index, self._generation = self._open(name), name
                else:
                    self._index.reload()
                self._checked = now
            return self._index, self._generation

    def _switch(self, name: str, index: tantivy.Index) -> None:
        with self._read_lock:
            self._index, self._generation = index, name
            self._checked = time.monotonic()

    # --- the writer ----------------------------------------------------------------------------------------------
    def _acquire_writer(self, heap: int, *, lock_only: bool = False):
        """Take the current index's writer, waiting with back-off while another process holds it; raises IndexBusy
        after WRITER_TIMEOUT. Re-checks CURRENT after taking it, so a rebuild that switched meanwhile is followed.
        ``lock_only``: just hold the lock (a rebuild), which works on an index of an older schema too."""
        deadline = time.monotonic() + self.writer_timeout
        delay = 0.01
        while True:
            if lock_only:
                name = self._ensure_pointer()
                index = tantivy.Index.open(str(self.root / name))
            else:
                index, name = self._current(fresh=True)
            try:
                writer = index.writer(heap, 1)
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexBusy() from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.25)
                continue
            if self._read_pointer() == name:
                return writer, index, name
            writer.wait_merging_threads()  # a rebuild switched while we waited: write into the new index instead

    @contextmanager
    def _writer(self):
        """One write: take the writer, let the block add and delete, commit, release the lock, reload."""
        with self._write_lock:
            writer, index, _name = self._acquire_writer(self.writer_heap)
            try:
                yield writer
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()  # merges finish and the lock file is released
            index.reload()

    def index(self, docs):
        docs = list(docs)
        if not docs:
            return
        with self._writer() as writer:
            for doc in docs:
                writer.delete_documents_by_term("doc_id", doc["doc_id"])
                writer.add_document(make_document(doc))

    def delete(self, doc_ids):
        doc_ids = list(doc_ids)
        if not doc_ids:
            return
        with self._writer() as writer:
            for doc_id in doc_ids:
                writer.delete_documents_by_term("doc_id", doc_id)

    def clear(self):
        """Remove every document (nothing to do, and no commit, when the index is already empty)."""
        if self._read_pointer() is None:
            return
        index, _name = self._current(fresh=True)
        if index.searcher().num_docs == 0:
            return
        with self._writer() as writer:
            writer.delete_all_documents()

    def rebuild(self, docs, progress=None):
        """Write every document into a new generation, then switch CURRENT to it. The old index's writer is held
        meanwhile, so incremental updates wait (and are retried into the new index) rather than being lost."""
        with self._write_lock:
            old_writer, _old_index, old_name = self._acquire_writer(15_000_000, lock_only=True)
            try:
                name, index = self._new_generation()
                try:
                    count = self._fill(index, docs, progress)
                    self._write_pointer(name)
                except BaseException:
                    shutil.rmtree(self.root / name, ignore_errors=True)
                    raise
            finally:
                old_writer.rollback()
                old_writer.wait_merging_threads()
            index.reload()
            self._switch(name, index)
            self._remove_generations(keep={name, old_name})
        if progress:
            progress(count)
        return count

    def _fill(self, index, docs, progress) -> int:
        writer = index.writer(self.rebuild_heap, 0)
        count = 0
        try:
            for doc in docs:
                writer.add_document(make_document(doc))
                count += 1
                if progress and count % 1000 == 0:
                    progress(count)
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
        return count

    def _remove_generations(self, keep: set[str]) -> None:
        """Delete older generations and leftovers of crashed rebuilds. The previous generation is kept: another
        process may still search it until its next check of CURRENT."""
        for path in self.root.glob("index-*"):
            if path.name not in keep and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)

    # --- reading -------------------------------------------------------------------------------------------------
    def _sources(self, searcher, query, limit) -> list[dict]:
        if limit <= 0:
            return []
        hits = searcher.search(query, limit, count=False).hits
        return [json.loads(searcher.doc(address).get_first("source")) for _score, address in hits]

    def get_document(self, doc_id):
        index, _name = self._current()
        found = self._sources(index.searcher(), tantivy.Query.term_query(index.schema, "doc_id", doc_id), 1)
        if not found:
            return None
        return {key: found[0].get(key) for key in SOURCE_KEYS}

    def checksums(self, doc_type):
        index, _name = self._current()
        searcher = index.searcher()
        query = tantivy.Query.term_query(index.schema, "type", doc_type)
        return {source["doc_id"]: source["checksum"] for source in self._sources(searcher, query, searcher.num_docs)}

    def doc_freq(self, token: str) -> int:
        """How many documents contain ``token`` (for weighting query terms)."""
        index, _name = self._current()
        return index.searcher().doc_freq("tokens", token)

    @staticmethod
    def build_query(query: SearchQuery, schema: tantivy.Schema) -> tantivy.Query:
        """The engine query: BM25 over the tokens (any of them), filters as zero-scored required clauses."""
        Query, Occur = tantivy.Query, tantivy.Occur
        clauses = []
        tokens = query.tokens
        if tokens:
            terms = [(Occur.Should, Query.term_query(schema, "tokens", token)) for token in tokens]
            clauses.append((Occur.Must, Query.boolean_query(terms)))
        filters = []
        if query.types:
            filters.append(Query.term_set_query(schema, "type", list(query.types)))
        if query.public_only:
            filters.append(Query.term_query(schema, "public", True))
        for name, wanted in query.filters.items():
            if wanted in (None, ""):
                continue
            if name == "price_min":
                filters.append(Query.range_query(schema, "price", tantivy.FieldType.Float, float(wanted), None))
            elif name == "price_max":
                filters.append(Query.range_query(schema, "price", tantivy.FieldType.Float, None, float(wanted)))
            else:
                filters.append(Query.term_query(schema, f"filters.{name}", str(wanted).lower()))
        clauses += [(Occur.Must, Query.const_score_query(f, 0.0)) for f in filters]
        if not clauses:
            return Query.all_query()
        return Query.boolean_query(clauses)

    def search(self, query: SearchQuery) -> SearchResults:
        index, _name = self._current()
        searcher = index.searcher()
        engine_query = self.build_query(query, index.schema)
        tokens = query.tokens
        kwargs = {}
        if query.sort in SORTS:
            field, order = SORTS[query.sort]
            kwargs = {"order_by_field": field, "order": order}
        if query.limit > 0:
            found = searcher.search(engine_query, query.limit, count=True, offset=query.offset, **kwargs)
            total, ranked = found.count, found.hits
        else:
            total, ranked = searcher.search(engine_query, 1, count=True).count, []
        hits = []
        for key, address in ranked:
            source = json.loads(searcher.doc(address).get_first("source"))
            doc_tokens = set((source.get("tokens") or "").split())
            hits.append(
                Hit(
                    doc_id=source["doc_id"],
                    type=source["type"],
                    object_id=source["object_id"],
                    title=source["title"],
                    score=round(float(key), 6) if not kwargs and tokens else 0.0,
                    facets=source.get("facets") or {},
                    highlight=highlight(source.get("text") or "", tokens),
                    matched=[t for t in tokens if t in doc_tokens],
                )
            )
        facets = self._facets(searcher, engine_query) if query.with_facets else {}
        return SearchResults(total=total, hits=hits, facets=facets)

    @staticmethod
    def _facets(searcher, engine_query) -> dict[str, dict[str, int]]:
        response = searcher.aggregate(engine_query, facet_aggregations())
        labels = {label for _low, _high, label in PRICE_RANGES}
        facets = {}
        for name in FACETS:
            buckets = (response.get(name) or {}).get("buckets", [])
            counts = {str(b["key"]): b["doc_count"] for b in buckets if b.get("doc_count")}
            if name == "price_range":
                counts = {key: n for key, n in counts.items() if key in labels}
            facets[name] = _sorted_counts(counts)
        return facets
