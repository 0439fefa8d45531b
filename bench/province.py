"""Benchmark of the monthly tally at province scale: 20,000 people in 40 divisions, a year of records.

The target (issue 4, "Speed"): computing a month's scores for all 20,000 people takes no more than 1.5 ×
the time of one hand-written SQL query that returns, per person, the month's summed deductions per content;
the whole tally, saving included, takes under 3 s. Medians of several runs, measured in the same run.
Results, with the machine they ran on, go to docs/performance.md.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal .venv/bin/python bench/province.py

Steps (the first argument; ``all`` when omitted):

- ``all``: build the scratch database from scratch, measure, then drop it (``--keep`` leaves it).
- ``build``: build it from scratch and leave it in place for later measurements and other benchmarks.
- ``measure``: measure on the database a ``build`` (or ``all --keep``) left; builds it first if it is
  missing or was built by an older version of this script.
- ``drop``: drop it.

Options: ``--month 2023-04`` (the month measured), ``--runs 5`` (timed runs per measurement, after one
warm-up run that is not counted), ``--keep`` (with ``all``), ``--profile`` (also print where
``score_month`` spends its time, from cProfile).

What it builds (deterministic: a fixed seed, people in the order of their codes), in a scratch database next
to the one DATABASE_URL names (``<name>_bench_province``: the user needs CREATEDB; the portal's own database
is never touched), migrated as the portal's:

- the 2023 campaign (``campaigns.services.load_campaign_2023``), the positions of the demo, the demo's agency
  profile and an Office account ``bench`` (who recorded everything);
- 40 divisions: the board (4 people), the Office and 38 specialised divisions (about 513 people each), each
  with its head (Giám đốc, Chánh Văn phòng, Trưởng phòng) and deputies; 20,000 people with their
  memberships. 2 % are recruited during 2023, 1 % leave during 2023, 2 % move to another division during
  the year (two memberships);
- a year of records at the rates of the demo year (discipline/demo.py, 45 people): attendance exceptions
  (annual leave, sick days, leave with permission, trips in the country, trips abroad in four
  "international" divisions, maternity leave, duty on days off, late arrivals — occasional and 9 % repeat
  latecomers —, early leaves, unexcused absences), each an ``AttendanceRecord`` entered by the Office; the
  deductions they give (``discipline.attendance.assess``) as violations with ``source="attendance"`` linked
  to their record, and the duty bonus as commendations from attendance; incidents the Office records
  (``source="manual"``: badges, late tasks, smoking, rare vetoes…), commendations, decided sanctions (each
  with an alcohol incident some weeks before); about 1 % of derived deductions withdrawn after an
  explanation or corrected in attendance, and 10 % of incidents withdrawn. About 413,000 attendance
  records, 117,000 violations (9,500 counting in April), 15,000 commendations, 460 sanctions. The rows are
  written with PostgreSQL's COPY, without history rows, notifications or explanations (nothing the tally
  reads); then the database is analysed. It builds in about 25 s. A table ``bench_province`` marks the build
  complete, with what it holds.

What it measures, for the month (each after one uncounted warm-up run, then ``--runs`` timed runs):

(a) the baseline: one hand-written SQL query returning, for everyone in post during the month, the summed
    points of the month's counting violations (``status='active'``, every source) per content ND1–ND6,
    fetched into Python;
(b) ``discipline.scoring.score_month(campaign, year, month)`` for everyone;
    and, for reference, the whole score in one hand-written query (division, points kept, capped bonus and
    total, grade, vetoes, in the order of names): what SQL alone costs for the same answer;
(c) ``discipline.services.run_tally(campaign, year, month)``, saving included: on a month without stored
    scores (deleted first, not timed), then again with nothing changed.

It checks that (a) and (b) agree on every person's deductions (and counts the lines where the reference
query agrees with (b)), prints a fingerprint of the scores (so two versions of scoring.py can be compared
on the same data), each run, the medians and spreads, the ratios, and the machine. The month's scores stay
stored afterwards.

Reusing the database from another script (a benchmark of the monthly report's PDF or Excel, say; a script
in bench/ imports ``province`` directly, anything else ``bench.province`` with the project root on
sys.path)::

    from province import ensure_built, django_env
    url = ensure_built(os.environ["DATABASE_URL"])      # builds only if missing or outdated
    subprocess.run([...], env=django_env(url))          # run Django steps in a process on that database

``scratch(base_url)`` gives the scratch database's URL and name, ``is_built(base_url)`` whether a complete
build is there, ``build(base_url)`` builds it from scratch, ``drop(base_url)`` drops it. Inside a process on
that database, ``office_user()`` is the ``bench`` account and ``summary()`` what the build holds.
"""

import argparse
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import run_child  # noqa: E402  (after the path is set)

# The size: a province by default; BENCH_PEOPLE and BENCH_DIVISIONS build a smaller one in a database of its own
# (bench/load.py builds the demo-sized Sở of 500 people this way).
PEOPLE = int(os.environ.get("BENCH_PEOPLE") or 20_000)
DIVISIONS = int(os.environ.get("BENCH_DIVISIONS") or 40)
SIZED = (PEOPLE, DIVISIONS) != (20_000, 40)
SCRATCH_SUFFIX = f"_bench_province_{PEOPLE}" if SIZED else "_bench_province"
# Bump when the generated data change: ``ensure_built`` then builds again rather than reuse an old build.
GENERATOR = f"province-1-{PEOPLE}-{DIVISIONS}" if SIZED else "province-1"
MARKER_TABLE = "bench_province"
YEAR = 2023
SEED = 4_2023
BOARD_SIZE = 4
INTERNATIONAL = {5, 15, 25, 35}  # divisions (by number) whose people travel abroad
OFFICE_USERNAME = "bench"

