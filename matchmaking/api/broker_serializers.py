"""Serializers of the technology brokers (技术经理人). The assignment's ``deal`` comes from
``matchmaking.broker_deals.deal_view`` — the same function the assignment page renders — and the organization that
made the assignment is left out where it would reveal an anonymous firm."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from demands.models import Demand
from marketplace.api.base import CappedSerializer, ValidatedModelSerializer
from marketplace.api.serializers import BriefOrganizationSerializer
from marketplace.models import IndustryChain, Organization, Region, TechField
from tech_transfer.models import Auction, Inquiry, Result, TechContract

from ..broker_deals import deal_view
from ..choices import CommissionKind, CommissionPayer
from ..models import BrokerAssignment, BrokerMeeting, BrokerNote, BrokerProfile, BrokerRating, BrokerSuggestion


class BrokerProfileSerializer(ValidatedModelSerializer):
    name = serializers.CharField(source="user.__str__", read_only=True)
    organization = BriefOrganizationSerializer(read_only=True)
    tech_fields = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=TechField.objects.all())
    industry_chains = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=IndustryChain.objects.all()
    )
    regions = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Region.objects.all())
    languages = serializers.ListField(child=serializers.CharField(max_length=20), max_length=10, required=False)
    certificate_valid = serializers.BooleanField(read_only=True)
    deals_assisted = serializers.IntegerField(read_only=True)
    contracts_signed = serializers.IntegerField(read_only=True)
    turnover = serializers.DecimalField(max_digits=13, decimal_places=2, read_only=True)
    rating_avg = serializers.FloatField(read_only=True, allow_null=True)
    rating_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = BrokerProfile
        fields = [
            "id",
            "name",
            "organization",
            "level",
            "certificate_number",
            "certificate_issuer",
            "certificate_expires",
            "certificate_valid",
            "tech_fields",
            "industry_chains",
            "regions",
            "languages",
            "bio",
            "status",
            "review_note",
            "verified_at",
            "deals_assisted",
            "contracts_signed",
            "turnover",
            "rating_avg",
            "rating_count",
        ]
        read_only_fields = ["status", "review_note", "verified_at"]


class BrokerSuggestedSerializer(CappedSerializer):
    broker = BrokerProfileSerializer()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class BrokerNoteSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.__str__", read_only=True)

    class Meta:
        model = BrokerNote
        fields = ["id", "author_name", "body", "created_at"]


class BrokerSuggestionSerializer(serializers.ModelSerializer):
    institute = BriefOrganizationSerializer(read_only=True)
    result_title = serializers.CharField(source="result.title", read_only=True, default=None)

    class Meta:
        model = BrokerSuggestion
        fields = ["id", "institute", "result", "result_title", "note", "created_at"]


class BrokerMeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = BrokerMeeting
        fields = ["id", "start", "end", "place", "topic", "created_at"]


class BrokerRatingSerializer(serializers.ModelSerializer):
    side = serializers.SerializerMethodField()

    class Meta:
        model = BrokerRating
        fields = ["id", "side", "score", "comment", "created_at"]

    def get_side(self, obj) -> str:
        """Which side rated (the firm's or the other party's), never the rater's name: a firm may be anonymous."""
        return "firm" if obj.organization_id == obj.assignment.firm_id() else "other"


