"""Contract registration help (技术合同认定登记): the office's checks per kind, the technology-transaction amount and
technology income from the price terms (Decimal), the tax flags read from the data file, the parties filling the
registration terms while the contract is a draft, and the API."""

import json
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse

from marketplace.exceptions import DomainError
from marketplace.models import AuditEntry
from marketplace.testing import api_client, make_organization, make_user
from tech_transfer import registration, services
from tech_transfer.choices import ContractKind
from tech_transfer.models import Patent
from tech_transfer.tests.test_results import make_result

TERMS = {
    "technical_content": "受托方按委托方图纸完成随形冷却模具的水路设计、模流分析和试模验证，冷却时间缩短30%以上。",
    "ip_ownership": "buyer",
    "payment_method": "instalments",
    "equipment_amount": Decimal("100000.00"),
    "materials_amount": Decimal("50000.00"),
    "other_non_technical_amount": Decimal("0.00"),
    "subcontract_amount": Decimal("30000.00"),
}


class RegistrationTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="宁波大学")
        cls.institute_user = make_user(organization=cls.institute)
        cls.firm = make_organization("enterprise", name="余姚精密模具有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.outsider = make_organization("enterprise")
        cls.outsider_user = make_user(organization=cls.outsider)

    def contract(self, kind="development", amount="1000000.00", **links):
        return services.draft_contract(
            kind=kind,
            title="随形冷却模具技术开发",
            seller=self.institute,
            buyer=self.firm,
            amount=Decimal(amount),
            **links,
        )

    def fill(self, contract, **changes):
        return registration.update_contract_terms(
            contract, actor=self.firm_user, organization=self.firm, **{**TERMS, **changes}
        )

    def sign(self, contract):
        contract = services.sign_contract(contract, actor=self.firm_user, organization=self.firm)
        return services.sign_contract(contract, actor=self.institute_user, organization=self.institute)


def by_code(rows):
    return {row["code"]: row for row in rows}


class AmountsTest(RegistrationTestBase):
    def test_transaction_amount_and_technology_income_deduct_what_the_data_lists(self):
        contract = self.fill(self.contract())
        figures = registration.amounts(contract)
        self.assertEqual(figures["transaction_amount"], Decimal("850000.00"))  # − equipment − materials
        self.assertEqual(figures["technology_income"], Decimal("820000.00"))  # − the subcontracted part too
        self.assertIsInstance(figures["technology_income"], Decimal)

    def test_parts_above_the_amount_are_refused_by_the_model(self):
        with pytest.raises(ValidationError):
            self.fill(self.contract(amount="100000.00"), equipment_amount=Decimal("90000.00"))
        with pytest.raises(ValidationError):
            self.fill(self.contract(), materials_amount=Decimal("-1.00"))


class ChecksTest(RegistrationTestBase):
    def test_each_kind_has_its_checks(self):
        for kind in ContractKind.values:
            codes = {c["code"] for c in registration.checks(self.contract(kind=kind))}
            self.assertTrue({"parties", "signed", "subject", "technical_content", "price_terms"} <= codes, kind)
            self.assertEqual("ip_record" in codes, kind in ("transfer", "license"), kind)
            self.assertEqual("ip_ownership" in codes, kind in ("development", "transfer", "license"), kind)

    def test_an_empty_draft_fails_and_a_filled_signed_one_passes(self):
        contract = self.contract()
        failed = {c["code"] for c in registration.checks(contract) if not c["passed"]}
        self.assertEqual(failed, {"signed", "technical_content", "price_terms", "ip_ownership"})
        contract = self.sign(self.fill(contract))
        self.assertTrue(all(c["passed"] for c in registration.checks(contract)), registration.checks(contract))

    def test_a_licence_needs_a_granted_patent_and_a_transfer_a_live_one(self):
        result = make_result(self.institute)
        patent = Patent.objects.create(
            result=result, number="2023100000001", patent_type="invention", legal_status="pending"
        )
        licence = self.contract(kind="license", result=result)
        transfer = self.contract(kind="transfer", result=result)
        self.assertFalse(by_code(registration.checks(licence))["ip_record"]["passed"])
        self.assertTrue(by_code(registration.checks(transfer))["ip_record"]["passed"])
        patent.legal_status = "granted"
        patent.save()
        self.assertTrue(by_code(registration.checks(licence))["ip_record"]["passed"])
        self.assertFalse(by_code(registration.checks(self.contract(kind="license")))["ip_record"]["passed"])

    def test_unverified_parties_fail_the_parties_check(self):
        contract = services.draft_contract(
            kind="service",
            title="检测服务",
            seller=self.institute,
            buyer=make_organization("enterprise", verified=False),
            amount=Decimal("10000"),
        )
        self.assertFalse(by_code(registration.checks(contract))["parties"]["passed"])


class TaxFlagsTest(RegistrationTestBase):
    def test_the_flags_per_kind(self):
        self.assertEqual(
            set(by_code(registration.tax_flags(self.contract("development")))), {"vat_exemption", "rd_super_deduction"}
        )
        self.assertEqual(
            set(by_code(registration.tax_flags(self.contract("transfer")))), {"vat_exemption", "transfer_income_tax"}
        )
        service = by_code(registration.tax_flags(self.contract("service")))
        self.assertEqual(set(service), {"vat_exemption"})
        self.assertTrue(service["vat_exemption"]["related"])
        self.assertFalse(service["vat_exemption"]["applies"])

    def test_the_income_tax_threshold_splits_the_income(self):
        contract = self.fill(
            self.contract("transfer", amount="6000000.00"),
            equipment_amount=Decimal("0.00"),
            materials_amount=Decimal("0.00"),
            subcontract_amount=Decimal("0.00"),
        )
        flag = by_code(registration.tax_flags(contract))["transfer_income_tax"]
        self.assertEqual(
            flag["figures"],
            {
                "threshold": Decimal("5000000.00"),
                "exempt_part": Decimal("5000000.00"),
                "reduced_part": Decimal("1000000.00"),
            },
        )
        self.assertIn("第九十条", flag["source"])

    def test_the_super_deduction_counts_80_percent_at_100_percent(self):
        flag = by_code(registration.tax_flags(self.fill(self.contract())))["rd_super_deduction"]
        self.assertEqual(flag["party"], "buyer")
        self.assertEqual(
            flag["figures"], {"counted_rd_expense": Decimal("680000.00"), "extra_deduction": Decimal("680000.00")}
        )
        self.assertIn("2023年第7号", flag["source"])

    def test_thresholds_come_from_the_data_file(self):
        data = json.loads(registration.DATA_FILE.read_text(encoding="utf-8"))
        data["tax_flags"][1]["threshold"] = "8000000.00"
        registration.rules.cache_clear()
        try:
            with mock.patch.object(registration, "DATA_FILE") as path:
                path.read_text.return_value = json.dumps(data, ensure_ascii=False)
                contract = self.contract("transfer", amount="6000000.00")
                flag = by_code(registration.tax_flags(contract))["transfer_income_tax"]
                self.assertEqual(flag["figures"]["reduced_part"], Decimal("0.00"))
        finally:
            registration.rules.cache_clear()


class TermsTest(RegistrationTestBase):
    def test_either_party_fills_the_terms_while_draft_audited(self):
        contract = self.fill(self.contract())
        self.assertEqual(contract.ip_ownership, "buyer")
        self.assertTrue(AuditEntry.objects.filter(object_id=str(contract.pk), action="update").exists())
        with pytest.raises(PermissionDenied):
            registration.update_contract_terms(
                contract, actor=self.outsider_user, organization=self.outsider, ip_ownership="seller"
            )
        signed = self.sign(contract)
        with pytest.raises(DomainError) as excinfo:
            registration.update_contract_terms(
                signed, actor=self.firm_user, organization=self.firm, ip_ownership="seller"
            )
        self.assertEqual(excinfo.value.code, "contract_signed")


class RegistrationAPITest(RegistrationTestBase):
    def test_help_and_terms_through_the_api(self):
        contract = self.contract()
        url = reverse("api:techcontract-registration", args=[contract.pk])
        self.assertEqual(api_client(self.outsider_user, self.outsider).get(url).status_code, 404)
        terms = reverse("api:techcontract-terms", args=[contract.pk])
        payload = {**TERMS, **{k: str(v) for k, v in TERMS.items() if isinstance(v, Decimal)}}
        bad = api_client(self.firm_user, self.firm).post(
            terms, {**payload, "equipment_amount": "2000000.00"}, format="json"
        )
        self.assertEqual(bad.status_code, 400, bad.content)
        ok = api_client(self.firm_user, self.firm).post(terms, payload, format="json")
        self.assertEqual(ok.status_code, 200, ok.content)
        self.assertEqual(ok.json()["subcontract_amount"], "30000.00")
        body = api_client(self.institute_user, self.institute).get(url).json()
        self.assertEqual(body["amounts"]["transaction_amount"], "850000.00")
        self.assertEqual(body["amounts"]["technology_income"], "820000.00")
        self.assertFalse(body["ready"])  # not signed yet
        self.assertEqual({f["code"] for f in body["tax_flags"]}, {"vat_exemption", "rd_super_deduction"})
        self.assertEqual(body["form"]["seller"]["name"], "宁波大学")
        self.sign(contract)
        self.assertTrue(api_client(self.firm_user, self.firm).get(url).json()["ready"])
        late = api_client(self.firm_user, self.firm).post(terms, {"ip_ownership": "joint"}, format="json")
        self.assertEqual((late.status_code, late.json()["code"]), (409, "contract_signed"))
        outsider = api_client(self.outsider_user, self.outsider).post(terms, {"ip_ownership": "joint"}, format="json")
        self.assertEqual(outsider.status_code, 404)
