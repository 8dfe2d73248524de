"""FilterSets of the events app."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import EventKind, EventStatus
from .models import Event


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
