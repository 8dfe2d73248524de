"""服务评价: the requesting firm rates a completed booking once (service, API, pages); the owner answers once; the
ratings show on the instrument's and the institute's public pages; permissions and query counts."""

from django.db import IntegrityError, connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instruments import services as booking_services
from instruments.testing import local, make_instrument
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.models import AuditEntry, Notification
from marketplace.testing import api_client, make_organization, make_user
from sharing.models import ServiceRating
from sharing.services import ratings
from sharing.testing import completed_booking


class RatingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚评价测试研究院")
        cls.owner_user = make_user(organization=cls.institute)
        cls.instrument = make_instrument(cls.institute, name="评价测试电镜")
        cls.firm = make_organization("enterprise", name="余姚评价测试模具有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.other_firm = make_organization("enterprise")
        cls.other_user = make_user(organization=cls.other_firm)
        cls.booking = completed_booking(cls.instrument, cls.firm, cls.firm_user)

    def rate(self, booking=None, **scores):
        values = {"timeliness": 5, "quality": 4, "attitude": 3, "comment": "出报告及时，数据清楚。", **scores}
        return ratings.rate_booking(booking or self.booking, actor=self.firm_user, organization=self.firm, **values)


class RatingRulesTest(RatingTestCase):
    def test_rate_once_audited_and_owner_notified(self):
        rating = self.rate()
        self.assertEqual((rating.timeliness, rating.quality, rating.attitude), (5, 4, 3))
        self.assertTrue(AuditEntry.objects.filter(object_id=str(rating.pk), action="create").exists())
        self.assertTrue(Notification.objects.filter(recipient=self.owner_user, kind="sharing.rated").exists())
        with self.assertRaises(DomainError) as caught:
            self.rate()
        self.assertEqual(caught.exception.code, "already_rated")
        self.assertEqual(ServiceRating.objects.count(), 1)

    def test_only_completed_bookings_of_the_requester(self):
        start = local(3, 10)
        live = booking_services.request_booking(
            actor=self.firm_user, organization=self.firm, instrument=self.instrument,
            service_item=self.instrument.service_items.get(), start=start, end=start.replace(hour=11),
        )  # fmt: skip
        with self.assertRaises(DomainError) as caught:
            self.rate(live)
        self.assertEqual(caught.exception.code, "not_completed")
        with self.assertRaises(DomainError) as caught:
            ratings.rate_booking(
                self.booking, actor=self.other_user, organization=self.other_firm, timeliness=5, quality=5, attitude=5
            )
        self.assertEqual(caught.exception.code, "not_a_party")

    def test_scores_must_be_1_to_5(self):
        for bad in (0, 6, "5", True):
            with self.subTest(bad=bad), self.assertRaises(RuleViolation):
                self.rate(quality=bad)
        self.assertFalse(ServiceRating.objects.exists())

    def test_database_enforces_one_rating_per_booking_and_the_score_range(self):
        self.rate()
        with self.assertRaises(IntegrityError), transaction.atomic():
            ServiceRating.objects.create(
                booking=self.booking, organization=self.firm, rated_by=self.firm_user, timeliness=1, quality=1,
                attitude=1,
            )  # fmt: skip
        other = completed_booking(self.instrument, self.firm, self.firm_user, day=-4)
        with self.assertRaises(IntegrityError), transaction.atomic():
            ServiceRating.objects.create(
                booking=other, organization=self.firm, rated_by=self.firm_user, timeliness=9, quality=1, attitude=1
            )

    def test_owner_answers_once(self):
        rating = self.rate()
        with self.assertRaises(DomainError):
            ratings.answer_rating(rating, actor=self.firm_user, organization=self.firm, answer="自问自答")
        with self.assertRaises(RuleViolation):
            ratings.answer_rating(rating, actor=self.owner_user, organization=self.institute, answer="  ")
        answered = ratings.answer_rating(rating, actor=self.owner_user, organization=self.institute, answer="感谢！")
        self.assertEqual(answered.answer, "感谢！")
        self.assertTrue(AuditEntry.objects.filter(object_id=str(rating.pk), action="update").exists())
        self.assertTrue(Notification.objects.filter(recipient=self.firm_user, kind="sharing.rating_answered").exists())
        with self.assertRaises(DomainError) as caught:
            ratings.answer_rating(rating, actor=self.owner_user, organization=self.institute, answer="再答一次")
        self.assertEqual(caught.exception.code, "already_answered")

    def test_summary(self):
        self.rate()
        self.rate(completed_booking(self.instrument, self.firm, self.firm_user, day=-5), timeliness=3, quality=2)
        figures = ratings.summary(ServiceRating.objects.all())
        self.assertEqual(figures["count"], 2)
        self.assertEqual(str(figures["timeliness"]), "4.00")
        self.assertEqual(str(figures["overall"]), "3.33")


class RatingAPITest(RatingTestCase):
    url = "/api/v1/service-ratings/"

    def test_rate_and_answer_through_the_api(self):
        client = api_client(self.firm_user, self.firm)
        response = client.post(self.url, {"booking": self.booking.pk, "timeliness": 5, "quality": 5, "attitude": 4})
        self.assertEqual(response.status_code, 201, response.content)
        rating_id = response.json()["id"]
        again = client.post(self.url, {"booking": self.booking.pk, "timeliness": 5, "quality": 5, "attitude": 4})
        self.assertEqual((again.status_code, again.json()["code"]), (409, "already_rated"))
        bad = client.post(self.url, {"booking": self.booking.pk, "timeliness": 7, "quality": 5, "attitude": 4})
        self.assertEqual(bad.status_code, 400)
        self.assertIn("timeliness", bad.json()["errors"])
        # Only the owner answers.
        refused = client.post(f"{self.url}{rating_id}/answer/", {"answer": "x"})
        self.assertEqual(refused.status_code, 403)
        owner = api_client(self.owner_user, self.institute)
        self.assertEqual(owner.post(f"{self.url}{rating_id}/answer/", {"answer": ""}).status_code, 400)
        answered = owner.post(f"{self.url}{rating_id}/answer/", {"answer": "感谢支持"})
        self.assertEqual(answered.status_code, 200)
        self.assertEqual(answered.json()["answer"], "感谢支持")
        self.assertEqual(owner.post(f"{self.url}{rating_id}/answer/", {"answer": "再答"}).status_code, 409)

    def test_a_booking_the_caller_cannot_see_is_a_field_error(self):
        response = api_client(self.other_user, self.other_firm).post(
            self.url, {"booking": self.booking.pk, "timeliness": 5, "quality": 5, "attitude": 5}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("booking", response.json()["errors"])
        self.assertEqual(api_client().post(self.url, {}).status_code, 401)

    def test_public_list_hides_who_rated_and_is_bounded(self):
        self.rate()
        response = api_client().get(self.url, {"instrument": self.instrument.pk})
        self.assertEqual(response.status_code, 200)
        row = response.json()["results"][0]
        self.assertIsNone(row["organization"])
        self.assertEqual(row["comment"], "出报告及时，数据清楚。")
        mine = api_client(self.firm_user, self.firm).get(self.url).json()["results"][0]
        self.assertEqual(mine["organization"], self.firm.pk)
        for day in (-4, -5, -6):
            self.rate(completed_booking(self.instrument, self.firm, self.firm_user, day=day))
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(api_client(self.firm_user, self.firm).get(self.url).json()["count"], 4)
        self.assertLessEqual(len(queries), 8)


class RatingPagesTest(RatingTestCase):
    def test_firm_rates_on_the_booking_page_and_it_shows_on_the_instrument_and_institute(self):
        self.client.force_login(self.firm_user)
        detail = self.client.get(self.booking.get_absolute_url())
        self.assertContains(detail, "data-rating-form")
        url = reverse("frontend:booking_rate", args=[self.booking.pk])
        bad = self.client.post(url, {"timeliness": "9", "quality": "4", "attitude": "4"})
        self.assertEqual(bad.status_code, 400)
        self.assertFalse(ServiceRating.objects.exists())
        response = self.client.post(url, {"timeliness": "5", "quality": "4", "attitude": "4", "comment": "很专业"})
        self.assertRedirects(response, self.booking.get_absolute_url())
        self.assertNotContains(self.client.get(self.booking.get_absolute_url()), "data-rating-form")
        self.client.logout()
        page = self.client.get(self.instrument.get_absolute_url())
        self.assertContains(page, "很专业")
        self.assertContains(page, 'data-rating="overall">4.33<')
        self.assertContains(
            self.client.get(reverse("frontend:organization_detail", args=[self.institute.pk])), "很专业"
        )

    def test_only_the_requester_may_open_the_rating_form(self):
        url = reverse("frontend:booking_rate", args=[self.booking.pk])
        self.client.force_login(self.other_user)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.owner_user)
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_owner_answers_in_the_workspace(self):
        rating = self.rate()
        self.client.force_login(self.owner_user)
        page = self.client.get(reverse("frontend:sharing_ratings"))
        self.assertContains(page, "出报告及时")
        self.assertContains(self.client.get(reverse("frontend:dashboard")), "待回复的服务评价")
        url = reverse("frontend:sharing_rating_answer", args=[rating.pk])
        self.assertEqual(self.client.post(url, {"answer": ""}).status_code, 400)
        self.assertRedirects(self.client.post(url, {"answer": "谢谢您的评价"}), reverse("frontend:sharing_ratings"))
        self.assertContains(self.client.get(self.instrument.get_absolute_url()), "谢谢您的评价")
        self.assertContains(self.client.post(url, {"answer": "第二次"}), "已回复过", status_code=400)
        # A firm has no ratings workspace; another institute cannot see this rating.
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(reverse("frontend:sharing_ratings")).status_code, 403)
        rival = make_organization("institute")
        self.client.force_login(make_user(organization=rival))
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_instrument_page_queries_do_not_grow_with_ratings(self):
        self.rate()
        url = self.instrument.get_absolute_url()
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for day in (-4, -5, -6, -7):
            self.rate(completed_booking(self.instrument, self.firm, self.firm_user, day=day))
        with CaptureQueriesContext(connection) as many:
            self.assertContains(self.client.get(url), "data-rating-id", count=5)
        self.assertEqual(len(few), len(many))

    def test_ratings_workspace_queries_bounded(self):
        self.client.force_login(self.owner_user)
        self.rate()
        url = reverse("frontend:sharing_ratings")
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for day in (-4, -5, -6):
            self.rate(completed_booking(self.instrument, self.firm, self.firm_user, day=day))
        with CaptureQueriesContext(connection) as many:
            self.client.get(url)
        self.assertEqual(len(few), len(many))
