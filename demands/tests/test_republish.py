"""Editing an open demand sends it back to review; demands in review or cooperation are not editable (issue 11)."""

from unittest import mock

from django.test import TestCase
from django.urls import reverse

from demands.models import Demand, Proposal
from demands.tests.test_demands import make_demand
from marketplace.models import AuditEntry, Notification
from marketplace.testing import api_client, make_organization, make_user
from search.backends import get_backend


class DemandRepublishTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.moderator = make_user(platform_admin=True)

    def setUp(self):
        get_backend().clear()
        with self.captureOnCommitCallbacks(execute=True):
            self.demand = make_demand(
                self.firm, title="薄壁注塑件翘曲控制", problem="薄壁件翘曲超差，需要优化冷却水路。"
            )
        self.client_api = api_client(self.firm_user, self.firm)

    def detail(self):
        return reverse("api:demand-detail", args=[self.demand.pk])

    def public_ids(self):
        return [row["id"] for row in api_client().get(reverse("api:demand-list")).json()["results"]]

    def search_ids(self):
        body = api_client().get(reverse("api:search"), {"q": "翘曲", "type": "demand"}).json()
        return [hit["id"] for hit in body["results"]]

    def patch(self, payload):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client_api.patch(self.detail(), payload, format="json")

    def test_edit_of_open_demand_goes_back_to_review_and_leaves_hall_and_search(self):
        self.assertIn(self.demand.pk, self.public_ids())
        self.assertIn(self.demand.pk, self.search_ids())
        response = self.patch({"budget_max": "900000.00", "target_indicators": "翘曲量 ≤ 0.2 mm"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "pending_review")
        self.assertNotIn(self.demand.pk, self.public_ids())
        self.assertEqual(api_client().get(self.detail()).status_code, 404)
        self.assertNotIn(self.demand.pk, self.search_ids())
        entry = AuditEntry.objects.get(object_id=str(self.demand.pk), action="transition")
        self.assertEqual(entry.transition, "open→pending_review")
        self.assertTrue(Notification.objects.filter(recipient=self.moderator, kind="demand.submitted").exists())
        # In review it is not editable (the reviewers' copy does not change under them).
        response = self.patch({"title": "再改一次"})
        self.assertEqual((response.status_code, response.json()["code"]), (409, "not_editable"))
        with self.captureOnCommitCallbacks(execute=True), mock.patch("demands.services.demand_opened.send") as sent:
            approved = api_client(self.moderator).post(reverse("api:demand-approve", args=[self.demand.pk]))
        self.assertEqual(approved.json()["status"], "open")
        sent.assert_not_called()  # the institutes were alerted at its first opening; no second "new demand" alert
        self.assertIn(self.demand.pk, self.public_ids())
        self.assertIn(self.demand.pk, self.search_ids())

    def test_same_values_keep_it_open(self):
        response = self.patch({"title": self.demand.title, "industry_chain": "molds", "budget_max": None})
        self.assertEqual(response.json()["status"], "open", response.content)

    def test_demand_in_cooperation_is_not_editable(self):
        institute = make_organization("institute")
        Proposal.objects.create(
            demand=self.demand, institute=institute, author=make_user(organization=institute), approach="模流分析",
            budget="300000", duration_days=90, status="accepted",
        )  # fmt: skip
        Demand.objects.filter(pk=self.demand.pk).update(status="in_cooperation")
        response = self.patch({"title": "改标题"})
        self.assertEqual((response.status_code, response.json()["code"]), (409, "demand_in_cooperation"))
        Demand.objects.filter(pk=self.demand.pk).update(status="closed")
        response = self.patch({"title": "改标题"})
        self.assertEqual((response.status_code, response.json()["code"]), (409, "not_editable"))
        self.demand.refresh_from_db()
        self.assertEqual(self.demand.title, "薄壁注塑件翘曲控制")

    def test_draft_stays_draft(self):
        Demand.objects.filter(pk=self.demand.pk).update(status="draft")
        self.assertEqual(self.patch({"title": "改标题"}).json()["status"], "draft")
