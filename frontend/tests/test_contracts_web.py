"""技术合同 in the workspace: 我的合同 (as buyer or seller, for firms and institutes), a contract's page with each
side's signature, and signing through ``sign_contract`` — permissions (404 / 403 / sign-in), a second signature shown
as a message, the dashboard's to-do and query counts that do not grow with the rows."""

from decimal import Decimal

from django.contrib.messages import get_messages
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.api.acting import SESSION_KEY
from marketplace.models import Membership
from marketplace.testing import make_organization, make_user
from tech_transfer.models import TechContract
from tech_transfer.services import draft_contract


def make_contract(seller, buyer, **fields):
    defaults = {"kind": "development", "title": "注塑件翘曲控制 技术合同", "amount": Decimal("300000")}
    return draft_contract(seller=seller, buyer=buyer, **{**defaults, **fields})


class ContractWebTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise", name="余姚合同测试电器有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.institute = make_organization("institute", name="余姚合同测试研究院")
        cls.institute_user = make_user(organization=cls.institute)
        cls.outsider = make_organization("enterprise", name="余姚无关企业有限公司")
        cls.outsider_user = make_user(organization=cls.outsider)

    def setUp(self):
        self.contract = make_contract(self.institute, self.firm)
        self.client.force_login(self.firm_user)

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        self.client.logout()
        url = reverse("frontend:contract_detail", args=[self.contract.pk])
        self.assertRedirects(self.client.get(url), reverse("frontend:login") + "?next=" + url)

    def test_both_parties_list_it_and_others_do_not(self):
        other = make_contract(self.institute, self.outsider, title="别家的合同")
        url = reverse("frontend:contract_list")
        response = self.client.get(url)
        self.assertEqual([c.pk for c in response.context["contracts"]], [self.contract.pk])
        self.assertContains(response, self.institute.name)  # the other party
        self.client.force_login(self.institute_user)  # institutes have contracts too
        self.assertEqual({c.pk for c in self.client.get(url).context["contracts"]}, {self.contract.pk, other.pk})
        self.assertEqual(self.client.get(url + "?status=signed").context["contracts"].__len__(), 0)
        self.client.get(url + "?status=bogus&kind=x")  # a bad parameter is dropped, not fatal

    def test_detail_shows_the_parties_amount_source_and_signatures(self):
        response = self.client.get(self.contract.get_absolute_url())
        for text in ("技术开发", self.institute.name, self.firm.name, "¥300,000", "待签署", "签署合同", "草稿"):
            self.assertContains(response, text)

    def test_a_party_signs_and_the_page_says_who(self):
        url = reverse("frontend:contract_sign", args=[self.contract.pk])
        response = self.client.post(url)
        self.assertRedirects(response, self.contract.get_absolute_url(), fetch_redirect_response=False)
        self.contract.refresh_from_db()
        # one side's signature is recorded, but the contract is not signed until both have signed
        self.assertEqual((self.contract.status, self.contract.signed_on), ("draft", None))
        self.assertEqual(self.contract.buyer_signed_by, self.firm_user)
        response = self.client.get(self.contract.get_absolute_url())
        self.assertEqual(response.context["signatures"]["buyer"]["by"], self.firm_user)
        self.assertIsNone(response.context["signatures"]["seller"])
        self.assertContains(response, "已签署")
        self.assertContains(response, "等待对方签署")
        self.assertNotContains(response, "确认签署")
        second = self.client.post(url)  # again: refused with a message, not an error page
        self.assertEqual(second.status_code, 302)
        self.assertIn("本方已签署该合同，等待对方签署。", [str(m) for m in get_messages(second.wsgi_request)])
        # the dashboard no longer asks the firm to sign; the institute is asked instead
        todo = {item.label: item.count for item in self.client.get(reverse("frontend:dashboard")).context["todo"]}
        self.assertEqual(todo["待签署的合同"], 0)
        self.client.force_login(self.institute_user)
        self.assertContains(self.client.get(self.contract.get_absolute_url()), "确认签署")
        third = self.client.post(url)
        self.assertIn("双方均已签署，合同已签订。", [str(m) for m in get_messages(third.wsgi_request)])
        self.contract.refresh_from_db()
        self.assertEqual((self.contract.status, self.contract.signed_on), ("signed", timezone.localdate()))
        response = self.client.get(self.contract.get_absolute_url())
        self.assertEqual(response.context["signatures"]["seller"]["by"], self.institute_user)
        self.assertContains(response, "合同已签订")

    def test_outsiders_get_404_and_the_wrong_acting_party_403(self):
        detail = reverse("frontend:contract_detail", args=[self.contract.pk])
        sign = reverse("frontend:contract_sign", args=[self.contract.pk])
        self.client.force_login(self.outsider_user)
        self.assertEqual(self.client.get(detail).status_code, 404)
        self.assertEqual(self.client.post(sign).status_code, 404)
        Membership.objects.create(user=self.outsider_user, organization=self.firm, role="member")
        session = self.client.session
        session[SESSION_KEY] = self.outsider.pk
        session.save()
        self.assertEqual(self.client.post(sign).status_code, 403)  # sees it (as a firm member) but acts for another
        self.assertEqual(self.client.get(sign).status_code, 405)
        self.contract.refresh_from_db()
        self.assertEqual(self.contract.status, "draft")

    def test_dashboard_counts_contracts_waiting_for_a_signature(self):
        response = self.client.get(reverse("frontend:dashboard"))
        items = {item.label: item.count for item in response.context["todo"]}
        self.assertEqual(items["待签署的合同"], 1)
        self.assertContains(response, reverse("frontend:contract_list"))

    def test_query_count_does_not_grow_with_contracts(self):
        url = reverse("frontend:contract_list")
        make_contract(self.institute, self.firm)
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for _ in range(5):
            make_contract(make_organization("institute"), self.firm)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(url)
        self.assertEqual(len(response.context["contracts"]), 7)
        self.assertEqual(len(few), len(many))

    def test_a_contract_from_a_demand_links_back_to_it(self):
        from demands.tests.test_demands import make_demand

        demand = make_demand(self.firm)
        contract = make_contract(self.institute, self.firm, demand=demand)
        self.assertContains(
            self.client.get(contract.get_absolute_url()), reverse("frontend:my_demand", args=[demand.pk])
        )
        self.client.force_login(self.institute_user)
        self.assertContains(
            self.client.get(contract.get_absolute_url()), reverse("frontend:demand_detail", args=[demand.pk])
        )
        self.assertEqual(TechContract.objects.filter(demand=demand).count(), 1)


