"""Editing a published result sends it back to review: API and search (issue 11)."""

from datetime import timedelta
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from marketplace.models import AuditEntry, Notification
from marketplace.testing import api_client, make_organization, make_user
from search.backends import get_backend
from tech_transfer.choices import AuctionStatus
from tech_transfer.models import Auction, Result
from tech_transfer.tests.test_results import INVENTION, make_result


class ResultRepublishTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner = make_organization("institute")
        cls.owner_user = make_user(organization=cls.owner)
        cls.moderator = make_user(platform_admin=True)

    def setUp(self):
        get_backend().clear()
        with self.captureOnCommitCallbacks(execute=True):
            self.result = make_result(self.owner, title="随形冷却注塑模具技术", keywords=["随形冷却"])
        self.client_api = api_client(self.owner_user, self.owner)

    def detail(self):
        return reverse("api:result-detail", args=[self.result.pk])

    def public_ids(self):
        return [row["id"] for row in api_client().get(reverse("api:result-list")).json()["results"]]

    def search_ids(self):
        body = api_client().get(reverse("api:search"), {"q": "随形冷却", "type": "result"}).json()
        return [hit["id"] for hit in body["results"]]

    def patch(self, payload):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client_api.patch(self.detail(), payload, format="json")

    def test_edit_of_published_result_goes_back_to_review_and_leaves_catalogue_and_search(self):
        self.assertIn(self.result.pk, self.public_ids())
        self.assertIn(self.result.pk, self.search_ids())
        response = self.patch({"abstract": "随形冷却水路，冷却时间缩短40%。", "price": "800000.00"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "pending_review")
        self.assertEqual(response.json()["price"], "800000.00")
        self.assertNotIn(self.result.pk, self.public_ids())
        self.assertEqual(api_client().get(self.detail()).status_code, 404)
        self.assertNotIn(self.result.pk, self.search_ids())
        entry = AuditEntry.objects.get(object_id=str(self.result.pk), action="transition")
        self.assertEqual(entry.transition, "published→pending_review")
        self.assertTrue(AuditEntry.objects.filter(object_id=str(self.result.pk), action="update").exists())
        self.assertTrue(Notification.objects.filter(recipient=self.moderator, kind="result.submitted").exists())
        # The moderator approves it again (the existing service behind the API action): back in list and search.
        with self.captureOnCommitCallbacks(execute=True):
            approved = api_client(self.moderator).post(reverse("api:result-approve", args=[self.result.pk]))
        self.assertEqual(approved.json()["status"], "published")
        self.assertIn(self.result.pk, self.public_ids())
        self.assertIn(self.result.pk, self.search_ids())

    def test_unchanged_values_and_unchanged_patents_keep_it_published(self):
        same = {"title": self.result.title, "price": None, "trl": 6, "patents": []}
        response = self.patch(same)
        self.assertEqual(response.json()["status"], "published", response.content)
        self.assertFalse(AuditEntry.objects.filter(object_id=str(self.result.pk), action="transition").exists())

    def test_a_new_patent_is_a_content_change(self):
        response = self.patch(
            {"patents": [{"number": INVENTION, "patent_type": "invention", "legal_status": "pending",
                          "ipc_codes": []}]}
        )  # fmt: skip
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "pending_review")

    def test_draft_and_pending_edits_keep_their_state(self):
        Result.objects.filter(pk=self.result.pk).update(status="draft")
        self.assertEqual(self.patch({"price": "1.00"}).json()["status"], "draft")
        Result.objects.filter(pk=self.result.pk).update(status="pending_review")
        self.assertEqual(self.patch({"price": "2.00"}).json()["status"], "pending_review")

    def test_result_on_auction_or_transferred_is_not_editable(self):
        auction = Auction.objects.create(
            result=self.result, starting_price=Decimal("100000.00"), closes_at=timezone.now() + timedelta(days=3)
        )
        response = self.patch({"price": "900000.00"})
        self.assertEqual((response.status_code, response.json()["code"]), (409, "auction_running"))
        Auction.objects.filter(pk=auction.pk).update(status=AuctionStatus.CLOSED)
        self.assertEqual(self.patch({"price": "900000.00"}).status_code, 200)  # closed without a winner
        Result.objects.filter(pk=self.result.pk).update(status="transferred")
        response = self.patch({"price": "950000.00"})
        self.assertEqual((response.status_code, response.json()["code"]), (409, "not_editable"))
        self.result.refresh_from_db()
        self.assertEqual(self.result.price, Decimal("900000.00"))
