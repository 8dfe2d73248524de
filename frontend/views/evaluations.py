"""科技成果评价 and 技术合同认定登记 in the workspace.

Evaluation: a result's owner asks an evaluation body (registered by the market operator) for an evaluation; the body
accepts or declines, names its experts (an expert of the owning institute is refused: 回避), starts the review and
issues the numbered report — every step through ``tech_transfer.evaluations``, as the API's ``evaluations/`` actions.
The issued report's PDF (stored once) is served to whoever may see the result, and the result's public page shows the
grade, date and link. The operator registers and revokes evaluation bodies.

Registration help: for a contract of any kind, the registration office's checks, the technology-transaction amount
and technology income, the tax treatment (rules as data) and a printable registration form; the parties fill the
registration terms while the contract is a draft (``tech_transfer.registration``, as the API's ``contracts/{id}/
registration`` and ``terms``).
"""

import copy

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.choices import OrganizationKind
from marketplace.models import Organization
from marketplace.permissions import can_moderate
from tech_transfer import evaluations, registration
from tech_transfer.choices import EvaluationGrade, EvaluationStatus, NoveltyGrade
from tech_transfer.models import EvaluationBody, EvaluationExpert, Result, ResultEvaluation, TechContract
from vouchers.services.documents import pdf_response

from .base import paginate, post_action, require_party, run_service, workspace_view

EVALUATION_KINDS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)


# --- forms --------------------------------------------------------------------------------------------------------


