"""API views of the tech-transfer app."""

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from marketplace.api.base import MarketViewSet, ReadOnlyMarketViewSet, validated
from marketplace.api.permissions import IsAuthenticated, IsModerator, IsPlatformAdmin
from marketplace.api.serializers import ReviewNoteSerializer, review_note
from marketplace.choices import OrganizationKind
from marketplace.models import visible_to_parties
from marketplace.permissions import can_moderate
from vouchers.services.documents import pdf_response

from .. import evaluations, registration, services
from ..filtersets import ResultFilterSet
from ..models import (
    Auction,
    AuctionDeposit,
    ConfidentialityAcceptance,
    EvaluationBody,
    Inquiry,
    Result,
    ResultEvaluation,
    TechContract,
)
from .serializers import (
    AuctionDepositSerializer,
    AuctionSerializer,
    BidSerializer,
    ContractTermsSerializer,
    DeclineEvaluationSerializer,
    DepositRefundSerializer,
    DirectContractSerializer,
    DraftContractSerializer,
    EvaluationBodySerializer,
    EvaluationExpertSerializer,
    FeedbackSerializer,
    InquirySerializer,
    IssueEvaluationSerializer,
    PaymentSerializer,
    PlaceBidSerializer,
    RegisterSerializer,
    RegistrationHelpSerializer,
    ReplySerializer,
    ResultEvaluationSerializer,
    ResultSerializer,
    SignSerializer,
    SubmitDepositSerializer,
    TechContractSerializer,
)

OWNER_KINDS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)


