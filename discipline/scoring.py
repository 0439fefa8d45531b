"""A person's monthly score, computed from the records that count (DOMAIN.md §3–§4).

Each content (ND1–ND6) starts at its monthly points and loses the deductions of the counting violations of
that content, never below 0. Commendations add a bonus up to the campaign's cap; the total is capped too.
A catalogue veto or a disciplinary sanction decided in the month sets the grade to D whatever the points.
Withdrawn and corrected records, accepted explanations, pre-approved absences, unresolved import problems
and non-working days never reach here: they produce no counting record.

A person's month counts in the division they belonged to on their last working day of the month (or their
last day in post, if they left); only the days they served count, without proration.

How it stays fast for a province's 20,000 people (docs/performance.md, "Monthly tally"): the month is
scored from plain values — the people with the division of the month's last working day (one query), the
month's counting violations, commendations and decided sanctions as rows — with a fixed number of queries.
Model instances are built only when read: a result's ``staff`` loads the people of the whole call at once
(one query, on first read), its ``contents`` and ``commendations`` build their records from the rows already
read (no query), so the points shown and the records listed come from the same rows.
"""

import calendar as month_calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, F, FilteredRelation, Q
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, CommendationType, ViolationType
from campaigns.workdays import WorkCalendar
from discipline.models import Commendation, Grade, RecordStatus, Sanction, SanctionStatus, Violation
from organization.models import Membership, Staff

# The columns a record is read with; the rest of its fields load on first access, as with ``.only()``.
_RECORD_FIELDS = ("staff_id", "id", "date", "points", "type_id")
_STAFF, _PK, _DATE, _POINTS, _TYPE = range(5)


@dataclass
class ContentScore:
    number: int
    title: str
    points: int
    violations: list = field(default_factory=list)

    @property
    def deducted(self) -> int:
        return sum(v.points for v in self.violations)

    @property
    def kept(self) -> int:
        return max(0, self.points - self.deducted)


class PersonMonth:
    """One person's month: the numbers, and the records behind them (built when first read)."""

    __slots__ = (
        "staff_id", "division_id", "bonus", "total", "grade", "vetoes",
        "_month", "_deducted", "_violation_rows", "_commendation_rows", "_contents", "_commendations",
    )

    def __init__(self, month, staff_id, division_id, deducted, violation_rows, commendation_rows,
                 bonus, total, grade, vetoes):
        self._month = month
        self.staff_id = staff_id
        self.division_id = division_id
        self._deducted = deducted  # per content, in the order of the campaign's contents
        self._violation_rows = violation_rows
        self._commendation_rows = commendation_rows
        self.bonus = bonus
        self.total = total
        self.grade = grade
        self.vetoes = vetoes
        self._contents = None
        self._commendations = None

    def __repr__(self):
        return f"<PersonMonth staff={self.staff_id} total={self.total} grade={self.grade}>"

    @property
    def staff(self) -> Staff:
        return self._month.staff(self.staff_id)

    @property
    def contents(self) -> list[ContentScore]:
        if self._contents is None:
            self._contents = self._month.contents(self._violation_rows)
        return self._contents

    @property
    def commendations(self) -> list:
        if self._commendations is None:
            self._commendations = self._month.commendations(self._commendation_rows)
        return self._commendations

    @property
    def bonus_earned(self) -> int:
        return sum(row[_POINTS] for row in self._commendation_rows)

    @property
    def kept(self) -> dict[int, int]:
        return {
            number: max(0, points - deducted)
            for (number, _title, points), deducted in zip(self._month.criteria, self._deducted, strict=True)
        }


