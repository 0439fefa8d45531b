import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organization.models import Staff, User
from organization.roles import Role, home_url, roles_of
from organization.services import create_account, create_missing_accounts, reset_password, suggest_username

pytestmark = pytest.mark.django_db


def test_suggest_username_is_given_name_then_initials_without_accents(demo):
    assert suggest_username("Đặng Thị Ưng") == "ungdt"
    assert suggest_username("Nguyễn Thị Hương") == "huongnt"
    User.objects.create_user("huongnt")
    assert suggest_username("Nguyễn Thị Hương") == "huongnt2"


def test_create_account_gives_roles_from_the_post_and_forces_a_password_change(demo):
    head = Staff.objects.get(code="LS01")
    issued = create_account(head)
    user = User.objects.get(username=issued.username)
    assert issued.username == "hungnv"
    assert user.must_change_password is True
    assert user.check_password(issued.password)
    assert len(issued.password) == 10
    assert roles_of(user) == [Role.HEAD, Role.STAFF]
    assert Staff.objects.get(code="LS01").user == user


def test_create_account_for_a_deputy_director_gives_the_board_role(demo):
    issued = create_account(Staff.objects.get(code="BGD02"))
    assert roles_of(User.objects.get(username=issued.username)) == [Role.BOARD, Role.STAFF]


def test_create_account_refuses_a_second_account(demo):
    with pytest.raises(ValidationError) as error:
        create_account(Staff.objects.get(code="HTQT03"))
    assert error.value.messages == ["Nguyễn Thị Hương đã có tài khoản."]


def test_create_missing_accounts_covers_everyone_without_one_in_official_order(demo):
    issued = create_missing_accounts()
    assert len(issued) == 40
    assert issued[0].staff.code == "BGD02"
    assert Staff.objects.filter(user__isnull=True).count() == 0
    assert len({item.username for item in issued}) == 40
    assert create_missing_accounts() == []


def test_first_login_is_held_on_the_password_page_until_the_password_changes(demo, client):
    issued = create_account(Staff.objects.get(code="LS05"))
    response = client.post(reverse("login"), {"username": issued.username, "password": issued.password})
    assert response.url == reverse("home")
    response = client.get(reverse("organization:my-home"))
    assert response.status_code == 302 and response.url == reverse("password_change")
    page = client.get(reverse("password_change"))
    assert "Mật khẩu của bạn do Văn phòng đặt. Hãy tự đặt mật khẩu mới để tiếp tục." in page.text

    same = client.post(
        reverse("password_change"),
        {"old_password": issued.password, "new_password1": issued.password, "new_password2": issued.password},
    )
    assert "Hãy chọn mật khẩu khác mật khẩu hiện tại." in same.text

    new = "Thi-dua-2023!"
    done = client.post(
        reverse("password_change"), {"old_password": issued.password, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("organization:my-home")
    assert "Đã đổi mật khẩu." in done.text
    user = User.objects.get(username=issued.username)
    assert user.must_change_password is False and user.check_password(new)


def test_reset_password_sets_a_new_one_to_change_at_next_login(demo):
    user = User.objects.get(username="canbo")
    password = reset_password(user)
    user.refresh_from_db()
    assert user.check_password(password) and not user.check_password("demo-2023")
    assert user.must_change_password is True


def test_office_creates_an_account_from_the_staff_page_and_sees_the_password_once(demo, login):
    client = login("vanphong")
    staff = Staff.objects.get(code="TTDN03")
    response = client.post(reverse("organization:account-create", args=[staff.pk]), {"username": ""})
    assert response.status_code == 200
    password = re.search(r"<td>ngocttb</td><td>([A-Za-z0-9]{10})</td>", response.text).group(1)
    assert User.objects.get(username="ngocttb").check_password(password)


def test_office_resets_a_password_from_the_staff_page(demo, login):
    client = login("vanphong")
    staff = Staff.objects.get(code="HTQT03")
    response = client.post(reverse("organization:password-reset", args=[staff.pk]))
    password = re.search(r"<td>canbo</td><td>([A-Za-z0-9]{10})</td>", response.text).group(1)
    assert User.objects.get(username="canbo").check_password(password)


def test_office_sets_roles_and_the_office_role_opens_the_admin(demo, login):
    client = login("vanphong")
    staff = Staff.objects.get(code="VP05")
    create_account(staff)
    client.post(reverse("organization:staff-roles", args=[staff.pk]), {"roles": [Role.OFFICE, Role.STAFF]})
    user = Staff.objects.get(code="VP05").user
    assert sorted(user.groups.values_list("name", flat=True)) == sorted([Role.OFFICE, Role.STAFF])
    assert user.is_staff is True
    client.post(reverse("organization:staff-roles", args=[staff.pk]), {"roles": [Role.STAFF]})
    user.refresh_from_db()
    assert user.is_staff is False
    # Who gave and took the Office role stays in the account's history.
    versions = [
        (v.history_user.username if v.history_user else None, sorted(g.group.name for g in v.groups.select_related("group")))
        for v in user.history.order_by("history_date", "history_id")
    ]
    assert ("vanphong", sorted([Role.OFFICE, Role.STAFF])) in versions
    assert versions[-1] == ("vanphong", [Role.STAFF])


@pytest.mark.parametrize(
    ("username", "home"),
    [
        ("giamdoc", "organization:board-home"),
        ("vanphong", "organization:office-home"),
        ("truongphong", "organization:division-home"),
        ("hoidong", "organization:council-home"),
        ("canbo", "organization:my-home"),
    ],
)
def test_each_demo_account_lands_on_the_home_of_its_highest_role(demo, username, home):
    assert home_url(User.objects.get(username=username)) == reverse(home)


def test_an_account_without_staff_or_role_gets_the_no_role_page(db, client):
    user = User.objects.create_user("lạc", password="x")
    client.force_login(user)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain == [(reverse("organization:no-role"), 302)]
    assert "Tài khoản của bạn chưa có vai trò" in response.text
