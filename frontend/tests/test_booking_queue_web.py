"""预约管理 from the web: an institute's queue of the bookings of its instruments (confirm, reject with a reason, check
in, check out with the actual use billed, no-show with its fee), the week calendar per instrument with its waitlist —
the forms' validation, who may do what, and bounded query counts."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontend.views.bookings import week_param
from instruments import services
from instruments.models import Booking, WaitlistEntry
from instruments.testing import local, make_instrument
from marketplace.models import Notification
from marketplace.testing import make_organization, make_user


def next_monday() -> date:
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


class QueueTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚队列测试研究院")
        cls.owner_user = make_user(organization=cls.institute)
        cls.instrument = make_instrument(cls.institute, approval_mode="owner", name="队列测试电镜")
        cls.firm = make_organization("enterprise", name="余姚队列测试电器有限公司")
        cls.user = make_user(organization=cls.firm)

    def setUp(self):
        self.client.force_login(self.owner_user)

    def book(self, start, minutes=60, *, instrument=None):
        instrument = instrument or self.instrument
        return services.request_booking(
            actor=self.user,
            organization=self.firm,
            instrument=instrument,
            service_item=instrument.service_items.get(),
            start=start,
            end=start + timedelta(minutes=minutes),
            payment={"use_voucher": False},
        )

    def confirm(self, booking):
        return services.confirm_booking(booking, actor=self.owner_user, organization=self.institute)

    def started(self, hours_ago=2, minutes=120):
        """A confirmed session whose booked start lay ``hours_ago`` hours back, checked in at that start."""
        booking = self.confirm(self.book(local(2, 10), minutes))
        start = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=hours_ago)
        Booking.objects.filter(pk=booking.pk).update(start=start, end=start + timedelta(minutes=minutes))
        booking.refresh_from_db()
        return services.start_booking(booking, actor=self.owner_user, organization=self.institute, now=start)

    def overdue(self):
        """A confirmed booking past its start, not checked in."""
        booking = self.confirm(self.book(local(2, 10)))
        start = timezone.now() - timedelta(hours=1)
        Booking.objects.filter(pk=booking.pk).update(start=start, end=start + timedelta(hours=1))
        booking.refresh_from_db()
        return booking

    def status(self, booking):
        return Booking.objects.get(pk=booking.pk).status


class QueueTest(QueueTestCase):
    def test_tabs_list_the_owner_s_bookings_with_their_buttons(self):
        requested = self.book(local(3, 10))
        late = self.overdue()
        url = reverse("frontend:booking_queue")
        page = self.client.get(url)
        rows = list(page.context["page_obj"].object_list)
        self.assertEqual({b.pk for b in rows}, {requested.pk, late.pk})
        self.assertContains(page, reverse("frontend:booking_confirm", args=[requested.pk]))
        self.assertContains(page, reverse("frontend:booking_reject", args=[requested.pk]))
        self.assertContains(page, reverse("frontend:booking_no_show", args=[late.pk]))
        self.assertContains(page, "记为爽约（¥300）")  # 50 % of the ¥600 quote, shown before marking
        self.assertNotContains(page, reverse("frontend:booking_confirm", args=[late.pk]))
        requests = self.client.get(url + "?show=requested").context["page_obj"].object_list
        self.assertEqual([b.pk for b in requests], [requested.pk])
        overdue = self.client.get(url + "?show=overdue").context["page_obj"].object_list
        self.assertEqual([b.pk for b in overdue], [late.pk])
        tabs = {tab["name"]: tab["count"] for tab in page.context["tabs"]}
        self.assertEqual((tabs["pending"], tabs["requested"], tabs["overdue"]), (2, 1, 1))

    def test_the_instrument_filter_and_a_bad_filter_value(self):
        other = make_instrument(self.institute, approval_mode="owner", name="队列测试光谱仪")
        mine = self.book(local(3, 10))
        theirs = self.book(local(3, 10), instrument=other)
        url = reverse("frontend:booking_queue")
        rows = self.client.get(url, {"show": "requested", "instrument": other.pk}).context["page_obj"].object_list
        self.assertEqual([b.pk for b in rows], [theirs.pk])
        rows = self.client.get(url, {"instrument": "nonsense", "status": "bogus"}).context["page_obj"].object_list
        self.assertEqual({b.pk for b in rows}, {mine.pk, theirs.pk})

    def test_another_organization_s_bookings_are_not_listed(self):
        rival = make_organization("institute", name="另一研究院")
        foreign = self.book(local(3, 10), instrument=make_instrument(rival, approval_mode="owner"))
        page = self.client.get(reverse("frontend:booking_queue") + "?show=all")
        self.assertNotIn(foreign.pk, [b.pk for b in page.context["page_obj"].object_list])

    def test_two_or_twenty_bookings_take_the_same_queries(self):
        url = reverse("frontend:booking_queue")

        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(queries)

        self.book(local(3, 10))
        self.overdue()
        few = count()
        for day in range(4, 10):
            for hour in (8, 10, 12):
                self.book(local(day, hour))
        self.confirm(self.book(local(10, 8)))
        page = self.client.get(url).context["page_obj"]
        self.assertEqual(len(page.object_list), 20)
        self.assertEqual(count(), few)

    def test_anonymous_users_sign_in_and_firms_are_refused(self):
        booking = self.book(local(3, 10))
        self.client.logout()
        for url in (reverse("frontend:booking_queue"), reverse("frontend:booking_calendar", args=[self.instrument.pk])):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("frontend:login"), response["Location"])
        response = self.client.post(reverse("frontend:booking_confirm", args=[booking.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("frontend:login"), response["Location"])
        self.client.force_login(self.user)  # the requesting firm's member
        self.assertEqual(self.client.get(reverse("frontend:booking_queue")).status_code, 403)
        self.assertEqual(self.client.post(reverse("frontend:booking_confirm", args=[booking.pk])).status_code, 403)
        self.assertEqual(self.status(booking), "requested")


class ConfirmRejectTest(QueueTestCase):
    def test_confirm_tells_the_requester_and_returns_to_the_queue(self):
        booking = self.book(local(3, 10))
        queue = reverse("frontend:booking_queue") + "?show=requested"
        response = self.client.post(reverse("frontend:booking_confirm", args=[booking.pk]), {"next": queue})
        self.assertRedirects(response, queue, fetch_redirect_response=False)
        self.assertEqual(self.status(booking), "confirmed")
        self.assertTrue(Notification.objects.filter(recipient=self.user, title__contains="预约已确认").exists())
        page = self.client.get(queue)
        self.assertContains(page, f"已确认 {self.firm.name} 的预约")
        self.assertNotIn(booking.pk, [b.pk for b in page.context["page_obj"].object_list])

    def test_confirming_twice_is_a_clear_message_not_an_error(self):
        booking = self.confirm(self.book(local(3, 10)))
        response = self.client.post(reverse("frontend:booking_confirm", args=[booking.pk]), follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "该预约当前为“已确认”，不能确认。")
        self.assertEqual(self.status(booking), "confirmed")

    def test_confirm_is_post_only(self):
        booking = self.book(local(3, 10))
        self.assertEqual(self.client.get(reverse("frontend:booking_confirm", args=[booking.pk])).status_code, 405)
        self.assertEqual(self.status(booking), "requested")

    def test_reject_without_a_reason_is_a_field_message_and_nothing_changes(self):
        booking = self.book(local(3, 10))
        url = reverse("frontend:booking_reject", args=[booking.pk])
        for reason in ("", "   "):
            response = self.client.post(url, {"reason": reason, "next": reverse("frontend:booking_queue")})
            self.assertEqual(response.status_code, 200)
            self.assertTemplateUsed(response, "frontend/bookings/reject.html")
            self.assertIn("reason", response.context["form"].errors)
            self.assertContains(response, "请填写拒绝原因。")
            self.assertEqual(self.status(booking), "requested")
        self.assertFalse(Notification.objects.filter(recipient=self.user, title__contains="未通过").exists())

    def test_reject_with_a_reason_frees_the_slot_and_tells_the_requester(self):
        booking = self.book(local(3, 10))
        response = self.client.post(reverse("frontend:booking_reject", args=[booking.pk]), {"reason": "设备检修"})
        self.assertRedirects(response, reverse("frontend:booking_queue"))
        booking.refresh_from_db()
        self.assertEqual((booking.status, booking.reason), ("rejected", "设备检修"))
        note = Notification.objects.get(recipient=self.user, title__contains="未通过")
        self.assertEqual(note.body, "设备检修")

    def test_rejecting_a_confirmed_booking_is_refused_on_the_page(self):
        booking = self.confirm(self.book(local(3, 10)))
        url = reverse("frontend:booking_reject", args=[booking.pk])
        self.assertContains(self.client.get(url), "只能拒绝待确认的预约")
        response = self.client.post(url, {"reason": "太晚了"}, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "不能拒绝")
        self.assertEqual(self.status(booking), "confirmed")

    def test_another_organization_s_booking_is_404(self):
        booking = self.book(local(3, 10))
        rival = make_user(organization=make_organization("institute", name="另一研究院"))
        self.client.force_login(rival)
        for name in ("booking_confirm", "booking_reject", "booking_check_in", "booking_check_out", "booking_no_show"):
            url = reverse(f"frontend:{name}", args=[booking.pk])
            self.assertEqual(self.client.post(url, {"reason": "x"}).status_code, 404, name)
        for name in ("booking_reject", "booking_check_out", "booking_no_show"):
            self.assertEqual(self.client.get(reverse(f"frontend:{name}", args=[booking.pk])).status_code, 404, name)
        self.assertEqual(self.status(booking), "requested")


class CheckInOutTest(QueueTestCase):
    def test_check_in_too_early_is_a_message(self):
        booking = self.confirm(self.book(local(3, 10)))
        response = self.client.post(reverse("frontend:booking_check_in", args=[booking.pk]), follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "尚未到预约时间。")
        self.assertEqual(self.status(booking), "confirmed")

    def test_check_in_a_late_session(self):
        booking = self.overdue()
        response = self.client.post(reverse("frontend:booking_check_in", args=[booking.pk]), follow=True)
        self.assertContains(response, "已签到")
        booking.refresh_from_db()
        self.assertEqual(booking.status, "in_progress")
        self.assertIsNotNone(booking.actual_start)

    def test_check_out_bills_the_actual_use(self):
        booking = self.started(hours_ago=2, minutes=120)
        url = reverse("frontend:booking_check_out", args=[booking.pk])
        page = self.client.get(url)
        self.assertContains(page, 'type="datetime-local"')
        end = timezone.localtime(booking.start + timedelta(minutes=80))
        response = self.client.post(url, {"actual_end": end.strftime("%Y-%m-%dT%H:%M"), "usage_note": "正常"})
        self.assertRedirects(response, booking.get_absolute_url())
        booking.refresh_from_db()
        # 80 minutes, rounded up to the 30-minute grid: 1.5 h × ¥600.
        self.assertEqual((booking.status, booking.final_amount), ("completed", Decimal("900.00")))
        self.assertEqual(booking.actual_end, booking.start + timedelta(minutes=80))
        detail = self.client.get(booking.get_absolute_url())
        self.assertContains(detail, "结算金额")
        self.assertContains(detail, "¥900")

    def test_check_out_defaults_to_now(self):
        booking = self.started(hours_ago=1, minutes=120)
        url = reverse("frontend:booking_check_out", args=[booking.pk])
        initial = timezone.make_aware(self.client.get(url).context["form"]["actual_end"].value())
        self.assertLess(abs(timezone.now() - initial), timedelta(minutes=2))
        before = timezone.now()
        self.client.post(url, {"actual_end": timezone.localtime(initial).strftime("%Y-%m-%dT%H:%M")})
        booking.refresh_from_db()
        self.assertEqual(booking.status, "completed")
        self.assertGreaterEqual(booking.actual_end, before - timedelta(minutes=1))

    def test_a_bad_actual_end_is_a_field_message_and_nothing_changes(self):
        booking = self.started(hours_ago=2, minutes=120)
        url = reverse("frontend:booking_check_out", args=[booking.pk])
        too_early = timezone.localtime(booking.actual_start - timedelta(hours=1))
        too_late = timezone.localtime(timezone.now() + timedelta(hours=2))
        for value, text in (
            ("", "该字段是必填项。"),
            ("2026-02-31T25:99", "输入一个有效的日期/时间。"),
            (too_early.strftime("%Y-%m-%dT%H:%M"), "实际结束时间不能早于签到时间"),
            (too_late.strftime("%Y-%m-%dT%H:%M"), "实际结束时间不能晚于现在。"),
        ):
            response = self.client.post(url, {"actual_end": value})
            self.assertEqual(response.status_code, 200, value)
            self.assertIn("actual_end", response.context["form"].errors, value)
            self.assertContains(response, text)
            booking.refresh_from_db()
            self.assertEqual((booking.status, booking.final_amount), ("in_progress", None))

    def test_preview_shows_the_bill_without_checking_out(self):
        booking = self.started(hours_ago=2, minutes=120)
        url = reverse("frontend:booking_check_out", args=[booking.pk])
        end = timezone.localtime(booking.start + timedelta(minutes=50))
        page = self.client.post(url, {"actual_end": end.strftime("%Y-%m-%dT%H:%M"), "preview": "1"})
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.context["estimate"]["amount"], Decimal("600.00"))
        self.assertEqual(self.status(booking), "in_progress")

    def test_checking_out_a_booking_not_in_progress_says_so(self):
        booking = self.confirm(self.book(local(3, 10)))
        url = reverse("frontend:booking_check_out", args=[booking.pk])
        self.assertContains(self.client.get(url), "只有使用中的预约可以签退")
        response = self.client.post(url, {"actual_end": "2026-01-01T10:00"}, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.status(booking), "confirmed")


class NoShowTest(QueueTestCase):
    def test_the_fee_is_shown_first_then_charged(self):
        booking = self.overdue()
        url = reverse("frontend:booking_no_show", args=[booking.pk])
        page = self.client.get(url)
        self.assertEqual(page.context["fee"], Decimal("300.00"))
        self.assertContains(page, "确认爽约，收取 ¥300")
        self.assertEqual(self.status(booking), "confirmed")
        response = self.client.post(url, follow=True)
        self.assertRedirects(response, booking.get_absolute_url())
        self.assertContains(response, "爽约费 ¥300")
        booking.refresh_from_db()
        self.assertEqual((booking.status, booking.fee), ("no_show", Decimal("300.00")))

    def test_too_early_or_twice_is_a_message(self):
        booking = self.confirm(self.book(local(3, 10)))
        url = reverse("frontend:booking_no_show", args=[booking.pk])
        self.assertContains(self.client.get(url), "预约尚未开始")
        response = self.client.post(url, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "预约尚未开始。")
        self.assertEqual(self.status(booking), "confirmed")
        late = self.overdue()
        self.client.post(reverse("frontend:booking_no_show", args=[late.pk]))
        again = self.client.post(reverse("frontend:booking_no_show", args=[late.pk]), follow=True)
        self.assertContains(again, "不能记为爽约")


class CalendarTest(QueueTestCase):
    def url(self, **query):
        base = reverse("frontend:booking_calendar", args=[self.instrument.pk])
        return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

    def test_the_week_shows_its_bookings_by_day(self):
        monday = next_monday()
        tuesday = timezone.make_aware(datetime.combine(monday + timedelta(days=1), time.min))
        booking = self.book(tuesday + timedelta(hours=10), 90)
        outside = self.book(tuesday + timedelta(days=7, hours=10))
        rejected = self.book(tuesday + timedelta(hours=14))
        services.reject_booking(rejected, actor=self.owner_user, organization=self.institute, reason="检修")
        page = self.client.get(self.url(week=week_param(monday)))
        self.assertEqual(page.status_code, 200)
        calendar = page.context["calendar"]
        self.assertEqual((calendar["start"], calendar["count"]), (monday, 1))
        tuesday_column = calendar["days"][1]
        self.assertEqual([item["booking"].pk for item in tuesday_column["items"]], [booking.pk])
        self.assertEqual(tuesday_column["items"][0]["time"], "10:00–11:30")
        self.assertContains(page, f'data-booking="{booking.pk}"')
        self.assertNotContains(page, f'data-booking="{outside.pk}"')
        self.assertNotContains(page, f'data-booking="{rejected.pk}"')
        self.assertContains(page, self.firm.name)

    def test_navigating_weeks_and_bad_values_fall_back_to_this_week(self):
        today = timezone.localdate()
        this_monday = today - timedelta(days=today.weekday())
        self.assertEqual(self.client.get(self.url()).context["calendar"]["start"], this_monday)
        self.assertEqual(self.client.get(self.url(week="2026-W50")).context["calendar"]["start"], date(2026, 12, 7))
        self.assertEqual(self.client.get(self.url(start="2026-12-10")).context["calendar"]["start"], date(2026, 12, 7))
        for bad in ({"week": "2026-W60"}, {"week": "nonsense"}, {"start": "2026-13-45"}, {"start": "tomorrow"}):
            page = self.client.get(self.url(**bad))
            self.assertEqual(page.status_code, 200, bad)
            self.assertEqual(page.context["calendar"]["start"], this_monday, bad)
        page = self.client.get(self.url(week="2026-W50"))
        self.assertContains(page, 'href="?week=2026-W49"')
        self.assertContains(page, 'href="?week=2026-W51"')
        self.assertContains(page, "2026-12-07 – 12-13")

    def test_the_picker_opens_the_chosen_instrument_s_week(self):
        other = make_instrument(self.institute, name="日历测试光谱仪")
        pick = reverse("frontend:booking_calendar_pick")
        response = self.client.get(pick, {"instrument": other.pk, "week": "2026-W50"})
        self.assertRedirects(response, reverse("frontend:booking_calendar", args=[other.pk]) + "?week=2026-W50")
        foreign = make_instrument(make_organization("institute", name="另一研究院"))
        response = self.client.get(pick, {"instrument": foreign.pk, "week": "<script>"})
        self.assertEqual(response.status_code, 302)
        self.assertNotIn(str(foreign.pk) + "/", response["Location"])
        self.assertNotIn("script", response["Location"])

    def test_another_organization_s_instrument_is_404(self):
        foreign = make_instrument(make_organization("institute", name="另一研究院"))
        self.assertEqual(self.client.get(reverse("frontend:booking_calendar", args=[foreign.pk])).status_code, 404)

    def test_the_waitlist_lists_current_entries(self):
        start = local(3, 9)
        entry = services.join_waitlist(
            actor=self.user,
            organization=self.firm,
            instrument=self.instrument,
            window_start=start,
            window_end=start + timedelta(hours=6),
            min_minutes=90,
        )
        past = WaitlistEntry.objects.create(
            instrument=self.instrument,
            user=self.user,
            organization=self.firm,
            window_start=timezone.now() - timedelta(days=2),
            window_end=timezone.now() - timedelta(days=1),
        )
        page = self.client.get(self.url())
        self.assertEqual([e.pk for e in page.context["waitlist"]], [entry.pk])
        self.assertContains(page, f'data-waitlist="{entry.pk}"')
        self.assertNotContains(page, f'data-waitlist="{past.pk}"')
        self.assertContains(page, "90 分钟")
        self.assertContains(page, "等待中")

    def test_two_or_twenty_bookings_take_the_same_queries(self):
        monday = next_monday()
        url = self.url(week=week_param(monday))

        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(queries)

        def at(day, hour):
            midnight = datetime.combine(monday + timedelta(days=day), time.min)
            return timezone.make_aware(midnight) + timedelta(hours=hour)

        self.book(at(0, 9))
        self.confirm(self.book(at(1, 9)))
        few = count()
        for day in range(2, 7):
            for hour in (8, 10, 12, 14):
                self.book(at(day, hour))
        self.assertEqual(self.client.get(url).context["calendar"]["count"], 22)
        self.assertEqual(count(), few)


class DashboardCountTest(QueueTestCase):
    def test_the_owner_s_three_counts_are_one_query(self):
        from frontend.views.bookings import dashboard_items

        self.book(local(3, 10))
        self.overdue()
        with self.assertNumQueries(1):
            counts = {item.label: item.count for item in dashboard_items(None, self.institute)}
        self.assertEqual(counts, {"待确认的预约": 1, "今日待签到/签退的预约": 0, "已过开始时间仍未签到的预约": 1})

    def test_a_firm_s_information_is_counted_only_when_read(self):
        from frontend.views.bookings import dashboard_items

        self.confirm(self.book(local(3, 10)))
        with self.assertNumQueries(0):
            items = dashboard_items(None, self.firm)
        self.assertEqual({item.label: item.count for item in items}["即将进行的预约"], 1)


class FacilityListLinkTest(QueueTestCase):
    def test_the_waiting_count_links_to_the_instrument_s_requests(self):
        self.book(local(3, 10))
        page = self.client.get(reverse("frontend:facility_list"))
        queue = reverse("frontend:booking_queue") + f"?show=requested&amp;instrument={self.instrument.pk}"
        self.assertContains(page, f'href="{queue}"')
