"""The board's dashboard (issue 6): per-division monthly summaries kept by the tally, and what the dashboard
reads of them.

``refresh_month`` rebuilds a month's ``DivisionMonth`` rows from what the tally stored (each person's score,
grade and division) and from the month's records, with a fixed number of queries; ``run_tally`` calls it, so
the summaries are as current as the scores. ``Dashboard.build`` reads a campaign's summaries (a few hundred
rows for a province) and what waits for the board, with a fixed number of queries whatever the data.

Definitions (DOMAIN.md §3, "tạm tính" for an open month):

- **Working person-days in scope**: for each person scored in the month, the campaign's working days while in
  post (recruited … left), less the days the effective attendance record excuses (annual leave, sick leave,
  maternity leave, absence with permission). Business trips and duty are days at work.
- **On time**: a person-day in scope without a counting lateness, early leave or unexcused absence
  (violations of the types below, active).
- **Counts** of lateness, early leave, unexcused absence, violations by content and type, and commendations
  are those of the counting records dated in the month, in the division the person belonged to that day —
  which is what the record lists filter by, so a count opens the list of exactly those records.
- **Grades, average score, people**: from the month's stored scores, by the division the score counts in.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.workdays import WorkCalendar
from discipline.models import (
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    Commendation,
    DivisionMonth,
    MonthlyScore,
    Violation,
)
from discipline.scoring import month_bounds
from organization.models import Division, Membership

LATENESS = ("LATE", "LATE_HEAVY")
EARLY_LEAVE = ("EARLY", "EARLY_HEAVY")
UNEXCUSED = ("ABSENT_HALF", "ABSENT_DAY")
EXCUSED = (AttendanceStatus.ANNUAL_LEAVE, AttendanceStatus.SICK, AttendanceStatus.MATERNITY,
           AttendanceStatus.ABSENT_PERMITTED)
GRADES = ("A", "B", "C", "D")


def _division_on(stays: list[tuple[int, date, date | None]], day: date) -> int | None:
    for division_id, start, end in stays:
        if start <= day and (end is None or day <= end):
            return division_id
    return None


@transaction.atomic
def refresh_month(campaign: Campaign, year: int, month: int) -> int:
    """Rebuild the month's division summaries from its stored scores and records; the number of divisions."""
    first, last = month_bounds(year, month)
    working = set(WorkCalendar(campaign).working_days(first, last))
    scores = list(MonthlyScore.objects.filter(campaign=campaign, year=year, month=month).values_list(
        "staff_id", "division_id", "total", "grade", "staff__date_recruited", "staff__date_left"))
    stays = defaultdict(list)
    overlapping = Membership.objects.filter(start__lte=last).filter(Q(end__isnull=True) | Q(end__gte=first))
    for staff_id, division_id, start, end in overlapping.values_list("staff_id", "division_id", "start", "end"):
        stays[staff_id].append((division_id, start, end))

    # The effective attendance of each (person, day): the Office's entry wins over the time clock's. Only the
    # rows that can excuse a day are read, and the Office's entries (which can overrule the clock's).
    effective = {}
    attendance = AttendanceRecord.objects.filter(date__range=(first, last)).filter(
        Q(status__in=EXCUSED) | Q(source=AttendanceSource.MANUAL)).values_list("staff_id", "date", "source", "status")
    for staff_id, day, source, status in attendance.order_by("source"):  # "clock" sorts before "manual"
        effective[(staff_id, day)] = status
    excused = defaultdict(set)
    for (staff_id, day), status in effective.items():
        if status in EXCUSED:
            excused[staff_id].add(day)

    rows: dict[int, DivisionMonth] = {}
    now = timezone.now()

    def row(division_id: int) -> DivisionMonth:
        if division_id not in rows:
            rows[division_id] = DivisionMonth(campaign=campaign, year=year, month=month, division_id=division_id,
                                              by_content={}, by_type={}, grades={}, computed_at=now)
        return rows[division_id]

    bad_days = defaultdict(set)  # (staff id) -> days with a counting lateness, early leave or unexcused absence
    contents, types = defaultdict(Counter), defaultdict(Counter)
    violations = Violation.objects.counting().filter(date__range=(first, last)).values_list(
        "staff_id", "date", "type__code", "type__criterion__number")
    for staff_id, day, code, number in violations:
        if code in LATENESS or code in EARLY_LEAVE or code in UNEXCUSED:
            bad_days[staff_id].add(day)
        division_id = _division_on(stays[staff_id], day)
        if division_id is None:
            continue
        item = row(division_id)
        item.violations += 1
        contents[division_id][str(number)] += 1
        types[division_id][code] += 1
        if code in LATENESS:
            item.late += 1
        elif code in EARLY_LEAVE:
            item.early += 1
        elif code in UNEXCUSED:
            item.absent += 1
    for staff_id, day in Commendation.objects.counting().filter(date__range=(first, last)).values_list(
            "staff_id", "date"):
        division_id = _division_on(stays[staff_id], day)
        if division_id is not None:
            row(division_id).commendations += 1

    grades = defaultdict(Counter)
    for staff_id, division_id, total, grade, recruited, left in scores:
        if division_id is None:
            continue
        item = row(division_id)
        item.people += 1
        item.points += total
        grades[division_id][grade] += 1
        start = max(first, recruited) if recruited else first
        end = min(last, left) if left else last
        in_scope = {day for day in working if start <= day <= end} - excused[staff_id]
        item.person_days += len(in_scope)
        item.on_time_days += len(in_scope - bad_days[staff_id])
    for division_id, item in rows.items():
        item.by_content = dict(sorted(contents[division_id].items(), key=lambda pair: int(pair[0])))
        item.by_type = dict(sorted(types[division_id].items()))
        item.grades = {grade: grades[division_id][grade] for grade in GRADES if grades[division_id][grade]}
    DivisionMonth.objects.filter(campaign=campaign, year=year, month=month).delete()
    DivisionMonth.objects.bulk_create(rows.values())
    touch()
    return len(rows)


