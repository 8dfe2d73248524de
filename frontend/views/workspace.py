"""我的工作台: each organization's dashboard — what needs its action now (to confirm, to answer, to sign, to review),
with links to the pages where it is done, and the same count in the page header.

Every area's views module offers ``dashboard_items(request, organization) -> list[ActionItem]``; the dashboard and
the header gather them, so an area adds its own to-dos without this module knowing its models. Each item is one
bounded query (a count), whatever the amount of data, and it runs only when the count is read: an item's count may be
given as a queryset (counted when read), so the header's badge, which reads only the action items, never pays for
the information lines.
"""

from functools import cached_property

from django.db.models import QuerySet
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from ..context_processors import store_badge
from .base import workspace_view


class ActionItem:
    """One line of the dashboard. ``action`` items need the organization to do something and count towards the
    header's badge; the others are for information (e.g. upcoming sessions). ``count`` is a number, or a queryset
    counted the first time it is read."""

    def __init__(self, label: str, count: "int | QuerySet", url: str, action: bool = True, area: str = ""):
        self.label, self._count, self.url, self.action, self.area = label, count, url, action, area

    @cached_property
    def count(self) -> int:
        return self._count.count() if isinstance(self._count, QuerySet) else self._count

    def __repr__(self):
        return f"ActionItem({self.label!r}, {self.url!r}, action={self.action})"


def _areas():
    # Imported here: the area modules import this one for ActionItem.
    from . import (
        administration,
        bookings,
        brokers,
        contracts,
        dashboard,
        demands,
        evaluations,
        events,
        facilities,
        organization,
        publishing,
        results,
        sharing,
        voucher_admin,
        vouchers,
    )

    return (
        administration,
        voucher_admin,
        demands,
        bookings,
        facilities,
        sharing,
        results,
        publishing,
        contracts,
        evaluations,
        vouchers,
        events,
        brokers,
        organization,
        dashboard,
    )


def action_items(request, organization) -> list[ActionItem]:
    """The dashboard items of ``organization`` from every area, in area order."""
    items = []
    for area in _areas():
        provider = getattr(area, "dashboard_items", None)
        if provider is not None:
            items.extend(provider(request, organization))
    return items


def nav_links(request, organization) -> list[dict]:
    """The workspace's sub-navigation: the dashboard, then each area's pages for this kind of organization (each
    area's ``nav_links(request, organization)`` gives ``{"label", "url", "name"}`` dicts)."""
    links = [{"label": _("工作台"), "url": reverse("frontend:dashboard"), "name": "dashboard"}]
    for area in _areas():
        provider = getattr(area, "nav_links", None)
        if provider is not None:
            links.extend(provider(request, organization))
    current = getattr(request.resolver_match, "url_name", "")
    for link in links:
        link["current"] = link["name"] == current or current in link.get("also", ())
    return links


def pending_count(request, organization) -> int:
    """How many things wait for the organization's action (the header's badge)."""
    return sum(item.count for item in action_items(request, organization) if item.action)


@workspace_view()
def dashboard(request):
    """The acting organization's dashboard: its to-dos first (non-zero first), then information."""
    items = action_items(request, request.organization)
    todo = sorted((i for i in items if i.action), key=lambda i: i.count == 0)
    info = [i for i in items if not i.action]
    store_badge(request, request.organization, sum(i.count for i in todo))
    return render(
        request,
        "frontend/workspace/dashboard.html",
        {
            "organization": request.organization,
            "todo": todo,
            "info": info,
            "pending": sum(i.count for i in todo),
        },
    )


urlpatterns = [
    path("workspace/", dashboard, name="dashboard"),
]
