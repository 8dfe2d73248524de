"""Template context shared by every page."""

from django.conf import settings


def market(request):
    return {"MARKET_NAME": settings.MARKET_NAME}
