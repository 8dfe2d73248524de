"""技术经理人 (technology brokers): the public directory (/brokers/, filtered through ``BrokerProfileFilterSet``) and
a broker's public page with the track record; the operator's verification on that page; the broker's workspace area
(the profile, 我的委托 with the track record) and an assignment's page, where the broker accepts, writes notes,
suggests institutes or results and schedules meetings, and the parties consent, set the commission, close, cancel
and rate. Brokers are assigned from the deal's own page (``{% deal_brokers %}``, see ``templatetags/broker_tags``).

What a viewer sees of an assignment is ``BrokerAssignment.objects.visible_to`` (404 otherwise) and
``broker_deals.deal_view`` — the API's rule and function. Every change calls ``matchmaking.broker_services``.
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from demands.models import Demand
from marketplace.models import IndustryChain, Organization, Region, TechField
from marketplace.permissions import can_moderate
from matchmaking import broker_services as services
from matchmaking.broker_deals import deal_view, may_see_details
from matchmaking.brokers import SIGNED_CONTRACT
from matchmaking.choices import (
    BROKER_ORGANIZATION_KINDS,
    WORKED_ASSIGNMENTS,
    AssignmentStatus,
    BrokerLevel,
    BrokerStatus,
    CommissionKind,
    CommissionPayer,
)
from matchmaking.filtersets import BrokerProfileFilterSet
from matchmaking.models import BrokerAssignment, BrokerProfile, BrokerRating
from tech_transfer.models import Auction, Inquiry, Result, TechContract

from ..forms import LocalizedModelChoiceField
from .base import filter_queryset, paginate, post_action, run_service, safe_next, workspace_view

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
DEAL_MODELS = {"demand": Demand, "inquiry": Inquiry, "auction": Auction, "contract": TechContract}


def _profiles():
    return (
        BrokerProfile.objects.with_track_record()
        .select_related("user", "organization")
        .prefetch_related("tech_fields", "industry_chains", "regions")
    )


# ------------------------------------------------------------------------------------------------------------ forms


class BrokerFilterForm(forms.Form):
    """The directory's filters (the parameter names of ``BrokerProfileFilterSet``)."""

    q = forms.CharField(
        label=gettext_lazy("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": gettext_lazy("姓名、机构或简介")}),
    )
    level = forms.ChoiceField(
        label=gettext_lazy("证书等级"), required=False, choices=[("", gettext_lazy("全部等级")), *BrokerLevel.choices]
    )
    tech_field = LocalizedModelChoiceField(
        label=gettext_lazy("技术领域"),
        required=False,
        queryset=TechField.objects.all(),
        empty_label=gettext_lazy("全部领域"),
    )
    industry_chain = LocalizedModelChoiceField(
        label=gettext_lazy("产业链"),
        required=False,
        queryset=IndustryChain.objects.all(),
        empty_label=gettext_lazy("全部产业链"),
    )


class ProfileForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("证书等级"), choices=BrokerLevel.choices)
    certificate_number = forms.CharField(label=gettext_lazy("证书编号"), max_length=40)
    certificate_issuer = forms.CharField(label=gettext_lazy("发证机构"), max_length=100)
    certificate_expires = forms.DateField(
        label=gettext_lazy("证书有效期至"), widget=forms.DateInput(attrs={"type": "date"})
    )
    tech_fields = forms.ModelMultipleChoiceField(
        label=gettext_lazy("技术领域"),
        required=False,
        queryset=TechField.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    industry_chains = forms.ModelMultipleChoiceField(
        label=gettext_lazy("产业链"),
        required=False,
        queryset=IndustryChain.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("服务地区"),
        required=False,
        queryset=Region.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    languages = forms.CharField(
        label=gettext_lazy("工作语言"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("用逗号分隔，例如：中文，英语"),
    )
    bio = forms.CharField(
        label=gettext_lazy("个人简介"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )

    @classmethod
    def initial_from(cls, profile) -> dict:
        return {
            "level": profile.level,
            "certificate_number": profile.certificate_number,
            "certificate_issuer": profile.certificate_issuer,
            "certificate_expires": profile.certificate_expires,
            "tech_fields": list(profile.tech_fields.all()),
            "industry_chains": list(profile.industry_chains.all()),
            "regions": list(profile.regions.all()),
            "languages": "，".join(profile.languages),
            "bio": profile.bio,
        }

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        raw = data.pop("languages", "") or ""
        data["languages"] = [x.strip() for x in raw.replace("，", ",").replace("、", ",").split(",") if x.strip()]
        return data


class AssignForm(forms.Form):
    broker = forms.ModelChoiceField(label=gettext_lazy("技术经理人"), queryset=BrokerProfile.objects.none())
    message = forms.CharField(
        label=gettext_lazy("委托说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["broker"]
        field.queryset = BrokerProfile.objects.filter(status=BrokerStatus.VERIFIED).select_related(
            "user", "organization"
        )
        field.label_from_instance = lambda p: f"{p.user} · {p.get_level_display()} · {p.organization.name}"


class CommissionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("佣金方式"), choices=CommissionKind.choices)
    rate = forms.DecimalField(
        label=gettext_lazy("佣金比例(%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
    )
    amount = forms.DecimalField(
        label=gettext_lazy("佣金金额(元)"), required=False, max_digits=13, decimal_places=2, min_value=Decimal("0.01")
    )
    payer = forms.ChoiceField(label=gettext_lazy("支付方"), choices=CommissionPayer.choices)


class NoteForm(forms.Form):
    body = forms.CharField(label=gettext_lazy("跟进记录"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class SuggestForm(forms.Form):
    institute = forms.ModelChoiceField(
        label=gettext_lazy("推荐机构"), required=False, queryset=Organization.objects.none()
    )
    result = forms.ModelChoiceField(label=gettext_lazy("推荐成果"), required=False, queryset=Result.objects.none())
    note = forms.CharField(
        label=gettext_lazy("推荐理由"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, demand=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institute"].queryset = Organization.objects.filter(
            kind__in=BROKER_ORGANIZATION_KINDS, verified=True
        ).exclude(pk=getattr(demand, "firm_id", None))
        self.fields["result"].queryset = Result.objects.filter(status="published").order_by("title")

    def clean(self):
        data = super().clean()
        if (data.get("institute") is None) == (data.get("result") is None):
            raise forms.ValidationError(_("请推荐一个机构或一项成果。"))
        return data


class MeetingForm(forms.Form):
    start = forms.DateTimeField(
        label=gettext_lazy("开始时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    end = forms.DateTimeField(
        label=gettext_lazy("结束时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    place = forms.CharField(label=gettext_lazy("地点或线上链接"), max_length=200)
    topic = forms.CharField(label=gettext_lazy("洽谈事项"), max_length=200)


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=gettext_lazy("评分"), coerce=int, choices=[(i, str(i)) for i in range(5, 0, -1)]
    )
    comment = forms.CharField(
        label=gettext_lazy("评价"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


# ------------------------------------------------------------------------------------------------- public pages


def broker_list(request):
    """技术经理人 directory: verified brokers, filtered as the API filters them, each with the track record."""
    profiles = _profiles().visible_to(request.user).order_by("-verified_at", "-id")
    if not request.GET.get("status"):  # the operator lists the profiles to verify with ?status=pending
        profiles = profiles.filter(status=BrokerStatus.VERIFIED)
    brokers = filter_queryset(BrokerProfileFilterSet, request.GET, profiles, request=request)
    page = paginate(request, brokers.distinct())
    return render(
        request,
        "frontend/brokers/list.html",
        {"page_obj": page, "brokers": page.object_list, "filter_form": BrokerFilterForm(request.GET or None)},
    )


def broker_detail(request, pk):
    """A broker's public page: certificate, fields, chains, regions, languages, biography, track record (deals
    assisted, contracts signed, turnover, ratings by both sides — by side, never by name). Moderators also see a
    pending or rejected profile, with the buttons to verify or reject it."""
    profile = get_object_or_404(_profiles().visible_to(request.user), pk=pk)
    ratings = (
        BrokerRating.objects.filter(assignment__broker=profile)
        .select_related("assignment__demand", "assignment__inquiry", "assignment__contract")
        .order_by("-created_at")[:10]
    )
    for rating in ratings:
        rating.side = _("需求方") if rating.organization_id == rating.assignment.firm_id() else _("提供方")
    return render(
        request,
        "frontend/brokers/detail.html",
        {
            "profile": profile,
            "ratings": ratings,
            "moderator": can_moderate(request.user),
        },
    )


@login_required
@require_POST
def broker_review(request, pk, action):
    """认证 / 不通过 by the market operator (the services refuse anyone else)."""
    if action not in ("verify", "reject"):
        raise Http404
    profile = get_object_or_404(BrokerProfile.objects.visible_to(request.user), pk=pk)
    note = request.POST.get("note", "")[:2000]
    if action == "verify":
        return post_action(
            request,
            services.verify_profile,
            profile,
            actor=request.user,
            note=note,
            success=_("已认证该技术经理人。"),
            redirect_to=profile.get_absolute_url(),
        )
    return post_action(
        request,
        services.reject_profile,
        profile,
        actor=request.user,
        note=note,
        success=_("已退回该技术经理人档案。"),
        redirect_to=profile.get_absolute_url(),
    )


# -------------------------------------------------------------------------------------------- broker workspace

TABS = (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED, AssignmentStatus.CLOSED)


@workspace_view(kinds=BROKER_ORGANIZATION_KINDS)
def my_broker(request):
    """技术经理人 workspace: without a profile, the application form; with one, its state, the track record and
    我的委托 (tabs by state) with the notes count."""
    profile = _profiles().filter(user=request.user).first()
    if profile is None:
        return _profile_form(request, None)
    current = request.GET.get("status", "")
    assignments = BrokerAssignment.objects.with_deal().filter(broker=profile).order_by("-created_at", "-id")
    if current in AssignmentStatus.values:
        assignments = assignments.filter(status=current)
    page = paginate(request, assignments)
    for assignment in page.object_list:
        assignment.view = deal_view(assignment, request.user, full=False)
    base = reverse("frontend:my_broker")
    tabs = [{"label": _("全部"), "url": base, "current": not current}] + [
        {"label": s.label, "url": f"{base}?status={s}", "current": current == s} for s in TABS
    ]
    return render(
        request,
        "frontend/brokers/workspace.html",
        {"profile": profile, "page_obj": page, "assignments": page.object_list, "tabs": tabs},
    )


def _profile_form(request, profile):
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_from(profile) if profile else None)
    if request.method == "POST" and form.is_valid():
        if profile is None:
            saved = run_service(
                request,
                services.create_profile,
                actor=request.user,
                organization=request.organization,
                form=form,
                **form.service_data(),
            )
            success = _("档案已提交，平台核验证书后公开。")
        else:
            saved = run_service(
                request, services.update_profile, profile, actor=request.user, form=form, **form.service_data()
            )
            success = (
                _("档案已保存。")
                if saved and saved.status == BrokerStatus.VERIFIED
                else _("档案已保存，证书信息变更后需平台重新核验。")
            )
        if saved is not None:
            messages.success(request, success)
            return redirect("frontend:my_broker")
    return render(request, "frontend/brokers/profile_form.html", {"form": form, "profile": profile})


@workspace_view(kinds=BROKER_ORGANIZATION_KINDS)
def broker_profile_edit(request):
    profile = BrokerProfile.objects.filter(user=request.user).first()
    if profile is None:
        return redirect("frontend:my_broker")
    return _profile_form(request, profile)


# ------------------------------------------------------------------------------------------- an assignment's page


def _visible_assignment(request, pk):
    return get_object_or_404(BrokerAssignment.objects.visible_to(request.user).with_deal(), pk=pk)


@workspace_view()
def broker_assignment(request, pk):
    """An assignment as its viewer may see it: the deal (``deal_view``), notes, suggestions, meetings, commission and
    ratings, with the buttons of the viewer's role (the broker's, a party's, the firm's)."""
    return _assignment_page(request, _visible_assignment(request, pk))


def _assignment_page(request, assignment, forms_with_errors=None):
    user, organization = request.user, request.organization
    is_broker = assignment.broker.user_id == user.pk
    parties = assignment.party_ids()
    is_party = organization.pk in parties
    serving = assignment.status == AssignmentStatus.ACCEPTED
    firm = assignment.anonymous_firm_id() or assignment.firm_id()
    given = forms_with_errors or {}
    rated = set(assignment.ratings.values_list("organization_id", flat=True))
    context = {
        "assignment": assignment,
        "deal": deal_view(assignment, user),
        "details": may_see_details(assignment, user),
        "is_broker": is_broker,
        "is_party": is_party,
        "is_firm": organization.pk == firm,
        "serving": serving,
        "live": assignment.status in (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED),
        "notes": assignment.notes.select_related("author"),
        "suggestions": assignment.suggestions.select_related("institute", "result"),
        "meetings": assignment.meetings.all(),
        "ratings": assignment.ratings.all(),
        "can_rate": is_party and organization.pk not in rated and services.may_rate(assignment),
        "note_form": given.get("note") or NoteForm(),
        "suggest_form": given.get("suggest")
        or (SuggestForm(demand=assignment.demand) if assignment.demand_id else None),
        "meeting_form": given.get("meeting") or MeetingForm(),
        "rate_form": given.get("rate") or RateForm(),
        "commission_form": given.get("commission")
        or CommissionForm(
            initial={
                "kind": assignment.commission_kind or CommissionKind.RATE,
                "rate": assignment.commission_rate,
                "amount": assignment.commission_amount,
                "payer": assignment.commission_payer or CommissionPayer.BUYER,
            }
        ),
        "can_set_commission": is_party
        and assignment.contract_id
        and assignment.contract.status == "draft"
        and assignment.status in (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED),
        "assigned_by_shown": assignment.assigned_by_organization
        if assignment.assigned_by_organization_id != assignment.anonymous_firm_id()
        or not assignment.firm_hidden_from(user)
        else None,
        "organization": organization,
    }
    return render(request, "frontend/brokers/assignment.html", context, status=400 if given else 200)


ACTIONS = {
    "accept": (lambda a, r: services.accept_assignment(a, actor=r.user), gettext_lazy("已接受委托。")),
    "decline": (
        lambda a, r: services.decline_assignment(a, actor=r.user, note=r.POST.get("note", "")[:2000]),
        gettext_lazy("已婉拒委托。"),
    ),
    "cancel": (
        lambda a, r: services.cancel_assignment(
            a, actor=r.user, organization=r.organization, note=r.POST.get("note", "")[:2000]
        ),
        gettext_lazy("委托已撤销。"),
    ),
    "close": (
        lambda a, r: services.close_assignment(
            a, actor=r.user, organization=r.organization, note=r.POST.get("note", "")[:2000]
        ),
        gettext_lazy("服务已结束。"),
    ),
    "consent": (
        lambda a, r: services.set_consent(a, actor=r.user, organization=r.organization, consent=True),
        gettext_lazy("已同意向该技术经理人披露企业身份。"),
    ),
    "withdraw-consent": (
        lambda a, r: services.set_consent(a, actor=r.user, organization=r.organization, consent=False),
        gettext_lazy("已撤回身份披露。"),
    ),
}


@workspace_view()
@require_POST
def assignment_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    assignment = _visible_assignment(request, pk)
    service, success = ACTIONS[action]
    return post_action(
        request, service, assignment, request, success=str(success), redirect_to=assignment.get_absolute_url()
    )


def _form_post(request, pk, form_class, key, call, success, **form_kwargs):
    assignment = _visible_assignment(request, pk)
    if key == "suggest":
        form_kwargs["demand"] = assignment.demand
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid() and run_service(request, call, assignment, form.cleaned_data, form=form) is not None:
        messages.success(request, success)
        return redirect(safe_next(request, assignment.get_absolute_url()))
    return _assignment_page(request, assignment, forms_with_errors={key: form})


@workspace_view()
@require_POST
def assignment_note(request, pk):
    return _form_post(
        request,
        pk,
        NoteForm,
        "note",
        lambda a, d: services.add_note(a, actor=request.user, body=d["body"]),
        _("已添加跟进记录。"),
    )


@workspace_view()
@require_POST
def assignment_suggest(request, pk):
    return _form_post(
        request,
        pk,
        SuggestForm,
        "suggest",
        lambda a, d: services.suggest(
            a, actor=request.user, institute=d.get("institute"), result=d.get("result"), note=d.get("note", "")
        ),
        _("已向企业推荐。"),
    )


@workspace_view()
@require_POST
def assignment_meeting(request, pk):
    return _form_post(
        request,
        pk,
        MeetingForm,
        "meeting",
        lambda a, d: services.schedule_meeting(a, actor=request.user, **d),
        _("已安排洽谈并通知各方。"),
    )


@workspace_view()
@require_POST
def assignment_rate(request, pk):
    return _form_post(
        request,
        pk,
        RateForm,
        "rate",
        lambda a, d: services.rate_broker(
            a, actor=request.user, organization=request.organization, score=d["score"], comment=d.get("comment", "")
        ),
        _("感谢评价。"),
    )


@workspace_view()
@require_POST
def assignment_commission(request, pk):
    return _form_post(
        request,
        pk,
        CommissionForm,
        "commission",
        lambda a, d: services.set_commission(a, actor=request.user, organization=request.organization, **d),
        _("佣金条款已保存。"),
    )


@workspace_view()
@require_POST
def broker_assign(request, kind, pk):
    """委托技术经理人 from a deal's page (a demand, inquiry, auction or contract the user may see); on a contract the
    commission terms may be given at once."""
    model = DEAL_MODELS.get(kind)
    if model is None:
        raise Http404
    deal = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    back = safe_next(request, deal.get_absolute_url())
    form = AssignForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    commission = None
    if kind == "contract" and request.POST.get("kind"):
        terms = CommissionForm(request.POST)
        if not terms.is_valid():
            for field, errors in terms.errors.items():
                for error in errors:
                    label = terms.fields[field].label if field in terms.fields else ""
                    messages.error(request, f"{label}：{error}" if label else error)
            return redirect(back)
        commission = terms.cleaned_data
    assignment = run_service(
        request,
        services.assign_broker,
        broker=form.cleaned_data["broker"],
        deal=deal,
        actor=request.user,
        organization=request.organization,
        message=form.cleaned_data.get("message", ""),
        commission=commission,
    )
    if assignment is not None:
        messages.success(request, _("已委托 %(b)s，等待其接受。") % {"b": assignment.broker})
    return redirect(back)


urlpatterns = [
    path("brokers/", broker_list, name="broker_list"),
    path("brokers/<int:pk>/", broker_detail, name="broker_detail"),
    path("brokers/<int:pk>/<slug:action>/", broker_review, name="broker_review"),
    path("workspace/brokers/", my_broker, name="my_broker"),
    path("workspace/brokers/profile/", broker_profile_edit, name="broker_profile_edit"),
    path("workspace/brokers/assign/<slug:kind>/<int:pk>/", broker_assign, name="broker_assign"),
    path("workspace/broker-assignments/<int:pk>/", broker_assignment, name="broker_assignment"),
    path("workspace/broker-assignments/<int:pk>/notes/", assignment_note, name="broker_assignment_note"),
    path("workspace/broker-assignments/<int:pk>/suggest/", assignment_suggest, name="broker_assignment_suggest"),
    path("workspace/broker-assignments/<int:pk>/meetings/", assignment_meeting, name="broker_assignment_meeting"),
    path("workspace/broker-assignments/<int:pk>/rate/", assignment_rate, name="broker_assignment_rate"),
    path(
        "workspace/broker-assignments/<int:pk>/commission/", assignment_commission, name="broker_assignment_commission"
    ),
    path("workspace/broker-assignments/<int:pk>/<slug:action>/", assignment_action, name="broker_assignment_action"),
]


# ------------------------------------------------------------------------------------------ dashboard and navigation


def dashboard_items(request, organization):
    """A broker: assignments waiting for an answer, and those being served. The operator: profiles to verify."""
    from .workspace import ActionItem

    items = []
    if organization.kind in BROKER_ORGANIZATION_KINDS and request.user.is_authenticated:
        mine = BrokerAssignment.objects.filter(broker__user=request.user)
        url = reverse("frontend:my_broker")
        items.append(
            ActionItem(
                _("待接受的经纪委托"),
                mine.filter(status=AssignmentStatus.PENDING),
                f"{url}?status=pending",
                area="brokers",
            )
        )
        items.append(
            ActionItem(
                _("服务中的经纪委托"),
                mine.filter(status=AssignmentStatus.ACCEPTED),
                f"{url}?status=accepted",
                action=False,
                area="brokers",
            )
        )
        # The track record in the dashboard: contracts the broker helped to sign (the profile has the rest).
        items.append(
            ActionItem(
                _("促成签约的技术合同"),
                mine.filter(status__in=WORKED_ASSIGNMENTS, contract__status__in=SIGNED_CONTRACT),
                url,
                action=False,
                area="brokers",
            )
        )
    if organization.is_market_operator:
        items.append(
            ActionItem(
                _("待认证的技术经理人"),
                BrokerProfile.objects.filter(status=BrokerStatus.PENDING),
                reverse("frontend:broker_list") + "?status=pending",
                area="brokers",
            )
        )
    return items


def nav_links(request, organization):
    if organization is None or organization.kind not in BROKER_ORGANIZATION_KINDS:
        return []
    return [
        {
            "label": _("技术经理人"),
            "url": reverse("frontend:my_broker"),
            "name": "my_broker",
            "also": ("broker_profile_edit",),
        }
    ]
