"""The monthly report's rows (discipline/report.py), and the query counts of the month's pages at two sizes."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Campaign, CommendationType, ViolationType
from discipline import closing, report
from discipline.models import Commendation, Violation
from organization.models import Division, Staff, User
from tests.factories import grow_demo_division

pytestmark = pytest.mark.django_db

HEADINGS = [
    "STT", "Mã cán bộ", "Họ và tên", "Chức vụ", "Phòng", "Đi muộn/về sớm (lần)", "Vắng không lý do (buổi)",
    "Vi phạm khác", "Nhiệm vụ chậm/quá hạn", "ND1", "ND2", "ND3", "ND4", "ND5", "ND6", "Điểm thưởng", "Tổng điểm",
    "Xếp loại", "Nhận xét",
]


@pytest.fixture
def year(demo):
    return Campaign.objects.get(year=2023)


def violate(code, day, staff_code="HTQT03"):
    vt = ViolationType.objects.get(campaign__year=2023, code=code)
    return Violation.objects.create(staff=Staff.objects.get(code=staff_code), date=day, type=vt, points=vt.points)


def test_the_columns_are_those_of_the_domain_in_that_order(year):
    assert report.build(year, 2023, 4).headings == HEADINGS


def test_a_hand_built_month_gives_exact_counts_and_points(year):
    violate("LATE", date(2023, 4, 3))
    violate("EARLY_HEAVY", date(2023, 4, 4))
    violate("ABSENT_DAY", date(2023, 4, 5))  # two sessions
    violate("ABSENT_HALF", date(2023, 4, 6))  # one session
    violate("TASK_MISSED", date(2023, 4, 7))
    violate("NO_BADGE", date(2023, 4, 10))
    violate("DISUNITY", date(2023, 4, 11))
    withdrawn = violate("LATE", date(2023, 4, 12))
    withdrawn.status = "withdrawn"
    withdrawn.save()
    violate("LATE", date(2023, 5, 2))  # another month
    praise = CommendationType.objects.get(campaign__year=2023, code="OUTSTANDING_TASK")
    Commendation.objects.create(staff=Staff.objects.get(code="HTQT03"), date=date(2023, 4, 20), type=praise,
                                points=praise.points)
    data = report.build(year, 2023, 4, Division.objects.get(code="HTQT"))
    row = next(r for r in data.rows if r.code == "HTQT03")
    # ND3: 25 − 2 − 4 − 10 − 5 − 2 = 2; ND4: 10 − 5 = 5; ND5: 20 − 10 = 10; bonus 5; total 2+5+10+25+10+10+5 = 67.
    assert row.cells() == [
        7, "HTQT03", "Nguyễn Thị Hương", "Chuyên viên", "Phòng Hợp tác quốc tế", 2, 3, 2, 1,
        25, 10, 2, 5, 10, 10, 5, 67, "C", "",
    ]
    assert data.total.people == 10 and data.total.grades == {"A": 9, "B": 0, "C": 1, "D": 0}
    assert data.total.violations == {3: 5, 4: 1, 5: 1}
    assert str(data.total.average) == "96.7"  # (9 × 100 + 67) / 10
    assert not data.final and data.digest == ""


def test_the_whole_department_is_grouped_by_division_in_official_order(year):
    data = report.build(year, 2023, 4)
    assert [s.division.code for s in data.sections] == ["BGD", "VP", "LS", "HTQT", "QLBG", "TTDN"]
    assert data.sections[0].rows[0].name == "Phạm Thị Anh Thư" and data.sections[0].rows[0].number == 1
    assert data.total.people == sum(s.summary.people for s in data.sections) == 44


def test_a_closed_month_reads_the_scores_stored_when_it_closed(year):
    violate("LATE_HEAVY", date(2023, 4, 3))
    closing.close_month(year, 2023, 4, by=User.objects.get(username="vanphong"), reason="Giao ban")
    year.grade_a = 99  # the settings change later: the closed month keeps its result
    year.save()
    row = next(r for r in report.build(year, 2023, 4).rows if r.code == "HTQT03")
    assert (row.total, row.grade) == (96, "A")
    open_row = next(r for r in report.build(year, 2023, 5).rows if r.code == "HTQT03")
    assert (open_row.total, open_row.grade) == (100, "A")
    violate("LATE_HEAVY", date(2023, 5, 3))
    open_row = next(r for r in report.build(year, 2023, 5).rows if r.code == "HTQT03")
    assert (open_row.total, open_row.grade) == (96, "B"), "an open month follows the records and the settings"


def _grow(extra: int, start: int = 0):
    """Add ``extra`` people to HTQT, each with a violation, a commendation and a comment in April 2023."""
    head = User.objects.get(username="truongphong")
    for person in grow_demo_division(extra, start=start):
        closing.save_comment(person, 2023, 4, text="Khá", by=head)


PAGES = [
    ("vanphong", "/discipline/months/2023-4/"),
    ("vanphong", "/discipline/months/"),
    ("vanphong", "/discipline/months/2023-4/report/"),
    ("giamdoc", "/discipline/briefing/?month=2023-05"),
    ("truongphong", "/discipline/months/2023-4/report/?division=HTQT"),
    ("truongphong", "/discipline/months/2023-4/division/{htqt}/"),
    ("vanphong", "/discipline/disputes/?show=all"),
]


@pytest.mark.parametrize(("username", "url"), PAGES)
def test_the_months_pages_run_the_same_queries_for_few_or_many_people(year, client, username, url):
    url = url.format(htqt=Division.objects.get(code="HTQT").pk)
    client.force_login(User.objects.get(username=username))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _grow(3)
    few = count()
    _grow(30, start=3)
    assert count() == few
