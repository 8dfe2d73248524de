"""The workspace foundations: the dashboard, its header count, the choice of organization, the page language and
where notifications lead."""

from types import SimpleNamespace

from django.test import TestCase
from django.urls import reverse

from instruments.testing import local, make_instrument
from marketplace.models import Membership, Notification
from marketplace.services.notifications import notify
from marketplace.testing import make_organization, make_user


class DashboardTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚工作台研究院")
        cls.owner = make_user(organization=cls.institute)
        cls.instrument = make_instrument(cls.institute, approval_mode="owner")
        cls.firm = make_organization("enterprise", name="余姚工作台电器有限公司")
        cls.buyer = make_user(organization=cls.firm)

    def book(self):
        from instruments.services import request_booking

        return request_booking(
            actor=self.buyer,
            organization=self.firm,
            instrument=self.instrument,
            service_item=self.instrument.service_items.get(),
            start=local(2, 10),
            end=local(2, 12),
        )

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        response = self.client.get(reverse("frontend:dashboard"))
        self.assertRedirects(response, reverse("frontend:login") + "?next=/workspace/")

    def test_the_owner_sees_a_booking_to_confirm_in_the_dashboard_and_the_header(self):
        self.book()
        self.client.force_login(self.owner)
        response = self.client.get(reverse("frontend:dashboard"))
        self.assertContains(response, "待确认的预约")
        self.assertContains(response, 'data-pending="1"')
        self.assertEqual(response.context["pending"], 1)

    def test_a_member_of_several_organizations_is_asked_to_choose(self):
        Membership.objects.create(user=self.buyer, organization=self.institute, role="member")
        self.client.force_login(self.buyer)
        response = self.client.get(reverse("frontend:dashboard"))
        self.assertContains(response, "选择代表机构")
        self.client.post(
            reverse("frontend:switch_organization"), {"organization": self.institute.pk, "next": "/workspace/"}
        )
        self.assertContains(self.client.get(reverse("frontend:dashboard")), "余姚工作台研究院")

    def test_a_user_without_organization_is_told_why(self):
        self.client.force_login(make_user())
        self.assertContains(self.client.get(reverse("frontend:dashboard")), "还没有加入任何机构")

    def test_query_count_does_not_grow_with_bookings(self):
        self.client.force_login(self.owner)
        self.client.get(reverse("frontend:dashboard"))
        with self.assertNumQueries(self._count()):
            self.client.get(reverse("frontend:dashboard"))

    def _count(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            self.client.get(reverse("frontend:dashboard"))
        return len(queries)


class LanguageTest(TestCase):
    def test_pages_are_chinese_whatever_the_browser_asks(self):
        response = self.client.get(reverse("frontend:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(response, 'lang="zh-Hans"')

    def test_english_when_picked_and_remembered(self):
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = self.client.get(reverse("frontend:home"))
        self.assertContains(response, 'lang="en"')

    def test_the_api_still_honours_accept_language(self):
        response = self.client.get("/api/v1/organizations/1/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response.headers.get("Content-Language"), "en")


class NotificationLinkTest(TestCase):
    def test_a_notification_without_url_leads_to_its_targets_page(self):
        institute = make_organization("institute")
        user = make_user(organization=institute)
        notify([user], kind="test", title="机构信息", target=institute)
        notification = Notification.objects.get(recipient=user)
        self.assertEqual(notification.link, f"/organizations/{institute.pk}/")
        self.client.force_login(user)
        self.assertContains(
            self.client.get(reverse("frontend:notifications")), f'href="/organizations/{institute.pk}/"'
        )

    def test_e_mails_use_the_configured_site_url(self):
        from django.core import mail

        institute = make_organization("institute")
        user = make_user(organization=institute, email="lab@example.cn")
        with self.settings(SITE_URL="https://kjdsc.example.cn"), self.captureOnCommitCallbacks(execute=True):
            notify([user], kind="test", title="机构信息", target=institute)
        self.assertIn(f"https://kjdsc.example.cn/organizations/{institute.pk}/", mail.outbox[-1].body)


class BadgeCacheTest(TestCase):
    """The header's to-do badge is counted once per WORKSPACE_BADGE_SECONDS, recounted after the user's own change
    and when the dashboard is opened."""

    def test_the_badge_is_kept_and_recounted_after_a_change(self):
        from django.core.cache import cache
        from django.test import override_settings

        from frontend.context_processors import cached_badge, forget_badge

        user = make_user("badge-user")
        org = make_organization("institute", name="徽章测试研究院")
        calls = []

        def count(request, organization):
            calls.append(organization.pk)
            return len(calls)

        request = SimpleNamespace(user=user)
        with override_settings(WORKSPACE_BADGE_SECONDS=30):
            cache.clear()
            self.assertEqual(cached_badge(request, org, count), 1)
            self.assertEqual(cached_badge(request, org, count), 1)  # kept: not counted again
            forget_badge(user)
            self.assertEqual(cached_badge(request, org, count), 2)
        with override_settings(WORKSPACE_BADGE_SECONDS=0):
            self.assertEqual(cached_badge(request, org, count), 3)  # 0: counted on every page

    def test_a_post_by_the_user_forgets_the_badge(self):
        from django.core.cache import cache
        from django.test import override_settings

        user = make_user("badge-poster")
        with override_settings(WORKSPACE_BADGE_SECONDS=30):
            cache.set(f"workspace-badge:{user.pk}", {1: 5}, 30)
            self.client.force_login(user)
            self.client.post(reverse("frontend:notifications"), {})
            self.assertIsNone(cache.get(f"workspace-badge:{user.pk}"))
