"""One parser for search parameters, shared by the search API and the search page, so both accept the same names
and values and build the same engine query.

The API is strict (a bad value is a 400 with field messages); the page is lenient (a bad value in a shared link is
dropped and the rest still applies).
"""

from rest_framework.exceptions import ValidationError

from .api.serializers import FILTERS, SearchParamsSerializer
from .backends.base import PRICE_RANGES, SearchQuery

RANGES = {label: (low, high) for low, high, label in PRICE_RANGES}


def validate(data, *, lenient: bool = False) -> tuple[dict, dict]:
    """``(validated, given)``: the validated parameters, and the raw values of those the caller gave that were valid
    (for building the page's links). Strict: raises ValidationError; lenient: drops the invalid ones."""
    serializer = SearchParamsSerializer(data=data)
    if not serializer.is_valid():
        if not lenient:
            raise ValidationError(serializer.errors)
        valid = {k: v for k, v in data.items() if k not in serializer.errors}
        serializer = SearchParamsSerializer(data=valid)
        serializer.is_valid(raise_exception=True)
    given = {k: data[k] for k in serializer.fields if k in data and k not in serializer.errors and data[k] != ""}
    return serializer.validated_data, given


def engine_filters(validated: dict) -> dict:
    """The engine's filters from validated parameters (a price range label becomes [low, high) bounds)."""
    filters = {name: validated[name] for name in FILTERS if validated.get(name) is not None}
    if "voucher_eligible" in filters:
        filters["voucher_eligible"] = str(filters["voucher_eligible"]).lower()
    if label := validated.get("price_range"):
        low, high = RANGES[label]
        filters["price_min"] = low
        if high is not None:
            filters["price_max"] = high - 0.01  # ranges are [low, high); prices have two decimals
    return filters


def build_query(validated: dict, *, page: int | None = None, page_size: int | None = None) -> SearchQuery:
    """The engine query for validated parameters (``page``/``page_size`` override the parameters')."""
    size = page_size or validated["page_size"]
    number = page or validated["page"]
    return SearchQuery(
        text=validated["q"],
        types=validated["type"],
        filters=engine_filters(validated),
        sort=validated["sort"],
        offset=(number - 1) * size,
        limit=size,
    )
