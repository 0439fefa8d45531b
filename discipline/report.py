"""The monthly report (DOMAIN.md §6 item 1): one row generator for the screen, the PDF and the Excel file.

``build`` gives the rows of a month for the whole Sở or one division, in the columns of DOMAIN.md §6 in that
order (``headings`` and ``Row.cells``), with per-division summaries. A closed month is read from the scores
stored when it was closed (final); an open month is scored from the records as they are now (provisional,
"tạm tính"). The screen, discipline/documents.py and the ``export_report`` command all use ``build``, so the
three always show the same numbers.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns.models import Campaign, ReportColumn
from discipline import briefing, closing, scoring
from discipline.attendance import ABSENT_DAY
from discipline.models import Grade, Month, MonthlyScore, ReviewComment, Signoff, Violation
from organization.models import Division

# The columns before and after the points kept per content (ND1…ND6, from the campaign).
HEAD_COLUMNS = [
    _("No."), _("Staff code"), _("Full name"), _("Position"), _("Division"),
    _("Late arrivals or early leaves (times)"), _("Unexcused absence (sessions)"), _("Other violations"),
    _("Tasks late or overdue"),
]
TAIL_COLUMNS = [_("Bonus points"), _("Total points"), _("Grade"), pgettext_lazy("monthly report", "Comment")]


@dataclass
class Row:
    number: int
    staff_id: int
    code: str
    name: str
    position: str
    division: str
    lateness: int
    absence: int  # sessions: half a day is one, a whole day two
    other: int
    tasks: int
    kept: list[int]
    bonus: int
    total: int
    grade: str
    vetoed: bool
    comment: str
    first_closed: tuple[int, str] | None = None  # (total, grade) as first closed, when it differs

    def cells(self) -> list:
        """The values in the order of ``MonthlyReport.headings``; numbers stay numbers."""
        return [
            self.number, self.code, self.name, self.position, self.division, self.lateness, self.absence,
            self.other, self.tasks, *self.kept, self.bonus, self.total, self.grade, self.comment,
        ]


@dataclass
class Summary:
    """People, average score, grade counts and counting violations by content, of a division or the Sở."""

    division: Division | None
    people: int = 0
    points: int = 0
    grades: dict = field(default_factory=lambda: {grade: 0 for grade in Grade.values})
    violations: dict = field(default_factory=dict)  # {content number: count}
    signoff: Signoff | None = None
    by_content: list = field(default_factory=list)  # the counts of ``violations`` in the report's content order

    @property
    def average(self) -> Decimal | None:
        if not self.people:
            return None
        return (Decimal(self.points) / self.people).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def add(self, row: Row, violations: dict) -> None:
        self.people += 1
        self.points += row.total
        self.grades[row.grade] += 1
        for number, count in violations.items():
            self.violations[number] = self.violations.get(number, 0) + count


@dataclass
class Section:
    division: Division | None
    rows: list[Row]
    summary: Summary


@dataclass
class MonthlyReport:
    campaign: Campaign
    year: int
    month: int
    division: Division | None  # None: the whole Sở
    final: bool
    numbers: list[int]  # the contents' numbers, ND1…
    sections: list[Section]
    total: Summary
    briefing: date
    deadline: date
    digest: str = ""
    closed_at: datetime | None = None
    reopened: bool = False

    @property
    def headings(self) -> list[str]:
        return [str(h) for h in HEAD_COLUMNS] + [f"ND{n}" for n in self.numbers] + [str(h) for h in TAIL_COLUMNS]

    @property
    def rows(self) -> list[Row]:
        return [row for section in self.sections for row in section.rows]

    @property
    def summaries(self) -> list[Summary]:
        return [section.summary for section in self.sections]

    @property
    def period(self) -> str:
        return f"{self.month:02d}/{self.year}"


def build(campaign: Campaign, year: int, month: int, division: Division | None = None) -> MonthlyReport:
    """The month's report, for the Sở or ``division``; a fixed number of queries whatever the size."""
    closed = Month.objects.filter(year=year, month=month).first()
    final = closed is not None and closed.closed
    people = _people(campaign, year, month, division, final)
    first, last = scoring.month_bounds(year, month)
    staff_ids = None if division is None else [p["staff"].pk for p in people]
    counts, by_content = _violation_counts(first, last, staff_ids)
    comments = dict(
        ReviewComment.objects.filter(year=year, month=month).values_list("staff_id", "text")
    )
    signoffs = {s.division_id: s for s in Signoff.objects.filter(year=year, month=month).select_related("signed_by")}
    # Each entry keeps every score of the month: read the first one's only when the month was reopened.
    entries = list(closed.ledger.defer("scores").order_by("pk")) if closed is not None else []
    reopened = len(entries) > 1 or (bool(entries) and not final)
    first_scores = closed.ledger.filter(pk=entries[0].pk).values_list("scores", flat=True).get() if reopened else {}
    divisions = {d.pk: d for d in Division.objects.all()}

    grouped = defaultdict(list)
    for person in people:
        grouped[person["division_id"]].append(person)
    order = sorted(grouped, key=lambda pk: (divisions[pk].display_order, divisions[pk].code) if pk else (10**6, ""))
    numbers = list(campaign.criteria.order_by("number").values_list("number", flat=True))
    total = Summary(None)
    sections = []
    for division_id in order:
        section_division = divisions.get(division_id)
        summary = Summary(section_division, signoff=signoffs.get(division_id))
        rows = []
        for number, person in enumerate(grouped[division_id], start=1):
            staff = person["staff"]
            count = counts.get(staff.pk, Counter())
            row = Row(
                number=number, staff_id=staff.pk, code=staff.code, name=staff.full_name,
                position=staff.position.name, division=section_division.name if section_division else "",
                lateness=count[ReportColumn.LATENESS], absence=count[ReportColumn.ABSENCE],
                other=count[ReportColumn.OTHER], tasks=count[ReportColumn.TASK],
                kept=[person["kept"].get(n, 0) for n in numbers], bonus=person["bonus"], total=person["total"],
                grade=str(person["grade"]), vetoed=bool(person["vetoes"]), comment=comments.get(staff.pk, ""),
            )
            was = first_scores.get(str(staff.pk))
            if was is not None and (was["total"], was["grade"]) != (row.total, row.grade):
                row.first_closed = (was["total"], was["grade"])
            rows.append(row)
            summary.add(row, by_content.get(staff.pk, {}))
            total.add(row, by_content.get(staff.pk, {}))
        sections.append(Section(section_division, rows, summary))
    for summary in [total, *(section.summary for section in sections)]:
        summary.by_content = [summary.violations.get(number, 0) for number in numbers]
    current = entries[-1] if entries and final else None
    return MonthlyReport(
        campaign=campaign, year=year, month=month, division=division, final=final, numbers=numbers,
        sections=sections, total=total,
        briefing=briefing.briefing_date(campaign, year, month),
        deadline=briefing.signoff_deadline(campaign, year, month),
        digest=current.digest if current else "", closed_at=closed.closed_at if final else None,
        reopened=reopened,
    )


