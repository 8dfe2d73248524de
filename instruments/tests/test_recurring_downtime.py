"""Recurring bookings (series with conflicts skipped or refused, quotas and voucher holds per occurrence, cancelling
the future ones), downtime (the cascade: free cancellation, holds released, notifications with alternatives, the
waitlist told) and usage records (operator, audited corrections refused once billed) — services and API."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from instruments import downtime, series, services, usage
from instruments.facts import booking_target
from instruments.models import Booking, BookingQuota, BookingSeries, Closure, WaitlistEntry
from instruments.testing import local, make_instrument
from marketplace.exceptions import RuleViolation
from marketplace.models import AuditEntry, Notification
from marketplace.testing import api_client, make_organization, make_user
from vouchers.models import VoucherHold
from vouchers.testing import make_grant, make_program, register_provider

from .test_bookings import BookingTestBase


class SeriesTestBase(BookingTestBase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.instrument = make_instrument(cls.owner, max_advance_days=120, approval_mode="auto")
        cls.item = cls.instrument.service_items.get()

    def book_series(self, start=None, hours=2, **kw):
        start = start or local(3, 9)
        params = {"frequency": "weekly", "count": 4, "on_conflict": "skip", **kw}
        return series.book_series(
            actor=self.firm_user,
            organization=self.firm,
            instrument=self.instrument,
            service_item=self.item,
            start=start,
            end=start + timedelta(hours=hours),
            **params,
        )


class SeriesTest(SeriesTestBase):
    def test_weekly_series_books_every_occurrence_linked_to_the_series(self):
        result = self.book_series()
        self.assertEqual(len(result.bookings), 4)
        starts = [b.start for b in Booking.objects.filter(series=result.series).order_by("start")]
        self.assertEqual(starts, [local(3 + 7 * k, 9) for k in range(4)])
        self.assertEqual(result.series.skipped, [])
        self.assertTrue(AuditEntry.objects.filter(object_id=str(result.series.pk), action="create").exists())

    def test_daily_series_until_a_date(self):
        result = self.book_series(frequency="daily", count=None, until=timezone.localdate() + timedelta(days=7))
        self.assertEqual([b.start for b in result.bookings], [local(d, 9) for d in range(3, 8)])

    def test_conflicting_week_is_skipped_and_listed(self):
        taken = self.book(local(10, 9), local(10, 10))  # week 2 is taken by someone
        result = self.book_series()
        self.assertEqual(len(result.bookings), 3)
        self.assertEqual(len(result.skipped), 1)
        self.assertEqual(result.skipped[0]["code"], "booking_conflict")
        self.assertEqual(result.skipped[0]["start"], local(10, 9).isoformat())
        result.series.refresh_from_db()
        self.assertEqual(result.series.skipped, result.skipped)
        self.assertEqual(Booking.objects.live().filter(instrument=self.instrument).count(), 4)
        self.assertTrue(Booking.objects.filter(pk=taken.pk, series=None).exists())

    def test_refuse_books_nothing_and_lists_the_conflicts(self):
        Closure.objects.create(instrument=self.instrument, start=local(17, 0), end=local(18, 0), reason="校准")
        self.book(local(10, 9), local(10, 10))
        before = Booking.objects.count()
        with self.assertRaises(series.DomainError) as caught:
            self.book_series(on_conflict="refuse")
        self.assertEqual(caught.exception.code, "series_conflict")
        codes = [c["code"] for c in caught.exception.details["conflicts"]]
        self.assertEqual(codes, ["booking_conflict", "closed"])
        self.assertEqual(Booking.objects.count(), before)
        self.assertFalse(BookingSeries.objects.exists())

    def test_rules_that_hold_for_every_date_refuse_the_request_itself(self):
        self.assert_domain_error("off_grid", self.book_series, start=local(3, 9, 10))
        self.assertFalse(BookingSeries.objects.exists())

    def test_count_is_capped_and_until_or_count_required(self):
        for kw in ({"count": 53}, {"count": 1}, {"count": None}, {"count": 3, "until": timezone.localdate()}):
            self.assert_domain_error(
                "series_too_long" if kw.get("count") in (1, 53) else "rule_violation", self.book_series, **kw
            )
        self.assert_domain_error(
            "series_too_long",
            self.book_series,
            frequency="daily",
            count=None,
            until=timezone.localdate() + timedelta(days=80),
        )

    def test_quota_applies_per_occurrence(self):
        BookingQuota.objects.create(instrument=self.instrument, period="week", max_bookings=1)
        self.book(local(10, 14), local(10, 15))  # this firm already holds its one booking of week 2
        result = self.book_series()
        self.assertEqual([s["code"] for s in result.skipped], ["quota_exceeded"])
        self.assertEqual(len(result.bookings), 3)

    def test_voucher_hold_per_occurrence_and_skip_when_the_balance_runs_out(self):
        authority = make_organization("authority")
        program = make_program(authority)
        register_provider(program, self.owner)
        grant = make_grant(program, self.firm, amount=Decimal("1500.00"))  # 600 per 2 h occurrence at 50 %
        result = self.book_series(payment={"use_voucher": True})
        holds = VoucherHold.objects.filter(booking__series=result.series)
        self.assertEqual(sorted(h.amount for h in holds), [Decimal("300.00"), Decimal("600.00"), Decimal("600.00")])
        self.assertEqual([s["code"] for s in result.skipped], ["voucher_unavailable"])
        grant.refresh_from_db()
        self.assertEqual(grant.available, Decimal("0.00"))

    def test_cancel_all_future_occurrences_releases_holds(self):
        result = self.book_series()
        first = result.bookings[0]
        services.start_booking(first, actor=self.owner_user, organization=self.owner, now=first.start)
        done = series.cancel_series(
            result.series, actor=self.firm_user, organization=self.firm, reason="项目暂停", now=first.start
        )
        self.assertEqual(len(done.cancelled), 3)
        statuses = list(Booking.objects.filter(series=result.series).order_by("start").values_list("status", flat=True))
        self.assertEqual(statuses, ["in_progress", "cancelled", "cancelled", "cancelled"])
        self.assert_domain_error(
            "nothing_to_cancel",
            series.cancel_series,
            result.series,
            actor=self.firm_user,
            organization=self.firm,
            now=first.start,
        )
        outsider = make_organization("enterprise")
        self.assert_domain_error(
            "not_a_party", series.cancel_series, result.series, actor=self.firm_user, organization=outsider
        )


class SeriesAPITest(SeriesTestBase):
    url = reverse("api:bookingseries-list")

    def payload(self, **kw):
        start = local(3, 9)
        return {
            "instrument": self.instrument.pk,
            "service_item": self.item.pk,
            "start": start.isoformat(),
            "end": (start + timedelta(hours=2)).isoformat(),
            "frequency": "weekly",
            "count": 4,
            "on_conflict": "skip",
            **kw,
        }

    def test_create_lists_bookings_and_skipped(self):
        self.book(local(10, 9), local(10, 10))
        client = api_client(self.firm_user, self.firm)
        response = client.post(self.url, self.payload(), format="json")
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(len(body["bookings"]), 3)
        self.assertEqual([s["code"] for s in body["skipped"]], ["booking_conflict"])
        detail = client.get(reverse("api:bookingseries-detail", args=[body["id"]]))
        self.assertEqual(detail.status_code, 200)
        self.assertEqual(api_client(self.outsider).get(detail.wsgi_request.path).status_code, 404)

    def test_refuse_is_409_with_conflicts(self):
        self.book(local(10, 9), local(10, 10))
        response = api_client(self.firm_user, self.firm).post(self.url, self.payload(on_conflict="refuse"))
        self.assert_error(response, 409, "series_conflict")
        self.assertEqual(len(response.json()["conflicts"]), 1)

    def test_bad_input_is_400(self):
        client = api_client(self.firm_user, self.firm)
        response = client.post(self.url, self.payload(count=99), format="json")
        self.assert_error(response, 400, "invalid")
        self.assertIn("count", response.json()["errors"])
        response = client.post(self.url, self.payload(frequency="monthly"), format="json")
        self.assertIn("frequency", response.json()["errors"])

    def test_list_queries_do_not_grow_with_series(self):
        client = api_client(self.firm_user, self.firm)
        client.post(self.url, self.payload(), format="json")

        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(client.get(self.url).status_code, 200)
            return len(queries)

        few = count()
        for hour in (11, 13, 15):
            start = local(3, hour)
            client.post(
                self.url,
                self.payload(start=start.isoformat(), end=(start + timedelta(hours=1)).isoformat()),
                format="json",
            )
        self.assertEqual(count(), few)

    def test_cancel_action(self):
        client = api_client(self.firm_user, self.firm)
        created = client.post(self.url, self.payload(), format="json").json()
        url = reverse("api:bookingseries-cancel", args=[created["id"]])
        self.assertEqual(api_client(self.outsider).post(url).status_code, 404)
        response = client.post(url, {"reason": "改期"}, format="json")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(len(response.json()["cancelled"]), 4)
        self.assert_error(client.post(url), 409, "nothing_to_cancel")


class DowntimeTest(BookingTestBase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.instrument = make_instrument(cls.owner, approval_mode="auto", name="X射线衍射仪")
        cls.item = cls.instrument.service_items.get()
        other_owner = make_organization("institute", name="宁波材料所")
        cls.other = make_instrument(other_owner, name="另一台衍射仪", voucher_eligible=False)
        cls.other_voucher = make_instrument(other_owner, name="可用券衍射仪", voucher_eligible=True)
        make_instrument(other_owner, name="不同类别", category="laser")
        authority = make_organization("authority")
        cls.program = make_program(authority)
        register_provider(cls.program, cls.owner)
        cls.grant = make_grant(cls.program, cls.firm)

    def declare(self, start=None, end=None, **kw):
        return downtime.declare_downtime(
            actor=self.owner_user,
            organization=self.owner,
            instrument=self.instrument,
            kind=kw.pop("kind", "fault"),
            start=start or local(2, 0),
            end=end or local(3, 0),
            reason=kw.pop("reason", "X光管故障"),
            **kw,
        )

    def test_cascade_cancels_free_releases_holds_and_offers_alternatives(self):
        hit = self.book(local(2, 10), local(2, 12), payment={"use_voucher": True})
        spared = self.book(local(3, 10), local(3, 12))
        waiting = make_user(organization=make_organization("enterprise"))
        WaitlistEntry.objects.create(
            instrument=self.instrument,
            user=waiting,
            organization=waiting.memberships.get().organization,
            window_start=local(2, 8),
            window_end=local(2, 20),
        )
        result = self.declare()
        hit.refresh_from_db()
        self.assertEqual((hit.status, hit.fee, hit.downtime_id), ("cancelled", Decimal("0.00"), result.downtime.pk))
        self.assertIn("X光管故障", hit.reason)
        self.assertEqual(VoucherHold.objects.get(booking=hit).status, "released")
        self.grant.refresh_from_db()
        self.assertEqual(self.grant.available, self.grant.amount)
        spared.refresh_from_db()
        self.assertEqual(spared.status, "confirmed")
        note = Notification.objects.get(recipient=self.firm_user, kind="booking.downtime")
        self.assertIn("X光管故障", note.body)
        self.assertIn("本仪器", note.body)
        # voucher-eligible alternative first when the booking used a voucher; other categories never offered
        self.assertLess(note.body.index("可用券衍射仪"), note.body.index("另一台衍射仪"))
        self.assertNotIn("不同类别", note.body)
        self.assertFalse(Notification.objects.filter(recipient=self.firm_user, kind="booking.cancelled").exists())
        waitlist_note = Notification.objects.get(recipient=waiting, kind="waitlist.downtime")
        self.assertIn("本仪器", waitlist_note.body)
        self.assertEqual(result.waitlist_notified[0].user, waiting)
        # the period is closed to new bookings
        self.assert_domain_error("closed", self.book, local(2, 14), local(2, 15))

    def test_alternatives_of_a_booking_without_voucher_and_on_its_page(self):
        hit = self.book(local(2, 10), local(2, 12))
        self.declare()
        hit.refresh_from_db()
        offers = downtime.alternatives_for(hit)
        same = [o for o in offers if o.same_instrument]
        self.assertEqual(len(same), 3)
        self.assertTrue(all(o.start >= local(3, 0) for o in same))
        self.assertEqual({o.instrument.name for o in offers if not o.same_instrument}, {"另一台衍射仪", "可用券衍射仪"})

    def test_validation_and_permissions(self):
        self.assert_domain_error("rule_violation", self.declare, kind="closure")
        self.assert_domain_error("rule_violation", self.declare, reason=" ")
        self.assert_domain_error("rule_violation", self.declare, start=local(3, 0), end=local(2, 0))
        self.assert_domain_error("rule_violation", self.declare, start=local(-2, 0), end=local(-1, 0))
        self.assert_domain_error(
            "not_a_party",
            downtime.declare_downtime,
            actor=self.firm_user,
            organization=self.firm,
            instrument=self.instrument,
            kind="fault",
            start=local(2, 0),
            end=local(3, 0),
            reason="x",
        )
        self.assertFalse(Closure.objects.exists())

    def test_a_request_checked_before_a_downtime_is_refused_once_it_is_declared(self):
        # What the request read (the instrument, the API's facts) says the slot is open; the downtime commits before
        # the request takes its turn on the instrument (services.lock_calendar), which then reads the rules again.
        start, end = local(2, 10), local(2, 12)
        instrument, item, facts = booking_target(
            user=self.firm_user, instrument_id=self.instrument.pk, service_item_id=self.item.pk, start=start, end=end
        )
        self.assertFalse(facts.closed)
        self.declare()
        with self.assertRaises(RuleViolation) as refused:
            services.request_booking(
                actor=self.firm_user,
                organization=self.firm,
                instrument=instrument,
                service_item=item,
                start=start,
                end=end,
                facts=facts,
            )
        self.assertEqual(refused.exception.code, "closed")
        self.assertFalse(Booking.objects.exists())
        self.assertTrue(self.book(local(3, 10), local(3, 12), instrument=instrument, service_item=item).pk)

    def test_end_a_running_downtime_and_withdraw_a_future_one(self):
        running = self.declare(start=timezone.now() - timedelta(hours=1), end=local(3, 0)).downtime
        ended = downtime.end_downtime(running, actor=self.owner_user, organization=self.owner)
        self.assertIsNotNone(ended.ended_at)
        self.assert_domain_error(
            "already_ended", downtime.end_downtime, running, actor=self.owner_user, organization=self.owner
        )
        future = self.declare(start=local(5, 0), end=local(6, 0), kind="maintenance").downtime
        self.assertIsNone(downtime.end_downtime(future, actor=self.owner_user, organization=self.owner))
        self.assertFalse(Closure.objects.filter(pk=future.pk).exists())

    def test_nested_closures_of_the_instrument_api_leave_downtimes_alone(self):
        self.declare()
        url = reverse("api:instrument-detail", args=[self.instrument.pk])
        client = api_client(self.owner_user, self.owner)
        self.assertEqual(client.get(url).json()["closures"], [])
        rows = [{"start": local(9, 8).isoformat(), "end": local(9, 12).isoformat(), "reason": "校准"}]
        self.assertEqual(client.patch(url, {"closures": rows}, format="json").status_code, 200)
        self.assertEqual(Closure.objects.downtimes().count(), 1)
        self.assertEqual(Closure.objects.plain().count(), 1)


class DowntimeAPITest(DowntimeTest):
    def test_declare_list_and_end(self):
        self.book(local(2, 10), local(2, 12))
        client = api_client(self.owner_user, self.owner)
        url = reverse("api:downtime-list")
        payload = {
            "instrument": self.instrument.pk,
            "kind": "maintenance",
            "start": local(2, 0).isoformat(),
            "end": local(3, 0).isoformat(),
            "reason": "年度保养",
        }
        self.assertEqual(api_client(self.firm_user, self.firm).post(url, payload).status_code, 400)
        response = client.post(url, payload, format="json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(len(response.json()["cancelled_bookings"]), 1)
        listing = client.get(url).json()
        self.assertEqual(listing["count"], 1)
        self.assertEqual(api_client(self.firm_user, self.firm).get(url).json()["count"], 0)
        bad = client.post(url, {**payload, "reason": ""}, format="json")
        self.assert_error(bad, 400, "invalid")
        end_url = reverse("api:downtime-end", args=[response.json()["id"]])
        self.assertEqual(api_client(self.firm_user, self.firm).post(end_url).status_code, 404)
        self.assertEqual(client.post(end_url).status_code, 204)  # not begun yet: withdrawn


class UsageRecordTest(BookingTestBase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.instrument = make_instrument(cls.owner, approval_mode="auto")
        cls.item = cls.instrument.service_items.get()
        cls.operator = make_user(organization=cls.owner)

    def session(self):
        booking = self.book(local(2, 10), local(2, 12))
        return services.start_booking(
            booking, actor=self.owner_user, organization=self.owner, now=booking.start, operated_by=self.operator
        )

    def test_operator_recorded_at_check_in_default_the_actor_at_check_out(self):
        booking = self.session()
        self.assertEqual(booking.operated_by, self.operator)
        other = self.book(local(3, 10), local(3, 12))
        other = services.start_booking(other, actor=self.owner_user, organization=self.owner, now=other.start)
        self.assertEqual(other.operated_by, self.owner_user)

    def test_correction_of_a_session_in_use_is_audited(self):
        booking = self.session()
        corrected = usage.correct_usage(
            booking,
            actor=self.owner_user,
            organization=self.owner,
            actual_start=booking.start - timedelta(minutes=10),
            reason="实际提前上机",
            now=booking.start + timedelta(minutes=30),
        )
        self.assertEqual(corrected.actual_start, booking.start - timedelta(minutes=10))
        entry = AuditEntry.objects.get(object_id=str(booking.pk), transition="usage_corrected")
        self.assertEqual(entry.note, "实际提前上机")
        self.assertIn("actual_start", entry.changes)
        self.assert_domain_error(
            "rule_violation",
            usage.correct_usage,
            booking,
            actor=self.owner_user,
            organization=self.owner,
            actual_start=booking.start,
            reason="",
        )

    def test_correction_recomputes_an_unbilled_bill_and_is_refused_once_billed(self):
        free_item = self.instrument.service_items.create(
            name="内部调试",
            unit="hour",
            price_enterprise=Decimal("0"),
            price_academic=Decimal("0"),
            price_internal=Decimal("0"),
        )
        booking = self.book(local(2, 10), local(2, 12), service_item=free_item)
        booking = services.start_booking(booking, actor=self.owner_user, organization=self.owner, now=booking.start)
        booking = services.complete_booking(
            booking, actor=self.owner_user, organization=self.owner, now=booking.start + timedelta(hours=2)
        )
        corrected = usage.correct_usage(
            booking,
            actor=self.owner_user,
            organization=self.owner,
            actual_start=booking.start,
            actual_end=booking.start + timedelta(hours=1),
            reason="签退时间记错",
            now=booking.start + timedelta(hours=3),
        )
        self.assertEqual(corrected.final_quantity, Decimal("1.00"))
        entry = AuditEntry.objects.get(object_id=str(booking.pk), transition="usage_corrected")
        self.assertEqual(entry.changes["final_quantity"], ["2.00", "1.00"])
        # a priced session is invoiced at check-out: its times can no longer be corrected
        paid = self.session()
        paid = services.complete_booking(
            paid, actor=self.owner_user, organization=self.owner, now=paid.start + timedelta(hours=2)
        )
        self.assert_domain_error(
            "already_billed",
            usage.correct_usage,
            paid,
            actor=self.owner_user,
            organization=self.owner,
            actual_start=paid.start,
            actual_end=paid.start + timedelta(hours=1),
            reason="签退时间记错",
            now=paid.start + timedelta(hours=3),
        )

    def test_api_correction_and_operator(self):
        booking = self.book(local(2, 10), local(2, 12))
        Booking.objects.filter(pk=booking.pk).update(start=timezone.now() - timedelta(minutes=5))
        client = api_client(self.owner_user, self.owner)
        start_url = reverse("api:booking-start", args=[booking.pk])
        response = client.post(start_url, {"operated_by": self.operator.username}, format="json")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["operated_by"], self.operator.username)
        url = reverse("api:booking-correct-usage", args=[booking.pk])
        self.assertEqual(api_client(self.firm_user, self.firm).post(url, {}).status_code, 403)
        bad = client.post(url, {"actual_start": timezone.now().isoformat()}, format="json")
        self.assert_error(bad, 400, "invalid")
        good = client.post(
            url, {"actual_start": (timezone.now() - timedelta(minutes=20)).isoformat(), "reason": "补录"}, format="json"
        )
        self.assertEqual(good.status_code, 200, good.content)
