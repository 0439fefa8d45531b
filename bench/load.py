"""Load test of the production mode: 50 people at the monthly deadline on a Sở of 500 staff (issue 8).

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal .venv/bin/python bench/load.py [--seconds 300]

What it does:

1. Builds afresh a Sở of 500 people in 8 divisions with a year of records, with bench/province.py's
   generator (BENCH_PEOPLE=500, BENCH_DIVISIONS=8: database ``<name>_bench_province_500``); gives the board, each
   head and the Office an account; tallies January–November 2023 and fills the dashboard's summaries.
2. Starts the production mode on loopback only: gunicorn with gunicorn.conf.py (WEB_CONCURRENCY=5 on this
   2-core machine, the production settings, DEBUG off, static files collected, HTTP because there is no nginx).
3. Runs 50 simulated people, each with their own session, signed in through the login form, each waiting 1–3 s
   between requests as a person reading a page does, for ``--seconds`` (default 300) or ``--max-requests``:

   - 15 of the Office: open a division's day sheet for a day of December and save it with one time changed,
     upload a time-clock file (the preview) and apply it, open the tally page;
   - 25 heads (the 8 heads, several sessions each): their division's month of November, a person's month, a
     comment on a person, the sign-off, the records list;
   - 10 of the board: the dashboard, another month's dashboard, now and then its PDF.

4. Reports, per kind of page, the number of requests, the median and 95th-percentile response times and the
   errors (a 5xx, a refused connection, or any status the step did not expect), and the machine.

``--restart-postgres-at N`` restarts PostgreSQL (``pg_ctlcluster 15 main restart``) N seconds into the run and
reports the errors around it and the first success after it: the fault test of docs/performance.md.
Only loopback is used; the run is bounded in time and in requests.
"""

import argparse
import io
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from datetime import date
from html.parser import HTMLParser
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

os.environ.setdefault("BENCH_PEOPLE", "500")
os.environ.setdefault("BENCH_DIVISIONS", "8")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, run_child  # noqa: E402
from province import _machine, build, django_env  # noqa: E402

PASSWORD = "bench-load-2023"
OFFICE, HEADS, BOARD = 15, 25, 10
THINK = (1.0, 3.0)
ARRIVALS = 30  # seconds over which the 50 people sign in
MONTH = (2023, 11)  # the month the heads review and sign off
SHEET_MONTH = (2023, 12)  # the month whose days the Office fills


# --- The setup, in a Django process on the scratch database ---


def child(command: str) -> dict:
    import django

    django.setup()
    return {"setup": _setup, "check": _check}[command]()


def _setup() -> dict:
    from campaigns.models import Campaign
    from campaigns.workdays import WorkCalendar
    from discipline import dashboard, services
    from organization.models import Division, DivisionKind, Staff, User
    from organization.roles import Role
    from organization.services import set_roles

    campaign = Campaign.objects.get(year=2023)
    accounts = {}

    def account(username, staff, roles):
        user = User.objects.filter(username=username).first() or User(username=username)
        user.set_password(PASSWORD)
        user.must_change_password = False
        user.save()
        if staff is not None and staff.user_id != user.pk:
            staff.user = user
            staff.save(update_fields=["user"])
        set_roles(user, roles)
        return user

    office = User.objects.get(username="bench")
    office.set_password(PASSWORD)
    office.must_change_password = False
    office.save()
    accounts["office"] = ["bench"]
    heads = []
    for division in Division.objects.exclude(kind=DivisionKind.BOARD).order_by("display_order"):
        head = Staff.objects.in_division(division).filter(position__heads_division=True).order_by("code").first()
        username = f"head_{division.code.lower()}"
        account(username, head, [Role.STAFF, Role.HEAD])
        heads.append({"username": username, "division": division.pk,
                      "people": list(Staff.objects.in_division(division).values_list("pk", flat=True)[:40])})
    director = Staff.objects.filter(position__name="Giám đốc").first()
    account("board", director, [Role.STAFF, Role.BOARD])
    accounts["heads"] = heads
    accounts["board"] = ["board"]

    for month in range(1, 12):
        services.run_tally(campaign, 2023, month)
    for month in range(1, 12):
        dashboard.refresh_month(campaign, 2023, month)
    calendar = WorkCalendar(campaign)
    days = calendar.working_days(date(*SHEET_MONTH, 1), date(*SHEET_MONTH, 22))
    divisions = list(Division.objects.exclude(kind=DivisionKind.BOARD).values_list("pk", flat=True))
    clock_people = {pk: list(Staff.objects.in_division(Division.objects.get(pk=pk), on=days[0])
                             .values_list("code", flat=True)) for pk in divisions}
    from discipline.models import AttendanceRecord

    last = AttendanceRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return {"accounts": accounts, "days": [d.isoformat() for d in days], "divisions": divisions,
            "last_attendance": last,
            "clock_people": {str(k): v for k, v in clock_people.items()}, "people": Staff.objects.count()}


