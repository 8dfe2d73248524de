"""Matched suggestions for an event: the published results the search backend finds for each featured demand."""

import logging

from search.matching import match_results

logger = logging.getLogger(__name__)
LIMIT = 3


def result_suggestions(event, limit=LIMIT) -> list[dict]:
    """``[{"demand": id, "title": …, "results": [match entries]}]``; a failing search engine gives empty lists (the
    event page must not fail because the engine does)."""
    suggestions = []
    featured = set(event.featured_results.values_list("pk", flat=True))
    for demand in event.featured_demands.all():
        try:
            matches = match_results(demand, limit=limit + len(featured))
        except Exception:
            logger.exception("event %s: matching demand %s failed", event.pk, demand.pk)
            matches = []
        # Results already featured come first: they are on the stage anyway.
        matches.sort(key=lambda m: m.get("id") not in featured)
        suggestions.append({"demand": demand.pk, "title": demand.title, "results": matches[:limit]})
    return suggestions
