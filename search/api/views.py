"""The search API: full-text search with facets and highlights, demand matching, the reverse match for an
institute, and saved subscriptions."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from demands.models import Demand
from marketplace.api.base import MarketViewSet
from marketplace.choices import OrganizationKind
from marketplace.models import Organization

from .. import params
from ..backends import get_backend
from ..backends.base import engine_errors
from ..match_cache import demands_matching, matches
from ..matching import MATCHERS
from ..models import SearchSubscription
from .serializers import (
    MatchSerializer,
    SearchParamsSerializer,
    SearchResponseSerializer,
    SearchSubscriptionSerializer,
)


class SearchView(GenericAPIView):
    """Search instruments, results, demands and institute profiles (public items only). Chinese is segmented with
    jieba and the market's dictionary; synonyms (电镜 ↔ 电子显微镜 …) and product codes (JSM-7900F) are found."""

    permission_classes = []
    serializer_class = SearchResponseSerializer
    queryset = Organization.objects.none()

    @extend_schema(parameters=[SearchParamsSerializer], responses=SearchResponseSerializer)
    def get(self, request):
        data, _given = params.validate(request.query_params)
        size, page = data["page_size"], data["page"]
        with engine_errors():
            results = get_backend().search(params.build_query(data))
        url = request.build_absolute_uri()
        body = {
            "count": results.total,
            "next": replace_query_param(url, "page", page + 1) if page * size < results.total else None,
            "previous": replace_query_param(url, "page", page - 1) if page > 1 else None,
            "results": results.hits,
            "facets": results.facets,
        }
        return Response(SearchResponseSerializer(body).data)


class DemandMatchesView(GenericAPIView):
    """Ranked candidates for a demand: ``target=institutes`` (with the results and instruments behind each score),
    ``results``, or ``instruments`` (voucher-eligible, active, with a free slot before the deadline)."""

    permission_classes = []
    serializer_class = MatchSerializer
    queryset = Demand.objects.none()

    @extend_schema(
        parameters=[OpenApiParameter("target", OpenApiTypes.STR, enum=list(MATCHERS), default="institutes"),
                    OpenApiParameter("limit", OpenApiTypes.INT)],
        responses=MatchSerializer(many=True),
    )  # fmt: skip
    def get(self, request, pk):
        demand = get_object_or_404(Demand.objects.visible_to(request.user), pk=pk)
        target = request.query_params.get("target", "institutes")
        if target not in MATCHERS:
            raise ValidationError({"target": [f"one of {', '.join(MATCHERS)}"]})
        try:
            limit = min(max(int(request.query_params.get("limit", 10)), 1), 50)
        except ValueError as exc:
            raise ValidationError({"limit": ["an integer"]}) from exc
        with engine_errors():
            found = matches(target, demand, limit=limit)
        return Response(MatchSerializer(found, many=True).data)


class MatchingDemandsView(GenericAPIView):
    """The reverse match: open demands that fit an institute or service provider."""

    permission_classes = []
    serializer_class = MatchSerializer
    queryset = Organization.objects.none()

    @extend_schema(responses=MatchSerializer(many=True))
    def get(self, request, pk):
        organization = get_object_or_404(
            Organization.objects.visible_to(request.user).filter(
                kind__in=[OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER]
            ),
            pk=pk,
        )
        with engine_errors():
            found = demands_matching(organization)
        return Response(MatchSerializer(found, many=True).data)


class SearchSubscriptionViewSet(MarketViewSet):
    """Saved searches of the acting organization: it is notified when a demand opens that matches one."""

    queryset = SearchSubscription.objects.all()
    serializer_class = SearchSubscriptionSerializer
    owner_field = "organization"
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        if not user.is_authenticated:
            return SearchSubscription.objects.none()
        return super().get_queryset().filter(organization_id__in=user.organization_ids())
