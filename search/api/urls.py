"""The search app's API routes."""

from django.urls import path

from . import views


def register(router):
    router.register("search-subscriptions", views.SearchSubscriptionViewSet)


urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("demands/<int:pk>/matches/", views.DemandMatchesView.as_view(), name="demand-matches"),
    path("organizations/<int:pk>/matching-demands/", views.MatchingDemandsView.as_view(), name="matching-demands"),
]
