"""Serializers of the instruments app."""

import itertools
from datetime import time

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from marketplace.api.base import CappedSerializer, ValidatedModelSerializer
from marketplace.api.serializers import BriefOrganizationSerializer
from marketplace.models import User
from marketplace.uploads import PhotoField

from ..choices import DOWNTIME_KIND_CHOICES, ClosureKind, SeriesConflictPolicy, SeriesFrequency
from ..extensions import render_payment_block
from ..models import (
    Booking,
    BookingQuota,
    BookingSeries,
    Closure,
    Instrument,
    OpeningHours,
    Qualification,
    ServiceItem,
    WaitlistEntry,
)
from ..series import MAX_OCCURRENCES
from ..usage import operator_allowed


class OpeningHoursSerializer(ValidatedModelSerializer):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "start", "end"]

    def validate(self, attrs):
        if attrs["start"] >= attrs["end"] and attrs["end"] != time.min:
            raise serializers.ValidationError({"end": _("结束时间应晚于开始时间（00:00 表示午夜）。")})
        return super().validate(attrs)


class PlainClosureListSerializer(serializers.ListSerializer):
    """An instrument's nested ``closures`` are its planned closures only: declared downtimes (维护 / 故障) have their
    own resource (``downtimes/``) and service, so writing the nested list back never duplicates or drops them."""

    def to_representation(self, data):
        rows = data.all() if hasattr(data, "all") else data
        return super().to_representation([c for c in rows if c.kind == ClosureKind.CLOSURE])


class ClosureSerializer(ValidatedModelSerializer):
    class Meta:
        model = Closure
        fields = ["start", "end", "reason"]
        list_serializer_class = PlainClosureListSerializer

    def validate(self, attrs):
        # The model's check constraint would answer a 409 "conflict"; a reversed period is a field error.
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError({"end": _("开始时间应早于结束时间。")})
        return super().validate(attrs)


class BookingQuotaSerializer(ValidatedModelSerializer):
    class Meta:
        model = BookingQuota
        fields = ["period", "max_hours", "max_bookings"]

    def validate(self, attrs):
        if attrs.get("max_hours") is None and attrs.get("max_bookings") is None:
            raise serializers.ValidationError(_("请设置小时数或次数上限。"))
        return super().validate(attrs)


class ServiceItemSerializer(ValidatedModelSerializer):
    class Meta:
        model = ServiceItem
        fields = [
            "id",
            "instrument",
            "name",
            "description",
            "unit",
            "price_enterprise",
            "price_academic",
            "price_internal",
            "active",
        ]

    def validate_instrument(self, instrument):
        organization = self.context["view"].acting_organization
        if organization is None or instrument.owner_id != organization.pk:
            raise serializers.ValidationError(_("只能为本机构的仪器设置服务项目。"))
        return instrument


