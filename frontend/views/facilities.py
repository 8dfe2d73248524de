"""仪器管理 — an institute's or service provider's own instruments: 我的仪器 (every status), registering and editing an
instrument with all its booking rules and its photo, and on one management page its service items and prices, weekly
opening hours, closures, per-organization quotas and the users qualified to operate it (上机资格).

Every write goes through the API's own serializers (``InstrumentSerializer``, ``ServiceItemSerializer``,
``QualificationSerializer``) and the audited record services, so each rule the API applies — the model's
``full_clean`` and constraints, the photo's type, size and content, overlapping opening hours, one quota per
period — applies here too. Opening hours, closures and quotas are written as the API writes them: nested in the
instrument, each list replaced as a whole. Only the acting organization's own instruments are found (another
organization's → 404), and only institutes and service providers have this workspace (a firm is refused, 403).
"""

import mimetypes
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.forms import formset_factory
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_filters.filterset import filterset_factory

from instruments import downtime as downtime_service
from instruments.api.serializers import InstrumentSerializer, QualificationSerializer, ServiceItemSerializer
from instruments.choices import (
    DOWNTIME_KINDS,
    LIVE_BOOKING_STATUSES,
    BookingStatus,
    ClosureKind,
    InstrumentCategory,
    InstrumentStatus,
)
from instruments.filtersets import InstrumentFilterSet
from instruments.models import BookingQuota, Closure, Instrument, Qualification, ServiceItem
from marketplace.choices import OrganizationKind
from marketplace.services.records import delete_record

from ..forms import FilterForm
from .base import (
    copy_serializer_errors,
    filter_queryset,
    paginate,
    run_service,
    safe_next,
    save_through_serializer,
    workspace_view,
)

OWNER_KINDS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)
EXPIRY_WARNING_DAYS = 30
HOURS_EXTRA_ROWS = 3

# The API filters qualifications with ``filterset_fields = ["instrument", "user"]``; this is the FilterSet it builds.
QualificationFilterSet = filterset_factory(Qualification, fields=["instrument", "user"])

WEEKDAYS = [
    (0, gettext_lazy("星期一")),
    (1, gettext_lazy("星期二")),
    (2, gettext_lazy("星期三")),
    (3, gettext_lazy("星期四")),
    (4, gettext_lazy("星期五")),
    (5, gettext_lazy("星期六")),
    (6, gettext_lazy("星期日")),
]


# ------------------------------------------------------------------------------------ the API's serializers, bound


class _ActingView:
    """What the API's serializers read from their view: the acting organization (here the page's)."""

    def __init__(self, request):
        self.request = request

    @property
    def acting_organization(self):
        return getattr(self.request, "organization", None)


def _acting(serializer_class):
    """``serializer_class`` with a ``view`` in its context, as DRF gives it inside a ViewSet (the service-item and
    qualification serializers check that the instrument belongs to the acting organization)."""

    class Acting(serializer_class):
        def __init__(self, *args, **kwargs):
            context = dict(kwargs.pop("context", None) or {})
            context.setdefault("view", _ActingView(context.get("request")))
            super().__init__(*args, context=context, **kwargs)

    Acting.__name__ = Acting.__qualname__ = serializer_class.__name__
    return Acting


InstrumentWrite = _acting(InstrumentSerializer)
ServiceItemWrite = _acting(ServiceItemSerializer)
QualificationWrite = _acting(QualificationSerializer)


def _carrier() -> forms.Form:
    """An empty, validated form to collect the errors of a button that has no fields of its own."""
    form = forms.Form(data={})
    form.is_valid()
    return form


def _nested_rows(errors, name) -> tuple[dict, list[str]]:
    """A nested list's errors as ({row index: {field: [messages]}}, [messages about the list as a whole]). DRF gives
    a list of per-row errors, or (on a partial update) a dict keyed by the row's index."""
    value = errors.get(name)
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        items = []
    rows, general = {}, []
    for key, row in items:
        if isinstance(row, dict):
            rows[int(key)] = {field: [str(t) for t in texts] for field, texts in row.items()}
        elif row:
            general.append(str(row))
    return rows, general


def _copy_nested_errors(form, errors, name, index=None) -> None:
    """Put the errors of a nested list (``opening_hours``, ``closures``, ``quotas``) on ``form``: the row at ``index``
    (or every row) field by field, a message about the list as a whole on the form."""
    rows, general = _nested_rows(errors, name)
    for position, row in rows.items():
        if index is None or position == index:
            for field, texts in row.items():
                form.add_error(field if field in form.fields else None, texts)
    for text in general:
        form.add_error(None, text)


