"""对接活动 (成果推介会 · 需求对接会 · 揭榜发布): the public list and an event's page (featured results and demands,
matched suggestions, registration), the organizer's workspace (create / edit / publish, registrations to confirm or
decline, the printable check-in list with a QR code per registration, check-in, the report), and a registrant's 我的活动
with its one-to-one meeting requests and the leads (意向 / 解题方案) an accepted meeting turns into.

Every change goes through ``events.services`` (or the API's serializer and the audited record services for an
event's fields), exactly as the API does.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from demands.models import PUBLIC_STATUSES as PUBLIC_DEMAND_STATUSES
from demands.models import Demand
from marketplace.choices import OrganizationKind
from matchmaking import services
from matchmaking.api.serializers import EventSerializer
from matchmaking.choices import (
    LIVE_MEETINGS,
    ORGANIZER_KINDS,
    REGISTRANT_KINDS,
    SEATED,
    EventKind,
    EventStatus,
    MeetingStatus,
    RegistrationStatus,
)
from matchmaking.filtersets import EventFilterSet
from matchmaking.ical import event_calendar
from matchmaking.models import Event, EventLead, Meeting, Registration
from matchmaking.qr import qr_svg
from matchmaking.suggestions import result_suggestions
from tech_transfer.choices import ResultStatus
from tech_transfer.models import Result

from .base import acting_organization, filter_queryset, paginate, post_action, run_service, workspace_view

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
MEETING_LENGTH = timedelta(minutes=30)


def _datetime_field(label):
    return forms.DateTimeField(
        label=label, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL)
    )


# ------------------------------------------------------------------------------------------------------------ forms


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("活动类型"), choices=EventKind.choices)
    title = forms.CharField(label=gettext_lazy("活动名称"), max_length=200)
    start = _datetime_field(gettext_lazy("开始时间"))
    end = _datetime_field(gettext_lazy("结束时间"))
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200, required=False)
    online_url = forms.URLField(label=gettext_lazy("线上链接"), max_length=500, required=False, assume_scheme="https")
    capacity = forms.IntegerField(label=gettext_lazy("名额"), min_value=1, initial=50)
    agenda = forms.CharField(label=gettext_lazy("议程"), max_length=5000, required=False, widget=forms.Textarea)
    featured_results = forms.ModelMultipleChoiceField(
        label=gettext_lazy("推介成果"), required=False,
        queryset=Result.objects.filter(status=ResultStatus.PUBLISHED).order_by("title"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    featured_demands = forms.ModelMultipleChoiceField(
        label=gettext_lazy("对接需求"), required=False,
        queryset=Demand.objects.filter(status__in=PUBLIC_DEMAND_STATUSES).order_by("title"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip

    @classmethod
    def initial_from(cls, event) -> dict:
        return {
            "kind": event.kind,
            "title": event.title,
            "start": timezone.localtime(event.start),
            "end": timezone.localtime(event.end),
            "place": event.place,
            "online_url": event.online_url,
            "capacity": event.capacity,
            "agenda": event.agenda,
            "featured_results": list(event.featured_results.values_list("pk", flat=True)),
            "featured_demands": list(event.featured_demands.values_list("pk", flat=True)),
        }

    def api_data(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "start": data["start"].isoformat(),
            "end": data["end"].isoformat(),
            "place": data.get("place", ""),
            "online_url": data.get("online_url", ""),
            "capacity": data["capacity"],
            "agenda": data.get("agenda", ""),
            "featured_results": [r.pk for r in data.get("featured_results") or []],
            "featured_demands": [d.pk for d in data.get("featured_demands") or []],
        }


class RegisterForm(forms.Form):
    results = forms.ModelMultipleChoiceField(
        label=gettext_lazy("携带成果"),
        required=False,
        queryset=Result.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    demands = forms.ModelMultipleChoiceField(
        label=gettext_lazy("携带需求"),
        required=False,
        queryset=Demand.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=gettext_lazy("备注"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["results"].queryset = Result.objects.filter(owner=organization, status=ResultStatus.PUBLISHED)
        self.fields["demands"].queryset = Demand.objects.filter(firm=organization, status__in=PUBLIC_DEMAND_STATUSES)


class MeetingForm(forms.Form):
    counterpart = forms.ModelChoiceField(label=gettext_lazy("洽谈对象"), queryset=Registration.objects.none())
    start = _datetime_field(gettext_lazy("开始时间"))
    end = _datetime_field(gettext_lazy("结束时间"))
    table = forms.CharField(label=gettext_lazy("桌号/会议室"), max_length=60, required=False)
    message = forms.CharField(label=gettext_lazy("洽谈事项"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["counterpart"]
        field.queryset = (
            Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.CONFIRMED)
            .exclude(pk=registration.pk)
            .select_related("organization")
        )
        field.label_from_instance = lambda r: r.organization.name

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("结束时间须晚于开始时间。"))
        return data


class LeadForm(forms.Form):
    target = forms.ChoiceField(label=gettext_lazy("后续合作"))
    message = forms.CharField(label=gettext_lazy("意向说明或技术方案"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    budget = forms.DecimalField(label=gettext_lazy("报价(元)"), max_digits=13, decimal_places=2, min_value=0,
                                required=False)  # fmt: skip
    duration_days = forms.IntegerField(label=gettext_lazy("周期(天)"), min_value=1, required=False)

    def __init__(self, *args, meeting, organization, **kwargs):
        super().__init__(*args, **kwargs)
        other = meeting.counterpart if meeting.requester.organization_id == organization.pk else meeting.requester
        choices = [
            (f"result:{r.pk}", _("意向：%(t)s") % {"t": r.title})
            for r in Result.objects.filter(owner_id=other.organization_id, status=ResultStatus.PUBLISHED)
        ]
        if organization.kind != OrganizationKind.ENTERPRISE:
            choices += [
                (f"demand:{d.pk}", _("解题：%(t)s") % {"t": d.title})
                for d in Demand.objects.filter(firm_id=other.organization_id, status="open")
            ]
        self.fields["target"].choices = choices  # fmt: skip

    def service_kwargs(self) -> dict:
        kind, pk = self.cleaned_data["target"].split(":")
        data = {"message": self.cleaned_data["message"]}
        if kind == "result":
            data["result"] = Result.objects.get(pk=pk)
        else:
            data["demand"] = Demand.objects.get(pk=pk)
            data["budget"] = self.cleaned_data.get("budget")
            data["duration_days"] = self.cleaned_data.get("duration_days")
        return data


# ------------------------------------------------------------------------------------------------- public pages


def _seated():
    return Count("registrations", filter=Q(registrations__status__in=SEATED), distinct=True)


def event_list(request):
    """对接活动: published and past events, upcoming first, filtered through ``EventFilterSet``."""
    now = timezone.now()
    events = filter_queryset(
        EventFilterSet,
        request.GET,
        Event.objects.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CLOSED])
        .select_related("organizer")
        .annotate(seats_taken=_seated())
        .order_by("-status", "start"),  # "published" sorts after "closed": reversed, published first
        request=request,
    )
    page = paginate(request, events)
    return render(request, "frontend/events/list.html", {"page_obj": page, "events": page.object_list, "now": now,
                                                          "q": request.GET.get("q", "")})  # fmt: skip


def _public_event(request, pk):
    return get_object_or_404(
        Event.objects.visible_to(request.user).select_related("organizer").annotate(seats_taken=_seated()), pk=pk
    )


def event_detail(request, pk, register_form=None, status=200):
    """An event: time, place or link, agenda, seats left, featured results and demands (an anonymous demand shows
    匿名企业 unless the visitor may know the firm), results matched to the featured demands, and the register
    button for a firm, institute or service provider that has not registered yet."""
    event = _public_event(request, pk)
    organization = acting_organization(request)
    demands = list(event.featured_demands.select_related("firm"))
    for demand in demands:
        demand.shown_firm = demand.firm if demand.firm_visible_to(request.user) else None
    registration = None
    can_register = False
    if organization is not None:
        registration = Registration.objects.filter(event=event, organization=organization).first()
        can_register = (
            registration is None
            and organization.kind in REGISTRANT_KINDS
            and organization.pk != event.organizer_id
            and event.status == EventStatus.PUBLISHED
            and event.end > timezone.now()
        )
        if can_register and register_form is None:
            register_form = RegisterForm(organization=organization)
    return render(
        request,
        "frontend/events/detail.html",
        {
            "event": event,
            "results": event.featured_results.select_related("owner"),
            "demands": demands,
            "suggestions": result_suggestions(event) if demands else [],
            "organization": organization,
            "registration": registration,
            "can_register": can_register,
            "register_form": register_form,
            "is_organizer": organization is not None and organization.pk == event.organizer_id,
            "seats_left": max(event.capacity - event.seats_taken, 0),
        },
        status=status,
    )


@require_POST
@workspace_view(kinds=REGISTRANT_KINDS)
def event_register(request, pk):
    event = _public_event(request, pk)
    form = RegisterForm(request.POST, organization=request.organization)
    if form.is_valid():
        registration = run_service(
            request, services.register, event, organization=request.organization, actor=request.user,
            results=list(form.cleaned_data["results"]), demands=list(form.cleaned_data["demands"]),
            note=form.cleaned_data["note"], form=form,
        )  # fmt: skip
        if registration is not None:
            messages.success(request, _("报名已提交，请等待主办方确认。"))
            return redirect("frontend:my_registration", registration.pk)
    return event_detail(request, pk, register_form=form, status=400)


def event_ics(request, pk):
    event = _public_event(request, pk)
    body = event_calendar(event, request.build_absolute_uri(event.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


# --------------------------------------------------------------------------------------------- organizer workspace


def _own_event(request, pk) -> Event:
    """The acting organizer's event (404 for anyone else's, drafts included)."""
    return get_object_or_404(Event.objects.select_related("organizer"), pk=pk, organizer=request.organization)


@workspace_view(kinds=ORGANIZER_KINDS)
def organized_events(request):
    """活动管理: the acting organization's events in every state, with seats taken and check-ins."""
    events = (
        Event.objects.filter(organizer=request.organization)
        .annotate(
            seats_taken=_seated(),
            checked_in=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False), distinct=True),
            waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.PENDING), distinct=True),
        )
        .order_by("-start", "-id")
    )
    page = paginate(request, events)
    return render(request, "frontend/events/organized.html", {"page_obj": page, "events": page.object_list})