class ResultViewSet(MarketViewSet):
    """科技成果. Institutes and providers draft and submit; moderators approve (publish) or reject (back to draft
    with a reason); the owner withdraws. Confidential details are shown after the viewer's organization accepts the
    listing's confidentiality terms (``accept-terms``)."""

    queryset = (
        Result.objects.select_related("owner", "tech_field")
        .prefetch_related("industry_chains", "patents", Prefetch("acceptances", ConfidentialityAcceptance.objects.only(
            "result_id", "organization_id")))
    )  # fmt: skip
    serializer_class = ResultSerializer
    filterset_class = ResultFilterSet
    ordering_fields = ["published_at", "price", "trl"]
    owner_field = "owner"
    owner_kinds = OWNER_KINDS

    @extend_schema(request=None, responses=ResultSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        result = self.get_object()
        organization = self.require_party(result.owner_id)
        return Response(self.get_serializer(services.submit_result(result, actor=request.user,
                                                                   organization=organization)).data)  # fmt: skip

    @extend_schema(request=ReviewNoteSerializer, responses=ResultSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsModerator])
    def approve(self, request, pk=None):
        note = review_note(request)
        return Response(self.get_serializer(services.approve_result(self.get_object(), actor=request.user,
                                                                    note=note)).data)  # fmt: skip

    @extend_schema(request=ReviewNoteSerializer, responses=ResultSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsModerator])
    def reject(self, request, pk=None):
        note = review_note(request)
        return Response(self.get_serializer(services.reject_result(self.get_object(), actor=request.user,
                                                                   note=note)).data)  # fmt: skip

    @extend_schema(request=None, responses=ResultSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        result = self.get_object()
        organization = self.require_party(result.owner_id)
        return Response(self.get_serializer(services.withdraw_result(result, actor=request.user,
                                                                     organization=organization)).data)  # fmt: skip

    @extend_schema(request=None, responses=ResultSerializer)
    @action(detail=True, methods=["post"], url_path="accept-terms")
    def accept_terms(self, request, pk=None):
        result = self.get_object()
        services.accept_terms(result, actor=request.user, organization=self.acting_organization_required())
        return Response(self.get_serializer(self.get_queryset().get(pk=result.pk)).data)


class InquiryViewSet(MarketViewSet):
    """意向. A firm (or any organization) expresses interest in a published result; the owner replies; either side
    closes; the inquirer leaves structured feedback."""

    queryset = Inquiry.objects.select_related("organization", "result")
    serializer_class = InquirySerializer
    filterset_fields = ["result", "status"]
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return visible_to_parties(super().get_queryset(), self.request.user, "organization_id", "result__owner_id")

    def perform_create(self, serializer):
        serializer.instance = services.create_inquiry(
            organization=self.acting_organization_required(), actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=ReplySerializer, responses=InquirySerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        inquiry = self.get_object()
        organization = self.require_party(inquiry.result.owner_id)
        inquiry = services.reply_inquiry(inquiry, actor=request.user, organization=organization,
                                         reply=validated(ReplySerializer, request)["reply"])  # fmt: skip
        return Response(self.get_serializer(inquiry).data)

    @extend_schema(request=None, responses=InquirySerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        inquiry = self.get_object()
        organization = self.require_party(inquiry.result.owner_id, inquiry.organization_id)
        return Response(self.get_serializer(services.close_inquiry(inquiry, actor=request.user,
                                                                   organization=organization)).data)  # fmt: skip

    @extend_schema(request=DraftContractSerializer, responses={201: TechContractSerializer})
    @action(detail=True, methods=["post"], url_path="draft-contract")
    def draft_contract(self, request, pk=None):
        """Either side of an answered inquiry drafts a 技术服务 / 技术咨询 contract from it (both then sign)."""
        inquiry = self.get_object()
        organization = self.require_party(inquiry.result.owner_id, inquiry.organization_id)
        contract = services.contract_from_inquiry(inquiry, actor=request.user, organization=organization,
                                                  **validated(DraftContractSerializer, request))  # fmt: skip
        return Response(TechContractSerializer(contract).data, status=201)

    @extend_schema(request=FeedbackSerializer, responses=InquirySerializer)
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        inquiry = self.get_object()
        organization = self.require_party(inquiry.organization_id)
        inquiry = services.leave_feedback(inquiry, actor=request.user, organization=organization,
                                          **validated(FeedbackSerializer, request))  # fmt: skip
        return Response(self.get_serializer(inquiry).data)


class AuctionViewSet(MarketViewSet):
    """成果拍卖 (浙江拍 style). The result's owner opens an auction; anyone else bids before the close; after the close
    the highest bid wins a draft contract."""

    queryset = Auction.objects.select_related("result").annotate(bid_count=Count("bids")).order_by("closes_at", "id")
    serializer_class = AuctionSerializer
    filterset_fields = ["status", "result"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        visible = Result.objects.visible_to(self.request.user)
        return super().get_queryset().filter(result__in=visible)

    def perform_create(self, serializer):
        result = serializer.validated_data["result"]
        organization = self.require_party(result.owner_id)
        serializer.instance = services.create_auction(actor=self.request.user, organization=organization,
                                                      **serializer.validated_data)  # fmt: skip
        serializer.instance.bid_count = 0

    @extend_schema(request=PlaceBidSerializer, responses={201: BidSerializer})
    @action(detail=True, methods=["post"])
    def bid(self, request, pk=None):
        bid = services.place_bid(self.get_object(), actor=request.user,
                                 organization=self.acting_organization_required(),
                                 **validated(PlaceBidSerializer, request))  # fmt: skip
        return Response(BidSerializer(bid).data, status=201)

    @extend_schema(request={"multipart/form-data": SubmitDepositSerializer}, responses={201: AuctionDepositSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def deposit(self, request, pk=None):
        """Record the deposit the acting organization paid offline, with its proof; the market operator confirms it
        before the organization may bid."""
        deposit = services.submit_deposit(self.get_object(), actor=request.user,
                                          organization=self.acting_organization_required(),
                                          **validated(SubmitDepositSerializer, request))  # fmt: skip
        return Response(AuctionDepositSerializer(deposit, context={"request": request}).data, status=201)

    @extend_schema(responses=BidSerializer(many=True))
    @action(detail=True, methods=["get"])
    def bids(self, request, pk=None):
        return Response(BidSerializer(self.get_object().bids.select_related("organization"), many=True).data)

    @extend_schema(request=None, responses=AuctionSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        auction = self.get_object()
        if not request.user.is_platform_admin:
            self.require_party(auction.result.owner_id)
        services.close_auction(auction, actor=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=auction.pk)).data)


class AuctionDepositViewSet(ReadOnlyMarketViewSet):
    """竞拍保证金: deposits paid offline and recorded with their proof. The depositing organization sees its own; the
    market operator (and platform administrators) see all, confirm or reject them, and record the refunds due to
    the losing bidders after the close."""

    queryset = AuctionDeposit.objects.select_related("organization").order_by("-created_at", "-id")
    serializer_class = AuctionDepositSerializer
    filterset_fields = ["auction", "status"]
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    @extend_schema(request=ReviewNoteSerializer, responses=AuctionDepositSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsModerator])
    def confirm(self, request, pk=None):
        deposit = services.confirm_deposit(self.get_object(), actor=request.user, note=review_note(request))
        return Response(self.get_serializer(deposit).data)

    @extend_schema(request=ReviewNoteSerializer, responses=AuctionDepositSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsModerator])
    def reject(self, request, pk=None):
        deposit = services.reject_deposit(self.get_object(), actor=request.user, note=review_note(request))
        return Response(self.get_serializer(deposit).data)

    @extend_schema(request=DepositRefundSerializer, responses=AuctionDepositSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsModerator])
    def refund(self, request, pk=None):
        deposit = services.record_deposit_refund(self.get_object(), actor=request.user,
                                                 **validated(DepositRefundSerializer, request))  # fmt: skip
        return Response(self.get_serializer(deposit).data)


class TechContractViewSet(ReadOnlyMarketViewSet):
    """技术合同. Drafted from an auction or an accepted proposal; each party signs for its side (``sign``) and the
    contract is signed once both have; an administrator registers it."""

    queryset = TechContract.objects.select_related("seller", "buyer", "seller_signed_by", "buyer_signed_by")
    serializer_class = TechContractSerializer
    filterset_fields = ["kind", "status", "result", "demand"]
    permission_classes = [IsAuthenticated]

    @extend_schema(request=DirectContractSerializer, responses={201: TechContractSerializer})
    @action(detail=False, methods=["post"])
    def direct(self, request):
        """Draft a 技术服务 / 技术咨询 contract directly with a named counterparty (both must then sign)."""
        contract = services.create_direct_contract(actor=request.user, organization=self.acting_organization_required(),
                                                   **validated(DirectContractSerializer, request))  # fmt: skip
        return Response(self.get_serializer(contract).data, status=201)

    @extend_schema(request=SignSerializer, responses=TechContractSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        contract = self.get_object()
        organization = self.require_party(contract.seller_id, contract.buyer_id)
        contract = services.sign_contract(contract, actor=request.user, organization=organization,
                                          **validated(SignSerializer, request))  # fmt: skip
        return Response(self.get_serializer(contract).data)

    @extend_schema(request=PaymentSerializer, responses=TechContractSerializer)
    @action(detail=True, methods=["post"], url_path="record-payment")
    def record_payment(self, request, pk=None):
        """The seller records the buyer's payment (redeems a voucher hold and issues the invoice)."""
        contract = self.get_object()
        organization = self.require_party(contract.seller_id)
        contract = services.record_contract_payment(contract, actor=request.user, organization=organization,
                                                    **validated(PaymentSerializer, request))  # fmt: skip
        return Response(self.get_serializer(contract).data)

    @extend_schema(request=RegisterSerializer, responses=TechContractSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def register(self, request, pk=None):
        contract = services.register_contract(self.get_object(), actor=request.user,
                                              **validated(RegisterSerializer, request))  # fmt: skip
        return Response(self.get_serializer(contract).data)

    @extend_schema(responses=RegistrationHelpSerializer)
    @action(detail=True, methods=["get"], url_path="registration")
    def registration(self, request, pk=None):
        """技术合同认定登记 help: the registration office's checks for this kind, the technology-transaction amount and
        technology income, the tax treatment (rules as data, with their sources) and the filled registration form."""
        contract = self.get_queryset().select_related("result__tech_field", "demand__tech_field").prefetch_related(
            "result__patents").get(pk=self.get_object().pk)  # fmt: skip
        return Response(RegistrationHelpSerializer(registration.registration_help(contract)).data)

    @extend_schema(request=ContractTermsSerializer, responses=TechContractSerializer)
    @action(detail=True, methods=["post"], url_path="terms")
    def terms(self, request, pk=None):
        """Either party fills the registration terms while the contract is a draft (409 ``contract_signed`` after)."""
        contract = self.get_object()
        organization = self.require_party(contract.seller_id, contract.buyer_id)
        data = ContractTermsSerializer(contract, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        contract = registration.update_contract_terms(contract, actor=request.user, organization=organization,
                                                      **data.validated_data)  # fmt: skip
        return Response(self.get_serializer(contract).data)


class EvaluationBodyViewSet(MarketViewSet):
    """科技成果评价机构. Anyone lists the active ones; the market operator registers one (``POST`` with
    ``organization_id``; re-registering re-activates it) and revokes it (``revoke``)."""

    queryset = EvaluationBody.objects.select_related("organization").order_by("organization__name")
    serializer_class = EvaluationBodySerializer
    filterset_fields = ["active"]
    http_method_names = ["get", "post", "head", "options"]

    def get_permissions(self):
        if self.action in ("create", "revoke"):
            return [IsModerator()]
        return super().get_permissions()

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if can_moderate(self.request.user) else queryset.filter(active=True)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = evaluations.grant_evaluation_body(
            data["organization"], actor=self.request.user, scope=data.get("scope", "")
        )

    @extend_schema(request=None, responses=EvaluationBodySerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        return Response(
            self.get_serializer(evaluations.revoke_evaluation_body(self.get_object(), actor=request.user)).data
        )


class ResultEvaluationViewSet(MarketViewSet):
    """科技成果评价. The result's owner requests (``POST`` with ``result``, ``body``, ``purpose``); the evaluation body
    accepts or declines, names experts (``experts``; an expert of the owning institute: 400 ``conflict_of_interest``),
    starts the review and issues the numbered report (``issue``); ``report`` serves the stored PDF. Parties see
    every request; everyone sees the issued reports of results they may see."""

    queryset = ResultEvaluation.objects.select_related("result", "body__organization").prefetch_related("experts")
    serializer_class = ResultEvaluationSerializer
    filterset_fields = ["result", "body", "status", "grade"]
    http_method_names = ["get", "post", "head", "options"]

    def get_permissions(self):
        if self.action in ("list", "retrieve", "report"):
            return super().get_permissions()
        return [IsAuthenticated()]

    def perform_create(self, serializer):
        data = serializer.validated_data
        result = data["result"]
        if not Result.objects.visible_to(self.request.user).filter(pk=result.pk).exists():
            raise NotFound()
        serializer.instance = evaluations.request_evaluation(
            result, actor=self.request.user, organization=self.acting_organization_required(), body=data["body"],
            purpose=data.get("purpose", ""),
        )  # fmt: skip

    def _body_action(self, service, **kwargs):
        evaluation = self.get_object()
        organization = self.require_party(evaluation.body.organization_id)
        evaluation = service(evaluation, actor=self.request.user, organization=organization, **kwargs)
        return Response(self.get_serializer(self.get_queryset().get(pk=evaluation.pk)).data)

    @extend_schema(request=None, responses=ResultEvaluationSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._body_action(evaluations.accept_evaluation)

    @extend_schema(request=DeclineEvaluationSerializer, responses=ResultEvaluationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._body_action(evaluations.decline_evaluation, **validated(DeclineEvaluationSerializer, request))

    @extend_schema(request=EvaluationExpertSerializer, responses={201: EvaluationExpertSerializer})
    @action(detail=True, methods=["post"])
    def experts(self, request, pk=None):
        evaluation = self.get_object()
        organization = self.require_party(evaluation.body.organization_id)
        data = validated(EvaluationExpertSerializer, request)
        expert = evaluations.add_expert(evaluation, actor=request.user, organization=organization, **data)
        return Response(EvaluationExpertSerializer(expert).data, status=201)

    @extend_schema(request=None, responses=ResultEvaluationSerializer)
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request, pk=None):
        return self._body_action(evaluations.start_review)

    @extend_schema(request=IssueEvaluationSerializer, responses=ResultEvaluationSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        return self._body_action(evaluations.issue_evaluation, **validated(IssueEvaluationSerializer, request))

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def report(self, request, pk=None):
        rendered = evaluations.report_document(self.get_object())
        if rendered is None:
            raise NotFound(_("评价报告尚未出具。"))
        return pdf_response(rendered)
