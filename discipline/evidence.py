"""Checking uploaded evidence and attachments: PDF, JPEG or PNG, at most 5 MB, judged by content."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
# The first bytes of each accepted type; an upload's name and declared type are not trusted.
SIGNATURES = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
}


def content_type_of(head: bytes) -> tuple[str, str] | None:
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def check_upload(upload) -> None:
    """Refuse a file larger than 5 MB or whose content is not PDF, JPEG or PNG."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = content_type_of(head)
    if kind is None:
        raise ValidationError(_("Only PDF, JPEG or PNG files are accepted; this file is none of them."))
    # Store it under the extension of what it really is.
    name = upload.name.rsplit(".", 1)[0] if "." in upload.name else upload.name
    upload.name = name + kind[1]
