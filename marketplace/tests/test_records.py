"""The generic update path writes only what the request changed, over the row as it is when locked (no lost
update of fields a concurrent service changed in between)."""

from decimal import Decimal

from django.test import TestCase

from marketplace.services.records import update_record
from marketplace.testing import make_organization, make_user
from vouchers.api.serializers import VoucherProgramSerializer
from vouchers.models import VoucherProgram
from vouchers.services import programs
from vouchers.testing import make_program


class StaleInstanceTest(TestCase):
    def test_an_edit_prepared_before_a_grant_approval_keeps_the_new_granted_total(self):
        program = make_program(make_organization("authority"))
        grant = programs.apply_for_grant(
            program=program, firm=make_organization("enterprise"), requested_amount=Decimal("3000.00"), actor=None
        )
        stale = VoucherProgram.objects.get(pk=program.pk)  # what a PATCH request loaded (granted_total 0)
        serializer = VoucherProgramSerializer(instance=stale, data={"name": "改名后的创新券项目"}, partial=True)
        self.assertTrue(serializer.is_valid(), serializer.errors)
        programs.approve_grant(grant, actor=None)  # commits in between: granted_total 3000

        update_record(serializer, actor=make_user(platform_admin=True))

        program.refresh_from_db()
        self.assertEqual((program.name, program.granted_total), ("改名后的创新券项目", Decimal("3000.00")))