# --- Reading ---

COUNTS = ("people", "person_days", "on_time_days", "late", "early", "absent", "violations", "commendations",
          "points")


class Figures:
    """The dashboard's figures for a set of division-months (one month or the year to date; a division or all).

    Plain slots and dicts rather than a dataclass of Counters: a province's dashboard adds up 480 of them.
    """

    __slots__ = (*COUNTS, "by_content", "by_type", "grades")

    def __init__(self, counts=None, by_content=None, grades=None, by_type=None):
        for name, value in zip(COUNTS, counts or (0,) * len(COUNTS), strict=True):
            setattr(self, name, value)
        self.by_content = {int(number): count for number, count in (by_content or {}).items()}
        self.grades = dict(grades or {})
        self.by_type = dict(by_type or {})

    def add(self, other: "Figures") -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for number, count in other.by_content.items():
            self.by_content[number] = self.by_content.get(number, 0) + count
        for grade, count in other.grades.items():
            self.grades[grade] = self.grades.get(grade, 0) + count
        for code, count in other.by_type.items():
            self.by_type[code] = self.by_type.get(code, 0) + count

    @classmethod
    def total(cls, items) -> "Figures":
        found = cls()
        for item in items:
            found.add(item)
        return found

    @property
    def on_time_rate(self):
        """Per cent of the person-days in scope, one decimal; None without any."""
        if not self.person_days:
            return None
        return round(100 * self.on_time_days / self.person_days, 1)

    @property
    def average(self):
        """The average monthly score of the people scored (a person counts once a month), two decimals."""
        if not self.people:
            return None
        return round(self.points / self.people, 2)

    @property
    def grade_counts(self) -> list[tuple[str, int]]:
        """(grade, people) for A to D, in that order."""
        return [(grade, self.grades.get(grade, 0)) for grade in GRADES]

    @property
    def violations_per_person(self):
        if not self.people:
            return None
        return round(self.violations / self.people, 2)


