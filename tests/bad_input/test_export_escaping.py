"""Every Excel export keeps text that begins with = + - @ as text, never a formula (issue 7), and the pages
and PDFs of the same data show it as it was typed.

Two writers make the portal's workbooks. The documents' writer (emulation_portal/documents.py) keeps the value
unchanged, as a text cell with Excel's quote prefix (what Excel itself stores for a text typed after '). The
time-clock rejects file (discipline/clock.py ``_safe``) puts an apostrophe before the text, so that the fixed
file imported again reads as it was.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from awards.documents import SHORTLIST_STATUSES
from awards.models import Nomination
from discipline.models import ClockImport, ReviewComment
from organization.models import Division, User

pytestmark = pytest.mark.django_db

NAME = '=HYPERLINK("http://x","y")'
DIVISION = "@SUM(A1)"
COMMENT = "+1+1"
ACHIEVEMENT = "-2 điểm"
FORMULA_START = ("=", "+", "-", "@")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPEN_MONTH = {"year": 2023, "month": 11}  # the demo leaves November and December open
CLOSED_MONTH = {"year": 2023, "month": 4}

# Each export of the documents' writer, by URL name, with the formula-like texts it must show.
DOCUMENT_EXPORTS = [
    ("discipline:monthly-report-xlsx", OPEN_MONTH, {NAME, DIVISION, COMMENT}),
    ("discipline:monthly-report-xlsx", CLOSED_MONTH, set()),
    ("awards:document", {"year": 2023, "kind": "midyear", "fmt": "xlsx"}, {NAME}),
    ("awards:document", {"year": 2023, "kind": "yearend", "fmt": "xlsx"}, {NAME}),
    ("awards:document", {"year": 2023, "kind": "shortlist", "fmt": "xlsx"}, {NAME}),
    ("organization:staff-import-template", {}, set()),
]
PAGES = [
    ("discipline:monthly-report", OPEN_MONTH),
    ("discipline:monthly-report-pdf", OPEN_MONTH),
    ("awards:document", {"year": 2023, "kind": "midyear", "fmt": "pdf"}),
    ("awards:document", {"year": 2023, "kind": "yearend", "fmt": "pdf"}),
    ("awards:document", {"year": 2023, "kind": "shortlist", "fmt": "pdf"}),
]


def export_id(url_name, kwargs):
    return ":".join([url_name, "-".join(map(str, kwargs.values()))]).rstrip(":")


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def formula_like(demo_year):
    """The demo year with formula-like text in a nominee's name, their division's name, a review comment of
    November and their summary of achievements."""
    nomination = Nomination.objects.filter(status__in=SHORTLIST_STATUSES, staff__isnull=False).first()
    staff = nomination.staff
    staff.full_name = NAME
    staff.save()
    Division.objects.filter(pk=staff.division_on(timezone.localdate()).pk).update(name=DIVISION)
    ReviewComment.objects.update_or_create(
        staff=staff, **OPEN_MONTH,
        defaults={"text": COMMENT, "written_by": User.objects.get(username="vanphong"),
                  "written_at": timezone.now()},
    )
    Nomination.objects.filter(pk=nomination.pk).update(achievement=ACHIEVEMENT)
    return staff


def cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def starts_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def formula_cells(found: list) -> list[str]:
    return [cell.coordinate for cell in found if cell.data_type == "f"]


def test_every_document_export_keeps_formula_like_text_as_quoted_text(formula_like, login, tmp_path):
    """One demo year (18 s to load) for every export: each is checked, and the failures named together."""
    client = login("vanphong")
    downloads = {}
    for url_name, kwargs, expected in DOCUMENT_EXPORTS:
        response = client.get(reverse(url_name, kwargs=kwargs))
        assert (response.status_code, response["Content-Type"]) == (200, XLSX), export_id(url_name, kwargs)
        downloads[export_id(url_name, kwargs)] = (response.content, expected)
    path = tmp_path / "bao-cao.xlsx"
    call_command("export_report", "monthly", "--month", "2023-11", "--format", "xlsx", "-o", str(path),
                 stdout=io.StringIO())
    downloads["export_report monthly --month 2023-11"] = (path.read_bytes(), {NAME, DIVISION, COMMENT})

    problems = {}
    for name, (content, expected) in downloads.items():
        found = cells(content)
        quoted = {cell.value for cell in found if starts_like_formula(cell.value)}
        problem = {
            "formulas": formula_cells(found),
            "missing": sorted(expected - quoted),
            "not quote-prefixed": [c.coordinate for c in found if c.value in quoted and not c.quotePrefix],
        }
        if any(problem.values()):
            problems[name] = problem
    assert problems == {}


def test_the_clock_rejects_file_puts_an_apostrophe_before_formula_like_text(demo, login):
    client = login("vanphong")
    text = (
        "Mã NV,Họ tên,Ngày,Giờ vào,Giờ ra\n"
        f'"{NAME.replace(chr(34), chr(34) * 2)}",{DIVISION},07/03/2023,{COMMENT},-1\n'
    )
    upload = SimpleUploadedFile("cham-cong.csv", text.encode(), content_type="text/csv")
    client.post(reverse("discipline:clock-import-create"), {"file": upload})
    batch = ClockImport.objects.get()
    response = client.get(reverse("discipline:clock-import-rejects", args=[batch.pk]))
    assert response.status_code == 200
    found = cells(response.content)
    assert formula_cells(found) == []
    # The staff code is read in capitals (codes are), the other cells as they were.
    assert [cell.value for cell in found[6:11]] == [
        "'" + NAME.upper(), "'" + DIVISION, "07/03/2023", "'" + COMMENT, "'-1"
    ]
    assert [cell.coordinate for cell in found if starts_like_formula(cell.value)] == []


def test_the_pages_and_pdfs_of_formula_like_text_do_not_fail(formula_like, login):
    client = login("vanphong")
    for url_name, kwargs in PAGES:
        response = client.get(reverse(url_name, kwargs=kwargs))
        assert response.status_code == 200, export_id(url_name, kwargs)
        if response["Content-Type"].startswith("text/html"):
            assert escape(NAME) in response.text and escape(COMMENT) in response.text
        else:
            assert response.content.startswith(b"%PDF-"), export_id(url_name, kwargs)
