"""Search backends, configured like DATABASES (``settings.SEARCH_BACKENDS``; ``default`` is the one in use)."""

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string


@cache
def get_backend(alias: str = "default"):
    params = settings.SEARCH_BACKENDS[alias]
    return import_string(params["BACKEND"])(alias=alias, params=params)


def reset_backends():
    get_backend.cache_clear()


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    # override_settings(SEARCH_BACKENDS=...) in a test takes effect at once (and is undone with it).
    if setting == "SEARCH_BACKENDS":
        reset_backends()
