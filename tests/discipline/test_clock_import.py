"""The time-clock import: reading, each outcome, the refused files, applying, the command, the views."""

import hashlib
import io
import os
import re
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from campaigns.models import Campaign
from campaigns.services import copy_campaign, load_campaign_2023
from discipline import clock
from discipline.clock import ClockOutcome, ImportRefused
from discipline.models import (
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    ClockImport,
    ClockImportStatus,
    RecordSource,
    RecordStatus,
    Violation,
)
from organization.models import Staff, User
from organization.roles import Role
from tests.factories import make_division, make_staff, make_user

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADINGS = ["Mã NV", "Họ tên", "Ngày", "Giờ vào", "Giờ ra"]
WINTER_DAY = date(2023, 3, 7)  # a Tuesday: 07:30–12:00 / 13:00–16:30
SUMMER_DAY = date(2023, 6, 6)  # a Tuesday: 07:00–11:30 / 13:30–17:00
SUNDAY = date(2023, 3, 5)
LABOUR_DAY = date(2023, 5, 1)
T = time


def xlsx(rows, headings=HEADINGS, name="cham-cong.xlsx", above=()):
    """An uploaded workbook: optional title rows, the headings, then ``rows``."""
    workbook = Workbook()
    sheet = workbook.active
    for line in [*above, headings, *rows]:
        sheet.append(list(line))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def csv_file(text, name="cham-cong.csv", bom=False):
    return SimpleUploadedFile(
        name, (b"\xef\xbb\xbf" if bom else b"") + text.encode(), content_type="text/csv"
    )


# A small agency: 12 people in two divisions, in post since 2015 (tests/factories.py); the 2023 campaign.
PEOPLE = [
    ("VP04", "Vũ Thị Lan Anh", "VP"),
    ("VP05", "Bùi Thị Hằng", "VP"),
    ("VP06", "Phan Thị Ngọc Ánh", "VP"),
    ("VP07", "Lương Thị Út", "VP"),
    ("VP08", "Hà Văn Ơn", "VP"),
    ("VP09", "Mai Văn Ất", "VP"),
    ("LS01", "Nguyễn Văn Hùng", "LS"),
    ("LS02", "Trần Thị Thu Trang", "LS"),
    ("LS03", "Lê Thị Hường", "LS"),
    ("LS04", "Phạm Văn Dũng", "LS"),
    ("LS05", "Đinh Thị Hương", "LS"),
    ("LS06", "Vi Văn Đông", "LS"),
]


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def agency(db):
    """The people of ``PEOPLE``; ``vanphong`` (VP04) is the Office, ``truongphong`` (LS01) heads LS."""
    load_campaign_2023()
    divisions = {code: make_division(code) for code in ("VP", "LS")}
    staff = {
        code: make_staff(name, code=code, division=divisions[division]) for code, name, division in PEOPLE
    }
    make_user("vanphong", staff=staff["VP04"], roles=[Role.OFFICE])
    make_user("truongphong", staff=staff["LS01"], roles=[Role.HEAD])
    make_user("canbo", staff=staff["LS02"])
    make_user("giamdoc", roles=[Role.BOARD])
    return staff


def full_day(day, changes=None, *, leave_out=()):
    """A row for every person on ``day``, on time by the winter or summer hours; ``changes`` by code."""
    start, end = (
        (T(7, 25), T(16, 35))
        if day < date(2023, 4, 16) or day >= date(2023, 10, 16)
        else (T(6, 55), T(17, 5))
    )
    changes = changes or {}
    return [
        (code, name, day, *changes.get(code, (start, end)))
        for code, name, _division in PEOPLE
        if code not in leave_out
    ]


def preview(upload, user="vanphong"):
    return clock.preview_clock_import(upload, by=User.objects.get(username=user))


def apply(batch, user="vanphong"):
    return clock.apply_clock_import(batch, by=User.objects.get(username=user))


def refusal(upload):
    with pytest.raises(ImportRefused) as refused:
        preview(upload)
    assert ClockImport.objects.count() == 0
    return refused.value.errors


def counts(batch):
    return {outcome: n for outcome, n in batch.summary["counts"].items() if n}