# --- Rates, from the demo year (discipline/demo.py and what it produced for its 45 people) ---

RECRUITED_IN_YEAR = 0.02
LEFT_IN_YEAR = 0.01
TRANSFERRED_IN_YEAR = 0.02
REPEAT_LATECOMER = 4 / 45  # 2–5 late arrivals a month
REPEAT_LATE_RANGE = (2, 5)
REPEAT_HEAVY_SHARE = 0.35
OCCASIONAL_LATE = 0.12  # per person and month: one late arrival
OCCASIONAL_HEAVY_SHARE = 0.3
OCCASIONAL_EARLY = 0.03  # per person and month: one early leave
ABSENT_HALF_A_YEAR = 3 / 45
ABSENT_DAY_A_YEAR = 2 / 45
MATERNITY_A_YEAR = 2 / 45  # of women: about one person in 45, as in the demo
TRIPS_ABROAD = (1, 3)  # trips a year in the international divisions, 3–5 working days each
DOMESTIC_TRIPS = (0, 4)  # trips a year, 1–3 working days each
DUTY_A_YEAR = 0.45  # one day of duty on a day off
SICK_EPISODE = 0.45
PERMITTED_DAY = 0.3
INCIDENTS_A_YEAR = 17 / 45  # recorded by the Office
COMMENDATIONS_A_YEAR = 14 / 45
SANCTIONS_A_YEAR = 1 / 45
DERIVED_WITHDRAWN = 0.005  # explained and accepted
DERIVED_CORRECTED = 0.005  # the day was corrected in attendance (an assignment the Office learnt of)
INCIDENT_WITHDRAWN = 0.1

# Incidents as the demo records them, with a little weight on the rest of the catalogue (vetoes included);
# alcohol comes with each sanction, as in the demo.
INCIDENT_TYPES = {
    "NO_BADGE": 5, "TASK_LATE": 6, "TASK_MISSED": 2, "SMOKING": 1, "DISUNITY": 1, "ADVISORY": 1,
    "PRIVATE_WORK": 0.5, "NO_STUDY": 0.5, "HARASSMENT": 0.3, "WASTE": 0.3, "SHIRKING": 0.3, "HIERARCHY": 0.3,
    "GAMBLING": 0.05, "ABUSE_OF_POSITION": 0.05,
}
COMMENDATION_TYPES = {"PRAISED": 3, "OUTSTANDING_TASK": 4, "EXEMPLARY": 3, "INITIATIVE": 4}

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
          "Lý", "Nông", "Lương", "Hà", "Triệu", "Vi", "Lục", "Đinh", "Phan", "Mai", "Trương", "Lâm"]
MIDDLE_M = ["Văn", "Minh", "Quốc", "Đức", "Hữu", "Anh", "Thanh", "Ngọc", "Xuân", "Công"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Bích", "Kim"]
GIVEN_M = ["An", "Bình", "Dũng", "Hải", "Hùng", "Long", "Nam", "Phong", "Quân", "Sơn", "Tuấn", "Thắng",
           "Đông", "Khánh", "Lâm", "Ước", "Ân", "Ất"]
GIVEN_F = ["Chi", "Hà", "Hằng", "Hương", "Lan", "Linh", "Mai", "Nga", "Thảo", "Trang", "Vân", "Yến", "Hường",
           "Ánh", "Đào", "Út", "Lụa", "Ngân"]


# --- Reusable: where the database is, whether it is built, building it ---


def scratch(base_url: str) -> tuple[str, str]:
    """The scratch database's URL and name, next to the database ``base_url`` names."""
    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") + SCRATCH_SUFFIX
    return urlunsplit(parts._replace(path=f"/{name}")), name


def django_env(url: str, **extra: str) -> dict:
    """The environment of a process that runs Django on the database ``url``."""
    return os.environ | {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "emulation_portal.settings",
        "DEBUG": "0",
        "CONN_MAX_AGE": "0",
    } | extra


def is_built(base_url: str) -> bool:
    """Whether the scratch database holds a complete build of this version of the generator."""
    name = scratch(base_url)[1]
    if not _sql(base_url, "SELECT 1 FROM pg_database WHERE datname = %s", (name,)):
        return False
    url = scratch(base_url)[0]
    if _sql(url, "SELECT to_regclass(%s)", (MARKER_TABLE,))[0][0] is None:
        return False
    return bool(_sql(url, f"SELECT 1 FROM {MARKER_TABLE} WHERE key = 'generator' AND value = %s",
                     (json.dumps(GENERATOR),)))


def build(base_url: str) -> str:
    """Drop and create the scratch database, migrate it and generate the data; returns its URL."""
    url, name = scratch(base_url)
    drop(base_url)
    _sql(base_url, f'CREATE DATABASE "{name}"')
    started = time.perf_counter()
    made = _child(django_env(url), "generate")
    made["seconds"] = round(time.perf_counter() - started, 1)
    counts = ", ".join(f"{what} {count:,}" for what, count in made["counts"].items())
    print(f"Built {name} in {made['seconds']} s: {counts}")
    return url


def ensure_built(base_url: str) -> str:
    """The scratch database's URL, building it first if it is missing, incomplete or outdated.

    A database kept from an earlier build is migrated first: the code may have added columns since.
    """
    if is_built(base_url):
        url = scratch(base_url)[0]
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env=django_env(url), cwd=ROOT,
                       check=True, capture_output=True)
        return url
    return build(base_url)


