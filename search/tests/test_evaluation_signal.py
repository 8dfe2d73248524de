"""The evaluation grade (科技成果评价) of a result as a search facet and a matching signal, on the configured backend
and on tantivy: an issued report puts the grade in the result's document (after commit), the facet counts and
filters it (API and page), and for a demand two results of the same fit rank the evaluated one first."""

from django.urls import reverse

from demands.tests.test_demands import make_demand
from marketplace.testing import APIResourceTests, api_client, make_organization, make_user
from search import matching
from search.backends import get_backend
from search.backends.base import SearchQuery
from search.tests.test_tantivy import TantivyBackendMixin
from tech_transfer.testing import evaluation_body, issued_evaluation
from tech_transfer.tests.test_results import make_result

TEXT = {"title": "随形冷却水路设计", "keywords": ["随形冷却", "翘曲"], "abstract": "冷却时间缩短30%，翘曲降低40%"}


class EvaluationSignalTest(APIResourceTests.Base):
    owner_kind = "institute"

    def setUp(self):
        get_backend().clear()
        self.plain_owner = make_organization("institute", name="甲模具研究院")
        self.evaluated_owner = make_organization("institute", name="乙模具研究院")
        owner_user = make_user(organization=self.evaluated_owner)
        center = make_organization("service_provider", name="评价中心")
        with self.captureOnCommitCallbacks(execute=True):
            self.plain = make_result(self.plain_owner, **TEXT)
            self.evaluated = make_result(self.evaluated_owner, **TEXT)
        body = evaluation_body(center)
        with self.captureOnCommitCallbacks(execute=True):
            issued_evaluation(self.evaluated, body, owner_user=owner_user, body_user=make_user(organization=center))
        self.demand = make_demand(make_organization("enterprise"), title="注塑件翘曲变形控制",
                                  problem="薄壁件翘曲超差，希望优化模具随形冷却")  # fmt: skip

    def test_the_grade_is_a_facet_and_a_filter(self):
        results = get_backend().search(SearchQuery(text="随形冷却", types=("result",)))
        self.assertEqual(results.facets["evaluation"], {"domestic_leading": 1})
        filtered = get_backend().search(
            SearchQuery(text="随形冷却", types=("result",), filters={"evaluation": "domestic_leading"})
        )
        self.assertEqual([hit.object_id for hit in filtered.hits], [self.evaluated.pk])
        response = api_client().get(reverse("api:search"), {"q": "随形冷却", "evaluation": "domestic_leading"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual([hit["id"] for hit in response.json()["results"]], [self.evaluated.pk])
        self.assertEqual(api_client().get(reverse("api:search"), {"evaluation": "best"}).status_code, 400)
        page = self.client.get(reverse("frontend:search"), {"q": "随形冷却", "type": "result"})
        self.assertContains(page, "成果评价")
        self.assertContains(page, "国内领先")

    def test_an_evaluated_result_ranks_first_for_the_same_fit(self):
        ranked = matching.match_results(self.demand)
        ids = [entry["id"] for entry in ranked]
        self.assertEqual(ids[:2], [self.evaluated.pk, self.plain.pk])
        self.assertIn("evaluation:domestic_leading", ranked[0]["boosts"])
        self.assertNotIn("evaluation:domestic_leading", ranked[1]["boosts"])
        boost = float(matching.evaluation_boosts()["domestic_leading"])
        self.assertAlmostEqual(ranked[0]["score"], round(ranked[1]["score"] * boost, 4), places=3)


class TantivyEvaluationSignalTest(TantivyBackendMixin, EvaluationSignalTest):
    pass
