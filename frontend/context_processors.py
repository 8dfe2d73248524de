"""Template context shared by every page."""

from functools import cached_property

from django.conf import settings
from django.core.cache import cache
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
        """How many things wait for the acting organization (the badge of 我的工作台): counted across every area
        (a dozen queries), so kept for ``WORKSPACE_BADGE_SECONDS`` in the shared cache (one query). The user's own
        changes (any POST) and opening the dashboard recount it; what others do shows within those seconds."""
        if self.acting_organization is None:
            return 0
        from .views.workspace import pending_count

        return cached_badge(self.request, self.acting_organization, pending_count)

    @cached_property
    def workspace_links(self) -> list:
        if self.acting_organization is not None:
            from .views.workspace import nav_links

            return nav_links(self.request, self.acting_organization)
        if self.authenticated and self.user.is_platform_admin:
            return administrator_links(self.request)
        return []


def _badge_key(user) -> str:
    return f"workspace-badge:{user.pk}"


def cached_badge(request, organization, count) -> int:
    """``count(request, organization)``, kept per user and organization for ``WORKSPACE_BADGE_SECONDS``."""
    seconds = settings.WORKSPACE_BADGE_SECONDS
    if seconds <= 0:
        return count(request, organization)
    key = _badge_key(request.user)
    badges = cache.get(key) or {}
    if organization.pk not in badges:
        badges[organization.pk] = count(request, organization)
        cache.set(key, badges, seconds)
    return badges[organization.pk]


def store_badge(request, organization, value: int) -> None:
    """Remember a freshly counted badge (the dashboard counts every item anyway)."""
    if settings.WORKSPACE_BADGE_SECONDS > 0:
        cache.set(_badge_key(request.user), {organization.pk: value}, settings.WORKSPACE_BADGE_SECONDS)


def forget_badge(user) -> None:
    """Drop the user's kept badges, so the next page counts again (after the user changed something)."""
    if settings.WORKSPACE_BADGE_SECONDS > 0:
        cache.delete(_badge_key(user))


def administrator_links(request) -> list:
    """The workspace links of a platform administrator who acts for no organization (has no membership, or has not
    chosen one): the areas whose pages need none — the review centre, voucher administration and the monitoring
    details — each asked through its ``nav_links(request, None)``."""
    from .views import administration, dashboard, voucher_admin

    links = [link for area in (administration, voucher_admin, dashboard) for link in area.nav_links(request, None)]
    current = getattr(getattr(request, "resolver_match", None), "url_name", "")
    for link in links:
        link["current"] = link["name"] == current or current in link.get("also", ())
    return links


def market(request):
    """The market's name (in the page's language) and the header facts as ``market_header``."""
    name_en = getattr(settings, "MARKET_NAME_EN", "")
    english = (get_language() or "").lower().startswith("en")
    return {
        "MARKET_NAME": settings.MARKET_NAME,
        "market_name": name_en if english and name_en else settings.MARKET_NAME,
        "market_header": HeaderContext(request),
    }
