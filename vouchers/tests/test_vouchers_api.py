"""Vouchers end to end through the API: programmes, registration, grants, booking co-payment, claims with 公示,
settlements with numbered PDF statements, invoices and credit notes, expiry, permissions."""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from instruments import services as booking_services
from instruments.testing import local, make_instrument
from marketplace.models import AuditEntry
from marketplace.testing import APIResourceTests, api_client, make_organization, make_user
from vouchers.invariants import check_invariants
from vouchers.models import Claim, Invoice, LedgerEntry, Settlement, VoucherGrant
from vouchers.testing import make_grant, make_program, register_provider


def pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


class VoucherTestBase(APIResourceTests.Base):
    owner_kind = "institute"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.authority = make_organization("authority", name="余姚市科学技术局")
        cls.program = make_program(cls.authority)
        register_provider(cls.program, cls.owner)
        cls.firm = make_organization("enterprise", name="宁波沐川模具有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.instrument = make_instrument(cls.owner, approval_mode="auto")  # 600.00 / hour to firms
        cls.item = cls.instrument.service_items.get()

    def request_booking(self, start, hours=2, use_voucher=True, client=None):
        payload = {
            "instrument": self.instrument.pk,
            "service_item": self.item.pk,
            "start": start.isoformat(),
            "end": (start + timedelta(hours=hours)).isoformat(),
            "use_voucher": use_voucher,
        }
        return (client or api_client(self.firm_user, self.firm)).post(reverse("api:booking-list"), payload)

    def complete(self, booking_id, minutes):
        booking = booking_services.Booking.objects.get(pk=booking_id)
        booking = booking_services.start_booking(
            booking, actor=self.owner_user, organization=self.owner, now=booking.start
        )
        return booking_services.complete_booking(
            booking, actor=self.owner_user, organization=self.owner, now=booking.start + timedelta(minutes=minutes)
        )

    def tearDown(self):
        self.assertEqual(check_invariants(), [])


class GrantTest(VoucherTestBase):
    def test_apply_and_approve_within_cap_and_budget(self):
        client = api_client(self.firm_user, self.firm)
        response = client.post(
            reverse("api:vouchergrant-list"), {"program": self.program.pk, "requested_amount": "30000"}
        )
        self.assertEqual(response.status_code, 201, response.content)
        grant_id = response.json()["id"]
        approve = reverse("api:vouchergrant-approve", args=[grant_id])
        self.assert_error(client.post(approve, {}), 403)
        response = api_client(self.platform_admin).post(approve, {"amount": "20000.00"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["amount"], response.json()["available"]), ("20000.00", "20000.00"))
        self.assert_error(api_client(self.platform_admin).post(approve, {}), 409, "illegal_transition")
        self.program.refresh_from_db()
        self.assertEqual(self.program.granted_total, Decimal("20000.00"))
        # a second live application to the same programme is refused
        again = client.post(reverse("api:vouchergrant-list"), {"program": self.program.pk, "requested_amount": "1"})
        self.assert_error(again, 409, "already_applied")

    def test_cap_and_budget_limits(self):
        client = api_client(self.firm_user, self.firm)
        over = client.post(reverse("api:vouchergrant-list"), {"program": self.program.pk, "requested_amount": "100001"})
        self.assert_error(over, 400, "rule_violation")
        small = make_program(
            self.authority, name="小额项目", total_budget=Decimal("5000"), per_firm_cap=Decimal("5000")
        )
        grant = api_client(self.firm_user, self.firm).post(
            reverse("api:vouchergrant-list"), {"program": small.pk, "requested_amount": "4000"}
        )
        other = make_organization("enterprise")
        make_grant(small, other, Decimal("2000"))
        response = api_client(self.platform_admin).post(reverse("api:vouchergrant-approve", args=[grant.json()["id"]]))
        self.assert_error(response, 409, "budget_exhausted")
        self.assertEqual(response.json()["remaining"], "3000.00")
        ok = api_client(self.platform_admin).post(
            reverse("api:vouchergrant-approve", args=[grant.json()["id"]]), {"amount": "3000"}
        )
        self.assertEqual(ok.status_code, 200, ok.content)

    def test_only_firms_apply_and_only_they_see_their_grants(self):
        response = api_client(self.owner_user, self.owner).post(
            reverse("api:vouchergrant-list"), {"program": self.program.pk, "requested_amount": "10"}
        )
        self.assert_error(response, 403, "wrong_organization_kind")
        grant = make_grant(self.program, self.firm)
        self.assert_error(
            api_client(self.outsider, self.outsider_org).get(reverse("api:vouchergrant-detail", args=[grant.pk])), 404
        )
        balance = reverse("api:voucher-balance", args=[self.firm.pk])
        self.assertEqual(api_client(self.firm_user, self.firm).get(balance).json()[0]["available"], "10000.00")
        self.assert_error(api_client(self.outsider, self.outsider_org).get(balance), 404)
        self.assertEqual(api_client(self.platform_admin).get(balance).status_code, 200)
        entries = api_client(self.firm_user, self.firm).get(reverse("api:ledgerentry-list")).json()
        self.assertEqual([e["kind"] for e in entries["results"]], ["grant"])
        self.assertEqual(
            api_client(self.outsider, self.outsider_org).get(reverse("api:ledgerentry-list")).json()["count"], 0
        )

    def test_programmes_are_public_and_admin_managed(self):
        self.assertEqual(api_client().get(reverse("api:voucherprogram-list")).json()["count"], 1)
        payload = {
            "issuer": self.authority.pk,
            "name": "长三角通用创新券",
            "year": 2026,
            "total_budget": "500000",
            "coverage_ratio": "0.3",
            "per_firm_cap": "300000",
            "service_kinds": ["tech_service"],
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
            "accepted_regions": ["310000", "320000", "330000", "340000"],
        }
        self.assert_error(api_client(self.firm_user, self.firm).post(reverse("api:voucherprogram-list"), payload), 403)
        response = api_client(self.platform_admin).post(reverse("api:voucherprogram-list"), payload, format="json")
        self.assertEqual(response.status_code, 201, response.content)
        bad = {**payload, "valid_until": "2025-01-01", "service_kinds": ["teleport"]}
        response = api_client(self.platform_admin).post(reverse("api:voucherprogram-list"), bad, format="json")
        self.assert_error(response, 400, "invalid")
        self.assertIn("service_kinds", response.json()["errors"])
        stats = api_client().get(reverse("api:voucherprogram-stats", args=[self.program.pk])).json()
        self.assertEqual(stats["budget"], "1000000.00")


class CoPaymentTest(VoucherTestBase):
    def test_hold_redeem_on_actual_use_and_invoice(self):
        grant = make_grant(self.program, self.firm, Decimal("10000.00"))
        response = self.request_booking(local(2, 10), hours=2)  # quote 1200.00 → hold 600.00
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["voucher"], {"grant": grant.pk, "status": "open", "held": "600.00", "redeemed": "0.00"})
        grant.refresh_from_db()
        self.assertEqual((grant.available, grant.held), (Decimal("9400.00"), Decimal("600.00")))
        booking = self.complete(body["id"], minutes=90)  # 1.5 h used → 900.00 → voucher 450.00
        grant.refresh_from_db()
        self.assertEqual((grant.available, grant.held, grant.redeemed), (Decimal("9550.00"), 0, Decimal("450.00")))
        invoice = Invoice.objects.get(booking=booking)
        self.assertEqual(
            (invoice.total, invoice.voucher_paid, invoice.fees, invoice.amount_owed),
            (Decimal("900.00"), Decimal("450.00"), Decimal("0.00"), Decimal("450.00")),
        )
        pdf = api_client(self.firm_user, self.firm).get(reverse("api:invoice-document", args=[invoice.pk]))
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        text = pdf_text(pdf)
        for expected in (invoice.number, "宁波沐川模具有限公司", "450.00", "肆佰伍拾元整"):
            self.assertIn(expected, text)
        self.assert_error(
            api_client(self.outsider, self.outsider_org).get(reverse("api:invoice-document", args=[invoice.pk])), 404
        )

    def test_monthly_statement_for_the_firm(self):
        make_grant(self.program, self.firm, Decimal("10000.00"))
        self.complete(self.request_booking(local(2, 10)).json()["id"], minutes=60)
        month = timezone.localdate().strftime("%Y-%m")
        url = reverse("api:invoice-statement")
        response = api_client(self.firm_user, self.firm).get(url, {"provider": self.owner.pk, "month": month})
        self.assertEqual(response.status_code, 200, response.content[:300])
        text = pdf_text(response)
        self.assertIn("宁波沐川模具有限公司", text)
        self.assertIn(Invoice.objects.get().number, text)
        outsider = api_client(self.outsider, self.outsider_org)
        self.assert_error(outsider.get(url, {"provider": self.owner.pk, "customer": self.firm.pk, "month": month}), 404)
        self.assert_error(api_client(self.firm_user, self.firm).get(url, {"month": "2026-13"}), 400, "invalid")

    def test_cancel_releases_and_fees_are_not_voucher_paid(self):
        grant = make_grant(self.program, self.firm, Decimal("10000.00"))
        booking_id = self.request_booking(local(2, 10)).json()["id"]
        booking = booking_services.Booking.objects.get(pk=booking_id)
        booking_services.cancel_booking(booking, actor=self.firm_user, organization=self.firm, now=local(2, 9))
        grant.refresh_from_db()
        self.assertEqual((grant.available, grant.held), (Decimal("10000.00"), 0))
        fee_invoice = Invoice.objects.get(booking_id=booking_id)
        self.assertEqual(
            (fee_invoice.fees, fee_invoice.voucher_paid, fee_invoice.amount_owed),
            (Decimal("240.00"), 0, Decimal("240.00")),
        )

    def test_no_voucher_refuses_the_whole_booking(self):
        response = self.request_booking(local(2, 10))
        self.assert_error(response, 409, "voucher_unavailable")
        self.assertFalse(booking_services.Booking.objects.exists())
        self.assertEqual(self.request_booking(local(2, 10), use_voucher=False).status_code, 201)

    def test_hold_is_capped_by_the_balance_and_unregistered_providers_are_refused(self):
        grant = make_grant(self.program, self.firm, Decimal("100.00"))
        body = self.request_booking(local(2, 10)).json()
        self.assertEqual(body["voucher"]["held"], "100.00")
        self.assert_error(self.request_booking(local(3, 10)), 409, "voucher_unavailable")
        other_owner = make_organization("institute")
        foreign = make_instrument(other_owner, approval_mode="auto")
        payload = {
            "instrument": foreign.pk,
            "service_item": foreign.service_items.get().pk,
            "start": local(4, 10).isoformat(),
            "end": local(4, 11).isoformat(),
            "use_voucher": True,
        }
        grant.refresh_from_db()
        self.assert_error(api_client(self.firm_user, self.firm).post(reverse("api:booking-list"), payload), 409)

    def test_credit_note_reverses_an_unclaimed_redemption(self):
        grant = make_grant(self.program, self.firm, Decimal("10000.00"))
        booking = self.complete(self.request_booking(local(2, 10)).json()["id"], minutes=120)
        invoice = Invoice.objects.get(booking=booking)
        url = reverse("api:invoice-cancel", args=[invoice.pk])
        self.assert_error(api_client(self.firm_user, self.firm).post(url, {"note": "x"}), 403, "not_a_party")
        response = api_client(self.owner_user, self.owner).post(url, {"note": "数量开错"})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual((response.json()["kind"], response.json()["total"]), ("credit_note", "-1200.00"))
        grant.refresh_from_db()
        self.assertEqual((grant.available, grant.redeemed), (Decimal("10000.00"), 0))
        self.assert_error(
            api_client(self.owner_user, self.owner).post(url, {"note": "again"}), 409, "already_cancelled"
        )


