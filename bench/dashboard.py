"""Benchmark of the board's dashboard at province scale (issue 6, "Speed").

Target: on the province data of bench/province.py (20,000 people, a year of records, PostgreSQL), the
dashboard's median server time stays under 3 × the median time of a trivial page — a view rendering a small
template with no queries beyond the session — served by the same process. Results, with the machine, go to
docs/performance.md.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal .venv/bin/python bench/dashboard.py

In one child process on the province database (built first if missing), inside a transaction rolled back at
the end (the database is left as found):

1. the tally of each of the twelve months of 2023 (``run_tally``, which now also rebuilds the month's
   division summaries); the time of ``dashboard.refresh_month`` alone, for April, is measured too;
2. then, interleaved, ``--runs`` requests (default 30, after 3 uncounted) of the trivial page and of the
   dashboard for April 2023 (``/discipline/dashboard/?month=2023-04``, whole Sở, as the Office), through
   Django's test client with the user signed in: the full request cycle, middleware and template included,
   no network; the queries of each page are counted once (savepoints left out). The board's home is measured
   too, for an account of the director made for the run (the province data has only the Office's).

Options: ``--runs N``.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import CLIENT_ENV, collect_static, run_child  # noqa: E402  (after the path is set)
from bench.province import _machine, _sql, django_env, ensure_built  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (postgres://user:password@host:port/name).")
    collect_static(django_env(base_url, **CLIENT_ENV))
    url = ensure_built(base_url)
    env = django_env(url, **CLIENT_ENV)
    result = run_child(__file__, env, "measure", str(args.runs))
    for name, step in result.items():
        if isinstance(step, dict):
            runs = step["runs"]
            print(f"{name}: median {statistics.median(runs) * 1000:.1f} ms, spread "
                  f"{min(runs) * 1000:.1f}–{max(runs) * 1000:.1f} ms over {len(runs)} runs"
                  + "".join(f" · {k} {v}" for k, v in step.items() if k != "runs"))
        else:
            print(f"{name}: {step}")
    trivial = statistics.median(result["trivial page"]["runs"])
    for name in ("dashboard", "board's home (the dashboard)"):
        ratio = statistics.median(result[name]["runs"]) / trivial
        print(f"{name} / trivial page: {ratio:.2f} (target < 3: {'met' if ratio < 3 else 'NOT met'})")
    postgresql = _sql(base_url, "SELECT version()")[0][0].split(" on ")[0]
    for key, value in _machine(postgresql).items():
        print(f"{key}: {value}")


# --- The child ---


def _measure(runs: str) -> dict:
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from bench.province import OFFICE_USERNAME
    from campaigns.models import Campaign
    from discipline import dashboard, services
    from discipline.models import DivisionMonth
    from organization.models import User

    runs = int(runs)
    campaign = Campaign.objects.get(year=2023)
    found = {}
    with transaction.atomic(), override_settings(ROOT_URLCONF="bench.urls"):
        started = time.perf_counter()
        for month in range(1, 13):
            services.run_tally(campaign, 2023, month)
        found["tally of the 12 months (with the summaries)"] = f"{time.perf_counter() - started:.1f} s"
        refresh = []
        for _ in range(3):
            started = time.perf_counter()
            dashboard.refresh_month(campaign, 2023, 4)
            refresh.append(round(time.perf_counter() - started, 4))
        found["refresh_month, April"] = {"runs": refresh}
        found["division summaries"] = DivisionMonth.objects.filter(campaign=campaign).count()
        office = Client()
        office.force_login(User.objects.get(username=OFFICE_USERNAME))
        board = Client()
        board.force_login(_director())
        pages = {"trivial page": (office, "/bench-trivial/"),
                 "dashboard": (office, "/discipline/dashboard/?month=2023-04"),
                 "board's home (the dashboard)": (board, "/board/?month=2023-04")}
        times = {name: [] for name in pages}
        for i in range(runs + 3):
            for name, (client, url) in pages.items():
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
                assert response.status_code == 200, (url, response.status_code)
                if i >= 3:
                    times[name].append(round(elapsed, 5))
        for name, (client, url) in pages.items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            statements = [q for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
            found[name] = {"runs": times[name], "queries": len(statements), "kB": round(len(response.content) / 1024)}
        transaction.set_rollback(True)  # the province database is left as it was found
    return found


def _director():
    """An account for the director of the province data (the first person of the board), made for the run."""
    from django.contrib.auth.models import Group

    from organization.models import Staff, User
    from organization.roles import Role

    user = User.objects.create_user("bench-board", password="bench-province-2023")
    user.groups.add(Group.objects.get(name=Role.BOARD))
    director = Staff.objects.filter(memberships__division__code="BGD").order_by("code").first()
    director.user = user
    director.save(update_fields=["user"])
    return user


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation_portal.settings")
        django.setup()
        print(json.dumps({"measure": _measure}[sys.argv[2]](*sys.argv[3:])))
    else:
        main()
