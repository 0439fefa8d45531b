"""When the server cannot store an upload (issue 8's faults): the evidence folder cannot be written, the disk is
nearly full, or the disk fails during the write. Each time the person reads why, in Vietnamese, and nothing is
saved: no record, no explanation, no time-clock import, no file."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from campaigns.models import ViolationType
from discipline import services
from discipline.models import ClockImport, Explanation, Notification, Violation
from organization.models import Staff, User

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOT_WRITABLE = (
    "The server cannot store files at the moment: its folder for uploads cannot be written. Nothing was saved; "
    "please tell the administrator."
)
WRITE_FAILED = (
    "The file could not be written on the server's disk. Nothing was saved; please try again, and tell the "
    "administrator if it happens again."
)
DISK_FULL = "Ổ đĩa của máy chủ sắp đầy"  # the start of the message, which goes on with the megabytes


def _vi(msgid: str) -> str:
    translated = _(msgid)
    assert translated != msgid, f"no Vietnamese for {msgid!r}"
    return translated


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def not_writable(tmp_path, settings):
    """MEDIA_ROOT under a plain file: the folder can never be made (the tests run as root, for whom permission
    bits are no obstacle, so a read-only folder would not show the fault)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    return settings.MEDIA_ROOT


def _violation_post(**extra):
    return {
        "staff": Staff.objects.get(code="HTQT03").pk,
        "date": "12/06/2023",
        "type": ViolationType.objects.get(code="NO_BADGE", campaign__year=2023).pk,
        "points": "",
        "points_reason": "",
        "description": "Không đeo thẻ khi tiếp khách",
        "evidence": SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
    } | extra


def _clock_file() -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(["Mã NV", "Họ tên", "Ngày", "Giờ vào", "Giờ ra"])
    workbook.active.append(["HTQT03", "Nguyễn Thị Hương", "06/06/2023", "07:12", "17:05"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("cham-cong.xlsx", buffer.getvalue())


def _files(folder) -> list:
    folder = Path(folder)
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


def test_evidence_when_the_folder_cannot_be_written(demo, login, not_writable):
    response = login("vanphong").post(reverse("discipline:violation-create"), _violation_post())
    assert response.status_code == 200
    assert _vi(NOT_WRITABLE) in response.text
    assert not Violation.objects.exists() and not Notification.objects.exists()


def test_evidence_when_the_disk_is_nearly_full(demo, login, media, settings):
    settings.EVIDENCE_MIN_FREE_MB = 10**9  # more than any disk has: the reserve is never left
    response = login("vanphong").post(reverse("discipline:violation-create"), _violation_post())
    assert response.status_code == 200
    text = response.text
    assert DISK_FULL in text
    assert not Violation.objects.exists() and _files(media) == []


def test_evidence_when_the_disk_fails_during_the_write(demo, login, media, monkeypatch):
    def disk_full(self, name, content, max_length=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    response = login("vanphong").post(reverse("discipline:violation-create"), _violation_post())
    assert response.status_code == 200
    assert _vi(WRITE_FAILED) in response.text
    assert not Violation.objects.exists() and not Notification.objects.exists()


def test_an_explanation_attachment_when_the_disk_is_nearly_full(demo, login, media, settings):
    violation = services.record_new(
        Violation(staff=Staff.objects.get(code="HTQT03"), date=date(2023, 6, 12), points=2,
                  type=ViolationType.objects.get(code="NO_BADGE", campaign__year=2023)),
        by=User.objects.get(username="vanphong"),
    )
    settings.EVIDENCE_MIN_FREE_MB = 10**9
    response = login("canbo").post(reverse("discipline:violation-explain", args=[violation.pk]), {
        "text": "Em để quên thẻ.",
        "attachment": SimpleUploadedFile("xac-nhan.pdf", PDF, content_type="application/pdf"),
    })
    assert response.status_code == 200
    assert DISK_FULL in response.text
    assert not Explanation.objects.exists()


@pytest.mark.parametrize("fault", ["not_writable", "nearly_full"])
def test_a_time_clock_file_when_it_cannot_be_stored(demo, login, settings, tmp_path, fault, request):
    if fault == "not_writable":
        request.getfixturevalue("not_writable")
        expected = _vi(NOT_WRITABLE)
    else:
        settings.MEDIA_ROOT = tmp_path / "media"
        settings.EVIDENCE_MIN_FREE_MB = 10**9
        expected = DISK_FULL
    response = login("vanphong").post(reverse("discipline:clock-import-create"), {"file": _clock_file()})
    assert response.status_code == 200
    assert expected in response.text
    assert not ClockImport.objects.exists()