def _save(request, form, serializer_class, data, *, instance=None, nested=None, index=None, **extra):
    """Validate ``data`` with the API serializer and save it (``save_through_serializer``: the audited record
    services). A nested list's row errors are put on ``form`` first (``nested``: the list's name, ``index``: the row
    the form edits), which ``save_through_serializer`` would flatten into one generic message."""
    if nested is not None:
        check = serializer_class(
            instance=instance, data=data, partial=instance is not None, context={"request": request}
        )
        if not check.is_valid():
            _copy_nested_errors(form, check.errors, nested, index)
            copy_serializer_errors(form, {k: v for k, v in check.errors.items() if k != nested})
            return None
    return save_through_serializer(
        request, form, serializer_class, data, instance=instance, organization=request.organization, **extra
    )


# ------------------------------------------------------------------------------------------------------------ forms


INSTRUMENT_FIELDS = [
    "name",
    "name_en",
    "category",
    "model_number",
    "manufacturer",
    "country",
    "original_value",
    "purchase_date",
    "building",
    "room",
    "address",
    "contact_name",
    "contact_phone",
    "capabilities",
    "specs",
    "sample_requirements",
    "status",
    "booking_mode",
    "approval_mode",
    "voucher_eligible",
    "lead_time_hours",
    "max_advance_days",
    "min_duration_minutes",
    "max_duration_minutes",
    "slot_minutes",
    "buffer_minutes",
    "cancellation_deadline_hours",
    "late_cancel_fee_percent",
    "no_show_fee_percent",
    "photo",
]

#: How the instrument form groups its fields (legend, fields); the template renders one fieldset per group.
INSTRUMENT_GROUPS = [
    (
        gettext_lazy("基本信息"),
        ["name", "name_en", "category", "model_number", "manufacturer", "country", "original_value", "purchase_date"],
    ),
    (gettext_lazy("存放地点与联系人"), ["building", "room", "address", "contact_name", "contact_phone"]),
    (gettext_lazy("功能与技术指标"), ["capabilities", "specs", "sample_requirements"]),
    (gettext_lazy("服务方式"), ["status", "booking_mode", "approval_mode", "voucher_eligible"]),
    (
        gettext_lazy("预约规则"),
        [
            "lead_time_hours",
            "max_advance_days",
            "min_duration_minutes",
            "max_duration_minutes",
            "slot_minutes",
            "buffer_minutes",
            "cancellation_deadline_hours",
            "late_cancel_fee_percent",
            "no_show_fee_percent",
        ],
    ),
    (gettext_lazy("照片"), ["photo"]),
]
LONG_FIELDS = {"capabilities", "specs", "sample_requirements", "address", "photo"}

PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"


def specs_text(specs) -> str:
    """An instrument's 技术指标 (a JSON object) as the form's "名称: 数值" lines."""
    if not isinstance(specs, dict):
        return ""
    return "\n".join(f"{name}: {value}" for name, value in specs.items())


