"""Booking from the web: the slot picker, the form (times chosen, never typed), the quote preview that equals what the
booking service freezes, the booking's page, cancelling with the fee shown first, 我的预约 and the dashboard items —
all through the same services as the API, as the acting organization."""

from datetime import time, timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from instruments import services
from instruments.models import Booking
from instruments.rules import round_up
from instruments.testing import local, make_instrument
from marketplace.api.acting import SESSION_KEY
from marketplace.models import Membership, Notification
from marketplace.testing import make_organization, make_user
from vouchers.models import Invoice
from vouchers.testing import make_grant, make_program, register_provider


class BookingWebTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚测试研究院")
        cls.owner_user = make_user(organization=cls.institute)
        cls.instrument = make_instrument(cls.institute, approval_mode="auto")
        cls.item = cls.instrument.service_items.get()
        cls.firm = make_organization("enterprise", name="余姚测试电器有限公司")
        cls.user = make_user(organization=cls.firm)
        cls.program = make_program(make_organization("authority"))
        register_provider(cls.program, cls.institute)
        cls.grant = make_grant(cls.program, cls.firm, Decimal("10000.00"))

    def setUp(self):
        self.client.force_login(self.user)
        self.url = reverse("frontend:book_instrument", args=[self.instrument.pk])

    def form_data(self, start, minutes=120, **extra):
        start = timezone.localtime(start)
        return {
            "service_item": self.item.pk,
            "day": start.date().isoformat(),
            "time": start.strftime("%H:%M"),
            "duration": minutes,
            "purpose": "断口形貌观察",
            **extra,
        }

    def post(self, start, minutes=120, **extra):
        return self.client.post(self.url, self.form_data(start, minutes, **extra))

    def book(self, start, minutes=120, *, organization=None, user=None, use_voucher=True, instrument=None):
        instrument = instrument or self.instrument
        return services.request_booking(
            actor=user or self.user,
            organization=organization or self.firm,
            instrument=instrument,
            service_item=instrument.service_items.get(),
            start=start,
            end=start + timedelta(minutes=minutes),
            payment={"use_voucher": use_voucher},
        )


class SlotPickerTest(BookingWebTestCase):
    def test_each_free_slot_links_to_the_form_with_its_start_and_a_default_duration(self):
        response = self.client.get(reverse("frontend:instrument_detail", args=[self.instrument.pk]))
        day = response.context["week"][2]
        slot = day["slots"][0]
        self.assertEqual((slot["start"].hour, slot["end"].hour), (8, 20))
        link = urlparse(slot["url"])
        self.assertEqual(link.path, self.url)
        self.assertEqual(
            parse_qs(link.query), {"day": [day["date"].isoformat()], "time": ["08:00"], "duration": ["60"]}
        )
        self.assertContains(response, f'href="{slot["url"].replace("&", "&amp;")}"')

        form_page = self.client.get(slot["url"])
        form = form_page.context["form"]
        self.assertEqual(
            (form["day"].value(), form["time"].value(), str(form["duration"].value())),
            (day["date"].isoformat(), "08:00", "60"),
        )
        preview = form_page.context["preview"]  # the quote is there before anything is submitted
        self.assertEqual(
            (preview["quote"].amount, preview["voucher_part"], preview["copay"]),
            (Decimal("600.00"), Decimal("300.00"), Decimal("300.00")),
        )
        self.assertContains(form_page, "¥300")

    def test_the_default_duration_fits_the_instrument_and_the_slot(self):
        from frontend.views.instruments import default_duration, duration_choices

        instrument = make_instrument(self.institute, min_duration_minutes=45, max_duration_minutes=120, slot_minutes=30)
        self.assertEqual(duration_choices(instrument), [60, 90, 120])
        self.assertEqual(default_duration(instrument), 60)
        self.assertEqual(default_duration(instrument, 50), None)
        long = make_instrument(self.institute, min_duration_minutes=120, max_duration_minutes=240, slot_minutes=60)
        self.assertEqual(default_duration(long), 120)

    def test_the_form_offers_only_free_grid_starts_and_allowed_durations(self):
        self.book(local(2, 10))
        form = self.client.get(self.url).context["form"]
        self.assertEqual([c for c, _ in form.fields["duration"].choices][:3], [30, 60, 90])
        self.assertEqual(form.fields["duration"].choices[-1][0], 480)
        times = [c for c, _ in form.fields["time"].choices]
        self.assertIn("08:00", times)
        self.assertNotIn("08:10", times)
        self.assertNotIn("20:00", times)  # closing time: nothing fits after it
        free = self.client.get(self.url).context["free_time"]
        day = local(2, 0).date().isoformat()
        self.assertEqual(free["days"][day], [(480, 600), (720, 1200)])  # 08:00–10:00 and 12:00–20:00
        self.assertEqual(free["min"], 30)


