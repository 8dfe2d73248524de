"""FilterSets of the participants app: free-text ``q`` plus paired field filters (NetBox style)."""

import django_filters
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import AuditAction, OrganizationKind
from .dashboard import YANGTZE_DELTA_PROVINCES
from .models import AuditEntry, IndustryChain, Notification, Organization, Region, TechField


def region_prefix(code: str) -> str:
    """The code prefix shared by a division and everything inside it: 330000 → "33", 330200 → "3302"
    (division codes nest by pairs of digits: 330000 ⊃ 330200 ⊃ 330281)."""
    prefix = code.rstrip("0") if code.isdigit() and len(code) == 6 else code
    return prefix + "0" if len(prefix) % 2 else prefix


#: 地区范围: where an owner is, seen from the market's home region (settings.MARKET_HOME_REGION).
AREA_CHOICES = [("local", _("本地")), ("delta", _("长三角其他城市")), ("all", _("全部"))]


def area_query(area: str, field: str = "region__code") -> Q:
    """Organizations (``field``: the lookup of their region code) in an area: ``local`` — the market's home region and
    everything inside it; ``delta`` — the rest of the Yangtze River Delta (长三角, its four provincial units);
    anything else (``all``) — everywhere. Used by the instrument filters and the demand page's matches alike."""
    local = Q(**{f"{field}__startswith": region_prefix(settings.MARKET_HOME_REGION)})
    if area == "local":
        return local
    if area == "delta":
        delta = Q()
        for code in sorted(YANGTZE_DELTA_PROVINCES):
            delta |= Q(**{f"{field}__startswith": region_prefix(code)})
        return delta & ~local
    return Q()


def organization_text_query(value: str) -> Q:
    """Substring match over an organization's names, profile and expertise keywords, or its exact credit code.
    (Expertise is stored as unescaped JSON — see UnicodeJSONEncoder — so Chinese keywords match on SQLite too.)"""
    return (
        Q(name__icontains=value)
        | Q(name_en__icontains=value)
        | Q(credit_code__iexact=value)
        | Q(description__icontains=value)
        | Q(expertise__icontains=value)
    )


class OrganizationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("搜索（名称、统一社会信用代码、简介、专长）"))
    kind = django_filters.MultipleChoiceFilter(choices=OrganizationKind.choices)
    region = django_filters.CharFilter(method="filter_region", label=_("区划代码（含下级区划）"))
    industry_chain = django_filters.ModelMultipleChoiceFilter(
        field_name="industry_chains", queryset=IndustryChain.objects.all(), to_field_name="code"
    )
    tech_field = django_filters.ModelMultipleChoiceFilter(
        field_name="tech_fields", queryset=TechField.objects.all(), to_field_name="code"
    )

    class Meta:
        model = Organization
        fields = ["kind", "verified", "region"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(organization_text_query(value)) if value else queryset

    def filter_region(self, queryset, name, value):
        return queryset.filter(region__code__startswith=region_prefix(value))


class RegionFilterSet(django_filters.FilterSet):
    parent = django_filters.CharFilter(field_name="parent__code")

    class Meta:
        model = Region
        fields = ["level", "parent"]


class AuditEntryFilterSet(django_filters.FilterSet):
    object_type = django_filters.CharFilter(
        method="filter_object_type", label=_("对象类型（app_label.model，例如 marketplace.organization）")
    )
    object_id = django_filters.CharFilter()
    organization_id = django_filters.NumberFilter()
    actor_id = django_filters.NumberFilter()
    action = django_filters.ChoiceFilter(choices=AuditAction.choices)
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = AuditEntry
        fields = ["object_id", "organization_id", "actor_id", "action"]

    def filter_object_type(self, queryset, name, value):
        app_label, _, model = value.lower().partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)


class NotificationFilterSet(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label=_("未读"))

    class Meta:
        model = Notification
        fields = ["kind", "unread"]
