"""Benchmark: the 市场监测 dashboard (``/dashboard/``, ``/workspace/monitoring/``) and ``GET /api/v1/stats/`` at scale.

    DATABASE_URL=postgres://kjdsc:kjdsc@127.0.0.1:5432/kjdsc_bench .venv/bin/python bench/dashboard.py
    DATABASE_URL=sqlite:////tmp/dashboard.sqlite3 .venv/bin/python bench/dashboard.py --bookings 5000 --contracts 500

Generates ``--bookings`` bookings (default 100,000) over ``--instruments`` instruments and ``--contracts`` technology
contracts (default 10,000), plus a fifth as many demands (the solved ones with an accepted proposal and a rating)
and ``--entries`` voucher ledger entries, all spread over the last 12 months, into the configured database (use a
scratch database: the rows are kept; ``--no-generate`` measures what is there). Then requests each URL ``--repeat``
times through Django's test client in-process (middleware, views, queries, templates; no network) and prints
p50/p95 and the query count of each, with and without a region filter (and, with ``--cache N``, once more with
``MARKET_STATS_CACHE_SECONDS=N``). Goal: p95 ≤ 200 ms on PostgreSQL uncached, and the same query count whatever the
amount of data.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal

from _setup import django_setup, latency_line, percentile

GOAL_MS = 200.0


def generate(args):
    from django.db import transaction
    from django.db.models import F, QuerySet, Value
    from django.db.models.functions import Least
    from django.utils import timezone

    from demands.models import Demand, Evaluation, Proposal
    from instruments.models import Booking, Instrument, OpeningHours, ServiceItem
    from marketplace.models import Organization, User
    from marketplace.testing import make_user
    from marketplace.validators import make_credit_code
    from tech_transfer.models import TechContract
    from vouchers.models import LedgerEntry, VoucherGrant
    from vouchers.testing import make_program

    rng = random.Random(args.seed)
    run = time.time_ns() % 10**5
    now = timezone.now()
    year_ago = now - timedelta(days=365)
    regions = ["330281", "330281", "330281", "330200", "330100", "310000", "320500", "340100"]
    started = time.perf_counter()

    def organizations(kind, prefix, count):
        rows = [
            Organization(
                name=f"基准{kind}{run}-{i}",
                credit_code=make_credit_code(prefix, "330281", f"D{run % 10**4:04d}{i:03d}"),
                kind=kind,
                region_id=rng.choice(regions),
                verified=True,
                verified_at=now,
            )
            for i in range(count)
        ]
        return Organization.objects.bulk_create(rows)

    with transaction.atomic():
        institutes = organizations("institute", "12", max(args.instruments // 5, 2))
        firms = organizations("enterprise", "91", 200)
        user = make_user(f"bench_dash_{run}")
        user_ids = [user.pk]
        instruments = Instrument.objects.bulk_create(
            Instrument(
                owner=rng.choice(institutes),
                name=f"基准仪器{run}-{i}",
                category="analytical",
                original_value=Decimal("1000000.00"),
                booking_mode="self_operated",
                status="active",
                voucher_eligible=True,
            )
            for i in range(args.instruments)
        )
        Instrument.objects.filter(pk__in=[i.pk for i in instruments]).update(created_at=year_ago)
        OpeningHours.objects.bulk_create(
            OpeningHours(instrument=i, weekday=d, start="08:00", end="20:00") for i in instruments for d in range(7)
        )
        items = ServiceItem.objects.bulk_create(
            ServiceItem(
                instrument=i, name="机时", unit="hour", price_enterprise=Decimal("300.00"),
                price_academic=Decimal("200.00"), price_internal=Decimal("100.00"),
            )
            for i in instruments
        )  # fmt: skip

        # Bookings: consecutive non-overlapping slots per instrument across the year (the exclusion constraint holds).
        per_instrument = -(-args.bookings // len(instruments))  # ceiling: args.bookings in all
        step = timedelta(hours=max(365 * 24 // per_instrument, 4))
        statuses = ["completed"] * 14 + ["cancelled"] * 2 + ["confirmed", "no_show", "requested", "rejected"]
        batch, made = [], 0
        for n in range(per_instrument):
            for instrument, item in zip(instruments, items, strict=True):
                if made == args.bookings:
                    break
                made += 1
                start = year_ago + step * n + timedelta(hours=rng.randint(0, 2))
                end = start + timedelta(hours=rng.choice((1, 2, 3)))
                status = rng.choice(statuses)
                internal = rng.random() < 0.2
                done = status == "completed"
                batch.append(
                    Booking(
                        instrument=instrument, service_item=item,
                        requester_org=instrument.owner if internal else rng.choice(firms),
                        requester_id=user_ids[0], start=start, end=end, blocked_until=end, status=status,
                        price_tier="enterprise", unit="hour", unit_price=Decimal("300.00"), quantity=Decimal("1"),
                        amount=Decimal("300.00"), final_amount=Decimal("300.00") if done else None,
                        actual_start=start if done else None,
                        actual_end=end - timedelta(minutes=rng.choice((0, 15, 30))) if done else None,
                    )
                )  # fmt: skip
                if len(batch) >= 20000:
                    Booking.objects.bulk_create(batch)
                    batch = []
        Booking.objects.bulk_create(batch)

        kinds = ["development", "transfer", "license", "consulting", "service"]
        fields = {f.name for f in TechContract._meta.get_fields()}
        signatures = {"seller_signed_at": now, "buyer_signed_at": now} if "seller_signed_at" in fields else {}
        TechContract.objects.bulk_create(
            TechContract(
                kind=rng.choice(kinds), title=f"基准合同{i}", seller=rng.choice(institutes), buyer=rng.choice(firms),
                amount=Decimal(rng.randint(10, 5000) * 1000),
                signed_on=(year_ago + timedelta(days=rng.randint(0, 364))).date(),
                status="registered" if i % 2 else "signed",
                registration_number=f"BENCH{run}-{i}" if i % 2 else None, **signatures,
            )
            for i in range(args.contracts)
        )  # fmt: skip

        demand_statuses = ["open"] * 4 + ["in_cooperation", "solved", "solved", "closed", "expired"]
        demands = Demand.objects.bulk_create(
            Demand(
                firm=rng.choice(firms), title=f"基准需求{i}", problem="问题", tech_field_id="advanced_manufacturing",
                cooperation_mode="commissioned", deadline=now.date() + timedelta(days=60),
                risk_class=rng.choice(["green", "yellow", "red"]), status=rng.choice(demand_statuses),
                is_challenge=i % 7 == 0, bounty=Decimal("100000.00") if i % 7 == 0 else None,
                published_at=year_ago + timedelta(days=rng.randint(0, 364)),
            )
            for i in range(args.contracts // 5)
        )  # fmt: skip
        solved = [d for d in demands if d.status == "solved"]
        Proposal.objects.bulk_create(
            Proposal(demand=d, institute=rng.choice(institutes), author_id=user_ids[0], approach="方案",
                     budget=Decimal("1.00"), duration_days=30, status="accepted")
            for d in solved
        )  # fmt: skip
        Evaluation.objects.bulk_create(Evaluation(demand=d, rating=rng.randint(1, 5)) for d in solved)

        authority = organizations("authority", "11", 1)[0]
        program = make_program(authority, name=f"基准创新券{run}", total_budget=Decimal("100000000.00"))
        grants = VoucherGrant.objects.bulk_create(
            VoucherGrant(program=program, firm=f, requested_amount=Decimal("100000.00"), status="approved",
                         amount=Decimal("100000.00"), cap=Decimal("100000.00"), available=Decimal("100000.00"))
            for f in firms
        )  # fmt: skip
        LedgerEntry.objects.bulk_create(
            LedgerEntry(grant=rng.choice(grants), kind="grant" if i % 4 == 0 else "redeem",
                        amount=Decimal(rng.randint(1, 50) * 100))
            for i in range(args.entries)
        )  # fmt: skip
        # Spread the entries over the year: created_at is auto_now_add, and the ledger's own manager refuses updates,
        # so a plain QuerySet moves them (benchmark data only), one UPDATE per day.
        by_day = {}
        for pk in LedgerEntry.objects.filter(grant__program=program).values_list("pk", flat=True):
            by_day.setdefault(rng.randint(0, 364), []).append(pk)
        for day, ids in by_day.items():
            QuerySet(LedgerEntry).filter(pk__in=ids).update(created_at=year_ago + timedelta(days=day))
        # History was written when it happened, not now: the bookings' last change goes back to a day before their
        # slot (at the latest yesterday), and the dashboard's roll-up is rebuilt once, as after any bulk import.
        Booking.objects.update(updated_at=Least(F("start") - timedelta(days=1), Value(now - timedelta(days=1))))
    from instruments import rollup

    rollup.rebuild()
    print(f"generated in {time.perf_counter() - started:.1f} s: {Booking.objects.count()} bookings, "
          f"{TechContract.objects.count()} contracts, {Demand.objects.count()} demands, "
          f"{LedgerEntry.objects.count()} ledger entries, {User.objects.count()} users")  # fmt: skip


def measure(client, url, repeat):
    from django.db import connection, reset_queries

    response = client.get(url)  # warm caches (templates, translations) once
    if response.status_code != 200:
        print(f"{url}: HTTP {response.status_code}")
        return None
    times, queries = [], set()
    for _ in range(repeat):
        reset_queries()
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
        queries.add(len(connection.queries))
    return times, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--contracts", type=int, default=10_000)
    parser.add_argument("--instruments", type=int, default=200)
    parser.add_argument("--entries", type=int, default=10_000, help="voucher ledger entries")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-generate", action="store_true", help="measure the data already there")
    parser.add_argument("--cache", type=int, default=0, help="also measure with MARKET_STATS_CACHE_SECONDS=N")
    args = parser.parse_args()
    django_setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from marketplace.models import User

    if not args.no_generate:
        generate(args)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    admin = User.objects.filter(is_platform_admin=True).first() or User.objects.create_user(
        f"bench_admin_{time.time_ns() % 10**6}", password="x", is_platform_admin=True
    )
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(admin)
    urls = [
        ("stats/", anonymous, "/api/v1/stats/"),
        ("stats/ region=330200", anonymous, "/api/v1/stats/?region=330200"),
        ("/dashboard/", anonymous, "/dashboard/"),
        ("/dashboard/ region=330200", anonymous, "/dashboard/?region=330200"),
        ("/workspace/monitoring/", signed_in, "/workspace/monitoring/"),
        ("CSV instrument_use", anonymous, "/dashboard/?format=csv&table=instrument_use"),
    ]
    # The machine's load is printed with the numbers: on a shared machine it explains more than the code does.
    print(f"database: {connection.vendor}, load average {' / '.join(f'{v:.1f}' for v in os.getloadavg())}")
    slow = False
    # Uncached first (MARKET_STATS_CACHE_SECONDS=0 whatever the deployment's default): the goal is for computing.
    with override_settings(DEBUG=True, MARKET_STATS_CACHE_SECONDS=0):  # query counting
        for label, client, url in urls:
            result = measure(client, url, args.repeat)
            if result is None:
                slow = True
                continue
            times, queries = result
            p95 = percentile(sorted(times), 0.95) * 1000
            slow |= p95 > GOAL_MS
            print(f"{latency_line(label, times)}  queries={'/'.join(str(q) for q in sorted(queries))}")
        if args.cache:
            # The same public URLs with MARKET_STATS_CACHE_SECONDS set: what a deployment that accepts figures up to
            # that old serves (the first request computes, the rest read the cache).
            with override_settings(MARKET_STATS_CACHE_SECONDS=args.cache):
                for label, client, url in urls:
                    if client is anonymous and (result := measure(client, url, args.repeat)):
                        times, queries = result
                        q = "/".join(str(n) for n in sorted(queries))
                        print(f"{latency_line(label + ' (cached)', times)}  queries={q}")
    print(f"goal p95 <= {GOAL_MS:.0f} ms (uncached): {'missed' if slow else 'met'}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