class BookingFormTest(BookingWebTestCase):
    def test_book_with_vouchers_and_land_on_the_booking(self):
        self.assertContains(self.client.get(self.url), "使用创新券抵扣")
        response = self.post(local(2, 10), use_voucher="on")
        booking = Booking.objects.get()
        self.assertRedirects(response, booking.get_absolute_url())
        self.assertEqual(
            (booking.status, booking.amount, booking.voucher_hold.amount),
            ("confirmed", Decimal("1200.00"), Decimal("600.00")),
        )
        listing = self.client.get(reverse("frontend:booking_list"))
        self.assertContains(listing, self.instrument.name)
        self.assertContains(listing, "¥600")

    def test_the_previewed_quote_is_what_the_request_freezes(self):
        poor = make_organization("enterprise")
        poor_user = make_user(organization=poor)
        make_grant(self.program, poor, Decimal("250.00"))
        self.client.force_login(poor_user)
        data = self.form_data(local(3, 9), 150, use_voucher="on")
        quote = self.client.get(reverse("frontend:booking_quote", args=[self.instrument.pk]), data)
        self.assertTemplateUsed(quote, "frontend/bookings/quote.html")
        preview = quote.context["preview"]
        self.assertEqual(
            (preview["quote"].tier, preview["quote"].quantity, preview["quote"].unit_price, preview["quote"].amount),
            ("enterprise", Decimal("2.50"), Decimal("600.00"), Decimal("1500.00")),
        )
        self.assertEqual((preview["voucher_part"], preview["copay"]), (Decimal("250.00"), Decimal("1250.00")))
        for text in ("企业价", "2.5", "¥1,500", "−¥250", "¥1,250"):
            self.assertContains(quote, text)
        self.client.post(self.url, data)
        booking = Booking.objects.get()
        self.assertEqual(
            (booking.price_tier, booking.quantity, booking.unit_price, booking.amount, booking.voucher_hold.amount),
            ("enterprise", Decimal("2.50"), Decimal("600.00"), Decimal("1500.00"), Decimal("250.00")),
        )

    def test_an_institute_is_quoted_the_academic_price_without_vouchers(self):
        other = make_organization("institute")
        self.client.force_login(make_user(organization=other))
        data = self.form_data(local(3, 9), 60)
        preview = self.client.get(reverse("frontend:booking_quote", args=[self.instrument.pk]), data).context["preview"]
        self.assertEqual((preview["quote"].tier, preview["quote"].amount), ("academic", Decimal("450.00")))
        self.assertEqual((preview["voucher"], preview["copay"]), (None, Decimal("450.00")))

    def test_the_preview_button_shows_the_quote_without_booking(self):
        response = self.post(local(2, 10), preview="1", use_voucher="on")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "报价预览")
        self.assertContains(response, "¥1,200")
        self.assertContains(response, "−¥600")
        self.assertFalse(Booking.objects.exists())

    def test_the_quote_tells_of_a_rule_the_request_would_break(self):
        self_operated = make_instrument(self.institute, booking_mode="self_operated")
        data = self.form_data(local(2, 10))
        data["service_item"] = self_operated.service_items.get().pk
        response = self.client.get(reverse("frontend:booking_quote", args=[self_operated.pk]), data)
        self.assertContains(response, "上机资格")

    def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(self):
        cases = {
            "day": {"day": "2020-01-01"},
            "time": {"time": "10:10"},
            "duration": {"duration": "45"},
            "service_item": {"service_item": "999999"},
        }
        for field, bad in cases.items():
            with self.subTest(field):
                response = self.client.post(self.url, {**self.form_data(local(2, 10)), **bad})
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.context["form"].errors[field])
                self.assertContains(response, "field-error")
        self.assertFalse(Booking.objects.exists())

    def test_conflicts_and_rule_breaks_are_messages_on_the_form(self):
        self.post(local(2, 10))
        conflict = self.post(local(2, 11))
        self.assertEqual(conflict.status_code, 200)
        self.assertContains(conflict, "该时段已被预约")
        too_long = self.post(local(3, 18), 180)  # past closing time at 20:00
        self.assertIn("time", too_long.context["form"].errors)
        self.assertEqual(Booking.objects.count(), 1)

    def test_no_voucher_balance_is_a_message_and_nothing_is_held(self):
        broke = make_organization("enterprise")
        self.client.force_login(make_user(organization=broke))
        response = self.post(local(2, 10), use_voucher="on")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "创新券余额")
        self.assertFalse(Booking.objects.exists())

    def test_login_and_an_acting_organization_are_required(self):
        self.client.logout()
        for url in (self.url, reverse("frontend:booking_quote", args=[self.instrument.pk])):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("frontend:login"), response["Location"])
        two = make_user()
        Membership.objects.create(user=two, organization=self.firm, role="member")
        Membership.objects.create(user=two, organization=make_organization("enterprise"), role="member")
        self.client.force_login(two)
        response = self.post(local(2, 10))
        self.assertContains(response, "选择代表机构")
        self.assertFalse(Booking.objects.exists())

    def test_an_invisible_instrument_is_404(self):
        hidden = make_instrument(make_organization("institute", verified=False))
        self.assertEqual(self.client.get(reverse("frontend:book_instrument", args=[hidden.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("frontend:booking_quote", args=[hidden.pk])).status_code, 404)

    def test_english_page(self):
        response = self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response.status_code, 200)


class BookingDetailTest(BookingWebTestCase):
    def test_the_page_shows_quote_hold_timeline_and_the_notification_leads_there(self):
        booking = self.book(local(2, 10))
        url = reverse("frontend:booking_detail", args=[booking.pk])
        self.assertEqual(booking.get_absolute_url(), url)
        notice = Notification.objects.filter(recipient=self.owner_user).latest("id")
        self.assertEqual(notice.link, url)
        response = self.client.get(url)
        html = response.content.decode()
        for text in (
            self.instrument.name,
            "形貌观察",
            "已确认",
            "¥1,200",
            "冻结中",
            "提交预约",
            "取消预约",
            "再次预约",
        ):
            self.assertIn(text, html)
        self.assertEqual(response.context["hold"].amount, Decimal("600.00"))
        rebook = urlparse(response.context["rebook_url"])
        self.assertEqual(parse_qs(rebook.query)["duration"], ["120"])
        self.book(local(1, 8), 480, use_voucher=False)  # tomorrow only 19:00–20:00 stays free: too short for 2 hours
        self.book(local(1, 16), 180, use_voucher=False)
        form = self.client.get(response.context["rebook_url"]).context["form"]
        self.assertEqual((str(form["service_item"].value()), form["duration"].value()), (str(self.item.pk), "120"))
        self.assertNotEqual(form["day"].value(), local(1, 0).date().isoformat())  # the first day two hours fit
        self.client.force_login(self.owner_user)  # the other party sees it too
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_completed_booking_shows_actual_use_redemption_and_its_invoice(self):
        booking = self.book(local(2, 10))
        services.start_booking(booking, actor=self.owner_user, organization=self.institute, now=booking.start)
        services.complete_booking(
            booking,
            actor=self.owner_user,
            organization=self.institute,
            usage_note="正常",
            now=booking.start + timedelta(minutes=90),
        )
        invoice = Invoice.objects.get(booking=booking)
        response = self.client.get(booking.get_absolute_url())
        for text in ("已完成", "已兑用", "¥900", "正常", invoice.number, "使用中", "已完成"):
            self.assertContains(response, text)
        self.assertEqual(response.context["invoices"][0]["invoice"], invoice)
        self.assertTrue(response.context["invoices"][0]["url"])
        self.assertNotContains(response, "取消预约")

    def test_the_page_takes_as_many_queries_however_long_its_history(self):
        def count(booking):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(booking.get_absolute_url()).status_code, 200)
            return len(queries)

        fresh = self.book(local(2, 10))
        count(fresh)  # warm the content-type cache
        done = self.book(local(3, 10))
        services.start_booking(done, actor=self.owner_user, organization=self.institute, now=done.start)
        services.complete_booking(
            done, actor=self.owner_user, organization=self.institute, now=done.start + timedelta(hours=1)
        )
        self.assertEqual(count(fresh), count(done))

    def test_others_get_a_404_and_anonymous_the_login(self):
        booking = self.book(local(2, 10))
        outsider = make_user(organization=make_organization("enterprise"))
        self.client.force_login(outsider)
        for name in ("frontend:booking_detail", "frontend:booking_cancel"):
            self.assertEqual(self.client.get(reverse(name, args=[booking.pk])).status_code, 404)
        self.assertEqual(self.client.post(reverse("frontend:booking_cancel", args=[booking.pk])).status_code, 404)
        self.client.force_login(make_user(platform_admin=True))
        self.assertEqual(self.client.get(booking.get_absolute_url()).status_code, 200)
        self.client.logout()
        self.assertEqual(self.client.get(booking.get_absolute_url()).status_code, 302)


