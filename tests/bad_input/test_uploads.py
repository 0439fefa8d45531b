"""Bad files through the two upload pages and the import command (issue 7): a Vietnamese message, no server
error, nothing saved.

The staff import refuses a file whole: nothing of any kind is saved. The time-clock import refuses whole a
file it cannot read (or that lacks its columns): nothing is saved either. A readable file whose rows are all
wrong is not refused whole: its preview keeps one ``ClockImport`` (the upload and its problem rows, for the
rejects file) and nothing else; applying it records nothing — the batch is only marked applied.
"""

import io
import zipfile
from dataclasses import dataclass
from datetime import date, time

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook

from campaigns.models import Campaign
from discipline import closing
from discipline.models import ClockImport
from organization.imports import COLUMNS as STAFF_COLUMNS
from organization.imports import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS
from organization.models import User

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STAFF_HEADINGS = [heading for _key, heading, _aliases, _required in STAFF_COLUMNS]
CLOCK_HEADINGS = ["Mã NV", "Họ tên", "Ngày", "Giờ vào", "Giờ ra"]
MANY = 10_000
# Tables that change on any request, whatever was uploaded.
CHANGING_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- Helpers ---


def row_counts() -> dict[str, int]:
    """The number of rows of every table of the portal."""
    models = apps.get_models(include_auto_created=True)
    return {
        model._meta.label: model._base_manager.count()
        for model in models
        if model._meta.managed and not model._meta.proxy and model._meta.db_table not in CHANGING_TABLES
    }


def added(before: dict[str, int]) -> dict[str, int]:
    """What changed since ``before``, per model: ``{}`` when nothing was saved."""
    after = row_counts()
    return {label: after[label] - count for label, count in before.items() if after[label] != count}


def workbook(rows, *, formulas=False) -> bytes:
    """``rows`` as an .xlsx; a text starting with = is kept as text unless ``formulas``."""
    book = Workbook()
    sheet = book.active
    for values in rows:
        sheet.append(list(values))
    if not formulas:
        for line in sheet.iter_rows():
            for cell in line:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def not_a_workbook_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "Không phải sổ tính Excel")
    return buffer.getvalue()


@dataclass
class BadFile:
    id: str
    name: str
    content: object  # bytes, or a callable giving them (built only when the test runs)
    message: object  # a callable giving the expected Vietnamese message

    def upload(self) -> SimpleUploadedFile:
        content = self.content() if callable(self.content) else self.content
        return SimpleUploadedFile(self.name, content, content_type=XLSX)


def vietnamese(msgid: str, **params) -> str:
    """The catalogue's Vietnamese for ``msgid``: failing when it is missing keeps the test honest."""
    translated = _(msgid)
    assert translated != msgid, f"no Vietnamese for {msgid!r}"
    return translated % params if params else translated


def row_error(line, msgid, **params):
    return vietnamese("Row %(line)s: %(message)s", line=line, message=vietnamese(msgid, **params))


# --- The staff import (/staff/import/) ---

STAFF_GOOD = ["LS20", "Hoàng Thị Ánh", "Nữ", "Chuyên viên", "LS", "Công chức", "15/03/2019", ""]


def staff_rows(*rows, headings=STAFF_HEADINGS):
    return [headings, *rows]


def replaced(row, **cells):
    keys = [key for key, *_rest in STAFF_COLUMNS]
    return [cells.get(key, value) for key, value in zip(keys, row, strict=True)]


NOT_EXCEL = "The file is not an Excel workbook (.xlsx). Download the template and use it."

