"""The permission layer every API view uses.

- Anyone reads what a queryset's ``visible_to(user)`` lets them see (objects they may not see answer 404).
- Writing needs a signed-in user acting for an organization (see ``acting``); creating an object makes the acting
  organization its owner; editing or deleting needs the acting organization to own the object (and, where the view
  says so, the administrator role in it). Extra actions check their own parties (``require_party``) or declare
  ``IsPlatformAdmin``.
- Review actions (verify, approve, settle …) are for platform administrators: ``IsPlatformAdmin``; moderating
  listings and organizations (verify an organization, approve or reject a result or demand) is also open to the
  market operator's members: ``IsModerator`` (the rule is ``marketplace.permissions.can_moderate``).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.exceptions import PermissionDenied

from ..permissions import can_moderate

EDIT_ACTIONS = {"update", "partial_update", "destroy"}


class WrongOrganizationKind(PermissionDenied):
    default_code = "wrong_organization_kind"
    default_detail = _("您代表的机构类型不能执行此操作。")


class MarketPermission(permissions.BasePermission):
    """Public read, owner write, as described in the module docstring."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        if view.action == "create" and getattr(view, "owner_field", None):
            organization = view.acting_organization_required()
            kinds = getattr(view, "owner_kinds", None)
            if kinds and organization.kind not in kinds:
                raise WrongOrganizationKind()
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        if view.action not in EDIT_ACTIONS:
            # Extra actions (submit, bid, accept …) name who may call them: their own permission_classes
            # (IsPlatformAdmin) or a party check in the view; the owner rule below is for editing the object itself.
            return True
        owner_id = view.get_owner_organization_id(obj)
        if owner_id is None:
            return bool(request.user.is_platform_admin)
        organization = view.acting_organization_required()
        if organization.pk != owner_id:
            return False
        role = getattr(view, "owner_role", None)
        return role is None or owner_id in request.user.organization_ids(role)


class IsPlatformAdmin(permissions.BasePermission):
    """Platform administrators only (review, verification, settlement)."""

    message = _("仅平台管理员可以执行此操作。")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_platform_admin)

    def has_object_permission(self, request, view, obj):
        return self.has_permission(request, view)


class IsModerator(permissions.BasePermission):
    """Platform administrators and the market operator's members (``can_moderate``): verifying organizations and
    approving or rejecting listings sent to review."""

    message = _("仅平台管理员和市场运营机构可以审核。")

    def has_permission(self, request, view):
        return can_moderate(request.user)

    def has_object_permission(self, request, view, obj):
        return self.has_permission(request, view)


class IsAuthenticated(permissions.IsAuthenticated):
    pass


class ReadOnlyOrPlatformAdmin(permissions.BasePermission):
    """Anyone reads (within the queryset's visibility); only platform administrators write (e.g. programmes)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return IsPlatformAdmin().has_permission(request, view)

    def has_object_permission(self, request, view, obj):
        return self.has_permission(request, view)
