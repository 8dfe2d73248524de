"""The demo data has every stage of the voucher workflow, with the settlement statements stored."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from vouchers.models import Claim, ProviderRegistration, Settlement, VoucherGrant

pytestmark = pytest.mark.django_db


def test_seed_demo_leaves_every_voucher_stage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())

    assert VoucherGrant.objects.filter(status="applied").exists()
    assert ProviderRegistration.objects.filter(status="pending").exists()
    assert Claim.objects.filter(status="submitted").exists()
    assert Claim.objects.filter(status="approved", publicity_ends__lt=timezone.now(), settlement__isnull=True).exists()
    for status in ("approved", "paid"):
        settlement = Settlement.objects.get(status=status)
        assert settlement.document.read().startswith(b"%PDF-"), status
        assert settlement.snapshot["provider"]["bank_account"]
        assert all(line["firm_credit_code"] for line in settlement.snapshot["lines"])
    assert Settlement.objects.get(status="paid").snapshot["paid"]["reference"]