STAFF_BAD_FILES = [
    BadFile(
        "text-renamed-xlsx", "can-bo.xlsx", b"Ma can bo,Ho ten\nLS20,Anh\n", lambda: vietnamese(NOT_EXCEL)
    ),
    BadFile("zip-not-a-workbook", "can-bo.xlsx", not_a_workbook_zip, lambda: vietnamese(NOT_EXCEL)),
    BadFile(
        "not-xlsx-name", "can-bo.csv", b"Ma can bo\nLS20\n",
        lambda: vietnamese("Choose an Excel file (.xlsx)."),
    ),
    BadFile(
        "empty-workbook", "can-bo.xlsx", lambda: workbook([]),
        lambda: vietnamese("The first row must hold the headings of the template."),
    ),
    BadFile(
        "headings-only", "can-bo.xlsx", lambda: workbook(staff_rows()),
        lambda: vietnamese("The file has no staff rows under the headings."),
    ),
    BadFile(
        "wrong-headers", "can-bo.xlsx", lambda: workbook(staff_rows(STAFF_GOOD, headings=["A", "B", "C"])),
        lambda: vietnamese("Missing columns: %(columns)s.", columns=", ".join(STAFF_HEADINGS[:7])),
    ),
    BadFile(
        "missing-required-headers", "can-bo.xlsx",
        lambda: workbook(staff_rows(STAFF_GOOD[:5], headings=STAFF_HEADINGS[:5])),
        lambda: vietnamese("Missing columns: %(columns)s.", columns=", ".join(STAFF_HEADINGS[5:7])),
    ),
    BadFile(
        # openpyxl writes a formula without its value: read as empty, as Excel would before recalculating
        "real-formulas", "can-bo.xlsx",
        lambda: workbook(staff_rows(replaced(STAFF_GOOD, code="=SUM(1,2)")), formulas=True),
        lambda: row_error(2, "the staff code is empty."),
    ),
    *[
        BadFile(
            f"text-starting-{start}", "can-bo.xlsx",
            lambda start=start: workbook(staff_rows(replaced(STAFF_GOOD, division=f"{start}SUM(A1)"))),
            lambda start=start: row_error(
                2, "division “%(value)s” does not exist in the portal.", value=f"{start}SUM(A1)"
            ),
        )
        for start in "=+-@"
    ],
    BadFile(
        "date-not-plausible", "can-bo.xlsx",
        lambda: workbook(staff_rows(replaced(STAFF_GOOD, date_recruited="01/01/1850"))),
        lambda: row_error(2, "the date recruited %(value)s is not plausible.", value="01/01/1850"),
    ),
    BadFile(
        "impossible-date", "can-bo.xlsx",
        lambda: workbook(staff_rows(replaced(STAFF_GOOD, date_recruited="31/02/2020"))),
        lambda: row_error(2, "the date recruited “%(value)s” is not a date dd/mm/yyyy.", value="31/02/2020"),
    ),
    BadFile(
        "staff-code-already-in-the-portal", "can-bo.xlsx",
        lambda: workbook(staff_rows(replaced(STAFF_GOOD, code="VP04"))),
        lambda: row_error(2, "the staff code %(code)s already exists in the portal.", code="VP04"),
    ),
    BadFile(
        "10000-bad-rows", "can-bo.xlsx",
        lambda: workbook(staff_rows(*[replaced(STAFF_GOOD, code=f"X{n}", gender="?") for n in range(MANY)])),
        lambda: vietnamese("The file has more than %(max)s rows.", max=MAX_IMPORT_ROWS),
    ),
    BadFile(
        "over-the-size-limit", "can-bo.xlsx", lambda: b"PK\x03\x04" + bytes(MAX_IMPORT_BYTES),
        lambda: vietnamese("The file is larger than 5 MB."),
    ),
]


@pytest.fixture
def office(demo, login):
    return login("vanphong")


@pytest.mark.parametrize("bad", STAFF_BAD_FILES, ids=lambda bad: bad.id)
def test_the_staff_import_page_refuses_a_bad_file_in_vietnamese_and_saves_nothing(office, bad):
    upload = bad.upload()
    before = row_counts()
    response = office.post(reverse("organization:staff-import"), {"file": upload})
    assert response.status_code == 200
    assert escape(bad.message()) in response.text
    assert added(before) == {}


