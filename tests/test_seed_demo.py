import io
from datetime import date

import pytest
from django.apps import apps
from django.core.management import call_command

from campaigns.models import Campaign
from organization.models import AgencyProfile, Division, Staff, User
from organization.roles import Role, roles_of

pytestmark = pytest.mark.django_db


def _row_counts():
    """Rows in every table, history included: a second run must not add or change any."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_twice_gives_the_same_data():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = _row_counts()
    snapshot = list(Staff.objects.order_by("code").values())
    call_command("seed_demo", stdout=io.StringIO())
    assert _row_counts() == first
    assert list(Staff.objects.order_by("code").values()) == snapshot
    assert "giamdoc" in out.getvalue() and "demo-2023" in out.getvalue()


def test_seed_demo_if_empty_leaves_an_existing_database_alone(demo):
    Staff.objects.filter(code="HTQT03").update(full_name="Nguyễn Thị Hương Giang")
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert Staff.objects.get(code="HTQT03").full_name == "Nguyễn Thị Hương Giang"
    assert "không nạp dữ liệu mẫu" in out.getvalue()


def test_demo_department_is_believable(demo):
    assert Staff.objects.count() == 45
    assert list(Division.objects.values_list("code", flat=True)) == ["BGD", "VP", "LS", "HTQT", "QLBG", "TTDN"]
    moved = Staff.objects.get(code="LS07")
    assert (moved.division_on(date(2023, 6, 30)).code, moved.division_on(date(2023, 7, 1)).code) == ("LS", "HTQT")
    assert list(Staff.objects.filter(date_recruited__year=2023).values_list("date_recruited", flat=True)) == [
        date(2023, 10, 2)
    ]
    profile = AgencyProfile.load()
    assert (profile.parent_body, profile.agency_abbreviation, profile.director_name) == (
        "UBND TỈNH LẠNG SƠN", "SNgV", "Phạm Thị Anh Thư"
    )
    assert Campaign.objects.get().year == 2023


@pytest.mark.parametrize(
    ("username", "roles", "code"),
    [
        ("giamdoc", [Role.BOARD, Role.COUNCIL, Role.STAFF], "BGD01"),
        ("vanphong", [Role.OFFICE, Role.STAFF], "VP04"),
        ("truongphong", [Role.HEAD, Role.STAFF], "HTQT01"),
        ("canbo", [Role.STAFF], "HTQT03"),
        ("hoidong", [Role.COUNCIL, Role.STAFF], "VP03"),
    ],
)
def test_one_demo_account_per_role(demo, username, roles, code):
    user = User.objects.get(username=username)
    assert user.check_password("demo-2023")
    assert roles_of(user) == roles
    assert user.staff.code == code
    assert user.must_change_password is False
