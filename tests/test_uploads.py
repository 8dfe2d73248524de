"""Uploads are checked by content (marketplace.uploads) and served from their API addresses with permissions
(marketplace.media): issue 12."""

import io
import shutil
import tempfile
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from instruments.testing import make_instrument
from marketplace import uploads
from marketplace.testing import api_client, image_bytes, make_organization, make_user, pdf_bytes
from vouchers.models import Claim
from vouchers.testing import make_grant, make_program, make_redemption, register_provider

MEDIA = tempfile.mkdtemp(prefix="uploads-media-")
MAKE, MODEL = 0x010F, 0x0110
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PHP = b"<?php system($_GET['cmd']); ?>"


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def empty_pdf() -> bytes:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


class ContentChecksTest(SimpleTestCase):
    def assert_refused(self, validator, file, code):
        with self.assertRaises(ValidationError) as raised:
            validator(file)
        self.assertEqual(raised.exception.code, code)

    def test_disguised_files_are_refused_as_photos(self):
        self.assert_refused(uploads.validate_photo, upload("x.png", HTML, "image/png"), "not_an_image")
        self.assert_refused(uploads.validate_photo, upload("x.jpg", PHP, "image/jpeg"), "not_an_image")
        # The old "magic bytes" check let these through: a JPEG/PNG signature followed by a script.
        self.assert_refused(uploads.validate_photo, upload("x.jpg", b"\xff\xd8\xff\xe0" + PHP), "not_an_image")
        self.assert_refused(uploads.validate_photo, upload("x.png", b"\x89PNG\r\n\x1a\n" + HTML), "not_an_image")
        truncated = image_bytes("JPEG", size=(64, 64))[:200]
        self.assert_refused(uploads.validate_photo, upload("x.jpg", truncated), "not_an_image")
        for image_format in ("JPEG", "PNG", "WEBP"):
            uploads.validate_photo(upload("x.img", image_bytes(image_format)))  # real pictures pass

    def test_a_photo_is_re_encoded_without_exif_and_appended_bytes(self):
        data = image_bytes("JPEG", size=(32, 24), exif={MAKE: "SecretCam", MODEL: "SN-778899"}) + PHP
        self.assertIn(b"SecretCam", data)
        clean = uploads.clean_image(upload("site.JPG", data, "image/jpeg"))
        stored = clean.read()
        self.assertNotIn(b"SecretCam", stored)
        self.assertNotIn(b"SN-778899", stored)
        self.assertNotIn(b"<?php", stored)
        image = Image.open(io.BytesIO(stored))
        self.assertEqual((image.format, image.size, dict(image.getexif())), ("JPEG", (32, 24), {}))
        self.assertEqual((clean.name, clean.content_type), ("site.jpg", "image/jpeg"))
        # A PNG named .jpg is stored under its real type.
        self.assertEqual(uploads.clean_image(upload("ct.jpg", image_bytes("PNG"))).name, "ct.png")

    def test_proofs_are_pdfs_with_pages_or_scans(self):
        uploads.validate_proof(upload("p.pdf", pdf_bytes(2)))
        uploads.validate_proof(upload("p.png", image_bytes("PNG")))
        self.assert_refused(uploads.validate_proof, upload("p.pdf", b"%PDF-1.4 proof"), "pdf_unreadable")
        self.assert_refused(uploads.validate_proof, upload("p.pdf", empty_pdf()), "pdf_empty")
        self.assert_refused(uploads.validate_proof, upload("p.pdf", HTML), "not_an_image")
        self.assert_refused(uploads.validate_proof, upload("p.webp", image_bytes("WEBP")), "not_an_image")

    def test_sizes(self):
        self.assert_refused(
            uploads.validate_photo, upload("x.png", image_bytes() + b"\0" * (5 << 20)), "file_too_large"
        )
        big_pdf = pdf_bytes() + b"%" * (10 << 20)
        self.assert_refused(uploads.validate_proof, upload("p.pdf", big_pdf), "file_too_large")
        uploads.validate_proof(upload("p.pdf", pdf_bytes() + b"%" * (6 << 20)))  # 6 MB is a fine scan


