from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    """The project package and the market's participants: users, organizations, memberships, taxonomies, audit log,
    notifications."""

    name = "marketplace"
    verbose_name = _("市场参与方")

    def ready(self):
        from . import auth_backends  # noqa: F401  (connects the sign-in failure counter)
        from .taxonomy import sync_taxonomies

        # Taxonomies are data kept in code (taxonomy_data.py): every migrate brings the database in line with it.
        post_migrate.connect(sync_taxonomies, sender=self, dispatch_uid="marketplace.sync_taxonomies")
