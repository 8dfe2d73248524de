"""``manage.py seed_demo`` builds the Chinese demo market and is idempotent."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from demands.models import Demand, Evaluation, Proposal
from instruments.models import Booking, BookingQuota, Instrument, Qualification
from marketplace.models import AuditEntry, Membership, Organization, User
from marketplace.validators import validate_credit_code
from tech_transfer.models import Auction, Patent, Result, TechContract
from vouchers.invariants import check_invariants
from vouchers.models import Claim, Invoice, VoucherGrant

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Organization.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
        Instrument.objects.count(),
        Booking.objects.count(),
    )


def test_seed_demo_is_idempotent_and_realistic():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    assert "kjdsc2026" in out.getvalue()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first

    authority = Organization.objects.get(name="余姚市科学技术局")
    assert authority.kind == "authority" and authority.verified
    institutes = set(Organization.objects.filter(kind="institute").values_list("name", flat=True))
    assert {
        "浙江大学机器人研究院",
        "宁波市智能制造产业研究院",
        "宁波阳明工业技术研究院",
        "诺丁汉(余姚)智能电气化研究院",
    } <= institutes
    assert Organization.objects.filter(kind="enterprise").count() >= 5
    assert Organization.objects.filter(verified=False).exists()
    for organization in Organization.objects.all():
        validate_credit_code(organization.credit_code)
        assert organization.memberships.filter(role="admin").exists(), organization
        assert organization.industry_chains.exists() or organization.kind == "authority"

    admin = User.objects.get(username="admin")
    assert admin.is_platform_admin and admin.is_superuser and admin.check_password("kjdsc2026")
    assert User.objects.filter(memberships__isnull=False).distinct().count() >= 20
    assert User.objects.filter(username="xu_broker").get().memberships.count() == 2

    assert Instrument.objects.count() >= 30
    assert Instrument.objects.filter(voucher_eligible=True, status="active").count() >= 20
    assert {"JSM-7900F", "D8 ADVANCE"} <= set(Instrument.objects.values_list("model_number", flat=True))
    assert all(i.service_items.exists() and i.opening_hours.exists() for i in Instrument.objects.all())
    assert Booking.objects.live().count() >= 3
    assert Qualification.objects.filter(user__username="yy_mold").exists()
    assert BookingQuota.objects.exists()

    assert VoucherGrant.objects.filter(status="approved").count() >= 3
    assert VoucherGrant.objects.filter(status="applied").exists()
    assert Claim.objects.filter(status="submitted").exists()
    assert Invoice.objects.filter(voucher_paid__gt=0).exists()
    assert check_invariants() == []

    assert Result.objects.count() >= 40 and Result.objects.filter(status="published").count() >= 30
    assert Patent.objects.count() >= 40 and Auction.objects.exists()
    assert Demand.objects.count() >= 30
    assert Demand.objects.filter(anonymous=True).exists() and Demand.objects.filter(is_challenge=True).exists()
    assert Proposal.objects.filter(status="accepted").count() >= 3
    assert TechContract.objects.filter(proposal__isnull=False).count() >= 3
    assert Evaluation.objects.exists()


def test_stats_endpoint_reports_the_demo_market(client):
    call_command("seed_demo", stdout=StringIO())
    figures = client.get("/api/v1/stats/").json()
    assert figures["organizations"]["verified_by_kind"]["institute"] >= 5
    assert figures["instruments"]["instruments"] >= 30
    assert figures["instruments"]["bookings_by_status"]["completed"] >= 1
    program = figures["vouchers"]["programs"][0]
    assert program["budget"] == "5000000.00"
    assert program["granted"] == str(sum(Decimal(g.amount) for g in VoucherGrant.objects.filter(status="approved")))
    assert Decimal(program["redeemed"]) > 0


def test_reseed_restores_edited_demo_rows_without_touching_passwords():
    call_command("seed_demo", stdout=StringIO())
    organization = Organization.objects.get(name="浙江大学机器人研究院")
    Organization.objects.filter(pk=organization.pk).update(description="changed")
    user = User.objects.get(username="zju_robot")
    user.set_password("my-own-password")
    user.save()
    call_command("seed_demo", stdout=StringIO())
    assert Organization.objects.get(pk=organization.pk).description != "changed"
    assert User.objects.get(username="zju_robot").check_password("my-own-password")
