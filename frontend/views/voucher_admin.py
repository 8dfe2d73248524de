"""创新券管理: the issuing authority's administration of its own voucher programmes (platform administrators: all).

Per programme: its budget use (``claims.program_statistics``, the API's ``voucher-programs/{id}/stats``) and the
queues — grant applications (approved with an amount within the per-firm cap and the remaining budget, both shown
before approving; a rejection needs a reason), provider registrations (备案), claims (兑付申请) with their evidence
shown inline, the claims on public notice (公示), the claims past 公示 ready to settle (a draft settlement per
provider and period), and the settlements (approve → gap-free number, mark paid with the bank reference, the PDF
statement and the CSV / XLSX export). Programmes are created and edited through the API's serializer.

Who may: the one rule of ``vouchers.permissions`` (``VoucherProgram.objects.administered_by(user)`` and the
querysets' ``administered_by``): another authority's programme and everything of it is a 404 here, as in the API;
an organization that is not an authority gets 403. Every decision calls the service the API calls.
"""

from functools import wraps
from mimetypes import guess_type

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from marketplace.api.acting import forget_memberships
from marketplace.choices import OrganizationKind
from marketplace.models import Organization, Region
from vouchers.api.serializers import GrantApprovalSerializer, SettlementSerializer, VoucherProgramSerializer
from vouchers.choices import ClaimStatus, GrantStatus, RegistrationStatus, ServiceKind, SettlementStatus
from vouchers.models import Claim, ProviderRegistration, Settlement, VoucherGrant, VoucherProgram
from vouchers.permissions import administered_issuer_ids
from vouchers.services import claims as claim_services
from vouchers.services import documents
from vouchers.services import programs as program_services

from .base import PAGE_SIZE, acting_organization, copy_serializer_errors, run_service, save_through_serializer

AUTHORITIES = (OrganizationKind.AUTHORITY,)
NOTE_MAX = 2000  # the API's ReviewNoteSerializer allows as much
#: 长三角: 上海、江苏、浙江、安徽 (the 通用通兑 area of the Yangtze River Delta).
YANGTZE_DELTA = ["310000", "320000", "330000", "340000"]
SECTIONS = ("grants", "registrations", "claims", "notice", "settle", "settlements")


# ------------------------------------------------------------------------------------------------------- permission


