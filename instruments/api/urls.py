"""The instruments app's API routes."""

from . import views


def register(router):
    router.register("instruments", views.InstrumentViewSet)
    router.register("service-items", views.ServiceItemViewSet)
    router.register("bookings", views.BookingViewSet)
    router.register("booking-series", views.BookingSeriesViewSet)
    router.register("downtimes", views.DowntimeViewSet, basename="downtime")
    router.register("qualifications", views.QualificationViewSet)
    router.register("waitlist-entries", views.WaitlistEntryViewSet)
