"""Who administers a voucher programme (创新券项目) — the one rule the API and the pages use.

A programme is administered by platform administrators (every programme) and by the members of its issuing
authority (发放单位, e.g. 余姚市科学技术局): they review its grants and provider registrations (备案), its claims
(兑付申请, 公示) and draft, approve and pay its settlements. Members of another authority see nothing of it beyond what
is public (the programme itself and its approved providers).

The checks cost no query of their own beyond the user's cached membership ids (``User.organization_ids``), except
``administers_any`` (one query, for "may this user administer any programme at all").
"""

from marketplace.choices import OrganizationKind


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def administered_issuer_ids(user) -> set[int] | None:
    """Ids of the authorities whose programmes ``user`` administers; None means every programme (platform
    administrators); an empty set means none."""
    if not _active(user):
        return set()
    if user.is_platform_admin:
        return None
    return user.organization_ids()


def can_administer_issuer(user, issuer_id) -> bool:
    """Whether ``user`` may administer programmes issued by the authority ``issuer_id`` (create one, for example)."""
    ids = administered_issuer_ids(user)
    return ids is None or issuer_id in ids


def can_administer(user, program) -> bool:
    """Whether ``user`` may administer ``program``: a platform administrator, or a member of its issuer."""
    return can_administer_issuer(user, program.issuer_id)


def administers_any(user) -> bool:
    """Whether ``user`` may administer some programme: a platform administrator or a member of an authority (who
    may create its authority's programmes)."""
    if not _active(user):
        return False
    if user.is_platform_admin:
        return True
    from marketplace.models import Organization

    return Organization.objects.filter(pk__in=user.organization_ids(), kind=OrganizationKind.AUTHORITY).exists()
