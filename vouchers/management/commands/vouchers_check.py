"""``manage.py vouchers_check``: re-derive every grant's balances from the ledger and compare with the running totals;
also checks holds and settlements. Exit status 1 on any discrepancy."""

from django.core.management.base import BaseCommand, CommandError

from vouchers.invariants import check_invariants


class Command(BaseCommand):
    help = "Verify the voucher ledger's invariants (derived balances, holds closed once, no double settlement)."

    def handle(self, *args, **options):
        problems = check_invariants()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} voucher invariant violation(s)")
        self.stdout.write(self.style.SUCCESS("voucher ledger consistent"))
