"""First journeys in a real browser: each demo account logs in and sees its home; login, redirect and logout.

These journeys assert on data (names, divisions, ND1…ND6, counts), on URLs and hrefs, and on Django's own
strings; test_office_journeys.py asserts on the portal's Vietnamese labels.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from playwright.sync_api import expect

from organization.demo import ACCOUNTS, STAFF, TRANSFERS
from organization.structure import DIVISIONS
from organization.models import User
from organization.roles import Role

NAMES = {code: name for code, name, *_rest in STAFF}
ALL_NAMES = set(NAMES.values())
DIVISION_NAMES = [name for _code, name, _kind, _order in sorted(DIVISIONS, key=lambda row: row[3])]
CONTENTS = [f"ND{number}" for number in range(1, 7)]
ROLE_HOMES = ["/board/", "/office/", "/division/", "/council/", "/me/"]


def path_of(page) -> str:
    return urlsplit(page.url).path


def staff_codes_in(division: str) -> set[str]:
    """Who belongs to ``division`` today in the demo data (people start there or were transferred there)."""
    transferred = {code: to for code, to, _on, _note in TRANSFERS}
    return {row[0] for row in STAFF if transferred.get(row[0], row[4]) == division}


def people_names(page) -> list[str]:
    """The demo people named in the tables of the page's main content, in page order.

    Matches whole cells against the demo names: independent of the column order and of names being links.
    """
    cells = page.locator("main table tbody td").all_inner_texts()
    return [text.strip() for text in cells if text.strip() in ALL_NAMES]


def expect_campaign_contents(page):
    expect(page.locator("main table td", has_text=re.compile(r"^ND\d+$"))).to_have_text(CONTENTS)


def expect_role_links(page, hrefs):
    """The navbar offers exactly the homes of the roles in ``hrefs``."""
    menu = page.locator("#nav-main")
    for href in ROLE_HOMES:
        expect(menu.locator(f'a[href="{href}"]')).to_have_count(1 if href in hrefs else 0)


def expect_council_members(page):
    council = [NAMES[code] for _username, code, roles in ACCOUNTS if Role.COUNCIL in roles]
    assert sorted(people_names(page)) == sorted(council)
    assert sorted(council) == sorted(["Phạm Thị Anh Thư", "Đỗ Văn Ân"])


# --- What each home shows ---


def check_board(page):
    # The board's home is its dashboard; the demo without records has no tallied month yet, and says so.
    expect(page.locator("main h1")).to_have_text("Bảng tin của Sở")
    expect(page.locator("#dashboard-empty")).to_contain_text("Chưa có tháng nào")
    expect(page.locator("#dashboard-waiting")).to_contain_text("Đề nghị mở lại tháng")
    expect_campaign_contents(page)


def check_office(page):
    expect(page.locator("main .stat").first).to_have_text("45")
    # 45 people, 5 of them with a demo account.
    expect(page.locator("main .stat").nth(1)).to_have_text("40")
    expect(page.locator("main .list-group-item a[href^='/staff/?division=']")).to_have_text(DIVISION_NAMES)
    expect_campaign_contents(page)


def check_division(page):
    expect(page.locator("main h1")).to_have_text("Phòng Hợp tác quốc tế")
    names = people_names(page)
    assert "Nguyễn Thị Hương" in names
    assert "Nông Thị Hồng" in names  # transferred from Phòng Lãnh sự on 01/07/2023
    assert "Nguyễn Văn Hùng" not in names  # head of Phòng Lãnh sự
    expect(page.locator("main")).not_to_contain_text("Nguyễn Văn Hùng")
    assert sorted(names) == sorted(NAMES[code] for code in staff_codes_in("HTQT"))
    assert names[0] == "Đoàn Văn Thắng"  # the head comes first in official order
    expect_campaign_contents(page)


def check_me(page):
    expect(page.locator("main h1")).to_have_text("Nguyễn Thị Hương")
    expect(page.locator("main")).to_contain_text("Phòng Hợp tác quốc tế")
    expect(page.locator("main")).to_contain_text("HTQT03")
    expect_campaign_contents(page)


def check_council(page):
    expect_council_members(page)
    expect_campaign_contents(page)


HOMES = [
    # username, home, what the home shows, the role homes in the navbar
    ("giamdoc", "/board/", check_board, ["/board/", "/council/", "/me/"]),
    ("vanphong", "/office/", check_office, ["/office/", "/me/"]),
    ("truongphong", "/division/", check_division, ["/division/", "/me/"]),
    ("canbo", "/me/", check_me, ["/me/"]),
    ("hoidong", "/council/", check_council, ["/council/", "/me/"]),
]


@pytest.mark.parametrize(("username", "home", "check", "role_links"), HOMES, ids=[row[0] for row in HOMES])
def test_demo_account_lands_on_its_home(page, login_as, screenshot, username, home, check, role_links):
    login_as(username)

    assert path_of(page) == home
    check(page)
    expect_role_links(page, role_links)
    # The user menu carries the person's name.
    user = User.objects.select_related("staff").get(username=username)
    expect(page.locator("#user-menu")).to_have_text(user.staff.full_name)
    screenshot(f"home-{username}")


def test_board_member_reaches_the_council_and_own_record_from_the_navbar(page, login_as, screenshot):
    login_as("giamdoc")
    assert path_of(page) == "/board/"

    page.locator('#nav-main a[href="/council/"]').click()
    expect(page).to_have_url(re.compile(r"/council/$"))
    expect_council_members(page)
    expect(page.locator('#nav-main a[href="/council/"]')).to_have_class(re.compile(r"\bactive\b"))
    screenshot("council-from-giamdoc")

    page.locator('#nav-main a[href="/me/"]').click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.locator("main h1")).to_have_text("Phạm Thị Anh Thư")

    page.locator('#nav-main a[href="/board/"]').click()
    expect(page).to_have_url(re.compile(r"/board/$"))
    expect(page.locator("main h1")).to_have_text("Bảng tin của Sở")


def test_anonymous_visit_goes_to_login_and_back_after_it(page, login_as):
    page.goto("/office/")

    assert path_of(page) == "/login/"
    assert parse_qs(urlsplit(page.url).query) == {"next": ["/office/"]}
    # Django's own (translated) labels of the login form.
    expect(page.locator('label[for="id_username"]')).to_contain_text("Tên đăng nhập")
    expect(page.locator('label[for="id_password"]')).to_contain_text("Mật khẩu")
    expect(page.locator('input[name="next"]')).to_have_value("/office/")

    login_as("vanphong")

    assert path_of(page) == "/office/"
    expect(page.locator("main .stat").first).to_have_text("45")


def test_wrong_password_shows_an_error_and_does_not_log_in(page, login_as, screenshot):
    login_as("vanphong", "not-the-password", expect_success=False)

    assert path_of(page) == "/login/"
    with translation.override("vi"):
        form = AuthenticationForm()
        message = str(form.error_messages["invalid_login"]) % {"username": form.username_field.verbose_name}
    error = page.locator('form[action="/login/"] .alert-danger')
    expect(error).to_be_visible()
    expect(error).to_contain_text(message)
    # The username stays filled in, the password does not.
    expect(page.locator("#id_username")).to_have_value("vanphong")
    expect(page.locator("#id_password")).to_have_value("")
    expect(page.locator("#nav-main")).to_have_count(0)
    screenshot("login-wrong-password")

    page.goto("/office/")
    assert path_of(page) == "/login/"


def test_logout_from_the_user_menu_returns_to_the_login_page(page, login_as):
    login_as("canbo")
    assert path_of(page) == "/me/"

    logout = page.locator('#nav-main form[action="/logout/"] button[type="submit"]')
    expect(logout).to_be_hidden()
    page.locator("#user-menu").click()
    expect(logout).to_be_visible()
    with page.expect_navigation():
        logout.click()

    assert path_of(page) == "/login/"
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator("#nav-main")).to_have_count(0)
    page.goto("/me/")
    assert path_of(page) == "/login/"
