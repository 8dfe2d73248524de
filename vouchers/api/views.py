"""API views of the vouchers app."""

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from marketplace.api.acting import resolve_acting_organization
from marketplace.api.base import MarketViewSet, ReadOnlyMarketViewSet, validated
from marketplace.api.permissions import IsAuthenticated
from marketplace.api.serializers import ReviewNoteSerializer, review_note
from marketplace.choices import OrganizationKind
from marketplace.models import Organization, visible_to_parties
from tech_transfer.models import TechContract

from ..filtersets import InvoiceFilterSet, LedgerEntryFilterSet, parse_month
from ..models import Claim, Invoice, LedgerEntry, ProviderRegistration, Settlement, VoucherGrant, VoucherProgram
from ..permissions import administered_issuer_ids, administers_any, can_administer, can_administer_issuer
from ..services import claims as claim_services
from ..services import documents, payments
from ..services import programs as program_services
from .serializers import (
    BalanceSerializer,
    ClaimNoticeSerializer,
    ClaimSerializer,
    ContractHoldSerializer,
    FapiaoNumberSerializer,
    GrantApprovalSerializer,
    InvoiceSerializer,
    LedgerEntrySerializer,
    PaymentReferenceSerializer,
    ProgramStatsSerializer,
    ProviderRegistrationSerializer,
    SettlementSerializer,
    VoucherGrantSerializer,
    VoucherProgramSerializer,
)

PROVIDER_KINDS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)


def pdf_response(rendered) -> HttpResponse:
    return documents.pdf_response(rendered)


class IsProgramAdministrator(permissions.BasePermission):
    """Administering a voucher programme (``vouchers.permissions``): platform administrators, and the members of the
    programme's issuing authority for that programme only. Anyone else is refused (403); another authority's
    objects are not even found (404), because the querysets show them nothing of it."""

    message = _("仅平台管理员和项目发放单位可以执行此操作。")

    def has_permission(self, request, view):
        return administers_any(request.user)

    def has_object_permission(self, request, view, obj):
        program = obj if isinstance(obj, VoucherProgram) else obj.program
        return can_administer(request.user, program)


def require_administrator(request, program) -> None:
    """403 unless the user administers ``program`` (or, for a new programme, its issuer)."""
    if not can_administer(request.user, program):
        raise PermissionDenied(IsProgramAdministrator.message)


class ReadOnlyOrProgramAdministrator(IsProgramAdministrator):
    """Programmes: anyone reads; platform administrators and the issuing authority's members write."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or super().has_permission(request, view)

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or super().has_object_permission(request, view, obj)


class VoucherProgramViewSet(MarketViewSet):
    """创新券项目. Public; platform administrators create and edit them, and an authority's members its own (a
    programme issued by another authority is refused: 403)."""

    queryset = VoucherProgram.objects.select_related("issuer").prefetch_related("accepted_regions")
    serializer_class = VoucherProgramSerializer
    filterset_fields = ["year", "issuer"]
    permission_classes = [ReadOnlyOrProgramAdministrator]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _require_issuer(self, serializer):
        issuer = serializer.validated_data.get("issuer")
        if issuer is not None and not can_administer_issuer(self.request.user, issuer.pk):
            raise PermissionDenied(_("只能创建或修改本单位发放的创新券项目。"))

    def perform_create(self, serializer):
        self._require_issuer(serializer)
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self._require_issuer(serializer)
        super().perform_update(serializer)

    @extend_schema(responses=ProgramStatsSerializer)
    @action(detail=True, methods=["get"])
    def stats(self, request, pk=None):
        """Budget, granted, held, redeemed, settled and firms served."""
        return Response(claim_services.program_statistics(self.get_object()))


class ProviderRegistrationViewSet(MarketViewSet):
    """服务机构备案. Providers register for a programme; administrators approve. Approved registrations are public."""

    queryset = ProviderRegistration.objects.select_related("provider", "program")
    serializer_class = ProviderRegistrationSerializer
    filterset_fields = ["program", "status"]
    owner_field = "provider"
    owner_kinds = PROVIDER_KINDS
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = program_services.register_provider(
            program=serializer.validated_data["program"],
            provider=self.acting_organization_required(),
            services=serializer.validated_data["services"],
            bank_name=serializer.validated_data.get("bank_name", ""),
            bank_account=serializer.validated_data.get("bank_account", ""),
            actor=self.request.user,
        )

    @extend_schema(request=ReviewNoteSerializer, responses=ProviderRegistrationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsProgramAdministrator])
    def approve(self, request, pk=None):
        registration = program_services.review_registration(
            self.get_object(), approve=True, actor=request.user, note=review_note(request)
        )
        return Response(self.get_serializer(registration).data)

    @extend_schema(request=ReviewNoteSerializer, responses=ProviderRegistrationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsProgramAdministrator])
    def reject(self, request, pk=None):
        registration = program_services.review_registration(
            self.get_object(), approve=False, actor=request.user, note=review_note(request)
        )
        return Response(self.get_serializer(registration).data)


class VoucherGrantViewSet(MarketViewSet):
    """创新券. A firm applies; an administrator approves an amount within the cap and the remaining budget."""

    queryset = VoucherGrant.objects.select_related("firm", "program")
    serializer_class = VoucherGrantSerializer
    filterset_fields = ["program", "status", "firm"]
    owner_field = "firm"
    owner_kinds = (OrganizationKind.ENTERPRISE,)
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = program_services.apply_for_grant(
            firm=self.acting_organization_required(), actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=GrantApprovalSerializer, responses=VoucherGrantSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsProgramAdministrator])
    def approve(self, request, pk=None):
        grant = program_services.approve_grant(
            self.get_object(), actor=request.user, **validated(GrantApprovalSerializer, request)
        )
        return Response(self.get_serializer(grant).data)

    @extend_schema(request=ReviewNoteSerializer, responses=VoucherGrantSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsProgramAdministrator])
    def reject(self, request, pk=None):
        grant = program_services.reject_grant(self.get_object(), actor=request.user, note=review_note(request))
        return Response(self.get_serializer(grant).data)


class LedgerEntryViewSet(ReadOnlyMarketViewSet):
    """The voucher ledger (read-only): a firm sees its own grants' entries, a programme's administrators its
    grants' entries."""

    queryset = LedgerEntry.objects.select_related("hold")
    serializer_class = LedgerEntrySerializer
    filterset_class = LedgerEntryFilterSet
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        """The firm's own entries, and those of the programmes the user administers."""
        queryset = super().get_queryset()
        ids = administered_issuer_ids(self.request.user)
        if ids is None:
            return queryset
        return queryset.filter(Q(grant__firm_id__in=ids) | Q(grant__program__issuer_id__in=ids))


