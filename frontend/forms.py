"""Forms of the server-rendered pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from demands.choices import RiskClass
from instruments.choices import InstrumentCategory
from marketplace.choices import OrganizationKind
from marketplace.filtersets import AREA_CHOICES
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


class InstrumentFilterForm(forms.Form):
    """仪器共享's filters, labelled for the page. Only presentation: the filtering itself is the API's
    ``InstrumentFilterSet`` (same parameter names: ``q``, ``category``, ``voucher_eligible``, ``region`` — the
    owner's region, sub-regions included —, ``area`` — 本地 / 长三角其他城市)."""

    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("名称、型号或厂商")}),
    )
    category = forms.ChoiceField(
        label=_("仪器分类"), required=False, choices=[("", _("全部分类")), *InstrumentCategory.choices]
    )
    voucher_eligible = forms.ChoiceField(
        label=_("创新券"),
        required=False,
        choices=[("", _("不限")), ("true", _("可用创新券")), ("false", _("不可用创新券"))],
    )
    region = forms.ChoiceField(label=_("所在地区"), required=False, choices=[("", _("全部地区"))])
    area = forms.ChoiceField(
        label=_("地区范围"),
        required=False,
        choices=[("", _("全部")), *[(value, label) for value, label in AREA_CHOICES if value != "all"]],
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("全部地区")), *region_choices(regions)]


class ResultFilterForm(forms.Form):
    """科技成果's filters, labelled for the page. Only presentation: the filtering itself is the API's
    ``ResultFilterSet`` (same parameter names: ``q``, ``tech_field``, ``industry_chain``, ``transfer_mode``,
    ``min_trl``, ``negotiable``)."""

    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("成果名称、摘要或关键词")}),
    )
    tech_field = LocalizedModelChoiceField(
        label=_("技术领域"),
        required=False,
        queryset=TechField.objects.all(),
        to_field_name="code",
        empty_label=_("全部技术领域"),
    )
    industry_chain = LocalizedModelChoiceField(
        label=_("产业链"),
        required=False,
        queryset=IndustryChain.objects.all(),
        to_field_name="code",
        empty_label=_("全部产业链"),
    )
    transfer_mode = forms.ChoiceField(
        label=_("转化方式"), required=False, choices=[("", _("全部方式")), *TransferMode.choices]
    )
    min_trl = forms.ChoiceField(
        label=_("技术成熟度"),
        required=False,
        choices=[("", _("不限")), *((str(n), f"TRL ≥ {n}") for n in range(2, 10))],
    )
    negotiable = forms.ChoiceField(
        label=_("价格"), required=False, choices=[("", _("不限")), ("false", _("明码标价")), ("true", _("面议"))]
    )


class DemandFilterForm(forms.Form):
    """企业需求's filters, labelled for the page. Only presentation: the filtering itself is the API's
    ``DemandFilterSet`` (same parameter names: ``q``, ``risk_class``, ``is_challenge``, ``industry_chain``)."""

    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("需求名称或问题描述")}),
    )
    risk_class = forms.ChoiceField(
        label=_("风险等级"), required=False, choices=[("", _("全部等级")), *RiskClass.choices]
    )
    is_challenge = forms.ChoiceField(
        label=_("揭榜挂帅"),
        required=False,
        choices=[("", _("不限")), ("true", _("仅揭榜挂帅")), ("false", _("普通需求"))],
    )
    industry_chain = LocalizedModelChoiceField(
        label=_("产业链"),
        required=False,
        queryset=IndustryChain.objects.all(),
        to_field_name="code",
        empty_label=_("全部产业链"),
    )