class InstrumentSerializer(ValidatedModelSerializer):
    owner = BriefOrganizationSerializer(read_only=True)
    opening_hours = OpeningHoursSerializer(many=True, required=False)
    closures = ClosureSerializer(many=True, required=False)
    quotas = BookingQuotaSerializer(many=True, required=False)
    service_items = ServiceItemSerializer(many=True, read_only=True)
    photo = PhotoField(required=False, max_length=100)  # checked by content and stored re-encoded without EXIF

    class Meta:
        model = Instrument
        fields = [
            "id",
            "owner",
            "name",
            "name_en",
            "category",
            "model_number",
            "manufacturer",
            "country",
            "original_value",
            "purchase_date",
            "building",
            "room",
            "address",
            "capabilities",
            "specs",
            "sample_requirements",
            "photo",
            "status",
            "voucher_eligible",
            "booking_mode",
            "approval_mode",
            "lead_time_hours",
            "max_advance_days",
            "min_duration_minutes",
            "max_duration_minutes",
            "slot_minutes",
            "buffer_minutes",
            "cancellation_deadline_hours",
            "late_cancel_fee_percent",
            "no_show_fee_percent",
            "contact_name",
            "contact_phone",
            "opening_hours",
            "closures",
            "quotas",
            "service_items",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate_opening_hours(self, rows):
        by_day = {}
        for row in rows:
            by_day.setdefault(row["weekday"], []).append((row["start"], row["end"]))
        for windows in by_day.values():
            windows = sorted((start, end if end != time.min else time.max) for start, end in windows)
            for (_s1, e1), (s2, _e2) in itertools.pairwise(windows):
                if s2 < e1:
                    raise serializers.ValidationError(_("同一天的开放时间不能重叠。"))
        return rows

    def validate_quotas(self, rows):
        periods = [row["period"] for row in rows]
        if len(periods) != len(set(periods)):
            raise serializers.ValidationError(_("每个周期只能设置一个配额。"))
        return rows

    #: Nested lists written with the instrument; each replaces the instrument's rows as a whole when given.
    NESTED = {"opening_hours": OpeningHours, "closures": Closure, "quotas": BookingQuota}

    def _save(self, save, validated_data):
        nested = {name: validated_data.pop(name, None) for name in self.NESTED}
        with transaction.atomic():
            instrument = save(validated_data)
            for name, rows in nested.items():
                if rows is not None:
                    existing = getattr(instrument, name).all()
                    (existing.plain() if name == "closures" else existing).delete()
                    self.NESTED[name].objects.bulk_create(self.NESTED[name](instrument=instrument, **r) for r in rows)
        return instrument

    def create(self, validated_data):
        return self._save(super().create, validated_data)

    def update(self, instance, validated_data):
        return self._save(lambda data: super(InstrumentSerializer, self).update(instance, data), validated_data)


class BookingSerializer(ValidatedModelSerializer):
    """A booking with its price breakdown. ``voucher`` is filled by the vouchers app through the payment seam."""

    requester_org = BriefOrganizationSerializer(read_only=True)
    instrument_name = serializers.CharField(source="instrument.name", read_only=True)
    price = serializers.SerializerMethodField()
    voucher = serializers.SerializerMethodField()
    operated_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "instrument",
            "instrument_name",
            "service_item",
            "requester_org",
            "requester",
            "start",
            "end",
            "blocked_until",
            "status",
            "purpose",
            "sample_count",
            "price",
            "voucher",
            "actual_start",
            "actual_end",
            "operated_by",
            "usage_note",
            "reason",
            "series",
            "downtime",
            "created_at",
        ]
        read_only_fields = [
            "series",
            "downtime",
            "requester",
            "blocked_until",
            "status",
            "actual_start",
            "actual_end",
            "usage_note",
            "reason",
            "created_at",
        ]

    def get_price(self, obj) -> dict:
        return {
            "tier": obj.price_tier,
            "unit": obj.unit,
            "unit_price": str(obj.unit_price),
            "quantity": str(obj.quantity),
            "amount": str(obj.amount),
            "final_quantity": None if obj.final_quantity is None else str(obj.final_quantity),
            "final_amount": None if obj.final_amount is None else str(obj.final_amount),
            "fee": str(obj.fee),
            "amount_due": str(obj.amount_due),
        }

    def get_voucher(self, obj) -> dict | None:
        return render_payment_block("voucher", obj)