def clock_record(code, day):
    return AttendanceRecord.objects.get(staff__code=code, date=day, source=AttendanceSource.CLOCK)


def attendance_violations(code=None):
    violations = Violation.objects.filter(source=RecordSource.ATTENDANCE)
    if code:
        violations = violations.filter(staff__code=code)
    return sorted(
        (v.staff.code, v.date, v.type.code, v.status) for v in violations.select_related("staff", "type")
    )


# --- Reading ---


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime(2023, 3, 7, 0, 0), date(2023, 3, 7)),
        (date(2023, 3, 7), date(2023, 3, 7)),
        ("07/03/2023", date(2023, 3, 7)),
        ("7/3/2023", date(2023, 3, 7)),
        ("2023-03-07", date(2023, 3, 7)),
        (44992, date(2023, 3, 7)),
        ("44992", date(2023, 3, 7)),
        ("31/02/2023", clock._BAD),
        ("hôm nay", clock._BAD),
        (12, clock._BAD),
    ],
)
def test_dates_are_read_from_excel_dates_serials_dd_mm_yyyy_and_iso(cell, expected):
    assert clock._parse_day(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (T(7, 31, 12), T(7, 31, 12)),
        (datetime(1899, 12, 30, 7, 31), T(7, 31)),
        (0.3125, T(7, 30)),
        ("0.3125", T(7, 30)),
        ("07:31", T(7, 31)),
        ("7:31", T(7, 31)),
        ("07:31:45", T(7, 31, 45)),
        ("7h31", T(7, 31)),
        ("25:00", clock._BAD),
        ("sáng", clock._BAD),
        (1.5, clock._BAD),
    ],
)
def test_times_are_read_from_excel_times_fractions_and_hh_mm(cell, expected):
    assert clock._parse_time(cell) == expected


def test_headings_are_matched_leniently_below_a_title():
    parsed = clock.read_clock_file(
        xlsx(
            [(1, "vp04", "Vũ Thị Lan Anh", WINTER_DAY, T(7, 25), T(16, 35))],
            headings=["STT", "Mã cán bộ", "Họ và tên", "Ngày chấm công", "Check-in", "Check out"],
            above=[("BẢNG CHẤM CÔNG THÁNG 3/2023",), ()],
        )
    )
    assert parsed.headings == ["Mã cán bộ", "Họ và tên", "Ngày chấm công", "Check-in", "Check out"]
    [row] = parsed.rows
    assert (row.line, row.code, row.name, row.day, row.check_in, row.check_out) == (
        4,
        "VP04",
        "Vũ Thị Lan Anh",
        WINTER_DAY,
        T(7, 25),
        T(16, 35),
    )


def test_a_csv_in_utf8_with_bom_semicolons_iso_dates_and_serials_is_read():
    text = (
        "Mã NV;Họ và tên;Ngày;Giờ vào;Giờ ra\r\n"
        "VP04;Vũ Thị Lan Anh;2023-03-07;07:25;16:35:10\r\n"
        "VP05;Bùi Thị Hằng;44992;7:40;\r\n"
    )
    parsed = clock.read_clock_file(csv_file(text, bom=True))
    assert [(r.line, r.code, r.name, r.day, r.check_in, r.check_out) for r in parsed.rows] == [
        (2, "VP04", "Vũ Thị Lan Anh", WINTER_DAY, T(7, 25), T(16, 35, 10)),
        (3, "VP05", "Bùi Thị Hằng", WINTER_DAY, T(7, 40), None),
    ]


def test_a_csv_with_commas_without_bom_is_read():
    parsed = clock.read_clock_file(
        csv_file("Mã nhân viên,Họ tên,Ngày,Check in,Check out\nVP04,An,07/03/2023,07:25,16:35\n")
    )
    assert [(r.code, r.day, r.check_in, r.check_out) for r in parsed.rows] == [
        ("VP04", WINTER_DAY, T(7, 25), T(16, 35))
    ]