def soon(hours: int) -> timezone.datetime:
    """A start ``hours`` ahead on the 30-minute grid."""
    return round_up(timezone.now() + timedelta(hours=hours), 30)


class CancelTest(BookingWebTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.always_open = make_instrument(cls.institute, approval_mode="auto", hours=((time(0), time(0)),))

    def test_early_cancellation_is_free_and_releases_the_hold(self):
        booking = self.book(local(3, 10))
        url = reverse("frontend:booking_cancel", args=[booking.pk])
        page = self.client.get(url)
        self.assertContains(page, "现在取消免费")
        self.assertFalse(page.context["terms"].late)
        detail = self.client.post(url, {"reason": "计划变更"}, follow=True)
        self.assertRedirects(detail, booking.get_absolute_url())
        booking.refresh_from_db()
        self.assertEqual((booking.status, booking.fee, booking.voucher_hold.status), ("cancelled", 0, "released"))
        self.assertContains(detail, "已解冻")
        self.assertContains(detail, "¥600 已释放")

    def test_late_cancellation_shows_the_fee_first_and_charges_it(self):
        booking = self.book(soon(3), instrument=self.always_open)
        url = reverse("frontend:booking_cancel", args=[booking.pk])
        page = self.client.get(url)
        self.assertTrue(page.context["terms"].late)
        self.assertEqual(page.context["terms"].fee, Decimal("240.00"))  # 20% of 1,200
        self.assertContains(page, "逾期取消费 ¥240")
        self.assertTrue(Booking.objects.get(pk=booking.pk).is_live)  # the page alone changes nothing
        self.client.post(url)
        booking.refresh_from_db()
        self.assertEqual((booking.status, booking.fee), ("cancelled", Decimal("240.00")))
        detail = self.client.get(booking.get_absolute_url())
        self.assertContains(detail, "¥240")
        self.assertContains(detail, "逾期取消")

    def test_the_owner_cancelling_charges_no_fee(self):
        booking = self.book(soon(3), instrument=self.always_open)
        self.client.force_login(self.owner_user)
        page = self.client.get(reverse("frontend:booking_cancel", args=[booking.pk]))
        self.assertEqual(page.context["terms"].fee, Decimal("0.00"))
        self.client.post(reverse("frontend:booking_cancel", args=[booking.pk]), {"reason": "设备故障"})
        booking.refresh_from_db()
        self.assertEqual((booking.status, booking.fee), ("cancelled", Decimal("0.00")))

    def test_a_post_as_a_party_that_is_not_the_booking_s_is_403(self):
        booking = self.book(local(3, 10))
        other = make_organization("enterprise")
        both = make_user(organization=self.firm)
        Membership.objects.create(user=both, organization=other, role="admin")
        self.client.force_login(both)
        session = self.client.session
        session[SESSION_KEY] = other.pk
        session.save()
        self.assertEqual(self.client.get(booking.get_absolute_url()).status_code, 200)  # the user may see it
        self.assertEqual(self.client.post(reverse("frontend:booking_cancel", args=[booking.pk])).status_code, 403)
        self.assertTrue(Booking.objects.get(pk=booking.pk).is_live)

    def test_cancelling_twice_is_a_message_not_an_error(self):
        booking = self.book(local(3, 10))
        url = reverse("frontend:booking_cancel", args=[booking.pk])
        self.client.post(url)
        page = self.client.get(url)
        self.assertContains(page, "不能取消")
        again = self.client.post(url, follow=True)
        self.assertEqual(again.status_code, 200)
        self.assertEqual(Booking.objects.get(pk=booking.pk).status, "cancelled")


class BookingListTest(BookingWebTestCase):
    def test_filters_go_through_the_filterset(self):
        upcoming = self.book(local(3, 10), use_voucher=False)
        cancelled = self.book(local(4, 10), use_voucher=False)
        services.cancel_booking(cancelled, actor=self.user, organization=self.firm)
        past = self.book(local(2, 10), use_voucher=False)
        Booking.objects.filter(pk=past.pk).update(
            start=timezone.now() - timedelta(days=3), end=timezone.now() - timedelta(days=3) + timedelta(hours=1)
        )
        url = reverse("frontend:booking_list")

        def ids(query=""):
            return {b.pk for b in self.client.get(url + query).context["bookings"]}

        self.assertEqual(ids(), {upcoming.pk, cancelled.pk, past.pk})
        self.assertEqual(ids("?status=cancelled"), {cancelled.pk})
        self.assertEqual(ids("?when=upcoming"), {upcoming.pk, cancelled.pk})
        self.assertEqual(ids("?when=past"), {past.pk})
        self.assertEqual(ids("?status=nonsense"), {upcoming.pk, cancelled.pk, past.pk})
        api = self.client.get(reverse("api:booking-list") + "?when=past").json()  # the API filters the same way
        self.assertEqual([row["id"] for row in api["results"]], [past.pk])
        page = self.client.get(url)
        self.assertContains(page, 'data-label="状态"')
        self.assertContains(page, 'class="pill')

    def test_twenty_a_page_and_a_bounded_number_of_queries(self):
        url = reverse("frontend:booking_list")

        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(queries)

        for day in (2, 3):
            self.book(local(day, 10))
        few = count()
        for day in range(4, 10):
            self.book(local(day, 10))
        self.assertEqual(count(), few)
        for day in range(10, 22):
            self.book(local(day, 8), 30, use_voucher=False)
            self.book(local(day, 9), 30, use_voucher=False)
        page = self.client.get(url).context["page_obj"]
        self.assertEqual((len(page.object_list), page.paginator.count), (20, 32))

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        self.client.logout()
        response = self.client.get(reverse("frontend:booking_list"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("frontend:login"), response["Location"])

    def test_the_owner_sees_incoming_bookings(self):
        self.book(local(3, 10))
        self.client.force_login(self.owner_user)
        response = self.client.get(reverse("frontend:booking_list"))
        self.assertContains(response, "本机构仪器收到的预约")
        self.assertContains(response, self.firm.name)


class DashboardItemsTest(BookingWebTestCase):
    def test_counts_for_the_firm_and_the_owner(self):
        from frontend.views.bookings import dashboard_items

        owner_instrument = make_instrument(self.institute, approval_mode="owner")
        self.book(local(3, 10), instrument=owner_instrument, use_voucher=False)
        done = self.book(local(2, 10), use_voucher=False)
        services.start_booking(done, actor=self.owner_user, organization=self.institute, now=done.start)
        services.complete_booking(
            done, actor=self.owner_user, organization=self.institute, now=done.start + timedelta(hours=1)
        )
        self.book(local(4, 10), use_voucher=False)
        firm = {item.label: item for item in dashboard_items(None, self.firm)}
        self.assertEqual(firm["即将进行的预约"].count, 1)
        self.assertFalse(firm["即将进行的预约"].action)
        self.assertEqual(firm["已完成并出具结算单的预约"].count, 1)
        owner = {item.label: item for item in dashboard_items(None, self.institute)}
        self.assertEqual(owner["待确认的预约"].count, 1)
        self.assertTrue(owner["待确认的预约"].action)
        self.assertEqual(self.client.get(reverse("frontend:dashboard")).status_code, 200)
