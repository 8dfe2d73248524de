"""预约: booking an instrument from the web and following the booking through — the same booking services as the API
(rules, frozen quote, voucher co-payment, the late-cancellation rule), as the acting organization.

- the booking form offers only what a request accepts: a day and a start among the free slots on the slot grid, and
  a duration among the allowed ones; the service validates again (the page never decides a rule);
- the quote (price tier, quantity × unit price, the voucher part and the co-payment) is previewed before submitting,
  live through a small fragment endpoint or with a 预览 button without JS, from the very functions the request uses;
- a booking's page shows its quote, voucher hold, fees, actual use, invoice and its audit trail; cancelling shows the
  fee first; 我的预约 lists the organization's bookings through the API's BookingFilterSet.
"""

import datetime as dt
import math
import re
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from instruments import downtime as downtime_service
from instruments import series as series_service
from instruments import services, usage
from instruments.choices import (
    LIVE_BOOKING_STATUSES,
    BookingStatus,
    PriceUnit,
    SeriesConflictPolicy,
    SeriesFrequency,
)
from instruments.filtersets import BookingFilterSet
from instruments.models import Booking, BookingSeries, Instrument
from instruments.rules import at
from instruments.series import MAX_OCCURRENCES
from marketplace.choices import AuditAction, OrganizationKind
from marketplace.exceptions import DomainError
from marketplace.models import AuditEntry
from marketplace.money import ZERO
from vouchers.choices import HoldStatus
from vouchers.models import VoucherHold
from vouchers.services import payments

from ..templatetags.frontend_tags import loc_name, money
from .base import (
    acting_organization,
    filter_queryset,
    paginate,
    require_party,
    run_service,
    safe_next,
    show_error,
    workspace_view,
)
from .instruments import default_duration, duration_choices

#: How many days ahead the booking form offers (within the instrument's own advance window).
FORM_DAYS = 14


# ------------------------------------------------------------------------------------------------------ free time


def duration_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(m)d 分钟") % {"m": rest}
    if not rest:
        return _("%(h)d 小时") % {"h": hours}
    return _("%(h)d 小时 %(m)d 分钟") % {"h": hours, "m": rest}


