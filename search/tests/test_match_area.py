"""长三角 matching by region: a demand's instrument matches filtered by the owner's area (本地 / 长三角其他城市) after
the cache (one cached ranking serves every area), and the firm's demand page shows each instrument's city."""

from datetime import timedelta
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from demands.tests.test_demands import make_demand
from instruments.testing import local, make_instrument
from marketplace.testing import make_organization, make_user
from search import match_cache


@override_settings(MATCH_CACHE_SECONDS=300)
class MatchAreaTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.demand = make_demand(cls.firm, deadline=timezone.localdate() + timedelta(days=20))
        cls.instruments = {}
        for region, name in [("330281", "余姚的电镜"), ("330100", "杭州的电镜"), ("310000", "上海的电镜")]:
            owner = make_organization("institute", region=region)
            cls.instruments[name] = make_instrument(owner, name=name, lead_time_hours=1, max_advance_days=30)

    def setUp(self):
        cache.clear()

    def candidates(self, instruments=None):
        return [
            {"type": "instrument", "id": i.pk, "title": i.name, "score": 3.0 - n, "owner": i.owner_id}
            for n, i in enumerate(instruments or self.instruments.values())
        ]

    def titles(self, area):
        found = match_cache.matches("instruments", self.demand, limit=5, now=local(1, 7), area=area)
        return [entry["title"] for entry in found]

    def test_area_filters_the_candidates_after_the_cache(self):
        with mock.patch.object(match_cache, "instrument_candidates", return_value=self.candidates()) as ranked:
            self.assertEqual(self.titles(None), ["余姚的电镜", "杭州的电镜", "上海的电镜"])
            self.assertEqual(self.titles("local"), ["余姚的电镜"])
            self.assertEqual(self.titles("delta"), ["杭州的电镜", "上海的电镜"])  # ranking kept
            self.assertEqual(self.titles("elsewhere"), ["余姚的电镜", "杭州的电镜", "上海的电镜"])
        self.assertEqual(ranked.call_count, 1)  # one cached ranking for every area

    def test_the_area_costs_one_query_however_many_candidates(self):
        def count(candidates):
            with CaptureQueriesContext(connection) as queries:
                match_cache.in_area(candidates, "delta")
            return len(queries)

        few = count(self.candidates())
        many = [make_instrument(make_organization("institute", region="320500"), name=f"苏州的电镜{n}")
                for n in range(5)]  # fmt: skip
        self.assertEqual(few, 1)
        self.assertEqual(count(self.candidates([*self.instruments.values(), *many])), few)

    def test_the_demand_page_shows_the_city_and_the_area_toggle(self):
        self.client.force_login(self.firm_user)
        url = reverse("frontend:my_demand", args=[self.demand.pk])
        with (
            mock.patch("frontend.views.demands._institute_matches", return_value=[]),
            mock.patch("frontend.views.demands.matches", side_effect=self.fake_matches),
        ):
            html = self.client.get(url, {"area": "delta"}).content.decode()
            self.assertIn("杭州的电镜", html)
            self.assertIn("· 杭州市", html)
            self.assertIn("· 上海市", html)
            self.assertNotIn("余姚的电镜", html)
            self.assertIn("长三角其他城市", html)
            self.assertIn(f'href="{url}?area=local#matches"', html)
            html = self.client.get(url, {"area": "local"}).content.decode()
            self.assertIn("余姚的电镜", html)
            self.assertIn("· 宁波市 余姚市", html)

            def queries(area):
                with CaptureQueriesContext(connection) as captured:
                    self.client.get(url, {"area": area})
                return len(captured)

            self.assertEqual(queries("local"), queries("delta"))  # 1 vs 2 instruments shown: the same queries

    def fake_matches(self, target, demand, limit=10, now=None, area=None):
        if target != "instruments":
            return []
        slot = (timezone.now() + timedelta(days=2)).isoformat()
        return [{**c, "first_free_slot": slot} for c in match_cache.in_area(self.candidates(), area)]
