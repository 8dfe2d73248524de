"""Auction deposits (竞拍保证金): recorded with a proof, confirmed by the market operator before bidding, applied to
the winner's price and refunded to the others after the close — services, API, media access and the auction page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from marketplace.exceptions import DomainError
from marketplace.testing import api_client, make_organization, make_user
from tech_transfer import services
from tech_transfer.models import Auction, AuctionDeposit
from tech_transfer.testing import PDF_BYTES, confirmed_deposit, pdf_proof
from tech_transfer.tests.test_results import make_result

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class DepositTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner = make_organization("institute")
        cls.owner_user = make_user(organization=cls.owner)
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.rival = make_organization("enterprise")
        cls.rival_user = make_user(organization=cls.rival)
        cls.operator = make_organization("service_provider", is_market_operator=True)
        cls.operator_user = make_user(organization=cls.operator)

    def setUp(self):
        self.auction = services.create_auction(
            result=make_result(self.owner),
            actor=self.owner_user,
            organization=self.owner,
            starting_price=Decimal("300000"),
            deposit=Decimal("30000"),
            closes_at=timezone.now() + timedelta(days=3),
        )

    def submit(self, organization=None, user=None, amount="30000", proof=None):
        return services.submit_deposit(
            self.auction,
            actor=user or self.firm_user,
            organization=organization or self.firm,
            amount=Decimal(amount),
            proof=proof or pdf_proof(),
        )

    def assert_code(self, code, func, *args, **kwargs):
        with pytest.raises(DomainError) as excinfo:
            func(*args, **kwargs)
        self.assertEqual(excinfo.value.code, code)

    def close(self):
        Auction.objects.filter(pk=self.auction.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
        return services.close_auction(self.auction)


class DepositServiceTest(DepositTestBase):
    def bid(self, amount, organization=None, user=None):
        return services.place_bid(
            self.auction, actor=user or self.firm_user, organization=organization or self.firm, amount=Decimal(amount)
        )

    def test_a_bid_needs_a_confirmed_deposit(self):
        self.assert_code("deposit_required", self.bid, "300000")
        deposit = self.submit()
        self.assertEqual(deposit.status, "submitted")
        self.assert_code("deposit_required", self.bid, "300000")  # recorded, not yet confirmed
        self.assert_code("deposit_exists", self.submit)
        services.confirm_deposit(deposit, actor=self.operator_user)  # the market operator's member confirms
        deposit.refresh_from_db()
        self.assertEqual((deposit.status, deposit.confirmed_by), ("confirmed", self.operator_user))
        self.assertEqual(self.bid("300000").amount, Decimal("300000.00"))

    def test_only_the_operator_confirms_and_a_rejected_proof_may_be_resubmitted(self):
        from django.core.exceptions import PermissionDenied

        deposit = self.submit()
        with pytest.raises(PermissionDenied):
            services.confirm_deposit(deposit, actor=self.owner_user)
        self.assert_code("rule_violation", services.reject_deposit, deposit, actor=self.operator_user, note=" ")
        services.reject_deposit(deposit, actor=self.operator_user, note="回单金额不符")
        again = self.submit(amount="30000", proof=pdf_proof("新回单.pdf"))
        self.assertEqual((again.pk, again.status, again.review_note), (deposit.pk, "submitted", ""))

    def test_rules_of_submitting(self):
        self.assert_code("rule_violation", self.submit, amount="29999.99")
        self.assert_code("own_result", self.submit, organization=self.owner, user=self.owner_user)
        free = services.create_auction(
            result=make_result(self.owner, title="无保证金成果"), actor=self.owner_user, organization=self.owner,
            starting_price=Decimal("1000"), closes_at=timezone.now() + timedelta(days=1),
        )  # fmt: skip
        self.assert_code(
            "deposit_not_required", services.submit_deposit, free, actor=self.firm_user, organization=self.firm,
            amount=Decimal("1"), proof=pdf_proof(),
        )  # fmt: skip
        self.assertFalse(AuctionDeposit.objects.exists())

    def test_the_close_applies_the_winners_deposit_and_refunds_the_others(self):
        confirmed_deposit(self.auction, self.firm, self.firm_user)
        confirmed_deposit(self.auction, self.rival, self.rival_user)
        late = make_organization("enterprise")
        self.submit(late, make_user(organization=late))  # never confirmed: refunded as well
        self.bid("300000")
        self.bid("310000", self.rival, self.rival_user)
        self.close()
        states = dict(AuctionDeposit.objects.values_list("organization_id", "status"))
        self.assertEqual(states, {self.rival.pk: "applied", self.firm.pk: "refund_due", late.pk: "refund_due"})
        refund = AuctionDeposit.objects.get(organization=self.firm)
        self.assert_code(
            "rule_violation", services.record_deposit_refund, refund, actor=self.operator_user, reference=""
        )
        refund = services.record_deposit_refund(refund, actor=self.operator_user, reference="BANK-REFUND-01")
        self.assertEqual((refund.status, refund.refund_reference), ("refunded", "BANK-REFUND-01"))
        self.assertIsNotNone(refund.refunded_at)
        self.assert_code(
            "illegal_transition", services.record_deposit_refund, refund, actor=self.operator_user, reference="x"
        )
        winner = AuctionDeposit.objects.get(organization=self.rival)
        self.assert_code(
            "illegal_transition", services.record_deposit_refund, winner, actor=self.operator_user, reference="x"
        )


class DepositAPITest(DepositTestBase):
    def post_deposit(self, client, **data):
        url = reverse("api:auction-deposit", args=[self.auction.pk])
        return client.post(url, {"amount": "30000", "proof": pdf_proof(), **data}, format="multipart")

    def test_submit_confirm_bid_and_refund_through_the_api(self):
        firm = api_client(self.firm_user, self.firm)
        response = self.post_deposit(firm)
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["status"], body["amount"]), ("submitted", "30000.00"))
        confirm = reverse("api:auctiondeposit-confirm", args=[body["id"]])
        self.assertEqual(firm.post(confirm).status_code, 403)
        self.assertEqual(api_client(self.owner_user, self.owner).post(confirm).status_code, 403)
        detail = reverse("api:auctiondeposit-detail", args=[body["id"]])
        self.assertEqual(api_client(self.owner_user, self.owner).get(detail).status_code, 404)  # owner can't see it
        operator = api_client(self.operator_user, self.operator)
        self.assertEqual(operator.post(confirm, {"note": "已到账"}).json()["status"], "confirmed")
        bid = firm.post(reverse("api:auction-bid", args=[self.auction.pk]), {"amount": "300000"})
        self.assertEqual(bid.status_code, 201, bid.content)
        listed = operator.get(reverse("api:auctiondeposit-list"), {"auction": self.auction.pk}).json()
        self.assertEqual(listed["count"], 1)
        self.assertEqual(
            api_client(self.rival_user, self.rival).get(reverse("api:auctiondeposit-list")).json()["count"], 0
        )
        confirmed_deposit(self.auction, self.rival, self.rival_user)
        rival_deposit = AuctionDeposit.objects.get(organization=self.rival)
        self.close()
        refund = reverse("api:auctiondeposit-refund", args=[rival_deposit.pk])
        self.assertEqual(operator.post(refund, {}).status_code, 400)
        self.assertEqual(operator.post(refund, {"reference": "REF-9"}).json()["status"], "refunded")

    def test_bad_proofs_are_400(self):
        firm = api_client(self.firm_user, self.firm)
        cases = {
            "not a document": SimpleUploadedFile("回单.pdf", b"MZ\x90\x00 executable", content_type="application/pdf"),
            "wrong extension": SimpleUploadedFile("回单.exe", PDF_BYTES, content_type="application/pdf"),
            "too large": SimpleUploadedFile(
                "回单.pdf", PDF_BYTES + b"0" * (5 * 1024 * 1024), content_type="application/pdf"
            ),
        }
        for label, upload in cases.items():
            with self.subTest(label):
                response = self.post_deposit(firm, proof=upload)
                self.assertEqual(response.status_code, 400, response.content)
                self.assertIn("proof", response.json()["errors"] if "errors" in response.json() else response.json())
        self.assertEqual(self.post_deposit(firm, proof="").status_code, 400)
        self.assertEqual(self.post_deposit(firm, amount="-5").status_code, 400)
        self.assertFalse(AuctionDeposit.objects.exists())
        png = SimpleUploadedFile("回单.png", PNG_BYTES, content_type="image/png")
        self.assertEqual(self.post_deposit(firm, proof=png).status_code, 201)

    def test_the_proof_is_served_to_the_depositor_and_the_operator_only(self):
        deposit = self.submit()
        url = deposit.proof.url
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.client.force_login(self.operator_user)
        self.assertEqual(self.client.get(url).status_code, 200)
        for user in (self.owner_user, self.rival_user):
            self.client.force_login(user)
            self.assertEqual(self.client.get(url).status_code, 404)


class DepositPageTest(DepositTestBase):
    def test_a_bidder_submits_its_deposit_on_the_auction_page_then_bids(self):
        page = reverse("frontend:auction_detail", args=[self.auction.pk])
        self.client.force_login(self.firm_user)
        response = self.client.get(page)
        self.assertContains(response, "提交保证金凭证")
        self.assertIsNone(response.context["bid_form"])  # no bidding before the deposit is confirmed
        url = reverse("frontend:auction_deposit", args=[self.auction.pk])
        bad = self.client.post(url, {"amount": "30000", "proof": SimpleUploadedFile("a.pdf", b"not a pdf")})
        self.assertEqual(bad.status_code, 400)
        self.assertTrue(bad.context["deposit_form"].errors["proof"])
        low = self.client.post(url, {"amount": "100", "proof": pdf_proof()})
        self.assertEqual(low.status_code, 400)
        self.assertContains(low, "保证金不能少于", status_code=400)
        response = self.client.post(url, {"amount": "30000", "proof": pdf_proof()})
        self.assertRedirects(response, page + "#deposit", fetch_redirect_response=False)
        deposit = AuctionDeposit.objects.get()
        self.assertContains(self.client.get(page), "待确认")

        # the operator confirms it on the same page; others may not
        review = reverse("frontend:auction_deposit_review", args=[deposit.pk, "confirm"])
        self.assertEqual(self.client.post(review).status_code, 403)
        self.client.force_login(self.operator_user)
        operator_page = self.client.get(page)
        self.assertContains(operator_page, "保证金管理")
        self.assertContains(operator_page, self.firm.name)
        self.client.post(review)
        deposit.refresh_from_db()
        self.assertEqual(deposit.status, "confirmed")

        self.client.force_login(self.firm_user)
        response = self.client.get(page)
        self.assertIsNotNone(response.context["bid_form"])
        self.assertContains(response, "已经平台确认")
        self.client.post(reverse("frontend:auction_bid", args=[self.auction.pk]), {"amount": "300000"})
        self.assertEqual(self.auction.bids.count(), 1)

    def test_refunds_are_recorded_on_the_page_after_the_close(self):
        deposit = confirmed_deposit(self.auction, self.firm, self.firm_user)
        self.close()
        deposit.refresh_from_db()
        self.assertEqual(deposit.status, "refund_due")  # no bid: nobody won, every deposit goes back
        self.client.force_login(self.operator_user)
        page = reverse("frontend:auction_detail", args=[self.auction.pk])
        self.assertContains(self.client.get(page), "登记退还")
        self.client.post(reverse("frontend:auction_deposit_review", args=[deposit.pk, "refund"]), {"reference": ""})
        deposit.refresh_from_db()
        self.assertEqual(deposit.status, "refund_due")  # refused with a message
        self.client.post(reverse("frontend:auction_deposit_review", args=[deposit.pk, "refund"]), {"reference": "R-1"})
        deposit.refresh_from_db()
        self.assertEqual((deposit.status, deposit.refund_reference), ("refunded", "R-1"))
        self.client.force_login(self.firm_user)
        self.assertContains(self.client.get(page), "R-1")
        self.assertEqual(
            self.client.post(reverse("frontend:auction_deposit_review", args=[deposit.pk, "bogus"])).status_code, 404
        )
