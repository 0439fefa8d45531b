"""Cases found by review: each once caused a server error, a leak or a wrong answer."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from organization.imports import ImportRefused, import_staff, template_workbook
from organization.models import Division, Position, Staff, User
from organization.roles import Role, roles_of
from organization.services import set_roles
from tests.factories import make_staff, make_user

pytestmark = pytest.mark.django_db


def test_a_damaged_workbook_is_refused_with_a_message(demo):
    source = zipfile.ZipFile(io.BytesIO(template_workbook()))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(ImportRefused) as refused:
        import_staff(SimpleUploadedFile("hong.xlsx", damaged.getvalue()))
    assert refused.value.errors in (
        ["Tệp bị hỏng, không đọc được. Hãy lưu lại tệp từ Excel rồi thử lại."],
        ["Tệp không phải là tệp Excel (.xlsx). Hãy tải tệp mẫu và dùng tệp đó."],
    )


def test_the_import_refuses_codes_the_record_would_refuse(demo):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Mã cán bộ", "Họ và tên", "Giới tính", "Chức vụ", "Phòng", "Loại cán bộ", "Ngày tuyển dụng"])
    wb.active.append(["-AB", "Lê Văn A", "Nam", "Chuyên viên", "LS", "Công chức", "01/01/2020"])
    wb.active.append(["AB1", "Lê Văn B", "Nam", "Chuyên viên", "LS", "Công chức", "01/01/0001"])
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(ImportRefused) as refused:
        import_staff(SimpleUploadedFile("a.xlsx", buffer.getvalue()))
    assert refused.value.errors == [
        "Dòng 2: mã cán bộ -AB chỉ được gồm chữ cái không dấu, chữ số, dấu chấm và dấu gạch.",
        "Dòng 3: ngày tuyển dụng 01/01/0001 không hợp lý.",
    ]


def test_history_shows_labels_not_stored_values(demo, login):
    client = login("vanphong")
    staff = Staff.objects.get(code="HTQT05")
    data = {"code": staff.code, "full_name": staff.full_name, "gender": "female",
            "position": Position.objects.get(name="Chuyên viên chính").pk, "employment_type": "contract",
            "date_recruited": "03/07/2017", "reason": "Sửa theo hồ sơ gốc"}  # active unticked: False
    client.post(reverse("organization:staff-update", args=[staff.pk]), data)
    page = client.get(staff.get_absolute_url()).text
    assert "Giới tính: Nam → Nữ" in page
    assert "Loại cán bộ: Công chức → Hợp đồng" in page
    assert "Chức vụ: Chuyên viên → Chuyên viên chính" in page
    assert "Đang dùng: Có → Không" in page


def test_staff_search_ignores_case_and_accents_on_every_database(demo, login):
    client = login("giamdoc")
    for query in ["đức", "ĐỨC", "duc"]:
        page = client.get(reverse("organization:staff-list"), {"q": query}).text
        assert "Hoàng Văn Đức" in page and "Hoàng Minh Đức" in page, query
    page = client.get(reverse("organization:staff-list"), {"q": "HUONG"}).text
    assert {"Nguyễn Thị Hương", "Lý Thị Thanh Hương", "Đinh Thị Hương"} <= {n for n in page.split(">") for n in [n.split("<")[0]]}


def test_the_staff_role_comes_from_the_staff_link_only(demo, client):
    user = User.objects.get(username="canbo")
    Staff.objects.filter(user=user).update(user=None)
    client.force_login(user)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain == [(reverse("organization:no-role"), 302)]
    assert client.get(reverse("organization:my-home")).status_code == 403


def test_a_person_who_has_left_keeps_no_role(demo):
    Staff.objects.filter(code="HTQT01").update(date_left=timezone.localdate() - timedelta(days=1))
    assert roles_of(User.objects.get(username="truongphong")) == []
    Staff.objects.filter(code="HTQT01").update(date_left=None, active=False)
    assert roles_of(User.objects.get(username="truongphong")) == []


def test_nobody_changes_their_own_roles(demo):
    office = User.objects.get(username="vanphong")
    with pytest.raises(ValidationError) as error:
        set_roles(office, [Role.OFFICE, Role.BOARD, Role.STAFF], by=office)
    assert error.value.messages == ["Không ai tự thay đổi vai trò của mình: hãy nhờ một đồng nghiệp ở Văn phòng."]


def test_only_the_board_grants_the_board_role(demo):
    office = User.objects.get(username="vanphong")
    with pytest.raises(ValidationError) as error:
        set_roles(User.objects.get(username="canbo"), [Role.BOARD, Role.STAFF], by=office)
    assert error.value.messages == ["Chỉ Ban Giám đốc mới cấp hoặc thu hồi vai trò Ban Giám đốc."]
    set_roles(User.objects.get(username="canbo"), [Role.BOARD, Role.STAFF], by=User.objects.get(username="giamdoc"))
    assert Role.BOARD in roles_of(User.objects.get(username="canbo"))


def test_admin_refuses_overlapping_division_periods(demo, login):
    client = login("vanphong")
    vp, ls = Division.objects.get(code="VP"), Division.objects.get(code="LS")
    data = {
        "code": "VP30", "full_name": "Lê Văn Chồng", "gender": "male",
        "position": Position.objects.get(name="Chuyên viên").pk, "employment_type": "civil_servant",
        "date_recruited": "01/01/2020", "active": "on",
        "memberships-TOTAL_FORMS": 2, "memberships-INITIAL_FORMS": 0, "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
        "memberships-0-division": vp.pk, "memberships-0-start": "01/01/2020",
        "memberships-1-division": ls.pk, "memberships-1-start": "01/06/2020",
    }
    response = client.post(reverse("admin:organization_staff_add"), data)
    assert response.status_code == 200
    assert "Các giai đoạn công tác bị chồng lên nhau" in response.text
    assert not Staff.objects.filter(code="VP30").exists()


def test_the_lockout_page_says_how_long_in_minutes(demo, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    assert "Hãy thử lại sau 15 phút hoặc đề nghị Văn phòng cấp lại mật khẩu." in response.text
    assert "PT15M" not in response.text


def test_a_session_ends_after_thirty_idle_minutes(demo, client):
    client.force_login(User.objects.get(username="canbo"))
    assert client.get(reverse("organization:my-home")).status_code == 200
    session = client.session
    session.set_expiry(-1)  # what thirty idle minutes leave behind: an expired session
    session.save()
    response = client.get(reverse("organization:my-home"))
    assert response.status_code == 302 and response.url.startswith("/login/")


@pytest.mark.parametrize(
    ("url_name", "username"),
    [
        ("organization:board-home", "giamdoc"),
        ("organization:office-home", "vanphong"),
        ("organization:council-home", "hoidong"),
        ("organization:division-home", "truongphong"),
    ],
)
def test_homes_run_the_same_number_of_queries_whatever_the_headcount(demo, login, url_name, username):
    client = login(username)

    def count():
        from django.core.cache import cache

        cache.clear()  # the board's home (the dashboard) keeps its rendered figures there: count them rendered
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        return len(queries)

    before = count()
    division, position = Division.objects.get(code="HTQT"), Position.objects.get(name="Chuyên viên")
    for i in range(20):
        person = make_staff(f"Trần Văn Thêm {i}", division=division, position=position, code=f"HT9{i:02d}",
                            recruited=date(2020, 1, 1))
        set_roles(make_user(staff=person), [Role.STAFF, Role.COUNCIL])
    assert count() == before
