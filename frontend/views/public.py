"""Server-rendered pages: the market's home, the organization directory and profiles, sign-in, notifications and the
choice of the organization a user acts for.

Pages only read; the two state changes they make (marking notifications read, choosing the acting organization)
are POST-only and go through small functions.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from demands.choices import DemandStatus
from demands.models import Demand
from instruments.models import Instrument
from marketplace.api.acting import SESSION_KEY
from marketplace.choices import OrganizationKind
from marketplace.filtersets import OrganizationFilterSet
from marketplace.models import IndustryChain, Organization
from marketplace.services import login_guard
from marketplace.services.notifications import mark_all_read
from tech_transfer.models import Result

from ..forms import OrganizationFilterForm
from .base import filter_queryset, paginate, safe_next

LATEST_INSTITUTES = 6


def healthz(request):
    """Liveness + database check for load balancers and the container HEALTHCHECK."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok"})


def home(request):
    """The front page: what the market offers (with how many instruments, results and open demands the visitor can
    see), how many verified participants it has, its industry chains and the institutes verified most recently."""
    verified = Organization.objects.filter(verified=True)
    counts = verified.aggregate(
        institutes=Count("pk", filter=Q(kind=OrganizationKind.INSTITUTE)),
        enterprises=Count("pk", filter=Q(kind=OrganizationKind.ENTERPRISE)),
        service_providers=Count("pk", filter=Q(kind=OrganizationKind.SERVICE_PROVIDER)),
    )
    catalogue = {
        "instruments": Instrument.objects.visible_to(request.user).count(),
        "results": Result.objects.visible_to(request.user).count(),
        "demands": Demand.objects.visible_to(request.user).filter(status=DemandStatus.OPEN).count(),
    }
    chains = IndustryChain.objects.annotate(
        organization_count=Count("organization", filter=Q(organization__verified=True))
    )
    latest_institutes = (
        verified.filter(kind=OrganizationKind.INSTITUTE)
        .select_related("region")
        .prefetch_related("industry_chains")
        .order_by("-verified_at", "-pk")[:LATEST_INSTITUTES]
    )
    return render(
        request,
        "frontend/home.html",
        {"counts": counts, "catalogue": catalogue, "chains": chains, "latest_institutes": latest_institutes},
    )


def organization_list(request):
    """机构名录: the organizations the visitor may see (verified ones, plus their own), filtered by kind, industry chain
    and free text, 20 per page. The number of queries does not depend on the number of organizations listed."""
    form = OrganizationFilterForm(request.GET or None)
    organizations = filter_queryset(
        OrganizationFilterSet,
        request.GET,
        Organization.objects.visible_to(request.user).select_related("region").prefetch_related("industry_chains"),
    )
    page = paginate(request, organizations.order_by("name"))
    member_of = request.user.organization_ids() if request.user.is_authenticated else set()
    return render(
        request,
        "frontend/organization_list.html",
        {"filter_form": form, "page_obj": page, "organizations": page.object_list, "member_of": member_of},
    )


def organization_detail(request, pk):
    """An organization's public profile: description, expertise, industry chains, tech fields, region and contact.
    Answers 404 for an organization the visitor may not see (unverified and not their own)."""
    organization = get_object_or_404(
        Organization.objects.visible_to(request.user)
        .select_related("region__parent__parent")
        .prefetch_related("industry_chains", "tech_fields"),
        pk=pk,
    )
    regions, node = [], organization.region
    while node is not None:
        regions.append(node)
        node = node.parent
    is_member = request.user.is_authenticated and organization.pk in request.user.organization_ids()
    return render(
        request,
        "frontend/organization_detail.html",
        {"organization": organization, "regions": regions[::-1], "is_member": is_member},
    )


class LoginForm(AuthenticationForm):
    """Django's sign-in form behind the lockout: a locked username or address is told when to try again (and its
    password is not checked); every failure is counted by ``marketplace.services.login_guard``."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username:
            try:
                login_guard.check_not_locked(username, self.request)
            except login_guard.LoginLocked as exc:
                raise forms.ValidationError(str(exc.message), code="locked") from exc
        return super().clean()


class LoginView(auth_views.LoginView):
    """Sign in with username and password; a signed-in visitor is sent on to where they were going. A locked
    sign-in answers 429 with the form and its message."""

    template_name = "frontend/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(error.code == "locked" for error in form.non_field_errors().as_data()):
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires) and return to the home page."""


@login_required
def notifications(request):
    """通知: the signed-in user's notifications, newest first, 20 per page, unread ones highlighted."""
    page = paginate(request, request.user.notifications.prefetch_related("target"))
    unread = request.user.notifications.filter(read_at__isnull=True).count()
    return render(
        request,
        "frontend/notifications.html",
        {"page_obj": page, "notifications": page.object_list, "unread_count": unread},
    )


@login_required
@require_POST
def notifications_mark_all_read(request):
    """Mark all of the user's notifications read, then go back to the list."""
    marked = mark_all_read(request.user)
    if marked:
        messages.success(request, _("已将 %(count)d 条通知标记为已读。") % {"count": marked})
    return redirect("frontend:notifications")


@login_required
@require_POST
def switch_organization(request):
    """Choose the organization the user acts for on the web (stored in the session, read by the API's
    ``resolve_acting_organization``). Only an organization the user is a member of may be chosen: 403 otherwise."""
    raw = request.POST.get("organization", "").strip()
    if not raw:  # the placeholder option was submitted
        messages.error(request, _("请选择一个机构。"))
        return redirect(safe_next(request, reverse("frontend:home")))
    if not (raw.isascii() and raw.isdigit()):
        return HttpResponseBadRequest(_("请选择一个机构。"))
    organization_id = int(raw)
    if organization_id not in request.user.organization_ids():
        raise PermissionDenied(_("您不是该机构的成员。"))
    organization = Organization.objects.get(pk=organization_id)
    request.session[SESSION_KEY] = organization.pk
    messages.success(request, _("现在代表“%(name)s”操作。") % {"name": organization.name})
    return redirect(safe_next(request, reverse("frontend:home")))


urlpatterns = [
    path("", home, name="home"),
    path("organizations/", organization_list, name="organization_list"),
    path("organizations/<int:pk>/", organization_detail, name="organization_detail"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("notifications/", notifications, name="notifications"),
    path("notifications/read-all/", notifications_mark_all_read, name="notifications_mark_all_read"),
    path("acting-organization/", switch_organization, name="switch_organization"),
]
