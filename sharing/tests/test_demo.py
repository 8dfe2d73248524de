"""The sharing demo data: seed_demo leaves ratings (some answered), runtime records and a few national records, so
every sharing screen shows something; running it again adds nothing."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from sharing.demo import NATIONAL
from sharing.models import NationalRecord, RuntimeRecord, ServiceRating


def test_national_demo_rows_have_six_digit_codes():
    assert all(len(r["category_code"]) == 6 and r["category_code"].isdigit() for r in NATIONAL)


class SharingDemoTest(TestCase):
    def test_seed_demo_fills_the_sharing_screens_and_is_idempotent(self):
        call_command("seed_demo", stdout=StringIO())
        counts = (ServiceRating.objects.count(), RuntimeRecord.objects.count(), NationalRecord.objects.count())
        self.assertGreater(counts[0], 5)
        self.assertTrue(ServiceRating.objects.filter(answered_at__isnull=False).exists())
        self.assertTrue(ServiceRating.objects.filter(answered_at__isnull=True).exists())
        self.assertGreater(counts[1], 100)
        self.assertEqual(counts[2], len(NATIONAL))
        self._pages_show_demo_data()
        call_command("seed_demo", stdout=StringIO())
        self.assertEqual(
            (ServiceRating.objects.count(), RuntimeRecord.objects.count(), NationalRecord.objects.count()), counts
        )

    def _pages_show_demo_data(self):
        record = NationalRecord.objects.select_related("instrument__owner").first()
        owner = record.instrument.owner
        self.client.force_login(owner.memberships.first().user)
        year = f"?year={timezone.localdate().year}"
        pages = {
            "frontend:sharing_ratings": "data-rating-id",
            "frontend:sharing_runtime": "data-runtime-overview",
            "frontend:sharing_national": record.internal_number,
            "frontend:sharing_assessment": "data-assessment",
        }
        for name, marker in pages.items():
            with self.subTest(page=name):
                self.assertContains(self.client.get(reverse(name) + year, HTTP_X_ORGANIZATION=str(owner.pk)), marker)
        rated = ServiceRating.objects.select_related("booking__instrument").first()
        self.assertContains(self.client.get(rated.booking.instrument.get_absolute_url()), "data-ratings-summary")
