"""Technology contracts: both parties sign before a contract is signed (and registered), and 技术服务 / 技术咨询
contracts can be drafted from an answered inquiry or directly between two parties — services and API."""

from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse

from marketplace.exceptions import DomainError
from marketplace.models import Notification
from marketplace.testing import api_client, make_organization, make_user
from tech_transfer import services
from tech_transfer.models import Inquiry, TechContract
from tech_transfer.tests.test_results import make_result


class ContractTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute")
        cls.institute_user = make_user(organization=cls.institute)
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.outsider = make_organization("enterprise")
        cls.outsider_user = make_user(organization=cls.outsider)
        cls.admin = make_user(platform_admin=True)

    def assert_code(self, code, func, *args, **kwargs):
        with pytest.raises(DomainError) as excinfo:
            func(*args, **kwargs)
        self.assertEqual(excinfo.value.code, code)

    def assert_response(self, response, status, code=None):
        self.assertEqual(response.status_code, status, response.content)
        if code:
            self.assertEqual(response.json()["code"], code)
        return response.json()


class BothPartiesSignTest(ContractTestBase):
    def setUp(self):
        self.contract = services.draft_contract(
            kind="transfer", title="转让合同", seller=self.institute, buyer=self.firm, amount=Decimal("100000")
        )

    def test_one_signature_is_not_enough_and_the_second_signs_it(self):
        contract = services.sign_contract(self.contract, actor=self.firm_user, organization=self.firm)
        self.assertEqual((contract.status, contract.signed_on), ("draft", None))
        self.assertEqual(contract.buyer_signed_by, self.firm_user)
        self.assertIsNone(contract.seller_signed_at)
        # the other side is asked to sign
        self.assertTrue(
            Notification.objects.filter(recipient=self.institute_user, kind="contract.awaiting_signature").exists()
        )
        self.assert_code(
            "already_signed", services.sign_contract, contract, actor=self.firm_user, organization=self.firm
        )
        self.assert_code(
            "not_signed", services.register_contract, contract, actor=self.admin, registration_number="3302812026000001"
        )
        contract = services.sign_contract(contract, actor=self.institute_user, organization=self.institute)
        self.assertEqual(contract.status, "signed")
        self.assertEqual(contract.seller_signed_by, self.institute_user)
        self.assertIsNotNone(contract.signed_on)
        self.assert_code(
            "illegal_transition", services.sign_contract, contract, actor=self.firm_user, organization=self.firm
        )
        registered = services.register_contract(contract, actor=self.admin, registration_number="3302812026000001")
        self.assertEqual(registered.status, "registered")

    def test_an_outsider_cannot_sign(self):
        self.assert_code(
            "not_a_party", services.sign_contract, self.contract, actor=self.outsider_user, organization=self.outsider
        )

    def test_the_database_refuses_a_signed_contract_without_both_signatures(self):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            TechContract.objects.filter(pk=self.contract.pk).update(status="signed")

    def test_api_shows_each_side(self):
        url = reverse("api:techcontract-sign", args=[self.contract.pk])
        body = self.assert_response(api_client(self.institute_user, self.institute).post(url, {}), 200)
        self.assertEqual(body["status"], "draft")
        self.assertIsNotNone(body["seller_signed_at"])
        self.assertEqual(body["seller_signer"], str(self.institute_user))
        self.assertIsNone(body["buyer_signed_at"])
        self.assert_response(api_client(self.outsider_user, self.outsider).post(url, {}), 404)
        body = self.assert_response(api_client(self.firm_user, self.firm).post(url, {"signed_on": "2026-11-30"}), 200)
        self.assertEqual((body["status"], body["signed_on"]), ("signed", "2026-11-30"))


