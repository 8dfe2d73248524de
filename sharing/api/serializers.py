"""Serializers of the sharing app."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from instruments.models import Booking, Instrument
from marketplace.api.base import CappedSerializer, ValidatedModelSerializer

from ..models import NationalRecord, RuntimeRecord, ServiceRating

SCORE = {"min_value": 1, "max_value": 5}


class ServiceRatingSerializer(serializers.ModelSerializer):
    """A rating as everyone sees it; the rating organization is named only to the booking's parties (and
    administrators), the public sees the scores, the comment and the answer."""

    # null to whoever is not a party (see to_representation): documented as nullable
    booking = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    organization = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    instrument = serializers.IntegerField(source="booking.instrument_id", read_only=True)
    instrument_name = serializers.CharField(source="booking.instrument.name", read_only=True)
    average = serializers.DecimalField(max_digits=3, decimal_places=1, read_only=True)

    class Meta:
        model = ServiceRating
        fields = [
            "id",
            "booking",
            "instrument",
            "instrument_name",
            "organization",
            "timeliness",
            "quality",
            "attitude",
            "average",
            "comment",
            "created_at",
            "answer",
            "answered_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        parties = {instance.organization_id, instance.booking.instrument.owner_id}
        if not (user and user.is_authenticated and (user.is_platform_admin or parties & user.organization_ids())):
            data["organization"] = None
            data["booking"] = None
        return data


class ServiceRatingCreateSerializer(CappedSerializer):
    booking = serializers.PrimaryKeyRelatedField(queryset=Booking.objects.none())
    timeliness = serializers.IntegerField(label=_("及时性"), **SCORE)
    quality = serializers.IntegerField(label=_("服务质量"), **SCORE)
    attitude = serializers.IntegerField(label=_("服务态度"), **SCORE)
    comment = serializers.CharField(label=_("评价内容"), max_length=2000, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["booking"].queryset = Booking.objects.visible_to(request.user).select_related(
                "instrument__owner"
            )


class RatingAnswerSerializer(CappedSerializer):
    answer = serializers.CharField(label=_("回复内容"), max_length=2000)


class RuntimeRecordSerializer(ValidatedModelSerializer):
    class Meta:
        model = RuntimeRecord
        fields = [
            "id",
            "instrument",
            "date",
            "start_time",
            "end_time",
            "hours",
            "kind",
            "user_name",
            "note",
            "source",
            "created_at",
        ]
        read_only_fields = ["source", "created_at"]
        extra_kwargs = {"hours": {"required": False}}

    def validate_instrument(self, instrument):
        organization = self.context["view"].acting_organization
        if organization is None or instrument.owner_id != organization.pk:
            raise serializers.ValidationError(_("只能为本机构的仪器录入机时。"))
        return instrument

    def validate(self, attrs):
        from ..services.runtime import hours_between

        start, end = attrs.get("start_time"), attrs.get("end_time")
        if (start is None) != (end is None):
            raise serializers.ValidationError({"end_time": _("开始和结束时间须同时填写。")})
        if start is not None and attrs.get("hours") is None:
            hours = hours_between(start, end)
            if hours is None:
                raise serializers.ValidationError({"end_time": _("结束时间不能等于开始时间。")})
            attrs["hours"] = hours
        if attrs.get("hours") is None and self.instance is None:
            raise serializers.ValidationError({"hours": _("请填写机时或开始、结束时间。")})
        return super().validate(attrs)


class RuntimeImportSerializer(CappedSerializer):
    instrument = serializers.PrimaryKeyRelatedField(queryset=Instrument.objects.all())
    file = serializers.FileField(label=_("CSV 文件"))


class RuntimeImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    platform_overlaps = serializers.IntegerField()


class NationalRecordSerializer(ValidatedModelSerializer):
    class Meta:
        model = NationalRecord
        fields = [
            "id",
            "instrument",
            "internal_number",
            "category_code",
            "funding_source",
            "acquisition_date",
            "sharing_mode",
            "opening_rules",
            "fee_standard",
            "customs_status",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def validate_instrument(self, instrument):
        organization = self.context["view"].acting_organization
        if organization is None or instrument.owner_id != organization.pk:
            raise serializers.ValidationError(_("只能填写本机构仪器的国家平台信息。"))
        if self.instance is not None and instrument.pk != self.instance.instrument_id:
            raise serializers.ValidationError(_("不能更换仪器。"))
        return instrument


def _this_year():
    from django.utils import timezone

    return timezone.localdate().year


class NationalReportQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, default=_this_year)


class NationalExportQuerySerializer(NationalReportQuerySerializer):
    kind = serializers.ChoiceField(["instruments", "services"], default="instruments")
    # Not "format": DRF reads ?format= to pick a renderer.
    output = serializers.ChoiceField(["csv", "xlsx"], default="csv")
    force = serializers.BooleanField(default=False)


class NationalMissingSerializer(serializers.Serializer):
    instrument = serializers.IntegerField()
    name = serializers.CharField()
    missing = serializers.ListField(child=serializers.CharField())


class NationalCheckSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    complete = serializers.BooleanField()
    missing = NationalMissingSerializer(many=True)


class AssessmentQuerySerializer(NationalReportQuerySerializer):
    organization = serializers.IntegerField(required=False, min_value=1)


class AssessmentValuesSerializer(serializers.Serializer):
    effective_hours = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    external_hours = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    external_user_share = serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True)
    rating = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    response_hours = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)


class GradeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    min_score = serializers.IntegerField()


class AssessedInstrumentSerializer(serializers.Serializer):
    instrument = serializers.IntegerField(source="instrument.pk")
    name = serializers.CharField(source="instrument.name")
    values = AssessmentValuesSerializer()
    score = serializers.DecimalField(max_digits=5, decimal_places=2)
    grade = GradeSerializer()


class AssessedInstituteSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization.pk")
    name = serializers.CharField(source="organization.name")
    instruments = serializers.IntegerField()
    values = AssessmentValuesSerializer()
    score = serializers.DecimalField(max_digits=5, decimal_places=2)
    grade = GradeSerializer()
    rows = AssessedInstrumentSerializer(many=True)


class AssessmentSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    institutes = AssessedInstituteSerializer(many=True)
