"""The tantivy backend: the shared behaviour suite on it, and what is its own — the writer lock (a busy lock is
retried, never lost), rebuilds that switch atomically (the old index serves during and after a failed rebuild),
facets and totals exact over all matches, and commits seen by other processes within a second."""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest
import tantivy
from django.conf import settings
from django.test import SimpleTestCase, override_settings

from search import sync
from search.backends import get_backend, reset_backends
from search.backends.base import SearchQuery, SearchUnavailable, count_facets, matches_filters
from search.backends.tantivy import POINTER, IndexBusy, TantivySearchBackend
from search.tests import test_search as behaviour

BACKEND = "search.backends.tantivy.TantivySearchBackend"


def index_dir() -> str:
    return tempfile.mkdtemp(prefix="kjdsc-tantivy-", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None)


class TantivyBackendMixin:
    """Runs a test case on a tantivy backend of its own (a fresh directory per test class)."""

    backend_params: dict = {}

    @classmethod
    def setUpClass(cls):
        cls.index_path = index_dir()
        params = {"BACKEND": BACKEND, "PATH": cls.index_path, **cls.backend_params}
        cls._tantivy_settings = override_settings(SEARCH_BACKENDS={"default": params})
        cls._tantivy_settings.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._tantivy_settings.disable()
        shutil.rmtree(cls.index_path, ignore_errors=True)


class TantivySearchBehaviourTest(TantivyBackendMixin, behaviour.SearchBehaviourTest):
    pass


class TantivyMatchingTest(TantivyBackendMixin, behaviour.MatchingTest):
    pass


# --- the backend without Django's database -------------------------------------------------------------------------

VOCABULARY = ["电镜", "模具", "翘曲", "冷却", "碳化硅", "逆变器", "光学", "检测", "注塑", "机器人"]
CHAINS = ["molds", "optoelectronics", "robotics", "new_materials"]
REGIONS = [["330281", "330200", "330000"], ["330282", "330200", "330000"], ["320500", "320000"], ["310000"], []]


def make_doc(n: int, rng: random.Random) -> dict:
    doc_type = ("instrument", "result", "demand", "institute")[n % 4]
    words = rng.sample(VOCABULARY, rng.randint(1, 4))
    price = rng.choice([None, round(rng.uniform(0, 300000), 2), 500.0, 2000.0])
    return {
        "doc_id": f"{doc_type}:{n}",
        "type": doc_type,
        "object_id": n,
        "title": "".join(words[:2]),
        "text": " ".join(words),
        "tokens": " ".join(words),
        "facets": {
            "industry_chain": rng.sample(CHAINS, rng.randint(0, 2)),
            "tech_field": [rng.choice(["ai", "materials", "optics"])],
            "region": rng.choice(REGIONS),
            "category": rng.choice(["analytical", "metrology", "computing"]) if doc_type == "instrument" else None,
            "voucher_eligible": rng.random() < 0.6 if doc_type == "instrument" else None,
            "risk_class": rng.choice(["green", "yellow", "red"]) if doc_type == "demand" else None,
            "status": rng.choice(["active", "maintenance"]),
            "price": price,
        },
        "public": rng.random() < 0.9,
        "sort_date": None if rng.random() < 0.2 else datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n),
        "checksum": f"c{n}",
    }


def brute_force(docs, query: SearchQuery):
    """What the search must answer, computed the slow way: every document checked in Python."""
    tokens = set(query.tokens)
    return [
        doc
        for doc in docs
        if (not tokens or tokens & set(doc["tokens"].split()))
        and (not query.types or doc["type"] in query.types)
        and (doc["public"] or not query.public_only)
        and matches_filters(doc["type"], doc["facets"], query.filters)
    ]


