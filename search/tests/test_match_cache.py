"""The match cache: a ranking is computed once per demand version and index generation; an index write, a thesaurus
edit or an edit of the demand ranks again; a failure is never kept; instruments' free slots are always read live."""

from datetime import timedelta
from unittest import mock

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.utils import timezone

from demands.tests.test_demands import make_demand
from instruments import services as booking_services
from instruments.testing import local, make_instrument
from marketplace.testing import make_organization, make_user
from search import match_cache, sync
from search.models import ThesaurusEntry


@override_settings(MATCH_CACHE_SECONDS=300)
class MatchCacheTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.institute = make_organization("institute")
        cls.demand = make_demand(cls.firm, deadline=timezone.localdate() + timedelta(days=20))

    def setUp(self):
        cache.clear()
        self.ranked = mock.Mock(side_effect=lambda demand, limit: [{"id": 1, "title": "随形冷却", "score": 1.0}])
        patcher = mock.patch.dict(match_cache.MATCHERS, {"results": self.ranked})
        patcher.start()
        self.addCleanup(patcher.stop)

    def results(self, demand=None):
        return match_cache.matches("results", demand or self.demand, limit=5)

    def test_ranked_once_until_the_index_changes(self):
        self.assertEqual(self.results(), self.results())
        self.assertEqual(self.ranked.call_count, 1)
        sync.index_document.func("result", 999999)  # any index write (here: removing a document)
        self.results()
        self.assertEqual(self.ranked.call_count, 2)
        self.results()
        self.assertEqual(self.ranked.call_count, 2)

    def test_a_thesaurus_edit_or_an_edit_of_the_demand_ranks_again(self):
        self.results()
        ThesaurusEntry.objects.create(term="缓存测试词", related="模流分析")
        self.results()
        self.assertEqual(self.ranked.call_count, 2)
        self.demand.title = "注塑件翘曲与缩痕控制"
        self.demand.save()
        self.results()
        self.assertEqual(self.ranked.call_count, 3)
        self.results(make_demand(self.firm, title="另一项需求"))  # another demand is another entry
        self.assertEqual(self.ranked.call_count, 4)

    def test_a_failure_is_raised_and_not_kept(self):
        self.ranked.side_effect = ConnectionError("engine down")
        with self.assertRaises(ConnectionError):
            self.results()
        self.ranked.side_effect = lambda demand, limit: []
        self.assertEqual(self.results(), [])
        self.assertEqual(self.ranked.call_count, 2)

    def test_zero_seconds_ranks_every_time(self):
        with override_settings(MATCH_CACHE_SECONDS=0):
            self.results()
            self.results()
        self.assertEqual(self.ranked.call_count, 2)

    def test_instrument_rankings_are_kept_but_their_free_slots_are_read_live(self):
        instrument = make_instrument(self.institute, lead_time_hours=1, max_advance_days=30)
        candidate = {"type": "instrument", "id": instrument.pk, "title": instrument.name, "score": 1.0}
        now = local(1, 7)
        with mock.patch.object(match_cache, "instrument_candidates", return_value=[candidate]) as ranked:
            first = match_cache.matches("instruments", self.demand, limit=5, now=now)
            self.assertEqual(first[0]["first_free_slot"], local(1, 8).isoformat())
            booking_services.request_booking(
                actor=self.firm_user, organization=self.firm, instrument=instrument,
                service_item=instrument.service_items.get(), start=local(1, 8), end=local(1, 12), now=now,
            )  # fmt: skip
            again = match_cache.matches("instruments", self.demand, limit=5, now=now)
        self.assertEqual(ranked.call_count, 1)
        self.assertEqual(again[0]["first_free_slot"], local(1, 12).isoformat())