@workspace_view(kinds=ORGANIZER_KINDS)
def event_create(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from .base import save_through_serializer

        event = save_through_serializer(request, form, EventSerializer, form.api_data(),
                                        organization=request.organization, organizer=request.organization)  # fmt: skip
        if event is not None:
            messages.success(request, _("活动草稿已保存。确认无误后请发布。"))
            return redirect("frontend:event_manage", event.pk)
    return render(request, "frontend/events/form.html", {"form": form, "event": None}, status=_status(request, form))


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


@workspace_view(kinds=ORGANIZER_KINDS)
def event_edit(request, pk):
    from .base import save_through_serializer

    event = _own_event(request, pk)
    form = EventForm(request.POST or None, initial=EventForm.initial_from(event))
    if request.method == "POST" and form.is_valid():
        saved = save_through_serializer(request, form, EventSerializer, form.api_data(), instance=event,
                                        organization=request.organization)  # fmt: skip
        if saved is not None:
            messages.success(request, _("活动已保存。"))
            return redirect("frontend:event_manage", saved.pk)
    return render(request, "frontend/events/form.html", {"form": form, "event": event}, status=_status(request, form))


@workspace_view(kinds=ORGANIZER_KINDS)
def event_manage(request, pk):
    """The organizer's page of an event: its state and actions, registrations to confirm / decline / check in,
    meetings arranged between registrants."""
    event = _own_event(request, pk)
    registrations = event.registrations.select_related("organization").prefetch_related("results", "demands")
    meetings = event.meetings.select_related("requester__organization", "counterpart__organization")
    return render(request, "frontend/events/manage.html",
                  {"event": event, "registrations": registrations, "meetings": meetings})  # fmt: skip


EVENT_ACTIONS = {
    "publish": (services.publish_event, gettext_lazy("活动已发布。")),
    "close": (services.close_event, gettext_lazy("活动已结束。")),
    "cancel": (services.cancel_event, gettext_lazy("活动已取消，已通知报名机构。")),
}


@require_POST
@workspace_view(kinds=ORGANIZER_KINDS)
def event_action(request, pk, action):
    if action not in EVENT_ACTIONS:
        raise Http404
    event = _own_event(request, pk)
    service, success = EVENT_ACTIONS[action]
    return post_action(request, service, event, actor=request.user, organization=request.organization,
                       success=str(success), redirect_to=reverse("frontend:event_manage", args=[event.pk]))  # fmt: skip


REGISTRATION_ACTIONS = {
    "confirm": (services.confirm_registration, gettext_lazy("报名已确认，已通知报名机构。")),
    "decline": (services.decline_registration, gettext_lazy("已拒绝该报名。")),
    "check-in": (services.check_in, gettext_lazy("已签到。")),
}


@require_POST
@workspace_view(kinds=ORGANIZER_KINDS)
def registration_action(request, pk, action):
    if action not in REGISTRATION_ACTIONS:
        raise Http404
    registration = get_object_or_404(
        Registration.objects.select_related("event", "organization"), pk=pk, event__organizer=request.organization
    )
    service, success = REGISTRATION_ACTIONS[action]
    return post_action(request, service, registration, actor=request.user, organization=request.organization,
                       success=str(success),
                       redirect_to=reverse("frontend:event_manage", args=[registration.event_id]))  # fmt: skip


@workspace_view(kinds=ORGANIZER_KINDS)
def event_checkin_list(request, pk):
    """签到表: the confirmed registrations with a QR code each (printable); scanning it opens the check-in page."""
    event = _own_event(request, pk)
    registrations = list(
        event.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related("organization", "user")
    )
    for registration in registrations:
        url = request.build_absolute_uri(reverse("frontend:event_checkin_scan", args=[registration.token]))
        registration.qr = qr_svg(url)
    return render(request, "frontend/events/checkin.html", {"event": event, "registrations": registrations,
                                                            "organizer": request.organization})  # fmt: skip


@workspace_view(kinds=ORGANIZER_KINDS)
def event_checkin_scan(request, token):
    """What a scanned QR code opens: the registration and the check-in button (the organizer only)."""
    registration = get_object_or_404(
        Registration.objects.select_related("event", "organization"), token=token,
        event__organizer=request.organization,
    )  # fmt: skip
    return render(request, "frontend/events/scan.html", {"registration": registration, "event": registration.event})


@workspace_view(kinds=ORGANIZER_KINDS)
def event_report(request, pk):
    """活动报告: registrations, attendance, meetings, leads and the contracts that came from them."""
    event = _own_event(request, pk)
    report = services.event_report(event)
    leads = EventLead.objects.filter(event=event).select_related(
        "inquiry__result", "inquiry__organization", "proposal__demand", "proposal__institute",
        "meeting__requester__organization", "meeting__counterpart__organization",
    )  # fmt: skip
    return render(request, "frontend/events/report.html", {"event": event, "report": report, "leads": leads})


# ----------------------------------------------------------------------------------------------- registrant pages


@workspace_view(kinds=REGISTRANT_KINDS)
def my_events(request):
    """我的活动: the acting organization's registrations, with the meeting requests waiting for its answer."""
    registrations = (
        Registration.objects.filter(organization=request.organization)
        .select_related("event__organizer")
        .annotate(waiting=Count("meetings_received", filter=Q(meetings_received__status=MeetingStatus.REQUESTED)))
        .order_by("-event__start", "-id")
    )
    page = paginate(request, registrations)
    return render(request, "frontend/events/my_events.html", {"page_obj": page, "registrations": page.object_list})


def _my_registration(request, pk) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event__organizer", "organization"), pk=pk,
        organization=request.organization,
    )  # fmt: skip


