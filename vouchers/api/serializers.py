"""Serializers of the vouchers app."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from marketplace.api.base import CappedSerializer, ValidatedModelSerializer
from marketplace.api.serializers import BriefOrganizationSerializer
from marketplace.models import Organization, Region
from marketplace.uploads import ProofField

from ..choices import ServiceKind
from ..models import Claim, Invoice, LedgerEntry, ProviderRegistration, Settlement, VoucherGrant, VoucherProgram


class VoucherProgramSerializer(ValidatedModelSerializer):
    issuer = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.filter(kind="authority"))
    accepted_regions = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), many=True, required=False
    )
    service_kinds = serializers.ListField(child=serializers.ChoiceField(choices=ServiceKind.choices), min_length=1)

    class Meta:
        model = VoucherProgram
        fields = [
            "id",
            "issuer",
            "name",
            "year",
            "total_budget",
            "granted_total",
            "coverage_ratio",
            "per_firm_cap",
            "service_kinds",
            "valid_from",
            "valid_until",
            "accepted_regions",
            "publicity_days",
            "number_prefix",
        ]
        read_only_fields = ["granted_total"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        budget = attrs.get("total_budget", getattr(self.instance, "total_budget", None))
        if self.instance is not None and budget is not None and budget < self.instance.granted_total:
            raise serializers.ValidationError({"total_budget": _("预算不能低于已发放金额。")})
        return attrs


class ProviderRegistrationSerializer(ValidatedModelSerializer):
    provider = BriefOrganizationSerializer(read_only=True)

    class Meta:
        model = ProviderRegistration
        fields = [
            "id",
            "program",
            "provider",
            "services",
            "bank_name",
            "bank_account",
            "status",
            "review_note",
            "created_at",
        ]
        read_only_fields = ["status", "review_note", "created_at"]


class VoucherGrantSerializer(ValidatedModelSerializer):
    firm = BriefOrganizationSerializer(read_only=True)

    class Meta:
        model = VoucherGrant
        fields = [
            "id",
            "program",
            "firm",
            "requested_amount",
            "purpose",
            "status",
            "amount",
            "available",
            "held",
            "redeemed",
            "review_note",
            "reviewed_at",
            "created_at",
        ]
        extra_kwargs = {"purpose": {"max_length": 2000}}
        read_only_fields = [
            "status",
            "amount",
            "available",
            "held",
            "redeemed",
            "review_note",
            "reviewed_at",
            "created_at",
        ]


class GrantApprovalSerializer(CappedSerializer):
    amount = serializers.DecimalField(max_digits=13, decimal_places=2, required=False, min_value=0)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ProgramStatsSerializer(CappedSerializer):
    program = serializers.IntegerField()
    name = serializers.CharField()
    year = serializers.IntegerField()
    budget = serializers.DecimalField(max_digits=13, decimal_places=2)
    granted = serializers.DecimalField(max_digits=13, decimal_places=2)
    available = serializers.DecimalField(max_digits=13, decimal_places=2)
    held = serializers.DecimalField(max_digits=13, decimal_places=2)
    redeemed = serializers.DecimalField(max_digits=13, decimal_places=2)
    settled = serializers.DecimalField(max_digits=13, decimal_places=2)
    firms_served = serializers.IntegerField()


class LedgerEntrySerializer(ValidatedModelSerializer):
    booking = serializers.IntegerField(source="hold.booking_id", read_only=True, default=None, allow_null=True)

    class Meta:
        model = LedgerEntry
        fields = ["id", "grant", "kind", "amount", "hold", "booking", "reverses", "note", "created_at"]


class BalanceSerializer(CappedSerializer):
    grant = serializers.IntegerField()
    program = serializers.CharField()
    valid_until = serializers.DateField()
    available = serializers.DecimalField(max_digits=13, decimal_places=2)
    held = serializers.DecimalField(max_digits=13, decimal_places=2)
    redeemed = serializers.DecimalField(max_digits=13, decimal_places=2)


class ClaimSerializer(ValidatedModelSerializer):
    provider = BriefOrganizationSerializer(read_only=True)
    payment_proof = ProofField(required=False, max_length=100)  # a PDF with pages or a scan, checked by content
    redemptions = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "program",
            "provider",
            "period_start",
            "period_end",
            "amount",
            "invoice_number",
            "usage_record",
            "payment_proof",
            "status",
            "review_note",
            "publicity_ends",
            "settlement",
            "redemptions",
            "created_at",
        ]
        read_only_fields = ["amount", "status", "review_note", "publicity_ends", "settlement", "created_at"]

    def validate(self, attrs):
        # Before the model's check constraint, which would name no field.
        start, end = attrs.get("period_start"), attrs.get("period_end")
        if start and end and start > end:
            raise serializers.ValidationError({"period_end": _("期间开始应早于结束。")})
        return super().validate(attrs)

    def get_redemptions(self, obj) -> list[int]:
        return [line.redemption_id for line in obj.lines.all()]


class ClaimNoticeSerializer(ValidatedModelSerializer):
    """What the public notice (公示) shows."""

    provider = serializers.CharField(source="provider.name")
    program = serializers.CharField(source="program.name")

    class Meta:
        model = Claim
        fields = ["id", "program", "provider", "period_start", "period_end", "amount", "publicity_ends"]


class SettlementSerializer(ValidatedModelSerializer):
    provider = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    claims = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Settlement
        fields = [
            "id",
            "program",
            "provider",
            "period_start",
            "period_end",
            "status",
            "number",
            "total",
            "claims",
            "approved_at",
            "paid_at",
            "payment_reference",
            "created_at",
        ]
        read_only_fields = ["status", "number", "total", "approved_at", "paid_at", "payment_reference", "created_at"]


class PaymentReferenceSerializer(CappedSerializer):
    reference = serializers.CharField(max_length=64)


class FapiaoNumberSerializer(CappedSerializer):
    """The number of the fapiao (发票) the provider issued itself for a charge confirmation."""

    fapiao_number = serializers.CharField(max_length=64)


class InvoiceSerializer(ValidatedModelSerializer):
    provider = BriefOrganizationSerializer(read_only=True)
    customer = BriefOrganizationSerializer(read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "kind",
            "provider",
            "customer",
            "booking",
            "cancels",
            "issued_at",
            "total",
            "fees",
            "voucher_paid",
            "amount_owed",
            "fapiao_number",
        ]
        read_only_fields = ["fapiao_number"]


class ContractHoldSerializer(CappedSerializer):
    grant = serializers.IntegerField()
    held = serializers.DecimalField(max_digits=13, decimal_places=2)
    status = serializers.CharField()