def test_the_staff_import_page_without_a_file_asks_for_one(office):
    before = row_counts()
    # As a browser sends the form with no file chosen: an empty field, no file.
    response = office.post(reverse("organization:staff-import"), {"file": ""})
    assert response.status_code == 200
    assert escape(vietnamese("This field is required.")) in response.text
    assert added(before) == {}


def test_the_staff_import_page_lists_many_bad_rows_in_a_bounded_page_with_bounded_queries(office):
    def post(count):
        rows = [replaced(STAFF_GOOD, code=f"X{n}", gender="?") for n in range(count)]
        upload = SimpleUploadedFile("can-bo.xlsx", workbook(staff_rows(*rows)), content_type=XLSX)
        with CaptureQueriesContext(connection) as queries:
            response = office.post(reverse("organization:staff-import"), {"file": upload})
        assert response.status_code == 200
        return response, len(queries)

    before = row_counts()
    few, few_queries = post(10)
    many, many_queries = post(MAX_IMPORT_ROWS)  # the most rows the import reads, every one wrong
    assert many_queries == few_queries
    wrong_gender = "gender “%(value)s” is not Nam or Nữ."
    shown = [escape(row_error(line, wrong_gender, value="?")) for line in (2, 101, 102)]
    assert [line in many.text for line in shown] == [True, True, False]
    counted = ngettext(
        "Nothing was saved: %(counter)s problem must be corrected first.",
        "Nothing was saved: %(counter)s problems must be corrected first.",
        MAX_IMPORT_ROWS,
    ) % {"counter": MAX_IMPORT_ROWS}
    not_listed = ngettext(
        "…and %(counter)s more problem, not listed: correct the rows above and import the file again to see "
        "it.",
        "…and %(counter)s more problems, not listed: correct the rows above and import the file again to see "
        "them.",
        MAX_IMPORT_ROWS - 100,
    ) % {"counter": MAX_IMPORT_ROWS - 100}
    assert counted in many.text and not_listed in many.text
    assert few.text.count("<li>Dòng ") == 10 and not_listed.split()[0] not in few.text
    assert len(many.content) < 60_000
    assert added(before) == {}


# --- The time-clock import (/discipline/clock-imports/new/, then the preview and its confirmation) ---

WINTER_DAY = date(2023, 3, 7)
CLOCK_NOT_EXCEL = (
    "The file is not an Excel workbook (.xlsx) that can be read. Open it in Excel and save it again as .xlsx "
    "or as CSV UTF-8."
)
LACKS_COLUMNS = (
    "The file lacks the columns %(columns)s: its heading row must name the staff code, the date, the time in "
    "and the time out."
)


def clock_rows(*rows, headings=CLOCK_HEADINGS):
    return [headings, *rows]


def clock_row(code="VP05", name="Bùi Thị Hằng", day=WINTER_DAY, check_in=time(7, 25), check_out=time(16, 35)):
    return [code, name, day, check_in, check_out]