def test_an_xlsx_with_serial_numbers_and_fractions_of_a_day_is_read():
    parsed = clock.read_clock_file(xlsx([("VP04", "Vũ Thị Lan Anh", 44992, 0.3125, "16:35")]))
    [row] = parsed.rows
    assert (row.day, row.check_in, row.check_out) == (WINTER_DAY, T(7, 30), T(16, 35))


# --- Refused files ---


def test_a_text_file_renamed_xlsx_is_refused_whole(agency):
    upload = SimpleUploadedFile("cham-cong.xlsx", b"Ma NV,Ngay\nVP04,07/03/2023\n")
    assert refusal(upload) == [
        _(
            "The file is not an Excel workbook (.xlsx) that can be read. Open it in Excel and "
            "save it again as .xlsx or as CSV UTF-8."
        )
    ]


def test_an_empty_workbook_is_refused(agency):
    assert refusal(xlsx([], headings=[])) == [_("The file is empty.")]


def test_a_workbook_with_headings_and_no_rows_is_refused(agency):
    assert refusal(xlsx([])) == [_("The file has no rows under the headings.")]


def test_a_file_without_the_needed_columns_is_refused(agency):
    upload = xlsx([("VP04", "Vũ Thị Lan Anh", WINTER_DAY)], headings=["Mã NV", "Họ tên", "Ngày"])
    assert refusal(upload) == [
        _(
            "The file lacks the columns %(columns)s: its heading row must name the staff code, the date, "
            "the time in "
            "and the time out."
        )
        % {"columns": "Giờ vào, Giờ ra"}
    ]


def test_a_garbage_csv_is_refused(agency):
    assert refusal(SimpleUploadedFile("cham-cong.csv", bytes(range(256)) * 4)) == [
        _("The CSV file is not UTF-8 text. Save it again as “CSV UTF-8”.")
    ]
    assert refusal(csv_file("lorem ipsum dolor\nsit amet\n")) == [
        _(
            "The file lacks the columns %(columns)s: its heading row must name the staff code, the date, "
            "the time in "
            "and the time out."
        )
        % {"columns": "Mã cán bộ, Ngày, Giờ vào, Giờ ra"}
    ]


def test_a_file_of_another_kind_is_refused(agency):
    assert refusal(SimpleUploadedFile("cham-cong.pdf", b"%PDF-1.4")) == [
        _("Only .xlsx and .csv files can be imported.")
    ]


# --- Outcomes ---


