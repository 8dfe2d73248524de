"""Serializers of the tech-transfer app."""

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from marketplace.api.base import CappedSerializer, ValidatedModelSerializer
from marketplace.api.schema import RedactedCharField
from marketplace.api.serializers import BriefOrganizationSerializer
from marketplace.models import IndustryChain, Organization, TechField

from ..choices import DIRECT_CONTRACT_KINDS, EvaluationGrade, FeedbackTopic, NoveltyGrade, TransferMode
from ..models import (
    Auction,
    AuctionDeposit,
    Bid,
    EvaluationBody,
    EvaluationExpert,
    Inquiry,
    Patent,
    Result,
    ResultEvaluation,
    TechContract,
)
from ..registration import TERM_FIELDS
from ..services import can_see_confidential
from ..validators import (
    normalize_ipc_code,
    normalize_patent_number,
    patent_type_matches,
    validate_ipc_code,
    validate_proof_file,
)


class PatentSerializer(ValidatedModelSerializer):
    class Meta:
        model = Patent
        fields = ["number", "patent_type", "legal_status", "ipc_codes"]
        validators = []  # uniqueness within the result is checked on the list below

    def validate_number(self, value):
        return normalize_patent_number(value)

    def validate_ipc_codes(self, value):
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise serializers.ValidationError(_("IPC分类号应为字符串列表。"))
        codes = [normalize_ipc_code(code) for code in value if code.strip()]
        for code in codes:
            try:
                validate_ipc_code(code)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return codes

    def validate(self, attrs):
        if not patent_type_matches(attrs["number"], attrs["patent_type"]):
            raise serializers.ValidationError({"patent_type": _("申请号第5位与专利类型不符。")})
        return super().validate(attrs)


class ResultSerializer(ValidatedModelSerializer):
    owner = BriefOrganizationSerializer(read_only=True)
    tech_field = serializers.SlugRelatedField(slug_field="code", queryset=TechField.objects.all())
    industry_chains = serializers.SlugRelatedField(
        slug_field="code", queryset=IndustryChain.objects.all(), many=True, required=False
    )
    transfer_modes = serializers.ListField(child=serializers.ChoiceField(choices=TransferMode.choices), min_length=1)
    keywords = serializers.ListField(child=serializers.CharField(max_length=40), required=False, max_length=20)
    patents = PatentSerializer(many=True, required=False)
    negotiable = serializers.BooleanField(read_only=True)
    confidential_details = RedactedCharField(required=False, allow_blank=True, max_length=10000)
    confidential_visible = serializers.SerializerMethodField()

    class Meta:
        model = Result
        fields = [
            "id",
            "owner",
            "title",
            "abstract",
            "confidential_details",
            "confidential_visible",
            "confidentiality_terms",
            "keywords",
            "tech_field",
            "industry_chains",
            "trl",
            "transfer_modes",
            "price",
            "negotiable",
            "patents",
            "status",
            "review_note",
            "published_at",
            "created_at",
        ]
        read_only_fields = ["status", "review_note", "published_at", "created_at"]
        extra_kwargs = {"abstract": {"max_length": 3000}, "confidentiality_terms": {"max_length": 3000}}

    def get_confidential_visible(self, obj) -> bool:
        return can_see_confidential(obj, self.context["request"].user)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not data["confidential_visible"]:
            data["confidential_details"] = None  # shown after the viewer's organization accepts the terms
        return data

    def validate_patents(self, rows):
        numbers = [row["number"] for row in rows]
        if len(numbers) != len(set(numbers)):
            raise serializers.ValidationError(_("专利申请号重复。"))
        return rows

    def _save(self, save, validated_data):
        patents = validated_data.pop("patents", None)
        with transaction.atomic():
            result = save(validated_data)
            if patents is not None:
                result.patents.all().delete()
                Patent.objects.bulk_create(Patent(result=result, **row) for row in patents)
        return result

    def create(self, validated_data):
        return self._save(super().create, validated_data)

    def update(self, instance, validated_data):
        return self._save(lambda data: super(ResultSerializer, self).update(instance, data), validated_data)


