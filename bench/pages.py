"""Benchmark: server time of every workspace page on the demo data, per role.

    cp db.sqlite3 /tmp/pages.sqlite3   # or: DATABASE_URL=sqlite:////tmp/pages.sqlite3 manage.py seed_demo
    DATABASE_URL=sqlite:////tmp/pages.sqlite3 .venv/bin/python bench/pages.py --repeat 30

Signs in as demo users of each role (a firm, a firm member, an institute, a service provider, the authority), starts
at the dashboard (/workspace/) and follows the workspace's own links breadth-first — the workspace navigation, the
dashboard's to-dos and each list's first detail rows — so every page the workspaces offer is timed without this
script naming them; an owner's week calendar is timed for each of its instruments. Every page is requested
``--repeat`` times through Django's test client in-process (middleware, views, queries, templates: the server's
time, no network). Prints p50/p95/max per page route and role, its query
count, and at the end the pages over the goal (p95 ≤ 50 ms on SQLite for lists of 20 rows); exit status 1 if a page
answered an error. Only GETs are made: nothing is changed.
"""

import argparse
import sys
import time
from collections import defaultdict

from _setup import django_setup, percentile

GOAL_MS = 50.0
DEFAULT_USERS = ("yy_appliance", "yy_mold_eng", "zju_robot", "yy_testing", "kjj")


def owner_calendars(user) -> list[str]:
    """The week calendar of every instrument the user's organizations own: the crawl reaches one page per route, but
    a calendar's time grows with its instrument's bookings, so each is timed."""
    from django.urls import reverse

    from instruments.models import Instrument

    owned = Instrument.objects.filter(owner_id__in=user.organization_ids()).order_by("pk").values_list("pk", flat=True)
    return [reverse("frontend:booking_calendar", args=[pk]) for pk in owned]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--users", default=",".join(DEFAULT_USERS), help="comma-separated demo usernames")
    parser.add_argument("--limit", type=int, default=40, help="pages per user at most")
    args = parser.parse_args()
    django_setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from frontend.crawl import crawl, route_of
    from marketplace.models import User

    rows, errors = [], 0
    for username in args.users.split(","):
        user = User.objects.filter(username=username).first()
        if user is None:
            print(f"{username}: no such user (load the demo data first: manage.py seed_demo)")
            errors += 1
            continue
        client = Client()
        client.force_login(user)
        pages = [
            path
            for path, response, _links in crawl(client, "/workspace/", args.limit)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", "")
        ]
        pages += [path for path in owner_calendars(user) if path not in pages]
        for path in pages:
            times, cpu, statuses = [], [], set()
            with CaptureQueriesContext(connection) as captured:  # also warms caches (templates, translations)
                client.get(path)
            queries = len(captured)
            for _ in range(args.repeat):  # timed without query logging, as a server runs
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                cpu.append((time.process_time() - started_cpu) * 1000)
                times.append((time.perf_counter() - started) * 1000)
                statuses.add(response.status_code)
            if any(status >= 400 for status in statuses):  # a redirect (e.g. a picker) is not an error
                errors += 1
            times.sort()
            cpu.sort()
            rows.append((username, route_of(path), path, percentile(times, 0.5), percentile(times, 0.95),
                         times[-1], percentile(cpu, 0.95), queries, statuses))  # fmt: skip

    by_route = defaultdict(list)
    print(f"{'user':<14} {'page':<52} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p95':>8} {'queries':>8}")
    for username, route, path, p50, p95, worst, cpu95, queries, statuses in rows:
        flag = "" if statuses == {200} else f"  status {sorted(statuses)}"
        print(f"{username:<14} {path[:52]:<52} {p50:8.2f} {p95:8.2f} {worst:8.2f} {cpu95:8.2f} {queries:8d}{flag}")
        by_route[route].append(p95)
    over = [(r, max(v)) for r, v in by_route.items() if max(v) > GOAL_MS]
    all_p95 = sorted(row[4] for row in rows)
    cpu_p95 = sorted(row[6] for row in rows)
    print(f"\n{len(rows)} pages timed ({len(by_route)} routes), {args.repeat} requests each, "
          f"median of page p95s {percentile(all_p95, 0.5):.2f} ms, worst {max(all_p95, default=0):.2f} ms; "
          f"CPU p95 median {percentile(cpu_p95, 0.5):.2f} ms, worst {max(cpu_p95, default=0):.2f} ms "
          f"(CPU time is what other processes on the machine do not inflate)")  # fmt: skip
    if over:
        print(f"over the goal of p95 <= {GOAL_MS:.0f} ms:")
        for route, p95 in sorted(over, key=lambda x: -x[1]):
            print(f"  {route:<52} {p95:8.2f} ms")
    else:
        print(f"every page within the goal of p95 <= {GOAL_MS:.0f} ms")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