def test_the_preview_counts_each_outcome_and_lists_the_problem_rows(agency):
    day = WINTER_DAY
    rows = full_day(
        day,
        {
            "VP05": (T(7, 36), T(16, 30)),  # 6 minutes late
            "VP06": (T(7, 45), T(16, 30)),  # 15 minutes: heavy
            "VP07": (T(7, 30), T(16, 24)),  # left 6 minutes early
            "VP08": (T(12, 5), T(16, 30)),  # after the morning: half a day
            "VP09": (T(7, 40), T(16, 10)),  # late and left early: counted under both
            "LS01": (T(7, 20), None),
            "LS02": (None, T(16, 40)),
            "LS03": (None, None),
        },
        leave_out={"LS04"},
    )
    rows += [
        ("LS05", "Đinh Thị Hương", day, T(7, 20), T(16, 40)),  # LS05 twice
        ("XX99", "Người lạ", day, T(7, 20), T(16, 40)),
        ("VP04", "Vũ Thị Lan Anh", SUNDAY, T(7, 20), T(16, 40)),
        ("VP04", "Vũ Thị Lan Anh", LABOUR_DAY, T(7, 20), T(16, 40)),
        ("VP04", "Vũ Thị Lan Anh", date(2022, 12, 30), T(7, 20), T(16, 40)),
        ("VP04", "Vũ Thị Lan Anh", "32/13/2023", T(7, 20), T(16, 40)),
    ]
    batch = preview(xlsx(rows))
    people = len(PEOPLE)
    assert batch.status == ClockImportStatus.PREVIEWED
    assert batch.summary["rows"] == people - 1 + 6
    assert counts(batch) == {
        "on_time": people - 1 - 8 - 1,
        "late": 2,
        "heavy_late": 1,
        "early_leave": 2,
        "absent": 1,
        "missing_punch": 2,
        "no_data": 2,
        "duplicate": 2,
        "unknown_staff": 1,
        "non_working_day": 3,
        "invalid": 1,
    }
    reasons = {(p["code"], p["date"]): (p["outcome"], p["reason"]) for p in batch.problems}
    ls05_lines = [p["line"] for p in batch.problems if p["code"] == "LS05"]
    assert reasons == {
        ("LS01", "07/03/2023"): ("missing_punch", _("No time out: the clock recorded the arrival only.")),
        ("LS02", "07/03/2023"): ("missing_punch", _("No time in: the clock recorded the departure only.")),
        ("LS03", "07/03/2023"): ("no_data", _("No time in or out.")),
        ("LS04", "07/03/2023"): (
            "no_data",
            _("No row in the file and no record of the Office or the clock for this working day."),
        ),
        ("LS05", "07/03/2023"): (
            "duplicate",
            _("The same staff code and date appear on rows %(lines)s.")
            % {"lines": ", ".join(map(str, ls05_lines))},
        ),
        ("XX99", "07/03/2023"): (
            "unknown_staff",
            _("No one has the staff code %(code)s in the portal.") % {"code": "XX99"},
        ),
        ("VP04", "05/03/2023"): (
            "non_working_day",
            _("%(day)s is not a working day (%(reason)s).") % {"day": "05/03/2023", "reason": _("Sunday")},
        ),
        ("VP04", "01/05/2023"): (
            "non_working_day",
            _("%(day)s is not a working day (%(reason)s).")
            % {"day": "01/05/2023", "reason": "Ngày Quốc tế Lao động"},
        ),
        ("VP04", "30/12/2022"): ("non_working_day", _("No campaign covers %(day)s.") % {"day": "30/12/2022"}),
        ("VP04", "32/13/2023"): (
            "invalid",
            _("The date “%(value)s” is not a date (dd/mm/yyyy).") % {"value": "32/13/2023"},
        ),
    }
    assert len(ls05_lines) == 2
    assert batch.summary["problems"] == len(batch.problems) == 11
    assert AttendanceRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "arrival", "outcome"),
    [
        (WINTER_DAY, T(7, 35), "on_time"),
        (WINTER_DAY, T(7, 36), "late"),
        (WINTER_DAY, T(7, 45), "heavy_late"),
        (SUMMER_DAY, T(7, 5), "on_time"),
        (SUMMER_DAY, T(7, 6), "late"),
        (SUMMER_DAY, T(7, 15), "heavy_late"),
    ],
)
def test_lateness_follows_the_season_grace_and_threshold(agency, day, arrival, outcome):
    check = clock.check_clock_file(clock.read_clock_file(xlsx([("VP04", "", day, arrival, T(17, 0))])))
    assert check.counts[outcome] == 1
    assert check.counts["on_time"] + check.counts["late"] + check.counts["heavy_late"] == 1


def test_a_person_not_in_post_that_day_is_an_unknown_staff_code(agency):
    Staff.objects.filter(code="VP09").update(date_left=date(2023, 3, 1))
    batch = preview(xlsx(full_day(WINTER_DAY)))
    assert counts(batch)["unknown_staff"] == 1
    [problem] = batch.problems
    assert problem["reason"] == _("%(name)s was not in post on %(day)s.") % {
        "name": "Mai Văn Ất",
        "day": "07/03/2023",
    }


# --- Applying ---