# Files the import cannot read as a table of rows: refused whole, nothing saved.
CLOCK_REFUSED_FILES = [
    BadFile("text-renamed-xlsx", "cham-cong.xlsx", b"Ma NV,Ngay\nVP04,07/03/2023\n",
            lambda: vietnamese(CLOCK_NOT_EXCEL)),
    BadFile("zip-not-a-workbook", "cham-cong.xlsx", not_a_workbook_zip, lambda: vietnamese(CLOCK_NOT_EXCEL)),
    BadFile(
        "pdf", "cham-cong.pdf", b"%PDF-1.4\n",
        lambda: vietnamese("Only .xlsx and .csv files can be imported."),
    ),
    BadFile("csv-not-utf8", "cham-cong.csv", bytes(range(128, 256)) * 4,
            lambda: vietnamese("The CSV file is not UTF-8 text. Save it again as “CSV UTF-8”.")),
    BadFile(
        "empty-workbook", "cham-cong.xlsx", lambda: workbook([]), lambda: vietnamese("The file is empty.")
    ),
    BadFile("headings-only", "cham-cong.xlsx", lambda: workbook(clock_rows()),
            lambda: vietnamese("The file has no rows under the headings.")),
    BadFile(
        "wrong-headers", "cham-cong.xlsx",
        lambda: workbook(clock_rows(clock_row(), headings=["A", "B", "C", "D", "E"])),
        lambda: vietnamese(LACKS_COLUMNS, columns="Mã cán bộ, Ngày, Giờ vào, Giờ ra"),
    ),
    BadFile(
        "missing-required-headers", "cham-cong.xlsx",
        lambda: workbook(clock_rows(clock_row()[:3], headings=CLOCK_HEADINGS[:3])),
        lambda: vietnamese(LACKS_COLUMNS, columns="Giờ vào, Giờ ra"),
    ),
    BadFile(
        "over-the-size-limit", "cham-cong.csv", lambda: b"x" * (20 * 1024 * 1024 + 1),
        lambda: vietnamese("The file is larger than %(max)s MB.", max=20),
    ),
]


def closed_april(office_user):
    campaign = Campaign.objects.get(year=2023)
    closing.close_month(campaign, 2023, 4, by=office_user, reason="Đóng để thử tệp sai")


def dmy(day):
    return f"{day:%d/%m/%Y}"


# Readable files whose every row is wrong: (id, the file, its first problem, whether April 2023 is closed
# first).
CLOCK_BAD_ROWS = [
    # openpyxl writes the formula without a cached value: read as empty, as Excel would before recalculating
    ("real-formulas", lambda: workbook(clock_rows(clock_row(day="=SUM(1,2)")), formulas=True),
     lambda: vietnamese("The date is empty."), False),
    *[
        (
            f"text-starting-{start}",
            lambda start=start: workbook(clock_rows(clock_row(check_in=f"{start}SUM(A1)"))),
            lambda start=start: vietnamese(
                "The time in “%(value)s” is not a time (hh:mm).", value=f"{start}SUM(A1)"
            ),
            False,
        )
        for start in "=+-@"
    ],
    ("date-outside-the-campaign", lambda: workbook(clock_rows(clock_row(day=date(2019, 3, 7)))),
     lambda: vietnamese("No campaign covers %(day)s.", day="07/03/2019"), False),
    ("date-in-a-closed-month", lambda: workbook(clock_rows(clock_row(day=date(2023, 4, 4)))),
     lambda: vietnamese(
         "Month %(month)s is closed: its attendance can no longer be changed.", month="04/2023"
     ),
     True),
    ("unknown-staff-code", lambda: workbook(clock_rows(clock_row(code="ZZ99"))),
     lambda: vietnamese("No one has the staff code %(code)s in the portal.", code="ZZ99"), False),
    ("10000-bad-rows", lambda: workbook(clock_rows(*[clock_row(code=f"ZZ{n}") for n in range(MANY)])),
     lambda: vietnamese("No one has the staff code %(code)s in the portal.", code="ZZ0"), False),
]


@pytest.mark.parametrize("bad", CLOCK_REFUSED_FILES, ids=lambda bad: bad.id)
def test_the_clock_import_page_refuses_an_unreadable_file_in_vietnamese_and_saves_nothing(office, bad):
    upload = bad.upload()
    before = row_counts()
    response = office.post(reverse("discipline:clock-import-create"), {"file": upload})
    assert response.status_code == 200
    assert escape(bad.message()) in response.text
    assert added(before) == {}


def test_the_clock_import_page_without_a_file_asks_for_one(office):
    before = row_counts()
    response = office.post(reverse("discipline:clock-import-create"), {"file": ""})
    assert response.status_code == 200
    assert escape(vietnamese("This field is required.")) in response.text
    assert added(before) == {}


