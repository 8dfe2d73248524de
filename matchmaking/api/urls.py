"""The events app's API routes."""

from . import broker_views, views


def register(router):
    router.register("events", views.EventViewSet)
    router.register("event-registrations", views.EventRegistrationViewSet, basename="event-registration")
    router.register("event-meetings", views.EventMeetingViewSet, basename="event-meeting")
    router.register("broker-profiles", broker_views.BrokerProfileViewSet, basename="broker-profile")
    router.register("broker-assignments", broker_views.BrokerAssignmentViewSet, basename="broker-assignment")
