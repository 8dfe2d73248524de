"""Result evaluation (科技成果评价): evaluation bodies, the request's state machine, conflicts of interest (an expert of
the owning institute is refused, by the service and by the model), the scores against the method's data, the numbered
report whose stored PDF is served byte for byte, and the API."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse

from marketplace.exceptions import DomainError
from marketplace.models import AuditEntry, Notification
from marketplace.testing import api_client, make_organization, make_user
from tech_transfer import evaluations
from tech_transfer.models import EvaluationExpert, ResultEvaluation
from tech_transfer.testing import EXPERTS, SCORES, evaluation_body, issued_evaluation
from tech_transfer.tests.test_results import make_result


class EvaluationTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.operator = make_user(platform_admin=True)
        cls.institute = make_organization("institute", name="宁波大学")
        cls.owner_user = make_user(organization=cls.institute)
        cls.center = make_organization("service_provider", name="宁波科技成果评价中心")
        cls.body_user = make_user(organization=cls.center)
        cls.body = evaluation_body(cls.center, operator=cls.operator)
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)

    def setUp(self):
        self.result = make_result(self.institute)

    def assert_code(self, code, func, *args, **kwargs):
        with pytest.raises(DomainError) as excinfo:
            func(*args, **kwargs)
        self.assertEqual(excinfo.value.code, code)

    def request(self):
        return evaluations.request_evaluation(
            self.result, actor=self.owner_user, organization=self.institute, body=self.body, purpose="定价参考"
        )

    def accepted(self):
        return evaluations.accept_evaluation(self.request(), actor=self.body_user, organization=self.center)

    def staffed(self):
        evaluation = self.accepted()
        for expert in EXPERTS:
            evaluations.add_expert(evaluation, actor=self.body_user, organization=self.center, **expert)
        return evaluation

    def issue(self, evaluation, **changes):
        kwargs = {
            "scores": SCORES,
            "trl": 7,
            "grade": "domestic_leading",
            "novelty": "integrated",
            "conclusion": "达到国内领先水平。",
            **changes,
        }
        return evaluations.issue_evaluation(evaluation, actor=self.body_user, organization=self.center, **kwargs)


class MethodDataTest(TestCase):
    def test_the_dimensions_and_weights_are_data_and_weigh_one(self):
        codes = [d["code"] for d in evaluations.dimensions()]
        self.assertEqual(codes, ["scientific", "technical", "economic", "social", "transfer"])
        self.assertEqual(sum(d["weight"] for d in evaluations.dimensions()), Decimal("1.00"))
        self.assertEqual(len(evaluations.method()["trl_levels"]), 9)

    def test_weighted_total_is_decimal_half_up(self):
        # 78×.15 + 88×.25 + 84×.25 + 72×.15 + 86×.20 = 82.70
        self.assertEqual(evaluations.weighted_total(SCORES), Decimal("82.70"))


class BodiesTest(EvaluationTestBase):
    def test_only_the_operator_registers_bodies(self):
        other = make_organization("service_provider")
        with pytest.raises(PermissionDenied):
            evaluations.grant_evaluation_body(other, actor=self.firm_user)
        body = evaluations.grant_evaluation_body(other, actor=self.operator, scope="评价")
        self.assertTrue(body.active)
        self.assertTrue(AuditEntry.objects.filter(object_id=str(body.pk), action="create").exists())

    def test_an_unverified_organization_is_refused(self):
        self.assert_code(
            "not_verified",
            evaluations.grant_evaluation_body,
            make_organization("service_provider", verified=False),
            actor=self.operator,
        )

    def test_a_revoked_body_takes_no_request(self):
        evaluations.revoke_evaluation_body(self.body, actor=self.operator)
        self.body.refresh_from_db()
        with pytest.raises(DomainError) as excinfo:
            self.request()
        self.assertEqual(excinfo.value.details["errors"], {"body": ["该机构不是有效的评价机构。"]})


class StateMachineTest(EvaluationTestBase):
    def test_the_whole_lifecycle_with_audit_and_notifications(self):
        evaluation = self.request()
        self.assertEqual(evaluation.status, "requested")
        self.assertTrue(Notification.objects.filter(recipient=self.body_user, kind="evaluation.requested").exists())
        evaluation = evaluations.accept_evaluation(evaluation, actor=self.body_user, organization=self.center)
        for expert in EXPERTS:
            evaluations.add_expert(evaluation, actor=self.body_user, organization=self.center, **expert)
        self.assertEqual(evaluation.status, "accepted")
        evaluation = evaluations.start_review(evaluation, actor=self.body_user, organization=self.center)
        issued = self.issue(evaluation)
        self.assertEqual(
            (issued.status, issued.total_score, issued.trl, issued.grade),
            ("issued", Decimal("82.70"), 7, "domestic_leading"),
        )
        self.assertRegex(issued.number, r"^KJPJ-\d{4}-00001$")
        self.assertEqual(issued.snapshot["grade"], "国内领先")
        self.assertEqual(len(issued.snapshot["experts"]), 3)
        self.assertTrue(Notification.objects.filter(recipient=self.owner_user, kind="evaluation.issued").exists())
        transitions = set(
            AuditEntry.objects.filter(object_id=str(issued.pk), action="transition").values_list(
                "transition", flat=True
            )
        )
        self.assertEqual(transitions, {"requested→accepted", "accepted→in_review", "in_review→issued"})

    def test_illegal_transitions_are_refused(self):
        evaluation = self.request()
        self.assert_code(
            "illegal_transition", evaluations.start_review, evaluation, actor=self.body_user, organization=self.center
        )
        self.assert_code("illegal_transition", self.issue, evaluation)
        evaluation = evaluations.decline_evaluation(
            evaluation, actor=self.body_user, organization=self.center, reason="超出本机构评价范围"
        )
        self.assertEqual(evaluation.status, "declined")
        self.assert_code(
            "illegal_transition",
            evaluations.accept_evaluation,
            evaluation,
            actor=self.body_user,
            organization=self.center,
        )

    def test_an_issued_report_never_changes(self):
        evaluation = evaluations.start_review(self.staffed(), actor=self.body_user, organization=self.center)
        issued = self.issue(evaluation)
        self.assert_code("already_issued", self.issue, issued, grade="international_leading")
        self.assert_code(
            "illegal_transition",
            evaluations.add_expert,
            issued,
            actor=self.body_user,
            organization=self.center,
            name="新专家",
            title="教授",
            affiliation_name="某大学",
            field="x",
        )
        issued.refresh_from_db()
        self.assertEqual(issued.grade, "domestic_leading")

    def test_the_model_refuses_to_save_or_delete_an_issued_evaluation(self):
        issued = self.issue(evaluations.start_review(self.staffed(), actor=self.body_user, organization=self.center))
        row = ResultEvaluation.objects.get(pk=issued.pk)
        row.grade = "international_leading"
        with pytest.raises(ValidationError):
            row.save()
        with pytest.raises(ValidationError):
            row.delete()
        self.assertEqual(ResultEvaluation.objects.get(pk=issued.pk).grade, "domestic_leading")

    def test_the_review_needs_the_minimum_panel(self):
        evaluation = self.accepted()
        evaluations.add_expert(evaluation, actor=self.body_user, organization=self.center, **EXPERTS[0])
        self.assert_code(
            "panel_incomplete", evaluations.start_review, evaluation, actor=self.body_user, organization=self.center
        )

    def test_only_the_owner_requests_and_only_the_body_acts(self):
        with pytest.raises(PermissionDenied):
            evaluations.request_evaluation(self.result, actor=self.firm_user, organization=self.firm, body=self.body)
        evaluation = self.request()
        with pytest.raises(PermissionDenied):
            evaluations.accept_evaluation(evaluation, actor=self.owner_user, organization=self.institute)

    def test_one_live_request_per_result_and_body_and_only_published_results(self):
        self.request()
        self.assert_code("evaluation_pending", self.request)
        draft = make_result(self.institute, status="draft", published_at=None)
        self.assert_code(
            "not_published",
            evaluations.request_evaluation,
            draft,
            actor=self.owner_user,
            organization=self.institute,
            body=self.body,
        )

    def test_scores_must_cover_every_dimension_in_range(self):
        evaluation = evaluations.start_review(self.staffed(), actor=self.body_user, organization=self.center)
        for bad in (
            {**SCORES, "technical": 101},
            {k: v for k, v in SCORES.items() if k != "social"},
            {**SCORES, "beauty": 50},
            {**SCORES, "economic": "八十"},
        ):
            with pytest.raises(DomainError) as excinfo:
                self.issue(evaluation, scores=bad)
            self.assertIn("scores", excinfo.value.details["errors"])
        self.assert_code("rule_violation", self.issue, evaluation, trl=10)
        self.assert_code("rule_violation", self.issue, evaluation, grade="best")
        self.assert_code("rule_violation", self.issue, evaluation, conclusion=" ")
        evaluation.refresh_from_db()
        self.assertEqual(evaluation.status, "in_review")  # nothing half-issued


class ConflictOfInterestTest(EvaluationTestBase):
    def test_an_expert_of_the_owning_institute_is_refused_by_the_service(self):
        evaluation = self.accepted()
        for kwargs in (
            {"affiliation": self.institute, "affiliation_name": "某学院"},
            {"affiliation_name": " 宁波 大学 "},
        ):
            with pytest.raises(DomainError) as excinfo:
                evaluations.add_expert(
                    evaluation,
                    actor=self.body_user,
                    organization=self.center,
                    name="张三",
                    title="教授",
                    field="材料",
                    **kwargs,
                )
            self.assertEqual(excinfo.value.code, "conflict_of_interest")
        self.assertFalse(evaluation.experts.exists())

    def test_the_model_refuses_it_too(self):
        evaluation = self.accepted()
        expert = EvaluationExpert(
            evaluation=evaluation,
            name="张三",
            title="教授",
            affiliation=self.institute,
            affiliation_name="宁波大学材料学院",
            field="材料",
        )
        with pytest.raises(ValidationError) as excinfo:
            expert.full_clean()
        self.assertIn("affiliation_name", excinfo.value.error_dict)

    def test_a_body_cannot_evaluate_its_own_result(self):
        own = make_result(self.center)
        with pytest.raises(DomainError) as excinfo:
            evaluations.request_evaluation(own, actor=self.body_user, organization=self.center, body=self.body)
        self.assertEqual(excinfo.value.code, "conflict_of_interest")


class ReportDocumentTest(EvaluationTestBase):
    def test_the_report_is_rendered_once_on_commit_and_served_byte_for_byte(self):
        with self.captureOnCommitCallbacks(execute=True):
            issued = issued_evaluation(self.result, self.body, owner_user=self.owner_user, body_user=self.body_user)
        issued.refresh_from_db()
        self.assertTrue(issued.document.name)
        with issued.document.open("rb") as file:
            stored = file.read()
        self.assertTrue(stored.startswith(b"%PDF"))
        filename, mimetype, served = evaluations.report_document(issued)
        self.assertEqual((filename, mimetype), (f"{issued.number}.pdf", "application/pdf"))
        self.assertEqual(served, stored)
        response = self.client.get(reverse("frontend:evaluation_report", args=[issued.pk]))  # public result: anyone
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, stored)
        api = api_client(self.firm_user, self.firm).get(reverse("api:resultevaluation-report", args=[issued.pk]))
        self.assertEqual(api.content, stored)
        self.assertFalse(evaluations.store_report_document(issued))  # stored once

    def test_a_missing_file_is_rendered_and_stored_at_the_first_download(self):
        issued = issued_evaluation(self.result, self.body, owner_user=self.owner_user, body_user=self.body_user)
        self.assertFalse(issued.document.name)  # the task did not run (no commit in this test)
        first = evaluations.report_document(issued)[2]
        issued.refresh_from_db()
        self.assertTrue(issued.document.name)
        self.assertEqual(evaluations.report_document(issued)[2], first)

    def test_numbers_are_consecutive_per_year(self):
        numbers = []
        for _ in range(3):
            result = make_result(self.institute)
            numbers.append(
                issued_evaluation(result, self.body, owner_user=self.owner_user, body_user=self.body_user).number
            )
        self.assertEqual([n[-5:] for n in numbers], ["00001", "00002", "00003"])

    def test_the_report_of_a_hidden_result_or_a_live_request_is_not_public(self):
        evaluation = self.request()
        self.assertEqual(self.client.get(reverse("frontend:evaluation_report", args=[evaluation.pk])).status_code, 404)
        issued = issued_evaluation(
            make_result(self.institute), self.body, owner_user=self.owner_user, body_user=self.body_user
        )
        issued.result.status = "withdrawn"
        issued.result.save(update_fields=["status"])
        self.assertEqual(self.client.get(reverse("frontend:evaluation_report", args=[issued.pk])).status_code, 404)
        self.client.force_login(self.owner_user)
        self.assertEqual(self.client.get(reverse("frontend:evaluation_report", args=[issued.pk])).status_code, 200)


class EvaluationAPITest(EvaluationTestBase):
    def owner_api(self):
        return api_client(self.owner_user, self.institute)

    def body_api(self):
        return api_client(self.body_user, self.center)

    def test_the_journey_through_the_api(self):
        response = self.owner_api().post(
            reverse("api:resultevaluation-list"),
            {"result": self.result.pk, "body": self.body.pk, "purpose": "定价"},
            format="json",
        )
        self.assertEqual(response.status_code, 201, response.content)
        pk = response.json()["id"]
        url = lambda action: reverse(f"api:resultevaluation-{action}", args=[pk])  # noqa: E731
        self.assertEqual(self.owner_api().post(url("accept")).status_code, 403)  # only the body
        self.assertEqual(self.body_api().post(url("accept")).json()["status"], "accepted")
        conflict = self.body_api().post(
            url("experts"),
            {
                "name": "张三",
                "title": "教授",
                "affiliation": self.institute.pk,
                "affiliation_name": "宁波大学",
                "field": "材料",
            },
            format="json",
        )
        self.assertEqual(conflict.status_code, 400)
        self.assertEqual(conflict.json()["code"], "conflict_of_interest")
        self.assertIn("affiliation_name", conflict.json()["errors"])
        self.assertEqual(self.body_api().post(url("start-review")).json()["code"], "panel_incomplete")
        for expert in EXPERTS:
            self.assertEqual(self.body_api().post(url("experts"), expert, format="json").status_code, 201)
        self.assertEqual(self.body_api().post(url("start-review")).json()["status"], "in_review")
        bad = self.body_api().post(
            url("issue"),
            {"scores": {**SCORES, "technical": 120}, "trl": 7, "grade": "domestic_leading", "conclusion": "x"},
            format="json",
        )
        self.assertEqual(bad.status_code, 400)
        issued = self.body_api().post(
            url("issue"),
            {"scores": SCORES, "trl": 7, "grade": "domestic_leading", "conclusion": "国内领先"},
            format="json",
        )
        self.assertEqual(issued.status_code, 200, issued.content)
        self.assertEqual(issued.json()["total_score"], "82.70")
        self.assertTrue(issued.json()["report_url"].endswith("/report.pdf"))
        again = self.body_api().post(
            url("issue"), {"scores": SCORES, "trl": 7, "grade": "general", "conclusion": "x"}, format="json"
        )
        self.assertEqual((again.status_code, again.json()["code"]), (409, "already_issued"))
        report = api_client().get(url("report"))
        self.assertEqual(report.status_code, 200)
        self.assertEqual(report["Content-Type"], "application/pdf")

    def test_visibility_of_requests(self):
        evaluation = self.request()
        detail = reverse("api:resultevaluation-detail", args=[evaluation.pk])
        self.assertEqual(api_client(self.firm_user, self.firm).get(detail).status_code, 404)
        self.assertEqual(api_client().get(detail).status_code, 404)
        self.assertEqual(self.body_api().get(detail).status_code, 200)
        self.assertEqual(self.owner_api().get(detail).status_code, 200)
        self.assertEqual(
            api_client().get(reverse("api:resultevaluation-report", args=[evaluation.pk])).status_code, 404
        )

    def test_the_operator_registers_bodies_through_the_api(self):
        other = make_organization("service_provider")
        url = reverse("api:evaluationbody-list")
        self.assertEqual(
            api_client(self.firm_user, self.firm).post(url, {"organization_id": other.pk}).status_code, 403
        )
        response = api_client(self.operator).post(url, {"organization_id": other.pk, "scope": "评价"}, format="json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(api_client().get(url).json()["count"], 2)
        revoke = api_client(self.operator).post(reverse("api:evaluationbody-revoke", args=[response.json()["id"]]))
        self.assertFalse(revoke.json()["active"])
        self.assertEqual(api_client().get(url).json()["count"], 1)

    def test_list_query_count_does_not_grow_with_rows(self):
        issued_evaluation(self.result, self.body, owner_user=self.owner_user, body_user=self.body_user)
        url = reverse("api:resultevaluation-list")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            self.owner_api().get(url)
        for _ in range(4):
            issued_evaluation(
                make_result(self.institute), self.body, owner_user=self.owner_user, body_user=self.body_user
            )
        with CaptureQueriesContext(connection) as many:
            response = self.owner_api().get(url)
        self.assertEqual(response.json()["count"], 5)
        self.assertEqual(len(many), len(few))

    def test_an_expert_object_is_audited(self):
        evaluation = self.accepted()
        expert = evaluations.add_expert(evaluation, actor=self.body_user, organization=self.center, **EXPERTS[1])
        self.assertTrue(AuditEntry.objects.filter(object_id=str(expert.pk), action="create").exists())
        self.assertEqual(ResultEvaluation.objects.get(pk=evaluation.pk).experts.count(), 1)
