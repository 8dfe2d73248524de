"""Domain errors raised by services. The API maps them to HTTP responses with a machine-readable ``code``."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A request that is well-formed but not allowed in the current state (HTTP 409 by default)."""

    status_code = 409
    default_code = "conflict"
    default_message = _("该操作与当前状态冲突。")

    def __init__(self, message=None, *, code: str | None = None, **details):
        self.message = message or self.default_message
        self.code = code or self.default_code
        self.details = details
        super().__init__(str(self.message))


class IllegalTransition(DomainError):
    """A state change that the object's lifecycle does not allow from its current state."""

    default_code = "illegal_transition"
    default_message = _("不允许此状态变更。")


class Busy(DomainError):
    """A lock could not be taken in time; the client may retry."""

    status_code = 503
    default_code = "busy"
    default_message = _("系统繁忙，请稍后重试。")


class RuleViolation(DomainError):
    """A request that breaks a business rule tied to one of its fields (HTTP 400 with ``errors`` for that field)."""

    status_code = 400
    default_code = "rule_violation"

    def __init__(self, message, *, field: str = "non_field_errors", code: str | None = None, **details):
        super().__init__(message, code=code, errors={field: [str(message)]}, **details)
