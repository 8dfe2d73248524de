"""API views of the instruments app."""

from datetime import timedelta

import icalendar
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from marketplace.api.base import MarketViewSet, validated
from marketplace.api.permissions import IsAuthenticated
from marketplace.choices import OrganizationKind
from marketplace.models import visible_to_parties

from .. import downtime, series, services, usage
from ..extensions import payment_relations
from ..facts import booking_target
from ..filtersets import BookingFilterSet, InstrumentFilterSet, ServiceItemFilterSet
from ..models import Booking, BookingSeries, Closure, Instrument, Qualification, ServiceItem, WaitlistEntry
from .serializers import (
    AvailabilityQuerySerializer,
    BookingCreateSerializer,
    BookingIdsCreateSerializer,
    BookingSerializer,
    BookingSeriesCreateSerializer,
    BookingSeriesSerializer,
    CheckOutSerializer,
    DowntimeResultSerializer,
    DowntimeSerializer,
    InstrumentSerializer,
    OperatorSerializer,
    QualificationSerializer,
    ReasonSerializer,
    SeriesCancelSerializer,
    ServiceItemSerializer,
    SlotSerializer,
    UsageCorrectionSerializer,
    WaitlistEntrySerializer,
    represent,
)


class InstrumentViewSet(MarketViewSet):
    """Shared instruments. Institutes and service providers list theirs; everyone browses; availability shows the
    free slots a booking request would accept."""

    queryset = Instrument.objects.select_related("owner").prefetch_related(
        "opening_hours", "closures", "quotas", "service_items"
    )
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilterSet
    ordering_fields = ["name", "original_value", "created_at"]
    owner_field = "owner"
    owner_kinds = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)

    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATETIME, required=True),
            OpenApiParameter("end", OpenApiTypes.DATETIME, required=True),
        ],
        responses=SlotSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def availability(self, request, pk=None):
        instrument = self.get_object()
        query = AvailabilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        slots = services.available_slots(instrument, query.validated_data["start"], query.validated_data["end"])
        return Response(SlotSerializer([{"start": s, "end": e} for s, e in slots], many=True).data)

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"], url_path="calendar.ics")
    def calendar(self, request, pk=None):
        """The instrument's live bookings as iCalendar (busy blocks only: who booked is not disclosed)."""
        instrument = self.get_object()
        now = timezone.now()
        bookings = Booking.objects.live().filter(instrument=instrument, end__gte=now - timedelta(days=7))[:500]
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//kjdsc//instruments//ZH")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", instrument.name)
        for booking in bookings:
            event = icalendar.Event()
            event.add("uid", f"booking-{booking.pk}@kjdsc")
            event.add("dtstamp", now)
            event.add("dtstart", booking.start)
            event.add("dtend", booking.end)
            event.add("summary", f"{instrument.name} 已预约")
            event.add("status", "TENTATIVE" if booking.status == "requested" else "CONFIRMED")
            calendar.add_component(event)
        return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


class ServiceItemViewSet(MarketViewSet):
    """Priced services of instruments (unit + enterprise / academic / internal prices)."""

    queryset = ServiceItem.objects.select_related("instrument")
    serializer_class = ServiceItemSerializer
    filterset_class = ServiceItemFilterSet
    owner_field = "instrument__owner"

    def get_queryset(self):
        visible = Instrument.objects.visible_to(self.request.user)
        return super().get_queryset().filter(instrument__in=visible)

    def perform_create(self, serializer):
        self.acting_organization_required()
        super().perform_create(serializer)


