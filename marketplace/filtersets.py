"""FilterSets of the participants app: free-text ``q`` plus paired field filters (NetBox style)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import AuditAction, OrganizationKind
from .models import AuditEntry, IndustryChain, Notification, Organization, Region, TechField


def region_prefix(code: str) -> str:
    """The code prefix shared by a division and everything inside it: 330000 → "33", 330200 → "3302"
    (division codes nest by pairs of digits: 330000 ⊃ 330200 ⊃ 330281)."""
    prefix = code.rstrip("0") if code.isdigit() and len(code) == 6 else code
    return prefix + "0" if len(prefix) % 2 else prefix


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
