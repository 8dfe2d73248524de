"""The demo seeds an evaluation body with issued reports (numbered, stored PDFs, shown on the results' pages) and the
registration terms of the demo contracts; seeding again changes nothing."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from tech_transfer import registration
from tech_transfer.models import EvaluationBody, ResultEvaluation, TechContract


class EvaluationDemoTest(TestCase):
    def test_seeded_evaluations_and_registration_terms(self):
        with self.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", stdout=StringIO())
        body = EvaluationBody.objects.get(organization__name="宁波知桥技术转移服务有限公司")
        issued = ResultEvaluation.objects.filter(body=body, status="issued")
        self.assertEqual(issued.count(), 3)
        self.assertEqual(
            set(ResultEvaluation.objects.values_list("status", flat=True)), {"issued", "in_review", "requested"}
        )
        for evaluation in issued:
            self.assertTrue(evaluation.number and evaluation.snapshot)
        contract = TechContract.objects.get(title="码垛机器人视觉定位系统委托开发合同")
        figures = registration.amounts(contract)
        self.assertEqual(str(figures["transaction_amount"]), "530000.00")
        self.assertEqual(str(figures["technology_income"]), "480000.00")
        self.assertTrue(all(c["passed"] for c in registration.checks(contract)))
        draft = TechContract.objects.get(title="注塑件模流分析与工艺优化技术服务合同")
        self.assertFalse(all(c["passed"] for c in registration.checks(draft)))
        call_command("seed_demo", stdout=StringIO())
        self.assertEqual(ResultEvaluation.objects.count(), 5)
