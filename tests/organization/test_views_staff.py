import re
from datetime import date

import pytest
from django.urls import reverse

from organization.models import Division, Position, Staff
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_office_adds_a_person_with_their_division(demo, login):
    client = login("vanphong")
    response = client.post(
        reverse("organization:staff-create"),
        {
            "code": "vp20", "full_name": "  Trần   Thị Mơ ", "gender": "female",
            "position": Position.objects.get(name="Chuyên viên").pk, "employment_type": "civil_servant",
            "date_recruited": "05/01/2024", "date_left": "", "active": "on",
            "division": Division.objects.get(code="VP").pk,
        },
        follow=True,
    )
    staff = Staff.objects.get(code="VP20")
    assert response.redirect_chain == [(staff.get_absolute_url(), 302)]
    assert "Đã thêm Trần Thị Mơ." in response.text
    assert (staff.full_name, staff.date_recruited) == ("Trần Thị Mơ", date(2024, 1, 5))
    assert staff.division_on(date(2024, 1, 5)).code == "VP"


def test_duplicate_staff_code_gets_a_vietnamese_message_and_nothing_saved(demo, login):
    client = login("vanphong")
    response = client.post(
        reverse("organization:staff-create"),
        {"code": "htqt03", "full_name": "Người Trùng Mã", "gender": "male",
         "position": Position.objects.get(name="Chuyên viên").pk, "employment_type": "civil_servant",
         "date_recruited": "01/01/2020", "division": Division.objects.get(code="VP").pk},
    )
    assert response.status_code == 200
    assert "Mã cán bộ HTQT03 đã được dùng." in response.text
    assert Staff.objects.filter(full_name="Người Trùng Mã").count() == 0


def test_editing_a_person_keeps_who_changed_what(demo, login):
    client = login("vanphong")
    staff = Staff.objects.get(code="HTQT03")
    data = {"code": staff.code, "full_name": "Nguyễn Thị Hương Giang", "gender": staff.gender,
            "position": staff.position_id, "employment_type": staff.employment_type, "date_recruited": "01/04/2015",
            "active": "on"}
    refused = client.post(reverse("organization:staff-update", args=[staff.pk]), data)
    assert "Trường này là bắt buộc." in refused.text
    assert Staff.objects.get(pk=staff.pk).full_name == "Nguyễn Thị Hương"
    client.post(reverse("organization:staff-update", args=[staff.pk]), data | {"reason": "Sửa theo giấy khai sinh"})
    page = client.get(staff.get_absolute_url())
    assert "Nguyễn Thị Hương → Nguyễn Thị Hương Giang" in page.text
    assert "Sửa: Sửa theo giấy khai sinh" in page.text
    latest = staff.history.latest()
    assert (latest.history_user.username, latest.full_name, latest.history_change_reason) == (
        "vanphong", "Nguyễn Thị Hương Giang", "Sửa theo giấy khai sinh"
    )


def test_office_records_a_transfer_from_the_staff_page(demo, login):
    client = login("vanphong")
    staff = Staff.objects.get(code="QLBG05")
    response = client.post(
        reverse("organization:staff-transfer", args=[staff.pk]),
        {"division": Division.objects.get(code="TTDN").pk, "on": "01/09/2023", "note": "QĐ số 12"},
        follow=True,
    )
    assert "Đã ghi nhận việc điều chuyển." in response.text
    assert staff.division_on(date(2023, 8, 31)).code == "QLBG"
    assert staff.division_on(date(2023, 9, 1)).code == "TTDN"


def test_a_bad_transfer_date_is_refused_with_a_message(demo, login):
    client = login("vanphong")
    staff = Staff.objects.get(code="QLBG05")
    response = client.post(
        reverse("organization:staff-transfer", args=[staff.pk]),
        {"division": Division.objects.get(code="TTDN").pk, "on": "31/02/2023"},
        follow=True,
    )
    assert "Chưa ghi nhận điều chuyển (Từ ngày: Nhập một ngày hợp lệ.)." in response.text
    assert staff.memberships.count() == 1


def test_head_sees_only_their_division_in_the_staff_list(demo, login):
    page = login("truongphong").get(reverse("organization:staff-list")).text
    assert "Nguyễn Thị Hương" in page and "Nông Thị Hồng" in page
    assert "Nguyễn Văn Hùng" not in page and "Phạm Thị Anh Thư" not in page


def test_staff_list_filters_by_name_and_division(demo, login):
    client = login("giamdoc")
    by_name = client.get(reverse("organization:staff-list"), {"q": "hương"}).text
    assert "Nguyễn Thị Hương" in by_name and "Lý Thị Thanh Hương" in by_name and "Đoàn Văn Thắng" not in by_name
    ls = Division.objects.get(code="LS")
    by_division = client.get(reverse("organization:staff-list"), {"division": ls.pk}).text
    assert "Nguyễn Văn Hùng" in by_division and "Nguyễn Thị Hương" not in by_division


def test_staff_list_ignores_garbage_filters(demo, login):
    response = login("giamdoc").get(reverse("organization:staff-list"), {"division": "abc<script>"})
    assert response.status_code == 200
    assert "Điều kiện lọc không hợp lệ nên đã được bỏ qua." in response.text


@pytest.mark.parametrize("extra", [0, 30])
def test_staff_list_runs_a_fixed_number_of_queries(demo, login, django_assert_num_queries, extra):
    division = Division.objects.get(code="HTQT")
    position = Position.objects.get(name="Chuyên viên")
    for i in range(extra):
        make_staff(f"Nguyễn Văn Thêm {i}", division=division, position=position, code=f"T{i:03d}")
    client = login("vanphong")
    with django_assert_num_queries(11):  # the login backend loads the person with the account
        response = client.get(reverse("organization:staff-list"))
    assert len(re.findall(r'href="/staff/\d+/"', response.text)) == 45 + extra
