"""Uploaded files under ``MEDIA_URL`` — the photo and file addresses the API returns — served by the site itself.

A file is served only as the attachment of the object that holds it, to a user who may see that object: an
instrument's photo to whoever may see the instrument (public listings: everyone), a claim's payment proof (private
evidence) to the claiming provider and the programme's administrators. Files of any other folder, and files no
object holds (any more), are 404, so a guessed name reveals nothing.
"""

import mimetypes

from django.apps import apps
from django.http import FileResponse, Http404

#: Folder (``upload_to``) → (model, file field, public); the manager's ``visible_to(user)`` decides who sees it.
MEDIA_OWNERS = {
    "instruments/": ("instruments.Instrument", "photo", True),
    "claims/": ("vouchers.Claim", "payment_proof", False),
    "auction-deposits/": ("tech_transfer.AuctionDeposit", "proof", False),
}

#: Types shown inline; anything else is a download that the browser must not interpret.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}


def owner_of(name: str, user):
    """(object, field name, public) of the stored file ``name`` if ``user`` may see it, else None."""
    for folder, (label, field, public) in MEDIA_OWNERS.items():
        if name.startswith(folder):
            model = apps.get_model(label)
            obj = model.objects.visible_to(user).filter(**{field: name}).first()
            return (obj, field, public) if obj is not None else None
    return None


def serve(request, name):
    found = owner_of(name, request.user)
    if found is None:
        raise Http404
    obj, field, public = found
    stored = getattr(obj, field)
    try:
        handle = stored.open("rb")
    except OSError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES
    response = FileResponse(handle, content_type=content_type if inline else "application/octet-stream")
    response["Content-Disposition"] = "inline" if inline else "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    if not public:
        response["Vary"] = "Cookie, Authorization"
    return response
