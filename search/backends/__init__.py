"""Search backends, configured like DATABASES (``settings.SEARCH_BACKENDS``; ``default`` is the one in use)."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@cache
def get_backend(alias: str = "default"):
    params = settings.SEARCH_BACKENDS[alias]
    return import_string(params["BACKEND"])(alias=alias, params=params)


def reset_backends():
    get_backend.cache_clear()
