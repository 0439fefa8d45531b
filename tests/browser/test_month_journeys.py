"""The month after it ends, as its users do it in the browser: a head disputes and signs off, the Office closes
the month and cannot change it any more, the board approves a reopening."""

import subprocess
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from campaigns.models import ViolationType
from discipline import closing, services
from discipline.models import Dispute, DisputeStatus, LedgerEntry, Month, MonthStatus, Signoff, Violation
from organization.models import Division, Staff, User


def _violation(code="NO_BADGE", day=date(2023, 4, 12)):
    vt = ViolationType.objects.get(campaign__year=2023, code=code)
    record = Violation(staff=Staff.objects.get(code="HTQT03"), date=day, type=vt, points=vt.points,
                       description="Không đeo thẻ khi tiếp khách")
    return services.record_new(record, by=User.objects.get(username="vanphong"))


def test_a_head_disputes_a_record_the_office_settles_it_and_the_head_signs_off(page, login_as, screenshot):
    record = _violation()
    htqt = Division.objects.get(code="HTQT")
    login_as("truongphong")
    page.goto(f"/discipline/months/2023-4/division/{htqt.pk}/")
    page.locator("#division-month a", has_text="Nguyễn Thị Hương").click()
    page.locator("#month-lines a", has_text="12/04/2023").click()
    page.get_by_role("link", name="Đề nghị xem xét lại").click()
    page.get_by_label("Lý do bản ghi chưa đúng").fill("Hôm đó đồng chí Hương đeo thẻ; có ảnh buổi tiếp khách.")
    page.get_by_role("button", name="Gửi đề nghị đến Văn phòng").click()
    expect(page.locator(".alert-success")).to_have_text("Đã gửi đề nghị xem xét lại đến Văn phòng.")
    expect(page.locator("#dispute-status")).to_have_text("Chờ Văn phòng")

    page.goto(f"/discipline/months/2023-4/division/{htqt.pk}/")
    expect(page.locator("#signoff")).to_contain_text("việc chờ quyết định")
    expect(page.locator("#sign-off")).to_have_count(0)
    screenshot("division-month-disputed")

    login_as("vanphong")
    page.locator("#nav-main").get_by_role("button", name="Theo dõi", exact=True).click()
    page.locator("#nav-main").get_by_role("link", name="Đề nghị xem xét lại").click()
    page.locator("#dispute-list a", has_text="Không đeo thẻ").click()
    page.get_by_label("Giữ nguyên: bản ghi đúng và vẫn được tính").check()
    page.get_by_label("Trả lời trưởng phòng").fill("Biên bản có chữ ký của đồng chí Hương và người chứng kiến.")
    page.get_by_role("button", name="Giải quyết").click()
    expect(page.locator("#dispute-status")).to_have_text("Giữ nguyên bản ghi")
    screenshot("dispute-settled")

    login_as("truongphong")
    page.goto(f"/discipline/months/2023-4/division/{htqt.pk}/")
    page.get_by_label("Nhận xét về Nguyễn Thị Hương").fill("Cần chấp hành đeo thẻ khi làm nhiệm vụ")
    page.locator(f"#staff-{record.staff_id}").get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_have_text("Đã lưu nhận xét về Nguyễn Thị Hương.")
    page.get_by_label("Ghi chú (không bắt buộc)").fill("Đã rà soát với từng cán bộ")
    page.get_by_role("button", name="Ký xác nhận tháng của phòng").click()
    expect(page.locator(".alert-success")).to_have_text("Đã ký xác nhận tháng 04/2023 của Phòng Hợp tác quốc tế.")
    expect(page.locator("#signoff")).to_contain_text("Đã ký xác nhận")
    screenshot("division-month-signed-off")
    assert Dispute.objects.get().status == DisputeStatus.CONFIRMED
    assert Signoff.objects.get().division == htqt


def test_the_office_closes_a_month_then_cannot_change_a_record_of_it(page, login_as, screenshot, console_monitor):
    record = _violation()
    login_as("vanphong")
    page.locator("#nav-main").get_by_role("button", name="Theo dõi", exact=True).click()
    page.locator("#nav-main").get_by_role("link", name="Các tháng: ký xác nhận và khóa sổ").click()
    page.locator("#month-list a", has_text="04/2023").click()
    expect(page.locator("#month-signoffs")).to_contain_text("Phòng Hợp tác quốc tế")
    page.get_by_role("button", name="Vẫn khóa sổ").click()
    expect(page.locator(".alert-danger")).to_contain_text("Tháng chưa đủ điều kiện khóa sổ")
    page.get_by_label("Lý do vẫn khóa sổ").fill("Giao ban ngày 24/4 đã thông qua; các phòng báo cáo trực tiếp")
    page.get_by_role("button", name="Vẫn khóa sổ").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã khóa sổ tháng 04/2023")
    expect(page.locator("#month-state")).to_have_text("Đã khóa sổ")
    expect(page.locator("#month-ledger")).to_contain_text(LedgerEntry.objects.get().digest)
    screenshot("month-closed")

    page.goto(f"/discipline/violations/{record.pk}/")
    expect(page.locator("#month-closed")).to_contain_text("Tháng 04/2023 đã khóa sổ")
    expect(page.get_by_role("link", name="Sửa", exact=True)).to_have_count(0)
    # The edit page reached by its address: saving is refused with the month named.
    page.goto(f"/discipline/violations/{record.pk}/edit/")
    page.get_by_label("Điểm", exact=True).fill("1")
    page.get_by_label("Lý do thay đổi điểm").fill("Giảm nhẹ")
    page.locator("#id_change_reason").fill("Thử sửa sau khi khóa sổ")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-danger, .invalid-feedback, .errorlist").first).to_contain_text("Tháng 04/2023 đã khóa sổ")
    screenshot("closed-month-edit-refused")
    record.refresh_from_db()
    assert record.points == 2
    assert Month.objects.get().status == MonthStatus.CLOSED


