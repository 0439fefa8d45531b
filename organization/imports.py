"""Importing staff from the Office's Excel sheet: all rows or none.

The sheet's first row holds the headings of ``COLUMNS`` (matched without regard to case or accents).
Every row is checked before anything is written; one wrong row refuses the whole file and each error
names its row.
"""

import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from organization.models import CODE_PATTERN, Division, EmploymentType, Gender, Membership, Position, Staff

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000

# (key, heading in the template, other headings accepted, required)
COLUMNS = [
    ("code", "Mã cán bộ", ["ma can bo", "ma cb", "ma nhan vien", "ma nv", "ma"], True),
    ("full_name", "Họ và tên", ["ho va ten", "ho ten", "ten"], True),
    ("gender", "Giới tính", ["gioi tinh"], True),
    ("position", "Chức vụ", ["chuc vu"], True),
    ("division", "Phòng", ["phong", "don vi", "phong ban", "ma phong"], True),
    ("employment_type", "Loại cán bộ", ["loai can bo", "loai", "ngach", "loai hinh"], True),
    ("date_recruited", "Ngày tuyển dụng", ["ngay tuyen dung"], True),
    ("date_joined", "Ngày về phòng", ["ngay ve phong", "ngay vao phong"], False),
]

GENDER_WORDS = {"nam": Gender.MALE, "nu": Gender.FEMALE}
EMPLOYMENT_WORDS = {
    "cong chuc": EmploymentType.CIVIL_SERVANT,
    "vien chuc": EmploymentType.PUBLIC_EMPLOYEE,
    "hop dong": EmploymentType.CONTRACT,
    "lao dong hop dong": EmploymentType.CONTRACT,
}


class ImportRefused(Exception):
    """The file was not imported; ``errors`` says why, one message per problem."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class StaffRow:
    line: int
    code: str
    full_name: str
    gender: str
    position: Position
    division: Division
    employment_type: str
    date_recruited: date
    date_joined: date


@dataclass
class ParsedSheet:
    rows: list[StaffRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def fold(text) -> str:
    """Lower case, without accents or extra spaces: how headings and words are compared."""
    text = str(text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(text.lower().replace("_", " ").split())


def template_workbook() -> bytes:
    """The downloadable template: headings, one example row, and the accepted values as a note."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Cán bộ"
    ws.append([heading for _key, heading, _aliases, _required in COLUMNS])
    ws.append(["HTQT09", "Nguyễn Thị Hương", "Nữ", "Chuyên viên", "HTQT", "Công chức", "15/03/2019", ""])
    for column, width in zip("ABCDEFGH", [12, 28, 10, 22, 14, 14, 16, 16], strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A2"
    help_sheet = wb.create_sheet("Hướng dẫn")
    for line in [
        _("One row per person; the first row keeps the headings."),
        _("Gender: Nam or Nữ. Employment type: Công chức, Viên chức or Hợp đồng."),
        _("Position: the name of a position in the portal. Division: its code or its name."),
        _("Dates as dd/mm/yyyy. The date joined the division defaults to the date recruited."),
        _("Nothing is saved while any row is wrong: correct the rows listed and import the whole file again."),
    ]:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_sheet(upload) -> ParsedSheet:
    """Parse and check every row of an uploaded workbook without writing anything."""
    if upload.size > MAX_IMPORT_BYTES:
        raise ImportRefused([_("The file is larger than 5 MB.")])
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, KeyError…) for what is simply not a workbook
        raise ImportRefused([_("The file is not an Excel workbook (.xlsx). Download the template and use it.")]) from None
    try:
        parsed = _parse_rows(wb.worksheets[0].iter_rows(values_only=True))
    except ImportRefused:
        raise
    except Exception:  # a damaged sheet fails only when its rows are read
        raise ImportRefused([_("The file is damaged and cannot be read. Save it again from Excel and retry.")]) from None
    finally:
        wb.close()
    if not parsed.rows and not parsed.errors:
        raise ImportRefused([_("The file has no staff rows under the headings.")])
    return parsed


def _parse_rows(rows) -> ParsedSheet:
    columns = _match_header(next(rows, None))
    parsed = ParsedSheet()
    seen_codes: dict[str, int] = {}
    lookups = _Lookups()
    for line, values in enumerate(rows, start=2):
        if all(value is None or str(value).strip() == "" for value in values):
            continue
        if line - 1 > MAX_IMPORT_ROWS:
            raise ImportRefused([_("The file has more than %(max)s rows.") % {"max": MAX_IMPORT_ROWS}])
        _parse_row(line, values, columns, lookups, seen_codes, parsed)
    return parsed


