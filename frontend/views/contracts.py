"""技术合同 in the workspace: the acting organization's contracts (as buyer or seller, every kind), a contract's page
(parties, amount, where it came from, each side's signature, registration) and signing it for one's own side —
through ``tech_transfer.services.sign_contract``, as the API's ``sign`` action does; signed once both sides have —;
发起合同 (a 技术服务 / 技术咨询 contract from an answered inquiry or directly with a named counterparty); and, for the
seller once it is signed, 登记付款 through ``record_contract_payment`` (the API's ``record-payment``). For firms and
institutes alike."""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_filters.filterset import filterset_factory

from marketplace.choices import OrganizationKind
from marketplace.models import Organization
from tech_transfer import services
from tech_transfer.api.serializers import PaymentSerializer
from tech_transfer.choices import ContractStatus
from tech_transfer.models import Inquiry, TechContract

from .base import filter_queryset, paginate, post_action, require_party, run_service, workspace_view
from .evaluations import contract_registration_context

# The API's contract list filters with ``filterset_fields``; the same FilterSet, built the way DjangoFilterBackend
# builds it, filters the page.
ContractFilterSet = filterset_factory(TechContract, fields=["kind", "status", "result", "demand"])
PAYMENT_DUE = "due"
SELLERS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)  # who sells technology and records payment


def _payment_due(queryset, organization):
    """The contracts ``organization`` sold that are signed and whose payment is not recorded yet."""
    return queryset.filter(seller=organization, paid_at__isnull=True).exclude(status=ContractStatus.DRAFT)


def _own_contracts(request):
    organization = request.organization
    return TechContract.objects.visible_to(request.user).filter(Q(buyer=organization) | Q(seller=organization))


@workspace_view()
def contract_list(request):
    """我的合同: the acting organization's technology contracts, as buyer or seller, newest first, 20 per page,
    filtered by status (tabs) through the API's FilterSet."""
    own = _own_contracts(request)
    payment_due = request.GET.get("payment") == PAYMENT_DUE
    if payment_due:  # the seller's signed contracts whose payment is still to be recorded (the dashboard's to-do)
        own = _payment_due(own, request.organization)
    contracts = filter_queryset(
        ContractFilterSet,
        request.GET,
        own.select_related("seller", "buyer", "demand", "result"),
        request=request,
    )
    page = paginate(request, contracts)
    current = "" if payment_due else request.GET.get("status", "")
    base = reverse("frontend:contract_list")
    tabs = [{"label": _("全部"), "url": base, "current": not current and not payment_due}] + [
        {"label": status.label, "url": f"{base}?status={status}", "current": current == status}
        for status in ContractStatus
    ]
    if request.organization.kind in SELLERS:
        tabs.append({"label": _("待登记付款"), "url": f"{base}?payment={PAYMENT_DUE}", "current": payment_due})
    return render(
        request,
        "frontend/contracts/list.html",
        {"page_obj": page, "contracts": page.object_list, "tabs": tabs, "organization": request.organization},
    )


def signatures(contract) -> dict:
    """Each side's signature from the contract's own per-party fields: ``{"seller": {"at", "by"}|None, "buyer": …}``
    (``select_related`` the ``*_signed_by`` users to keep it query-free)."""
    return {
        side: {"at": getattr(contract, f"{side}_signed_at"), "by": getattr(contract, f"{side}_signed_by")}
        if contract.signed_by_side(side)
        else None
        for side in ("seller", "buyer")
    }


