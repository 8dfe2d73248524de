"""企业需求 (企业出题 · 院所解题 · 市场阅题): the public demands catalogue and a demand's page, and the firm's
workspace — its demands in every state, the form to draft and edit one, submitting it for review, the firm's own page
of a demand (matches with their explanation, invitations, proposals to shortlist / accept / decline, the contract
drafted on acceptance), marking it solved and rating the outcome — and the solver's side (院所解题): the open demands
that match the acting institute or service provider (reverse matching, with why) and those it was invited to, the
proposal form on a demand's page, and 我的方案 with withdrawal.

Every change goes through ``demands.services`` (or the API's serializer and the audited record services for a
draft's fields), exactly as the API does; lists are filtered through ``DemandFilterSet``.
"""

import logging
from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_filters.filterset import filterset_factory

from demands import services
from demands.api.serializers import DemandSerializer
from demands.choices import CooperationMode, DemandStatus, ProposalStatus, RiskClass
from demands.filtersets import DemandFilterSet
from demands.models import Demand, DemandInvitation, Evaluation, Proposal
from instruments.models import Instrument
from marketplace.choices import OrganizationKind
from marketplace.exceptions import DomainError
from marketplace.models import IndustryChain, Organization, TechField
from search.match_cache import demands_matching, matches
from tech_transfer.choices import ResultStatus
from tech_transfer.models import Result, TechContract

from ..forms import DemandFilterForm, LocalizedModelChoiceField
from .base import (
    acting_organization,
    filter_queryset,
    paginate,
    post_action,
    require_party,
    run_service,
    save_through_serializer,
    workspace_view,
)

logger = logging.getLogger(__name__)

MATCH_LIMIT = 5
WORKSPACE_MATCH_LIMIT = 5
FIRMS = (OrganizationKind.ENTERPRISE,)
SOLVERS = services.SOLVERS  # 科研院所 and 服务机构
LIVE_PROPOSALS = (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED)
# A proposal in one of these states stops the organization from proposing again (``submit_proposal``'s rule).
BLOCKING_PROPOSALS = (*LIVE_PROPOSALS, ProposalStatus.ACCEPTED)


# ------------------------------------------------------------------------------------------------- public catalogue


def demand_list(request):
    """企业需求: the demands the visitor may see, filtered through the API's ``DemandFilterSet`` (risk class,
    challenge, industry chain, text), 20 per page. An anonymous demand's firm is named only to those allowed to know
    it."""
    form = DemandFilterForm(request.GET or None)
    demands = filter_queryset(
        DemandFilterSet,
        request.GET,
        Demand.objects.visible_to(request.user).select_related("firm", "industry_chain", "tech_field"),
        request=request,
    )
    page = paginate(request, demands)
    today = timezone.localdate()
    for demand in page.object_list:
        demand.shown_firm = demand.firm if demand.firm_visible_to(request.user) else None
        demand.days_left = (demand.deadline - today).days
    return render(request, "frontend/demand_list.html", {"form": form, "page_obj": page, "demands": page.object_list})


def _institute_matches(demand, limit) -> list[dict]:
    found = matches("institutes", demand, limit=limit)
    for match in found:
        match["url"] = reverse("frontend:organization_detail", args=[match["id"]])
        because = match.get("because_of") or {}
        match["results"] = [
            {**r, "url": reverse("frontend:result_detail", args=[r["id"]])} for r in because.get("results", [])
        ]
        match["instruments"] = [
            {**i, "url": reverse("frontend:instrument_detail", args=[i["id"]])} for i in because.get("instruments", [])
        ]
    return found


def _matches(demand) -> list[dict] | None:
    """The five best matching institutes, or None if the search engine failed (the box is then left out)."""
    try:
        return _institute_matches(demand, MATCH_LIMIT)
    except Exception:
        logger.exception("demand page: matching demand %s failed", demand.pk)
        return None


def demand_detail(request, pk):
    """A demand: problem, target indicators, budget or 面议, deadline, risk class, challenge bounty; the firm, or
    匿名企业 for an anonymous demand unless the visitor may know it; and the best matching institutes. The firm's
    own members are led to its workspace page of the demand."""
    demand = get_object_or_404(
        Demand.objects.visible_to(request.user).select_related("firm__region", "industry_chain", "tech_field"),
        pk=pk,
    )
    return _public_demand_page(request, demand)


def _public_demand_page(request, demand, proposal_form=None, status=200):
    firm = demand.firm if demand.firm_visible_to(request.user) else None
    organization = acting_organization(request)
    return render(
        request,
        "frontend/demand_detail.html",
        {
            "demand": demand,
            "firm": firm,
            "days_left": (demand.deadline - timezone.localdate()).days,
            "matches": _matches(demand),
            "is_owner": organization is not None and organization.pk == demand.firm_id,
            **_solver_context(request, demand, organization, proposal_form),
        },
        status=status,
    )


def _accepts_proposals(demand) -> bool:
    """Whether the demand still collects proposals (``submit_proposal``'s own test, for showing the form)."""
    return demand.status == DemandStatus.OPEN and demand.deadline >= timezone.localdate()


