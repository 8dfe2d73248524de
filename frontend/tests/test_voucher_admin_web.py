"""创新券管理 pages: the issuing authority administers its own programmes (platform administrators: all); another
authority gets 404 on everything of them, other organizations 403; decisions go through the services with their
messages on the page; query counts do not grow with the rows."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.testing import make_organization, make_user
from vouchers.models import Claim, VoucherGrant, VoucherProgram
from vouchers.services import programs
from vouchers.testing import make_claim, make_grant, make_program, make_settlement, register_provider

OVERVIEW = reverse("frontend:voucher_admin")


class VoucherAdminBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authority = make_organization("authority", name="余姚市科学技术局")
        cls.kjj = make_user(organization=cls.authority)
        cls.other_authority = make_organization("authority", name="慈溪市科学技术局")
        cls.other = make_user(organization=cls.other_authority)
        cls.program = make_program(cls.authority, name="页面测试创新券")
        cls.firm = make_organization("enterprise", name="余姚页面模具有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.provider = make_organization("institute", name="余姚页面检测研究院")
        register_provider(cls.program, cls.provider)
        cls.funded = make_grant(cls.program, make_organization("enterprise"), Decimal("50000"))

    def apply(self, firm=None, amount="30000"):
        return programs.apply_for_grant(
            program=self.program, firm=firm or self.firm, requested_amount=Decimal(amount), actor=None
        )

    def page(self):
        return reverse("frontend:voucher_admin_program", args=[self.program.pk])


class PermissionTest(VoucherAdminBase):
    def test_anonymous_is_sent_to_sign_in_and_a_firm_is_refused(self):
        self.assertIn("/login/", self.client.get(OVERVIEW)["Location"])
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(OVERVIEW).status_code, 403)
        self.assertEqual(self.client.get(self.page()).status_code, 403)

    def test_another_authority_finds_nothing(self):
        grant = self.apply()
        claim = make_claim(self.program, self.provider, self.funded)
        settlement = make_settlement(self.program, self.provider, self.funded, approve=True)
        self.client.force_login(self.other)
        overview = self.client.get(OVERVIEW)
        self.assertEqual(overview.status_code, 200)
        self.assertNotContains(overview, "页面测试创新券")
        for url in (
            self.page(),
            reverse("frontend:voucher_admin_program_edit", args=[self.program.pk]),
            reverse("frontend:voucher_admin_evidence", args=[claim.pk]),
            reverse("frontend:voucher_admin_statement", args=[settlement.pk]),
            reverse("frontend:voucher_admin_export", args=[self.program.pk, "csv"]),
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        for url, data in (
            (reverse("frontend:voucher_admin_grant_approve", args=[grant.pk]), {"amount": "1000"}),
            (reverse("frontend:voucher_admin_grant_reject", args=[grant.pk]), {"note": "x"}),
            (reverse("frontend:voucher_admin_claim", args=[claim.pk, "approve"]), {}),
            (reverse("frontend:voucher_admin_settlement_paid", args=[settlement.pk]), {"reference": "B"}),
        ):
            self.assertIn(self.client.post(url, data).status_code, (403, 404), url)
        grant.refresh_from_db()
        self.assertEqual(grant.status, "applied")
        self.assertEqual(Claim.objects.get(pk=claim.pk).status, "submitted")

    def test_a_platform_administrator_without_an_organization_administers_every_programme(self):
        self.client.force_login(make_user(platform_admin=True))
        self.assertContains(self.client.get(OVERVIEW), "页面测试创新券")
        self.assertEqual(self.client.get(self.page()).status_code, 200)


class DecisionTest(VoucherAdminBase):
    def setUp(self):
        self.client.force_login(self.kjj)

    def test_the_cap_and_remaining_budget_are_shown_and_an_amount_over_the_cap_is_a_field_error(self):
        grant = self.apply()
        page = self.client.get(self.page())
        self.assertContains(page, "¥100,000")  # the cap
        self.assertContains(page, "¥950,000")  # the remaining budget
        url = reverse("frontend:voucher_admin_grant_approve", args=[grant.pk])
        response = self.client.post(url, {"amount": "150000"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("上限", " ".join(response.context["grants"][0].approve_form.errors["amount"]))
        grant.refresh_from_db()
        self.assertEqual(grant.status, "applied")
        response = self.client.post(url, {"amount": "20000"})
        self.assertRedirects(response, self.page() + "#grants", fetch_redirect_response=False)
        grant.refresh_from_db()
        self.assertEqual((grant.status, grant.amount), ("approved", Decimal("20000.00")))

    def test_over_the_remaining_budget_is_a_message_on_the_form(self):
        VoucherProgram.objects.filter(pk=self.program.pk).update(total_budget=Decimal("60000"))
        grant = self.apply()
        response = self.client.post(
            reverse("frontend:voucher_admin_grant_approve", args=[grant.pk]), {"amount": "20000"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "剩余预算不足", status_code=400)
        self.assertEqual(VoucherGrant.objects.get(pk=grant.pk).status, "applied")

    def test_a_rejection_needs_a_reason(self):
        grant = self.apply()
        url = reverse("frontend:voucher_admin_grant_reject", args=[grant.pk])
        response = self.client.post(url, {"note": "  "})
        self.assertContains(response, "请填写驳回原因", status_code=400)
        self.client.post(url, {"note": "材料不全"})
        grant.refresh_from_db()
        self.assertEqual((grant.status, grant.review_note), ("rejected", "材料不全"))

    def test_a_registration_and_a_claim_with_its_evidence(self):
        provider = make_organization("institute", name="余姚待备案研究院")
        registration = programs.register_provider(program=self.program, provider=provider, services="检测", actor=None)
        self.client.post(reverse("frontend:voucher_admin_registration", args=[registration.pk, "approve"]), {})
        registration.refresh_from_db()
        self.assertEqual(registration.status, "approved")
        claim = make_claim(self.program, self.provider, self.funded)
        Claim.objects.filter(pk=claim.pk).update(payment_proof="")
        claim.payment_proof.save("proof.png", SimpleUploadedFile("proof.png", b"\x89PNG\r\n\x1a\n"), save=True)
        page = self.client.get(self.page())
        evidence = reverse("frontend:voucher_admin_evidence", args=[claim.pk])
        self.assertContains(page, f'src="{evidence}"')
        shown = self.client.get(evidence)
        self.assertEqual((shown.status_code, shown["Content-Type"]), (200, "image/png"))
        self.client.post(reverse("frontend:voucher_admin_claim", args=[claim.pk, "approve"]), {})
        claim.refresh_from_db()
        self.assertEqual(claim.status, "approved")
        self.assertIsNotNone(claim.publicity_ends)

    def test_settlement_draft_approve_pay_and_downloads(self):
        make_claim(self.program, self.provider, self.funded, approve=True, past_notice=True)
        page = self.client.get(self.page())
        row = page.context["settle"][0]
        url = reverse("frontend:voucher_admin_settlement_new", args=[self.program.pk, self.provider.pk])
        self.client.post(url, {"period_start": row["start"], "period_end": row["end"]})
        settlement = self.program.settlements.get()
        self.client.post(reverse("frontend:voucher_admin_settlement_approve", args=[settlement.pk]))
        settlement.refresh_from_db()
        self.assertTrue(settlement.number.endswith("-0001"))
        paid = reverse("frontend:voucher_admin_settlement_paid", args=[settlement.pk])
        self.assertEqual(self.client.post(paid, {"reference": ""}).status_code, 400)
        self.client.post(paid, {"reference": "BANK-1"})
        settlement.refresh_from_db()
        self.assertEqual((settlement.status, settlement.payment_reference), ("paid", "BANK-1"))
        pdf = self.client.get(reverse("frontend:voucher_admin_statement", args=[settlement.pk]))
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        csv = self.client.get(reverse("frontend:voucher_admin_export", args=[self.program.pk, "csv"]))
        self.assertIn(settlement.number, csv.content.decode("utf-8-sig"))
        xlsx = self.client.get(reverse("frontend:voucher_admin_export", args=[self.program.pk, "xlsx"]))
        self.assertTrue(xlsx.content.startswith(b"PK"))

    def test_nothing_to_settle_is_a_message(self):
        url = reverse("frontend:voucher_admin_settlement_new", args=[self.program.pk, self.provider.pk])
        response = self.client.post(url, {"period_start": "2020-01-01", "period_end": "2020-01-31"})
        self.assertContains(response, "没有公示期满", status_code=400)

    def test_programme_create_and_edit_through_the_serializer(self):
        url = reverse("frontend:voucher_admin_program_new")
        data = {
            "issuer": self.authority.pk, "name": "长三角检测券", "year": 2026, "total_budget": "500000",
            "coverage_ratio": "0.5", "per_firm_cap": "300000", "valid_from": "2026-01-01",
            "valid_until": "2025-12-31", "publicity_days": "7", "number_prefix": "YYJC",
            "service_kinds": ["instrument_testing"], "region_scope": "yangtze",
        }  # fmt: skip
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(VoucherProgram.objects.filter(name="长三角检测券").exists())
        self.client.post(url, {**data, "issuer": self.other_authority.pk, "valid_until": "2026-12-31"})
        self.assertFalse(VoucherProgram.objects.filter(name="长三角检测券").exists())  # not one of its issuers
        response = self.client.post(url, {**data, "valid_until": "2026-12-31"})
        program = VoucherProgram.objects.get(name="长三角检测券")
        self.assertEqual(
            sorted(program.accepted_regions.values_list("code", flat=True)), ["310000", "320000", "330000", "340000"]
        )
        edit = reverse("frontend:voucher_admin_program_edit", args=[program.pk])
        self.assertEqual(self.client.get(edit).context["form"].initial["region_scope"], "yangtze")
        self.client.post(edit, {**data, "valid_until": "2026-12-31", "publicity_days": "5", "region_scope": "any"})
        program.refresh_from_db()
        self.assertEqual((program.publicity_days, program.accepted_regions.count()), (5, 0))


class DashboardAndQueriesTest(VoucherAdminBase):
    def test_dashboard_items_and_the_nav_link(self):
        self.apply()
        self.client.force_login(self.kjj)
        response = self.client.get(reverse("frontend:dashboard"))
        labels = {item.label: item.count for item in response.context["todo"]}
        self.assertEqual(labels["待审核的创新券申请"], 1)
        self.assertEqual(labels["公示期满待结算的兑付申请"], 0)
        links = [link["name"] for link in response.context["market_header"].workspace_links]
        self.assertIn("voucher_admin", links)
        self.client.force_login(self.firm_user)
        links = [
            link["name"]
            for link in self.client.get(reverse("frontend:dashboard")).context["market_header"].workspace_links
        ]
        self.assertNotIn("voucher_admin", links)

    def count(self, url):
        self.client.force_login(self.kjj)
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def add_rows(self, n):
        for _ in range(n):
            self.apply(make_organization("enterprise"), "1000")
            make_claim(self.program, self.provider, self.funded, amount=Decimal("10"))
            make_claim(self.program, self.provider, self.funded, amount=Decimal("10"), approve=True, past_notice=True)
            make_settlement(self.program, self.provider, self.funded, amount=Decimal("10"), approve=True)

    def test_query_counts_do_not_grow_with_rows(self):
        self.add_rows(2)
        few = (self.count(self.page()), self.count(OVERVIEW))
        self.add_rows(4)
        many = (self.count(self.page()), self.count(OVERVIEW))
        self.assertEqual(few, many)
        self.assertLess(many[0], 40)
