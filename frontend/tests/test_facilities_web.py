"""仪器管理 in the pages: an institute's or service provider's instruments, their service items, opening hours,
closures, quotas and qualifications. Every write goes through the API's serializers (so its rules apply and bad input
comes back as field messages with nothing saved); another organization's instrument is not found (404); a firm has
no such workspace (403); anonymous visitors are asked to sign in; the list's query count does not grow with rows."""

import io
import shutil
import tempfile
from datetime import time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontend.views.facilities import dashboard_items, nav_links
from instruments.models import BookingQuota, Closure, Instrument, OpeningHours, Qualification, ServiceItem
from instruments.testing import local, make_instrument, qualify
from marketplace.models import AuditEntry
from marketplace.testing import make_organization, make_user

MEDIA = tempfile.mkdtemp(prefix="facilities-media-")


def png_bytes(size=(4, 3)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 79, 145)).save(buffer, format="PNG")
    return buffer.getvalue()


def instrument_post(**overrides) -> dict:
    data = {
        "name": "工业CT检测系统",
        "name_en": "Industrial CT system",
        "category": "special_inspection",
        "model_number": "XT H 225",
        "manufacturer": "尼康",
        "country": "日本",
        "original_value": "5200000.00",
        "purchase_date": "2023-05-10",
        "building": "3号楼",
        "room": "105",
        "address": "余姚市阳明街道",
        "contact_name": "王工",
        "contact_phone": "0574-62000000",
        "capabilities": "铸件内部缺陷三维检测",
        "specs": "最大电压: 225 kV\n分辨率：3 μm",
        "sample_requirements": "样品不超过 30 kg",
        "status": "active",
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "voucher_eligible": "on",
        "lead_time_hours": "24",
        "max_advance_days": "60",
        "min_duration_minutes": "30",
        "max_duration_minutes": "480",
        "slot_minutes": "30",
        "buffer_minutes": "15",
        "cancellation_deadline_hours": "24",
        "late_cancel_fee_percent": "20",
        "no_show_fee_percent": "50",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@override_settings(MEDIA_ROOT=MEDIA)
class FacilitiesWebTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚测试光电研究院")
        cls.owner_user = make_user(organization=cls.institute)
        cls.other = make_organization("service_provider", name="余姚另一家检测服务公司")
        cls.other_user = make_user(organization=cls.other)
        cls.firm = make_organization("enterprise", name="余姚测试电器有限公司")
        cls.firm_user = make_user("firm_operator", organization=cls.firm)
        cls.instrument = make_instrument(cls.institute, name="场发射扫描电镜")

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def setUp(self):
        self.client.force_login(self.owner_user)

    def manage_url(self, instrument=None):
        return reverse("frontend:facility_manage", args=[(instrument or self.instrument).pk])

    def queries(self, url):
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(context)


class InstrumentFormTest(FacilitiesWebTestCase):
    def test_registering_an_instrument_goes_through_the_serializer(self):
        response = self.client.post(reverse("frontend:facility_create"), instrument_post())
        instrument = Instrument.objects.get(name="工业CT检测系统")
        self.assertRedirects(response, self.manage_url(instrument))
        self.assertEqual(instrument.owner, self.institute)
        self.assertEqual(instrument.specs, {"最大电压": "225 kV", "分辨率": "3 μm"})
        self.assertEqual(instrument.original_value, Decimal("5200000.00"))
        self.assertTrue(instrument.voucher_eligible)
        self.assertEqual(instrument.buffer_minutes, 15)
        self.assertTrue(AuditEntry.objects.filter(object_id=str(instrument.pk), action="create").exists())

    def test_max_duration_below_min_is_refused_and_nothing_saved(self):
        response = self.client.post(
            reverse("frontend:facility_create"), instrument_post(min_duration_minutes="120", max_duration_minutes="60")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "最短时长不能大于最长时长")
        self.assertFalse(Instrument.objects.filter(name="工业CT检测系统").exists())

    def test_missing_and_out_of_range_values_are_field_errors(self):
        response = self.client.post(
            reverse("frontend:facility_create"),
            instrument_post(name="", category="", original_value="abc"),
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertEqual(set(form.errors), {"name", "category", "original_value"})
        response = self.client.post(
            reverse("frontend:facility_create"), instrument_post(late_cancel_fee_percent="150", slot_minutes="2")
        )
        form = response.context["form"]
        self.assertIn("late_cancel_fee_percent", form.errors)
        self.assertIn("slot_minutes", form.errors)
        self.assertEqual(Instrument.objects.count(), 1)

    def test_a_spec_line_without_a_value_separator_is_a_field_error(self):
        response = self.client.post(reverse("frontend:facility_create"), instrument_post(specs="分辨率 3 μm"))
        self.assertIn("specs", response.context["form"].errors)
        self.assertEqual(Instrument.objects.count(), 1)

    def test_a_real_photo_is_stored_and_served_on_the_public_photo_url(self):
        photo = SimpleUploadedFile("ct.png", png_bytes(), content_type="image/png")
        response = self.client.post(reverse("frontend:facility_create"), {**instrument_post(), "photo": photo})
        instrument = Instrument.objects.get(name="工业CT检测系统")
        self.assertRedirects(response, self.manage_url(instrument))
        self.assertTrue(instrument.photo.name.startswith("instruments/"))
        self.client.logout()
        served = self.client.get(reverse("frontend:instrument_photo", args=[instrument.pk]))
        self.assertEqual(served.status_code, 200)
        self.assertEqual(served["Content-Type"], "image/png")
        self.assertEqual(b"".join(served.streaming_content), png_bytes())

    def test_a_text_file_renamed_jpg_is_refused_and_nothing_stored(self):
        fake = SimpleUploadedFile("ct.jpg", b"this is not an image at all", content_type="image/jpeg")
        response = self.client.post(reverse("frontend:facility_create"), {**instrument_post(), "photo": fake})
        self.assertEqual(response.status_code, 200)
        self.assertIn("photo", response.context["form"].errors)
        self.assertContains(response, "请上传 JPG、PNG 或 WebP 格式的图片")
        self.assertFalse(Instrument.objects.filter(name="工业CT检测系统").exists())

    def test_the_api_refuses_the_same_disguised_photo(self):
        from rest_framework.test import APIClient

        client = APIClient()
        client.force_authenticate(self.owner_user)
        fake = SimpleUploadedFile("ct.jpg", b"this is not an image at all", content_type="image/jpeg")
        url = reverse("api:instrument-detail", args=[self.instrument.pk])
        response = client.patch(url, {"photo": fake}, format="multipart")
        self.assertEqual(response.status_code, 400)
        self.assertIn("请上传 JPG、PNG 或 WebP 格式的图片", str(response.json()["errors"]["photo"]))
        real = SimpleUploadedFile("ct.png", png_bytes(), content_type="image/png")
        self.assertEqual(client.patch(url, {"photo": real}, format="multipart").status_code, 200)

    def test_a_wrong_extension_and_an_oversized_photo_are_refused(self):
        exe = SimpleUploadedFile("ct.exe", b"MZ" + b"0" * 100)
        response = self.client.post(
            reverse("frontend:facility_edit", args=[self.instrument.pk]),
            {
                **instrument_post(name="场发射扫描电镜"),
                "photo": exe,
            },
        )
        self.assertIn("photo", response.context["form"].errors)
        huge = SimpleUploadedFile("ct.png", png_bytes() + b"0" * (5 * 1024 * 1024), content_type="image/png")
        response = self.client.post(
            reverse("frontend:facility_edit", args=[self.instrument.pk]),
            {
                **instrument_post(name="场发射扫描电镜"),
                "photo": huge,
            },
        )
        self.assertIn("5 MB", str(response.context["form"].errors["photo"]))
        self.instrument.refresh_from_db()
        self.assertFalse(self.instrument.photo)

    def test_editing_changes_rules_and_keeps_the_photo_when_none_is_chosen(self):
        url = reverse("frontend:facility_edit", args=[self.instrument.pk])
        photo = SimpleUploadedFile("sem.png", png_bytes(), content_type="image/png")
        self.client.post(url, {**instrument_post(name="场发射扫描电镜"), "photo": photo})
        self.instrument.refresh_from_db()
        stored = self.instrument.photo.name
        self.assertTrue(stored)
        response = self.client.get(url)
        self.assertContains(response, 'value="场发射扫描电镜"')
        response = self.client.post(
            url, instrument_post(name="场发射扫描电镜", status="maintenance", voucher_eligible=None)
        )
        self.assertRedirects(response, self.manage_url())
        self.instrument.refresh_from_db()
        self.assertEqual(self.instrument.status, "maintenance")
        self.assertFalse(self.instrument.voucher_eligible)
        self.assertEqual(self.instrument.photo.name, stored)

    def test_the_photo_of_a_hidden_instrument_is_not_served(self):
        retired = make_instrument(self.institute, name="已停用的电镜", status="retired")
        retired.photo.save("old.png", io.BytesIO(png_bytes()))
        url = reverse("frontend:instrument_photo", args=[retired.pk])
        self.assertEqual(self.client.get(url).status_code, 200)  # the owner sees its own
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.get(reverse("frontend:instrument_photo", args=[self.instrument.pk])).status_code, 404
        )


class ServiceItemTest(FacilitiesWebTestCase):
    def item_post(self, **overrides):
        data = {
            "item-name": "三维扫描",
            "item-description": "含重建",
            "item-unit": "sample",
            "item-price_enterprise": "800.00",
            "item-price_academic": "600.00",
            "item-price_internal": "400.00",
            "item-active": "on",
        }
        data.update(overrides)
        return data

    def test_adding_editing_and_deactivating_a_service_item(self):
        url = reverse("frontend:service_item_create", args=[self.instrument.pk])
        response = self.client.post(url, self.item_post())
        self.assertRedirects(response, self.manage_url() + "#items", fetch_redirect_response=False)
        item = ServiceItem.objects.get(name="三维扫描")
        self.assertEqual(item.price_enterprise, Decimal("800.00"))
        edit = reverse("frontend:service_item_edit", args=[self.instrument.pk, item.pk])
        response = self.client.post(edit, {**{k[5:]: v for k, v in self.item_post().items()}, "price_academic": "550"})
        self.assertRedirects(response, self.manage_url() + "#items", fetch_redirect_response=False)
        item.refresh_from_db()
        self.assertEqual(item.price_academic, Decimal("550.00"))
        self.client.post(reverse("frontend:service_item_toggle", args=[self.instrument.pk, item.pk]))
        item.refresh_from_db()
        self.assertFalse(item.active)

    def test_a_negative_price_is_a_field_error_and_nothing_saved(self):
        url = reverse("frontend:service_item_create", args=[self.instrument.pk])
        response = self.client.post(url, self.item_post(**{"item-price_enterprise": "-1"}))
        self.assertEqual(response.status_code, 200)
        self.assertIn("price_enterprise", response.context["item_form"].errors)
        response = self.client.post(url, self.item_post(**{"item-unit": ""}))
        self.assertIn("unit", response.context["item_form"].errors)
        self.assertFalse(ServiceItem.objects.filter(name="三维扫描").exists())

    def test_another_owners_item_is_not_found(self):
        theirs = make_instrument(self.other, name="别家的三坐标")
        item = theirs.service_items.get()
        for url in (
            reverse("frontend:service_item_edit", args=[theirs.pk, item.pk]),
            reverse("frontend:service_item_edit", args=[self.instrument.pk, item.pk]),
        ):
            self.assertEqual(self.client.get(url).status_code, 404)
        response = self.client.post(reverse("frontend:service_item_toggle", args=[theirs.pk, item.pk]))
        self.assertEqual(response.status_code, 404)
        response = self.client.post(reverse("frontend:service_item_create", args=[theirs.pk]), self.item_post())
        self.assertEqual(response.status_code, 404)
        item.refresh_from_db()
        self.assertTrue(item.active)


class OpeningHoursTest(FacilitiesWebTestCase):
    def post_hours(self, rows, initial=0):
        data = {"hours-TOTAL_FORMS": str(len(rows)), "hours-INITIAL_FORMS": str(initial)}
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"hours-{i}-{key}"] = value
        return self.client.post(reverse("frontend:opening_hours_save", args=[self.instrument.pk]), data)

    def test_the_week_is_replaced_by_the_rows_kept(self):
        response = self.post_hours(
            [
                {"weekday": "0", "start": "08:30", "end": "12:00"},
                {"weekday": "0", "start": "13:30", "end": "17:00"},
                {"weekday": "5", "start": "18:00", "end": "00:00"},
                {"weekday": "", "start": "", "end": ""},
            ]
        )
        self.assertRedirects(response, self.manage_url() + "#hours", fetch_redirect_response=False)
        rows = list(OpeningHours.objects.filter(instrument=self.instrument).values_list("weekday", "start", "end"))
        self.assertEqual(rows, [(0, time(8, 30), time(12)), (0, time(13, 30), time(17)), (5, time(18), time(0))])

    def test_end_before_start_and_overlaps_are_refused_and_nothing_changes(self):
        before = OpeningHours.objects.filter(instrument=self.instrument).count()
        response = self.post_hours([{"weekday": "1", "start": "12:00", "end": "09:00"}])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "结束时间应晚于开始时间")
        response = self.post_hours(
            [{"weekday": "1", "start": "08:00", "end": "12:00"}, {"weekday": "1", "start": "11:00", "end": "13:00"}]
        )
        self.assertContains(response, "同一天的开放时间不能重叠")
        response = self.post_hours([{"weekday": "2", "start": "08:00", "end": ""}])
        self.assertContains(response, "请填写此项")
        self.assertEqual(OpeningHours.objects.filter(instrument=self.instrument).count(), before)

    def test_deleting_a_row(self):
        page = self.client.get(self.manage_url())
        formset = page.context["hours_formset"]
        self.assertEqual(formset.initial_form_count(), 7)
        rows = [
            {"weekday": str(i), "start": "08:00", "end": "20:00", **({"DELETE": "on"} if i else {})} for i in range(7)
        ]
        self.post_hours(rows, initial=7)
        self.assertEqual(list(self.instrument.opening_hours.values_list("weekday", flat=True)), [0])


