"""The demo's 2023 (discipline/demo.py): believable rates, the calendar and each person's service respected,
every state of an explanation present, and nothing loaded twice.

The year takes seconds to load, so the module loads it once inside a transaction rolled back at the end;
each test runs in its own savepoint within it.
"""

import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from awards.models import AwardTitle, Initiative, InitiativeLevel, PriorTitle
from campaigns.models import Campaign
from campaigns.workdays import WorkCalendar
from discipline.access import may_decide
from discipline.demo import REPEAT_LATECOMERS, demo_people, plan_year, seed_year_2023
from discipline.models import (
    AttendanceRecord,
    AttendanceStatus,
    Commendation,
    Explanation,
    ExplanationStatus,
    Notification,
    RecordSource,
    RecordStatus,
    Sanction,
    SanctionKind,
    SanctionStatus,
    Violation,
)
from organization.models import Staff

pytestmark = pytest.mark.django_db

LATE_CODES = ["LATE", "LATE_HEAVY"]


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker):
    """The demo department with its 2023 loaded once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def calendar(year):
    return WorkCalendar(Campaign.objects.get(year=2023))


def _staff():
    return {s.pk: s for s in Staff.objects.prefetch_related("memberships__division")}


def _type_counts(records):
    return Counter(records.values_list("type__code", flat=True))


def test_every_required_kind_of_incident_is_there_at_a_plausible_rate(year):
    kinds = _type_counts(Violation.objects.all())
    # 45 people over a year: about 200 late arrivals (three quarters from the four repeat latecomers).
    assert 150 <= sum(kinds.values()) <= 350
    assert (kinds["ALCOHOL"], kinds["SMOKING"], kinds["ADVISORY"], kinds["DISUNITY"]) == (1, 1, 1, 1)
    assert 3 <= kinds["NO_BADGE"] <= 6
    assert 4 <= kinds["TASK_LATE"] <= 8 and 1 <= kinds["TASK_MISSED"] <= 3
    assert 1 <= kinds["ABSENT_DAY"] <= 2 and 1 <= kinds["ABSENT_HALF"] <= 4
    assert 120 <= kinds["LATE"] + kinds["LATE_HEAVY"] <= 260
    assert 5 <= kinds["EARLY"] + kinds["EARLY_HEAVY"] <= 30
    assert kinds["LATE"] > kinds["LATE_HEAVY"] > 0


def test_most_people_are_clean_most_months_and_a_few_are_often_late(year):
    dirty = Counter(
        code for code, _month in set(Violation.objects.counting().values_list("staff__code", "date__month"))
    )
    served = {
        s.code: 12 if s.date_recruited.year < 2023 else 13 - s.date_recruited.month
        for s in Staff.objects.all()
    }
    assert sum(dirty.values()) / sum(served.values()) < 0.3
    assert sum(1 for code, months in served.items() if months - dirty[code] >= min(9, months)) >= 35
    late = Counter(Violation.objects.filter(type__code__in=LATE_CODES).values_list("staff__code", flat=True))
    often_late = {code for code, n in late.items() if n >= 20}
    assert often_late == set(REPEAT_LATECOMERS)
    assert max(n for code, n in late.items() if code not in often_late) <= 6
    vp08_months = Counter(
        Violation.objects.filter(staff__code="VP08", type__code__in=LATE_CODES).values_list(
            "date__month", flat=True
        )
    )
    assert sorted(vp08_months) == list(range(1, 13)) and min(vp08_months.values()) >= 2
    assert not Violation.objects.filter(staff__code__startswith="BGD").exists()


def test_attendance_holds_leave_sickness_trips_and_duty(year):
    statuses = Counter(AttendanceRecord.objects.values_list("status", flat=True))
    people = Staff.objects.count()
    assert 4 * people <= statuses[AttendanceStatus.ANNUAL_LEAVE] <= 12 * people
    assert 10 <= statuses[AttendanceStatus.SICK] <= 60
    assert 5 <= statuses[AttendanceStatus.ABSENT_PERMITTED] <= 30
    assert 40 <= statuses[AttendanceStatus.TRIP_ABROAD] <= 100
    assert 100 <= statuses[AttendanceStatus.TRIP_DOMESTIC] <= 250
    assert 15 <= statuses[AttendanceStatus.DUTY] <= 30


def test_one_maternity_leave_from_may_to_october(year, calendar):
    maternity = AttendanceRecord.objects.filter(status=AttendanceStatus.MATERNITY)
    assert set(maternity.values_list("staff__code", flat=True)) == {"QLBG05"}
    assert Staff.objects.get(code="QLBG05").gender == "female"
    days = sorted(maternity.values_list("date", flat=True))
    assert days == calendar.working_days(date(2023, 5, 2), date(2023, 10, 31))
    assert not Violation.objects.filter(staff__code="QLBG05", date__range=(days[0], days[-1])).exists()


def test_trips_abroad_only_in_international_cooperation(year):
    staff = _staff()
    abroad = AttendanceRecord.objects.filter(status=AttendanceStatus.TRIP_ABROAD)
    assert {staff[r.staff_id].division_on(r.date).code for r in abroad} == {"HTQT"}
    # Nông Thị Hồng goes abroad once she has moved to international cooperation on 01/07.
    assert abroad.filter(staff__code="LS07").earliest("date").date > date(2023, 7, 1)
    domestic = AttendanceRecord.objects.filter(status=AttendanceStatus.TRIP_DOMESTIC)
    assert {staff[r.staff_id].division_on(r.date).code for r in domestic} >= {"BGD", "LS", "QLBG", "TTDN"}


def test_days_off_hold_only_duty_and_each_earns_the_bonus(year, calendar):
    off = [r for r in AttendanceRecord.objects.all() if not calendar.is_working_day(r.date)]
    assert {r.status for r in off} == {AttendanceStatus.DUTY}
    assert {r.date for r in off} >= {date(2023, 1, 22), date(2023, 4, 30), date(2023, 9, 2)}  # Tết, 30/4, 2/9
    bonuses = Commendation.objects.filter(type__code="DUTY_OFF_HOURS")
    assert sorted(bonuses.values_list("staff_id", "date")) == sorted((r.staff_id, r.date) for r in off)
    assert all(calendar.is_working_day(v.date) for v in Violation.objects.all())
    assert all(
        calendar.is_working_day(c.date) for c in Commendation.objects.exclude(type__code="DUTY_OFF_HOURS")
    )


def test_records_lie_within_each_persons_service(year):
    staff = _staff()
    for model in (AttendanceRecord, Violation, Commendation):
        for record in model.objects.all():
            person = staff[record.staff_id]
            assert person.date_recruited <= record.date and person.membership_on(record.date) is not None
    assert AttendanceRecord.objects.filter(staff__code="TTDN07").earliest("date").date >= date(2023, 10, 2)


def test_each_day_sheet_holds_only_people_of_its_division_that_day(year, calendar):
    plan = plan_year(calendar, demo_people())
    sheets = plan.sheets()
    assert all(
        entry.staff.division_on(day).code == division
        for (day, division), entries in sheets.items()
        for entry in entries
    )
    ls07 = {
        division for (day, division), entries in sheets.items() for e in entries if e.staff.code == "LS07"
    }
    assert ls07 == {"LS", "HTQT"}
    again = plan_year(calendar, demo_people()).sheets()
    assert {
        key: [(e.staff.code, e.status, e.check_in, e.check_out) for e in entries]
        for key, entries in again.items()
    } == {
        key: [(e.staff.code, e.status, e.check_in, e.check_out) for e in entries]
        for key, entries in sheets.items()
    }


def test_a_corrected_day_keeps_the_old_deduction_as_corrected(year):
    record = AttendanceRecord.objects.get(staff__code="HTQT05", date=date(2023, 5, 10))
    assert (record.status, record.version, record.history.count()) == (AttendanceStatus.DUTY, 2, 2)
    assert list(
        Violation.objects.filter(staff__code="HTQT05", date=date(2023, 5, 10)).values_list(
            "type__code", "status"
        )
    ) == [("LATE_HEAVY", RecordStatus.SUPERSEDED)]


def test_explanations_in_each_state_filed_by_the_person_and_decided_by_someone_allowed(year):
    explanations = Explanation.objects.select_related("violation__staff__position", "filed_by", "decided_by")
    assert Counter(e.status for e in explanations) == {
        ExplanationStatus.ACCEPTED: 2,
        ExplanationStatus.REJECTED: 1,
        ExplanationStatus.PENDING: 2,
    }
    for explanation in explanations:
        violation = explanation.violation
        assert explanation.filed_by == violation.staff.user
        expected = {
            ExplanationStatus.ACCEPTED: RecordStatus.WITHDRAWN,
            ExplanationStatus.REJECTED: RecordStatus.ACTIVE,
            ExplanationStatus.PENDING: RecordStatus.ACTIVE,
        }[explanation.status]
        assert violation.status == expected
        if explanation.decided_by is not None:
            assert may_decide(explanation.decided_by, violation) and explanation.decision_reason
    head_record = explanations.get(violation__staff__code="HTQT01")
    assert (head_record.decided_by.username, head_record.status) == ("giamdoc", ExplanationStatus.ACCEPTED)


def test_the_demo_accounts_were_told_of_their_records(year):
    canbo = Staff.objects.get(code="HTQT03")
    records = Violation.objects.filter(staff=canbo).count() + Commendation.objects.filter(staff=canbo).count()
    told = Notification.objects.filter(user=canbo.user, url__startswith="/discipline/")
    # One message per record, and one for the decision on her explanation (the year-end's notices aside).
    assert told.count() == records + 1
    # Only people with an account can be told, and each of them was.
    assert not Violation.objects.filter(staff__user__isnull=False, notified_at__isnull=True).exists()


def test_the_alcohol_incident_leads_to_a_reprimand(year):
    alcohol = Violation.objects.get(type__code="ALCOHOL")
    sanction = Sanction.objects.get()
    assert (sanction.staff, sanction.status, sanction.kind) == (
        alcohol.staff,
        SanctionStatus.DECIDED,
        SanctionKind.REPRIMAND,
    )
    assert (sanction.decision_number, sanction.decision_date) == ("45/QĐ-SNgV", date(2023, 4, 14))
    assert alcohol.date == date(2023, 3, 16) and sanction.opened_on == date(2023, 3, 20)
    assert [h.status for h in sanction.history.order_by("history_date")] == [
        SanctionStatus.UNDER_REVIEW,
        SanctionStatus.DECIDED,
    ]


def test_commendations_initiatives_and_earlier_titles(year):
    kinds = _type_counts(Commendation.objects.filter(source=RecordSource.MANUAL))
    assert kinds == {"OUTSTANDING_TASK": 4, "PRAISED": 3, "INITIATIVE": 4, "EXEMPLARY": 3}
    initiatives = Initiative.objects.all()
    assert {i.recognized_on.year for i in initiatives} == {2023} and initiatives.count() == 4
    assert list(initiatives.filter(level=InitiativeLevel.PROVINCE).values_list("staff__code", flat=True)) == [
        "HTQT02"
    ]
    assert set(
        Commendation.objects.filter(type__code="INITIATIVE").values_list("staff__code", flat=True)
    ) == set(initiatives.values_list("staff__code", flat=True))
    cstdcs = PriorTitle.objects.filter(title=AwardTitle.CSTDCS)
    assert sorted(cstdcs.values_list("staff__code", "year")) == [
        ("HTQT02", 2021),
        ("HTQT02", 2022),
        ("LS03", 2021),
        ("LS03", 2022),
    ]
    assert PriorTitle.objects.filter(title=AwardTitle.LDTT, year=2022).count() == 42
    assert PriorTitle.objects.filter(title=AwardTitle.CERTIFICATE, year=2022).count() == 2


def test_a_second_load_changes_nothing(year):
    counts = (AttendanceRecord.objects.count(), Violation.history.count(), Notification.objects.count())
    assert seed_year_2023() is False
    assert (
        AttendanceRecord.objects.count(),
        Violation.history.count(),
        Notification.objects.count(),
    ) == counts


def test_the_history_names_the_office_for_what_it_recorded(year):
    recorded = [
        AttendanceRecord.history.all(),
        Violation.history.filter(history_type="+"),
        Commendation.history.filter(history_type="+"),
        Sanction.history.all(),
        Initiative.history.all(),
        PriorTitle.history.all(),
    ]
    users = {row.history_user.username for rows in recorded for row in rows.select_related("history_user")}
    assert users == {"vanphong"}
    assert set(Sanction.history.values_list("history_change_reason", flat=True)) == {
        "Mở thủ tục xem xét kỷ luật",
        "Quyết định kỷ luật số 45/QĐ-SNgV",
    }