def _people(campaign, year, month, division, final) -> list[dict]:
    """Each person's division and score: stored when the month is closed, computed from the records if not."""
    if final:
        scores = MonthlyScore.objects.filter(year=year, month=month).select_related("staff__position")
        if division is not None:
            scores = scores.filter(division=division)
        people = [
            {"staff": s.staff, "division_id": s.division_id, "kept": {int(k): v for k, v in s.kept.items()},
             "bonus": s.bonus, "total": s.total, "grade": s.grade, "vetoes": s.vetoes}
            for s in scores
        ]
    else:
        results = (
            closing.division_results(campaign, year, month, division) if division is not None
            else scoring.score_month(campaign, year, month)
        )
        people = [
            {"staff": r.staff, "division_id": r.division_id, "kept": r.kept, "bonus": r.bonus, "total": r.total,
             "grade": r.grade, "vetoes": r.vetoes}
            for r in results
        ]
    people.sort(key=lambda p: (p["staff"].position.rank, p["staff"].name_sort_key, p["staff"].code))
    return people


def _violation_counts(first, last, staff_ids):
    """{staff id: Counter(report column: count)} and {staff id: {content number: count}} of counting violations."""
    violations = Violation.objects.counting().filter(date__range=(first, last))
    if staff_ids is not None:
        violations = violations.filter(staff_id__in=staff_ids)
    rows = violations.values("staff_id", "type__report_column", "type__code", "type__criterion__number").annotate(
        n=Count("pk")
    )
    counts, by_content = defaultdict(Counter), defaultdict(dict)
    for row in rows:
        staff_id, column, n = row["staff_id"], row["type__report_column"], row["n"]
        # An unexcused whole day is two sessions (buổi); everything else counts once.
        counts[staff_id][column] += n * 2 if row["type__code"] == ABSENT_DAY else n
        number = row["type__criterion__number"]
        by_content[staff_id][number] = by_content[staff_id].get(number, 0) + n
    return counts, by_content

