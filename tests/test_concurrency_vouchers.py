"""Voucher money under concurrent requests against PostgreSQL: holds, grant approvals, release/redeem and claims.

Each test fires its requests from many threads at once (one database connection each) and asserts the exact outcome
counts, then that the ledger still satisfies ``check_invariants()``.
"""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from instruments.models import Booking
from instruments.testing import local, make_instrument
from marketplace.exceptions import DomainError
from marketplace.money import ZERO, money
from marketplace.testing import api_client, make_organization, make_user
from marketplace.testing_concurrency import run_concurrently
from vouchers.choices import EntryKind, GrantStatus, HoldStatus
from vouchers.invariants import check_invariants
from vouchers.models import Claim, ClaimLine, LedgerEntry, VoucherGrant, VoucherHold, VoucherProgram
from vouchers.services import claims, ledger, programs
from vouchers.testing import make_grant, make_program, register_provider

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _outcomes(responses) -> Counter:
    """``Counter`` of "201", "409 voucher_unavailable", … (or the repr of an exception a thread raised)."""
    outcomes = Counter()
    for response in responses:
        if not hasattr(response, "status_code"):
            outcomes[repr(response)] += 1
        elif response.status_code >= 400 and response.get("Content-Type", "").startswith("application/json"):
            outcomes[f"{response.status_code} {response.json().get('code')}"] += 1
        else:
            outcomes[str(response.status_code)] += 1
    return outcomes


def _ledger_of(hold) -> dict[str, Decimal]:
    return dict(LedgerEntry.objects.filter(hold=hold).values_list("kind").annotate(total=Sum("amount")))


def test_simultaneous_booking_holds_never_overspend_a_grant():
    """24 bookings of one firm, each wanting 100.00 of voucher, race for a 1,000.00 grant: 10 get their hold, the other
    14 are refused whole (409 voucher_unavailable, no booking) because the payment seam raised."""
    clients = 24
    owner = make_organization("institute")
    program = make_program(make_organization("authority"), coverage_ratio=Decimal("0.500"))
    register_provider(program, owner)
    instrument = make_instrument(owner, approval_mode="auto", voucher_eligible=True)
    item = instrument.service_items.get()
    item.price_enterprise = Decimal("400.00")  # half an hour → a 200.00 quote → 100.00 of voucher
    item.save(update_fields=["price_enterprise"])
    firm = make_organization("enterprise")
    users = [make_user(organization=firm) for _ in range(clients)]
    grant = make_grant(program, firm, Decimal("1000.00"))

    slot = timedelta(minutes=30)
    quote = money(item.price_enterprise * Decimal(slot.total_seconds()) / Decimal(3600))
    wanted = money(program.coverage_ratio * quote)
    full, rest = divmod(grant.amount, wanted)
    expected_holds = min(clients, int(full) + (1 if rest else 0))
    assert (quote, wanted, expected_holds) == (Decimal("200.00"), Decimal("100.00"), 10)  # the scenario is a race

    def request(i):
        start = local(3, 8) + i * slot  # 24 distinct half-hour slots, 08:00–20:00: only the voucher can refuse
        payload = {
            "instrument": instrument.pk,
            "service_item": item.pk,
            "start": start.isoformat(),
            "end": (start + slot).isoformat(),
            "use_voucher": True,
        }
        return api_client(users[i], firm).post(reverse("api:booking-list"), payload, format="json")

    responses = run_concurrently(request, clients)

    outcomes = _outcomes(responses)
    assert outcomes == {"201": expected_holds, "409 voucher_unavailable": clients - expected_holds}, outcomes
    created = [r.json() for r in responses if r.status_code == 201]
    assert {b["voucher"]["held"] for b in created} == {str(wanted)}
    assert Booking.objects.filter(instrument=instrument).count() == expected_holds  # refused bookings rolled back
    holds = VoucherHold.objects.filter(grant=grant)
    assert holds.count() == expected_holds
    assert set(holds.values_list("booking_id", flat=True)) == {b["id"] for b in created}
    assert holds.aggregate(s=Sum("amount"))["s"] == grant.amount
    grant.refresh_from_db()
    assert (grant.available, grant.held, grant.redeemed) == (ZERO, Decimal("1000.00"), ZERO)
    assert LedgerEntry.objects.filter(grant=grant, kind=EntryKind.HOLD).count() == expected_holds
    assert check_invariants() == []


