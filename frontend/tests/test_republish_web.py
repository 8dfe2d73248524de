"""Editing a published result or an open demand on its workspace page sends it back to review, says so, and the
moderator's approval brings it back (issue 11). Also: a platform administrator without any membership gets the
workspace links of the pages that need no organization (审核中心 …) in the header."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from demands import services as demand_services
from demands.tests.test_demands import make_demand
from frontend.tests.test_demands_web import NO_MATCHES
from frontend.tests.test_demands_web import form_data as demand_form
from frontend.tests.test_publishing_web import form_data as result_form
from marketplace.models import AuditEntry
from marketplace.testing import make_organization, make_user
from tech_transfer import services as result_services
from tech_transfer.models import Auction
from tech_transfer.tests.test_results import make_result


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


class RepublishWebTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute")
        cls.institute_user = make_user(organization=cls.institute)
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.admin = make_user(platform_admin=True)

    def test_result_edit_goes_back_to_review_with_a_message(self):
        result = make_result(self.institute, title="随形冷却注塑模具技术")
        self.client.force_login(self.institute_user)
        url = reverse("frontend:result_edit", args=[result.pk])
        self.assertContains(self.client.get(url), "成果将重新提交审核")  # the form says it before saving
        response = self.client.post(url, result_form(title="随形冷却注塑模具技术（第二版）"), follow=True)
        self.assertContains(response, "成果已修改，已重新提交审核；审核通过前不在成果库公开展示。")
        result.refresh_from_db()
        self.assertEqual((result.title, result.status), ("随形冷却注塑模具技术（第二版）", "pending_review"))
        self.assertTrue(AuditEntry.objects.filter(object_id=str(result.pk), transition="published→pending_review"))
        self.client.logout()
        self.assertEqual(self.client.get(reverse("frontend:result_detail", args=[result.pk])).status_code, 404)
        self.assertNotContains(self.client.get(reverse("frontend:result_list")), "第二版")
        result_services.approve_result(result, actor=self.admin)
        self.assertContains(self.client.get(reverse("frontend:result_detail", args=[result.pk])), "第二版")

    def test_result_on_auction_is_refused_on_the_page(self):
        result = make_result(self.institute)
        Auction.objects.create(
            result=result, starting_price=Decimal("1000.00"), closes_at=timezone.now() + timedelta(1)
        )
        self.client.force_login(self.institute_user)
        response = self.client.post(reverse("frontend:result_edit", args=[result.pk]), result_form(title="偷偷改"))
        self.assertRedirects(response, reverse("frontend:my_result", args=[result.pk]), fetch_redirect_response=False)
        self.assertIn("拍卖进行中，成果不能修改。", messages_of(response))
        result.refresh_from_db()
        self.assertNotEqual(result.title, "偷偷改")

    @mock.patch("frontend.views.demands._workspace_matches", return_value=NO_MATCHES)
    def test_demand_edit_goes_back_to_review_with_a_message(self, _matches):
        demand = make_demand(self.firm, title="薄壁注塑件翘曲控制")
        self.client.force_login(self.firm_user)
        page = self.client.get(reverse("frontend:my_demand", args=[demand.pk]))
        self.assertContains(page, reverse("frontend:demand_edit", args=[demand.pk]))  # open: 修改需求 is offered
        url = reverse("frontend:demand_edit", args=[demand.pk])
        self.assertContains(self.client.get(url), "需求将重新提交审核")
        response = self.client.post(url, demand_form(title="薄壁注塑件翘曲控制（指标更新）"), follow=True)
        self.assertContains(response, "需求已修改，已重新提交审核；审核通过前不在需求大厅展示。")
        demand.refresh_from_db()
        self.assertEqual(demand.status, "pending_review")
        self.client.logout()
        self.assertEqual(self.client.get(reverse("frontend:demand_detail", args=[demand.pk])).status_code, 404)
        demand_services.approve_demand(demand, actor=self.admin)
        self.assertContains(self.client.get(reverse("frontend:demand_detail", args=[demand.pk])), "指标更新")


class AdministratorHeaderTest(TestCase):
    def test_platform_admin_without_membership_sees_workspace_links(self):
        admin = make_user(platform_admin=True)
        self.client.force_login(admin)
        html = self.client.get(reverse("frontend:home")).content.decode()
        self.assertIn(reverse("frontend:review_center"), html)
        self.assertIn(reverse("frontend:voucher_admin"), html)
        review = self.client.get(reverse("frontend:review_center"))
        self.assertEqual(review.status_code, 200)
        self.assertContains(review, 'aria-current="page">审核中心')

    def test_ordinary_user_without_membership_sees_none(self):
        self.client.force_login(make_user())
        html = self.client.get(reverse("frontend:home")).content.decode()
        self.assertNotIn(reverse("frontend:review_center"), html)
