"""Backups: the database and the evidence files in one dated archive; an empty installation brought back from one.

The archive (``portal-backup-YYYYmmdd-HHMMSS.tar.gz``) holds:

- ``manifest.json``: when, which database engine, the applied migrations, the number of rows of every table and
  the SHA-256 of every evidence file;
- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite's online backup);
- ``media/…``: the uploaded files (evidence, explanation attachments, time-clock files) as they are on disk.

Consistency: on PostgreSQL the rows are counted and ``pg_dump`` reads in one exported snapshot, so the dump is the
database of one instant even while people work. The files are copied after the database: a file uploaded during
the backup may be in the archive without its record (harmless), never a record without its file, because files
are written before their record is committed and never deleted by the portal.

Restore refuses anything but an empty installation (no table in the database, no file in the media folder),
then checks every count and every file's digest against the manifest.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
PREFIX = "portal-backup-"
SUFFIX = ".tar.gz"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in the portal's language."""


@dataclass
class Restored:
    manifest: dict
    rows: int
    files: int


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(_("Backups are made for PostgreSQL and SQLite only, not %(vendor)s.") % {"vendor": vendor})
    return vendor


def _tables() -> dict[str, str]:
    """Every table the portal's models keep (history and many-to-many tables included), by its model's label."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables[model._meta.label] = model._meta.db_table
    return tables


def _count(cursor, tables: dict[str, str]) -> dict[str, int]:
    counts = {}
    for label, table in sorted(tables.items()):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[label] = cursor.fetchone()[0]
    return counts


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = settings.DATABASES["default"]
    env = os.environ | {"PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _run(command: list[str], env: dict) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            _("%(program)s was not found: install the PostgreSQL client of the server's version.")
            % {"program": command[0]}
        ) from None
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s") % {"program": command[0], "error": result.stderr.strip()[-2000:]}
        )


def _dump_postgresql(target: Path, tables: dict[str, str]) -> dict[str, int]:
    """Count the rows and dump the database in one snapshot, exported from a repeatable-read transaction."""
    env, args = _pg_env_and_args()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _count(cursor, tables)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              "--file", str(target), *args], env)
    return counts


def _dump_sqlite(target: Path, tables: dict[str, str]) -> dict[str, int]:
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    with sqlite3.connect(target) as copy:
        cursor = copy.cursor()
        counts = {}
        for label, table in sorted(tables.items()):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[label] = cursor.fetchone()[0]
    return counts


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_backup(folder: Path, *, keep: int | None = None) -> Path:
    """Write the archive into ``folder`` (created if missing) and return its path; with ``keep``, remove the
    oldest archives of the folder beyond that many."""
    engine = _engine()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    now = timezone.localtime()
    final = folder / f"{PREFIX}{now:%Y%m%d-%H%M%S}{SUFFIX}"
    if final.exists():
        raise BackupError(_("%(path)s already exists: wait a second and run it again.") % {"path": final})
    tables = _tables()
    with tempfile.TemporaryDirectory(dir=folder, prefix=".backup-") as work:
        work = Path(work)
        dump = work / DUMPS[engine]
        counts = _dump_postgresql(dump, tables) if engine == "postgresql" else _dump_sqlite(dump, tables)
        root = Path(settings.MEDIA_ROOT)
        files = {str(path.relative_to(root)): _sha256(path) for path in _media_files()}
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "engine": engine,
            "database": DUMPS[engine],
            "migrations": sorted(MigrationRecorder.Migration.objects.values_list("app", "name")),
            "rows": counts,
            "files": files,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = work / final.name
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / "manifest.json", arcname="manifest.json")
            archive.add(dump, arcname=DUMPS[engine])
            for name in files:
                archive.add(root / name, arcname=f"media/{name}")
        partial.chmod(0o600)  # personal data: readable by the service's user only
        partial.replace(final)  # the archive appears whole or not at all
    if keep is not None:
        for old in sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))[:-keep]:
            old.unlink()
    return final


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
    except (OSError, EOFError, tarfile.TarError, KeyError, ValueError, TypeError):
        raise BackupError(_("%(path)s is not a backup of the portal.") % {"path": archive}) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("%(path)s is a backup of an unknown format.") % {"path": archive})
    return manifest


def restore_backup(archive: Path) -> Restored:
    """Bring the empty installation back from ``archive``, then check every count and file against it."""
    archive = Path(archive)
    manifest = read_manifest(archive)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            _("The backup is of a %(theirs)s database; this installation uses %(ours)s.")
            % {"theirs": manifest["engine"], "ours": engine}
        )
    if connection.introspection.table_names():
        raise BackupError(
            _("The database already has tables: restore only into a new, empty database (nothing is changed).")
        )
    if _media_files():
        raise BackupError(
            _("The media folder %(folder)s already has files: restore only into an empty one (nothing is changed).")
            % {"folder": settings.MEDIA_ROOT}
        )
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        work = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                _extract(tar, work)
        except (OSError, EOFError, tarfile.TarError):
            raise BackupError(_("%(path)s is not a backup of the portal.") % {"path": archive}) from None
        # Every file is checked before anything is written, so a damaged archive changes nothing.
        for name, digest in manifest["files"].items():
            source = work / "media" / name
            if not source.is_file() or _sha256(source) != digest:
                raise BackupError(_("The file %(name)s of the backup is missing or damaged.") % {"name": name})
        dump = work / manifest["database"]
        if not dump.is_file():
            raise BackupError(_("%(path)s is not a backup of the portal.") % {"path": archive})
        if engine == "postgresql":
            env, args = _pg_env_and_args()
            _run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                  *args, str(dump)], env)
        else:
            connection.close()
            shutil.copyfile(dump, settings.DATABASES["default"]["NAME"])
        root = Path(settings.MEDIA_ROOT)
        for name in manifest["files"]:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(work / "media" / name, root / name)
    with connection.cursor() as cursor:
        counts = _count(cursor, {label: table for label, table in _tables().items() if label in manifest["rows"]})
    wrong = {label: (manifest["rows"][label], count) for label, count in counts.items()
             if count != manifest["rows"][label]}
    if wrong:
        raise BackupError(
            _("After the restore these tables do not hold what the backup counted: %(tables)s.")
            % {"tables": ", ".join(f"{label} ({want} ≠ {got})" for label, (want, got) in sorted(wrong.items()))}
        )
    return Restored(manifest, sum(counts.values()), len(manifest["files"]))


def _extract(tar: tarfile.TarFile, folder: Path) -> None:
    """Extract only plain files and folders inside ``folder``: what ``filter="data"`` does on Python 3.11.4 and
    later, checked here by hand for Debian 12's Python 3.11.2, whose tarfile lacks it."""
    root = folder.resolve()
    for member in tar.getmembers():
        target = (folder / member.name).resolve()
        if not (member.isfile() or member.isdir()) or (target != root and root not in target.parents):
            raise BackupError(_("%(path)s is not a backup of the portal.") % {"path": tar.name})
    for member in tar.getmembers():
        if member.isdir():
            (folder / member.name).mkdir(parents=True, exist_ok=True)
        else:
            (folder / member.name).parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as source, open(folder / member.name, "wb") as copy:
                shutil.copyfileobj(source, copy)


def backup_time(manifest: dict) -> datetime:
    return datetime.fromisoformat(manifest["created_at"])