def drop(base_url: str) -> None:
    _sql(base_url, f'DROP DATABASE IF EXISTS "{scratch(base_url)[1]}"')


def _sql(url: str, statement: str, params=()) -> list:
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password,
        dbname=parts.path.lstrip("/"),
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall() if cursor.description else []
    finally:
        connection.close()


def _child(env: dict, *command: str) -> dict:
    return run_child(__file__, env, *command)


# --- The parent: steps and the report ---


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", nargs="?", default="all", choices=["all", "build", "measure", "drop"])
    parser.add_argument("--month", default="2023-04", help="the month measured, YYYY-MM (default 2023-04)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="with all: leave the scratch database in place")
    parser.add_argument("--profile", action="store_true", help="also profile score_month once")
    args = parser.parse_args()

    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (postgres://user:password@host:port/name).")
    if args.step == "drop":
        drop(base_url)
        return
    if args.step == "build":
        build(base_url)
        return
    url = build(base_url) if args.step == "all" else ensure_built(base_url)
    try:
        year, month = (int(part) for part in args.month.split("-"))
        command = ["measure", str(year), str(month), str(args.runs)] + (["profile"] if args.profile else [])
        _report(_child(django_env(url), *command), args.runs)
    finally:
        if args.step == "all" and not args.keep:
            drop(base_url)


def _report(result: dict, runs: int) -> None:
    print(f"\n{result['month']}: {result['people']:,} people scored, "
          f"{result['violations']:,} counting violations ({result['deducted']:,} points), "
          f"{result['commendations']:,} counting commendations, "
          f"{result['vetoes']:,} vetoes; grades {result['grades']}")
    print(f"Baseline and score_month agree on every person's deductions per content: {result['agree']}")
    print(f"The whole score in one SQL query (reference) gives the same line for {result['whole_agree']} "
          "people")
    print(f"Fingerprint of the scores: {result['fingerprint']}")
    print(f"\nEach timing: {runs} runs after one warm-up (in the same process):\n")
    print(f"  {'':<36}{'median':>9}{'min':>9}{'max':>9}   runs")
    for key, label in (
        ("baseline", "(a) baseline SQL query"),
        ("whole", "    reference: whole score in SQL"),
        ("score", "(b) score_month, everyone"),
        ("tally_fresh", "(c) run_tally, no stored scores"),
        ("tally_same", "(c) run_tally, nothing changed"),
    ):
        values = result["timings"][key]
        print(f"  {label:<36}{statistics.median(values):>8.3f}s{min(values):>8.3f}s{max(values):>8.3f}s   "
              + " ".join(f"{v:.3f}" for v in values))
    ratio = statistics.median(result["timings"]["score"]) / statistics.median(result["timings"]["baseline"])
    reference = statistics.median(result["timings"]["score"]) / statistics.median(result["timings"]["whole"])
    print(f"\n  (b)/(a) = {ratio:.2f} (target ≤ 1.5); (b)/reference = {reference:.2f}; "
          "tally saving included: "
          f"{statistics.median(result['timings']['tally_fresh']):.2f} s fresh, "
          f"{statistics.median(result['timings']['tally_same']):.2f} s unchanged (target < 3 s)")
    print("  warm-up runs: " + ", ".join(f"{k} {v:.3f} s" for k, v in result["warmup"].items()))
    print(f"  tally outcomes: {result['tally']}")
    if result.get("profile"):
        print("\nWhere score_month spends its time (cProfile, one run; profiling slows Python down):\n")
        print(result["profile"])
    print("\nMachine:")
    for label, value in _machine(result["postgresql"]).items():
        print(f"  {label}: {value}")


def _machine(postgresql: str) -> dict:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "CPUs (nproc)": os.cpu_count(),
        "CPU": cpu,
        "RAM": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "PostgreSQL": postgresql,
        "Python": platform.python_version(),
        "OS": platform.platform(),
    }


# --- The children: each step in its own process ---


def child(command: str, *args: str) -> dict:
    import django

    django.setup()
    return {"generate": _generate, "measure": _measure}[command](*args)


def office_user():
    from organization.models import User

    return User.objects.get(username=OFFICE_USERNAME)


def summary() -> dict:
    """What the build holds, as the marker table records it."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, value FROM {MARKER_TABLE}")
        return {key: json.loads(value) for key, value in cursor.fetchall()}


# --- Generating ---


class _Copy:
    """Rows of one model, written as PostgreSQL's COPY text and sent in one statement."""

    def __init__(self, model):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.buffer = io.StringIO()
        self.count = 0

    def add(self, **values) -> int:
        self.count += 1
        values.setdefault("id", self.count)
        line = "\t".join(_text(values[f.attname] if f.attname in values else self.defaults[f.attname])
                         for f in self.fields)
        self.buffer.write(line + "\n")
        return values["id"]

    def send(self, cursor) -> None:
        table = self.model._meta.db_table
        columns = ", ".join(f'"{f.column}"' for f in self.fields)
        self.buffer.seek(0)
        cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN', self.buffer)
        if self.count:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), %s)", [self.count])


