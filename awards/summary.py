"""Mid-year (sơ kết 6 tháng) and year-end (tổng kết) summaries per person and per division (DOMAIN.md §5).

For each person in post during the period: the monthly scores and grades (a closed month's stored score, an
open month's score from the records as they are now, marked provisional), the average, the counting
violations by content and the commendations, the days absent by kind, and the months served. A fixed number
of queries per month of the period, whatever the number of people.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from campaigns.models import Campaign
from discipline import scoring
from discipline.closing import closed_months
from discipline.models import AttendanceRecord, AttendanceStatus, Commendation, MonthlyScore, Violation

MIDYEAR = range(1, 7)
YEAR = range(1, 13)

# Days away from work that the summary counts; an unexcused half day counts as half a day.
ABSENCES = {
    AttendanceStatus.ANNUAL_LEAVE: Decimal(1),
    AttendanceStatus.SICK: Decimal(1),
    AttendanceStatus.MATERNITY: Decimal(1),
    AttendanceStatus.ABSENT_PERMITTED: Decimal(1),
    AttendanceStatus.ABSENT_DAY: Decimal(1),
    AttendanceStatus.ABSENT_HALF: Decimal("0.5"),
}


@dataclass
class MonthLine:
    month: int
    division_id: int | None
    total: int
    grade: str
    vetoed: bool
    final: bool  # from a closed month; else provisional


@dataclass
class PersonSummary:
    staff_id: int
    months: list[MonthLine] = field(default_factory=list)
    violations: dict = field(default_factory=dict)  # {content number: count}
    commendations: int = 0
    commendation_points: int = 0
    absences: dict = field(default_factory=dict)  # {attendance status: days}

    @property
    def months_served(self) -> int:
        return len(self.months)

    @property
    def average(self) -> Decimal | None:
        if not self.months:
            return None
        total = Decimal(sum(line.total for line in self.months))
        return (total / len(self.months)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def grades(self) -> Counter:
        return Counter(line.grade for line in self.months)

    @property
    def division_id(self) -> int | None:
        """The division of the person's latest month in the period."""
        return self.months[-1].division_id if self.months else None

    @property
    def provisional(self) -> bool:
        return any(not line.final for line in self.months)

    @property
    def violation_count(self) -> int:
        return sum(self.violations.values())

    @property
    def days_away(self) -> Decimal:
        """Days away from work, annual leave included."""
        return sum(self.absences.values(), Decimal(0))


def summarise(campaign: Campaign, year: int, months=YEAR, *, staff_ids=None) -> dict[int, PersonSummary]:
    """{staff id: summary} of everyone in post during ``months`` of ``year`` (or of ``staff_ids``)."""
    months = [m for m in months if campaign.contains(scoring.month_bounds(year, m)[0])]
    if not months:
        return {}
    people: dict[int, PersonSummary] = {}
    closed = {month for _year, month in closed_months([scoring.month_bounds(year, m)[0] for m in months])}
    stored = MonthlyScore.objects.filter(year=year, month__in=closed).values_list(
        "staff_id", "month", "division_id", "total", "grade", "vetoes")
    if staff_ids is not None:
        stored = stored.filter(staff_id__in=staff_ids)
    for staff_id, month, division_id, total, grade, vetoes in stored:
        people.setdefault(staff_id, PersonSummary(staff_id)).months.append(
            MonthLine(month, division_id, total, grade, bool(vetoes), True))
    for month in months:
        if month in closed:
            continue
        for result in scoring.score_month(campaign, year, month, staff_ids=staff_ids):
            people.setdefault(result.staff_id, PersonSummary(result.staff_id)).months.append(
                MonthLine(month, result.division_id, result.total, result.grade, bool(result.vetoes), False))
    for summary in people.values():
        summary.months.sort(key=lambda line: line.month)

    first, last = scoring.month_bounds(year, months[0])[0], scoring.month_bounds(year, months[-1])[1]
    period = {"date__range": (first, last)}
    if staff_ids is not None:
        period["staff_id__in"] = staff_ids
    # Without staff_ids, the records of the period are read whole and those of people not in post skipped: a
    # filter on every id of a province (20,000) costs more to build than the few rows it would leave out.
    for staff_id, number, count in (
        Violation.objects.counting().filter(**period).values_list("staff_id", "type__criterion__number")
        .annotate(n=Count("pk")).values_list("staff_id", "type__criterion__number", "n")
    ):
        if staff_id in people:
            people[staff_id].violations[number] = count
    for staff_id, count, points in (
        Commendation.objects.counting().filter(**period).values("staff_id")
        .annotate(n=Count("pk"), points=Sum("points")).values_list("staff_id", "n", "points")
    ):
        if staff_id in people:
            people[staff_id].commendations, people[staff_id].commendation_points = count, points
    absences = defaultdict(lambda: defaultdict(Decimal))
    records = AttendanceRecord.objects.filter(**period, status__in=list(ABSENCES)).values_list("staff_id", "date",
                                                                                             "source", "status")
    # The Office's entry of a day wins over the time clock's (discipline/services.py effective_records).
    by_day = {}
    for staff_id, day, source, status in records.order_by("source"):  # "clock" sorts before "manual"
        by_day[(staff_id, day)] = status
    for (staff_id, _day), status in by_day.items():
        absences[staff_id][status] += ABSENCES[status]
    for staff_id, kinds in absences.items():
        if staff_id in people:
            people[staff_id].absences = dict(kinds)
    return people


