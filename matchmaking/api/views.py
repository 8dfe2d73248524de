"""API views of the events app (对接活动): events, registrations and one-to-one meetings. Every state change calls
``events.services``; the ViewSets stay declarative otherwise."""

from django.db.models import Count, Q
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from marketplace.api.base import MarketViewSet, ReadOnlyMarketViewSet, validated

from .. import services
from ..choices import ORGANIZER_KINDS, SEATED
from ..filtersets import EventFilterSet
from ..ical import event_calendar
from ..models import Event, Meeting, Registration
from ..suggestions import result_suggestions
from .serializers import (
    EventLeadSerializer,
    EventRegisterSerializer,
    EventReportSerializer,
    EventSerializer,
    LeadRequestSerializer,
    MeetingSerializer,
    RegistrationNoteSerializer,
    RegistrationSerializer,
    ResultSuggestionSerializer,
)


class EventViewSet(MarketViewSet):
    """对接活动. The organizer (authority, institute, service provider or the market operator) drafts, edits,
    publishes, closes or cancels; anyone reads published events; firms and institutes register."""

    queryset = (
        Event.objects.select_related("organizer")
        .prefetch_related("featured_results__owner", "featured_demands__firm")
        .annotate(seats_taken=Count("registrations", filter=Q(registrations__status__in=SEATED)))
        .order_by("-start", "-id")
    )
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    ordering_fields = ["start", "published_at"]
    owner_field = "organizer"
    owner_kinds = ORGANIZER_KINDS
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        super().perform_create(serializer)
        serializer.instance.seats_taken = 0

    def _respond(self, event):
        return Response(self.get_serializer(self.get_queryset().get(pk=event.pk)).data)

    def _organizer_action(self, request, service):
        event = self.get_object()
        organization = self.require_party(event.organizer_id)
        return self._respond(service(event, actor=request.user, organization=organization))

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._organizer_action(request, services.publish_event)

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._organizer_action(request, services.close_event)

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._organizer_action(request, services.cancel_event)

    @extend_schema(request=EventRegisterSerializer, responses={201: RegistrationSerializer})
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        event = self.get_object()
        registration = services.register(event, organization=self.acting_organization_required(), actor=request.user,
                                         **validated(EventRegisterSerializer, request))  # fmt: skip
        return Response(RegistrationSerializer(registration).data, status=201)

    @extend_schema(responses=EventReportSerializer)
    @action(detail=True, methods=["get"])
    def report(self, request, pk=None):
        event = self.get_object()
        if not request.user.is_authenticated:
            raise PermissionDenied(code="not_a_party")
        if not request.user.is_platform_admin:
            self.require_party(event.organizer_id)
        report = services.event_report(event)
        report["contract_ids"] = [c.pk for c in report.pop("contract_list")]
        return Response(EventReportSerializer(report).data)

    @extend_schema(responses=ResultSuggestionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def suggestions(self, request, pk=None):
        """Results the search backend matches to each featured demand."""
        return Response(ResultSuggestionSerializer(result_suggestions(self.get_object()), many=True).data)

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"], url_path="calendar.ics")
    def calendar(self, request, pk=None):
        event = self.get_object()
        body = event_calendar(event, request.build_absolute_uri(event.get_absolute_url()))
        return HttpResponse(body, content_type="text/calendar; charset=utf-8")


class EventRegistrationViewSet(ReadOnlyMarketViewSet):
    """活动报名, seen by the registrant and the organizer. Registering is ``POST /events/{id}/register/``; the
    organizer confirms, declines and checks in."""

    queryset = Registration.objects.select_related("organization", "event").prefetch_related("results", "demands")
    serializer_class = RegistrationSerializer
    filterset_fields = ["event", "status", "organization"]

    def _organizer_action(self, request, service, **kwargs):
        registration = self.get_object()
        organization = self.require_party(registration.event.organizer_id)
        registration = service(registration, actor=request.user, organization=organization, **kwargs)
        return Response(self.get_serializer(self.get_queryset().get(pk=registration.pk)).data)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._organizer_action(request, services.confirm_registration)

    @extend_schema(request=RegistrationNoteSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        note = validated(RegistrationNoteSerializer, request)
        return self._organizer_action(request, services.decline_registration, **note)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        return self._organizer_action(request, services.check_in)


class EventMeetingViewSet(MarketViewSet):
    """一对一洽谈 between two confirmed registrants: the requester asks (``POST``, the acting organization's
    registration is the requester), the counterpart accepts or declines; an accepted meeting becomes a lead."""

    queryset = Meeting.objects.select_related("requester__organization", "counterpart__organization", "event")
    serializer_class = MeetingSerializer
    filterset_fields = ["event", "status"]
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        organization = self.acting_organization_required()
        counterpart = serializer.validated_data["counterpart"]
        requester = Registration.objects.filter(event_id=counterpart.event_id, organization=organization).first()
        if requester is None:
            raise PermissionDenied(code="not_registered")
        data = {k: v for k, v in serializer.validated_data.items() if k != "counterpart"}
        serializer.instance = services.request_meeting(
            requester=requester, counterpart=counterpart, organization=organization, actor=self.request.user, **data
        )

    def _answer(self, request, service):
        meeting = self.get_object()
        organization = self.require_party(meeting.counterpart.organization_id)
        return Response(self.get_serializer(service(meeting, actor=request.user, organization=organization)).data)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._answer(request, services.accept_meeting)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(request, services.decline_meeting)

    @extend_schema(request=LeadRequestSerializer, responses={201: EventLeadSerializer})
    @action(detail=True, methods=["post"])
    def lead(self, request, pk=None):
        meeting = self.get_object()
        organization = self.require_party(meeting.requester.organization_id, meeting.counterpart.organization_id)
        lead = services.create_lead(meeting, actor=request.user, organization=organization,
                                    **validated(LeadRequestSerializer, request))  # fmt: skip
        return Response(EventLeadSerializer(lead).data, status=201)
