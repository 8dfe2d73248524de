"""Which organization a request acts for.

An API client names it in the ``X-Organization`` header (the organization's id). Without the header, a web session
uses the organization chosen in the page header, and a user who belongs to exactly one organization acts for it.
A user may act only for organizations they are a member of.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException

from ..choices import MembershipRole
from ..models import _OPERATOR_KEY, Membership, Organization

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


#: A key of User's membership cache (beside the roles and ``_OPERATOR_KEY``): the organizations themselves, by id.
_ORGANIZATIONS_KEY = ("organizations",)


def forget_memberships(user) -> None:
    """Drop the per-instance membership cache (``User.organization_ids``) so each request sees current memberships,
    even when a test client re-uses one user object across requests."""
    user.__dict__.pop("_org_ids_cache", None)


def prime_memberships(user, memberships) -> None:
    """Fill the user's membership cache from ``memberships`` — all of the user's Membership rows, loaded with their
    organization in the same query — for every role (``User.organization_ids``), the operator flag and the
    organizations themselves, so a request knows whom it may act for, and the organization it acts for, without
    another query. The values are those ``organization_ids`` would read."""
    cache = {None: set(), _OPERATOR_KEY: False, _ORGANIZATIONS_KEY: {}}
    cache.update({role: set() for role in MembershipRole.values})
    for membership in memberships:
        cache[None].add(membership.organization_id)
        cache.setdefault(membership.role, set()).add(membership.organization_id)
        cache[_OPERATOR_KEY] = cache[_OPERATOR_KEY] or membership.organization.is_market_operator
        cache[_ORGANIZATIONS_KEY][membership.organization_id] = membership.organization
    user.__dict__["_org_ids_cache"] = cache


def load_memberships(user) -> None:
    """Read the user's memberships afresh, with their organizations, in one query (see ``prime_memberships``)."""
    prime_memberships(user, Membership.objects.filter(user=user).select_related("organization"))


def _organization(user, org_id: int) -> Organization:
    """One of the user's organizations: the one loaded with the memberships when they were primed, else read."""
    primed = user.__dict__.get("_org_ids_cache", {}).get(_ORGANIZATIONS_KEY, {})
    return primed[org_id] if org_id in primed else Organization.objects.get(pk=org_id)


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
        return _organization(user, org_id)
    session = getattr(request, "session", None)
    session_org = session.get(SESSION_KEY) if session is not None else None
    if session_org and session_org in user.organization_ids():
        return _organization(user, session_org)
    ids = user.organization_ids()
    if len(ids) == 1:
        return _organization(user, next(iter(ids)))
    return None