def _check() -> dict:
    """After the run: signs that no write was left half done (each is one transaction), whatever failed."""
    from discipline.models import AttendanceRecord, AttendanceSource, ClockImport, ClockImportStatus

    december = AttendanceRecord.objects.filter(date__year=SHEET_MONTH[0], date__month=SHEET_MONTH[1])
    # The build writes its records without history; those the run created or changed have it.
    new = december.filter(source=AttendanceSource.MANUAL, pk__gt=int(os.environ["LOAD_LAST_ATTENDANCE"]))
    fields = ["status", "check_in", "check_out", "note", "version"]
    latest = {}
    for row in AttendanceRecord.history.filter(id__in=december.values("pk")).order_by("id", "history_id").values(
            "id", *fields):
        latest[row.pop("id")] = row
    current = december.filter(pk__in=latest).values("pk", *fields)
    return {
        # A batch whose records were written but whose status was not: a half-applied import.
        "records of unapplied imports": december.filter(clock_import__status=ClockImportStatus.PREVIEWED).count(),
        # Every applied batch says what it wrote; a batch saying nothing was cut short.
        "applied imports without their counts": ClockImport.objects.filter(
            status=ClockImportStatus.APPLIED).exclude(summary__has_key="applied").count(),
        # A record of the day sheet and its history are written together: a new record has its first history
        # row, and every record's latest history row holds its current values.
        "new day-sheet records without history": new.exclude(
            pk__in=AttendanceRecord.history.filter(history_type="+").values("id")).count(),
        "records unlike their latest history": sum(
            1 for row in current if {field: row[field] for field in fields} != latest[row["pk"]]),
        "records written in the run": len(latest),
        "clock imports applied": ClockImport.objects.filter(status=ClockImportStatus.APPLIED).count(),
    }


# --- A person's browser, just enough of it ---


