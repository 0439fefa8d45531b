"""Benchmark of the monthly report's documents and of closing a month (issue 4, "Speed").

Targets: the PDF of the whole Sở (about 45 people) renders in under 2 s; the Excel file for 20,000 people in
under 10 s. Medians of several runs; results, with the machine, go to docs/performance.md.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal .venv/bin/python bench/monthly_documents.py

What it measures, each step after one uncounted warm-up run, then ``--runs`` timed runs (default 5), each in a
process of its own on PostgreSQL:

- **The Sở's PDF**: in a scratch database ``<name>_bench_documents`` (created, migrated and given the demo
  data of ``seed_demo``: 45 people and their 2023, January–October closed), the time of
  ``report.build`` plus ``documents.monthly_report_pdf`` for the whole Sở, for a closed month (2023-04, read
  from the stored scores) and an open one (2023-11, scored from the records); the pages and bytes written.
- **The Excel file of 20,000 people**: in the province database of bench/province.py (built first if it is
  missing: 20,000 people, a year of records), ``report.build`` plus ``documents.monthly_report_xlsx`` for
  2023-04 while the month is open (scored from the records), then, inside a transaction rolled back at the
  end, the time of ``closing.close_month`` (the final tally, the month's SHA-256 and its ledger entry) and the
  Excel file of the month once closed (read from the stored scores). The province database is left as found.

Options: ``--runs N``; ``--only pdf`` or ``--only excel``; ``--drop`` drops the documents' scratch database
afterwards (it is kept by default: building it takes about 15 s).
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

from bench.common import run_child, timed  # noqa: E402  (after the path is set)
from bench.province import _machine, _sql, django_env, ensure_built  # noqa: E402

SUFFIX = "_bench_documents"


def _scratch(base_url: str) -> tuple[str, str]:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") + SUFFIX
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _run(env: dict, *command: str) -> dict:
    return run_child(__file__, env, *command)


def _demo_database(base_url: str) -> str:
    """The documents' scratch database with the demo data, made if missing, migrated to the code's schema."""
    url, name = _scratch(base_url)
    commands = [["migrate", "--noinput", "-v0"]]
    if not _sql(base_url, "SELECT 1 FROM pg_database WHERE datname = %s", (name,)):
        _sql(base_url, f'CREATE DATABASE "{name}"')
        commands.append(["seed_demo"])
    for command in commands:
        subprocess.run([sys.executable, "manage.py", *command], env=django_env(url), cwd=ROOT, check=True,
                       capture_output=True)
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["pdf", "excel"])
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (postgres://user:password@host:port/name).")
    results = {}
    if args.only != "excel":
        url = _demo_database(base_url)
        results["pdf"] = _run(django_env(url), "pdf", str(args.runs))
        if args.drop:
            _sql(base_url, f'DROP DATABASE IF EXISTS "{_scratch(base_url)[1]}"')
    if args.only != "pdf":
        results["excel"] = _run(django_env(ensure_built(base_url)), "excel", str(args.runs))
    postgresql = _sql(base_url, "SELECT version()")[0][0].split(" on ")[0]
    _print(results, _machine(postgresql))


def _print(results: dict, machine: dict) -> None:
    for part in results.values():
        for name, step in part.items():
            runs = ", ".join(f"{value:.2f}" for value in step["runs"])
            extra = " · ".join(f"{k} {v}" for k, v in step.items() if k != "runs")
            print(f"{name}: median {statistics.median(step['runs']):.2f} s (runs {runs}) · {extra}")
    for key, value in machine.items():
        print(f"{key}: {value}")


# --- The children ---


def _pdf(runs: str) -> dict:
    from campaigns.models import Campaign
    from discipline import documents, report

    campaign = Campaign.objects.get(year=2023)
    found = {}
    for month, label in ((4, "PDF of the Sở, 04/2023 closed"), (11, "PDF of the Sở, 11/2023 open")):
        def render(month=month):
            return documents.monthly_report_pdf(report.build(campaign, 2023, month))

        times, pdf = timed(render, int(runs))
        people = report.build(campaign, 2023, month).total.people
        found[label] = {"runs": times, "people": people, "bytes": len(pdf), "pages": _pages(pdf)}
    return found


def _pages(pdf: bytes) -> int:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _excel(runs: str) -> dict:
    from django.db import transaction

    from bench.province import office_user
    from campaigns.models import Campaign
    from discipline import closing, documents, report

    campaign = Campaign.objects.get(year=2023)
    runs = int(runs)

    def workbook():
        data = report.build(campaign, 2023, 4)
        return data.total.people, documents.monthly_report_xlsx(data)

    found = {}
    times, (people, content) = timed(workbook, runs)
    found["Excel of the Sở, 04/2023 open"] = {"runs": times, "people": people, "bytes": len(content)}
    with transaction.atomic():
        started = time.perf_counter()
        closing.close_month(campaign, 2023, 4, by=office_user(), reason="Benchmark")
        found["Closing 04/2023 (final tally, SHA-256, ledger)"] = {"runs": [round(time.perf_counter() - started, 3)]}
        times, (people, content) = timed(workbook, runs)
        found["Excel of the Sở, 04/2023 closed"] = {"runs": times, "people": people, "bytes": len(content)}
        transaction.set_rollback(True)  # the province database is left as it was found
    return found


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation_portal.settings")
        django.setup()
        print(json.dumps({"pdf": _pdf, "excel": _excel}[sys.argv[2]](*sys.argv[3:])))
    else:
        main()
