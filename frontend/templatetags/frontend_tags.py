"""Template helpers for the server-rendered pages."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


@register.filter
def money(value) -> str:
    """An amount in yuan with thousands separators: ``¥1,250,000`` (fen shown only when there are any)."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{amount:,.2f}"
    return "¥" + (text[:-3] if text.endswith(".00") else text)


@register.filter
def budget(demand) -> str:
    """A demand's budget: a range, one bound, or 面议 when neither is set."""
    low, high = demand.budget_min, demand.budget_max
    if low is not None and high is not None:
        return f"{money(low)} – {money(high)}" if low != high else money(low)
    if high is not None:
        return _("不超过 %(amount)s") % {"amount": money(high)}
    if low is not None:
        return _("不低于 %(amount)s") % {"amount": money(low)}
    return _("面议")


@register.filter
def clock(value, to_midnight=False) -> str:
    """A wall-clock time as HH:MM; the end of a window that runs to midnight reads 24:00."""
    if to_midnight:
        return "24:00"
    return value.strftime("%H:%M") if value else ""


# The tone (colour) of a status pill, by status value, across every app's lifecycle.
STATUS_TONES = {
    "info": {
        "confirmed",
        "in_progress",
        "submitted",
        "shortlisted",
        "open",
        "pending_review",
        "replied",
        "signed",
        "in_cooperation",
        "draft_signed",
        "held",
        "active",
    },
    "ok": {
        "completed",
        "accepted",
        "approved",
        "published",
        "solved",
        "registered",
        "paid",
        "settled",
        "redeemed",
        "verified",
        "transferred",
        "won",
    },
    "warn": {"requested", "pending", "draft", "in_notice", "waiting", "maintenance", "applied"},
    "danger": {"rejected", "no_show", "declined", "expired", "cancelled_late", "failed"},
}
TONE_OF = {status: tone for tone, statuses in STATUS_TONES.items() for status in statuses}


@register.filter
def tone(status) -> str:
    """The pill class of a status value: ``{{ booking.status|tone }}`` → ``pill-warn``; neutral when unknown
    (withdrawn, cancelled, closed …)."""
    found = TONE_OF.get(str(status))
    return f"pill-{found}" if found else ""


@register.inclusion_tag("frontend/includes/status.html")
def status_pill(obj, field="status"):
    """A status pill with the choice's label in the page's language: ``{% status_pill booking %}``."""
    value = getattr(obj, field)
    label = getattr(obj, f"get_{field}_display", lambda: value)()
    return {"value": value, "label": label, "tone": tone(value)}


@register.filter
def thesaurus_links(reasons) -> list[str]:
    """The market-thesaurus links among a match's ``reasons`` ("thesaurus:翘曲→模流分析"), as "翘曲 → 模流分析"."""
    prefix = "thesaurus:"
    return [r[len(prefix) :].replace("→", " → ") for r in reasons or () if r.startswith(prefix)]
