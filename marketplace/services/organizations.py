"""Services for organizations and memberships."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import AuditAction, MembershipRole
from ..exceptions import DomainError
from ..models import Membership, Organization
from . import audit
from .notifications import notify, organization_recipients
from .transitions import lock


def register_organization(serializer, *, actor) -> Organization:
    """A signed-in user registers an organization; they become its first administrator. It starts unverified."""
    with transaction.atomic():
        organization = serializer.save(verified=False, verified_at=None)
        Membership.objects.create(user=actor, organization=organization, role=MembershipRole.ADMIN)
        audit.record(
            actor=actor,
            organization=organization,
            target=organization,
            action=AuditAction.CREATE,
            changes={k: [None, v] for k, v in audit.snapshot(organization).items() if v not in (None, "", [])},
        )
    actor.__dict__.pop("_org_ids_cache", None)  # the actor now belongs to one more organization
    return organization


def verify_organization(organization: Organization, *, actor, note: str = "") -> Organization:
    """A platform administrator confirms an organization's identity (营业执照/法人证书 checked offline)."""
    with transaction.atomic():
        organization = lock(organization)
        if organization.verified:
            raise DomainError(_("该机构已认证。"), code="already_verified")
        organization.verified = True
        organization.verified_at = timezone.now()
        organization.save(update_fields=["verified", "verified_at", "updated_at"])
        audit.record(
            actor=actor,
            organization=organization,
            target=organization,
            action=AuditAction.TRANSITION,
            transition="unverified→verified",
            changes={"verified": [False, True]},
            note=note,
        )
        notify(
            organization_recipients(organization),
            kind="organization.verified",
            title=_("机构“%(name)s”已通过认证") % {"name": organization.name},
            body=_("您的机构已通过平台认证，可以发布仪器、成果和需求。"),
            url=f"/organizations/{organization.pk}/",
            target=organization,
            organization=organization,
        )
    return organization


def _admin_count(organization_id: int) -> int:
    return Membership.objects.filter(organization_id=organization_id, role=MembershipRole.ADMIN).count()


def add_member(organization: Organization, user, role: str, *, actor) -> Membership:
    """An organization administrator adds a user to the organization."""
    with transaction.atomic():
        lock(organization)
        if Membership.objects.filter(organization=organization, user=user).exists():
            raise DomainError(_("该用户已是此机构成员。"), code="already_member")
        membership = Membership.objects.create(organization=organization, user=user, role=role)
        audit.record(
            actor=actor,
            organization=organization,
            target=membership,
            action=AuditAction.CREATE,
            changes={"user": [None, user.pk], "role": [None, role]},
        )
        notify(
            [user],
            kind="membership.added",
            title=_("您已加入机构“%(name)s”") % {"name": organization.name},
            url=f"/organizations/{organization.pk}/",
            target=organization,
            organization=organization,
        )
    return membership


def change_member_role(membership: Membership, role: str, *, actor) -> Membership:
    """Change a member's role; an organization always keeps at least one administrator."""
    with transaction.atomic():
        lock(membership.organization)  # serializes role changes of one organization
        membership = lock(membership)
        if membership.role == role:
            return membership
        if membership.role == MembershipRole.ADMIN and _admin_count(membership.organization_id) == 1:
            raise DomainError(_("机构至少需要一名管理员。"), code="last_admin")
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(
            actor=actor,
            organization=membership.organization,
            target=membership,
            action=AuditAction.UPDATE,
            changes={"role": [old, role]},
        )
    return membership


def remove_member(membership: Membership, *, actor) -> None:
    """Remove a member (or leave); the last administrator cannot be removed."""
    with transaction.atomic():
        lock(membership.organization)
        membership = lock(membership)
        if membership.role == MembershipRole.ADMIN and _admin_count(membership.organization_id) == 1:
            raise DomainError(_("机构至少需要一名管理员。"), code="last_admin")
        audit.record(
            actor=actor,
            organization=membership.organization,
            target=membership,
            action=AuditAction.DELETE,
            changes={"user": [membership.user_id, None], "role": [membership.role, None]},
        )
        membership.delete()