def test_concurrent_grant_approvals_never_exceed_the_budget():
    """20 administrators approve 20 applications of 10,000.00 at once against a budget of 95,000.00: 9 are approved,
    11 get 409 budget_exhausted, and the programme has granted exactly 90,000.00."""
    clients = 20
    requested = Decimal("10000.00")
    program = make_program(
        make_organization("authority"), total_budget=Decimal("95000.00"), per_firm_cap=Decimal("10000.00")
    )
    admins = [make_user(platform_admin=True) for _ in range(clients)]
    grants = [
        programs.apply_for_grant(
            program=program,
            firm=make_organization("enterprise"),
            requested_amount=requested,
            purpose="研发检测",
            actor=None,
        )
        for _ in range(clients)
    ]
    approvable = int(program.total_budget // requested)
    assert approvable == 9

    def approve(i):
        url = reverse("api:vouchergrant-approve", args=[grants[i].pk])
        return api_client(admins[i]).post(url, {"note": "同意"}, format="json")

    responses = run_concurrently(approve, clients)

    outcomes = _outcomes(responses)
    assert outcomes == {"200": approvable, "409 budget_exhausted": clients - approvable}, outcomes
    program.refresh_from_db()
    assert program.granted_total == approvable * requested == Decimal("90000.00")
    approved = VoucherGrant.objects.filter(program=program, status=GrantStatus.APPROVED)
    assert approved.count() == approvable
    assert {r.json()["id"] for r in responses if r.status_code == 200} == set(approved.values_list("pk", flat=True))
    assert VoucherGrant.objects.filter(program=program, status=GrantStatus.APPLIED).count() == clients - approvable
    grant_entries = LedgerEntry.objects.filter(grant__program=program, kind=EntryKind.GRANT)
    assert grant_entries.count() == approvable
    assert grant_entries.aggregate(s=Sum("amount"))["s"] == program.granted_total
    assert VoucherProgram.objects.get(pk=program.pk).granted_total <= program.total_budget
    assert check_invariants() == []


def test_concurrent_release_and_redeem_close_a_hold_exactly_once():
    """10 threads release and 10 redeem 60.00 of the same open 100.00 hold at once: the hold is closed once, by
    whichever came first; every other call is a no-op that sees that outcome. Repeated on fresh holds."""
    program = make_program(make_organization("authority"))
    provider = make_organization("institute")
    grant = make_grant(program, make_organization("enterprise"), Decimal("1000.00"))
    amount, spend = Decimal("100.00"), Decimal("60.00")
    rounds, winners = 3, Counter()

    for _ in range(rounds):
        hold = ledger.hold_up_to(grant, amount, provider=provider)
        copies = [VoucherHold.objects.get(pk=hold.pk) for _ in range(20)]  # one stale instance per thread

        def close(i, copies=copies):
            if i % 2:
                return ledger.redeem(copies[i], spend, note=f"thread {i}")
            return ledger.release(copies[i], note=f"thread {i}")

        results = run_concurrently(close, len(copies))

        assert all(isinstance(r, VoucherHold) for r in results), results
        hold.refresh_from_db()
        assert hold.status in (HoldStatus.RELEASED, HoldStatus.REDEEMED)
        assert {(r.status, r.redeemed_amount) for r in results} == {(hold.status, hold.redeemed_amount)}
        if hold.status == HoldStatus.RELEASED:
            expected = {EntryKind.HOLD: amount, EntryKind.RELEASE: amount}
        else:
            expected = {EntryKind.HOLD: amount, EntryKind.REDEEM: spend, EntryKind.RELEASE: amount - spend}
        assert _ledger_of(hold) == expected
        assert LedgerEntry.objects.filter(hold=hold).count() == len(expected)  # one entry of each kind
        winners[hold.status] += 1

    grant.refresh_from_db()
    redeemed = winners[HoldStatus.REDEEMED] * spend
    assert (grant.available, grant.held, grant.redeemed) == (Decimal("1000.00") - redeemed, ZERO, redeemed)
    assert sum(winners.values()) == rounds
    assert check_invariants() == []


def test_concurrent_claims_of_one_provider_take_each_redemption_once():
    """10 members of a provider submit a claim for the same period at once: one claim takes every unclaimed
    redemption, the other 9 get 409 nothing_to_claim."""
    clients = 10
    program = make_program(make_organization("authority"))
    provider = make_organization("institute")
    register_provider(program, provider)
    members = [make_user(organization=provider) for _ in range(clients)]
    grants = [make_grant(program, make_organization("enterprise"), Decimal("5000.00")) for _ in range(2)]
    for n, spend in enumerate(["120.00", "80.50", "300.00", "45.25", "99.99", "10.00"]):
        hold = ledger.hold_up_to(grants[n % 2], Decimal("300.00"), provider=provider)
        ledger.redeem(hold, Decimal(spend))
    reversed_ = LedgerEntry.objects.filter(kind=EntryKind.REDEEM).order_by("pk").last()
    ledger.reverse_redemption(reversed_)  # a reversed redemption is never claimable
    ledger.hold_up_to(grants[0], Decimal("50.00"), provider=provider)  # an open hold is not claimable either
    claimable = set(
        LedgerEntry.objects.filter(kind=EntryKind.REDEEM, reversed_by__isnull=True).values_list("pk", flat=True)
    )
    assert len(claimable) == 5

    today = timezone.localdate()
    payload = {
        "program": program.pk,
        "period_start": str(today - timedelta(days=1)),  # tolerant of a run across midnight
        "period_end": str(today + timedelta(days=1)),
        "usage_record": "仪器检测服务记录",
    }

    def submit(i):
        return api_client(members[i], provider).post(
            reverse("api:claim-list"), {**payload, "invoice_number": f"3302{i:04d}"}
        )

    responses = run_concurrently(submit, clients)

    outcomes = _outcomes(responses)
    assert outcomes == {"201": 1, "409 nothing_to_claim": clients - 1}, outcomes
    claim = Claim.objects.get(program=program, provider=provider)
    body = next(r.json() for r in responses if r.status_code == 201)
    assert body["id"] == claim.pk
    assert set(body["redemptions"]) == claimable
    lines = ClaimLine.objects.filter(claim__program=program)
    assert sorted(lines.values_list("redemption_id", flat=True)) == sorted(claimable)  # each exactly once
    assert claim.amount == lines.aggregate(s=Sum("amount"))["s"] == Decimal("645.74")
    assert not LedgerEntry.objects.filter(kind=EntryKind.REDEEM, claim_line__isnull=True, reversed_by__isnull=True)
    assert check_invariants() == []


def test_claims_refused_by_the_service_for_the_losers():
    """The same race through the service: the losers' DomainError is nothing_to_claim, never an IntegrityError."""
    clients = 10
    program = make_program(make_organization("authority"))
    provider = make_organization("institute")
    register_provider(program, provider)
    grant = make_grant(program, make_organization("enterprise"), Decimal("1000.00"))
    for _ in range(3):
        ledger.redeem(ledger.hold_up_to(grant, Decimal("100.00"), provider=provider), Decimal("100.00"))
    today = timezone.localdate()

    def submit(i):
        return claims.submit_claim(
            program=program,
            provider=provider,
            period_start=today - timedelta(days=1),
            period_end=today + timedelta(days=1),
            invoice_number=f"INV{i}",
            usage_record="检测",
            actor=None,
        )

    results = run_concurrently(submit, clients)

    claims_made = [r for r in results if isinstance(r, Claim)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(claims_made), len(refused)) == (1, clients - 1), results
    assert {e.code for e in refused} == {"nothing_to_claim"}
    assert claims_made[0].lines.count() == 3
    assert claims_made[0].amount == Decimal("300.00")
    assert check_invariants() == []
