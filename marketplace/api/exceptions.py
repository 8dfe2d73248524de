"""The API's error format.

Every error body has a machine-readable ``code`` and a human ``detail``; 400 responses add ``errors``, a mapping of
field name → list of messages (``non_field_errors`` for the object as a whole). Domain conflicts are 409 with their
own code (e.g. ``booking_conflict``, ``insufficient_balance``, ``illegal_transition``).
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from ..exceptions import DomainError

logger = logging.getLogger(__name__)


def _first_code(codes):
    while isinstance(codes, dict | list):
        if not codes:
            return None
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return codes


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"code": "too_large", "detail": _("请求内容过大。")}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return Response({"code": "too_many_fields", "detail": _("请求包含的字段或文件过多。")}, status=400)

    if isinstance(exc, DomainError):
        body = {"code": exc.code, "detail": str(exc.message), **exc.details}
        # A 503 (busy, search engine unavailable) or 429 (sign-in locked) says when to come back.
        headers = {"Retry-After": str(getattr(exc, "retry_after", 1))} if exc.status_code in (429, 503) else None
        return Response(body, status=exc.status_code, headers=headers)
    if isinstance(exc, IntegrityError):
        # Services check rules first; reaching here means a concurrent writer won a database-enforced race.
        logger.warning("integrity conflict: %s", exc)
        return Response(
            {"code": "conflict", "detail": _("数据冲突，请刷新后重试。")},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, OperationalError) and _is_lock_error(exc):
        return Response(
            {"code": "busy", "detail": _("系统繁忙，请稍后重试。")},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "1"},
        )

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {
            "code": "invalid",
            "detail": _("输入有误，请检查标出的字段。"),
            "errors": errors,
        }
    else:
        code = _first_code(exc.get_codes()) or exc.default_code
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.default_detail)
        response.data = {"code": code, "detail": detail}
    return response


def _is_lock_error(exc) -> bool:
    text = str(exc).lower()
    return any(marker in text for marker in ("database is locked", "lock timeout", "deadlock", "could not obtain lock"))
