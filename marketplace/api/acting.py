"""Which organization a request acts for.

An API client names it in the ``X-Organization`` header (the organization's id). Without the header, a web session
uses the organization chosen in the page header, and a user who belongs to exactly one organization acts for it.
A user may act only for organizations they are a member of.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException

from ..models import Organization

HEADER = "HTTP_X_ORGANIZATION"
SESSION_KEY = "acting_organization_id"


class NotAMember(APIException):
    status_code = status.HTTP_403_FORBIDDEN
    default_code = "not_a_member"
    default_detail = _("您不是该机构的成员，不能代表它操作。")


class InvalidOrganizationHeader(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_organization_header"
    default_detail = _("X-Organization 应为机构ID。")


class OrganizationRequired(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "organization_required"
    default_detail = _("请选择代表的机构：在 X-Organization 请求头中填写机构ID。")


def forget_memberships(user) -> None:
    """Drop the per-instance membership cache (``User.organization_ids``) so each request sees current memberships,
    even when a test client re-uses one user object across requests."""
    user.__dict__.pop("_org_ids_cache", None)


def header_organization_id(user, meta) -> int | None:
    """The organization id named by the ``X-Organization`` header, or None without one. Raises
    InvalidOrganizationHeader for a malformed value and NotAMember for an organization the user does not belong to."""
    raw = meta.get(HEADER, "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()):  # str.isdigit() also accepts '²', which int() refuses
        raise InvalidOrganizationHeader()
    org_id = int(raw)
    if org_id not in user.organization_ids():
        raise NotAMember()
    return org_id


def resolve_acting_organization(request) -> Organization | None:
    """The organization this request acts for, or None. Raises NotAMember for a foreign organization."""
    user = request.user
    if not user.is_authenticated:
        return None
    if (org_id := header_organization_id(user, request.META)) is not None:
        return Organization.objects.get(pk=org_id)
    session = getattr(request, "session", None)
    session_org = session.get(SESSION_KEY) if session is not None else None
    if session_org and session_org in user.organization_ids():
        return Organization.objects.get(pk=session_org)
    ids = user.organization_ids()
    if len(ids) == 1:
        return Organization.objects.get(pk=next(iter(ids)))
    return None