class ContractFromInquiryTest(ContractTestBase):
    def setUp(self):
        self.result = make_result(self.institute)
        self.inquiry = services.create_inquiry(
            result=self.result, organization=self.firm, actor=self.firm_user, message="希望委托工艺诊断"
        )

    def draft(self, organization, user, **terms):
        terms = {"kind": "service", "title": "随形冷却工艺诊断 技术服务合同", "amount": Decimal("30000"), **terms}
        return services.contract_from_inquiry(self.inquiry, actor=user, organization=organization, **terms)

    def test_only_an_answered_inquiry_leads_to_a_contract(self):
        self.assert_code("inquiry_not_answered", self.draft, self.firm, self.firm_user)
        services.reply_inquiry(self.inquiry, actor=self.institute_user, organization=self.institute, reply="可以")
        contract = self.draft(self.firm, self.firm_user)
        self.assertEqual(
            (contract.kind, contract.seller, contract.buyer, contract.result, contract.inquiry, contract.status),
            ("service", self.institute, self.firm, self.result, self.inquiry, "draft"),
        )
        self.assertTrue(Notification.objects.filter(recipient=self.institute_user, kind="contract.drafted").exists())
        self.assert_code("contract_exists", self.draft, self.institute, self.institute_user)

    def test_the_owner_may_draft_it_too_and_only_service_or_consulting(self):
        Inquiry.objects.filter(pk=self.inquiry.pk).update(status="replied")
        self.assert_code("rule_violation", self.draft, self.institute, self.institute_user, kind="transfer")
        self.assert_code("not_a_party", self.draft, self.outsider, self.outsider_user)
        contract = self.draft(self.institute, self.institute_user, kind="consulting")
        self.assertEqual((contract.kind, contract.seller, contract.buyer), ("consulting", self.institute, self.firm))

    def test_api_draft_contract(self):
        Inquiry.objects.filter(pk=self.inquiry.pk).update(status="replied")
        url = reverse("api:inquiry-draft-contract", args=[self.inquiry.pk])
        payload = {"kind": "consulting", "title": "工艺咨询", "amount": "12000.00"}
        self.assert_response(api_client(self.outsider_user, self.outsider).post(url, payload), 404)
        self.assert_response(api_client(self.firm_user, self.firm).post(url, {**payload, "kind": "license"}), 400)
        self.assert_response(api_client(self.firm_user, self.firm).post(url, {**payload, "amount": "-1"}), 400)
        body = self.assert_response(api_client(self.firm_user, self.firm).post(url, payload), 201)
        self.assertEqual((body["kind"], body["inquiry"], body["status"]), ("consulting", self.inquiry.pk, "draft"))
        self.assert_response(api_client(self.firm_user, self.firm).post(url, payload), 409, "contract_exists")


class DirectContractTest(ContractTestBase):
    url = reverse("api:techcontract-direct")

    def payload(self, **fields):
        return {
            "kind": "service",
            "title": "检测方法开发 技术服务合同",
            "amount": "50000.00",
            "counterparty": self.firm.pk,
            "side": "seller",
            **fields,
        }

    def test_the_initiator_names_the_counterparty_who_must_sign(self):
        body = self.assert_response(api_client(self.institute_user, self.institute).post(self.url, self.payload()), 201)
        contract = TechContract.objects.get(pk=body["id"])
        self.assertEqual((contract.seller, contract.buyer, contract.kind), (self.institute, self.firm, "service"))
        self.assertTrue(Notification.objects.filter(recipient=self.firm_user, kind="contract.drafted").exists())
        services.sign_contract(contract, actor=self.institute_user, organization=self.institute)
        contract.refresh_from_db()
        self.assertEqual(contract.status, "draft")  # the initiator alone does not bind the counterparty
        services.sign_contract(contract, actor=self.firm_user, organization=self.firm)
        contract.refresh_from_db()
        self.assertEqual(contract.status, "signed")

    def test_the_initiator_may_be_the_client(self):
        client = api_client(self.firm_user, self.firm)
        body = self.assert_response(
            client.post(self.url, self.payload(counterparty=self.institute.pk, side="buyer", kind="consulting")), 201
        )
        self.assertEqual((body["seller"]["id"], body["buyer"]["id"]), (self.institute.pk, self.firm.pk))

    def test_bad_input(self):
        client = api_client(self.institute_user, self.institute)
        unverified = make_organization("enterprise", verified=False)
        for fields in (
            {"kind": "transfer"},
            {"counterparty": self.institute.pk},
            {"counterparty": unverified.pk},
            {"counterparty": 999999},
            {"side": "both"},
            {"title": ""},
        ):
            with self.subTest(fields):
                self.assert_response(client.post(self.url, self.payload(**fields)), 400)
        self.assertFalse(TechContract.objects.exists())
        self.assertEqual(api_client(None).post(self.url, self.payload()).status_code, 401)
