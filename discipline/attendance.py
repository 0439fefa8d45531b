"""The attendance rules of DOMAIN.md §3, as pure functions of one person's day.

- Late minutes = first check-in − scheduled morning start; late only if more than the grace period
  (07:05 is on time with 5 minutes' grace, 07:06 is late); heavy if at least the heavy threshold.
- Early-leave minutes = scheduled afternoon end − last check-out, with the same grace and threshold.
- Arriving when the morning session has ended, or leaving by the time the afternoon session starts, is an
  unexcused half day instead of lateness or early leave; both together are an unexcused whole day.
- A late arrival counts once (heavy or light); an early leave the same day counts on its own.
Seconds are ignored: a clock's 07:05:59 is 07:05.
"""

from dataclasses import dataclass
from datetime import time

from campaigns.models import WorkSchedule
from discipline.models import AttendanceStatus

# Catalogue codes of the deductions attendance produces (campaigns/defaults.py).
LATE, LATE_HEAVY = "LATE", "LATE_HEAVY"
EARLY, EARLY_HEAVY = "EARLY", "EARLY_HEAVY"
ABSENT_HALF, ABSENT_DAY = "ABSENT_HALF", "ABSENT_DAY"
ATTENDANCE_CODES = [LATE, LATE_HEAVY, EARLY, EARLY_HEAVY, ABSENT_HALF, ABSENT_DAY]


@dataclass(frozen=True)
class Assessment:
    late_minutes: int = 0
    early_minutes: int = 0
    codes: tuple[str, ...] = ()


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def assess(
    status: str,
    check_in: time | None,
    check_out: time | None,
    schedule: WorkSchedule | None,
    *,
    grace: int,
    heavy: int,
) -> Assessment:
    """What one working day of one person costs, as catalogue codes, with the minutes behind them."""
    if status == AttendanceStatus.ABSENT_HALF:
        return Assessment(codes=(ABSENT_HALF,))
    if status == AttendanceStatus.ABSENT_DAY:
        return Assessment(codes=(ABSENT_DAY,))
    if status != AttendanceStatus.PRESENT or schedule is None:
        # Leave, sickness, maternity, business trips and duty are pre-approved: never lateness.
        return Assessment()

    late = max(0, _minutes(check_in) - _minutes(schedule.morning_start)) if check_in else 0
    early = max(0, _minutes(schedule.afternoon_end) - _minutes(check_out)) if check_out else 0
    missed_morning = check_in is not None and _minutes(check_in) >= _minutes(schedule.morning_end)
    missed_afternoon = check_out is not None and _minutes(check_out) <= _minutes(schedule.afternoon_start)
    if missed_morning and missed_afternoon:
        return Assessment(late, early, (ABSENT_DAY,))

    codes = []
    if missed_morning:
        codes.append(ABSENT_HALF)
    elif late > grace:
        codes.append(LATE_HEAVY if late >= heavy else LATE)
    if missed_afternoon:
        codes.append(ABSENT_HALF)
    elif early > grace:
        codes.append(EARLY_HEAVY if early >= heavy else EARLY)
    return Assessment(late, early, tuple(codes))