def _text(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if isinstance(value, date | clock):  # datetime is a date
        return value.isoformat()
    return str(value)


def _generate() -> dict:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone, translation

    from campaigns.services import load_campaign_2023
    from organization import demo as organization_demo
    from organization import structure
    from organization.models import AgencyProfile, Position, User
    from organization.roles import Role
    from organization.services import set_roles

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        campaign, _created = load_campaign_2023()
        office = User.objects.create_user(OFFICE_USERNAME, password="bench-province-2023")
        set_roles(office, [Role.OFFICE, Role.STAFF])
        AgencyProfile.objects.create(pk=1, **organization_demo.PROFILE)
        positions = {
            name: Position.objects.create(name=name, rank=rank, heads_division=heads, deputy_head=deputy)
            for name, rank, heads, deputy in structure.POSITIONS
        }
        with translation.override("vi"), connection.cursor() as cursor:
            counts = _generate_people(cursor, positions)
            counts |= _generate_year(cursor, campaign, office, timezone.get_current_timezone())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute(f"CREATE TABLE {MARKER_TABLE} (key text PRIMARY KEY, value text NOT NULL)")
        marker = {"generator": GENERATOR, "seed": SEED, "year": YEAR, "counts": counts,
                  "built_at": timezone.now().isoformat(timespec="seconds")}
        for key, value in marker.items():
            cursor.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s)", [key, json.dumps(value)])
    return {"counts": counts}


def _generate_people(cursor, positions: dict) -> dict:
    from organization.models import Division, DivisionKind, EmploymentType, Gender, Membership, Staff
    from organization.vietnamese import name_sort_key, search_key

    rng = random.Random(SEED)
    divisions = _Copy(Division)
    division_rows = [("BGD", "Ban Giám đốc", DivisionKind.BOARD), ("VP", "Văn phòng Sở", DivisionKind.OFFICE)]
    division_rows += [
        (f"P{n:02d}", f"Phòng Nghiệp vụ {n:02d}", DivisionKind.DIVISION) for n in range(3, DIVISIONS + 1)
    ]
    for number, (code, name, kind) in enumerate(division_rows, start=1):
        divisions.add(code=code, name=name, kind=kind, display_order=number, active=True)
    divisions.send(cursor)

    # Who works where: the board first, then the others in turn, each division's first person its head.
    sizes = [BOARD_SIZE] + [0] * (DIVISIONS - 1)
    for n in range(PEOPLE - BOARD_SIZE):
        sizes[1 + n % (DIVISIONS - 1)] += 1
    staff, memberships = _Copy(Staff), _Copy(Membership)
    employment = [EmploymentType.CIVIL_SERVANT] * 8
    employment += [EmploymentType.PUBLIC_EMPLOYEE, EmploymentType.CONTRACT]
    ranks = ["Chuyên viên chính"] * 2 + ["Chuyên viên"] * 12 + ["Cán sự"] * 3 + ["Nhân viên"] * 3
    others = list(range(2, DIVISIONS + 1))
    code_number = 0
    for division, size in enumerate(sizes, start=1):
        for place in range(size):
            code_number += 1
            code = f"NV{code_number:05d}"
            if division == 1:
                position = "Giám đốc" if place == 0 else "Phó Giám đốc"
            elif place == 0:
                position = "Chánh Văn phòng" if division == 2 else "Trưởng phòng"
            elif place <= 2:
                position = "Phó Chánh Văn phòng" if division == 2 else "Phó Trưởng phòng"
            else:
                position = rng.choice(ranks)
            female = rng.random() < 0.5
            full_name = " ".join([
                rng.choice(FAMILY),
                rng.choice(MIDDLE_F if female else MIDDLE_M),
                rng.choice(GIVEN_F if female else GIVEN_M),
            ])
            recruited = date(2000, 1, 3) + timedelta(days=rng.randrange(23 * 365))
            left = None
            leadership = division == 1 or place <= 2
            luck = rng.random()
            if luck < RECRUITED_IN_YEAR and not leadership:
                recruited = date(YEAR, 1, 2) + timedelta(days=rng.randrange(330))
            elif luck < RECRUITED_IN_YEAR + LEFT_IN_YEAR and not leadership:
                left = date(YEAR, 1, 15) + timedelta(days=rng.randrange(340))
            person = staff.add(
                code=code, full_name=full_name, gender=Gender.FEMALE if female else Gender.MALE,
                position_id=positions[position].pk, employment_type=rng.choice(employment),
                date_recruited=recruited,
                date_left=left, active=left is None, user_id=None,
                name_sort_key=name_sort_key(full_name), search_key=search_key(f"{full_name} {code}"),
            )
            moved = (not leadership and left is None and recruited.year < YEAR
                     and rng.random() < TRANSFERRED_IN_YEAR / (1 - RECRUITED_IN_YEAR - LEFT_IN_YEAR))
            if moved:
                on = date(YEAR, 2, 1) + timedelta(days=rng.randrange(300))
                to = rng.choice([d for d in others if d != division])
                memberships.add(staff_id=person, division_id=division, start=recruited,
                                end=on - timedelta(days=1), note="")
                memberships.add(staff_id=person, division_id=to, start=on, end=None,
                                note="Điều động theo quyết định của Giám đốc Sở")
            else:
                memberships.add(staff_id=person, division_id=division, start=recruited, end=None, note="")
    staff.send(cursor)
    memberships.send(cursor)
    return {"divisions": divisions.count, "staff": staff.count, "memberships": memberships.count}


