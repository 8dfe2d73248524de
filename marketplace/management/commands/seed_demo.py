"""``manage.py seed_demo``: load the Chinese demo market. Idempotent: running it again updates, never duplicates."""

from importlib import import_module

from django.core.management.base import BaseCommand

from marketplace.demo import DEMO_PASSWORD, SeedContext

# Order matters: later apps use the organizations and users the earlier ones created.
SEED_APPS = ["marketplace", "instruments", "tech_transfer", "demands", "vouchers", "search"]


class Command(BaseCommand):
    help = "Create or update the demo market (Yuyao institutes, firms, users …). Safe to run repeatedly."

    def handle(self, *args, **options):
        context = SeedContext(stdout=self.stdout)
        for app in SEED_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            module.seed(context)
        created = ", ".join(f"{n} {label}" for label, n in context.created.items()) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Demo market ready ({created}). Demo password: {DEMO_PASSWORD}"))
