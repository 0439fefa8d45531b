"""The year's summary pages (awards/views.py): what each reader sees, and fixed query counts at two sizes."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import CommendationType, ViolationType
from discipline.models import Commendation, Sanction, SanctionKind, SanctionStatus, Violation
from organization.models import Division, Position, Staff, User
from tests.factories import make_staff

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


def _grow(extra: int, start: int = 0):
    htqt, position = Division.objects.get(code="HTQT"), Position.objects.get(name="Chuyên viên")
    vt = ViolationType.objects.get(campaign__year=2023, code="NO_BADGE")
    ct = CommendationType.objects.get(campaign__year=2023, code="EXEMPLARY")
    for n in range(start, start + extra):
        person = make_staff(f"Người Thử {n}", division=htqt, position=position, code=f"Y{n:04d}")
        Violation.objects.create(staff=person, date=date(2023, 4, 3), type=vt, points=vt.points)
        Commendation.objects.create(staff=person, date=date(2023, 4, 4), type=ct, points=ct.points)


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

    _grow(3)
    few = count()
    _grow(30, start=3)
    assert count() == few
