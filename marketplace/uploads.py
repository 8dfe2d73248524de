"""Uploaded files are checked by what they contain, not by their name (issue 12).

Every upload of the API and the pages goes through here: instrument photos (public), payment proofs of voucher
claims (private evidence). An image is decoded with Pillow and written again (``clean_image``), which drops EXIF and
other metadata (GPS position, camera serial) and anything appended to the picture; an HTML or PHP file renamed .png
or .jpg does not decode and is refused. A PDF must open with pypdf and have at least one page. Sizes: photos ≤ 5 MB,
proofs ≤ 10 MB.

The model fields call the ``validate_*`` functions (admin, ``full_clean``); the API's serializer fields
(``PhotoField``, ``ProofField``) also replace the upload with its clean copy before it is stored.
"""

import io
import os
import warnings

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MB = 1024 * 1024
MAX_PHOTO_BYTES = 5 * MB
MAX_PROOF_BYTES = 10 * MB
#: Larger pictures are refused before they are decoded (a small file can unpack into gigabytes: a "pixel bomb").
MAX_IMAGE_PIXELS = 40_000_000

#: Pillow format → (extension, content type) of the images we accept.
IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
PROOF_IMAGE_FORMATS = ("JPEG", "PNG")


def is_new(upload) -> bool:
    """Whether ``upload`` is a new file. One already stored was checked when it came in and is not read again (an
    edit of other fields must not fail because a restored media directory lacks the file)."""
    return bool(upload) and not getattr(upload, "_committed", False)


def read_upload(upload) -> bytes:
    stream = getattr(upload, "file", upload)
    position = stream.tell() if hasattr(stream, "tell") else 0
    stream.seek(0)
    data = stream.read()
    stream.seek(position)
    return data


PHOTO_TOO_LARGE = _("照片不能超过 5 MB。")
PROOF_TOO_LARGE = _("凭证文件不能超过 10 MB。")
NOT_A_PHOTO = _("请上传 JPG、PNG 或 WebP 格式的图片。")
NOT_A_PROOF = _("请上传 PDF、JPG 或 PNG 格式的凭证。")


def check_size(upload, limit: int, message) -> None:
    if upload.size > limit:
        raise ValidationError(message, code="file_too_large")


def open_image(data: bytes, formats=PHOTO_FORMATS, message=NOT_A_PHOTO):
    """The decoded image (fully loaded), or a ValidationError(``message``) if ``data`` is not a picture of
    ``formats``."""
    from PIL import Image

    refused = ValidationError(message, code="not_an_image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data), formats=list(formats))
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("图片像素过大。"), code="image_too_large")
            probe.verify()  # structure and checksums; the image must then be opened again to be decoded
            image = Image.open(io.BytesIO(data), formats=list(formats))
            image.load()
    except ValidationError:
        raise
    except Exception as exc:  # Pillow raises many kinds (UnidentifiedImageError, OSError, SyntaxError …)
        raise refused from exc
    return image


def clean_image(upload, formats=PHOTO_FORMATS, message=NOT_A_PHOTO) -> SimpleUploadedFile:
    """The image re-encoded without metadata, turned upright first (EXIF orientation), named after its real format."""
    from PIL import ImageOps

    image = open_image(read_upload(upload), formats, message)
    image_format = image.format
    upright = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
    if image_format == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    upright.save(out, format=image_format, **options)  # no exif=/icc_profile=/pnginfo=: nothing but the pixels
    extension, content_type = IMAGE_FORMATS[image_format]
    stem = os.path.splitext(os.path.basename(upload.name or "image"))[0] or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", out.getvalue(), content_type=content_type)


def check_pdf(data: bytes) -> None:
    """``data`` is a PDF that opens and has at least one page."""
    from pypdf import PdfReader

    try:
        pages = len(PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError … on broken files
        raise ValidationError(_("PDF 文件已损坏或无法打开。"), code="pdf_unreadable") from exc
    if pages < 1:
        raise ValidationError(_("PDF 文件没有页面。"), code="pdf_empty")


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


# --- validators of the model fields ---------------------------------------------------------------------------------
def validate_photo(upload) -> None:
    """A new photo: a JPEG, PNG or WebP picture of at most 5 MB."""
    if not is_new(upload):
        return
    check_size(upload, MAX_PHOTO_BYTES, PHOTO_TOO_LARGE)
    open_image(read_upload(upload), PHOTO_FORMATS, NOT_A_PHOTO)


def validate_proof(upload) -> None:
    """New evidence (付款凭证): a PDF with pages, or a JPEG/PNG scan, of at most 10 MB."""
    if not is_new(upload):
        return
    check_size(upload, MAX_PROOF_BYTES, PROOF_TOO_LARGE)
    data = read_upload(upload)
    if is_pdf(data):
        check_pdf(data)
    else:
        open_image(data, PROOF_IMAGE_FORMATS, NOT_A_PROOF)


def clean_proof(upload):
    """The evidence to store: a checked PDF as it came, a scan re-encoded without metadata."""
    validate_proof(upload)
    data = read_upload(upload)
    if is_pdf(data):
        stem = os.path.splitext(os.path.basename(upload.name or "proof"))[0] or "proof"
        return SimpleUploadedFile(f"{stem}.pdf", data, content_type="application/pdf")
    return clean_image(upload, PROOF_IMAGE_FORMATS, NOT_A_PROOF)


# --- serializer fields ----------------------------------------------------------------------------------------------
class CheckedFileField(serializers.FileField):
    """A FileField whose upload is checked by content and replaced by its clean copy."""

    def clean(self, upload):
        raise NotImplementedError

    def to_internal_value(self, data):
        upload = super().to_internal_value(data)
        try:
            return self.clean(upload)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class PhotoField(CheckedFileField):
    """An uploaded photo (≤ 5 MB, JPEG/PNG/WebP), stored re-encoded without EXIF."""

    def clean(self, upload):
        check_size(upload, MAX_PHOTO_BYTES, PHOTO_TOO_LARGE)
        return clean_image(upload, PHOTO_FORMATS, NOT_A_PHOTO)


class ProofField(CheckedFileField):
    """Uploaded evidence (≤ 10 MB, PDF or JPEG/PNG scan); scans are stored re-encoded without EXIF."""

    def clean(self, upload):
        return clean_proof(upload)
