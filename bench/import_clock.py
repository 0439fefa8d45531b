"""Benchmark of the time-clock import: a year of a 400-person agency (100,000 rows) into PostgreSQL.

The target (issue 3, "Speed"): preview + apply of such a file in under 15 s and under 300 MB of memory, as
the median of several runs. Results, with the machine they ran on, go to docs/performance.md.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal .venv/bin/python bench/import_clock.py

Options: ``--runs 5`` (runs per file), ``--formats xlsx,xlsx-inline,csv``, ``--keep`` (leave the scratch
database and the files).

What it does:

1. Drops and re-creates a scratch database next to the one DATABASE_URL names (``<name>_bench_clock``: the
   user needs CREATEDB; the portal's own database is never touched), migrates it, loads the 2023 campaign
   and builds 400 people in 8 divisions.
2. Writes the time clock's export for 2023, deterministically (a fixed random seed): 400 people × the 250
   working days of the 2023 calendar = 100,000 rows. Most people are on time most days; a few are often
   late (some heavily), some leave early now and then; 0.5 % of the rows miss a punch and 1 % have no punch
   at all (leave the Office records by hand). The .xlsx files carry real Excel dates and times, as a clock's
   export does, one with its texts shared as Excel writes them, one with every text inline as openpyxl
   writes them (slower to read); the .csv carries dd/mm/yyyy and hh:mm:ss.
3. For each run, in a fresh Python process (so that its peak memory is its own): empties the attendance
   tables, then times ``preview_clock_import`` (read + check + keep the file) and ``apply_clock_import``
   (check the kept rows again + write the records, their history and the derived deductions, in one
   transaction),
   then the re-import of the same file (which must write nothing); reads the process's peak resident memory
   (``resource.getrusage``: ru_maxrss, so the interpreter and Django are included).
4. Prints each run and the medians, and the machine: CPUs, CPU model, RAM, PostgreSQL version.
"""

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import run_child  # noqa: E402  (after the path is set)

PEOPLE = 400
DIVISIONS = 8
SCRATCH_SUFFIX = "_bench_clock"
SEED = 2023
# The same rows three ways: an .xlsx with its texts shared as Excel writes them, the .xlsx openpyxl
# writes (every text inline: slower to read), and a .csv.
FILES = {
    "xlsx": "cham-cong-2023.xlsx",
    "xlsx-inline": "cham-cong-2023-inline.xlsx",
    "csv": "cham-cong-2023.csv",
}
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Nông",
]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Thu", "Ngọc", "Đức", "Hữu", "Anh"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Hà",
    "Hải",
    "Hằng",
    "Hùng",
    "Hương",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
]