def voucher_admin_view(view):
    """A page of 创新券管理: signed in, acting for an authority (its programmes), or a platform administrator (every
    programme; an acting organization is not needed). Another kind of organization gets 403, as in the API."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        forget_memberships(request.user)
        organization = acting_organization(request)
        if not request.user.is_platform_admin:
            if organization is None:
                return render(request, "frontend/workspace/choose_organization.html", status=200)
            if organization.kind not in AUTHORITIES:
                return render(
                    request,
                    "frontend/workspace/wrong_kind.html",
                    {"organization": organization, "kinds": AUTHORITIES},
                    status=403,
                )
        request.organization = organization
        return view(request, *args, **kwargs)

    return wrapper


def _programs(request):
    return VoucherProgram.objects.administered_by(request.user)


def _program(request, pk):
    return get_object_or_404(_programs(request).select_related("issuer").prefetch_related("accepted_regions"), pk=pk)


def _section_url(program, section: str) -> str:
    return reverse("frontend:voucher_admin_program", args=[program.pk]) + f"#{section}"


# ------------------------------------------------------------------------------------------------------------ forms


class NoteForm(forms.Form):
    """通过: an optional note (kept as the review note and in the audit entry)."""

    note = forms.CharField(
        label=_("审核意见（可选）"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(forms.Form):
    """驳回: the reason is required; the applicant reads it in the notification and on its page."""

    note = forms.CharField(
        label=_("驳回原因"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写驳回原因。")},
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("请填写驳回原因。"))
        return note


class GrantApprovalForm(forms.Form):
    """What the API's ``voucher-grants/{id}/approve`` takes (GrantApprovalSerializer): the amount and a note."""

    amount = forms.DecimalField(label=_("核定额度（元）"), max_digits=13, decimal_places=2, min_value=0)
    note = forms.CharField(
        label=_("审核意见（可选）"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, grant, program, **kwargs):
        kwargs.setdefault("auto_id", f"id_grant{grant.pk}_%s")
        kwargs.setdefault("initial", {"amount": grant.requested_amount})
        super().__init__(*args, **kwargs)
        remaining = program.total_budget - program.granted_total
        self.fields["amount"].widget.attrs.update({"step": "0.01", "inputmode": "decimal"})
        self.fields["amount"].help_text = gettext("单个企业上限 %(cap)s 元，项目剩余预算 %(remaining)s 元。") % {
            "cap": f"{program.per_firm_cap:,.2f}",
            "remaining": f"{remaining:,.2f}",
        }


class SettlementDraftForm(forms.Form):
    """What the API's ``POST settlements/`` takes besides the programme and the provider: the period."""

    period_start = forms.DateField(
        label=_("期间开始"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = forms.DateField(label=_("期间结束"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, provider_id, **kwargs):
        kwargs.setdefault("auto_id", f"id_settle{provider_id}_%s")
        super().__init__(*args, **kwargs)


class PaymentForm(forms.Form):
    """What the API's ``settlements/{id}/mark-paid`` takes: the bank's payment reference."""

    reference = forms.CharField(label=_("付款凭证号"), max_length=64, help_text=_("银行回单或转账流水号。"))

    def __init__(self, *args, settlement, **kwargs):
        kwargs.setdefault("auto_id", f"id_pay{settlement.pk}_%s")
        super().__init__(*args, **kwargs)


class ProgramForm(forms.Form):
    """A programme's terms, saved through the API's VoucherProgramSerializer (which runs the model's rules)."""

    REGION_SCOPES = [
        ("yangtze", _("长三角（沪苏浙皖）通用通兑")),
        ("any", _("不限地区")),
        ("custom", _("指定地区")),
    ]

    issuer = forms.ModelChoiceField(label=_("发放单位"), queryset=Organization.objects.none(), empty_label=None)
    name = forms.CharField(label=_("名称"), max_length=128)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    total_budget = forms.DecimalField(label=_("总预算（元）"), max_digits=13, decimal_places=2)
    coverage_ratio = forms.DecimalField(
        label=_("补贴比例"),
        max_digits=4,
        decimal_places=3,
        help_text=_("例如 0.500 表示最多补贴符合条件的服务价格的一半"),
    )
    per_firm_cap = forms.DecimalField(label=_("单个企业年度上限（元）"), max_digits=13, decimal_places=2)
    valid_from = forms.DateField(label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    valid_until = forms.DateField(
        label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    publicity_days = forms.IntegerField(label=_("公示天数"), min_value=0, max_value=365, initial=7)
    number_prefix = forms.CharField(label=_("结算单编号前缀"), max_length=16, initial="YYKJ-JS")
    service_kinds = forms.MultipleChoiceField(
        label=_("适用服务类型"), choices=ServiceKind.choices, widget=forms.CheckboxSelectMultiple
    )
    region_scope = forms.ChoiceField(
        label=_("认可服务机构所在地区"), choices=REGION_SCOPES, widget=forms.RadioSelect, initial="yangtze"
    )
    regions = forms.MultipleChoiceField(
        label=_("指定地区"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("选择“指定地区”时有效；可多选（按住 Ctrl 键）。"),
    )

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["regions"].choices = [
            (code, name) for code, name in Region.objects.exclude(level="county").values_list("code", "name")
        ]
        for name in ("total_budget", "per_firm_cap", "coverage_ratio"):
            self.fields[name].widget.attrs.update({"step": "0.001" if name == "coverage_ratio" else "0.01"})

    @staticmethod
    def initial_for(program) -> dict:
        codes = sorted(r.code for r in program.accepted_regions.all())
        scope = "yangtze" if codes == YANGTZE_DELTA else "custom" if codes else "any"
        fields = ("name", "year", "total_budget", "coverage_ratio", "per_firm_cap", "valid_from", "valid_until")
        return {
            **{name: getattr(program, name) for name in fields},
            "issuer": program.issuer_id,
            "publicity_days": program.publicity_days,
            "number_prefix": program.number_prefix,
            "service_kinds": program.service_kinds,
            "region_scope": scope,
            "regions": codes if scope == "custom" else [],
        }

    def clean(self):
        data = super().clean()
        if data.get("region_scope") == "custom" and not data.get("regions"):
            self.add_error("regions", _("请选择认可的地区。"))
        return data

    def api_data(self) -> dict:
        """The API's payload for the serializer."""
        data = dict(self.cleaned_data)
        scope = data.pop("region_scope")
        regions = data.pop("regions")
        data["accepted_regions"] = YANGTZE_DELTA if scope == "yangtze" else regions if scope == "custom" else []
        data["issuer"] = data["issuer"].pk
        return data


# ---------------------------------------------------------------------------------------------------------- queues


def _queues(user):
    """The queues over the programmes ``user`` administers, as querysets (each counted in one query)."""
    now = timezone.now()
    return {
        "grants": VoucherGrant.objects.administered_by(user).filter(status=GrantStatus.APPLIED),
        "registrations": ProviderRegistration.objects.administered_by(user).filter(status=RegistrationStatus.PENDING),
        "claims": Claim.objects.administered_by(user).filter(status=ClaimStatus.SUBMITTED),
        "notice": Claim.objects.administered_by(user).filter(status=ClaimStatus.APPROVED, publicity_ends__gt=now),
        "settle": Claim.objects.administered_by(user).filter(
            status=ClaimStatus.APPROVED, publicity_ends__lte=now, settlement__isnull=True
        ),
        "settlements": Settlement.objects.administered_by(user).exclude(status=SettlementStatus.PAID),
    }


QUEUE_LABELS = {
    "grants": _("待审核的创新券申请"),
    "registrations": _("待审核的服务机构备案"),
    "claims": _("待审核的兑付申请"),
    "notice": _("公示中的兑付申请"),
    "settle": _("公示期满待结算"),
    "settlements": _("未支付的结算单"),
}


def _page(request, queryset, param: str):
    """One page of ``queryset`` numbered by the query parameter ``param`` (several lists on one page)."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get(param))

    def link(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = link(page.next_page_number()) if page.has_next() else ""
    return page


def _stats(program) -> dict:
    stats = claim_services.program_statistics(program)  # what the API's stats/ returns
    stats["remaining"] = program.total_budget - program.granted_total
    return stats


@voucher_admin_view
def overview(request):
    """创新券管理: the programmes the user administers, each with its budget use and the number waiting in each queue
    (one grouped count per queue, whatever the number of programmes)."""
    programs = list(_programs(request).select_related("issuer").order_by("-year", "name"))
    counts = {}
    for key, queryset in _queues(request.user).items():
        for row in queryset.order_by().values("program_id").annotate(n=Count("pk")):
            counts.setdefault(row["program_id"], {})[key] = row["n"]
    for program in programs:
        program.stats = _stats(program)
        mine = counts.get(program.pk, {})
        program.queues = [
            {"key": key, "label": QUEUE_LABELS[key], "count": mine.get(key, 0), "url": _section_url(program, key)}
            for key in SECTIONS
        ]
        program.pending = sum(mine.get(key, 0) for key in ("grants", "registrations", "claims", "settle"))
    return render(
        request,
        "frontend/voucher_admin/overview.html",
        {"organization": request.organization, "programs": programs},
    )


def _program_page(request, program, *, bound=None, status=200):
    """The programme's page; ``bound`` = ``{(section, object id): form}`` of a refused decision, shown again with its
    messages."""
    bound = bound or {}
    now = timezone.now()
    grants = _page(
        request,
        VoucherGrant.objects.filter(program=program, status=GrantStatus.APPLIED)
        .select_related("firm")
        .order_by("created_at", "pk"),
        "grants_page",
    )
    for grant in grants:
        grant.approve_form = bound.get(("grant", grant.pk)) or GrantApprovalForm(grant=grant, program=program)
        grant.reject_form = bound.get(("grant-reject", grant.pk)) or RejectForm(auto_id=f"id_grant{grant.pk}_r_%s")
    registrations = _page(
        request,
        ProviderRegistration.objects.filter(program=program, status=RegistrationStatus.PENDING)
        .select_related("provider__region")
        .order_by("created_at", "pk"),
        "registrations_page",
    )
    for registration in registrations:
        pk = registration.pk
        registration.approve_form = bound.get(("registration", pk)) or NoteForm(auto_id=f"id_reg{pk}_%s")
        registration.reject_form = bound.get(("registration-reject", pk)) or RejectForm(auto_id=f"id_reg{pk}_r_%s")
    claims = _page(
        request,
        Claim.objects.filter(program=program, status=ClaimStatus.SUBMITTED)
        .select_related("provider")
        .annotate(line_count=Count("lines"))
        .order_by("created_at", "pk"),
        "claims_page",
    )
    for claim in claims:
        claim.approve_form = bound.get(("claim", claim.pk)) or NoteForm(auto_id=f"id_claim{claim.pk}_%s")
        claim.reject_form = bound.get(("claim-reject", claim.pk)) or RejectForm(auto_id=f"id_claim{claim.pk}_r_%s")
        claim.evidence_kind = _evidence_kind(claim)
    notice = _page(
        request,
        Claim.objects.filter(program=program, status=ClaimStatus.APPROVED, publicity_ends__gt=now)
        .select_related("provider")
        .order_by("publicity_ends", "pk"),
        "notice_page",
    )
    settle = list(
        Claim.objects.filter(
            program=program, status=ClaimStatus.APPROVED, publicity_ends__lte=now, settlement__isnull=True
        )
        .order_by()
        .values("provider_id", "provider__name")
        .annotate(claims=Count("pk"), total=Sum("amount"), start=Min("period_start"), end=Max("period_end"))
        .order_by("provider__name", "provider_id")
    )
    for row in settle:
        initial = {"period_start": row["start"], "period_end": row["end"]}
        row["form"] = bound.get(("settle", row["provider_id"])) or SettlementDraftForm(
            provider_id=row["provider_id"], initial=initial
        )
    settlements = _page(
        request,
        Settlement.objects.filter(program=program).select_related("provider").order_by("-created_at", "-pk"),
        "settlements_page",
    )
    for settlement in settlements:
        if settlement.status == SettlementStatus.APPROVED:
            settlement.pay_form = bound.get(("pay", settlement.pk)) or PaymentForm(settlement=settlement)
    return render(
        request,
        "frontend/voucher_admin/program.html",
        {
            "organization": request.organization,
            "program": program,
            "stats": _stats(program),
            "kind_labels": [ServiceKind(kind).label for kind in program.service_kinds if kind in ServiceKind.values],
            "regions_label": _regions_label(program),
            "coverage_percent": f"{(program.coverage_ratio * 100).normalize():f}",
            "grants": grants,
            "registrations": registrations,
            "claims": claims,
            "notice": notice,
            "settle": settle,
            "settlements": settlements,
        },
        status=status,
    )


def _regions_label(program) -> str:
    regions = list(program.accepted_regions.all())
    if not regions:
        return gettext("不限地区")
    if sorted(r.code for r in regions) == YANGTZE_DELTA:
        return gettext("长三角（沪苏浙皖）通用通兑")
    return "、".join(r.name for r in regions)


@voucher_admin_view
def program_detail(request, pk):
    """One programme: budget use and its queues."""
    return _program_page(request, _program(request, pk))


# ------------------------------------------------------------------------------------------------------- decisions


def _decided(request, program, section, done, success):
    """After a decision: a message and back to the section, or (refused) the page again with the messages (400)."""
    if done is not None:
        messages.success(request, success)
        return redirect(_section_url(program, section))
    return None


@require_POST
@voucher_admin_view
def grant_approve(request, pk):
    """核定: ``approve_grant`` with the amount (over the cap → the amount field; over the remaining budget → the
    form's message, 409 in the API)."""
    grant = get_object_or_404(VoucherGrant.objects.administered_by(request.user).select_related("firm"), pk=pk)
    program = _program(request, grant.program_id)
    form = GrantApprovalForm(request.POST, grant=grant, program=program)
    if form.is_valid():
        serializer = GrantApprovalSerializer(data=form.cleaned_data)
        if not serializer.is_valid():
            copy_serializer_errors(form, serializer.errors)
        else:
            done = run_service(
                request,
                program_services.approve_grant,
                grant,
                actor=request.user,
                form=form,
                **serializer.validated_data,
            )
            success = gettext("已向“%(firm)s”发放创新券 %(amount)s 元。")
            if done is not None:
                success %= {"firm": grant.firm.name, "amount": f"{done.amount:,.2f}"}
            if (response := _decided(request, program, "grants", done, success)) is not None:
                return response
    return _program_page(request, program, bound={("grant", grant.pk): form}, status=400)


@require_POST
@voucher_admin_view
def grant_reject(request, pk):
    grant = get_object_or_404(VoucherGrant.objects.administered_by(request.user).select_related("firm"), pk=pk)
    program = _program(request, grant.program_id)
    form = RejectForm(request.POST, auto_id=f"id_grant{grant.pk}_r_%s")
    if form.is_valid():
        done = run_service(
            request, program_services.reject_grant, grant, actor=request.user, note=form.cleaned_data["note"], form=form
        )
        success = gettext("已驳回“%(firm)s”的创新券申请。") % {"firm": grant.firm.name}
        if (response := _decided(request, program, "grants", done, success)) is not None:
            return response
    return _program_page(request, program, bound={("grant-reject", grant.pk): form}, status=400)


@require_POST
@voucher_admin_view
def registration_decide(request, pk, decision):
    """备案审核: ``review_registration`` (通过 with an optional note, 驳回 with a reason)."""
    queryset = ProviderRegistration.objects.administered_by(request.user).select_related("provider")
    registration = get_object_or_404(queryset, pk=pk)
    program = _program(request, registration.program_id)
    approve = decision == "approve"
    form = (NoteForm if approve else RejectForm)(request.POST, auto_id=f"id_reg{pk}_{'' if approve else 'r_'}%s")
    if form.is_valid():
        done = run_service(
            request,
            program_services.review_registration,
            registration,
            approve=approve,
            actor=request.user,
            note=form.cleaned_data["note"],
            form=form,
        )
        text = gettext("“%(p)s”的备案已通过。") if approve else gettext("已驳回“%(p)s”的备案。")
        response = _decided(request, program, "registrations", done, text % {"p": registration.provider.name})
        if response is not None:
            return response
    key = "registration" if approve else "registration-reject"
    return _program_page(request, program, bound={(key, registration.pk): form}, status=400)


@require_POST
@voucher_admin_view
def claim_decide(request, pk, decision):
    """兑付审核: ``approve_claim`` (公示 starts for the programme's days) or ``reject_claim`` with a reason."""
    claim = get_object_or_404(Claim.objects.administered_by(request.user).select_related("provider"), pk=pk)
    program = _program(request, claim.program_id)
    approve = decision == "approve"
    form = (NoteForm if approve else RejectForm)(request.POST, auto_id=f"id_claim{pk}_{'' if approve else 'r_'}%s")
    if form.is_valid():
        service = claim_services.approve_claim if approve else claim_services.reject_claim
        done = run_service(request, service, claim, actor=request.user, note=form.cleaned_data["note"], form=form)
        if approve:
            text = gettext("已通过“%(p)s”的兑付申请，公示 %(d)s 天。") % {
                "p": claim.provider.name,
                "d": program.publicity_days,
            }
        else:
            text = gettext("已驳回“%(p)s”的兑付申请。") % {"p": claim.provider.name}
        if (response := _decided(request, program, "claims" if not approve else "notice", done, text)) is not None:
            return response
    key = "claim" if approve else "claim-reject"
    return _program_page(request, program, bound={(key, claim.pk): form}, status=400)


def _evidence_kind(claim) -> str:
    if not claim.payment_proof:
        return ""
    mimetype = guess_type(claim.payment_proof.name)[0] or ""
    return "image" if mimetype.startswith("image/") else "pdf" if mimetype == "application/pdf" else "file"


@voucher_admin_view
def claim_evidence(request, pk):
    """The claim's payment proof, shown inline to the programme's administrators only (media files are not served
    publicly). Only the types the claim accepts (PDF, JPG, PNG) are served, never sniffed."""
    claim = get_object_or_404(Claim.objects.administered_by(request.user), pk=pk)
    kind = _evidence_kind(claim)
    if kind not in ("image", "pdf"):
        raise Http404
    try:
        handle = claim.payment_proof.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=guess_type(claim.payment_proof.name)[0])
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


# ----------------------------------------------------------------------------------------------------- settlements


@require_POST
@voucher_admin_view
def settlement_create(request, pk, provider_pk):
    """结算单草稿: the provider's claims of the period past 公示, through the API's SettlementSerializer and
    ``create_settlement`` (nothing to settle → the form's message)."""
    program = _program(request, pk)
    provider = get_object_or_404(Organization, pk=provider_pk)
    form = SettlementDraftForm(request.POST, provider_id=provider.pk)
    if form.is_valid():
        data = {"program": program.pk, "provider": provider.pk, **form.cleaned_data}
        serializer = SettlementSerializer(data=data)
        if not serializer.is_valid():
            copy_serializer_errors(form, serializer.errors)
        else:
            done = run_service(
                request, claim_services.create_settlement, actor=request.user, form=form, **serializer.validated_data
            )
            if done is not None:
                text = gettext("已生成“%(p)s”的结算单草稿：%(t)s 元。") % {
                    "p": provider.name,
                    "t": f"{done.total:,.2f}",
                }
                messages.success(request, text)
                return redirect(_section_url(program, f"settlement-{done.pk}"))
    return _program_page(request, program, bound={("settle", provider.pk): form}, status=400)


def _settlement(request, pk):
    return get_object_or_404(Settlement.objects.administered_by(request.user).select_related("program"), pk=pk)


@require_POST
@voucher_admin_view
def settlement_approve(request, pk):
    """审批: ``approve_settlement`` takes the next gap-free number and snapshots the statement."""
    settlement = _settlement(request, pk)
    done = run_service(request, claim_services.approve_settlement, settlement, actor=request.user)
    if done is not None:
        messages.success(request, gettext("结算单已审批，编号 %(n)s。") % {"n": done.number})
    return redirect(_section_url(settlement.program, f"settlement-{settlement.pk}"))


@require_POST
@voucher_admin_view
def settlement_mark_paid(request, pk):
    """支付: ``mark_settlement_paid`` with the bank's reference (required)."""
    settlement = _settlement(request, pk)
    form = PaymentForm(request.POST, settlement=settlement)
    if form.is_valid():
        done = run_service(
            request,
            claim_services.mark_settlement_paid,
            settlement,
            actor=request.user,
            reference=form.cleaned_data["reference"],
            form=form,
        )
        if done is not None:
            messages.success(request, gettext("结算单 %(n)s 已登记支付。") % {"n": done.number})
            return redirect(_section_url(settlement.program, f"settlement-{settlement.pk}"))
    program = _program(request, settlement.program_id)
    return _program_page(request, program, bound={("pay", settlement.pk): form}, status=400)


@voucher_admin_view
def settlement_statement(request, pk):
    """The statement PDF, as the API's ``settlements/{id}/statement.pdf`` (a draft has none: 404)."""
    rendered = documents.settlement_document(_settlement(request, pk))
    if rendered is None:
        raise Http404
    return documents.pdf_response(rendered, attachment=True)


@voucher_admin_view
def settlement_export(request, pk, kind):
    """The programme's approved and paid settlements' lines as CSV or XLSX (the API's ``settlements/export``)."""
    program = _program(request, pk)
    settlements = Settlement.objects.administered_by(request.user).filter(program=program)
    return documents.export_response(documents.settlement_export(settlements, kind))


# ------------------------------------------------------------------------------------------------------ programmes


def _issuers(request):
    ids = administered_issuer_ids(request.user)
    authorities = Organization.objects.filter(kind=OrganizationKind.AUTHORITY).order_by("name")
    return authorities if ids is None else authorities.filter(pk__in=ids)


def _program_form_page(request, form, program=None, status=200):
    return render(
        request,
        "frontend/voucher_admin/program_form.html",
        {"organization": request.organization, "form": form, "program": program},
        status=status,
    )


@voucher_admin_view
def program_create(request):
    """新建项目: issued by one of the user's authorities (platform administrators: any)."""
    issuers = _issuers(request)
    if request.method == "POST":
        form = ProgramForm(request.POST, issuers=issuers)
        if form.is_valid():
            program = save_through_serializer(
                request, form, VoucherProgramSerializer, form.api_data(), organization=request.organization
            )
            if program is not None:
                messages.success(request, gettext("已创建创新券项目“%(n)s”。") % {"n": program.name})
                return redirect("frontend:voucher_admin_program", pk=program.pk)
        return _program_form_page(request, form, status=400)
    year = timezone.localdate().year
    initial = {"year": year, "valid_from": f"{year}-01-01", "valid_until": f"{year}-12-31"}
    if request.organization is not None and request.organization.kind in AUTHORITIES:
        initial["issuer"] = request.organization.pk
    return _program_form_page(request, ProgramForm(issuers=issuers, initial=initial))


@voucher_admin_view
def program_edit(request, pk):
    """修改项目: the same form, a PATCH through the serializer (a budget below what is granted is refused)."""
    program = _program(request, pk)
    issuers = _issuers(request)
    if request.method == "POST":
        form = ProgramForm(request.POST, issuers=issuers)
        if form.is_valid():
            saved = save_through_serializer(
                request,
                form,
                VoucherProgramSerializer,
                form.api_data(),
                instance=program,
                organization=request.organization,
            )
            if saved is not None:
                messages.success(request, gettext("已保存创新券项目“%(n)s”。") % {"n": saved.name})
                return redirect("frontend:voucher_admin_program", pk=saved.pk)
        return _program_form_page(request, form, program, status=400)
    return _program_form_page(request, ProgramForm(issuers=issuers, initial=ProgramForm.initial_for(program)), program)


urlpatterns = [
    path("workspace/voucher-admin/", overview, name="voucher_admin"),
    path("workspace/voucher-admin/programs/new/", program_create, name="voucher_admin_program_new"),
    path("workspace/voucher-admin/programs/<int:pk>/", program_detail, name="voucher_admin_program"),
    path("workspace/voucher-admin/programs/<int:pk>/edit/", program_edit, name="voucher_admin_program_edit"),
    path(
        "workspace/voucher-admin/programs/<int:pk>/settlements/<int:provider_pk>/new/",
        settlement_create,
        name="voucher_admin_settlement_new",
    ),
    path(
        "workspace/voucher-admin/programs/<int:pk>/settlements.<str:kind>",
        settlement_export,
        name="voucher_admin_export",
    ),
    path("workspace/voucher-admin/grants/<int:pk>/approve/", grant_approve, name="voucher_admin_grant_approve"),
    path("workspace/voucher-admin/grants/<int:pk>/reject/", grant_reject, name="voucher_admin_grant_reject"),
    path(
        "workspace/voucher-admin/registrations/<int:pk>/<str:decision>/",
        registration_decide,
        name="voucher_admin_registration",
    ),
    path("workspace/voucher-admin/claims/<int:pk>/evidence/", claim_evidence, name="voucher_admin_evidence"),
    path("workspace/voucher-admin/claims/<int:pk>/<str:decision>/", claim_decide, name="voucher_admin_claim"),
    path(
        "workspace/voucher-admin/settlements/<int:pk>/approve/",
        settlement_approve,
        name="voucher_admin_settlement_approve",
    ),
    path(
        "workspace/voucher-admin/settlements/<int:pk>/mark-paid/",
        settlement_mark_paid,
        name="voucher_admin_settlement_paid",
    ),
    path(
        "workspace/voucher-admin/settlements/<int:pk>/statement.pdf",
        settlement_statement,
        name="voucher_admin_statement",
    ),
]


# -------------------------------------------------------------------------------------------- dashboard, navigation


def _is_administrator(request, organization) -> bool:
    return bool(request.user.is_platform_admin or (organization is not None and organization.kind in AUTHORITIES))


def dashboard_items(request, organization):
    """For an authority's members (and platform administrators): the queues of its programmes (one count each)."""
    from .workspace import ActionItem

    if not _is_administrator(request, organization):
        return []
    queues = _queues(request.user)
    url = reverse("frontend:voucher_admin")
    return [
        ActionItem(gettext("待审核的创新券申请"), queues["grants"].count(), url, area="voucher_admin"),
        ActionItem(gettext("待审核的服务机构备案"), queues["registrations"].count(), url, area="voucher_admin"),
        ActionItem(gettext("待审核的兑付申请"), queues["claims"].count(), url, area="voucher_admin"),
        ActionItem(gettext("公示期满待结算的兑付申请"), queues["settle"].count(), url, area="voucher_admin"),
    ]


def nav_links(request, organization):
    if not _is_administrator(request, organization):
        return []
    return [
        {
            "label": gettext("创新券管理"),
            "url": reverse("frontend:voucher_admin"),
            "name": "voucher_admin",
            "also": ("voucher_admin_program", "voucher_admin_program_new", "voucher_admin_program_edit"),
        }
    ]
