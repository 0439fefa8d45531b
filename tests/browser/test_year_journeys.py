"""The year's summary in the browser: the board opens the year-end summary and follows a person to their year."""

from datetime import date

from playwright.sync_api import expect

from campaigns.models import ViolationType
from discipline.models import Violation
from organization.models import Staff


def test_the_director_reads_the_year_summary_and_a_persons_suggestion(page, login_as, screenshot):
    huong = Staff.objects.get(code="HTQT03")
    # March: three unexcused days take ND3 to 0, two missed tasks ND5 to 0: 55 points, grade C.
    for code, days in (("ABSENT_DAY", (13, 14, 15)), ("TASK_MISSED", (20, 21))):
        vt = ViolationType.objects.get(campaign__year=2023, code=code)
        for day in days:
            Violation.objects.create(staff=huong, date=date(2023, 3, day), type=vt, points=vt.points)
    login_as("giamdoc")
    page.locator("#nav-main").get_by_role("button", name="Theo dõi", exact=True).click()
    page.locator("#nav-main").get_by_role("link", name="Các tháng: ký xác nhận và khóa sổ").click()
    page.get_by_role("link", name="Tổng kết năm").click()
    expect(page.locator("h1")).to_contain_text("Tổng kết năm 2023")
    expect(page.locator("#summary-state")).to_have_text("Tạm tính")
    page.select_option("#summary-division", label="Phòng Hợp tác quốc tế")
    page.get_by_role("button", name="Xem").click()
    row = page.locator('#summary-people tr[data-staff="HTQT03"]')
    expect(row.locator("td").last).to_have_text("HTTNV")  # 96,25 on average, but a month graded C
    screenshot("year-summary-htqt")
    row.get_by_role("link", name="Nguyễn Thị Hương").click()
    expect(page.locator("#year-average")).to_have_text("96,25")
    expect(page.locator("#year-suggestion")).to_have_text("HTTNV")
    expect(page.locator("#year-reasons")).to_contain_text("không đạt HTXSNV")
    screenshot("person-year-huong")
