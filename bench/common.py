"""What the benchmarks share: each measured step runs in a process of its own, on the database it is given."""

import json
import subprocess
import sys
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
