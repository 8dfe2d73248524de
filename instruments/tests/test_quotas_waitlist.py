"""Per-organization quotas, the waitlist, qualifications management and bounded list queries."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from instruments import services
from instruments.models import BookingQuota, Qualification, WaitlistEntry
from instruments.testing import local, make_instrument
from marketplace.models import AuditEntry, Notification
from marketplace.testing import APIResourceTests, api_client, make_organization, make_user

from .test_bookings import BookingTestBase


class QuotaTest(BookingTestBase):
    def test_booking_count_per_week(self):
        BookingQuota.objects.create(instrument=self.instrument, period="week", max_bookings=2)
        monday = local(7 - timezone.localdate().weekday() + 7, 9)  # Monday of the week after next
        self.book(monday, monday + timedelta(hours=1))
        self.book(monday + timedelta(days=1), monday + timedelta(days=1, hours=1))
        self.assert_domain_error("quota_exceeded", self.book, monday + timedelta(days=2, hours=1))
        # next week is a new period; another firm has its own quota; the owner is exempt
        self.book(monday + timedelta(days=7))
        other = make_organization("enterprise")
        self.book(monday + timedelta(days=3), org=other, user=make_user(organization=other))
        self.book(monday + timedelta(days=4), org=self.owner, user=self.owner_user)
        self.book(monday + timedelta(days=5), org=self.owner, user=self.owner_user)
        self.book(monday + timedelta(days=6), org=self.owner, user=self.owner_user)

    def test_cancelled_bookings_do_not_count_but_completed_do(self):
        BookingQuota.objects.create(instrument=self.instrument, period="month", max_hours=Decimal("3"))
        first = self.book(local(2, 9), local(2, 11))
        self.assert_domain_error("quota_exceeded", self.book, local(3, 9), local(3, 11))
        services.cancel_booking(first, actor=self.firm_user, organization=self.firm)
        self.assertTrue(self.book(local(3, 9), local(3, 11)))

    def test_quota_is_set_with_the_instrument(self):
        url = reverse("api:instrument-detail", args=[self.instrument.pk])
        client = api_client(self.owner_user, self.owner)
        response = client.patch(url, {"quotas": [{"period": "week", "max_hours": "8.00"}]}, format="json")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["quotas"], [{"period": "week", "max_hours": "8.00", "max_bookings": None}])
        bad = client.patch(url, {"quotas": [{"period": "week"}]}, format="json")
        self.assert_error(bad, 400, "invalid")
        twice = client.patch(url, {"quotas": [{"period": "week", "max_bookings": 1}] * 2}, format="json")
        self.assert_error(twice, 400, "invalid")
        self.assertEqual(BookingQuota.objects.get(instrument=self.instrument).max_hours, Decimal("8.00"))


class WaitlistTest(BookingTestBase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.instrument = make_instrument(cls.owner, max_duration_minutes=720)  # a day-long booking fills it
        cls.item = cls.instrument.service_items.get()

    def test_waiting_user_is_notified_once_when_a_slot_frees(self):
        booking = self.book(local(2, 8), local(2, 20))  # the whole day
        waiting = make_user(organization=make_organization("enterprise"))
        client = api_client(waiting)
        response = client.post(
            reverse("api:waitlistentry-list"),
            {
                "instrument": self.instrument.pk,
                "window_start": local(2, 9).isoformat(),
                "window_end": local(2, 12).isoformat(),
                "min_minutes": 60,
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        services.reject_booking(booking, actor=self.owner_user, organization=self.owner, reason="设备调试")
        notes = Notification.objects.filter(recipient=waiting, kind="waitlist.slot_available")
        self.assertEqual(notes.count(), 1)
        entry = WaitlistEntry.objects.get(user=waiting)
        self.assertIsNotNone(entry.notified_at)
        # notified once only
        again = self.book(local(2, 8), local(2, 20))
        services.cancel_booking(again, actor=self.firm_user, organization=self.firm)
        self.assertEqual(notes.count(), 1)
        self.assertEqual(client.get(reverse("api:waitlistentry-list")).json()["count"], 1)
        self.assertEqual(client.delete(reverse("api:waitlistentry-detail", args=[entry.pk])).status_code, 204)
        self.assertTrue(AuditEntry.objects.filter(object_id=str(entry.pk), action="delete").exists())

    def test_no_notice_when_the_freed_time_is_outside_the_window_or_too_short(self):
        morning = self.book(local(2, 8), local(2, 9))
        self.book(local(2, 9), local(2, 20))
        waiting = make_user()
        services.join_waitlist(
            actor=waiting,
            organization=self.firm,
            instrument=self.instrument,
            window_start=local(2, 8),
            window_end=local(2, 12),
            min_minutes=120,
        )
        services.cancel_booking(morning, actor=self.firm_user, organization=self.firm)  # frees only one hour
        self.assertFalse(Notification.objects.filter(recipient=waiting, kind="waitlist.slot_available").exists())

    def test_bad_windows_are_field_errors(self):
        client = api_client(self.firm_user, self.firm)
        url = reverse("api:waitlistentry-list")
        payload = {"instrument": self.instrument.pk, "window_start": local(2, 12).isoformat()}
        response = client.post(url, {**payload, "window_end": local(2, 9).isoformat(), "min_minutes": 60})
        self.assert_error(response, 400, "invalid")  # the model's clean(), run by the serializer
        self.assertIn("window_end", response.json()["errors"])
        response = client.post(url, {**payload, "window_end": local(2, 13).isoformat(), "min_minutes": 120})
        self.assert_error(response, 400, "rule_violation")
        self.assertIn("min_minutes", response.json()["errors"])


class QualificationAPITest(BookingTestBase):
    def test_owner_grants_extends_and_revokes(self):
        url = reverse("api:qualification-list")
        owner = api_client(self.owner_user, self.owner)
        payload = {
            "user": self.firm_user.username,
            "instrument": self.instrument.pk,
            "valid_until": str(timezone.localdate() + timedelta(days=90)),
        }
        response = owner.post(url, payload)
        self.assertEqual(response.status_code, 201, response.content)
        self.assert_error(owner.post(url, payload), 400, "invalid")  # already qualified
        detail = reverse("api:qualification-detail", args=[response.json()["id"]])
        self.assertEqual(api_client(self.firm_user, self.firm).get(url).json()["count"], 1)  # the user sees it
        self.assert_error(api_client(self.firm_user, self.firm).patch(detail, {"valid_until": "2099-01-01"}), 403)
        self.assertEqual(owner.patch(detail, {"valid_until": "2030-01-01"}).status_code, 200)
        self.assertEqual(owner.delete(detail).status_code, 204)
        self.assertFalse(Qualification.objects.exists())
        self.assertEqual(AuditEntry.objects.filter(content_type__model="qualification").count(), 3)

    def test_only_the_owner_grants(self):
        payload = {"user": self.firm_user.username, "instrument": self.instrument.pk, "valid_until": "2030-01-01"}
        response = api_client(self.outsider, self.outsider_org).post(reverse("api:qualification-list"), payload)
        self.assert_error(response, 400, "invalid")
        self.assertIn("instrument", response.json()["errors"])
        self.assertEqual(
            api_client(self.outsider, self.outsider_org).get(reverse("api:qualification-list")).json()["count"], 0
        )


class ListQueryCountTest(BookingTestBase):
    def _queries(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(client.get(url).status_code, 200)
        return len(queries)

    def test_bookings_and_service_items_lists_are_bounded(self):
        client = api_client(self.owner_user, self.owner)
        self.book(local(2, 9))
        few = (
            self._queries(client, reverse("api:booking-list")),
            self._queries(client, reverse("api:serviceitem-list")),
        )
        for day in range(3, 9):
            make_instrument(self.owner)
            self.book(local(day, 9))
        many = (
            self._queries(client, reverse("api:booking-list")),
            self._queries(client, reverse("api:serviceitem-list")),
        )
        self.assertEqual(few, many)
        self.assertLessEqual(max(many), APIResourceTests.Base.max_list_queries)