@transaction.atomic
def import_staff(upload) -> list[Staff]:
    """Create every person of the file with their division membership, or nothing at all."""
    parsed = read_sheet(upload)
    if parsed.errors:
        raise ImportRefused(parsed.errors)
    created = []
    for row in parsed.rows:
        staff = Staff(
            code=row.code,
            full_name=row.full_name,
            gender=row.gender,
            position=row.position,
            employment_type=row.employment_type,
            date_recruited=row.date_recruited,
        )
        staff.save()
        Membership.objects.create(staff=staff, division=row.division, start=row.date_joined)
        created.append(staff)
    return created


class _Lookups:
    """Positions and divisions loaded once, looked up by folded name or code."""

    def __init__(self):
        self.positions = {fold(p.name): p for p in Position.objects.all()}
        self.divisions = {}
        for division in Division.objects.filter(active=True):
            self.divisions[fold(division.code)] = division
            self.divisions[fold(division.name)] = division
        self.existing_codes = set(Staff.objects.values_list("code", flat=True))


def _match_header(header) -> dict[str, int]:
    if not header:
        raise ImportRefused([_("The first row must hold the headings of the template.")])
    folded = [fold(cell) for cell in header]
    columns, missing = {}, []
    for key, heading, aliases, required in COLUMNS:
        names = {fold(heading), *aliases}
        index = next((i for i, cell in enumerate(folded) if cell in names), None)
        if index is not None:
            columns[key] = index
        elif required:
            missing.append(heading)
    if missing:
        raise ImportRefused([_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}])
    return columns



def _parse_row(line, values, columns, lookups, seen_codes, parsed: ParsedSheet) -> None:
    def cell(key):
        index = columns.get(key)
        if index is None or index >= len(values):
            return None
        value = values[index]
        return value.strip() if isinstance(value, str) else value

    errors = []

    def fail(message):
        errors.append(_("Row %(line)s: %(message)s") % {"line": line, "message": message})

    code = str(cell("code") or "").strip().upper()
    if not code:
        fail(_("the staff code is empty."))
    elif len(code) > 20:
        fail(_("the staff code %(code)s is longer than 20 characters.") % {"code": code})
    elif not CODE_PATTERN.match(code):
        fail(_("the staff code %(code)s may only hold letters, digits, dots and dashes.") % {"code": code})
    elif code in lookups.existing_codes:
        fail(_("the staff code %(code)s already exists in the portal.") % {"code": code})
    elif code in seen_codes:
        fail(_("the staff code %(code)s is repeated (first on row %(first)s).") % {"code": code, "first": seen_codes[code]})
    else:
        seen_codes[code] = line

    full_name = " ".join(str(cell("full_name") or "").split())
    if not full_name:
        fail(_("the full name is empty."))
    elif len(full_name) > 100:
        fail(_("the full name is longer than 100 characters."))

    gender = GENDER_WORDS.get(fold(cell("gender")))
    if gender is None:
        fail(_("gender “%(value)s” is not Nam or Nữ.") % {"value": cell("gender") or ""})

    position = lookups.positions.get(fold(cell("position")))
    if position is None:
        fail(_("position “%(value)s” does not exist in the portal.") % {"value": cell("position") or ""})

    division = lookups.divisions.get(fold(cell("division")))
    if division is None:
        fail(_("division “%(value)s” does not exist in the portal.") % {"value": cell("division") or ""})

    employment_type = EMPLOYMENT_WORDS.get(fold(cell("employment_type")))
    if employment_type is None:
        fail(
            _("employment type “%(value)s” is not Công chức, Viên chức or Hợp đồng.")
            % {"value": cell("employment_type") or ""}
        )

    date_recruited = _parse_date(cell("date_recruited"))
    if date_recruited is not None and not Staff.recruitment_date_is_plausible(date_recruited):
        shown = f"{date_recruited.day:02d}/{date_recruited.month:02d}/{date_recruited.year:04d}"
        fail(_("the date recruited %(value)s is not plausible.") % {"value": shown})
    elif date_recruited is None:
        fail(_("the date recruited “%(value)s” is not a date dd/mm/yyyy.") % {"value": cell("date_recruited") or ""})
    raw_joined = cell("date_joined")
    date_joined = date_recruited if raw_joined in (None, "") else _parse_date(raw_joined)
    if raw_joined not in (None, "") and date_joined is None:
        fail(_("the date joined the division “%(value)s” is not a date dd/mm/yyyy.") % {"value": raw_joined})
    elif date_joined and date_recruited and date_joined < date_recruited:
        fail(_("the date joined the division is before the date recruited."))

    if errors:
        parsed.errors.extend(errors)
        return
    parsed.rows.append(
        StaffRow(line, code, full_name, gender, position, division, employment_type, date_recruited, date_joined)
    )


def _parse_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(value.strip(), pattern).date()
            except ValueError:
                continue
    return None


IMPORT_HELP = gettext_lazy(
    "Upload the filled template (.xlsx, at most 5 MB). Every row is checked first: if any row is wrong, "
    "nothing is saved and each error names its row."
)
