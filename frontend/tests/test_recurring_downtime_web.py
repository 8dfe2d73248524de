"""Recurring bookings, downtime and usage corrections in the pages: the booking form's 重复预约 option (conflicts
skipped and listed, or the whole series refused with the dates), the series page and cancelling its future
occurrences, the owner's downtime page (declare → free cancellation with the reason and alternatives on the
booking's page; end / withdraw), check-in with the operator and the usage correction. Permissions equal the API's
(another organization's series, instrument or booking → 404; the requester cannot correct usage → 403); query
counts do not grow with rows."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from instruments import downtime, series, services
from instruments.models import Booking, BookingSeries, Closure
from instruments.testing import local, make_instrument
from marketplace.models import AuditEntry, Notification
from marketplace.testing import make_organization, make_user


class WebTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚测试研究院")
        cls.owner_user = make_user(organization=cls.institute)
        cls.instrument = make_instrument(cls.institute, approval_mode="auto", name="X射线衍射仪")
        cls.item = cls.instrument.service_items.get()
        cls.firm = make_organization("enterprise", name="余姚测试电器有限公司")
        cls.user = make_user(organization=cls.firm)
        cls.stranger_org = make_organization("enterprise")
        cls.stranger = make_user(organization=cls.stranger_org)
        cls.other_institute = make_organization("institute")
        cls.other_owner = make_user(organization=cls.other_institute)

    def book(self, start, minutes=60, *, organization=None, user=None):
        return services.request_booking(
            actor=user or self.user,
            organization=organization or self.firm,
            instrument=self.instrument,
            service_item=self.item,
            start=start,
            end=start + timedelta(minutes=minutes),
        )

    def series_form(self, start, **extra):
        start = timezone.localtime(start)
        return {
            "service_item": self.item.pk,
            "day": start.date().isoformat(),
            "time": start.strftime("%H:%M"),
            "duration": 120,
            "repeat": "weekly",
            "repeat_count": 4,
            "on_conflict": "skip",
            **extra,
        }

    def count_queries(self, url):
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(context)


class RecurringBookingPageTest(WebTestCase):
    def setUp(self):
        self.client.force_login(self.user)
        self.url = reverse("frontend:book_instrument", args=[self.instrument.pk])

    def test_weekly_series_with_a_conflicting_week_skipped(self):
        self.book(local(10, 10), organization=self.stranger_org, user=self.stranger)
        response = self.client.post(self.url, self.series_form(local(3, 9)))
        created = BookingSeries.objects.get()
        self.assertRedirects(response, created.get_absolute_url())
        page = self.client.get(created.get_absolute_url())
        self.assertContains(page, "跳过的日期（1）")
        self.assertContains(page, local(10, 9).strftime("%Y-%m-%d %H:%M"))
        self.assertContains(page, "该时段已被预约")
        self.assertEqual(created.bookings.count(), 3)

    def test_refuse_comes_back_on_the_form_with_the_dates(self):
        self.book(local(10, 10), organization=self.stranger_org, user=self.stranger)
        response = self.client.post(self.url, self.series_form(local(3, 9), on_conflict="refuse"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "以下日期无法预约")
        self.assertFalse(BookingSeries.objects.exists())
        self.assertEqual(Booking.objects.count(), 1)

    def test_validation_count_or_until(self):
        response = self.client.post(self.url, self.series_form(local(3, 9), repeat_count=""))
        self.assertIn("repeat_count", response.context["form"].errors)
        response = self.client.post(self.url, self.series_form(local(3, 9), repeat_count=60))
        self.assertIn("repeat_count", response.context["form"].errors)
        self.assertFalse(BookingSeries.objects.exists())

    def test_cancel_all_future_and_permissions(self):
        self.client.post(self.url, self.series_form(local(3, 9)))
        created = BookingSeries.objects.get()
        cancel = reverse("frontend:booking_series_cancel", args=[created.pk])
        self.client.force_login(self.stranger)
        self.assertEqual(self.client.get(created.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.post(cancel).status_code, 404)
        self.client.force_login(self.user)
        response = self.client.post(cancel, {"reason": "项目调整"})
        self.assertRedirects(response, created.get_absolute_url())
        self.assertEqual(set(created.bookings.values_list("status", flat=True)), {"cancelled"})
        self.client.force_login(self.owner_user)
        self.assertContains(self.client.get(created.get_absolute_url()), "没有可取消的后续预约")

    def test_series_page_queries_do_not_grow_with_occurrences(self):
        few = series.book_series(
            actor=self.user,
            organization=self.firm,
            instrument=self.instrument,
            service_item=self.item,
            start=local(3, 9),
            end=local(3, 10),
            frequency="daily",
            count=2,
        ).series
        many = series.book_series(
            actor=self.user,
            organization=self.firm,
            instrument=self.instrument,
            service_item=self.item,
            start=local(3, 14),
            end=local(3, 15),
            frequency="daily",
            count=10,
        ).series
        self.assertEqual(self.count_queries(few.get_absolute_url()), self.count_queries(many.get_absolute_url()))


class DowntimePageTest(WebTestCase):
    def setUp(self):
        self.client.force_login(self.owner_user)
        self.url = reverse("frontend:downtime_list", args=[self.instrument.pk])

    def post(self, **extra):
        data = {
            "downtime-kind": "maintenance",
            "downtime-start": local(2, 0).strftime("%Y-%m-%dT%H:%M"),
            "downtime-end": local(3, 0).strftime("%Y-%m-%dT%H:%M"),
            "downtime-reason": "更换X光管",
            **extra,
        }
        return self.client.post(self.url, data)

    def test_declare_cancels_free_and_the_firm_sees_reason_and_alternatives(self):
        hit = self.book(local(2, 10))
        other = make_instrument(self.other_institute, name="备用衍射仪")
        self.assertEqual(other.category, self.instrument.category)
        response = self.post()
        self.assertRedirects(response, self.url)
        hit.refresh_from_db()
        self.assertEqual((hit.status, hit.fee), ("cancelled", Decimal("0.00")))
        self.assertContains(self.client.get(self.url), "更换X光管")
        note = Notification.objects.get(recipient=self.user, kind="booking.downtime")
        self.assertIn("备用衍射仪", note.body)
        self.client.force_login(self.user)
        page = self.client.get(hit.get_absolute_url())
        self.assertContains(page, "因仪器停机取消")
        self.assertContains(page, "更换X光管")
        self.assertContains(page, "备用衍射仪")
        self.assertEqual(len(page.context["alternatives"]), 4)

    def test_the_cancelled_bookings_page_is_bounded_however_many_instruments_could_replace_it(self):
        hit = self.book(local(2, 10))
        self.post()
        self.client.force_login(self.user)
        few = self.count_queries(reverse("frontend:booking_detail", args=[hit.pk]))
        for n in range(12):
            make_instrument(self.other_institute, name=f"同类仪器{n}")
        many = self.count_queries(reverse("frontend:booking_detail", args=[hit.pk]))
        # up to downtime.OTHER_INSTRUMENTS × 2 candidates are read (3 queries each), never every instrument
        self.assertLessEqual(many, few + 3 * 2 * downtime.OTHER_INSTRUMENTS)
        self.assertLess(many, 60)

    def test_validation_keeps_the_form(self):
        response = self.post(**{"downtime-reason": ""})
        self.assertEqual(response.status_code, 200)
        self.assertIn("reason", response.context["form"].errors)
        response = self.post(**{"downtime-end": local(1, 0).strftime("%Y-%m-%dT%H:%M")})
        self.assertIn("end", response.context["form"].errors)
        self.assertFalse(Closure.objects.exists())

    def test_permissions(self):
        self.client.force_login(self.other_owner)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.post().status_code, 404)
        self.client.force_login(self.user)
        self.assertEqual(self.client.get(self.url).status_code, 403)  # a firm has no instrument workspace
        self.client.force_login(self.owner_user)
        item = downtime.declare_downtime(
            actor=self.owner_user,
            organization=self.institute,
            instrument=self.instrument,
            kind="fault",
            start=local(5, 0),
            end=local(6, 0),
            reason="故障",
        ).downtime
        self.client.force_login(self.other_owner)
        end = reverse("frontend:downtime_end", args=[self.instrument.pk, item.pk])
        self.assertEqual(self.client.post(end).status_code, 404)
        self.client.force_login(self.owner_user)
        self.assertRedirects(self.client.post(end), self.url)
        self.assertFalse(Closure.objects.filter(pk=item.pk).exists())
        # a downtime is not removable as a plain closure
        again = downtime.declare_downtime(
            actor=self.owner_user,
            organization=self.institute,
            instrument=self.instrument,
            kind="fault",
            start=local(5, 0),
            end=local(6, 0),
            reason="故障",
        ).downtime
        remove = reverse("frontend:closure_remove", args=[self.instrument.pk, again.pk])
        self.assertEqual(self.client.post(remove).status_code, 404)

    def test_queries_do_not_grow_with_downtimes(self):
        def declare(day):
            downtime.declare_downtime(
                actor=self.owner_user,
                organization=self.institute,
                instrument=self.instrument,
                kind="maintenance",
                start=local(day, 0),
                end=local(day, 6),
                reason="保养",
            )

        declare(2)
        few = self.count_queries(self.url)
        for day in range(3, 9):
            declare(day)
        self.assertEqual(self.count_queries(self.url), few)


class UsagePageTest(WebTestCase):
    def session(self):
        booking = self.book(local(2, 10))
        Booking.objects.filter(pk=booking.pk).update(start=timezone.now() - timedelta(minutes=5))
        booking.refresh_from_db()
        return booking

    def test_check_in_records_the_chosen_operator(self):
        operator = make_user(organization=self.institute)
        booking = self.session()
        self.client.force_login(self.owner_user)
        detail = self.client.get(booking.get_absolute_url())
        self.assertIn(operator, detail.context["operators"])
        url = reverse("frontend:booking_check_in", args=[booking.pk])
        self.client.post(url, {"operated_by": self.stranger.pk})  # not a party's member: refused
        booking.refresh_from_db()
        self.assertEqual(booking.status, "confirmed")
        self.client.post(url, {"operated_by": operator.pk})
        booking.refresh_from_db()
        self.assertEqual((booking.status, booking.operated_by), ("in_progress", operator))

    def test_correct_usage_requires_a_reason_and_is_audited(self):
        booking = self.session()
        services.start_booking(booking, actor=self.owner_user, organization=self.institute)
        url = reverse("frontend:booking_correct_usage", args=[booking.pk])
        self.client.force_login(self.user)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.force_login(self.other_owner)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.owner_user)
        start = timezone.localtime(timezone.now() - timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M")
        response = self.client.post(url, {"actual_start": start, "reason": ""})
        self.assertIn("reason", response.context["form"].errors)
        response = self.client.post(url, {"actual_start": start, "reason": "补录签到"})
        self.assertRedirects(response, booking.get_absolute_url())
        self.assertTrue(AuditEntry.objects.filter(object_id=str(booking.pk), transition="usage_corrected").exists())

    def test_billed_booking_shows_why_it_cannot_be_corrected(self):
        booking = self.session()
        booking = services.start_booking(booking, actor=self.owner_user, organization=self.institute)
        services.complete_booking(booking, actor=self.owner_user, organization=self.institute)
        self.client.force_login(self.owner_user)
        response = self.client.get(reverse("frontend:booking_correct_usage", args=[booking.pk]))
        self.assertContains(response, "已开具收费确认单")
