"""The Office imports the time clock's export in a real browser: upload, preview, confirm, rejects, day sheet.

The demo department without records (seed_demo --without-year): 45 people, 44 of them in post in June 2023
(TTDN07 is recruited in October). The file holds one working day of a few people of HTQT.
"""

import io
from datetime import date, time

from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from discipline.models import (
    AttendanceRecord,
    AttendanceSource,
    ClockImport,
    ClockImportStatus,
    RecordSource,
    Violation,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DAY = date(2023, 6, 6)  # a Tuesday, summer hours 07:00–11:30 and 13:30–17:00; grace 5 min, heavy from 15
TITLE = ("BẢNG CHẤM CÔNG THÁNG 6/2023 – PHÒNG HỢP TÁC QUỐC TẾ",)
HEADINGS = ("Mã NV", "Họ tên", "Ngày", "Giờ vào", "Giờ ra")
# Line 1 is the title, line 2 the headings: the people's rows are lines 3 to 10.
ROWS = [
    ("HTQT01", "Đoàn Văn Thắng", DAY, time(6, 55), time(17, 5)),  # on time
    ("HTQT02", "Lý Thị Thanh Hương", DAY, time(6, 58), time(17, 2)),  # on time
    ("HTQT03", "Nguyễn Thị Hương", DAY, time(7, 12), time(17, 5)),  # 12 minutes late
    ("HTQT04", "Hoàng Minh Đức", DAY, time(6, 50), None),  # no time out: a missing punch
    ("HTQT99", "Nguyễn Văn Lạ", DAY, time(7, 0), time(17, 0)),  # nobody has this code
    ("HTQT05", "Trần Văn Ân", DAY, time(6, 57), time(17, 1)),  # line 8 …
    ("HTQT06", "Lê Thu Hà", DAY, time(6, 59), time(17, 0)),  # on time
    ("HTQT05", "Trần Văn Ân", DAY, time(6, 57), time(17, 1)),  # … and line 10: duplicates
]
IN_POST = 44
NO_DATA = IN_POST - 6  # the six real people of the file are accounted for; everyone else has no data

# The preview's counts, in the table's order (discipline.clock.ClockOutcome), as the Office reads them.
COUNTS = [
    ("Đúng giờ", 3),
    ("Đi muộn", 1),
    ("Đi muộn nhiều", 0),
    ("Về sớm", 0),
    ("Vắng không lý do nửa ngày hoặc cả ngày", 0),
    ("Đã có bản ghi của Văn phòng cho ngày này", 0),
    ("Thiếu giờ chấm công", 1),
    ("Mã cán bộ không có trong cổng", 1),
    ("Không phải ngày làm việc", 0),
    ("Dòng trùng lặp", 2),
    ("Cán bộ không có dữ liệu", NO_DATA),
    ("Tháng đã khóa sổ", 0),
    ("Dòng không đọc được", 0),
]
PROBLEMS = [
    "Thiếu giờ chấm công",
    "Mã cán bộ không có trong cổng",
    "Không phải ngày làm việc",
    "Dòng trùng lặp",
    "Cán bộ không có dữ liệu",
    "Dòng không đọc được",
]
MISSING_PUNCH = "Thiếu giờ ra: máy chấm công chỉ ghi giờ vào."
UNKNOWN = "Không có cán bộ nào mang mã HTQT99 trong cổng."
DUPLICATE = "Cùng mã cán bộ và ngày xuất hiện ở các dòng 8, 10."
WITHOUT_DATA = (
    "Tệp không có dòng nào và không có bản ghi nào của Văn phòng hay máy chấm công cho ngày làm việc này."
)


def clock_export() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for line in [TITLE, HEADINGS, *ROWS]:
        sheet.append(list(line))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_office_imports_the_time_clock_and_sees_it_on_the_day_sheet(
    page, login_as, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"  # the upload is kept: not in the project's var/media
    login_as("vanphong")

    # Chấm công → Nhập dữ liệu từ máy chấm công
    page.locator("#nav-main").get_by_role("button", name="Chấm công", exact=True).click()
    page.locator("#nav-main").get_by_role("link", name="Nhập dữ liệu từ máy chấm công").click()
    expect(page.locator("h1")).to_have_text("Nhập dữ liệu từ máy chấm công")
    upload = {"name": "cham-cong-06-2023.xlsx", "mimeType": XLSX, "buffer": clock_export()}
    page.set_input_files("#id_file", files=[upload])
    screenshot("clock-import-upload")
    page.get_by_role("button", name="Kiểm tra tệp").click()

    # The preview: nothing recorded yet, the counts per outcome, the problem rows.
    expect(page.locator("h1")).to_have_text("Nhập dữ liệu chấm công: cham-cong-06-2023.xlsx")
    expect(page.locator("main")).to_contain_text("Đã kiểm tra, chưa áp dụng")
    assert not AttendanceRecord.objects.exists()
    rows = page.locator("#clock-counts tbody tr")
    expect(rows).to_have_count(len(COUNTS))
    for index, (label, count) in enumerate(COUNTS):
        cells = rows.nth(index).locator("td")
        expect(cells.first).to_contain_text(label)
        expect(cells.last).to_have_text(str(count))
        if label in PROBLEMS:
            expect(cells.first.locator(".badge")).to_have_text("không áp dụng")
    problems = len(ROWS) - 4 + NO_DATA  # all but the 4 good rows, and the people without data
    expect(page.locator("main")).to_contain_text(f"{problems} dòng có vấn đề sẽ không được áp dụng.")
    table = page.locator("#clock-problems tbody tr")
    expect(table).to_have_count(problems)
    expect(table.filter(has_text="HTQT04")).to_contain_text(MISSING_PUNCH)
    expect(table.filter(has_text="HTQT04").locator("td").nth(4)).to_have_text("06:50")
    expect(table.filter(has_text="HTQT99")).to_contain_text(UNKNOWN)
    expect(table.filter(has_text="HTQT05")).to_have_count(2)
    expect(table.filter(has_text="HTQT05").first).to_contain_text(DUPLICATE)
    expect(table.filter(has_text=WITHOUT_DATA)).to_have_count(NO_DATA)
    expect(table.filter(has_text="Nông Thị Hồng")).to_contain_text(WITHOUT_DATA)  # LS07, still in LS in June
    expect(table.filter(has_text="Kiều Anh Tú")).to_have_count(0)  # not yet recruited
    screenshot("clock-import-preview")

    # Confirm: the good rows become time-clock records.
    page.get_by_role("button", name="Xác nhận và áp dụng các dòng hợp lệ").click()
    expect(page.locator(".alert-success")).to_have_text(
        "Đã áp dụng dữ liệu chấm công: thêm 4 bản ghi, sửa 0, giữ nguyên 0."
    )
    expect(page.locator("main .badge.text-bg-success")).to_have_text("Đã áp dụng")
    expect(page.get_by_role("button", name="Xác nhận và áp dụng các dòng hợp lệ")).to_have_count(0)
    screenshot("clock-import-applied")
    batch = ClockImport.objects.get()
    assert batch.status == ClockImportStatus.APPLIED
    clock_records = AttendanceRecord.objects.filter(source=AttendanceSource.CLOCK)
    codes = sorted(clock_records.values_list("staff__code", flat=True))
    assert codes == ["HTQT01", "HTQT02", "HTQT03", "HTQT06"]
    late = Violation.objects.get(source=RecordSource.ATTENDANCE)
    assert (late.staff.code, late.date, late.type.code) == ("HTQT03", DAY, "LATE")

    # The problem rows, to fix and import again: the file's own columns and the reason.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải các dòng có vấn đề (Excel)").click()
    assert download.value.suggested_filename == f"cham-cong-loi-{batch.pk}.xlsx"
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    lines = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Dòng không áp dụng"
    assert lines[0] == (*HEADINGS, "Lý do")
    assert len(lines) == 1 + problems
    reasons = {}
    for code, _name, day, _in, _out, reason in lines[1:]:
        assert day == "06/06/2023"
        reasons.setdefault(code, []).append(reason)
    assert reasons["HTQT04"] == [MISSING_PUNCH]
    assert reasons["HTQT99"] == [UNKNOWN]
    assert reasons["HTQT05"] == [DUPLICATE, DUPLICATE]
    assert sum(reason == [WITHOUT_DATA] for reason in reasons.values()) == NO_DATA
    assert not {"HTQT01", "HTQT02", "HTQT03", "HTQT06"} & set(reasons)

    # The day sheet of HTQT shows the clock's times, marked as the time clock's.
    page.locator("#nav-main").get_by_role("button", name="Chấm công", exact=True).click()
    page.locator("#nav-main").get_by_role("link", name="Bảng chấm công ngày").click()
    page.select_option("#id_division", label="Phòng Hợp tác quốc tế")
    page.fill("#id_day", "06/06/2023")
    page.get_by_role("button", name="Mở bảng").click()
    expect(page.locator("h1")).to_contain_text("Phòng Hợp tác quốc tế, 06/06/2023")
    imported = [
        ("Đoàn Văn Thắng", "06:55", "17:05"),
        ("Lý Thị Thanh Hương", "06:58", "17:02"),
        ("Nguyễn Thị Hương", "07:12", "17:05"),
        ("Lê Thu Hà", "06:59", "17:00"),
    ]
    for name, arrival, departure in imported:
        row = page.locator("table.day-sheet tbody tr", has_text=name)
        expect(row.locator("input[name$='-check_in']")).to_have_value(arrival)
        expect(row.locator("input[name$='-check_out']")).to_have_value(departure)
        expect(row.locator(".badge.text-bg-info")).to_have_text("máy chấm công")
    for name in ("Hoàng Minh Đức", "Trần Văn Ân"):  # their rows were not applied
        row = page.locator("table.day-sheet tbody tr", has_text=name)
        expect(row.locator("input[name$='-check_in']")).to_have_value("")
        expect(row.locator(".badge.text-bg-info")).to_have_count(0)
    expect(page.locator("table.day-sheet .badge", has_text="máy chấm công")).to_have_count(4)
    screenshot("clock-import-day-sheet")
