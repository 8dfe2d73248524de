"""The booking request's cost (issue 15: at most 9 SQL statements) and that its fast path decides exactly as the
ordinary one: the same rules, the same field errors, the same response, the same notices."""

from datetime import time, timedelta
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from instruments import services
from instruments.api.serializers import BookingSerializer, represent
from instruments.facts import booking_target, last_session_day, owner_recipient_rows, qualifications_covering
from instruments.models import Booking, BookingQuota, Closure, Instrument, ServiceItem
from instruments.testing import local, make_instrument, qualify
from marketplace.models import AuditEntry, Membership, Notification, Organization
from marketplace.prepared import PreparedQuery
from marketplace.services.notifications import organization_recipients
from marketplace.testing import api_client, make_organization, make_user
from vouchers.testing import make_grant, make_program, register_provider

#: The issue's budget for one booking request, every statement counted (transaction control included).
MAX_BOOKING_QUERIES = 9


def token_client(user, organization=None) -> APIClient:
    """A client that signs in the way integrations do (a token), so authentication is part of what is counted."""
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}",
        **({"HTTP_X_ORGANIZATION": str(organization.pk)} if organization else {}),
    )
    return client


class BookingRequestTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner = make_organization("institute")
        cls.owner_user = make_user(organization=cls.owner)
        cls.owner_colleague = make_user(organization=cls.owner, role="member")
        cls.owner_leaver = make_user(organization=cls.owner, is_active=False)
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.instrument = make_instrument(cls.owner, approval_mode="auto")
        cls.item = cls.instrument.service_items.get()

    def payload(self, start=None, hours=1, **fields):
        start = start or local(2, 10)
        return {
            "instrument": self.instrument.pk,
            "service_item": self.item.pk,
            "start": start.isoformat(),
            "end": (start + timedelta(hours=hours)).isoformat(),
            **fields,
        }

    def post(self, payload, client=None):
        return (client or token_client(self.firm_user, self.firm)).post(reverse("api:booking-list"), payload)


class QueryBudgetTest(BookingRequestTestBase):
    def test_a_booking_request_costs_at_most_nine_statements(self):
        client = token_client(self.firm_user, self.firm)
        self.post(self.payload(local(2, 8)), client)  # first request of the process: content types are cached
        with CaptureQueriesContext(connection) as queries:
            response = self.post(self.payload(), client)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertLessEqual(len(queries), MAX_BOOKING_QUERIES, "\n".join(q["sql"][:120] for q in queries))
        with CaptureQueriesContext(connection) as queries:
            response = self.post(self.payload(), client)
        self.assertEqual(response.json()["code"], "booking_conflict")
        self.assertLessEqual(len(queries), MAX_BOOKING_QUERIES)

    def test_the_owner_approval_path_and_a_session_client_stay_within_the_budget(self):
        instrument = make_instrument(self.owner, approval_mode="owner")
        ids = {"instrument": instrument.pk, "service_item": instrument.service_items.get().pk}
        self.post(self.payload(local(2, 8)))
        clients = [token_client(self.firm_user, self.firm), api_client(self.firm_user, self.firm)]
        for day, client in enumerate(clients, start=2):
            with CaptureQueriesContext(connection) as queries:
                response = self.post({**self.payload(local(day, 10)), **ids}, client)
            self.assertEqual(response.status_code, 201, response.content)
            self.assertEqual(response.json()["status"], "requested")
            self.assertLessEqual(len(queries), MAX_BOOKING_QUERIES, "\n".join(q["sql"][:120] for q in queries))


