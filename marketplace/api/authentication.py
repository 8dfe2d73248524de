"""The API's authentication: token or session, and on every endpoint — ViewSet or not — a refusal of an
``X-Organization`` header that names an organization the signed-in user does not belong to (403 ``not_a_member``)
or is malformed (400). Authentication runs before any view code, so no endpoint can forget the check."""

from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication, TokenAuthentication

from .acting import forget_memberships, header_organization_id


def _checked(result, request):
    if result is not None:
        user = result[0]
        forget_memberships(user)
        header_organization_id(user, request.META)
    return result


class ActingTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        return _checked(super().authenticate(request), request)


class ActingSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        return _checked(super().authenticate(request), request)


class ActingSessionScheme(SessionScheme):
    """OpenAPI: the session scheme of our subclass (the token scheme already matches subclasses)."""

    target_class = ActingSessionAuthentication
