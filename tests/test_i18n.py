"""The portal speaks Vietnamese: every string has a translation, and dates read dd/mm/yyyy."""

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _statistics(po: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    )
    return result.stderr.strip()


def test_every_message_of_the_catalogue_is_translated():
    stats = _statistics(PO)
    assert stats.endswith("translated messages."), stats
    assert "untranslated" not in stats and "fuzzy" not in stats


def test_the_catalogue_holds_every_string_of_the_code(tmp_path):
    """Extract the strings afresh into a copy of the project: none may be missing from the committed catalogue."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "var", "tests", "*.mo", "__pycache__", "test-artifacts")
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-obsolete", "--ignore=.venv", "-v0"],
        cwd=copy, check=True, capture_output=True, text=True,
    )
    stats = _statistics(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po")
    assert "untranslated" not in stats and "fuzzy" not in stats, stats


@pytest.mark.parametrize(("day", "text"), [(date(2024, 1, 5), "05/01/2024"), (date(2023, 12, 31), "31/12/2023")])
def test_dates_are_shown_dd_mm_yyyy(day, text):
    with translation.override("vi"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == text
        assert formats.date_format(day) == text


def test_the_admin_speaks_vietnamese(demo, login):
    response = login("vanphong").get("/admin/")
    assert "Quản trị cổng thi đua" in response.text
    assert "Tổ chức, cán bộ" in response.text
