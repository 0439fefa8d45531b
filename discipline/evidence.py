"""Checking uploaded evidence and attachments: PDF, JPEG or PNG, at most 5 MB, judged by content; and whether
the server can store an upload at all (its folder writable, its disk not nearly full)."""

import os
import shutil
from pathlib import Path

from django.conf import settings
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
    check_storage(upload.size)
    # Store it under the extension of what it really is.
    name = upload.name.rsplit(".", 1)[0] if "." in upload.name else upload.name
    upload.name = name + kind[1]


def check_storage(size: int) -> None:
    """Refuse a file of ``size`` bytes that cannot be stored now: the uploads' folder cannot be written, or storing
    it would leave less than EVIDENCE_MIN_FREE_MB free on its disk."""
    folder = Path(settings.MEDIA_ROOT)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the folder is created at the first upload, under its nearest existing parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValidationError(_("The server cannot store files at the moment: its folder for uploads cannot be "
                                "written. Nothing was saved; please tell the administrator."))
    reserve = settings.EVIDENCE_MIN_FREE_MB * 1024 * 1024
    free = shutil.disk_usage(folder).free
    if free - size < reserve:
        raise ValidationError(_("The server's disk is nearly full (%(free)s MB left; %(reserve)s MB are kept free), "
                                "so the file cannot be stored. Nothing was saved; please tell the administrator.")
                              % {"free": free // (1024 * 1024), "reserve": settings.EVIDENCE_MIN_FREE_MB})


def not_stored() -> str:
    """The message for a file whose save failed on the disk itself (after the checks above passed)."""
    return _("The file could not be written on the server's disk. Nothing was saved; please try again, and tell "
             "the administrator if it happens again.")
