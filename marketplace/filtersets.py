"""FilterSets of the participants app: free-text ``q`` plus paired field filters (NetBox style)."""

import django_filters
from django.db.models import Q

from .choices import AuditAction, OrganizationKind
from .models import AuditEntry, IndustryChain, Notification, Organization, Region, TechField


class OrganizationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="搜索 (name, credit code, description, expertise)")
    kind = django_filters.MultipleChoiceFilter(choices=OrganizationKind.choices)
    region = django_filters.CharFilter(method="filter_region", label="区划代码 (includes sub-regions)")
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
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(name_en__icontains=value)
            | Q(credit_code__iexact=value)
            | Q(description__icontains=value)
            | Q(expertise__icontains=value)
        )

    def filter_region(self, queryset, name, value):
        # Division codes nest by prefix: 330000 ⊃ 330200 ⊃ 330281.
        prefix = value.rstrip("0") if value.isdigit() and len(value) == 6 else value
        if len(prefix) % 2:
            prefix += "0"
        return queryset.filter(region__code__startswith=prefix)


class RegionFilterSet(django_filters.FilterSet):
    parent = django_filters.CharFilter(field_name="parent__code")

    class Meta:
        model = Region
        fields = ["level", "parent"]


class AuditEntryFilterSet(django_filters.FilterSet):
    object_type = django_filters.CharFilter(
        method="filter_object_type", label="app_label.model, e.g. marketplace.organization"
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
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label="未读")

    class Meta:
        model = Notification
        fields = ["kind", "unread"]
