"""What the benchmarks share: each measured step runs in a process of its own, on the database it is given; a
timer with a warm-up run; the environment of children that serve pages through Django's test client."""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_child(script: str, env: dict, *command: str) -> dict:
    """Run ``script --child COMMAND…`` with ``env``; print what it printed, and return its last line as JSON.

    A failing step stops the benchmark with the step's output.
    """
    result = subprocess.run(
        [sys.executable, script, "--child", *command], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"bench step {command} failed:\n{result.stdout}\n{result.stderr}")
    lines = result.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(line)
    return json.loads(lines[-1])


# The test client's host, allowed in the child processes (which run with DEBUG off, without HTTPS, and so
# with the fingerprinted static files of collectstatic, collected into a folder of their own first).
CLIENT_ENV = {"ALLOWED_HOSTS": "testserver", "HTTPS": "0",
              "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "portal-bench-static")}


def collect_static(env: dict) -> None:
    """Collect the static files into CLIENT_ENV's folder, as production does, for pages served with DEBUG off."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT,
                   check=True, capture_output=True)


def timed(function, runs: int) -> tuple[list[float], object]:
    """One uncounted warm-up call (imports, templates, fonts, caches), then ``runs`` timed calls: the seconds
    of each, and what the last returned."""
    function()
    times, value = [], None
    for _ in range(runs):
        started = time.perf_counter()
        value = function()
        times.append(round(time.perf_counter() - started, 3))
    return times, value