class FreeTime:
    """The free slots of the coming ``FORM_DAYS`` days as the form needs them: per local day, the free intervals (in
    minutes from that day's midnight; an interval may run past midnight) and the grid starts where the shortest
    allowed booking fits."""

    def __init__(self, instrument, now=None):
        self.instrument = instrument
        now = now or timezone.now()
        self.today = timezone.localdate(now)
        durations = duration_choices(instrument)
        self.durations = durations
        self.minimum = durations[0] if durations else None
        self.days: dict[dt.date, list[tuple[int, int]]] = {}
        self.starts: dict[dt.date, list[str]] = {}
        if self.minimum is None:
            return
        until = at(self.today + dt.timedelta(days=FORM_DAYS), dt.time.min)
        step = instrument.slot_minutes
        for start, end in services.available_slots(instrument, now, until, now=now):
            day = timezone.localtime(start).date()
            while at(day, dt.time.min) < end:
                midnight = at(day, dt.time.min)
                first = int((max(start, midnight) - midnight).total_seconds() // 60)
                last = int((end - midnight).total_seconds() // 60)
                if first < 24 * 60 and last - first >= self.minimum:
                    self.days.setdefault(day, []).append((first, last))
                    starts = self.starts.setdefault(day, [])
                    for minute in range(first, min(last - self.minimum, 24 * 60 - 1) + 1, step):
                        starts.append(f"{minute // 60:02d}:{minute % 60:02d}")
                day += dt.timedelta(days=1)

    def day_choices(self) -> list[tuple[str, str]]:
        labels = {0: _("今天"), 1: _("明天")}
        choices = []
        for day in sorted(self.days):
            extra = labels.get((day - self.today).days)
            label = f"{day:%m-%d} {WEEKDAYS[day.weekday()]}" + (_("（%(note)s）") % {"note": extra} if extra else "")
            choices.append((day.isoformat(), label))
        return choices

    def time_choices(self) -> list[tuple[str, str]]:
        return [(t, t) for t in sorted({t for starts in self.starts.values() for t in starts})]

    def room(self, day: dt.date, clock: str) -> int:
        """Minutes free from ``clock`` on ``day`` (0 when the start is not free)."""
        hour, minute = (int(part) for part in clock.split(":"))
        at_minute = hour * 60 + minute
        return max((last - at_minute for first, last in self.days.get(day, []) if first <= at_minute < last), default=0)

    def first_start(self, minutes: int | None = None) -> tuple[str, str] | None:
        """The earliest free start (where ``minutes`` fit, when given)."""
        for day in sorted(self.starts):
            for clock in self.starts[day]:
                if minutes is None or self.room(day, clock) >= minutes:
                    return day.isoformat(), clock
        return None

    def as_json(self) -> dict:
        return {"min": self.minimum, "days": {day.isoformat(): spans for day, spans in self.days.items()}}


# ------------------------------------------------------------------------------------------------------ the form


class ServiceItemChoiceField(forms.ModelChoiceField):
    """Service items labelled by name and unit (the price depends on the requester's tier: the quote shows it)."""

    def label_from_instance(self, obj):
        return _("%(name)s（按%(unit)s计价）") % {"name": obj.name, "unit": obj.get_unit_display()}


class BookingForm(forms.Form):
    """A booking request. Times are chosen, never typed: a day and a start among the free slots, and a duration
    among the allowed ones. The start and end it yields are validated again by ``services.request_booking``."""

    service_item = ServiceItemChoiceField(queryset=None, label=gettext_lazy("服务项目"), empty_label=None)
    day = forms.ChoiceField(label=gettext_lazy("日期"))
    time = forms.ChoiceField(label=gettext_lazy("开始时间"))
    duration = forms.TypedChoiceField(label=gettext_lazy("时长"), coerce=int)
    sample_count = forms.IntegerField(
        label=gettext_lazy("样品数"),
        min_value=0,
        max_value=10000,
        initial=1,
        required=False,
        help_text=gettext_lazy("按样品计价的项目必填。"),
    )
    purpose = forms.CharField(
        label=gettext_lazy("用途说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    use_voucher = forms.BooleanField(label=gettext_lazy("使用创新券抵扣"), required=False)
    # 重复预约: the same slot every day or week, a number of times or until a date (instruments.series).
    repeat = forms.ChoiceField(
        label=gettext_lazy("重复预约"),
        required=False,
        choices=[("", gettext_lazy("不重复")), *SeriesFrequency.choices],
    )
    repeat_count = forms.IntegerField(
        label=gettext_lazy("重复次数"),
        required=False,
        min_value=2,
        max_value=MAX_OCCURRENCES,
        help_text=gettext_lazy("含首次，最多 52 次；或填写截止日期。"),
    )
    repeat_until = forms.DateField(
        label=gettext_lazy("重复至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    on_conflict = forms.ChoiceField(
        label=gettext_lazy("遇到冲突时"),
        choices=SeriesConflictPolicy.choices,
        initial=SeriesConflictPolicy.SKIP,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, instrument, free: FreeTime, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.fields["service_item"].queryset = instrument.service_items.filter(active=True).order_by("id")
        self.fields["day"].choices = free.day_choices()
        self.fields["time"].choices = free.time_choices()
        self.fields["duration"].choices = [(m, duration_label(m)) for m in free.durations]
        if not any(item.unit == PriceUnit.SAMPLE for item in self.fields["service_item"].queryset):
            del self.fields["sample_count"]
        if not instrument.voucher_eligible:
            del self.fields["use_voucher"]

    def clean(self):
        data = super().clean()
        day, clock, minutes = data.get("day"), data.get("time"), data.get("duration")
        if day and clock and minutes:
            start = at(dt.date.fromisoformat(day), dt.time.fromisoformat(clock))
            data["start"], data["end"] = start, start + dt.timedelta(minutes=minutes)
        if data.get("repeat"):
            if (data.get("repeat_count") is None) == (data.get("repeat_until") is None):
                self.add_error("repeat_count", _("请填写重复次数或截止日期（二选一）。"))
            data["on_conflict"] = data.get("on_conflict") or SeriesConflictPolicy.SKIP
        return data


#: Where a service's field errors go on this form (it asks for a start and a duration, not for start and end).
SERVICE_FIELDS = {"start": "time", "end": "duration"}


def show_booking_error(form, exc) -> None:
    if isinstance(exc, DjangoValidationError):
        form.add_error(None, exc.messages)
        return
    names = [SERVICE_FIELDS.get(name, name) for name in (exc.details.get("errors") or {})]
    form.add_error(next((name for name in names if name in form.fields), None), str(exc.message))


def booking_preview(request, instrument, data) -> dict:
    """What submitting ``data`` (a valid form's cleaned data) would freeze: the quote of ``services.quote`` and the
    voucher part of ``payments.preview_booking_hold`` — the functions the request itself runs — and the rule it
    would break, if any."""
    organization = request.organization
    item, start, end = data["service_item"], data["start"], data["end"]
    sample_count = data.get("sample_count") or 0
    quote = services.quote(organization, instrument, item, start=start, end=end, sample_count=sample_count)
    voucher = payments.preview_booking_hold(organization, instrument, quote.amount, start=start)
    use_voucher = bool(data.get("use_voucher"))
    voucher_part = voucher.amount if use_voucher and voucher else ZERO
    problem = None
    try:
        services.check_rules(
            instrument, item, user=request.user, start=start, end=end, sample_count=sample_count, now=timezone.now()
        )
    except DomainError as exc:
        problem = str(exc.message)
    region_note = _region_note(organization, instrument, start) if voucher is None else ""
    if use_voucher and voucher is None and problem is None:
        problem = region_note or _("没有可用于该服务的创新券余额，请取消勾选“使用创新券抵扣”。")
    return {
        "region_note": region_note,
        "quote": quote,
        "item": item,
        "start": start,
        "end": end,
        "use_voucher": use_voucher,
        "voucher": voucher,
        "voucher_part": voucher_part,
        "copay": quote.amount - voucher_part,
        "problem": problem,
        "quantity": _plain(quote.quantity),
        "coverage": f"{format((voucher.grant.program.coverage_ratio * 100).normalize(), 'f')}%" if voucher else "",
    }


def _region_note(organization, instrument, start) -> str:
    """Why the firm's vouchers cannot pay here when the programme does not accept the owner's region (长三角: the
    rule ``payments.region_refused_grants`` applies, the one that picks usable grants), else ""."""
    refused = payments.region_refused_grants(organization, instrument, start)
    if not refused:
        return ""
    region = instrument.owner.region
    return _("您的创新券（%(programs)s）不适用于该地区（%(city)s）的服务机构。") % {
        "programs": "、".join(dict.fromkeys(grant.program.name for grant in refused)),
        "city": loc_name(region.city) if region.city == region else f"{loc_name(region.city)}{loc_name(region)}",
    }


def _bookable_instrument(request, pk):
    return get_object_or_404(
        Instrument.objects.visible_to(request.user)
        .select_related("owner__region__parent")
        .prefetch_related("opening_hours"),
        pk=pk,
    )


def _initial(request, instrument, free: FreeTime) -> dict:
    """The form's first values: what the link carries (a clicked slot, a rebooking), else the first free start and
    a default duration; vouchers ticked where the instrument accepts them."""
    query = request.GET
    initial = {
        name: query[name] for name in ("service_item", "day", "time", "duration", "sample_count") if query.get(name)
    }
    if "service_item" not in initial:
        first = instrument.service_items.filter(active=True).order_by("id").first()
        if first is not None:
            initial["service_item"] = str(first.pk)
    if "day" not in initial or "time" not in initial:
        wanted = int(initial["duration"]) if initial.get("duration", "").isdigit() else None
        first_start = free.first_start(wanted) or free.first_start()
        if first_start is not None:
            initial["day"], initial["time"] = first_start
    if "duration" not in initial and "day" in initial and "time" in initial:
        try:
            room = free.room(dt.date.fromisoformat(initial["day"]), initial["time"])
        except ValueError:
            room = 0
        duration = default_duration(instrument, room or None)
        if duration:
            initial["duration"] = str(duration)
    if instrument.service_items.filter(active=True, unit=PriceUnit.SAMPLE).exists():
        initial.setdefault("sample_count", "1")
    if instrument.voucher_eligible:
        initial["use_voucher"] = query.get("use_voucher", "on") in ("on", "1", "true")
    return initial


def _as_data(initial: dict) -> dict:
    data = {k: v for k, v in initial.items() if k != "use_voucher"}
    if initial.get("use_voucher"):
        data["use_voucher"] = "on"
    return data


@workspace_view()
def book_instrument(request, pk):
    """Request a booking as the acting organization, with the quote shown before submitting. Rule breaks and
    conflicts come back on the form; a success opens the new booking's page."""
    instrument = _bookable_instrument(request, pk)
    free = FreeTime(instrument)
    preview = None
    conflicts = []
    if request.method == "POST":
        form = BookingForm(request.POST, instrument=instrument, free=free)
        if form.is_valid():
            data = form.cleaned_data
            if "preview" not in request.POST and data.get("repeat") and not form.errors:
                result = _book_series(request, instrument, form)
                if result is not None:
                    return redirect(result.series)
                conflicts = getattr(form, "series_conflicts", [])
            elif "preview" not in request.POST and not form.errors:
                try:
                    booking = services.request_booking(
                        actor=request.user,
                        organization=request.organization,
                        instrument=instrument,
                        service_item=data["service_item"],
                        start=data["start"],
                        end=data["end"],
                        sample_count=data.get("sample_count") or 0,
                        purpose=data.get("purpose", ""),
                        payment={"use_voucher": bool(data.get("use_voucher"))},
                    )
                except (DomainError, DjangoValidationError) as exc:
                    show_booking_error(form, exc)
                else:
                    messages.success(
                        request,
                        _("预约已提交（%(status)s），报价 %(amount)s。")
                        % {"status": booking.get_status_display(), "amount": money(booking.amount)},
                    )
                    return redirect(booking)
            preview = booking_preview(request, instrument, data)
            if form.errors:  # the refusal is already on the form
                preview["problem"] = None
    else:
        initial = _initial(request, instrument, free)
        form = BookingForm(initial=initial, instrument=instrument, free=free)
        probe = BookingForm(_as_data(initial), instrument=instrument, free=free)
        if probe.is_valid():
            preview = booking_preview(request, instrument, probe.cleaned_data)
    return render(
        request,
        "frontend/booking_form.html",
        {
            "instrument": instrument,
            "form": form,
            "organization": request.organization,
            "preview": preview,
            "free_time": free.as_json(),
            "has_free_time": bool(free.days),
            "form_days": FORM_DAYS,
            "conflicts": conflicts,
        },
    )


def _occurrence_rows(rows) -> list[dict]:
    """Skipped / conflicting occurrences (``[{start, end, code, message}]`` as stored) with parsed times."""
    return [
        {**row, "start": dt.datetime.fromisoformat(row["start"]), "end": dt.datetime.fromisoformat(row["end"])}
        for row in rows
    ]


def _book_series(request, instrument, form):
    """Book the form's series (``series.book_series``); a refusal goes on the form, with the conflicting dates."""
    data = form.cleaned_data
    try:
        result = series_service.book_series(
            actor=request.user,
            organization=request.organization,
            instrument=instrument,
            service_item=data["service_item"],
            start=data["start"],
            end=data["end"],
            frequency=data["repeat"],
            count=data.get("repeat_count"),
            until=data.get("repeat_until"),
            on_conflict=data["on_conflict"],
            sample_count=data.get("sample_count") or 0,
            purpose=data.get("purpose", ""),
            payment={"use_voucher": bool(data.get("use_voucher"))},
        )
    except (DomainError, DjangoValidationError) as exc:
        names = {"frequency": "repeat", "count": "repeat_count", "until": "repeat_until", **SERVICE_FIELDS}
        if isinstance(exc, DomainError):
            fields = [names.get(name, name) for name in (exc.details.get("errors") or {})]
            form.add_error(next((f for f in fields if f in form.fields), None), str(exc.message))
            form.series_conflicts = _occurrence_rows(exc.details.get("conflicts") or [])
        else:
            form.add_error(None, exc.messages)
        return None
    text = _("重复预约已提交：预约 %(n)d 次。") % {"n": len(result.bookings)}
    if result.skipped:
        text += " " + _("跳过 %(m)d 次冲突的日期。") % {"m": len(result.skipped)}
    messages.success(request, text)
    return result


def _visible_series(request, pk):
    return get_object_or_404(
        BookingSeries.objects.visible_to(request.user).select_related(
            "instrument__owner", "service_item", "requester_org", "requester"
        ),
        pk=pk,
    )


@login_required
def booking_series_detail(request, pk):
    """A recurring booking: its occurrences (each a booking with its own status), the dates skipped and why, and
    cancelling every future occurrence. Only its parties (and administrators) see it (404 otherwise). Four
    queries whatever the number of occurrences."""
    booking_series = _visible_series(request, pk)
    organization = acting_organization(request)
    now = timezone.now()
    bookings = list(booking_series.bookings.order_by("start"))
    is_party = organization is not None and organization.pk in (
        booking_series.requester_org_id,
        booking_series.instrument.owner_id,
    )
    future = [b for b in bookings if b.is_live and b.start > now]
    return render(
        request,
        "frontend/bookings/series_detail.html",
        {
            "series": booking_series,
            "bookings": bookings,
            "skipped": _occurrence_rows(booking_series.skipped),
            "future": future,
            "can_cancel": is_party and bool(future),
            "organization": organization,
            "form": CancelForm(),
        },
    )


@require_POST
@workspace_view()
def booking_series_cancel(request, pk):
    """Cancel every occurrence that has not started (``series.cancel_series``; each one's late-fee rule applies)."""
    booking_series = _visible_series(request, pk)
    require_party(request, booking_series.requester_org_id, booking_series.instrument.owner_id)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    result = run_service(
        request,
        series_service.cancel_series,
        booking_series,
        actor=request.user,
        organization=request.organization,
        reason=reason,
    )
    if result is not None:
        text = _("已取消 %(n)d 次后续预约。") % {"n": len(result.cancelled)}
        fees = sum((b.fee for b in result.cancelled), ZERO)
        if fees > ZERO:
            text += " " + _("其中逾期取消费合计 %(fee)s。") % {"fee": money(fees)}
        if result.failed:
            text += " " + _("%(m)d 次已无法取消。") % {"m": len(result.failed)}
        messages.success(request, text)
    return redirect(booking_series)


@workspace_view()
def booking_quote(request, pk):
    """The quote box for the form's current values (an HTML fragment the booking form's script swaps in)."""
    instrument = _bookable_instrument(request, pk)
    free = FreeTime(instrument)
    form = BookingForm(request.GET, instrument=instrument, free=free)
    preview = booking_preview(request, instrument, form.cleaned_data) if form.is_valid() else None
    errors = [] if preview else [e for field in form.errors.values() for e in field]
    return render(request, "frontend/bookings/quote.html", {"preview": preview, "errors": errors})


# ------------------------------------------------------------------------------------------------------ the lists


class BookingFilterForm(forms.Form):
    """我的预约's filters, labelled for the page. Only presentation: the filtering is the API's ``BookingFilterSet``
    (same parameter names: ``status``, ``when``)."""

    status = forms.ChoiceField(
        label=gettext_lazy("状态"), required=False, choices=[("", gettext_lazy("全部状态")), *BookingStatus.choices]
    )
    when = forms.ChoiceField(
        label=gettext_lazy("时间"),
        required=False,
        choices=[("", gettext_lazy("全部")), ("upcoming", gettext_lazy("即将进行")), ("past", gettext_lazy("已结束"))],
    )


def _valid_params(form, query):
    params = query.copy()
    if form.is_bound and not form.is_valid():
        for name in form.errors:
            params.pop(name, None)
    return params


OWNER_KINDS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)


@workspace_view()
def booking_list(request):
    """我的预约: the acting organization's bookings (20 a page, filtered by status and upcoming / past through the
    API's FilterSet) and, for an instrument owner, the latest bookings of its instruments."""
    organization = request.organization
    form = BookingFilterForm(request.GET or None)
    params = _valid_params(form, request.GET)
    mine = (
        Booking.objects.visible_to(request.user)
        .filter(requester_org=organization)
        .select_related("instrument", "service_item", "voucher_hold")
    )
    mine = filter_queryset(BookingFilterSet, params, mine, request=request)
    mine = mine.order_by("start", "id") if params.get("when") == "upcoming" else mine.order_by("-start", "-id")
    page = paginate(request, mine)
    incoming = []
    if organization.kind in OWNER_KINDS:
        incoming = list(
            Booking.objects.filter(instrument__owner=organization)
            .select_related("instrument", "requester_org", "service_item")
            .order_by("-start", "-id")[:10]
        )
    return render(
        request,
        "frontend/booking_list.html",
        {
            "organization": organization,
            "form": form,
            "page_obj": page,
            "bookings": page.object_list,
            "incoming": incoming,
            "filtered": any(params.get(name) for name in form.fields),
        },
    )


# ------------------------------------------------------------------------------------------------------ one booking


def invoice_url(invoice) -> str:
    """The invoice's page if the site has one, else its stored document through the API."""
    page = getattr(invoice, "get_absolute_url", None)
    if page is not None:
        return page()
    for name in ("api:invoice-document", "api:invoice-invoice-pdf", "api:invoice-detail"):
        try:
            return reverse(name, args=[invoice.pk])
        except NoReverseMatch:
            continue
    return ""


def _status_label(value: str) -> str:
    try:
        return str(BookingStatus(value).label)
    except ValueError:
        return value


def _audit_text(entry) -> str:
    """What an audit entry of a booking says, for people."""
    if entry.action == AuditAction.CREATE:
        status = entry.transition.split("→")[-1] if entry.transition else ""
        return _("提交预约（%(s)s）") % {"s": _status_label(status)} if status else _("提交预约")
    if entry.transition and "→" in entry.transition:
        before, after = entry.transition.split("→", 1)
        return _("状态：%(a)s → %(b)s") % {"a": _status_label(before), "b": _status_label(after)}
    return entry.get_action_display()


def booking_timeline(booking, hold) -> list[dict]:
    """Who did what when: the booking's audit entries and its voucher hold's ledger entries, oldest first."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Booking), object_id=str(booking.pk)
    ).select_related("organization", "actor")
    events = [
        {
            "at": entry.created_at,
            "who": " · ".join(
                filter(None, [entry.organization.name if entry.organization else "", _actor_name(entry)])
            ),
            "what": _audit_text(entry),
            "note": entry.note,
        }
        for entry in entries
    ]
    if hold is not None:
        for entry in hold.entries.all():
            events.append(
                {
                    "at": entry.created_at,
                    "who": _("创新券"),
                    "what": _("%(kind)s %(amount)s")
                    % {"kind": entry.get_kind_display(), "amount": money(entry.amount)},
                    "note": "",
                }
            )
    return sorted(events, key=lambda event: event["at"])


def _actor_name(entry) -> str:
    if entry.actor is not None:
        return str(entry.actor)
    return entry.actor_repr if entry.actor_repr != "system" else _("系统")


def _plain(number) -> str:
    """A quantity without trailing zeros: 2.00 → 2, 1.50 → 1.5, 10.00 → 10."""
    return "" if number is None else format(number.normalize(), "f")


def _visible_booking(request, pk):
    return get_object_or_404(
        Booking.objects.visible_to(request.user).select_related(
            "instrument__owner",
            "service_item",
            "requester_org",
            "requester",
            "voucher_hold__grant__program",
            "operated_by",
            "downtime",
            "series",
        ),
        pk=pk,
    )


def rebook_url(booking) -> str:
    """The booking form pre-filled with the same service item, duration, samples and voucher choice."""
    minutes = int((booking.end - booking.start).total_seconds() // 60)
    params = {"service_item": booking.service_item_id, "duration": minutes}
    if booking.sample_count:
        params["sample_count"] = booking.sample_count
    params["use_voucher"] = "on" if getattr(booking, "voucher_hold", None) is not None else "off"
    return reverse("frontend:book_instrument", args=[booking.instrument_id]) + "?" + urlencode(params)


def _can_cancel(booking, organization, now) -> bool:
    return (
        organization is not None
        and organization.pk in (booking.requester_org_id, booking.instrument.owner_id)
        and booking.is_live
        and now < booking.start
    )


@login_required
def booking_detail(request, pk):
    """A booking: what, when, its status, quote and final amount, voucher hold, fees, actual use, invoice and the
    timeline of who did what. Only its two parties (and administrators) see it; everyone else gets a 404."""
    booking = _visible_booking(request, pk)
    organization = acting_organization(request)
    hold = getattr(booking, "voucher_hold", None)
    now = timezone.now()
    invoices = [{"invoice": i, "url": invoice_url(i)} for i in booking.invoices.order_by("issued_at", "id")]
    is_requester = organization is not None and organization.pk == booking.requester_org_id
    voucher_part = ZERO
    if hold is not None and hold.status == HoldStatus.OPEN:
        voucher_part = hold.amount
    elif hold is not None and hold.status == HoldStatus.REDEEMED:
        voucher_part = hold.redeemed_amount
    terms = (
        services.cancellation_terms(booking, organization, now=now) if _can_cancel(booking, organization, now) else None
    )
    is_owner = organization is not None and organization.pk == booking.instrument.owner_id
    calendar_url = ""
    if is_owner:
        calendar_url = (
            reverse("frontend:booking_calendar", args=[booking.instrument_id])
            + "?week="
            + week_param(
                timezone.localdate(booking.start) - dt.timedelta(days=timezone.localdate(booking.start).weekday())
            )
        )
    return render(
        request,
        "frontend/bookings/detail.html",
        {
            "booking": booking,
            "hold": hold,
            "invoices": invoices,
            "timeline": booking_timeline(booking, hold),
            "organization": organization,
            "is_requester": is_requester,
            "is_owner": is_owner,
            "owner_actions": owner_actions(booking, now) if is_owner else None,
            "reject_form": RejectForm() if is_owner else None,
            "calendar_url": calendar_url,
            "can_cancel": terms is not None,
            "terms": terms,
            "rebook_url": rebook_url(booking) if is_requester else "",
            "minutes": int((booking.end - booking.start).total_seconds() // 60),
            "voucher_part": voucher_part,
            "copay": booking.amount_due - voucher_part,
            "quantity": _plain(booking.quantity),
            "final_quantity": _plain(booking.final_quantity),
            "alternatives": _alternatives(booking, now) if is_requester else [],
            "operators": list(usage.operator_choices(booking))
            if is_owner and owner_actions(booking, now).get("check_in")
            else [],
            "can_correct_usage": is_owner and booking.status in (BookingStatus.IN_PROGRESS, BookingStatus.COMPLETED),
        },
    )


def _alternatives(booking, now) -> list[dict]:
    """For a booking a downtime cancelled: the free slots offered instead (``downtime.alternatives_for``), each with
    a link to the booking form of that instrument at that time."""
    if booking.downtime_id is None or booking.downtime is None:
        return []
    rows = []
    for offer in downtime_service.alternatives_for(booking, now=now):
        start = timezone.localtime(offer.start)
        params = {
            "day": start.date().isoformat(),
            "time": f"{start:%H:%M}",
            "duration": int((offer.end - offer.start).total_seconds() // 60),
        }
        url = reverse("frontend:book_instrument", args=[offer.instrument.pk]) + "?" + urlencode(params)
        rows.append({"offer": offer, "url": url})
    return rows


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("取消原因"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


@workspace_view()
def booking_cancel(request, pk):
    """Cancel a booking: first a page with the free-cancellation deadline and the late fee that would be due now
    (``services.cancellation_terms``, the rule ``cancel_booking`` applies), then the POST that cancels."""
    booking = _visible_booking(request, pk)
    require_party(request, booking.requester_org_id, booking.instrument.owner_id)
    now = timezone.now()
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            services.cancel_booking,
            booking,
            actor=request.user,
            organization=request.organization,
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            text = _("预约已取消。")
            if done.fee > ZERO:
                text += " " + _("需支付逾期取消费 %(fee)s。") % {"fee": money(done.fee)}
            released = VoucherHold.objects.filter(booking=done, status=HoldStatus.RELEASED).values_list(
                "amount", flat=True
            )
            if released:
                text += " " + _("冻结的创新券 %(amount)s 已释放。") % {"amount": money(released[0])}
            messages.success(request, text)
            return redirect(done)
        booking = _visible_booking(request, pk)
    can_cancel = _can_cancel(booking, request.organization, now)
    return render(
        request,
        "frontend/bookings/cancel.html",
        {
            "booking": booking,
            "form": form,
            "can_cancel": can_cancel,
            "terms": services.cancellation_terms(booking, request.organization, now=now),
            "hold": getattr(booking, "voucher_hold", None),
        },
    )


# ------------------------------------------------------------------------------------------ the owner's booking queue
#
# 预约管理: an institute's or service provider's work on the bookings of its instruments — confirm or reject the
# requests, check sessions in and out (actual use billed by ``services.usage_bill``), mark no-shows (the fee of
# ``services.no_show_fee`` shown first), a week calendar per instrument and its waitlist. Every button is a POST to
# the booking service the API's owner actions call; only the instrument's owner may press them (403), and another
# owner's booking is not found (404).


def _day_bounds(now) -> tuple[dt.datetime, dt.datetime]:
    today = timezone.localdate(now)
    return at(today, dt.time.min), at(today + dt.timedelta(days=1), dt.time.min)


def queue_scopes(now) -> dict[str, Q]:
    """The queue's tabs as conditions on the owner's bookings (the dashboard counts the same ones): everything still
    to handle, the requests to confirm, today's sessions still to check in or out, the sessions past their start and
    not checked in (to check in late or mark as no-show), and everything."""
    _today, tomorrow = _day_bounds(now)
    return {
        "pending": Q(status__in=LIVE_BOOKING_STATUSES),
        "requested": Q(status=BookingStatus.REQUESTED),
        "today": Q(status=BookingStatus.CONFIRMED, start__gt=now, start__lt=tomorrow)
        | Q(status=BookingStatus.IN_PROGRESS),
        "overdue": Q(status=BookingStatus.CONFIRMED, start__lte=now),
        "all": Q(),
    }


QUEUE_TABS = (
    ("pending", gettext_lazy("待处理")),
    ("requested", gettext_lazy("待确认")),
    ("today", gettext_lazy("今日签到/签退")),
    ("overdue", gettext_lazy("已过开始时间未签到")),
    ("all", gettext_lazy("全部")),
)


def owner_actions(booking, now) -> dict:
    """Which owner buttons a booking offers now, by the services' own rules (the service decides again)."""
    status = booking.status
    confirmed = status == BookingStatus.CONFIRMED
    opens = services.check_in_opens(booking)
    actions = {
        "confirm": status == BookingStatus.REQUESTED,
        "reject": status == BookingStatus.REQUESTED,
        "check_in": confirmed and now >= opens,
        "check_in_from": opens if confirmed and now < opens else None,
        "check_out": status == BookingStatus.IN_PROGRESS,
        "no_show": confirmed and now >= booking.start,
        "no_show_fee": services.no_show_fee(booking) if confirmed else None,
    }
    actions["any"] = any(actions[name] for name in ("confirm", "reject", "check_in", "check_out", "no_show"))
    return actions


class QueueFilterForm(forms.Form):
    """预约管理's filters, labelled for the page. Only presentation: the filtering is the API's ``BookingFilterSet``
    (same parameter names: ``status``, ``instrument``, ``when``). Filtering searches every booking (tab 全部)."""

    status = forms.ChoiceField(
        label=gettext_lazy("状态"), required=False, choices=[("", gettext_lazy("全部状态")), *BookingStatus.choices]
    )
    instrument = forms.ModelChoiceField(label=gettext_lazy("仪器"), required=False, queryset=Instrument.objects.none())
    when = forms.ChoiceField(
        label=gettext_lazy("时间"),
        required=False,
        choices=[("", gettext_lazy("全部")), ("upcoming", gettext_lazy("即将进行")), ("past", gettext_lazy("已结束"))],
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.filter(owner=organization).order_by("name", "id")
        self.fields["instrument"].empty_label = _("全部仪器")


def _owner_bookings(organization):
    return Booking.objects.filter(instrument__owner=organization)


@workspace_view(kinds=OWNER_KINDS)
def booking_queue(request):
    """预约管理: the bookings of the acting organization's instruments by tab (what to handle, requests, today's
    sessions, sessions past their start), filtered through the API's ``BookingFilterSet``, 20 a page, each row with
    the owner buttons its state allows."""
    organization = request.organization
    now = timezone.now()
    scopes = queue_scopes(now)
    form = QueueFilterForm(request.GET or None, organization=organization)
    params = _valid_params(form, request.GET)
    filtered = any(params.get(name) for name in ("status", "instrument", "when"))
    show = request.GET.get("show")
    if show not in scopes:
        show = "all" if filtered else "pending"
    bookings = _owner_bookings(organization).filter(scopes[show])
    bookings = filter_queryset(BookingFilterSet, params, bookings, request=request).select_related(
        "instrument", "service_item", "requester_org", "requester"
    )
    bookings = bookings.order_by("-start", "-id") if show == "all" else bookings.order_by("start", "id")
    page = paginate(request, bookings)
    for booking in page.object_list:
        booking.actions = owner_actions(booking, now)
    counts = _owner_bookings(organization).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in scopes.items() if name != "all"}
    )
    tabs = [
        {
            "name": name,
            "label": label,
            "count": counts.get(name),
            "url": reverse("frontend:booking_queue") + ("" if name == "pending" else f"?show={name}"),
            "current": name == show,
        }
        for name, label in QUEUE_TABS
    ]
    instrument = form.cleaned_data.get("instrument") if form.is_bound and form.is_valid() else None
    return render(
        request,
        "frontend/bookings/queue.html",
        {
            "organization": organization,
            "filter_form": form,
            "page_obj": page,
            "tabs": tabs,
            "show": show,
            "show_label": dict(QUEUE_TABS)[show],
            "filtered": filtered,
            "calendar_instrument": instrument,
            "now": now,
        },
    )


def _owned_booking(request, pk):
    """Booking ``pk`` of one of the acting organization's instruments: 404 if the user may not see it, 403 if they
    may but do not act for its owner (e.g. as the requester)."""
    booking = _visible_booking(request, pk)
    require_party(request, booking.instrument.owner_id)
    return booking


def _run_owner_service(request, service, booking, *, doing: str, form=None, **kwargs):
    """Run an owner action on ``booking`` as the acting organization. An illegal transition (the booking moved on,
    e.g. a second click) is a message naming its current state; other domain errors go on ``form`` or the page."""
    try:
        return service(booking, actor=request.user, organization=request.organization, **kwargs)
    except (DomainError, DjangoValidationError) as exc:
        if getattr(exc, "code", "") == "illegal_transition":
            current = Booking.objects.filter(pk=booking.pk).first() or booking
            messages.error(
                request,
                _("该预约当前为“%(status)s”，不能%(doing)s。")
                % {"status": current.get_status_display(), "doing": doing},
            )
        else:
            show_error(request, exc, form)
        return None


def _when(booking) -> str:
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def booking_confirm(request, pk):
    booking = _owned_booking(request, pk)
    done = _run_owner_service(request, services.confirm_booking, booking, doing=_("确认"))
    if done is not None:
        messages.success(
            request,
            _("已确认 %(org)s 的预约（%(when)s），已通知预约方。")
            % {"org": done.requester_org.name, "when": _when(done)},
        )
    return redirect(safe_next(request, booking.get_absolute_url()))


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("拒绝原因"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("预约方会收到这条说明。"),
        error_messages={"required": gettext_lazy("请填写拒绝原因。")},
    )


@workspace_view(kinds=OWNER_KINDS)
def booking_reject(request, pk):
    """Reject a request with a reason (required: an empty one is a field error and nothing changes). The queue and
    the booking's page post here; a refused form comes back on this page."""
    booking = _owned_booking(request, pk)
    can_reject = booking.status == BookingStatus.REQUESTED
    form = RejectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not can_reject:
        # The page offers rejecting a request only (a confirmed booking is cancelled instead): a stale form or a
        # second click must not reject what the page says it cannot.
        text = _("该预约当前为“%(status)s”，不能%(doing)s。")
        messages.error(request, text % {"status": booking.get_status_display(), "doing": _("拒绝")})
        return redirect(booking)
    if request.method == "POST" and form.is_valid():
        done = _run_owner_service(
            request, services.reject_booking, booking, doing=_("拒绝"), form=form, reason=form.cleaned_data["reason"]
        )
        if done is not None:
            messages.success(request, _("已拒绝该预约（%(when)s），已通知预约方。") % {"when": _when(done)})
            return redirect(safe_next(request, reverse("frontend:booking_queue")))
        if not form.errors:  # the booking moved on: the message says so
            return redirect(booking)
    return render(
        request,
        "frontend/bookings/reject.html",
        {
            "booking": booking,
            "form": form,
            "can_reject": can_reject,
            "next": safe_next(request, ""),
        },
    )


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def booking_check_in(request, pk):
    """签到, recording who operates the instrument (the form's ``operated_by``, a member of either party; default
    the signed-in user)."""
    booking = _owned_booking(request, pk)
    operator = None
    if request.POST.get("operated_by"):
        operator = usage.operator_choices(booking).filter(pk=request.POST["operated_by"]).first()
        if operator is None:
            messages.error(request, _("操作人须为仪器所属机构或预约机构的成员。"))
            return redirect(safe_next(request, booking.get_absolute_url()))
    done = _run_owner_service(request, services.start_booking, booking, doing=_("签到"), operated_by=operator)
    if done is not None:
        messages.success(
            request, _("已签到，开始计时（%(t)s）。") % {"t": f"{timezone.localtime(done.actual_start):%H:%M}"}
        )
    return redirect(safe_next(request, booking.get_absolute_url()))


DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class CheckOutForm(forms.Form):
    """签退: the actual end (default now) and, for items priced per sample, the samples actually tested."""

    actual_end = forms.DateTimeField(
        label=gettext_lazy("实际结束时间"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text=gettext_lazy("默认为现在；不能早于签到时间，也不能晚于现在。"),
    )
    sample_count = forms.IntegerField(label=gettext_lazy("实测样品数"), min_value=0, max_value=10000)
    usage_note = forms.CharField(
        label=gettext_lazy("使用记录"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    operated_by = forms.ModelChoiceField(
        label=gettext_lazy("操作人"), queryset=None, required=False, help_text=gettext_lazy("实际操作仪器的人员。")
    )

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        if booking.unit != PriceUnit.SAMPLE:
            del self.fields["sample_count"]
        self.fields["operated_by"].queryset = usage.operator_choices(booking)


def _bill_rule(booking) -> str:
    instrument = booking.instrument
    if booking.unit == PriceUnit.SAMPLE:
        return _("按实测样品数计费。")
    return _("按签到至签退的实际使用时长计费，按 %(slot)d 分钟向上取整，最少 %(min)d 分钟。") % {
        "slot": instrument.slot_minutes,
        "min": instrument.min_duration_minutes,
    }


@workspace_view(kinds=OWNER_KINDS)
def booking_check_out(request, pk):
    """Check a session out: the actual end (default now) and samples tested, with the bill ``usage_bill`` computes
    shown for the values on the form (预览) before ``complete_booking`` records it; the booking's page then shows the
    final amount, the voucher redemption and the invoice."""
    booking = _owned_booking(request, pk)
    now = timezone.now()
    initial = {
        "actual_end": timezone.localtime(now).replace(second=0, microsecond=0),
        "operated_by": booking.operated_by_id or request.user.pk,
    }
    if booking.unit == PriceUnit.SAMPLE:
        initial["sample_count"] = booking.sample_count
    form = CheckOutForm(request.POST if request.method == "POST" else None, booking=booking, initial=initial)
    end, samples = now, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        end, samples = data["actual_end"], data.get("sample_count")
        if "preview" not in request.POST:
            # The default (this minute) is now, to the second.
            actual_end = None if dt.timedelta(0) <= now - end < dt.timedelta(minutes=1) else end
            done = _run_owner_service(
                request,
                services.complete_booking,
                booking,
                doing=_("签退"),
                form=form,
                actual_end=actual_end,
                sample_count=samples,
                usage_note=data.get("usage_note", ""),
                now=now,
                operated_by=data.get("operated_by"),
            )
            if done is not None:
                messages.success(
                    request,
                    _("已签退：实际使用 %(q)s %(unit)s，结算金额 %(amount)s。")
                    % {
                        "q": _plain(done.final_quantity),
                        "unit": done.get_unit_display(),
                        "amount": money(done.final_amount),
                    },
                )
                return redirect(done)
            if not form.errors:
                return redirect(booking)
    in_progress = booking.status == BookingStatus.IN_PROGRESS
    estimate = None
    if in_progress:
        quantity, amount = services.usage_bill(booking, actual_end=max(end, booking.actual_start), sample_count=samples)
        estimate = {"quantity": _plain(quantity), "amount": amount, "end": end}
    return render(
        request,
        "frontend/bookings/check_out.html",
        {
            "booking": booking,
            "form": form,
            "in_progress": in_progress,
            "estimate": estimate,
            "bill_rule": _bill_rule(booking),
            "quantity": _plain(booking.quantity),
        },
    )


class UsageCorrectionForm(forms.Form):
    """更正使用记录: the actual start (and, once checked out, end) with the reason, which is required."""

    actual_start = forms.DateTimeField(
        label=gettext_lazy("实际开始时间"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    actual_end = forms.DateTimeField(
        label=gettext_lazy("实际结束时间"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    reason = forms.CharField(
        label=gettext_lazy("更正原因"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": gettext_lazy("请填写更正原因。")},
    )

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        if booking.status != BookingStatus.COMPLETED:
            del self.fields["actual_end"]


@workspace_view(kinds=OWNER_KINDS)
def booking_correct_usage(request, pk):
    """The owner corrects a session's actual times with a reason (``usage.correct_usage``: audited, the bill
    recomputed; refused once the booking is invoiced or its voucher redeemed)."""
    booking = _owned_booking(request, pk)
    initial = {
        "actual_start": booking.actual_start and timezone.localtime(booking.actual_start),
        "actual_end": booking.actual_end and timezone.localtime(booking.actual_end),
    }
    form = UsageCorrectionForm(request.POST or None, booking=booking, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run_owner_service(
            request,
            usage.correct_usage,
            booking,
            doing=_("更正使用记录"),
            form=form,
            actual_start=data["actual_start"],
            actual_end=data.get("actual_end"),
            reason=data["reason"],
        )
        if done is not None:
            messages.success(request, _("使用记录已更正。"))
            return redirect(done)
    return render(
        request,
        "frontend/bookings/correct_usage.html",
        {
            "booking": booking,
            "form": form,
            "allowed": booking.status in (BookingStatus.IN_PROGRESS, BookingStatus.COMPLETED),
            "billed": booking.status == BookingStatus.COMPLETED and usage.is_billed(booking),
        },
    )


@workspace_view(kinds=OWNER_KINDS)
def booking_no_show(request, pk):
    """Mark a session as a no-show: first the fee (``services.no_show_fee``, what ``mark_no_show`` charges) and what
    happens to a voucher hold, then the POST that marks it."""
    booking = _owned_booking(request, pk)
    now = timezone.now()
    if request.method == "POST":
        done = _run_owner_service(request, services.mark_no_show, booking, doing=_("记为爽约"))
        if done is not None:
            messages.success(request, _("已记为爽约，爽约费 %(fee)s，已通知预约方。") % {"fee": money(done.fee)})
            return redirect(done)
        return redirect(request.path)
    return render(
        request,
        "frontend/bookings/no_show.html",
        {
            "booking": booking,
            "fee": services.no_show_fee(booking),
            "percent": booking.instrument.no_show_fee_percent,
            "allowed": booking.status == BookingStatus.CONFIRMED and now >= booking.start,
            "too_early": booking.status == BookingStatus.CONFIRMED and now < booking.start,
            "hold": getattr(booking, "voucher_hold", None),
        },
    )


# ------------------------------------------------------------------------------------------------ the week calendar

#: The calendar's row: a quarter of an hour.
ROW_MINUTES = 15
#: Statuses the calendar leaves out: they gave their slot up.
OFF_CALENDAR = (BookingStatus.CANCELLED, BookingStatus.REJECTED)


def week_monday(query, today: dt.date) -> dt.date:
    """The Monday of the week asked for by ``?week=YYYY-Www`` or ``?start=YYYY-MM-DD`` (this week otherwise, also
    for a value that does not parse)."""
    week = (query.get("week") or "").strip()
    start = (query.get("start") or "").strip()
    try:
        if week:
            found = re.fullmatch(r"(\d{4})-?W(\d{1,2})", week, flags=re.IGNORECASE)
            if found:
                return dt.date.fromisocalendar(int(found[1]), int(found[2]), 1)
        elif start:
            day = dt.date.fromisoformat(start)
            return day - dt.timedelta(days=day.weekday())
    except ValueError:
        pass
    return today - dt.timedelta(days=today.weekday())


def week_param(monday: dt.date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _segments(start, end, day: dt.date) -> tuple[int, int] | None:
    """[start, end) on local ``day`` as minutes from its midnight (None when it misses the day)."""
    midnight, following = at(day, dt.time.min), at(day + dt.timedelta(days=1), dt.time.min)
    start, end = max(start, midnight), min(end, following)
    if start >= end:
        return None
    return int((start - midnight).total_seconds() // 60), math.ceil((end - midnight).total_seconds() / 60)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _rows(first: int, last: int, lo: int) -> str:
    """The grid-row of [first, last) minutes in a grid starting at ``lo`` (quarter-hour rows)."""
    top = 1 + (first - lo) // ROW_MINUTES
    bottom = 1 + math.ceil((last - lo) / ROW_MINUTES)
    return f"grid-row: {top} / {max(bottom, top + 1)}"


def week_calendar(instrument, monday: dt.date, now) -> dict:
    """The week of ``instrument`` from ``monday`` as seven day columns over the hours worth showing (the opening
    hours and whatever lies outside them): each day's open windows, closures and bookings placed on quarter-hour
    rows. Three queries: opening hours (prefetched), closures, bookings."""
    days = [monday + dt.timedelta(days=offset) for offset in range(7)]
    week_start, week_end = at(monday, dt.time.min), at(monday + dt.timedelta(days=7), dt.time.min)
    by_weekday: dict[int, list[tuple[int, int]]] = {}
    for window in instrument.opening_hours.all():
        end = 24 * 60 if window.end == dt.time.min else window.end.hour * 60 + window.end.minute
        by_weekday.setdefault(window.weekday, []).append((window.start.hour * 60 + window.start.minute, end))
    closures = list(instrument.closures.filter(start__lt=week_end, end__gt=week_start).order_by("start"))
    bookings = list(
        instrument.bookings.filter(start__lt=week_end, end__gt=week_start)
        .exclude(status__in=OFF_CALENDAR)
        .select_related("requester_org", "requester", "service_item")
        .order_by("start", "id")
    )
    columns = []
    for day in days:
        items = []
        for closure in closures:
            span = _segments(closure.start, closure.end, day)
            if span:
                items.append({"kind": "closure", "span": span, "closure": closure})
        for booking in bookings:
            span = _segments(booking.start, booking.end, day)
            if span:
                items.append({"kind": "booking", "span": span, "booking": booking})
        items.sort(key=lambda item: (item["span"][0], item["kind"] != "closure"))
        columns.append(
            {
                "date": day,
                "weekday": WEEKDAYS[day.weekday()],
                "today": day == timezone.localdate(now),
                "open": sorted(by_weekday.get(day.weekday(), [])),
                "items": items,
            }
        )
    spans = [span for column in columns for span in column["open"]]
    spans += [item["span"] for column in columns for item in column["items"]]
    lo = min((first for first, _last in spans), default=8 * 60) // 60 * 60
    hi = min(math.ceil(max((last for _first, last in spans), default=18 * 60) / 60) * 60, 24 * 60)
    if hi <= lo:
        lo, hi = 8 * 60, 18 * 60
    for column in columns:
        column["open_text"] = " ".join(f"{_clock(a)}–{_clock(b)}" for a, b in column["open"])
        column["open"] = [{"style": _rows(a, b, lo), "text": f"{_clock(a)}–{_clock(b)}"} for a, b in column["open"]]
        column["bookings"] = sum(1 for item in column["items"] if item["kind"] == "booking")
        for item in column["items"]:
            first, last = item["span"]
            item["style"] = _rows(first, last, lo)
            item["time"] = f"{_clock(first)}–{_clock(last)}"
            item["short"] = last - first <= 45
    hours = [{"label": _clock(h * 60), "style": _rows(h * 60, h * 60 + 60, lo)} for h in range(lo // 60, hi // 60)]
    return {
        "days": columns,
        "hours": hours,
        "rows": (hi - lo) // ROW_MINUTES,
        "grid_style": f"grid-template-rows: repeat({(hi - lo) // ROW_MINUTES}, var(--cal-row))",
        "start": monday,
        "end": days[-1],
        "week": week_param(monday),
        "previous": week_param(monday - dt.timedelta(days=7)),
        "next": week_param(monday + dt.timedelta(days=7)),
        "this_week": week_param(timezone.localdate(now) - dt.timedelta(days=timezone.localdate(now).weekday())),
        "count": len(bookings),
    }


class CalendarPickForm(forms.Form):
    instrument = forms.ModelChoiceField(label=gettext_lazy("仪器"), queryset=Instrument.objects.none())
    week = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.filter(owner=organization).order_by("name", "id")


@workspace_view(kinds=OWNER_KINDS)
def booking_calendar(request, pk):
    """预约日历: one instrument's week (``?week=2026-W49`` or ``?start=2026-12-02``) as a grid of seven days over
    its hours — open windows, closures shaded, bookings placed by time with who booked — and its waitlist. Rendered
    on the server (no script); on a phone the days stack."""
    instrument = get_object_or_404(
        Instrument.objects.filter(owner=request.organization).prefetch_related("opening_hours"), pk=pk
    )
    now = timezone.now()
    monday = week_monday(request.GET, timezone.localdate(now))
    calendar = week_calendar(instrument, monday, now)
    waitlist = list(
        instrument.waitlist.filter(window_end__gt=now).select_related("user", "organization").order_by("window_start")
    )
    picker = CalendarPickForm(
        initial={"instrument": instrument.pk, "week": calendar["week"]}, organization=request.organization
    )
    return render(
        request,
        "frontend/bookings/calendar.html",
        {
            "organization": request.organization,
            "instrument": instrument,
            "calendar": calendar,
            "waitlist": waitlist,
            "picker": picker,
            "queue_url": reverse("frontend:booking_queue") + f"?show=all&instrument={instrument.pk}",
        },
    )


@workspace_view(kinds=OWNER_KINDS)
def booking_calendar_pick(request):
    """The calendar picker's target: the chosen instrument's calendar (same week), or the first instrument's."""
    form = CalendarPickForm(request.GET or None, organization=request.organization)
    if form.is_valid():
        instrument = form.cleaned_data["instrument"]
    else:
        instrument = form.fields["instrument"].queryset.first()
        if instrument is None:
            messages.info(request, _("还没有登记仪器。"))
            return redirect("frontend:facility_list")
    url = reverse("frontend:booking_calendar", args=[instrument.pk])
    week = request.GET.get("week", "")
    return redirect(url + (f"?week={week}" if re.fullmatch(r"\d{4}-W\d{2}", week) else ""))


urlpatterns = [
    path("instruments/<int:pk>/book/", book_instrument, name="book_instrument"),
    path("instruments/<int:pk>/quote/", booking_quote, name="booking_quote"),
    path("bookings/", booking_list, name="booking_list"),
    path("bookings/<int:pk>/", booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/cancel/", booking_cancel, name="booking_cancel"),
    path("bookings/series/<int:pk>/", booking_series_detail, name="booking_series_detail"),
    path("bookings/series/<int:pk>/cancel/", booking_series_cancel, name="booking_series_cancel"),
    path("bookings/<int:pk>/correct-usage/", booking_correct_usage, name="booking_correct_usage"),
    path("workspace/bookings/", booking_queue, name="booking_queue"),
    path("workspace/bookings/calendar/", booking_calendar_pick, name="booking_calendar_pick"),
    path("bookings/<int:pk>/confirm/", booking_confirm, name="booking_confirm"),
    path("bookings/<int:pk>/reject/", booking_reject, name="booking_reject"),
    path("bookings/<int:pk>/check-in/", booking_check_in, name="booking_check_in"),
    path("bookings/<int:pk>/check-out/", booking_check_out, name="booking_check_out"),
    path("bookings/<int:pk>/no-show/", booking_no_show, name="booking_no_show"),
    path("workspace/instruments/<int:pk>/calendar/", booking_calendar, name="booking_calendar"),
]


# ------------------------------------------------------------------------------------------------------ workspace


def dashboard_items(request, organization):
    """An owner's bookings waiting for confirmation, today's sessions and the overdue ones (to do: one query for the
    three counts, which every page's header badge needs); a firm's upcoming sessions and its completed, invoiced
    bookings (information: counted only where shown, on the dashboard)."""
    from .workspace import ActionItem

    items = []
    url = reverse("frontend:booking_list")
    now = timezone.now()
    if organization.kind in OWNER_KINDS:
        queue = reverse("frontend:booking_queue")
        scopes = queue_scopes(now)
        tabs = (
            ("requested", _("待确认的预约")),
            ("today", _("今日待签到/签退的预约")),
            ("overdue", _("已过开始时间仍未签到的预约")),
        )
        counts = _owner_bookings(organization).aggregate(
            **{name: Count("pk", filter=scopes[name]) for name, _label in tabs}
        )
        for name, label in tabs:
            items.append(ActionItem(label, counts[name], f"{queue}?show={name}", area="bookings"))
    if organization.kind == OrganizationKind.ENTERPRISE:
        upcoming = Booking.objects.filter(requester_org=organization, status=BookingStatus.CONFIRMED, start__gte=now)
        items.append(ActionItem(_("即将进行的预约"), upcoming, url + "?when=upcoming", action=False, area="bookings"))
        invoiced = (
            Booking.objects.filter(requester_org=organization, status=BookingStatus.COMPLETED, invoices__isnull=False)
            .values("pk")
            .distinct()
        )
        items.append(
            ActionItem(
                _("已完成并出具结算单的预约"), invoiced, url + "?status=completed", action=False, area="bookings"
            )
        )
    return items


def nav_links(request, organization):
    links = [
        {
            "label": _("我的预约"),
            "url": reverse("frontend:booking_list"),
            "name": "booking_list",
            "also": ("booking_detail", "booking_cancel", "book_instrument", "booking_series_detail"),
        }
    ]
    if organization.kind in OWNER_KINDS:
        links.append(
            {
                "label": _("预约管理"),
                "url": reverse("frontend:booking_queue"),
                "name": "booking_queue",
                "also": (
                    "booking_reject",
                    "booking_check_out",
                    "booking_no_show",
                    "booking_calendar",
                    "booking_correct_usage",
                ),
            }
        )
    return links
