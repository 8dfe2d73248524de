"""Free text written through the API has a length limit, checked before anything is saved or indexed (issue 12).

The per-resource tests of demands, instruments, results and organizations are ``test_over_long_text_is_400_and_
nothing_is_saved`` of ``APIResourceTests``; these cover the rest: vouchers, search subscriptions, action bodies,
nested JSON, and a 100 KB field that must never reach the search index."""

from datetime import timedelta
from unittest import mock

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from demands.models import Demand
from instruments.models import Instrument
from instruments.testing import make_instrument
from marketplace.models import AuditEntry
from marketplace.testing import api_client, make_organization, make_user
from search.models import SearchSubscription
from tech_transfer.models import Inquiry
from tech_transfer.tests.test_results import make_result
from vouchers.models import VoucherGrant
from vouchers.testing import make_program

HUNDRED_KB = "问" * (100 * 1024 // 3 + 1)  # 100 KB of UTF-8


def demand_payload(**fields):
    return {
        "title": "车载镜头高低温离焦",
        "problem": "镜头在 -40~85℃ 下焦点漂移，成像模糊。",
        "tech_field": "electronic_information",
        "cooperation_mode": "joint_development",
        "deadline": str(timezone.localdate() + timedelta(days=90)),
        **fields,
    }


class TextLimitTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.institute = make_organization("institute")
        cls.institute_user = make_user(organization=cls.institute)

    def errors(self, response, field):
        self.assertEqual(response.status_code, 400, response.content[:300])
        self.assertEqual(response.json()["code"], "invalid")
        return " ".join(map(str, response.json()["errors"][field]))

    def test_a_100_kb_field_is_refused_before_indexing(self):
        client = api_client(self.firm_user, self.firm)
        with mock.patch("search.sync.queue") as queue:
            response = client.post(reverse("api:demand-list"), demand_payload(problem=HUNDRED_KB), format="json")
            self.assertIn("不能超过 5000 个字符", self.errors(response, "problem"))
            self.assertFalse(Demand.objects.exists())
            # An edit of a stored demand is refused the same way: the stored text and the index are left alone.
            created = client.post(reverse("api:demand-list"), demand_payload(), format="json")
            self.assertEqual(created.status_code, 201, created.content[:300])
            queue.reset_mock()
            detail = reverse("api:demand-detail", args=[created.json()["id"]])
            response = client.patch(detail, {"target_indicators": HUNDRED_KB}, format="json")
            self.assertIn("不能超过 2000 个字符", self.errors(response, "target_indicators"))
            queue.assert_not_called()
        self.assertEqual(Demand.objects.get().target_indicators, "")

    def test_voucher_grant_purpose_is_capped(self):
        program = make_program(make_organization("authority"))
        response = api_client(self.firm_user, self.firm).post(
            reverse("api:vouchergrant-list"),
            {"program": program.pk, "requested_amount": "3000", "purpose": "检" * 2001},
            format="json",
        )
        self.assertIn("不能超过 2000 个字符（现有 2001 个）", self.errors(response, "purpose"))
        self.assertFalse(VoucherGrant.objects.exists())

    def test_search_subscription_query_is_capped(self):
        response = api_client(self.institute_user, self.institute).post(
            reverse("api:searchsubscription-list"), {"query": "注塑" * 101}, format="json"
        )
        self.assertIn("不能超过 200 个字符", self.errors(response, "query"))
        self.assertFalse(SearchSubscription.objects.exists())

    def test_inquiry_message_and_reply_are_capped(self):
        result = make_result(self.institute)
        client = api_client(self.firm_user, self.firm)
        response = client.post(
            reverse("api:inquiry-list"), {"result": result.pk, "message": "询" * 2001}, format="json"
        )
        self.assertIn("不能超过 2000 个字符", self.errors(response, "message"))
        self.assertFalse(Inquiry.objects.exists())
        self.assertFalse(AuditEntry.objects.exists())

    def test_instrument_specs_and_nested_rows_are_capped(self):
        instrument = make_instrument(self.institute)
        client = api_client(self.institute_user, self.institute)
        detail = reverse("api:instrument-detail", args=[instrument.pk])
        response = client.patch(detail, {"specs": {"分辨率": HUNDRED_KB}}, format="json")
        self.assertIn("技术指标名称不能超过", self.errors(response, "specs"))
        response = client.patch(detail, {"specs": {f"指标{n}": "1" for n in range(51)}}, format="json")
        self.assertIn("最多 50 项", self.errors(response, "specs"))
        start = (timezone.now() + timedelta(days=3)).isoformat()
        end = (timezone.now() + timedelta(days=4)).isoformat()
        response = client.patch(
            detail, {"closures": [{"start": start, "end": end, "reason": "修" * 201}]}, format="json"
        )
        self.assertEqual(response.status_code, 400, response.content[:300])
        self.assertIn("closures", response.json()["errors"])
        instrument.refresh_from_db()
        self.assertNotIn("分辨率", instrument.specs)
        self.assertFalse(Instrument.objects.get(pk=instrument.pk).closures.exists())
