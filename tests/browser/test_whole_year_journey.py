"""One campaign year from an empty installation, through the portal's own pages only (issue 7).

The installer runs ``start_agency`` (the standing divisions and positions, the 2023 plan, the Office's first
account); from then on every step is a person in the browser: the Office sets up the agency, copies 2023 to 2024,
activates it, imports the staff from Excel and creates their accounts; people change their first passwords; March
2024 comes from the time clock's file and the day sheet; violations are recorded, one explanation is accepted
and one rejected; the tally, the four sign-offs, the close and the monthly report; then the year-end: a
self-assessment, the head's proposal, the board's ratings, the nominations, the shortlist, the council session,
the board's approval and the director's Quyết định. Nothing is created by the test behind the pages' backs: the
database is only read, to check what the pages said.

The final documents are read back (pdftotext, pdftoppm, pdffonts) and checked for the names and numbers typed
along the way.
"""

import io
import re
import subprocess
from datetime import date, time
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook
from playwright.sync_api import expect

from awards.models import IssuedDocument, Nomination, NominationStatus
from campaigns.models import Campaign, CampaignStatus
from campaigns.workdays import WorkCalendar
from discipline.models import LedgerEntry, MonthlyScore, Violation
from organization.models import Staff, User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGES = Path("test-artifacts/screenshots")
NEW_PASSWORD = "Ngoai-vu-2024"

# The Sở's people as the Office's spreadsheet lists them (the first Office member comes from start_agency).
PEOPLE = [
    # code, full name, gender, position, division
    ("BGD01", "Phạm Thị Anh Thư", "Nữ", "Giám đốc", "BGD"),
    ("VP01", "Nguyễn Thị Thanh Hà", "Nữ", "Chánh Văn phòng", "VP"),
    ("HTQT01", "Đoàn Văn Thắng", "Nam", "Trưởng phòng", "HTQT"),
    ("HTQT03", "Nguyễn Thị Hương", "Nữ", "Chuyên viên", "HTQT"),
    ("HTQT05", "Trần Văn Ân", "Nam", "Chuyên viên", "HTQT"),
    ("LS01", "Nguyễn Văn Hùng", "Nam", "Trưởng phòng", "LS"),
    ("LS03", "Lê Thị Hường", "Nữ", "Chuyên viên", "LS"),
]
OFFICE = ("VP04", "Vũ Thị Lan Anh", "vanphong")
CLOCKED = ["HTQT01", "HTQT03", "HTQT05", "LS01", "LS03"]  # BGD and VP are not on the time clock
LATE_DAY = date(2024, 3, 5)  # Hương arrives 07:42, twelve minutes late (winter hours start 07:30)
SHEET_DAY = date(2024, 3, 12)  # the day sheet of VP: Hà arrives 07:50, twenty minutes late


@pytest.fixture
def demo_data(transactional_db, django_db_serialized_rollback):
    """No demo data: the installation is empty but for what the migrations create (the role groups)."""


def logout(page):
    page.locator("#user-menu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/login/"))


def _nav(page, menu, link):
    page.locator("#nav-main").get_by_role("button", name=menu, exact=True).click()
    page.locator("#nav-main").get_by_role("link", name=link).click()


def _workbook(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pdf(path: Path, name: str) -> str:
    """The PDF's text, its pages turned into PNG files beside the screenshots, every font embedded."""
    PAGES.mkdir(parents=True, exist_ok=True)
    for old in PAGES.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(PAGES / name)], check=True)
    assert list(PAGES.glob(f"{name}-*.png")), f"{name}: no page"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), f"{name}: a font is not embedded"
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"[ \t]+", " ", text.stdout)


