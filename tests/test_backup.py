"""Backup and restore as the operator runs them (issue 8): the demo year backed up, restored into a new database
and an empty media folder, and found whole — every table's rows, the history, the evidence files, the month
ledger (``verify_months``).

The commands run as their own processes on databases of their own: PostgreSQL when the suite runs on it (two
databases created next to the test database, dropped afterwards), else SQLite files.
"""

from pathlib import Path

from tests.installation import Installation

# Attaches evidence to two violations of November (an open month) through the file field, as the record form does.
EVIDENCE = """
import django
django.setup()
from django.core.files.base import ContentFile
from discipline.models import Violation
for n, violation in enumerate(Violation.objects.filter(date__year=2023, date__month=11).order_by("pk")[:2]):
    violation.evidence.save(f"bien-ban-{n}.pdf", ContentFile(b"%PDF-1.4 bien ban " + bytes([48 + n])))
"""


def test_the_demo_year_is_backed_up_and_restored_whole(scratch_databases, tmp_path):
    databases = scratch_databases("source", "restored")
    source = Installation(databases[0], tmp_path / "media-source")
    source.manage("migrate", "--verbosity", "0")
    source.manage("seed_demo")
    source.python(EVIDENCE)
    before = source.snapshot()
    assert before["counts"]["discipline.LedgerEntry"] >= 10  # January to October 2023 closed
    assert before["counts"]["discipline.HistoricalViolation"] > 0
    assert len(before["files"]) == 2

    out = source.manage("backup", "--output-dir", str(tmp_path / "backups"), "--keep", "2").stdout
    archives = sorted((tmp_path / "backups").glob("portal-backup-*.tar.gz"))
    assert len(archives) == 1 and str(archives[0]) in out
    assert archives[0].stat().st_mode & 0o777 == 0o600  # personal data: the service's user only
    assert "2 tệp" in out

    restored = Installation(databases[1], tmp_path / "media-restored")
    result = restored.manage("restore", str(archives[0]))
    assert "Đã khôi phục bản sao lưu" in result.stdout
    assert "tháng đã khóa sổ và chuỗi của sổ cái: không có gì bị thay đổi" in result.stdout  # verify_months
    after = restored.snapshot()
    assert after == before  # every table's rows, the history tables included, and every file byte for byte
    restored.manage("verify_months")

    # Restoring again over the restored installation is refused and changes nothing.
    again = restored.manage("restore", str(archives[0]), check=False)
    assert again.returncode == 1
    assert "Cơ sở dữ liệu đã có bảng" in again.stderr.splitlines()[-1]
    assert restored.snapshot() == before


def test_a_damaged_archive_is_refused_and_the_installation_stays_empty(scratch_databases, tmp_path):
    databases = scratch_databases("source", "target")
    source = Installation(databases[0], tmp_path / "media-source")
    source.manage("migrate", "--verbosity", "0")
    source.manage("seed_demo", "--without-year")
    (tmp_path / "media-source" / "evidence").mkdir(parents=True)
    (tmp_path / "media-source" / "evidence" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 bien ban")
    source.manage("backup", "--output-dir", str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("portal-backup-*.tar.gz"))
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    target = Installation(databases[1], tmp_path / "media-target")
    result = target.manage("restore", str(damaged), check=False)
    assert result.returncode == 1
    assert "không phải bản sao lưu của cổng" in result.stderr.splitlines()[-1]
    assert not (tmp_path / "media-target").exists() or not any((tmp_path / "media-target").rglob("*"))
    tables = target.python(
        "import django; django.setup()\nfrom django.db import connection\n"
        "print(len(connection.introspection.table_names()))"
    )
    assert tables.strip() == "0"


def test_an_archive_reaching_outside_its_folder_is_refused(scratch_databases, tmp_path):
    """A crafted archive (a member named ../…) writes nothing anywhere: the members are checked before any is
    extracted (Debian 12's Python 3.11.2 lacks tarfile's filter="data")."""
    import io
    import json
    import tarfile

    from django.db import connection

    crafted = tmp_path / "crafted.tar.gz"
    manifest = json.dumps({"format": 1, "engine": connection.vendor, "database": "database.dump", "rows": {},
                           "files": {}, "created_at": "2026-11-27T10:00:00+07:00", "migrations": []}).encode()
    with tarfile.open(crafted, "w:gz") as archive:
        for name, data in (("manifest.json", manifest), ("../escaped.txt", b"x")):
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    (url,) = scratch_databases("crafted")
    target = Installation(url, tmp_path / "media")
    result = target.manage("restore", str(crafted), check=False)
    assert result.returncode == 1
    assert "không phải bản sao lưu của cổng" in result.stderr.splitlines()[-1]  # not "another engine"
    assert not list(tmp_path.parent.glob("escaped.txt")) and not list(Path("/tmp").glob("escaped.txt"))


def test_commands_on_a_database_without_tables_say_so(scratch_databases, tmp_path):
    (url,) = scratch_databases("empty")
    result = Installation(url, tmp_path / "media").manage("verify_months", check=False)
    assert result.returncode == 1
    assert "Cơ sở dữ liệu chưa sẵn sàng" in result.stderr.splitlines()[-1]


def test_keep_leaves_the_newest_archives_only(transactional_db, django_db_serialized_rollback, tmp_path, settings,
                                              monkeypatch):
    """``backup --keep N`` (the daily timer of docs/operations.md keeps 14): older archives are removed.

    Transactional, since pg_dump must see the data; with serialized rollback like the browser tests, whose
    restored rows would otherwise collide with those a plain flush recreates."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from organization import backup

    settings.MEDIA_ROOT = tmp_path / "media"
    start = datetime(2026, 11, 20, 2, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    made = []
    for day in range(4):
        monkeypatch.setattr(backup.timezone, "localtime", lambda day=day: start + timedelta(days=day))
        made.append(backup.make_backup(tmp_path / "backups", keep=2).name)
    left = sorted(path.name for path in (tmp_path / "backups").iterdir())
    assert left == made[-2:] == ["portal-backup-20261122-023000.tar.gz", "portal-backup-20261123-023000.tar.gz"]