@dataclass
class DivisionRow:
    """One division side by side with the others: the chosen month, its sign-off, and its twelve months."""

    division: object
    month: Figures
    previous: Figures
    signoff: object = None  # the Signoff of the chosen month, if any
    late: bool = False  # the sign-off deadline passed without it, the month still open
    trend: list = field(default_factory=list)  # [(year, month, Figures | None)] over the campaign


@dataclass
class Waiting:
    """One kind of thing waiting for a decision, with where it is decided."""

    label: str
    count: int
    url: str
    items: list = field(default_factory=list)  # (label, url) of each, when few enough to list


class Dashboard:
    """A campaign's figures for the board (the whole Sở) or a head (``division``), from the stored summaries."""

    def __init__(self, campaign: Campaign, division=None):
        self.campaign, self.division = campaign, division

    @classmethod
    def build(cls, campaign: Campaign, *, division=None, month: tuple[int, int] | None = None,
              today: date | None = None) -> "Dashboard":
        from discipline import briefing
        from discipline.models import Month, MonthStatus, Signoff

        self = cls(campaign, division)
        today = today or timezone.localdate()
        rows = DivisionMonth.objects.filter(campaign=campaign)
        if division is not None:
            rows = rows.filter(division=division)
        rows = list(rows.values_list("division_id", "year", "month", *COUNTS, "by_content", "grades", "by_type",
                                     "computed_at"))
        self.computed_at = max((row[-1] for row in rows), default=None)
        self.months = campaign_months(campaign)
        with_data = sorted({(row[1], row[2]) for row in rows})
        self.months_with_data = with_data
        self.month = month if month in self.months else (with_data[-1] if with_data else None)
        closed = set(Month.objects.filter(campaign=campaign, status=MonthStatus.CLOSED).values_list("year", "month"))
        self.provisional = {key for key in self.months if key not in closed}

        by_division_month, per_month = {}, defaultdict(list)
        for division_id, year, number, *values in rows:
            figures = Figures(values[:len(COUNTS)], *values[len(COUNTS):len(COUNTS) + 3])
            by_division_month[(division_id, year, number)] = figures
            per_month[(year, number)].append(figures)
        by_month = {key: Figures.total(items) for key, items in per_month.items()}
        divisions = Division.objects.in_bulk({key[0] for key in by_division_month})
        self.trend = [(key, by_month.get(key)) for key in self.months]
        self.figures = by_month.get(self.month, Figures()) if self.month else Figures()
        self.previous_month = shift(self.month, -1) if self.month else None
        self.previous = by_month.get(self.previous_month, Figures())
        self.year_to_date = Figures.total(by_month[key] for key in self.months
                                          if self.month and key <= self.month and key in by_month)

        signoffs, deadline = {}, None
        if self.month:
            signoffs = {s.division_id: s for s in Signoff.objects.filter(
                year=self.month[0], month=self.month[1]).select_related("signed_by__staff")}
            deadline = briefing.signoff_deadline(campaign, *self.month)
        month_open = self.month in self.provisional
        self.divisions = []
        for division_id, item in sorted(divisions.items(), key=lambda pair: (pair[1].display_order, pair[1].code)):
            current = by_division_month.get((division_id, *self.month)) if self.month else None
            if current is None:
                continue
            before = by_division_month.get((division_id, *self.previous_month), Figures())
            signoff = signoffs.get(division_id)
            self.divisions.append(DivisionRow(
                item, current, before, signoff,
                late=month_open and signoff is None and deadline is not None and today > deadline,
                trend=[(key, by_division_month.get((division_id, *key))) for key in self.months]))
        return self


def campaign_months(campaign: Campaign) -> list[tuple[int, int]]:
    """(year, month) of each month the campaign covers, in order."""
    found, key = [], (campaign.start_date.year, campaign.start_date.month)
    while key <= (campaign.end_date.year, campaign.end_date.month):
        found.append(key)
        key = shift(key, 1)
    return found


