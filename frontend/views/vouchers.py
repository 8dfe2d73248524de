"""创新券 and 结算单 in the workspace: a firm applies for a programme's vouchers and follows its grants, balances and
ledger; firms and providers read their invoices (and a provider cancels one with a credit note) and download them,
and a firm's monthly statement of one provider; a provider registers for programmes (备案), claims what was redeemed
with it (兑付申请) and downloads its settlement statements (兑付结算单).

Everything goes through the vouchers app's own code: writes through its services (validated by the API's serializer
first), balances from ``ledger.derived_balances`` (what the API's voucher-balance returns), lists through the app's
FilterSets, and the PDFs through ``services.documents`` — the very functions behind the API's
``invoices/{id}/invoice.pdf``, ``invoices/statement.pdf`` and ``settlements/{id}/statement.pdf``. Visibility is the
API's: a grant and its ledger are the firm's, an invoice its provider's and its customer's, a claim or settlement the
provider's; anything else is a 404.
"""

from datetime import datetime, time
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db.models import Case, DecimalField, F, OuterRef, Q, Subquery, Sum, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketplace.choices import OrganizationKind
from marketplace.exceptions import DomainError
from marketplace.models import Organization, visible_to_parties
from vouchers.api.serializers import ClaimSerializer, ProviderRegistrationSerializer, VoucherGrantSerializer
from vouchers.api.views import PROVIDER_KINDS
from vouchers.choices import ENTRY_EFFECTS, ClaimStatus, GrantStatus, InvoiceKind, RegistrationStatus, ServiceKind
from vouchers.filtersets import InvoiceFilterSet, LedgerEntryFilterSet, parse_month
from vouchers.models import (
    Claim,
    Invoice,
    LedgerEntry,
    ProviderRegistration,
    Settlement,
    VoucherGrant,
    VoucherProgram,
)
from vouchers.services import claims as claim_services
from vouchers.services import documents, ledger, payments
from vouchers.services import programs as program_services

from .base import (
    PAGE_SIZE,
    copy_serializer_errors,
    filter_queryset,
    paginate,
    require_party,
    run_service,
    show_error,
    workspace_view,
)

FIRMS = (OrganizationKind.ENTERPRISE,)
#: Who registers for programmes and claims the vouchers redeemed with it (the API's PROVIDER_KINDS).
PROVIDERS = PROVIDER_KINDS
#: Who has invoices: firms receive them, institutes and service providers issue them.
INVOICE_KINDS = (OrganizationKind.ENTERPRISE, OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)
#: 长三角: 上海、江苏、浙江、安徽 (the 通用通兑 area of the Yangtze River Delta).
YANGTZE_DELTA = {"310000", "320000", "330000", "340000"}
MONEY_FIELD = DecimalField(max_digits=15, decimal_places=2)


def run_on_form(request, service, *, form, **kwargs):
    """Run a service for a form: a rule broken on one of the form's fields comes back on that field, any other
    refusal (already applied, not verified, a conflict) as a message above the page — where it is seen even when
    the form is no longer offered. Returns None on an error."""
    try:
        return service(**kwargs)
    except DjangoValidationError as exc:
        show_error(request, exc, form)
    except DomainError as exc:
        fields = exc.details.get("errors") or {}
        show_error(request, exc, form if any(name in form.fields for name in fields) else None)
    return None


# ------------------------------------------------------------------------------------------------------------ forms


