"""Benchmark: concurrent booking requests through the API (in-process WSGI, one database connection per client).

    DATABASE_URL=postgres://kjdsc:kjdsc@127.0.0.1:5432/kjdsc_bench .venv/bin/python bench/bookings.py \\
        --clients 16 --requests 2000 --overlap 0.5

Each request asks for one hour on one instrument; with ``--overlap`` of the requests aimed at slots that other
requests also want, the rest at distinct free slots. Prints throughput, latency percentiles, the outcome counts and
the number of overlapping live bookings found afterwards (must be 0). Creates its own organizations and instrument
in the database it is given (use a scratch database).

``--server gunicorn --workers 4`` drives a real server instead: it starts gunicorn on 127.0.0.1 (a free port, sync
workers, DEBUG off, e-mail tasks off) against the same database, sends the requests over HTTP with token
authentication from ``--clients`` threads (``--duration`` seconds at most), stops it, and prints beside throughput and
latency the server's CPU per request (gunicorn's processes, from /proc; PostgreSQL's backends too when /proc shows
them) and the SQL statements per request (counted by the bench's WSGI wrapper, ``bench/_counting_wsgi.py``)::

    DATABASE_URL=postgres://kjdsc:kjdsc@127.0.0.1:5432/kjdsc_bench .venv/bin/python bench/bookings.py \\
        --server gunicorn --workers 4 --clients 16 --requests 6000 --duration 20
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

from _setup import ROOT, django_setup, latency_line


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16, choices=range(1, 100), metavar="1..99")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--overlap", type=float, default=0.5, help="share of requests aimed at contested slots")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server", choices=["inprocess", "gunicorn"], default="inprocess")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (--server gunicorn)")
    parser.add_argument("--duration", type=float, default=0, help="stop after this many seconds (0: all requests)")
    parser.add_argument(
        "--series-downtime", type=int, default=0, metavar="N", help="then N series / downtime / single requests mixed"
    )
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
    if args.server == "gunicorn":
        return gunicorn_run(args, instrument, item, firms, users, plan, url)
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
    if args.series_downtime:
        mixed_overlaps, mixed_failed = series_downtime_mix(
            instrument, item, owner, firms, users, requests=args.series_downtime, seed=args.seed, run=run
        )
        overlaps, failed = overlaps + mixed_overlaps, failed + mixed_failed
    return 1 if overlaps or failed else 0


def series_downtime_mix(instrument, item, owner, firms, users, *, requests, seed, run):
    """A second phase on the same instrument: the clients' requests are weekly series (4 occurrences, conflicts
    skipped or refusing the series), single bookings aimed at the series' slots, and now and then the owner declaring
    a maintenance downtime over a few of those hours (cancelling what it hits). Prints throughput, latency and
    outcomes per kind of request and the overlapping live pairs afterwards; returns (overlaps, failed requests)."""
    from django.db import connections
    from django.urls import reverse

    from instruments.models import Booking
    from instruments.testing import local
    from marketplace.testing import api_client, make_user

    owner_user = make_user(f"bench{run}_owner", organization=owner)
    rng = random.Random(seed + 1)
    hours = [local(80 + d, h) for d in range(7) for h in range(0, 23, 2)]  # a week of two-hourly slots
    kinds = ["series"] * 5 + ["single"] * 4 + ["downtime"]
    plan = [(rng.choice(kinds), rng.choice(hours), rng.choice(["skip", "refuse"])) for _ in range(requests)]
    urls = {
        "series": reverse("api:bookingseries-list"),
        "single": reverse("api:booking-list"),
        "downtime": reverse("api:downtime-list"),
    }
    connections.close_all()
    latencies, outcomes, lock = {k: [] for k in urls}, Counter(), threading.Lock()
    cursor_index = iter(range(len(plan)))

    def client(i):
        firm_session = api_client(users[i], firms[i])
        owner_session = api_client(owner_user, owner)
        while True:
            with lock:
                n = next(cursor_index, None)
            if n is None:
                break
            kind, start, on_conflict = plan[n]
            payload = {"instrument": instrument.pk, "start": start.isoformat()}
            if kind == "downtime":
                payload.update(end=(start + timedelta(hours=3)).isoformat(), kind="maintenance", reason="基准停机")
                session = owner_session
            else:
                payload.update(service_item=item.pk, end=(start + timedelta(hours=1)).isoformat())
                session = firm_session
            if kind == "series":
                payload.update(frequency="weekly", count=4, on_conflict=on_conflict)
            t0 = time.perf_counter()
            response = session.post(urls[kind], payload, format="json")
            elapsed = time.perf_counter() - t0
            code = f"{kind} {response.status_code}"
            if response.status_code >= 400 and response.get("Content-Type", "").startswith("application/json"):
                code += " " + response.json()["code"]
            with lock:
                latencies[kind].append(elapsed)
                outcomes[code] += 1
        connections.close_all()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(users))]
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
    print(f"series/downtime mix: {requests} requests, throughput {requests / wall:.1f} requests/s (wall {wall:.2f} s)")
    for kind, values in latencies.items():
        print(latency_line(f"POST {urls[kind]}", values))
    print("outcomes:", dict(sorted(outcomes.items(), key=str)))
    print(f"live bookings: {len(live)}  overlapping live pairs found afterwards: {overlaps}")
    # A slot a downtime has closed is refused as a rule (400 ``closed``): expected here, like a 409.
    failed = sum(
        n for code, n in outcomes.items() if not code.split()[1].startswith(("201", "409")) and "closed" not in code
    )
    return overlaps, failed


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _process_cpu(pid) -> float:
    """Seconds of CPU (user + system) a process has used, from /proc (0 when it is gone or not visible)."""
    import os

    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid) -> list[int]:
    import glob

    found = []
    for path in glob.glob(f"/proc/{pid}/task/*/children"):
        with open(path) as children:
            found.extend(int(c) for c in children.read().split())
    return found


def gunicorn_run(args, instrument, item, firms, users, plan, url):
    """The ``--server gunicorn`` mode (see the module docstring)."""
    import http.client
    import json
    import os
    import secrets
    import subprocess

    from django.db import connection, connections
    from rest_framework.authtoken.models import Token

    from instruments.models import Booking
    from instruments.testing import local

    tokens = [Token.objects.get_or_create(user=user)[0].key for user in users]
    backend_pids_sql = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    connections.close_all()
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TASK_BACKEND": "dummy",  # e-mails are not what is measured
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), str(ROOT / "bench"), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, "-m", "gunicorn", "_counting_wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(args.workers), "--worker-class", "sync", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)

    def post(token, organization, payload):
        http_connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            body = json.dumps(payload)
            headers = {
                "Authorization": f"Token {token}",
                "X-Organization": str(organization.pk),
                "Content-Type": "application/json",
            }
            http_connection.request("POST", url, body=body, headers=headers)
            response = http_connection.getresponse()
            data = response.read()
            return response.status, response.getheader("X-Bench-Queries"), data
        finally:
            http_connection.close()

    def payload_for(start):
        return {
            "instrument": instrument.pk,
            "service_item": item.pk,
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
        }

    try:
        deadline = time.monotonic() + 60
        while True:  # wait for the workers: every one answers a warm-up request (slots far from the plan's)
            try:
                post(tokens[0], firms[0], payload_for(local(300, 0)))
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)
        warm_up = [
            threading.Thread(target=post, args=(tokens[n % len(tokens)], firms[n % len(firms)], payload_for(slot)))
            for n, slot in enumerate(local(301 + n // 23, n % 23) for n in range(8 * args.workers))
        ]  # concurrent, so that every worker loads its code and opens its database connection before measuring
        for thread in warm_up:
            thread.start()
        for thread in warm_up:
            thread.join()

        def backend_pids():
            if connection.vendor != "postgresql":
                return set()
            with connection.cursor() as cursor:
                cursor.execute(backend_pids_sql)
                pids = {pid for (pid,) in cursor.fetchall()}
            connections.close_all()
            return pids

        backends = backend_pids()
        server_pids = [server.pid, *_children(server.pid)]
        cpu_before = sum(_process_cpu(pid) for pid in server_pids)
        db_cpu_before = sum(_process_cpu(pid) for pid in backends)

        latencies, outcomes, queries, lock = [], Counter(), Counter(), threading.Lock()
        cursor_index = iter(range(len(plan)))
        stop_at = time.perf_counter() + args.duration if args.duration else float("inf")

        def client(i):
            while time.perf_counter() < stop_at:
                with lock:
                    n = next(cursor_index, None)
                if n is None:
                    break
                t0 = time.perf_counter()
                status, counted, data = post(tokens[i], firms[i], payload_for(plan[n]))
                elapsed = time.perf_counter() - t0
                code = str(status)
                if status >= 400 and data.startswith(b"{"):
                    code += " " + json.loads(data).get("code", "")
                with lock:
                    latencies.append(elapsed)
                    outcomes[code] += 1
                    queries[(code, counted)] += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        t0 = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - t0
        cpu = sum(_process_cpu(pid) for pid in server_pids) - cpu_before
        # Backends opened during the run (a worker's reconnection) count whole.
        db_cpu = sum(_process_cpu(pid) for pid in backends | backend_pids()) - db_cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)

    live = list(
        Booking.objects.live().filter(instrument=instrument).order_by("start").values_list("start", "blocked_until")
    )
    overlaps = sum(1 for (s1, e1), (s2, _e2) in itertools.pairwise(live) if s2 < e1)
    done = len(latencies)
    print(
        f"server: gunicorn, {args.workers} sync workers  database: {connection.vendor}  clients: {args.clients}  "
        f"requests: {done}  overlap share: {args.overlap}"
    )
    print(f"throughput: {done / wall:.1f} requests/s  (wall {wall:.2f} s)")
    print(latency_line("POST /api/v1/bookings/", latencies))
    print("outcomes:", dict(sorted(outcomes.items(), key=str)))
    print(f"server CPU per request: {cpu / max(done, 1) * 1000:.2f} ms (gunicorn processes)", end="")
    print(f" + {db_cpu / max(done, 1) * 1000:.2f} ms (PostgreSQL backends)" if backends and db_cpu else "")
    per_outcome = {}
    for (code, counted), n in queries.items():
        per_outcome.setdefault(code, Counter())[counted] += n
    for code, counts in sorted(per_outcome.items()):
        shown = ", ".join(f"{q} statements × {n}" for q, n in sorted(counts.items(), key=lambda kv: str(kv[0])))
        print(f"queries per request ({code}): {shown}")
    print(f"live bookings: {len(live)}  overlapping live pairs found afterwards: {overlaps}")
    failed = sum(n for code, n in outcomes.items() if not code.startswith(("201", "409")))
    return 1 if overlaps or failed else 0


if __name__ == "__main__":
    sys.exit(main())
