"""Benchmark: the voucher ledger under concurrent holds, releases and redemptions (services called directly, one
database connection per client thread — this measures the ledger and its row locks, not HTTP).

    DATABASE_URL=postgres://kjdsc:kjdsc@127.0.0.1:5432/kjdsc_bench .venv/bin/python bench/vouchers.py \\
        --clients 16 --operations 2000

Every client loops over random operations on a shared pool of grants: ``hold_up_to`` a random amount on a random
grant, or ``release`` / ``redeem`` one of the holds it created (now and then one it has already closed, which must be a
no-op). Prints throughput, latency percentiles per operation, the outcome counts, whether the money of this run's
grants is conserved, and the number of ``check_invariants()`` violations (exit status 1 if any, or if an operation
failed unexpectedly). Creates its own programme, organizations and grants in the database it is given (use a scratch
database); it can run repeatedly in the same one.

Then it measures a settlement of ``--settlement-lines`` redemptions in ``--settlement-claims`` claims: approving it
(``claims.approve_settlement``: number, snapshot, claims settled — a bounded number of queries whatever the size) and
rendering and storing its statement PDF (``documents.store_settlement_document``, as the approval's task does), each
``--repeat`` times on fresh settlements; ``--skip-ledger`` runs only this part.

    DATABASE_URL=sqlite:////tmp/bench-vouchers.sqlite3 .venv/bin/python bench/vouchers.py --skip-ledger

Python's cyclic garbage collector is paused while the clients run. With SQLite, a collection in one thread can free
a cursor of another thread's connection (left in an exception's traceback cycle); the sqlite3 module resets it while
holding the GIL and blocks on that connection's mutex, held by its thread waiting out the busy timeout for the write
lock: every client then stalls for up to 20 s per such cursor. That is an artefact of many SQLite connections in one
process, not of the ledger, so the benchmark keeps it out of what it measures.
"""

import argparse
import gc
import os
import random
import sys
import threading
import time
from collections import Counter, defaultdict
from decimal import Decimal

from _setup import django_setup, latency_line

#: Share of release/redeem operations aimed at a hold the client has already closed (a no-op by design).
CLOSED_SHARE = 0.1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16, choices=range(1, 100), metavar="1..99")
    parser.add_argument("--operations", type=int, default=2000)
    parser.add_argument("--grants", type=int, default=8, choices=range(1, 100), metavar="1..99")
    parser.add_argument("--grant-amount", type=Decimal, default=Decimal("10000.00"), help="yuan per grant")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--settlement-lines", type=int, default=1000, help="redemptions in the settlement (0: skip)")
    parser.add_argument("--settlement-claims", type=int, default=100, help="claims they are spread over")
    parser.add_argument("--repeat", type=int, default=3, help="settlements approved and rendered")
    parser.add_argument("--skip-ledger", action="store_true", help="only the settlement measurements")
    args = parser.parse_args()
    if args.skip_ledger:
        django_setup()
        return settlement_benchmark(args)
    status = ledger_benchmark(args)
    if args.settlement_lines > 0:
        status |= settlement_benchmark(args)
    return status


def ledger_benchmark(args):

    django_setup()
    from django.db import connection, connections

    from marketplace.exceptions import DomainError
    from marketplace.money import ZERO, money
    from marketplace.testing import make_organization
    from marketplace.validators import make_credit_code
    from vouchers.choices import HoldStatus
    from vouchers.invariants import check_invariants
    from vouchers.models import VoucherGrant
    from vouchers.services import ledger
    from vouchers.testing import make_grant, make_program

    run = time.time_ns() % 10**5  # distinct credit codes for every run in a kept database

    def organization(kind, n):
        code = make_credit_code("91", "330281", f"Q{run:05d}{n:02d}")
        return make_organization(kind, name=f"创新券基准测试机构{run}-{n}", credit_code=code)

    amount = money(args.grant_amount)
    program = make_program(
        organization("authority", 0),
        name=f"创新券基准测试{run}",
        total_budget=max(Decimal("1000000.00"), amount * args.grants),
        per_firm_cap=amount,
    )
    provider = organization("institute", 1)
    grant_ids = [make_grant(program, organization("enterprise", 2 + i), amount).pk for i in range(args.grants)]
    connections.close_all()

    latencies, outcomes, lock = defaultdict(list), Counter(), threading.Lock()
    remaining = iter(range(args.operations))

    def client(i):
        rng = random.Random(args.seed * 1000 + i)
        grants = list(VoucherGrant.objects.filter(pk__in=grant_ids))
        open_holds, closed_holds = [], []
        while True:
            with lock:
                if next(remaining, None) is None:
                    break
            close = open_holds and rng.random() < 0.6
            if close and closed_holds and rng.random() < CLOSED_SHARE:
                kind, hold, expect_noop = rng.choice(["release", "redeem"]), rng.choice(closed_holds), True
            elif close:
                kind, expect_noop = rng.choice(["release", "redeem", "redeem"]), False
                hold = open_holds.pop(rng.randrange(len(open_holds)))
                closed_holds.append(hold)
            else:
                kind, hold, expect_noop = "hold_up_to", None, False
            wanted = money(Decimal(rng.randint(1_000, 50_000)) / 100)  # 10.00 … 500.00

            t0 = time.perf_counter()
            try:
                if kind == "hold_up_to":
                    result = ledger.hold_up_to(rng.choice(grants), wanted, provider=provider)
                elif kind == "release":
                    result = ledger.release(hold)
                else:
                    result = ledger.redeem(hold, money(hold.amount * Decimal(rng.randint(0, 120)) / 100))
                error = None
            except DomainError as exc:  # e.g. InsufficientBalance, Busy: none is expected here
                result, error = None, f"{type(exc).__name__} {exc.code}"
            except Exception as exc:
                result, error = None, type(exc).__name__
            elapsed = time.perf_counter() - t0

            if error:
                outcome = f"error: {error}"
            elif kind == "hold_up_to":
                if result is None:
                    outcome = "insufficient"
                else:
                    outcome = "ok" if result.amount == wanted else "ok (partial)"
                    open_holds.append(result)
            elif expect_noop:
                outcome = "no-op" if result.closed_at == hold.closed_at else "error: closed twice"
            else:
                outcome = "ok" if result.status != HoldStatus.OPEN else "error: still open"
                closed_holds[-1] = result
            with lock:
                latencies[kind].append(elapsed)
                outcomes[(kind, outcome)] += 1
        connections.close_all()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    gc.disable()  # see the module docstring
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - t0
    gc.enable()

    grants = list(VoucherGrant.objects.filter(pk__in=grant_ids))
    totals = {key: sum((getattr(g, key) for g in grants), ZERO) for key in ("available", "held", "redeemed")}
    conserved = sum(totals.values()) == amount * len(grants)
    problems = check_invariants()

    done = sum(len(v) for v in latencies.values())
    print(
        f"database: {connection.vendor}  clients: {args.clients}  operations: {args.operations}  "
        f"grants: {args.grants} × {amount}"
    )
    print(f"throughput: {done / wall:.1f} operations/s  (wall {wall:.2f} s)")
    for kind in ("hold_up_to", "release", "redeem"):
        print(latency_line(f"ledger.{kind}", latencies[kind]))
    for kind in ("hold_up_to", "release", "redeem"):
        counts = {outcome: n for (k, outcome), n in sorted(outcomes.items()) if k == kind}
        print(f"outcomes {kind + ':':<12}", counts)
    print(
        "grants of this run: "
        + "  ".join(f"{key} {value}" for key, value in totals.items())
        + f"  (granted {amount * len(grants)}: {'conserved' if conserved else 'NOT CONSERVED'})"
    )
    print(f"invariant violations: {len(problems)}")
    for problem in problems[:10]:
        print("  ", problem)
    failed = sum(n for (_kind, outcome), n in outcomes.items() if outcome.startswith("error"))
    return 1 if problems or failed or not conserved else 0


