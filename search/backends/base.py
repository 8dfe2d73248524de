"""The interface every search backend implements, and what they share: queries, results, facets, highlights."""

import html
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from marketplace.exceptions import DomainError

from ..analysis import normalize, query_tokens

logger = logging.getLogger(__name__)

# ``evaluation``: the advancement grade of a result's latest issued evaluation report (科技成果评价).
FACETS = ("type", "industry_chain", "tech_field", "region", "category", "voucher_eligible", "risk_class", "evaluation",
          "price_range")  # fmt: skip
PRICE_RANGES = [(0, 500, "0-500"), (500, 2000, "500-2000"), (2000, 10000, "2000-10000"),
                (10000, 100000, "10000-100000"), (100000, None, "100000+")]  # fmt: skip
SORTS = ("relevance", "newest", "price_asc", "price_desc")


class SearchUnavailable(DomainError):
    """The search engine failed (down, misconfigured, timing out): the API answers 503 with ``Retry-After``; pages
    leave the search-backed box out with a notice."""

    status_code = 503
    default_code = "search_unavailable"
    default_message = _("搜索服务暂时不可用，请稍后重试。")
    retry_after = 30


@contextmanager
def engine_errors():
    """Turn any failure of the engine inside the block into ``SearchUnavailable`` (logged with its traceback).
    Domain errors raised on purpose pass through unchanged."""
    try:
        yield
    except DomainError:
        raise
    except Exception as exc:
        logger.exception("search engine call failed")
        raise SearchUnavailable() from exc


def price_range(price) -> str | None:
    if price is None:
        return None
    for low, high, label in PRICE_RANGES:
        if price >= low and (high is None or price < high):
            return label
    return None


@dataclass
class SearchQuery:
    text: str = ""
    types: tuple[str, ...] = ()
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    public_only: bool = True
    with_facets: bool = True

    @property
    def tokens(self) -> list[str]:
        return query_tokens(self.text) if self.text.strip() else []


@dataclass
class Hit:
    doc_id: str
    type: str
    object_id: int
    title: str
    score: float
    facets: dict
    highlight: str = ""
    matched: list[str] = field(default_factory=list)


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]


def facet_values(name: str, facets: dict, doc_type: str) -> list:
    """The values a document contributes to facet ``name`` (lists fan out)."""
    if name == "type":
        return [doc_type]
    if name == "price_range":
        label = price_range(facets.get("price"))
        return [label] if label else []
    value = facets.get(name)
    if value is None:
        return []
    return [str(v).lower() if isinstance(v, bool) else v for v in (value if isinstance(value, list) else [value])]


def facet_rows(doc_type: str, facets: dict) -> list[tuple[str, str]]:
    """Every ``(name, value)`` a document can be filtered or counted by: each facet it carries (lists fan out; the
    price as its range) and its type. The database backend stores these rows; ``matches_filters`` is the same rule
    in Python."""
    names = {"type", "price_range", *(name for name in facets if name != "price")}
    return sorted({(name, str(value)) for name in names for value in facet_values(name, facets, doc_type)})


def matches_filters(doc_type: str, facets: dict, filters: dict) -> bool:
    """Facet filters: equality on scalars, membership on lists, region by code prefix, price bounds."""
    for name, wanted in filters.items():
        if wanted in (None, ""):
            continue
        if name == "price_min":
            if facets.get("price") is None or facets["price"] < float(wanted):
                return False
        elif name == "price_max":
            if facets.get("price") is None or facets["price"] > float(wanted):
                return False
        elif str(wanted).lower() not in [str(v).lower() for v in facet_values(name, facets, doc_type)]:
            return False
    return True


def count_facets(rows) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for doc_type, facets in rows:
        for name in FACETS:
            for value in facet_values(name, facets, doc_type):
                counts[name][str(value)] = counts[name].get(str(value), 0) + 1
    return {name: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))) for name, values in counts.items()}


def highlight(text: str, tokens: list[str], width: int = 60) -> str:
    """A snippet around the first query term in ``text`` (its start without terms), HTML-escaped, with the matched
    terms in <em>. Always safe to render as HTML."""
    if not text:
        return ""
    lowered = normalize(text)
    terms = sorted({t for t in tokens if len(t) > 1 or not t.isascii()}, key=len, reverse=True)
    positions = [lowered.find(t) for t in terms if t in lowered]
    start = max(0, min(positions) - width // 3) if positions else 0
    snippet = text[start : start + width]
    escaped = html.escape(snippet)
    if terms:
        pattern = re.compile("|".join(re.escape(html.escape(t)) for t in terms), re.IGNORECASE)
        escaped = pattern.sub(lambda m: f"<em>{m.group(0)}</em>", escaped)
    return ("…" if start else "") + escaped + ("…" if start + width < len(text) else "")


class BaseSearchBackend:
    """What a backend does. Documents are the dicts built by ``search.documents``."""

    def __init__(self, alias: str, params: dict):
        self.alias = alias
        self.params = params

    def index(self, docs: list[dict]) -> None:
        raise NotImplementedError

    def delete(self, doc_ids: list[str]) -> None:
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def clear(self) -> None:
        """Remove every document."""
        raise NotImplementedError

    def get_document(self, doc_id: str) -> dict | None:
        """The stored document (its source fields), or None."""
        raise NotImplementedError

    def checksums(self, doc_type: str) -> dict[str, str]:
        """``{doc_id: checksum}`` of what the index holds, for drift detection."""
        raise NotImplementedError

    # --- saved searches (alerts) --------------------------------------------------------------------------------
    def save_subscription(self, subscription) -> None:
        """Register a saved search so ``matching_subscriptions`` can find it (engines: a percolator query)."""

    def delete_subscription(self, subscription_id: int) -> None:
        """Forget a saved search."""

    def matching_subscriptions(self, doc: dict) -> list[int]:
        """Ids of the saved searches that match ``doc``: every word of the query, or one of its synonyms, is among
        the document's tokens. The database backend checks them here; engines percolate."""
        from ..models import SearchSubscription

        tokens = set(doc["tokens"].split())
        return [
            sub.pk
            for sub in SearchSubscription.objects.all()
            if all(tokens & set(query_tokens(word)) for word in sub.query.split())
        ]

    def rebuild(self, docs_by_type, progress=None) -> int:
        """Replace the whole index with ``docs_by_type`` (an iterable of docs). Returns the number indexed."""
        raise NotImplementedError
