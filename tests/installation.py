"""A separate installation of the portal for tests that run it as its operator would: manage.py and gunicorn in
processes of their own, on a database of their own (the suite's engine) and a media folder of their own."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]

# Prints every table's row count, every history table's, and the media files with their size, as JSON.
SNAPSHOT = """
import json, os
from pathlib import Path
import django
django.setup()
from django.apps import apps
from django.conf import settings
counts = {m._meta.label: m.objects.count() for m in apps.get_models(include_auto_created=True)}
root = Path(settings.MEDIA_ROOT)
files = {str(p.relative_to(root)): p.read_bytes().hex() for p in sorted(root.rglob("*")) if p.is_file()}
print(json.dumps({"counts": counts, "files": files}))
"""


class Installation:
    """One database and one media folder, driven through manage.py in a process of its own; ``environment``
    adds to (or overrides) the variables, e.g. the production settings instead of the test settings."""

    def __init__(self, url: str, media: Path, **environment: str):
        self.url, self.media, self.environment = url, media, environment

    def env(self):
        # The test run's own DJANGO_ALLOW_ASYNC_UNSAFE (set for the browser tests) must not reach the processes.
        inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        return inherited | {
            "DJANGO_SETTINGS_MODULE": "emulation_portal.test_settings",
            "DATABASE_URL": self.url,
            "MEDIA_ROOT": str(self.media),
            "LANG": "C.UTF-8",
            "LANGUAGE": "vi",
            "PYTHONIOENCODING": "utf-8",
        } | self.environment

    def manage(self, *arguments, check=True):
        result = subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=self.env(),
                                capture_output=True, text=True, timeout=600)
        if check:
            assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr, result.stderr
        return result

    def python(self, code: str) -> str:
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=self.env(), capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def snapshot(self) -> dict:
        return json.loads(self.python(SNAPSHOT).splitlines()[-1])


@pytest.fixture
def scratch_databases(tmp_path):
    """``scratch_databases(*names)``: empty databases of the suite's engine, as URLs; dropped afterwards."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        yield lambda *names: [f"sqlite:///{tmp_path / f'{name}.sqlite3'}" for name in names]
        return
    import psycopg2

    admin = psycopg2.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"],
                             port=db["PORT"] or 5432)
    admin.autocommit = True
    created = []
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    base = f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"

    def create(*names):
        urls = []
        for name in names:
            full = f"{db['NAME']}_scratch_{name}"  # beside the test database, named after it
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{full}"')
                cursor.execute(f'CREATE DATABASE "{full}"')
            created.append(full)
            urls.append(f"{base}/{full}")
        return urls

    try:
        yield create
    finally:
        with admin.cursor() as cursor:
            for name in created:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
