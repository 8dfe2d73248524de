"""The authentication backend: Django's ModelBackend behind the sign-in lockout (``services.login_guard``)."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from .services import login_guard


class LoginLockBackend(ModelBackend):
    """Refuses every sign-in of a locked username or from a locked address — even with the right password — and
    clears the username's failures after a successful one. ``authenticate()`` treats the PermissionDenied as "stop
    here" and sends ``user_login_failed``."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self.get_user_model_username_field())
        if username and login_guard.locked_until(username, login_guard.client_address(request)):
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            login_guard.record_success(username)
        return user

    @staticmethod
    def get_user_model_username_field():
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


@receiver(user_login_failed, dispatch_uid="marketplace.login_guard.record_failure")
def record_login_failure(sender, credentials, request=None, **kwargs):
    """Count the failure (the username as typed; the password is never looked at)."""
    username = credentials.get("username") or ""
    login_guard.record_failure(str(username), login_guard.client_address(request))