class VoucherBalanceView(GenericAPIView):
    """An organization's voucher balances per grant, derived from the ledger. Only the firm's members and
    administrators may see them (others get 404)."""

    serializer_class = BalanceSerializer
    permission_classes = [IsAuthenticated]
    queryset = VoucherGrant.objects.none()

    @extend_schema(responses=BalanceSerializer(many=True))
    def get(self, request, pk):
        user = request.user
        if not (user.is_platform_admin or pk in user.organization_ids()):
            raise NotFound()
        organization = get_object_or_404(Organization, pk=pk)
        grants = list(VoucherGrant.objects.filter(firm=organization, status="approved").select_related("program"))
        derived = claim_services.ledger.derived_balances([g.pk for g in grants])
        rows = [
            {"grant": g.pk, "program": g.program.name, "valid_until": g.program.valid_until, **derived[g.pk]}
            for g in grants
        ]
        return Response(BalanceSerializer(rows, many=True).data)


class ClaimViewSet(MarketViewSet):
    """兑付申请. A registered provider claims its redeemed amounts with evidence; administrators approve (公示 starts)
    or reject."""

    queryset = Claim.objects.select_related("provider", "program").prefetch_related("lines")
    serializer_class = ClaimSerializer
    filterset_fields = ["program", "status", "settlement"]
    owner_field = "provider"
    owner_kinds = PROVIDER_KINDS
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = claim_services.submit_claim(
            provider=self.acting_organization_required(), actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=ReviewNoteSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsProgramAdministrator])
    def approve(self, request, pk=None):
        claim = claim_services.approve_claim(self.get_object(), actor=request.user, note=review_note(request))
        return Response(self.get_serializer(claim).data)

    @extend_schema(request=ReviewNoteSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsProgramAdministrator])
    def reject(self, request, pk=None):
        claim = claim_services.reject_claim(self.get_object(), actor=request.user, note=review_note(request))
        return Response(self.get_serializer(claim).data)


class ClaimNoticeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """公示: approved claims during their public-notice period, for everyone."""

    serializer_class = ClaimNoticeSerializer
    permission_classes = []
    queryset = Claim.objects.none()

    def get_queryset(self):
        return (
            Claim.objects.filter(status="approved", publicity_ends__gt=timezone.now())
            .select_related("provider", "program")
            .order_by("publicity_ends", "id")
        )


