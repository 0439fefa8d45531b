"""The Office at work in a real browser: accounts and the first login, the staff import, copying a campaign."""

import io
import re

from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from organization.models import Staff


def open_staff(page, name):
    page.goto("/staff/")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.locator("h1")).to_have_text(name)


def logout(page):
    page.locator("#user-menu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/login/"))


def test_office_creates_an_account_and_the_person_chooses_a_password(page, login_as, screenshot):
    login_as("vanphong")
    open_staff(page, "Trương Thị Bích Ngọc")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.locator("h1")).to_have_text("Đã tạo tài khoản")
    row = page.locator("table.password-slip tbody tr")
    expect(row.locator("td").nth(2)).to_have_text("ngocttb")
    password = row.locator("td").nth(3).inner_text()
    assert re.fullmatch(r"[A-Za-z0-9]{10}", password)
    screenshot("office-password-slip")
    logout(page)

    login_as("ngocttb", password)
    expect(page).to_have_url(re.compile(r"/password/$"))
    expect(page.locator(".alert-warning")).to_contain_text("Mật khẩu của bạn do Văn phòng đặt")
    # Every other page keeps sending her back here until she has chosen her own password.
    page.goto("/me/")
    expect(page).to_have_url(re.compile(r"/password/$"))
    page.fill("#id_old_password", password)
    page.fill("#id_new_password1", "Ngoai-vu-2023")
    page.fill("#id_new_password2", "Ngoai-vu-2023")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.locator(".alert-success")).to_have_text("Đã đổi mật khẩu.")
    expect(page.locator("h1")).to_have_text("Trương Thị Bích Ngọc")
    screenshot("first-login-done")


def _sheet(rows) -> bytes:
    wb = Workbook()
    wb.active.append(["Mã cán bộ", "Họ và tên", "Giới tính", "Chức vụ", "Phòng", "Loại cán bộ", "Ngày tuyển dụng"])
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_office_imports_staff_and_a_wrong_file_saves_nothing(page, login_as, screenshot, tmp_path):
    login_as("vanphong")
    page.goto("/staff/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp mẫu").click()
    assert download.value.suggested_filename == "mau-nhap-can-bo.xlsx"
    template = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert [cell.value for cell in template["Cán bộ"][1]][:2] == ["Mã cán bộ", "Họ và tên"]

    bad = _sheet([
        ["TTDN20", "Lê Văn Mới", "Nam", "Chuyên viên", "TTDN", "Công chức", "01/02/2024"],
        ["TTDN21", "Hà Thị Sai", "Nữ", "Chuyên gia", "TTDN", "Công chức", "30/02/2024"],
    ])
    page.set_input_files("#id_file", files=[{"name": "can-bo.xlsx", "mimeType": XLSX, "buffer": bad}])
    page.get_by_role("button", name="Nhập").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Chưa lưu gì: cần sửa 2 lỗi trước.")
    expect(errors.locator("li")).to_have_text([
        "Dòng 3: chức vụ “Chuyên gia” không có trong cổng.",
        "Dòng 3: ngày tuyển dụng “30/02/2024” không phải ngày dạng dd/mm/yyyy.",
    ])
    screenshot("office-import-errors")
    assert not Staff.objects.filter(code="TTDN20").exists()

    good = _sheet([
        ["TTDN20", "Lê Văn Mới", "Nam", "Chuyên viên", "TTDN", "Công chức", "01/02/2024"],
        ["TTDN21", "Hà Thị Đúng", "Nữ", "Chuyên viên", "TTDN", "Công chức", "29/02/2024"],
    ])
    page.set_input_files("#id_file", files=[{"name": "can-bo.xlsx", "mimeType": XLSX, "buffer": good}])
    page.get_by_role("button", name="Nhập").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.locator(".alert-success")).to_have_text("Đã nhập 2 cán bộ.")
    expect(page.get_by_role("link", name="Hà Thị Đúng", exact=True)).to_be_visible()
    assert Staff.objects.get(code="TTDN21").division_on().code == "TTDN"


def test_office_copies_the_2023_campaign_to_2024(page, login_as, screenshot):
    login_as("vanphong")
    page.goto("/campaigns/")
    page.get_by_role("link", name="Sao chép sang năm mới").click()
    expect(page.locator("#id_year")).to_have_value("2024")
    expect(page.locator("#id_name")).to_have_value(re.compile("năm 2024 của Sở Ngoại vụ"))
    page.get_by_role("button", name="Sao chép").click()
    expect(page.locator(".alert-success")).to_have_text("Đã sao chép phong trào sang năm 2024.")
    expect(page.locator("h1")).to_contain_text("năm 2024")
    expect(page.locator("main")).to_contain_text("Từ 01/01/2024 đến 31/12/2024 · Dự thảo")
    expect(page.locator("main .list-group-item strong")).to_have_count(6)
    screenshot("campaign-2024-copied")