class FastPathDecidesAsBeforeTest(BookingRequestTestBase):
    def test_response_is_the_booking_serializer_s(self):
        response = self.post(self.payload(purpose="断口形貌观察"))
        self.assertEqual(response.status_code, 201, response.content)
        booking = Booking.objects.select_related("instrument", "requester_org", "service_item", "voucher_hold").get(
            pk=response.json()["id"]
        )
        self.assertEqual(response.json(), dict(BookingSerializer(booking).data))
        self.assertEqual(represent(BookingSerializer, booking), BookingSerializer(booking).data)

    def test_response_with_a_voucher_hold(self):
        program = make_program(make_organization("authority"))
        register_provider(program, self.owner)
        make_grant(program, self.firm, Decimal("10000.00"))
        response = self.post(self.payload(use_voucher=True))
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["voucher"]["held"], "300.00")  # half of 600.00 (the programme's coverage)
        booking = Booking.objects.select_related("instrument", "requester_org", "voucher_hold").get(pk=body["id"])
        self.assertEqual(body, dict(BookingSerializer(booking).data))

    def test_notices_and_audit(self):
        booking_id = self.post(self.payload()).json()["id"]
        told = Notification.objects.filter(object_id=str(booking_id))
        self.assertEqual(
            sorted((n.recipient_id, n.kind, n.organization_id) for n in told),
            sorted(
                [
                    (self.owner_user.pk, "booking.requested", self.owner.pk),
                    (self.owner_colleague.pk, "booking.requested", self.owner.pk),
                    (self.firm_user.pk, "booking.confirmed", self.firm.pk),
                ]
            ),
        )
        self.assertTrue(AuditEntry.objects.filter(object_id=str(booking_id), action="create").exists())

    def test_rules_still_apply(self):
        Closure.objects.create(instrument=self.instrument, start=local(2, 9), end=local(2, 11), reason="校准")
        self.assertEqual(self.post(self.payload()).json()["code"], "closed")
        self.assertEqual(self.post(self.payload(local(2, 19), hours=2)).json()["code"], "outside_opening_hours")
        self.assertEqual(self.post(self.payload(local(2, 12, 15))).json()["code"], "off_grid")
        self.check_self_operated()
        BookingQuota.objects.create(instrument=self.instrument, period="week", max_bookings=1)
        self.assertEqual(self.post(self.payload(local(3, 10))).status_code, 201)
        self.assertEqual(self.post(self.payload(local(3, 14))).json()["code"], "quota_exceeded")

    def check_self_operated(self):
        Instrument.objects.filter(pk=self.instrument.pk).update(booking_mode="self_operated")
        self.assertEqual(self.post(self.payload(local(4, 10))).json()["code"], "qualification_required")
        qualification = qualify(self.firm_user, self.instrument, days=3)  # lapses before day 4's session
        self.assertEqual(self.post(self.payload(local(4, 10))).json()["code"], "qualification_required")
        qualification.valid_until += timedelta(days=10)
        qualification.save()
        self.assertEqual(self.post(self.payload(local(4, 10))).status_code, 201)

    def test_field_errors_are_the_ordinary_serializer_s(self):
        other = make_instrument(self.owner)
        retired = make_instrument(self.owner, status="retired")
        cases = {
            "instrument": [
                {"instrument": 10**9},
                {"instrument": "abc"},
                {"instrument": retired.pk},
                {"instrument": 2**70},
            ],
            "service_item": [{"service_item": 10**9}, {"service_item": 2**70}, {"service_item": None}],
        }
        for field, variants in cases.items():
            for variant in variants:
                with self.subTest(variant=variant):
                    response = self.post({**self.payload(), **variant})
                    self.assertEqual(response.status_code, 400, response.content)
                    self.assertIn(field, response.json()["errors"])
        # A service item of another instrument: the rule's own message, as before.
        response = self.post({**self.payload(), "service_item": other.service_items.get().pk})
        self.assertEqual(response.status_code, 400)
        self.assertIn("service_item", response.json()["errors"])
        self.assertEqual(self.post({**self.payload(), "end": local(2, 9).isoformat()}).status_code, 400)
        self.assertFalse(Booking.objects.exists())

    def test_facts_equal_the_ordinary_queries(self):
        round_the_clock = make_instrument(self.owner, hours=((time(0, 0), time(0, 0)),), days=range(5))
        Closure.objects.create(instrument=round_the_clock, start=local(6, 1), end=local(6, 2))
        qualify(self.firm_user, round_the_clock, days=4)
        BookingQuota.objects.create(instrument=round_the_clock, period="month", max_hours=10)
        periods = [(local(2, 10), local(2, 11)), (local(3, 22), local(5, 2)), (local(5, 0), local(7, 0))]
        for target in (self.instrument, round_the_clock):
            item = target.service_items.get()
            for start, end in periods:
                with self.subTest(instrument=target.pk, start=start):
                    instrument, service_item, facts = booking_target(
                        user=self.firm_user, instrument_id=target.pk, service_item_id=item.pk, start=start, end=end
                    )
                    self.assertEqual(
                        (instrument.pk, service_item.pk, instrument.owner), (target.pk, item.pk, self.owner)
                    )
                    days = {d.weekday() for d in services.rules.days_between(start, end)}
                    hours = {(h.weekday, h.start, h.end) for h in target.opening_hours.all() if h.weekday in days}
                    self.assertEqual({tuple(w) for w in facts.opening_hours}, hours)
                    self.assertEqual(facts.closed, services.closures_during(target, start, end).exists())
                    qualified = qualifications_covering(self.firm_user, target, last_session_day(end)).exists()
                    self.assertEqual(facts.qualified, qualified)
                    self.assertEqual(facts.has_quotas, target.quotas.exists())
                    recipients = set(organization_recipients(self.owner).values_list("pk", flat=True))
                    self.assertEqual(set(facts.owner_recipient_ids), recipients)
                    self.assertEqual(
                        set(owner_recipient_rows(self.owner).values_list("user_id", flat=True)), recipients
                    )

    def test_an_instrument_only_its_owner_sees(self):
        hidden_owner = make_organization("institute", verified=False)
        hidden = make_instrument(hidden_owner, approval_mode="auto")
        payload = {**self.payload(), "instrument": hidden.pk, "service_item": hidden.service_items.get().pk}
        self.assertEqual(self.post(payload).status_code, 400)  # invisible to the firm: a field error
        own = self.post(payload, token_client(make_user(organization=hidden_owner), hidden_owner))
        self.assertEqual(own.status_code, 201, own.content)
        self.assertEqual(own.json()["price"]["tier"], "internal")


