"""Reminders under a moving clock: before a session at the configured offsets, and to owners for requests waiting
for approval — each sent exactly once, also when two runs overlap (PostgreSQL)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase, override_settings

from instruments import services as booking_services
from instruments.testing import local, make_instrument
from marketplace.models import Notification
from marketplace.testing import make_organization, make_user
from marketplace.testing_concurrency import run_concurrently
from sharing.models import SentReminder
from sharing.services.reminders import reminder_offsets, send_reminders


def make_parties():
    institute = make_organization("institute")
    owner_user = make_user(organization=institute)
    firm = make_organization("enterprise")
    firm_user = make_user(organization=firm)
    instrument = make_instrument(institute, max_advance_days=60)
    return institute, owner_user, firm, firm_user, instrument


def book(instrument, firm, firm_user, start, *, confirm_by=None):
    booking = booking_services.request_booking(
        actor=firm_user, organization=firm, instrument=instrument, service_item=instrument.service_items.get(),
        start=start, end=start + timedelta(hours=1),
    )  # fmt: skip
    if confirm_by is not None:
        booking = booking_services.confirm_booking(booking, actor=confirm_by, organization=instrument.owner)
    return booking


@override_settings(BOOKING_REMINDER_HOURS="24,1", BOOKING_APPROVAL_REMINDER_HOURS=24)
class ReminderTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute, cls.owner_user, cls.firm, cls.firm_user, cls.instrument = make_parties()

    def reminders(self, user, kind):
        return Notification.objects.filter(recipient=user, kind=kind).count()

    def test_session_reminders_at_24h_and_1h_once_each_under_a_moving_clock(self):
        start = local(5, 10)
        booking = book(self.instrument, self.firm, self.firm_user, start, confirm_by=self.owner_user)
        timeline = [
            (start - timedelta(hours=25), 0),
            (start - timedelta(hours=24), 1),  # exactly at the offset
            (start - timedelta(hours=23, minutes=55), 1),
            (start - timedelta(hours=2), 1),
            (start - timedelta(minutes=59), 2),
            (start - timedelta(minutes=5), 2),
            (start + timedelta(minutes=5), 2),  # the session has begun: nothing more
        ]
        for now, expected in timeline:
            send_reminders(now=now)
            with self.subTest(now=now):
                self.assertEqual(self.reminders(self.firm_user, "booking.reminder"), expected)
        kinds = set(SentReminder.objects.filter(booking=booking).values_list("kind", "skipped"))
        self.assertEqual(kinds, {("session_24h", False), ("session_1h", False)})

    def test_a_booking_made_shortly_before_gets_only_the_nearest_reminder(self):
        start = local(5, 10)
        book(self.instrument, self.firm, self.firm_user, start, confirm_by=self.owner_user)
        run = send_reminders(now=start - timedelta(minutes=40))
        self.assertEqual(run.sent, {"session_1h": 1})
        send_reminders(now=start - timedelta(minutes=30))
        self.assertEqual(self.reminders(self.firm_user, "booking.reminder"), 1)
        self.assertTrue(SentReminder.objects.filter(kind="session_24h", skipped=True).exists())

    def test_unconfirmed_or_cancelled_bookings_get_no_session_reminder(self):
        start = local(5, 10)
        waiting = book(self.instrument, self.firm, self.firm_user, start)
        cancelled = book(self.instrument, self.firm, self.firm_user, start + timedelta(hours=2))
        booking_services.cancel_booking(cancelled, actor=self.firm_user, organization=self.firm)
        send_reminders(now=start - timedelta(minutes=30))
        self.assertEqual(self.reminders(self.firm_user, "booking.reminder"), 0)
        self.assertEqual(waiting.status, "requested")

    def test_owner_is_reminded_once_of_a_request_waiting_for_approval(self):
        booking = book(self.instrument, self.firm, self.firm_user, local(5, 10))
        made = booking.created_at
        send_reminders(now=made + timedelta(hours=23))
        self.assertEqual(self.reminders(self.owner_user, "booking.approval_reminder"), 0)
        run = send_reminders(now=made + timedelta(hours=24, minutes=5))
        self.assertEqual(run.sent, {"approval": 1})
        send_reminders(now=made + timedelta(hours=30))
        self.assertEqual(self.reminders(self.owner_user, "booking.approval_reminder"), 1)
        # Once confirmed, no more approval reminders (and none for newly confirmed ones).
        other = book(self.instrument, self.firm, self.firm_user, local(6, 10), confirm_by=self.owner_user)
        send_reminders(now=other.created_at + timedelta(hours=48))
        self.assertEqual(self.reminders(self.owner_user, "booking.approval_reminder"), 1)

    @override_settings(BOOKING_REMINDER_HOURS="48, 2, x, -1, 2")
    def test_offsets_come_from_the_setting(self):
        self.assertEqual([str(h) for h in reminder_offsets()], ["48", "2"])
        self.assertEqual([str(h) for h in reminder_offsets("0.5")], ["0.5"])
        start = local(5, 10)
        book(self.instrument, self.firm, self.firm_user, start, confirm_by=self.owner_user)
        self.assertEqual(send_reminders(now=start - timedelta(hours=47)).sent, {"session_48h": 1})
        self.assertEqual(send_reminders(now=start - timedelta(hours=1)).sent, {"session_2h": 1})

    def test_command_and_task(self):
        start = local(5, 10)
        book(self.instrument, self.firm, self.firm_user, start, confirm_by=self.owner_user)
        out = StringIO()
        call_command("send_reminders", "--now", (start - timedelta(hours=3)).isoformat(), stdout=out)
        self.assertIn("sent 1 reminder", out.getvalue())
        out = StringIO()
        # The default task backend runs the task at once ("immediate"): it finds the reminder already sent.
        call_command("send_reminders", "--enqueue", "--now", (start - timedelta(hours=2)).isoformat(), stdout=out)
        self.assertIn("enqueued", out.getvalue())
        self.assertEqual(self.reminders(self.firm_user, "booking.reminder"), 1)

    def test_queries_do_not_grow_per_booking_beyond_the_sends(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        start = local(5, 10)
        for i in range(3):
            book(self.instrument, self.firm, self.firm_user, start + timedelta(hours=i), confirm_by=self.owner_user)
        send_reminders(now=start - timedelta(hours=3))
        with CaptureQueriesContext(connection) as idle:
            self.assertEqual(send_reminders(now=start - timedelta(hours=2, minutes=55)).total, 0)
        self.assertLessEqual(len(idle), 3)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@override_settings(BOOKING_REMINDER_HOURS="24,1")
def test_concurrent_runs_send_each_reminder_once():
    _institute, owner_user, firm, firm_user, instrument = make_parties()
    start = local(5, 10)
    bookings = [book(instrument, firm, firm_user, start + timedelta(hours=i), confirm_by=owner_user) for i in range(6)]
    moment = start - timedelta(hours=3)

    results = run_concurrently(lambda i: send_reminders(now=moment), 4)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(r.total for r in results) == len(bookings)
    assert Notification.objects.filter(recipient=firm_user, kind="booking.reminder").count() == len(bookings)
    assert SentReminder.objects.filter(kind="session_24h").count() == len(bookings)
