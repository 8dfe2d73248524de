"""What careless clients and attackers send answers a 4xx in the API's error format, never a 500."""

from datetime import timedelta
from unittest import mock

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from demands.tests.test_demands import make_demand
from instruments.testing import make_instrument
from marketplace.testing import api_client, make_organization, make_user


class HostileInputTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise")
        cls.user = make_user(organization=cls.firm)
        cls.institute = make_organization("institute")

    def setUp(self):
        self.client = api_client(self.user)

    def test_a_non_ascii_digit_organization_header_is_a_400(self):
        for header in ("²", "١٢", "12a", "-1"):
            response = self.client.get(reverse("api:organization-list"), HTTP_X_ORGANIZATION=header)
            self.assertEqual(response.status_code, 400, header)
            self.assertEqual(response.json()["code"], "invalid_organization_header")

    def test_json_nested_beyond_the_recursion_limit_is_a_400(self):
        body = "[" * 100_000 + "]" * 100_000
        response = self.client.post(
            reverse("api:demand-list"), body, content_type="application/json", HTTP_X_ORGANIZATION=str(self.firm.pk)
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["code"], "parse_error")

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
    def test_a_body_over_the_upload_limit_is_a_json_413(self):
        response = self.client.post(
            reverse("api:demand-list"),
            '{"title": "' + "长" * 2000 + '"}',
            content_type="application/json",
            HTTP_X_ORGANIZATION=str(self.firm.pk),
        )
        self.assertEqual(response.status_code, 413)
        self.assertEqual(response.json()["code"], "too_large")

    def test_a_saved_search_can_be_created(self):
        response = self.client.post(reverse("api:searchsubscription-list"), {"query": "注塑 模具"}, format="json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["query"], "注塑 模具")

    def test_a_waitlist_entry_without_min_minutes_takes_the_default(self):
        instrument = make_instrument(self.institute)
        start = timezone.now() + timedelta(days=2)
        response = self.client.post(
            reverse("api:waitlistentry-list"),
            {"instrument": instrument.pk, "window_start": start.isoformat(),
             "window_end": (start + timedelta(hours=8)).isoformat()},
            format="json",
        )  # fmt: skip
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["min_minutes"], 60)


class SearchOutageTest(TestCase):
    """A dead search engine answers 503 with the error format and Retry-After on every search-backed endpoint."""

    def test_search_matches_and_reverse_matches_answer_503(self):
        firm = make_organization("enterprise")
        institute = make_organization("institute")
        demand = make_demand(firm, status="open")
        client = api_client(make_user(organization=firm))
        urls = [
            reverse("api:search") + "?q=注塑",
            reverse("api:demand-matches", args=[demand.pk]),
            reverse("api:matching-demands", args=[institute.pk]),
        ]
        from search.backends import get_backend

        with mock.patch.object(type(get_backend()), "search", side_effect=ConnectionError("down")):
            for url in urls:
                response = client.get(url)
                self.assertEqual(response.status_code, 503, url)
                self.assertEqual(response.json()["code"], "search_unavailable")
                self.assertEqual(response["Retry-After"], "30")


class ForeignOrganizationHeaderTest(TestCase):
    """Every endpoint, ViewSet or not, refuses acting for an organization the user does not belong to."""

    def test_non_viewset_endpoints_refuse_a_foreign_organization(self):
        from rest_framework.authtoken.models import Token

        firm = make_organization("enterprise")
        other = make_organization("enterprise")
        token = Token.objects.create(user=make_user(organization=firm))
        client = api_client(organization=other)  # a real token: forced authentication would skip the check
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_ORGANIZATION=str(other.pk))
        for url in (
            reverse("api:search") + "?q=模具",
            reverse("api:notification-list"),
            reverse("api:user-me"),
            reverse("api:stats"),
            f"/api/v1/organizations/{firm.pk}/voucher-balance/",
        ):
            response = client.get(url)
            self.assertEqual(response.status_code, 403, url)
            self.assertEqual(response.json()["code"], "not_a_member", url)

    def test_session_requests_are_checked_too(self):
        firm = make_organization("enterprise")
        other = make_organization("enterprise")
        self.client.force_login(make_user(organization=firm))
        response = self.client.get(reverse("api:search") + "?q=模具", HTTP_X_ORGANIZATION=str(other.pk))
        self.assertEqual(response.status_code, 403)
