"""The sharing app's API routes."""

from django.urls import path

from . import views


def register(router):
    router.register("service-ratings", views.ServiceRatingViewSet)
    router.register("runtime-records", views.RuntimeRecordViewSet)
    router.register("national-records", views.NationalRecordViewSet)


urlpatterns = [
    path("national-reports/", views.NationalReportView.as_view(), name="national-report"),
    path("national-reports/export/", views.NationalExportView.as_view(), name="national-report-export"),
    path("sharing-assessment/", views.SharingAssessmentView.as_view(), name="sharing-assessment"),
]