def _meetings(registration):
    parties = ("requester__organization", "counterpart__organization")
    leads = Prefetch("leads", queryset=EventLead.objects.select_related("inquiry", "proposal"))
    return (
        Meeting.objects.filter(Q(requester=registration) | Q(counterpart=registration))
        .select_related(*parties)
        .prefetch_related(leads)
        .order_by("start", "id")
    )


@workspace_view(kinds=REGISTRANT_KINDS)
def my_registration(request, pk, meeting_form=None, lead_forms=None, status=200):
    """One registration: its state, the QR code once confirmed, the meetings it requested and received (accept or
    decline), the form to request a meeting with another confirmed registrant, and for an accepted meeting the
    form that turns it into an inquiry or a proposal."""
    registration = _my_registration(request, pk)
    meetings = list(_meetings(registration))
    lead_forms = lead_forms or {}
    for meeting in meetings:
        meeting.incoming = meeting.counterpart_id == registration.pk
        meeting.other = meeting.requester if meeting.incoming else meeting.counterpart
        if meeting.status == MeetingStatus.ACCEPTED and not meeting.leads.all():
            meeting.lead_form = lead_forms.get(meeting.pk) or LeadForm(
                meeting=meeting, organization=request.organization
            )
    can_meet = registration.status == RegistrationStatus.CONFIRMED and registration.event.status == "published"
    if can_meet and meeting_form is None:
        event = registration.event
        start = timezone.localtime(event.start)
        meeting_form = MeetingForm(registration=registration, initial={"start": start, "end": start + MEETING_LENGTH})
    return render(
        request,
        "frontend/events/registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "meetings": meetings,
            "meeting_form": meeting_form if can_meet else None,
            "live": LIVE_MEETINGS,
        },
        status=status,
    )