def test_applying_records_the_good_rows_with_their_minutes_and_deductions(agency):
    rows = full_day(
        WINTER_DAY, {"VP05": (T(7, 36), T(16, 30)), "VP06": (T(7, 45), T(16, 20)), "LS01": (T(7, 20), None)}
    )
    batch = apply(preview(xlsx(rows)))
    people = len(PEOPLE)
    assert batch.status == ClockImportStatus.APPLIED and batch.applied_at is not None
    assert batch.summary["applied"] == {"created": people - 1, "updated": 0, "unchanged": 0}
    assert (
        AttendanceRecord.objects.filter(source=AttendanceSource.CLOCK, clock_import=batch).count()
        == people - 1
    )
    vp05 = clock_record("VP05", WINTER_DAY)
    assert (
        vp05.status,
        vp05.check_in,
        vp05.check_out,
        vp05.late_minutes,
        vp05.early_minutes,
        vp05.version,
    ) == (AttendanceStatus.PRESENT, T(7, 36), T(16, 30), 6, 0, 1)
    assert not AttendanceRecord.objects.filter(staff__code="LS01").exists()
    assert attendance_violations() == [
        ("VP05", WINTER_DAY, "LATE", RecordStatus.ACTIVE),
        ("VP06", WINTER_DAY, "EARLY", RecordStatus.ACTIVE),
        ("VP06", WINTER_DAY, "LATE_HEAVY", RecordStatus.ACTIVE),
    ]
    assert vp05.history.count() == 1
    assert vp05.history.first().history_user.username == "vanphong"


def test_the_upload_is_kept_and_confirming_finds_the_problems_of_the_preview(
    agency, django_capture_on_commit_callbacks
):
    rows = full_day(WINTER_DAY, {"LS01": (T(7, 20), None)}) + [("VP05", "", "hôm qua", T(7, 20), T(16, 40))]
    upload = xlsx(rows, above=[("BẢNG CHẤM CÔNG",)])
    content = upload.read()
    batch = preview(upload)
    with batch.file.open("rb") as stored:
        assert stored.read() == content
    assert batch.sha256 == hashlib.sha256(content).hexdigest()
    kept = Path(batch.file.path + ".rows.csv")
    assert kept.exists()
    problems = batch.problems
    assert [(p["line"], p["outcome"]) for p in problems] == [(9, "missing_punch"), (15, "invalid")]
    with django_capture_on_commit_callbacks(execute=True):
        applied = apply(batch)
    assert applied.problems == problems
    assert Path(applied.file.path).exists() and not kept.exists()


def test_confirming_reads_the_upload_again_when_the_kept_rows_are_gone(agency):
    batch = preview(xlsx(full_day(WINTER_DAY, {"VP05": (T(7, 36), T(16, 30))})))
    Path(batch.file.path + ".rows.csv").unlink()
    assert apply(batch).summary["counts"]["late"] == 1
    assert clock_record("VP05", WINTER_DAY).late_minutes == 6


def test_confirming_without_the_upload_is_refused(agency):
    batch = preview(xlsx(full_day(WINTER_DAY)))
    Path(batch.file.path + ".rows.csv").unlink()
    Path(batch.file.path).unlink()
    with pytest.raises(ImportRefused) as refused:
        apply(batch)
    assert refused.value.errors == [_("The uploaded file is no longer kept: upload it again.")]
    batch.refresh_from_db()
    assert (batch.status, AttendanceRecord.objects.count()) == (ClockImportStatus.PREVIEWED, 0)


def test_applying_a_batch_twice_is_refused(agency):
    batch = apply(preview(xlsx(full_day(WINTER_DAY))))
    with pytest.raises(ValidationError) as refused:
        apply(batch)
    assert refused.value.messages == [
        _("This import has already been applied or discarded; it cannot be applied again.")
    ]


def test_importing_the_same_file_again_changes_nothing(agency):
    rows = full_day(WINTER_DAY, {"VP05": (T(7, 36), T(16, 30))})
    apply(preview(xlsx(rows)))
    before = (
        AttendanceRecord.objects.count(),
        AttendanceRecord.history.count(),
        attendance_violations(),
        Violation.history.count(),
    )
    again = apply(preview(xlsx(rows)))
    assert again.summary["applied"] == {"created": 0, "updated": 0, "unchanged": len(PEOPLE)}
    assert (
        AttendanceRecord.objects.count(),
        AttendanceRecord.history.count(),
        attendance_violations(),
        Violation.history.count(),
    ) == before


