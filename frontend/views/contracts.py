"""Placeholder: filled by the workspace work."""

urlpatterns = []


def dashboard_items(request, organization):
    return []
