"""API views of the sharing app."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from marketplace.api.base import MarketViewSet, MarketViewSetMixin, validated
from marketplace.api.permissions import IsAuthenticated, WrongOrganizationKind
from marketplace.api.schema import ErrorSerializer
from marketplace.choices import OrganizationKind
from marketplace.dashboard import can_view_detail

from ..models import NationalRecord, RuntimeRecord, ServiceRating
from ..services import assessment, national, ratings, runtime
from .serializers import (
    AssessmentQuerySerializer,
    AssessmentSerializer,
    NationalCheckSerializer,
    NationalExportQuerySerializer,
    NationalRecordSerializer,
    NationalReportQuerySerializer,
    RatingAnswerSerializer,
    RuntimeImportResultSerializer,
    RuntimeImportSerializer,
    RuntimeRecordSerializer,
    ServiceRatingCreateSerializer,
    ServiceRatingSerializer,
)

OWNER_KINDS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)


class ServiceRatingViewSet(MarketViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """服务评价. Public for visible instruments (the rating organization is named only to the parties). The
    requesting organization rates a completed booking once (POST); the instrument's owner answers once
    (POST ``{id}/answer/``)."""

    queryset = ServiceRating.objects.select_related("booking__instrument")
    serializer_class = ServiceRatingSerializer
    filterset_fields = ["booking"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        params = self.request.query_params
        if (instrument := params.get("instrument", "")).isdigit():
            queryset = queryset.filter(booking__instrument_id=instrument)
        if (owner := params.get("owner", "")).isdigit():
            queryset = queryset.filter(booking__instrument__owner_id=owner)
        if params.get("answered") in ("true", "false"):
            queryset = queryset.filter(answered_at__isnull=params["answered"] == "false")
        return queryset

    def get_permissions(self):
        if self.action in ("create", "answer"):
            return [IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(request=ServiceRatingCreateSerializer, responses={201: ServiceRatingSerializer})
    def create(self, request, *args, **kwargs):
        organization = self.acting_organization_required()
        fields = validated_with_context(ServiceRatingCreateSerializer, request)
        booking = fields.pop("booking")
        rating = ratings.rate_booking(booking, actor=request.user, organization=organization, **fields)
        return Response(self.get_serializer(rating).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RatingAnswerSerializer, responses=ServiceRatingSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        rating = self.get_object()
        organization = self.require_party(rating.booking.instrument.owner_id)
        rating = ratings.answer_rating(
            rating, actor=request.user, organization=organization, **validated(RatingAnswerSerializer, request)
        )
        return Response(self.get_serializer(rating).data)


def validated_with_context(serializer_class, request) -> dict:
    data = serializer_class(data=request.data, context={"request": request})
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class RuntimeRecordViewSet(MarketViewSet):
    """机时记录 of the acting institute's instruments (own use, external service, teaching), entered one by one or
    imported from the instrument PC's CSV (POST ``import/``, multipart: ``instrument``, ``file``; all or nothing, bad
    rows listed by line in ``rows``). Only the owner sees and edits them."""

    queryset = RuntimeRecord.objects.select_related("instrument")
    serializer_class = RuntimeRecordSerializer
    filterset_fields = ["instrument", "kind", "date", "source"]
    ordering_fields = ["date", "hours"]
    owner_field = "instrument__owner"
    permission_classes = [IsAuthenticated]

    def perform_create(self, serializer):
        self.acting_organization_required()
        from marketplace.services.records import create_record

        create_record(
            serializer,
            actor=self.request.user,
            organization=self.acting_organization,
            save={"created_by": self.request.user, "source": "manual"},
        )

    @extend_schema(request=RuntimeImportSerializer, responses={201: RuntimeImportResultSerializer})
    @action(detail=False, methods=["post"], url_path="import")
    def import_csv(self, request):
        organization = self.acting_organization_required()
        fields = validated(RuntimeImportSerializer, request)
        instrument = fields["instrument"]
        if instrument.owner_id != organization.pk:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"instrument": [_not_yours()]})
        result = runtime.import_runtime_csv(
            instrument, runtime.read_upload(fields["file"]), actor=request.user, organization=organization
        )
        body = {
            "created": result.created,
            "duplicates": result.duplicates,
            "platform_overlaps": result.platform_overlaps,
        }
        return Response(body, status=status.HTTP_201_CREATED)


def _not_yours():
    from django.utils.translation import gettext as _

    return _("只能为本机构的仪器导入机时。")


class NationalRecordViewSet(MarketViewSet):
    """国家平台信息 of the acting institute's instruments (one per instrument): internal number, the 6-digit national
    category code, source of funds, acquisition date, sharing mode, opening rules, fee standard and customs status."""

    queryset = NationalRecord.objects.select_related("instrument")
    serializer_class = NationalRecordSerializer
    filterset_fields = ["instrument", "funding_source", "sharing_mode", "customs_status"]
    owner_field = "instrument__owner"
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def perform_create(self, serializer):
        self.acting_organization_required()
        super().perform_create(serializer)


def _owner_organization(view):
    organization = view.acting_organization_required()
    if organization.kind not in OWNER_KINDS:
        raise WrongOrganizationKind()
    return organization


class NationalReportView(MarketViewSetMixin, GenericAPIView):
    """The acting institute's national report for a year: whether every instrument has what the national platform
    needs, and per instrument what is missing."""

    permission_classes = [IsAuthenticated]
    serializer_class = NationalReportQuerySerializer

    @extend_schema(parameters=[NationalReportQuerySerializer], responses=NationalCheckSerializer)
    def get(self, request):
        organization = _owner_organization(self)
        query = NationalReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        missing = national.check(organization)
        return Response({"year": query.validated_data["year"], "complete": not missing, "missing": missing})


class NationalExportView(MarketViewSetMixin, GenericAPIView):
    """The export itself (``kind`` = instruments | services, ``output`` = csv | xlsx). While an instrument lacks a
    required field the answer is 409 ``national_report_incomplete`` with ``missing`` (per instrument), unless
    ``force=1``: then the file is produced with those cells empty."""

    permission_classes = [IsAuthenticated]
    serializer_class = NationalExportQuerySerializer

    @extend_schema(
        parameters=[NationalExportQuerySerializer],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, national.XLSX): OpenApiTypes.BINARY,
            409: OpenApiResponse(ErrorSerializer, description="national_report_incomplete: `missing` per instrument"),
        },
    )
    def get(self, request):
        organization = _owner_organization(self)
        query = NationalExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        filename, content_type, body = national.export(
            organization, data["year"], data["kind"], data["output"], force=data["force"]
        )
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class SharingAssessmentView(MarketViewSetMixin, GenericAPIView):
    """开放共享评价考核 for a year: per institute its indicators, score and grade, and per instrument the same. An
    institute sees its own; platform administrators, the market operator and authorities see every institute (or
    one, ``?organization=``)."""

    permission_classes = [IsAuthenticated]
    serializer_class = AssessmentQuerySerializer

    @extend_schema(parameters=[AssessmentQuerySerializer], responses=AssessmentSerializer)
    def get(self, request):
        query = AssessmentQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year, wanted = query.validated_data["year"], query.validated_data.get("organization")
        if can_view_detail(request.user):
            organizations = None if wanted is None else [wanted]
        else:
            organization = _owner_organization(self)
            if wanted is not None and wanted != organization.pk:
                raise PermissionDenied(code="not_a_party")
            organizations = [organization]
        institutes = assessment.assessment(year, organizations)
        return Response(AssessmentSerializer({"year": year, "institutes": institutes}).data)
