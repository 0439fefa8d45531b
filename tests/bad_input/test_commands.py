"""Every management command of the portal, given wrong arguments, as a person at a terminal would (issue 7).

Each runs as its own process, as it would be run: it must exit non-zero, print no traceback, say why in
Vietnamese on stderr, print nothing on stdout and save nothing. The processes cannot see the test database
(an SQLite one lives in memory), so they share a database file of their own, migrated and loaded with the
demo department once for this module; "nothing saved" is the row count of each of its tables, before and
after.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.translation import gettext as _
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
ARGUMENTS = 2  # argparse's exit status for wrong arguments; a refusal of the command (CommandError) is 1
WRONG_ARGUMENTS = "%(command)s: wrong arguments: %(reason)s. Run it with --help to see what it takes."
MONTH_FORMAT = "The month must be written yyyy-mm, e.g. 2023-04."
GOOD_CSV = "Mã NV,Họ tên,Ngày,Giờ vào,Giờ ra\nZZ99,Không Có,07/03/2023,07:20,\n"


def vietnamese(msgid: str, **params) -> str:
    translated = _(msgid)
    assert translated != msgid, f"no Vietnamese for {msgid!r}"
    return translated % params if params else translated


def wrong(command, msgid, **params):
    """What argparse's refusal says: the usage, then this line."""
    reason = vietnamese(msgid, **params)
    return ARGUMENTS, vietnamese(WRONG_ARGUMENTS, command=f"manage.py {command}", reason=reason)


def refused(msgid, **params):
    return 1, "CommandError: " + vietnamese(msgid, **params)