@require_POST
@workspace_view(kinds=REGISTRANT_KINDS)
def meeting_request(request, pk):
    registration = _my_registration(request, pk)
    form = MeetingForm(request.POST, registration=registration)
    if form.is_valid():
        data = form.cleaned_data
        meeting = run_service(
            request, services.request_meeting, requester=registration, counterpart=data["counterpart"],
            start=data["start"], end=data["end"], table=data["table"], message=data["message"],
            actor=request.user, organization=request.organization, form=form,
        )  # fmt: skip
        if meeting is not None:
            messages.success(request, _("洽谈邀请已发送。"))
            return redirect("frontend:my_registration", registration.pk)
    return my_registration(request, pk, meeting_form=form, status=400)


def _party_meeting(request, pk) -> Meeting:
    organization = request.organization.pk
    return get_object_or_404(
        Meeting.objects.select_related("requester__organization", "counterpart__organization", "event"),
        Q(requester__organization_id=organization) | Q(counterpart__organization_id=organization),
        pk=pk,
    )


def _own_side(meeting, organization):
    return meeting.requester if meeting.requester.organization_id == organization.pk else meeting.counterpart


@require_POST
@workspace_view(kinds=REGISTRANT_KINDS)
def meeting_action(request, pk, action):
    services_by_action = {
        "accept": (services.accept_meeting, _("已接受洽谈邀请。")),
        "decline": (services.decline_meeting, _("已拒绝洽谈邀请。")),
    }
    if action not in services_by_action:
        raise Http404
    meeting = _party_meeting(request, pk)
    service, success = services_by_action[action]
    back = reverse("frontend:my_registration", args=[_own_side(meeting, request.organization).pk])
    return post_action(request, service, meeting, actor=request.user, organization=request.organization,
                       success=success, redirect_to=back)  # fmt: skip