def settlement_benchmark(args):
    """Approve and render settlements of ``args.settlement_lines`` lines; exit status 1 if a statement is wrong."""
    from datetime import timedelta

    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from marketplace.testing import make_organization
    from marketplace.validators import make_credit_code
    from vouchers.models import ProviderRegistration
    from vouchers.services import claims, documents
    from vouchers.testing import make_grant, make_program, make_redemption, register_provider

    run = time.time_ns() % 10**5
    lines, claim_count = args.settlement_lines, max(1, min(args.settlement_claims, args.settlement_lines))

    def organization(kind, n):
        code = make_credit_code("91", "330281", f"T{run:05d}{n:02d}")
        return make_organization(kind, name=f"结算基准测试机构{run}-{n}", credit_code=code)

    program = make_program(
        organization("authority", 0), name=f"结算基准测试{run}", total_budget=Decimal("100000000.00"),
        per_firm_cap=Decimal("10000000.00"), publicity_days=0,
    )  # fmt: skip
    firms = [organization("enterprise", 2 + i) for i in range(10)]
    grants = [make_grant(program, firm, Decimal("1000000.00")) for firm in firms]
    approve_times, render_times, approve_queries, sizes, problems = [], [], [], [], 0
    approve_cpu, render_cpu = [], []  # CPU time of this process: what the wall time is on an idle machine
    for repeat in range(args.repeat):
        provider = organization("institute", 20 + repeat)
        register_provider(program, provider)
        ProviderRegistration.objects.filter(program=program, provider=provider).update(
            bank_name="中国工商银行余姚支行", bank_account="3901 0000 0000 0000 000"
        )
        today = timezone.localdate()
        made = 0
        for c in range(claim_count):
            for _ in range(lines // claim_count + (1 if c < lines % claim_count else 0)):
                make_redemption(grants[made % len(grants)], provider, Decimal("100.00"))
                made += 1
            claim = claims.submit_claim(
                program=program, provider=provider, period_start=today, period_end=today, invoice_number="1",
                usage_record="基准测试", actor=None,
            )  # fmt: skip
            claims.approve_claim(claim, actor=None, now=timezone.now() - timedelta(days=1))
        settlement = claims.create_settlement(
            program=program, provider=provider, period_start=today, period_end=today, actor=None
        )
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            t0, c0 = time.perf_counter(), time.process_time()
            settlement = claims.approve_settlement(settlement, actor=None)
            approve_times.append(time.perf_counter() - t0)
            approve_cpu.append(time.process_time() - c0)
        approve_queries.append(len(queries))
        t0, c0 = time.perf_counter(), time.process_time()
        documents.store_settlement_document(settlement)
        render_times.append(time.perf_counter() - t0)
        render_cpu.append(time.process_time() - c0)
        content = settlement.document.read()
        sizes.append(len(content))
        if len(settlement.snapshot["lines"]) != lines or not content.startswith(b"%PDF-"):
            problems += 1
    print(f"settlement: {lines} lines in {claim_count} claims, {args.repeat} settlements, database {connection.vendor}")
    print(latency_line("approve_settlement", approve_times) + f"  queries={approve_queries}")
    print(latency_line("  cpu", approve_cpu))
    print(latency_line("statement PDF (render+store)", render_times) + f"  {sizes[-1] // 1024} KiB")
    print(latency_line("  cpu", render_cpu))
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
