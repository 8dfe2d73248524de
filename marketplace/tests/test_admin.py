"""The operator's back office (Django admin): every model of the project's apps is registered and its pages answer
for a superuser with demo data (changelist, search, add, change); append-only records are read-only; the booking
actions run the booking services (audited) and report refusals as messages, never a 500."""

from datetime import timedelta
from io import StringIO

from django.apps import apps
from django.contrib import admin
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instruments import services as booking_services
from instruments.models import Booking
from instruments.testing import local, make_instrument
from marketplace.models import AuditEntry
from marketplace.testing import make_organization, make_user
from tech_transfer.models import Bid, ConfidentialityAcceptance
from vouchers.models import DocumentCounter, Invoice, LedgerEntry, VoucherHold

PROJECT_APPS = (
    "marketplace",
    "instruments",
    "tech_transfer",
    "demands",
    "vouchers",
    "search",
    "events",
    "sharing",
    "frontend",
)
APPEND_ONLY = (AuditEntry, LedgerEntry, Invoice, DocumentCounter, VoucherHold, Bid, ConfidentialityAcceptance)


def project_models():
    for label in PROJECT_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        yield from config.get_models()


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_the_project_is_registered():
    missing = [model._meta.label for model in project_models() if model not in admin.site._registry]
    assert missing == []


class AdminPagesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=StringIO())
        cls.superuser = make_user("operator-admin", is_staff=True, is_superuser=True, platform_admin=True)

    def setUp(self):
        self.client.force_login(self.superuser)

    def test_changelist_search_add_and_change_pages_answer(self):
        checked = 0
        for model in project_models():
            model_admin = admin.site._registry[model]
            with self.subTest(model=model._meta.label):
                self.assertEqual(self.client.get(admin_url(model, "changelist")).status_code, 200)
                if model_admin.search_fields:
                    self.assertEqual(
                        self.client.get(admin_url(model, "changelist"), {"q": "余姚 测试"}).status_code, 200
                    )
                if self._can_add(model_admin):
                    self.assertEqual(self.client.get(admin_url(model, "add")).status_code, 200)
                obj = model._default_manager.order_by("pk").first()
                if obj is not None:
                    self.assertEqual(self.client.get(admin_url(model, "change", obj.pk)).status_code, 200)
                checked += 1
        self.assertGreaterEqual(checked, 40)

    def _can_add(self, model_admin):
        request = RequestFactory().get("/")
        request.user = self.superuser
        return model_admin.has_add_permission(request)

    def test_append_only_records_are_read_only_even_for_a_superuser(self):
        request = RequestFactory().get("/")
        request.user = self.superuser
        for model in APPEND_ONLY:
            model_admin = admin.site._registry[model]
            obj = model._default_manager.first()
            with self.subTest(model=model._meta.label):
                self.assertFalse(model_admin.has_add_permission(request))
                self.assertFalse(model_admin.has_change_permission(request, obj))
                self.assertFalse(model_admin.has_delete_permission(request, obj))
        entry = AuditEntry.objects.first()
        response = self.client.post(admin_url(AuditEntry, "delete", entry.pk), {"post": "yes"})
        self.assertEqual(response.status_code, 403)
        self.assertTrue(AuditEntry.objects.filter(pk=entry.pk).exists())


class BookingActionsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.superuser = make_user("booking-admin", is_staff=True, is_superuser=True, platform_admin=True)
        cls.owner = make_organization("institute")
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.instrument = make_instrument(cls.owner)
        cls.item = cls.instrument.service_items.get()

    def setUp(self):
        self.client.force_login(self.superuser)

    def book(self, day=2):
        start = local(day, 10)
        return booking_services.request_booking(
            actor=self.firm_user, organization=self.firm, instrument=self.instrument, service_item=self.item,
            start=start, end=start + timedelta(hours=2),
        )  # fmt: skip

    def act(self, action, bookings, **extra):
        data = {"action": action, admin.helpers.ACTION_CHECKBOX_NAME: [b.pk for b in bookings], **extra}
        return self.client.post(admin_url(Booking, "changelist"), data)

    def test_confirm_runs_the_service_and_reports_refusals(self):
        booking = self.book()
        self.assertEqual(booking.status, "requested")
        response = self.act("confirm_selected", [booking])
        self.assertEqual(response.status_code, 302)
        booking.refresh_from_db()
        self.assertEqual(booking.status, "confirmed")
        entry = AuditEntry.objects.get(object_id=str(booking.pk), transition="requested→confirmed")
        self.assertEqual((entry.actor, entry.organization), (self.superuser, self.owner))
        # Confirming again is refused by the service: a message, not a 500.
        response = self.act("confirm_selected", [booking])
        self.assertEqual(response.status_code, 302)
        self.assertTrue(any("不能从" in str(m) for m in get_messages(response.wsgi_request)))

    def test_reject_asks_for_a_reason_then_runs_the_service(self):
        booking = self.book()
        page = self.act("reject_selected", [booking])
        self.assertContains(page, "拒绝原因")
        booking.refresh_from_db()
        self.assertEqual(booking.status, "requested")
        self.assertEqual(self.act("reject_selected", [booking], apply="1", reason="").status_code, 200)  # required
        response = self.act("reject_selected", [booking], apply="1", reason="仪器临时检修")
        self.assertEqual(response.status_code, 302)
        booking.refresh_from_db()
        self.assertEqual((booking.status, booking.reason), ("rejected", "仪器临时检修"))
        self.assertTrue(AuditEntry.objects.filter(object_id=str(booking.pk), transition="requested→rejected").exists())

    def test_booking_changelist_queries_do_not_grow_with_rows(self):
        self.book(day=2)
        url = admin_url(Booking, "changelist")
        with CaptureQueriesContext(connection) as few:
            self.assertEqual(self.client.get(url).status_code, 200)
        for day in range(3, 8):
            self.book(day=day)
        with CaptureQueriesContext(connection) as many:
            self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(len(few), len(many))

    def test_cancel_for_the_owner(self):
        booking = self.book(day=5)
        self.assertEqual(self.act("cancel_selected", [booking]).status_code, 302)
        booking.refresh_from_db()
        self.assertEqual(booking.status, "cancelled")
        self.assertTrue(AuditEntry.objects.filter(object_id=str(booking.pk), transition="requested→cancelled").exists())
