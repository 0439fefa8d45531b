import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from organization.imports import ImportRefused, import_staff, template_workbook
from organization.models import Membership, Staff

pytestmark = pytest.mark.django_db

HEADER = ["Mã cán bộ", "Họ và tên", "Giới tính", "Chức vụ", "Phòng", "Loại cán bộ", "Ngày tuyển dụng", "Ngày về phòng"]


def xlsx(rows, header=HEADER, name="can-bo.xlsx"):
    wb = Workbook()
    ws = wb.active
    if header:
        ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


GOOD_ROWS = [
    ["ls20", "Hoàng Thị Ánh", "Nữ", "Chuyên viên", "LS", "Công chức", "15/03/2019", ""],
    ["HTQT20", "Đặng Văn Ưng", "nam", "chuyen vien", "Phòng Hợp tác quốc tế", "Hợp đồng", datetime(2021, 5, 4), "01/06/2021"],
]


def test_good_file_creates_every_person_with_their_division(demo):
    before = Staff.objects.count()
    created = import_staff(xlsx(GOOD_ROWS))
    assert [s.code for s in created] == ["LS20", "HTQT20"]
    assert Staff.objects.count() == before + 2
    anh = Staff.objects.get(code="LS20")
    assert (anh.full_name, anh.gender, anh.position.name, anh.employment_type, anh.date_recruited) == (
        "Hoàng Thị Ánh", "female", "Chuyên viên", "civil_servant", date(2019, 3, 15)
    )
    assert anh.division_on(date(2023, 1, 1)).code == "LS"
    ung = Staff.objects.get(code="HTQT20")
    assert [(m.division.code, m.start) for m in ung.memberships.all()] == [("HTQT", date(2021, 6, 1))]
    assert ung.employment_type == "contract"


def test_headers_are_matched_without_regard_to_case_accents_or_order(demo):
    header = ["ho va ten", "MA CAN BO", "gioi tinh", "chức vụ", "phong", "loai can bo", "ngay tuyen dung"]
    row = ["Lê Văn Tám", "QLBG20", "Nam", "Chuyên viên", "QLBG", "Viên chức", "2020-01-02"]
    created = import_staff(xlsx([row], header=header))
    assert [(s.code, s.full_name, s.employment_type) for s in created] == [("QLBG20", "Lê Văn Tám", "public_employee")]