def _download(page, link, folder: Path) -> Path:
    with page.expect_download() as download:
        link.click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_one_year_from_an_empty_installation(page, login_as, screenshot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads are kept: not in the project's var/media
    passwords = {}

    def first_login(username):
        """The person logs in with the password on their slip and must choose their own at once."""
        login_as(username, passwords[username])
        expect(page).to_have_url(re.compile(r"/password/$"))
        page.fill("#id_old_password", passwords[username])
        page.fill("#id_new_password1", NEW_PASSWORD)
        page.fill("#id_new_password2", NEW_PASSWORD)
        page.get_by_role("button", name="Đổi mật khẩu").click()
        expect(page.locator(".alert-success")).to_have_text("Đã đổi mật khẩu.")
        passwords[username] = NEW_PASSWORD

    def login(username):
        if passwords[username] != NEW_PASSWORD:
            first_login(username)
        else:
            login_as(username, NEW_PASSWORD)

    # --- The installer: one command, whose output is the Office's first password. ---
    out = io.StringIO()
    call_command(
        "start_agency", code=OFFICE[0], name=OFFICE[1], gender="nữ", recruited="17/02/2014", username=OFFICE[2],
        stdout=out,
    )
    passwords[OFFICE[2]] = re.search(r"(?:mật khẩu ban đầu|initial password) (\S+?)\.", out.getvalue()).group(1)
    assert Staff.objects.count() == 1 and Campaign.objects.get().year == 2023

    # --- The Office sets up the agency and its year. ---
    first_login("vanphong")
    expect(page.locator("h1")).to_have_text("Văn phòng: công tác thi đua")
    page.get_by_role("link", name="Thông tin cơ quan").click()
    for field, value in {
        "province": "Lạng Sơn", "place_name": "Lạng Sơn", "parent_body": "UBND TỈNH LẠNG SƠN",
        "agency_name": "SỞ NGOẠI VỤ", "agency_abbreviation": "SNgV", "director_name": "Phạm Thị Anh Thư",
        "deputy_director_name": "Hoàng Văn Đức",
    }.items():
        page.fill(f"#id_{field}", value)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_be_visible()

    page.goto("/campaigns/")
    page.get_by_role("link", name="Sao chép sang năm mới").click()
    expect(page.locator("#id_year")).to_have_value("2024")
    page.get_by_role("button", name="Sao chép").click()
    expect(page.locator(".alert-success")).to_have_text("Đã sao chép phong trào sang năm 2024.")
    campaign = Campaign.objects.get(year=2024)
    # The copy is a draft; the Office puts it into force in the back office.
    page.goto(f"/admin/campaigns/campaign/{campaign.pk}/change/")
    page.select_option("#id_status", CampaignStatus.ACTIVE)
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.ACTIVE

    # The staff, from the Office's spreadsheet.
    page.goto("/staff/import/")
    sheet = _workbook([
        ("Mã cán bộ", "Họ và tên", "Giới tính", "Chức vụ", "Phòng", "Loại cán bộ", "Ngày tuyển dụng"),
        *[(code, name, gender, position, division, "Công chức", "01/08/2010")
          for code, name, gender, position, division in PEOPLE],
    ])
    page.set_input_files("#id_file", files=[{"name": "can-bo-2024.xlsx", "mimeType": XLSX, "buffer": sheet}])
    page.get_by_role("button", name="Nhập").click()
    expect(page.locator(".alert-success")).to_have_text(f"Đã nhập {len(PEOPLE)} cán bộ.")
    for _code, name, *_rest in PEOPLE:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()

    # Their accounts: one slip of initial passwords for everyone.
    page.goto("/accounts/create-missing/")
    page.get_by_role("button", name="Tạo các tài khoản").click()
    slip = page.locator("table.password-slip tbody tr")
    expect(slip).to_have_count(len(PEOPLE))
    usernames = {}
    for index in range(len(PEOPLE)):
        cells = slip.nth(index).locator("td").all_inner_texts()
        code, username, password = (cell.strip() for cell in cells[1:4])
        usernames[code] = username
        passwords[username] = password
    screenshot("year-journey-password-slip")
    assert usernames["HTQT03"] == "huongnt"

    # The council: the director, the Office's chief and the head of LS, given the role on their records.
    for code in ("BGD01", "VP01", "LS01"):
        page.goto("/staff/")
        page.get_by_role("link", name=next(n for c, n, *_r in PEOPLE if c == code), exact=True).click()
        page.get_by_label("Hội đồng TĐKT").check()
        page.get_by_role("button", name="Lưu vai trò").click()
        expect(page.locator(".alert-success")).to_contain_text("Đã lưu vai trò")

    # --- March 2024: the time clock's file for HTQT and LS. ---
    calendar = WorkCalendar(campaign)
    days = calendar.working_days(date(2024, 3, 1), date(2024, 3, 31))
    names = {code: name for code, name, *_rest in PEOPLE}
    rows = [("BẢNG CHẤM CÔNG THÁNG 3/2024",), ("Mã NV", "Họ tên", "Ngày", "Giờ vào", "Giờ ra")]
    for day in days:
        for code in CLOCKED:
            arrival = time(7, 42) if (code, day) == ("HTQT03", LATE_DAY) else time(7, 25)
            rows.append((code, names[code], day, arrival, time(16, 35)))
    rows.append(("LS99", "Người lạ", days[0], time(7, 20), time(16, 40)))
    _nav(page, "Chấm công", "Nhập dữ liệu từ máy chấm công")
    page.set_input_files("#id_file", files=[{"name": "cham-cong-03-2024.xlsx", "mimeType": XLSX,
                                             "buffer": _workbook(rows)}])
    page.get_by_role("button", name="Kiểm tra tệp").click()
    counts = {cells.split("\t")[0].strip(): cells.split("\t")[-1].strip()  # label, count
              for cells in page.locator("#clock-counts tbody tr").all_inner_texts()}
    assert counts["Đúng giờ"] == str(len(days) * len(CLOCKED) - 1), counts
    assert counts["Đi muộn"] == "1" and counts["Mã cán bộ không có trong cổng không áp dụng"] == "1", counts
    # The three people of BGD and VP have no time clock: the day sheet is theirs.
    assert counts["Cán bộ không có dữ liệu không áp dụng"] == str(3 * len(days)), counts
    screenshot("year-journey-clock-preview")
    page.get_by_role("button", name="Xác nhận và áp dụng các dòng hợp lệ").click()
    expect(page.locator(".alert-success")).to_have_text(
        f"Đã áp dụng dữ liệu chấm công: thêm {len(days) * len(CLOCKED)} bản ghi, sửa 0, giữ nguyên 0."
    )

    # The day sheet for the Office, which has no time clock.
    _nav(page, "Chấm công", "Bảng chấm công ngày")
    page.select_option("#id_division", label="Văn phòng Sở")
    page.fill("#id_day", SHEET_DAY.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Mở bảng").click()
    expect(page.locator("h1")).to_contain_text("Văn phòng Sở, 12/03/2024")
    page.locator("table.day-sheet tbody tr", has_text="Nguyễn Thị Thanh Hà").locator(
        "input[name$='-check_in']").fill("07:50")
    page.locator("table.day-sheet tbody tr", has_text="Vũ Thị Lan Anh").locator(
        "input[name$='-check_in']").fill("07:28")
    page.get_by_role("button", name="Lưu bảng chấm công").click()
    expect(page.locator(".alert-success")).to_have_text("Đã lưu bảng chấm công: 2 dòng thay đổi.")

    # Two violations seen by the Office: each person will explain.
    for code, day, description in (
        ("HTQT03", "14/03/2024", "Không đeo thẻ khi tiếp đoàn Lào"),
        ("LS03", "20/03/2024", "Không đeo thẻ tại bộ phận một cửa"),
    ):
        page.goto("/discipline/violations/new/")
        division = {"HTQT": "Phòng Hợp tác quốc tế", "LS": "Phòng Lãnh sự"}[code.rstrip("0123456789")]
        page.select_option("#id_staff", label=f"{names[code]} – {code} – {division}")
        page.fill("#id_date", day)
        page.select_option("#id_type", label="2024 · ND3 · Không đeo thẻ công chức khi thi hành công vụ (−2)")
        page.fill("#id_description", description)
        page.get_by_role("button", name="Lưu").click()
        expect(page.locator(".alert-success")).to_have_text(f"Đã ghi nhận và thông báo cho {names[code]}.")
    logout(page)

    # --- The people explain; one head accepts, the other rejects. ---
    for code, text in (("HTQT03", "Em để quên thẻ trong xe của đoàn, đã đeo lại ngay khi về."),
                       ("LS03", "Thẻ bị hỏng dây đeo.")):
        login(usernames[code])
        page.get_by_role("link", name=re.compile("^Thông báo")).click()
        page.locator("a.list-group-item", has_text="Vi phạm ngày").first.click()
        page.get_by_role("link", name="Giải trình", exact=True).click()
        page.fill("#id_text", text)
        page.get_by_role("button", name="Gửi giải trình").click()
        expect(page.locator(".alert-success")).to_have_text("Đã gửi giải trình.")
        logout(page)
    for head, accept, reason in (("HTQT01", True, "Có xác nhận của trưởng đoàn"),
                                 ("LS01", False, "Bộ phận một cửa có thẻ dự phòng; cần chủ động đổi thẻ")):
        login(usernames[head])
        page.get_by_role("button", name="Theo dõi").click()
        page.get_by_role("link", name="Giải trình chờ xem xét").click()
        page.get_by_role("link", name="Không đeo thẻ công chức khi thi hành công vụ").click()
        page.get_by_label("Chấp nhận: không tính vi phạm này nữa" if accept else
                          "Không chấp nhận: vi phạm vẫn được tính").check()
        page.fill("#id_reason", reason)
        page.get_by_role("button", name="Ghi nhận quyết định").click()
        expect(page.locator("#explanation")).to_contain_text("Được chấp nhận" if accept else "Không được chấp nhận")
        logout(page)

    # --- The month: tally, four sign-offs, the close, the report. ---
    login("vanphong")
    _nav(page, "Chấm công", "Tổng hợp tháng")
    page.fill("#id_month", "2024-03")
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("button", name="Chạy tổng hợp").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã tổng hợp tháng 03/2024: 8 người")
    row = page.locator("#tally tbody tr", has_text="Nguyễn Thị Hương")
    expect(row.locator("td").nth(-2)).to_have_text("98")  # late: −2; the badge was explained away
    screenshot("year-journey-tally")
    logout(page)
    for head in ("BGD01", "VP01", "HTQT01", "LS01"):
        login(usernames[head])
        division = Staff.objects.get(code=head).division_on(date(2024, 3, 31))
        page.goto(f"/discipline/months/2024-3/division/{division.pk}/")
        page.get_by_role("button", name="Ký xác nhận tháng của phòng").click()
        expect(page.locator(".alert-success")).to_have_text(
            f"Đã ký xác nhận tháng 03/2024 của {division.name}."
        )
        logout(page)

    login("vanphong")
    _nav(page, "Theo dõi", "Các tháng: ký xác nhận và khóa sổ")
    page.locator("#month-list a", has_text="03/2024").click()
    page.get_by_role("button", name="Khóa sổ tháng").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã khóa sổ tháng 03/2024")
    expect(page.locator("#month-ledger")).to_contain_text(LedgerEntry.objects.get().digest)
    screenshot("year-journey-month-closed")
    page.goto("/discipline/months/2024-3/report/")
    expect(page.locator("#report-state")).to_have_text("Chính thức")
    report = _pdf(_download(page, page.locator("#report-pdf"), tmp_path), "year-journey-monthly-report")
    lines = {code: next(line for line in report.splitlines() if f" {code} " in f" {line} ")
             for code in ("HTQT03", "LS03", "VP01")}
    assert lines["HTQT03"].split()[-3:] == ["0", "98", "A"], lines["HTQT03"]  # bonus, total, grade
    assert lines["LS03"].split()[-3:] == ["0", "98", "A"], lines["LS03"]  # the rejected explanation: −2
    assert lines["VP01"].split()[-3:] == ["0", "96", "A"], lines["VP01"]  # twenty minutes late: −4
    assert "Nguyễn Thị Hương" in report and "SỞ NGOẠI VỤ" in report
    whole = next(line for line in report.splitlines() if line.strip().startswith("Toàn Sở")).split()
    assert whole[2:5] == ["8", "99,0", "8"], whole  # people, average (100+96+100+100+98+100+98+100)/8, grade A
    logout(page)

    # --- The year-end. ---
    login(usernames["HTQT03"])
    page.get_by_role("link", name="Năm của tôi: xếp loại và tự đánh giá").click()
    expect(page.locator("h1")).to_contain_text("Năm 2024 của Nguyễn Thị Hương")
    page.select_option("#id_rating", "HTTNV")
    page.fill("#id_text", "Hoàn thành tốt nhiệm vụ lễ tân đối ngoại năm 2024.")
    page.get_by_role("button", name="Lưu bản tự đánh giá").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu bản tự đánh giá của bạn")
    logout(page)

    login(usernames["HTQT01"])
    page.get_by_role("link", name="Xếp loại cuối năm").click()
    expect(page.locator("h1")).to_contain_text("Xếp loại cuối năm 2024: Phòng Hợp tác quốc tế")
    page.locator('#ratings-table tr[data-staff="HTQT03"]').get_by_role("link", name="Nguyễn Thị Hương").click()
    page.select_option("#proposal-form select[name=rating]", "HTTNV")
    page.fill("#proposal-form textarea[name=opinion]", "Hoàn thành tốt nhiệm vụ.")
    page.get_by_role("button", name="Lưu đề xuất").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu đề xuất")
    logout(page)

    login(usernames["BGD01"])
    for code in ("HTQT01", "HTQT03", "HTQT05"):
        page.goto(f"/awards/2024/staff/{Staff.objects.get(code=code).pk}/")
        page.select_option("#decision-form select[name=rating]", "HTTNV")
        page.get_by_role("button", name="Quyết định xếp loại").click()
        expect(page.locator("#decided-rating")).to_contain_text("HTTNV")
    logout(page)

    login(usernames["HTQT01"])
    page.get_by_role("link", name="Đề nghị và danh sách khen thưởng").click()
    page.get_by_role("button", name="Đề nghị LĐTT cho mọi người của Phòng Hợp tác quốc tế đạt tiêu chuẩn").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã đề nghị LĐTT cho 3 người")
    logout(page)

    login("vanphong")
    nominations = list(Nomination.objects.filter(campaign=campaign).select_related("staff"))
    assert sorted(n.staff.code for n in nominations) == ["HTQT01", "HTQT03", "HTQT05"]
    for nomination in nominations:
        page.goto("/awards/2024/nominations/")
        page.locator(f'tr[data-nomination="{nomination.pk}"]').get_by_role("link").click()
        page.get_by_role("button", name="Đưa vào danh sách").click()
        expect(page.locator("#nomination-status")).to_have_text("Trong danh sách Văn phòng tổng hợp")
    page.goto("/awards/2024/council/")
    page.get_by_role("link", name="Ghi nhận phiên họp").click()
    page.fill("#id_held_on", "20/12/2024")
    page.fill("#id_started_at", "08:00")
    page.fill("#id_ended_at", "09:30")
    page.fill("#id_place", "Phòng họp tầng 2, Sở Ngoại vụ")
    page.select_option("#id_chair", label="Phạm Thị Anh Thư – Ban Giám đốc")
    page.select_option("#id_secretary", label="Vũ Thị Lan Anh – Văn phòng Sở")
    page.select_option("#id_method", "hands")
    # The three holders of the council's role are listed; the secretary joins them for the session.
    for row, role in enumerate(["Chủ tịch Hội đồng", "Phó Chủ tịch Hội đồng", "Ủy viên"]):
        page.fill(f"#id_members-{row}-council_role", role)
    page.select_option("#id_members-3-staff", label="Vũ Thị Lan Anh – Văn phòng Sở")
    page.fill("#id_members-3-council_role", "Thư ký Hội đồng")
    for nomination in nominations:
        page.fill(f"#id_for_{nomination.pk}", "4")
    page.get_by_role("button", name="Lưu phiên họp").click()
    expect(page.locator("#council-quorum")).to_contain_text("4/4 thành viên có mặt")
    for nomination in nominations:
        expect(page.locator(f'#council-votes tr[data-nomination="{nomination.pk}"]')).to_contain_text("Thông qua")
    screenshot("year-journey-council")
    logout(page)

    login(usernames["BGD01"])
    for nomination in nominations:
        page.goto(f"/awards/2024/nominations/{nomination.pk}/")
        page.locator("#approve-button").click()
        expect(page.locator("#nomination-status")).to_have_text("Ban Giám đốc đã duyệt")
    logout(page)

    # --- The director's decision, as the Office downloads it. ---
    login("vanphong")
    page.get_by_role("link", name="Đề nghị và danh sách khen thưởng").click()
    documents = page.locator("#year-end-documents")
    decision = _pdf(
        _download(page, documents.get_by_role("link", name="Quyết định khen thưởng của Giám đốc (PDF)"), tmp_path),
        "year-journey-decision",
    )
    number = IssuedDocument.objects.get(year=2024, kind="decision").number
    assert f"{number:02d}/QĐ-SNgV" in decision and "QUYẾT ĐỊNH" in decision
    assert "SỞ NGOẠI VỤ" in decision and "Phạm Thị Anh Thư" in decision
    for code in ("HTQT01", "HTQT03", "HTQT05"):
        assert names[code] in decision, f"{names[code]} is not in the decision"
    for code in ("LS03", "VP01", "LS01"):
        assert names[code] not in decision
    assert "năm 2024" in decision and "03 cá nhân" in decision
    # The reward: 0.3 times the base salary in force on the day of signing, for each of the three.
    base = int(re.search(r"mức lương cơ sở ([\d.]+) đồng", decision).group(1).replace(".", ""))
    row = next(line for line in decision.splitlines() if "Lao động tiên tiến (cá nhân)" in line).split()
    assert row[-3:] == [f"{round(base * 0.3):,}".replace(",", "."), "3", f"{round(base * 0.3) * 3:,}".replace(",", ".")]

    # What the pages said is what the database holds.
    assert MonthlyScore.objects.get(staff__code="HTQT03", year=2024, month=3).total == 98
    assert Violation.objects.filter(date__year=2024).count() == 4  # two lateness, two badges
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.APPROVED}
    assert User.objects.filter(must_change_password=True).count() == len(PEOPLE) + 1 - len(
        [u for u, p in passwords.items() if p == NEW_PASSWORD])
