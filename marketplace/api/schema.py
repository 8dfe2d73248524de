"""The project's drf-spectacular AutoSchema: the schema says what the API really answers, so generated clients work.

- Every operation documents its error answers (``ErrorSerializer``, the ``{code, detail, errors}`` format of
  ``marketplace.api.exceptions``): 400, 401, 403 and 503 everywhere; 404 where the path names an object or a page
  is asked for; 409 for writes; 413 for requests with a body; 429 where a throttle applies. An explicit
  ``@extend_schema(responses=…)`` entry for a code always wins.
- Only a ViewSet's ``list`` is paginated and filtered: an extra action that returns a plain list (an auction's bids,
  a demand's matches, an instrument's free slots …) is documented as the array it is, without ``page`` or filter
  parameters it ignores.
- A time of day is ``"08:30:00"`` (DRF's format, no UTC offset), which JSON Schema's ``format: time`` (RFC 3339, offset
  required) rejects: it is documented by its pattern instead.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

#: "HH:MM", "HH:MM:SS" or with a fraction: what DRF's TimeField reads and writes.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"


class RedactedCharField(serializers.CharField):
    """Text that the serializer replaces by ``null`` for a viewer who may not read it yet (e.g. a result's confidential
    details before its terms are accepted): documented as nullable in responses, never accepted as null."""


class ErrorSerializer(serializers.Serializer):
    """Every error answer of the API. Domain conflicts may add keys of their own (e.g. the conflicting booking)."""

    code = serializers.CharField(help_text="machine-readable, e.g. `invalid`, `not_found`, `illegal_transition`")
    detail = serializers.CharField(help_text="a message for people, in the request's language")
    errors = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="400 only: field name (`non_field_errors` for the object as a whole) → list of messages",
    )


ERROR_DESCRIPTIONS = {
    "400": _("输入有误：errors 列出各字段的问题（或缺少 X-Organization）"),
    "401": _("未登录或令牌无效"),
    "403": _("没有权限（或 X-Organization 不是你所在的机构）"),
    "404": _("对象不存在或不可见，或页码超出范围"),
    "409": _("与当前状态冲突：code 说明原因（如 illegal_transition、booking_conflict）"),
    "413": _("请求内容过大"),
    "429": _("请求过于频繁或账号已暂时锁定，请稍后再试"),
    "503": _("系统繁忙，请按 Retry-After 稍后重试"),
}


def _blank_model_choice(field) -> bool:
    """A read-only choice field over a model field that may be blank: DRF drops ``allow_blank`` from read-only
    fields, yet the API answers ``""`` for them (e.g. an inquiry's ``feedback_topic`` before any feedback)."""
    if not (isinstance(field, serializers.ChoiceField) and field.read_only and not field.allow_blank):
        return False
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return False
    try:
        return bool(model._meta.get_field(field.source).blank)
    except FieldDoesNotExist:
        return False


class MarketAutoSchema(AutoSchema):
    def _paginates(self) -> bool:
        """Only a ViewSet's ``list`` (or a ListAPIView) pages its answer; other views answer plain lists."""
        action = getattr(self.view, "action", None)
        if action is not None:
            return action == "list"
        return isinstance(self.view, ListModelMixin)

    def _get_paginator(self):
        return super()._get_paginator() if self._paginates() else None

    def get_filter_backends(self):
        # A detail action reads one object (filters would only hide it) and a plain APIView filters nothing. A
        # collection action of a ViewSet (e.g. an export) keeps the list's filters, which it applies.
        action = getattr(self.view, "action", None)
        if self._paginates() or (action is not None and not getattr(self.view, "detail", False)):
            return super().get_filter_backends()
        return []

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if direction == "response" and _blank_model_choice(field):
            field.allow_blank = True  # this field instance only serves the schema generation
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, RedactedCharField) and direction == "response":
            schema = {**schema, "nullable": True}
        if isinstance(field, serializers.TimeField) and schema.get("format") == "time":
            schema = {**schema, "pattern": TIME_PATTERN}
            del schema["format"]
        return schema

    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403"]
        if "{" in self.path or (self._paginates() and self._is_list_view()):
            codes.append("404")
        if self.method in WRITE_METHODS:
            codes.append("409")
        if self.method in {"POST", "PUT", "PATCH"}:
            codes.append("413")
        if getattr(self.view, "throttle_classes", None):
            codes.append("429")
        codes.append("503")  # a lock not taken in time on a write, the search engine down on a search
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code not in responses:
                response = OpenApiResponse(ErrorSerializer, description=str(ERROR_DESCRIPTIONS[code]))
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return dict(sorted(responses.items()))
