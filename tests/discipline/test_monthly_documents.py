"""The monthly report as a Nghị định 30 PDF and as Excel (discipline/documents.py,
emulation_portal/documents.py), and the export_report command.

The PDFs are read back as a person would read them, with poppler's pdftotext and pdffonts. The demo year takes
seconds to load, so the module loads it once inside a transaction rolled back at the end (as test_demo_2023.py
does); each test runs in its own savepoint within it.
"""

import io
import os
import re
import subprocess
import sys
import zlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.template.loader import render_to_string
from fontTools.ttLib import TTFont
from openpyxl import load_workbook

from campaigns.models import Campaign
from discipline import closing, report
from discipline.documents import monthly_report_pdf, monthly_report_xlsx, status, summary_lines
from emulation_portal.documents import (
    date_line,
    nd30_context,
    new_workbook,
    sheet_title,
    table_sheet,
    workbook_bytes,
)
from organization.models import AgencyProfile, Division, User

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "static" / "fonts"


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker):
    """The demo department with its 2023 loaded once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def april(year, django_db_blocker):
    """April 2023 for the whole Sở, as the demo leaves it (open or closed: the tests below hold for both)."""
    with django_db_blocker.unblock():
        return report.build(Campaign.objects.get(year=2023), 2023, 4)


@pytest.fixture
def open_month(year):
    """The last month of 2023 the demo leaves open (it closes the earlier ones, as the Office would)."""
    month = next((m for m in range(12, 0, -1) if not closing.is_closed(2023, m)), None)
    assert month is not None, "the demo leaves no month of 2023 open"
    return month


@pytest.fixture(scope="module")
def april_pdf(april, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        content = monthly_report_pdf(april, on=date(2024, 1, 5))
    path = tmp_path_factory.mktemp("pdf") / "april.pdf"
    path.write_bytes(content)
    return path


@pytest.fixture(scope="module")
def april_pages(april_pdf):
    """The text of each page, laid out as printed."""
    return _pdftotext(april_pdf).split("\f")


def _pdftotext(path: Path) -> str:
    command = ["pdftotext", "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return _pdftotext(path)


def _line_with(text: str, word: str) -> str:
    return next(line for line in text.splitlines() if re.search(rf"(?<!\S){re.escape(word)}(?!\S)", line))


def _line_starting(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(label))


def _integers(line: str) -> list[int]:
    return [int(token) for token in line.split() if token.isdigit()]


# --- The parts of Nghị định 30 ---


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2024, 1, 5), "Lạng Sơn, ngày 05 tháng 01 năm 2024"),
        (date(2024, 2, 29), "Lạng Sơn, ngày 29 tháng 02 năm 2024"),
        (date(2023, 4, 24), "Lạng Sơn, ngày 24 tháng 4 năm 2023"),
        (date(2023, 12, 9), "Lạng Sơn, ngày 09 tháng 12 năm 2023"),
    ],
)
def test_date_line_pads_days_below_10_and_months_1_and_2(day, text):
    assert date_line("Lạng Sơn", day) == text


def test_deputy_signs_on_the_directors_behalf(year):
    profile = AgencyProfile.load()
    html = render_to_string("documents/base_nd30.html", nd30_context("BC", "Thử", deputy=True))
    assert "KT. GIÁM ĐỐC" in html and "PHÓ GIÁM ĐỐC" in html
    assert profile.deputy_director_name in html and profile.director_name not in html


# --- The PDF ---


def test_monthly_report_pdf_carries_the_nd30_header_title_and_closing(april, april_pages):
    first, last = april_pages[0], april_pages[-2]  # the text ends with a form feed
    profile = AgencyProfile.load()
    for part in [
        "UBND TỈNH LẠNG SƠN", "SỞ NGOẠI VỤ", "Số:", "/BC-SNgV", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Lạng Sơn, ngày 05 tháng 01 năm 2024", "BÁO CÁO",
        "Kết quả thực hiện kỷ luật, kỷ cương hành chính tháng 4 năm 2023", status(april),
    ]:
        assert part in first, part
    assert re.search(r"Số:\s+/BC-SNgV", first)  # the number is left blank for the clerk
    for part in ["Nơi nhận:", "- Ban Giám đốc Sở;", "- Lưu: VT, VP.", "GIÁM ĐỐC", profile.director_name]:
        assert part in last, part


def test_monthly_report_pdf_prints_every_persons_numbers(april, april_pages):
    text = "".join(april_pages)
    assert len(april.rows) == april.total.people >= 40
    for row in april.rows:
        line = _line_with(text, row.code)
        assert _integers(line) == [cell for cell in row.cells() if isinstance(cell, int)], row.code
        assert row.name.split()[0] in line and row.grade in line.split()


def test_monthly_report_pdf_summarises_the_divisions_and_the_whole_sở(april, april_pages):
    for line in summary_lines(april):
        printed = _line_starting(april_pages[0], line.label)
        assert _integers(printed) == [line.people, *line.grades, *line.violations]
        assert f"{line.average}".replace(".", ",") in printed.split()
    total = april.total
    assert _integers(_line_starting(april_pages[0], "Toàn Sở")) == [
        total.people, *total.grades.values(), *(total.violations.get(number, 0) for number in april.numbers)
    ]


def test_monthly_report_pdf_numbers_pages_from_the_second_and_repeats_the_table_header(april_pages):
    pages = [page for page in april_pages if page.strip()]
    tops = [page.strip().splitlines()[0].strip() for page in pages]
    assert len(pages) >= 3
    assert tops[0].startswith("UBND TỈNH LẠNG SƠN")  # nothing above the header on page 1
    assert tops[1:] == [str(number) for number in range(2, len(pages) + 1)]
    assert all("Họ và tên" in page and "ND6" in page for page in pages[1:])


def test_monthly_report_pdf_embeds_only_the_shipped_liberation_serif(april_pdf):
    listing = subprocess.run(["pdffonts", str(april_pdf)], capture_output=True, text=True, check=True).stdout
    fonts = [re.match(r"(\S+)\s.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line).groups()
             for line in listing.splitlines()[2:]]
    faces = sorted(name.split("+")[-1] for name, *_ in fonts)
    assert faces == ["Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Bold-Italic",
                     "Liberation-Serif-Italic"]
    assert all(embedded == "yes" for _name, embedded, *_ in fonts)
    # The faces are the project's files (2.x, every Vietnamese letter), not a system font of the same name.
    shipped = _version(TTFont(FONTS / "LiberationSerif-Regular.ttf"))
    assert [_version(font) for font in _embedded_fonts(april_pdf.read_bytes())] == [shipped] * 4


def _embedded_fonts(pdf: bytes) -> list[TTFont]:
    fonts = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            data = zlib.decompress(match.group(1))
        except zlib.error:
            data = match.group(1)
        if data[:4] in (b"\x00\x01\x00\x00", b"true"):
            fonts.append(TTFont(io.BytesIO(data)))
    return fonts


def _version(font: TTFont) -> str:
    return font["name"].getDebugName(5)


def test_open_division_month_is_provisional_with_its_own_subject_and_summary_line(year, open_month, tmp_path):
    division = Division.objects.get(code="LS")
    data = report.build(Campaign.objects.get(year=2023), 2023, open_month, division)
    text = _pdf_text(monthly_report_pdf(data, on=date(2024, 2, 9)), tmp_path)
    assert not data.final
    assert "Lạng Sơn, ngày 09 tháng 02 năm 2024" in text
    subject = f"Kết quả thực hiện kỷ luật, kỷ cương hành chính tháng {open_month} năm 2023 – Phòng Lãnh sự"
    assert subject in text and "(Tạm tính)" in text and "SHA-256" not in text
    assert "Toàn Sở" not in text and "Văn phòng Sở" not in text
    (line,) = summary_lines(data)
    assert _integers(_line_starting(text, "Phòng Lãnh sự")) == [line.people, *line.grades, *line.violations]
    for row in data.rows:
        assert _integers(_line_with(text, row.code)) == [c for c in row.cells() if isinstance(c, int)]
    sheets = load_workbook(io.BytesIO(monthly_report_xlsx(data))).worksheets
    assert [sheet.title for sheet in sheets] == ["Tổng hợp", "Phòng Lãnh sự"]
    assert all("(Tạm tính)" in _column_a(sheet) for sheet in sheets)


def test_closing_the_month_makes_the_report_final_with_its_digest(year, open_month, tmp_path):
    campaign = Campaign.objects.get(year=2023)
    office = User.objects.get(username="vanphong")
    closing.close_month(campaign, 2023, open_month, by=office, reason="Kiểm tra")
    data = report.build(campaign, 2023, open_month, Division.objects.get(code="HTQT"))
    text = _pdf_text(monthly_report_pdf(data), tmp_path)
    assert data.final and len(data.digest) == 64
    assert f"Mã kiểm tra SHA-256: {data.digest}" in text
    assert "Số liệu chính thức, khóa sổ ngày" in text and "Tạm tính" not in text
    summary = load_workbook(io.BytesIO(monthly_report_xlsx(data)))["Tổng hợp"]
    assert f"Mã kiểm tra SHA-256: {data.digest}" in _column_a(summary)


# --- The workbook ---


def test_monthly_report_xlsx_holds_the_same_rows_and_summary(april):
    book = load_workbook(io.BytesIO(monthly_report_xlsx(april)))
    assert book.sheetnames[0] == "Tổng hợp"
    assert len(book.sheetnames) == len(april.sections) + 1 == 7
    assert all(len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name) for name in book.sheetnames)
    for section, sheet in zip(april.sections, book.worksheets[1:], strict=True):
        assert section.division.name.startswith(sheet.title.rstrip())
        assert status(april) in _column_a(sheet)
        assert _table(sheet)[0] == april.headings
        assert _table(sheet)[1:] == [row.cells() for row in section.rows]
        heading = int(sheet.freeze_panes[1:]) - 1
        assert sheet.print_title_rows == f"${heading}:${heading}"
    summary = book["Tổng hợp"]
    assert _table(summary)[1:] == [_as_read(line.cells()) for line in summary_lines(april)]
    assert _table(summary)[-1][:2] == ["Toàn Sở", 44]


def test_monthly_report_xlsx_writes_numbers_as_numbers(april):
    sheet = load_workbook(io.BytesIO(monthly_report_xlsx(april)))["Văn phòng Sở"]
    first = _table(sheet)[1]
    assert first[0] == 1 and all(isinstance(value, int) for value in first[5:17])


def _as_read(cells: list) -> list:
    """Excel keeps a decimal (the average score) as a binary float."""
    return [float(cell) if isinstance(cell, Decimal) else cell for cell in cells]


def _column_a(sheet) -> list:
    return [row[0] for row in sheet.iter_rows(values_only=True)]


def _table(sheet) -> list[list]:
    """The heading row and the rows under it, empty cells read as ""."""
    start = int(sheet.freeze_panes[1:]) - 1
    rows = sheet.iter_rows(min_row=start, values_only=True)
    return [["" if value is None else value for value in row] for row in rows]


def test_table_sheet_prints_on_a4_with_the_heading_repeated_and_keeps_formulas_as_text():
    book = new_workbook()
    sheet = table_sheet(book, "Danh sách", title_lines=["SỞ NGOẠI VỤ", "Danh sách"], headings=["Tên", "Điểm"],
                        rows=[["=1+1", 5], ["@SUM(A1)", 7]])
    read = load_workbook(io.BytesIO(workbook_bytes(book)))["Danh sách"]
    assert [list(row) for row in read.iter_rows(min_row=4, values_only=True)] == [
        ["Tên", "Điểm"], ["=1+1", 5], ["@SUM(A1)", 7]
    ]
    assert read["A5"].data_type == "s" and read["A5"].quotePrefix
    assert read.freeze_panes == "A5" and read.print_title_rows == "$4:$4"
    assert read.page_setup.paperSize == int(sheet.PAPERSIZE_A4) and read.page_setup.orientation == "portrait"
    assert read.page_setup.fitToWidth == 1 and read.sheet_properties.pageSetUpPr.fitToPage


def test_sheet_title_is_short_clean_and_unique():
    book = new_workbook()
    name = "Phòng Thông tin - Tuyên truyền đối ngoại: [A/B]"
    first = sheet_title(book, name)
    book.create_sheet(first)
    second = sheet_title(book, name.upper())
    assert first == "Phòng Thông tin - Tuyên truyền"
    assert len(second) <= 31 and second.endswith(" (2)") and not re.search(r"[\[\]:*?/\\]", second)


# --- The command ---


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("xlsx", b"PK")])
def test_export_report_writes_the_file_and_prints_its_path(year, tmp_path, fmt, magic):
    path = tmp_path / f"bao-cao.{fmt}"
    out = io.StringIO()
    call_command("export_report", "monthly", "--month", "2023-04", "--format", fmt, "-o", str(path),
                 "--division", "htqt", stdout=out)
    assert path.read_bytes()[:len(magic)] == magic
    assert out.getvalue().strip() == str(path)


def test_export_report_xlsx_matches_the_report(year, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    call_command("export_report", "monthly", "--month", "2023-04", "--format", "xlsx", "-o", str(path),
                 stdout=io.StringIO())
    data = report.build(Campaign.objects.get(year=2023), 2023, 4)
    sheet = load_workbook(path)["Phòng Quản lý biên giới"]
    (section,) = [section for section in data.sections if section.division.code == "QLBG"]
    assert _table(sheet)[1:] == [row.cells() for row in section.rows]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["monthly", "--month", "2023-4", "--format", "pdf"], "yyyy-mm"),
        (["monthly", "--month", "2023-13", "--format", "pdf"], "yyyy-mm"),
        (["monthly", "--month", "2031-04", "--format", "pdf"], "04/2031"),
        (["monthly", "--month", "2023-04", "--format", "doc"], "“doc”"),
        (["yearly", "--month", "2023-04", "--format", "pdf"], "“yearly”"),
        (["monthly", "--month", "2023-04", "--format", "pdf", "--division", "XYZ"], "“XYZ”"),
    ],
)
def test_export_report_refuses_bad_input_and_writes_nothing(year, tmp_path, arguments, message):
    path = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match=message) as refused:
        call_command("export_report", *arguments, "-o", str(path), stdout=io.StringIO())
    assert refused.value.returncode != 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["missing/out.pdf", "."])
def test_export_report_refuses_a_path_it_cannot_write(year, tmp_path, where):
    with pytest.raises(CommandError):
        call_command("export_report", "monthly", "--month", "2023-04", "--format", "pdf",
                     "-o", str(tmp_path / where), stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == []


def test_export_report_exits_non_zero_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "manage.py", "export_report", "monthly", "--month", "April", "--format", "pdf",
         "-o", "x.pdf"],
        cwd=ROOT, capture_output=True, text=True, env=os.environ,
    )
    assert result.returncode == 1
    assert "yyyy-mm" in result.stderr and "Traceback" not in result.stderr
    assert not (ROOT / "x.pdf").exists()