@workspace_view()
def contract_detail(request, pk):
    """A contract: kind, parties, amount, the result or demand it came from, each side's signature, status and
    registration number; 签署合同 for a party while it is a draft."""
    contract = get_object_or_404(
        _own_contracts(request)
        .select_related(
            "seller", "buyer", "demand__tech_field", "result__tech_field", "proposal", "auction", "seller_signed_by",
            "buyer_signed_by",
        )
        .prefetch_related("result__patents"),
        pk=pk,
    )  # fmt: skip
    organization = request.organization
    side = "seller" if contract.seller_id == organization.pk else "buyer"
    demand_url = None
    if contract.demand_id:
        name = "frontend:my_demand" if contract.demand.firm_id == organization.pk else "frontend:demand_detail"
        demand_url = reverse(name, args=[contract.demand_id])
    return render(
        request,
        "frontend/contracts/detail.html",
        {
            "contract": contract,
            "organization": organization,
            "side": side,
            "signatures": signatures(contract),
            "can_sign": contract.status == ContractStatus.DRAFT and not contract.signed_by_side(side),
            "other_side": "buyer" if side == "seller" else "seller",
            "can_record_payment": side == "seller" and contract.status != ContractStatus.DRAFT and not contract.paid_at,
            "demand_url": demand_url,
            "today": timezone.localdate(),
            **contract_registration_context(contract, organization),  # 技术合同认定登记 help (evaluations.py)
        },
    )


@workspace_view()
@require_POST
def contract_sign(request, pk):
    """签署合同 for the acting organization's side (one of the two parties; 403 otherwise); the contract is signed,
    dated today, once the other side has signed too."""
    contract = get_object_or_404(TechContract.objects.visible_to(request.user), pk=pk)
    require_party(request, contract.seller_id, contract.buyer_id)
    back = reverse("frontend:contract_detail", args=[contract.pk])
    signed = run_service(
        request,
        services.sign_contract,
        contract,
        actor=request.user,
        organization=request.organization,
        signed_on=timezone.localdate(),
    )
    if signed is not None:
        if signed.status == ContractStatus.SIGNED:
            messages.success(request, _("双方均已签署，合同已签订。"))
        else:
            messages.success(request, _("本方已签署，等待对方签署。"))
    return redirect(back)


@workspace_view()
@require_POST
def contract_record_payment(request, pk):
    """登记付款: the seller records the buyer's payment with its reference (bank slip or fapiao number), once, after
    signing (``record_contract_payment``, as the API's ``record-payment``; the buyer gets 403). The reference is
    validated by the API's ``PaymentSerializer``; every refusal comes back as a message on the contract's page."""
    contract = get_object_or_404(TechContract.objects.visible_to(request.user), pk=pk)
    require_party(request, contract.seller_id)
    back = reverse("frontend:contract_detail", args=[contract.pk])
    payment = PaymentSerializer(data={"reference": request.POST.get("reference", "").strip()})
    if not payment.is_valid():
        for error in payment.errors.get("reference", []):
            messages.error(request, _("付款凭证号：%(error)s") % {"error": error})
        return redirect(back + "#payment")
    return post_action(
        request,
        services.record_contract_payment,
        contract,
        actor=request.user,
        organization=request.organization,
        reference=payment.validated_data["reference"],
        success=_("付款已登记。"),
        redirect_to=back + "#payment",
    )


class ContractDraftForm(forms.Form):
    """发起技术服务 / 技术咨询合同: the terms; without an inquiry also the counterparty and the caller's own side."""

    kind = forms.ChoiceField(
        label=gettext_lazy("合同类型"),
        choices=[(kind.value, kind.label) for kind in services.DIRECT_KINDS],
    )
    title = forms.CharField(label=gettext_lazy("合同名称"), max_length=200)
    amount = forms.DecimalField(label=gettext_lazy("合同金额（元）"), max_digits=13, decimal_places=2, min_value=0)
    counterparty = forms.ModelChoiceField(
        label=gettext_lazy("合同相对方"),
        queryset=Organization.objects.none(),
        help_text=gettext_lazy("已认证的机构；对方签署后合同方可签订。"),
    )
    side = forms.ChoiceField(
        label=gettext_lazy("本方角色"),
        choices=[("seller", gettext_lazy("受托方（提供技术服务或咨询）")), ("buyer", gettext_lazy("委托方"))],
    )

    def __init__(self, *args, organization, inquiry=None, **kwargs):
        super().__init__(*args, **kwargs)
        if inquiry is not None:  # the inquiry names the parties: the result's owner provides, the inquirer acquires
            del self.fields["counterparty"], self.fields["side"]
        else:
            self.fields["counterparty"].queryset = (
                Organization.objects.filter(verified=True).exclude(pk=organization.pk).order_by("name")
            )


