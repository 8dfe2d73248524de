"""API of the technology brokers (技术经理人): the public directory of verified brokers (with each one's track
record), a person's own profile, the operator's verification, and assignments to deals with the broker's work on
them. Every change calls ``matchmaking.broker_services``; what a caller sees follows the querysets' ``visible_to``."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from demands.models import Demand
from marketplace.api.base import MarketViewSet, validated
from marketplace.api.schema import ErrorSerializer

from .. import broker_services as services
from ..broker_matching import suggest_brokers
from ..choices import BROKER_ORGANIZATION_KINDS
from ..filtersets import BrokerAssignmentFilterSet, BrokerProfileFilterSet
from ..models import BrokerAssignment, BrokerProfile, BrokerRating
from .broker_serializers import (
    BrokerAssignmentDetailSerializer,
    BrokerAssignmentSerializer,
    BrokerCommissionSerializer,
    BrokerConsentSerializer,
    BrokerMeetingBodySerializer,
    BrokerMeetingSerializer,
    BrokerNoteBodySerializer,
    BrokerNoteSerializer,
    BrokerProfileSerializer,
    BrokerRateBodySerializer,
    BrokerRatingSerializer,
    BrokerReasonSerializer,
    BrokerSuggestBodySerializer,
    BrokerSuggestedSerializer,
    BrokerSuggestionSerializer,
)


class BrokerProfileViewSet(MarketViewSet):
    """技术经理人. Anyone reads verified profiles; a member of a service provider or institute files their own
    (``POST``, acting for that organization) and edits it (a changed certificate is checked again); the market
    operator verifies or rejects."""

    queryset = (
        BrokerProfile.objects.with_track_record()
        .select_related("user", "organization")
        .prefetch_related("tech_fields", "industry_chains", "regions")
    )
    serializer_class = BrokerProfileSerializer
    filterset_class = BrokerProfileFilterSet
    owner_field = "organization"  # edits are made acting for the broker's organization (and by the broker only)
    owner_kinds = BROKER_ORGANIZATION_KINDS
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _respond(self, profile, status=200):
        return Response(self.get_serializer(self.get_queryset().get(pk=profile.pk)).data, status=status)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = services.create_profile(
            actor=request.user, organization=self.acting_organization_required(), **serializer.validated_data
        )
        return self._respond(profile, status=201)

    def update(self, request, *args, **kwargs):
        profile = self.get_object()
        if profile.user_id != request.user.pk:
            raise PermissionDenied(code="not_a_party")
        serializer = self.get_serializer(profile, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        return self._respond(services.update_profile(profile, actor=request.user, **serializer.validated_data))

    @extend_schema(request=BrokerReasonSerializer, responses=BrokerProfileSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        profile = self.get_object()
        return self._respond(
            services.verify_profile(profile, actor=request.user, **validated(BrokerReasonSerializer, request))
        )

    @extend_schema(request=BrokerReasonSerializer, responses=BrokerProfileSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        profile = self.get_object()
        return self._respond(
            services.reject_profile(profile, actor=request.user, **validated(BrokerReasonSerializer, request))
        )

    @extend_schema(
        parameters=[OpenApiParameter("demand", OpenApiTypes.INT, required=True)],
        responses={
            200: BrokerSuggestedSerializer(many=True),
            404: OpenApiResponse(ErrorSerializer, description="the demand does not exist or is not visible"),
        },
    )
    @action(detail=False, methods=["get"])
    def suggested(self, request):
        """推荐技术经理人 for a demand the caller may see (with the reasons of each score)."""
        try:
            demand_id = int(request.query_params.get("demand", ""))
        except ValueError:
            demand_id = 0
        demand = get_object_or_404(
            Demand.objects.visible_to(request.user).select_related("firm__region", "tech_field", "industry_chain"),
            pk=demand_id,
        )
        entries = suggest_brokers(demand)
        return Response(BrokerSuggestedSerializer(entries, many=True, context=self.get_serializer_context()).data)


class BrokerAssignmentViewSet(MarketViewSet):
    """经纪委托. A party of the deal (or the market operator) assigns a broker (``POST``); the broker accepts or
    declines, then works on it (notes, suggestions to the firm, meetings); a contract's parties set the commission;
    the firm may disclose its identity to the broker; the parties rate the broker once the contract is signed or the
    assignment is closed. Seen by the broker, the deal's parties and the moderators — one rule for API and pages."""

    queryset = BrokerAssignment.objects.with_deal()
    serializer_class = BrokerAssignmentSerializer
    filterset_class = BrokerAssignmentFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "list":
            queryset = queryset.prefetch_related(
                "notes__author",
                "suggestions__institute",
                "suggestions__result",
                "meetings",
                Prefetch(
                    "ratings",
                    queryset=BrokerRating.objects.select_related(
                        "assignment__demand", "assignment__inquiry", "assignment__contract"
                    ),
                ),
            )
        return queryset

    def get_serializer_class(self):
        return BrokerAssignmentSerializer if self.action in ("list", "create") else BrokerAssignmentDetailSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "full": self.action != "list"}

    def _respond(self, assignment, status=200):
        fresh = self.get_queryset().get(pk=assignment.pk)
        return Response(
            BrokerAssignmentDetailSerializer(fresh, context=self.get_serializer_context()).data, status=status
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        deal = next(data[k] for k in ("demand", "inquiry", "auction", "contract") if data.get(k) is not None)
        commission = None
        if data.get("commission_kind"):
            commission = {
                "kind": data["commission_kind"],
                "payer": data.get("commission_payer", ""),
                "rate": data.get("commission_rate"),
                "amount": data.get("commission_amount"),
            }
        assignment = services.assign_broker(
            broker=data["broker"],
            deal=deal,
            actor=request.user,
            organization=self.acting_organization,
            message=data.get("message", ""),
            commission=commission,
        )
        return self._respond(assignment, status=201)

    def _organization(self):
        return self.acting_organization

    @extend_schema(request=None, responses=BrokerAssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._respond(services.accept_assignment(self.get_object(), actor=request.user))

    @extend_schema(request=BrokerReasonSerializer, responses=BrokerAssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        assignment = self.get_object()
        note = validated(BrokerReasonSerializer, request)["note"]
        return self._respond(services.decline_assignment(assignment, actor=request.user, note=note))

    @extend_schema(request=BrokerReasonSerializer, responses=BrokerAssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        assignment = self.get_object()
        note = validated(BrokerReasonSerializer, request)["note"]
        return self._respond(
            services.cancel_assignment(assignment, actor=request.user, organization=self._organization(), note=note)
        )

    @extend_schema(request=BrokerReasonSerializer, responses=BrokerAssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        assignment = self.get_object()
        note = validated(BrokerReasonSerializer, request)["note"]
        return self._respond(
            services.close_assignment(assignment, actor=request.user, organization=self._organization(), note=note)
        )

    @extend_schema(request=BrokerConsentSerializer, responses=BrokerAssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def consent(self, request, pk=None):
        assignment = self.get_object()
        consent = validated(BrokerConsentSerializer, request)["consent"]
        return self._respond(
            services.set_consent(assignment, actor=request.user, organization=self._organization(), consent=consent)
        )

    @extend_schema(request=BrokerCommissionSerializer, responses=BrokerAssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def commission(self, request, pk=None):
        assignment = self.get_object()
        terms = validated(BrokerCommissionSerializer, request)
        return self._respond(
            services.set_commission(assignment, actor=request.user, organization=self._organization(), **terms)
        )

    @extend_schema(request=BrokerNoteBodySerializer, responses={201: BrokerNoteSerializer})
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        assignment = self.get_object()
        note = services.add_note(assignment, actor=request.user, **validated(BrokerNoteBodySerializer, request))
        return Response(BrokerNoteSerializer(note).data, status=201)

    @extend_schema(request=BrokerSuggestBodySerializer, responses={201: BrokerSuggestionSerializer})
    @action(detail=True, methods=["post"])
    def suggestions(self, request, pk=None):
        assignment = self.get_object()
        suggestion = services.suggest(assignment, actor=request.user, **validated(BrokerSuggestBodySerializer, request))
        return Response(BrokerSuggestionSerializer(suggestion).data, status=201)

    @extend_schema(request=BrokerMeetingBodySerializer, responses={201: BrokerMeetingSerializer})
    @action(detail=True, methods=["post"])
    def meetings(self, request, pk=None):
        assignment = self.get_object()
        meeting = services.schedule_meeting(
            assignment, actor=request.user, **validated(BrokerMeetingBodySerializer, request)
        )
        return Response(BrokerMeetingSerializer(meeting).data, status=201)

    @extend_schema(request=BrokerRateBodySerializer, responses={201: BrokerRatingSerializer})
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        assignment = self.get_object()
        rating = services.rate_broker(
            assignment,
            actor=request.user,
            organization=self._organization(),
            **validated(BrokerRateBodySerializer, request),
        )
        return Response(BrokerRatingSerializer(rating).data, status=201)
