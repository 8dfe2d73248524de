"""Template context shared by every page."""

from functools import cached_property

from django.conf import settings
from django.utils.translation import get_language
from rest_framework.exceptions import APIException

from marketplace.api.acting import resolve_acting_organization


class HeaderContext:
    """What the page header shows about the signed-in user. Each fact is queried only when a template uses it, so
    pages that do not extend ``frontend/base.html`` (the admin, the browsable API) pay nothing."""

    def __init__(self, request):
        self.request = request
        self.user = getattr(request, "user", None)

    @property
    def authenticated(self) -> bool:
        return bool(self.user is not None and self.user.is_authenticated)

    @cached_property
    def unread_notifications(self) -> int:
        if not self.authenticated:
            return 0
        return self.user.notifications.filter(read_at__isnull=True).count()

    @cached_property
    def memberships(self) -> list:
        if not self.authenticated:
            return []
        return list(self.user.memberships.select_related("organization").order_by("organization__name"))

    @cached_property
    def acting_organization(self):
        if not self.authenticated:
            return None
        try:
            return resolve_acting_organization(self.request)
        except APIException:  # a stray X-Organization header on a page request: show no acting organization
            return None

    @cached_property
    def pending_actions(self) -> int:
        """How many things wait for the acting organization (the badge of 我的工作台)."""
        if self.acting_organization is None:
            return 0
        from .views.workspace import pending_count

        return pending_count(self.request, self.acting_organization)

    @cached_property
    def workspace_links(self) -> list:
        if self.acting_organization is None:
            return []
        from .views.workspace import nav_links

        return nav_links(self.request, self.acting_organization)


def market(request):
    """The market's name (in the page's language) and the header facts as ``market_header``."""
    name_en = getattr(settings, "MARKET_NAME_EN", "")
    english = (get_language() or "").lower().startswith("en")
    return {
        "MARKET_NAME": settings.MARKET_NAME,
        "market_name": name_en if english and name_en else settings.MARKET_NAME,
        "market_header": HeaderContext(request),
    }