class TantivyEngineTest(SimpleTestCase):
    def setUp(self):
        self.path = index_dir()
        self.addCleanup(shutil.rmtree, self.path, True)
        self.backend = self.make_backend()

    def make_backend(self, **params) -> TantivySearchBackend:
        return TantivySearchBackend("test", {"PATH": self.path, **params})

    def doc(self, n, words="电镜", **facets):
        return {
            "doc_id": f"instrument:{n}",
            "type": "instrument",
            "object_id": n,
            "title": words,
            "text": words,
            "tokens": words,
            "facets": facets,
            "public": True,
            "sort_date": None,
            "checksum": f"c{n}",
        }

    def ids(self, backend=None, text="电镜", **kwargs):
        return [h.object_id for h in (backend or self.backend).search(SearchQuery(text=text, **kwargs)).hits]

    def assertEventually(self, get, expected, within):
        started = time.monotonic()
        while (value := get()) != expected and time.monotonic() - started < within:
            time.sleep(0.02)
        self.assertEqual(value, expected, f"not within {within} s")

    def hold_writer(self):
        """Take the index's writer as another process would (Tantivy's lock file is per directory)."""
        name = (Path(self.path) / POINTER).read_text().strip()
        return tantivy.Index.open(str(Path(self.path) / name)).writer(15_000_000, 1)

    # --- facets, totals, sorting --------------------------------------------------------------------------------
    def test_facets_and_totals_are_exact_over_every_match(self):
        rng = random.Random(13)
        docs = [make_doc(n, rng) for n in range(1, 2001)]
        self.assertEqual(self.backend.rebuild(iter(docs)), 2000)
        queries = [
            SearchQuery(),
            SearchQuery(text="电镜 模具"),
            SearchQuery(text="翘曲", types=("instrument", "demand")),
            SearchQuery(text="", filters={"region": "330200", "voucher_eligible": "true"}),
            SearchQuery(text="碳化硅", filters={"industry_chain": "robotics", "price_min": 500, "price_max": 2000}),
            SearchQuery(text="检测", filters={"status": "active", "risk_class": "red"}, public_only=False),
            SearchQuery(filters={"type": "result", "tech_field": "optics"}),
        ]
        for query in queries:
            expected = brute_force(docs, query)
            results = self.backend.search(query)
            self.assertEqual(results.total, len(expected), query)
            self.assertEqual(results.facets, count_facets((d["type"], d["facets"]) for d in expected), query)
        everything = self.backend.search(SearchQuery(limit=0))
        self.assertEqual(everything.total, sum(d["public"] for d in docs))
        self.assertEqual(everything.hits, [])

    def test_sorts_read_fast_fields_and_put_missing_values_last(self):
        rng = random.Random(5)
        docs = [make_doc(n, rng) for n in range(1, 301)]
        self.backend.index(docs)
        public = {d["doc_id"]: d for d in docs if d["public"]}
        for sort, key in (
            ("price_asc", lambda d: (d["facets"]["price"] is None, d["facets"]["price"] or 0)),
            ("price_desc", lambda d: (d["facets"]["price"] is None, -(d["facets"]["price"] or 0))),
            ("newest", lambda d: (d["sort_date"] is None, -(d["sort_date"].timestamp() if d["sort_date"] else 0))),
        ):
            hits = self.backend.search(SearchQuery(sort=sort, limit=len(public), with_facets=False)).hits
            self.assertEqual(len({h.doc_id for h in hits}), len(public))
            keys = [key(public[h.doc_id]) for h in hits]
            self.assertEqual(keys, sorted(keys), sort)
        page = self.backend.search(SearchQuery(sort="price_asc", offset=10, limit=5)).hits
        full = self.backend.search(SearchQuery(sort="price_asc", limit=15)).hits
        self.assertEqual([h.doc_id for h in page], [h.doc_id for h in full[10:]])

    def test_bm25_over_the_given_tokens_and_updates_replace(self):
        self.backend.index(
            [self.doc(1, "电镜 电镜 显微"), self.doc(2, "电镜 模具 冷却 翘曲 注塑"), self.doc(3, "模具")]
        )
        self.assertEqual(self.ids(), [1, 2])
        self.backend.index([self.doc(1, "模具")])
        self.assertEqual(self.ids(), [2])
        self.assertEqual(self.backend.get_document("instrument:1")["tokens"], "模具")
        self.backend.delete(["instrument:2"])
        self.assertEqual(self.ids(), [])
        self.assertEqual(set(self.backend.checksums("instrument")), {"instrument:1", "instrument:3"})

    # --- the writer lock ------------------------------------------------------------------------------------------
    def test_a_busy_writer_lock_raises_index_busy_after_the_timeout(self):
        backend = self.make_backend(WRITER_TIMEOUT=0.2)
        backend.index([self.doc(1)])
        writer = self.hold_writer()
        started = time.monotonic()
        with pytest.raises(IndexBusy):
            backend.index([self.doc(2)])
        self.assertGreaterEqual(time.monotonic() - started, 0.2)
        writer.wait_merging_threads()  # released: the next attempt goes through
        backend.index([self.doc(2)])
        self.assertEqual(sorted(self.ids(backend)), [1, 2])

    def test_a_writer_waits_for_a_lock_released_within_the_timeout(self):
        self.backend.index([self.doc(1)])
        writer = self.hold_writer()
        threading.Timer(0.3, writer.wait_merging_threads).start()
        started = time.monotonic()
        self.backend.index([self.doc(2)])
        self.assertGreaterEqual(time.monotonic() - started, 0.25)
        self.assertEqual(sorted(self.ids()), [1, 2])

    def test_threads_of_one_process_take_turns_at_the_writer(self):
        errors = []

        def write(n):
            try:
                self.backend.index([self.doc(n)])
            except Exception as exc:  # pragma: no cover - what the test fails on
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(n,)) for n in range(1, 9)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(sorted(self.ids()), list(range(1, 9)))

    # --- rebuilds -------------------------------------------------------------------------------------------------
    def test_rebuild_switches_atomically_and_a_failed_one_leaves_the_old_index(self):
        self.backend.index([self.doc(1), self.doc(2)])
        other = self.make_backend(RELOAD_INTERVAL=0, WRITER_TIMEOUT=0.1)  # another web process
        self.assertEqual(sorted(self.ids(other)), [1, 2])
        before = (Path(self.path) / POINTER).read_text()
        seen_during = {}

        def failing():
            yield self.doc(7)
            yield self.doc(8)
            searcher = threading.Thread(target=lambda: seen_during.update(this=sorted(self.ids())))
            searcher.start()  # another thread of the rebuilding process searches too
            searcher.join(timeout=10)
            seen_during["other"] = sorted(self.ids(other))
            with pytest.raises(IndexBusy):  # incremental writes wait for the rebuild (and are retried), not lost
                other.index([self.doc(3)])
            raise RuntimeError("crash mid-rebuild")

        with pytest.raises(RuntimeError):
            self.backend.rebuild(failing())
        self.assertEqual(seen_during, {"this": [1, 2], "other": [1, 2]})
        self.assertEqual((Path(self.path) / POINTER).read_text(), before)
        self.assertEqual(sorted(self.ids()), [1, 2])
        self.assertEqual(sorted(self.ids(other)), [1, 2])
        self.assertEqual(len(list(Path(self.path).glob("index-*"))), 1)  # the half-written one is gone

        def succeeding():
            yield self.doc(7)
            seen_during["during"] = sorted(self.ids(other))
            yield self.doc(8)

        self.assertEqual(self.backend.rebuild(succeeding()), 2)
        self.assertEqual(seen_during["during"], [1, 2])
        self.assertEqual(sorted(self.ids()), [7, 8])
        self.assertEqual(sorted(self.ids(other)), [7, 8])  # the other process follows CURRENT
        other.index([self.doc(3)])  # and writes into the new index, which this process sees within a second
        self.assertEventually(lambda: sorted(self.ids()), [3, 7, 8], within=1.0)
        self.backend.rebuild(iter([self.doc(9)]))
        self.assertEqual(len(list(Path(self.path).glob("index-*"))), 2)  # current + previous (for slow readers)

    def test_an_index_of_another_schema_version_asks_for_a_rebuild(self):
        self.backend.index([self.doc(1)])
        name = (Path(self.path) / POINTER).read_text().strip()
        (Path(self.path) / name / "kjdsc-index.json").write_text('{"schema": 0}')
        stale = self.make_backend()
        with pytest.raises(SearchUnavailable):
            stale.search(SearchQuery(text="电镜"))
        stale.rebuild(iter([self.doc(2)]))
        self.assertEqual(self.ids(stale), [2])

    # --- readers in other processes ------------------------------------------------------------------------------
    def test_another_process_sees_a_commit_within_a_second(self):
        self.backend.index([self.doc(1)])
        self.assertEqual(self.ids(), [1])
        script = (
            "import django, json, sys; django.setup()\n"
            "from search.backends.tantivy import TantivySearchBackend\n"
            "doc = json.loads(sys.argv[2])\n"
            "TantivySearchBackend('x', {'PATH': sys.argv[1]}).index([doc])\n"
        )
        doc = {**self.doc(2), "sort_date": None}
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings"}
        subprocess.run([sys.executable, "-c", script, self.path, json.dumps(doc)], check=True, env=env,
                       cwd=settings.BASE_DIR, timeout=120)  # fmt: skip
        self.assertEventually(lambda: sorted(self.ids()), [1, 2], within=1.0)