# (id, arguments — "{tmp}" is the test's folder —, the exit status and the last line of stderr)
CASES = [
    ("seed_demo-unknown-option", ["seed_demo", "--bogus"],
     lambda: wrong("seed_demo", "unknown arguments: %(detail)s", detail="--bogus")),
    ("seed_demo-extra-argument", ["seed_demo", "--if-empty", "2023"],
     lambda: wrong("seed_demo", "unknown arguments: %(detail)s", detail="2023")),
    ("seed_demo-verbosity-not-a-number", ["seed_demo", "-v", "abc"],
     lambda: wrong(
         "seed_demo", "the value of the argument %(detail)s is not valid", detail="-v/--verbosity"
     )),
    ("load_campaign_2023-unknown-option", ["load_campaign_2023", "--year", "2024"],
     lambda: wrong("load_campaign_2023", "unknown arguments: %(detail)s", detail="--year 2024")),
    ("verify_months-extra-argument", ["verify_months", "2023-04"],
     lambda: wrong("verify_months", "unknown arguments: %(detail)s", detail="2023-04")),
    ("run_tally-no-month", ["run_tally"],
     lambda: wrong("run_tally", "missing arguments: %(detail)s", detail="--month")),
    ("run_tally-month-without-value", ["run_tally", "--month"],
     lambda: wrong("run_tally", "the argument %(detail)s needs a value", detail="--month")),
    ("run_tally-month-13", ["run_tally", "--month", "2023-13"], lambda: refused(MONTH_FORMAT)),
    ("run_tally-month-abc", ["run_tally", "--month", "abc"], lambda: refused(MONTH_FORMAT)),
    ("run_tally-month-one-digit", ["run_tally", "--month", "2023-4"], lambda: refused(MONTH_FORMAT)),
    ("run_tally-month-without-campaign", ["run_tally", "--month", "1999-01"],
     lambda: refused("No campaign covers %(year)s.", year=1999)),
    ("refresh_dashboard-nothing", ["refresh_dashboard"],
     lambda: refused("Give either --year (e.g. 2023) or --month (e.g. 2023-04).")),
    ("refresh_dashboard-year-and-month", ["refresh_dashboard", "--year", "2023", "--month", "2023-04"],
     lambda: refused("Give either --year (e.g. 2023) or --month (e.g. 2023-04).")),
    ("refresh_dashboard-month-13", ["refresh_dashboard", "--month", "2023-13"],
     lambda: refused(MONTH_FORMAT)),
    ("refresh_dashboard-year-abc", ["refresh_dashboard", "--year", "abc"],
     lambda: refused("The year must be written yyyy, e.g. 2023.")),
    ("refresh_dashboard-year-without-campaign", ["refresh_dashboard", "--year", "1999"],
     lambda: refused("No campaign covers %(year)s.", year=1999)),
    ("refresh_dashboard-nothing-tallied", ["refresh_dashboard", "--year", "2023"],
     lambda: refused("No month of %(year)s has been tallied: run the tally first.", year=2023)),
    ("export_report-nothing", ["export_report"],
     lambda: wrong("export_report", "missing arguments: %(detail)s", detail="report, --format, -o/--output")),
    ("export_report-unknown-report", ["export_report", "weekly", "--format", "xlsx", "-o", "{tmp}/r.xlsx"],
     lambda: refused("Unknown report “%(name)s”; the reports are: %(names)s.", name="weekly",
                     names="monthly, midyear, yearend, shortlist, minutes, submission, decision")),
    ("export_report-unknown-format",
     ["export_report", "monthly", "--format", "doc", "-o", "{tmp}/r.doc", "--month", "2023-04"],
     lambda: refused("Unknown format “%(format)s”; the formats are: %(formats)s.", format="doc",
                     formats="pdf, xlsx")),
    ("export_report-no-month", ["export_report", "monthly", "--format", "xlsx", "-o", "{tmp}/r.xlsx"],
     lambda: refused("Give the month with --month, e.g. --month 2023-04.")),
    ("export_report-month-13",
     ["export_report", "monthly", "--format", "xlsx", "-o", "{tmp}/r.xlsx", "--month", "2023-13"],
     lambda: refused("The month must be written yyyy-mm, e.g. 2023-04.")),
    ("export_report-month-abc",
     ["export_report", "monthly", "--format", "xlsx", "-o", "{tmp}/r.xlsx", "--month", "abc"],
     lambda: refused("The month must be written yyyy-mm, e.g. 2023-04.")),
    ("export_report-month-without-campaign",
     ["export_report", "monthly", "--format", "xlsx", "-o", "{tmp}/r.xlsx", "--month", "1999-01"],
     lambda: refused("No campaign covers the month %(month)02d/%(year)s.", month=1, year=1999)),
    ("export_report-output-is-a-folder",
     ["export_report", "monthly", "--format", "xlsx", "-o", "{tmp}", "--month", "2023-04"],
     lambda: refused("%(path)s is a folder: name the file to write.", path="{tmp}")),
    ("export_report-output-folder-missing",
     ["export_report", "monthly", "--format", "xlsx", "-o", "{tmp}/khong-co/r.xlsx", "--month", "2023-04"],
     lambda: refused("The folder %(folder)s does not exist.", folder="{tmp}/khong-co")),
    ("export_report-unknown-division",
     ["export_report", "monthly", "--format", "xlsx", "-o", "{tmp}/r.xlsx", "--month", "2023-04",
      "--division", "XX"],
     lambda: refused("No division has the code “%(code)s”; the codes are: %(codes)s.", code="XX",
                     codes="BGD, VP, LS, HTQT, QLBG, TTDN")),
    ("export_report-document-not-made-in-format",
     ["export_report", "decision", "--format", "xlsx", "-o", "{tmp}/qd.xlsx", "--year", "2023"],
     lambda: refused("The document “%(kind)s” is not made as %(format)s; it is made as: %(formats)s.",
                     kind="decision", format="xlsx", formats="pdf")),
    ("export_report-document-no-year", ["export_report", "decision", "--format", "pdf", "-o", "{tmp}/qd.pdf"],
     lambda: refused("Give the campaign year with --year, e.g. --year 2023.")),
    ("export_report-document-year-abc",
     ["export_report", "decision", "--format", "pdf", "-o", "{tmp}/qd.pdf", "--year", "abc"],
     lambda: refused("The year must be written yyyy, e.g. --year 2023.")),
    ("export_report-document-year-without-campaign",
     ["export_report", "decision", "--format", "pdf", "-o", "{tmp}/qd.pdf", "--year", "1999"],
     lambda: refused("No campaign for the year %(year)s.", year=1999)),
    ("export_report-minutes-session-abc",
     ["export_report", "minutes", "--format", "pdf", "-o", "{tmp}/bb.pdf", "--year", "2023",
      "--session", "abc"],
     lambda: refused("No council session %(session)s in %(year)s.", session="abc", year=2023)),
    ("import_attendance-no-file", ["import_attendance"],
     lambda: wrong("import_attendance", "missing arguments: %(detail)s", detail="file")),
    ("import_attendance-file-missing", ["import_attendance", "{tmp}/khong-co.xlsx", "--dry-run"],
     lambda: refused("The file %(path)s does not exist.", path="{tmp}/khong-co.xlsx")),
    ("import_attendance-a-folder", ["import_attendance", "{tmp}", "--dry-run"],
     lambda: refused("%(path)s is a folder: name the file to import.", path="{tmp}")),
    ("import_attendance-text-renamed-xlsx", ["import_attendance", "{tmp}/van-ban.xlsx", "--dry-run"],
     lambda: refused("The file is not an Excel workbook (.xlsx) that can be read. Open it in Excel and save "
                     "it again as .xlsx or as CSV UTF-8.")),
    ("import_attendance-unknown-format", ["import_attendance", "{tmp}/cham-cong.pdf", "--dry-run"],
     lambda: refused("Only .xlsx and .csv files can be imported.")),
    ("import_attendance-empty-workbook", ["import_attendance", "{tmp}/trong.xlsx", "--user", "vanphong"],
     lambda: refused("The file is empty.")),
    ("import_attendance-unknown-account", ["import_attendance", "{tmp}/cham-cong.csv", "--user", "khong-co"],
     lambda: refused("No active account %(username)s.", username="khong-co")),
    ("import_attendance-no-account", ["import_attendance", "{tmp}/cham-cong.csv"],
     lambda: refused("Name the account the import is recorded for with --user.")),
    ("import_attendance-rejects-is-a-folder",
     ["import_attendance", "{tmp}/cham-cong.csv", "--dry-run", "--rejects", "{tmp}"],
     lambda: refused("%(path)s is a folder: name the file to write.", path="{tmp}")),
    # Before the fix, the import was applied and then the command failed with a traceback.
    ("import_attendance-rejects-folder-missing",
     ["import_attendance", "{tmp}/cham-cong.csv", "--user", "vanphong",
      "--rejects", "{tmp}/khong-co/loi.xlsx"],
     lambda: refused("The folder %(folder)s does not exist.", folder="{tmp}/khong-co")),
    ("start_agency-nothing", ["start_agency"],
     lambda: wrong("start_agency", "missing arguments: %(detail)s",
                   detail="--code, --name, --gender, --recruited, --username")),
    ("start_agency-name-without-value",
     ["start_agency", "--code", "VP04", "--gender", "nữ", "--recruited", "17/02/2014", "--username", "a", "--name"],
     lambda: wrong("start_agency", "the argument %(detail)s needs a value", detail="--name")),
    ("start_agency-installation-has-staff",
     ["start_agency", "--code", "VP99", "--name", "Người Mới", "--gender", "nữ", "--recruited", "17/02/2014",
      "--username", "nguoimoi"],
     lambda: refused("This installation already has staff: add people and accounts in the portal instead.")),
    ("backup-keep-zero", ["backup", "--output-dir", "{tmp}/sao-luu", "--keep", "0"],
     lambda: refused("--keep must be at least 1.")),
    ("backup-keep-abc", ["backup", "--keep", "abc"],
     lambda: wrong("backup", "the value of the argument %(detail)s is not valid", detail="--keep")),
    ("backup-output-is-a-file", ["backup", "--output-dir", "{tmp}/van-ban.xlsx"],
     lambda: refused("%(path)s is a file, not a folder.", path="{tmp}/van-ban.xlsx")),
    ("restore-nothing", ["restore"],
     lambda: wrong("restore", "missing arguments: %(detail)s", detail="archive")),
    ("restore-archive-missing", ["restore", "{tmp}/khong-co.tar.gz"],
     lambda: refused("%(path)s does not exist or is not a file.", path="{tmp}/khong-co.tar.gz")),
    ("restore-not-an-archive", ["restore", "{tmp}/van-ban.xlsx"],
     lambda: refused("%(path)s is not a backup of the portal.", path="{tmp}/van-ban.xlsx")),
]


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A database file of the commands' own, migrated, with the demo department (no records)."""
    path = tmp_path_factory.mktemp("commands") / "portal.sqlite3"
    for arguments in (["migrate", "--verbosity", "0"], ["seed_demo", "--without-year"]):
        result = run(arguments, path, tmp_path_factory.getbasetemp())
        assert result.returncode == 0, result.stderr
    return path