class ClaimSettlementTest(VoucherTestBase):
    def setUp(self):
        make_grant(self.program, self.firm, Decimal("10000.00"))
        self.booking = self.complete(self.request_booking(local(2, 10)).json()["id"], minutes=120)  # voucher 600.00
        self.today = timezone.localdate()

    def claim(self, **extra):
        payload = {
            "program": self.program.pk,
            "period_start": str(self.today - timedelta(days=1)),
            "period_end": str(self.today + timedelta(days=1)),
            "invoice_number": "33020001",
            "usage_record": "工业CT检测服务记录",
            **extra,
        }
        return api_client(self.owner_user, self.owner).post(reverse("api:claim-list"), payload)

    def test_claim_publicity_settlement_pdf_and_payment(self):
        response = self.claim()
        self.assertEqual(response.status_code, 201, response.content)
        claim_id = response.json()["id"]
        self.assertEqual(response.json()["amount"], "600.00")
        self.assert_error(self.claim(), 409, "nothing_to_claim")  # the redemption is taken
        admin = api_client(self.platform_admin)
        admin.post(reverse("api:claim-approve", args=[claim_id]))
        notices = api_client().get(reverse("api:claim-notice-list")).json()["results"]
        self.assertEqual([n["id"] for n in notices], [claim_id])
        period = {
            "program": self.program.pk,
            "provider": self.owner.pk,
            "period_start": str(self.today - timedelta(days=30)),
            "period_end": str(self.today + timedelta(days=30)),
        }
        self.assert_error(admin.post(reverse("api:settlement-list"), period), 409, "nothing_to_settle")  # 公示 running
        Claim.objects.filter(pk=claim_id).update(publicity_ends=timezone.now() - timedelta(minutes=1))
        response = admin.post(reverse("api:settlement-list"), period)
        self.assertEqual(response.status_code, 201, response.content)
        settlement_id = response.json()["id"]
        self.assert_error(admin.get(reverse("api:settlement-statement", args=[settlement_id])), 404)
        approved = admin.post(reverse("api:settlement-approve", args=[settlement_id])).json()
        year = timezone.localdate().year
        self.assertEqual(approved["number"], f"YYKJ-JS-{year}-0001")
        self.assertEqual(Claim.objects.get(pk=claim_id).status, "settled")
        statement = api_client(self.owner_user, self.owner).get(
            reverse("api:settlement-statement", args=[settlement_id])
        )
        text = pdf_text(statement)
        for expected in (f"YYKJ-JS-{year}-0001", "余姚市科学技术局", "宁波沐川模具有限公司", "600.00", "陆佰元整"):
            self.assertIn(expected, text)
        self.assert_error(admin.post(reverse("api:settlement-mark-paid", args=[settlement_id]), {}), 400, "invalid")
        paid = admin.post(reverse("api:settlement-mark-paid", args=[settlement_id]), {"reference": "BANK-88123"})
        self.assertEqual(paid.json()["status"], "paid")
        self.assertEqual(Settlement.objects.get(pk=settlement_id).snapshot["paid"]["reference"], "BANK-88123")
        self.assert_error(
            admin.post(reverse("api:settlement-approve", args=[settlement_id])), 409, "illegal_transition"
        )
        csv_export = admin.get(reverse("api:settlement-export"), {"filetype": "csv"})
        self.assertIn(f"YYKJ-JS-{year}-0001", csv_export.content.decode("utf-8-sig"))
        xlsx = admin.get(reverse("api:settlement-export"), {"filetype": "xlsx"})
        self.assertTrue(xlsx.content.startswith(b"PK"))
        self.assert_error(api_client(self.owner_user, self.owner).get(reverse("api:settlement-export")), 403)
        stats = api_client().get(reverse("api:voucherprogram-stats", args=[self.program.pk])).json()
        self.assertEqual((stats["redeemed"], stats["settled"], stats["firms_served"]), ("600.00", "600.00", 1))

    def test_a_credit_note_reverses_a_claimed_redemption_through_the_claim(self):
        claim_id = self.claim().json()["id"]
        grant = LedgerEntry.objects.get(kind="redeem").grant
        invoice = Invoice.objects.get(booking=self.booking)
        owner = api_client(self.owner_user, self.owner)
        response = owner.post(reverse("api:invoice-cancel", args=[invoice.pk]), {"note": "服务数量开错"})
        self.assertEqual(response.status_code, 201, response.content)
        claim = Claim.objects.get(pk=claim_id)
        self.assertEqual((claim.amount, claim.lines.count()), (Decimal("0.00"), 0))
        grant.refresh_from_db()
        self.assertEqual(grant.redeemed, Decimal("0.00"))
        changes = [entry.changes for entry in AuditEntry.objects.filter(object_id=str(claim_id), action="update")]
        self.assertIn({"amount": ["600.00", "0.00"]}, changes)

    def test_a_redemption_in_a_settlement_is_not_reversed(self):
        claim_id = self.claim().json()["id"]
        admin = api_client(self.platform_admin)
        admin.post(reverse("api:claim-approve", args=[claim_id]))
        Claim.objects.filter(pk=claim_id).update(publicity_ends=timezone.now() - timedelta(minutes=1))
        period = {
            "program": self.program.pk,
            "provider": self.owner.pk,
            "period_start": str(self.today - timedelta(days=30)),
            "period_end": str(self.today + timedelta(days=30)),
        }
        self.assertEqual(admin.post(reverse("api:settlement-list"), period).status_code, 201)
        invoice = Invoice.objects.get(booking=self.booking)
        response = api_client(self.owner_user, self.owner).post(reverse("api:invoice-cancel", args=[invoice.pk]), {})
        self.assert_error(response, 409, "redemption_in_settlement")
        self.assertEqual(Claim.objects.get(pk=claim_id).amount, Decimal("600.00"))
        self.assertFalse(Invoice.objects.filter(cancels=invoice).exists())

    def test_payment_proof_must_be_a_document(self):
        response = self.claim(payment_proof=SimpleUploadedFile("proof.exe", b"MZ"))
        self.assert_error(response, 400, "invalid")
        self.assertIn("payment_proof", response.json()["errors"])

    def test_rejected_claim_frees_its_redemptions_and_only_providers_see_claims(self):
        claim_id = self.claim().json()["id"]
        self.assert_error(api_client(self.platform_admin).post(reverse("api:claim-reject", args=[claim_id])), 400)
        api_client(self.platform_admin).post(reverse("api:claim-reject", args=[claim_id]), {"note": "发票号有误"})
        self.assertEqual(self.claim().status_code, 201)
        self.assertEqual(api_client(self.firm_user, self.firm).get(reverse("api:claim-list")).json()["count"], 0)
        self.assertEqual(LedgerEntry.objects.filter(kind="redeem").count(), 1)

    def test_settlement_numbers_are_gap_free(self):
        from vouchers.services import claims

        numbers = []
        for _ in range(3):
            claim = claims.submit_claim(
                program=self.program,
                provider=self.owner,
                period_start=self.today,
                period_end=self.today,
                invoice_number="1",
                usage_record="x",
                actor=None,
            )
            claims.approve_claim(claim, actor=None)
            Claim.objects.filter(pk=claim.pk).update(publicity_ends=timezone.now())
            settlement = claims.create_settlement(
                program=self.program, provider=self.owner, period_start=self.today, period_end=self.today, actor=None
            )
            numbers.append(claims.approve_settlement(settlement, actor=self.platform_admin).number)
            self.booking = self.complete(self.request_booking(local(3 + len(numbers), 10)).json()["id"], minutes=60)
        year = timezone.localdate().year
        self.assertEqual(numbers, [f"YYKJ-JS-{year}-{n:04d}" for n in (1, 2, 3)])


