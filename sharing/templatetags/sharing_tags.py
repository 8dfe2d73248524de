"""Blocks the instrument, organization and booking pages show from the sharing app (each a bounded number of
queries): ``{% instrument_ratings instrument %}``, ``{% organization_ratings organization %}`` and
``{% booking_rating booking organization %}``."""

from django import template

from instruments.choices import BookingStatus
from marketplace.choices import OrganizationKind

from ..models import ServiceRating
from ..services.ratings import summary

register = template.Library()

RECENT = 5
OWNER_KINDS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)


def _block(ratings, *, scope: str) -> dict:
    recent = list(ratings.select_related("booking__instrument").order_by("-created_at", "-id")[:RECENT])
    return {"summary": summary(ratings) if recent else {"count": 0}, "recent": recent, "scope": scope}


@register.inclusion_tag("frontend/sharing/_ratings_block.html")
def instrument_ratings(instrument):
    """服务评价 of one instrument: averages and the latest comments with the owner's answers (two queries)."""
    return _block(ServiceRating.objects.filter(booking__instrument=instrument), scope="instrument")


@register.inclusion_tag("frontend/sharing/_ratings_block.html")
def organization_ratings(organization):
    """服务评价 of an institute's instruments (nothing, and no query, for other kinds of organization)."""
    if organization.kind not in OWNER_KINDS:
        return {"summary": {"count": 0}, "recent": [], "scope": "none"}
    return _block(ServiceRating.objects.filter(booking__instrument__owner=organization), scope="organization")


@register.inclusion_tag("frontend/sharing/_booking_rating.html", takes_context=True)
def booking_rating(context, booking, organization):
    """The rating of a booking (with its answer), or the rating form for the requesting firm once it is completed.
    One query whatever the booking's state (none if the page selected the rating with the booking), so the page
    costs the same before and after completion."""
    if "service_rating" in booking._state.fields_cache:
        rating = booking._state.fields_cache["service_rating"]
    else:
        rating = ServiceRating.objects.filter(booking=booking).first()
    if booking.status != BookingStatus.COMPLETED:
        return {"show": False}
    is_requester = organization is not None and organization.pk == booking.requester_org_id
    is_owner = organization is not None and organization.pk == booking.instrument.owner_id
    if rating is None and not is_requester:
        return {"show": is_owner, "rating": None, "booking": booking, "is_owner": is_owner}
    from frontend.views.sharing import RatingForm

    return {
        "show": True,
        "rating": rating,
        "booking": booking,
        "is_owner": is_owner,
        "form": RatingForm() if rating is None and is_requester else None,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def indicator_value(values, key):
    """An assessment indicator's value as the page shows it (— without data, shares in %)."""
    value = values.get(key) if values else None
    if value is None:
        return "—"
    if key == "external_user_share":
        return f"{value * 100:.1f}%"
    return f"{value:,.2f}"