# --- The parent: scratch database, file, runs, report ---


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--formats", default=",".join(FILES), help=f"some of {', '.join(FILES)}")
    parser.add_argument("--keep", action="store_true", help="leave the scratch database and files in place")
    args = parser.parse_args()

    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (postgres://user:password@host:port/name).")
    scratch_url, scratch_name = _scratch(base_url)
    _sql(base_url, f'DROP DATABASE IF EXISTS "{scratch_name}"', f'CREATE DATABASE "{scratch_name}"')
    work = Path(tempfile.mkdtemp(prefix="bench-clock-"))
    env = os.environ | {
        "DATABASE_URL": scratch_url,
        "DJANGO_SETTINGS_MODULE": "emulation_portal.settings",
        "MEDIA_ROOT": str(work / "media"),
        "DEBUG": "0",
        "CONN_MAX_AGE": "0",
    }
    try:
        _child(env, "setup")
        results = {}
        for kind in args.formats.split(","):
            path = work / FILES[kind]
            made = _child(env, "write", str(path))
            print(f"\n{path.name}: {made['rows']:,} rows, {path.stat().st_size / 1e6:.1f} MB")
            runs = [_child(env, "run", str(path)) for _ in range(args.runs)]
            for number, run in enumerate(runs, start=1):
                print(
                    f"  run {number}: preview {run['preview']:.2f} s + apply {run['apply']:.2f} s = "
                    f"{run['total']:.2f} s; peak {run['peak_mb']:.0f} MB; re-import {run['reimport']:.2f} s; "
                    f"{run['written']}"
                )
            results[kind] = {
                key: statistics.median(run[key] for run in runs)
                for key in ("preview", "apply", "total", "peak_mb", "reimport")
            }
            results[kind]["counts"] = runs[-1]["counts"]
        _report(results, args.runs)
    finally:
        if not args.keep:
            _sql(base_url, f'DROP DATABASE IF EXISTS "{scratch_name}"')
            shutil.rmtree(work, ignore_errors=True)


def _scratch(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + SCRATCH_SUFFIX
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _sql(url: str, *statements: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname=parts.path.lstrip("/"),
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    connection.close()


def _child(env: dict, *command: str) -> dict:
    return run_child(__file__, env, *command)


def _report(results: dict, runs: int) -> None:
    print(f"\nMedians of {runs} runs (each in a fresh process):")
    for kind, median in results.items():
        print(
            f"  {kind}: preview {median['preview']:.2f} s, apply {median['apply']:.2f} s, "
            f"total {median['total']:.2f} s, peak memory {median['peak_mb']:.0f} MB, "
            f"re-import of the same file {median['reimport']:.2f} s"
        )
        print(f"    counts: {median['counts']}")
    print("\nMachine:")
    for label, value in _machine().items():
        print(f"  {label}: {value}")


def _machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    server = _child(os.environ | {"DJANGO_SETTINGS_MODULE": "emulation_portal.settings"}, "version")
    return {
        "CPUs (nproc)": os.cpu_count(),
        "CPU": cpu,
        "RAM": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "PostgreSQL": server["version"],
        "Python": platform.python_version(),
        "OS": platform.platform(),
    }


# --- The children: each step in its own process ---


def child(command: str, *args: str) -> dict:
    import django

    django.setup()
    return {"setup": _setup, "write": _write, "run": _run, "version": _version}[command](*args)


def _setup() -> dict:
    from django.core.management import call_command

    from campaigns.services import load_campaign_2023
    from organization.models import Division, Membership, Position, Staff, User
    from organization.vietnamese import name_sort_key

    call_command("migrate", verbosity=0)
    load_campaign_2023()
    User.objects.create_user("bench", password="bench-clock-2023")
    position = Position.objects.create(name="Chuyên viên", rank=8)
    divisions = Division.objects.bulk_create(
        Division(code=f"P{n}", name=f"Phòng {n}", display_order=n) for n in range(1, DIVISIONS + 1)
    )
    pick = random.Random(SEED)
    people = []
    for n in range(1, PEOPLE + 1):
        name = f"{pick.choice(FAMILY)} {pick.choice(MIDDLE)} {pick.choice(GIVEN)}"
        people.append(
            Staff(
                code=f"NV{n:04d}",
                full_name=name,
                name_sort_key=name_sort_key(name),
                gender="male",
                position=position,
                date_recruited=date(2015, 1, 1),
            )
        )
    people = Staff.objects.bulk_create(people)
    Membership.objects.bulk_create(
        Membership(staff=person, division=divisions[n % DIVISIONS], start=date(2015, 1, 1))
        for n, person in enumerate(people)
    )
    return {"people": len(people)}


def _write(path: str) -> dict:
    from campaigns.models import Campaign
    from campaigns.workdays import WorkCalendar
    from organization.models import Staff

    campaign = Campaign.objects.get(year=2023)
    calendar = WorkCalendar(campaign)
    people = list(Staff.objects.order_by("code").values_list("code", "full_name"))
    pick = random.Random(SEED)
    # Most people are punctual; some are late now and then; a few are late often.
    habits = [pick.choices([0.01, 0.06, 0.25], weights=[85, 12, 3])[0] for _person in people]
    rows = []
    for day in calendar.working_days(campaign.start_date, campaign.end_date):
        schedule = calendar.schedule_on(day)
        start = datetime.combine(day, schedule.morning_start)
        end = datetime.combine(day, schedule.afternoon_end)
        for (code, name), lateness in zip(people, habits, strict=True):
            arrive = start + timedelta(seconds=pick.randint(-30 * 60, 0))
            if pick.random() < lateness:
                arrive = start + timedelta(seconds=pick.randint(4 * 60, 45 * 60))
            leave = end + timedelta(seconds=pick.randint(0, 40 * 60))
            if pick.random() < 0.02:
                leave = end - timedelta(seconds=pick.randint(3 * 60, 40 * 60))
            check_in, check_out = arrive.time(), leave.time()
            luck = pick.random()
            if luck < 0.01:
                check_in = check_out = None
            elif luck < 0.0125:
                check_in = None
            elif luck < 0.015:
                check_out = None
            rows.append((code, name, day, check_in, check_out))
    headings = ["Mã NV", "Họ tên", "Ngày", "Giờ vào", "Giờ ra"]
    if path.endswith(".csv"):
        _write_csv(path, headings, rows)
    else:
        _write_xlsx(path, headings, rows)
    return {"rows": len(rows)}


def _write_xlsx(path: str, headings: list, rows: list) -> None:
    # A normal (not write-only) workbook, so that the sheet carries its dimension as Excel writes it.
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    for cell in sheet["C"][1:]:
        cell.number_format = "DD/MM/YYYY"
    workbook.save(path)
    if not path.endswith("-inline.xlsx"):
        _share_strings(path)


def _share_strings(path: str) -> None:
    """Store the text cells once in xl/sharedStrings.xml, as Excel does (openpyxl writes each one inline)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    strings: dict[str, int] = {}

    def shared(match):
        index = strings.setdefault(match[3], len(strings))
        return f'<c r="{match[1]}"{match[2] or ""} t="s"><v>{index}</v></c>'

    sheet = "xl/worksheets/sheet1.xml"
    inline = (
        r'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="inlineStr">'
        r'<is><t(?: xml:space="preserve")?>(.*?)</t></is></c>'
    )
    parts[sheet] = re.sub(inline, shared, parts[sheet].decode()).encode()
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)  # escaped already
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _write_csv(path: str, headings: list, rows: list) -> None:
    import csv

    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headings)
        for code, name, day, check_in, check_out in rows:
            writer.writerow(
                [
                    code,
                    name,
                    f"{day:%d/%m/%Y}",
                    f"{check_in:%H:%M:%S}" if check_in else "",
                    f"{check_out:%H:%M:%S}" if check_out else "",
                ]
            )


def _run(path: str) -> dict:
    from django.core.files import File
    from django.db import connection

    from discipline.clock import apply_clock_import, preview_clock_import
    from organization.models import User

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE discipline_attendancerecord, discipline_historicalattendancerecord, "
            "discipline_violation, "
            "discipline_historicalviolation, discipline_commendation, discipline_historicalcommendation, "
            "discipline_notification, discipline_clockimport RESTART IDENTITY CASCADE"
        )
    user = User.objects.get(username="bench")
    timings = {}
    with open(path, "rb") as handle:
        started = time.perf_counter()
        batch = preview_clock_import(File(handle, name=Path(path).name), by=user)
        timings["preview"] = time.perf_counter() - started
        started = time.perf_counter()
        batch = apply_clock_import(batch, by=user)
        timings["apply"] = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open(path, "rb") as handle:
        started = time.perf_counter()
        again = apply_clock_import(preview_clock_import(File(handle, name=Path(path).name), by=user), by=user)
        timings["reimport"] = time.perf_counter() - started
    assert again.summary["applied"]["created"] == again.summary["applied"]["updated"] == 0, again.summary[
        "applied"
    ]
    counts = {key: value for key, value in batch.summary["counts"].items() if value}
    return timings | {
        "total": timings["preview"] + timings["apply"],
        "peak_mb": peak_mb,
        "counts": counts,
        "written": batch.summary["applied"],
    }


def _version() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return {"version": cursor.fetchone()[0]}


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(*sys.argv[2:])))
    else:
        main()