def test_corrected_times_update_the_record_and_its_deductions(agency):
    apply(preview(xlsx(full_day(WINTER_DAY, {"VP05": (T(7, 40), T(16, 30))}))))
    corrected = apply(preview(xlsx([("VP05", "Bùi Thị Hằng", WINTER_DAY, T(7, 29), T(16, 31))])))
    record = clock_record("VP05", WINTER_DAY)
    assert corrected.summary["applied"] == {"created": 0, "updated": 1, "unchanged": 0}
    assert (record.check_in, record.late_minutes, record.version, record.clock_import_id) == (
        T(7, 29),
        0,
        2,
        corrected.pk,
    )
    assert attendance_violations("VP05") == [("VP05", WINTER_DAY, "LATE", RecordStatus.SUPERSEDED)]
    history = record.history.order_by("history_id")
    assert [(h.history_type, h.check_in, h.history_user.username) for h in history] == [
        ("+", T(7, 40), "vanphong"),
        ("~", T(7, 29), "vanphong"),
    ]


def test_a_manual_entry_wins_over_the_import(agency):
    vp05 = Staff.objects.get(code="VP05")
    AttendanceRecord.objects.create(staff=vp05, date=WINTER_DAY, status=AttendanceStatus.ANNUAL_LEAVE)
    rows = full_day(WINTER_DAY, {"VP05": (T(9, 0), T(16, 30))})
    batch = preview(xlsx(rows))
    assert counts(batch) == {"on_time": len(PEOPLE) - 1, "manual": 1}
    apply(batch)
    # The clock's times are kept beside the Office's entry, and never count.
    assert clock_record("VP05", WINTER_DAY).late_minutes == 90
    assert attendance_violations("VP05") == []


def test_a_person_with_a_manual_entry_and_no_row_has_no_problem(agency):
    AttendanceRecord.objects.create(
        staff=Staff.objects.get(code="VP05"), date=WINTER_DAY, status=AttendanceStatus.SICK
    )
    batch = preview(xlsx(full_day(WINTER_DAY, leave_out={"VP05"})))
    assert counts(batch) == {"on_time": len(PEOPLE) - 1}
    assert batch.problems == []


def test_a_file_over_two_campaigns_uses_each_campaigns_calendar(agency):
    copy_campaign(Campaign.objects.get(year=2023), year=2024, name="Phong trào thi đua năm 2024")
    rows = [
        ("VP05", "", date(2023, 12, 29), T(7, 40), T(16, 30)),
        ("VP05", "", date(2024, 1, 3), T(7, 40), T(16, 30)),
        ("VP05", "", date(2024, 1, 1), T(7, 40), T(16, 30)),  # New Year's Day
    ]
    batch = apply(preview(xlsx(rows)))
    assert counts(batch)["late"] == 2 and counts(batch)["non_working_day"] == 1
    assert sorted(
        Violation.objects.filter(staff__code="VP05").values_list("date", "type__campaign__year")
    ) == [(date(2023, 12, 29), 2023), (date(2024, 1, 3), 2024)]


def test_the_apply_runs_the_same_number_of_queries_for_10_and_100_rows(agency):
    people = [(code, name) for code, name, _division in PEOPLE[:10]]
    days = [date(2023, 3, d) for d in (6, 7, 8, 9, 10, 13, 14, 15, 16, 17)]

    def queries(days):
        rows = [
            (code, name, day, T(7, 40) if code == people[0][0] else T(7, 25), T(16, 35))
            for day in days
            for code, name in people
        ]
        batch = preview(xlsx(rows))
        with CaptureQueriesContext(connection) as context:
            apply(batch)
        assert batch.summary["rows"] == len(rows)
        return [query["sql"] for query in context.captured_queries]

    ten, hundred = queries(days[:1]), queries(days)
    assert statements(hundred) == statements(ten)
    if connection.vendor == "postgresql":
        assert len(hundred) == len(ten)


def statements(queries):
    """Each query as its verb and table, a bulk insert counted once: SQLite splits it at 999 values."""
    kept = []
    for sql in queries:
        table = re.search(r'(?:FROM|INTO|UPDATE) "?(\w+)', sql)
        what = sql.split()[0] + (f" {table[1]}" if table else "")
        if not (kept and kept[-1] == what and what.startswith("INSERT")):
            kept.append(what)
    return kept


# --- The rejects file ---


