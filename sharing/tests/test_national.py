"""National reporting: the per-instrument national record (6-digit category code), the yearly exports of instruments
and service records in the platform's layout (CSV, XLSX), validated before export (409 with the missing list unless
forced); API and pages with permissions and query counts."""

import csv
import io
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from instruments.testing import make_instrument
from marketplace.testing import api_client, make_organization, make_user
from sharing.models import NationalRecord
from sharing.services import national, ratings
from sharing.testing import completed_booking

COMPLETE = {
    "internal_number": "NB-2019-001", "category_code": "030101", "funding_source": "central",
    "acquisition_date": date(2019, 6, 1), "sharing_mode": "external", "opening_rules": "工作日预约开放，周末可协商。",
    "fee_standard": "企业 600 元/小时，院所 450 元/小时。", "customs_status": "none",
}  # fmt: skip


class NationalTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚报送测试研究院")
        cls.owner_user = make_user(organization=cls.institute)
        cls.instrument = make_instrument(cls.institute, name="报送测试电镜", country="日本", contact_name="王老师")
        cls.firm = make_organization("enterprise", name="余姚报送测试光电有限公司")
        cls.firm_user = make_user(organization=cls.firm, first_name="小明")

    def complete(self, instrument=None):
        return NationalRecord.objects.create(instrument=instrument or self.instrument, **COMPLETE)


class NationalRulesTest(NationalTestCase):
    def test_missing_fields_per_instrument(self):
        missing = national.check(self.institute)
        self.assertEqual(missing[0]["instrument"], self.instrument.pk)
        self.assertIn("国家分类编码", missing[0]["missing"])
        self.assertIn("资金来源", missing[0]["missing"])
        self.complete()
        self.assertEqual(national.check(self.institute), [])

    def test_category_code_is_six_digits_in_the_model_and_the_database(self):
        from django.core.exceptions import ValidationError

        for bad in ("03010", "0301011", "03a101"):
            record = NationalRecord(instrument=self.instrument, category_code=bad)
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                record.full_clean()
        with self.assertRaises(IntegrityError), transaction.atomic():
            NationalRecord.objects.create(instrument=self.instrument, category_code="03a101")
        NationalRecord.objects.create(instrument=self.instrument, category_code="030101")

    def test_export_is_refused_while_incomplete_unless_forced(self):
        with self.assertRaises(national.ReportIncomplete) as caught:
            national.export(self.institute, 2026, "instruments", "csv")
        self.assertEqual(caught.exception.status_code, 409)
        self.assertEqual(caught.exception.details["missing"][0]["name"], "报送测试电镜")
        name, _type, body = national.export(self.institute, 2026, "instruments", "csv", force=True)
        self.assertEqual(name, "national-instruments-2026.csv")
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        self.assertEqual(rows[0], [c.header for c in national.INSTRUMENT_COLUMNS])
        self.assertEqual(rows[1][rows[0].index("国家分类编码")], "")

    def test_instrument_export_in_the_platform_layout(self):
        self.complete()
        _, _, body = national.export(self.institute, 2026, "instruments", "csv")
        header, row = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        values = dict(zip(header, row, strict=True))
        self.assertEqual(values["国家分类编码"], "030101")
        self.assertEqual(values["原值（万元）"], "380.00")
        self.assertEqual(values["资金来源"], "中央财政")
        self.assertEqual(values["产地国别"], "日本")
        self.assertEqual(values["所属单位"], "余姚报送测试研究院")

    def test_service_records_with_rating_as_xlsx(self):
        self.complete()
        booking = completed_booking(self.instrument, self.firm, self.firm_user, day=-2)
        ratings.rate_booking(booking, actor=self.firm_user, organization=self.firm, timeliness=5, quality=4, attitude=3)
        completed_booking(self.instrument, self.institute, self.owner_user, day=-3)  # own use: not a service record
        year = timezone.localtime(booking.actual_start).year
        name, _type, body = national.export(self.institute, year, "services", "xlsx")
        self.assertTrue(name.endswith(".xlsx"))
        sheet = load_workbook(io.BytesIO(body)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), [c.header for c in national.SERVICE_COLUMNS])
        self.assertEqual(len(rows), 2)
        values = dict(zip(rows[0], rows[1], strict=True))
        self.assertEqual(values["申请单位"], "余姚报送测试光电有限公司")
        self.assertEqual(values["服务评价"], 4.0)
        self.assertEqual(values["是否签订服务协议"], "是")
        self.assertEqual(values["服务金额（元）"], float(booking.final_amount))
        self.assertEqual(values["服务方式"], "送样检测")