class ExpiryTest(VoucherTestBase):
    def test_expire_command_lapses_unspent_balances_once(self):
        grant = make_grant(self.program, self.firm, Decimal("500.00"))
        after = self.program.valid_until + timedelta(days=1)
        call_command("expire_vouchers", "--date", str(self.program.valid_until), stdout=io.StringIO())
        self.assertEqual(VoucherGrant.objects.get(pk=grant.pk).available, Decimal("500.00"))
        out = io.StringIO()
        call_command("expire_vouchers", "--date", str(after), stdout=out)
        self.assertIn("1 grant", out.getvalue())
        call_command("expire_vouchers", "--date", str(after), stdout=io.StringIO())
        self.assertEqual(LedgerEntry.objects.filter(grant=grant, kind="expire").count(), 1)
        self.assertEqual(VoucherGrant.objects.get(pk=grant.pk).available, 0)
        out = io.StringIO()
        call_command("vouchers_check", stdout=out)
        self.assertIn("consistent", out.getvalue())


class ContractVoucherTest(VoucherTestBase):
    def make_contract(self, kind="service", amount="40000.00"):
        from tech_transfer.services import draft_contract, sign_contract

        contract = draft_contract(
            kind=kind, title="注塑工艺优化技术服务", seller=self.owner, buyer=self.firm, amount=Decimal(amount)
        )
        sign_contract(contract, actor=self.owner_user, organization=self.owner)  # both parties sign
        return sign_contract(contract, actor=self.firm_user, organization=self.firm, signed_on=timezone.localdate())

    def test_service_contract_paid_partly_with_vouchers(self):
        grant = make_grant(self.program, self.firm, Decimal("10000.00"))
        contract = self.make_contract()
        url = reverse("api:contract-use-voucher", args=[contract.pk])
        self.assert_error(api_client(self.owner_user, self.owner).post(url), 403, "not_a_party")
        response = api_client(self.firm_user, self.firm).post(url)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["held"], "10000.00")  # min(50% × 40000, 10000 available)
        self.assert_error(api_client(self.firm_user, self.firm).post(url), 409, "already_held")
        pay = reverse("api:techcontract-record-payment", args=[contract.pk])
        self.assert_error(api_client(self.firm_user, self.firm).post(pay, {"reference": "x"}), 403, "not_a_party")
        paid = api_client(self.owner_user, self.owner).post(pay, {"reference": "BANK-2026-77"})
        self.assertEqual(paid.status_code, 200, paid.content)
        self.assert_error(
            api_client(self.owner_user, self.owner).post(pay, {"reference": "again"}), 409, "already_paid"
        )
        grant.refresh_from_db()
        self.assertEqual((grant.available, grant.held, grant.redeemed), (0, 0, Decimal("10000.00")))
        invoice = Invoice.objects.get(contract=contract)
        self.assertEqual(
            (invoice.total, invoice.voucher_paid, invoice.amount_owed),
            (Decimal("40000.00"), Decimal("10000.00"), Decimal("30000.00")),
        )

    def test_transfers_are_not_voucher_paid_and_programme_kinds_apply(self):
        make_grant(self.program, self.firm, Decimal("10000.00"))
        transfer = self.make_contract(kind="transfer")
        url = reverse("api:contract-use-voucher", args=[transfer.pk])
        self.assert_error(api_client(self.firm_user, self.firm).post(url), 409, "voucher_not_eligible")
        testing_only = make_program(self.authority, name="检测专项券", service_kinds=["instrument_testing"])
        register_provider(testing_only, self.owner)
        other_firm = make_organization("enterprise")
        other_user = make_user(organization=other_firm)
        make_grant(testing_only, other_firm)
        from tech_transfer.services import draft_contract, sign_contract

        contract = draft_contract(
            kind="consulting", title="咨询", seller=self.owner, buyer=other_firm, amount=Decimal("1000")
        )
        sign_contract(contract, actor=self.owner_user, organization=self.owner)  # both parties sign
        contract = sign_contract(
            contract,
            actor=other_user,
            organization=other_firm,
            signed_on=timezone.localdate(),
        )
        response = api_client(other_user, other_firm).post(reverse("api:contract-use-voucher", args=[contract.pk]))
        self.assert_error(response, 409, "voucher_unavailable")
