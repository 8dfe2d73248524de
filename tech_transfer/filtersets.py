"""FilterSets of the tech-transfer app."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.models import IndustryChain, TechField

from .choices import ResultStatus, TransferMode
from .models import Result


class ResultFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("搜索（标题、摘要、关键词）"))
    status = django_filters.MultipleChoiceFilter(choices=ResultStatus.choices)
    tech_field = django_filters.ModelChoiceFilter(queryset=TechField.objects.all(), to_field_name="code")
    industry_chain = django_filters.ModelMultipleChoiceFilter(
        field_name="industry_chains", queryset=IndustryChain.objects.all(), to_field_name="code"
    )
    transfer_mode = django_filters.ChoiceFilter(choices=TransferMode.choices, method="filter_mode")
    min_trl = django_filters.NumberFilter(field_name="trl", lookup_expr="gte")
    max_price = django_filters.NumberFilter(field_name="price", lookup_expr="lte")
    negotiable = django_filters.BooleanFilter(field_name="price", lookup_expr="isnull", label=_("面议"))

    class Meta:
        model = Result
        fields = ["owner", "status", "tech_field"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(abstract__icontains=value) | Q(keywords__icontains=value))

    def filter_mode(self, queryset, name, value):
        return queryset.filter(transfer_modes__icontains=f'"{value}"')
