"""Every year-end document downloaded in the browser by the Office, from the pages where people find them, on the
demo year carried through the year-end (seed_demo with its year): each PDF read back with pdftotext and turned into
PNG pages under test-artifacts/screenshots/ for people to look at; each workbook opened with openpyxl.

What the documents must say is checked against the records (names, numbers, counts), not against fixed text.
"""

import io
import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from awards.models import DIRECTOR_TITLES, CouncilSession, IssuedDocument, Nomination, NominationStatus, Title

PAGES = Path("test-artifacts/screenshots")
HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@pytest.fixture
def demo_data(transactional_db, django_db_serialized_rollback):
    """The demo department with its 2023 year and year-end (overrides the harness's quicker one)."""
    call_command("seed_demo", stdout=io.StringIO())


def _download(page, link, folder: Path):
    with page.expect_download() as download:
        link.click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path, download.value.suggested_filename


def _pdf(path: Path, name: str) -> tuple[str, int]:
    """The PDF's text (pdftotext -layout) and its pages as PNG files beside the screenshots (how many)."""
    PAGES.mkdir(parents=True, exist_ok=True)
    for old in PAGES.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(PAGES / name)], check=True)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), f"{name}: a font is not embedded"
    return re.sub(r"[ \t]+", " ", text), len(list(PAGES.glob(f"{name}-*.png")))


def test_the_office_downloads_every_year_end_document(page, login_as, tmp_path):
    approved = Nomination.objects.filter(campaign__year=2023, status=NominationStatus.APPROVED).select_related(
        "staff", "division")
    people = {n.staff.full_name for n in approved if n.staff_id}
    cstdcs = sorted(n.staff.full_name for n in approved if n.title == Title.CSTDCS)
    proposals = approved.exclude(title__in=DIRECTOR_TITLES)
    session = CouncilSession.objects.get(campaign__year=2023)

    login_as("vanphong")
    page.get_by_role("link", name="Đề nghị và danh sách khen thưởng").click()
    documents = page.locator("#year-end-documents")

    # The list of nominees: individuals and collectives in their own sections, in PDF and in Excel.
    path, filename = _download(page, documents.get_by_role("link", name="Danh sách đề nghị (PDF)"), tmp_path)
    assert filename.endswith(".pdf")
    text, pages = _pdf(path, "doc-shortlist")
    assert pages >= 1 and all(part in text for part in HEADER)
    assert "CÁ NHÂN" in text.upper() and "TẬP THỂ" in text.upper()
    assert all(name in text for name in cstdcs)
    path, filename = _download(page, documents.get_by_role("link", name="Danh sách đề nghị (Excel)"), tmp_path)
    workbook = load_workbook(path)
    cells = [str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert all(name in cells for name in cstdcs), "every CSTĐCS nominee is a row of the workbook"

    # The mid-year and year-end reports.
    for kind, label in (("midyear", "Báo cáo sơ kết 6 tháng"), ("yearend", "Báo cáo tổng kết năm")):
        path, _ = _download(page, documents.get_by_role("link", name=f"{label} (PDF)"), tmp_path)
        text, pages = _pdf(path, f"doc-{kind}")
        assert pages >= 2 and all(part in text for part in HEADER)
        assert "Nguyễn Thị Hương" in text
        path, _ = _download(page, documents.get_by_role("link", name=f"{label} (Excel)"), tmp_path)
        workbook = load_workbook(path)
        assert len(workbook.sheetnames) >= 2
        codes = {v for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row if v}
        assert "HTQT03" in codes and "LS03" in codes

    # The tờ trình to the province and the director's decision: numbered in their yearly series.
    path, _ = _download(page, documents.get_by_role("link", name="Tờ trình đề nghị tỉnh khen thưởng (PDF)"), tmp_path)
    text, pages = _pdf(path, "doc-submission")
    number = IssuedDocument.objects.get(year=2023, kind="submission")
    assert f"{number.number:02d}/TTr-" in text and "Chủ tịch Ủy ban nhân dân tỉnh" in text
    assert all((n.staff.full_name if n.staff_id else n.division.name) in text for n in proposals)
    path, _ = _download(page, documents.get_by_role("link", name="Quyết định khen thưởng của Giám đốc (PDF)"), tmp_path)
    text, pages = _pdf(path, "doc-decision")
    number = IssuedDocument.objects.get(year=2023, kind="decision")
    assert f"{number.number:02d}/QĐ-" in text and "QUYẾT ĐỊNH" in text
    named = {name for name in people if name in text}
    assert named == {n.staff.full_name for n in approved if n.staff_id and n.title in
                     (Title.LDTT, Title.CSTDCS, Title.CERTIFICATE)}

    # The minutes, from the session's page.
    page.goto(session.get_absolute_url())
    path, _ = _download(page, page.locator("#minutes-pdf"), tmp_path)
    text, pages = _pdf(path, "doc-minutes")
    assert "BIÊN BẢN" in text and session.place in text and session.chair.full_name in text
    assert f"{IssuedDocument.objects.get(year=2023, kind=f'minutes-{session.pk}').number:02d}/BB-" in text

    # A nominee's achievement report, from the nomination's page.
    nomination = approved.filter(title=Title.CSTDCS).first()
    page.goto(nomination.get_absolute_url())
    expect(page.locator("#nomination-status")).to_have_text("Ban Giám đốc đã duyệt")
    path, _ = _download(page, page.locator("#achievement-link"), tmp_path)
    text, pages = _pdf(path, "doc-achievement")
    assert "BÁO CÁO THÀNH TÍCH" in text and nomination.staff.full_name in text
