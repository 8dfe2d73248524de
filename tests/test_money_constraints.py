"""Money and dates (issue 12): the models' constraints hold in the database, the API runs the models' validation
(``full_clean``) for every ModelSerializer, so a bad amount or date is a 400 on its field, never a 500."""

import importlib
import inspect
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from demands.models import Demand, Proposal
from demands.tests.test_demands import make_demand
from instruments.models import Booking, BookingQuota, Instrument, ServiceItem
from instruments.testing import make_instrument
from marketplace.api.base import ValidatedModelSerializer
from marketplace.testing import api_client, make_organization, make_user
from tech_transfer.models import Auction
from tech_transfer.tests.test_results import make_result

SERIALIZER_MODULES = [
    f"{app}.api.serializers" for app in ("marketplace", "instruments", "tech_transfer", "demands", "vouchers", "search")
]


@pytest.mark.parametrize("module_name", SERIALIZER_MODULES)
def test_every_model_serializer_runs_full_clean(module_name):
    module = importlib.import_module(module_name)
    model_serializers = [
        cls
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, serializers.ModelSerializer) and cls.__module__ == module_name
    ]
    assert model_serializers, module_name
    plain = [cls.__name__ for cls in model_serializers if not issubclass(cls, ValidatedModelSerializer)]
    assert plain == []


class MoneyAndDatesAPITest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise")
        cls.firm_user = make_user(organization=cls.firm)
        cls.institute = make_organization("institute")
        cls.institute_user = make_user(organization=cls.institute)

    def field_error(self, response, field):
        self.assertEqual(response.status_code, 400, response.content[:400])
        self.assertEqual(response.json()["code"], "invalid")
        self.assertIn(field, response.json()["errors"])

    def demand(self, **fields):
        payload = {
            "title": "车载镜头高低温离焦",
            "problem": "镜头在 -40~85℃ 下焦点漂移，成像模糊。",
            "tech_field": "electronic_information",
            "cooperation_mode": "joint_development",
            "deadline": str(timezone.localdate() + timedelta(days=90)),
            **fields,
        }
        return api_client(self.firm_user, self.firm).post(reverse("api:demand-list"), payload, format="json")

    def test_demand_budgets_bounty_and_deadline(self):
        self.field_error(self.demand(budget_min="-1", budget_max="1000"), "budget_min")
        self.field_error(self.demand(budget_min="5000", budget_max="1000"), "budget_max")
        self.field_error(self.demand(is_challenge=True, bounty="0"), "bounty")
        yesterday = str(timezone.localdate() - timedelta(days=1))
        self.field_error(self.demand(deadline=yesterday), "deadline")
        self.assertFalse(Demand.objects.exists())
        self.assertEqual(self.demand(deadline=str(timezone.localdate())).status_code, 201)  # today is fine

    def test_an_open_demand_past_its_deadline_stays_editable(self):
        demand = make_demand(self.firm)
        Demand.objects.filter(pk=demand.pk).update(deadline=timezone.localdate() - timedelta(days=3))
        response = api_client(self.firm_user, self.firm).patch(
            reverse("api:demand-detail", args=[demand.pk]), {"target_indicators": "翘曲量 ≤ 0.2 mm"}, format="json"
        )
        self.assertEqual(response.status_code, 200, response.content[:300])

    def test_proposal_budget_and_duration(self):
        demand = make_demand(self.firm)
        client = api_client(self.institute_user, self.institute)
        payload = {"demand": demand.pk, "approach": "随形冷却+CAE优化", "budget": "300000", "duration_days": 90}
        self.field_error(client.post(reverse("api:proposal-list"), {**payload, "budget": "-1"}), "budget")
        self.field_error(client.post(reverse("api:proposal-list"), {**payload, "duration_days": 0}), "duration_days")
        self.assertFalse(Proposal.objects.exists())

    def test_service_item_prices(self):
        instrument = make_instrument(self.institute)
        payload = {
            "instrument": instrument.pk,
            "name": "CT扫描",
            "unit": "hour",
            "price_enterprise": "-0.01",
            "price_academic": "100",
            "price_internal": "50",
        }
        client = api_client(self.institute_user, self.institute)
        self.field_error(client.post(reverse("api:serviceitem-list"), payload, format="json"), "price_enterprise")
        self.assertEqual(instrument.service_items.count(), 1)  # make_instrument's own

    def test_auction_amounts_are_positive(self):
        result = make_result(self.institute)
        client = api_client(self.institute_user, self.institute)
        closes = (timezone.now() + timedelta(days=7)).isoformat()
        payload = {"result": result.pk, "starting_price": "300000", "closes_at": closes}
        self.field_error(client.post(reverse("api:auction-list"), {**payload, "starting_price": "0"}), "starting_price")
        self.field_error(client.post(reverse("api:auction-list"), {**payload, "min_increment": "0"}), "min_increment")
        self.field_error(client.post(reverse("api:auction-list"), {**payload, "deposit": "-5"}), "deposit")
        self.assertFalse(Auction.objects.exists())