class TokenAuthenticationTest(BookingRequestTestBase):
    def test_one_query_for_the_token_the_memberships_and_the_acting_organization(self):
        client = token_client(self.firm_user, self.firm)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("api:booking-list"))
        self.assertEqual(response.status_code, 200)
        token_queries = [q for q in queries if "authtoken_token" in q["sql"] or "marketplace_membership" in q["sql"]]
        self.assertEqual(len(token_queries), 1, [q["sql"][:100] for q in queries])

    def test_refusals_are_unchanged(self):
        stranger = make_organization("enterprise")
        self.assertEqual(
            self.post(self.payload(), token_client(self.firm_user, stranger)).json()["code"], "not_a_member"
        )
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
        self.assertEqual(client.post(reverse("api:booking-list"), self.payload()).status_code, 401)
        leaver = token_client(self.owner_leaver, self.owner)
        self.assertEqual(leaver.get(reverse("api:booking-list")).status_code, 401)
        # A user without memberships (a platform administrator) still signs in; acting for nobody, it cannot book.
        admin = make_user(platform_admin=True)
        self.assertEqual(token_client(admin).get(reverse("api:booking-list")).status_code, 200)
        self.assertEqual(self.post(self.payload(), token_client(admin)).json()["code"], "organization_required")

    def test_memberships_are_read_afresh_on_every_request(self):
        client = token_client(self.firm_user)  # one organization: acts for it without the header
        self.assertEqual(self.post(self.payload(), client).status_code, 201)
        second = make_organization("enterprise")
        Membership.objects.create(user=self.firm_user, organization=second, role="member")
        self.assertEqual(self.post(self.payload(local(3, 10)), client).json()["code"], "organization_required")
        self.assertEqual(self.post(self.payload(local(3, 10)), token_client(self.firm_user, second)).status_code, 201)


class PreparedQueryTest(TestCase):
    def test_the_same_rows_as_the_queryset(self):
        organizations = [make_organization("enterprise") for _ in range(4)]
        prepared = PreparedQuery(
            lambda ids, kind, limit: (
                Organization.objects.filter(pk__in=ids, kind=kind).order_by("pk")[:1]
                if limit
                else Organization.objects.filter(pk__in=ids, kind=kind).order_by("pk")
            ),
            ids="ints",
            kind="str",
            limit="shape",
        )
        for ids in ([organizations[0].pk], [o.pk for o in organizations], [organizations[2].pk, 2**70], []):
            for limit in (False, True):
                in_range = [i for i in ids if i < 2**63]  # the ORM itself would overflow on SQLite
                expected = list(Organization.objects.filter(pk__in=in_range, kind="enterprise").order_by("pk"))
                expected = expected[:1] if limit else expected
                self.assertEqual(prepared(ids=ids, kind="enterprise", limit=limit), expected)
                self.assertEqual(prepared(ids=ids, kind="institute", limit=limit), [])

    def test_select_related_and_annotations_are_filled(self):
        instrument = make_instrument(make_organization("institute"))
        item = instrument.service_items.get()
        prepared = PreparedQuery(
            lambda pk, after: ServiceItem.objects.select_related("instrument__owner").filter(
                pk=pk, instrument__created_at__gte=after
            ),
            pk="int",
            after="datetime",
        )
        (row,) = prepared(pk=item.pk, after=instrument.created_at - timedelta(seconds=1))
        with self.assertNumQueries(0):
            self.assertEqual((row, row.instrument, row.instrument.owner), (item, instrument, instrument.owner))
            self.assertEqual(row.price_enterprise, Decimal("600.00"))
        self.assertEqual(prepared(pk=item.pk, after=instrument.created_at + timedelta(seconds=1)), [])
        self.assertEqual(prepared(pk=2**64, after=instrument.created_at), [])
