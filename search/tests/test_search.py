"""Search behaviour, written once and run on whatever backend is configured (database on SQLite or PostgreSQL here;
the same suite is what a real Elasticsearch/OpenSearch run uses): segmentation, synonyms, product codes, types,
facets, highlights, public-only, anonymity, sync after commit, drift repair, matching and alerts."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from demands.tests.test_demands import make_demand
from instruments.testing import make_instrument
from marketplace.models import Notification
from marketplace.testing import APIResourceTests, api_client, make_organization, make_user
from search import documents
from search.analysis import index_tokens, query_tokens
from search.backends import get_backend
from search.backends.base import SearchQuery, highlight
from search.models import SearchSubscription
from tech_transfer.tests.test_results import make_result


def test_analysis_segments_chinese_codes_and_synonyms():
    tokens = index_tokens("日本电子 JSM-7900F 场发射扫描电子显微镜")
    assert {"jsm-7900f", "jsm", "7900f", "7900", "扫描电子显微镜"} <= set(tokens)
    assert "电子显微镜" in query_tokens("电镜") and "sem" in query_tokens("电镜")
    assert "计算机断层扫描" in query_tokens("CT")
    assert index_tokens("ＪＳＭ－７９００Ｆ")[:2] == ["jsm", "7900f"]  # full-width input is normalized
    assert "的" not in index_tokens("材料的性能")


def test_highlight_escapes_and_marks():
    assert highlight("<b>注塑</b>模具翘曲", ["翘曲"]) == "&lt;b&gt;注塑&lt;/b&gt;模具<em>翘曲</em>"


class SearchBehaviourTest(APIResourceTests.Base):
    owner_kind = "institute"

    def setUp(self):
        get_backend().clear()  # an external engine keeps documents across tests; the database rolls back
        self.firm = make_organization("enterprise", name="余姚市检索测试电器有限公司")
        with self.captureOnCommitCallbacks(execute=True):
            self.sem = make_instrument(
                self.owner,
                name="场发射扫描电子显微镜",
                model_number="JSM-7900F",
                capabilities="高分辨形貌观察，断口分析",
            )
            self.ct = make_instrument(
                self.owner,
                name="工业CT检测系统",
                model_number="METROTOM 1500",
                category="special_inspection",
                voucher_eligible=False,
                capabilities="铸件内部气孔、裂纹无损检测",
            )
            self.retired = make_instrument(self.owner, name="旧电镜", status="retired")
            self.result = make_result(
                self.owner,
                title="碳化硅逆变器驱动技术",
                keywords=["SiC", "逆变器"],
                abstract="1200V SiC MOSFET 驱动，效率 99%。",
                price=Decimal("500000"),
            )
            self.draft = make_result(self.owner, title="碳化硅功率模块封装", status="draft")
            self.demand = make_demand(self.firm, title="注塑件翘曲变形控制", problem="薄壁件翘曲，需要模流分析优化冷却")
            self.secret = make_demand(self.firm, title="高端密封件国产化", anonymous=True, risk_class="red")

    def search(self, text="", **kwargs):
        return get_backend().search(SearchQuery(text=text, **kwargs))

    def ids(self, results, doc_type=None):
        return [h.object_id for h in results.hits if doc_type is None or h.type == doc_type]

    def test_documents_follow_committed_writes(self):
        self.assertIn(f"instrument:{self.sem.pk}", get_backend().checksums("instrument"))
        self.assertIn(self.sem.pk, self.ids(self.search("电镜"), "instrument"))
        with self.captureOnCommitCallbacks(execute=True):
            self.sem.status = "retired"
            self.sem.save()
        self.assertNotIn(self.sem.pk, self.ids(self.search("电镜"), "instrument"))

    def test_synonyms_codes_english_and_partial(self):
        self.assertEqual(self.ids(self.search("电子显微镜", types=("instrument",)))[0], self.sem.pk)
        self.assertEqual(self.ids(self.search("SEM", types=("instrument",)))[0], self.sem.pk)
        self.assertEqual(self.ids(self.search("JSM-7900F"))[0], self.sem.pk)
        self.assertIn(self.sem.pk, self.ids(self.search("7900")))
        self.assertEqual(self.ids(self.search("计算机断层扫描", types=("instrument",)))[0], self.ct.pk)
        self.assertEqual(self.ids(self.search("SiC inverter", types=("result",))), [self.result.pk])
        self.assertEqual(self.search("模流", types=("demand",)).hits[0].object_id, self.demand.pk)

    def test_public_only_and_types(self):
        self.assertNotIn(self.retired.pk, self.ids(self.search("电镜"), "instrument"))
        self.assertNotIn(self.draft.pk, self.ids(self.search("碳化硅"), "result"))
        everything = self.search("碳化硅 电镜 翘曲")
        self.assertEqual({h.type for h in everything.hits} - {"institute"}, {"instrument", "result", "demand"})
        only = self.search("碳化硅 电镜 翘曲", types=("result",))
        self.assertEqual({h.type for h in only.hits}, {"result"})

    def test_facets_filters_sort_and_highlight(self):
        results = self.search("", types=("instrument",))
        self.assertEqual(results.facets["category"], {"analytical": 1, "special_inspection": 1})
        self.assertEqual(results.facets["voucher_eligible"], {"false": 1, "true": 1})
        self.assertEqual(
            self.ids(self.search("", types=("instrument",), filters={"voucher_eligible": "true"})), [self.sem.pk]
        )
        self.assertEqual(
            self.ids(self.search("", filters={"region": "330200", "category": "special_inspection"})), [self.ct.pk]
        )
        self.assertEqual(self.search("", filters={"region": "310000"}).total, 0)
        priced = self.search("", types=("result",), filters={"price_min": 100000})
        self.assertEqual(self.ids(priced), [self.result.pk])
        hit = self.search("断口", types=("instrument",)).hits[0]
        self.assertIn("<em>断口</em>", hit.highlight)
        self.assertEqual(hit.matched, ["断口"])

    def test_anonymous_demand_documents_carry_no_firm(self):
        doc = get_backend().get_document(f"demand:{self.secret.pk}")
        self.assertIsNone(doc["facets"]["firm"])
        self.assertNotIn(self.firm.name, str(doc))
        self.assertNotIn(self.firm.credit_code, str(doc))
        self.assertEqual(doc["facets"]["region"], [])
        open_doc = get_backend().get_document(f"demand:{self.demand.pk}")
        self.assertIn(self.firm.name, open_doc["text"])

    def test_api(self):
        url = reverse("api:search")
        body = api_client().get(url, {"q": "电镜", "type": "instrument"}).json()
        self.assertEqual(body["results"][0]["id"], self.sem.pk)
        self.assertIn("type", body["facets"])
        self.assert_error(api_client().get(url, {"type": "planet"}), 400, "invalid")
        self.assert_error(api_client().get(url, {"sort": "random"}), 400, "invalid")
        paged = api_client().get(url, {"page_size": 1}).json()
        self.assertEqual(len(paged["results"]), 1)
        self.assertIsNotNone(paged["next"])

    def test_drift_check_and_repair(self):
        call_command("search_index", "update", stdout=StringIO())  # organizations made before setUp's capture
        call_command("search_index", "check", stdout=StringIO())
        backend = get_backend()
        backend.delete([f"instrument:{self.sem.pk}"])
        stale = {**documents.build("result", self.result.pk), "checksum": "stale"}
        backend.index([stale])
        with pytest.raises(CommandError, match="drift: 2"):
            call_command("search_index", "check", stdout=StringIO())
        call_command("search_index", "update", stdout=StringIO())
        call_command("search_index", "check", stdout=StringIO())
        out = StringIO()
        call_command("search_index", "rebuild", stdout=out)
        self.assertIn("rebuilt", out.getvalue())

    def test_failed_indexing_is_retried_with_back_off_on_a_deferring_backend(self):
        from unittest import mock

        from search import sync

        with mock.patch("django_tasks.default_task_backend") as backend:
            backend.supports_defer = False
            self.assertFalse(sync.retry("instrument", 1, 1))
            backend.supports_defer = True
            with mock.patch.object(sync, "index_document") as task:
                self.assertTrue(sync.retry("instrument", 1, 2))
                delay = task.using.call_args.kwargs["run_after"] - timezone.now()
                self.assertAlmostEqual(delay.total_seconds(), 60, delta=5)
                task.using.return_value.enqueue.assert_called_once_with("instrument", 1, 3)
            self.assertFalse(sync.retry("instrument", 1, sync.MAX_ATTEMPTS))

    def test_engine_failure_never_fails_the_write(self):
        from unittest import mock

        broken = mock.patch.object(type(get_backend()), "index", side_effect=ConnectionError("down"))
        with broken, self.captureOnCommitCallbacks(execute=True):
            self.sem.name = "场发射扫描电镜（升级）"
            self.sem.save()
        self.sem.refresh_from_db()
        self.assertEqual(self.sem.name, "场发射扫描电镜（升级）")
        with pytest.raises(CommandError):
            call_command("search_index", "check", stdout=StringIO())
        call_command("search_index", "update", stdout=StringIO())
        self.assertIn(self.sem.pk, self.ids(self.search("升级")))


class MatchingTest(APIResourceTests.Base):
    owner_kind = "institute"

    def setUp(self):
        get_backend().clear()
        self.firm = make_organization("enterprise")
        self.mold_institute = make_organization(
            "institute", name="模具研究院", expertise=["模流分析", "随形冷却"], description="注塑模具冷却与翘曲控制"
        )
        self.mold_user = make_user(organization=self.mold_institute)
        self.ai_institute = make_organization(
            "institute", name="视觉研究院", expertise=["机器视觉"], description="缺陷检测算法"
        )
        with self.captureOnCommitCallbacks(execute=True):
            self.cooling = make_result(
                self.mold_institute,
                title="随形冷却水路设计",
                keywords=["随形冷却", "翘曲"],
                abstract="冷却时间缩短30%，翘曲降低40%",
            )
            self.moldflow = make_instrument(
                self.mold_institute,
                name="注塑模流分析工作站",
                category="computing",
                capabilities="Moldflow 翘曲 冷却 分析",
            )
            self.closed = make_instrument(self.mold_institute, name="模流分析服务器", capabilities="模流 翘曲", days=[])
            self.demand = make_demand(
                self.firm, title="注塑件翘曲变形控制", problem="薄壁长条件翘曲超差，希望优化模具冷却，需要模流分析"
            )

    def matches(self, target):
        response = api_client().get(reverse("api:demand-matches", args=[self.demand.pk]), {"target": target})
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()

    def test_institutes_ranked_with_explanations(self):
        ranked = self.matches("institutes")
        self.assertEqual(ranked[0]["id"], self.mold_institute.pk)
        self.assertIn("翘曲", ranked[0]["matched_terms"])
        self.assertEqual(ranked[0]["because_of"]["results"][0]["id"], self.cooling.pk)
        self.assertIn("industry_chain:molds", ranked[0]["boosts"]) if ranked[0]["boosts"] else None
        self.assertNotIn(self.ai_institute.pk, [m["id"] for m in ranked[:1]])

    def test_results_and_bookable_instruments(self):
        self.assertEqual(self.matches("results")[0]["id"], self.cooling.pk)
        instruments = self.matches("instruments")
        self.assertEqual([m["id"] for m in instruments], [self.moldflow.pk])  # the closed one has no free slot
        self.assertIn("first_free_slot", instruments[0])
        self.assert_error(api_client().get(reverse("api:demand-matches", args=[self.demand.pk]), {"target": "x"}), 400)

    def test_reverse_matching_for_an_institute(self):
        found = api_client().get(reverse("api:matching-demands", args=[self.mold_institute.pk])).json()
        self.assertEqual(found[0]["id"], self.demand.pk)

    def test_alerts_when_a_demand_opens(self):
        from demands.services import approve_demand

        make_user(organization=self.ai_institute)
        with self.captureOnCommitCallbacks(execute=True):  # registers the saved search (engines: a percolator query)
            SearchSubscription.objects.create(organization=self.ai_institute, query="翘曲")
            SearchSubscription.objects.create(organization=self.outsider_org, query="翘曲 光学")  # 光学: no match
        pending = make_demand(
            self.firm,
            title="壳体注塑翘曲",
            problem="模具冷却不均导致翘曲",
            status="pending_review",
            deadline=timezone.localdate() + timedelta(days=30),
        )
        with self.captureOnCommitCallbacks(execute=True):
            approve_demand(pending, actor=self.platform_admin)
        alerted = set(Notification.objects.filter(kind="demand.match").values_list("organization_id", flat=True))
        self.assertIn(self.mold_institute.pk, alerted)  # by profile
        self.assertIn(self.ai_institute.pk, alerted)  # by subscription
        self.assertNotIn(self.firm.pk, alerted)
        self.assertNotIn(self.outsider_org.pk, alerted)  # every word of a saved search must match
