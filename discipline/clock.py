"""The time clock's export: read, checked row by row, previewed, then applied on the Office's confirmation.

A file (.xlsx, or .csv in UTF-8 with commas or semicolons) holds one row per person and day: staff code,
name, date, time in, time out, under headings matched leniently ("Mã NV", "Họ tên", "Giờ vào", "Check in"…).
A file that cannot be read or lacks those columns is refused whole (``ImportRefused``). Otherwise every row
gets one outcome (``ClockOutcome``): the good ones are applied as time-clock attendance records, in one
transaction; the problem rows are kept on the import to be downloaded, fixed and imported again.

Rules (DOMAIN.md §3): a manual entry of the Office wins over the clock's; a missing punch and a person without
data on an imported working day are listed, never counted. Applying the same file twice changes nothing: a
record whose values did not change is not saved again.

The number of queries does not grow with the rows, only with the months a file spans (the agency's staff and
calendars are loaded once; records are read and written in bulk, month by month), so that a year of a large
agency imports in seconds: bench/import_clock.py measures it, docs/performance.md has the figures.
"""

import csv
import hashlib
import io
import re
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import chain, islice
from pathlib import PurePath
from xml.etree.ElementTree import ParseError

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from simple_history.utils import bulk_update_with_history

from campaigns.models import Campaign
from campaigns.workdays import WorkCalendar
from discipline import attendance
from discipline.closing import closed_months
from discipline.models import (
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    ClockImport,
    ClockImportStatus,
)
from discipline.services import apply_assessment, sync_derived_records
from organization.imports import ImportRefused, fold
from organization.models import Membership, Staff

MAX_CLOCK_BYTES = 20 * 1024 * 1024
MAX_CLOCK_ROWS = 200_000
HEADER_SEARCH_ROWS = 10  # exports often put a title and a blank line above the headings
BATCH_SIZE = 1000

# (key, heading written in the rejects file, other headings accepted once folded, required)
COLUMNS = [
    ("code", "Mã cán bộ", {"ma can bo", "ma cb", "ma nhan vien", "ma nv", "ma", "staff code", "code",
                           "employee code", "employee id"}, True),
    ("name", "Họ và tên", {"ho va ten", "ho ten", "ten", "ten nhan vien", "ho ten nhan vien", "ten can bo",
                           "full name", "name"}, False),
    ("date", "Ngày", {"ngay", "ngay cham cong", "ngay lam viec", "date", "day"}, True),
    ("check_in", "Giờ vào", {"gio vao", "vao", "gio den", "check in", "checkin", "time in", "in"}, True),
    ("check_out", "Giờ ra", {"gio ra", "ra", "gio ve", "check out", "checkout", "time out", "out"}, True),
]
KEYS = [key for key, _heading, _aliases, _required in COLUMNS]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXCEL_EPOCH = date(1899, 12, 30)
_BAD = object()  # a cell that holds something, but not a date or time


class ClockOutcome(models.TextChoices):
    ON_TIME = "on_time", gettext_lazy("On time")
    LATE = "late", gettext_lazy("Late")
    HEAVY_LATE = "heavy_late", gettext_lazy("Heavily late")
    EARLY_LEAVE = "early_leave", gettext_lazy("Left early")
    ABSENT = "absent", gettext_lazy(
        "Unexcused half day or day (arrived after the morning or left before the afternoon)"
    )
    MANUAL = "manual", gettext_lazy("The Office's entry of the day wins (the clock does not count)")
    MISSING_PUNCH = "missing_punch", gettext_lazy("Missing punch")
    UNKNOWN_STAFF = "unknown_staff", gettext_lazy("Unknown staff code")
    NON_WORKING_DAY = "non_working_day", gettext_lazy("Not a working day")
    DUPLICATE = "duplicate", gettext_lazy("Duplicate row")
    NO_DATA = "no_data", gettext_lazy("Person without data")
    MONTH_CLOSED = "month_closed", gettext_lazy("Month closed")
    INVALID = "invalid", gettext_lazy("Unreadable row")

    @classmethod
    def problems(cls) -> set[str]:
        """Outcomes of rows that are not applied and go to the rejects file."""
        return {cls.MISSING_PUNCH, cls.UNKNOWN_STAFF, cls.NON_WORKING_DAY, cls.DUPLICATE, cls.NO_DATA,
                cls.MONTH_CLOSED, cls.INVALID}


