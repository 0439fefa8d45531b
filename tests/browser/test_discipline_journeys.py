"""The Office records the year, the person explains, the head decides — in a real browser."""

import re

from playwright.sync_api import expect

from discipline.models import AttendanceRecord, ExplanationStatus, RecordStatus, Violation
from organization.models import Division

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def logout(page):
    page.locator("#user-menu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/login/"))


def test_office_fills_a_day_sheet_with_the_keyboard(page, login_as, screenshot):
    login_as("vanphong")
    page.locator("#nav-main").get_by_role("button", name="Chấm công", exact=True).click()
    page.locator("#nav-main").get_by_role("link", name="Bảng chấm công ngày").click()
    page.select_option("#id_division", label="Phòng Hợp tác quốc tế")
    page.fill("#id_day", "05/06/2023")
    page.get_by_role("button", name="Mở bảng").click()
    expect(page.locator("h1")).to_contain_text("Phòng Hợp tác quốc tế, 05/06/2023")
    row = page.locator("table.day-sheet tbody tr", has_text="Nguyễn Thị Hương")
    row.locator("input[name$='-check_in']").fill("07:20")
    trip = page.locator("table.day-sheet tbody tr", has_text="Trần Văn Ân")
    trip.locator("select").select_option(label="Công tác nước ngoài")
    trip.locator("input[name$='-note']").press_sequentially("Đoàn công tác Lào")
    trip.locator("input[name$='-note']").press("Enter")  # Enter submits the whole sheet
    expect(page.locator(".alert-success")).to_have_text("Đã lưu bảng chấm công: 2 dòng thay đổi.")
    expect(row.locator("input[name$='-check_in']")).to_have_value("07:20")
    expect(row).to_contain_text("Văn phòng nhập")
    screenshot("office-day-sheet")
    assert AttendanceRecord.objects.filter(date="2023-06-05", staff__code__in=["HTQT03", "HTQT05"]).count() == 2
    late = Violation.objects.get(staff__code="HTQT03", date="2023-06-05")
    assert (late.type.code, late.points) == ("LATE_HEAVY", 4)


def test_a_holiday_offers_only_duty(page, login_as):
    login_as("vanphong")
    division = Division.objects.get(code="HTQT")
    page.goto(f"/discipline/sheet/?division={division.pk}&day=24/01/2023")
    expect(page.locator(".alert-info")).to_contain_text("Mùng ba Tết Nguyên Đán")
    row = page.locator("table.day-sheet tbody tr", has_text="Nguyễn Thị Hương")
    row.locator("input[name$='-check_in']").fill("08:00")
    page.get_by_role("button", name="Lưu bảng chấm công").click()
    expect(page.locator(".alert-danger")).to_contain_text("chỉ được ghi trực hoặc đón tiếp đoàn")
    row = page.locator("table.day-sheet tbody tr", has_text="Nguyễn Thị Hương")
    row.locator("select").select_option(label="Trực, đón tiếp đoàn")
    row.locator("input[name$='-check_in']").fill("")
    page.get_by_role("button", name="Lưu bảng chấm công").click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_violation_with_evidence_explained_and_decided(page, login_as, screenshot):
    login_as("vanphong")
    page.goto("/discipline/violations/new/")
    page.select_option("#id_staff", label="Nguyễn Thị Hương – HTQT03 – Phòng Hợp tác quốc tế")
    page.fill("#id_date", "12/06/2023")
    page.select_option("#id_type", label="ND3 · Không đeo thẻ công chức khi thi hành công vụ (−2)")
    page.fill("#id_description", "Không đeo thẻ khi tiếp đoàn Hàn Quốc")
    page.set_input_files("#id_evidence", files=[{"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_have_text("Đã ghi nhận và thông báo cho Nguyễn Thị Hương.")
    expect(page.locator("main")).to_contain_text("−2")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về").click()
    assert download.value.path().read_bytes() == PDF
    screenshot("office-violation-recorded")

    page.goto("/discipline/commendations/new/")
    page.select_option("#id_staff", label="Nguyễn Thị Hương – HTQT03 – Phòng Hợp tác quốc tế")
    page.fill("#id_date", "20/06/2023")
    page.select_option("#id_type", label="Hoàn thành xuất sắc nhiệm vụ được giao (+5)")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("+5")
    logout(page)

    login_as("canbo")
    expect(page.locator("#nav-main")).to_contain_text("Thông báo 2")
    page.get_by_role("link", name=re.compile("^Thông báo")).click()
    page.locator("a.list-group-item", has_text="Vi phạm ngày 12/06/2023").click()
    page.get_by_role("link", name="Giải trình", exact=True).click()
    page.fill("#id_text", "Em để quên thẻ trong phòng họp, đã đeo lại ngay.")
    page.get_by_role("button", name="Gửi giải trình").click()
    expect(page.locator(".alert-success")).to_have_text("Đã gửi giải trình.")
    expect(page.locator("#explanation")).to_contain_text("Chờ xem xét")
    screenshot("staff-explanation-filed")
    logout(page)

    login_as("truongphong")
    page.get_by_role("button", name="Theo dõi").click()
    page.get_by_role("link", name="Giải trình chờ xem xét").click()
    page.get_by_role("link", name="Không đeo thẻ công chức khi thi hành công vụ").click()
    page.get_by_label("Chấp nhận: không tính vi phạm này nữa").check()
    page.fill("#id_reason", "Có xác nhận của đồng nghiệp")
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.locator(".alert-success")).to_have_text("Đã ghi nhận quyết định và thông báo cho người có liên quan.")
    expect(page.locator("#explanation")).to_contain_text("Được chấp nhận")
    expect(page.locator("main h1 + p .badge")).to_have_text("Đã rút")
    # The history shows who changed what, and why.
    expect(page.locator("main")).to_contain_text("Giải trình được chấp nhận: Có xác nhận của đồng nghiệp")
    screenshot("head-explanation-decided")
    violation = Violation.objects.get(staff__code="HTQT03", date="2023-06-12", type__code="NO_BADGE")
    assert (violation.status, violation.explanation.status) == (RecordStatus.WITHDRAWN, ExplanationStatus.ACCEPTED)


def test_a_colleague_cannot_open_someone_elses_record_by_url(page, login_as, console_monitor):
    login_as("vanphong")
    page.goto("/discipline/violations/new/")
    page.select_option("#id_staff", label="Lê Thị Hường – LS03 – Phòng Lãnh sự")
    page.fill("#id_date", "12/06/2023")
    page.select_option("#id_type", label="ND3 · Không đeo thẻ công chức khi thi hành công vụ (−2)")
    page.get_by_role("button", name="Lưu").click()
    url = page.url
    logout(page)
    login_as("canbo")
    console_monitor.allow(r"status of 403")
    page.goto(url)
    expect(page.locator("h1")).to_have_text("Không có quyền truy cập")