class InquirySerializer(ValidatedModelSerializer):
    organization = BriefOrganizationSerializer(read_only=True)
    result_title = serializers.CharField(source="result.title", read_only=True)

    class Meta:
        model = Inquiry
        fields = [
            "id",
            "result",
            "result_title",
            "organization",
            "message",
            "status",
            "reply",
            "replied_at",
            "feedback_topic",
            "feedback_comment",
            "created_at",
        ]
        read_only_fields = ["status", "reply", "replied_at", "feedback_topic", "feedback_comment", "created_at"]
        extra_kwargs = {"message": {"max_length": 2000}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "result" in self.fields:
            self.fields["result"].queryset = Result.objects.visible_to(request.user)


class ReplySerializer(CappedSerializer):
    reply = serializers.CharField(max_length=4000)


class FeedbackSerializer(CappedSerializer):
    topic = serializers.ChoiceField(choices=FeedbackTopic.choices)
    comment = serializers.CharField(max_length=4000, allow_blank=True, default="")


class BidSerializer(ValidatedModelSerializer):
    organization = BriefOrganizationSerializer(read_only=True)

    class Meta:
        model = Bid
        fields = ["id", "organization", "amount", "created_at"]


class AuctionSerializer(ValidatedModelSerializer):
    result_title = serializers.CharField(source="result.title", read_only=True)
    bid_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Auction
        fields = [
            "id",
            "result",
            "result_title",
            "starting_price",
            "deposit",
            "min_increment",
            "closes_at",
            "status",
            "current_price",
            "bid_count",
            "winning_bid",
            "created_at",
        ]
        read_only_fields = ["status", "current_price", "winning_bid", "created_at"]
        # Auction amounts are positive (the model's own constraints belong to the tech-transfer migrations).
        extra_kwargs = {"deposit": {"min_value": Decimal("0.01")}, "min_increment": {"min_value": Decimal("0.01")}}


class PlaceBidSerializer(CappedSerializer):
    """A bid. When the auction asks for a deposit, the bidder's deposit must have been confirmed by the market
    operator (``auctions/{id}/deposit/`` then ``auction-deposits/{id}/confirm/``); declaring it is not enough."""

    amount = serializers.DecimalField(max_digits=13, decimal_places=2, min_value=Decimal("0.01"))


class AuctionDepositSerializer(ValidatedModelSerializer):
    organization = BriefOrganizationSerializer(read_only=True)

    class Meta:
        model = AuctionDeposit
        fields = [
            "id",
            "auction",
            "organization",
            "amount",
            "proof",
            "status",
            "review_note",
            "confirmed_at",
            "refund_reference",
            "refunded_at",
            "created_at",
        ]
        read_only_fields = fields


class SubmitDepositSerializer(CappedSerializer):
    """The deposit paid offline: the amount and the proof of payment (PDF, JPG or PNG, at most 5 MB)."""

    amount = serializers.DecimalField(max_digits=13, decimal_places=2, min_value=Decimal("0.01"))
    proof = serializers.FileField(
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"]), validate_proof_file], max_length=100
    )


class DepositRefundSerializer(CappedSerializer):
    reference = serializers.CharField(max_length=64)


class TechContractSerializer(ValidatedModelSerializer):
    seller = BriefOrganizationSerializer(read_only=True)
    buyer = BriefOrganizationSerializer(read_only=True)
    seller_signer = serializers.StringRelatedField(source="seller_signed_by", read_only=True, allow_null=True)
    buyer_signer = serializers.StringRelatedField(source="buyer_signed_by", read_only=True, allow_null=True)

    class Meta:
        model = TechContract
        fields = [
            "id",
            "kind",
            "title",
            "seller",
            "buyer",
            "amount",
            "signed_on",
            "seller_signed_at",
            "seller_signer",
            "buyer_signed_at",
            "buyer_signer",
            "registration_number",
            "registered_at",
            "paid_at",
            "payment_reference",
            "status",
            "result",
            "demand",
            "proposal",
            "auction",
            "inquiry",
            "created_at",
            *TERM_FIELDS,
        ]
        read_only_fields = fields


class SignSerializer(CappedSerializer):
    """The signing date the contract gets when this signature is the second one (default today)."""

    signed_on = serializers.DateField(required=False)


class DraftContractSerializer(CappedSerializer):
    """A 技术服务 / 技术咨询 contract drafted from an answered inquiry (the parties are the inquiry's)."""

    kind = serializers.ChoiceField(choices=DIRECT_CONTRACT_KINDS)
    title = serializers.CharField(max_length=200)
    amount = serializers.DecimalField(max_digits=13, decimal_places=2, min_value=Decimal("0"))


class DirectContractSerializer(DraftContractSerializer):
    """A 技术服务 / 技术咨询 contract drafted directly with a named, verified counterparty; ``side`` is the caller's
    own role (seller = 受托方, providing the service; buyer = 委托方)."""

    counterparty = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.filter(verified=True))
    side = serializers.ChoiceField(choices=[("seller", _("受托方（提供服务）")), ("buyer", _("委托方"))])


class RegisterSerializer(CappedSerializer):
    registration_number = serializers.CharField(max_length=40)