@pytest.mark.parametrize(
    ("content", "problem", "close_april"),
    [case[1:] for case in CLOCK_BAD_ROWS],
    ids=[case[0] for case in CLOCK_BAD_ROWS],
)
def test_a_clock_file_of_bad_rows_keeps_only_its_preview_and_applies_nothing(
    office, content, problem, close_april
):
    if close_april:
        closed_april(User.objects.get(username="vanphong"))
    upload = SimpleUploadedFile("cham-cong.xlsx", content(), content_type=XLSX)
    before = row_counts()
    response = office.post(reverse("discipline:clock-import-create"), {"file": upload})
    batch = ClockImport.objects.get()
    assert (response.status_code, response.url) == (302, batch.get_absolute_url())
    assert added(before) == {"discipline.ClockImport": 1}

    detail = office.get(response.url)
    assert detail.status_code == 200
    assert escape(problem()) in detail.text
    assert len(detail.content) < 150_000  # one page of problems, however many rows

    applied = office.post(reverse("discipline:clock-import-apply", args=[batch.pk]), follow=True)
    assert applied.status_code == 200
    assert added(before) == {"discipline.ClockImport": 1}  # no record, no deduction, no history entry


def test_the_clock_preview_of_many_bad_rows_runs_as_many_queries_as_of_a_few(office):
    def queries(count):
        rows = [clock_row(code=f"ZZ{n}") for n in range(count)]
        upload = SimpleUploadedFile("cham-cong.xlsx", workbook(clock_rows(*rows)), content_type=XLSX)
        with CaptureQueriesContext(connection) as preview:
            response = office.post(reverse("discipline:clock-import-create"), {"file": upload})
        with CaptureQueriesContext(connection) as detail:
            page = office.get(response.url)
        assert vietnamese("No one has the staff code %(code)s in the portal.", code="ZZ0") in page.text
        return len(preview), len(detail)

    assert queries(MANY) == queries(10)


# --- The import command, given the same files ---


@pytest.mark.parametrize("bad", CLOCK_REFUSED_FILES, ids=lambda bad: bad.id)
def test_the_import_command_refuses_an_unreadable_file_in_vietnamese_and_saves_nothing(demo, bad, tmp_path):
    path = tmp_path / bad.name
    path.write_bytes(bad.upload().read())
    before = row_counts()
    with pytest.raises(CommandError) as refused:
        call_command("import_attendance", str(path), "--user", "vanphong", stdout=io.StringIO())
    assert str(refused.value) == bad.message()
    assert added(before) == {}


@pytest.mark.parametrize(
    ("content", "problem", "close_april"),
    [case[1:] for case in CLOCK_BAD_ROWS],
    ids=[case[0] for case in CLOCK_BAD_ROWS],
)
def test_the_import_command_applies_nothing_of_a_file_of_bad_rows(
    demo, content, problem, close_april, tmp_path
):
    if close_april:
        closed_april(User.objects.get(username="vanphong"))
    path = tmp_path / "cham-cong.xlsx"
    path.write_bytes(content())
    rejects = tmp_path / "loi.xlsx"
    before = row_counts()
    out = io.StringIO()
    call_command("import_attendance", str(path), "--user", "vanphong", "--rejects", str(rejects), stdout=out)
    applied = vietnamese(
        "Applied: %(created)s records added, %(updated)s corrected, %(unchanged)s unchanged."
    ) % {"created": 0, "updated": 0, "unchanged": 0}
    assert out.getvalue().splitlines()[-2:] == [
        applied, vietnamese("Problem rows written to %(path)s.", path=rejects)
    ]
    assert added(before) == {"discipline.ClockImport": 1}
    assert problem() in ClockImport.objects.get().problems[0]["reason"]


def test_the_lists_of_bad_inputs():
    """How many bad inputs each route is given (reported in issue 7)."""
    assert (len(STAFF_BAD_FILES), len(CLOCK_REFUSED_FILES), len(CLOCK_BAD_ROWS)) == (17, 9, 9)