class _ScoredMonth:
    """What the results of one ``score_month`` call share: the contents, and the records built on demand."""

    def __init__(self, people, criteria, violation_types):
        self.people = people
        self.criteria = criteria  # [(number, title, points)], by number
        self.violation_types = violation_types
        self._staff = None
        self._commendation_types = None

    def staff(self, pk: int) -> Staff:
        if self._staff is None:  # everyone scored together: a tally or a report reads them all
            self._staff = {person.pk: person for person in self.people.select_related("position").order_by()}
        person = self._staff.get(pk)
        if person is None:  # changed since the month was scored
            person = self._staff[pk] = Staff.objects.select_related("position").get(pk=pk)
        return person

    def contents(self, rows) -> list[ContentScore]:
        contents = [ContentScore(number, title, points) for number, title, points in self.criteria]
        by_number = {content.number: content for content in contents}
        for row in sorted(rows, key=lambda row: (row[_DATE], row[_PK])):
            violation = _record(Violation, row)
            violation.type = self.violation_types[row[_TYPE]]
            by_number[violation.type.criterion.number].violations.append(violation)
        return contents

    def commendations(self, rows) -> list:
        if rows and self._commendation_types is None:
            self._commendation_types = CommendationType.objects.in_bulk()
        commendations = []
        for row in sorted(rows, key=lambda row: (row[_DATE], row[_PK])):
            commendation = _record(Commendation, row)
            commendation.type = self._commendation_types[row[_TYPE]]
            commendations.append(commendation)
        return commendations


def _record(model, row):
    """A counting record of ``model`` from its row; its other fields load on first access."""
    values = dict(zip(_RECORD_FIELDS, row, strict=True)) | {"status": RecordStatus.ACTIVE.value}
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(model.objects.db, names, [values[name] for name in names])


def _by_name(alias: str):
    """Vietnamese name order. The key holds only digits, which every collation orders alike: PostgreSQL
    compares them fastest as bytes."""
    return Collate("name_sort_key", "C") if connections[alias].vendor == "postgresql" else F("name_sort_key")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, month_calendar.monthrange(year, month)[1])


def score_month(campaign: Campaign, year: int, month: int, *, staff_ids=None) -> list[PersonMonth]:
    """The scores of everyone in post during the month (or of ``staff_ids``), with a fixed number of queries.

    In the order of official lists by name (Vietnamese name order, then staff code).
    """
    first, last = month_bounds(year, month)
    working_days = WorkCalendar(campaign).working_days(first, last)
    # Most people's month counts in the division of the month's last working day; the others (recruited
    # after it, or gone before it) are looked at one by one below.
    usual_day = working_days[-1] if working_days else last
    people = Staff.objects.filter(date_recruited__lte=last).filter(
        Q(date_left__isnull=True) | Q(date_left__gte=first)
    )
    if staff_ids is not None:
        people = people.filter(pk__in=staff_ids)
    posted = people.annotate(
        post=FilteredRelation(
            "memberships",
            condition=Q(memberships__start__lte=usual_day)
            & (Q(memberships__end__isnull=True) | Q(memberships__end__gte=usual_day)),
        ),
        elsewhere=ExpressionWrapper(
            Q(date_left__lt=usual_day) | Q(date_recruited__gt=usual_day), output_field=BooleanField()
        ),
    ).order_by(_by_name(people.db), "code", "post__start")

    def of_people(records):
        return records if staff_ids is None else records.filter(staff_id__in=staff_ids)

    violations = defaultdict(list)
    month_violations = of_people(Violation.objects.counting().filter(date__range=(first, last)))
    for row in month_violations.order_by().values_list(*_RECORD_FIELDS):
        violations[row[_STAFF]].append(row)
    commendations = defaultdict(list)
    month_commendations = of_people(Commendation.objects.counting().filter(date__range=(first, last)))
    for row in month_commendations.order_by().values_list(*_RECORD_FIELDS):
        commendations[row[_STAFF]].append(row)
    sanctions = defaultdict(list)
    decided = of_people(
        Sanction.objects.filter(status=SanctionStatus.DECIDED, decision_date__range=(first, last))
    )
    for staff_id, *sanction in decided.order_by().values_list("staff_id", "opened_on", "pk", "decision_date"):
        sanctions[staff_id].append(sanction)
    criteria = list(campaign.criteria.order_by("number").values_list("number", "title", "points"))
    violation_types = ViolationType.objects.select_related("criterion").in_bulk()

    scored = _ScoredMonth(people, criteria, violation_types)
    place = {number: index for index, (number, _title, _points) in enumerate(criteria)}
    rules = _Rules(campaign, criteria, {pk: (place.get(vt.criterion.number), vt.criterion.number, vt.veto)
                                        for pk, vt in violation_types.items()})
    clean = (0,) * len(criteria)
    clean_total = min(campaign.total_cap, rules.points)
    clean_grade = grade_for(clean_total, campaign)
    busy = violations.keys() | commendations.keys() | sanctions.keys()
    results, elsewhere, previous = [], [], None
    for staff_id, division_id, counts_elsewhere in posted.values_list("pk", "post__division_id", "elsewhere"):
        if staff_id == previous:  # two stays covering the day: the earlier counts, as in membership_on
            continue
        previous = staff_id
        if staff_id in busy:
            result = _score_person(scored, rules, staff_id, division_id, violations.get(staff_id, ()),
                                   commendations.get(staff_id, ()), sanctions.get(staff_id, ()))
        else:  # most people, most months
            result = PersonMonth(scored, staff_id, division_id, clean, (), (), 0, clean_total, clean_grade,
                                 [])
        if counts_elsewhere:
            elsewhere.append(result)
        results.append(result)
    if elsewhere:
        _divisions_at_month_end(elsewhere, working_days, last)
    return results


