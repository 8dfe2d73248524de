"""Request parsers of the API."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    """JSON that cannot exhaust the interpreter: a body nested deeper than Python's recursion limit (e.g. 100,000
    opening brackets) is a 400 parse error, not a RecursionError and a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("JSON 嵌套层级过深。")) from exc
