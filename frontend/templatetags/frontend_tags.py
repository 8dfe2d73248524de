"""Template helpers for the server-rendered pages."""

from django import template
from django.utils.translation import get_language

register = template.Library()


def is_english() -> bool:
    return (get_language() or "").lower().startswith("en")


@register.filter
def loc_name(obj) -> str:
    """The object's name in the current language: ``name_en`` on English pages when it is filled in, else ``name``.

    Works for organizations, regions and the taxonomies, which all keep the Chinese name in ``name``.
    """
    if obj is None:
        return ""
    if is_english():
        return getattr(obj, "name_en", "") or obj.name
    return obj.name


@register.filter
def alt_name(obj) -> str:
    """The name in the other language, shown as a subtitle (empty when there is none or it equals the main name)."""
    if obj is None:
        return ""
    other = obj.name if is_english() else getattr(obj, "name_en", "")
    return "" if other == loc_name(obj) else other


@register.filter
def html_lang(language_code: str) -> str:
    """A Django language code as a BCP 47 tag for ``<html lang>``: ``zh-hans`` → ``zh-Hans``."""
    code = (language_code or "").lower()
    if code.startswith("zh-hans"):
        return "zh-Hans"
    if code.startswith("zh-hant"):
        return "zh-Hant"
    return code or "zh-Hans"
