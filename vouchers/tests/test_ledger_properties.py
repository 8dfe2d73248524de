"""Property tests of the voucher ledger and of grant approval (hypothesis).

Random sequences of ledger operations on one or two grants are run against the real services while the test keeps its
own model of the expected balances; after every step the grant's running totals, the balances derived from the
entries and the model must agree, no balance may be negative and ``check_invariants()`` must find nothing.

Each example runs in its own transaction (``hypothesis.extra.django.TestCase``), rolled back afterwards. Run with
``--hypothesis-show-statistics`` to see how often each operation did something.
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from marketplace.exceptions import DomainError, RuleViolation
from marketplace.money import ZERO, money
from marketplace.services.transitions import lock
from marketplace.testing import make_organization, make_user
from vouchers.choices import EntryKind, GrantStatus, HoldStatus
from vouchers.invariants import check_invariants
from vouchers.models import LedgerEntry, VoucherGrant, VoucherHold, VoucherProgram
from vouchers.services import ledger, programs
from vouchers.services.ledger import InsufficientBalance, derived_balances
from vouchers.testing import make_grant, make_program

PROPERTY_SETTINGS = settings(
    deadline=None,
    database=None,  # no example database written into the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: The smallest amount the generated data use: every fen, on SQLite (binary-float NUMERIC columns) as on PostgreSQL.
GRID = Decimal("0.01")


def on_grid(amount: Decimal) -> Decimal:
    return money((amount / GRID).to_integral_value(ROUND_FLOOR) * GRID)


def units(n: int) -> Decimal:
    return money(n * GRID)


def share(reference: Decimal, per_mille: int, extra: int) -> Decimal:
    """An amount relative to ``reference`` (0–150 %, so often more than it) plus a few grid units."""
    return on_grid(reference * per_mille / 1000) + units(extra)


# --- strategies ------------------------------------------------------------------------------------------------------

PER_MILLE = st.one_of(st.just(1000), st.integers(0, 1500))  # exactly the reference, or anything up to 150 % of it
EXTRA = st.one_of(st.just(0), st.integers(1, 3))  # a few grid units on top
GRANT_AMOUNT = st.integers(1, 500_000).map(lambda n: max(GRID, on_grid(Decimal(n).scaleb(-2))))  # up to 5,000.00
OVERDRAWN = st.sampled_from([EntryKind.HOLD, EntryKind.EXPIRE, EntryKind.RELEASE, EntryKind.REDEEM, EntryKind.REVERSAL])


# --- the model -------------------------------------------------------------------------------------------------------


@dataclass
class Balance:
    available: Decimal
    held: Decimal = ZERO
    redeemed: Decimal = ZERO

    def as_dict(self) -> dict[str, Decimal]:
        return {"available": self.available, "held": self.held, "redeemed": self.redeemed}


#: The balance each kind of entry debits: posting more than it holds must be refused.
DEBITED = {
    EntryKind.HOLD: "available",
    EntryKind.EXPIRE: "available",
    EntryKind.RELEASE: "held",
    EntryKind.REDEEM: "held",
    EntryKind.REVERSAL: "redeemed",
}


@dataclass
class Model:
    balances: list[Balance]
    holds: dict[int, dict] = field(default_factory=dict)  # pk → {"grant": index, "amount", "status"}
    redemptions: dict[int, dict] = field(default_factory=dict)  # entry pk → {"grant": index, "amount", "reversed"}

    def holds_with(self, *, open_: bool) -> list[int]:
        return sorted(pk for pk, h in self.holds.items() if (h["status"] == HoldStatus.OPEN) == open_)

    def redemptions_with(self, *, reversed_: bool) -> list[int]:
        return sorted(pk for pk, r in self.redemptions.items() if r["reversed"] == reversed_)

    def applicable(self) -> list[str]:
        """The operations that can run in this state; listed twice = drawn twice as often."""
        names = ["hold", "hold", "expire", "overdraw"]
        if self.holds_with(open_=True):
            names += ["release", "redeem", "redeem"]
        if self.holds_with(open_=False):
            names += ["release_closed", "redeem_closed"]
        if self.redemptions_with(reversed_=False):
            names += ["reverse", "reverse"]
        if self.redemptions_with(reversed_=True):
            names += ["reverse_again"]
        return names


class LedgerSequenceProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.issuer = make_organization("authority")
        cls.program = make_program(cls.issuer)
        cls.firms = [make_organization("enterprise"), make_organization("enterprise")]
        cls.provider = make_organization("institute")

    # helpers ---------------------------------------------------------------------------------------------------------
    def assert_consistent(self, grants: list[VoucherGrant], model: Model):
        self.assertEqual(check_invariants(), [])
        derived = derived_balances([g.pk for g in grants])
        stored = VoucherGrant.objects.in_bulk([g.pk for g in grants])
        for grant, expected in zip(grants, model.balances, strict=True):
            fresh = stored[grant.pk]
            actual = {"available": fresh.available, "held": fresh.held, "redeemed": fresh.redeemed}
            self.assertEqual(actual, expected.as_dict())
            self.assertEqual(derived[grant.pk], expected.as_dict())
            self.assertTrue(all(value >= ZERO for value in actual.values()), actual)
        holds = {
            pk: (status, amount) for pk, status, amount in VoucherHold.objects.values_list("pk", "status", "amount")
        }
        self.assertEqual(holds, {pk: (h["status"], h["amount"]) for pk, h in model.holds.items()})

    def assert_entries_are_immutable(self, entry: LedgerEntry):
        before = (entry.kind, entry.amount, entry.note)
        entry.note = "tampered"
        with self.assertRaises(TypeError):
            entry.save()
        with self.assertRaises(TypeError):
            entry.save(update_fields=["note"])
        with self.assertRaises(TypeError):
            entry.delete()
        with self.assertRaises(TypeError):
            LedgerEntry.objects.filter(pk=entry.pk).update(note="tampered")
        with self.assertRaises(TypeError):
            LedgerEntry.objects.filter(pk=entry.pk).delete()
        # bulk_update runs in atomic(savepoint=False): give it a savepoint so its refusal leaves our transaction usable
        with self.assertRaises(TypeError), transaction.atomic():
            LedgerEntry.objects.bulk_update([entry], ["note"])
        fresh = LedgerEntry.objects.get(pk=entry.pk)
        self.assertEqual((fresh.kind, fresh.amount, fresh.note), before)

    # the property ----------------------------------------------------------------------------------------------------
    @settings(PROPERTY_SETTINGS, max_examples=60)
    @given(amounts=st.lists(GRANT_AMOUNT, min_size=1, max_size=2), data=st.data())
    def test_random_operation_sequences_keep_the_ledger_consistent(self, amounts, data):
        grants = [make_grant(self.program, firm, amount) for firm, amount in zip(self.firms, amounts, strict=False)]
        model = Model(balances=[Balance(available=amount) for amount in amounts])
        self.assert_consistent(grants, model)

        for _ in range(data.draw(st.integers(1, 30), label="steps")):
            name = data.draw(st.sampled_from(model.applicable()), label="operation")
            outcome = getattr(self, f"_op_{name}")(grants, model, data)
            event(f"{name}: {outcome}")  # shown by --hypothesis-show-statistics
            self.assert_consistent(grants, model)

        entries = list(LedgerEntry.objects.filter(grant__in=grants).order_by("pk"))
        self.assert_entries_are_immutable(data.draw(st.sampled_from(entries), label="entry to tamper with"))

    # operations (each draws its arguments, updates the model and checks what the service returned) -------------------
    def _grant(self, grants, data) -> int:
        return data.draw(st.integers(0, len(grants) - 1), label="grant")

    def _pick(self, candidates: list[int], data, label: str) -> int:
        return data.draw(st.sampled_from(candidates), label=label)

    def _op_hold(self, grants, model, data):
        index = self._grant(grants, data)
        balance = model.balances[index]
        wanted = share(balance.available, data.draw(PER_MILLE), data.draw(EXTRA))
        hold = ledger.hold_up_to(grants[index], wanted, provider=self.provider)
        expected = min(wanted, balance.available)
        if expected <= ZERO:
            self.assertIsNone(hold)
            return "nothing available"
        self.assertEqual((hold.amount, hold.status), (expected, HoldStatus.OPEN))
        balance.available -= expected
        balance.held += expected
        model.holds[hold.pk] = {"grant": index, "amount": expected, "status": HoldStatus.OPEN}
        return "part of what was wanted" if expected < wanted else "as wanted"

    def _op_release(self, grants, model, data):
        pk = self._pick(model.holds_with(open_=True), data, "open hold")
        state = model.holds[pk]
        hold = ledger.release(VoucherHold.objects.get(pk=pk))
        self.assertEqual((hold.status, hold.redeemed_amount), (HoldStatus.RELEASED, ZERO))
        balance = model.balances[state["grant"]]
        balance.held -= state["amount"]
        balance.available += state["amount"]
        state["status"] = HoldStatus.RELEASED
        return "released"

    def _op_redeem(self, grants, model, data):
        pk = self._pick(model.holds_with(open_=True), data, "open hold")
        state = model.holds[pk]
        amount = share(state["amount"], data.draw(PER_MILLE), data.draw(EXTRA))
        hold = ledger.redeem(VoucherHold.objects.get(pk=pk), amount)
        spent = min(amount, state["amount"])
        status = HoldStatus.REDEEMED if spent > ZERO else HoldStatus.RELEASED
        self.assertEqual((hold.status, hold.redeemed_amount), (status, spent))
        balance = model.balances[state["grant"]]
        balance.held -= state["amount"]
        balance.redeemed += spent
        balance.available += state["amount"] - spent
        state["status"] = status
        if spent > ZERO:
            redemption = LedgerEntry.objects.get(hold_id=pk, kind=EntryKind.REDEEM)
            self.assertEqual(redemption.amount, spent)
            model.redemptions[redemption.pk] = {"grant": state["grant"], "amount": spent, "reversed": False}
        return "all of the hold" if spent == state["amount"] else "part of the hold" if spent else "nothing"

    def _op_release_closed(self, grants, model, data):
        pk = self._pick(model.holds_with(open_=False), data, "closed hold")
        entries = LedgerEntry.objects.count()
        hold = ledger.release(VoucherHold.objects.get(pk=pk))
        self.assertEqual(hold.status, model.holds[pk]["status"])
        self.assertEqual(LedgerEntry.objects.count(), entries, "releasing a closed hold must be a no-op")
        return "no-op"

    def _op_redeem_closed(self, grants, model, data):
        pk = self._pick(model.holds_with(open_=False), data, "closed hold")
        entries = LedgerEntry.objects.count()
        before = VoucherHold.objects.get(pk=pk)
        hold = ledger.redeem(before, share(model.holds[pk]["amount"], data.draw(PER_MILLE), 0))
        self.assertEqual((hold.status, hold.redeemed_amount), (before.status, before.redeemed_amount))
        self.assertEqual(LedgerEntry.objects.count(), entries, "redeeming a closed hold must be a no-op")
        return "no-op"

    def _op_expire(self, grants, model, data):
        index = self._grant(grants, data)
        balance = model.balances[index]
        entry = ledger.expire(grants[index])
        if balance.available <= ZERO:
            self.assertIsNone(entry)
            return "nothing left"
        self.assertEqual((entry.kind, entry.amount), (EntryKind.EXPIRE, balance.available))
        balance.available = ZERO
        return "expired"

    def _op_reverse(self, grants, model, data):
        pk = self._pick(model.redemptions_with(reversed_=False), data, "redemption")
        state = model.redemptions[pk]
        reversal = ledger.reverse_redemption(LedgerEntry.objects.get(pk=pk))
        self.assertEqual(
            (reversal.kind, reversal.amount, reversal.reverses_id), (EntryKind.REVERSAL, state["amount"], pk)
        )
        balance = model.balances[state["grant"]]
        balance.redeemed -= state["amount"]
        balance.available += state["amount"]
        state["reversed"] = True
        return "reversed"

    def _op_reverse_again(self, grants, model, data):
        pk = self._pick(model.redemptions_with(reversed_=True), data, "reversed redemption")
        entries = LedgerEntry.objects.count()
        with self.assertRaises(DomainError) as raised:
            ledger.reverse_redemption(LedgerEntry.objects.get(pk=pk))
        self.assertEqual(raised.exception.code, "already_reversed")
        self.assertEqual(LedgerEntry.objects.count(), entries)
        return "refused"

    def _op_overdraw(self, grants, model, data):
        """Post straight to the ledger more than the debited balance holds: the check constraint refuses it."""
        index = self._grant(grants, data)
        kind = data.draw(OVERDRAWN, label="kind")
        amount = getattr(model.balances[index], DEBITED[kind]) + units(data.draw(st.integers(1, 10_000)))
        entries = LedgerEntry.objects.count()
        with self.assertRaises(InsufficientBalance) as raised, transaction.atomic():
            ledger.post(lock(grants[index]), kind, amount)
        self.assertEqual(raised.exception.code, "insufficient_balance")
        self.assertEqual(LedgerEntry.objects.count(), entries)
        return f"{kind} refused"


class LedgerGuardTests(TestCase):
    """Deterministic companions of the property above (clear failure messages when one of the guards goes)."""

    @classmethod
    def setUpTestData(cls):
        cls.program = make_program(make_organization("authority"))
        cls.firm = make_organization("enterprise")
        cls.provider = make_organization("institute")

    def test_a_hold_larger_than_available_posted_directly_is_refused_by_the_database(self):
        grant = make_grant(self.program, self.firm, Decimal("100.00"))
        with self.assertRaises(InsufficientBalance), transaction.atomic():
            ledger.post(lock(grant), EntryKind.HOLD, Decimal("100.01"))
        # …and the same without the service: the UPDATE itself is refused
        with self.assertRaises(IntegrityError), transaction.atomic():
            VoucherGrant.objects.filter(pk=grant.pk).update(available=F("available") - Decimal("100.01"))
        grant.refresh_from_db()
        self.assertEqual((grant.available, grant.held), (Decimal("100.00"), ZERO))
        self.assertEqual(check_invariants(), [])

    def test_closed_holds_and_reversed_redemptions_are_final(self):
        grant = make_grant(self.program, self.firm, Decimal("100.00"))
        hold = ledger.hold_up_to(grant, Decimal("150.00"), provider=self.provider)
        self.assertEqual(hold.amount, Decimal("100.00"))
        ledger.redeem(hold, Decimal("30.00"))
        self.assertEqual(ledger.release(hold).status, HoldStatus.REDEEMED)
        self.assertEqual(ledger.redeem(hold, Decimal("100.00")).redeemed_amount, Decimal("30.00"))
        redemption = LedgerEntry.objects.get(hold=hold, kind=EntryKind.REDEEM)
        ledger.reverse_redemption(redemption)
        with self.assertRaises(DomainError) as raised:
            ledger.reverse_redemption(redemption)
        self.assertEqual(raised.exception.code, "already_reversed")
        grant.refresh_from_db()
        self.assertEqual((grant.available, grant.held, grant.redeemed), (Decimal("100.00"), ZERO, ZERO))
        self.assertEqual(check_invariants(), [])

    def test_the_database_refuses_granting_over_the_budget(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            VoucherProgram.objects.filter(pk=self.program.pk).update(granted_total=F("total_budget") + Decimal("0.01"))


class SQLiteDecimalArithmetic(TestCase):
    """Draining a balance exactly must work whatever the amounts, on SQLite too: there NUMERIC columns hold binary
    floats, so the services compute new totals in Decimal rather than with SQL arithmetic (0.30 − 0.10 ≠ 0.20)."""

    @classmethod
    def setUpTestData(cls):
        cls.issuer = make_organization("authority")
        cls.firms = [make_organization("enterprise"), make_organization("enterprise")]
        cls.provider = make_organization("institute")

    def test_a_hold_of_exactly_the_remaining_balance_is_taken(self):
        grant = make_grant(make_program(self.issuer), self.firms[0], Decimal("0.30"))
        ledger.hold_up_to(grant, Decimal("0.10"), provider=self.provider)
        hold = ledger.hold_up_to(grant, Decimal("0.20"), provider=self.provider)  # InsufficientBalance on SQLite
        self.assertEqual(hold.amount, Decimal("0.20"))
        self.assertEqual(check_invariants(), [])

    def test_the_remaining_balance_expires(self):
        grant = make_grant(make_program(self.issuer), self.firms[0], Decimal("0.30"))
        ledger.hold_up_to(grant, Decimal("0.10"), provider=self.provider)
        entry = ledger.expire(grant)  # InsufficientBalance on SQLite
        self.assertEqual(entry.amount, Decimal("0.20"))
        self.assertEqual(check_invariants(), [])

    def test_every_hold_can_be_released(self):
        grant = make_grant(make_program(self.issuer), self.firms[0], Decimal("1.00"))
        first = ledger.hold_up_to(grant, Decimal("0.30"), provider=self.provider)
        second = ledger.hold_up_to(grant, Decimal("0.60"), provider=self.provider)  # held 0.8999999999999999
        ledger.release(second)  # held 0.2999999999999999
        # InsufficientBalance on SQLite: a booking with a voucher can be neither cancelled nor completed
        self.assertEqual(ledger.release(first).status, HoldStatus.RELEASED)
        self.assertEqual(check_invariants(), [])

    def test_the_last_of_the_budget_can_be_granted(self):
        program = make_program(self.issuer, total_budget=Decimal("0.30"))
        make_grant(program, self.firms[0], Decimal("0.10"))
        # IntegrityError program_granted_within_budget on SQLite (a 500 through the API): 0.1 + 0.2 > 0.3 in floats
        grant = make_grant(program, self.firms[1], Decimal("0.20"))
        self.assertEqual(grant.amount, Decimal("0.20"))
        self.assertEqual(check_invariants(), [])


# --- approve_grant ---------------------------------------------------------------------------------------------------

FIRMS = 6


@st.composite
def approval_plans(draw):
    amount = st.integers(1, 2_000_000).map(lambda n: max(GRID, on_grid(Decimal(n).scaleb(-2))))  # up to 20,000.00
    cap = draw(amount)
    budget = draw(amount)
    firms = draw(st.integers(1, FIRMS))
    requests = [max(GRID, on_grid(cap * draw(st.integers(1, 1000)) / 1000)) for _ in range(firms)]
    # None = approve as requested; "rest" = exactly what is left of the budget at that moment; otherwise an
    # administrator's own amount (often above the cap)
    overrides = [
        draw(st.one_of(st.none(), st.just("rest"), st.just(cap), st.just(cap + GRID), amount)) for _ in range(firms)
    ]
    order = draw(st.permutations(range(firms)))
    return cap, budget, requests, overrides, order


class GrantApprovalProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.issuer = make_organization("authority")
        cls.admin = make_user(platform_admin=True)
        cls.firms = [make_organization("enterprise") for _ in range(FIRMS)]

    @settings(PROPERTY_SETTINGS, max_examples=60)
    @given(plan=approval_plans())
    def test_approvals_never_exceed_the_budget_or_the_firm_cap(self, plan):
        cap, budget, requests, overrides, order = plan
        program = make_program(self.issuer, total_budget=budget, per_firm_cap=cap)
        grants = [
            programs.apply_for_grant(
                program=program, firm=self.firms[i], requested_amount=requested, purpose="", actor=self.admin
            )
            for i, requested in enumerate(requests)
        ]
        granted = ZERO
        for i in order:
            override = budget - granted if overrides[i] == "rest" else overrides[i]
            if override is not None and override <= ZERO:
                continue  # the budget is spent: "rest" would be a zero amount, refused as a bad request
            amount = requests[i] if override is None else override
            kwargs = {} if override is None else {"amount": override}
            if amount > cap:
                with self.assertRaises(RuleViolation) as raised:
                    programs.approve_grant(grants[i], actor=self.admin, **kwargs)
                self.assertEqual(raised.exception.code, "over_firm_cap")
                outcome = GrantStatus.APPLIED
                event("over the firm cap")
            elif amount > budget - granted:
                with self.assertRaises(DomainError) as raised:
                    programs.approve_grant(grants[i], actor=self.admin, **kwargs)
                self.assertNotIsInstance(raised.exception, RuleViolation)
                self.assertEqual(raised.exception.code, "budget_exhausted")
                self.assertEqual(raised.exception.details["remaining"], str(budget - granted))
                outcome = GrantStatus.APPLIED
                event("over the budget")
            else:
                grant = programs.approve_grant(grants[i], actor=self.admin, **kwargs)
                self.assertEqual((grant.amount, grant.available, grant.cap), (amount, amount, cap))
                granted += amount
                outcome = GrantStatus.APPROVED
                event("approved, budget now spent" if granted == budget else "approved")
            program.refresh_from_db()
            self.assertEqual(program.granted_total, granted)
            self.assertLessEqual(program.granted_total, program.total_budget)
            self.assertEqual(VoucherGrant.objects.get(pk=grants[i].pk).status, outcome)
            self.assertEqual(check_invariants(), [])

        # an approved grant cannot be approved a second time
        approved = [g for g in grants if VoucherGrant.objects.get(pk=g.pk).status == GrantStatus.APPROVED]
        for grant in approved[:1]:
            with self.assertRaises(DomainError) as raised:
                programs.approve_grant(grant, actor=self.admin)
            self.assertEqual(raised.exception.code, "illegal_transition")
        program.refresh_from_db()
        self.assertEqual(program.granted_total, granted)
        self.assertEqual(check_invariants(), [])
