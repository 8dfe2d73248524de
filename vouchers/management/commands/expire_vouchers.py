"""``manage.py expire_vouchers``: at programme end, unspent balances lapse through ledger entries (run daily)."""

from datetime import date

from django.core.management.base import BaseCommand

from vouchers.services.claims import expire_program_balances


class Command(BaseCommand):
    help = "Expire the unspent voucher balance of every grant whose programme has ended. Idempotent; run daily."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="treat this day as today (YYYY-MM-DD)")

    def handle(self, *args, **options):
        written = expire_program_balances(today=options["date"])
        self.stdout.write(self.style.SUCCESS(f"{written} grant balance(s) expired."))