def _solver_context(request, demand, organization, proposal_form=None) -> dict:
    """What a demand's public page shows an institute or service provider: its own proposals to this demand (with
    their state, 撤回 and the contract once accepted), whether it was invited, and the proposal form while the demand
    collects proposals and it has none in play."""
    solver = organization is not None and organization.kind in SOLVERS
    if not solver:
        return {"solver": False}
    own = list(
        Proposal.objects.filter(demand=demand, institute=organization)
        .select_related("contract")
        .order_by("-created_at", "-id")
    )
    for proposal in own:
        proposal.contract_link = getattr(proposal, "contract", None)
    blocked = any(p.status in BLOCKING_PROPOSALS for p in own)
    can_propose = _accepts_proposals(demand) and not blocked
    return {
        "solver": True,
        "organization": organization,
        "own_proposals": own,
        "live_statuses": LIVE_PROPOSALS,
        "invited": DemandInvitation.objects.filter(demand=demand, institute=organization).exists(),
        "proposal_form": (proposal_form or ProposalForm()) if can_propose else None,
    }


# ---------------------------------------------------------------------------------------------------- forms


class DemandForm(forms.Form):
    """Every field of a demand, labelled for the page. Only presentation and types: the rules (budget order, a
    challenge's bounty, a deadline not in the past) are the model's and the API serializer's."""

    title = forms.CharField(label=gettext_lazy("需求名称"), max_length=200)
    problem = forms.CharField(
        label=gettext_lazy("问题描述"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("现象、已尝试的方法、使用条件等，写得越具体，匹配越准确。"),
    )
    target_indicators = forms.CharField(
        label=gettext_lazy("目标指标"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("可量化的验收指标，例如“翘曲量 ≤ 0.3 mm”。"),
    )
    industry_chain = LocalizedModelChoiceField(
        label=gettext_lazy("产业链"),
        required=False,
        queryset=IndustryChain.objects.all(),
        to_field_name="code",
        empty_label=gettext_lazy("（不限）"),
    )
    tech_field = LocalizedModelChoiceField(
        label=gettext_lazy("技术领域"),
        queryset=TechField.objects.all(),
        to_field_name="code",
        empty_label=gettext_lazy("请选择技术领域"),
    )
    risk_class = forms.ChoiceField(
        label=gettext_lazy("风险等级"),
        choices=RiskClass.choices,
        initial=RiskClass.GREEN,
        help_text=gettext_lazy("绿色：自主掌握；黄色：有望进口替代；红色：存在断供断链风险。"),
    )
    cooperation_mode = forms.ChoiceField(label=gettext_lazy("合作方式"), choices=CooperationMode.choices)
    budget_min = forms.DecimalField(
        label=gettext_lazy("预算下限（元）"), required=False, min_value=Decimal("0"), max_digits=13, decimal_places=2
    )
    budget_max = forms.DecimalField(
        label=gettext_lazy("预算上限（元）"),
        required=False,
        min_value=Decimal("0"),
        max_digits=13,
        decimal_places=2,
        help_text=gettext_lazy("上下限都不填即为“面议”。"),
    )
    deadline = forms.DateField(
        label=gettext_lazy("截止日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    is_challenge = forms.BooleanField(label=gettext_lazy("揭榜挂帅（设置榜单金额，公开征集解决方案）"), required=False)
    bounty = forms.DecimalField(
        label=gettext_lazy("榜单金额（元）"),
        required=False,
        min_value=Decimal("0"),
        max_digits=13,
        decimal_places=2,
        help_text=gettext_lazy("仅揭榜挂帅需求填写。"),
    )
    ip_terms = forms.CharField(
        label=gettext_lazy("知识产权约定"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("例如：成果知识产权归发榜企业所有。"),
    )
    anonymous = forms.BooleanField(label=gettext_lazy("匿名发布（企业名称只对本企业和平台管理员可见）"), required=False)

    BASIC = ("title", "problem", "target_indicators")
    CLASSIFICATION = ("industry_chain", "tech_field", "risk_class", "cooperation_mode")
    TERMS = ("budget_min", "budget_max", "deadline")
    CHALLENGE = ("is_challenge", "bounty", "ip_terms")

    @classmethod
    def initial_from(cls, demand) -> dict:
        return {
            **{name: getattr(demand, name) for name in cls.base_fields if name not in ("industry_chain", "tech_field")},
            "industry_chain": demand.industry_chain_id,
            "tech_field": demand.tech_field_id,
        }

    def group(self, names):
        return [self[name] for name in names]

    def groups(self):
        return {
            "basic": self.group(self.BASIC),
            "classification": self.group(self.CLASSIFICATION),
            "terms": self.group(self.TERMS),
            "challenge": self.group(self.CHALLENGE),
            "anonymous": self["anonymous"],
        }

    def api_data(self) -> dict:
        """The cleaned values as the API's serializer takes them (codes for taxonomies, strings for amounts)."""
        data = self.cleaned_data

        def amount(value):
            return None if value is None else str(value)

        challenge = bool(data.get("is_challenge"))
        return {
            "title": data["title"],
            "problem": data["problem"],
            "target_indicators": data.get("target_indicators", ""),
            "industry_chain": data["industry_chain"].code if data.get("industry_chain") else None,
            "tech_field": data["tech_field"].code,
            "risk_class": data["risk_class"],
            "cooperation_mode": data["cooperation_mode"],
            "budget_min": amount(data.get("budget_min")),
            "budget_max": amount(data.get("budget_max")),
            "deadline": data["deadline"].isoformat(),
            "is_challenge": challenge,
            "bounty": amount(data.get("bounty")) if challenge else None,  # an ordinary demand carries no bounty
            "ip_terms": data.get("ip_terms", ""),
            "anonymous": bool(data.get("anonymous")),
        }


class EvaluationForm(forms.Form):
    """市场阅题: the firm's rating of the outcome (1–5) and a comment."""

    rating = forms.TypedChoiceField(
        label=gettext_lazy("评分"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        help_text=gettext_lazy("5 分为完全解决，1 分为未能解决。"),
    )
    comment = forms.CharField(
        label=gettext_lazy("评价"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProposalForm(forms.Form):
    """院所解题: an institute's or service provider's answer to a demand. Types and bounds only (the model's: a budget
    of at least 0 with two decimals, at least one day); the rules about the demand (open, one proposal in play per
    organization) are ``submit_proposal``'s."""

    approach = forms.CharField(
        label=gettext_lazy("技术方案"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=gettext_lazy("技术路线、关键指标如何达成、已有基础（成果、专利、仪器）和验收方式。"),
    )
    budget = forms.DecimalField(
        label=gettext_lazy("报价（元）"),
        min_value=Decimal("0"),
        max_digits=13,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )
    duration_days = forms.IntegerField(
        label=gettext_lazy("周期（天）"),
        min_value=1,
        max_value=3650,
        widget=forms.NumberInput(attrs={"min": "1", "inputmode": "numeric"}),
    )
    team = forms.CharField(
        label=gettext_lazy("团队"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("负责人、主要成员及其专长。"),
    )


class MyDemandFilterForm(DemandFilterForm):
    """我的需求's filters: the catalogue's, without the challenge choice (the status is chosen by the tabs)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["is_challenge"]


# -------------------------------------------------------------------------------------------- the firm's workspace


def _own_demand(request, pk, queryset=None):
    """The acting firm's demand ``pk`` (404 for anything else, like the API for what one may not see)."""
    queryset = queryset if queryset is not None else Demand.objects.all()
    return get_object_or_404(queryset.visible_to(request.user).filter(firm=request.organization), pk=pk)


def _party_demand(request, pk):
    """A demand for a POST: 404 if the user may not see it, 403 if the acting organization is not its firm."""
    demand = get_object_or_404(Demand.objects.visible_to(request.user), pk=pk)
    require_party(request, demand.firm_id)
    return demand


STATUS_TABS = (
    DemandStatus.DRAFT,
    DemandStatus.PENDING_REVIEW,
    DemandStatus.OPEN,
    DemandStatus.IN_COOPERATION,
    DemandStatus.SOLVED,
    DemandStatus.CLOSED,
    DemandStatus.EXPIRED,
)


@workspace_view(kinds=FIRMS)
def my_demands(request):
    """我的需求: the acting firm's demands in every state (tabs by status), filtered through ``DemandFilterSet``,
    20 per page, with the number of proposals each received."""
    own = Demand.objects.visible_to(request.user).filter(firm=request.organization)
    counts = dict(own.order_by().values_list("status").annotate(n=Count("id")))
    demands = filter_queryset(
        DemandFilterSet,
        request.GET,
        own.select_related("industry_chain", "tech_field")
        .annotate(
            proposal_count=Count("proposals", distinct=True),
            live_count=Count("proposals", filter=Q(proposals__status=ProposalStatus.SUBMITTED), distinct=True),
        )
        .order_by("-updated_at", "-id"),
        request=request,
    )
    page = paginate(request, demands)
    current = request.GET.get("status", "")
    base = reverse("frontend:my_demands")
    tabs = [{"value": "", "label": _("全部"), "count": sum(counts.values()), "url": base, "current": not current}]
    for status in STATUS_TABS:
        tabs.append(
            {
                "value": status,
                "label": status.label,
                "count": counts.get(status, 0),
                "url": f"{base}?status={status}",
                "current": current == status,
            }
        )
    return render(
        request,
        "frontend/demands/my_list.html",
        {
            "form": MyDemandFilterForm(request.GET or None),
            "page_obj": page,
            "demands": page.object_list,
            "tabs": tabs,
            "status": current,
            "organization": request.organization,
        },
    )


@workspace_view(kinds=FIRMS)
def demand_create(request):
    """发布需求: a new draft of the acting firm, validated by the API's serializer and saved through the audited
    record service; then the firm reviews it on its page and submits it."""
    form = DemandForm(request.POST or None, initial={"deadline": timezone.localdate() + timedelta(days=90)})
    if request.method == "POST" and form.is_valid():
        demand = save_through_serializer(
            request, form, DemandSerializer, form.api_data(), organization=request.organization,
            firm=request.organization,
        )  # fmt: skip
        if demand is not None:
            messages.success(request, _("需求草稿已保存。确认无误后请提交审核。"))
            return redirect("frontend:my_demand", demand.pk)
    return render(request, "frontend/demands/form.html", {"form": form, "demand": None})


@workspace_view(kinds=FIRMS)
def demand_edit(request, pk):
    """Edit a draft (also one returned by the reviewers, whose reason is shown above the form) or an open demand,
    which goes back to review when its content changes (the form and the message say so). Anything else is refused,
    as ``services.ensure_editable`` says."""
    demand = _own_demand(request, pk, Demand.objects.select_related("industry_chain", "tech_field"))
    try:
        services.ensure_editable(demand)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("frontend:my_demand", demand.pk)
    form = DemandForm(request.POST or None, initial=DemandForm.initial_from(demand))
    if request.method == "POST" and form.is_valid():
        was_open = demand.status == DemandStatus.OPEN  # read first: the save updates ``demand`` itself
        saved = save_through_serializer(
            request, form, DemandSerializer, form.api_data(), instance=demand, organization=request.organization
        )
        if saved is not None:
            if was_open and saved.status == DemandStatus.PENDING_REVIEW:
                messages.warning(request, _("需求已修改，已重新提交审核；审核通过前不在需求大厅展示。"))
            elif saved.status == DemandStatus.OPEN:
                messages.success(request, _("需求已保存。"))
            else:
                messages.success(request, _("需求已保存。确认无误后请提交审核。"))
            return redirect("frontend:my_demand", saved.pk)
    return render(request, "frontend/demands/form.html", {"form": form, "demand": demand})


def _first_free_slot(entry):
    moment = parse_datetime(entry.get("first_free_slot") or "")
    return timezone.localtime(moment) if moment is not None else None


def _workspace_matches(demand, area=None):
    """The matches shown to the firm: institutes (with the results and instruments behind their score), results,
    and voucher-bookable instruments with their first free slot and owner's city (of owners in ``area``: 本地 /
    长三角其他城市, see ``match_cache.in_area``). Each list is None when the search failed."""
    boxes = {}
    try:
        boxes["institutes"] = _institute_matches(demand, WORKSPACE_MATCH_LIMIT)
    except Exception:
        logger.exception("workspace demand page: matching institutes for demand %s failed", demand.pk)
        boxes["institutes"] = None
    try:
        results = matches("results", demand, limit=MATCH_LIMIT)
        owners = Organization.objects.in_bulk({r["owner"] for r in results if r.get("owner")})
        for result in results:
            result["url"] = reverse("frontend:result_detail", args=[result["id"]])
            result["owner_org"] = owners.get(result.get("owner"))
        boxes["results"] = results
    except Exception:
        logger.exception("workspace demand page: matching results for demand %s failed", demand.pk)
        boxes["results"] = None
    try:
        instruments = matches("instruments", demand, limit=MATCH_LIMIT, area=area)
        owners = Organization.objects.select_related("region__parent").in_bulk(
            {i["owner"] for i in instruments if i.get("owner")}
        )
        for instrument in instruments:
            instrument["url"] = reverse("frontend:instrument_detail", args=[instrument["id"]])
            instrument["slot"] = _first_free_slot(instrument)
            owner = owners.get(instrument.get("owner"))
            instrument["region"] = owner.region if owner else None
        boxes["instruments"] = instruments
    except Exception:
        logger.exception("workspace demand page: matching instruments for demand %s failed", demand.pk)
        boxes["instruments"] = None
    return boxes


@workspace_view(kinds=FIRMS)
def my_demand(request, pk):
    """The firm's page of its demand: state and review outcome, every field, the explained matches with an
    invitation button per institute, the proposals with their buttons, the contract drafted on acceptance, and
    solving and rating (市场阅题) once in cooperation."""
    demand = _own_demand(request, pk, Demand.objects.select_related("industry_chain", "tech_field", "firm"))
    return _demand_page(request, demand)


def _demand_page(request, demand, evaluation_form=None):
    proposals = list(demand.proposals.select_related("institute").order_by("-created_at", "-id"))
    contracts = list(TechContract.objects.filter(demand=demand).select_related("seller", "proposal"))
    contract_of = {c.proposal_id: c for c in contracts if c.proposal_id}
    for proposal in proposals:
        proposal.contract_link = contract_of.get(proposal.pk)
    evaluation = Evaluation.objects.filter(demand=demand).first()
    area = request.GET.get("area") if request.GET.get("area") in ("local", "delta") else ""
    matches = _workspace_matches(demand, area=area)
    invited = set(DemandInvitation.objects.filter(demand=demand).values_list("institute_id", flat=True))
    proposed = {p.institute_id for p in proposals}
    for match in matches["institutes"] or []:
        match["invited"] = match["id"] in invited
        match["proposed"] = match["id"] in proposed
    is_open = demand.status == DemandStatus.OPEN
    return render(
        request,
        "frontend/demands/detail.html",
        {
            "demand": demand,
            "proposals": proposals,
            "contracts": contracts,
            "evaluation": evaluation,
            "evaluation_form": (evaluation_form or EvaluationForm())
            if demand.status == DemandStatus.SOLVED and not evaluation
            else None,
            "matches": matches,
            "area_tabs": [
                {
                    "url": f"{request.path}?area={value}#matches" if value else f"{request.path}#matches",
                    "label": label,
                    "current": value == area,
                }
                for value, label in [("", _("全部")), ("local", _("本地")), ("delta", _("长三角其他城市"))]
            ],
            "is_open": is_open,
            "editable": demand.status in services.EDITABLE_STATUSES,
            "rejected": demand.status == DemandStatus.DRAFT and bool(demand.review_note),
            "days_left": (demand.deadline - timezone.localdate()).days,
            "live_statuses": LIVE_PROPOSALS,
            "organization": request.organization,
        },
    )


def _back(demand):
    return reverse("frontend:my_demand", args=[demand.pk])


@workspace_view(kinds=FIRMS)
@require_POST
def demand_submit(request, pk):
    """提交审核: the draft goes to the platform's reviewers (``services.submit_demand``)."""
    demand = _party_demand(request, pk)
    return post_action(
        request, services.submit_demand, demand, actor=request.user, organization=request.organization,
        success=_("已提交审核，平台审核通过后即公开发布。"), redirect_to=_back(demand),
    )  # fmt: skip


@workspace_view(kinds=FIRMS)
@require_POST
def demand_close(request, pk):
    """关闭需求: an open demand stops collecting proposals (``services.close_demand``)."""
    demand = _party_demand(request, pk)
    return post_action(
        request, services.close_demand, demand, actor=request.user, organization=request.organization,
        note=request.POST.get("note", "")[:1000], success=_("需求已关闭。"), redirect_to=_back(demand),
    )  # fmt: skip


@workspace_view(kinds=FIRMS)
@require_POST
def demand_solve(request, pk):
    """标记为已解决: the cooperation delivered (``services.solve_demand``); then the firm rates the outcome."""
    demand = _party_demand(request, pk)
    return post_action(
        request, services.solve_demand, demand, actor=request.user, organization=request.organization,
        success=_("需求已标记为已解决。请为合作成果评分（市场阅题）。"), redirect_to=_back(demand) + "#evaluation",
    )  # fmt: skip


@workspace_view(kinds=FIRMS)
@require_POST
def demand_evaluate(request, pk):
    """市场阅题: rate the solved demand's outcome once (``services.evaluate``). A bad rating comes back on the page."""
    demand = _party_demand(request, pk)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        evaluation = run_service(
            request, services.evaluate, demand, actor=request.user, organization=request.organization,
            rating=data["rating"], comment=data.get("comment", ""), form=form,
        )  # fmt: skip
        if evaluation is not None:
            messages.success(request, _("感谢评价，评价结果将计入解题方的市场记录。"))
            return redirect(_back(demand) + "#evaluation")
    if demand.status == DemandStatus.SOLVED and not Evaluation.objects.filter(demand=demand).exists():
        return _demand_page(request, demand, evaluation_form=form)  # the form again, with its field messages
    for field, errors in form.errors.items():
        for error in errors:
            messages.error(
                request,
                (_("%(label)s：%(error)s") % {"label": form.fields[field].label, "error": error})
                if field in form.fields
                else error,
            )
    return redirect(_back(demand) + "#evaluation")


@workspace_view(kinds=FIRMS)
@require_POST
def demand_invite(request, pk):
    """邀请提交方案: invite a matched institute (``services.invite_institute``; once per institute)."""
    demand = _party_demand(request, pk)
    try:
        institute_id = int(request.POST.get("institute", ""))
    except ValueError:
        raise Http404 from None
    institute = get_object_or_404(
        Organization.objects.visible_to(request.user).filter(kind__in=services.SOLVERS), pk=institute_id
    )
    return post_action(
        request, services.invite_institute, demand, institute=institute, actor=request.user,
        organization=request.organization, redirect_to=_back(demand) + "#matches",
        success=_("已邀请 %(name)s 提交解题方案。") % {"name": institute.name},
    )  # fmt: skip


PROPOSAL_ACTIONS = {
    "shortlist": (services.shortlist_proposal, gettext_lazy("方案已入围，已通知解题方。")),
    "accept": (services.accept_proposal, gettext_lazy("已接受该方案：需求进入合作阶段，技术合同草稿已生成。")),
    "decline": (services.decline_proposal, gettext_lazy("已标记为不采纳，已通知解题方。")),
}


@workspace_view(kinds=FIRMS)
@require_POST
def proposal_action(request, pk, action):
    """入围 / 接受 / 不采纳 a proposal to the acting firm's demand (the proposal services; accepting declines the other
    live proposals and drafts the contract)."""
    if action not in PROPOSAL_ACTIONS:
        raise Http404
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user).select_related("demand"), pk=pk)
    require_party(request, proposal.demand.firm_id)
    service, success = PROPOSAL_ACTIONS[action]
    return post_action(
        request, service, proposal, actor=request.user, organization=request.organization, success=str(success),
        redirect_to=_back(proposal.demand) + f"#proposal-{proposal.pk}",
    )  # fmt: skip


@login_required
def proposal_detail(request, pk):
    """Where a proposal's notification leads: the firm to its demand page; the institute to the demand's public page,
    which shows it its proposal in full (state, 撤回, the contract once accepted) beside the demand — or, once the
    demand is no longer public (closed, expired), to a page of the proposal alone."""
    proposal = get_object_or_404(
        Proposal.objects.visible_to(request.user).select_related("demand__firm", "institute"), pk=pk
    )
    organization = acting_organization(request)
    anchor = f"#proposal-{proposal.pk}"
    demand = proposal.demand
    if organization is not None and organization.pk == demand.firm_id:
        return redirect(reverse("frontend:my_demand", args=[proposal.demand_id]) + anchor)
    if Demand.objects.visible_to(request.user).filter(pk=demand.pk).exists():
        return redirect(reverse("frontend:demand_detail", args=[proposal.demand_id]) + anchor)
    proposal.contract_link = TechContract.objects.filter(proposal=proposal).first()
    return render(
        request,
        "frontend/demands/proposal.html",
        {
            "proposal": proposal,
            "demand": demand,
            "firm": demand.firm if demand.firm_visible_to(request.user) else None,
            "organization": organization,
            "live_statuses": LIVE_PROPOSALS,
            "is_institute": organization is not None and organization.pk == proposal.institute_id,
        },
    )


# --------------------------------------------------------------------------------- the solver's workspace (院所解题)


@workspace_view(kinds=SOLVERS)
@require_POST
def demand_propose(request, pk):
    """提交解题方案 for a demand the user may see, as the acting institute or service provider
    (``services.submit_proposal``, as the API's proposal create). Bad input comes back on the demand's page with the
    field messages; a refusal (the demand no longer collects proposals, one already in play) is a message."""
    demand = get_object_or_404(
        Demand.objects.visible_to(request.user).select_related("firm__region", "industry_chain", "tech_field"),
        pk=pk,
    )
    form = ProposalForm(request.POST)
    if not form.is_valid():
        if _accepts_proposals(demand):
            return _public_demand_page(request, demand, proposal_form=form)
        messages.error(request, _("该需求不在征集期。"))
        return redirect(demand.get_absolute_url())
    data = form.cleaned_data
    proposal = run_service(
        request, services.submit_proposal, demand=demand, organization=request.organization, actor=request.user,
        approach=data["approach"], budget=data["budget"], duration_days=data["duration_days"],
        team=data.get("team", ""),
    )  # fmt: skip
    if proposal is None:
        return redirect(demand.get_absolute_url() + "#propose")
    messages.success(request, _("解题方案已提交，企业答复后会通知您。"))
    return redirect(demand.get_absolute_url() + f"#proposal-{proposal.pk}")


@workspace_view(kinds=SOLVERS)
@require_POST
def proposal_withdraw(request, pk):
    """撤回 the acting organization's proposal while it is submitted or shortlisted (``services.withdraw_proposal``;
    the firm's organization gets 403, as in the API)."""
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user).select_related("demand"), pk=pk)
    require_party(request, proposal.institute_id)
    return post_action(
        request, services.withdraw_proposal, proposal, actor=request.user, organization=request.organization,
        success=_("方案已撤回。"), redirect_to=reverse("frontend:my_proposals"),
    )  # fmt: skip


# The API's proposal list filters with ``filterset_fields``; the same FilterSet, built the way DjangoFilterBackend
# builds it, filters 我的方案.
ProposalFilterSet = filterset_factory(Proposal, fields=["demand", "status"])
PROPOSAL_TABS = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.SHORTLISTED,
    ProposalStatus.ACCEPTED,
    ProposalStatus.DECLINED,
    ProposalStatus.WITHDRAWN,
)


def _show_firm(demands, user) -> None:
    """Set ``shown_firm`` on each demand: its firm, or None (匿名企业) unless the user may know it."""
    for demand in demands:
        demand.shown_firm = demand.firm if demand.firm_visible_to(user) else None


@workspace_view(kinds=SOLVERS)
def my_proposals(request):
    """我的方案: the acting organization's proposals in every state (tabs), newest first, 20 per page, filtered through
    the API's FilterSet; each with its demand (the firm, or 匿名企业), 撤回 while it is in play, and the contract once
    accepted."""
    own = Proposal.objects.visible_to(request.user).filter(institute=request.organization)
    counts = dict(own.order_by().values_list("status").annotate(n=Count("id")))
    proposals = filter_queryset(
        ProposalFilterSet,
        request.GET,
        own.select_related("demand__firm", "contract").order_by("-created_at", "-id"),
        request=request,
    )
    page = paginate(request, proposals)
    public = set(
        Demand.objects.visible_to(request.user)
        .filter(pk__in=[p.demand_id for p in page.object_list])
        .values_list("pk", flat=True)
    )
    for proposal in page.object_list:
        proposal.contract_link = getattr(proposal, "contract", None)
        proposal.demand_public = proposal.demand_id in public
    _show_firm([p.demand for p in page.object_list], request.user)
    current = request.GET.get("status", "")
    base = reverse("frontend:my_proposals")
    tabs = [{"label": _("全部"), "count": sum(counts.values()), "url": base, "current": not current}] + [
        {
            "label": status.label,
            "count": counts.get(status, 0),
            "url": f"{base}?status={status}",
            "current": current == status,
        }
        for status in PROPOSAL_TABS
    ]
    return render(
        request,
        "frontend/demands/my_proposals.html",
        {
            "page_obj": page,
            "proposals": page.object_list,
            "tabs": tabs,
            "status": current,
            "live_statuses": LIVE_PROPOSALS,
            "organization": request.organization,
        },
    )


MATCHING_LIMIT = 20
EVIDENCE_LIMIT = 3
EVIDENCE_CANDIDATES = 200  # the organization's newest published results / instruments looked at for the why


def _hits(text: str, terms) -> int:
    text = text.lower()
    return sum(1 for term in terms if term.lower() in text)


def _meaningful_terms(terms, organization, demand) -> list[str]:
    """The matched terms worth showing a person: no single characters, and nothing that only matched the names (the
    institute's own name is in its profile, a named firm's in its demand's text)."""
    names = organization.name + ("" if demand.anonymous else demand.firm.name)
    return [term for term in dict.fromkeys(terms) if len(term) > 1 and term not in names]


def _best(items, texts, terms) -> list:
    scored = [(hits, n, item) for n, item in enumerate(items) if (hits := _hits(texts(item), terms))]
    return [item for _hits_, _n, item in sorted(scored, key=lambda x: (-x[0], x[1]))[:EVIDENCE_LIMIT]]


def _evidence(organization, matches) -> None:
    """The why of each reverse match, for people: the meaningful matched terms and which of the organization's own
    published results and instruments carry most of them. Two queries whatever the number of matches."""
    results = list(
        Result.objects.filter(owner=organization, status__in=[ResultStatus.PUBLISHED, ResultStatus.TRANSFERRED])
        .only("id", "title", "abstract", "keywords")
        .order_by("-published_at", "-id")[:EVIDENCE_CANDIDATES]
    )
    instruments = list(
        Instrument.objects.filter(owner=organization)
        .exclude(status="retired")
        .only("id", "name", "name_en", "model_number", "capabilities")
        .order_by("-id")[:EVIDENCE_CANDIDATES]
    )
    for match in matches:
        terms = _meaningful_terms(match.get("matched_terms") or [], organization, match["demand"])
        match["matched_terms"] = terms
        match["results"] = [
            {"title": r.title, "url": reverse("frontend:result_detail", args=[r.pk])}
            for r in _best(results, lambda r: " ".join([r.title, r.abstract, " ".join(r.keywords or [])]), terms)
        ]
        match["instruments"] = [
            {"instrument": i, "url": reverse("frontend:instrument_detail", args=[i.pk])}
            for i in _best(instruments, lambda i: " ".join([i.name, i.name_en, i.model_number, i.capabilities]), terms)
        ]


def _may_propose_again(proposal) -> bool:
    """Whether the organization's latest proposal (or none) leaves it free to propose (withdrawn or declined)."""
    return proposal is None or proposal.status not in BLOCKING_PROPOSALS


def _reverse_matches(request, organization) -> list[dict] | None:
    """The open demands matching ``organization`` (``search.match_cache.demands_matching``, as the API's
    matching-demands), each with its demand row, our proposal to it if any, whether we were invited, and the why.
    None if the search engine failed (the page then says so)."""
    try:
        found = demands_matching(organization, limit=MATCHING_LIMIT)
    except Exception:
        logger.exception("matching demands: reverse match for organization %s failed", organization.pk)
        return None
    ids = [m["id"] for m in found]
    # The index may lag behind the database: only what is open now and visible to the user is shown.
    demands = (
        Demand.objects.visible_to(request.user)
        .filter(pk__in=ids, status=DemandStatus.OPEN, deadline__gte=timezone.localdate())
        .select_related("firm", "industry_chain", "tech_field")
        .in_bulk()
    )
    proposed = {
        p.demand_id: p
        for p in Proposal.objects.filter(institute=organization, demand_id__in=list(demands)).order_by("created_at")
    }
    invited = set(
        DemandInvitation.objects.filter(institute=organization, demand_id__in=list(demands)).values_list(
            "demand_id", flat=True
        )
    )
    today = timezone.localdate()
    matches = []
    for match in found:
        demand = demands.get(match["id"])
        if demand is None:
            continue
        demand.days_left = (demand.deadline - today).days
        matches.append(
            {
                **match,
                "demand": demand,
                "proposal": proposed.get(demand.pk),
                "can_propose": _may_propose_again(proposed.get(demand.pk)),
                "invited": demand.pk in invited,
            }
        )
    _show_firm([m["demand"] for m in matches], request.user)
    _evidence(organization, matches)
    return matches


@workspace_view(kinds=SOLVERS)
def matching_demands(request):
    """匹配需求: the demands the acting institute or service provider was invited to (newest first, 20 per page,
    answered or not), and the open demands that match it by reverse matching, with why (matched terms and its own
    results and instruments behind them), budget or 面议, deadline, risk class and bounty. An anonymous demand's firm
    is shown as 匿名企业."""
    organization = request.organization
    invitations = paginate(
        request,
        DemandInvitation.objects.filter(institute=organization)
        .select_related("demand__firm", "demand__industry_chain")
        .order_by("-created_at", "-id"),
    )
    demand_ids = [i.demand_id for i in invitations.object_list]
    proposed = {
        p.demand_id: p
        for p in Proposal.objects.filter(institute=organization, demand_id__in=demand_ids).order_by("created_at")
    }
    today = timezone.localdate()
    for invitation in invitations.object_list:
        invitation.proposal = proposed.get(invitation.demand_id)
        invitation.open = _accepts_proposals(invitation.demand)
        invitation.can_propose = invitation.open and _may_propose_again(invitation.proposal)
        invitation.demand.days_left = (invitation.demand.deadline - today).days
    _show_firm([i.demand for i in invitations.object_list], request.user)
    return render(
        request,
        "frontend/demands/matching.html",
        {
            "organization": organization,
            "matches": _reverse_matches(request, organization),
            "invitations": invitations.object_list,
            "page_obj": invitations,
        },
    )


urlpatterns = [
    path("demands/", demand_list, name="demand_list"),
    path("demands/<int:pk>/", demand_detail, name="demand_detail"),
    path("workspace/demands/", my_demands, name="my_demands"),
    path("workspace/demands/new/", demand_create, name="demand_create"),
    path("workspace/demands/<int:pk>/", my_demand, name="my_demand"),
    path("workspace/demands/<int:pk>/edit/", demand_edit, name="demand_edit"),
    path("workspace/demands/<int:pk>/submit/", demand_submit, name="demand_submit"),
    path("workspace/demands/<int:pk>/close/", demand_close, name="demand_close"),
    path("workspace/demands/<int:pk>/solve/", demand_solve, name="demand_solve"),
    path("workspace/demands/<int:pk>/evaluate/", demand_evaluate, name="demand_evaluate"),
    path("workspace/demands/<int:pk>/invite/", demand_invite, name="demand_invite"),
    path("demands/<int:pk>/propose/", demand_propose, name="demand_propose"),
    path("workspace/matching-demands/", matching_demands, name="matching_demands"),
    path("workspace/proposals/", my_proposals, name="my_proposals"),
    path("workspace/proposals/<int:pk>/", proposal_detail, name="proposal_detail"),
    path("workspace/proposals/<int:pk>/withdraw/", proposal_withdraw, name="proposal_withdraw"),
    path("workspace/proposals/<int:pk>/<slug:action>/", proposal_action, name="proposal_action"),
]


# ------------------------------------------------------------------------------------------ dashboard and navigation


def dashboard_items(request, organization):
    """A firm's to-dos: new proposals on its open demands, drafts to finish or fix (returned by the reviewers),
    solved demands to rate; and, for information, its demands in cooperation. One query for all four."""
    from .workspace import ActionItem

    if organization.kind in SOLVERS:
        return _solver_dashboard_items(organization)
    if organization.kind != OrganizationKind.ENTERPRISE:
        return []
    base = reverse("frontend:my_demands")
    # One query for the four counts (the header shows them on every page).
    counts = Demand.objects.filter(firm=organization).aggregate(
        waiting=Count(
            "proposals",
            filter=Q(status=DemandStatus.OPEN, proposals__status=ProposalStatus.SUBMITTED),
            distinct=True,
        ),
        drafts=Count("id", filter=Q(status=DemandStatus.DRAFT), distinct=True),
        to_rate=Count("id", filter=Q(status=DemandStatus.SOLVED, evaluation__isnull=True), distinct=True),
        cooperating=Count("id", filter=Q(status=DemandStatus.IN_COOPERATION), distinct=True),
    )
    waiting, drafts, to_rate, cooperating = (
        counts["waiting"], counts["drafts"], counts["to_rate"], counts["cooperating"]
    )  # fmt: skip
    return [
        ActionItem(_("待答复的解题方案"), waiting, f"{base}?status={DemandStatus.OPEN}", area="demands"),
        ActionItem(_("待完善或退回修改的需求"), drafts, f"{base}?status={DemandStatus.DRAFT}", area="demands"),
        ActionItem(_("待评价的需求（市场阅题）"), to_rate, f"{base}?status={DemandStatus.SOLVED}", area="demands"),
        ActionItem(
            _("合作中的需求"), cooperating, f"{base}?status={DemandStatus.IN_COOPERATION}", action=False, area="demands"
        ),
    ]


NEW_DEMAND_DAYS = 30


def _solver_dashboard_items(organization):
    """An institute's or service provider's to-dos: invitations to propose that it has not answered yet (the demand
    still open, no proposal from it); and, for information, its shortlisted proposals and the demands of its fields
    published in the last 30 days that it has not answered (the reverse match itself asks the search engine, too
    dear for every page header: the item leads to 匹配需求). Three counts; the two for information (querysets) only
    where they are shown, not for the header's badge."""
    from .workspace import ActionItem

    today = timezone.localdate()
    answered = Proposal.objects.filter(demand=OuterRef("demand"), institute=organization)
    unanswered = (
        DemandInvitation.objects.filter(
            institute=organization, demand__status=DemandStatus.OPEN, demand__deadline__gte=today
        )
        .exclude(Exists(answered))
        .count()
    )
    shortlisted = Proposal.objects.filter(institute=organization, status=ProposalStatus.SHORTLISTED)
    fields = Q(tech_field__in=organization.tech_fields.values("code")) | Q(
        industry_chain__in=organization.industry_chains.values("code")
    )
    new = (
        Demand.objects.filter(
            fields,
            status=DemandStatus.OPEN,
            deadline__gte=today,
            published_at__gte=timezone.now() - timedelta(days=NEW_DEMAND_DAYS),
        )
        .exclude(proposals__institute=organization)
        .distinct()
    )
    matching = reverse("frontend:matching_demands")
    proposals = reverse("frontend:my_proposals")
    return [
        ActionItem(_("待答复的解题邀请"), unanswered, matching + "#invitations", area="demands"),
        ActionItem(
            _("入围的解题方案"),
            shortlisted,
            f"{proposals}?status={ProposalStatus.SHORTLISTED}",
            action=False,
            area="demands",
        ),
        ActionItem(_("本领域新需求（近 30 天）"), new, matching, action=False, area="demands"),
    ]


def nav_links(request, organization):
    if organization is not None and organization.kind in SOLVERS:
        return [
            {
                "label": _("匹配需求"),
                "url": reverse("frontend:matching_demands"),
                "name": "matching_demands",
                "also": (),
            },
            {
                "label": _("我的方案"),
                "url": reverse("frontend:my_proposals"),
                "name": "my_proposals",
                "also": ("proposal_detail",),
            },
        ]
    if organization is None or organization.kind != OrganizationKind.ENTERPRISE:
        return []
    return [
        {
            "label": _("我的需求"),
            "url": reverse("frontend:my_demands"),
            "name": "my_demands",
            "also": ("demand_create", "demand_edit", "my_demand", "demand_evaluate"),
        }
    ]