class ClosuresAndQuotasTest(FacilitiesWebTestCase):
    def test_adding_and_removing_a_closure(self):
        start, end = local(3, 8), local(4, 18)
        url = reverse("frontend:closure_add", args=[self.instrument.pk])
        fmt = "%Y-%m-%dT%H:%M"
        response = self.client.post(
            url,
            {"closure-start": start.strftime(fmt), "closure-end": end.strftime(fmt), "closure-reason": "年度校准"},
        )
        self.assertRedirects(response, self.manage_url() + "#closures", fetch_redirect_response=False)
        closure = Closure.objects.get(instrument=self.instrument)
        self.assertEqual((closure.start, closure.end, closure.reason), (start, end, "年度校准"))
        self.assertNotIn(start.replace(hour=9), [s for s, _e in self._free(start)])
        self.client.post(reverse("frontend:closure_remove", args=[self.instrument.pk, closure.pk]))
        self.assertFalse(Closure.objects.filter(instrument=self.instrument).exists())

    def _free(self, start):
        from instruments.services import available_slots

        return available_slots(self.instrument, start, start + timedelta(days=1))

    def test_a_closure_ending_before_it_starts_is_a_field_error(self):
        url = reverse("frontend:closure_add", args=[self.instrument.pk])
        response = self.client.post(url, {"closure-start": "2030-05-02T10:00", "closure-end": "2030-05-01T10:00"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("end", response.context["closure_form"].errors)
        self.assertFalse(Closure.objects.exists())

    def test_quotas_one_per_period_with_a_limit(self):
        url = reverse("frontend:quota_add", args=[self.instrument.pk])
        response = self.client.post(url, {"quota-period": "week", "quota-max_hours": "10"})
        self.assertRedirects(response, self.manage_url() + "#quotas", fetch_redirect_response=False)
        quota = BookingQuota.objects.get(instrument=self.instrument)
        self.assertEqual(quota.max_hours, Decimal("10.00"))
        response = self.client.post(url, {"quota-period": "week", "quota-max_bookings": "3"})
        self.assertContains(response, "每个周期只能设置一个配额")
        response = self.client.post(url, {"quota-period": "month"})
        self.assertContains(response, "请设置小时数或次数上限")
        self.assertEqual(BookingQuota.objects.filter(instrument=self.instrument).count(), 1)
        self.client.post(reverse("frontend:quota_remove", args=[self.instrument.pk, quota.pk]))
        self.assertFalse(BookingQuota.objects.exists())

    def test_another_owners_closure_and_quota_are_not_found(self):
        theirs = make_instrument(self.other, name="别家的盐雾箱")
        closure = Closure.objects.create(instrument=theirs, start=local(2, 8), end=local(2, 12))
        quota = BookingQuota.objects.create(instrument=theirs, period="week", max_bookings=2)
        for url in (
            reverse("frontend:closure_remove", args=[theirs.pk, closure.pk]),
            reverse("frontend:closure_remove", args=[self.instrument.pk, closure.pk]),
            reverse("frontend:quota_remove", args=[theirs.pk, quota.pk]),
            reverse("frontend:closure_add", args=[theirs.pk]),
            reverse("frontend:opening_hours_save", args=[theirs.pk]),
        ):
            self.assertEqual(self.client.post(url).status_code, 404, url)
        self.assertTrue(Closure.objects.filter(pk=closure.pk).exists())
        self.assertTrue(BookingQuota.objects.filter(pk=quota.pk).exists())


class QualificationTest(FacilitiesWebTestCase):
    def test_granting_extending_and_revoking(self):
        url = reverse("frontend:qualification_grant", args=[self.instrument.pk])
        until = timezone.localdate() + timedelta(days=90)
        response = self.client.post(url, {"qual-user": "firm_operator", "qual-valid_until": until.isoformat()})
        self.assertRedirects(response, self.manage_url() + "#qualifications", fetch_redirect_response=False)
        qualification = Qualification.objects.get(user=self.firm_user, instrument=self.instrument)
        self.assertEqual(qualification.valid_until, until)
        later = until + timedelta(days=365)
        self.client.post(
            reverse("frontend:qualification_extend", args=[self.instrument.pk, qualification.pk]),
            {f"extend-{qualification.pk}-valid_until": later.isoformat()},
        )
        qualification.refresh_from_db()
        self.assertEqual(qualification.valid_until, later)
        self.client.post(reverse("frontend:qualification_revoke", args=[self.instrument.pk, qualification.pk]))
        self.assertFalse(Qualification.objects.exists())
        self.assertTrue(AuditEntry.objects.filter(action="delete", object_id=str(qualification.pk)).exists())

    def test_unknown_user_and_duplicates_are_field_errors(self):
        url = reverse("frontend:qualification_grant", args=[self.instrument.pk])
        until = (timezone.localdate() + timedelta(days=90)).isoformat()
        response = self.client.post(url, {"qual-user": "nobody_here", "qual-valid_until": until})
        self.assertEqual(response.status_code, 200)
        self.assertIn("user", response.context["qualification_form"].errors)
        qualify(self.firm_user, self.instrument)
        response = self.client.post(url, {"qual-user": "firm_operator", "qual-valid_until": until})
        self.assertContains(response, "该用户已有此仪器的上机资格")
        response = self.client.post(url, {"qual-user": "firm_operator", "qual-valid_until": "not a date"})
        self.assertIn("valid_until", response.context["qualification_form"].errors)
        self.assertEqual(Qualification.objects.count(), 1)

    def test_a_bad_extension_date_is_a_field_error(self):
        qualification = qualify(self.firm_user, self.instrument, days=20)
        before = qualification.valid_until
        url = reverse("frontend:qualification_extend", args=[self.instrument.pk, qualification.pk])
        response = self.client.post(url, {f"extend-{qualification.pk}-valid_until": "2027-13-45"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="field-error"')
        qualification.refresh_from_db()
        self.assertEqual(qualification.valid_until, before)

    def test_the_qualification_list_query_count_does_not_grow_with_rows(self):
        url = reverse("frontend:facility_qualifications")
        qualify(self.firm_user, self.instrument)
        qualify(self.other_user, self.instrument)
        two = self.queries(url)
        for _n in range(5):
            qualify(make_user(), make_instrument(self.institute, name="另一台仪器"))
        self.assertEqual(self.queries(url), two)

    def test_another_owners_qualification_cannot_be_touched(self):
        theirs = make_instrument(self.other, name="别家的电镜")
        qualification = qualify(self.firm_user, theirs)
        for url in (
            reverse("frontend:qualification_revoke", args=[theirs.pk, qualification.pk]),
            reverse("frontend:qualification_revoke", args=[self.instrument.pk, qualification.pk]),
            reverse("frontend:qualification_extend", args=[self.instrument.pk, qualification.pk]),
        ):
            self.assertEqual(self.client.post(url).status_code, 404)
        self.assertTrue(Qualification.objects.filter(pk=qualification.pk).exists())

    def test_the_qualification_list_and_the_expiring_filter(self):
        soon = Qualification.objects.create(
            user=self.firm_user, instrument=self.instrument, valid_until=timezone.localdate() + timedelta(days=10)
        )
        Qualification.objects.create(
            user=self.other_user, instrument=self.instrument, valid_until=timezone.localdate() + timedelta(days=200)
        )
        qualify(self.owner_user, make_instrument(self.other, name="别家的仪器"), days=5)
        response = self.client.get(reverse("frontend:facility_qualifications"))
        self.assertEqual(len(response.context["page_obj"].object_list), 2)
        response = self.client.get(reverse("frontend:facility_qualifications") + "?expiring=1")
        self.assertEqual(list(response.context["page_obj"].object_list), [soon])


class ListAndPermissionTest(FacilitiesWebTestCase):
    def test_the_list_shows_every_status_and_filters_through_the_filterset(self):
        make_instrument(self.institute, name="维护中的拉力机", status="maintenance")
        make_instrument(self.institute, name="已停用的光谱仪", status="retired")
        make_instrument(self.other, name="别家的仪器")
        response = self.client.get(reverse("frontend:facility_list"))
        names = [i.name for i in response.context["page_obj"].object_list]
        self.assertEqual(names, ["场发射扫描电镜", "已停用的光谱仪", "维护中的拉力机"])
        self.assertContains(response, "登记仪器")
        response = self.client.get(reverse("frontend:facility_list") + "?status=maintenance")
        self.assertEqual([i.name for i in response.context["page_obj"].object_list], ["维护中的拉力机"])
        response = self.client.get(reverse("frontend:facility_list") + "?q=光谱")
        self.assertEqual([i.name for i in response.context["page_obj"].object_list], ["已停用的光谱仪"])

    def test_waiting_requests_are_counted(self):
        from instruments.services import request_booking

        request_booking(
            actor=self.firm_user,
            organization=self.firm,
            instrument=self.instrument,
            service_item=self.instrument.service_items.get(),
            start=local(2, 9),
            end=local(2, 10),
            sample_count=0,
            purpose="",
            payment={"use_voucher": False},
        )
        response = self.client.get(reverse("frontend:facility_list"))
        self.assertEqual(response.context["page_obj"].object_list[0].waiting, 1)

    def test_the_list_query_count_does_not_grow_with_rows(self):
        url = reverse("frontend:facility_list")
        make_instrument(self.institute, name="仪器二")
        two = self.queries(url)
        for n in range(5):
            make_instrument(self.institute, name=f"仪器{n + 3}")
        self.assertEqual(self.queries(url), two)

    def test_the_management_page_query_count_does_not_grow_with_rows(self):
        qualify(self.firm_user, self.instrument)
        two = self.queries(self.manage_url())
        for n in range(5):
            ServiceItem.objects.create(
                instrument=self.instrument,
                name=f"项目{n}",
                unit="hour",
                price_enterprise=1,
                price_academic=1,
                price_internal=1,
            )
            Closure.objects.create(instrument=self.instrument, start=local(n + 2, 8), end=local(n + 2, 9))
            qualify(make_user(), self.instrument)
        self.assertEqual(self.queries(self.manage_url()), two)

    def test_another_owners_instrument_is_not_found(self):
        theirs = make_instrument(self.other, name="别家的仪器")
        for name in ("frontend:facility_manage", "frontend:facility_edit"):
            self.assertEqual(self.client.get(reverse(name, args=[theirs.pk])).status_code, 404)
        response = self.client.post(reverse("frontend:facility_edit", args=[theirs.pk]), instrument_post(name="改名"))
        self.assertEqual(response.status_code, 404)
        theirs.refresh_from_db()
        self.assertEqual(theirs.name, "别家的仪器")

    def test_a_firm_is_refused(self):
        self.client.force_login(self.firm_user)
        for url in (
            reverse("frontend:facility_list"),
            reverse("frontend:facility_create"),
            reverse("frontend:facility_manage", args=[self.instrument.pk]),
        ):
            self.assertEqual(self.client.get(url).status_code, 403, url)
        response = self.client.post(reverse("frontend:facility_create"), instrument_post())
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Instrument.objects.count(), 1)

    def test_anonymous_visitors_are_asked_to_sign_in(self):
        self.client.logout()
        response = self.client.get(reverse("frontend:facility_list"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("frontend:login"), response["Location"])

    def test_the_management_page_links_to_the_public_page(self):
        response = self.client.get(self.manage_url())
        self.assertContains(response, f'href="{self.instrument.get_absolute_url()}"')
        self.assertContains(response, "¥600")


class DashboardTest(FacilitiesWebTestCase):
    def test_items_and_navigation_for_owners_only(self):
        make_instrument(self.institute, name="维护中的拉力机", status="maintenance")
        Qualification.objects.create(
            user=self.firm_user, instrument=self.instrument, valid_until=timezone.localdate() + timedelta(days=10)
        )
        qualify(self.other_user, self.instrument, days=100)
        request = self.client.get(reverse("frontend:dashboard")).wsgi_request
        items = {item.label: item for item in dashboard_items(request, self.institute)}
        self.assertEqual(items["30 天内到期的上机资格"].count, 1)
        self.assertTrue(items["30 天内到期的上机资格"].action)
        self.assertEqual(items["维护中的仪器"].count, 1)
        self.assertFalse(items["维护中的仪器"].action)
        self.assertEqual([link["name"] for link in nav_links(request, self.institute)], ["facility_list"])
        self.assertEqual(dashboard_items(request, self.firm), [])
        self.assertEqual(nav_links(request, self.firm), [])
        response = self.client.get(reverse("frontend:dashboard"))
        self.assertContains(response, "30 天内到期的上机资格")
        self.assertContains(response, reverse("frontend:facility_list"))