@override_settings(MEDIA_ROOT=MEDIA)
class ServedUploadsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute")
        cls.institute_user = make_user(organization=cls.institute)
        cls.other = make_organization("institute")
        cls.other_user = make_user(organization=cls.other)
        cls.authority = make_organization("authority")
        cls.authority_user = make_user(organization=cls.authority)
        cls.firm = make_organization("enterprise")
        cls.program = make_program(cls.authority)
        register_provider(cls.program, cls.institute)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def get(self, url, user=None):
        """A media address as a browser fetches it: with the session of ``user`` (or none)."""
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self.client.get(url)

    def test_an_instrument_photo_is_stored_clean_and_served_publicly(self):
        instrument = make_instrument(self.institute)
        client = api_client(self.institute_user, self.institute)
        detail = reverse("api:instrument-detail", args=[instrument.pk])
        photo = upload("ct.jpg", image_bytes("JPEG", exif={MAKE: "SecretCam"}), "image/jpeg")
        response = client.patch(detail, {"photo": photo}, format="multipart")
        self.assertEqual(response.status_code, 200, response.content[:300])
        url = response.json()["photo"]
        self.assertTrue(url.startswith("http://testserver/media/instruments/"), url)
        served = self.get(url)
        self.assertEqual((served.status_code, served["Content-Type"]), (200, "image/jpeg"))
        body = b"".join(served.streaming_content)
        self.assertNotIn(b"SecretCam", body)
        self.assertEqual(Image.open(io.BytesIO(body)).format, "JPEG")
        self.assertEqual(served["X-Content-Type-Options"], "nosniff")
        # A disguised file through the API: 400 on the field, the stored photo unchanged.
        response = client.patch(detail, {"photo": upload("x.png", HTML, "image/png")}, format="multipart")
        self.assertEqual(response.status_code, 400)
        self.assertIn("photo", response.json()["errors"])
        instrument.refresh_from_db()
        self.assertTrue(url.endswith(instrument.photo.name))
        # A retired instrument's photo is as hidden as the instrument.
        type(instrument).objects.filter(pk=instrument.pk).update(status="retired")
        self.assertEqual(self.get(url).status_code, 404)
        self.assertEqual(self.get(url, self.institute_user).status_code, 200)

    def claim(self, **files):
        grant = make_grant(self.program, self.firm, Decimal("10000.00"))
        make_redemption(grant, self.institute, Decimal("600.00"))
        from django.utils import timezone

        today = str(timezone.localdate())
        payload = {
            "program": self.program.pk,
            "period_start": today,
            "period_end": today,
            "invoice_number": "33020001",
            "usage_record": "工业CT检测服务记录",
            **files,
        }
        return api_client(self.institute_user, self.institute).post(
            reverse("api:claim-list"), payload, format="multipart"
        )

    def test_a_disguised_proof_is_refused_and_nothing_claimed(self):
        response = self.claim(payment_proof=upload("proof.pdf", b"%PDF-1.4\n" + HTML, "application/pdf"))
        self.assertEqual(response.status_code, 400, response.content[:300])
        self.assertIn("PDF", " ".join(response.json()["errors"]["payment_proof"]))
        self.assertFalse(Claim.objects.exists())

    def test_a_payment_proof_is_served_only_to_the_parties(self):
        response = self.claim(payment_proof=upload("proof.pdf", pdf_bytes(), "application/pdf"))
        self.assertEqual(response.status_code, 201, response.content[:300])
        url = response.json()["payment_proof"]
        self.assertIn("/media/claims/", url)
        self.assertEqual(self.get(url).status_code, 404)  # anonymous
        self.assertEqual(self.get(url, self.other_user).status_code, 404)  # another provider
        mine = self.get(url, self.institute_user)
        self.assertEqual((mine.status_code, mine["Content-Type"]), (200, "application/pdf"))
        self.assertIn("no-store", mine["Cache-Control"])
        self.assertEqual(self.get(url, self.authority_user).status_code, 200)  # the programme's administrator

    def test_files_nobody_holds_are_404(self):
        for name in ("documents/settlements/x.pdf", "claims/nothing.pdf", "instruments/../../manage.py", "x"):
            self.assertEqual(self.get(f"/media/{name}", self.institute_user).status_code, 404, name)
