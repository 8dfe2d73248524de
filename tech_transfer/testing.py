"""Factories for tech-transfer tests (this app's and the cross-app ones)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.testing import make_user

from . import services

#: The smallest file the proof validator accepts as a PDF.
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_proof(name="回单.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def confirmed_deposit(auction, organization, user, *, moderator=None):
    """``organization``'s deposit for ``auction``, submitted with a PDF proof and confirmed by a platform
    administrator, so it may bid."""
    deposit = services.submit_deposit(
        auction, actor=user, organization=organization, amount=auction.deposit, proof=pdf_proof()
    )
    return services.confirm_deposit(deposit, actor=moderator or make_user(platform_admin=True))