class NationalAPITest(NationalTestCase):
    def test_records_crud_for_the_owner_only(self):
        client = api_client(self.owner_user, self.institute)
        payload = {"instrument": self.instrument.pk, **COMPLETE, "acquisition_date": "2019-06-01"}
        bad = client.post("/api/v1/national-records/", {**payload, "category_code": "12345"})
        self.assertEqual(bad.status_code, 400)
        self.assertIn("category_code", bad.json()["errors"])
        created = client.post("/api/v1/national-records/", payload)
        self.assertEqual(created.status_code, 201, created.content)
        self.assertEqual(client.post("/api/v1/national-records/", payload).status_code, 400)  # one per instrument
        firm = api_client(self.firm_user, self.firm)
        self.assertEqual(firm.get("/api/v1/national-records/").json()["count"], 0)
        self.assertEqual(firm.post("/api/v1/national-records/", payload).status_code, 400)
        url = f"/api/v1/national-records/{created.json()['id']}/"
        self.assertEqual(firm.patch(url, {"internal_number": "X"}).status_code, 404)
        self.assertEqual(client.patch(url, {"internal_number": "NB-1"}).json()["internal_number"], "NB-1")

    def test_check_and_export(self):
        client = api_client(self.owner_user, self.institute)
        report = client.get("/api/v1/national-reports/", {"year": 2026}).json()
        self.assertFalse(report["complete"])
        self.assertEqual(report["missing"][0]["instrument"], self.instrument.pk)
        refused = client.get("/api/v1/national-reports/export/", {"year": 2026, "kind": "instruments"})
        self.assertEqual(refused.status_code, 409)
        self.assertEqual(refused.json()["code"], "national_report_incomplete")
        self.assertIn("missing", refused.json())
        forced = client.get("/api/v1/national-reports/export/", {"year": 2026, "output": "xlsx", "force": "1"})
        self.assertEqual(forced.status_code, 200)
        self.assertEqual(forced["Content-Type"], national.XLSX)
        self.complete()
        ok = client.get("/api/v1/national-reports/export/", {"year": 2026, "kind": "services"})
        self.assertEqual(ok.status_code, 200)
        self.assertIn("text/csv", ok["Content-Type"])
        self.assertEqual(client.get("/api/v1/national-reports/export/", {"kind": "people"}).status_code, 400)
        firm = api_client(self.firm_user, self.firm)
        self.assertEqual(firm.get("/api/v1/national-reports/").status_code, 403)
        self.assertEqual(api_client().get("/api/v1/national-reports/").status_code, 401)


class NationalPagesTest(NationalTestCase):
    def setUp(self):
        self.client.force_login(self.owner_user)

    def test_overview_lists_what_is_missing_and_export_is_refused_then_forced(self):
        page = self.client.get(reverse("frontend:sharing_national"))
        self.assertContains(page, "data-national-missing")
        self.assertContains(page, "国家分类编码")
        url = reverse("frontend:sharing_national_export")
        refused = self.client.get(url, {"year": 2026, "kind": "instruments", "output": "csv"})
        self.assertEqual(refused.status_code, 409)
        self.assertContains(refused, "不完整", status_code=409)
        forced = self.client.get(url, {"year": 2026, "kind": "instruments", "output": "csv", "force": "1"})
        self.assertEqual(forced.status_code, 200)
        self.assertIn("attachment", forced["Content-Disposition"])

    def test_edit_validates_and_saves(self):
        url = reverse("frontend:sharing_national_edit", args=[self.instrument.pk])
        data = {**COMPLETE, "acquisition_date": "2019-06-01"}
        bad = self.client.post(url, {**data, "category_code": "03A101"})
        self.assertContains(bad, "6 位数字", status_code=400)
        self.assertRedirects(self.client.post(url, data), reverse("frontend:sharing_national"))
        self.assertEqual(NationalRecord.objects.get().category_code, "030101")
        self.assertRedirects(
            self.client.post(url, {**data, "internal_number": "NB-9"}), reverse("frontend:sharing_national")
        )
        self.assertEqual(NationalRecord.objects.get().internal_number, "NB-9")
        page = self.client.get(reverse("frontend:sharing_national"))
        self.assertNotContains(page, "data-national-missing")

    def test_permissions(self):
        url = reverse("frontend:sharing_national_edit", args=[self.instrument.pk])
        self.client.force_login(make_user(organization=make_organization("institute")))
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(reverse("frontend:sharing_national")).status_code, 403)

    def test_overview_queries_do_not_grow_with_instruments(self):
        url = reverse("frontend:sharing_national")
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for n in range(3):
            self.complete(make_instrument(self.institute, name=f"报送测试仪器{n}"))
        with CaptureQueriesContext(connection) as many:
            self.client.get(url)
        self.assertEqual(len(few), len(many))