class FormFields(HTMLParser):
    """The fields of the first form with method=post other than the menu's sign-out (inputs, selects with their
    chosen option, textareas)."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.select, self.textarea, self.done = [], False, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "form" and (attrs.get("method") or "").lower() == "post" and attrs.get("action") != "/logout/":
            self.in_form = True  # the first form that posts, the menu's sign-out aside
        elif not self.in_form:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append([attrs["name"], attrs.get("value") or ""])
        elif tag == "select" and attrs.get("name"):
            self.select = [attrs["name"], None]
            self.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            if self.select[1] is None or "selected" in attrs:
                self.select[1] = attrs.get("value", "")
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = [attrs["name"], ""]
            self.fields.append(self.textarea)

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def form_fields(html: str) -> list[list[str]]:
    parser = FormFields()
    parser.feed(html)
    return [[name, value or ""] for name, value in parser.fields]


class Person:
    """One simulated person: a session of their own, and every response timed and judged."""

    def __init__(self, run, username):
        self.run, self.username, self.cookies = run, username, SimpleCookie()
        self.connection = None

    def request(self, kind, method, path, *, body=None, content_type=None, expect=(200,)):
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        started = time.perf_counter()
        status, data, error = None, b"", None
        try:
            if self.connection is None:
                self.connection = HTTPConnection("127.0.0.1", self.run.port, timeout=60)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
            status = response.status
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(header)
            location = response.headers.get("Location", "")
        except OSError as exception:
            error = f"{type(exception).__name__}: {exception}"
            location = ""
            self.connection.close()
            self.connection = None
        elapsed = (time.perf_counter() - started) * 1000
        if error is None and status not in expect:
            error = f"status {status}"
        self.run.record(kind, elapsed, error, path)
        return status, data.decode("utf-8", "replace"), location

    def login(self):
        _status, page, _ = self.request("login page", "GET", "/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        body = urlencode({"csrfmiddlewaretoken": token.group(1) if token else "", "username": self.username,
                          "password": PASSWORD})
        self.request("login", "POST", "/login/", body=body, expect=(302,))

    def post_form(self, kind, path, page, changes=None, expect=(302,)):
        fields = form_fields(page)
        for name, value in (changes or {}).items():
            for field in fields:
                if field[0] == name:
                    field[1] = value
        return self.request(kind, "POST", path, body=urlencode([tuple(field) for field in fields]), expect=expect)

    def close(self):
        if self.connection is not None:
            self.connection.close()


# --- What each role does ---


def office_step(person: Person, data: dict, rng: random.Random):
    division = rng.choice(data["divisions"])
    day = date.fromisoformat(rng.choice(data["days"]))
    roll = rng.random()
    if roll < 0.55:
        path = f"/discipline/sheet/?division={division}&day={day:%d/%m/%Y}"
        status, page, _ = person.request("day sheet", "GET", path)
        if status == 200 and rng.random() < 0.6:
            minutes = rng.choice([25, 28, 30, 35, 40])
            person.post_form("day sheet save", path, page, {"form-0-check_in": f"07:{minutes:02d}"},
                             expect=(302, 200))
    elif roll < 0.8:
        status, page, _ = person.request("clock import page", "GET", "/discipline/clock-imports/new/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        body, content_type = _clock_upload(data, division, day, token.group(1) if token else "", rng)
        status, _, location = person.request("clock import preview", "POST", "/discipline/clock-imports/new/",
                                             body=body, content_type=content_type, expect=(302,))
        if status == 302 and location:
            status, page, _ = person.request("clock import preview", "GET", location)
            if status == 200 and 'action="' in page and "/apply/" in page:
                person.post_form("clock import apply", location.rstrip("/") + "/apply/",
                                 _form_with_action(page, "/apply/"))
    else:
        person.request("tally page", "GET", f"/discipline/tally/?month={SHEET_MONTH[0]}-{SHEET_MONTH[1] - 1:02d}")


def _form_with_action(page: str, action: str) -> str:
    start = page.find("<form", page.find(action) - 300)
    return page[start:]


_FILES = {}
_FILES_LOCK = threading.Lock()


def _clock_file(data, division, day) -> bytes:
    """The time clock's export of a division's day (made once, then reused: the client's own work must not
    take the server's CPU on this shared machine)."""
    with _FILES_LOCK:
        if (division, day) not in _FILES:
            from openpyxl import Workbook

            rng = random.Random(f"{division} {day}")
            workbook = Workbook()
            sheet = workbook.active
            sheet.append(["Mã NV", "Họ tên", "Ngày", "Giờ vào", "Giờ ra"])
            for code in data["clock_people"][str(division)]:
                sheet.append([code, "", day.strftime("%d/%m/%Y"), f"07:{rng.choice([20, 25, 29, 31, 40])}", "16:35"])
            buffer = io.BytesIO()
            workbook.save(buffer)
            _FILES[division, day] = buffer.getvalue()
        return _FILES[division, day]


def _clock_upload(data, division, day, token, rng) -> tuple[bytes, str]:
    content = _clock_file(data, division, day)
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="cham-cong-{day:%d-%m}.xlsx"\r\n'
        f"Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode()
        + content + b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def head_step(person: Person, head: dict, rng: random.Random):
    year, month = MONTH
    path = f"/discipline/months/{year}-{month}/division/{head['division']}/"
    roll = rng.random()
    if roll < 0.35:
        person.request("division month", "GET", path)
    elif roll < 0.6:
        person.request("person month", "GET",
                       f"/discipline/months/{year}-{month}/staff/{rng.choice(head['people'])}/")
    elif roll < 0.75:
        status, page, _ = person.request("division month", "GET", path)
        staff = rng.choice(head["people"])
        form = re.search(rf'<form[^>]*action="(/discipline/months/{year}-{month}/staff/{staff}/comment/)"', page)
        if status == 200 and form:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            person.request("comment", "POST", form.group(1), body=urlencode(
                {"csrfmiddlewaretoken": token, "text": rng.choice(["Chấp hành tốt", "Cần đi làm đúng giờ hơn"])}),
                expect=(302,))
    elif roll < 0.85:
        status, page, _ = person.request("division month", "GET", path)
        if status == 200 and "/signoff/" in page:
            person.post_form("sign-off", path + "signoff/", _form_with_action(page, "/signoff/"))
    else:
        person.request("records list", "GET", f"/discipline/violations/?year={year}")


def board_step(person: Person, rng: random.Random):
    roll = rng.random()
    if roll < 0.6:
        person.request("dashboard", "GET", "/board/")
    elif roll < 0.92:
        person.request("dashboard", "GET", f"/discipline/dashboard/?month=2023-{rng.randint(1, 11):02d}")
    else:
        person.request("dashboard PDF", "GET", "/discipline/dashboard.pdf")


# --- The run ---


class Run:
    def __init__(self, port, seconds, max_requests):
        self.port, self.deadline, self.max_requests = port, time.monotonic() + seconds, max_requests
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(list)
        self.count = 0

    def record(self, kind, elapsed, error, path):
        with self.lock:
            self.count += 1
            self.times[kind].append(elapsed)
            if error:
                self.errors[kind].append((round(time.monotonic() - self.started, 1), error, path))

    def going(self):
        return time.monotonic() < self.deadline and self.count < self.max_requests


def person_loop(run: Run, username: str, step, seed: int):
    rng = random.Random(seed)
    person = Person(run, username)
    time.sleep(rng.uniform(0, ARRIVALS))  # people do not all arrive in the same second
    person.login()
    while run.going():
        step(person, rng)
        time.sleep(rng.uniform(*THINK))
    person.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--restart-postgres-at", type=float, help="seconds into the run")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    base = os.environ["DATABASE_URL"]
    url = build(base)  # afresh every run: a run signs months off and imports days, the next must start alike
    env = django_env(url, HTTPS="0", ALLOWED_HOSTS="127.0.0.1", SECRET_KEY=secrets.token_urlsafe(50),
                     CONN_MAX_AGE="60", LOG_LEVEL="WARNING", WEB_CONCURRENCY=str(args.workers),
                     STATIC_ROOT=str(Path(tempfile.gettempdir()) / "portal-load-static"),
                     MEDIA_ROOT=tempfile.mkdtemp(prefix="portal-load-media-"))
    data = run_child(__file__, env, "setup")
    print(f"A Sở of {data['people']} people; {len(data['accounts']['heads'])} heads.")
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT,
                   check=True)
    port = _free_port()
    log = open(Path(tempfile.gettempdir()) / "portal-load-gunicorn.log", "w")
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "emulation_portal.wsgi",
                               "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        # The simulated people run on the server's own two cores: they yield to it, as people on their own
        # machines would not compete with it at all.
        os.nice(10)
        run = Run(port, args.seconds, args.max_requests)
        threads = []
        heads = data["accounts"]["heads"]
        for n in range(OFFICE):
            threads.append(threading.Thread(target=person_loop, args=(
                run, "bench", lambda p, rng: office_step(p, data, rng), n)))
        for n in range(HEADS):
            head = heads[n % len(heads)]
            threads.append(threading.Thread(target=person_loop, args=(
                run, head["username"], lambda p, rng, head=head: head_step(p, head, rng), 100 + n)))
        for n in range(BOARD):
            threads.append(threading.Thread(target=person_loop, args=(run, "board", board_step, 200 + n)))
        restart = None
        if args.restart_postgres_at is not None:
            restart = threading.Timer(args.restart_postgres_at, _restart_postgres, args=(run,))
            restart.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        log.close()
    _report(run, args, data, run_child(__file__, env | {"LOAD_LAST_ATTENDANCE": str(data["last_attendance"])},
                                       "check"))