class BookingCreateSerializer(CappedSerializer):
    instrument = serializers.PrimaryKeyRelatedField(queryset=Instrument.objects.all())
    service_item = serializers.PrimaryKeyRelatedField(queryset=ServiceItem.objects.all())
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    sample_count = serializers.IntegerField(min_value=0, max_value=10000, default=0)
    purpose = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    use_voucher = serializers.BooleanField(default=False, help_text=_("用创新券支付，最高至项目补贴比例"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["instrument"].queryset = Instrument.objects.visible_to(request.user)


class BookingIdsCreateSerializer(BookingCreateSerializer):
    """The API's fast path for ``BookingCreateSerializer``: the same body with the instrument and the service item
    read as ids, which ``facts.booking_target`` resolves (with the visibility rule) in one query with everything the
    rules need. Whenever this serializer or that lookup refuses, the view validates with ``BookingCreateSerializer``
    itself, so every error a caller sees is that serializer's."""

    instrument = serializers.IntegerField()
    service_item = serializers.IntegerField()


_REPRESENTERS: dict[type, serializers.Serializer] = {}


def represent(serializer_class, instance) -> dict:
    """``serializer_class(instance).data`` from one instance of the serializer built once per process: building a
    ModelSerializer's fields costs more than rendering them. Only for serializers whose fields read nothing but the
    instance (no request context, nothing written); the shared instance is only read, so threads may share it."""
    serializer = _REPRESENTERS.get(serializer_class)
    if serializer is None:
        serializer = serializer_class()
        serializer.fields  # noqa: B018 — built before other threads can see it
        _REPRESENTERS[serializer_class] = serializer
    return serializer.to_representation(instance)


class ReasonSerializer(CappedSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class CompleteSerializer(CappedSerializer):
    usage_note = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    sample_count = serializers.IntegerField(required=False, min_value=0, max_value=10000)


class AvailabilityQuerySerializer(CappedSerializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()

    def validate(self, attrs):
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError({"end": _("结束时间应晚于开始时间。")})
        if (attrs["end"] - attrs["start"]).days > 62:
            raise serializers.ValidationError({"end": _("查询范围最长62天。")})
        return attrs


class SlotSerializer(CappedSerializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class QualificationSerializer(ValidatedModelSerializer):
    """上机资格: an instrument's owner grants a user the right to operate it until ``valid_until``."""

    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.filter(is_active=True))
    instrument_name = serializers.CharField(source="instrument.name", read_only=True)

    class Meta:
        model = Qualification
        fields = ["id", "user", "instrument", "instrument_name", "valid_until", "granted_at"]
        read_only_fields = ["granted_at"]
        validators = []  # uniqueness is answered as a field error below, not a generic one

    def validate_instrument(self, instrument):
        organization = self.context["view"].acting_organization
        if organization is None or instrument.owner_id != organization.pk:
            raise serializers.ValidationError(_("只能为本机构的仪器授予资格。"))
        if self.instance is not None and instrument.pk != self.instance.instrument_id:
            raise serializers.ValidationError(_("不能更改资格对应的仪器。"))
        return instrument

    def validate(self, attrs):
        user = attrs.get("user", getattr(self.instance, "user", None))
        instrument = attrs.get("instrument", getattr(self.instance, "instrument", None))
        duplicate = Qualification.objects.filter(user=user, instrument=instrument)
        if self.instance is not None:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise serializers.ValidationError({"user": [_("该用户已有此仪器的上机资格。")]})
        return super().validate(attrs)


class WaitlistEntrySerializer(ValidatedModelSerializer):
    # Explicit default: the service takes every field, so an omitted one must arrive with the model's default.
    min_minutes = serializers.IntegerField(
        min_value=1, max_value=60 * 24 * 90, default=WaitlistEntry._meta.get_field("min_minutes").default
    )

    class Meta:
        model = WaitlistEntry
        fields = ["id", "instrument", "window_start", "window_end", "min_minutes", "created_at", "notified_at"]
        read_only_fields = ["created_at", "notified_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["instrument"].queryset = Instrument.objects.visible_to(request.user)


# ------------------------------------------------------------------------------------ recurring bookings, downtime


class SeriesBookingSerializer(CappedSerializer):
    id = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    status = serializers.CharField()


class SkippedOccurrenceSerializer(CappedSerializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    code = serializers.CharField()
    message = serializers.CharField()


class BookingSeriesSerializer(ValidatedModelSerializer):
    """A recurring booking (重复预约) with its occurrences and the ones skipped (with why)."""

    requester_org = BriefOrganizationSerializer(read_only=True)
    instrument_name = serializers.CharField(source="instrument.name", read_only=True)
    bookings = SeriesBookingSerializer(many=True, read_only=True)
    skipped = SkippedOccurrenceSerializer(many=True, read_only=True)

    class Meta:
        model = BookingSeries
        fields = [
            "id",
            "instrument",
            "instrument_name",
            "service_item",
            "requester_org",
            "frequency",
            "first_start",
            "first_end",
            "count",
            "until",
            "on_conflict",
            "bookings",
            "skipped",
            "created_at",
        ]
        read_only_fields = fields


class BookingSeriesCreateSerializer(BookingCreateSerializer):
    """A booking request plus how it repeats: ``frequency`` daily / weekly, ``count`` times (2–52) or ``until`` a
    date, and what a conflicting occurrence does (``on_conflict``: skip it, or refuse the whole series)."""

    frequency = serializers.ChoiceField(choices=SeriesFrequency.choices)
    count = serializers.IntegerField(required=False, min_value=2, max_value=MAX_OCCURRENCES, allow_null=True)
    until = serializers.DateField(required=False, allow_null=True)
    on_conflict = serializers.ChoiceField(choices=SeriesConflictPolicy.choices, default=SeriesConflictPolicy.SKIP)

    def validate(self, attrs):
        if (attrs.get("count") is None) == (attrs.get("until") is None):
            raise serializers.ValidationError({"count": _("请填写重复次数或截止日期（二选一）。")})
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError({"end": _("结束时间应晚于开始时间。")})
        return attrs


class SeriesCancelSerializer(CappedSerializer):
    cancelled = SeriesBookingSerializer(many=True)
    failed = SkippedOccurrenceSerializer(many=True)


class DowntimeSerializer(ValidatedModelSerializer):
    """A declared downtime (停机: 维护 / 故障) of an instrument, with its reason."""

    kind = serializers.ChoiceField(choices=DOWNTIME_KIND_CHOICES)
    reason = serializers.CharField(max_length=200)
    instrument_name = serializers.CharField(source="instrument.name", read_only=True)
    declared_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Closure
        fields = [
            "id",
            "instrument",
            "instrument_name",
            "kind",
            "start",
            "end",
            "reason",
            "declared_by",
            "created_at",
            "ended_at",
        ]
        read_only_fields = ["declared_by", "created_at", "ended_at"]

    def validate_instrument(self, instrument):
        organization = self.context["view"].acting_organization
        if organization is None or instrument.owner_id != organization.pk:
            raise serializers.ValidationError(_("只能为本机构的仪器登记停机。"))
        return instrument

    def validate(self, attrs):
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError({"end": _("结束时间应晚于开始时间。")})
        return super().validate(attrs)


class DowntimeResultSerializer(DowntimeSerializer):
    """The declared downtime and what it did: bookings cancelled free, bookings already started (not cancelled),
    how many waiting users were told."""

    cancelled_bookings = serializers.SerializerMethodField()
    not_cancelled = serializers.SerializerMethodField()
    waitlist_notified = serializers.SerializerMethodField()

    class Meta(DowntimeSerializer.Meta):
        fields = [*DowntimeSerializer.Meta.fields, "cancelled_bookings", "not_cancelled", "waitlist_notified"]

    def get_cancelled_bookings(self, obj) -> list[int]:
        return [b.pk for b in self.context["result"].cancelled]

    def get_not_cancelled(self, obj) -> list[int]:
        return [b.pk for b in self.context["result"].not_cancelled]

    def get_waitlist_notified(self, obj) -> int:
        return len(self.context["result"].waitlist_notified)


class OperatorSerializer(CappedSerializer):
    """Who operated the instrument (a member of the owner or of the requesting organization); default the caller."""

    operated_by = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )

    def validate_operated_by(self, user):
        booking = self.context.get("booking")
        if user is not None and booking is not None and not operator_allowed(booking, user):
            raise serializers.ValidationError(_("操作人须为仪器所属机构或预约机构的成员。"))
        return user


class CheckOutSerializer(CompleteSerializer, OperatorSerializer):
    pass


class UsageCorrectionSerializer(CappedSerializer):
    actual_start = serializers.DateTimeField()
    actual_end = serializers.DateTimeField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=2000)