class _Rules:
    """The campaign's scoring settings, read once per call."""

    def __init__(self, campaign, criteria, types):
        self.campaign = campaign
        self.maxima = [points for _number, _title, points in criteria]
        self.points = sum(self.maxima)
        self.bonus_cap, self.total_cap = campaign.bonus_cap, campaign.total_cap
        self.types = types  # {violation type id: (index of its content or None, its content's number, veto)}


def _score_person(scored, rules, staff_id, division_id, violation_rows, commendation_rows, sanction_rows):
    deducted = [0] * len(rules.maxima)
    vetoed = False
    for row in violation_rows:
        index, number, veto = rules.types[row[_TYPE]]
        if index is None:
            raise KeyError(number)  # a type whose content the campaign lacks
        deducted[index] += row[_POINTS]
        vetoed = vetoed or veto
    earned = 0
    for row in commendation_rows:
        earned += row[_POINTS]
    bonus = min(rules.bonus_cap, earned)
    lost = 0
    for maximum, points in zip(rules.maxima, deducted, strict=True):
        if points:
            lost += min(maximum, points)
    total = min(rules.total_cap, rules.points - lost + bonus)
    vetoes = []
    if vetoed:  # latest first, as the records' own order has it
        vetoes = [
            str(_("Veto: %(type)s on %(day)s") % {"type": vt.name, "day": row[_DATE].strftime("%d/%m/%Y")})
            for row in sorted(violation_rows, key=lambda row: (row[_DATE], row[_PK]), reverse=True)
            if (vt := scored.violation_types[row[_TYPE]]).veto
        ]
    if sanction_rows:
        vetoes += [
            str(_("Disciplinary sanction decided on %(day)s") % {"day": decided_on.strftime("%d/%m/%Y")})
            for _opened_on, _pk, decided_on in sorted(sanction_rows, reverse=True)
        ]
    return PersonMonth(
        scored, staff_id, division_id, tuple(deducted), violation_rows, commendation_rows, bonus, total,
        Grade.D if vetoes else grade_for(total, rules.campaign), vetoes,
    )


def grade_for(total: int, campaign: Campaign) -> str:
    if total >= campaign.grade_a:
        return Grade.A
    if total >= campaign.grade_b:
        return Grade.B
    if total >= campaign.grade_c:
        return Grade.C
    return Grade.D


def _divisions_at_month_end(results: list[PersonMonth], working_days: list[date], last: date) -> None:
    """The division on each person's last working day of the month: the month's last, or their last day
    in post."""
    ids = [result.staff_id for result in results]
    dates = {pk: (recruited, gone) for pk, recruited, gone in
             Staff.objects.filter(pk__in=ids).order_by().values_list("pk", "date_recruited", "date_left")}
    stays = defaultdict(list)
    for membership in Membership.objects.filter(staff_id__in=ids).order_by("staff_id", "start"):
        stays[membership.staff_id].append(membership)
    for result in results:
        recruited, gone = dates[result.staff_id]
        end = min(last, gone) if gone else last
        days = [day for day in working_days if recruited <= day <= end]
        day = days[-1] if days else end
        membership = next((m for m in stays[result.staff_id] if m.covers(day)), None)
        result.division_id = membership.division_id if membership else None