class BookingViewSet(MarketViewSet):
    """Bookings. The requesting organization sees its own, the owner its instruments' bookings, platform
    administrators all. The owner confirms, rejects, checks in, completes and records no-shows; the requester (or the
    owner) cancels."""

    queryset = Booking.objects.select_related("instrument", "requester_org", "service_item")
    serializer_class = BookingSerializer
    filterset_class = BookingFilterSet
    ordering_fields = ["start", "created_at"]
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related(*payment_relations())

    def _party(self, booking, *allowed):
        """The acting organization, if it is one of the booking's ``allowed`` parties (owner / requester)."""
        parties = {"owner": booking.instrument.owner_id, "requester": booking.requester_org_id}
        return self.require_party(*(parties[p] for p in allowed))

    @extend_schema(request=BookingCreateSerializer, responses={201: BookingSerializer})
    def create(self, request, *args, **kwargs):
        organization = self.acting_organization_required()
        # Fast path: the ids and what the rules read, in one query; anything it does not resolve is validated by
        # BookingCreateSerializer (its field errors), and the service then reads the rules' data itself.
        fields, target = None, None
        ids = BookingIdsCreateSerializer(data=request.data)
        if ids.is_valid():
            fields = dict(ids.validated_data)
            target = booking_target(
                user=request.user,
                instrument_id=fields["instrument"],
                service_item_id=fields["service_item"],
                start=fields["start"],
                end=fields["end"],
            )
        if target is None:
            data = BookingCreateSerializer(data=request.data, context=self.get_serializer_context())
            data.is_valid(raise_exception=True)
            fields, facts = dict(data.validated_data), None
        else:
            fields["instrument"], fields["service_item"], facts = target
        payment = {"use_voucher": fields.pop("use_voucher")}
        booking = services.request_booking(
            actor=request.user, organization=organization, payment=payment, facts=facts, **fields
        )
        # BookingSerializer's representation (and schema), without building its fields per request.
        return Response(represent(BookingSerializer, booking), status=status.HTTP_201_CREATED)

    def _respond(self, booking):
        return Response(self.get_serializer(booking).data)

    @extend_schema(request=None, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        booking = self.get_object()
        organization = self._party(booking, "owner")
        return self._respond(services.confirm_booking(booking, actor=request.user, organization=organization))

    @extend_schema(request=ReasonSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        booking = self.get_object()
        organization = self._party(booking, "owner")
        return self._respond(
            services.reject_booking(
                booking, actor=request.user, organization=organization, **validated(ReasonSerializer, request)
            )
        )

    @extend_schema(request=ReasonSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        booking = self.get_object()
        organization = self._party(booking, "owner", "requester")
        return self._respond(
            services.cancel_booking(
                booking, actor=request.user, organization=organization, **validated(ReasonSerializer, request)
            )
        )

    def _operator_data(self, serializer_class, booking, request) -> dict:
        data = serializer_class(data=request.data, context={"booking": booking})
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    @extend_schema(request=OperatorSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Check-in; ``operated_by`` (username) records who operates the instrument (default the caller)."""
        booking = self.get_object()
        organization = self._party(booking, "owner")
        fields = self._operator_data(OperatorSerializer, booking, request)
        return self._respond(services.start_booking(booking, actor=request.user, organization=organization, **fields))

    @extend_schema(request=CheckOutSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        booking = self.get_object()
        organization = self._party(booking, "owner")
        fields = self._operator_data(CheckOutSerializer, booking, request)
        return self._respond(
            services.complete_booking(booking, actor=request.user, organization=organization, **fields)
        )

    @extend_schema(request=UsageCorrectionSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"], url_path="correct-usage")
    def correct_usage(self, request, pk=None):
        """The owner corrects the actual start / end with a reason (audited; the bill recomputed unless billed)."""
        booking = self.get_object()
        organization = self._party(booking, "owner")
        return self._respond(
            usage.correct_usage(
                booking, actor=request.user, organization=organization, **validated(UsageCorrectionSerializer, request)
            )
        )

    @extend_schema(request=None, responses=BookingSerializer)
    @action(detail=True, methods=["post"], url_path="no-show")
    def no_show(self, request, pk=None):
        booking = self.get_object()
        organization = self._party(booking, "owner")
        return self._respond(services.mark_no_show(booking, actor=request.user, organization=organization))


class QualificationViewSet(MarketViewSet):
    """上机资格. An instrument's owner grants, extends and revokes them; a user sees their own."""

    queryset = Qualification.objects.select_related("user", "instrument")
    serializer_class = QualificationSerializer
    filterset_fields = ["instrument", "user"]
    owner_field = "instrument__owner"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        own = queryset.filter(user=user) if user.is_authenticated else queryset.none()
        return visible_to_parties(queryset, user, "instrument__owner_id") | own

    def perform_create(self, serializer):
        self.acting_organization_required()
        super().perform_create(serializer)


class WaitlistEntryViewSet(MarketViewSet):
    """候补: wait for a slot on a busy instrument; you are notified once when one frees up in your window."""

    queryset = WaitlistEntry.objects.all()
    serializer_class = WaitlistEntrySerializer
    filterset_fields = ["instrument"]
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().filter(user=self.request.user)

    def check_object_permissions(self, request, obj):
        pass  # the queryset holds only the caller's own entries

    def perform_create(self, serializer):
        serializer.instance = services.join_waitlist(
            actor=self.request.user, organization=self.acting_organization_required(), **serializer.validated_data
        )


class BookingSeriesViewSet(MarketViewSet):
    """重复预约: a daily or weekly series booked in one request; each occurrence is a normal booking. Conflicting
    occurrences are skipped and listed (``on_conflict=skip``) or refuse the series (``refuse`` → 409
    ``series_conflict`` with ``conflicts``). ``cancel`` cancels every occurrence that has not started."""

    queryset = BookingSeries.objects.select_related("instrument", "requester_org").prefetch_related(
        Prefetch("bookings", Booking.objects.order_by("start"))
    )
    serializer_class = BookingSeriesSerializer
    filterset_fields = ["instrument"]
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=BookingSeriesCreateSerializer, responses={201: BookingSeriesSerializer})
    def create(self, request, *args, **kwargs):
        organization = self.acting_organization_required()
        data = BookingSeriesCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        payment = {"use_voucher": fields.pop("use_voucher")}
        result = series.book_series(actor=request.user, organization=organization, payment=payment, **fields)
        return Response(self.get_serializer(self.get_queryset().get(pk=result.series.pk)).data, status=201)

    @extend_schema(request=ReasonSerializer, responses=SeriesCancelSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel every future occurrence (the late-cancellation rule applies to each)."""
        booking_series = self.get_object()
        organization = self.require_party(booking_series.requester_org_id, booking_series.instrument.owner_id)
        result = series.cancel_series(
            booking_series, actor=request.user, organization=organization, **validated(ReasonSerializer, request)
        )
        return Response(SeriesCancelSerializer(result).data)


class DowntimeViewSet(MarketViewSet):
    """停机 (维护 / 故障): the owner declares an instrument down for a period with a reason. The bookings it hits are
    cancelled free (voucher holds released) and their firms told with alternatives; ``end`` ends a running downtime
    now (200) or withdraws one that has not begun (204). Listed for the owner's members (and administrators)."""

    queryset = Closure.objects.downtimes().select_related("instrument", "declared_by")
    serializer_class = DowntimeSerializer
    filterset_fields = ["instrument", "kind"]
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return visible_to_parties(super().get_queryset(), self.request.user, "instrument__owner_id")

    @extend_schema(request=DowntimeSerializer, responses={201: DowntimeResultSerializer})
    def create(self, request, *args, **kwargs):
        organization = self.acting_organization_required()
        data = DowntimeSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        result = downtime.declare_downtime(actor=request.user, organization=organization, **data.validated_data)
        body = DowntimeResultSerializer(result.downtime, context={**self.get_serializer_context(), "result": result})
        return Response(body.data, status=201)

    @extend_schema(request=None, responses={200: DowntimeSerializer, 204: None})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        closure = self.get_object()
        organization = self.require_party(closure.instrument.owner_id)
        ended = downtime.end_downtime(closure, actor=request.user, organization=organization)
        if ended is None:
            return Response(status=204)
        return Response(self.get_serializer(ended).data)
