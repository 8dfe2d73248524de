"""Booking services and API: every rule, transition, fee and the permission matrix."""

from datetime import time, timedelta
from decimal import Decimal

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from instruments import services
from instruments.models import Booking, Closure
from instruments.testing import local, make_instrument, qualify
from marketplace.exceptions import DomainError
from marketplace.models import AuditEntry, Notification
from marketplace.testing import APIResourceTests, api_client, make_organization, make_user


class BookingTestBase(APIResourceTests.Base):
    owner_kind = "institute"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.instrument = make_instrument(cls.owner)
        cls.item = cls.instrument.service_items.get()

    def book(self, start=None, end=None, org=None, user=None, **kw):
        start = start or local(2, 10)
        return services.request_booking(
            actor=user or self.firm_user,
            organization=org or self.firm,
            instrument=kw.pop("instrument", self.instrument),
            service_item=kw.pop("service_item", self.item),
            start=start,
            end=end or start + timedelta(hours=2),
            **kw,
        )

    def assert_domain_error(self, code, func, *args, **kwargs):
        with pytest.raises(DomainError) as excinfo:
            func(*args, **kwargs)
        self.assertEqual(excinfo.value.code, code)


class RequestRulesTest(BookingTestBase):
    def test_quote_is_frozen_by_tier(self):
        booking = self.book()
        self.assertEqual(
            (booking.price_tier, booking.unit_price, booking.quantity), ("enterprise", Decimal("600.00"), 2)
        )
        self.assertEqual(booking.amount, Decimal("1200.00"))
        self.assertEqual(booking.status, "requested")
        self.item.price_enterprise = Decimal("999.00")
        self.item.save()
        booking.refresh_from_db()
        self.assertEqual(booking.amount, Decimal("1200.00"))  # later price changes do not touch the quote
        institute = make_organization("institute")
        academic = self.book(local(3, 10), org=institute, user=make_user(organization=institute))
        self.assertEqual(academic.unit_price, Decimal("450.00"))
        internal = self.book(local(4, 10), org=self.owner, user=self.owner_user)
        self.assertEqual(internal.unit_price, Decimal("300.00"))

    def test_auto_confirm_and_notifications(self):
        instrument = make_instrument(self.owner, approval_mode="auto")
        booking = self.book(instrument=instrument, service_item=instrument.service_items.get())
        self.assertEqual(booking.status, "confirmed")
        self.assertTrue(Notification.objects.filter(recipient=self.firm_user, kind="booking.confirmed").exists())
        self.assertTrue(Notification.objects.filter(recipient=self.owner_user).exists())
        self.assertTrue(AuditEntry.objects.filter(object_id=str(booking.pk), action="create").exists())

    def test_rules(self):
        cases = [
            ("advance_window", {"start": local(40, 10)}),
            ("off_grid", {"start": local(2, 10, 15)}),
            ("duration_out_of_range", {"start": local(2, 8), "end": local(2, 17)}),
            ("outside_opening_hours", {"start": local(2, 19), "end": local(2, 21)}),
            ("rule_violation", {"start": local(2, 12), "end": local(2, 11)}),
        ]
        for code, kwargs in cases:
            with self.subTest(code):
                self.assert_domain_error(code, self.book, **kwargs)
        self.assertFalse(Booking.objects.exists())

    def test_lead_time(self):
        instrument = make_instrument(self.owner, lead_time_hours=72)
        item = instrument.service_items.get()
        self.assert_domain_error("lead_time", self.book, local(2, 10), instrument=instrument, service_item=item)
        self.assertTrue(self.book(local(4, 10), instrument=instrument, service_item=item))

    def test_closure_and_status(self):
        Closure.objects.create(instrument=self.instrument, start=local(2, 11), end=local(2, 12), reason="年度校准")
        self.assert_domain_error("closed", self.book)
        self.instrument.status = "maintenance"
        self.instrument.save()
        self.assert_domain_error("instrument_unavailable", self.book, local(3, 10))

    def test_self_operated_needs_a_valid_qualification(self):
        instrument = make_instrument(self.owner, booking_mode="self_operated")
        item = instrument.service_items.get()
        self.assert_domain_error("qualification_required", self.book, instrument=instrument, service_item=item)
        qualify(self.firm_user, instrument, days=-1)  # expired yesterday
        self.assert_domain_error("qualification_required", self.book, instrument=instrument, service_item=item)
        instrument.qualifications.update(valid_until=timezone.localdate() + timedelta(days=30))
        self.assertEqual(self.book(instrument=instrument, service_item=item).status, "requested")

    def test_qualification_must_cover_the_booked_day_not_today(self):
        instrument = make_instrument(self.owner, booking_mode="self_operated")
        item = instrument.service_items.get()
        qualify(self.firm_user, instrument, days=2)  # valid today, lapses before next week
        self.assert_domain_error(
            "qualification_required", self.book, local(7, 10), instrument=instrument, service_item=item
        )
        self.assertFalse(Booking.objects.exists())
        # valid through the booked day itself (the last day counts)
        self.assertEqual(self.book(local(2, 10), instrument=instrument, service_item=item).status, "requested")
        instrument.qualifications.update(valid_until=timezone.localdate() + timedelta(days=7))
        self.assertEqual(self.book(local(7, 10), instrument=instrument, service_item=item).status, "requested")

    def test_a_multi_day_session_needs_the_qualification_until_its_last_day(self):
        chamber = make_instrument(
            self.owner, booking_mode="self_operated", hours=((time(0), time(0)),), max_duration_minutes=7 * 24 * 60
        )
        item = chamber.service_items.get()
        qualify(self.firm_user, chamber, days=3)
        self.assert_domain_error(
            "qualification_required", self.book, local(2, 9), local(5, 9), instrument=chamber, service_item=item
        )
        # ending at midnight does not reach into the next day
        booking = self.book(local(2, 9), local(4, 0), instrument=chamber, service_item=item)
        self.assertEqual(booking.status, "requested")

    def test_overlap_and_buffer(self):
        self.book(local(2, 10), local(2, 12))
        self.assert_domain_error("booking_conflict", self.book, local(2, 11), local(2, 13))
        self.assert_domain_error("booking_conflict", self.book, local(2, 9), local(2, 10, 30))
        self.assertEqual(self.book(local(2, 12), local(2, 13)).status, "requested")  # touching is fine
        buffered = make_instrument(self.owner, buffer_minutes=30)
        item = buffered.service_items.get()
        self.book(local(2, 10), local(2, 11), instrument=buffered, service_item=item)
        self.assert_domain_error("booking_conflict", self.book, local(2, 11), instrument=buffered, service_item=item)
        self.assert_domain_error(
            "booking_conflict", self.book, local(2, 9), local(2, 10), instrument=buffered, service_item=item
        )  # its own buffer would run into the 10:00 booking
        self.assertTrue(self.book(local(2, 8, 30), local(2, 9, 30), instrument=buffered, service_item=item))
        self.assertTrue(self.book(local(2, 11, 30), instrument=buffered, service_item=item))

    def test_a_freed_slot_can_be_booked_again(self):
        booking = self.book()
        services.cancel_booking(booking, actor=self.firm_user, organization=self.firm)
        self.assertEqual(self.book().status, "requested")

    def test_multi_day_booking_on_a_round_the_clock_instrument(self):
        chamber = make_instrument(self.owner, hours=((time(0), time(0)),), max_duration_minutes=7 * 24 * 60)
        item = chamber.service_items.create(
            name="中性盐雾试验", unit="day", price_enterprise=200, price_academic=150, price_internal=100
        )
        booking = self.book(local(2, 9), local(4, 9), instrument=chamber, service_item=item)
        self.assertEqual((booking.quantity, booking.amount), (Decimal("2"), Decimal("400.00")))

    def test_sample_items_need_a_count(self):
        item = self.instrument.service_items.create(
            name="能谱分析", unit="sample", price_enterprise=200, price_academic=150, price_internal=100
        )
        self.assert_domain_error("rule_violation", self.book, service_item=item)
        booking = self.book(service_item=item, sample_count=3)
        self.assertEqual(booking.amount, Decimal("600.00"))