class InstrumentForm(forms.Form):
    """The instrument's fields as the API accepts them, labelled and typed from the model. Only presentation and
    typing: the rules are the API serializer's (``InstrumentSerializer`` → the model's ``full_clean``)."""

    def __init__(self, *args, instrument=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(
                Instrument,
                fields=INSTRUMENT_FIELDS,
                widgets={
                    "purchase_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                    "capabilities": forms.Textarea(attrs={"rows": 4}),
                    "sample_requirements": forms.Textarea(attrs={"rows": 3}),
                    "photo": forms.FileInput(attrs={"accept": PHOTO_ACCEPT}),
                },
            )
        )
        self.fields["specs"] = forms.CharField(
            label=_("技术指标"),
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("空间分辨率: 1.0 nm\n加速电压: 0.5–30 kV")}),
            help_text=_("每行一项，格式为“指标: 数值”。"),
        )
        self.fields["photo"].help_text = _("JPG、PNG 或 WebP 图片，不超过 5 MB；显示在仪器的公开页面上。")
        if instrument is not None and instrument.photo:
            self.fields["photo"].help_text = _("已上传照片；选择新图片将替换它。JPG、PNG 或 WebP，不超过 5 MB。")
        self.fields["original_value"].widget.attrs.update({"step": "0.01", "inputmode": "decimal"})
        self.fields["slot_minutes"].help_text = _("预约开始和结束须落在此粒度上，例如 30 表示整点或半点。")
        self.fields["buffer_minutes"].help_text = _("两次预约之间留出的准备时间。")
        self.fields["cancellation_deadline_hours"].help_text = _("开始前多少小时以内取消按逾期取消收费。")
        if instrument is not None:
            self.initial = {name: getattr(instrument, name) for name in INSTRUMENT_FIELDS if name != "photo"}
            self.initial["specs"] = specs_text(instrument.specs)

    def clean_specs(self):
        specs = {}
        for number, line in enumerate(self.cleaned_data["specs"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            name, sep, value = line.replace("：", ":").partition(":")
            if not sep or not name.strip():
                raise forms.ValidationError(
                    _("第 %(n)d 行应为“指标: 数值”的格式。") % {"n": number}, code="specs_format"
                )
            specs[name.strip()] = value.strip()
        return specs

    def groups(self):
        """(legend, short fields, long fields) per fieldset: the short ones go in two columns, the long below."""
        return [
            (legend, [self[n] for n in names if n not in LONG_FIELDS], [self[n] for n in names if n in LONG_FIELDS])
            for legend, names in INSTRUMENT_GROUPS
        ]

    def serializer_data(self) -> dict:
        """The cleaned values for the API serializer; the photo only when a new one was chosen."""
        data = {name: self.cleaned_data[name] for name in INSTRUMENT_FIELDS if name != "photo"}
        if self.cleaned_data.get("photo"):
            data["photo"] = self.cleaned_data["photo"]
        return data


SERVICE_ITEM_FIELDS = ["name", "description", "unit", "price_enterprise", "price_academic", "price_internal", "active"]


class ServiceItemForm(forms.Form):
    """A service item's fields as ``ServiceItemSerializer`` accepts them."""

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(
                ServiceItem,
                fields=SERVICE_ITEM_FIELDS,
                widgets={"description": forms.Textarea(attrs={"rows": 2})},
            )
        )
        for name in ("price_enterprise", "price_academic", "price_internal"):
            self.fields[name].widget.attrs.update({"step": "0.01", "inputmode": "decimal"})
            self.fields[name].label = _("%(tier)s(元)") % {"tier": self.fields[name].label}
        if item is not None:
            self.initial = {name: getattr(item, name) for name in SERVICE_ITEM_FIELDS}

    def serializer_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in SERVICE_ITEM_FIELDS}


