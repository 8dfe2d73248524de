"""Routes of the server-rendered pages (mounted at the site root, namespace ``frontend``). Each area's views module
declares its own ``urlpatterns``; this file only puts them together."""

from .views import bookings, contracts, demands, instruments, public, results, search, vouchers, workspace

app_name = "frontend"

urlpatterns = [
    *public.urlpatterns,
    *workspace.urlpatterns,
    *search.urlpatterns,
    *instruments.urlpatterns,
    *bookings.urlpatterns,
    *results.urlpatterns,
    *contracts.urlpatterns,
    *demands.urlpatterns,
    *vouchers.urlpatterns,
]
