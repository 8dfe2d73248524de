"""Routes of the server-rendered pages (mounted at the site root, namespace ``frontend``). Each area's views module
declares its own ``urlpatterns``; this file only puts them together."""

from .views import (
    administration,
    bookings,
    brokers,
    contracts,
    dashboard,
    demands,
    evaluations,
    events,
    facilities,
    instruments,
    organization,
    public,
    publishing,
    results,
    search,
    sharing,
    voucher_admin,
    vouchers,
    workspace,
)

app_name = "frontend"

urlpatterns = [
    *public.urlpatterns,
    *workspace.urlpatterns,
    *search.urlpatterns,
    *instruments.urlpatterns,
    *bookings.urlpatterns,
    *results.urlpatterns,
    *publishing.urlpatterns,
    *contracts.urlpatterns,
    *evaluations.urlpatterns,
    *demands.urlpatterns,
    *events.urlpatterns,
    *brokers.urlpatterns,
    *vouchers.urlpatterns,
    *voucher_admin.urlpatterns,
    *facilities.urlpatterns,
    *sharing.urlpatterns,
    *organization.urlpatterns,
    *administration.urlpatterns,
    *dashboard.urlpatterns,
]
