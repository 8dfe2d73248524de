"""审核中心 through the Django test client: who may moderate (platform administrators and the market operator's
members, by ``marketplace.permissions.can_moderate``), the queues and their counts, the decisions through the services
(a rejection needs a reason), what the owner is told, the API's verify / approve / reject with the same rule, and
bounded query counts."""

from datetime import timedelta

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from demands.models import Demand
from demands.tests.test_demands import make_demand
from frontend.views.administration import dashboard_items, nav_links
from marketplace.models import AuditEntry, Notification, Organization
from marketplace.permissions import can_moderate, moderators
from marketplace.testing import api_client, make_organization, make_user
from tech_transfer import services as result_services
from tech_transfer.models import Result
from tech_transfer.tests.test_results import make_result

PENDING = {"status": "pending_review", "published_at": None}


class ReviewTestData(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.operator = make_organization("service_provider", name="科技大市场运营服务中心", is_market_operator=True)
        cls.operator_user = make_user("operator", organization=cls.operator)
        cls.admin = make_user("platform_admin", platform_admin=True)
        cls.institute = make_organization("institute", name="机器人研究院")
        cls.institute_user = make_user("institute_user", organization=cls.institute)
        cls.firm = make_organization("enterprise", name="余姚家电有限公司")
        cls.firm_user = make_user("firm_user", organization=cls.firm)
        cls.result = make_result(cls.institute, title="柔顺装配技术", **PENDING)
        cls.demand = make_demand(cls.firm, title="注塑件翘曲控制", anonymous=True, **PENDING)
        cls.unverified = make_organization("enterprise", name="新注册模具公司", verified=False)

    def urls(self):
        """Every page and POST of the review centre, for the fixtures' objects."""
        gets = [
            reverse("frontend:review_center"),
            reverse("frontend:review_organizations"),
            reverse("frontend:review_organization", args=[self.unverified.pk]),
            reverse("frontend:review_results"),
            reverse("frontend:review_result", args=[self.result.pk]),
            reverse("frontend:review_demands"),
            reverse("frontend:review_demand", args=[self.demand.pk]),
        ]
        posts = [
            (reverse("frontend:review_organization_verify", args=[self.unverified.pk]), {"note": ""}),
            (reverse("frontend:review_result_approve", args=[self.result.pk]), {"approve-note": ""}),
            (reverse("frontend:review_result_reject", args=[self.result.pk]), {"reject-note": "不行"}),
            (reverse("frontend:review_demand_approve", args=[self.demand.pk]), {"approve-note": ""}),
            (reverse("frontend:review_demand_reject", args=[self.demand.pk]), {"reject-note": "不行"}),
        ]
        return gets, posts


class PermissionTest(ReviewTestData):
    def test_the_rule(self):
        self.assertTrue(can_moderate(self.operator_user))
        self.assertTrue(can_moderate(self.admin))
        self.assertFalse(can_moderate(self.firm_user))
        self.assertFalse(can_moderate(self.institute_user))
        self.assertEqual(set(moderators()), {self.operator_user, self.admin})

    def test_anonymous_is_sent_to_sign_in(self):
        gets, posts = self.urls()
        for url in gets:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn(reverse("frontend:login"), response["Location"])
        for url, data in posts:
            self.assertEqual(self.client.post(url, data).status_code, 302, url)

    def test_firms_and_institutes_are_refused_every_page_and_post(self):
        gets, posts = self.urls()
        for user in (self.firm_user, self.institute_user):
            self.client.force_login(user)
            for url in gets:
                self.assertEqual(self.client.get(url).status_code, 403, (user, url))
            for url, data in posts:
                self.assertEqual(self.client.post(url, data).status_code, 403, (user, url))
        self.result.refresh_from_db()
        self.demand.refresh_from_db()
        self.unverified.refresh_from_db()
        self.assertEqual((self.result.status, self.demand.status), ("pending_review", "pending_review"))
        self.assertFalse(self.unverified.verified)
        self.assertFalse(Notification.objects.filter(kind__in=["result.rejected", "demand.published"]).exists())

    def test_a_member_of_an_ordinary_provider_is_no_moderator(self):
        provider = make_organization("service_provider")
        user = make_user(organization=provider)
        self.client.force_login(user)
        self.assertEqual(self.client.get(reverse("frontend:review_center")).status_code, 403)

    def test_the_operator_and_platform_administrators_open_every_page(self):
        gets, _ = self.urls()
        for user in (self.operator_user, self.admin):  # the administrator acts for no organization
            self.client.force_login(user)
            for url in gets:
                self.assertEqual(self.client.get(url).status_code, 200, (user, url))

    def test_an_object_the_moderator_may_not_see_is_404(self):
        draft = make_result(self.institute, status="draft", published_at=None)
        draft_demand = make_demand(self.firm, status="draft", published_at=None)
        self.client.force_login(self.operator_user)
        self.assertEqual(self.client.get(reverse("frontend:review_result", args=[draft.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("frontend:review_demand", args=[draft_demand.pk])).status_code, 404)
        response = self.client.post(reverse("frontend:review_result_approve", args=[draft.pk]))
        self.assertEqual(response.status_code, 404)


class QueueTest(ReviewTestData):
    def setUp(self):
        self.client.force_login(self.operator_user)

    def test_the_centre_counts_the_three_queues(self):
        make_result(self.institute, title="另一项待审成果", **PENDING)
        make_result(self.institute, title="已发布成果")  # not in the queue
        response = self.client.get(reverse("frontend:review_center"))
        counts = {q["key"]: q["count"] for q in response.context["queues"]}
        self.assertEqual(counts, {"organizations": 1, "results": 2, "demands": 1})
        self.assertContains(response, "新注册模具公司")
        self.assertContains(response, "柔顺装配技术")

    def test_lists_are_oldest_first_and_filtered_through_the_filtersets(self):
        newer = make_result(self.institute, title="碳化硅驱动技术", **PENDING)
        Result.objects.filter(pk=self.result.pk).update(updated_at=timezone.now() - timedelta(days=3))
        response = self.client.get(reverse("frontend:review_results"))
        self.assertEqual([r.pk for r in response.context["page_obj"]], [self.result.pk, newer.pk])
        response = self.client.get(reverse("frontend:review_results"), {"q": "碳化硅"})
        self.assertEqual([r.pk for r in response.context["page_obj"]], [newer.pk])
        response = self.client.get(reverse("frontend:review_demands"), {"risk_class": "red"})
        self.assertEqual(list(response.context["page_obj"]), [])
        response = self.client.get(reverse("frontend:review_organizations"), {"kind": "institute"})
        self.assertEqual(list(response.context["page_obj"]), [])
        response = self.client.get(reverse("frontend:review_organizations"), {"q": "模具"})
        self.assertEqual(list(response.context["page_obj"]), [self.unverified])

    def test_the_moderator_sees_an_anonymous_demands_firm(self):
        self.assertContains(self.client.get(reverse("frontend:review_demands")), "余姚家电有限公司")
        response = self.client.get(reverse("frontend:review_demand", args=[self.demand.pk]))
        self.assertContains(response, "余姚家电有限公司")
        self.assertContains(response, "匿名发布")

    def test_the_result_page_shows_the_confidential_details(self):
        response = self.client.get(reverse("frontend:review_result", args=[self.result.pk]))
        self.assertContains(response, "水路直径4mm")
        self.assertContains(response, 'id="reject-form"')

    def test_a_decided_item_has_no_buttons(self):
        published = make_result(self.institute, title="已发布成果")
        response = self.client.get(reverse("frontend:review_result", args=[published.pk]))
        self.assertNotContains(response, 'id="reject-form"')

    def test_dashboard_items_and_navigation_for_moderators_only(self):
        request = self.client.get(reverse("frontend:dashboard")).wsgi_request
        items = dashboard_items(request, self.operator)
        self.assertEqual([(i.count, i.action) for i in items], [(1, True), (1, True), (1, True)])
        self.assertEqual(nav_links(request, self.operator)[0]["name"], "review_center")
        response = self.client.get(reverse("frontend:dashboard"))
        self.assertContains(response, reverse("frontend:review_center"))
        self.assertContains(response, 'data-pending="3"')
        self.client.force_login(self.firm_user)
        request = self.client.get(reverse("frontend:dashboard")).wsgi_request
        self.assertEqual(dashboard_items(request, self.firm), [])
        self.assertEqual(nav_links(request, self.firm), [])
        self.assertNotContains(self.client.get(reverse("frontend:dashboard")), reverse("frontend:review_center"))


class DecisionTest(ReviewTestData):
    def setUp(self):
        self.client.force_login(self.operator_user)

    def test_rejecting_a_result_needs_a_reason(self):
        url = reverse("frontend:review_result_reject", args=[self.result.pk])
        for blank in ("", "   \n "):
            response = self.client.post(url, {"reject-note": blank})
            self.assertEqual(response.status_code, 400)
            self.assertFormError(response.context["reject_form"], "note", "请填写驳回原因。")
            self.assertContains(response, "请填写驳回原因。", status_code=400)
        self.result.refresh_from_db()
        self.assertEqual(self.result.status, "pending_review")
        self.assertFalse(Notification.objects.filter(kind="result.rejected").exists())

    def test_rejecting_a_demand_needs_a_reason(self):
        response = self.client.post(reverse("frontend:review_demand_reject", args=[self.demand.pk]), {})
        self.assertEqual(response.status_code, 400)
        self.assertFormError(response.context["reject_form"], "note", "请填写驳回原因。")
        self.demand.refresh_from_db()
        self.assertEqual(self.demand.status, "pending_review")

    def test_rejected_result_returns_to_draft_and_the_owner_reads_why(self):
        response = self.client.post(
            reverse("frontend:review_result_reject", args=[self.result.pk]), {"reject-note": "请补充专利法律状态证明"}
        )
        self.assertRedirects(response, reverse("frontend:review_results"))
        self.result.refresh_from_db()
        self.assertEqual((self.result.status, self.result.review_note), ("draft", "请补充专利法律状态证明"))
        entry = AuditEntry.objects.filter(object_id=str(self.result.pk), transition__endswith="→draft").get()
        self.assertEqual(entry.actor, self.operator_user)
        notification = Notification.objects.get(recipient=self.institute_user, kind="result.rejected")
        self.assertEqual(notification.body, "请补充专利法律状态证明")
        self.client.force_login(self.institute_user)
        self.assertContains(self.client.get(reverse("frontend:notifications")), "请补充专利法律状态证明")
        self.assertEqual(notification.link, reverse("frontend:my_result", args=[self.result.pk]))
        self.assertContains(self.client.get(notification.link), "请补充专利法律状态证明")  # the owner's page says why

    def test_approving_a_result_publishes_it(self):
        response = self.client.post(reverse("frontend:review_result_approve", args=[self.result.pk]), {})
        self.assertRedirects(response, reverse("frontend:review_results"))
        self.result.refresh_from_db()
        self.assertEqual(self.result.status, "published")
        self.assertIsNotNone(self.result.published_at)
        self.assertTrue(Notification.objects.filter(recipient=self.institute_user, kind="result.published").exists())

    def test_approving_a_demand_opens_it_and_tells_the_firm(self):
        response = self.client.post(
            reverse("frontend:review_demand_approve", args=[self.demand.pk]), {"approve-note": "内容完整"}
        )
        self.assertRedirects(response, reverse("frontend:review_demands"))
        self.demand.refresh_from_db()
        self.assertEqual((self.demand.status, self.demand.review_note), ("open", "内容完整"))
        notification = Notification.objects.get(recipient=self.firm_user, kind="demand.published")
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(notification.link, follow=True).status_code, 200)

    def test_rejected_demand_reason_is_on_the_firms_page(self):
        self.client.post(reverse("frontend:review_demand_reject", args=[self.demand.pk]), {"reject-note": "预算不清"})
        self.demand.refresh_from_db()
        self.assertEqual(self.demand.status, "draft")
        notification = Notification.objects.get(recipient=self.firm_user, kind="demand.rejected")
        self.client.force_login(self.firm_user)
        self.assertContains(self.client.get(notification.link, follow=True), "预算不清")

    def test_an_expired_demand_cannot_be_approved_and_says_why(self):
        Demand.objects.filter(pk=self.demand.pk).update(deadline=timezone.localdate() - timedelta(days=1))
        response = self.client.post(reverse("frontend:review_demand_approve", args=[self.demand.pk]), {})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "需求已过截止日期。", status_code=400)
        self.demand.refresh_from_db()
        self.assertEqual(self.demand.status, "pending_review")

    def test_a_second_decision_is_refused_on_the_page(self):
        self.client.post(reverse("frontend:review_result_approve", args=[self.result.pk]), {})
        response = self.client.post(
            reverse("frontend:review_result_reject", args=[self.result.pk]), {"reject-note": "晚了"}, follow=True
        )
        self.assertEqual(response.status_code, 400)
        self.result.refresh_from_db()
        self.assertEqual(self.result.status, "published")

    def test_verifying_an_organization(self):
        response = self.client.post(
            reverse("frontend:review_organization_verify", args=[self.unverified.pk]), {"note": "营业执照已核对"}
        )
        self.assertRedirects(response, reverse("frontend:review_organizations"))
        self.unverified.refresh_from_db()
        self.assertTrue(self.unverified.verified)
        entry = AuditEntry.objects.get(object_id=str(self.unverified.pk), transition="unverified→verified")
        self.assertEqual((entry.actor, entry.note), (self.operator_user, "营业执照已核对"))
        response = self.client.post(
            reverse("frontend:review_organization_verify", args=[self.unverified.pk]), follow=True
        )
        self.assertRedirects(response, reverse("frontend:review_organization", args=[self.unverified.pk]))
        self.assertContains(response, "该机构已认证。")

    def test_submitting_tells_the_moderators_with_a_link_to_the_review_page(self):
        draft = make_result(self.institute, title="新提交成果", status="draft", published_at=None)
        result_services.submit_result(draft, actor=self.institute_user, organization=self.institute)
        notification = Notification.objects.get(recipient=self.operator_user, kind="result.submitted")
        self.assertEqual(notification.link, reverse("frontend:review_result", args=[draft.pk]))
        self.assertTrue(Notification.objects.filter(recipient=self.admin, kind="result.submitted").exists())
        self.assertEqual(self.client.get(notification.link).status_code, 200)


class APITest(ReviewTestData):
    """The API's verify / approve / reject follow the same rule as the pages."""

    def test_the_operators_members_moderate_through_the_api(self):
        client = api_client(self.operator_user, self.operator)
        response = client.post(reverse("api:result-reject", args=[self.result.pk]), {"note": "缺少IPC分类号"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "draft")
        response = client.post(reverse("api:demand-approve", args=[self.demand.pk]), {})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "open")
        response = client.post(reverse("api:organization-verify", args=[self.unverified.pk]), {})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertTrue(Organization.objects.get(pk=self.unverified.pk).verified)

    def test_the_operator_sees_what_waits_for_review(self):
        client = api_client(self.operator_user, self.operator)
        self.assertEqual(client.get(reverse("api:result-detail", args=[self.result.pk])).status_code, 200)
        response = client.get(reverse("api:demand-detail", args=[self.demand.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertIn("余姚家电有限公司", response.content.decode())  # anonymous, but moderators may know the firm
        self.assertEqual(client.get(reverse("api:organization-detail", args=[self.unverified.pk])).status_code, 200)

    def test_others_are_refused(self):
        for user, organization in ((self.firm_user, self.firm), (self.institute_user, self.institute)):
            client = api_client(user, organization)
            for name, pk in (
                ("api:result-approve", self.result.pk),
                ("api:result-reject", self.result.pk),
                ("api:demand-approve", self.demand.pk),
                ("api:demand-reject", self.demand.pk),
                ("api:organization-verify", self.unverified.pk),
            ):
                response = client.post(reverse(name, args=[pk]), {"note": "试试"})
                self.assertEqual(response.status_code, 403, (user, name))
        self.result.refresh_from_db()
        self.demand.refresh_from_db()
        self.assertEqual((self.result.status, self.demand.status), ("pending_review", "pending_review"))
        self.assertFalse(Organization.objects.get(pk=self.unverified.pk).verified)

    def test_an_empty_reason_is_refused(self):
        client = api_client(self.operator_user, self.operator)
        for name, pk in (("api:result-reject", self.result.pk), ("api:demand-reject", self.demand.pk)):
            response = client.post(reverse(name, args=[pk]), {"note": "  "})
            self.assertEqual(response.status_code, 400, (name, response.content))
        self.result.refresh_from_db()
        self.assertEqual(self.result.status, "pending_review")


class QueryCountTest(ReviewTestData):
    """Each page's query count is fixed: it does not grow with the rows shown."""

    def _count(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def _add_rows(self, n):
        for i in range(n):
            make_result(self.institute, title=f"待审成果{i}", **PENDING)
            make_demand(self.firm, title=f"待审需求{i}", **PENDING)
            make_organization("enterprise", verified=False)

    def test_queries_do_not_grow_with_rows(self):
        self.client.force_login(self.operator_user)
        urls = [
            reverse("frontend:review_center"),
            reverse("frontend:review_organizations"),
            reverse("frontend:review_results"),
            reverse("frontend:review_demands"),
            reverse("frontend:review_result", args=[self.result.pk]),
            reverse("frontend:review_demand", args=[self.demand.pk]),
            reverse("frontend:review_organization", args=[self.unverified.pk]),
        ]
        self.client.get(urls[0])  # warm the session and the content-type cache
        self._add_rows(1)
        few = {url: self._count(url) for url in urls}
        self._add_rows(6)
        many = {url: self._count(url) for url in urls}
        self.assertEqual(few, many)
        dashboard = self._count(reverse("frontend:dashboard"))
        for url, count in many.items():
            self.assertLessEqual(count, dashboard + 8, url)  # the header's fixed queries plus a few of the page
