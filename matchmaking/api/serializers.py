"""Serializers of the events app. Featured demands embed the demand through ``BriefDemandSerializer``, so an
anonymous demand's firm is shown only to those allowed to know it."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from demands.api.serializers import BriefDemandSerializer
from demands.models import PUBLIC_STATUSES as PUBLIC_DEMAND_STATUSES
from demands.models import Demand
from marketplace.api.base import CappedSerializer, ValidatedModelSerializer
from marketplace.api.serializers import BriefOrganizationSerializer
from tech_transfer.choices import ResultStatus
from tech_transfer.models import Result

from ..choices import EventStatus
from ..models import Event, EventLead, Meeting, Registration


class FeaturedResultSerializer(serializers.ModelSerializer):
    owner = BriefOrganizationSerializer(read_only=True)

    class Meta:
        model = Result
        fields = ["id", "title", "owner"]


class EventSerializer(ValidatedModelSerializer):
    organizer = BriefOrganizationSerializer(read_only=True)
    featured_results = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Result.objects.filter(status=ResultStatus.PUBLISHED)
    )
    featured_demands = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Demand.objects.filter(status__in=PUBLIC_DEMAND_STATUSES)
    )
    featured_result_summaries = FeaturedResultSerializer(source="featured_results", many=True, read_only=True)
    featured_demand_summaries = BriefDemandSerializer(source="featured_demands", many=True, read_only=True)
    seats_taken = serializers.IntegerField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "organizer",
            "kind",
            "title",
            "start",
            "end",
            "place",
            "online_url",
            "capacity",
            "agenda",
            "status",
            "featured_results",
            "featured_demands",
            "featured_result_summaries",
            "featured_demand_summaries",
            "seats_taken",
            "published_at",
            "created_at",
        ]
        read_only_fields = ["status", "published_at", "created_at"]

    def validate(self, attrs):
        if self.instance is not None and self.instance.status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
            raise serializers.ValidationError(_("已结束或已取消的活动不能修改。"))
        return super().validate(attrs)


class RegistrationSerializer(ValidatedModelSerializer):
    organization = BriefOrganizationSerializer(read_only=True)
    results = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    demands = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    checked_in = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = ["id", "event", "organization", "status", "note", "results", "demands", "checked_in",
                  "checked_in_at", "created_at"]  # fmt: skip
        read_only_fields = fields

    def get_checked_in(self, obj) -> bool:
        return obj.checked_in_at is not None


class EventRegisterSerializer(CappedSerializer):
    """The body of ``POST /events/{id}/register/``: what the registrant brings (its own published results and public
    demands) and a note."""

    results = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Result.objects.all())
    demands = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Demand.objects.all())
    note = serializers.CharField(max_length=2000, allow_blank=True, default="")


class RegistrationNoteSerializer(CappedSerializer):
    note = serializers.CharField(max_length=2000, allow_blank=True, default="")


class MeetingSerializer(ValidatedModelSerializer):
    """A meeting request: the acting organization's registration for the counterpart's event is the requester."""

    counterpart = serializers.PrimaryKeyRelatedField(queryset=Registration.objects.all())
    requester = serializers.PrimaryKeyRelatedField(read_only=True)
    requester_organization = BriefOrganizationSerializer(source="requester.organization", read_only=True)
    counterpart_organization = BriefOrganizationSerializer(source="counterpart.organization", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "event", "requester", "requester_organization", "counterpart", "counterpart_organization",
                  "start", "end", "table", "message", "status", "created_at"]  # fmt: skip
        read_only_fields = ["event", "status", "created_at"]

    def validate(self, attrs):
        # The service checks the slot against the event (under its lock); here only the fields themselves.
        if attrs.get("start") and attrs.get("end") and attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": _("结束时间须晚于开始时间。")})
        return attrs


class LeadRequestSerializer(CappedSerializer):
    """Turn an accepted meeting into an inquiry (``result``) or a proposal (``demand`` with budget and duration)."""

    result = serializers.PrimaryKeyRelatedField(required=False, allow_null=True, queryset=Result.objects.all())
    demand = serializers.PrimaryKeyRelatedField(required=False, allow_null=True, queryset=Demand.objects.all())
    message = serializers.CharField(max_length=5000)
    budget = serializers.DecimalField(max_digits=13, decimal_places=2, min_value=0, required=False, allow_null=True)
    duration_days = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class EventLeadSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField()

    class Meta:
        model = EventLead
        fields = ["id", "event", "meeting", "kind", "inquiry", "proposal", "created_at"]
        read_only_fields = fields

    def get_kind(self, obj) -> str:
        return "inquiry" if obj.inquiry_id else "proposal"


class EventReportSerializer(CappedSerializer):
    registrations = serializers.IntegerField()
    registrations_by_status = serializers.DictField(child=serializers.IntegerField())
    confirmed = serializers.IntegerField()
    checked_in = serializers.IntegerField()
    meetings = serializers.IntegerField()
    meetings_by_status = serializers.DictField(child=serializers.IntegerField())
    leads = serializers.IntegerField()
    inquiries = serializers.IntegerField()
    proposals = serializers.IntegerField()
    contracts = serializers.IntegerField()
    contract_ids = serializers.ListField(child=serializers.IntegerField())


class ResultSuggestionSerializer(CappedSerializer):
    demand = serializers.IntegerField()
    results = serializers.ListField(child=serializers.DictField())
