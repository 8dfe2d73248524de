"""``manage.py booking_rollup check|refresh|rebuild``: the dashboard's monthly booking roll-up (instruments.rollup).

``refresh`` reads the bookings changed since the last refresh (the dashboard does this itself on every read);
``rebuild`` recomputes everything (after a bulk import, a restore or a manual SQL update); ``check`` exits non-zero
when the roll-up differs from the bookings (run it from monitoring, like ``search_index check``)."""

from django.core.management.base import BaseCommand, CommandError

from instruments import rollup


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "refresh", "rebuild"])

    def handle(self, *args, action, **options):
        if action == "rebuild":
            self.stdout.write(self.style.SUCCESS(f"rebuilt: {rollup.rebuild()} rows"))
            return
        if action == "refresh":
            groups = rollup.refresh()
            self.stdout.write(
                self.style.SUCCESS("recomputed everything" if groups < 0 else f"recomputed {groups} groups")
            )
            return
        rollup.refresh()
        differences = rollup.drift()
        for line in differences[:20]:
            self.stdout.write(line)
        if differences:
            raise CommandError(
                f"booking roll-up drift: {len(differences)} group(s); run `manage.py booking_rollup rebuild`"
            )
        self.stdout.write(self.style.SUCCESS("roll-up in sync"))
