"""FilterSets of the instruments app."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.filtersets import AREA_CHOICES, area_query, region_prefix
from marketplace.models import Organization

from .choices import BookingStatus, InstrumentCategory, InstrumentStatus
from .models import Booking, Instrument, ServiceItem


class InstrumentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("搜索（名称、型号、生产厂商、功能）"))
    category = django_filters.MultipleChoiceFilter(choices=InstrumentCategory.choices)
    status = django_filters.MultipleChoiceFilter(choices=InstrumentStatus.choices)
    owner = django_filters.ModelChoiceFilter(queryset=Organization.objects.all())
    region = django_filters.CharFilter(method="filter_region", label=_("所属机构的区划代码（含下级区划）"))
    area = django_filters.ChoiceFilter(
        choices=AREA_CHOICES, method="filter_area", label=_("地区范围（本地、长三角其他城市、全部）")
    )
    min_price = django_filters.NumberFilter(method="filter_min_price", label=_("最低企业价 ≥"))
    max_price = django_filters.NumberFilter(method="filter_max_price", label=_("最低企业价 ≤"))

    class Meta:
        model = Instrument
        fields = ["category", "status", "owner", "voucher_eligible", "booking_mode", "approval_mode"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(name_en__icontains=value)
            | Q(model_number__icontains=value)
            | Q(manufacturer__icontains=value)
            | Q(capabilities__icontains=value)
        )

    def filter_region(self, queryset, name, value):
        return queryset.filter(owner__region__code__startswith=region_prefix(value))

    def filter_area(self, queryset, name, value):
        return queryset.filter(area_query(value, "owner__region__code"))

    def filter_min_price(self, queryset, name, value):
        return queryset.filter(service_items__active=True, service_items__price_enterprise__gte=value).distinct()

    def filter_max_price(self, queryset, name, value):
        return queryset.filter(service_items__active=True, service_items__price_enterprise__lte=value).distinct()


class ServiceItemFilterSet(django_filters.FilterSet):
    class Meta:
        model = ServiceItem
        fields = ["instrument", "unit", "active"]


class BookingFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=BookingStatus.choices)
    start_after = django_filters.IsoDateTimeFilter(field_name="start", lookup_expr="gte")
    start_before = django_filters.IsoDateTimeFilter(field_name="start", lookup_expr="lt")
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("即将进行（尚未结束）")), ("past", _("已过去（已结束）"))],
        method="filter_when",
        label=_("即将进行或已过去"),
    )

    class Meta:
        model = Booking
        fields = ["instrument", "status", "requester_org"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(end__gt=now) if value == "upcoming" else queryset.filter(end__lte=now)
