"""Serializers of the search API."""

from rest_framework import serializers

from ..backends.base import FACETS, SORTS
from ..documents import TYPES
from ..models import SearchSubscription


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    type = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="comma-separated: " + ",".join(TYPES)
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
    price_min = serializers.DecimalField(max_digits=13, decimal_places=2, required=False)
    price_max = serializers.DecimalField(max_digits=13, decimal_places=2, required=False)

    def validate_type(self, value):
        types = tuple(t.strip() for t in value.split(",") if t.strip())
        unknown = set(types) - set(TYPES)
        if unknown:
            raise serializers.ValidationError(f"unknown type(s): {', '.join(sorted(unknown))}")
        return types


class HitSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField(source="object_id")
    title = serializers.CharField()
    score = serializers.FloatField()
    highlight = serializers.CharField()
    matched = serializers.ListField(child=serializers.CharField())
    facets = serializers.DictField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = HitSerializer(many=True)
    facets = serializers.DictField(help_text="facet → value → count: " + ", ".join(FACETS))


class MatchSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    score = serializers.FloatField()
    matched_terms = serializers.ListField(child=serializers.CharField())
    boosts = serializers.ListField(child=serializers.CharField(), required=False)
    because_of = serializers.DictField(required=False)
    first_free_slot = serializers.CharField(required=False)


class SearchSubscriptionSerializer(serializers.ModelSerializer):
    types = serializers.ListField(child=serializers.ChoiceField(choices=TYPES), required=False)

    class Meta:
        model = SearchSubscription
        fields = ["id", "query", "types", "created_at"]
        read_only_fields = ["created_at"]