def _draft_inquiry(request):
    """The answered inquiry named by ``?inquiry=`` / the form's ``inquiry`` (one the acting organization is a party
    to; 404 otherwise), or None for a direct contract."""
    pk = request.POST.get("inquiry") or request.GET.get("inquiry")
    if not pk:
        return None
    if not str(pk).isdigit():
        raise Http404
    inquiry = get_object_or_404(
        Inquiry.objects.visible_to(request.user).select_related("result__owner", "organization"), pk=pk
    )
    require_party(request, inquiry.result.owner_id, inquiry.organization_id)
    return inquiry


@workspace_view()
def contract_new(request):
    """发起合同: a 技术服务 / 技术咨询 contract from an answered inquiry (``?inquiry=``; the parties are the
    inquiry's) or directly with a named counterparty — through ``contract_from_inquiry`` / ``create_direct_contract``
    as the API's ``inquiries/{id}/draft-contract`` and ``contracts/direct`` do. Both parties then sign."""
    organization = request.organization
    inquiry = _draft_inquiry(request)
    initial = {"title": _("%(t)s 技术服务合同") % {"t": inquiry.result.title}} if inquiry else {}
    form = ContractDraftForm(request.POST or None, organization=organization, inquiry=inquiry, initial=initial)
    if request.method == "POST" and form.is_valid():
        if inquiry is not None:
            contract = run_service(
                request, services.contract_from_inquiry, inquiry, actor=request.user, organization=organization,
                form=form, **form.cleaned_data,
            )  # fmt: skip
        else:
            contract = run_service(
                request, services.create_direct_contract, actor=request.user, organization=organization, form=form,
                **form.cleaned_data,
            )  # fmt: skip
        if contract is not None:
            messages.success(request, _("合同草稿已发起，请核对后签署；对方签署后合同签订。"))
            return redirect(contract.get_absolute_url())
    return render(
        request,
        "frontend/contracts/new.html",
        {"form": form, "inquiry": inquiry, "organization": organization},
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("workspace/contracts/", contract_list, name="contract_list"),
    path("workspace/contracts/new/", contract_new, name="contract_new"),
    path("workspace/contracts/<int:pk>/", contract_detail, name="contract_detail"),
    path("workspace/contracts/<int:pk>/sign/", contract_sign, name="contract_sign"),
    path("workspace/contracts/<int:pk>/record-payment/", contract_record_payment, name="contract_record_payment"),
]


def dashboard_items(request, organization):
    """Contracts waiting for the organization's signature (drafts its side has not signed yet); for institutes and
    service providers also the signed contracts they sold whose payment is still to be recorded. One query."""
    from .workspace import ActionItem

    counts = TechContract.objects.filter(Q(buyer=organization) | Q(seller=organization)).aggregate(
        waiting=Count(
            "id",
            filter=Q(status=ContractStatus.DRAFT)
            & (
                Q(seller=organization, seller_signed_at__isnull=True)
                | Q(buyer=organization, buyer_signed_at__isnull=True)
            ),
        ),
        unpaid=Count("id", filter=Q(seller=organization, paid_at__isnull=True) & ~Q(status=ContractStatus.DRAFT)),
    )
    base = reverse("frontend:contract_list")
    items = [
        ActionItem(_("待签署的合同"), counts["waiting"], f"{base}?status={ContractStatus.DRAFT}", area="contracts")
    ]
    if organization.kind in SELLERS:
        items.append(
            ActionItem(_("待登记付款的合同"), counts["unpaid"], f"{base}?payment={PAYMENT_DUE}", area="contracts")
        )
    return items


def nav_links(request, organization):
    return [
        {
            "label": _("合同"),
            "url": reverse("frontend:contract_list"),
            "name": "contract_list",
            "also": ("contract_detail", "contract_new"),
        }
    ]
