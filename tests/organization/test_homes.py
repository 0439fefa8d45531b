import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DIVISIONS_IN_ORDER = [
    "Ban Giám đốc", "Văn phòng Sở", "Phòng Lãnh sự", "Phòng Hợp tác quốc tế", "Phòng Quản lý biên giới",
    "Phòng Thông tin - Tuyên truyền đối ngoại",
]


def _division_rows(html):
    return re.findall(r'<a href="/staff/\?division=\d+">([^<]+)</a>\s*<span class="badge[^"]*">(\d+) người', html)


def test_board_home_is_the_dashboard_with_every_division_in_official_order(demo, login):
    from campaigns.models import Campaign
    from discipline import services

    services.run_tally(Campaign.objects.get(year=2023), 2023, 4)
    page = login("giamdoc").get(reverse("organization:board-home")).text
    rows = re.findall(r'<tr data-division="\w+">\s*<th scope="row"><a href="[^"]+">([^<]+)</a></th>\s*'
                      r'<td class="text-end"><a href="[^"]+">(\d+)</a></td>', page)
    assert rows == list(zip(DIVISIONS_IN_ORDER, ["3", "9", "8", "10", "8", "6"], strict=True))  # in post in April


def test_office_home_counts_staff_and_missing_accounts(demo, login):
    page = login("vanphong").get(reverse("organization:office-home")).text
    assert [name for name, _count in _division_rows(page)] == DIVISIONS_IN_ORDER
    assert re.search(r'<div class="stat">45</div><div class="text-muted">cán bộ đang công tác', page)
    assert re.search(r'<div class="stat">40</div><div class="text-muted">người chưa có tài khoản', page)


def test_my_home_shows_the_own_record_and_the_campaign_contents(demo, login):
    page = login("canbo").get(reverse("organization:my-home")).text
    assert "Nguyễn Thị Hương" in page and "HTQT03" in page
    assert re.findall(r"<td>(ND\d)</td>", page) == ["ND1", "ND2", "ND3", "ND4", "ND5", "ND6"]