@require_POST
@workspace_view(kinds=REGISTRANT_KINDS)
def meeting_lead(request, pk):
    meeting = _party_meeting(request, pk)
    own = _own_side(meeting, request.organization)
    form = LeadForm(request.POST, meeting=meeting, organization=request.organization)
    if form.is_valid():
        lead = run_service(request, services.create_lead, meeting, actor=request.user,
                           organization=request.organization, form=form, **form.service_kwargs())  # fmt: skip
        if lead is not None:
            messages.success(request, _("已转为后续合作。"))
            return redirect("frontend:my_registration", own.pk)
    return my_registration(request, own.pk, lead_forms={meeting.pk: form}, status=400)


urlpatterns = [
    path("events/", event_list, name="event_list"),
    path("events/<int:pk>/", event_detail, name="event_detail"),
    path("events/<int:pk>/register/", event_register, name="event_register"),
    path("events/<int:pk>/calendar.ics", event_ics, name="event_ics"),
    path("workspace/events/", organized_events, name="organized_events"),
    path("workspace/events/new/", event_create, name="event_create"),
    path("workspace/events/<int:pk>/", event_manage, name="event_manage"),
    path("workspace/events/<int:pk>/edit/", event_edit, name="event_edit"),
    path("workspace/events/<int:pk>/check-in/", event_checkin_list, name="event_checkin_list"),
    path("workspace/events/<int:pk>/report/", event_report, name="event_report"),
    path("workspace/events/<int:pk>/<slug:action>/", event_action, name="event_action"),
    path("workspace/events/check-in/<uuid:token>/", event_checkin_scan, name="event_checkin_scan"),
    path("workspace/event-registrations/<int:pk>/<slug:action>/", registration_action, name="registration_action"),
    path("workspace/my-events/", my_events, name="my_events"),
    path("workspace/my-events/<int:pk>/", my_registration, name="my_registration"),
    path("workspace/my-events/<int:pk>/meetings/", meeting_request, name="meeting_request"),
    path("workspace/meetings/<int:pk>/lead/", meeting_lead, name="meeting_lead"),
    path("workspace/meetings/<int:pk>/<slug:action>/", meeting_action, name="meeting_action"),
]


