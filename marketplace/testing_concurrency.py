"""Fire the same request from many threads at once, each on its own database connection (PostgreSQL tests)."""

import threading

from django.db import connections


def run_concurrently(func, n: int, timeout: float = 60) -> list:
    """Call ``func(i)`` from ``n`` threads released together by a barrier; return the results (or the exceptions)
    in thread order. Each thread closes its database connection when done."""
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def worker(i):
        try:
            barrier.wait(timeout)
            results[i] = func(i)
        except Exception as exc:  # reported to the caller, who asserts on it
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results
