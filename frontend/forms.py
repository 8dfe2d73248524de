"""Forms of the server-rendered pages."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from demands.choices import RiskClass
from instruments.choices import InstrumentCategory
from marketplace.choices import OrganizationKind
from marketplace.filtersets import region_prefix
from marketplace.models import IndustryChain, TechField
from tech_transfer.choices import TransferMode

from .templatetags.frontend_tags import loc_name


class LocalizedModelChoiceField(forms.ModelChoiceField):
    """A choice of taxonomy terms labelled in the page's language."""

    def label_from_instance(self, obj):
        return loc_name(obj)


class OrganizationFilterForm(forms.Form):
    """The directory's filters, labelled for the page. Only presentation: the filtering itself is the API's
    ``OrganizationFilterSet`` (same parameter names: ``q``, ``kind``, ``industry_chain``)."""

    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("名称、简介或专长")}),
    )
    kind = forms.ChoiceField(
        label=_("机构类型"), required=False, choices=[("", _("全部类型")), *OrganizationKind.choices]
    )
    industry_chain = LocalizedModelChoiceField(
        label=_("产业链"),
        required=False,
        queryset=IndustryChain.objects.all(),
        to_field_name="code",
        empty_label=_("全部产业链"),
    )


class FilterForm(forms.Form):
    """A GET filter form whose invalid values are ignored, not fatal (an unknown code in a shared link still lists
    everything else)."""

    def cleaned(self) -> dict:
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value not in (None, "")}


def region_choices(regions) -> list[tuple[str, str]]:
    """Select options for ``regions`` and all their parents, nested by level (province, city, county) and labelled
    in the page's language."""
    nodes = {}
    for region in regions:
        node = region
        while node is not None:
            nodes[node.code] = node
            node = node.parent
    depth = {"province": 0, "city": 1, "county": 2}
    return [(code, "\u3000" * depth.get(node.level, 0) + loc_name(node)) for code, node in sorted(nodes.items())]


class InstrumentFilterForm(FilterForm):
    """仪器共享's filters: free text, category, voucher eligibility and the owner's region (sub-regions included)."""

    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("名称、型号或厂商")}),
    )
    category = forms.ChoiceField(
        label=_("仪器分类"), required=False, choices=[("", _("全部分类")), *InstrumentCategory.choices]
    )
    voucher = forms.ChoiceField(
        label=_("创新券"),
        required=False,
        choices=[("", _("不限")), ("yes", _("可用创新券")), ("no", _("不可用创新券"))],
    )
    region = forms.ChoiceField(label=_("所在地区"), required=False, choices=[("", _("全部地区"))])

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("全部地区")), *region_choices(regions)]

    def filter(self, queryset):
        data = self.cleaned()
        if category := data.get("category"):
            queryset = queryset.filter(category=category)
        if voucher := data.get("voucher"):
            queryset = queryset.filter(voucher_eligible=voucher == "yes")
        if region := data.get("region"):
            queryset = queryset.filter(owner__region__code__startswith=region_prefix(region))
        if q := (data.get("q") or "").strip():
            queryset = queryset.filter(
                Q(name__icontains=q)
                | Q(name_en__icontains=q)
                | Q(model_number__icontains=q)
                | Q(manufacturer__icontains=q)
                | Q(capabilities__icontains=q)
            )
        return queryset


class ResultFilterForm(FilterForm):
    """科技成果's filters: free text, tech field, industry chain and transfer mode."""

    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("成果名称、摘要或关键词")}),
    )
    tech_field = LocalizedModelChoiceField(
        label=_("技术领域"), required=False, queryset=TechField.objects.all(), empty_label=_("全部技术领域")
    )
    chain = LocalizedModelChoiceField(
        label=_("产业链"),
        required=False,
        queryset=IndustryChain.objects.all(),
        to_field_name="code",
        empty_label=_("全部产业链"),
    )
    transfer_mode = forms.ChoiceField(
        label=_("转化方式"), required=False, choices=[("", _("全部方式")), *TransferMode.choices]
    )

    def filter(self, queryset):
        data = self.cleaned()
        if tech_field := data.get("tech_field"):
            queryset = queryset.filter(tech_field=tech_field)
        if chain := data.get("chain"):
            queryset = queryset.filter(industry_chains=chain)
        if mode := data.get("transfer_mode"):
            queryset = queryset.filter(transfer_modes__icontains=f'"{mode}"')  # a code inside the JSON list
        if q := (data.get("q") or "").strip():
            queryset = queryset.filter(Q(title__icontains=q) | Q(abstract__icontains=q) | Q(keywords__icontains=q))
        return queryset


class DemandFilterForm(FilterForm):
    """企业需求's filters: free text, supply-chain risk class, challenges (揭榜挂帅) and industry chain."""

    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("需求名称或问题描述")}),
    )
    risk = forms.ChoiceField(label=_("风险等级"), required=False, choices=[("", _("全部等级")), *RiskClass.choices])
    challenge = forms.ChoiceField(
        label=_("揭榜挂帅"),
        required=False,
        choices=[("", _("不限")), ("yes", _("仅揭榜挂帅")), ("no", _("普通需求"))],
    )
    chain = LocalizedModelChoiceField(
        label=_("产业链"),
        required=False,
        queryset=IndustryChain.objects.all(),
        to_field_name="code",
        empty_label=_("全部产业链"),
    )

    def filter(self, queryset):
        data = self.cleaned()
        if risk := data.get("risk"):
            queryset = queryset.filter(risk_class=risk)
        if challenge := data.get("challenge"):
            queryset = queryset.filter(is_challenge=challenge == "yes")
        if chain := data.get("chain"):
            queryset = queryset.filter(industry_chain=chain)
        if q := (data.get("q") or "").strip():
            queryset = queryset.filter(Q(title__icontains=q) | Q(problem__icontains=q))
        return queryset