def test_a_reopening_is_requested_and_the_director_approves_it(page, login_as, screenshot):
    _violation()
    closing.close_month(closing_campaign(), 2023, 4, by=User.objects.get(username="vanphong"), reason="Giao ban đã họp")
    login_as("vanphong")
    page.goto("/discipline/months/2023-4/")
    page.get_by_label("Lý do cần mở lại tháng").fill("Phòng HTQT gửi biên bản lập nhầm người ngày 12/4")
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.locator(".alert-success")).to_have_text("Đã gửi đề nghị mở lại tháng đến Ban Giám đốc.")

    login_as("giamdoc")
    page.locator("#dashboard-waiting a", has_text="Đề nghị mở lại tháng 04/2023").click()
    expect(page.locator("#reopen-requests")).to_contain_text("Phòng HTQT gửi biên bản lập nhầm người ngày 12/4")
    page.get_by_label("Chấp thuận: mở lại tháng").check()
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.locator(".alert-success")).to_have_text("Đã ghi nhận quyết định.")
    expect(page.locator("#month-state")).to_have_text("Đang mở")
    expect(page.locator("#reopen-requests")).to_contain_text("Đã chấp thuận")
    screenshot("month-reopened")
    assert not closing.is_closed(2023, 4)


def closing_campaign():
    from campaigns.models import Campaign

    return Campaign.objects.get(year=2023)


def test_the_report_on_screen_in_pdf_and_in_excel_shows_the_same_numbers(page, login_as, screenshot, tmp_path):
    _violation("LATE_HEAVY", date(2023, 4, 11))
    closing.close_month(closing_campaign(), 2023, 4, by=User.objects.get(username="vanphong"), reason="Giao ban đã họp")
    login_as("giamdoc")
    page.locator("#nav-main").get_by_role("button", name="Theo dõi", exact=True).click()
    page.locator("#nav-main").get_by_role("link", name="Giao ban").click()
    page.fill("#briefing-month", "2023-05")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#briefing-previous")).to_contain_text("Chính thức")
    expect(page.locator("#briefing-current")).to_contain_text("Tạm tính")
    screenshot("briefing-may-2023")
    page.locator("#briefing-previous").get_by_role("link", name="Báo cáo đầy đủ").click()
    row = page.locator('#monthly-report tr[data-staff="HTQT03"]')
    screen = [cell.strip() for cell in row.locator("td").all_inner_texts()]
    assert screen[1:3] == ["HTQT03", "Nguyễn Thị Hương"] and screen[11] == "21" and screen[16] == "96"
    expect(page.locator("#report-state")).to_have_text("Chính thức")
    digest = page.locator("#report-digest").inner_text()
    screenshot("monthly-report-april")

    with page.expect_download() as download:
        page.locator("#report-pdf").click()
    pdf = tmp_path / "bao-cao.pdf"
    download.value.save_as(pdf)
    assert download.value.suggested_filename == "bao-cao-thang-2023-04.pdf"
    pages = _pdf_pages(pdf, "monthly-report-april-pdf")
    assert pages >= 2
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    line = next(line for line in text.splitlines() if "HTQT03" in line)
    assert line.split()[-3:] == ["0", "96", "A"], line  # bonus, total, grade
    assert " 21 " in line and digest in text.replace("\n", "")

    with page.expect_download() as download:
        page.locator("#report-xlsx").click()
    xlsx = tmp_path / "bao-cao.xlsx"
    download.value.save_as(xlsx)
    workbook = load_workbook(xlsx)
    sheet = workbook["Phòng Hợp tác quốc tế"]
    excel = next(row for row in sheet.iter_rows(values_only=True) if "HTQT03" in row)
    assert [str(value) for value in excel[:17]] == screen[:17]


def _pdf_pages(pdf, name) -> int:
    """Turn the PDF into PNG pages beside the screenshots, for people to look at; the number of pages."""
    folder = Path("test-artifacts/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(folder / name)], check=True)
    return len(list(folder.glob(f"{name}-*.png")))