class PaymentSerializer(CappedSerializer):
    reference = serializers.CharField(max_length=64)


# --- result evaluation (科技成果评价) and contract registration (技术合同认定登记) ----------------------------


class EvaluationBodySerializer(ValidatedModelSerializer):
    organization = BriefOrganizationSerializer(read_only=True)
    organization_id = serializers.PrimaryKeyRelatedField(
        source="organization", queryset=Organization.objects.all(), write_only=True
    )

    class Meta:
        model = EvaluationBody
        fields = ["id", "organization", "organization_id", "scope", "active", "granted_at"]
        read_only_fields = ["active", "granted_at"]
        validators = []  # re-granting an existing body re-activates it (the service)


class EvaluationExpertSerializer(ValidatedModelSerializer):
    affiliation = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(), required=False,
                                                     allow_null=True)  # fmt: skip

    class Meta:
        model = EvaluationExpert
        fields = ["id", "name", "title", "affiliation", "affiliation_name", "field", "is_chair"]
        validators = []  # the service checks duplicates and conflicts of interest under the evaluation's lock


class ResultEvaluationSerializer(ValidatedModelSerializer):
    result_title = serializers.CharField(source="result.title", read_only=True)
    body = serializers.PrimaryKeyRelatedField(queryset=EvaluationBody.objects.filter(active=True))
    body_name = serializers.CharField(source="body.organization.name", read_only=True)
    experts = EvaluationExpertSerializer(many=True, read_only=True)
    grade_label = serializers.CharField(source="get_grade_display", read_only=True)
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = ResultEvaluation
        fields = [
            "id", "result", "result_title", "body", "body_name", "status", "purpose", "decline_reason", "experts",
            "scores", "total_score", "trl", "novelty", "grade", "grade_label", "conclusion", "number", "issued_at",
            "report_url", "created_at",
        ]  # fmt: skip
        read_only_fields = [
            "status", "decline_reason", "scores", "total_score", "trl", "novelty", "grade", "conclusion", "number",
            "issued_at", "created_at",
        ]  # fmt: skip
        validators = []  # one live request per result and body: the service answers 409 evaluation_pending

    def get_report_url(self, obj) -> str | None:
        if obj.status != "issued":
            return None
        return reverse("frontend:evaluation_report", args=[obj.pk])


class DeclineEvaluationSerializer(CappedSerializer):
    reason = serializers.CharField(max_length=2000)


class IssueEvaluationSerializer(CappedSerializer):
    scores = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=100))
    trl = serializers.IntegerField(min_value=1, max_value=9)
    grade = serializers.ChoiceField(choices=EvaluationGrade.choices)
    novelty = serializers.ChoiceField(choices=NoveltyGrade.choices, required=False, allow_blank=True, default="")
    conclusion = serializers.CharField(max_length=5000)


class ContractTermsSerializer(ValidatedModelSerializer):
    """The registration terms both parties fill while the contract is a draft."""

    class Meta:
        model = TechContract
        fields = list(TERM_FIELDS)
        extra_kwargs = {name: {"required": False} for name in TERM_FIELDS}


class RegistrationCheckSerializer(CappedSerializer):
    code = serializers.CharField()
    label = serializers.CharField()
    passed = serializers.BooleanField()
    message = serializers.CharField()


class TaxFlagSerializer(CappedSerializer):
    code = serializers.CharField()
    label = serializers.CharField()
    party = serializers.ChoiceField(choices=["seller", "buyer"])
    applies = serializers.BooleanField()
    related = serializers.BooleanField()
    text = serializers.CharField()
    note = serializers.CharField()
    source = serializers.CharField()
    requires_registration = serializers.BooleanField()
    registered = serializers.BooleanField()
    figures = serializers.DictField(child=serializers.DecimalField(max_digits=15, decimal_places=2))


class RegistrationAmountsSerializer(CappedSerializer):
    contract_amount = serializers.DecimalField(max_digits=13, decimal_places=2)
    transaction_amount = serializers.DecimalField(max_digits=13, decimal_places=2)
    technology_income = serializers.DecimalField(max_digits=13, decimal_places=2)
    deductions = serializers.DictField(child=serializers.DecimalField(max_digits=13, decimal_places=2))


class RegistrationHelpSerializer(CappedSerializer):
    """技术合同认定登记 help of a contract: the office's checks, the amounts, the tax flags and the filled form."""

    checks = RegistrationCheckSerializer(many=True)
    ready = serializers.BooleanField()
    amounts = RegistrationAmountsSerializer()
    tax_flags = TaxFlagSerializer(many=True)
    form = serializers.DictField()
    sources = serializers.DictField(child=serializers.CharField())
