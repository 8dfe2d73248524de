"""开放共享: what the sharing rules ask of an instrument's owner beyond bookings — service ratings and their answers
(服务评价), runtime records (机时记录), the national platform's records and export (国家网络管理平台) and the yearly
sharing assessment (开放共享评价考核) — and the firm's rating of a completed booking.

Every POST calls the sharing services the API calls (``sharing.services``); the instrument and booking pages show the
ratings through ``sharing_tags`` (a bounded number of queries each).
"""

import datetime as dt
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from instruments.models import Booking, Instrument
from marketplace.api.acting import forget_memberships
from marketplace.choices import OrganizationKind
from marketplace.dashboard import can_view_detail
from marketplace.exceptions import DomainError
from marketplace.permissions import can_moderate
from marketplace.services.records import delete_record
from sharing.api.serializers import NationalRecordSerializer, RuntimeRecordSerializer
from sharing.choices import CustomsStatus, FundingSource, RuntimeKind, SharingMode
from sharing.models import NationalRecord, RuntimeRecord, ServiceRating
from sharing.services import assessment as assessment_services
from sharing.services import national as national_services
from sharing.services import ratings as rating_services
from sharing.services import runtime as runtime_services

from .base import acting_organization, paginate, run_service, save_through_serializer, show_error, workspace_view

OWNER_KINDS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)
SCORE_CHOICES = [(n, str(n)) for n in range(5, 0, -1)]


# ---------------------------------------------------------------------------------------------------------- ratings


