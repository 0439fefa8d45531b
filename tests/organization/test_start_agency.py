"""``start_agency``: a new installation's divisions, positions, 2023 plan and the Office's first account."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import translation

from campaigns.models import Campaign
from organization.models import Division, Position, Staff, User
from organization.roles import Role, roles_of
from organization.structure import DIVISIONS, POSITIONS

pytestmark = pytest.mark.django_db

GOOD = {"code": "vp04", "name": "Vũ Thị  Lan Anh", "gender": "Nữ", "recruited": "17/02/2014", "username": "vanphong"}


def _start(**changes) -> str:
    out = io.StringIO()
    with translation.override("vi"):
        call_command("start_agency", **(GOOD | changes), stdout=out)
    return out.getvalue()


def _rows() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_it_starts_the_agency_and_prints_the_first_password_once():
    out = _start()
    assert Division.objects.count() == len(DIVISIONS) and Position.objects.count() == len(POSITIONS)
    assert Campaign.objects.get().year == 2023
    person = Staff.objects.get()
    assert (person.code, person.full_name, person.division_on().code) == ("VP04", "Vũ Thị Lan Anh", "VP")
    user = User.objects.get()
    assert user.username == "vanphong" and user.must_change_password and user.is_staff
    assert roles_of(user) == [Role.OFFICE, Role.STAFF]
    password = out.split("mật khẩu ban đầu ")[1].split(".")[0]
    assert user.check_password(password)
    assert "Đã tạo 6 phòng, 10 chức vụ" in out


def test_a_second_run_is_refused_and_changes_nothing():
    _start()
    before = _rows()
    with pytest.raises(CommandError, match="Cài đặt này đã có cán bộ"):
        _start(code="VP05", username="vanphong2")
    assert _rows() == before


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"gender": "x"}, "Giới tính phải là “nam” hoặc “nữ”"),
        ({"recruited": "2014-02-17"}, "không phải ngày dạng dd/mm/yyyy"),
        ({"recruited": "31/02/2014"}, "không phải ngày dạng dd/mm/yyyy"),
        ({"position": "Chuyên gia"}, "Không có chức vụ “Chuyên gia”"),
        ({"username": "có dấu cách"}, "tên đăng nhập"),
        ({"recruited": "01/01/1900"}, "không hợp lý"),
    ],
)
def test_wrong_arguments_are_refused_in_vietnamese_and_nothing_is_saved(changes, message):
    before = _rows()
    with pytest.raises(CommandError) as refused:
        _start(**changes)
    assert message.lower() in str(refused.value).lower()
    assert _rows() == before
