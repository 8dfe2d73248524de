"""Shared set-up for benchmark scripts: Django settings, migrations, percentiles."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    os.environ.setdefault("TASK_BACKEND", "dummy")  # e-mails are not what is measured
    os.environ["ALLOWED_HOSTS"] = os.environ.get("ALLOWED_HOSTS", "localhost") + ",testserver"  # the in-process client
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def latency_line(label, seconds):
    values = sorted(seconds)
    ms = [v * 1000 for v in values]
    return (
        f"{label:<28} n={len(ms):>6}  p50={percentile(ms, 0.50):8.2f} ms  p95={percentile(ms, 0.95):8.2f} ms  "
        f"p99={percentile(ms, 0.99):8.2f} ms  max={ms[-1] if ms else float('nan'):8.2f} ms"
    )