class SettlementViewSet(MarketViewSet):
    """兑付结算. Administrators batch settleable claims per provider and period, approve (numbered PDF statement) and
    record payment; a provider reads its own."""

    queryset = Settlement.objects.select_related("provider", "program").prefetch_related("claims")
    serializer_class = SettlementSerializer
    filterset_fields = ["program", "provider", "status"]
    http_method_names = ["get", "post", "head", "options"]

    def get_permissions(self):
        if self.action in ("create", "approve", "mark_paid", "export"):
            return [IsProgramAdministrator()]
        return [IsAuthenticated()]

    def perform_create(self, serializer):
        require_administrator(self.request, serializer.validated_data["program"])
        serializer.instance = claim_services.create_settlement(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=None, responses=SettlementSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return Response(
            self.get_serializer(claim_services.approve_settlement(self.get_object(), actor=request.user)).data
        )

    @extend_schema(request=PaymentReferenceSerializer, responses=SettlementSerializer)
    @action(detail=True, methods=["post"], url_path="mark-paid")
    def mark_paid(self, request, pk=None):
        settlement = claim_services.mark_settlement_paid(
            self.get_object(), actor=request.user, reference=validated(PaymentReferenceSerializer, request)["reference"]
        )
        return Response(self.get_serializer(settlement).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="statement.pdf")
    def statement(self, request, pk=None):
        rendered = documents.settlement_document(self.get_object())
        if rendered is None:
            raise NotFound(_("草稿结算单还没有结算单据，请先审批。"))
        return pdf_response(rendered)

    @extend_schema(
        parameters=[OpenApiParameter("filetype", OpenApiTypes.STR, enum=["csv", "xlsx"])],
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
    )
    @action(detail=False, methods=["get"], url_path="export")
    def export(self, request):
        """Approved and paid settlements with their lines, as CSV or XLSX (from the snapshots)."""
        kind = request.query_params.get("filetype", "csv")  # not ?format=: DRF reserves it for renderers
        if kind not in ("csv", "xlsx"):
            raise ValidationError({"filetype": ["csv or xlsx"]})
        settlements = self.filter_queryset(self.get_queryset()).administered_by(request.user)
        return documents.export_response(documents.settlement_export(settlements, kind))


class InvoiceViewSet(ReadOnlyMarketViewSet):
    """Invoices from providers to firms: the provider and the customer see them; the provider cancels one with a
    credit note."""

    queryset = Invoice.objects.select_related("provider", "customer")
    serializer_class = InvoiceSerializer
    filterset_class = InvoiceFilterSet
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return visible_to_parties(super().get_queryset(), self.request.user, "provider_id", "customer_id")

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="invoice.pdf")
    def document(self, request, pk=None):
        return pdf_response(documents.invoice_document(self.get_object()))

    @extend_schema(request=ReviewNoteSerializer, responses={201: InvoiceSerializer})  # answers the credit note
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        invoice = self.get_object()
        self.require_party(invoice.provider_id)
        credit = payments.cancel_invoice(invoice, actor=request.user, reason=review_note(request))
        return Response(self.get_serializer(credit).data, status=201)

    @extend_schema(request=FapiaoNumberSerializer, responses=InvoiceSerializer)
    @action(detail=True, methods=["post"], url_path="fapiao-number")
    def fapiao_number(self, request, pk=None):
        """The provider records the number of the fapiao (发票) it issued itself for this confirmation."""
        invoice = self.get_object()
        self.require_party(invoice.provider_id)
        number = validated(FapiaoNumberSerializer, request)["fapiao_number"]
        invoice = payments.record_fapiao_number(invoice, fapiao_number=number, actor=request.user)
        return Response(self.get_serializer(invoice).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("provider", OpenApiTypes.INT, required=True),
            OpenApiParameter("customer", OpenApiTypes.INT, description="defaults to the acting organization"),
            OpenApiParameter("month", OpenApiTypes.STR, required=True, description="YYYY-MM"),
        ],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(detail=False, methods=["get"], url_path="statement.pdf")
    def statement(self, request):
        """A firm's monthly statement of one provider's invoices (the firm, or the provider naming the firm)."""
        params = request.query_params
        try:
            year, month = parse_month(params.get("month", ""))
            provider_id = int(params["provider"])
            customer_id = int(params.get("customer") or self.acting_organization_required().pk)
        except (KeyError, ValueError) as exc:
            raise ValidationError({"month": ["YYYY-MM"], "provider": ["organization id"]}) from exc
        if not documents.may_see_statement(request.user, provider_id, customer_id):
            raise NotFound()
        provider = get_object_or_404(Organization, pk=provider_id)
        customer = get_object_or_404(Organization, pk=customer_id)
        return pdf_response(documents.statement_document(provider, customer, year, month))


class InvoiceDocumentAliasViewSet(InvoiceViewSet):
    """``invoices/statement.pdf`` and ``invoices/{id}/invoice.pdf`` without the trailing slash (see api/urls.py)."""

    schema = None


class SettlementDocumentAliasViewSet(SettlementViewSet):
    """``settlements/{id}/statement.pdf`` without the trailing slash (see api/urls.py)."""

    schema = None


class ContractVoucherView(GenericAPIView):
    """The buyer of a signed technology service, consulting or R&D contract pays part of it with vouchers: holds
    ``min(coverage × amount, available)``; recording the contract's payment redeems it."""

    permission_classes = [IsAuthenticated]
    serializer_class = ContractHoldSerializer
    queryset = TechContract.objects.none()

    @extend_schema(request=None, responses={201: ContractHoldSerializer})
    def post(self, request, pk):
        contract = get_object_or_404(TechContract.objects.visible_to(request.user), pk=pk)
        organization = resolve_acting_organization(request)
        if organization is None or organization.pk != contract.buyer_id:
            raise NotFound() if organization is None else PermissionDenied(code="not_a_party")
        hold = payments.hold_for_contract(contract, actor=request.user)
        body = {"grant": hold.grant_id, "held": hold.amount, "status": hold.status}
        return Response(ContractHoldSerializer(body).data, status=201)