class LifecycleTest(BookingTestBase):
    def test_confirm_start_complete_bills_actual_use(self):
        booking = self.book(local(2, 10), local(2, 12))
        booking = services.confirm_booking(booking, actor=self.owner_user, organization=self.owner)
        booking = services.start_booking(booking, actor=self.owner_user, organization=self.owner, now=local(2, 10, 5))
        booking = services.complete_booking(
            booking, actor=self.owner_user, organization=self.owner, usage_note="拍摄20张", now=local(2, 11, 20)
        )
        self.assertEqual(booking.status, "completed")
        # 75 minutes used → rounded up to the 30-minute grid → 1.5 hours
        self.assertEqual((booking.final_quantity, booking.final_amount), (Decimal("1.50"), Decimal("900.00")))
        self.assertEqual(booking.amount_due, Decimal("900.00"))
        transitions = list(
            AuditEntry.objects.filter(object_id=str(booking.pk), action="transition")
            .order_by("id")
            .values_list("transition", flat=True)
        )
        self.assertEqual(transitions, ["requested→confirmed", "confirmed→in_progress", "in_progress→completed"])

    def check_out(self, day, check_in, check_out):
        """Book ``day`` 10:00–12:00, check in and out at the given (hour, minute[, second]) of that day."""
        booking = self.book(local(day, 10), local(day, 12))
        booking = services.confirm_booking(booking, actor=self.owner_user, organization=self.owner)
        at = lambda hms: local(day, *hms[:2]) + timedelta(seconds=hms[2] if len(hms) > 2 else 0)  # noqa: E731
        booking = services.start_booking(booking, actor=self.owner_user, organization=self.owner, now=at(check_in))
        return services.complete_booking(booking, actor=self.owner_user, organization=self.owner, now=at(check_out))

    def test_a_few_seconds_past_a_slot_boundary_are_not_billed(self):
        booking = self.check_out(2, (10, 0), (11, 0, 20))
        self.assertEqual((booking.final_quantity, booking.final_amount), (Decimal("1.00"), Decimal("600.00")))
        self.assertEqual(self.check_out(3, (10, 0), (11, 5)).final_quantity, Decimal("1.00"))  # the grace itself
        self.assertEqual(self.check_out(4, (10, 0), (11, 6)).final_quantity, Decimal("1.50"))  # past it: next slot

    def test_grace_is_configurable(self):
        with self.settings(BOOKING_BILLING_GRACE_MINUTES=0):
            self.assertEqual(self.check_out(2, (10, 0), (11, 0, 20)).final_quantity, Decimal("1.50"))
        with self.settings(BOOKING_BILLING_GRACE_MINUTES=15):
            self.assertEqual(self.check_out(3, (10, 0), (11, 14)).final_quantity, Decimal("1.00"))

    def test_an_early_check_in_is_not_billed(self):
        # checked in 25 minutes early, out at the booked end: the booked two hours, not 2.5
        booking = self.check_out(2, (9, 35), (12, 0))
        self.assertEqual(booking.actual_start, local(2, 9, 35))
        self.assertEqual((booking.final_quantity, booking.final_amount), (Decimal("2.00"), Decimal("1200.00")))
        # leaving before the booked start at all still bills the minimum duration
        self.assertEqual(self.check_out(3, (9, 35), (9, 50)).final_quantity, Decimal("0.50"))

    def test_illegal_transitions_are_refused(self):
        booking = self.book()
        self.assert_domain_error(
            "illegal_transition",
            services.start_booking,
            booking,
            actor=self.owner_user,
            organization=self.owner,
            now=local(2, 10),
        )
        services.reject_booking(booking, actor=self.owner_user, organization=self.owner, reason="样品不符合要求")
        self.assert_domain_error(
            "illegal_transition", services.confirm_booking, booking, actor=self.owner_user, organization=self.owner
        )

    def test_reject_needs_a_reason(self):
        booking = self.book()
        self.assert_domain_error(
            "rule_violation",
            services.reject_booking,
            booking,
            actor=self.owner_user,
            organization=self.owner,
            reason=" ",
        )

    def test_cancellation_is_free_before_the_deadline_and_charged_after(self):
        early = self.book(local(5, 10), local(5, 12))
        early = services.cancel_booking(early, actor=self.firm_user, organization=self.firm)
        self.assertEqual((early.status, early.fee, early.amount_due), ("cancelled", Decimal("0.00"), Decimal("0.00")))
        late = self.book(local(5, 10), local(5, 12))
        late = services.cancel_booking(late, actor=self.firm_user, organization=self.firm, now=local(5, 9))
        self.assertEqual(late.fee, Decimal("240.00"))  # 20% of 1200
        self.assertEqual(late.amount_due, Decimal("240.00"))
        by_owner = self.book(local(5, 10), local(5, 12))
        by_owner = services.cancel_booking(by_owner, actor=self.owner_user, organization=self.owner, now=local(5, 9))
        self.assertEqual(by_owner.fee, Decimal("0.00"))  # the owner cancelling never charges the firm
        started = self.book(local(6, 10), local(6, 12))
        self.assert_domain_error(
            "too_late_to_cancel",
            services.cancel_booking,
            started,
            actor=self.firm_user,
            organization=self.firm,
            now=local(6, 10, 30),
        )

    def test_no_show_charges_the_fee(self):
        booking = services.confirm_booking(self.book(), actor=self.owner_user, organization=self.owner)
        self.assert_domain_error(
            "too_early",
            services.mark_no_show,
            booking,
            actor=self.owner_user,
            organization=self.owner,
            now=local(2, 9),
        )
        booking = services.mark_no_show(booking, actor=self.owner_user, organization=self.owner, now=local(2, 10, 30))
        self.assertEqual((booking.status, booking.fee), ("no_show", Decimal("600.00")))