class DatabaseConstraintTest(TestCase):
    """Rows written around the models' validation (``update()``, raw services) still cannot break the rules."""

    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise")
        cls.institute = make_organization("institute")
        cls.instrument = make_instrument(cls.institute)

    def assert_refused(self, queryset, **values):
        with self.assertRaises(IntegrityError), transaction.atomic():
            queryset.update(**values)

    def test_demand_money(self):
        demand = Demand.objects.filter(pk=make_demand(self.firm).pk)
        self.assert_refused(demand, budget_min=Decimal("-1"))
        self.assert_refused(demand, budget_max=Decimal("-1"))
        self.assert_refused(demand, is_challenge=True, bounty=Decimal("0"))
        demand.update(is_challenge=True, bounty=Decimal("100000"), budget_min=0, budget_max=0)  # allowed

    def test_instrument_money(self):
        self.assert_refused(Instrument.objects.filter(pk=self.instrument.pk), original_value=Decimal("-1"))
        self.assert_refused(Instrument.objects.filter(pk=self.instrument.pk), no_show_fee_percent=101)
        self.assert_refused(ServiceItem.objects.filter(instrument=self.instrument), price_internal=Decimal("-0.01"))
        quota = BookingQuota.objects.create(instrument=self.instrument, period="week", max_hours=Decimal("10"))
        self.assert_refused(BookingQuota.objects.filter(pk=quota.pk), max_hours=Decimal("0"))

    def test_booking_money(self):
        from instruments.testing import local

        item = self.instrument.service_items.get()
        booking = Booking.objects.create(
            instrument=self.instrument,
            service_item=item,
            requester_org=self.firm,
            requester=make_user(organization=self.firm),
            start=local(3, 10),
            end=local(3, 11),
            blocked_until=local(3, 11),
            price_tier="enterprise",
            unit=item.unit,
            unit_price=item.price_enterprise,
            quantity=Decimal("1"),
            amount=item.price_enterprise,
        )
        rows = Booking.objects.filter(pk=booking.pk)
        self.assert_refused(rows, quantity=Decimal("-1"))
        self.assert_refused(rows, final_amount=Decimal("-1"))


class TransferAndVoucherConstraintTest(TestCase):
    """The same in tech_transfer and vouchers: auctions, bids, deposits, contracts, programmes and claims."""

    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute")
        cls.firm = make_organization("enterprise")

    def assert_refused(self, queryset, **values):
        with self.assertRaises(IntegrityError), transaction.atomic():
            queryset.update(**values)

    def test_auction_and_contract_amounts(self):
        from tech_transfer.models import TechContract

        result = make_result(self.institute)
        auction = Auction.objects.create(
            result=result, starting_price=Decimal("1000"), closes_at=timezone.now() + timedelta(days=3)
        )
        rows = Auction.objects.filter(pk=auction.pk)
        self.assert_refused(rows, starting_price=Decimal("0"))
        self.assert_refused(rows, min_increment=Decimal("0"))
        self.assert_refused(rows, deposit=Decimal("0"))
        rows.update(deposit=None)  # no deposit is allowed
        contract = TechContract.objects.create(
            kind="service", title="检测服务", seller=self.institute, buyer=self.firm, amount=Decimal("100")
        )
        self.assert_refused(TechContract.objects.filter(pk=contract.pk), amount=Decimal("-0.01"))

    def test_programme_and_claim_amounts(self):
        from vouchers.models import Claim, VoucherProgram
        from vouchers.testing import make_program

        program = make_program(make_organization("authority"))
        rows = VoucherProgram.objects.filter(pk=program.pk)
        self.assert_refused(rows, per_firm_cap=Decimal("0"))
        claim = Claim.objects.create(
            program=program,
            provider=self.institute,
            period_start=timezone.localdate(),
            period_end=timezone.localdate(),
            invoice_number="1",
            usage_record="x",
        )
        self.assert_refused(Claim.objects.filter(pk=claim.pk), amount=Decimal("-1"))
