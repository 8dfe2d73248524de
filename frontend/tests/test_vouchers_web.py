"""创新券 and 结算单 pages: applying for a grant (the form's validation, the per-firm cap, a second application),
balances and the ledger, invoices with their PDFs and the monthly statement, who may see what, and bounded queries."""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from instruments import services as booking_services
from instruments.testing import local, make_instrument
from marketplace.models import Notification
from marketplace.testing import api_client, make_organization, make_user, pdf_bytes
from vouchers.invariants import check_invariants
from vouchers.models import Claim, Invoice, LedgerEntry, ProviderRegistration, VoucherGrant
from vouchers.services import claims as claim_services
from vouchers.services import payments, programs
from vouchers.testing import make_grant, make_program, register_provider


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class VoucherPagesBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authority = make_organization("authority", name="余姚市科学技术局")
        cls.program = make_program(cls.authority)
        cls.provider = make_organization("institute", name="余姚页面测试研究院")
        cls.provider_user = make_user(organization=cls.provider)
        register_provider(cls.program, cls.provider)
        cls.instrument = make_instrument(cls.provider, approval_mode="auto", name="页面测试电镜")  # 600/h
        cls.item = cls.instrument.service_items.get()
        cls.firm = make_organization("enterprise", name="余姚页面测试电器有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.other_firm = make_organization("enterprise", name="余姚旁观模具有限公司")
        cls.other_user = make_user(organization=cls.other_firm)

    def tearDown(self):
        self.assertEqual(check_invariants(), [])

    def paid_booking(self, days_ahead=1, hour=9, hours=2, firm=None, user=None):
        """A booking requested with vouchers, started and completed: redeemed and invoiced."""
        booking = booking_services.request_booking(
            actor=user or self.firm_user,
            organization=firm or self.firm,
            instrument=self.instrument,
            service_item=self.item,
            start=local(days_ahead, hour),
            end=local(days_ahead, hour + hours),
            payment={"use_voucher": True},
        )
        booking = booking_services.start_booking(
            booking, actor=self.provider_user, organization=self.provider, now=booking.start
        )
        return booking_services.complete_booking(
            booking, actor=self.provider_user, organization=self.provider, now=booking.end
        )


class ApplyForGrantTest(VoucherPagesBase):
    def apply_url(self, program=None):
        return reverse("frontend:voucher_apply", args=[(program or self.program).pk])

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        for name, args in (
            ("frontend:vouchers", []),
            ("frontend:invoice_list", []),
            ("frontend:invoice_statement", []),
            ("frontend:voucher_apply", [self.program.pk]),
        ):
            response = self.client.get(reverse(name, args=args))
            self.assertEqual(response.status_code, 302, name)
            self.assertTrue(response["Location"].startswith(reverse("frontend:login")), name)

    def test_the_page_lists_open_programmes_with_their_terms(self):
        ended = make_program(
            self.authority,
            name="已截止的项目",
            valid_from=date(2020, 1, 1),
            valid_until=date(2020, 12, 31),
            year=2020,
        )
        self.client.force_login(self.firm_user)
        response = self.client.get(reverse("frontend:vouchers"))
        self.assertContains(response, self.program.name)
        self.assertNotContains(response, ended.name)
        for text in ("余姚市科学技术局", "服务费用的 50%", "¥100,000", "长三角", "仪器共享与检验检测", "¥1,000,000"):
            self.assertContains(response, text)
        self.assertContains(response, f'action="{self.apply_url()}#program-{self.program.pk}"')
        self.assertContains(response, "csrfmiddlewaretoken")

    def test_bad_input_comes_back_with_field_messages_and_saves_nothing(self):
        self.client.force_login(self.firm_user)
        for amount in ("", "abc", "0", "-5"):
            response = self.client.post(self.apply_url(), {"requested_amount": amount, "purpose": "检测"})
            self.assertEqual(response.status_code, 200, amount)
            self.assertTrue(response.context["programs"][0].form.errors.get("requested_amount"), amount)
        self.assertFalse(VoucherGrant.objects.exists())

    def test_an_amount_over_the_cap_is_a_field_error(self):
        self.client.force_login(self.firm_user)
        response = self.client.post(self.apply_url(), {"requested_amount": "100000.01", "purpose": "检测"})
        self.assertEqual(response.status_code, 200)
        form = response.context["programs"][0].form
        self.assertIn("上限", " ".join(form.errors["requested_amount"]))
        self.assertContains(response, 'class="field-error"')
        self.assertFalse(VoucherGrant.objects.exists())

    def test_a_valid_application_is_listed_as_pending_and_a_second_one_is_refused(self):
        self.client.force_login(self.firm_user)
        response = self.client.post(self.apply_url(), {"requested_amount": "30000", "purpose": "委托检测"})
        grant = VoucherGrant.objects.get()
        self.assertRedirects(response, reverse("frontend:vouchers") + f"#grant-{grant.pk}")
        self.assertEqual(
            (grant.firm, grant.status, grant.requested_amount, grant.purpose),
            (self.firm, "applied", Decimal("30000.00"), "委托检测"),
        )
        page = self.client.get(reverse("frontend:vouchers"))
        self.assertContains(page, f'id="grant-{grant.pk}"')
        self.assertContains(page, 'data-status="applied"')
        self.assertContains(page, "本机构已申请该项目")
        again = self.client.post(self.apply_url(), {"requested_amount": "10", "purpose": ""})
        self.assertEqual(again.status_code, 200)
        self.assertContains(again, "该企业已申请本项目创新券")  # as a message: the form is no longer offered
        self.assertContains(again, "message-error")
        self.assertEqual(VoucherGrant.objects.count(), 1)

    def test_a_rejected_grant_shows_its_reason_and_can_be_applied_for_again(self):
        grant = programs.apply_for_grant(
            program=self.program, firm=self.firm, requested_amount=Decimal("5000"), actor=self.firm_user
        )
        programs.reject_grant(grant, actor=make_user(platform_admin=True), note="材料不全，请补充营业执照")
        self.client.force_login(self.firm_user)
        page = self.client.get(reverse("frontend:vouchers"))
        self.assertContains(page, 'data-status="rejected"')
        self.assertContains(page, "材料不全，请补充营业执照")
        self.assertContains(page, f'action="{self.apply_url()}#program-{self.program.pk}"')

    def test_only_firms_have_the_vouchers_page(self):
        self.client.force_login(self.provider_user)
        self.assertEqual(self.client.get(reverse("frontend:vouchers")).status_code, 403)
        response = self.client.post(self.apply_url(), {"requested_amount": "100"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(VoucherGrant.objects.exists())

    def test_an_unknown_programme_is_404(self):
        self.client.force_login(self.firm_user)
        response = self.client.post(reverse("frontend:voucher_apply", args=[999999]), {"requested_amount": "1"})
        self.assertEqual(response.status_code, 404)

    def test_the_grant_approved_notification_leads_to_the_grant(self):
        grant = make_grant(self.program, self.firm, Decimal("8000"))
        notification = Notification.objects.get(kind="voucher.grant.approved")
        self.assertEqual(notification.link, reverse("frontend:vouchers") + f"#grant-{grant.pk}")
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(notification.link).status_code, 200)


class BalanceAndLedgerTest(VoucherPagesBase):
    def test_balances_and_the_ledger_with_running_totals(self):
        grant = make_grant(self.program, self.firm, Decimal("10000"))
        booking = self.paid_booking()  # 2 h × 600 = 1200, half voucher-paid
        open_booking = booking_services.request_booking(
            actor=self.firm_user,
            organization=self.firm,
            instrument=self.instrument,
            service_item=self.item,
            start=local(3, 9),
            end=local(3, 10),
            payment={"use_voucher": True},
        )  # holds 300
        self.client.force_login(self.firm_user)
        response = self.client.get(reverse("frontend:vouchers"))
        shown = response.context["approved"][0]
        self.assertEqual(
            shown.balance,
            {"available": Decimal("9100.00"), "held": Decimal("300.00"), "redeemed": Decimal("600.00")},
        )
        # the same numbers as the API's voucher-balance
        api = api_client(self.firm_user, self.firm).get(reverse("api:voucher-balance", args=[self.firm.pk])).json()
        self.assertEqual((api[0]["available"], api[0]["held"], api[0]["redeemed"]), ("9100.00", "300.00", "600.00"))
        for text in ('data-balance="granted">¥10,000', 'data-balance="held">¥300', 'data-balance="available">¥9,100'):
            self.assertContains(response, text)
        rows = list(response.context["page_obj"])
        self.assertEqual([r.kind for r in rows], ["hold", "redeem", "hold", "grant"])
        newest = rows[0]
        self.assertEqual(
            (newest.after_available, newest.after_held, newest.after_redeemed),
            (Decimal("9100.00"), Decimal("300.00"), Decimal("600.00")),
        )
        self.assertEqual((rows[2].after_available, rows[2].after_held), (Decimal("9400.00"), Decimal("600.00")))
        self.assertContains(response, f"预约 #{booking.pk}")
        self.assertContains(response, f"预约 #{open_booking.pk}")
        self.assertEqual(grant.entries.count(), 4)

    def test_the_ledger_is_filtered_by_grant_through_the_filterset(self):
        grant = make_grant(self.program, self.firm, Decimal("10000"))
        second = make_grant(make_program(self.authority, name="第二个项目"), self.firm, Decimal("500"))
        self.client.force_login(self.firm_user)
        response = self.client.get(reverse("frontend:vouchers"), {"grant": second.pk})
        self.assertEqual([e.grant_id for e in response.context["page_obj"]], [second.pk])
        response = self.client.get(reverse("frontend:vouchers"))
        self.assertEqual({e.grant_id for e in response.context["page_obj"]}, {grant.pk, second.pk})

    def test_another_firms_grants_and_entries_are_not_shown(self):
        make_grant(self.program, self.other_firm, Decimal("7777"))
        self.client.force_login(self.firm_user)
        response = self.client.get(reverse("frontend:vouchers"))
        self.assertEqual(response.context["grants"], [])
        self.assertEqual(len(response.context["page_obj"]), 0)
        self.assertNotContains(response, "7,777")
        other = LedgerEntry.objects.get().grant_id
        response = self.client.get(reverse("frontend:vouchers"), {"grant": other})
        self.assertEqual(len(response.context["page_obj"]), 0)

    def test_the_ledger_is_paginated(self):
        make_grant(self.program, self.firm, Decimal("90000"))
        for day in range(1, 12):
            self.paid_booking(days_ahead=day)
        self.client.force_login(self.firm_user)
        first = self.client.get(reverse("frontend:vouchers"))
        self.assertEqual(first.context["page_obj"].paginator.count, 1 + 2 * 11)
        self.assertEqual(len(first.context["page_obj"]), 20)
        second = self.client.get(reverse("frontend:vouchers"), {"page": 2})
        self.assertEqual(second.context["page_obj"][-1].kind, "grant")

    def test_query_count_does_not_grow_with_the_ledger(self):
        make_grant(self.program, self.firm, Decimal("90000"))
        self.paid_booking(days_ahead=1)
        self.client.force_login(self.firm_user)
        url = reverse("frontend:vouchers")
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for day in range(2, 6):
            self.paid_booking(days_ahead=day)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(url)
        self.assertGreaterEqual(len(response.context["page_obj"]), 9)
        self.assertEqual(len(few), len(many))


class InvoicePagesTest(VoucherPagesBase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_grant(cls.program, cls.firm, Decimal("10000"))

    def setUp(self):
        self.booking = self.paid_booking()
        self.invoice = Invoice.objects.get(booking=self.booking)

    def test_the_firm_and_the_provider_see_the_invoice_with_its_amounts(self):
        for user in (self.firm_user, self.provider_user):
            self.client.force_login(user)
            response = self.client.get(reverse("frontend:invoice_list"))
            self.assertEqual(list(response.context["page_obj"]), [self.invoice])
            for text in (self.invoice.number, "¥1,200", "¥600", 'data-status="issued"'):
                self.assertContains(response, text)
            self.assertContains(response, reverse("frontend:invoice_pdf", args=[self.invoice.pk]))
            detail = self.client.get(self.invoice.get_absolute_url())
            self.assertContains(detail, self.invoice.number)
            self.assertContains(detail, "页面测试电镜")

    def test_a_foreign_invoice_is_404_and_not_listed(self):
        self.client.force_login(self.other_user)
        self.assertEqual(len(self.client.get(reverse("frontend:invoice_list")).context["page_obj"]), 0)
        for name in ("frontend:invoice_detail", "frontend:invoice_pdf"):
            self.assertEqual(self.client.get(reverse(name, args=[self.invoice.pk])).status_code, 404, name)

    def test_the_pdf_is_the_apis_document_offered_as_a_download(self):
        self.client.force_login(self.firm_user)
        response = self.client.get(reverse("frontend:invoice_pdf", args=[self.invoice.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
        self.assertTrue(response.content.startswith(b"%PDF"))
        api = api_client(self.firm_user, self.firm).get(reverse("api:invoice-document", args=[self.invoice.pk]))
        self.assertEqual(response["Content-Disposition"].split(";", 1)[1], api["Content-Disposition"].split(";", 1)[1])
        self.assertEqual(pdf_text(response.content), pdf_text(api.content))
        self.assertIn(self.invoice.number, pdf_text(response.content))

    def test_the_monthly_statement_for_the_firm_and_for_the_provider(self):
        month = timezone.localdate().strftime("%Y-%m")
        url = reverse("frontend:invoice_statement")
        self.client.force_login(self.firm_user)
        page = self.client.get(reverse("frontend:invoice_list"))
        self.assertContains(page, f'action="{url}"')
        self.assertContains(page, f'<option value="{self.provider.pk}">')
        response = self.client.get(url, {"provider": self.provider.pk, "month": month})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertIn(self.invoice.number, pdf_text(response.content))
        self.client.force_login(self.provider_user)
        response = self.client.get(url, {"provider": self.provider.pk, "customer": self.firm.pk, "month": month})
        self.assertIn(self.invoice.number, pdf_text(response.content))

    def test_someone_elses_statement_is_404_and_bad_parameters_a_message(self):
        month = timezone.localdate().strftime("%Y-%m")
        url = reverse("frontend:invoice_statement")
        self.client.force_login(self.other_user)
        response = self.client.get(url, {"provider": self.provider.pk, "customer": self.firm.pk, "month": month})
        self.assertEqual(response.status_code, 404)
        self.client.force_login(self.firm_user)
        for params in ({"provider": self.provider.pk, "month": "2026-13"}, {"month": month}, {"provider": "x"}):
            response = self.client.get(url, params, follow=True)
            self.assertRedirects(response, reverse("frontend:invoice_list"))
            self.assertContains(response, "请选择对账的机构")

    def test_a_credit_note_is_listed_with_the_cancelled_invoice_and_filtered_by_kind(self):
        credit = payments.cancel_invoice(self.invoice, actor=self.provider_user, reason="服务时长有误")
        self.client.force_login(self.firm_user)
        response = self.client.get(reverse("frontend:invoice_list"))
        self.assertEqual(set(response.context["page_obj"]), {self.invoice, credit})
        self.assertContains(response, 'data-status="cancelled"')
        self.assertContains(response, 'data-status="credit_note"')
        only = self.client.get(reverse("frontend:invoice_list"), {"kind": "credit_note"})
        self.assertEqual(list(only.context["page_obj"]), [credit])
        self.assertContains(self.client.get(credit.get_absolute_url()), self.invoice.number)

    def test_the_provider_cancels_an_invoice_with_a_credit_note(self):
        url = reverse("frontend:invoice_cancel", args=[self.invoice.pk])
        self.client.force_login(self.firm_user)
        self.assertNotContains(self.client.get(self.invoice.get_absolute_url()), f'action="{url}"')
        self.assertEqual(self.client.post(url, {"note": "想退款"}).status_code, 403)
        self.client.force_login(self.other_user)
        self.assertEqual(self.client.post(url, {"note": "x"}).status_code, 404)
        self.assertFalse(Invoice.objects.filter(cancels=self.invoice).exists())

        self.client.force_login(self.provider_user)
        self.assertContains(self.client.get(self.invoice.get_absolute_url()), f'action="{url}"')
        too_long = self.client.post(url, {"note": "长" * 2001})
        self.assertEqual(too_long.status_code, 200)
        self.assertTrue(too_long.context["cancel_form"].errors["note"])
        self.assertFalse(Invoice.objects.filter(cancels=self.invoice).exists())
        response = self.client.post(url, {"note": "服务时长记录有误"})
        credit = Invoice.objects.get(cancels=self.invoice)
        self.assertRedirects(response, credit.get_absolute_url())
        self.assertEqual((credit.kind, credit.total), ("credit_note", Decimal("-1200.00")))
        self.assertTrue(LedgerEntry.objects.filter(kind="reversal", reverses__hold__booking=self.booking).exists())
        # a second cancellation is refused with a message, not an error page
        again = self.client.post(url, {"note": "再来一次"}, follow=True)
        self.assertRedirects(again, self.invoice.get_absolute_url())
        self.assertContains(again, "已冲销")
        self.assertContains(again, 'class="message message-error')
        self.assertEqual(Invoice.objects.filter(cancels=self.invoice).count(), 1)

    def test_the_month_filter_and_a_bad_month_is_ignored(self):
        self.client.force_login(self.firm_user)
        this_month = timezone.localdate().strftime("%Y-%m")
        last_year = (timezone.localdate() - timedelta(days=400)).strftime("%Y-%m")
        url = reverse("frontend:invoice_list")
        self.assertEqual(len(self.client.get(url, {"month": this_month}).context["page_obj"]), 1)
        self.assertEqual(len(self.client.get(url, {"month": last_year}).context["page_obj"]), 0)
        self.assertEqual(len(self.client.get(url, {"month": "nonsense"}).context["page_obj"]), 1)
        # the API filters the same way
        api = api_client(self.firm_user, self.firm).get(reverse("api:invoice-list"), {"month": last_year}).json()
        self.assertEqual(api["count"], 0)

    def test_query_count_does_not_grow_with_invoices(self):
        self.client.force_login(self.firm_user)
        url = reverse("frontend:invoice_list")
        self.paid_booking(days_ahead=2)
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for day in range(3, 8):
            self.paid_booking(days_ahead=day)
        payments.cancel_invoice(self.invoice, actor=self.provider_user, reason="重开")
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(url)
        self.assertEqual(len(response.context["page_obj"]), 8)
        self.assertEqual(len(few), len(many))


class DashboardAndNavigationTest(VoucherPagesBase):
    def test_the_firms_dashboard_counts_and_links(self):
        make_grant(self.program, self.firm, Decimal("1000"))
        programs.apply_for_grant(
            program=make_program(self.authority, name="第二个项目"),
            firm=self.firm,
            requested_amount=Decimal("10"),
            actor=self.firm_user,
        )
        self.paid_booking()
        self.client.force_login(self.firm_user)
        response = self.client.get(reverse("frontend:dashboard"))
        info = {item.label: item.count for item in response.context["info"]}
        self.assertEqual(info["审核中的创新券申请"], 1)
        self.assertEqual(info["有余额的创新券"], 1)
        self.assertEqual(info["本月结算单"], 1)
        self.assertContains(response, f'href="{reverse("frontend:vouchers")}"')
        self.assertContains(response, f'href="{reverse("frontend:invoice_list")}"')

    def test_a_provider_has_invoices_but_no_vouchers_link(self):
        self.client.force_login(self.provider_user)
        response = self.client.get(reverse("frontend:invoice_list"))
        self.assertEqual(response.status_code, 200)
        links = [link["name"] for link in response.context["market_header"].workspace_links]
        self.assertIn("invoice_list", links)
        self.assertNotIn("vouchers", links)


class ProviderPagesTest(VoucherPagesBase):
    """创新券兑付: registration (备案), claims (兑付申请) and settlements (兑付结算单) for providers."""

    def claim_data(self, **overrides):
        today = timezone.localdate()
        data = {
            "program": self.program.pk,
            "period_start": (today - timedelta(days=1)).isoformat(),
            "period_end": today.isoformat(),
            "invoice_number": "3302261199",
            "usage_record": "电镜检测服务，报告编号 YT-01",
        }
        return {**data, **overrides}

    def test_only_providers_have_the_page(self):
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(reverse("frontend:voucher_provider")).status_code, 403)
        response = self.client.post(reverse("frontend:voucher_claim"), self.claim_data())
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Claim.objects.exists())

    def test_a_provider_registers_for_a_programme(self):
        other = make_program(self.authority, name="新开放的项目")
        institute = make_organization("institute", name="余姚新备案研究院")
        user = make_user(organization=institute)
        url = reverse("frontend:voucher_register", args=[other.pk])
        self.client.force_login(user)
        page = self.client.get(reverse("frontend:voucher_provider"))
        self.assertContains(page, f'action="{url}#program-{other.pk}"')
        blank = self.client.post(url, {"services": ""})
        self.assertEqual(blank.status_code, 200)
        self.assertFalse(ProviderRegistration.objects.filter(provider=institute).exists())
        response = self.client.post(url, {"services": "检测服务，收费见仪器页面"})
        registration = ProviderRegistration.objects.get(provider=institute)
        self.assertRedirects(response, registration.get_absolute_url())
        self.assertEqual((registration.program, registration.status), (other, "pending"))
        again = self.client.post(url, {"services": "再次备案"})
        self.assertContains(again, "已提交过本项目的备案")
        self.assertEqual(ProviderRegistration.objects.filter(provider=institute).count(), 1)

    def test_an_unverified_provider_is_told_why(self):
        institute = make_organization("institute", name="余姚未认证研究院", verified=False)
        self.client.force_login(make_user(organization=institute))
        response = self.client.post(
            reverse("frontend:voucher_register", args=[self.program.pk]), {"services": "检测服务"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "认证")
        self.assertFalse(ProviderRegistration.objects.filter(provider=institute).exists())

    def test_a_claim_of_the_periods_redemptions(self):
        make_grant(self.program, self.firm, Decimal("10000"))
        self.paid_booking()
        url = reverse("frontend:voucher_claim")
        self.client.force_login(self.provider_user)
        reversed_period = self.client.post(
            url, self.claim_data(period_start=timezone.localdate().isoformat(), period_end="2020-01-01")
        )
        self.assertEqual(reversed_period.status_code, 200)
        self.assertTrue(reversed_period.context["claim_form"].errors.get("period_end"))
        bad_file = self.client.post(url, {**self.claim_data(), "payment_proof": SimpleUploadedFile("proof.exe", b"MZ")})
        self.assertTrue(bad_file.context["claim_form"].errors.get("payment_proof"))
        self.assertFalse(Claim.objects.exists())
        response = self.client.post(
            url, {**self.claim_data(), "payment_proof": SimpleUploadedFile("proof.pdf", pdf_bytes())}
        )
        claim = Claim.objects.get()
        self.assertRedirects(response, claim.get_absolute_url())
        self.assertEqual((claim.amount, claim.status, claim.provider), (Decimal("600.00"), "submitted", self.provider))
        self.assertTrue(claim.payment_proof.name.endswith(".pdf"))
        nothing = self.client.post(url, self.claim_data())
        self.assertEqual(nothing.status_code, 200)
        self.assertContains(nothing, "该期间没有可申请兑付的金额")
        self.assertEqual(Claim.objects.count(), 1)
        page = self.client.get(reverse("frontend:voucher_provider"))
        self.assertContains(page, f'id="claim-{claim.pk}"')
        self.assertContains(page, "¥600")

    def test_settlement_statements_and_notification_links(self):
        make_grant(self.program, self.firm, Decimal("10000"))
        self.paid_booking()
        admin = make_user(platform_admin=True)
        today = timezone.localdate()
        claim = claim_services.submit_claim(
            program=self.program, provider=self.provider, period_start=today - timedelta(days=1), period_end=today,
            invoice_number="1", usage_record="检测", actor=self.provider_user,
        )  # fmt: skip
        claim_services.approve_claim(claim, actor=admin)
        settlement = claim_services.create_settlement(
            program=self.program, provider=self.provider, period_start=today - timedelta(days=30), period_end=today,
            actor=admin, now=timezone.now() + timedelta(days=30),
        )  # fmt: skip
        pdf_url = reverse("frontend:settlement_pdf", args=[settlement.pk])
        self.client.force_login(self.provider_user)
        self.assertEqual(self.client.get(pdf_url).status_code, 404)  # a draft has no statement yet
        settlement = claim_services.approve_settlement(settlement, actor=admin)
        response = self.client.get(pdf_url)
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertIn(settlement.number, pdf_text(response.content))
        page = self.client.get(reverse("frontend:voucher_provider"))
        self.assertContains(page, settlement.number)
        self.assertContains(page, pdf_url)
        for kind in ("voucher.registration.approved", "voucher.claim.approved", "voucher.settlement.approved"):
            link = Notification.objects.filter(kind=kind).first().link
            self.assertEqual(self.client.get(link).status_code, 200, kind)
        self.client.force_login(make_user(organization=make_organization("institute")))
        self.assertEqual(self.client.get(pdf_url).status_code, 404)

    def test_query_count_does_not_grow_with_claims(self):
        make_grant(self.program, self.firm, Decimal("90000"))
        self.client.force_login(self.provider_user)
        url = reverse("frontend:voucher_provider")

        def claim(day):
            self.paid_booking(days_ahead=day)
            today = timezone.localdate()
            claim_services.submit_claim(
                program=self.program, provider=self.provider, period_start=today, period_end=today,
                invoice_number=str(day), usage_record="检测", actor=self.provider_user,
            )  # fmt: skip

        claim(1)
        claim(2)
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for day in range(3, 8):
            claim(day)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(url)
        self.assertEqual(len(response.context["claims"]), 7)
        self.assertEqual(len(few), len(many))
