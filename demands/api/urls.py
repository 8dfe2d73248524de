"""The demands app's API routes."""

from django.urls import path

from . import views


def register(router):
    router.register("demands", views.DemandViewSet)
    router.register("proposals", views.ProposalViewSet)


urlpatterns = [
    path("organizations/<int:pk>/track-record/", views.TrackRecordView.as_view(), name="track-record"),
]