# ------------------------------------------------------------------------------------------ dashboard and navigation


def dashboard_items(request, organization):
    """Organizer: registrations waiting for confirmation. Registrant: meeting requests waiting for its answer."""
    from .workspace import ActionItem

    items = []
    if organization.kind in ORGANIZER_KINDS:
        waiting = Registration.objects.filter(event__organizer=organization, status=RegistrationStatus.PENDING)
        items.append(ActionItem(_("待确认的活动报名"), waiting, reverse("frontend:organized_events"), area="events"))
    if organization.kind in REGISTRANT_KINDS:
        requests = Meeting.objects.filter(counterpart__organization=organization, status=MeetingStatus.REQUESTED)
        items.append(ActionItem(_("待答复的洽谈邀请"), requests, reverse("frontend:my_events"), area="events"))
    return items


def nav_links(request, organization):
    links = []
    if organization is None:
        return links
    if organization.kind in ORGANIZER_KINDS:
        links.append({"label": _("活动管理"), "url": reverse("frontend:organized_events"), "name": "organized_events",
                      "also": ("event_create", "event_edit", "event_manage", "event_report")})  # fmt: skip
    if organization.kind in REGISTRANT_KINDS:
        links.append({"label": _("我的活动"), "url": reverse("frontend:my_events"), "name": "my_events",
                      "also": ("my_registration",)})  # fmt: skip
    return links
