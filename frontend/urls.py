"""Routes of the server-rendered pages (mounted at the site root, namespace ``frontend``)."""

from django.urls import path

from . import bookings, catalogue, views

app_name = "frontend"

urlpatterns = [
    path("", views.home, name="home"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("search/", catalogue.search, name="search"),
    path("instruments/", catalogue.instrument_list, name="instrument_list"),
    path("instruments/<int:pk>/", catalogue.instrument_detail, name="instrument_detail"),
    path("instruments/<int:pk>/book/", bookings.book_instrument, name="book_instrument"),
    path("bookings/", bookings.booking_list, name="booking_list"),
    path("results/", catalogue.result_list, name="result_list"),
    path("results/<int:pk>/", catalogue.result_detail, name="result_detail"),
    path("demands/", catalogue.demand_list, name="demand_list"),
    path("demands/<int:pk>/", catalogue.demand_detail, name="demand_detail"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read-all/", views.notifications_mark_all_read, name="notifications_mark_all_read"),
    path("acting-organization/", views.switch_organization, name="switch_organization"),
]