class BookingAPITest(BookingTestBase):
    def payload(self, start=None):
        start = start or local(2, 10)
        return {
            "instrument": self.instrument.pk,
            "service_item": self.item.pk,
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
            "purpose": "断口形貌观察",
        }

    def test_request_and_permission_matrix(self):
        response = api_client(self.firm_user, self.firm).post(reverse("api:booking-list"), self.payload())
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["price"]["amount"], "600.00")
        self.assertIsNone(body["voucher"])
        url = reverse("api:booking-detail", args=[body["id"]])
        self.assertEqual(api_client(self.firm_user, self.firm).get(url).status_code, 200)
        self.assertEqual(api_client(self.owner_user, self.owner).get(url).status_code, 200)
        self.assertEqual(api_client(self.platform_admin).get(url).status_code, 200)
        self.assert_error(api_client(self.outsider, self.outsider_org).get(url), 404)
        self.assert_error(api_client().get(url), 401)
        # the firm cannot confirm its own booking; the owner can
        confirm = reverse("api:booking-confirm", args=[body["id"]])
        self.assert_error(api_client(self.firm_user, self.firm).post(confirm), 403, "not_a_party")
        self.assertEqual(api_client(self.owner_user, self.owner).post(confirm).json()["status"], "confirmed")
        self.assert_error(api_client(self.owner_user, self.owner).post(confirm), 409, "illegal_transition")
        listing = api_client(self.outsider, self.outsider_org).get(reverse("api:booking-list")).json()
        self.assertEqual(listing["count"], 0)

    def test_conflict_is_409_and_rule_breaks_are_400(self):
        client = api_client(self.firm_user, self.firm)
        self.assertEqual(client.post(reverse("api:booking-list"), self.payload()).status_code, 201)
        self.assert_error(client.post(reverse("api:booking-list"), self.payload()), 409, "booking_conflict")
        response = client.post(reverse("api:booking-list"), self.payload(local(2, 10, 10)))
        self.assert_error(response, 400, "off_grid")
        self.assertIn("start", response.json()["errors"])
        self.assert_error(client.post(reverse("api:booking-list"), {"start": "soon"}), 400, "invalid")

    def test_availability_excludes_booked_time(self):
        self.book(local(2, 10), local(2, 12))
        url = reverse("api:instrument-availability", args=[self.instrument.pk])
        slots = api_client().get(url, {"start": local(2, 0).isoformat(), "end": local(3, 0).isoformat()}).json()
        self.assertEqual(
            [(s["start"], s["end"]) for s in slots],
            [
                (local(2, 8).isoformat(), local(2, 10).isoformat()),
                (local(2, 12).isoformat(), local(2, 20).isoformat()),
            ],
        )
        self.assert_error(api_client().get(url, {"start": "x"}), 400, "invalid")

    def test_calendar_ics(self):
        self.book()
        response = api_client().get(reverse("api:instrument-calendar", args=[self.instrument.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/calendar"))
        calendar = icalendar.Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        self.assertEqual(len(events), 1)
        self.assertEqual(events[0].decoded("dtstart"), local(2, 10))
        self.assertNotIn(self.firm.name, response.content.decode())


class InstrumentAPITest(APIResourceTests.Everything):
    basename = "instrument"
    owner_kind = "institute"
    long_text_field, long_text_limit = "capabilities", 5000

    def make_object(self, owner, **kwargs):
        return make_instrument(owner, **kwargs)

    def make_hidden_object(self, owner):
        return make_instrument(owner, status="retired")

    def create_payload(self):
        return {
            "name": "工业CT检测系统",
            "category": "special_inspection",
            "original_value": "5200000.00",
            "booking_mode": "sample_testing",
            "opening_hours": [{"weekday": 0, "start": "08:30", "end": "12:00"}],
        }

    def update_payload(self):
        return {
            "capabilities": "铸件内部缺陷三维检测",
            "opening_hours": [{"weekday": 1, "start": "09:00", "end": "17:00"}],
        }

    def test_photo_type_and_size_are_checked(self):
        instrument = make_instrument(self.owner)
        url = self.detail_url(instrument)
        client = api_client(self.owner_user, self.owner)
        exe = SimpleUploadedFile("scan.exe", b"MZ" + b"0" * 100)
        response = client.patch(url, {"photo": exe}, format="multipart")
        self.assert_error(response, 400, "invalid")
        self.assertIn("photo", response.json()["errors"])
        huge = SimpleUploadedFile("ct.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 1), content_type="image/jpeg")
        response = client.patch(url, {"photo": huge}, format="multipart")
        self.assert_error(response, 400, "invalid")
        self.assertIn("5 MB", response.json()["errors"]["photo"][0])

    def test_firms_cannot_list_instruments(self):
        response = api_client(self.firm_user, self.firm).post(self.list_url(), self.create_payload(), format="json")
        self.assert_error(response, 403, "wrong_organization_kind")

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)

    def test_filters(self):
        make_instrument(self.owner, name="X射线衍射仪", category="analytical", voucher_eligible=False)
        client = api_client()
        names = {i["name"] for i in client.get(self.list_url(), {"voucher_eligible": "false"}).json()["results"]}
        self.assertEqual(names, {"X射线衍射仪"})
        self.assertEqual(client.get(self.list_url(), {"q": "JSM-7900"}).json()["count"], 1)
        self.assertEqual(client.get(self.list_url(), {"max_price": "100"}).json()["count"], 0)
        shanghai = make_organization("institute", region="310000")
        make_instrument(shanghai, name="上海的电镜")
        self.assertEqual(client.get(self.list_url(), {"region": "330200"}).json()["count"], 1)
        in_shanghai = client.get(self.list_url(), {"region": "310000"}).json()["results"]
        self.assertEqual([i["name"] for i in in_shanghai], ["上海的电镜"])
