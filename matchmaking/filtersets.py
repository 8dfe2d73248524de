"""FilterSets of the events app."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.models import IndustryChain, TechField

from .choices import AssignmentStatus, BrokerLevel, BrokerStatus, EventKind, EventStatus
from .models import BrokerAssignment, BrokerProfile, Event


class EventFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("搜索（名称、议程、地点）"))
    kind = django_filters.MultipleChoiceFilter(choices=EventKind.choices)
    status = django_filters.MultipleChoiceFilter(choices=EventStatus.choices)
    start_after = django_filters.IsoDateTimeFilter(field_name="start", lookup_expr="gte")
    organizer_id = django_filters.NumberFilter(field_name="organizer_id")

    class Meta:
        model = Event
        fields = ["kind", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(agenda__icontains=value) | Q(place__icontains=value))


class BrokerProfileFilterSet(django_filters.FilterSet):
    """技术经理人 directory filters (the API's and the /brokers/ page's)."""

    q = django_filters.CharFilter(method="search", label=_("搜索（姓名、机构、简介）"))
    level = django_filters.MultipleChoiceFilter(choices=BrokerLevel.choices, label=_("证书等级"))
    tech_field = django_filters.ModelChoiceFilter(
        field_name="tech_fields", queryset=TechField.objects.all(), label=_("技术领域")
    )
    industry_chain = django_filters.ModelChoiceFilter(
        field_name="industry_chains", queryset=IndustryChain.objects.all(), label=_("产业链")
    )
    region = django_filters.CharFilter(field_name="regions__code", label=_("服务地区代码"))
    organization_id = django_filters.NumberFilter(field_name="organization_id")
    status = django_filters.MultipleChoiceFilter(choices=BrokerStatus.choices, label=_("认证状态"))

    class Meta:
        model = BrokerProfile
        fields = ["level", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(user__display_name__icontains=value) | Q(organization__name__icontains=value) | Q(bio__icontains=value)
        )


class BrokerAssignmentFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=AssignmentStatus.choices)
    broker_id = django_filters.NumberFilter(field_name="broker_id")
    demand_id = django_filters.NumberFilter(field_name="demand_id")
    inquiry_id = django_filters.NumberFilter(field_name="inquiry_id")
    auction_id = django_filters.NumberFilter(field_name="auction_id")
    contract_id = django_filters.NumberFilter(field_name="contract_id")

    class Meta:
        model = BrokerAssignment
        fields = ["status"]