RESTARTED = {}


def _restart_postgres(run: Run):
    RESTARTED["at"] = round(time.monotonic() - run.started, 1)
    subprocess.run(["pg_ctlcluster", "15", "main", "restart"], check=True)
    RESTARTED["back"] = round(time.monotonic() - run.started, 1)


def _report(run: Run, args, data, check: dict):
    elapsed = time.monotonic() - run.started
    rows, total_errors = [], 0
    for kind in sorted(run.times):
        times = sorted(run.times[kind])
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)] if times else 0
        errors = len(run.errors[kind])
        total_errors += errors
        rows.append({"kind": kind, "requests": len(times), "median_ms": round(statistics.median(times)),
                     "p95_ms": round(p95), "max_ms": round(times[-1]), "errors": errors})
    everything = sorted(t for times in run.times.values() for t in times)
    overall_p95 = everything[int(round(0.95 * len(everything))) - 1]
    print(f"\n{run.count} requests in {elapsed:.0f} s ({run.count / elapsed:.1f}/s) by "
          f"{OFFICE + HEADS + BOARD} people on a Sở of {data['people']}; {args.workers} gunicorn workers")
    print(f"{'page kind':<22}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
    for row in rows:
        print(f"{row['kind']:<22}{row['requests']:>9}{row['median_ms']:>11}{row['p95_ms']:>9}{row['max_ms']:>9}"
              f"{row['errors']:>8}")
    print(f"{'all':<22}{len(everything):>9}{round(statistics.median(everything)):>11}{round(overall_p95):>9}"
          f"{round(everything[-1]):>9}{total_errors:>8}")
    if RESTARTED:
        print(f"PostgreSQL restarted at {RESTARTED['at']} s, back at {RESTARTED.get('back')} s")
    print("After the run: " + ", ".join(f"{label} {value}" for label, value in check.items()))
    for kind, errors in sorted(run.errors.items()):
        for at, error, path in errors[:5]:
            print(f"  error at {at} s, {kind}: {error} ({path})")
    machine = _machine(subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip())
    for label, value in machine.items():
        print(f"  {label}: {value}")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "requests": run.count, "seconds": round(elapsed),
                                               "p95_ms": round(overall_p95), "errors": total_errors,
                                               "restarted": RESTARTED, "machine": machine, "check": check,
                                               "error_samples": {k: v[:20] for k, v in run.errors.items()}},
                                              ensure_ascii=False, indent=1))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2])))
    else:
        main()