def shift(key: tuple[int, int], months: int) -> tuple[int, int]:
    index = key[0] * 12 + key[1] - 1 + months
    return index // 12, index % 12 + 1


# --- What the cached page depends on ---

# The figures, divisions and charts are kept this long at most (a safety net: the stamp below changes with
# everything they show).
CACHE_SECONDS = 3600


def touch() -> None:
    """Change the stamp the dashboard's cache is keyed on: something its figures show has changed."""
    from django.db.models import F

    from discipline.models import DashboardStamp

    if not DashboardStamp.objects.filter(pk=1).update(generation=F("generation") + 1):
        DashboardStamp.objects.get_or_create(pk=1, defaults={"generation": 1})


@dataclass
class State:
    """What one request of the dashboard reads fresh: the campaign, the cache key of the rendered figures, and
    the counts of what waits for a decision."""

    campaign_id: int | None
    key: str
    reopen_requests: int
    nominations: int
    ratings: int


def state_of(*, month: tuple[int, int] | None = None, division=None, today: date | None = None) -> State:
    """One query: the campaign (the one covering ``month``, else the current one: the active campaign of the
    latest year, else the latest), the stamp, and the counts of pending reopenings, shortlisted nominations and
    proposed ratings not yet decided (of ``division`` for a head). The key also holds the day (the sign-off
    deadlines pass) and the language. ``campaign_id`` is None when no campaign covers the month (or none exists).

    Written as one plain SQL statement (scalar subqueries, the same on PostgreSQL and SQLite): it runs on every
    request of the board's home, where building it with the ORM cost more than running it.
    """
    import hashlib

    from django.db import connection
    from django.utils.translation import get_language

    from awards.models import Nomination, NominationStatus, YearReview
    from campaigns.models import CampaignStatus
    from discipline.models import DashboardStamp, ReopenRequest, ReopenStatus

    table = {model: connection.ops.quote_name(model._meta.db_table)
             for model in (Campaign, DashboardStamp, ReopenRequest, Nomination, YearReview, Membership)}
    if month is not None:
        first = date(month[0], month[1], 1)
        campaign = (f"SELECT id FROM {table[Campaign]} WHERE start_date <= %s AND end_date >= %s "
                    f"ORDER BY year DESC LIMIT 1")
        campaign_params = [first, first]
    else:
        campaign = (f"SELECT id FROM {table[Campaign]} ORDER BY CASE WHEN status = %s THEN 0 ELSE 1 END, "
                    f"year DESC LIMIT 1")
        campaign_params = [CampaignStatus.ACTIVE]
    nominations = f"SELECT COUNT(*) FROM {table[Nomination]} WHERE campaign_id = ({campaign}) AND status = %s"
    ratings = (f"SELECT COUNT(*) FROM {table[YearReview]} WHERE campaign_id = ({campaign}) AND rating = '' "
               f"AND head_rating <> ''")
    params = [*campaign_params, ReopenStatus.PENDING, *campaign_params, NominationStatus.SHORTLISTED]
    if division is not None:
        nominations += " AND division_id = %s"
        params.append(division.pk)
    params += campaign_params
    if division is not None:
        ratings += f" AND staff_id IN (SELECT staff_id FROM {table[Membership]} WHERE division_id = %s)"
        params.append(division.pk)
    sql = (f"SELECT ({campaign}), generation, (SELECT COUNT(*) FROM {table[ReopenRequest]} WHERE status = %s), "
           f"({nominations}), ({ratings}) FROM {table[DashboardStamp]} WHERE id = 1")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:  # no stamp yet (a database created before it): make it
        touch()
        return state_of(month=month, division=division, today=today)
    campaign_id, stamp, reopen, nominated, rated = found
    parts = (stamp, campaign_id, division.pk if division else None, month, today or timezone.localdate(),
             get_language())
    key = "dashboard:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    return State(campaign_id, key, reopen, nominated, rated)
