"""Serializers of the search API."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from marketplace.api.base import CappedSerializer, ValidatedModelSerializer
from tech_transfer.choices import EvaluationGrade

from ..backends.base import FACETS, PRICE_RANGES, SORTS
from ..documents import TYPES
from ..models import SearchSubscription

# Filters passed to the engine as they are (``price_range`` is turned into price bounds by search.params).
FILTERS = ("industry_chain", "tech_field", "region", "category", "voucher_eligible", "risk_class", "evaluation",
           "price_min", "price_max")  # fmt: skip


class SearchParamsSerializer(CappedSerializer):
    """The search parameters of the API and the search page (search.params parses both with it)."""

    q = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    type = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=format_lazy("{}{}", _("逗号分隔，可选："), ",".join(TYPES)),
    )
    sort = serializers.ChoiceField(choices=SORTS, default="relevance")
    page = serializers.IntegerField(min_value=1, max_value=1000, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=100, default=20)
    industry_chain = serializers.CharField(required=False)
    tech_field = serializers.CharField(required=False)
    region = serializers.RegexField(r"^\d{6}$", required=False)
    category = serializers.CharField(required=False)
    voucher_eligible = serializers.BooleanField(required=False, allow_null=True, default=None)
    risk_class = serializers.ChoiceField(choices=["green", "yellow", "red"], required=False)
    evaluation = serializers.ChoiceField(
        choices=EvaluationGrade.values, required=False, help_text=_("成果评价等级（先进性），如 domestic_leading")
    )
    price_min = serializers.DecimalField(max_digits=13, decimal_places=2, required=False)
    price_max = serializers.DecimalField(max_digits=13, decimal_places=2, required=False)
    price_range = serializers.ChoiceField(
        choices=[label for _low, _high, label in PRICE_RANGES], required=False, help_text=_("价格分面的取值")
    )

    def validate_type(self, value):
        types = tuple(t.strip() for t in value.split(",") if t.strip())
        unknown = set(types) - set(TYPES)
        if unknown:
            raise serializers.ValidationError(_("未知的类型：%(types)s") % {"types": ", ".join(sorted(unknown))})
        return types


class HitSerializer(CappedSerializer):
    type = serializers.CharField()
    id = serializers.IntegerField(source="object_id")
    title = serializers.CharField()
    score = serializers.FloatField()
    highlight = serializers.CharField()
    matched = serializers.ListField(child=serializers.CharField())
    facets = serializers.DictField()


class SearchResponseSerializer(CappedSerializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = HitSerializer(many=True)
    facets = serializers.DictField(help_text="facet → value → count: " + ", ".join(FACETS))


class MatchSerializer(CappedSerializer):
    type = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    score = serializers.FloatField()
    matched_terms = serializers.ListField(child=serializers.CharField())
    boosts = serializers.ListField(child=serializers.CharField(), required=False)
    # Why beyond shared words: the market thesaurus links used ("thesaurus:翘曲→模流分析").
    reasons = serializers.ListField(child=serializers.CharField(), required=False)
    because_of = serializers.DictField(required=False)
    first_free_slot = serializers.CharField(required=False)


class SearchSubscriptionSerializer(ValidatedModelSerializer):
    types = serializers.ListField(child=serializers.ChoiceField(choices=TYPES), required=False)

    class Meta:
        model = SearchSubscription
        fields = ["id", "query", "types", "created_at"]
        read_only_fields = ["created_at"]