def _generate_year(cursor, campaign, office, zone) -> dict:
    from campaigns.models import CommendationType, ViolationType
    from campaigns.workdays import WorkCalendar
    from discipline.attendance import ATTENDANCE_CODES, assess
    from discipline.models import (
        AttendanceRecord,
        AttendanceStatus,
        Commendation,
        RecordSource,
        RecordStatus,
        Sanction,
        SanctionKind,
        SanctionStatus,
        Violation,
    )
    from discipline.services import DUTY_BONUS_CODE, _describe
    from organization.models import Gender, Membership, Staff

    S = AttendanceStatus
    rng = random.Random(SEED + 1)
    calendar = WorkCalendar(campaign)
    first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
    working = calendar.working_days(first, last)
    working_set = set(working)
    days_off = [first + timedelta(days=n) for n in range((last - first).days + 1)
                if first + timedelta(days=n) not in working_set]
    schedules = {day: calendar.schedule_on(day) for day in working}
    summer = [d for d in working if date(YEAR, 6, 1) <= d <= date(YEAR, 8, 31)]
    violation_types = {
        vt.code: vt for vt in ViolationType.objects.filter(campaign=campaign).select_related("criterion")
    }
    commendation_types = {ct.code: ct for ct in CommendationType.objects.filter(campaign=campaign)}
    duty_type = commendation_types[DUTY_BONUS_CODE]
    incident_codes, incident_weights = list(INCIDENT_TYPES), list(INCIDENT_TYPES.values())
    praise_codes, praise_weights = list(COMMENDATION_TYPES), list(COMMENDATION_TYPES.values())
    postings = {}
    for staff_id, division_id, start, end in Membership.objects.order_by("start").values_list(
        "staff_id", "division_id", "start", "end"
    ):
        postings.setdefault(staff_id, []).append((start, end, division_id))

    attendance, violations, commendations, sanctions = (
        _Copy(AttendanceRecord), _Copy(Violation), _Copy(Commendation), _Copy(Sanction)
    )
    grace, heavy = campaign.grace_minutes, campaign.heavy_minutes

    def stamp(day: date) -> datetime:
        return datetime.combine(day, clock(17, 0), tzinfo=zone)

    for staff_id, gender, recruited, left in Staff.objects.order_by("code").values_list(
        "pk", "gender", "date_recruited", "date_left"
    ):
        start, end = max(recruited, first), min(left or last, last)
        service = working[bisect_left(working, start):bisect_right(working, end)]
        if not service:
            continue
        posting = postings[staff_id]

        def division_on(day, posting=posting):
            return next(d for s, e, d in posting if s <= day and (e is None or day <= e))

        days: dict[date, tuple] = {}

        def add(day, status, check_in=None, check_out=None, note="", days=days):
            if day not in days:
                days[day] = (status, check_in, check_out, note)
                return True
            return False

        def free_day(pool, days=days):
            for _try in range(8):
                day = rng.choice(pool)
                if day not in days:
                    return day
            return None

        def run(pool, length, status, note, within=1.0, days=days):
            index = rng.randrange(max(1, int(len(pool) * within)))
            for day in pool[index:index + length]:
                if not add(day, status, note=note):
                    break

        def minutes(share):
            return rng.randint(15, 45) if rng.random() < share else rng.randint(6, 14)

        # As the demo plans a year: fixed events first, then trips, duty, leave, then lateness.
        if rng.random() < ABSENT_HALF_A_YEAR and (day := free_day(service)):
            add(day, S.ABSENT_HALF, note="Vắng buổi sáng không báo cáo")
        if rng.random() < ABSENT_DAY_A_YEAR and (day := free_day(service)):
            add(day, S.ABSENT_DAY, note="Nghỉ cả ngày không xin phép")
        if gender == Gender.FEMALE and rng.random() < MATERNITY_A_YEAR:
            run(service, rng.randint(115, 130), S.MATERNITY, "Nghỉ chế độ thai sản", within=0.55)
        if any(division in INTERNATIONAL for _s, _e, division in posting):
            for _trip in range(rng.randint(*TRIPS_ABROAD)):
                day = rng.choice(service)
                if division_on(day) in INTERNATIONAL:
                    run(service, rng.randint(3, 5), S.TRIP_ABROAD, "Xúc tiến hợp tác tại nước ngoài")
        off = [d for d in days_off if start <= d <= end]
        if off and rng.random() < DUTY_A_YEAR:
            add(rng.choice(off), S.DUTY, note="Trực cơ quan ngày nghỉ")
        for _trip in range(rng.randint(*DOMESTIC_TRIPS)):
            run(service, rng.randint(1, 3), S.TRIP_DOMESTIC, "Công tác: làm việc tại Hà Nội")
        served_summer = [d for d in summer if start <= d <= end]
        if len(served_summer) > 20:
            run(served_summer, rng.randint(3, 5), S.ANNUAL_LEAVE, "Nghỉ phép năm")
        for _leave in range(rng.randint(1, 4)):
            if day := free_day(service):
                add(day, S.ANNUAL_LEAVE, note="Nghỉ phép năm")
        if rng.random() < SICK_EPISODE:
            run(service, rng.randint(1, 3), S.SICK, "Nghỉ ốm")
        if rng.random() < PERMITTED_DAY and (day := free_day(service)):
            add(day, S.ABSENT_PERMITTED, note="Nghỉ việc riêng có phép")

        repeat = rng.random() < REPEAT_LATECOMER
        incidents, praises = [], []
        for month in range(1, 13):
            pool = [d for d in service if d.month == month]
            if not pool:
                continue
            clocked = division_on(pool[0]) != 1  # the Office does not clock the board in
            if clocked:
                if repeat:
                    count, share = rng.randint(*REPEAT_LATE_RANGE), REPEAT_HEAVY_SHARE
                else:
                    count, share = int(rng.random() < OCCASIONAL_LATE), OCCASIONAL_HEAVY_SHARE
                for _late in range(count):
                    if day := free_day(pool):
                        start_at = schedules[day].morning_start
                        add(day, S.PRESENT, check_in=_shift(start_at, minutes(share)))
                if rng.random() < OCCASIONAL_EARLY and (day := free_day(pool)):
                    add(day, S.PRESENT, check_out=_shift(schedules[day].afternoon_end, -minutes(0.3)))
            at_work = [d for d in pool if d not in days or days[d][0] == S.PRESENT]
            if at_work and rng.random() < INCIDENTS_A_YEAR / 12:
                incidents.append((rng.choice(at_work), rng.choices(incident_codes, incident_weights)[0]))
            if at_work and rng.random() < COMMENDATIONS_A_YEAR / 12:
                praises.append((rng.choice(at_work), rng.choices(praise_codes, praise_weights)[0]))
        if rng.random() < SANCTIONS_A_YEAR:
            decided = rng.choice(service)
            at_work = [d for d in service if decided - timedelta(days=40) <= d <= decided - timedelta(days=20)
                       and (d not in days or days[d][0] == S.PRESENT)]
            if at_work:
                incidents.append((rng.choice(at_work), "ALCOHOL"))
            sanctions.add(
                staff_id=staff_id, status=SanctionStatus.DECIDED,
                kind=SanctionKind.WARNING if rng.random() < 0.2 else SanctionKind.REPRIMAND,
                opened_on=decided - timedelta(days=25), decision_number=f"{sanctions.count + 1}/QĐ-SNgV",
                decision_date=decided, reason="Vi phạm kỷ luật lao động (biên bản của Văn phòng)",
                created_by_id=office.pk, version=2,
            )

        # The records: each day's attendance, the deductions it gives, the duty bonus; then the incidents.
        for day in sorted(days):
            status, check_in, check_out, note = days[day]
            working_day = day in working_set
            outcome = assess(status, check_in, check_out, schedules.get(day), grace=grace, heavy=heavy) \
                if working_day else None
            corrected = outcome is not None and outcome.codes and rng.random() < DERIVED_CORRECTED
            record = AttendanceRecord(
                staff_id=staff_id, date=day, status=status, check_in=check_in, check_out=check_out,
                late_minutes=outcome.late_minutes if outcome else 0,
                early_minutes=outcome.early_minutes if outcome else 0, note=note,
            )
            descriptions = {code: _describe(record, code) for code in (outcome.codes if outcome else ())}
            if corrected:  # saved late first, then corrected to an assignment: the deduction no longer counts
                record.status, record.check_in, record.check_out = S.DUTY, None, None
                record.late_minutes = record.early_minutes = 0
                record.note = "Được phân công làm nhiệm vụ bên ngoài"
            record_id = attendance.add(
                staff_id=staff_id, date=day, source="manual", status=record.status, check_in=record.check_in,
                check_out=record.check_out, late_minutes=record.late_minutes,
                early_minutes=record.early_minutes,
                note=record.note, clock_import_id=None, version=2 if corrected else 1,
            )
            for code in (outcome.codes if outcome else ()):
                assert code in ATTENDANCE_CODES
                vt = violation_types[code]
                state, reason = RecordStatus.ACTIVE, ""
                if corrected:
                    state, reason = RecordStatus.SUPERSEDED, "Bản ghi chấm công của ngày đã được sửa."
                elif rng.random() < DERIVED_WITHDRAWN:
                    state, reason = RecordStatus.WITHDRAWN, "Giải trình được chấp nhận"
                violations.add(
                    staff_id=staff_id, date=day, points=vt.points, description=descriptions[code],
                    source=RecordSource.ATTENDANCE, attendance_id=record_id, status=state,
                    status_reason=reason,
                    created_by_id=office.pk, created_at=stamp(day), type_id=vt.pk,
                    version=1 if state == RecordStatus.ACTIVE else 2,
                )
            if not working_day and status == S.DUTY:
                commendations.add(
                    staff_id=staff_id, date=day, points=duty_type.points, description=note,
                    source=RecordSource.ATTENDANCE, attendance_id=record_id, created_by_id=office.pk,
                    created_at=stamp(day), type_id=duty_type.pk,
                )
        for day, code in sorted(incidents):
            vt = violation_types[code]
            withdrawn = rng.random() < INCIDENT_WITHDRAWN
            violations.add(
                staff_id=staff_id, date=day, points=vt.points, description=vt.name,
                source=RecordSource.MANUAL,
                status=RecordStatus.WITHDRAWN if withdrawn else RecordStatus.ACTIVE,
                status_reason="Ghi nhầm: đối chiếu lại hồ sơ" if withdrawn else "", created_by_id=office.pk,
                created_at=stamp(day), type_id=vt.pk, version=2 if withdrawn else 1,
            )
        for day, code in sorted(praises):
            ct = commendation_types[code]
            commendations.add(
                staff_id=staff_id, date=day, points=ct.points, description=ct.name,
                source=RecordSource.MANUAL,
                created_by_id=office.pk, created_at=stamp(day), type_id=ct.pk,
            )
    for rows in (attendance, violations, commendations, sanctions):
        rows.send(cursor)
    return {"attendance records": attendance.count, "violations": violations.count,
            "commendations": commendations.count, "sanctions": sanctions.count}