class GrantApplicationForm(forms.Form):
    """What the API's ``POST voucher-grants/`` takes besides the programme (which the page's URL names)."""

    requested_amount = forms.DecimalField(
        label=_("申请额度（元）"), max_digits=13, decimal_places=2, min_value=Decimal("0.01")
    )
    purpose = forms.CharField(
        label=_("用途说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("拟购买的服务，例如检验检测、委托研发。"),
    )

    def __init__(self, *args, program, **kwargs):
        kwargs.setdefault("auto_id", f"id_program{program.pk}_%s")
        super().__init__(*args, **kwargs)
        # No ``max`` attribute: the per-firm cap is the service's rule, and its message says what the cap is.
        self.fields["requested_amount"].widget.attrs.update({"step": "0.01", "inputmode": "decimal"})
        self.fields["requested_amount"].help_text = gettext("单个企业上限 %(cap)s 元。") % {
            "cap": f"{program.per_firm_cap:,.2f}"
        }


class CancelInvoiceForm(forms.Form):
    """The note the API's ``invoices/{id}/cancel`` takes (ReviewNoteSerializer: optional, up to 2000 characters)."""

    note = forms.CharField(
        label=_("冲销原因"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class InvoiceFilterForm(forms.Form):
    """The invoice list's filters: the parameters of the API's InvoiceFilterSet."""

    kind = forms.ChoiceField(label=_("类型"), required=False, choices=[("", _("全部")), *InvoiceKind.choices])
    provider = forms.ChoiceField(label=_("服务机构"), required=False)
    customer = forms.ChoiceField(label=_("企业"), required=False)
    month = forms.CharField(label=_("开具月份"), required=False, widget=forms.TextInput(attrs={"type": "month"}))

    def __init__(self, *args, providers=(), customers=(), **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("全部"))]
        self.fields["provider"].choices = everyone + [(o.pk, o.name) for o in providers]
        self.fields["customer"].choices = everyone + [(o.pk, o.name) for o in customers]
        if not providers:
            del self.fields["provider"]
        if not customers:
            del self.fields["customer"]


# --------------------------------------------------------------------------------------------------------- vouchers


def _running_total(column: int):
    """The grant's balance ``column`` (0 available, 1 held, 2 redeemed) after each entry, summed in the database over
    the grant's entries up to and including it — independent of any filter or page of the list."""
    whens = [
        When(kind=kind, then=F("amount") if sign > 0 else -F("amount"))
        for kind, effects in ENTRY_EFFECTS.items()
        if (sign := effects[column])
    ]
    signed = Case(*whens, default=Value(Decimal("0")), output_field=MONEY_FIELD)
    upto = (
        LedgerEntry.objects.filter(grant_id=OuterRef("grant_id"), id__lte=OuterRef("id"))
        .order_by()
        .values("grant_id")
        .annotate(total=Sum(signed))
        .values("total")
    )
    return Subquery(upto, output_field=MONEY_FIELD)


def _regions_label(program) -> str:
    regions = list(program.accepted_regions.all())
    if not regions:
        return gettext("不限地区")
    codes = {r.code for r in regions}
    if codes == YANGTZE_DELTA:
        return gettext("长三角（沪苏浙皖）通用通兑")
    return "、".join(r.name for r in regions)


def _open_programs(firm_grants):
    """Programmes still open (not past their end date), each with what the page shows about it."""
    live = {g.program_id for g in firm_grants if g.status != GrantStatus.REJECTED}
    programs = list(
        VoucherProgram.objects.filter(valid_until__gte=timezone.localdate())
        .select_related("issuer")
        .prefetch_related("accepted_regions")
        .order_by("valid_until", "id")
    )
    kinds = dict(ServiceKind.choices)
    for program in programs:
        program.remaining = program.total_budget - program.granted_total
        program.coverage_percent = f"{(program.coverage_ratio * 100).normalize():f}"
        program.kind_labels = [kinds.get(kind, kind) for kind in program.service_kinds]
        program.regions_label = _regions_label(program)
        program.applied = program.pk in live
    return programs


def _vouchers_page(request, *, program=None, form=None):
    """The vouchers page; ``form`` is the refused application of ``program``, shown again with its messages."""
    firm, user = request.organization, request.user
    grants = list(
        visible_to_parties(VoucherGrant.objects.filter(firm=firm), user, "firm_id").select_related("program__issuer")
    )
    approved = [g for g in grants if g.status == GrantStatus.APPROVED]
    balances = ledger.derived_balances([g.pk for g in approved])  # the API's voucher-balance
    for grant in approved:
        grant.balance = balances[grant.pk]
    programs = _open_programs(grants)
    for item in programs:
        item.form = form if program is not None and item.pk == program.pk else GrantApplicationForm(program=item)

    entries = visible_to_parties(LedgerEntry.objects.filter(grant__firm=firm), user, "grant__firm_id")
    entries = filter_queryset(LedgerEntryFilterSet, request.GET, entries, request=request)
    entries = (
        entries.select_related("grant__program", "hold__booking__instrument", "hold__contract")
        .annotate(after_available=_running_total(0), after_held=_running_total(1), after_redeemed=_running_total(2))
        .order_by("-created_at", "-id")
    )
    selected = request.GET.get("grant", "")
    return render(
        request,
        "frontend/vouchers/vouchers.html",
        {
            "organization": firm,
            "grants": grants,
            "approved": approved,
            "programs": programs,
            "page_obj": paginate(request, entries),
            "selected_grant": selected,
            "booking_list_url": reverse("frontend:booking_list"),
        },
    )


@workspace_view(kinds=FIRMS)
def vouchers(request):
    """The firm's grants with their balances and ledger, and the programmes it may apply to."""
    return _vouchers_page(request)


@workspace_view(kinds=FIRMS)
def apply_for_grant(request, pk):
    """Apply for a programme's vouchers as the acting firm: the API's serializer validates, ``apply_for_grant``
    decides (the per-firm cap on the amount field, an existing application as a message)."""
    program = get_object_or_404(VoucherProgram, pk=pk)
    if request.method != "POST":
        return redirect(reverse("frontend:vouchers") + f"#program-{program.pk}")
    form = GrantApplicationForm(request.POST, program=program)
    if form.is_valid():
        data = {"program": program.pk, **form.cleaned_data}
        serializer = VoucherGrantSerializer(data=data, context={"request": request})
        if not serializer.is_valid():
            copy_serializer_errors(form, serializer.errors)
        else:
            grant = run_on_form(
                request,
                program_services.apply_for_grant,
                form=form,
                firm=request.organization,
                actor=request.user,
                **serializer.validated_data,
            )
            if grant is not None:
                messages.success(
                    request,
                    gettext("已提交“%(program)s”的创新券申请（%(amount)s 元），请等待主管部门审核。")
                    % {"program": program.name, "amount": f"{grant.requested_amount:,.2f}"},
                )
                return redirect(grant.get_absolute_url())
    return _vouchers_page(request, program=program, form=form)


# --------------------------------------------------------------------------------------------------------- invoices


def _visible_invoices(request):
    """Invoices the user may see (as the API: the provider's and the customer's), with what the pages show."""
    return visible_to_parties(Invoice.objects.all(), request.user, "provider_id", "customer_id").select_related(
        "provider", "customer", "cancels", "cancelled_by", "booking__instrument", "contract"
    )


@workspace_view(kinds=INVOICE_KINDS)
def invoice_list(request):
    """The acting organization's invoices and credit notes (received as a firm, issued as a provider), filtered by
    the API's InvoiceFilterSet, and the monthly statement of one provider."""
    organization = request.organization
    mine = _visible_invoices(request).filter(Q(provider=organization) | Q(customer=organization))
    providers = list(Organization.objects.filter(invoices_issued__customer=organization).distinct().order_by("name"))
    customers = list(Organization.objects.filter(invoices_received__provider=organization).distinct().order_by("name"))
    invoices = filter_queryset(InvoiceFilterSet, request.GET, mine, request=request)
    month = timezone.localdate().strftime("%Y-%m")
    return render(
        request,
        "frontend/vouchers/invoice_list.html",
        {
            "organization": organization,
            "page_obj": paginate(request, invoices),
            "filter_form": InvoiceFilterForm(request.GET or None, providers=providers, customers=customers),
            "filtered": any(request.GET.get(name) for name in ("kind", "provider", "customer", "month")),
            "providers": providers,
            "customers": customers,
            "month": request.GET.get("month") or month,
        },
    )


def _invoice_page(request, invoice, cancel_form=None):
    organization = request.organization
    cancellable = (
        invoice.provider_id == organization.pk
        and invoice.kind == InvoiceKind.INVOICE
        and not Invoice.objects.filter(cancels=invoice).exists()
    )
    return render(
        request,
        "frontend/vouchers/invoice_detail.html",
        {
            "organization": organization,
            "invoice": invoice,
            "snapshot": invoice.snapshot,
            "cancel_form": (cancel_form or CancelInvoiceForm()) if cancellable else None,
            "booking_list_url": reverse("frontend:booking_list"),
        },
    )


@workspace_view(kinds=INVOICE_KINDS)
def invoice_detail(request, pk):
    """One invoice or credit note as issued (from its snapshot), with its download; the provider may cancel an
    invoice with a credit note."""
    return _invoice_page(request, get_object_or_404(_visible_invoices(request), pk=pk))


@workspace_view(kinds=INVOICE_KINDS)
def invoice_cancel(request, pk):
    """The provider cancels an invoice with a credit note (红字冲销), as the API's ``invoices/{id}/cancel``: the
    voucher redemption behind it is reversed unless already claimed. Only the provider may (403)."""
    invoice = get_object_or_404(_visible_invoices(request), pk=pk)
    if request.method != "POST":
        return redirect(invoice.get_absolute_url())
    require_party(request, invoice.provider_id)
    form = CancelInvoiceForm(request.POST)
    if not form.is_valid():
        return _invoice_page(request, invoice, form)
    # A conflict (already cancelled, a credit note) is a message above the invoice.
    credit = run_service(
        request, payments.cancel_invoice, invoice, actor=request.user, reason=form.cleaned_data["note"]
    )
    if credit is None:
        return redirect(invoice.get_absolute_url())
    messages.success(request, gettext("已开具红字冲销单 %(number)s，原确认单作废。") % {"number": credit.number})
    return redirect(credit.get_absolute_url())


@workspace_view(kinds=INVOICE_KINDS)
def invoice_pdf(request, pk):
    """The invoice's PDF, exactly as the API's ``invoices/{id}/invoice.pdf`` serves it (offered as a download)."""
    invoice = get_object_or_404(_visible_invoices(request), pk=pk)
    return documents.pdf_response(documents.invoice_document(invoice), attachment=True)


@workspace_view(kinds=INVOICE_KINDS)
def invoice_statement(request):
    """A firm's monthly statement of one provider, as the API's ``invoices/statement.pdf?provider=&month=YYYY-MM``
    (``customer`` defaults to the acting organization; a provider names the firm)."""
    params = request.GET
    try:
        year, month = parse_month(params.get("month", ""))
        provider_id = int(params["provider"])
        customer_id = int(params.get("customer") or request.organization.pk)
    except (KeyError, ValueError):
        messages.error(request, gettext("请选择对账的机构，并按“年-月”选择月份。"))
        return redirect("frontend:invoice_list")
    if not documents.may_see_statement(request.user, provider_id, customer_id):
        raise Http404
    provider = get_object_or_404(Organization, pk=provider_id)
    customer = get_object_or_404(Organization, pk=customer_id)
    return documents.pdf_response(documents.statement_document(provider, customer, year, month), attachment=True)


# ------------------------------------------------------------------------------------------ providers: 备案, 兑付


class RegistrationForm(forms.Form):
    """What the API's ``POST voucher-providers/`` takes besides the programme (which the page's URL names)."""

    services = forms.CharField(
        label=_("服务内容与收费标准"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：大型仪器共享、检验检测，收费标准见仪器页面。"),
    )
    bank_name = forms.CharField(label=_("开户银行"), max_length=128, required=False)
    bank_account = forms.CharField(
        label=_("银行账号"), max_length=64, required=False, help_text=_("兑付款项的收款账户，打印在结算单上。")
    )

    def __init__(self, *args, program, **kwargs):
        kwargs.setdefault("auto_id", f"id_register{program.pk}_%s")
        super().__init__(*args, **kwargs)


class ClaimForm(forms.Form):
    """What the API's ``POST claims/`` takes: the redemptions of the period are claimed with the evidence."""

    program = forms.ModelChoiceField(label=_("创新券项目"), queryset=VoucherProgram.objects.none(), empty_label=None)
    period_start = forms.DateField(label=_("期间开始"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("期间结束"), widget=forms.DateInput(attrs={"type": "date"}))
    invoice_number = forms.CharField(label=_("发票号码"), max_length=64)
    usage_record = forms.CharField(
        label=_("服务记录/合同说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("服务内容、检测报告或合同编号。"),
    )
    payment_proof = forms.FileField(label=_("付款凭证"), required=False, help_text=_("PDF、JPG 或 PNG 文件。"))

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs


def _page_of(request, queryset, param: str):
    """One page of ``queryset`` numbered by the query parameter ``param`` (two lists on one page), with the links
    to the neighbouring pages keeping the other parameters."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get(param))

    def link(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = link(page.next_page_number()) if page.has_next() else ""
    return page


def _provider_page(request, *, program=None, register_form=None, claim_form=None):
    """The provider's registrations (备案) per programme, its claims (兑付申请) and settlements (兑付结算单)."""
    provider, user = request.organization, request.user
    registrations = {
        r.program_id: r
        for r in visible_to_parties(ProviderRegistration.objects.filter(provider=provider), user, "provider_id")
    }
    programs = list(
        VoucherProgram.objects.filter(Q(valid_until__gte=timezone.localdate()) | Q(pk__in=registrations))
        .select_related("issuer")
        .prefetch_related("accepted_regions")
        .order_by("-valid_until", "id")
    )
    for item in programs:
        item.registration = registrations.get(item.pk)
        item.regions_label = _regions_label(item)
        item.accepts_provider = item.accepts_region(provider.region)
        if item.registration is None:
            bound = register_form if program is not None and item.pk == program.pk else None
            item.form = bound or RegistrationForm(program=item)
    registered = VoucherProgram.objects.filter(
        pk__in=[pk for pk, r in registrations.items() if r.status == RegistrationStatus.APPROVED]
    ).order_by("-valid_until", "id")
    claims = visible_to_parties(Claim.objects.filter(provider=provider), user, "provider_id").select_related(
        "program", "settlement"
    )
    settlements = visible_to_parties(Settlement.objects.filter(provider=provider), user, "provider_id").select_related(
        "program"
    )
    return render(
        request,
        "frontend/vouchers/provider.html",
        {
            "organization": provider,
            "programs": programs,
            "claim_form": claim_form or (ClaimForm(programs=registered) if registrations else None),
            "has_registered": bool(registered),
            "claims": _page_of(request, claims, "claims_page"),
            "settlements": _page_of(request, settlements, "settlements_page"),
        },
    )


@workspace_view(kinds=PROVIDERS)
def voucher_provider(request):
    """创新券兑付: a provider registers for programmes, claims what was redeemed with it and reads its settlements."""
    return _provider_page(request)


@workspace_view(kinds=PROVIDERS)
def register_for_program(request, pk):
    """Register (备案) for a programme as the acting provider through ``programs.register_provider``: unverified
    providers and regions the programme does not accept are refused with its message."""
    program = get_object_or_404(VoucherProgram, pk=pk)
    if request.method != "POST":
        return redirect(reverse("frontend:voucher_provider") + f"#program-{program.pk}")
    form = RegistrationForm(request.POST, program=program)
    if form.is_valid():
        data = {"program": program.pk, **form.cleaned_data}
        serializer = ProviderRegistrationSerializer(data=data, context={"request": request})
        if not serializer.is_valid():
            copy_serializer_errors(form, serializer.errors)
        else:
            registration = run_on_form(
                request,
                program_services.register_provider,
                form=form,
                provider=request.organization,
                actor=request.user,
                **serializer.validated_data,
            )
            if registration is not None:
                messages.success(
                    request, gettext("已提交“%(program)s”的服务机构备案，请等待审核。") % {"program": program.name}
                )
                return redirect(registration.get_absolute_url())
    return _provider_page(request, program=program, register_form=form)


@workspace_view(kinds=PROVIDERS)
def submit_claim(request):
    """Claim (兑付申请) the period's unclaimed redemptions as the acting provider: the API's ClaimSerializer
    validates (the evidence's file type), ``claims.submit_claim`` decides (registered, something to claim)."""
    provider = request.organization
    if request.method != "POST":
        return redirect(reverse("frontend:voucher_provider") + "#claims")
    registered = VoucherProgram.objects.filter(
        providers__provider=provider, providers__status=RegistrationStatus.APPROVED
    )
    form = ClaimForm(request.POST, request.FILES, programs=registered)
    if form.is_valid():
        data = {**form.cleaned_data, "program": form.cleaned_data["program"].pk}
        if not data.get("payment_proof"):
            data.pop("payment_proof", None)
        serializer = ClaimSerializer(data=data, context={"request": request})
        if not serializer.is_valid():
            copy_serializer_errors(form, serializer.errors)
        else:
            claim = run_on_form(
                request,
                claim_services.submit_claim,
                form=form,
                provider=provider,
                actor=request.user,
                **serializer.validated_data,
            )
            if claim is not None:
                messages.success(
                    request,
                    gettext("兑付申请已提交：%(amount)s 元，请等待审核。") % {"amount": f"{claim.amount:,.2f}"},
                )
                return redirect(claim.get_absolute_url())
    return _provider_page(request, claim_form=form)


@workspace_view(kinds=PROVIDERS)
def settlement_pdf(request, pk):
    """The settlement statement as the API's ``settlements/{id}/statement.pdf`` serves it (drafts have none: 404)."""
    settlement = get_object_or_404(visible_to_parties(Settlement.objects.all(), request.user, "provider_id"), pk=pk)
    rendered = documents.settlement_document(settlement)
    if rendered is None:
        raise Http404
    return documents.pdf_response(rendered, attachment=True)


urlpatterns = [
    path("workspace/vouchers/", vouchers, name="vouchers"),
    path("workspace/vouchers/programs/<int:pk>/apply/", apply_for_grant, name="voucher_apply"),
    path("workspace/invoices/", invoice_list, name="invoice_list"),
    path("workspace/invoices/statement.pdf", invoice_statement, name="invoice_statement"),
    path("workspace/invoices/<int:pk>/", invoice_detail, name="invoice_detail"),
    path("workspace/invoices/<int:pk>/invoice.pdf", invoice_pdf, name="invoice_pdf"),
    path("workspace/invoices/<int:pk>/cancel/", invoice_cancel, name="invoice_cancel"),
    path("workspace/vouchers/provider/", voucher_provider, name="voucher_provider"),
    path("workspace/vouchers/programs/<int:pk>/register/", register_for_program, name="voucher_register"),
    path("workspace/vouchers/claims/new/", submit_claim, name="voucher_claim"),
    path("workspace/vouchers/settlements/<int:pk>/statement.pdf", settlement_pdf, name="settlement_pdf"),
]


# -------------------------------------------------------------------------------------------- dashboard, navigation


def dashboard_items(request, organization):
    """For information: a firm's applications under review and its grants with money left; everyone's invoices of
    this month."""
    from .workspace import ActionItem

    items = []
    if organization.kind in FIRMS:
        url = reverse("frontend:vouchers")
        firm_grants = VoucherGrant.objects.filter(firm=organization)
        pending = firm_grants.filter(status=GrantStatus.APPLIED).count()
        items.append(ActionItem(gettext("审核中的创新券申请"), pending, url, action=False, area="vouchers"))
        usable = firm_grants.filter(status=GrantStatus.APPROVED, available__gt=0).count()
        items.append(ActionItem(gettext("有余额的创新券"), usable, url, action=False, area="vouchers"))
    if organization.kind in PROVIDERS:
        url = reverse("frontend:voucher_provider")
        pending = ProviderRegistration.objects.filter(provider=organization, status=RegistrationStatus.PENDING).count()
        items.append(ActionItem(gettext("审核中的创新券备案"), pending, url, action=False, area="vouchers"))
        waiting = Claim.objects.filter(provider=organization, status=ClaimStatus.SUBMITTED).count()
        items.append(ActionItem(gettext("审核中的兑付申请"), waiting, url + "#claims", action=False, area="vouchers"))
    if organization.kind in INVOICE_KINDS:
        today = timezone.localdate()
        month_start = timezone.make_aware(datetime.combine(today.replace(day=1), time.min))
        this_month = Invoice.objects.filter(
            Q(provider=organization) | Q(customer=organization), issued_at__gte=month_start
        ).count()
        url = reverse("frontend:invoice_list") + f"?month={today:%Y-%m}"
        items.append(ActionItem(gettext("本月结算单"), this_month, url, action=False, area="vouchers"))
    return items


def nav_links(request, organization):
    links = []
    if organization.kind in FIRMS:
        links.append({"label": gettext("创新券"), "url": reverse("frontend:vouchers"), "name": "vouchers"})
    if organization.kind in PROVIDERS:
        links.append(
            {"label": gettext("创新券兑付"), "url": reverse("frontend:voucher_provider"), "name": "voucher_provider"}
        )
    if organization.kind in INVOICE_KINDS:
        links.append(
            {
                "label": gettext("结算单"),
                "url": reverse("frontend:invoice_list"),
                "name": "invoice_list",
                "also": ("invoice_detail",),
            }
        )
    return links
