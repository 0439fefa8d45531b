"""The key pages of each role on the full demo year, as screenshots: what a newcomer looks at first.

Each page is opened as its user would (signed in through the login form), must show its heading without a console
error, and is saved as a PNG: under test-artifacts/screenshots/ in the test run, under docs/screenshots/ with
``make screenshots`` (which sets PORTAL_SCREENSHOTS), where the README shows some of them.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from awards.models import CouncilSession
from organization.models import Division, Staff

# user, page name, path (with {placeholders} filled from the demo data), the heading it must show
PAGES = [
    ("giamdoc", "board-dashboard", "/board/", "Bảng tin"),
    ("giamdoc", "board-nominations", "/awards/2023/nominations/", "khen thưởng"),
    ("vanphong", "office-home", "/office/", "Văn phòng"),
    ("vanphong", "office-day-sheet", "/discipline/sheet/?division={htqt}&day=14/11/2023", "Phòng Hợp tác quốc tế"),
    ("vanphong", "office-tally", "/discipline/tally/?month=2023-10", "Tổng hợp"),
    ("vanphong", "office-monthly-report", "/discipline/months/2023-11/report/", "Báo cáo"),
    ("vanphong", "office-year-summary", "/awards/2023/summary/", "2023"),
    ("truongphong", "head-home", "/division/", "Phòng Hợp tác quốc tế"),
    ("truongphong", "head-division-month", "/discipline/months/2023-11/division/{htqt}/", "11/2023"),
    ("truongphong", "head-ratings", "/awards/2023/ratings/", "Xếp loại"),
    ("canbo", "staff-home", "/me/", "Nguyễn Thị Hương"),
    ("canbo", "staff-year", "/awards/2023/staff/{canbo}/", "Năm 2023 của Nguyễn Thị Hương"),
    ("hoidong", "council-home", "/council/", "Hội đồng"),
    ("hoidong", "council-session", "/awards/2023/council/{session}/", "Biên bản phiên họp"),
]


@pytest.fixture
def demo_data(transactional_db, django_db_serialized_rollback):
    """The demo department with its whole 2023 year (overrides the harness's quicker one)."""
    call_command("seed_demo", stdout=io.StringIO())


def test_the_key_pages_of_each_role(page, login_as, screenshot_dir):
    # For the docs, the first screenful of each page (what a reader of the README needs); in a test run, all of it.
    docs = os.environ.get("PORTAL_SCREENSHOTS")
    folder = Path(docs or screenshot_dir)
    folder.mkdir(parents=True, exist_ok=True)
    objects = {
        "htqt": Division.objects.get(code="HTQT").pk,
        "canbo": Staff.objects.get(code="HTQT03").pk,
        "session": CouncilSession.objects.filter(campaign__year=2023).latest("held_on").pk,
    }
    signed_in = None
    for username, name, path, heading in PAGES:
        if username != signed_in:
            login_as(username)
            signed_in = username
        page.goto(path.format(**objects))
        expect(page.locator("h1")).to_contain_text(heading)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=not docs)
    assert sorted(p.stem for p in folder.glob("*.png") if p.stem in {n for _u, n, _p, _h in PAGES}) == sorted(
        n for _u, n, _p, _h in PAGES
    )
