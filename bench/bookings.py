"""Benchmark: concurrent booking requests through the API (in-process WSGI, one database connection per client).

    DATABASE_URL=postgres://kjdsc:kjdsc@127.0.0.1:5432/kjdsc_bench .venv/bin/python bench/bookings.py \\
        --clients 16 --requests 2000 --overlap 0.5

Each request asks for one hour on one instrument; with ``--overlap`` of the requests aimed at slots that other
requests also want, the rest at distinct free slots. Prints throughput, latency percentiles, the outcome counts and
the number of overlapping live bookings found afterwards (must be 0). Creates its own organizations and instrument
in the database it is given (use a scratch database).
"""

import argparse
import itertools
import random
import sys
import threading
import time
from collections import Counter
from datetime import time as dt_time
from datetime import timedelta

from _setup import django_setup, latency_line


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16, choices=range(1, 100), metavar="1..99")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--overlap", type=float, default=0.5, help="share of requests aimed at contested slots")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    django_setup()
    from django.db import connection, connections
    from django.urls import reverse

    from instruments.models import Booking
    from instruments.testing import local, make_instrument
    from marketplace.testing import api_client, make_organization, make_user
    from marketplace.validators import make_credit_code

    run = time.time_ns() % 10**5  # distinct credit codes for every run in a kept database

    def organization(kind, n):
        code = make_credit_code("91", "330281", f"B{run:05d}{n:02d}")
        return make_organization(kind, name=f"基准测试机构{run}-{n}", credit_code=code)

    owner = organization("institute", 0)
    instrument = make_instrument(
        owner,
        hours=((dt_time(0, 0), dt_time(23, 30)),),
        max_advance_days=400,
        max_duration_minutes=60,
        approval_mode="auto",
    )
    item = instrument.service_items.get()
    firms = [organization("enterprise", i + 1) for i in range(args.clients)]
    users = [make_user(f"bench{run}_{i}", organization=firm) for i, firm in enumerate(firms)]

    rng = random.Random(args.seed)
    hours_per_day = 23
    contested = [local(2 + d, h) for d in range(3) for h in range(hours_per_day)][: max(1, args.requests // 20)]
    free = iter(local(10 + i // hours_per_day, i % hours_per_day) for i in range(args.requests))
    plan = [rng.choice(contested) if rng.random() < args.overlap else next(free) for _ in range(args.requests)]
    url = reverse("api:booking-list")
    connections.close_all()

    latencies, outcomes, lock = [], Counter(), threading.Lock()
    cursor_index = iter(range(len(plan)))

    def client(i):
        session = api_client(users[i], firms[i])
        while True:
            with lock:
                n = next(cursor_index, None)
            if n is None:
                break
            start = plan[n]
            payload = {
                "instrument": instrument.pk,
                "service_item": item.pk,
                "start": start.isoformat(),
                "end": (start + timedelta(hours=1)).isoformat(),
            }
            t0 = time.perf_counter()
            response = session.post(url, payload, format="json")
            elapsed = time.perf_counter() - t0
            code = str(response.status_code)
            if response.status_code >= 400 and response.get("Content-Type", "").startswith("application/json"):
                code += " " + response.json()["code"]
            with lock:
                latencies.append(elapsed)
                outcomes[code] += 1
        connections.close_all()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - t0

    live = list(
        Booking.objects.live().filter(instrument=instrument).order_by("start").values_list("start", "blocked_until")
    )
    overlaps = sum(1 for (s1, e1), (s2, _e2) in itertools.pairwise(live) if s2 < e1)

    print(
        f"database: {connection.vendor}  clients: {args.clients}  requests: {args.requests}  "
        f"overlap share: {args.overlap}"
    )
    print(f"throughput: {len(latencies) / wall:.1f} requests/s  (wall {wall:.2f} s)")
    print(latency_line("POST /api/v1/bookings/", latencies))
    print("outcomes:", dict(sorted(outcomes.items(), key=str)))
    print(f"live bookings: {len(live)}  overlapping live pairs found afterwards: {overlaps}")
    failed = sum(n for code, n in outcomes.items() if not code.startswith(("201", "409")))
    return 1 if overlaps or failed else 0


if __name__ == "__main__":
    sys.exit(main())
