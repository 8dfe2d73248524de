"""Who may administer what, in one place for the API and the pages.

- Platform administrators (``User.is_platform_admin``) may do everything.
- The market operator's members (运营服务中心: the members of an organization with ``is_market_operator``) moderate
  listings and organizations: they verify organizations and approve or reject the results and demands sent to
  review, and see what is to be reviewed (including an anonymous demand's firm and a result's confidential details).
"""

from django.db.models import Q

from .models import User


def can_moderate(user) -> bool:
    """Whether ``user`` may moderate listings and organizations (审核): a platform administrator or a member of the
    market operator. Costs no query of its own: it shares the user's cached membership query."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_platform_admin or user.is_operator_member())


def moderators():
    """The active users ``can_moderate`` allows, as a queryset (who is told that something waits for review)."""
    return User.objects.filter(
        Q(is_platform_admin=True) | Q(memberships__organization__is_market_operator=True), is_active=True
    ).distinct()