def run(arguments, database, folder):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "emulation_portal.test_settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(folder / "media"),
        "LANG": "C.UTF-8",
        "LANGUAGE": "vi",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def row_counts(database) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        count = 'SELECT COUNT(*) FROM "{}"'.format
        return {table: connection.execute(count(table)).fetchone()[0] for table in tables}


def files(folder: Path) -> None:
    """The inputs the cases name, in the test's folder."""
    (folder / "van-ban.xlsx").write_text("Mã NV,Ngày\nVP04,07/03/2023\n")
    (folder / "cham-cong.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "cham-cong.csv").write_text(GOOD_CSV)
    Workbook().save(folder / "trong.xlsx")


@pytest.mark.parametrize(
    ("arguments", "answer"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_a_command_given_wrong_arguments_says_why_in_vietnamese_and_saves_nothing(
    database, tmp_path, arguments, answer
):
    files(tmp_path)
    inputs = sorted(tmp_path.iterdir())
    before = row_counts(database)
    result = run([argument.replace("{tmp}", str(tmp_path)) for argument in arguments], database, tmp_path)
    status, message = answer()
    assert "Traceback" not in result.stderr
    last_line = result.stderr.splitlines()[-1]
    assert (result.returncode, last_line) == (status, message.replace("{tmp}", str(tmp_path)))
    assert result.stdout == ""
    assert row_counts(database) == before
    assert sorted(tmp_path.iterdir()) == inputs  # no report, no rejects file written


def test_every_command_of_the_portal_is_tried():
    commands = {
        path.stem
        for app in ("organization", "campaigns", "discipline")
        for path in (ROOT / app / "management" / "commands").glob("[!_]*.py")
    }
    tried = {arguments[0] for _id, arguments, _answer in CASES if arguments}
    assert commands <= tried
