"""开放共享评价考核: the yearly indicators per instrument and institute, scored against the thresholds kept as data,
graded by the bands; pages for the institute and the administrators, the API, permissions and query counts."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from instruments.models import Booking
from instruments.testing import make_instrument
from marketplace.models import AuditEntry
from marketplace.testing import api_client, make_organization, make_user
from sharing.models import RuntimeRecord
from sharing.services import assessment, ratings
from sharing.testing import completed_booking


class AssessmentTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚考核测试研究院")
        cls.owner_user = make_user(organization=cls.institute)
        cls.instrument = make_instrument(cls.institute, name="考核测试电镜")
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.booking = completed_booking(cls.instrument, cls.firm, cls.firm_user, day=-2, hours=2)
        cls.year = timezone.localtime(cls.booking.actual_start).year
        day = timezone.localtime(cls.booking.actual_start).date()
        RuntimeRecord.objects.create(instrument=cls.instrument, date=day, hours=Decimal("6"), kind="own_use",
                                     user_name="张三")  # fmt: skip
        RuntimeRecord.objects.create(instrument=cls.instrument, date=day, hours=Decimal("2"), kind="teaching",
                                     user_name="李四")  # fmt: skip
        ratings.rate_booking(cls.booking, actor=cls.firm_user, organization=cls.firm, timeliness=5, quality=4,
                             attitude=3)  # fmt: skip
        # The owner confirmed 6 hours after the request (the audit log is immutable: the request is moved back).
        entry = AuditEntry.objects.get(object_id=str(cls.booking.pk), transition="requested→confirmed")
        Booking.objects.filter(pk=cls.booking.pk).update(created_at=entry.created_at - timedelta(hours=6))


class AssessmentRulesTest(AssessmentTestCase):
    def test_indicators_of_an_instrument(self):
        row = assessment.assess([self.instrument], self.year)[self.instrument.pk]
        values = row["values"]
        self.assertEqual(values["effective_hours"], Decimal("10.00"))  # 6 + 2 recorded + 2 platform
        self.assertEqual(values["external_hours"], Decimal("2.00"))
        self.assertEqual(values["external_user_share"], Decimal("0.3333"))  # the firm among 张三, 李四
        self.assertEqual(values["rating"], Decimal("4.00"))
        self.assertEqual(values["response_hours"], Decimal("6.00"))

    def test_score_and_bands_follow_the_data(self):
        full = {"effective_hours": 1200, "external_hours": 400, "external_user_share": Decimal("0.5"), "rating": 5,
                "response_hours": 4}  # fmt: skip
        self.assertEqual(assessment.score(full), Decimal("100.00"))
        self.assertEqual(assessment.grade(assessment.score(full)).code, "excellent")
        half = {**full, "effective_hours": 600}  # 30 × ½ lost
        self.assertEqual(assessment.score(half), Decimal("85.00"))
        self.assertEqual(assessment.grade(Decimal("85")).code, "good")
        self.assertEqual(assessment.grade(Decimal("60")).code, "pass")
        self.assertEqual(assessment.grade(Decimal("59.99")).code, "fail")
        # Without ratings and approvals, the other weights count for 100.
        partial = {**full, "rating": None, "response_hours": None}
        self.assertEqual(assessment.score(partial), Decimal("100.00"))
        worst = {
            "effective_hours": 0,
            "external_hours": 0,
            "external_user_share": 0,
            "rating": 2,
            "response_hours": 100,
        }
        self.assertEqual(assessment.score(worst), Decimal("0.00"))
        self.assertEqual(sum(i.weight for i in assessment.INDICATORS), 100)

    def test_institute_summary(self):
        other = make_instrument(self.institute, name="考核测试光谱仪")
        (row,) = assessment.assessment(self.year, [self.institute])
        self.assertEqual(row["instruments"], 2)
        self.assertEqual(row["values"]["effective_hours"], Decimal("10.00"))
        scores = [r["score"] for r in row["rows"]]
        self.assertEqual(row["score"], (sum(scores) / 2).quantize(Decimal("0.01")))
        self.assertIn(other.pk, [r["instrument"].pk for r in row["rows"]])


class AssessmentAccessTest(AssessmentTestCase):
    def test_institute_page_and_api(self):
        self.client.force_login(self.owner_user)
        page = self.client.get(reverse("frontend:sharing_assessment"), {"year": self.year})
        self.assertContains(page, "考核测试电镜")
        self.assertContains(page, 'data-grade="')
        response = api_client(self.owner_user, self.institute).get("/api/v1/sharing-assessment/", {"year": self.year})
        self.assertEqual(response.status_code, 200)
        (institute,) = response.json()["institutes"]
        self.assertEqual(institute["rows"][0]["values"]["effective_hours"], "10.00")
        self.assertIn(institute["grade"]["label"], ["优秀", "良好", "合格", "不合格"])
        rival = make_organization("institute")
        refused = api_client(self.owner_user, self.institute).get(
            "/api/v1/sharing-assessment/", {"organization": rival.pk}
        )
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(api_client(self.firm_user, self.firm).get("/api/v1/sharing-assessment/").status_code, 403)

    def test_administrators_see_every_institute(self):
        make_instrument(make_organization("institute", name="余姚考核测试学院"), name="考核测试CT")
        admin = make_user(platform_admin=True)
        self.client.force_login(admin)
        page = self.client.get(reverse("frontend:sharing_assessment_admin"), {"year": self.year})
        self.assertContains(page, "余姚考核测试研究院")
        self.assertContains(page, "余姚考核测试学院")
        body = api_client(admin).get("/api/v1/sharing-assessment/", {"year": self.year}).json()
        self.assertEqual(len(body["institutes"]), 2)
        self.client.force_login(self.owner_user)
        self.assertEqual(self.client.get(reverse("frontend:sharing_assessment_admin")).status_code, 403)
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(reverse("frontend:sharing_assessment")).status_code, 403)

    def test_admin_page_queries_do_not_grow_with_institutes(self):
        admin = make_user(platform_admin=True)
        self.client.force_login(admin)
        url = reverse("frontend:sharing_assessment_admin")
        with CaptureQueriesContext(connection) as few:
            self.client.get(url, {"year": self.year})
        for n in range(3):
            owner = make_organization("institute")
            instrument = make_instrument(owner, name=f"考核测试仪器{n}")
            RuntimeRecord.objects.create(instrument=instrument, date=timezone.localdate(), hours=3, kind="own_use")
        with CaptureQueriesContext(connection) as many:
            self.client.get(url, {"year": self.year})
        self.assertEqual(len(few), len(many))