def _shift(moment: clock, minutes: int) -> clock:
    return (datetime.combine(date(YEAR, 1, 1), moment) + timedelta(minutes=minutes)).time()


# --- Measuring ---


BASELINE_SQL = """
SELECT s.id,
       COALESCE(SUM(v.points) FILTER (WHERE c.number = 1), 0),
       COALESCE(SUM(v.points) FILTER (WHERE c.number = 2), 0),
       COALESCE(SUM(v.points) FILTER (WHERE c.number = 3), 0),
       COALESCE(SUM(v.points) FILTER (WHERE c.number = 4), 0),
       COALESCE(SUM(v.points) FILTER (WHERE c.number = 5), 0),
       COALESCE(SUM(v.points) FILTER (WHERE c.number = 6), 0)
  FROM {staff} s
  LEFT JOIN {violation} v
         ON v.staff_id = s.id AND v.status = 'active' AND v.date BETWEEN %(first)s AND %(last)s
  LEFT JOIN {violationtype} t ON t.id = v.type_id
  LEFT JOIN {criterion} c ON c.id = t.criterion_id
 WHERE s.date_recruited <= %(last)s AND (s.date_left IS NULL OR s.date_left >= %(first)s)
 GROUP BY s.id
"""


# For reference only (not the requirement's baseline): the whole score in one hand-written query — the
# division of the month's last working day, points kept per content, capped bonus and total, grade,
# vetoes — in the order of names, as score_month returns it. People who left or joined after the month's
# last working day are not given their own day (score_month does), so a few divisions may differ.
WHOLE_SCORE_SQL = """
WITH v AS (
    SELECT v.staff_id,
           SUM(v.points) FILTER (WHERE c.number = 1) AS d1, SUM(v.points) FILTER (WHERE c.number = 2) AS d2,
           SUM(v.points) FILTER (WHERE c.number = 3) AS d3, SUM(v.points) FILTER (WHERE c.number = 4) AS d4,
           SUM(v.points) FILTER (WHERE c.number = 5) AS d5, SUM(v.points) FILTER (WHERE c.number = 6) AS d6,
           COUNT(*) FILTER (WHERE t.veto) AS vetoes
      FROM {violation} v
      JOIN {violationtype} t ON t.id = v.type_id
      JOIN {criterion} c ON c.id = t.criterion_id
     WHERE v.status = 'active' AND v.date BETWEEN %(first)s AND %(last)s
     GROUP BY v.staff_id
), b AS (
    SELECT staff_id, SUM(points) AS earned FROM {commendation}
     WHERE status = 'active' AND date BETWEEN %(first)s AND %(last)s GROUP BY staff_id
), x AS (
    SELECT staff_id, COUNT(*) AS sanctions FROM {sanction}
     WHERE status = 'decided' AND decision_date BETWEEN %(first)s AND %(last)s GROUP BY staff_id
), k AS (
    SELECT s.id, s.name_sort_key, s.code, m.division_id,
           GREATEST(0, %(p1)s - COALESCE(v.d1, 0)) AS k1, GREATEST(0, %(p2)s - COALESCE(v.d2, 0)) AS k2,
           GREATEST(0, %(p3)s - COALESCE(v.d3, 0)) AS k3, GREATEST(0, %(p4)s - COALESCE(v.d4, 0)) AS k4,
           GREATEST(0, %(p5)s - COALESCE(v.d5, 0)) AS k5, GREATEST(0, %(p6)s - COALESCE(v.d6, 0)) AS k6,
           LEAST(%(bonus_cap)s, COALESCE(b.earned, 0)) AS bonus,
           COALESCE(v.vetoes, 0) + COALESCE(x.sanctions, 0) AS vetoes
      FROM {staff} s
      LEFT JOIN {membership} m
             ON m.staff_id = s.id AND m.start <= %(day)s AND (m."end" IS NULL OR m."end" >= %(day)s)
      LEFT JOIN v ON v.staff_id = s.id
      LEFT JOIN b ON b.staff_id = s.id
      LEFT JOIN x ON x.staff_id = s.id
     WHERE s.date_recruited <= %(last)s AND (s.date_left IS NULL OR s.date_left >= %(first)s)
), t AS (
    SELECT k.*, LEAST(%(total_cap)s, k1 + k2 + k3 + k4 + k5 + k6 + bonus) AS total FROM k
)
SELECT id, division_id, k1, k2, k3, k4, k5, k6, bonus, total,
       CASE WHEN vetoes > 0 THEN 'D' WHEN total >= %(grade_a)s THEN 'A' WHEN total >= %(grade_b)s THEN 'B'
            WHEN total >= %(grade_c)s THEN 'C' ELSE 'D' END
  FROM t
 ORDER BY name_sort_key COLLATE "C", code
"""


