"""API views of the demands app."""

from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from marketplace.api.base import MarketViewSet, validated
from marketplace.api.permissions import IsModerator, IsPlatformAdmin
from marketplace.api.serializers import ReviewNoteSerializer, review_note
from marketplace.choices import OrganizationKind
from marketplace.models import Organization
from tech_transfer.choices import ResultStatus
from tech_transfer.models import Result, TechContract

from .. import services
from ..choices import DemandStatus, ProposalStatus
from ..filtersets import DemandFilterSet
from ..models import Demand, Evaluation, Proposal
from .serializers import (
    DemandSerializer,
    EvaluateSerializer,
    EvaluationSerializer,
    ExpertReviewSerializer,
    ProposalSerializer,
    TrackRecordSerializer,
)


class DemandViewSet(MarketViewSet):
    """企业出题. Firms draft and submit; moderators approve (open) or reject; the firm closes, marks solved and
    evaluates (市场阅题). An anonymous demand never shows its firm to anyone but administrators and the firm."""

    queryset = (
        Demand.objects.select_related("firm", "industry_chain", "tech_field", "evaluation")
        .annotate(proposal_count=Count("proposals"))
        .order_by("-published_at", "-id")  # explicit: an aggregate query drops Meta.ordering
    )
    serializer_class = DemandSerializer
    filterset_class = DemandFilterSet
    ordering_fields = ["published_at", "deadline", "budget_max"]
    owner_field = "firm"
    owner_kinds = (OrganizationKind.ENTERPRISE,)

    def perform_create(self, serializer):
        super().perform_create(serializer)
        serializer.instance.proposal_count = 0

    def _respond(self, demand):
        return Response(self.get_serializer(self.get_queryset().get(pk=demand.pk)).data)

    @extend_schema(request=None, responses=DemandSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        demand = self.get_object()
        organization = self.require_party(demand.firm_id)
        return self._respond(services.submit_demand(demand, actor=request.user, organization=organization))

    @extend_schema(request=ReviewNoteSerializer, responses=DemandSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsModerator])
    def approve(self, request, pk=None):
        note = review_note(request)
        return self._respond(services.approve_demand(self.get_object(), actor=request.user, note=note))

    @extend_schema(request=ReviewNoteSerializer, responses=DemandSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsModerator])
    def reject(self, request, pk=None):
        note = review_note(request)
        return self._respond(services.reject_demand(self.get_object(), actor=request.user, note=note))

    @extend_schema(request=ReviewNoteSerializer, responses=DemandSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        demand = self.get_object()
        organization = self.require_party(demand.firm_id)
        note = review_note(request)
        return self._respond(services.close_demand(demand, actor=request.user, organization=organization, note=note))

    @extend_schema(request=None, responses=DemandSerializer)
    @action(detail=True, methods=["post"])
    def solve(self, request, pk=None):
        demand = self.get_object()
        organization = self.require_party(demand.firm_id)
        return self._respond(services.solve_demand(demand, actor=request.user, organization=organization))

    @extend_schema(request=EvaluateSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        demand = self.get_object()
        organization = self.require_party(demand.firm_id)
        evaluation = services.evaluate(demand, actor=request.user, organization=organization,
                                       **validated(EvaluateSerializer, request))  # fmt: skip
        return Response(EvaluationSerializer(evaluation).data, status=201)

    @extend_schema(request=ExpertReviewSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"], url_path="expert-review", permission_classes=[IsPlatformAdmin])
    def expert_review(self, request, pk=None):
        evaluation = get_object_or_404(Evaluation, demand=self.get_object())
        evaluation = services.expert_review(
            evaluation, actor=request.user, **validated(ExpertReviewSerializer, request)
        )
        return Response(EvaluationSerializer(evaluation).data)


class ProposalViewSet(MarketViewSet):
    """院所解题. Institutes and service providers propose; the firm shortlists, accepts one (drafting a contract) or
    declines; the institute may withdraw. Seen only by the two parties and administrators."""

    queryset = Proposal.objects.select_related("institute", "demand__firm")
    serializer_class = ProposalSerializer
    filterset_fields = ["demand", "status"]
    owner_field = "institute"
    owner_kinds = services.SOLVERS
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = services.submit_proposal(
            organization=self.acting_organization_required(), actor=self.request.user, **serializer.validated_data
        )

    def _act(self, request, service, party):
        proposal = self.get_object()
        organization = self.require_party(proposal.demand.firm_id if party == "firm" else proposal.institute_id)
        return Response(self.get_serializer(service(proposal, actor=request.user, organization=organization)).data)

    @extend_schema(request=None, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def shortlist(self, request, pk=None):
        return self._act(request, services.shortlist_proposal, "firm")

    @extend_schema(request=None, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._act(request, services.accept_proposal, "firm")

    @extend_schema(request=None, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._act(request, services.decline_proposal, "firm")

    @extend_schema(request=None, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._act(request, services.withdraw_proposal, "institute")


class TrackRecordView(GenericAPIView):
    """An institute's public record (市场阅题): results published and transferred, contracts registered, demands it
    solved and how the firms rated them (an anonymous demand's firm is not named)."""

    serializer_class = TrackRecordSerializer
    permission_classes = []
    queryset = Organization.objects.none()

    def get(self, request, pk):
        organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
        accepted = Proposal.objects.filter(institute=organization, status=ProposalStatus.ACCEPTED)
        solved = Demand.objects.filter(proposals__in=accepted, status=DemandStatus.SOLVED)
        evaluations = Evaluation.objects.filter(demand__in=solved).select_related("demand").order_by("-created_at")
        record = {
            "organization": organization.pk,
            "results_published": Result.objects.filter(owner=organization, status=ResultStatus.PUBLISHED).count(),
            "results_transferred": Result.objects.filter(owner=organization, status=ResultStatus.TRANSFERRED).count(),
            "contracts_registered": TechContract.objects.filter(seller=organization, status="registered").count(),
            "proposals_accepted": accepted.count(),
            "demands_solved": solved.count(),
            "average_rating": evaluations.aggregate(avg=Avg("rating"))["avg"],
            "evaluations": [
                {"demand": e.demand.title, "rating": e.rating, "comment": e.comment, "expert_review": e.expert_review}
                for e in evaluations[:20]
            ],
        }
        return Response(TrackRecordSerializer(record).data)
