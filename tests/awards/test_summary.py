"""Mid-year and year-end summaries (awards/summary.py): exact values for a hand-built half year."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.summary import MIDYEAR, YEAR, by_division, summarise
from campaigns.models import Campaign, CommendationType, ViolationType
from campaigns.workdays import WorkCalendar
from discipline import closing, services
from discipline.models import AttendanceStatus, Commendation, Violation
from organization.models import Division, Staff, User
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(demo):
    return Campaign.objects.get(year=2023)


def test_a_half_year_of_one_person_with_a_closed_month(year):
    office = User.objects.get(username="vanphong")
    huong = Staff.objects.get(code="HTQT03")
    calendar = WorkCalendar(year)
    services.save_day_sheet(date(2023, 3, 7), [services.SheetEntry(huong, AttendanceStatus.ABSENT_HALF)], by=office,
                            calendar=calendar)
    for day in (date(2023, 6, 5), date(2023, 6, 6)):
        services.save_day_sheet(day, [services.SheetEntry(huong, AttendanceStatus.SICK)], by=office, calendar=calendar)
    late = ViolationType.objects.get(campaign=year, code="LATE_HEAVY")
    services.record_new(Violation(staff=huong, date=date(2023, 4, 11), type=late, points=late.points), by=office)
    praise = CommendationType.objects.get(campaign=year, code="EXEMPLARY")
    services.record_new(Commendation(staff=huong, date=date(2023, 5, 3), type=praise, points=praise.points), by=office)
    closing.close_month(year, 2023, 4, by=office, reason="Giao ban")

    [summary] = summarise(year, 2023, MIDYEAR, staff_ids=[huong.pk]).values()
    assert [(m.month, m.total, m.grade, m.final) for m in summary.months] == [
        (1, 100, "A", False), (2, 100, "A", False), (3, 95, "A", False), (4, 96, "A", True), (5, 100, "A", False),
        (6, 100, "A", False),
    ]
    assert summary.average == Decimal("98.50") and summary.months_served == 6 and summary.provisional
    assert summary.violations == {3: 2}
    assert (summary.commendations, summary.commendation_points) == (1, 2)
    assert summary.absences == {AttendanceStatus.ABSENT_HALF: Decimal("0.5"), AttendanceStatus.SICK: Decimal(2)}
    assert summary.division_id == Division.objects.get(code="HTQT").pk


def test_someone_recruited_in_may_has_two_months_in_the_half_year(year):
    htqt = Division.objects.get(code="HTQT")
    newcomer = make_staff("Đinh Văn Mới", division=htqt, recruited=date(2023, 5, 10))
    summary = summarise(year, 2023, MIDYEAR, staff_ids=[newcomer.pk])[newcomer.pk]
    assert [m.month for m in summary.months] == [5, 6] and summary.months_served == 2
    assert summarise(year, 2023, YEAR, staff_ids=[newcomer.pk])[newcomer.pk].months_served == 8


def test_divisions_sum_their_people(year):
    summaries = summarise(year, 2023, MIDYEAR)
    divisions = by_division(summaries)
    htqt = divisions[Division.objects.get(code="HTQT").pk]
    assert htqt.people == 10 and htqt.average == Decimal("100.00") and htqt.grades == {"A": 60}
    assert sum(d.people for d in divisions.values()) == len(summaries) == 44  # the 45th is recruited in October


def test_the_summary_runs_the_same_queries_for_one_person_or_everyone(year):
    huong = Staff.objects.get(code="HTQT03")
    with CaptureQueriesContext(connection) as one:
        summarise(year, 2023, MIDYEAR, staff_ids=[huong.pk])
    with CaptureQueriesContext(connection) as everyone:
        summarise(year, 2023, MIDYEAR)
    assert len(one) == len(everyone)
