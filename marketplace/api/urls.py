"""The participants app's API routes (mounted under /api/v1/ by marketplace.urls)."""

from django.urls import path

from . import views


def register(router):
    router.register("organizations", views.OrganizationViewSet)
    router.register("memberships", views.MembershipViewSet)
    router.register("regions", views.RegionViewSet)
    router.register("industry-chains", views.IndustryChainViewSet)
    router.register("tech-fields", views.TechFieldViewSet)
    router.register("audit-entries", views.AuditEntryViewSet)
    router.register("notifications", views.NotificationViewSet)


urlpatterns = [
    path("auth/token/", views.AuthTokenView.as_view(), name="auth-token"),
    path("users/me/", views.UserMeView.as_view(), name="user-me"),
    path("stats/", views.StatsView.as_view(), name="stats"),
]