def _measure(year: str, month: str, runs: str, *options: str) -> dict:
    import gc
    import hashlib

    from django.db import connection

    from campaigns.models import Campaign, Criterion, ViolationType
    from campaigns.workdays import WorkCalendar
    from discipline import scoring, services
    from discipline.models import Commendation, MonthlyScore, Sanction, Violation
    from organization.models import Membership, Staff

    year, month, runs = int(year), int(month), int(runs)
    campaign = Campaign.objects.get(year=year)
    first, last = scoring.month_bounds(year, month)
    tables = {
        "staff": Staff._meta.db_table, "membership": Membership._meta.db_table,
        "violation": Violation._meta.db_table, "commendation": Commendation._meta.db_table,
        "sanction": Sanction._meta.db_table, "violationtype": ViolationType._meta.db_table,
        "criterion": Criterion._meta.db_table,
    }
    sql, whole_sql = BASELINE_SQL.format(**tables), WHOLE_SCORE_SQL.format(**tables)
    working_days = WorkCalendar(campaign).working_days(first, last)
    whole_params = {
        "first": first, "last": last, "day": working_days[-1] if working_days else last,
        "bonus_cap": campaign.bonus_cap, "total_cap": campaign.total_cap,
        "grade_a": campaign.grade_a, "grade_b": campaign.grade_b, "grade_c": campaign.grade_c,
    } | {f"p{number}": points for number, points in campaign.criteria.values_list("number", "points")}

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(sql, {"first": first, "last": last})
            return cursor.fetchall()

    def whole():
        with connection.cursor() as cursor:
            cursor.execute(whole_sql, whole_params)
            return cursor.fetchall()

    def score():
        return scoring.score_month(campaign, year, month)

    def fresh_tally():
        return services.run_tally(campaign, year, month)

    def clear():
        MonthlyScore.objects.filter(year=year, month=month).delete()

    def timed(function, before=None):
        if before:
            before()
        gc.collect()
        started = time.perf_counter()
        value = function()
        return time.perf_counter() - started, value

    warmup = {}
    warmup["baseline"], rows = timed(baseline)
    warmup["whole"], whole_rows = timed(whole)
    warmup["score"], results = timed(score)
    warmup["tally_fresh"], _outcome = timed(fresh_tally, clear)
    timings = {"baseline": [], "whole": [], "score": [], "tally_fresh": [], "tally_same": []}
    for _run in range(runs):  # interleaved, so that a disturbance hits every side alike
        seconds, rows = timed(baseline)
        timings["baseline"].append(seconds)
        seconds, whole_rows = timed(whole)
        timings["whole"].append(seconds)
        seconds, results = timed(score)
        timings["score"].append(seconds)
    tally = {}
    for _run in range(runs):
        seconds, outcome = timed(fresh_tally, clear)
        timings["tally_fresh"].append(seconds)
        tally["fresh"] = outcome.__dict__
        seconds, outcome = timed(fresh_tally)
        timings["tally_same"].append(seconds)
        tally["unchanged"] = outcome.__dict__
        assert outcome.created == outcome.updated == 0, outcome

    # The two sides must agree, and the scores are summed up in a fingerprint.
    expected = {row[0]: tuple(row[1:]) for row in rows}
    computed = {
        r.staff.pk: tuple(next((c.deducted for c in r.contents if c.number == n), 0) for n in range(1, 7))
        for r in results
    }
    same_as_whole = sum(
        1 for r, row in zip(results, whole_rows, strict=False)
        if (r.staff.pk, r.division_id, *r.kept.values(), r.bonus, r.total, str(r.grade)) == tuple(row)
    )
    digest = hashlib.sha256()
    for r in results:
        digest.update(repr((
            r.staff.pk, r.division_id, sorted(r.kept.items()), r.bonus, r.total, str(r.grade), r.vetoes,
            [(c.number, c.title, c.points, [v.pk for v in c.violations]) for c in r.contents],
            [c.pk for c in r.commendations], r.bonus_earned,
        )).encode())
    profile = _profile(score) if "profile" in options else ""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    grades = {}
    for r in results:
        grades[str(r.grade)] = grades.get(str(r.grade), 0) + 1
    return {
        "month": f"{month:02d}/{year}",
        "people": len(results),
        "violations": sum(len(c.violations) for r in results for c in r.contents),
        "deducted": sum(c.deducted for r in results for c in r.contents),
        "commendations": sum(len(r.commendations) for r in results),
        "vetoes": sum(len(r.vetoes) for r in results),
        "grades": dict(sorted(grades.items())),
        "agree": expected == computed,
        "whole_agree": f"{same_as_whole:,} of {len(results):,}",
        "fingerprint": digest.hexdigest()[:16],
        "timings": timings,
        "warmup": warmup,
        "tally": tally,
        "profile": profile,
        "postgresql": server,
    }


def _profile(function) -> str:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(function)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    return out.getvalue()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(*sys.argv[2:]), default=str))
    else:
        main()
