"""The events app's API routes."""

from . import views


def register(router):
    router.register("events", views.EventViewSet)
    router.register("event-registrations", views.EventRegistrationViewSet, basename="event-registration")
    router.register("event-meetings", views.EventMeetingViewSet, basename="event-meeting")