# What each deduction code of a day means for the preview's counts.
OUTCOME_OF_CODE = {
    attendance.LATE: ClockOutcome.LATE,
    attendance.LATE_HEAVY: ClockOutcome.HEAVY_LATE,
    attendance.EARLY: ClockOutcome.EARLY_LEAVE,
    attendance.EARLY_HEAVY: ClockOutcome.EARLY_LEAVE,
    attendance.ABSENT_HALF: ClockOutcome.ABSENT,
    attendance.ABSENT_DAY: ClockOutcome.ABSENT,
}


OUTCOME_ORDER = {outcome: index for index, outcome in enumerate(ClockOutcome.values)}
PROBLEMS = ClockOutcome.problems()


# --- Reading ---


@dataclass(slots=True)
class ClockRow:
    line: int
    code: str
    name: str
    day: date | None
    check_in: time | None
    check_out: time | None
    raw: tuple | None = None  # date, time in, time out as written: kept only when one could not be read
    error: str = ""
    staff_id: int | None = None


@dataclass
class ClockFile:
    rows: list[ClockRow]
    headings: list[str]
    sha256: str


def read_clock_file(upload) -> ClockFile:
    """Read every row of a time-clock export (an uploaded or stored file); refuse the file whole when it
    cannot be read as one."""
    if upload.size > MAX_CLOCK_BYTES:
        raise ImportRefused([_("The file is larger than %(max)s MB.") % {"max": MAX_CLOCK_BYTES // 2**20}])
    upload.seek(0)
    data = upload.read()
    suffix = PurePath(upload.name or "").suffix.lower()
    if data.startswith(b"PK\x03\x04") or suffix == ".xlsx":
        table = _xlsx_rows(data)
    elif suffix == ".csv":
        table = _csv_rows(data)
    else:
        raise ImportRefused([_("Only .xlsx and .csv files can be imported.")])
    headings, rows = _read_table(table)
    return ClockFile(rows, headings, hashlib.sha256(data).hexdigest())


# What openpyxl raises, from deep inside, on a damaged or disguised file: never a wrong row.
UNREADABLE_XLSX = (InvalidFileException, zipfile.BadZipFile, zlib.error, ParseError, KeyError, TypeError,
                   ValueError, OSError, EOFError)


def _xlsx_rows(data: bytes):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if workbook.worksheets:
                yield from workbook.worksheets[0].iter_rows(values_only=True)
        finally:
            workbook.close()
    except UNREADABLE_XLSX:
        raise ImportRefused([_(
            "The file is not an Excel workbook (.xlsx) that can be read. Open it in Excel and save it "
            "again as .xlsx or as CSV UTF-8."
        )]) from None


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([_("The CSV file is not UTF-8 text. Save it again as “CSV UTF-8”.")]) from None
    first_line = text.partition("\n")[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error:
        raise ImportRefused([_("The CSV file cannot be read as a table of rows and columns.")]) from None


def _read_table(table) -> tuple[list[str], list[ClockRow]]:
    rows = iter(table)
    top = list(islice(rows, HEADER_SEARCH_ROWS))
    header_at, columns = _find_header(top)
    headings = [
        str(top[header_at][columns[key]]).strip() if key in columns else heading
        for key, heading, _aliases, _required in COLUMNS
    ]
    reader = _CellReader()
    parsed = []
    for line, values in enumerate(chain(top[header_at + 1 :], rows), start=header_at + 2):
        row = reader.row(line, values, columns)
        if row is None:
            continue
        parsed.append(row)
        if len(parsed) > MAX_CLOCK_ROWS:
            most = number_format(MAX_CLOCK_ROWS, force_grouping=True)
            raise ImportRefused([_("The file has more than %(max)s rows.") % {"max": most}])
    if not parsed:
        raise ImportRefused([_("The file has no rows under the headings.")])
    return headings, parsed


def _heading(cell) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(cell)).split())


def _find_header(top: list) -> tuple[int, dict[str, int]]:
    """The first of the top rows that names every required column, and where each column is."""
    best = None
    for index, values in enumerate(top):
        folded = [_heading(cell) for cell in values or ()]
        columns = {}
        for key, heading, aliases, _required in COLUMNS:
            names = {_heading(heading), *aliases}
            found = next(
                (i for i, cell in enumerate(folded) if cell in names and i not in columns.values()), None
            )
            if found is not None:
                columns[key] = found
        missing = [heading for key, heading, _aliases, required in COLUMNS if required and key not in columns]
        if not missing:
            return index, columns
        if any(folded) and (best is None or len(missing) < len(best)):
            best = missing
    if best is None:
        raise ImportRefused([_("The file is empty.")])
    raise ImportRefused([_(
        "The file lacks the columns %(columns)s: its heading row must name the staff code, the date, "
        "the time in and the time out."
    ) % {"columns": ", ".join(best)}])


class _CellReader:
    """Turns cells into values, remembering each distinct cell: a year of rows shares its dates and times."""

    def __init__(self):
        self.days: dict = {}
        self.times: dict = {}
        self.texts: dict = {}

    def row(self, line: int, values, columns: dict[str, int]) -> ClockRow | None:
        cells = [
            values[columns[key]] if key in columns and columns[key] < len(values) else None for key in KEYS
        ]
        cells = [cell.strip() if isinstance(cell, str) else cell for cell in cells]
        if all(cell is None or cell == "" for cell in cells):
            return None
        code_cell, name_cell, day_cell, in_cell, out_cell = cells
        code = self._text(_code_text(code_cell).upper())
        name = self._text(" ".join(str(name_cell or "").split()))
        day = self._cached(self.days, day_cell, _parse_day)
        check_in = self._cached(self.times, in_cell, _parse_time)
        check_out = self._cached(self.times, out_cell, _parse_time)
        read = [None if value is _BAD else value for value in (day, check_in, check_out)]
        row = ClockRow(line, code, name, *read)
        if not code:
            row.error = _("The staff code is empty.")
        elif day is None:
            row.error = _("The date is empty.")
        elif day is _BAD:
            row.error = _("The date “%(value)s” is not a date (dd/mm/yyyy).") % {"value": day_cell}
        elif check_in is _BAD:
            row.error = _("The time in “%(value)s” is not a time (hh:mm).") % {"value": in_cell}
        elif check_out is _BAD:
            row.error = _("The time out “%(value)s” is not a time (hh:mm).") % {"value": out_cell}
        elif check_in and check_out and check_out < check_in:
            row.error = _("The time out is before the time in.")
        if row.error:
            row.raw = (
                _shown(day, day_cell, _dmy),
                _shown(check_in, in_cell, _time_text),
                _shown(check_out, out_cell, _time_text),
            )
        return row

    def _text(self, text: str) -> str:
        return self.texts.setdefault(text, text)

    @staticmethod
    def _cached(cache: dict, cell, parse):
        if cell is None or cell == "":
            return None
        try:
            return cache[cell]
        except KeyError:
            value = cache[cell] = parse(cell)
            return value


def _shown(value, cell, show) -> str:
    """A cell as the rejects file shows it: as read when it could be, else as written."""
    if value is _BAD:
        return str(cell)
    return "" if value is None else show(value)


def _code_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell or "").strip()


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_CLOCK = re.compile(r"^(\d{1,2})[:hH](\d{2})(?::(\d{2})(?:\.\d+)?)?$")
_FRACTION = re.compile(r"^0?\.\d+$")


def _parse_day(cell):
    """A date from a real Excel date, an Excel serial number, dd/mm/yyyy or ISO yyyy-mm-dd; else ``_BAD``."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, str) and _SERIAL.match(cell):
        cell = float(cell)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        # Serial numbers of 2000–2100 only: anything else is a typing slip, not a date.
        return EXCEL_EPOCH + timedelta(days=int(cell)) if 36526 <= cell < 73051 else _BAD
    if isinstance(cell, str):
        if match := _DMY.match(cell):
            day, month, year = (int(part) for part in match.groups())
        elif match := _ISO.match(cell):
            year, month, day = (int(part) for part in match.groups())
        else:
            return _BAD
        try:
            return date(year, month, day)
        except ValueError:
            return _BAD
    return _BAD


def _parse_time(cell):
    """A time of day from an Excel time or fraction of a day, hh:mm or hh:mm:ss; else ``_BAD``."""
    if isinstance(cell, datetime):
        return cell.time().replace(microsecond=0)
    if isinstance(cell, time):
        return cell.replace(microsecond=0)
    if isinstance(cell, timedelta):
        cell = cell.total_seconds() / 86400
    if isinstance(cell, str) and _FRACTION.match(cell):
        cell = float(cell)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        seconds = round(cell * 86400)
        if not 0 <= seconds < 86400:
            return _BAD
        return time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
    if isinstance(cell, str) and (match := _CLOCK.match(cell)):
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
    return _BAD


# --- Classifying ---


@dataclass
class _Person:
    pk: int
    code: str
    full_name: str
    active: bool
    date_recruited: date
    date_left: date | None
    memberships: list[tuple[date, date | None, int]] = field(default_factory=list)

    def division_on(self, day: date) -> int | None:
        """The division the person served in on ``day``, or ``None`` when they were not in post."""
        if day < self.date_recruited or (self.date_left is not None and day >= self.date_left):
            return None
        for start, end, division_id in self.memberships:
            if start <= day and (end is None or day <= end):
                return division_id
        return None


@dataclass
class Check:
    """What a file would do: counts per outcome, the problem rows, and the good rows grouped by month."""

    rows: int
    counts: Counter
    problems: list[dict]
    good: dict[tuple[int, int, int], list[ClockRow]]  # (campaign pk, year, month) → rows to apply
    calendars: dict[int, WorkCalendar]
    headings: list[str]
    first_day: date | None = None
    last_day: date | None = None

    def summary(self) -> dict:
        return {
            "rows": self.rows,
            "counts": {outcome: self.counts.get(outcome, 0) for outcome in ClockOutcome.values},
            "problems": len(self.problems),
            "headings": self.headings,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
        }


def check_clock_file(clock_file: ClockFile) -> Check:
    """Give every row its outcome against the staff, calendars and records as they are now; write nothing."""
    rows = clock_file.rows
    days = sorted({row.day for row in rows if row.day is not None})
    first, last = (days[0], days[-1]) if days else (None, None)
    people = _people()
    by_code = {person.code: person for person in people.values()}
    calendars, day_calendar = _calendars(days)
    manual, recorded = _recorded_pairs(first, last)
    duplicates = _duplicate_lines(rows)
    closed = set(closed_months(days))

    check = Check(len(rows), Counter(), [], defaultdict(list), calendars, clock_file.headings, first, last)
    seen: set[tuple[int, date]] = set()
    imported_days: set[date] = set()
    for row in rows:
        person = by_code.get(row.code)
        calendar, not_working = day_calendar.get(row.day, (None, None))
        if person is not None and row.day is not None:
            seen.add((person.pk, row.day))
        frozen = row.day is not None and (row.day.year, row.day.month) in closed
        if calendar is not None and not_working is None and not frozen:
            imported_days.add(row.day)
        outcomes, reason = _outcomes(row, person, calendar, not_working, duplicates, manual, frozen)
        for outcome in outcomes:
            check.counts[outcome] += 1
        if outcomes[0] in PROBLEMS:
            division = person.division_on(row.day) if person is not None and row.day is not None else None
            check.problems.append(_problem(row, outcomes[0], reason, division))
        elif row.check_in is not None and row.check_out is not None:
            # Also when the Office's entry wins: the clock's times are kept beside it, and never count.
            row.staff_id = person.pk
            check.good[(calendar.campaign.pk, row.day.year, row.day.month)].append(row)
    for problem in _people_without_data(people, imported_days, seen | recorded):
        check.counts[ClockOutcome.NO_DATA] += 1
        check.problems.append(problem)
    return check


def _duplicate_lines(rows: list[ClockRow]) -> dict[tuple[str, date], list[int]]:
    """The lines of every (staff code, day) that the file holds more than once."""
    copies = Counter((row.code, row.day) for row in rows if not row.error)
    lines = defaultdict(list)
    for row in rows:
        if not row.error and copies[(row.code, row.day)] > 1:
            lines[(row.code, row.day)].append(row.line)
    return lines


def _outcomes(row, person, calendar, not_working, duplicates, manual, frozen) -> tuple[tuple[str, ...], str]:
    """The row's outcomes (a problem, or what the day costs: late and left early count under both) and why."""
    if row.error:
        return (ClockOutcome.INVALID,), row.error
    if frozen:
        reason = _("Month %(month)s is closed: its attendance can no longer be changed.") % {
            "month": f"{row.day.month:02d}/{row.day.year}"}
        return (ClockOutcome.MONTH_CLOSED,), reason
    if (row.code, row.day) in duplicates:
        lines = ", ".join(str(line) for line in duplicates[(row.code, row.day)])
        reason = _("The same staff code and date appear on rows %(lines)s.") % {"lines": lines}
        return (ClockOutcome.DUPLICATE,), reason
    if person is None:
        reason = _("No one has the staff code %(code)s in the portal.") % {"code": row.code}
        return (ClockOutcome.UNKNOWN_STAFF,), reason
    if person.division_on(row.day) is None:
        reason = _("%(name)s was not in post on %(day)s.") % {"name": person.full_name, "day": _dmy(row.day)}
        return (ClockOutcome.UNKNOWN_STAFF,), reason
    if calendar is None:
        return (ClockOutcome.NON_WORKING_DAY,), _("No campaign covers %(day)s.") % {"day": _dmy(row.day)}
    if not_working is not None:
        reason = _("%(day)s is not a working day (%(reason)s).") % {
            "day": _dmy(row.day), "reason": not_working}
        return (ClockOutcome.NON_WORKING_DAY,), reason
    if (person.pk, row.day) in manual:
        return (ClockOutcome.MANUAL,), ""
    if row.check_in is None and row.check_out is None:
        return (ClockOutcome.NO_DATA,), _("No time in or out.")
    if row.check_out is None:
        return (ClockOutcome.MISSING_PUNCH,), _("No time out: the clock recorded the arrival only.")
    if row.check_in is None:
        return (ClockOutcome.MISSING_PUNCH,), _("No time in: the clock recorded the departure only.")
    campaign = calendar.campaign
    codes = attendance.assess(
        AttendanceStatus.PRESENT, row.check_in, row.check_out, calendar.schedule_on(row.day),
        grace=campaign.grace_minutes, heavy=campaign.heavy_minutes,
    ).codes
    if not codes:
        return (ClockOutcome.ON_TIME,), ""
    return tuple(sorted({OUTCOME_OF_CODE[code] for code in codes}, key=OUTCOME_ORDER.get)), ""


def _people() -> dict[int, _Person]:
    people = {
        pk: _Person(pk, code, full_name, active, recruited, left)
        for pk, code, full_name, active, recruited, left in Staff.objects.values_list(
            "pk", "code", "full_name", "active", "date_recruited", "date_left"
        )
    }
    for staff_id, start, end, division_id in Membership.objects.values_list(
        "staff_id", "start", "end", "division_id"
    ):
        people[staff_id].memberships.append((start, end, division_id))
    return people


def _calendars(days: list[date]) -> tuple[dict[int, WorkCalendar], dict[date, tuple]]:
    """One calendar per campaign the days fall in; each day's calendar and why it is not a working day."""
    if not days:
        return {}, {}
    campaigns = list(
        Campaign.objects.filter(start_date__lte=days[-1], end_date__gte=days[0]).order_by("start_date")
    )
    calendars = {campaign.pk: WorkCalendar(campaign) for campaign in campaigns}
    day_calendar = {}
    for day in days:
        campaign = next((c for c in campaigns if c.contains(day)), None)
        if campaign is not None:
            calendar = calendars[campaign.pk]
            day_calendar[day] = (calendar, calendar.why_not_working(day))
    return calendars, day_calendar


def _recorded_pairs(first: date | None, last: date | None) -> tuple[set, set]:
    """(staff id, day) pairs with an entry of the Office, and with any record (an earlier import's too)."""
    if first is None:
        return set(), set()
    manual, recorded = set(), set()
    records = AttendanceRecord.objects.filter(date__range=(first, last)).values_list(
        "staff_id", "date", "source"
    )
    for staff_id, day, source in records:
        recorded.add((staff_id, day))
        if source == AttendanceSource.MANUAL:
            manual.add((staff_id, day))
    return manual, recorded


def _people_without_data(people, imported_days, accounted):
    """Active people in post on an imported working day that neither the file nor any record accounts for."""
    in_code_order = sorted(people.values(), key=lambda p: p.code)
    for day in sorted(imported_days):
        for person in in_code_order:
            if not person.active or (person.pk, day) in accounted:
                continue
            division = person.division_on(day)
            if division is not None:
                row = ClockRow(0, person.code, person.full_name, day, None, None)
                yield _problem(
                    row,
                    ClockOutcome.NO_DATA,
                    _("No row in the file and no record of the Office or the clock for this working day."),
                    division,
                )


def _problem(row: ClockRow, outcome: str, reason: str, division: int | None) -> dict:
    day, check_in, check_out = row.raw or (
        _dmy(row.day) if row.day else "",
        _time_text(row.check_in),
        _time_text(row.check_out),
    )
    return {
        "line": row.line, "code": row.code, "name": row.name, "date": day, "check_in": check_in,
        "check_out": check_out, "outcome": outcome, "reason": reason, "division": division,
    }


def _dmy(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _time_text(moment: time | None) -> str:
    if moment is None:
        return ""
    return f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"


# --- Previewing and applying ---


@transaction.atomic
def preview_clock_import(upload, *, by) -> ClockImport:
    """Check an uploaded export and keep it with its counts and problem rows, to be applied on confirmation.

    Refuses the whole file (``ImportRefused``, nothing saved) when it cannot be read or lacks the columns.
    """
    clock_file = read_clock_file(upload)
    check = check_clock_file(clock_file)
    name = PurePath(upload.name).name
    batch = ClockImport(
        original_name=name[:255],
        sha256=clock_file.sha256,
        created_by=by,
        summary=check.summary(),
        problems=check.problems,
    )
    batch.file.save(name, upload, save=False)
    batch.file.storage.save(_rows_name(batch), ContentFile(_rows_text(clock_file.rows).encode()))
    batch.save()
    return batch


@transaction.atomic
def apply_clock_import(batch: ClockImport, *, by) -> ClockImport:
    """Apply the good rows of a previewed import as time-clock records, all or nothing, and derive deductions.

    The rows are checked again first, against the data as it is now. A record whose values did not change is
    left alone (no history entry); a changed one is updated and its day's deductions brought in line.
    """
    batch = ClockImport.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ClockImportStatus.PREVIEWED:
        raise ValidationError(
            _("This import has already been applied or discarded; it cannot be applied again.")
        )
    check = check_clock_file(_previewed_rows(batch))
    written = write_records(check, batch=batch, by=by)
    batch.status, batch.applied_at = ClockImportStatus.APPLIED, timezone.now()
    batch.summary, batch.problems = check.summary() | {"applied": written}, check.problems
    batch.save(update_fields=["status", "applied_at", "summary", "problems"])
    storage, rows_name = batch.file.storage, _rows_name(batch)
    transaction.on_commit(lambda: storage.delete(rows_name))
    return batch


# The preview keeps the rows as it read them beside the upload, as plain CSV: confirming then needs no second
# parse of the workbook (3 to 4 seconds for a year of a large agency). Line numbers and unreadable cells are
# kept as they were, so the check on confirmation gives the same problems with the same words.
ROWS_COLUMNS = {key: index for index, key in enumerate(KEYS)}


def _rows_name(batch: ClockImport) -> str:
    return f"{batch.file.name}.rows.csv"


def _rows_text(rows: list[ClockRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        if row.raw is not None:
            day, check_in, check_out = row.raw
        else:
            day, check_in, check_out = (
                row.day.isoformat(),
                _time_text(row.check_in),
                _time_text(row.check_out),
            )
        writer.writerow([row.line, row.code, row.name, day, check_in, check_out])
    return buffer.getvalue()


def _previewed_rows(batch: ClockImport) -> ClockFile:
    storage, name = batch.file.storage, _rows_name(batch)
    if not storage.exists(name):  # the kept rows were removed by hand: read the upload again
        try:
            with batch.file.open("rb") as stored:
                return read_clock_file(stored)
        except FileNotFoundError:
            raise ImportRefused([_("The uploaded file is no longer kept: upload it again.")]) from None
    with storage.open(name, "rb") as stored:
        text = stored.read().decode()
    reader = _CellReader()
    rows = [
        reader.row(int(line), values, ROWS_COLUMNS)
        for line, *values in csv.reader(io.StringIO(text, newline=""))
    ]
    return ClockFile(
        [row for row in rows if row is not None], batch.summary.get("headings", []), batch.sha256
    )


# What a clock record takes from its row, and what an update writes.
ROW_FIELDS = ["status", "check_in", "check_out", "late_minutes", "early_minutes"]
RECORD_FIELDS = [*ROW_FIELDS, "clock_import", "version"]


def write_records(check: Check, *, batch: ClockImport, by) -> dict[str, int]:
    """Create or update the clock records of the good rows, month by month, and sync their deductions."""
    reason = (_("Time-clock import no. %(number)s") % {"number": batch.pk})[:100]
    written = Counter(created=0, updated=0, unchanged=0)
    for (campaign_pk, _year, _month), rows in sorted(check.good.items(), key=lambda item: item[0][1:]):
        calendar = check.calendars[campaign_pk]
        existing = {
            (record.staff_id, record.date): record
            for record in AttendanceRecord.objects.filter(
                source=AttendanceSource.CLOCK,
                date__range=(min(row.day for row in rows), max(row.day for row in rows)),
                staff_id__in={row.staff_id for row in rows},
            )
        }
        new, changed = [], []
        for row in rows:
            record = existing.get((row.staff_id, row.day))
            if record is None:
                record = AttendanceRecord(
                    staff_id=row.staff_id,
                    date=row.day,
                    source=AttendanceSource.CLOCK,
                    status=AttendanceStatus.PRESENT,
                    check_in=row.check_in,
                    check_out=row.check_out,
                    clock_import_id=batch.pk,
                )
                apply_assessment(record, calendar)
                new.append(record)
            elif _update(record, row, calendar, batch):
                changed.append(record)
            else:
                written["unchanged"] += 1
        AttendanceRecord.objects.bulk_create(new, batch_size=BATCH_SIZE)
        if changed:
            bulk_update_with_history(changed, AttendanceRecord, RECORD_FIELDS, batch_size=BATCH_SIZE,
                                     default_user=by, default_change_reason=reason)
        # A new record within the grace period derives nothing: there was no record of the day before it.
        grace = calendar.campaign.grace_minutes
        costly = [r for r in new if r.late_minutes > grace or r.early_minutes > grace]
        sync_derived_records({(r.staff_id, r.date) for r in [*costly, *changed]}, calendar=calendar, by=by)
        written["created"] += len(new)
        written["updated"] += len(changed)
    if written["created"]:
        _record_creations(batch, by=by, reason=reason)
    return dict(written)


def _record_creations(batch: ClockImport, *, by, reason: str) -> None:
    """Write the history of every record the import created, as ``bulk_create_with_history`` would.

    The rows are copied inside the database by one INSERT … SELECT: building a history object per record in
    Python would double the time of a year's import. The created records are this import's at version 1
    (a record it corrected is at version 2 or more and has its history from ``bulk_update_with_history``).
    """
    history = AttendanceRecord.history.model
    own = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}
    columns = [f.column for f in history._meta.concrete_fields if f.name not in own]
    if not set(columns) <= {f.column for f in AttendanceRecord._meta.concrete_fields}:
        raise ImproperlyConfigured(
            "The attendance history tracks a field the attendance record does not have."
        )
    quote = connection.ops.quote_name
    clock_import = AttendanceRecord._meta.get_field("clock_import").column
    copied = ", ".join(quote(column) for column in columns)
    extra = ", ".join(
        quote(history._meta.get_field(name).column)
        for name in ("history_date", "history_change_reason", "history_type", "history_user")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} ({copied}, {extra}) "
            f"SELECT {copied}, %s, %s, %s, %s FROM {quote(AttendanceRecord._meta.db_table)} "
            f"WHERE {quote(clock_import)} = %s AND {quote('version')} = 1",
            [
                connection.ops.adapt_datetimefield_value(timezone.now()),
                reason,
                "+",
                by.pk if by else None,
                batch.pk,
            ],
        )


def _update(record: AttendanceRecord, row: ClockRow, calendar: WorkCalendar, batch: ClockImport) -> bool:
    """Bring an existing clock record to the row's values; whether anything changed."""
    before = [getattr(record, name) for name in ROW_FIELDS]
    record.status, record.check_in, record.check_out = AttendanceStatus.PRESENT, row.check_in, row.check_out
    apply_assessment(record, calendar)
    if before == [getattr(record, name) for name in ROW_FIELDS]:
        return False
    record.clock_import, record.version = batch, record.version + 1
    return True


# --- The rejects file ---


def rejects_workbook(problems: list[dict], headings: list[str] | None = None) -> bytes:
    """The problem rows in the input's columns plus the reason, to be fixed and imported again."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Rows not applied")[:31])
    headings = headings or [heading for _key, heading, _aliases, _required in COLUMNS]
    sheet.append([_safe(heading) for heading in [*headings, _("Reason")]])
    for problem in problems:
        sheet.append(
            [_safe(problem[key]) for key in ("code", "name", "date", "check_in", "check_out", "reason")]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe(value):
    """Text that a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
