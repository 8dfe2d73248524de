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

Python's cyclic garbage collector is paused while the clients run. With SQLite, a collection in one thread can free
a cursor of another thread's connection (left in an exception's traceback cycle); the sqlite3 module resets it while
holding the GIL and blocks on that connection's mutex, held by its thread waiting out the busy timeout for the write
lock: every client then stalls for up to 20 s per such cursor. That is an artefact of many SQLite connections in one
process, not of the ledger, so the benchmark keeps it out of what it measures.
"""

import argparse
import gc
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
    args = parser.parse_args()

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


if __name__ == "__main__":
    sys.exit(main())