class BrokerAssignmentSerializer(ValidatedModelSerializer):
    """经纪委托. Create with ``broker`` and exactly one of ``demand``, ``inquiry``, ``auction``, ``contract`` (of the
    ones the caller may see); commission terms only on a contract."""

    broker = serializers.PrimaryKeyRelatedField(queryset=BrokerProfile.objects.filter(status="verified"))
    broker_name = serializers.CharField(source="broker.__str__", read_only=True)
    demand = serializers.PrimaryKeyRelatedField(queryset=Demand.objects.none(), required=False, allow_null=True)
    inquiry = serializers.PrimaryKeyRelatedField(queryset=Inquiry.objects.none(), required=False, allow_null=True)
    auction = serializers.PrimaryKeyRelatedField(queryset=Auction.objects.none(), required=False, allow_null=True)
    contract = serializers.PrimaryKeyRelatedField(queryset=TechContract.objects.none(), required=False, allow_null=True)
    deal_kind = serializers.CharField(read_only=True)
    deal = serializers.SerializerMethodField()
    assigned_by_organization = serializers.SerializerMethodField()
    commission_due = serializers.DecimalField(max_digits=13, decimal_places=2, read_only=True, allow_null=True)

    class Meta:
        model = BrokerAssignment
        fields = [
            "id",
            "broker",
            "broker_name",
            "demand",
            "inquiry",
            "auction",
            "contract",
            "deal_kind",
            "deal",
            "status",
            "message",
            "assigned_by_organization",
            "firm_consent",
            "commission_kind",
            "commission_rate",
            "commission_amount",
            "commission_payer",
            "commission_due",
            "responded_at",
            "closed_at",
            "created_at",
        ]
        read_only_fields = ["status", "firm_consent", "responded_at", "closed_at", "created_at"]

    def get_validators(self):
        # DRF would turn the partial "one live assignment per broker and deal" constraints into validators that make
        # every deal field required; the service checks them (409 ``already_assigned``), as does the database.
        return []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            fields["demand"].queryset = Demand.objects.visible_to(user)
            fields["inquiry"].queryset = Inquiry.objects.visible_to(user)
            fields["auction"].queryset = Auction.objects.visible_to(user)
            fields["contract"].queryset = TechContract.objects.visible_to(user)
        return fields

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_deal(self, obj) -> dict:
        return deal_view(obj, self._user(), full=self.context.get("full", False))

    def get_assigned_by_organization(self, obj) -> dict | None:
        organization = obj.assigned_by_organization
        if organization is None:
            return None
        if organization.pk == obj.anonymous_firm_id() and obj.firm_hidden_from(self._user()):
            return None
        return {"id": organization.pk, "name": organization.name}

    def validate(self, attrs):
        deals = [k for k in ("demand", "inquiry", "auction", "contract") if attrs.get(k) is not None]
        if len(deals) != 1:
            raise serializers.ValidationError({"demand": [_("请选择且只选择一个需求、意向、拍卖或合同。")]})
        return super().validate(attrs)


class BrokerAssignmentDetailSerializer(BrokerAssignmentSerializer):
    notes = BrokerNoteSerializer(many=True, read_only=True)
    suggestions = BrokerSuggestionSerializer(many=True, read_only=True)
    meetings = BrokerMeetingSerializer(many=True, read_only=True)
    ratings = BrokerRatingSerializer(many=True, read_only=True)

    class Meta(BrokerAssignmentSerializer.Meta):
        fields = [*BrokerAssignmentSerializer.Meta.fields, "notes", "suggestions", "meetings", "ratings"]


# ----------------------------------------------------------------------------------------- bodies of the actions


class BrokerReasonSerializer(CappedSerializer):
    note = serializers.CharField(max_length=2000, allow_blank=True, default="")


class BrokerConsentSerializer(CappedSerializer):
    consent = serializers.BooleanField()


class BrokerCommissionSerializer(CappedSerializer):
    kind = serializers.ChoiceField(choices=CommissionKind.choices)
    payer = serializers.ChoiceField(choices=CommissionPayer.choices)
    rate = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
    )
    amount = serializers.DecimalField(
        max_digits=13, decimal_places=2, required=False, allow_null=True, min_value=Decimal("0.01")
    )

    def validate(self, attrs):
        if attrs["kind"] == CommissionKind.RATE and attrs.get("rate") is None:
            raise serializers.ValidationError({"rate": [_("请填写佣金比例。")]})
        if attrs["kind"] == CommissionKind.FIXED and attrs.get("amount") is None:
            raise serializers.ValidationError({"amount": [_("请填写佣金金额。")]})
        return attrs


class BrokerNoteBodySerializer(CappedSerializer):
    body = serializers.CharField(max_length=4000)


class BrokerSuggestBodySerializer(CappedSerializer):
    institute = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.filter(verified=True), required=False, allow_null=True
    )
    result = serializers.PrimaryKeyRelatedField(
        queryset=Result.objects.filter(status="published"), required=False, allow_null=True
    )
    note = serializers.CharField(max_length=2000, allow_blank=True, default="")

    def validate(self, attrs):
        if (attrs.get("institute") is None) == (attrs.get("result") is None):
            raise serializers.ValidationError({"institute": [_("请推荐一个机构或一项成果。")]})
        return attrs


class BrokerMeetingBodySerializer(CappedSerializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    place = serializers.CharField(max_length=200)
    topic = serializers.CharField(max_length=200)

    def validate(self, attrs):
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": [_("结束时间须晚于开始时间。")]})
        return attrs


class BrokerRateBodySerializer(CappedSerializer):
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, allow_blank=True, default="")
