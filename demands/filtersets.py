"""FilterSets of the demands app."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.models import IndustryChain, TechField

from .choices import DemandStatus, RiskClass
from .models import Demand


class DemandFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("搜索（标题、问题、指标）"))
    status = django_filters.MultipleChoiceFilter(choices=DemandStatus.choices)
    risk_class = django_filters.MultipleChoiceFilter(choices=RiskClass.choices)
    industry_chain = django_filters.ModelChoiceFilter(queryset=IndustryChain.objects.all(), to_field_name="code")
    tech_field = django_filters.ModelChoiceFilter(queryset=TechField.objects.all(), to_field_name="code")
    deadline_after = django_filters.DateFilter(field_name="deadline", lookup_expr="gte")

    class Meta:
        model = Demand
        fields = ["status", "risk_class", "is_challenge", "cooperation_mode"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(problem__icontains=value) | Q(target_indicators__icontains=value)
        )
