"""Brute-force protection of sign-in (登录防暴力破解), shared by the web login and the API token endpoint.

Failures are counted per username and per client address in ``LoginLock`` rows (the database, so every process and
machine sees the same counts; administrators see them in the Django admin). A key that fails ``LOGIN_FAILURE_LIMIT``
times (addresses: ``LOGIN_ADDRESS_FAILURE_LIMIT``, higher, since an office shares one address) within
``LOGIN_FAILURE_WINDOW_MINUTES`` is locked for ``LOGIN_LOCKOUT_MINUTES``: while locked, even the right password is
refused. A successful sign-in clears the username's count (not the address's, or an attacker holding one valid
account could reset it between guesses).

The hooks: ``marketplace.auth_backends.LoginLockBackend`` refuses locked sign-ins and clears counts on success, and
the ``user_login_failed`` signal (sent by ``authenticate()`` on every failure) records failures.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..exceptions import DomainError
from ..models import LoginLock

Kind = LoginLock.Kind


class LoginLocked(DomainError):
    """Too many failed sign-ins: refused until the lock ends (HTTP 429 with ``Retry-After``)."""

    status_code = 429
    default_code = "login_locked"
    default_message = _("登录失败次数过多，账号或地址已暂时锁定，请稍后再试。")

    def __init__(self, until, *, now=None):
        seconds = max(int((until - (now or timezone.now())).total_seconds()), 1)
        super().__init__(
            _("登录失败次数过多，已暂时锁定，请 %(m)d 分钟后再试。") % {"m": -(-seconds // 60)},
            retry_after_seconds=seconds,
        )
        self.retry_after = seconds


def check_not_locked(username: str, request) -> None:
    """Raise ``LoginLocked`` when ``username`` or the request's address is locked (before checking a password)."""
    until = locked_until(username, client_address(request))
    if until is not None:
        raise LoginLocked(until)


def client_address(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or the header named by ``LOGIN_CLIENT_IP_HEADER`` (e.g.
    ``HTTP_X_REAL_IP``) when a trusted reverse proxy sets it; its first entry if it is a list."""
    if request is None:
        return ""
    header = getattr(settings, "LOGIN_CLIENT_IP_HEADER", "")
    value = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR") or ""
    return value.split(",")[0].strip()[:150]


def _keys(username: str, address: str) -> list[tuple[str, str]]:
    keys = []
    if username:
        keys.append((Kind.USERNAME, username.strip().lower()[:150]))
    if address:
        keys.append((Kind.ADDRESS, address))
    return keys


def _limit(kind: str) -> int:
    return settings.LOGIN_FAILURE_LIMIT if kind == Kind.USERNAME else settings.LOGIN_ADDRESS_FAILURE_LIMIT


def locked_until(username: str, address: str, *, now=None):
    """When the lock on ``username`` or ``address`` ends (the later one), or None when neither is locked."""
    now = now or timezone.now()
    keys = _keys(username, address)
    if not keys:
        return None
    condition = Q()
    for kind, key in keys:
        condition |= Q(kind=kind, key=key)
    return LoginLock.objects.filter(condition, locked_until__gt=now).aggregate(until=Max("locked_until"))["until"]


def record_failure(username: str, address: str, *, now=None) -> None:
    """Count one failed sign-in against the username and the address; lock a key that reaches its limit. A count
    older than the window starts again; a lock in force is not extended."""
    now = now or timezone.now()
    window = timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    lockout = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    for kind, key in _keys(username, address):
        with transaction.atomic():
            lock = _locked_row(kind, key, now)
            if lock.locked_until and lock.locked_until > now:
                continue
            if lock.failures and (lock.last_failure_at < now - window or lock.locked_until):
                lock.failures, lock.first_failure_at, lock.locked_until = 0, now, None  # a fresh window
            lock.failures += 1
            lock.last_failure_at = now
            if lock.failures >= _limit(kind):
                lock.locked_until = now + lockout
            lock.save()


def _locked_row(kind, key, now):
    """The (kind, key) row, locked for update; created on the first failure (a concurrent creator wins the insert
    and this one reads its row)."""
    try:
        with transaction.atomic():
            lock, _ = LoginLock.objects.select_for_update().get_or_create(
                kind=kind, key=key, defaults={"first_failure_at": now, "last_failure_at": now}
            )
    except IntegrityError:
        lock = LoginLock.objects.select_for_update().get(kind=kind, key=key)
    return lock


def record_success(username: str) -> None:
    """A successful sign-in clears the username's failures."""
    keys = _keys(username, "")
    if keys:
        LoginLock.objects.filter(kind=keys[0][0], key=keys[0][1]).delete()


def unlock(queryset) -> int:
    """Lift the locks in ``queryset`` and forget their failures (the admin's action)."""
    return queryset.delete()[0]