class EvaluationRequestForm(forms.Form):
    result = forms.ModelChoiceField(label=gettext_lazy("科技成果"), queryset=Result.objects.none())
    body = forms.ModelChoiceField(label=gettext_lazy("评价机构"), queryset=EvaluationBody.objects.none())
    purpose = forms.CharField(
        label=gettext_lazy("评价目的"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("如：成果转化定价参考、申报科技奖励、投融资。"),
    )  # fmt: skip

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].queryset = Result.objects.filter(
            owner=organization, status__in=evaluations.EVALUABLE_RESULT_STATES
        ).order_by("title")
        self.fields["body"].queryset = (
            EvaluationBody.objects.filter(active=True).exclude(organization=organization).select_related("organization")
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("不予受理的原因"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExpertForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=64)
    title = forms.CharField(
        label=gettext_lazy("职称"), max_length=64, help_text=gettext_lazy("如：教授、研究员、正高级工程师")
    )
    affiliation_name = forms.CharField(label=gettext_lazy("工作单位"), max_length=200)
    field = forms.CharField(label=gettext_lazy("专业领域"), max_length=100)
    is_chair = forms.BooleanField(label=gettext_lazy("专家组组长"), required=False)


class IssueForm(forms.Form):
    """The report's scores (one field per dimension of the method's data), TRL, grades and conclusion."""

    trl = forms.TypedChoiceField(label=gettext_lazy("技术成熟度（TRL）"), coerce=int, choices=())
    novelty = forms.ChoiceField(
        label=gettext_lazy("创新性"), required=False, choices=[("", "—"), *NoveltyGrade.choices]
    )
    grade = forms.ChoiceField(label=gettext_lazy("先进性"), choices=EvaluationGrade.choices)
    conclusion = forms.CharField(
        label=gettext_lazy("评价结论"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = evaluations.method()["method"]["score_min"], evaluations.method()["method"]["score_max"]
        self.fields["trl"].choices = [
            (row["level"], f"TRL {row['level']} · {row['name']}") for row in evaluations.method()["trl_levels"]
        ]
        for dimension in evaluations.dimensions():
            self.fields[f"score_{dimension['code']}"] = forms.IntegerField(
                label=f"{dimension['name']}（{_('权重')} {dimension['weight']}）", min_value=low, max_value=high,
                help_text=dimension["description"],
            )  # fmt: skip
        # Scores first, as the report prints them.
        order = [f"score_{d['code']}" for d in evaluations.dimensions()] + ["trl", "novelty", "grade", "conclusion"]
        self.order_fields(order)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "scores": {d["code"]: data[f"score_{d['code']}"] for d in evaluations.dimensions()},
            "trl": data["trl"],
            "grade": data["grade"],
            "novelty": data.get("novelty") or "",
            "conclusion": data["conclusion"],
        }


class GrantBodyForm(forms.Form):
    organization = forms.ModelChoiceField(label=gettext_lazy("机构"), queryset=Organization.objects.none())
    scope = forms.CharField(label=gettext_lazy("评价业务范围"), max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            verified=True, kind__in=EVALUATION_KINDS
        ).order_by("name")


class ContractTermsForm(forms.ModelForm):
    class Meta:
        model = TechContract
        fields = list(registration.TERM_FIELDS)
        widgets = {"technical_content": forms.Textarea(attrs={"rows": 4})}


# --- evaluations ----------------------------------------------------------------------------------------------


def _party_evaluations(request):
    """The evaluations the acting organization is a party to (as the result's owner or as the body)."""
    organization = request.organization
    return ResultEvaluation.objects.filter(Q(result__owner=organization) | Q(body__organization=organization))


@workspace_view()
def evaluation_list(request):
    """成果评价: the requests the acting organization made (as a result's owner) and received (as a body)."""
    role = request.GET.get("role", "")
    queryset = _party_evaluations(request)
    if role == "owner":
        queryset = queryset.filter(result__owner=request.organization)
    elif role == "body":
        queryset = queryset.filter(body__organization=request.organization)
    page = paginate(request, queryset.select_related("result__owner", "body__organization"))
    base = reverse("frontend:evaluation_list")
    tabs = [
        {"label": _("全部"), "url": base, "current": role not in ("owner", "body")},
        {"label": _("本机构申请的"), "url": f"{base}?role=owner", "current": role == "owner"},
    ]
    is_body = EvaluationBody.objects.filter(organization=request.organization).exists()
    if is_body:
        tabs.append({"label": _("本机构受理的"), "url": f"{base}?role=body", "current": role == "body"})
    return render(
        request,
        "frontend/evaluations/list.html",
        {
            "page_obj": page,
            "evaluations": page.object_list,
            "tabs": tabs,
            "organization": request.organization,
            "can_moderate": can_moderate(request.user),
        },
    )


@workspace_view(EVALUATION_KINDS)
def evaluation_new(request):
    """申请评价: the owner picks one of its published results (``?result=`` preselects it) and a body."""
    organization = request.organization
    initial = {}
    if str(request.GET.get("result", "")).isdigit():
        initial["result"] = request.GET["result"]
    form = EvaluationRequestForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        evaluation = run_service(
            request, evaluations.request_evaluation, data["result"], actor=request.user, organization=organization,
            body=data["body"], purpose=data["purpose"], form=form,
        )  # fmt: skip
        if evaluation is not None:
            messages.success(request, _("评价申请已提交，等待评价机构受理。"))
            return redirect(evaluation.get_absolute_url())
    return render(
        request,
        "frontend/evaluations/new.html",
        {"form": form, "organization": organization},
        status=400 if request.method == "POST" else 200,
    )


def _evaluation_or_404(request, pk):
    return get_object_or_404(
        _party_evaluations(request).select_related("result__owner", "result__tech_field", "body__organization"),
        pk=pk,
    )


def _detail_context(request, evaluation, **forms_given) -> dict:
    organization = request.organization
    is_body = evaluation.body.organization_id == organization.pk
    status = evaluation.status
    experts = list(evaluation.experts.all())
    scores = [
        {**d, "score": (evaluation.scores or {}).get(d["code"])} for d in evaluations.dimensions()
    ]  # fmt: skip
    context = {
        "evaluation": evaluation,
        "organization": organization,
        "is_body": is_body,
        "experts": experts,
        "scores": scores,
        "min_experts": evaluations.method()["method"]["min_experts"],
        "trl_name": evaluations.trl_name(evaluation.trl) if evaluation.trl else "",
        "method": evaluations.method()["method"],
    }
    if is_body and status == EvaluationStatus.REQUESTED:
        context["decline_form"] = forms_given.get("decline_form") or DeclineForm()
    if is_body and status == EvaluationStatus.ACCEPTED:
        context["decline_form"] = forms_given.get("decline_form") or DeclineForm()
    if is_body and status in (EvaluationStatus.ACCEPTED, EvaluationStatus.IN_REVIEW):
        context["expert_form"] = forms_given.get("expert_form") or ExpertForm()
    if is_body and status == EvaluationStatus.IN_REVIEW:
        context["issue_form"] = forms_given.get("issue_form") or IssueForm(initial={"trl": evaluation.result.trl})
    return context


@workspace_view()
def evaluation_detail(request, pk):
    """An evaluation: the result, the body, the status, the expert panel, the scores; the body's actions by state."""
    evaluation = _evaluation_or_404(request, pk)
    return render(request, "frontend/evaluations/detail.html", _detail_context(request, evaluation))


def _body_post(request, pk):
    if request.method != "POST":
        raise Http404
    evaluation = _evaluation_or_404(request, pk)
    require_party(request, evaluation.body.organization_id)
    return evaluation


@workspace_view()
def evaluation_accept(request, pk):
    evaluation = _body_post(request, pk)
    return post_action(
        request, evaluations.accept_evaluation, evaluation, actor=request.user, organization=request.organization,
        success=_("已受理评价申请，请组建专家组。"), redirect_to=evaluation.get_absolute_url(),
    )  # fmt: skip


@workspace_view()
def evaluation_decline(request, pk):
    evaluation = _body_post(request, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        done = run_service(
            request, evaluations.decline_evaluation, evaluation, actor=request.user,
            organization=request.organization, reason=form.cleaned_data["reason"], form=form,
        )  # fmt: skip
        if done is not None:
            messages.success(request, _("已告知成果所有方不予受理。"))
            return redirect(evaluation.get_absolute_url())
    context = _detail_context(request, evaluation, decline_form=form)
    return render(request, "frontend/evaluations/detail.html", context, status=400)


@workspace_view()
def evaluation_add_expert(request, pk):
    evaluation = _body_post(request, pk)
    form = ExpertForm(request.POST)
    if form.is_valid():
        expert = run_service(
            request, evaluations.add_expert, evaluation, actor=request.user, organization=request.organization,
            form=form, **form.cleaned_data,
        )  # fmt: skip
        if expert is not None:
            messages.success(request, _("已添加专家 %(name)s。") % {"name": expert.name})
            return redirect(evaluation.get_absolute_url() + "#experts")
    context = _detail_context(request, evaluation, expert_form=form)
    return render(request, "frontend/evaluations/detail.html", context, status=400)


@workspace_view()
def evaluation_remove_expert(request, pk, expert_pk):
    evaluation = _body_post(request, pk)
    expert = get_object_or_404(EvaluationExpert, pk=expert_pk, evaluation=evaluation)
    run_service(request, evaluations.remove_expert, expert, actor=request.user, organization=request.organization)
    return redirect(evaluation.get_absolute_url() + "#experts")


@workspace_view()
def evaluation_start_review(request, pk):
    evaluation = _body_post(request, pk)
    return post_action(
        request, evaluations.start_review, evaluation, actor=request.user, organization=request.organization,
        success=_("专家组已组建，评价进入评审。"), redirect_to=evaluation.get_absolute_url(),
    )  # fmt: skip


@workspace_view()
def evaluation_issue(request, pk):
    evaluation = _body_post(request, pk)
    form = IssueForm(request.POST)
    if form.is_valid():
        issued = run_service(
            request, evaluations.issue_evaluation, evaluation, actor=request.user, organization=request.organization,
            form=form, **form.service_kwargs(),
        )  # fmt: skip
        if issued is not None:
            messages.success(request, _("评价报告 %(n)s 已出具。") % {"n": issued.number})
            return redirect(issued.get_absolute_url())
    context = _detail_context(request, evaluation, issue_form=form)
    return render(request, "frontend/evaluations/detail.html", context, status=400)


def evaluation_report(request, pk):
    """The issued report's PDF as stored when it was issued: for whoever may see the result (the report is shown on
    its public page); 404 for anything else, as the API's ``evaluations/{id}/report``."""
    evaluation = get_object_or_404(
        ResultEvaluation.objects.visible_to(request.user).filter(status=EvaluationStatus.ISSUED), pk=pk
    )
    rendered = evaluations.report_document(evaluation)
    if rendered is None:
        raise Http404
    return pdf_response(rendered)


# --- evaluation bodies (the operator) -----------------------------------------------------------------------------


def _require_moderator(request):
    if not can_moderate(request.user):
        raise PermissionDenied(_("只有平台运营方可以登记评价机构。"))


@workspace_view()
def body_list(request):
    """评价机构登记: the operator registers verified institutes and service providers as evaluation bodies."""
    _require_moderator(request)
    form = GrantBodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        body = run_service(
            request, evaluations.grant_evaluation_body, form.cleaned_data["organization"], actor=request.user,
            scope=form.cleaned_data["scope"], form=form,
        )  # fmt: skip
        if body is not None:
            messages.success(request, _("已登记 %(name)s 为评价机构。") % {"name": body.organization.name})
            return redirect("frontend:evaluation_bodies")
    bodies = EvaluationBody.objects.select_related("organization").annotate(
        issued=Count("evaluations", filter=Q(evaluations__status=EvaluationStatus.ISSUED))
    )
    return render(
        request,
        "frontend/evaluations/bodies.html",
        {"form": form, "bodies": bodies, "organization": request.organization},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view()
def body_revoke(request, pk):
    _require_moderator(request)
    if request.method != "POST":
        raise Http404
    body = get_object_or_404(EvaluationBody, pk=pk)
    return post_action(
        request, evaluations.revoke_evaluation_body, body, actor=request.user,
        success=_("已撤销评价机构登记。"), redirect_to=reverse("frontend:evaluation_bodies"),
    )  # fmt: skip


# --- contract registration help -------------------------------------------------------------------------------


def _contract_or_404(request, pk):
    organization = request.organization
    return get_object_or_404(
        TechContract.objects.visible_to(request.user)
        .filter(Q(buyer=organization) | Q(seller=organization))
        .select_related("seller", "buyer", "result__tech_field", "demand__tech_field")
        .prefetch_related("result__patents"),
        pk=pk,
    )


def contract_registration_context(contract, organization) -> dict:
    """The registration help of ``contract`` for one of its parties (the contract page's panel and the form page):
    the checks, amounts and the tax flags of the viewer's side first."""
    help_ = registration.registration_help(contract)
    side = "seller" if contract.seller_id == organization.pk else "buyer"
    help_["tax_flags"] = sorted(help_["tax_flags"], key=lambda f: f["party"] != side)
    return {"registration": help_, "side": side}


@workspace_view()
def contract_registration(request, pk):
    """技术合同认定登记表 (printable) with the registration office's checks, amounts and tax treatment; while the
    contract is a draft, either party fills the registration terms here."""
    contract = _contract_or_404(request, pk)
    form = None
    if contract.status == "draft":
        # A copy: the form writes the posted values into its instance while validating; the page shows the contract.
        form = ContractTermsForm(request.POST or None, instance=copy.copy(contract))
        if request.method == "POST" and form.is_valid():
            saved = run_service(
                request, registration.update_contract_terms, contract, actor=request.user,
                organization=request.organization, form=form,
                **{name: form.cleaned_data[name] for name in registration.TERM_FIELDS},
            )  # fmt: skip
            if saved is not None:
                messages.success(request, _("登记要素已保存。"))
                return redirect("frontend:contract_registration", pk=contract.pk)
    elif request.method == "POST":
        messages.error(request, _("合同已签署，登记要素不能再修改。"))
        return redirect("frontend:contract_registration", pk=contract.pk)
    context = {
        "contract": contract,
        "organization": request.organization,
        "form": form,
        **contract_registration_context(contract, request.organization),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "frontend/evaluations/registration.html", context, status=status)


urlpatterns = [
    path("workspace/evaluations/", evaluation_list, name="evaluation_list"),
    path("workspace/evaluations/new/", evaluation_new, name="evaluation_new"),
    path("workspace/evaluations/bodies/", body_list, name="evaluation_bodies"),
    path("workspace/evaluations/bodies/<int:pk>/revoke/", body_revoke, name="evaluation_body_revoke"),
    path("workspace/evaluations/<int:pk>/", evaluation_detail, name="evaluation_detail"),
    path("workspace/evaluations/<int:pk>/accept/", evaluation_accept, name="evaluation_accept"),
    path("workspace/evaluations/<int:pk>/decline/", evaluation_decline, name="evaluation_decline"),
    path("workspace/evaluations/<int:pk>/experts/", evaluation_add_expert, name="evaluation_add_expert"),
    path(
        "workspace/evaluations/<int:pk>/experts/<int:expert_pk>/remove/",
        evaluation_remove_expert,
        name="evaluation_remove_expert",
    ),
    path("workspace/evaluations/<int:pk>/start-review/", evaluation_start_review, name="evaluation_start_review"),
    path("workspace/evaluations/<int:pk>/issue/", evaluation_issue, name="evaluation_issue"),
    path("evaluations/<int:pk>/report.pdf", evaluation_report, name="evaluation_report"),
    path("workspace/contracts/<int:pk>/registration/", contract_registration, name="contract_registration"),
]


def dashboard_items(request, organization):
    """For an evaluation body: the requests waiting for its acceptance and those it is working on. One query, and
    none for an organization that is no body (the body row comes with the count)."""
    from .workspace import ActionItem

    if organization.kind not in EVALUATION_KINDS:
        return []
    counts = ResultEvaluation.objects.filter(body__organization=organization).aggregate(
        waiting=Count("id", filter=Q(status=EvaluationStatus.REQUESTED)),
        working=Count("id", filter=Q(status__in=[EvaluationStatus.ACCEPTED, EvaluationStatus.IN_REVIEW])),
    )
    if not counts["waiting"] and not counts["working"]:
        return []
    base = reverse("frontend:evaluation_list") + "?role=body"
    return [
        ActionItem(_("待受理的评价申请"), counts["waiting"], base, area="evaluations"),
        ActionItem(_("评价中的成果"), counts["working"], base, action=False, area="evaluations"),
    ]


def nav_links(request, organization):
    if organization.kind not in EVALUATION_KINDS and not can_moderate(request.user):
        return []
    links = [
        {
            "label": _("成果评价"),
            "url": reverse("frontend:evaluation_list"),
            "name": "evaluation_list",
            "also": ("evaluation_detail", "evaluation_new"),
        }
    ]
    if can_moderate(request.user):
        links.append(
            {"label": _("评价机构"), "url": reverse("frontend:evaluation_bodies"), "name": "evaluation_bodies"}
        )
    return links


def result_evaluations(result) -> list:
    """The issued evaluations of a result for its public page (grade, date, number, report link), newest first."""
    return list(
        ResultEvaluation.objects.filter(result=result, status=EvaluationStatus.ISSUED)
        .select_related("body__organization")
        .order_by("-issued_at", "-id")
    )
