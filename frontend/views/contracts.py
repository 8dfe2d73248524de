"""技术合同 in the workspace: the acting organization's contracts (as buyer or seller, every kind), a contract's page
(parties, amount, where it came from, who signed, registration) and signing it — through
``tech_transfer.services.sign_contract``, as the API's ``sign`` action does — and, for the seller once it is signed,
登记付款 through ``record_contract_payment`` (the API's ``record-payment``). For firms and institutes alike."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.filterset import filterset_factory

from marketplace.choices import AuditAction, OrganizationKind
from marketplace.models import AuditEntry
from tech_transfer import services
from tech_transfer.api.serializers import PaymentSerializer
from tech_transfer.choices import ContractStatus
from tech_transfer.models import TechContract

from .base import filter_queryset, paginate, post_action, require_party, workspace_view

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
    """Who signed for each side, read from the audit trail of the signing transition: ``{"seller": entry|None,
    "buyer": entry|None}``."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(TechContract),
        object_id=str(contract.pk),
        action=AuditAction.TRANSITION,
        transition=f"{ContractStatus.DRAFT}→{ContractStatus.SIGNED}",
    ).order_by("created_at")
    found = {"seller": None, "buyer": None}
    for entry in entries:
        if entry.organization_id == contract.seller_id:
            found["seller"] = found["seller"] or entry
        elif entry.organization_id == contract.buyer_id:
            found["buyer"] = found["buyer"] or entry
    return found


@workspace_view()
def contract_detail(request, pk):
    """A contract: kind, parties, amount, the result or demand it came from, each side's signature, status and
    registration number; 签署合同 for a party while it is a draft."""
    contract = get_object_or_404(
        _own_contracts(request).select_related("seller", "buyer", "demand", "result", "proposal", "auction"), pk=pk
    )
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
            "can_sign": contract.status == ContractStatus.DRAFT,
            "can_record_payment": side == "seller" and contract.status != ContractStatus.DRAFT and not contract.paid_at,
            "demand_url": demand_url,
            "today": timezone.localdate(),
        },
    )


@workspace_view()
@require_POST
def contract_sign(request, pk):
    """签署合同 as the acting organization (one of the two parties; 403 otherwise), dated today."""
    contract = get_object_or_404(TechContract.objects.visible_to(request.user), pk=pk)
    require_party(request, contract.seller_id, contract.buyer_id)
    return post_action(
        request,
        services.sign_contract,
        contract,
        actor=request.user,
        organization=request.organization,
        signed_on=timezone.localdate(),
        success=_("合同已签署。"),
        redirect_to=reverse("frontend:contract_detail", args=[contract.pk]),
    )


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


urlpatterns = [
    path("workspace/contracts/", contract_list, name="contract_list"),
    path("workspace/contracts/<int:pk>/", contract_detail, name="contract_detail"),
    path("workspace/contracts/<int:pk>/sign/", contract_sign, name="contract_sign"),
    path("workspace/contracts/<int:pk>/record-payment/", contract_record_payment, name="contract_record_payment"),
]


def dashboard_items(request, organization):
    """Contracts waiting for the organization's signature (drafts it is a party to); for institutes and service
    providers also the signed contracts they sold whose payment is still to be recorded. One query."""
    from .workspace import ActionItem

    counts = TechContract.objects.filter(Q(buyer=organization) | Q(seller=organization)).aggregate(
        waiting=Count("id", filter=Q(status=ContractStatus.DRAFT)),
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
            "also": ("contract_detail",),
        }
    ]
