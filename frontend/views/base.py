"""What every page shares: the page size, filtering through the apps' FilterSets (the API's own filtering path),
the acting organization of a signed-in workspace, and running a service so that its domain errors come back on the
page (a form's field messages, or a message above the page) instead of as an error page.

Pages never change state themselves: a POST calls the same service function the API calls, inside which the rules,
row locks and audit entries live. These helpers only translate between the page and the service.
"""

from functools import wraps
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException

from marketplace.api.acting import forget_memberships, resolve_acting_organization
from marketplace.exceptions import DomainError
from marketplace.services.records import create_record, update_record

PAGE_SIZE = 20


# ------------------------------------------------------------------------------------------------------------ lists


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """The requested page of ``queryset`` (a page number past the end shows the last page, a bad one the first)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def filter_queryset(filterset_class, data, queryset, *, request=None):
    """``queryset`` filtered by the app's FilterSet, exactly as the API filters it. A parameter that does not
    validate (an unknown code in a shared link) is dropped instead of failing the page; the others still apply."""
    filterset = filterset_class(data, queryset=queryset, request=request)
    if not filterset.is_valid():
        valid = data.copy()
        for name in filterset.errors:
            valid.pop(name, None)
        filterset = filterset_class(valid, queryset=queryset, request=request)
    return filterset.qs


# ------------------------------------------------------------------------------------------------- acting for an org


def acting_organization(request):
    """The organization the signed-in user acts for on this page, or None (none chosen yet)."""
    if not request.user.is_authenticated:
        return None
    try:
        return resolve_acting_organization(request)
    except APIException:  # a stray X-Organization header on a page request
        return None


def workspace_view(kinds=None):
    """Decorate a signed-in workspace page: the user must be signed in and act for an organization (of one of
    ``kinds``, if given). The organization is put on ``request.organization``. A user who has not chosen one yet is
    asked to; one whose organization is of another kind is told which workspace the page belongs to (403)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            forget_memberships(request.user)
            organization = acting_organization(request)
            if organization is None:
                return render(request, "frontend/workspace/choose_organization.html", status=200)
            if kinds and organization.kind not in kinds:
                return render(
                    request,
                    "frontend/workspace/wrong_kind.html",
                    {"organization": organization, "kinds": kinds},
                    status=403,
                )
            request.organization = organization
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def require_party(request, *organization_ids) -> None:
    """Refuse (403) unless the acting organization is one of the object's parties, like the API's ``not_a_party``."""
    if getattr(request, "organization", None) is None or request.organization.pk not in organization_ids:
        raise PermissionDenied(_("只有当事机构可以执行此操作。"))


def safe_next(request, default: str) -> str:
    """The ``next`` URL of the request if it stays on this site, else ``default`` (an open-redirect guard)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# ------------------------------------------------------------------------------------------------- running services


def show_error(request, exc, form=None) -> None:
    """Put a service's error on the page: on the form field it names (or the form as a whole), or as a message.
    Handles domain errors (conflicts, rule violations) and Django validation errors."""
    if isinstance(exc, DjangoValidationError):
        if form is not None and hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        elif form is not None:
            form.add_error(None, exc.messages)
        else:
            for message in exc.messages:
                messages.error(request, message)
        return
    text = str(exc.message)
    if form is None:
        messages.error(request, text)
        return
    fields = list((exc.details.get("errors") or {}).keys())
    field = next((name for name in fields if name in form.fields), None)
    form.add_error(field, text)


def run_service(request, service, *args, form=None, **kwargs):
    """Call ``service(*args, **kwargs)``; on a domain or validation error show it (see ``show_error``) and return
    None. The service runs in its own transaction, so a refused change leaves nothing half-saved."""
    try:
        return service(*args, **kwargs)
    except (DomainError, DjangoValidationError) as exc:
        show_error(request, exc, form)
        return None


def post_action(request, service, *args, success: str, redirect_to: str, **kwargs):
    """A button that changes state: run the service, say what happened (or why not), go back to ``redirect_to``
    (or the form's safe ``next``). Always a redirect, so a reload never repeats the action."""
    if run_service(request, service, *args, **kwargs) is not None:
        messages.success(request, success)
    return redirect(safe_next(request, redirect_to))


def _messages(errors) -> list[str]:
    """Every message inside a serializer error, however nested (list items, nested objects)."""
    if isinstance(errors, dict):
        return [text for value in errors.values() for text in _messages(value)]
    if isinstance(errors, list | tuple):
        return [text for value in errors for text in _messages(value)]
    return [str(errors)]


def copy_serializer_errors(form, errors) -> None:
    """Put a DRF serializer's field errors on the page's form (unknown fields become form-wide errors; errors of list
    items or nested objects are flattened into their messages)."""
    for field, field_errors in errors.items():
        texts = _messages(field_errors)
        form.add_error(field if field in form.fields else None, texts or _("请检查填写的内容。"))


def save_through_serializer(request, form, serializer_class, data, *, instance=None, organization=None, **extra):
    """Validate ``data`` with the API's serializer (the model's ``full_clean`` and every API rule) and save it through
    the audited record services, as the API does. Returns the saved object, or None with the errors on ``form``."""
    # Serializers that read the acting organization find it where the API's views keep it (``view``).
    view = SimpleNamespace(acting_organization=organization, request=request)
    context = {"request": request, "view": view}
    serializer = serializer_class(instance=instance, data=data, partial=instance is not None, context=context)
    if not serializer.is_valid():
        copy_serializer_errors(form, serializer.errors)
        return None
    try:
        with transaction.atomic():
            if instance is None:
                return create_record(serializer, actor=request.user, organization=organization, save=extra)
            return update_record(serializer, actor=request.user, organization=organization, save=extra)
    except (DomainError, DjangoValidationError) as exc:
        show_error(request, exc, form)
        return None