def test_the_rejects_file_holds_the_problem_rows_with_the_reason_and_no_formula(agency):
    text = (
        "Mã NV,Họ tên,Ngày,Giờ vào,Giờ ra\n"
        "LS01,Nguyễn Văn Hùng,07/03/2023,07:20,\n"
        '"=HYPERLINK(""http://x"",""y"")",@SUM(A1),07/03/2023,+07:20,-1\n'
    )
    batch = preview(csv_file(text))
    sheet = load_workbook(
        io.BytesIO(clock.rejects_workbook(batch.problems, batch.summary["headings"]))
    ).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[:3] == [
        [*HEADINGS, _("Reason")],
        [
            "LS01",
            "Nguyễn Văn Hùng",
            "07/03/2023",
            "07:20",
            None,
            _("No time out: the clock recorded the arrival only."),
        ],
        [
            '\'=HYPERLINK("HTTP://X","Y")',
            "'@SUM(A1)",
            "07/03/2023",
            "'+07:20",
            "'-1",
            _("The time in “%(value)s” is not a time (hh:mm).") % {"value": "+07:20"},
        ],
    ]
    assert {cell.data_type for row in sheet.iter_rows() for cell in row} <= {"s", "inlineStr"}  # no formula


def test_the_rejects_file_can_be_fixed_and_imported_again(agency):
    batch = apply(preview(xlsx(full_day(WINTER_DAY, {"LS01": (T(7, 20), None)}))))
    sheet = load_workbook(
        io.BytesIO(clock.rejects_workbook(batch.problems, batch.summary["headings"]))
    ).active
    sheet["E2"] = "16:45"
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    fixed = apply(preview(SimpleUploadedFile("sua.xlsx", buffer.getvalue())))
    assert counts(fixed) == {"on_time": 1}
    assert clock_record("LS01", WINTER_DAY).check_out == T(16, 45)


# --- The command ---


def write_xlsx(path, rows):
    path.write_bytes(xlsx(rows).read())
    return path


def test_the_command_prints_the_counts_and_applies(agency, tmp_path):
    path = write_xlsx(tmp_path / "cham-cong.xlsx", full_day(WINTER_DAY, {"VP05": (T(7, 36), T(16, 30))}))
    out = io.StringIO()
    call_command("import_attendance", str(path), "--user", "vanphong", stdout=out)
    people = len(PEOPLE)
    lines = out.getvalue().splitlines()
    assert lines[0] == _("Rows in the file: %(rows)s") % {"rows": people}
    assert f"  {ClockOutcome.ON_TIME.label}: {people - 1}" in lines
    assert f"  {ClockOutcome.LATE.label}: 1" in lines
    assert lines[-1] == _(
        "Applied: %(created)s records added, %(updated)s corrected, %(unchanged)s unchanged."
    ) % {"created": people, "updated": 0, "unchanged": 0}
    assert AttendanceRecord.objects.filter(source=AttendanceSource.CLOCK).count() == people
    assert ClockImport.objects.get().created_by.username == "vanphong"


def test_the_command_dry_run_applies_nothing(agency, tmp_path):
    path = write_xlsx(tmp_path / "cham-cong.xlsx", full_day(WINTER_DAY, {"LS01": (T(7, 20), None)}))
    rejects = tmp_path / "loi.xlsx"
    out = io.StringIO()
    call_command("import_attendance", str(path), "--dry-run", "--rejects", str(rejects), stdout=out)
    assert f"  {ClockOutcome.MISSING_PUNCH.label}: 1" in out.getvalue().splitlines()
    assert _("Dry run: nothing was applied.") in out.getvalue()
    assert (ClockImport.objects.count(), AttendanceRecord.objects.count()) == (0, 0)
    assert load_workbook(rejects).active["A2"].value == "LS01"


def test_the_command_refuses_a_bad_file(agency, tmp_path):
    path = tmp_path / "cham-cong.xlsx"
    path.write_text("không phải Excel")
    with pytest.raises(CommandError) as refused:
        call_command("import_attendance", str(path), "--user", "vanphong")
    assert str(refused.value) == _(
        "The file is not an Excel workbook (.xlsx) that can be read. Open it in Excel and "
        "save it again as .xlsx or as CSV UTF-8."
    )
    assert ClockImport.objects.count() == 0


