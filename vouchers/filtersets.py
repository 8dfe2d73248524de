"""FilterSets of the vouchers app: the API's filtering, shared with the workspace pages."""

from datetime import date

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.models import Organization

from .choices import EntryKind, InvoiceKind
from .models import Invoice, LedgerEntry, VoucherGrant


def parse_month(value: str) -> tuple[int, int]:
    """``"YYYY-MM"`` → ``(year, month)``; ValueError when it is not a real month."""
    year, month = (int(part) for part in str(value).split("-"))
    date(year, month, 1)
    return year, month


class MonthField(forms.CharField):
    """A calendar month as ``YYYY-MM``, cleaned to ``(year, month)``."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_month(value)
        except ValueError as exc:
            raise ValidationError(_("请按 YYYY-MM 填写月份。"), code="invalid") from exc


class MonthFilter(django_filters.Filter):
    """Rows whose ``field_name`` (a datetime) falls in a calendar month given as ``YYYY-MM`` (local time)."""

    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        year, month = value
        return qs.filter(**{f"{self.field_name}__year": year, f"{self.field_name}__month": month})


class InvoiceFilterSet(django_filters.FilterSet):
    provider = django_filters.ModelChoiceFilter(queryset=Organization.objects.all())
    customer = django_filters.ModelChoiceFilter(queryset=Organization.objects.all())
    kind = django_filters.ChoiceFilter(choices=InvoiceKind.choices)
    month = MonthFilter(field_name="issued_at", label=_("开具月份（YYYY-MM）"))

    class Meta:
        model = Invoice
        fields = ["provider", "customer", "kind", "booking", "month"]


class LedgerEntryFilterSet(django_filters.FilterSet):
    grant = django_filters.ModelChoiceFilter(queryset=VoucherGrant.objects.all())
    kind = django_filters.ChoiceFilter(choices=EntryKind.choices)

    class Meta:
        model = LedgerEntry
        fields = ["grant", "kind"]