@dataclass
class DivisionSummary:
    division_id: int | None
    people: int = 0
    points: Decimal = Decimal(0)
    grades: Counter = field(default_factory=Counter)
    violations: Counter = field(default_factory=Counter)
    commendations: int = 0

    @property
    def violation_count(self) -> int:
        return sum(self.violations.values())

    @property
    def other_grades(self) -> int:
        return self.grades["B"] + self.grades["C"] + self.grades["D"]

    @property
    def average(self) -> Decimal | None:
        if not self.people:
            return None
        return (self.points / self.people).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def by_division(summaries: dict[int, PersonSummary]) -> dict[int | None, DivisionSummary]:
    """Each division's people (by the division of their latest month), average of averages, grades, records."""
    divisions: dict[int | None, DivisionSummary] = {}
    for person in summaries.values():
        if not person.months:
            continue
        division = divisions.setdefault(person.division_id, DivisionSummary(person.division_id))
        division.people += 1
        division.points += person.average
        division.grades.update(person.grades)
        division.violations.update(person.violations)
        division.commendations += person.commendations
    return divisions


@dataclass(frozen=True)
class Facts:
    """What the time-worked and sanction rules of the rating read from a person's year."""

    months_worked: Decimal
    months_absent: Decimal
    maternity: bool
    sanctioned: bool


def year_facts(campaign: Campaign, year: int, summaries: dict[int, PersonSummary]) -> dict[int, Facts]:
    """{staff id: Facts} from the summaries.

    Time away: sick leave, leave with permission and unexcused absence count as absence; annual leave is time
    worked; maternity leave is absence that neither bars the rating nor caps it. A month is the year's working
    days divided by 12. A disciplinary sanction decided in the year gives KHTNV.
    """
    from campaigns.workdays import WorkCalendar
    from discipline.models import Sanction, SanctionStatus

    working = WorkCalendar(campaign).working_days(campaign.start_date, campaign.end_date)
    per_month = Decimal(len(working)) / 12
    sanctioned = {staff_id for staff_id in Sanction.objects.filter(
        status=SanctionStatus.DECIDED, decision_date__year=year).values_list("staff_id", flat=True)
        if staff_id in summaries}
    tenth = Decimal("0.1")
    found = {}
    for staff_id, summary in summaries.items():
        maternity = summary.absences.get(AttendanceStatus.MATERNITY, Decimal(0))
        away = sum((days for status, days in summary.absences.items() if status != AttendanceStatus.ANNUAL_LEAVE),
                   Decimal(0))
        found[staff_id] = Facts(
            months_worked=(summary.months_served - away / per_month).quantize(tenth),
            months_absent=((away - maternity) / per_month).quantize(tenth),
            maternity=maternity > 0,
            sanctioned=staff_id in sanctioned,
        )
    return found


def suggestions(campaign: Campaign, year: int, summaries: dict[int, PersonSummary], facts=None) -> dict:
    """{staff id: the rating the portal suggests} (awards/rules.py ``suggest_rating``), from the summaries."""
    from awards.rules import MonthScore, rules_for, suggest_rating

    rules = rules_for(campaign)
    facts = year_facts(campaign, year, summaries) if facts is None else facts
    return {
        staff_id: suggest_rating(
            rules, [MonthScore(line.month, line.total, line.grade, line.vetoed) for line in summary.months],
            months_worked=facts[staff_id].months_worked, months_absent=facts[staff_id].months_absent,
            maternity=facts[staff_id].maternity, sanctioned=facts[staff_id].sanctioned,
        )
        for staff_id, summary in summaries.items()
    }
