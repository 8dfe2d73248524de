"""The demo market shows a recurring booking and a past maintenance downtime (instruments/demo), idempotently."""

from io import StringIO

import pytest
from django.utils import timezone

from instruments.demo.seed import DOWNTIME_REASON, SERIES_PURPOSE
from instruments.models import BookingSeries, Closure
from marketplace.demo import SeedContext
from marketplace.extensions import app_modules

pytestmark = pytest.mark.django_db


def seed_up_to_instruments():
    """The demo seeders in the market's order up to this app's (``seed_demo`` runs them all; the later apps'
    seeders add nothing this app's demo data depends on)."""
    context = SeedContext(stdout=StringIO())
    for app, module in app_modules("demo"):
        module.seed(context)
        if app == "instruments":
            break


def test_demo_has_a_series_and_a_past_maintenance_downtime():
    seed_up_to_instruments()
    demo_series = BookingSeries.objects.get()
    assert demo_series.bookings.filter(purpose=SERIES_PURPOSE).count() >= 2
    assert demo_series.frequency == "weekly"
    downtime = Closure.objects.downtimes().get(reason=DOWNTIME_REASON)
    assert downtime.kind == "maintenance" and downtime.end < timezone.now()
    seed_up_to_instruments()
    assert BookingSeries.objects.count() == 1
    assert Closure.objects.downtimes().filter(reason=DOWNTIME_REASON).count() == 1
