"""``manage.py close_auctions``: close auctions past their closing time; winners get a draft contract (run often)."""

from django.core.management.base import BaseCommand

from tech_transfer.services import close_due_auctions


class Command(BaseCommand):
    help = "Close every auction whose closing time has passed. Idempotent; run every few minutes."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"{close_due_auctions()} auction(s) closed."))
