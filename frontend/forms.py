"""Forms of the server-rendered pages."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.choices import OrganizationKind
from marketplace.filtersets import organization_text_query
from marketplace.models import IndustryChain

from .templatetags.frontend_tags import loc_name


class LocalizedModelChoiceField(forms.ModelChoiceField):
    """A choice of taxonomy terms labelled in the page's language."""

    def label_from_instance(self, obj):
        return loc_name(obj)


class OrganizationFilterForm(forms.Form):
    """The directory's filters: organization kind, industry chain and free text over name, profile and expertise."""

    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("名称、简介或专长")}),
    )
    kind = forms.ChoiceField(
        label=_("机构类型"), required=False, choices=[("", _("全部类型")), *OrganizationKind.choices]
    )
    chain = LocalizedModelChoiceField(
        label=_("产业链"),
        required=False,
        queryset=IndustryChain.objects.all(),
        to_field_name="code",
        empty_label=_("全部产业链"),
    )

    def filter(self, queryset):
        """Apply the filters that validated; an invalid one (e.g. an unknown chain code) is ignored, not fatal."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if kind := data.get("kind"):
            queryset = queryset.filter(kind=kind)
        if chain := data.get("chain"):
            queryset = queryset.filter(industry_chains=chain)
        if q := (data.get("q") or "").strip():
            queryset = queryset.filter(self.text_query(q))
        return queryset

    @staticmethod
    def text_query(q: str) -> Q:
        """The same free-text match as the API's ``?q=``."""
        return organization_text_query(q)
