"""Benchmark of the year-end (issue 5): reading a year, the year-end pages and documents, for a Sở and a province.

The issue sets no time; this measures what the year-end costs so that a change that makes it slower shows.
Results, with the machine, go to docs/performance.md.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal .venv/bin/python bench/year_end.py

What it measures, each step after one uncounted warm-up run, then ``--runs`` timed runs (default 5), each part
in a process of its own on PostgreSQL:

- **The demo Sở** (45 people, their 2023 carried through the year-end by ``seed_demo``), in a scratch database
  ``<name>_bench_year_end``, made afresh each time (``seed_demo``'s own time is reported, one run):
  ``YearState.build``, which every year-end page, service and document starts from; the pages the Office and
  the board use, served through Django's test client with the user signed in (server time, no network;
  the queries each page runs); the documents ``export_report`` and the pages make.
- **A province** (the 20,000 people and year of records of bench/province.py, built first if missing; nobody
  rated or nominated): ``YearState.build`` for everyone; the ratings page of one division of about 500
  people; the year-end evaluation as Excel for everyone.

Options: ``--runs N``; ``--only demo`` or ``--only province``; ``--keep`` keeps the demo's scratch database.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import CLIENT_ENV, collect_static, run_child, timed  # noqa: E402  (after the path is set)
from bench.province import _machine, _sql, django_env, ensure_built  # noqa: E402

SUFFIX = "_bench_year_end"
def _scratch(base_url: str) -> tuple[str, str]:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") + SUFFIX
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _demo_database(base_url: str) -> tuple[str, float]:
    """A fresh scratch database with the demo data; the seconds seed_demo took."""
    url, name = _scratch(base_url)
    _sql(base_url, f'DROP DATABASE IF EXISTS "{name}"')
    _sql(base_url, f'CREATE DATABASE "{name}"')
    env = django_env(url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "seed_demo"], env=env, cwd=ROOT, check=True, capture_output=True)
    return url, round(time.perf_counter() - started, 2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["demo", "province"])
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (postgres://user:password@host:port/name).")
    collect_static(django_env(base_url, **CLIENT_ENV))
    results = {}
    if args.only != "province":
        url, seeded = _demo_database(base_url)
        print(f"seed_demo (migrated database, one run): {seeded:.2f} s")
        results["demo"] = run_child(__file__, django_env(url, **CLIENT_ENV), "demo", str(args.runs))
        if not args.keep:
            _sql(base_url, f'DROP DATABASE IF EXISTS "{_scratch(base_url)[1]}"')
    if args.only != "demo":
        url = ensure_built(base_url)
        results["province"] = run_child(__file__, django_env(url, **CLIENT_ENV), "province", str(args.runs))
    postgresql = _sql(base_url, "SELECT version()")[0][0].split(" on ")[0]
    for part in results.values():
        for name, step in part.items():
            runs = ", ".join(f"{value:.3f}" for value in step["runs"])
            extra = " · ".join(f"{k} {v}" for k, v in step.items() if k != "runs")
            print(f"{name}: median {statistics.median(step['runs']):.3f} s (runs {runs})"
                  + (f" · {extra}" if extra else ""))
    for key, value in _machine(postgresql).items():
        print(f"{key}: {value}")


# --- The children ---


def _page(client, url: str, runs: int) -> dict:
    """Server time of ``url`` through the test client, its status, size and queries (counted on one more run)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, response = timed(lambda: client.get(url), runs)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {"runs": times, "queries": len(queries), "kB": round(len(response.content) / 1024)}


def _client(username: str):
    from django.test import Client

    from organization.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _build(runs: int) -> dict:
    from awards.yearend import YearState
    from campaigns.models import Campaign

    campaign = Campaign.objects.get(year=2023)
    times, state = timed(lambda: YearState.build(campaign), runs)
    return {"runs": times, "people": len(state.people), "nominations": len(state.nominations)}


def _demo(runs: str) -> dict:
    from awards import documents
    from awards.models import CouncilSession, Nomination
    from campaigns.models import Campaign
    from organization.models import Staff

    runs = int(runs)
    campaign = Campaign.objects.get(year=2023)
    found = {"YearState.build, the demo Sở": _build(runs)}
    office, board = _client("vanphong"), _client("giamdoc")
    person = Staff.objects.get(code="HTQT05").pk
    nomination = Nomination.objects.filter(campaign=campaign, title="CSTDCS").order_by("pk").first().pk
    session = CouncilSession.objects.get(campaign=campaign).pk
    for label, client, url in (
        ("page: ratings (Office, whole Sở)", office, "/awards/2023/ratings/"),
        ("page: eligibility (Office)", office, "/awards/2023/eligibility/"),
        ("page: nominations (Office)", office, "/awards/2023/nominations/"),
        ("page: a nomination (board)", board, f"/awards/2023/nominations/{nomination}/"),
        ("page: a person's year (board)", board, f"/awards/2023/staff/{person}/"),
        ("page: council session (Office)", office, f"/awards/2023/council/{session}/"),
        ("page: published list (Office)", office, "/awards/2023/notice/"),
    ):
        found[label] = _page(client, url, runs)
    for kind, fmt in (("yearend", "pdf"), ("yearend", "xlsx"), ("shortlist", "pdf"), ("minutes", "pdf"),
                      ("submission", "pdf"), ("decision", "pdf")):
        times, produced = timed(lambda kind=kind, fmt=fmt: documents.produce(campaign, kind, fmt), runs)
        found[f"document: {kind}.{fmt}"] = {"runs": times, "kB": round(len(produced.content) / 1024)}
    return found


def _province(runs: str) -> dict:
    from awards import documents
    from campaigns.models import Campaign
    from organization.models import Division

    from bench.province import OFFICE_USERNAME

    runs = int(runs)
    campaign = Campaign.objects.get(year=2023)
    found = {"YearState.build, 20,000 people": _build(runs)}
    division = Division.objects.filter(code__startswith="P").order_by("code").first()
    label = f"page: ratings of one division, {division.code} (Office)"
    found[label] = _page(_client(OFFICE_USERNAME), f"/awards/2023/ratings/?division={division.code}", runs)
    times, produced = timed(lambda: documents.produce(campaign, "yearend", "xlsx"), runs)
    found["document: yearend.xlsx, 20,000 people"] = {"runs": times, "kB": round(len(produced.content) / 1024)}
    return found


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation_portal.settings")
        django.setup()
        print(json.dumps({"demo": _demo, "province": _province}[sys.argv[2]](*sys.argv[3:])))
    else:
        main()