def test_every_bad_row_is_named_and_nothing_is_saved(demo):
    rows = [
        GOOD_ROWS[0],
        ["HTQT01", "Trùng Mã Cũ", "Nam", "Chuyên viên", "HTQT", "Công chức", "01/01/2020", ""],
        ["", "Không Có Mã", "Nữ", "Chuyên viên", "HTQT", "Công chức", "01/01/2020", ""],
        ["LS20", "Trùng Trong Tệp", "Nữ", "Chuyên viên", "LS", "Công chức", "01/01/2020", ""],
        ["LS21", "", "Khác", "Giám đốc Sở", "Phòng Không Có", "Tạm tuyển", "31/02/2020", "01/01/2019"],
        ["LS22", "Nguyễn Văn Sai Ngày", "Nam", "Chuyên viên", "LS", "Công chức", "02/02/2020", "01/01/2019"],
        ["MÃ SAI", "Mã Có Dấu", "Nam", "Chuyên viên", "LS", "Công chức", "02/02/2020", ""],
    ]
    before = (Staff.objects.count(), Membership.objects.count())
    with pytest.raises(ImportRefused) as refused:
        import_staff(xlsx(rows))
    assert refused.value.errors == [
        "Dòng 3: mã cán bộ HTQT01 đã có trong cổng.",
        "Dòng 4: mã cán bộ bị trống.",
        "Dòng 5: mã cán bộ LS20 bị trùng (đã có ở dòng 2).",
        "Dòng 6: họ và tên bị trống.",
        "Dòng 6: giới tính “Khác” không phải Nam hoặc Nữ.",
        "Dòng 6: chức vụ “Giám đốc Sở” không có trong cổng.",
        "Dòng 6: phòng “Phòng Không Có” không có trong cổng.",
        "Dòng 6: loại cán bộ “Tạm tuyển” không phải Công chức, Viên chức hoặc Hợp đồng.",
        "Dòng 6: ngày tuyển dụng “31/02/2020” không phải ngày dạng dd/mm/yyyy.",
        "Dòng 7: ngày về phòng trước ngày tuyển dụng.",
        "Dòng 8: mã cán bộ MÃ SAI chỉ được gồm chữ cái không dấu, chữ số, dấu chấm và dấu gạch.",
    ]
    assert (Staff.objects.count(), Membership.objects.count()) == before


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("can-bo.xlsx", b"day khong phai excel"), "Tệp không phải là tệp Excel (.xlsx). Hãy tải tệp mẫu và dùng tệp đó."),
        (xlsx([], header=None), "Dòng đầu tiên phải là dòng tiêu đề của tệp mẫu."),
        (xlsx([], header=HEADER), "Tệp không có dòng cán bộ nào dưới dòng tiêu đề."),
        (xlsx([["X"]], header=["Mã cán bộ", "Tên đệm"]), "Thiếu cột: Họ và tên, Giới tính, Chức vụ, Phòng, Loại cán bộ, Ngày tuyển dụng."),
    ],
    ids=["not-excel", "empty", "headings-only", "missing-columns"],
)
def test_unreadable_files_are_refused_whole(demo, upload, message):
    with pytest.raises(ImportRefused) as refused:
        import_staff(upload)
    assert refused.value.errors == [message]


def test_template_has_the_headings_the_import_reads(demo):
    wb = load_workbook(io.BytesIO(template_workbook()))
    ws = wb["Cán bộ"]
    assert [cell.value for cell in ws[1]] == HEADER
    assert ws.freeze_panes == "A2"
    example = [cell.value for cell in ws[2]]
    ws.delete_rows(2)
    ws.append(["VP20", *example[1:4], "VP", *example[5:]])
    buffer = io.BytesIO()
    wb.save(buffer)
    created = import_staff(SimpleUploadedFile("mau.xlsx", buffer.getvalue()))
    assert [(s.code, s.full_name) for s in created] == [("VP20", "Nguyễn Thị Hương")]


def test_import_page_shows_errors_in_vietnamese_and_saves_nothing(demo, login):
    client = login("vanphong")
    before = Staff.objects.count()
    bad = xlsx([["HTQT01", "Trùng Mã Cũ", "Nam", "Chuyên viên", "HTQT", "Công chức", "01/01/2020", ""]])
    response = client.post(reverse("organization:staff-import"), {"file": bad})
    assert response.status_code == 200
    assert "Chưa lưu gì: cần sửa 1 lỗi trước." in response.text
    assert "Dòng 2: mã cán bộ HTQT01 đã có trong cổng." in response.text
    assert Staff.objects.count() == before


def test_import_page_imports_a_good_file_and_lists_the_people(demo, login):
    client = login("vanphong")
    response = client.post(reverse("organization:staff-import"), {"file": xlsx(GOOD_ROWS)}, follow=True)
    assert response.redirect_chain == [(reverse("organization:staff-list"), 302)]
    assert "Đã nhập 2 cán bộ." in response.text
    assert "Hoàng Thị Ánh" in response.text


def test_import_page_refuses_a_file_that_is_not_xlsx(demo, login):
    client = login("vanphong")
    response = client.post(reverse("organization:staff-import"), {"file": SimpleUploadedFile("a.csv", b"a,b")})
    assert "Hãy chọn tệp Excel (.xlsx)." in response.text


def test_template_download_is_an_excel_file(demo, login):
    response = login("vanphong").get(reverse("organization:staff-import-template"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Cán bộ", "Hướng dẫn"]
