"""The Office tallies April 2023 and follows one person's score to the record behind it."""

import re
from datetime import date

from playwright.sync_api import expect

from campaigns.models import ViolationType
from discipline.models import MonthlyScore, Violation
from organization.models import Staff


def test_office_tallies_a_month_and_follows_a_score_to_its_record(page, login_as, screenshot):
    huong = Staff.objects.get(code="HTQT03")
    late = Violation.objects.create(
        staff=huong, date=date(2023, 4, 11), points=4,
        type=ViolationType.objects.get(code="LATE_HEAVY", campaign__year=2023),
    )
    login_as("vanphong")
    page.locator("#nav-main").get_by_role("button", name="Chấm công", exact=True).click()
    page.locator("#nav-main").get_by_role("link", name="Tổng hợp tháng").click()
    page.fill("#id_month", "2023-04")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#tally tbody")).to_contain_text("Tháng này chưa được tổng hợp.")
    page.get_by_role("button", name="Chạy tổng hợp").click()
    expect(page.locator(".alert-success")).to_have_text(
        "Đã tổng hợp tháng 04/2023: 44 người, thêm 44 điểm, thay đổi 0, giữ nguyên 0."
    )
    row = page.locator("#tally tbody tr", has_text="Nguyễn Thị Hương")
    expect(row.locator("td").nth(4)).to_have_text("21")  # ND3: 25 − 4
    expect(row.locator("td").nth(-2)).to_have_text("96")
    screenshot("office-tally-april")
    row.get_by_role("link", name="Nguyễn Thị Hương").click()
    expect(page.locator("#month-total")).to_have_text("96")
    expect(page.locator("#month-grade")).to_have_text("A")
    screenshot("person-month-april")
    page.locator("#month-lines a", has_text="11/04/2023 · Đi muộn từ 15 phút trở lên").click()
    expect(page).to_have_url(re.compile(rf"/discipline/violations/{late.pk}/$"))
    expect(page.locator("h1")).to_have_text("Đi muộn từ 15 phút trở lên")
    assert MonthlyScore.objects.get(staff=huong, year=2023, month=4).total == 96