class RatingForm(forms.Form):
    """服务评价: three scores from 1 to 5 and a comment."""

    timeliness = forms.TypedChoiceField(label=gettext_lazy("及时性"), choices=SCORE_CHOICES, coerce=int)
    quality = forms.TypedChoiceField(label=gettext_lazy("服务质量"), choices=SCORE_CHOICES, coerce=int)
    attitude = forms.TypedChoiceField(label=gettext_lazy("服务态度"), choices=SCORE_CHOICES, coerce=int)
    comment = forms.CharField(
        label=gettext_lazy("评价内容（可选）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=gettext_lazy("回复内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


@workspace_view()
def booking_rate(request, pk):
    """The requesting firm rates its completed booking (once). Bookings it may not see answer 404; another
    organization's booking, or one not completed or already rated, is refused with a message."""
    booking = get_object_or_404(
        Booking.objects.visible_to(request.user).select_related("instrument__owner", "requester_org"), pk=pk
    )
    if booking.requester_org_id != request.organization.pk:
        raise PermissionDenied(_("只有预约机构可以评价。"))
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rating = run_service(
            request,
            rating_services.rate_booking,
            booking,
            actor=request.user,
            organization=request.organization,
            form=form,
            **form.cleaned_data,
        )
        if rating is not None:
            messages.success(request, _("感谢评价，评价已展示在仪器页面。"))
            return redirect(booking.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "frontend/sharing/rate.html", {"booking": booking, "form": form}, status=status)


def _owner_ratings(organization):
    return ServiceRating.objects.filter(booking__instrument__owner=organization).select_related(
        "booking__instrument", "organization"
    )


@workspace_view(kinds=OWNER_KINDS)
def ratings(request):
    """The owner's ratings, unanswered first, each with its answer form (or its answer)."""
    queryset = _owner_ratings(request.organization)
    if request.GET.get("show") == "unanswered":
        queryset = queryset.filter(answered_at__isnull=True)
    queryset = queryset.order_by(F("answered_at").desc(nulls_first=True), "-created_at", "-id")
    page = paginate(request, queryset)
    return render(
        request,
        "frontend/sharing/ratings.html",
        {
            "page_obj": page,
            "summary": rating_services.summary(_owner_ratings(request.organization)),
            "unanswered_only": request.GET.get("show") == "unanswered",
        },
    )


@workspace_view(kinds=OWNER_KINDS)
def rating_answer(request, pk):
    """Answer one rating (once); the form again with its message when the answer is empty or too long."""
    rating = get_object_or_404(_owner_ratings(request.organization), pk=pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answered = run_service(
            request,
            rating_services.answer_rating,
            rating,
            actor=request.user,
            organization=request.organization,
            answer=form.cleaned_data["answer"],
            form=form,
        )
        if answered is not None:
            messages.success(request, _("回复已发布。"))
            return redirect(reverse("frontend:sharing_ratings"))
    status = 400 if request.method == "POST" else 200
    return render(request, "frontend/sharing/answer.html", {"rating": rating, "form": form}, status=status)


# ---------------------------------------------------------------------------------------------------------- runtime


def selected_year(request) -> int:
    """The ``year`` asked for (2000–2100), else the current one."""
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


def year_choices(year: int) -> list[int]:
    current = timezone.localdate().year
    return sorted({*range(current - 4, current + 1), year}, reverse=True)


def _year_bounds(year: int):
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _own_instruments(organization):
    return Instrument.objects.filter(owner=organization).order_by("name", "id")


class RuntimeRecordForm(forms.Form):
    """One runtime record: a day, optionally from–to (the hours then follow), the hours, kind and user."""

    date = forms.DateField(label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=gettext_lazy("开始"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=gettext_lazy("结束"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    hours = forms.DecimalField(
        label=gettext_lazy("机时(小时)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        help_text=gettext_lazy("填写了开始和结束时间时可留空，按时间计算。"),
    )
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=RuntimeKind.choices)
    user_name = forms.CharField(label=gettext_lazy("使用人"), required=False, max_length=64)
    note = forms.CharField(label=gettext_lazy("备注"), required=False, max_length=200)


class RuntimeImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV 文件"),
        help_text=gettext_lazy(
            "仪器电脑导出的 CSV：日期、开始时间、结束时间、使用人、类型（自用 / 对外服务 / 教学）五列，表头用中文列名"
            "或英文列名 date、start、end、user、kind，UTF-8 或 GBK 编码，不超过 1 MB。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


@workspace_view(kinds=OWNER_KINDS)
def runtime_overview(request):
    """机时记录: the year's hours of every instrument of the institute, by kind, with the external hours of completed
    platform bookings counted automatically (three queries for any number of instruments)."""
    year = selected_year(request)
    instruments = list(_own_instruments(request.organization))
    totals = runtime_services.runtime_totals([i.pk for i in instruments], *_year_bounds(year))
    rows = [{"instrument": i, **totals[i.pk]} for i in instruments]
    sums = {key: sum((r[key] for r in rows), Decimal("0.00")) for key in (*RuntimeKind.values, "platform", "total")}
    return render(
        request,
        "frontend/sharing/runtime_overview.html",
        {"rows": rows, "sums": sums, "year": year, "years": year_choices(year)},
    )


@workspace_view(kinds=OWNER_KINDS)
def instrument_runtime(request, pk):
    """One instrument's runtime records of a year: totals, the list, a form to add one and a CSV upload. Another
    institute's instrument answers 404."""
    instrument = get_object_or_404(_own_instruments(request.organization), pk=pk)
    year = selected_year(request)
    form, upload = RuntimeRecordForm(), RuntimeImportForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "import":
            upload = RuntimeImportForm(request.POST, request.FILES)
            if upload.is_valid():
                result = _import(request, instrument, upload)
                if result is not None:
                    messages.success(
                        request,
                        _("已导入 %(n)d 条机时记录（重复 %(d)d 条、与平台预约重叠 %(p)d 条未导入）。")
                        % {"n": result.created, "d": result.duplicates, "p": result.platform_overlaps},
                    )
                    return redirect(request.path + f"?year={year}")
        else:
            form = RuntimeRecordForm(request.POST)
            if form.is_valid():
                data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
                data["instrument"] = instrument.pk
                record = save_through_serializer(
                    request,
                    form,
                    RuntimeRecordSerializer,
                    data,
                    organization=request.organization,
                    created_by=request.user,
                    source="manual",
                )
                if record is not None:
                    messages.success(request, _("机时记录已保存。"))
                    return redirect(request.path + f"?year={record.date.year}")
        status = 400
    first, last = _year_bounds(year)
    totals = runtime_services.runtime_totals([instrument.pk], first, last)[instrument.pk]
    records = RuntimeRecord.objects.filter(instrument=instrument, date__range=(first, last)).select_related(
        "created_by"
    )
    sessions = (
        runtime_services.platform_sessions(instrument, first, last)
        .select_related("requester_org")
        .order_by("-actual_start")[:50]
    )
    return render(
        request,
        "frontend/sharing/instrument_runtime.html",
        {
            "instrument": instrument,
            "year": year,
            "years": year_choices(year),
            "totals": totals,
            "page_obj": paginate(request, records),
            "sessions": sessions,
            "form": form,
            "upload": upload,
        },
        status=status,
    )


def _import(request, instrument, form):
    """Run the import; a refused file puts its message and every bad row (by line number) on the form."""
    try:
        return runtime_services.import_runtime_csv(
            instrument,
            runtime_services.read_upload(form.cleaned_data["file"]),
            actor=request.user,
            organization=request.organization,
        )
    except runtime_services.ImportRejected as exc:
        form.add_error("file", str(exc.message))
        rows = exc.details.get("rows") or []
        for text in exc.details["errors"]["file"] if rows else []:
            form.add_error("file", text)
    except DomainError as exc:
        show_error(request, exc, form)
    return None


@require_POST
@workspace_view(kinds=OWNER_KINDS)
def runtime_delete(request, pk):
    record = get_object_or_404(RuntimeRecord.objects.filter(instrument__owner=request.organization), pk=pk)
    target = reverse("frontend:sharing_instrument_runtime", args=[record.instrument_id]) + f"?year={record.date.year}"
    try:
        delete_record(record, actor=request.user, organization=request.organization)
    except DomainError as exc:  # pragma: no cover - no rule refuses it today
        show_error(request, exc)
    else:
        messages.success(request, _("机时记录已删除。"))
    return redirect(target)


# --------------------------------------------------------------------------------------------- national reporting


class NationalRecordForm(forms.Form):
    """国家平台信息 of one instrument (validated again by the API's serializer and the model)."""

    internal_number = forms.CharField(label=gettext_lazy("内部编号"), required=False, max_length=64)
    category_code = forms.CharField(
        label=gettext_lazy("国家分类编码"),
        required=False,
        max_length=6,
        help_text=gettext_lazy("《大型科研仪器分类》6 位数字编码，例如 030101。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{6}"}),
    )
    funding_source = forms.ChoiceField(
        label=gettext_lazy("资金来源"), required=False, choices=[("", "—"), *FundingSource.choices]
    )
    acquisition_date = forms.DateField(
        label=gettext_lazy("购置日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("留空时使用仪器信息中的购置日期。"),
    )
    sharing_mode = forms.ChoiceField(
        label=gettext_lazy("共享模式"), required=False, choices=[("", "—"), *SharingMode.choices]
    )
    opening_rules = forms.CharField(
        label=gettext_lazy("开放机制"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    fee_standard = forms.CharField(
        label=gettext_lazy("收费标准"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    customs_status = forms.ChoiceField(
        label=gettext_lazy("海关监管状态"), required=False, choices=[("", "—"), *CustomsStatus.choices]
    )


NATIONAL_FIELDS = list(NationalRecordForm.base_fields)


@workspace_view(kinds=OWNER_KINDS)
def national_overview(request):
    """国家平台报送: every instrument with what the national platform still needs, the edit links and the year's
    exports (instruments, service records; CSV or XLSX)."""
    year = selected_year(request)
    instruments = national_services.reported_instruments(request.organization)
    rows = [
        {"instrument": i, "record": i._national, "missing": national_services.missing_fields(i)} for i in instruments
    ]
    return render(
        request,
        "frontend/sharing/national.html",
        {
            "rows": rows,
            "incomplete": [r for r in rows if r["missing"]],
            "year": year,
            "years": year_choices(year),
            "kinds": [("instruments", _("仪器信息")), ("services", _("服务记录"))],
        },
    )


@workspace_view(kinds=OWNER_KINDS)
def national_export(request):
    """The download; while an instrument lacks a required field the overview is shown again (409) with the list and
    a "强制导出" button (``force=1``)."""
    year = selected_year(request)
    kind = request.GET.get("kind", "instruments")
    fmt = request.GET.get("output", "csv")
    try:
        filename, content_type, body = national_services.export(
            request.organization, year, kind, fmt, force=request.GET.get("force") == "1"
        )
    except national_services.ReportIncomplete as exc:
        messages.error(request, str(exc.message))
        response = national_overview(request)
        response.status_code = 409
        return response
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(reverse("frontend:sharing_national") + f"?year={year}")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@workspace_view(kinds=OWNER_KINDS)
def national_edit(request, pk):
    """Edit one instrument's national record (created on first save)."""
    instrument = get_object_or_404(_own_instruments(request.organization), pk=pk)
    record = NationalRecord.objects.filter(instrument=instrument).first()
    initial = {name: getattr(record, name) for name in NATIONAL_FIELDS} if record else {}
    form = NationalRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: ("" if v is None and k != "acquisition_date" else v) for k, v in form.cleaned_data.items()}
        data["instrument"] = instrument.pk
        saved = save_through_serializer(
            request, form, NationalRecordSerializer, data, instance=record, organization=request.organization
        )
        if saved is not None:
            messages.success(request, _("国家平台信息已保存。"))
            return redirect(reverse("frontend:sharing_national"))
    instrument._national = record
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "frontend/sharing/national_edit.html",
        {"instrument": instrument, "form": form, "missing": national_services.missing_fields(instrument)},
        status=status,
    )


# ------------------------------------------------------------------------------------------------------ assessment


def _assessment_context(year, organizations, *, detail):
    institutes = assessment_services.assessment(year, organizations)
    return {
        "year": year,
        "years": year_choices(year),
        "institutes": institutes,
        "indicators": assessment_services.INDICATORS,
        "bands": assessment_services.GRADE_BANDS,
        "detail": detail,
    }


@workspace_view(kinds=OWNER_KINDS)
def assessment(request):
    """开放共享评价考核 of the acting institute: its yearly indicators, score and grade, and every instrument's."""
    context = _assessment_context(selected_year(request), [request.organization], detail=True)
    return render(request, "frontend/sharing/assessment.html", context)


@login_required
def assessment_admin(request):
    """开放共享评价考核（管理）: every institute of the market for a year, best first, each with its instruments. For
    those who see the administrators' dashboard (platform administrators, the market operator, authorities)."""
    forget_memberships(request.user)
    if not can_view_detail(request.user):
        raise PermissionDenied(_("仅平台管理员、市场运营机构和主管部门可以查看考核结果。"))
    request.organization = acting_organization(request)
    context = _assessment_context(selected_year(request), None, detail=False)
    return render(request, "frontend/sharing/assessment.html", context)


# -------------------------------------------------------------------------------------------------------- workspace


def dashboard_items(request, organization):
    """An owner's ratings still to answer (to do: one count)."""
    from .workspace import ActionItem

    if organization.kind not in OWNER_KINDS:
        return []
    unanswered = ServiceRating.objects.filter(booking__instrument__owner=organization, answered_at__isnull=True)
    return [
        ActionItem(
            _("待回复的服务评价"),
            unanswered,
            reverse("frontend:sharing_ratings") + "?show=unanswered",
            area="sharing",
        )
    ]


def nav_links(request, organization):
    links = []
    if organization is not None and organization.kind in OWNER_KINDS:
        links.append(
            {
                "label": _("服务评价"),
                "url": reverse("frontend:sharing_ratings"),
                "name": "sharing_ratings",
                "also": ("sharing_rating_answer",),
            }
        )
        links.append(
            {
                "label": _("机时记录"),
                "url": reverse("frontend:sharing_runtime"),
                "name": "sharing_runtime",
                "also": ("sharing_instrument_runtime",),
            }
        )
        links.append(
            {
                "label": _("国家平台报送"),
                "url": reverse("frontend:sharing_national"),
                "name": "sharing_national",
                "also": ("sharing_national_edit", "sharing_national_export"),
            }
        )
        links.append(
            {"label": _("共享考核"), "url": reverse("frontend:sharing_assessment"), "name": "sharing_assessment"}
        )
    is_authority = organization is not None and organization.kind == OrganizationKind.AUTHORITY
    if is_authority or can_moderate(request.user):
        links.append(
            {
                "label": _("共享考核（全市）"),
                "url": reverse("frontend:sharing_assessment_admin"),
                "name": "sharing_assessment_admin",
            }
        )
    return links


urlpatterns = [
    path("bookings/<int:pk>/rate/", booking_rate, name="booking_rate"),
    path("workspace/sharing/ratings/", ratings, name="sharing_ratings"),
    path("workspace/sharing/ratings/<int:pk>/answer/", rating_answer, name="sharing_rating_answer"),
    path("workspace/sharing/runtime/", runtime_overview, name="sharing_runtime"),
    path("workspace/sharing/instruments/<int:pk>/runtime/", instrument_runtime, name="sharing_instrument_runtime"),
    path("workspace/sharing/runtime/<int:pk>/delete/", runtime_delete, name="sharing_runtime_delete"),
    path("workspace/sharing/national/", national_overview, name="sharing_national"),
    path("workspace/sharing/national/export/", national_export, name="sharing_national_export"),
    path("workspace/sharing/instruments/<int:pk>/national/", national_edit, name="sharing_national_edit"),
    path("workspace/sharing/assessment/", assessment, name="sharing_assessment"),
    path("workspace/sharing/assessment/all/", assessment_admin, name="sharing_assessment_admin"),
]