class TantivyIndexTaskTest(TantivyBackendMixin, behaviour.APIResourceTests.Base):
    """The sync task on a busy index: the error goes to the task's retry with back-off; the retry indexes it."""

    owner_kind = "institute"
    backend_params = {"WRITER_TIMEOUT": 0.1}

    def test_a_busy_lock_is_retried_with_back_off_and_never_lost(self):
        from instruments.testing import make_instrument

        backend = get_backend()
        backend.clear()
        instrument = make_instrument(self.owner, name="激光共聚焦显微镜")  # not captured: indexed by hand below
        backend.index([])
        backend.search(SearchQuery())  # the index exists
        name = (Path(self.index_path) / POINTER).read_text().strip()
        writer = tantivy.Index.open(str(Path(self.index_path) / name)).writer(15_000_000, 1)
        run = sync.index_document.func
        with (
            mock.patch("django_tasks.default_task_backend") as tasks,
            mock.patch.object(sync, "index_document") as task,
        ):
            tasks.supports_defer = True
            with pytest.raises(IndexBusy):
                run("instrument", instrument.pk)
            task.using.return_value.enqueue.assert_called_once_with("instrument", instrument.pk, 2)
        writer.wait_merging_threads()
        self.assertEqual(run("instrument", instrument.pk, 2), "indexed")
        hits = backend.search(SearchQuery(text="共聚焦", types=("instrument",))).hits
        self.assertEqual([h.object_id for h in hits], [instrument.pk])


