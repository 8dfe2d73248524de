"""Serializers of the demands app. The firm of an anonymous demand is shown only to administrators and the firm."""

from rest_framework import serializers

from marketplace.api.base import CappedSerializer, ValidatedModelSerializer
from marketplace.api.serializers import BriefOrganizationSerializer
from marketplace.models import IndustryChain, TechField

from ..models import Demand, Evaluation, Proposal


def firm_block(demand, request):
    if demand.firm_visible_to(getattr(request, "user", None)):
        return BriefOrganizationSerializer(demand.firm).data
    return None


class EvaluationSerializer(ValidatedModelSerializer):
    class Meta:
        model = Evaluation
        fields = ["rating", "comment", "expert_review", "expert_reviewed_at", "created_at"]
        read_only_fields = ["expert_review", "expert_reviewed_at", "created_at"]


class DemandSerializer(ValidatedModelSerializer):
    firm = serializers.SerializerMethodField()
    industry_chain = serializers.SlugRelatedField(
        slug_field="code", queryset=IndustryChain.objects.all(), required=False, allow_null=True
    )
    tech_field = serializers.SlugRelatedField(slug_field="code", queryset=TechField.objects.all())
    negotiable = serializers.SerializerMethodField()
    evaluation = EvaluationSerializer(read_only=True, allow_null=True)
    proposal_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Demand
        fields = [
            "id",
            "firm",
            "anonymous",
            "title",
            "problem",
            "target_indicators",
            "industry_chain",
            "tech_field",
            "risk_class",
            "cooperation_mode",
            "budget_min",
            "budget_max",
            "negotiable",
            "deadline",
            "is_challenge",
            "bounty",
            "ip_terms",
            "status",
            "review_note",
            "published_at",
            "evaluation",
            "proposal_count",
            "created_at",
        ]
        read_only_fields = ["status", "review_note", "published_at", "created_at"]

    def get_firm(self, obj) -> dict | None:
        return firm_block(obj, self.context.get("request"))

    def get_negotiable(self, obj) -> bool:
        return obj.budget_max is None


class BriefDemandSerializer(ValidatedModelSerializer):
    firm = serializers.SerializerMethodField()

    class Meta:
        model = Demand
        fields = ["id", "title", "status", "deadline", "firm"]

    def get_firm(self, obj) -> dict | None:
        return firm_block(obj, self.context.get("request"))


class ProposalSerializer(ValidatedModelSerializer):
    institute = BriefOrganizationSerializer(read_only=True)
    demand_summary = BriefDemandSerializer(source="demand", read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "demand",
            "demand_summary",
            "institute",
            "approach",
            "budget",
            "duration_days",
            "team",
            "status",
            "created_at",
        ]
        read_only_fields = ["status", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "demand" in self.fields:
            self.fields["demand"].queryset = Demand.objects.visible_to(request.user)


class EvaluateSerializer(CappedSerializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=4000, allow_blank=True, default="")


class ExpertReviewSerializer(CappedSerializer):
    review = serializers.CharField(max_length=8000)


class TrackRecordSerializer(CappedSerializer):
    organization = serializers.IntegerField()
    results_published = serializers.IntegerField()
    results_transferred = serializers.IntegerField()
    contracts_registered = serializers.IntegerField()
    proposals_accepted = serializers.IntegerField()
    demands_solved = serializers.IntegerField()
    average_rating = serializers.FloatField(allow_null=True)
    evaluations = serializers.ListField(child=serializers.DictField())
