"""机时记录: entered records, the instrument PC's CSV import (headers in Chinese or English, bad rows by line number,
all or nothing, size cap), completed external bookings counted automatically; API and pages with permissions."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from instruments.testing import make_instrument
from marketplace.testing import api_client, make_organization, make_user
from sharing.models import RuntimeRecord
from sharing.services import runtime
from sharing.testing import completed_booking

YESTERDAY = timezone.localdate() - timedelta(days=1)
D = YESTERDAY.isoformat()
CHINESE = f"日期,开始时间,结束时间,使用人,类型\n{D},08:00,10:30,张三,自用\n{D},13:00,15:00,李四,教学\n"
ENGLISH = f"date,start,end,user,kind\n{D},22:00,02:00,Wang,external\n"


class RuntimeTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute")
        cls.owner_user = make_user(organization=cls.institute)
        cls.instrument = make_instrument(cls.institute, name="机时测试光谱仪")
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)

    def import_(self, text, encoding="utf-8"):
        return runtime.import_runtime_csv(
            self.instrument, text.encode(encoding), actor=self.owner_user, organization=self.institute
        )


class RuntimeRulesTest(RuntimeTestCase):
    def test_hours_between(self):
        from datetime import time

        self.assertEqual(runtime.hours_between(time(8), time(10, 30)), Decimal("2.50"))
        self.assertEqual(runtime.hours_between(time(22), time(2)), Decimal("4.00"))  # overnight
        self.assertIsNone(runtime.hours_between(time(8), time(8)))

    def test_import_chinese_headers_gbk_and_english_headers(self):
        result = self.import_(CHINESE, "gbk")
        self.assertEqual(result.created, 2)
        result = self.import_(ENGLISH)
        self.assertEqual(result.created, 1)
        kinds = dict(RuntimeRecord.objects.values_list("kind", "hours"))
        self.assertEqual(kinds, {"own_use": Decimal("2.50"), "teaching": Decimal("2.00"), "external": Decimal("4.00")})
        self.assertEqual(set(RuntimeRecord.objects.values_list("source", flat=True)), {"csv"})

    def test_importing_the_same_file_twice_adds_nothing(self):
        self.import_(CHINESE)
        again = self.import_(CHINESE)
        self.assertEqual((again.created, again.duplicates), (0, 2))
        self.assertEqual(RuntimeRecord.objects.count(), 2)

    def test_bad_rows_are_listed_by_line_and_nothing_is_saved(self):
        text = CHINESE + "2026-13-01,08:00,09:00,赵六,自用\n" + f"{D},08:00,08:00,钱七,维修\n"
        with self.assertRaises(runtime.ImportRejected) as caught:
            self.import_(text)
        lines = [row["line"] for row in caught.exception.details["rows"]]
        self.assertEqual(lines, [4, 5])
        self.assertIn("第 5 行", caught.exception.details["errors"]["file"][1])
        self.assertIn("维修", caught.exception.details["errors"]["file"][1])
        self.assertFalse(RuntimeRecord.objects.exists())

    def test_missing_columns_empty_files_and_the_size_cap(self):
        for text in ("日期,开始时间\n2026-01-01,08:00\n", "", "date,start,end,kind\n"):
            with self.subTest(text=text), self.assertRaises(runtime.ImportRejected):
                self.import_(text)
        with self.assertRaises(runtime.ImportRejected) as caught:
            runtime.import_runtime_csv(
                self.instrument, b"x" * (runtime.MAX_CSV_BYTES + 1), actor=self.owner_user, organization=self.institute
            )
        self.assertIn("1 MB", str(caught.exception.message))

    def test_completed_external_bookings_count_automatically_and_are_not_imported_twice(self):
        booking = completed_booking(self.instrument, self.firm, self.firm_user, day=-1, hour=10, hours=2)
        day = timezone.localtime(booking.actual_start).date()
        totals = runtime.runtime_totals([self.instrument.pk], date(day.year, 1, 1), date(day.year, 12, 31))
        self.assertEqual(totals[self.instrument.pk]["platform"], Decimal("2.00"))
        self.assertFalse(RuntimeRecord.objects.exists())  # computed, not copied
        text = f"date,start,end,user,kind\n{day},10:00,12:00,{self.firm.name},对外服务\n{day},14:00,15:00,x,对外服务\n"
        result = self.import_(text)
        self.assertEqual((result.created, result.platform_overlaps), (1, 1))
        totals = runtime.runtime_totals([self.instrument.pk], date(day.year, 1, 1), date(day.year, 12, 31))
        self.assertEqual(totals[self.instrument.pk]["external_total"], Decimal("3.00"))

    def test_owners_own_bookings_are_not_external(self):
        completed_booking(self.instrument, self.institute, self.owner_user, day=-1)
        year = timezone.localdate().year
        totals = runtime.runtime_totals([self.instrument.pk], date(year - 1, 1, 1), date(year, 12, 31))
        self.assertEqual(totals[self.instrument.pk]["platform"], Decimal("0.00"))

    def test_only_the_owner_imports(self):
        from marketplace.exceptions import DomainError

        with self.assertRaises(DomainError):
            runtime.import_runtime_csv(self.instrument, CHINESE.encode(), actor=self.firm_user, organization=self.firm)


class RuntimeAPITest(RuntimeTestCase):
    url = "/api/v1/runtime-records/"

    def test_create_from_times_list_and_permissions(self):
        client = api_client(self.owner_user, self.institute)
        payload = {"instrument": self.instrument.pk, "date": D, "start_time": "09:00", "end_time": "11:15",
                   "kind": "teaching", "user_name": "实验课"}  # fmt: skip
        response = client.post(self.url, payload)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["hours"], "2.25")
        bad = client.post(self.url, {**payload, "hours": "30", "start_time": None, "end_time": None})
        self.assertEqual(bad.status_code, 400)
        self.assertIn("hours", bad.json()["errors"])
        self.assertEqual(client.post(self.url, {**payload, "kind": "repair"}).status_code, 400)
        self.assertEqual(client.get(self.url).json()["count"], 1)
        firm = api_client(self.firm_user, self.firm)
        self.assertEqual(firm.get(self.url).json()["count"], 0)
        refused = firm.post(self.url, payload)
        self.assertEqual(refused.status_code, 400)
        self.assertIn("instrument", refused.json()["errors"])

    def test_import_endpoint(self):
        client = api_client(self.owner_user, self.institute)
        upload = SimpleUploadedFile("log.csv", CHINESE.encode(), content_type="text/csv")
        response = client.post(
            self.url + "import/", {"instrument": self.instrument.pk, "file": upload}, format="multipart"
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["created"], 2)
        bad = SimpleUploadedFile("log.csv", (CHINESE + "x,y,z,w,v\n").encode(), content_type="text/csv")
        response = client.post(
            self.url + "import/", {"instrument": self.instrument.pk, "file": bad}, format="multipart"
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["code"], "csv_invalid")
        self.assertEqual(response.json()["rows"][0]["line"], 4)
        firm = api_client(self.firm_user, self.firm)
        upload = SimpleUploadedFile("log.csv", CHINESE.encode(), content_type="text/csv")
        response = firm.post(
            self.url + "import/", {"instrument": self.instrument.pk, "file": upload}, format="multipart"
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(RuntimeRecord.objects.count(), 2)


class RuntimePagesTest(RuntimeTestCase):
    def setUp(self):
        self.client.force_login(self.owner_user)
        self.url = reverse("frontend:sharing_instrument_runtime", args=[self.instrument.pk])

    def test_add_upload_and_delete(self):
        response = self.client.post(self.url, {"action": "add", "date": D, "hours": "3", "kind": "own_use"})
        self.assertEqual(response.status_code, 302)
        bad = self.client.post(self.url, {"action": "add", "date": D, "start_time": "09:00", "kind": "own_use"})
        self.assertContains(bad, "同时填写", status_code=400)
        upload = SimpleUploadedFile("log.csv", (CHINESE + f"{D},25:00,26:00,x,自用\n").encode())
        rejected = self.client.post(self.url, {"action": "import", "file": upload})
        self.assertContains(rejected, "第 4 行", status_code=400)
        self.assertEqual(RuntimeRecord.objects.count(), 1)
        upload = SimpleUploadedFile("log.csv", CHINESE.encode())
        self.assertEqual(self.client.post(self.url, {"action": "import", "file": upload}).status_code, 302)
        self.assertEqual(RuntimeRecord.objects.count(), 3)
        page = self.client.get(self.url + f"?year={YESTERDAY.year}")
        self.assertContains(page, "张三")
        overview = self.client.get(reverse("frontend:sharing_runtime") + f"?year={YESTERDAY.year}")
        self.assertContains(overview, "7.50")
        record = RuntimeRecord.objects.first()
        self.client.post(reverse("frontend:sharing_runtime_delete", args=[record.pk]))
        self.assertEqual(RuntimeRecord.objects.count(), 2)

    def test_other_organizations_are_refused(self):
        rival = make_organization("institute")
        self.client.force_login(make_user(organization=rival))
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.get(reverse("frontend:sharing_runtime")).status_code, 403)

    def test_overview_queries_do_not_grow_with_instruments(self):
        url = reverse("frontend:sharing_runtime")
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for n in range(3):
            instrument = make_instrument(self.institute, name=f"机时测试仪器{n}")
            RuntimeRecord.objects.create(instrument=instrument, date=YESTERDAY, hours=2, kind="own_use")
        with CaptureQueriesContext(connection) as many:
            self.client.get(url)
        self.assertEqual(len(few), len(many))