def test_the_command_exits_non_zero_without_a_traceback_on_a_refused_file(tmp_path):
    path = tmp_path / "cham-cong.csv"
    path.write_text("lorem ipsum\n")
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "emulation_portal.test_settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_attendance", str(path), "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("CommandError: ")
    assert result.stdout == ""


# --- The views ---


def test_the_office_uploads_previews_applies_and_downloads_the_rejects(agency, login):
    client = login("vanphong")
    form = client.get("/discipline/clock-imports/new/")
    assert form.status_code == 200
    assert 'enctype="multipart/form-data"' in form.text
    upload = xlsx(full_day(WINTER_DAY, {"VP05": (T(7, 36), T(16, 30)), "LS01": (T(7, 20), None)}))
    response = client.post("/discipline/clock-imports/new/", {"file": upload})
    batch = ClockImport.objects.get()
    assert response.status_code == 302 and response.url == f"/discipline/clock-imports/{batch.pk}/"

    detail = client.get(response.url)
    assert detail.status_code == 200
    assert str(ClockOutcome.MISSING_PUNCH.label) in detail.text
    assert _("No time out: the clock recorded the arrival only.") in detail.text
    assert f'action="/discipline/clock-imports/{batch.pk}/apply/"' in detail.text
    assert "/discipline/sheet/?division=" in detail.text

    applied = client.post(f"/discipline/clock-imports/{batch.pk}/apply/")
    assert applied.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ClockImportStatus.APPLIED
    assert clock_record("VP05", WINTER_DAY).late_minutes == 6
    assert f'action="/discipline/clock-imports/{batch.pk}/apply/"' not in client.get(applied.url).text

    rejects = client.get(f"/discipline/clock-imports/{batch.pk}/rejects/")
    assert rejects.status_code == 200
    assert rejects["Content-Type"] == XLSX
    assert rejects["Content-Disposition"] == f'attachment; filename="cham-cong-loi-{batch.pk}.xlsx"'
    sheet = load_workbook(io.BytesIO(rejects.content)).active
    assert [cell.value for cell in sheet[2]] == [
        "LS01",
        "Nguyễn Văn Hùng",
        "07/03/2023",
        "07:20",
        None,
        _("No time out: the clock recorded the arrival only."),
    ]


def test_a_refused_upload_shows_why_and_saves_nothing(agency, login):
    response = login("vanphong").post("/discipline/clock-imports/new/", {"file": xlsx([], headings=[])})
    assert response.status_code == 200
    assert _("The file is empty.") in response.text
    assert ClockImport.objects.count() == 0


def test_applying_from_the_page_twice_shows_the_refusal(agency, login):
    client = login("vanphong")
    batch = apply(preview(xlsx(full_day(WINTER_DAY))))
    response = client.post(f"/discipline/clock-imports/{batch.pk}/apply/", follow=True)
    assert (
        _("This import has already been applied or discarded; it cannot be applied again.") in response.text
    )


@pytest.mark.parametrize("username", ["truongphong", "canbo", "giamdoc"])
def test_only_the_office_imports(agency, login, username):
    batch = preview(xlsx(full_day(WINTER_DAY)))
    client = login(username)
    for url in [
        "/discipline/clock-imports/new/",
        f"/discipline/clock-imports/{batch.pk}/",
        f"/discipline/clock-imports/{batch.pk}/rejects/",
    ]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/discipline/clock-imports/{batch.pk}/apply/").status_code == 403
    assert (
        client.post("/discipline/clock-imports/new/", {"file": xlsx(full_day(WINTER_DAY))}).status_code == 403
    )
    batch.refresh_from_db()
    assert (batch.status, ClockImport.objects.count()) == (ClockImportStatus.PREVIEWED, 1)


def test_anonymous_users_are_sent_to_the_login_page(agency, client):
    response = client.get("/discipline/clock-imports/new/")
    assert response.status_code == 302 and response.url.startswith("/login/")