class NewContractWebTest(TestCase):
    """发起合同: a 技术服务 / 技术咨询 contract from an answered inquiry or directly with a named counterparty."""

    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise", name="余姚发起合同电器有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.institute = make_organization("institute", name="余姚发起合同研究院")
        cls.institute_user = make_user(organization=cls.institute)
        cls.outsider = make_organization("enterprise")
        cls.outsider_user = make_user(organization=cls.outsider)

    def setUp(self):
        self.client.force_login(self.institute_user)

    def test_direct_contract_with_a_named_counterparty(self):
        url = reverse("frontend:contract_new")
        page = self.client.get(url)
        self.assertContains(page, self.firm.name)  # a verified counterparty to choose
        self.assertNotContains(page, f'<option value="{self.institute.pk}"')  # not oneself
        self.assertContains(self.client.get(reverse("frontend:contract_list")), url)
        data = {"kind": "service", "title": "检测方法开发 技术服务合同", "amount": "50000", "side": "seller"}
        response = self.client.post(url, data)  # no counterparty: the form again with its message
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["form"].errors["counterparty"])
        response = self.client.post(url, {**data, "kind": "transfer", "counterparty": self.firm.pk})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(TechContract.objects.exists())
        response = self.client.post(url, {**data, "counterparty": self.firm.pk})
        contract = TechContract.objects.get()
        self.assertRedirects(response, contract.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((contract.seller, contract.buyer, contract.status), (self.institute, self.firm, "draft"))
        self.client.force_login(self.firm_user)  # the counterparty is asked to sign
        todo = {item.label: item.count for item in self.client.get(reverse("frontend:dashboard")).context["todo"]}
        self.assertEqual(todo["待签署的合同"], 1)

    def test_from_an_answered_inquiry(self):
        from tech_transfer.services import create_inquiry, reply_inquiry
        from tech_transfer.tests.test_results import make_result

        result = make_result(self.institute)
        inquiry = create_inquiry(result=result, organization=self.firm, actor=self.firm_user, message="委托诊断")
        self.client.force_login(self.firm_user)
        url = reverse("frontend:contract_new") + f"?inquiry={inquiry.pk}"
        self.assertNotContains(self.client.get(inquiry.get_absolute_url()), url)  # not answered yet
        data = {"inquiry": inquiry.pk, "kind": "consulting", "title": "工艺咨询合同", "amount": "8000"}
        response = self.client.post(reverse("frontend:contract_new"), data)
        self.assertEqual(response.status_code, 400)  # the refusal is shown on the form
        self.assertContains(response, "成果所有方回复意向后才能发起合同", status_code=400)
        reply_inquiry(inquiry, actor=self.institute_user, organization=self.institute, reply="欢迎")
        self.assertContains(self.client.get(inquiry.get_absolute_url()), url.replace("&", "&amp;"))
        page = self.client.get(url)
        self.assertNotIn("counterparty", page.context["form"].fields)  # the inquiry names the parties
        self.assertContains(page, result.title)
        self.client.post(reverse("frontend:contract_new"), data)
        contract = TechContract.objects.get(inquiry=inquiry)
        self.assertEqual((contract.kind, contract.seller, contract.buyer), ("consulting", self.institute, self.firm))
        self.assertContains(self.client.get(inquiry.get_absolute_url()), contract.get_absolute_url())
        self.client.force_login(self.outsider_user)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get(reverse("frontend:contract_new") + "?inquiry=x").status_code, 404)
