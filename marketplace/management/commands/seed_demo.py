"""``manage.py seed_demo``: load the Chinese demo market. Idempotent: running it again updates, never duplicates."""

from django.core.management.base import BaseCommand

from marketplace.demo import DEMO_PASSWORD, SeedContext
from marketplace.extensions import app_modules


class Command(BaseCommand):
    help = "Create or update the demo market (Yuyao institutes, firms, users …). Safe to run repeatedly."

    def handle(self, *args, **options):
        context = SeedContext(stdout=self.stdout)
        for _app, module in app_modules("demo"):  # in the market's app order: later apps use earlier objects
            module.seed(context)
        created = ", ".join(f"{n} {label}" for label, n in context.created.items()) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Demo market ready ({created}). Demo password: {DEMO_PASSWORD}"))
