"""The board's dashboard in the browser (issue 6), on the demo year (seed_demo with its year): giamdoc lands on
it, looks at April 2023, finds the division with the most lateness and opens its records, approves what waits
for the board, and prints the dashboard for the briefing; a head sees their division's.
"""

import io
import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from discipline import closing
from discipline.models import DivisionMonth
from organization.models import User

PAGES = Path("test-artifacts/screenshots")


@pytest.fixture
def demo_data(transactional_db, django_db_serialized_rollback):
    """The demo department with its 2023 year (overrides the harness's quicker one)."""
    call_command("seed_demo", stdout=io.StringIO())


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_the_director_reads_the_dashboard_acts_and_prints_it(page, login_as, screenshot, tmp_path):
    # The Office asked to reopen May (a record of the 12th was entered for the wrong person).
    closing.request_reopen(2023, 5, reason="Biên bản ngày 12/5 ghi nhầm người.",
                           by=User.objects.get(username="vanphong"))
    april = {row.division.code: row for row in DivisionMonth.objects.filter(year=2023, month=4)
             .select_related("division")}

    login_as("giamdoc")
    assert page.url.endswith("/board/")
    expect(page.locator("h1")).to_have_text("Bảng tin của Sở")
    page.select_option("#id_month", "2023-04")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#dashboard-month-figures h2")).to_contain_text("Tháng 04/2023")
    expect(page.locator('[data-stat="late"] .stat-value')).to_have_text(str(sum(r.late for r in april.values())))
    screenshot("dashboard-april-2023")

    # The division with the most lateness, and its records behind the number.
    rows = page.locator("#dashboard-divisions tr[data-division]")
    lateness = {rows.nth(i).get_attribute("data-division"): _number(rows.nth(i).locator(".division-late").inner_text())
                for i in range(rows.count())}
    worst = max(lateness, key=lambda code: (lateness[code], code))
    assert lateness == {code: row.late for code, row in april.items()} and lateness[worst] > 0
    page.locator(f'#dashboard-divisions tr[data-division="{worst}"] .division-late a').click()
    expect(page.locator("#record-count")).to_have_text(f"{lateness[worst]} bản ghi")
    expect(page.locator("h1")).to_have_text("Vi phạm")
    assert page.locator("tbody tr").count() == min(lateness[worst], 50)
    screenshot("dashboard-lateness-records")

    # What waits for the board: the reopening of May, approved from its link.
    page.goto("/board/")
    waiting = page.locator("#dashboard-waiting")
    expect(waiting.locator('[data-waiting="1"] .badge')).to_have_text("1")
    waiting.get_by_role("link", name="Đề nghị mở lại tháng 05/2023").click()
    page.get_by_label("Chấp thuận: mở lại tháng").check()
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.locator(".alert-success")).to_have_text("Đã ghi nhận quyết định.")
    page.goto("/board/?month=2023-05")
    expect(page.locator('#dashboard-waiting [data-waiting="1"] .badge')).to_have_text("0")
    expect(page.locator("#dashboard-provisional")).to_be_visible()  # May is open again: tạm tính
    assert not closing.is_closed(2023, 5)

    # Printed for the briefing.
    page.goto("/board/?month=2023-04")
    with page.expect_download() as download:
        page.locator("#dashboard-pdf").click()
    assert download.value.suggested_filename == "bang-tin-2023-04.pdf"
    pdf = tmp_path / "bang-tin.pdf"
    download.value.save_as(pdf)
    PAGES.mkdir(parents=True, exist_ok=True)
    for old in PAGES.glob("dashboard-pdf-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(PAGES / "dashboard-pdf")], check=True)
    assert len(list(PAGES.glob("dashboard-pdf-*.png"))) >= 2
    text = re.sub(r"[ \t]+", " ", subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                                  text=True, check=True).stdout)
    assert "Tình hình chấp hành kỷ luật, kỷ cương hành chính tháng 04/2023" in text
    assert "(Số liệu chính thức)" in text
    line = next(line for line in text.splitlines() if line.strip().startswith(april[worst].division.name[:20]))
    assert str(april[worst].late) in line.split()
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert all(row.split()[-5] == "yes" for row in fonts.splitlines()[2:])


def test_a_head_sees_the_dashboard_of_their_division(page, login_as, screenshot):
    login_as("truongphong")
    page.locator("#division-dashboard").click()
    expect(page.locator("h1")).to_have_text("Bảng tin: Phòng Hợp tác quốc tế")
    expect(page.locator("#dashboard-divisions")).to_have_count(0)
    htqt = DivisionMonth.objects.filter(division__code="HTQT").order_by("-year", "-month").first()
    expect(page.locator('[data-stat="violations"] .stat-value')).to_have_text(str(htqt.violations))
    screenshot("dashboard-head")
