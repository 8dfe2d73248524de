"""审核中心: the moderators' review queues — organizations to verify, results and demands sent to review.

Moderators are platform administrators and the market operator's members (运营服务中心), by the one rule
``marketplace.permissions.can_moderate`` that the API's verify / approve / reject actions use too. Everyone else is
refused (403) on every page and POST here, as the API refuses them. Each decision calls the service the API calls
(``verify_organization``, ``approve_result`` / ``reject_result``, ``approve_demand`` / ``reject_demand``), which
locks the row, writes the audit entry and tells the owner; a rejection needs a reason, which the owner then sees.

Lists are oldest first (the longest waiting on top), 20 a page, filtered through the apps' FilterSets.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from demands import services as demand_services
from demands.choices import DemandStatus
from demands.filtersets import DemandFilterSet
from demands.models import Demand
from marketplace.api.acting import forget_memberships
from marketplace.filtersets import OrganizationFilterSet
from marketplace.models import Organization
from marketplace.permissions import can_moderate
from marketplace.services.organizations import verify_organization
from tech_transfer import services as result_services
from tech_transfer.choices import ResultStatus, TransferMode
from tech_transfer.filtersets import ResultFilterSet
from tech_transfer.models import Patent, Result

from ..forms import DemandFilterForm, OrganizationFilterForm, ResultFilterForm
from .base import acting_organization, filter_queryset, paginate, run_service

NOTE_MAX = 2000  # the API's ReviewNoteSerializer allows as much


# ------------------------------------------------------------------------------------------------------------ forms


class ApproveForm(forms.Form):
    """通过: an optional note (kept as the review note and in the audit entry)."""

    note = forms.CharField(
        label=gettext_lazy("审核意见（可选）"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(forms.Form):
    """驳回: the reason is required; the owner reads it in the notification and on its page."""

    note = forms.CharField(
        label=gettext_lazy("驳回原因"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("将通知发布方，并显示在其页面上，请写明需要修改的内容。"),
        error_messages={"required": gettext_lazy("请填写驳回原因。")},
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("请填写驳回原因。"))
        return note


# ------------------------------------------------------------------------------------------------------- permission


def moderator_view(view):
    """A page of the review centre: signed in, and ``can_moderate`` (else 403, as the API's ``IsModerator``). A
    platform administrator needs no organization; ``request.organization`` is the acting one, or None."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        forget_memberships(request.user)
        if not can_moderate(request.user):
            raise PermissionDenied(_("仅平台管理员和市场运营机构可以审核。"))
        request.organization = acting_organization(request)
        return view(request, *args, **kwargs)

    return wrapper


# ---------------------------------------------------------------------------------------------------------- queues


def pending_organizations():
    return Organization.objects.filter(verified=False)


def pending_results():
    return Result.objects.filter(status=ResultStatus.PENDING_REVIEW)


def pending_demands():
    return Demand.objects.filter(status=DemandStatus.PENDING_REVIEW)


@moderator_view
def review_center(request):
    """审核中心: the three queues with their counts and the longest-waiting items of each."""
    queues = [
        {
            "key": "organizations",
            "label": _("待认证的机构"),
            "hint": _("核对营业执照或法人证书后认证，认证后可发布仪器、成果和需求。"),
            "url": reverse("frontend:review_organizations"),
            "count": pending_organizations().count(),
            "oldest": list(pending_organizations().order_by("created_at", "pk")[:3]),
            "detail": "frontend:review_organization",
        },
        {
            "key": "results",
            "label": _("待审核的成果"),
            "hint": _("审核通过后公开发布；驳回时退回草稿并附原因。"),
            "url": reverse("frontend:review_results"),
            "count": pending_results().count(),
            "oldest": list(pending_results().order_by("updated_at", "pk")[:3]),
            "detail": "frontend:review_result",
        },
        {
            "key": "demands",
            "label": _("待审核的需求"),
            "hint": _("审核通过后公开征集解题方案；驳回时退回草稿并附原因。"),
            "url": reverse("frontend:review_demands"),
            "count": pending_demands().count(),
            "oldest": list(pending_demands().order_by("updated_at", "pk")[:3]),
            "detail": "frontend:review_demand",
        },
    ]
    return render(
        request,
        "frontend/administration/center.html",
        {"queues": queues, "pending": sum(q["count"] for q in queues)},
    )


def _queue_page(request, template, queryset, filterset_class, filter_form, extra=None):
    rows = filter_queryset(filterset_class, request.GET, queryset, request=request)
    context = {"page_obj": paginate(request, rows), "filter_form": filter_form, **(extra or {})}
    return render(request, template, context)


@moderator_view
def review_organizations(request):
    """待认证的机构: unverified organizations, oldest registration first, through ``OrganizationFilterSet``."""
    queryset = (
        pending_organizations()
        .select_related("region")
        .annotate(member_count=Count("memberships"))
        .order_by("created_at", "pk")
    )
    return _queue_page(
        request,
        "frontend/administration/organization_list.html",
        queryset,
        OrganizationFilterSet,
        OrganizationFilterForm(request.GET or None),
    )


@moderator_view
def review_results(request):
    """待审核的成果: results pending review, the longest waiting first, through ``ResultFilterSet``."""
    queryset = pending_results().select_related("owner", "tech_field").order_by("updated_at", "pk")
    return _queue_page(
        request,
        "frontend/administration/result_list.html",
        queryset,
        ResultFilterSet,
        ResultFilterForm(request.GET or None),
    )


@moderator_view
def review_demands(request):
    """待审核的需求: demands pending review, the longest waiting first, through ``DemandFilterSet``. Moderators see an
    anonymous demand's firm (as administrators do)."""
    queryset = pending_demands().select_related("firm", "industry_chain", "tech_field").order_by("updated_at", "pk")
    return _queue_page(
        request,
        "frontend/administration/demand_list.html",
        queryset,
        DemandFilterSet,
        DemandFilterForm(request.GET or None),
    )


# ---------------------------------------------------------------------------------------------------------- details


def _organization(request, pk):
    queryset = Organization.objects.visible_to(request.user).select_related("region")
    return get_object_or_404(queryset.prefetch_related("industry_chains", "tech_fields"), pk=pk)


def _result(request, pk):
    queryset = Result.objects.visible_to(request.user).select_related("owner__region", "tech_field")
    patents = Prefetch("patents", Patent.objects.order_by("number"))
    return get_object_or_404(queryset.prefetch_related("industry_chains", patents), pk=pk)


def _demand(request, pk):
    queryset = Demand.objects.visible_to(request.user).select_related("firm__region", "industry_chain", "tech_field")
    return get_object_or_404(queryset, pk=pk)


@moderator_view
def review_organization(request, pk):
    """An organization to verify: its identity (credit code, kind, region), profile, contacts and members."""
    organization = _organization(request, pk)
    members = list(organization.memberships.select_related("user").order_by("created_at", "pk"))
    return render(
        request,
        "frontend/administration/organization_detail.html",
        {"organization": organization, "members": members},
    )


def _result_page(request, result, approve_form=None, reject_form=None, status=200):
    return render(
        request,
        "frontend/administration/result_detail.html",
        {
            "result": result,
            "mode_labels": [TransferMode(m).label for m in result.transfer_modes if m in TransferMode.values],
            "pending": result.status == ResultStatus.PENDING_REVIEW,
            "approve_form": approve_form or ApproveForm(prefix="approve"),
            "reject_form": reject_form or RejectForm(prefix="reject"),
            "approve_url": reverse("frontend:review_result_approve", args=[result.pk]),
            "reject_url": reverse("frontend:review_result_reject", args=[result.pk]),
        },
        status=status,
    )


def _demand_page(request, demand, approve_form=None, reject_form=None, status=200):
    return render(
        request,
        "frontend/administration/demand_detail.html",
        {
            "demand": demand,
            "pending": demand.status == DemandStatus.PENDING_REVIEW,
            "approve_form": approve_form or ApproveForm(prefix="approve"),
            "reject_form": reject_form or RejectForm(prefix="reject"),
            "approve_url": reverse("frontend:review_demand_approve", args=[demand.pk]),
            "reject_url": reverse("frontend:review_demand_reject", args=[demand.pk]),
        },
        status=status,
    )


@moderator_view
def review_result(request, pk):
    """A result to review: everything the owner will publish, confidential details and patents included."""
    return _result_page(request, _result(request, pk))


@moderator_view
def review_demand(request, pk):
    """A demand to review: problem, indicators, budget, deadline, risk class and the firm (shown to moderators even
    when the demand is to be published anonymously)."""
    return _demand_page(request, _demand(request, pk))


# ---------------------------------------------------------------------------------------------------------- actions


def _decide(request, obj, service, form, page, *, queue: str, success: str, form_kwarg: str):
    """Validate the decision's form, run the service; on success back to the queue with a message, otherwise the
    review page again with the form's messages (400)."""
    if form.is_valid():
        done = run_service(request, service, obj, actor=request.user, note=form.cleaned_data["note"], form=form)
        if done is not None:
            messages.success(request, success)
            return redirect(queue)
    return page(request, obj, **{form_kwarg: form}, status=400)


@require_POST
@moderator_view
def verify(request, pk):
    """认证: ``verify_organization`` (409 ``already_verified`` shown as a message)."""
    organization = _organization(request, pk)
    note = request.POST.get("note", "").strip()[:NOTE_MAX]
    done = run_service(request, verify_organization, organization, actor=request.user, note=note)
    if done is None:
        return redirect("frontend:review_organization", pk=organization.pk)
    messages.success(request, _("已认证机构“%(name)s”。") % {"name": organization.name})
    return redirect("frontend:review_organizations")


@require_POST
@moderator_view
def approve_result(request, pk):
    result = _result(request, pk)
    return _decide(
        request, result, result_services.approve_result, ApproveForm(request.POST, prefix="approve"), _result_page,
        queue="frontend:review_results", success=_("成果“%(t)s”已审核通过并发布。") % {"t": result.title},
        form_kwarg="approve_form",
    )  # fmt: skip


@require_POST
@moderator_view
def reject_result(request, pk):
    result = _result(request, pk)
    return _decide(
        request, result, result_services.reject_result, RejectForm(request.POST, prefix="reject"), _result_page,
        queue="frontend:review_results", success=_("成果“%(t)s”已驳回，发布方会收到驳回原因。") % {"t": result.title},
        form_kwarg="reject_form",
    )  # fmt: skip


@require_POST
@moderator_view
def approve_demand(request, pk):
    demand = _demand(request, pk)
    return _decide(
        request, demand, demand_services.approve_demand, ApproveForm(request.POST, prefix="approve"), _demand_page,
        queue="frontend:review_demands", success=_("需求“%(t)s”已审核通过并公开征集。") % {"t": demand.title},
        form_kwarg="approve_form",
    )  # fmt: skip


@require_POST
@moderator_view
def reject_demand(request, pk):
    demand = _demand(request, pk)
    return _decide(
        request, demand, demand_services.reject_demand, RejectForm(request.POST, prefix="reject"), _demand_page,
        queue="frontend:review_demands", success=_("需求“%(t)s”已驳回，发布企业会收到驳回原因。") % {"t": demand.title},
        form_kwarg="reject_form",
    )  # fmt: skip


# -------------------------------------------------------------------------------------------- dashboard, navigation


def dashboard_items(request, organization):
    """For moderators: the three review queues (to do). One count each; nothing (and no query beyond the cached
    moderator check) for everyone else."""
    from .workspace import ActionItem

    if not can_moderate(request.user):
        return []
    return [
        ActionItem(
            _("待认证的机构"), pending_organizations().count(), reverse("frontend:review_organizations"), area="review"
        ),
        ActionItem(_("待审核的成果"), pending_results().count(), reverse("frontend:review_results"), area="review"),
        ActionItem(_("待审核的需求"), pending_demands().count(), reverse("frontend:review_demands"), area="review"),
    ]


def nav_links(request, organization):
    if not can_moderate(request.user):
        return []
    return [
        {
            "label": _("审核中心"),
            "url": reverse("frontend:review_center"),
            "name": "review_center",
            "also": (
                "review_organizations",
                "review_organization",
                "review_results",
                "review_result",
                "review_demands",
                "review_demand",
            ),
        }
    ]


urlpatterns = [
    path("workspace/review/", review_center, name="review_center"),
    path("workspace/review/organizations/", review_organizations, name="review_organizations"),
    path("workspace/review/organizations/<int:pk>/", review_organization, name="review_organization"),
    path("workspace/review/organizations/<int:pk>/verify/", verify, name="review_organization_verify"),
    path("workspace/review/results/", review_results, name="review_results"),
    path("workspace/review/results/<int:pk>/", review_result, name="review_result"),
    path("workspace/review/results/<int:pk>/approve/", approve_result, name="review_result_approve"),
    path("workspace/review/results/<int:pk>/reject/", reject_result, name="review_result_reject"),
    path("workspace/review/demands/", review_demands, name="review_demands"),
    path("workspace/review/demands/<int:pk>/", review_demand, name="review_demand"),
    path("workspace/review/demands/<int:pk>/approve/", approve_demand, name="review_demand_approve"),
    path("workspace/review/demands/<int:pk>/reject/", reject_demand, name="review_demand_reject"),
]
