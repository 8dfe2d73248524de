"""API views of the participants app."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from .. import stats
from ..choices import MembershipRole
from ..dashboard import DashboardFilterForm, can_view_detail
from ..filtersets import AuditEntryFilterSet, NotificationFilterSet, OrganizationFilterSet, RegionFilterSet
from ..models import (
    AuditEntry,
    IndustryChain,
    Membership,
    Notification,
    Organization,
    Region,
    TechField,
    User,
    visible_to_parties,
)
from ..services import login_guard
from ..services import organizations as organization_services
from ..services.notifications import mark_all_read, mark_read
from ..services.records import update_record
from .acting import forget_memberships, resolve_acting_organization
from .base import MarketViewSet, ReadOnlyMarketViewSet
from .permissions import IsAuthenticated, IsModerator, IsPlatformAdmin
from .serializers import (
    AuditEntrySerializer,
    IndustryChainSerializer,
    MembershipSerializer,
    NotificationSerializer,
    OrganizationSerializer,
    RegionSerializer,
    ReviewNoteSerializer,
    TechFieldSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
    UserMeSerializer,
)
from .stats_schema import MarketStatsSerializer


class OrganizationViewSet(MarketViewSet):
    """Market participants. Anyone signed in may register one (and becomes its administrator); its administrators
    edit the profile; moderators (platform administrators and the market operator's members) verify it."""

    queryset = Organization.objects.select_related("region").prefetch_related("industry_chains", "tech_fields")
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    ordering_fields = ["name", "created_at", "verified_at"]
    owner_role = MembershipRole.ADMIN
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_owner_organization_id(self, obj):
        return obj.pk

    def perform_create(self, serializer):
        organization_services.register_organization(serializer, actor=self.request.user)

    @extend_schema(request=ReviewNoteSerializer, responses=OrganizationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsModerator])
    def verify(self, request, pk=None):
        organization = organization_services.verify_organization(
            self.get_object(), actor=request.user, note=request.data.get("note", "")
        )
        return Response(self.get_serializer(organization).data)


class MembershipViewSet(MarketViewSet):
    """Who acts for which organization. An organization's administrators add members and change roles; a member may
    leave; an organization always keeps one administrator."""

    queryset = Membership.objects.select_related("user", "organization")
    serializer_class = MembershipSerializer
    filterset_fields = ["organization", "role"]
    owner_field = "organization"
    owner_role = MembershipRole.ADMIN
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return visible_to_parties(super().get_queryset(), self.request.user, "organization_id")

    def check_object_permissions(self, request, obj):
        if request.method == "DELETE" and obj.user_id == request.user.pk:
            return  # leaving an organization needs no administrator
        super().check_object_permissions(request, obj)

    def perform_create(self, serializer):
        organization = self.acting_organization_required()
        if organization.pk not in self.request.user.organization_ids(MembershipRole.ADMIN):
            self.permission_denied(self.request, message=IsPlatformAdmin.message, code="not_organization_admin")
        membership = organization_services.add_member(
            organization,
            serializer.validated_data["user"],
            serializer.validated_data.get("role", MembershipRole.MEMBER),
            actor=self.request.user,
        )
        serializer.instance = membership

    def perform_update(self, serializer):
        role = serializer.validated_data.get("role", serializer.instance.role)
        serializer.instance = organization_services.change_member_role(
            serializer.instance, role, actor=self.request.user
        )

    def perform_destroy(self, instance):
        organization_services.remove_member(instance, actor=self.request.user)


class RegionViewSet(ReadOnlyMarketViewSet):
    """行政区划 (GB/T 2260) of the Yangtze River Delta: provinces, cities, and Ningbo's counties."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    lookup_value_regex = r"\d{6}"


class IndustryChainViewSet(ReadOnlyMarketViewSet):
    """产业链 taxonomy."""

    queryset = IndustryChain.objects.all()
    serializer_class = IndustryChainSerializer
    lookup_value_regex = r"[-\w]+"


class TechFieldViewSet(ReadOnlyMarketViewSet):
    """技术领域 taxonomy (national high-tech fields)."""

    queryset = TechField.objects.all()
    serializer_class = TechFieldSerializer
    lookup_value_regex = r"[-\w]+"


class AuditEntryViewSet(ReadOnlyMarketViewSet):
    """The audit log. Platform administrators read all of it; an organization's administrators read the entries
    made on its behalf."""

    queryset = AuditEntry.objects.select_related("content_type")
    serializer_class = AuditEntrySerializer
    filterset_class = AuditEntryFilterSet
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_platform_admin:
            return queryset
        return queryset.filter(organization_id__in=user.organization_ids(MembershipRole.ADMIN))


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The signed-in user's in-app notifications."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilterSet
    permission_classes = [IsAuthenticated]
    queryset = Notification.objects.all()

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        return Response(self.get_serializer(mark_read(self.get_object())).data)

    @extend_schema(request=None, responses=inline_serializer("ReadAll", {"updated": serializers.IntegerField()}))
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"updated": mark_all_read(request.user)})


class UserMeView(GenericAPIView):
    """The signed-in user, their memberships and the organization this request acts for."""

    serializer_class = UserMeSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self):
        return User.objects.prefetch_related("memberships__organization").get(pk=self.request.user.pk)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        forget_memberships(request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "acting_organization": resolve_acting_organization(self.request)}

    def get(self, request):
        return Response(self.get_serializer(self.get_object()).data)

    def patch(self, request):
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        update_record(serializer, actor=request.user)
        return Response(self.get_serializer(self.get_object()).data)


class AuthTokenView(GenericAPIView):
    """Exchange a username and password for an API token (``Authorization: Token …``); DELETE revokes it."""

    serializer_class = TokenRequestSerializer
    permission_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(responses={200: TokenResponseSerializer})
    def post(self, request):
        # A locked username or address is refused before its password is looked at (429 ``login_locked``).
        username = request.data.get("username") if hasattr(request.data, "get") else None
        if isinstance(username, str):
            login_guard.check_not_locked(username, request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        with transaction.atomic():
            Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class StatsView(GenericAPIView):
    """Market figures for dashboards (市场监测, the same computation as the ``/dashboard/`` pages): participants,
    instrument sharing, technology-contract turnover, demands and challenges, voucher programmes. Public; filtered by
    period (``from`` / ``to``, ``YYYY-MM``; default the last 12 months) and region (``region``, a 行政区划 code: the
    region and everything inside it). ``detail=true`` (administrators, the market operator, authorities) adds every
    instrument and institute instead of the top ``top`` and the programmes' budget use."""

    permission_classes = []
    queryset = Organization.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter("from", str, description="first month, YYYY-MM"),
            OpenApiParameter("to", str, description="last month, YYYY-MM (at most 60 months after from)"),
            OpenApiParameter("region", str, description="行政区划 code, e.g. 330281 (余姚市) or 330000 (浙江省)"),
            OpenApiParameter("top", int, description="length of the rankings, 1–50 (default 10)"),
            OpenApiParameter("detail", bool, description="administrators' detail (403 for others)"),
        ],
        responses={200: MarketStatsSerializer},
    )
    def get(self, request):
        form = DashboardFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: [str(m) for m in messages] for name, messages in form.errors.items()})
        detail = request.query_params.get("detail", "").lower() in ("1", "true", "yes")
        if detail and not can_view_detail(request.user):
            raise PermissionDenied(_("仅平台管理员、市场运营机构和主管部门可以查看监测明细。"))
        return Response(stats.collect(form.filters(), detail=detail, user=request.user))
