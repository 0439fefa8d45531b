from datetime import date, time

import pytest

from campaigns.models import WorkSchedule
from discipline.attendance import (
    ABSENT_DAY,
    ABSENT_HALF,
    EARLY,
    EARLY_HEAVY,
    LATE,
    LATE_HEAVY,
    assess,
)
from discipline.models import AttendanceStatus

SUMMER = WorkSchedule(name="hè", valid_from=date(2023, 4, 16), morning_start=time(7, 0), morning_end=time(11, 30),
                      afternoon_start=time(13, 30), afternoon_end=time(17, 0))
WINTER = WorkSchedule(name="đông", valid_from=date(2023, 10, 16), morning_start=time(7, 30), morning_end=time(12, 0),
                      afternoon_start=time(13, 0), afternoon_end=time(16, 30))
P = AttendanceStatus.PRESENT


def run(check_in, check_out, schedule=SUMMER, status=P):
    return assess(status, check_in, check_out, schedule, grace=5, heavy=15)


@pytest.mark.parametrize(
    ("arrival", "minutes", "codes"),
    [
        (time(6, 50), 0, ()),
        (time(7, 0), 0, ()),
        (time(7, 5), 5, ()),
        (time(7, 5, 59), 5, ()),
        (time(7, 6), 6, (LATE,)),
        (time(7, 14), 14, (LATE,)),
        (time(7, 15), 15, (LATE_HEAVY,)),
        (time(9, 0), 120, (LATE_HEAVY,)),
        (time(11, 29), 269, (LATE_HEAVY,)),
        (time(11, 30), 270, (ABSENT_HALF,)),
    ],
)
def test_lateness_in_summer_at_the_grace_and_threshold_edges(arrival, minutes, codes):
    outcome = run(arrival, time(17, 0))
    assert (outcome.late_minutes, outcome.codes) == (minutes, codes)


@pytest.mark.parametrize(
    ("arrival", "codes"),
    [(time(7, 35), ()), (time(7, 36), (LATE,)), (time(7, 45), (LATE_HEAVY,)), (time(12, 0), (ABSENT_HALF,))],
)
def test_lateness_in_winter_counts_from_07_30(arrival, codes):
    assert run(arrival, time(16, 30), WINTER).codes == codes


@pytest.mark.parametrize(
    ("departure", "minutes", "codes"),
    [
        (time(17, 30), 0, ()),
        (time(16, 55), 5, ()),
        (time(16, 54), 6, (EARLY,)),
        (time(16, 45), 15, (EARLY_HEAVY,)),
        (time(13, 31), 209, (EARLY_HEAVY,)),
        (time(13, 30), 210, (ABSENT_HALF,)),
    ],
)
def test_early_leave_with_the_same_grace_and_threshold(departure, minutes, codes):
    outcome = run(time(7, 0), departure)
    assert (outcome.early_minutes, outcome.codes) == (minutes, codes)


def test_late_and_early_the_same_day_count_each_once():
    assert run(time(7, 20), time(16, 50)).codes == (LATE_HEAVY, EARLY)


def test_late_arrival_after_the_morning_and_an_early_leave_count_separately():
    assert run(time(13, 30), time(16, 40)).codes == (ABSENT_HALF, EARLY_HEAVY)


def test_missing_both_sessions_is_a_whole_day():
    assert run(time(12, 0), time(13, 0)).codes == (ABSENT_DAY,)


def test_only_an_arrival_time_judges_only_the_arrival():
    assert run(time(7, 10), None).codes == (LATE,)


@pytest.mark.parametrize(
    ("status", "codes"),
    [
        (AttendanceStatus.ABSENT_HALF, (ABSENT_HALF,)),
        (AttendanceStatus.ABSENT_DAY, (ABSENT_DAY,)),
        (AttendanceStatus.TRIP_ABROAD, ()),
        (AttendanceStatus.DUTY, ()),
        (AttendanceStatus.SICK, ()),
        (AttendanceStatus.ABSENT_PERMITTED, ()),
    ],
)
def test_statuses_other_than_present(status, codes):
    assert run(time(9, 0), time(10, 0), status=status).codes == codes
