"""The API's authentication: token or session, and on every endpoint — ViewSet or not — a refusal of an
``X-Organization`` header that names an organization the signed-in user does not belong to (403 ``not_a_member``)
or is malformed (400). Authentication runs before any view code, so no endpoint can forget the check.

Both read the user's memberships afresh on every request, with their organizations (``acting.prime_memberships``),
and mark the request (``memberships_fresh``) so the view does not read them again: a token request costs one query
for the token, the user, the memberships and the organization it acts for."""

from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication, TokenAuthentication

from ..models import Membership
from ..prepared import PreparedQuery
from .acting import header_organization_id, load_memberships, prime_memberships

#: The token's user with its token and every membership with its organization (compiled once per process).
_memberships_by_token = PreparedQuery(
    lambda key: Membership.objects.select_related("organization", "user__auth_token").filter(user__auth_token__key=key),
    key="str",
)


def _checked(result, request, *, primed=False):
    if result is not None:
        user = result[0]
        if not primed:
            load_memberships(user)
        request.memberships_fresh = True
        header_organization_id(user, request.META)
    return result


class ActingTokenAuthentication(TokenAuthentication):
    primed = False  # an instance serves one request (DRF builds the authenticators per request)

    def authenticate(self, request):
        return _checked(super().authenticate(request), request, primed=self.primed)

    def authenticate_credentials(self, key):
        # One query: the token's user with its token and every membership with its organization. Without a row (an
        # unknown key, or a user without memberships) or for an inactive user, DRF's own lookup answers, with its
        # own errors.
        memberships = _memberships_by_token(key=key)
        if memberships and memberships[0].user.is_active:
            user = memberships[0].user
            token = user.auth_token
        else:
            user, token = super().authenticate_credentials(key)
        prime_memberships(user, memberships)
        self.primed = True
        return user, token


class ActingSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        return _checked(super().authenticate(request), request)


class ActingSessionScheme(SessionScheme):
    """OpenAPI: the session scheme of our subclass (the token scheme already matches subclasses)."""

    target_class = ActingSessionAuthentication