class TantivyEnsureCommandTest(TantivyBackendMixin, behaviour.APIResourceTests.Base):
    """``search_index ensure`` (run after ``migrate`` by ``make seed`` and the container's start): an index of an
    older schema — what an upgrade leaves — is rebuilt from the database; a usable one is only brought up to date."""

    owner_kind = "institute"

    def test_an_upgrade_s_stale_index_is_rebuilt_and_a_usable_one_updated(self):
        from io import StringIO

        from django.core.management import call_command

        from instruments.testing import make_instrument

        make_instrument(self.owner, name="激光共聚焦显微镜")  # not captured: not indexed yet
        get_backend().search(SearchQuery())  # the index exists
        name = (Path(self.index_path) / POINTER).read_text().strip()
        (Path(self.index_path) / name / "kjdsc-index.json").write_text('{"schema": 1}')
        reset_backends()  # a new process after the upgrade
        with pytest.raises(SearchUnavailable):
            get_backend().search(SearchQuery(text="共聚焦"))
        out = StringIO()
        call_command("search_index", "ensure", stdout=out)
        self.assertIn("rebuilt", out.getvalue())
        found = get_backend().search(SearchQuery(text="共聚焦", types=("instrument",))).hits
        self.assertEqual([h.title for h in found], ["激光共聚焦显微镜 JSM-7900F"])
        out = StringIO()
        call_command("search_index", "ensure", stdout=out)
        self.assertNotIn("rebuilt", out.getvalue())
        self.assertIn("index in sync", out.getvalue())
