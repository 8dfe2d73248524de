"""JSON encoding for stored JSON fields."""

from django.core.serializers.json import DjangoJSONEncoder


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """Store Chinese as characters, not ``\\uXXXX`` escapes, so that text lookups (``icontains``) and full-text
    indexing over JSON columns see the words on SQLite as they do on PostgreSQL's jsonb."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)
