"""科技成果评价 and 技术合同认定登记 pages: the owner requests, the body accepts, names experts (an expert of the owning
institute comes back as a field message), reviews and issues; the result's public page shows the grade, date and
report link; the operator registers bodies; the contract page shows the registration checks, amounts and tax flags
to both parties; permissions (sign-in / 403 / 404), validation and query counts that do not grow with the rows."""

from decimal import Decimal

from django.contrib.messages import get_messages
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.testing import make_organization, make_user
from tech_transfer import evaluations
from tech_transfer.models import EvaluationBody, ResultEvaluation
from tech_transfer.services import draft_contract
from tech_transfer.testing import EXPERTS, SCORES, evaluation_body, issued_evaluation
from tech_transfer.tests.test_results import make_result


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def issue_data(**changes) -> dict:
    data = {f"score_{code}": str(score) for code, score in SCORES.items()}
    data.update({"trl": "7", "grade": "domestic_leading", "novelty": "integrated", "conclusion": "国内领先水平。"})
    data.update(changes)
    return data


class EvaluationPagesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.operator_org = make_organization("authority", name="余姚市科技大市场运营服务中心", is_market_operator=True)
        cls.operator = make_user(organization=cls.operator_org)
        cls.institute = make_organization("institute", name="宁波大学")
        cls.owner_user = make_user(organization=cls.institute)
        cls.center = make_organization("service_provider", name="宁波科技成果评价中心")
        cls.body_user = make_user(organization=cls.center)
        cls.body = evaluation_body(cls.center)
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)

    def setUp(self):
        self.result = make_result(self.institute)

    def test_the_owner_requests_and_the_body_issues_through_the_pages(self):
        self.client.force_login(self.owner_user)
        new = reverse("frontend:evaluation_new")
        self.assertContains(self.client.get(f"{new}?result={self.result.pk}"), "宁波科技成果评价中心")
        invalid = self.client.post(new, {"result": self.result.pk})
        self.assertEqual(invalid.status_code, 400)
        response = self.client.post(new, {"result": self.result.pk, "body": self.body.pk, "purpose": "定价"})
        evaluation = ResultEvaluation.objects.get(result=self.result)
        self.assertRedirects(response, evaluation.get_absolute_url())
        again = self.client.post(new, {"result": self.result.pk, "body": self.body.pk})
        self.assertContains(again, "该评价机构已在处理本成果的评价申请。", status_code=400)
        # the owner cannot act for the body
        self.assertEqual(self.client.post(reverse("frontend:evaluation_accept", args=[evaluation.pk])).status_code, 403)

        self.client.force_login(self.body_user)
        detail = evaluation.get_absolute_url()
        self.client.post(reverse("frontend:evaluation_accept", args=[evaluation.pk]))
        conflict = self.client.post(
            reverse("frontend:evaluation_add_expert", args=[evaluation.pk]),
            {"name": "张三", "title": "教授", "affiliation_name": "宁波大学", "field": "材料"},
        )
        self.assertContains(conflict, "须回避", status_code=400)
        missing = self.client.post(reverse("frontend:evaluation_add_expert", args=[evaluation.pk]), {"name": "李四"})
        self.assertEqual(missing.status_code, 400)
        for expert in EXPERTS:
            data = {k: v for k, v in expert.items() if k != "is_chair"}
            if expert.get("is_chair"):
                data["is_chair"] = "on"
            self.client.post(reverse("frontend:evaluation_add_expert", args=[evaluation.pk]), data)
        self.assertEqual(evaluation.experts.count(), 3)
        self.client.post(reverse("frontend:evaluation_start_review", args=[evaluation.pk]))
        page = self.client.get(detail)
        self.assertContains(page, "出具评价报告")
        bad = self.client.post(
            reverse("frontend:evaluation_issue", args=[evaluation.pk]), issue_data(score_technical="101")
        )
        self.assertEqual(bad.status_code, 400)
        with self.captureOnCommitCallbacks(execute=True):
            done = self.client.post(reverse("frontend:evaluation_issue", args=[evaluation.pk]), issue_data())
        self.assertRedirects(done, detail)
        evaluation.refresh_from_db()
        self.assertEqual(evaluation.status, "issued")
        self.assertTrue(evaluation.document.name)

        self.client.logout()
        public = self.client.get(reverse("frontend:result_detail", args=[self.result.pk]))
        self.assertContains(public, "国内领先")
        self.assertContains(public, timezone.localtime(evaluation.issued_at).strftime("%Y-%m-%d"))
        report_url = reverse("frontend:evaluation_report", args=[evaluation.pk])
        self.assertContains(public, report_url)
        with evaluation.document.open("rb") as file:
            self.assertEqual(self.client.get(report_url).content, file.read())

    def test_the_decline_needs_a_reason(self):
        evaluation = evaluations.request_evaluation(
            self.result, actor=self.owner_user, organization=self.institute, body=self.body
        )
        self.client.force_login(self.body_user)
        url = reverse("frontend:evaluation_decline", args=[evaluation.pk])
        self.assertEqual(self.client.post(url, {"reason": ""}).status_code, 400)
        self.assertRedirects(self.client.post(url, {"reason": "超出评价范围"}), evaluation.get_absolute_url())
        evaluation.refresh_from_db()
        self.assertEqual(evaluation.status, "declined")

    def test_permissions(self):
        evaluation = evaluations.request_evaluation(
            self.result, actor=self.owner_user, organization=self.institute, body=self.body
        )
        detail = evaluation.get_absolute_url()
        self.assertEqual(self.client.get(detail).status_code, 302)  # sign in first
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(detail).status_code, 404)
        self.assertEqual(self.client.post(reverse("frontend:evaluation_accept", args=[evaluation.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("frontend:evaluation_new")).status_code, 403)  # firms own no results
        self.assertEqual(self.client.get(reverse("frontend:evaluation_bodies")).status_code, 403)
        self.assertEqual(self.client.get(reverse("frontend:evaluation_report", args=[evaluation.pk])).status_code, 404)

    def test_the_operator_registers_and_revokes_bodies(self):
        other = make_organization("service_provider", name="宁波评估咨询有限公司")
        self.client.force_login(self.operator)
        url = reverse("frontend:evaluation_bodies")
        self.assertContains(self.client.get(url), "宁波科技成果评价中心")
        self.assertEqual(self.client.post(url, {}).status_code, 400)
        self.assertRedirects(self.client.post(url, {"organization": other.pk, "scope": "评价"}), url)
        body = EvaluationBody.objects.get(organization=other)
        self.client.post(reverse("frontend:evaluation_body_revoke", args=[body.pk]))
        body.refresh_from_db()
        self.assertFalse(body.active)

    def test_the_body_dashboard_counts_waiting_requests(self):
        evaluations.request_evaluation(self.result, actor=self.owner_user, organization=self.institute, body=self.body)
        self.client.force_login(self.body_user)
        self.assertContains(self.client.get(reverse("frontend:dashboard")), "待受理的评价申请")

    def test_query_counts_do_not_grow_with_rows(self):
        issued_evaluation(self.result, self.body, owner_user=self.owner_user, body_user=self.body_user)
        self.client.force_login(self.owner_user)
        pages = [reverse("frontend:evaluation_list"), reverse("frontend:result_detail", args=[self.result.pk])]
        few = {}
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            few[url] = len(queries)
        for i in range(4):
            issued_evaluation(
                make_result(self.institute, title=f"成果 {i}"),
                self.body,
                owner_user=self.owner_user,
                body_user=self.body_user,
            )
            # more reports of the same result too
            issued_evaluation(self.result, self.body, owner_user=self.owner_user, body_user=self.body_user)
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            self.assertEqual(len(queries), few[url], url)
        evaluation = ResultEvaluation.objects.filter(result=self.result).first()
        with self.assertNumQueries(few_detail := self._count(evaluation.get_absolute_url())):
            self.client.get(evaluation.get_absolute_url())
        self.assertLess(few_detail, 25)

    def _count(self, url) -> int:
        with CaptureQueriesContext(connection) as queries:
            self.client.get(url)
        return len(queries)


class RegistrationPagesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="宁波大学")
        cls.institute_user = make_user(organization=cls.institute)
        cls.firm = make_organization("enterprise", name="余姚精密模具有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.outsider_user = make_user(organization=make_organization("enterprise"))

    def setUp(self):
        self.contract = draft_contract(
            kind="development",
            title="随形冷却模具技术开发",
            seller=self.institute,
            buyer=self.firm,
            amount=Decimal("1000000.00"),
        )

    def terms(self, **changes):
        data = {
            "technical_content": "完成随形冷却模具的水路设计、模流分析与试模验证，冷却时间缩短30%以上，交付设计图纸。",
            "ip_ownership": "buyer",
            "payment_method": "instalments",
            "equipment_amount": "100000.00",
            "materials_amount": "50000.00",
            "other_non_technical_amount": "0",
            "subcontract_amount": "30000.00",
        }
        data.update(changes)
        return data

    def test_both_parties_see_the_help_and_fill_the_terms(self):
        for user in (self.firm_user, self.institute_user):
            self.client.force_login(user)
            page = self.client.get(self.contract.get_absolute_url())
            self.assertContains(page, "技术合同认定登记")
            self.assertContains(page, "委托研发费用加计扣除")
            self.assertContains(page, "财税〔2016〕36号")
        url = reverse("frontend:contract_registration", args=[self.contract.pk])
        bad = self.client.post(url, self.terms(equipment_amount="2000000.00"))
        self.assertContains(bad, "合计不能超过合同金额", status_code=400)
        self.assertRedirects(self.client.post(url, self.terms()), url)
        page = self.client.get(url)
        self.assertContains(page, "¥850,000")  # 技术交易额
        self.assertContains(page, "¥820,000")  # 技术性收入
        self.contract.refresh_from_db()
        self.assertEqual(self.contract.subcontract_amount, Decimal("30000.00"))

    def test_signed_contracts_are_read_only_and_outsiders_get_404(self):
        url = reverse("frontend:contract_registration", args=[self.contract.pk])
        self.client.force_login(self.outsider_user)
        self.assertEqual(self.client.get(url).status_code, 404)
        from tech_transfer.services import sign_contract

        sign_contract(self.contract, actor=self.firm_user, organization=self.firm)
        sign_contract(self.contract, actor=self.institute_user, organization=self.institute)
        self.client.force_login(self.firm_user)
        page = self.client.get(url)
        self.assertNotContains(page, 'data-role="terms-form"')
        response = self.client.post(url, self.terms())
        self.assertIn("合同已签署，登记要素不能再修改。", messages_of(response))

    def test_query_counts(self):
        self.client.force_login(self.firm_user)
        url = reverse("frontend:contract_registration", args=[self.contract.pk])
        with CaptureQueriesContext(connection) as queries:
            self.client.get(url)
        with CaptureQueriesContext(connection) as detail:
            self.client.get(self.contract.get_absolute_url())
        self.assertLess(len(queries), 20)
        self.assertLess(len(detail), 25)
