"""API views of the vouchers app."""

import csv
import io
from datetime import date

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from marketplace.api.acting import resolve_acting_organization
from marketplace.api.base import MarketViewSet, ReadOnlyMarketViewSet, validated
from marketplace.api.permissions import IsAuthenticated, IsPlatformAdmin, ReadOnlyOrPlatformAdmin
from marketplace.api.serializers import ReviewNoteSerializer, review_note
from marketplace.choices import OrganizationKind
from marketplace.models import Organization, visible_to_parties
from tech_transfer.models import TechContract

from .. import pdf
from ..models import Claim, Invoice, LedgerEntry, ProviderRegistration, Settlement, VoucherGrant, VoucherProgram
from ..services import claims as claim_services
from ..services import payments
from ..services import programs as program_services
from .serializers import (
    BalanceSerializer,
    ClaimNoticeSerializer,
    ClaimSerializer,
    ContractHoldSerializer,
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
    filename, mimetype, content = rendered
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class VoucherProgramViewSet(MarketViewSet):
    """创新券项目. Public; platform administrators create and edit them."""

    queryset = VoucherProgram.objects.select_related("issuer").prefetch_related("accepted_regions")
    serializer_class = VoucherProgramSerializer
    filterset_fields = ["year", "issuer"]
    permission_classes = [ReadOnlyOrPlatformAdmin]
    http_method_names = ["get", "post", "patch", "head", "options"]

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

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_authenticated and user.is_platform_admin:
            return queryset
        visible = Q(status="approved")
        if user.is_authenticated:
            visible |= Q(provider_id__in=user.organization_ids())
        return queryset.filter(visible)

    def perform_create(self, serializer):
        serializer.instance = program_services.register_provider(
            program=serializer.validated_data["program"],
            provider=self.acting_organization_required(),
            services=serializer.validated_data["services"],
            actor=self.request.user,
        )

    @extend_schema(request=ReviewNoteSerializer, responses=ProviderRegistrationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def approve(self, request, pk=None):
        registration = program_services.review_registration(
            self.get_object(), approve=True, actor=request.user, note=review_note(request)
        )
        return Response(self.get_serializer(registration).data)

    @extend_schema(request=ReviewNoteSerializer, responses=ProviderRegistrationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
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

    def get_queryset(self):
        return visible_to_parties(super().get_queryset(), self.request.user, "firm_id")

    def perform_create(self, serializer):
        serializer.instance = program_services.apply_for_grant(
            firm=self.acting_organization_required(), actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=GrantApprovalSerializer, responses=VoucherGrantSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def approve(self, request, pk=None):
        grant = program_services.approve_grant(
            self.get_object(), actor=request.user, **validated(GrantApprovalSerializer, request)
        )
        return Response(self.get_serializer(grant).data)

    @extend_schema(request=ReviewNoteSerializer, responses=VoucherGrantSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def reject(self, request, pk=None):
        grant = program_services.reject_grant(self.get_object(), actor=request.user, note=review_note(request))
        return Response(self.get_serializer(grant).data)


class LedgerEntryViewSet(ReadOnlyMarketViewSet):
    """The voucher ledger (read-only): a firm sees its own grants' entries, administrators all."""

    queryset = LedgerEntry.objects.select_related("hold")
    serializer_class = LedgerEntrySerializer
    filterset_fields = ["grant", "kind"]
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return visible_to_parties(super().get_queryset(), self.request.user, "grant__firm_id")


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

    def get_queryset(self):
        return visible_to_parties(super().get_queryset(), self.request.user, "provider_id")

    def perform_create(self, serializer):
        serializer.instance = claim_services.submit_claim(
            provider=self.acting_organization_required(), actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=ReviewNoteSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
    def approve(self, request, pk=None):
        claim = claim_services.approve_claim(self.get_object(), actor=request.user, note=review_note(request))
        return Response(self.get_serializer(claim).data)

    @extend_schema(request=ReviewNoteSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsPlatformAdmin])
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

    def get_queryset(self):
        return visible_to_parties(super().get_queryset(), self.request.user, "provider_id")

    def get_permissions(self):
        if self.action in ("create", "approve", "mark_paid", "export"):
            return [IsPlatformAdmin()]
        return [IsAuthenticated()]

    def perform_create(self, serializer):
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
        settlement = self.get_object()
        if not settlement.snapshot:
            raise NotFound("A draft settlement has no statement yet; approve it first.")
        return pdf_response(pdf.SettlementStatementPdf(settlement.snapshot).render())

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
        header = [
            "结算单编号",
            "服务机构",
            "期间开始",
            "期间结束",
            "状态",
            "企业",
            "服务内容",
            "日期",
            "服务金额",
            "创新券金额",
        ]
        rows = []
        for settlement in self.filter_queryset(self.get_queryset()).exclude(status="draft").order_by("number"):
            snap = settlement.snapshot
            for line in snap["lines"]:
                rows.append([
                    snap["number"], snap["provider"]["name"], snap["period"]["start"], snap["period"]["end"],
                    settlement.get_status_display(), line["firm"], line["description"], line["date"],
                    line["service_amount"], line["voucher_amount"],
                ])  # fmt: skip
        stamp = timezone.localdate().isoformat()
        if kind == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(header)
            writer.writerows(rows)
            response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        else:
            from openpyxl import Workbook

            workbook = Workbook()
            sheet = workbook.active
            sheet.title = "结算明细"
            sheet.append(header)
            for row in rows:
                sheet.append(row[:8] + [float(v) if v else None for v in row[8:]])
            buffer = io.BytesIO()
            workbook.save(buffer)
            response = HttpResponse(
                buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
        response["Content-Disposition"] = f'attachment; filename="settlements-{stamp}.{kind}"'
        return response


class InvoiceViewSet(ReadOnlyMarketViewSet):
    """Invoices from providers to firms: the provider and the customer see them; the provider cancels one with a
    credit note."""

    queryset = Invoice.objects.select_related("provider", "customer")
    serializer_class = InvoiceSerializer
    filterset_fields = ["provider", "customer", "kind", "booking"]
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return visible_to_parties(super().get_queryset(), self.request.user, "provider_id", "customer_id")

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="invoice.pdf")
    def document(self, request, pk=None):
        return pdf_response(pdf.InvoicePdf(self.get_object().snapshot).render())

    @extend_schema(request=ReviewNoteSerializer, responses=InvoiceSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        invoice = self.get_object()
        self.require_party(invoice.provider_id)
        credit = payments.cancel_invoice(invoice, actor=request.user, reason=review_note(request))
        return Response(self.get_serializer(credit).data, status=201)

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
            year, month = (int(part) for part in params.get("month", "").split("-"))
            date(year, month, 1)
            provider_id = int(params["provider"])
            customer_id = int(params.get("customer") or self.acting_organization_required().pk)
        except (KeyError, ValueError) as exc:
            raise ValidationError({"month": ["YYYY-MM"], "provider": ["organization id"]}) from exc
        ids = request.user.organization_ids()
        if not (request.user.is_platform_admin or customer_id in ids or provider_id in ids):
            raise NotFound()
        provider = get_object_or_404(Organization, pk=provider_id)
        customer = get_object_or_404(Organization, pk=customer_id)
        snapshot = payments.monthly_statement(provider, customer, year, month)
        return pdf_response(pdf.MonthlyStatementPdf(snapshot).render())


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
