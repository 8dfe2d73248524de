"""Matching through a cache that an index change invalidates at once.

Ranking a demand's institutes, results and instruments costs tens of milliseconds of engine time and analysis, and
it changes only when the index does (a document indexed or removed, the index rebuilt) or when the demand's own
text or the thesaurus change — not when a page is reloaded. Every cached ranking is keyed by the demand's
``updated_at`` and by the *index generation*: a random token replaced after every index write
(``search.sync.index_document``, ``manage.py search_index``) and every thesaurus edit. A token rather than a counter:
two writers can never leave the value a reader already keyed with, so a write is never missed (a counter's
read-increment-write could lose one). Whatever an index write misses (e.g. a backend written to directly), the
entry's lifetime ``MATCH_CACHE_SECONDS`` bounds; 0 turns the cache off.

The instruments' first free slots are never cached: they change with every booking, and are read in two queries
for all candidates (``instruments.services.first_free_slots``).
"""

from uuid import uuid4

from django.conf import settings
from django.core.cache import cache

from marketplace.filtersets import area_query
from marketplace.models import Organization

from .matching import MATCHERS, demands_for_institute, instrument_candidates, with_free_slot

GENERATION_KEY = "search:generation"


def generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid4().hex, None)
        value = cache.get(GENERATION_KEY, "")
    return value


def index_changed() -> None:
    """The index or the thesaurus changed: every cached ranking is out of date."""
    cache.set(GENERATION_KEY, uuid4().hex, None)


def remember(parts: tuple, compute):
    """``compute()``, kept for ``MATCH_CACHE_SECONDS`` under ``parts`` and the current index generation. A failure
    (engine down) is raised, never cached."""
    seconds = settings.MATCH_CACHE_SECONDS
    if not seconds:
        return compute()
    key = "match:" + ":".join(str(part) for part in parts) + ":" + generation()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _demand_key(demand) -> tuple:
    return (demand.pk, demand.updated_at.isoformat() if demand.updated_at else "")


def in_area(candidates: list[dict], area: str | None) -> list[dict]:
    """The candidates whose owner lies in ``area`` (地区范围 ``local`` / ``delta``, see
    ``marketplace.filtersets.area_query``; anything else keeps them all), the owners' regions resolved in one query.
    Applied after the cache: the cached ranking is the same whatever area is asked for."""
    if area not in ("local", "delta") or not candidates:
        return candidates
    owners = {c["owner"] for c in candidates if c.get("owner")}
    inside = set(Organization.objects.filter(area_query(area), pk__in=owners).values_list("pk", flat=True))
    return [c for c in candidates if c.get("owner") in inside]


def matches(target: str, demand, limit: int = 10, now=None, area: str | None = None) -> list[dict]:
    """``search.matching.MATCHERS[target](demand, limit)``, cached; for instruments only the ranking is cached and
    the first free slots are read live (of the candidates in ``area``, if given: see ``in_area``)."""
    if target == "instruments":
        candidates = remember(("instruments", *_demand_key(demand)), lambda: instrument_candidates(demand))
        return with_free_slot(in_area(candidates, area), demand, limit=limit, now=now)
    return remember((target, limit, *_demand_key(demand)), lambda: MATCHERS[target](demand, limit=limit))


def demands_matching(organization, limit: int = 10) -> list[dict]:
    """``search.matching.demands_for_institute``, cached: both the institute's profile and the open demands are
    index documents, so any change to either changes the generation."""
    return remember(("institute-demands", organization.pk, limit), lambda: demands_for_institute(organization, limit))
