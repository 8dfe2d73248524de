"""``manage.py expire_demands``: open demands past their deadline become expired (run daily)."""

from django.core.management.base import BaseCommand

from demands.services import expire_due_demands


class Command(BaseCommand):
    help = "Expire open demands whose deadline has passed. Idempotent; run daily."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"{expire_due_demands()} demand(s) expired."))