class OpeningHoursRowForm(forms.Form):
    """One weekly window; a row left blank is ignored, a ticked 删除 removes the window."""

    weekday = forms.TypedChoiceField(
        label=gettext_lazy("星期"), choices=[("", "—"), *WEEKDAYS], coerce=int, required=False, empty_value=None
    )
    start = forms.TimeField(
        label=gettext_lazy("开始"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=gettext_lazy("结束"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=gettext_lazy("00:00 表示到午夜"),
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return data.get("weekday") is None and data.get("start") is None and data.get("end") is None

    def clean(self):
        data = super().clean()
        if self.is_blank() or data.get("DELETE"):
            return data
        for name in ("weekday", "start", "end"):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, _("请填写此项。"))
        return data


OpeningHoursFormSet = formset_factory(OpeningHoursRowForm, extra=HOURS_EXTRA_ROWS, can_delete=True)


class ClosureForm(forms.Form):
    start = forms.DateTimeField(
        label=gettext_lazy("开始"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    end = forms.DateTimeField(
        label=gettext_lazy("结束"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(label=gettext_lazy("原因"), max_length=200, required=False)

    def clean(self):
        # The model's constraint ``closure_start_before_end``, worded as its message; the nested closure serializer
        # does not run constraints, so without this the database would refuse the row.
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] >= data["end"]:
            self.add_error("end", Closure._meta.constraints[0].violation_error_message)
        return data


class QuotaForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(BookingQuota, fields=["period", "max_hours", "max_bookings"]))
        self.fields["max_hours"].widget.attrs.update({"step": "0.5", "inputmode": "decimal"})
        self.fields["max_hours"].help_text = _("小时数和次数至少填写一项。")


class QualificationForm(forms.Form):
    user = forms.CharField(label=gettext_lazy("用户名"), max_length=150)
    valid_until = forms.DateField(
        label=gettext_lazy("有效期至"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ExtendForm(forms.Form):
    valid_until = forms.DateField(
        label=gettext_lazy("有效期至"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class FacilityFilterForm(FilterForm):
    """我的仪器's filters. Only presentation: the filtering is the API's ``InstrumentFilterSet`` (same names)."""

    q = forms.CharField(
        label=gettext_lazy("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": gettext_lazy("名称、型号或厂商")}),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("状态"), required=False, choices=[("", gettext_lazy("全部状态")), *InstrumentStatus.choices]
    )
    category = forms.ChoiceField(
        label=gettext_lazy("仪器分类"),
        required=False,
        choices=[("", gettext_lazy("全部分类")), *InstrumentCategory.choices],
    )


# ---------------------------------------------------------------------------------------------------------- helpers


def _own_instruments(request):
    return Instrument.objects.filter(owner=request.organization)


def _own_instrument(request, pk):
    """The acting organization's instrument ``pk`` (any status), or 404."""
    return get_object_or_404(_own_instruments(request), pk=pk)


def _manage_url(instrument, section="") -> str:
    url = reverse("frontend:facility_manage", args=[instrument.pk])
    return f"{url}#{section}" if section else url


def _closure_rows(instrument, *, without=None) -> list[dict]:
    """The instrument's closures as the API's nested rows (less the one with pk ``without``)."""
    return [
        {"start": c.start, "end": c.end, "reason": c.reason}
        for c in instrument.closures.all()
        if c.pk != without and c.kind == ClosureKind.CLOSURE
    ]


def _quota_rows(instrument, *, without=None) -> list[dict]:
    """The instrument's quotas as the API's nested rows (less the one with pk ``without``)."""
    return [
        {"period": q.period, "max_hours": q.max_hours, "max_bookings": q.max_bookings}
        for q in instrument.quotas.all()
        if q.pk != without
    ]


def _hours_formset(instrument, data=None):
    initial = [{"weekday": w.weekday, "start": w.start, "end": w.end} for w in instrument.opening_hours.all()]
    return OpeningHoursFormSet(data, initial=initial, prefix="hours")


def _manage_context(request, instrument, **forms_) -> dict:
    """The management page: the instrument's facts and each section's list and (possibly bound) form."""
    today = timezone.localdate()
    qualifications = list(instrument.qualifications.select_related("user").order_by("valid_until", "id"))
    for qualification in qualifications:
        qualification.expired = qualification.valid_until < today
        qualification.expiring = not qualification.expired and qualification.valid_until <= today + timedelta(
            days=EXPIRY_WARNING_DAYS
        )
        qualification.extend_form = ExtendForm(
            prefix=f"extend-{qualification.pk}",
            initial={"valid_until": max(qualification.valid_until, today) + timedelta(days=365)},
        )
    bad_extend = forms_.pop("extend_form", None)
    if bad_extend is not None:
        for qualification in qualifications:
            if bad_extend.prefix == f"extend-{qualification.pk}":
                qualification.extend_form = bad_extend
    waiting = instrument.bookings.filter(status=BookingStatus.REQUESTED).count()
    return {
        "organization": request.organization,
        "instrument": instrument,
        "specs": list(instrument.specs.items()) if isinstance(instrument.specs, dict) else [],
        "service_items": list(instrument.service_items.all()),
        "closures": [c for c in instrument.closures.all() if c.kind == ClosureKind.CLOSURE],
        "upcoming_closures": [
            c for c in instrument.closures.all() if c.end >= timezone.now() and c.kind == ClosureKind.CLOSURE
        ],
        "upcoming_downtimes": [
            c for c in instrument.closures.all() if c.end >= timezone.now() and c.kind != ClosureKind.CLOSURE
        ],
        "quotas": list(instrument.quotas.all()),
        "qualifications": qualifications,
        "waiting": waiting,
        "weekdays": dict(WEEKDAYS),
        "item_form": forms_.get("item_form") or ServiceItemForm(prefix="item", initial={"active": True}),
        "hours_formset": forms_.get("hours_formset") or _hours_formset(instrument),
        "closure_form": forms_.get("closure_form") or ClosureForm(prefix="closure"),
        "quota_form": forms_.get("quota_form") or QuotaForm(prefix="quota"),
        "qualification_form": forms_.get("qualification_form")
        or QualificationForm(prefix="qual", initial={"valid_until": today + timedelta(days=365)}),
    }


def _manage_again(request, instrument, **forms_):
    """The management page again with a refused form and its messages (nothing was saved)."""
    instrument = _loaded(request, instrument.pk)
    return render(request, "frontend/facilities/instrument_manage.html", _manage_context(request, instrument, **forms_))


def _loaded(request, pk):
    return get_object_or_404(
        _own_instruments(request).prefetch_related(
            "opening_hours", "closures", "quotas", Prefetch("service_items", ServiceItem.objects.order_by("id"))
        ),
        pk=pk,
    )


# -------------------------------------------------------------------------------------------------------- the pages


@workspace_view(kinds=OWNER_KINDS)
def facility_list(request):
    """我的仪器: every instrument of the acting organization (any status), filtered through the API's
    ``InstrumentFilterSet``, with how many booking requests wait for its confirmation. One query per page."""
    form = FacilityFilterForm(request.GET or None)
    form.is_valid()
    instruments = filter_queryset(InstrumentFilterSet, request.GET, _own_instruments(request), request=request)
    instruments = instruments.annotate(
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.REQUESTED), distinct=True),
        item_count=Count("service_items", filter=Q(service_items__active=True), distinct=True),
    ).order_by("name", "id")
    page = paginate(request, instruments)
    return render(
        request,
        "frontend/facilities/instrument_list.html",
        {"organization": request.organization, "page_obj": page, "filter_form": form},
    )


@workspace_view(kinds=OWNER_KINDS)
def facility_create(request):
    """登记仪器: the form → ``InstrumentSerializer`` → an audited create, owned by the acting organization."""
    form = InstrumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        instrument = _save(request, form, InstrumentWrite, form.serializer_data(), owner=request.organization)
        if instrument is not None:
            messages.success(
                request, _("仪器“%(name)s”已登记。请继续设置服务项目和开放时间。") % {"name": instrument.name}
            )
            return redirect(_manage_url(instrument))
    return render(
        request, "frontend/facilities/instrument_form.html", {"form": form, "organization": request.organization}
    )


@workspace_view(kinds=OWNER_KINDS)
def facility_edit(request, pk):
    """编辑仪器: the same form over the instrument, saved through ``InstrumentSerializer`` (row locked, audited)."""
    instrument = _own_instrument(request, pk)
    form = InstrumentForm(request.POST or None, request.FILES or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, InstrumentWrite, form.serializer_data(), instance=instrument)
        if saved is not None:
            messages.success(request, _("仪器信息已保存。"))
            return redirect(_manage_url(saved))
    return render(
        request,
        "frontend/facilities/instrument_form.html",
        {"form": form, "instrument": instrument, "organization": request.organization},
    )


@workspace_view(kinds=OWNER_KINDS)
def facility_manage(request, pk):
    """The instrument's management page: its facts, service items, opening hours, closures, quotas and
    qualifications, each with its form."""
    instrument = _loaded(request, pk)
    return render(request, "frontend/facilities/instrument_manage.html", _manage_context(request, instrument))


# ---- service items


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def service_item_create(request, pk):
    instrument = _own_instrument(request, pk)
    form = ServiceItemForm(request.POST, prefix="item")
    if form.is_valid():
        data = {**form.serializer_data(), "instrument": instrument.pk}
        if _save(request, form, ServiceItemWrite, data) is not None:
            messages.success(request, _("服务项目已添加。"))
            return redirect(_manage_url(instrument, "items"))
    return _manage_again(request, instrument, item_form=form)


@workspace_view(kinds=OWNER_KINDS)
def service_item_edit(request, pk, item_pk):
    instrument = _own_instrument(request, pk)
    item = get_object_or_404(ServiceItem, pk=item_pk, instrument=instrument)
    form = ServiceItemForm(request.POST or None, item=item)
    saved = None
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, ServiceItemWrite, form.serializer_data(), instance=item)
    if saved is not None:
        messages.success(request, _("服务项目已保存。"))
        return redirect(_manage_url(instrument, "items"))
    return render(
        request,
        "frontend/facilities/service_item_form.html",
        {"form": form, "instrument": instrument, "item": item, "organization": request.organization},
    )


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def service_item_toggle(request, pk, item_pk):
    """停用 / 启用 a service item (an item already booked cannot be deleted: bookings keep their price)."""
    instrument = _own_instrument(request, pk)
    item = get_object_or_404(ServiceItem, pk=item_pk, instrument=instrument)
    form = _carrier()
    active = not item.active
    if _save(request, form, ServiceItemWrite, {"active": active}, instance=item) is not None:
        messages.success(request, _("服务项目已启用。") if active else _("服务项目已停用，不再接受新预约。"))
    else:
        for error in form.errors.get("__all__", []):
            messages.error(request, error)
    return redirect(_manage_url(instrument, "items"))


# ---- opening hours, closures and quotas: nested lists of the instrument, each replaced as a whole (as in the API)


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def opening_hours_save(request, pk):
    """The weekly opening hours as a whole: the rows kept → ``InstrumentSerializer(opening_hours=[…])``."""
    instrument = _loaded(request, pk)
    formset = _hours_formset(instrument, request.POST)
    if formset.is_valid():
        kept = [f for f in formset.forms if not f.is_blank() and not f.cleaned_data.get("DELETE")]
        rows = [{k: f.cleaned_data[k] for k in ("weekday", "start", "end")} for f in kept]
        carrier = _carrier()
        check = InstrumentWrite(
            instance=instrument, data={"opening_hours": rows}, partial=True, context={"request": request}
        )
        if not check.is_valid():
            row_errors, general = _nested_rows(check.errors, "opening_hours")
            for position, fields in row_errors.items():
                for field, texts in fields.items():
                    target = kept[position] if position < len(kept) else carrier
                    target.add_error(field if field in target.fields else None, texts)
            for text in general:
                carrier.add_error(None, text)
        elif _save(request, carrier, InstrumentWrite, {"opening_hours": rows}, instance=instrument) is not None:
            messages.success(request, _("开放时间已保存。"))
            return redirect(_manage_url(instrument, "hours"))
        formset.hours_errors = carrier.non_field_errors()
    return _manage_again(request, instrument, hours_formset=formset)


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def closure_add(request, pk):
    instrument = _loaded(request, pk)
    form = ClosureForm(request.POST, prefix="closure")
    if form.is_valid():
        rows = [*_closure_rows(instrument), form.cleaned_data]
        saved = _save(
            request,
            form,
            InstrumentWrite,
            {"closures": rows},
            instance=instrument,
            nested="closures",
            index=len(rows) - 1,
        )
        if saved is not None:
            messages.success(request, _("停机时段已添加，期间不接受预约。"))
            return redirect(_manage_url(instrument, "closures"))
    return _manage_again(request, instrument, closure_form=form)


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def closure_remove(request, pk, closure_pk):
    instrument = _loaded(request, pk)
    if not any(c.pk == closure_pk and c.kind == ClosureKind.CLOSURE for c in instrument.closures.all()):
        raise Http404  # a declared downtime is ended on its own page, never deleted here
    rows = _closure_rows(instrument, without=closure_pk)
    form = _carrier()
    if _save(request, form, InstrumentWrite, {"closures": rows}, instance=instrument, nested="closures") is not None:
        messages.success(request, _("停机时段已删除。"))
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect(_manage_url(instrument, "closures"))


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def quota_add(request, pk):
    instrument = _loaded(request, pk)
    form = QuotaForm(request.POST, prefix="quota")
    if form.is_valid():
        rows = [*_quota_rows(instrument), form.cleaned_data]
        saved = _save(
            request, form, InstrumentWrite, {"quotas": rows}, instance=instrument, nested="quotas", index=len(rows) - 1
        )
        if saved is not None:
            messages.success(request, _("预约配额已添加。"))
            return redirect(_manage_url(instrument, "quotas"))
    return _manage_again(request, instrument, quota_form=form)


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def quota_remove(request, pk, quota_pk):
    instrument = _loaded(request, pk)
    if not any(q.pk == quota_pk for q in instrument.quotas.all()):
        raise Http404
    rows = _quota_rows(instrument, without=quota_pk)
    form = _carrier()
    if _save(request, form, InstrumentWrite, {"quotas": rows}, instance=instrument, nested="quotas") is not None:
        messages.success(request, _("预约配额已删除。"))
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect(_manage_url(instrument, "quotas"))


# ---- qualifications


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def qualification_grant(request, pk):
    """授予上机资格 to a user (by username) until a date, through ``QualificationSerializer``."""
    instrument = _own_instrument(request, pk)
    form = QualificationForm(request.POST, prefix="qual")
    if form.is_valid():
        data = {"user": form.cleaned_data["user"].strip(), "instrument": instrument.pk}
        data["valid_until"] = form.cleaned_data["valid_until"]
        qualification = _save(request, form, QualificationWrite, data)
        if qualification is not None:
            messages.success(
                request,
                _("已授予 %(user)s 上机资格，有效期至 %(date)s。")
                % {"user": qualification.user.username, "date": qualification.valid_until.isoformat()},
            )
            return redirect(_manage_url(instrument, "qualifications"))
    return _manage_again(request, instrument, qualification_form=form)


def _own_qualification(request, pk, qualification_pk):
    instrument = _own_instrument(request, pk)
    qualification = get_object_or_404(
        Qualification.objects.select_related("user"), pk=qualification_pk, instrument=instrument
    )
    return instrument, qualification


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def qualification_extend(request, pk, qualification_pk):
    """延期: a new expiry date (``QualificationSerializer`` partial update, audited)."""
    instrument, qualification = _own_qualification(request, pk, qualification_pk)
    form = ExtendForm(request.POST, prefix=f"extend-{qualification.pk}")
    if form.is_valid():
        saved = _save(request, form, QualificationWrite, form.cleaned_data, instance=qualification)
        if saved is not None:
            messages.success(
                request,
                _("%(user)s 的上机资格已延至 %(date)s。")
                % {"user": saved.user.username, "date": saved.valid_until.isoformat()},
            )
            return redirect(safe_next(request, _manage_url(instrument, "qualifications")))
    return _manage_again(request, instrument, extend_form=form)


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def qualification_revoke(request, pk, qualification_pk):
    """撤销: the qualification is deleted (audited, as the API's DELETE)."""
    instrument, qualification = _own_qualification(request, pk, qualification_pk)
    username = qualification.user.username
    delete_record(qualification, actor=request.user, organization=request.organization)
    messages.success(request, _("已撤销 %(user)s 的上机资格。") % {"user": username})
    return redirect(safe_next(request, _manage_url(instrument, "qualifications")))


@workspace_view(kinds=OWNER_KINDS)
def qualification_list(request):
    """上机资格: every qualification on the acting organization's instruments, soonest expiry first; ``expiring=1``
    keeps those ending within 30 days (the dashboard's link)."""
    today = timezone.localdate()
    qualifications = filter_queryset(
        QualificationFilterSet,
        request.GET,
        Qualification.objects.filter(instrument__owner=request.organization).select_related("user", "instrument"),
        request=request,
    )
    expiring = request.GET.get("expiring") == "1"
    if expiring:
        qualifications = qualifications.filter(
            valid_until__gte=today, valid_until__lte=today + timedelta(days=EXPIRY_WARNING_DAYS)
        )
    page = paginate(request, qualifications.order_by("valid_until", "id"))
    for qualification in page.object_list:
        qualification.expired = qualification.valid_until < today
        qualification.expiring = not qualification.expired and qualification.valid_until <= today + timedelta(
            days=EXPIRY_WARNING_DAYS
        )
    return render(
        request,
        "frontend/facilities/qualification_list.html",
        {"organization": request.organization, "page_obj": page, "expiring": expiring},
    )


# ---- downtime (停机: 维护 / 故障): declared through ``instruments.downtime``, which cancels the bookings it hits


class DowntimeForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("停机类型"), choices=[(k, ClosureKind(k).label) for k in DOWNTIME_KINDS]
    )
    start = forms.DateTimeField(
        label=gettext_lazy("开始"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    end = forms.DateTimeField(
        label=gettext_lazy("结束"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(
        label=gettext_lazy("原因"),
        max_length=200,
        help_text=gettext_lazy("会通知受影响的预约机构和候补用户。"),
        error_messages={"required": gettext_lazy("请填写停机原因。")},
    )


def _downtime_page(request, instrument, form, status=200):
    now = timezone.now()
    downtimes = list(
        Closure.objects.downtimes()
        .filter(instrument=instrument)
        .select_related("declared_by")
        .annotate(cancelled=Count("cancelled_bookings"))
        .order_by("-start")[:50]
    )
    for item in downtimes:
        item.running = item.start <= now < item.end
        item.upcoming = now < item.start
    hit = instrument.bookings.filter(status__in=LIVE_BOOKING_STATUSES, start__gt=now).order_by("start").count()
    return render(
        request,
        "frontend/facilities/downtime.html",
        {
            "organization": request.organization,
            "instrument": instrument,
            "form": form,
            "downtimes": downtimes,
            "live_bookings": hit,
        },
        status=status,
    )


@workspace_view(kinds=OWNER_KINDS)
def downtime_list(request, pk):
    """停机登记: declare a maintenance or fault downtime (the bookings it hits are cancelled free, their firms told
    with alternatives, the waitlist of the period too), list the instrument's downtimes and end a running one."""
    instrument = _own_instrument(request, pk)
    form = DowntimeForm(request.POST or None, prefix="downtime")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            request,
            downtime_service.declare_downtime,
            actor=request.user,
            organization=request.organization,
            instrument=instrument,
            form=form,
            **data,
        )
        if result is not None:
            text = _("已登记%(kind)s停机，免费取消 %(n)d 个预约并通知预约机构。") % {
                "kind": result.downtime.get_kind_display(),
                "n": len(result.cancelled),
            }
            if result.not_cancelled:
                text += " " + _("%(m)d 个已开始的预约未取消，请另行处理。") % {"m": len(result.not_cancelled)}
            if result.waitlist_notified:
                text += " " + _("已通知 %(w)d 位候补用户。") % {"w": len(result.waitlist_notified)}
            messages.success(request, text)
            return redirect("frontend:downtime_list", pk=instrument.pk)
    return _downtime_page(request, instrument, form)


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def downtime_end(request, pk, downtime_pk):
    """End a running downtime now, or withdraw one that has not begun."""
    instrument = _own_instrument(request, pk)
    closure = get_object_or_404(Closure.objects.downtimes(), pk=downtime_pk, instrument=instrument)
    ended = run_service(
        request, downtime_service.end_downtime, closure, actor=request.user, organization=request.organization
    )
    if ended is not None:
        messages.success(request, _("停机已结束，仪器恢复可预约。"))
    elif not Closure.objects.filter(pk=closure.pk).exists():
        messages.success(request, _("尚未开始的停机已撤销（已取消的预约不会恢复）。"))
    return redirect("frontend:downtime_list", pk=instrument.pk)


def instrument_photo(request, pk):
    """An instrument's photo, for whoever may see the instrument (``Instrument.visible_to``): served by the site
    itself, so it shows on an offline intranet without a separate media server."""
    instrument = get_object_or_404(Instrument.objects.visible_to(request.user).exclude(photo=""), pk=pk)
    try:
        stream = instrument.photo.open("rb")
    except OSError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(instrument.photo.name)[0] or "application/octet-stream"
    response = FileResponse(stream, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


urlpatterns = [
    path("workspace/instruments/", facility_list, name="facility_list"),
    path("workspace/instruments/new/", facility_create, name="facility_create"),
    path("workspace/instruments/qualifications/", qualification_list, name="facility_qualifications"),
    path("workspace/instruments/<int:pk>/", facility_manage, name="facility_manage"),
    path("workspace/instruments/<int:pk>/edit/", facility_edit, name="facility_edit"),
    path("workspace/instruments/<int:pk>/service-items/", service_item_create, name="service_item_create"),
    path("workspace/instruments/<int:pk>/service-items/<int:item_pk>/", service_item_edit, name="service_item_edit"),
    path(
        "workspace/instruments/<int:pk>/service-items/<int:item_pk>/toggle/",
        service_item_toggle,
        name="service_item_toggle",
    ),
    path("workspace/instruments/<int:pk>/hours/", opening_hours_save, name="opening_hours_save"),
    path("workspace/instruments/<int:pk>/closures/", closure_add, name="closure_add"),
    path("workspace/instruments/<int:pk>/closures/<int:closure_pk>/remove/", closure_remove, name="closure_remove"),
    path("workspace/instruments/<int:pk>/downtime/", downtime_list, name="downtime_list"),
    path("workspace/instruments/<int:pk>/downtime/<int:downtime_pk>/end/", downtime_end, name="downtime_end"),
    path("workspace/instruments/<int:pk>/quotas/", quota_add, name="quota_add"),
    path("workspace/instruments/<int:pk>/quotas/<int:quota_pk>/remove/", quota_remove, name="quota_remove"),
    path("workspace/instruments/<int:pk>/qualifications/", qualification_grant, name="qualification_grant"),
    path(
        "workspace/instruments/<int:pk>/qualifications/<int:qualification_pk>/extend/",
        qualification_extend,
        name="qualification_extend",
    ),
    path(
        "workspace/instruments/<int:pk>/qualifications/<int:qualification_pk>/revoke/",
        qualification_revoke,
        name="qualification_revoke",
    ),
    path("instruments/<int:pk>/photo/", instrument_photo, name="instrument_photo"),
]


# ------------------------------------------------------------------------------------------- dashboard and navigation


def dashboard_items(request, organization):
    """For an institute or service provider: qualifications expiring within 30 days (to extend or let lapse) and
    its instruments in maintenance (for information). One count each."""
    if organization.kind not in OWNER_KINDS:
        return []
    from .workspace import ActionItem

    today = timezone.localdate()
    expiring = Qualification.objects.filter(
        instrument__owner=organization,
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
    ).count()
    maintenance = Instrument.objects.filter(owner=organization, status=InstrumentStatus.MAINTENANCE)  # counted if shown
    return [
        ActionItem(
            _("30 天内到期的上机资格"),
            expiring,
            reverse("frontend:facility_qualifications") + "?expiring=1",
            area="facilities",
        ),
        ActionItem(
            _("维护中的仪器"),
            maintenance,
            reverse("frontend:facility_list") + "?status=maintenance",
            action=False,
            area="facilities",
        ),
    ]


def nav_links(request, organization):
    if organization.kind not in OWNER_KINDS:
        return []
    return [
        {
            "label": _("我的仪器"),
            "url": reverse("frontend:facility_list"),
            "name": "facility_list",
            "also": (
                "facility_create",
                "facility_edit",
                "facility_manage",
                "service_item_edit",
                "facility_qualifications",
                "downtime_list",
            ),
        }
    ]
