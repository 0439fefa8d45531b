"""The year's summary pages (awards/views.py): what each reader sees, and fixed query counts at two sizes."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import ViolationType
from discipline.models import Sanction, SanctionKind, SanctionStatus, Violation
from organization.models import Staff, User
from tests.factories import grow_demo_division

pytestmark = pytest.mark.django_db


def test_the_year_summary_suggests_ratings_and_a_sanction_gives_khtnv(demo, login):
    huong, peer = Staff.objects.get(code="HTQT03"), Staff.objects.get(code="HTQT05")
    late = ViolationType.objects.get(campaign__year=2023, code="ABSENT_DAY")
    for month in range(1, 13):
        Violation.objects.create(staff=huong, date=date(2023, month, 10), type=late, points=late.points,
                                 status="active")  # −10 every month: 90 each month
    Sanction.objects.create(staff=peer, opened_on=date(2023, 3, 1), status=SanctionStatus.DECIDED,
                            kind=SanctionKind.REPRIMAND, decision_date=date(2023, 3, 20))
    page = login("truongphong").get("/awards/2023/summary/").content.decode()
    assert "Phòng Hợp tác quốc tế" in page and "Phòng Lãnh sự" not in page
    row = page.split('data-staff="HTQT03"')[1].split("</tr>")[0]
    assert ">90,00<" in row and ">HTXSNV<" in row
    peer_row = page.split('data-staff="HTQT05"')[1].split("</tr>")[0]
    assert ">KHTNV<" in peer_row

    year = login("canbo").get(f"/awards/2023/staff/{huong.pk}/").content.decode()
    assert 'id="year-suggestion">HTXSNV<' in year and "Điểm bình quân tháng 90,00" in year
    assert "ND3: 12" in year


@pytest.mark.parametrize(("username", "url"), [
    ("vanphong", "/awards/2023/summary/"),
    ("truongphong", "/awards/2023/summary/?period=midyear"),
    ("giamdoc", "/awards/2023/summary/?division=HTQT"),
])
def test_the_summary_runs_the_same_queries_for_few_or_many_people(demo, client, username, url):
    client.force_login(User.objects.get(username=username))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    grow_demo_division(3)
    few = count()
    grow_demo_division(30, start=3)
    assert count() == few
