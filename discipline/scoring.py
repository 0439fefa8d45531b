"""A person's monthly score, computed from the records that count (DOMAIN.md §3–§4).

Each content (ND1–ND6) starts at its monthly points and loses the deductions of the counting violations of
that content, never below 0. Commendations add a bonus up to the campaign's cap; the total is capped too.
A catalogue veto or a disciplinary sanction decided in the month sets the grade to D whatever the points.
Withdrawn and corrected records, accepted explanations, pre-approved absences, unresolved import problems
and non-working days never reach here: they produce no counting record.

A person's month counts in the division they belonged to on their last working day of the month (or their
last day in post, if they left); only the days they served count, without proration.

How it stays fast for a province's 20,000 people (docs/performance.md, "Monthly tally"): the month is
scored from plain values with five queries besides the calendar's, whatever the number of people — the
contents, the violation types, the month's counting violations as (person, type, points) and commendations as
(person, points) together, the vetoing violations and decided sanctions together, and the people with the
division their month counts in, in the order of names (one join: the day is worked out per person in SQL).
Rows of numbers are fetched in one go, without model instances; people with the same numbers share one
computed score (most people, most months, have no record at all). Model instances are built only when read:
a result's ``staff`` loads the people of the whole call at once (one query, on first read); its ``contents``
and ``commendations`` load the month's records of the whole call at once (one query each, on the first read
of someone who has any). A content's points are those of the records it lists; they are read after the
numbers, so a record changed in between (outside a transaction) shows there and not in the total.
"""

import calendar as month_calendar
import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import DateField, F, FilteredRelation, IntegerField, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, CommendationType, ViolationType
from campaigns.workdays import WorkCalendar
from discipline.models import Commendation, Grade, RecordStatus, Sanction, SanctionStatus, Violation
from organization.models import Staff

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


class _Score:
    """The numbers of a month; people with the same records' numbers share one."""

    __slots__ = ("kept", "bonus", "earned", "total", "grade", "vetoes")

    def __init__(self, kept, bonus, earned, total, grade, vetoes):
        self.kept = kept  # {content number: points kept}
        self.bonus = bonus
        self.earned = earned
        self.total = total
        self.grade = grade
        self.vetoes = vetoes


class PersonMonth:
    """One person's month: the numbers, and the records behind them (built when first read).

    ``kept`` and ``vetoes`` are new objects at each read: the numbers behind them may be shared.
    """

    __slots__ = ("_month", "staff_id", "division_id", "_score", "_contents", "_commendations")

    def __init__(self, month, staff_id, division_id, score):
        self._month = month
        self.staff_id = staff_id
        self.division_id = division_id
        self._score = score

    def __repr__(self):
        return f"<PersonMonth staff={self.staff_id} total={self.total} grade={self.grade}>"

    @property
    def staff(self) -> Staff:
        return self._month.staff(self.staff_id)

    @property
    def bonus(self) -> int:
        return self._score.bonus

    @property
    def total(self) -> int:
        return self._score.total

    @property
    def grade(self) -> str:
        return self._score.grade

    @property
    def vetoes(self) -> list[str]:
        return list(self._score.vetoes)

    @property
    def kept(self) -> dict[int, int]:
        return dict(self._score.kept)

    @property
    def bonus_earned(self) -> int:
        return self._score.earned

    @property
    def contents(self) -> list[ContentScore]:
        try:
            return self._contents
        except AttributeError:
            self._contents = self._month.contents(self.staff_id)
            return self._contents

    @property
    def commendations(self) -> list:
        try:
            return self._commendations
        except AttributeError:
            self._commendations = self._month.commendations(self.staff_id)
            return self._commendations


class _ScoredMonth:
    """What the results of one ``score_month`` call share: the people, the contents, and the records of
    the month, read when first needed (for everyone of the call at once)."""

    def __init__(self, people, criteria, violations, commendations, with_violations, with_commendations):
        self.people = people
        self.criteria = criteria  # [(number, title, points)], by number
        self._violations = violations  # the month's counting violations of the people scored (a query set)
        self._commendations = commendations
        self._with_violations = with_violations  # the ids of the people who have any
        self._with_commendations = with_commendations
        self._staff = None
        self._violation_rows = None
        self._commendation_rows = None

    def staff(self, pk: int) -> Staff:
        if self._staff is None:  # everyone scored together: a tally or a report reads them all
            self._staff = {person.pk: person for person in self.people.select_related("position").order_by()}
        person = self._staff.get(pk)
        if person is None:  # changed since the month was scored
            person = self._staff[pk] = Staff.objects.select_related("position").get(pk=pk)
        return person

    def contents(self, staff_id) -> list[ContentScore]:
        contents = [ContentScore(number, title, points) for number, title, points in self.criteria]
        if staff_id not in self._with_violations:
            return contents
        if self._violation_rows is None:
            self._violation_rows = _rows_by_person(self._violations)
            self._violation_types = ViolationType.objects.select_related("criterion").in_bulk()
        by_number = {content.number: content for content in contents}
        for row in sorted(self._violation_rows.get(staff_id, ()), key=lambda row: (row[_DATE], row[_PK])):
            violation = _record(Violation, row)
            violation.type = self._violation_types[row[_TYPE]]
            by_number[violation.type.criterion.number].violations.append(violation)
        return contents

    def commendations(self, staff_id) -> list:
        if staff_id not in self._with_commendations:
            return []
        if self._commendation_rows is None:
            self._commendation_rows = _rows_by_person(self._commendations)
            self._commendation_types = CommendationType.objects.in_bulk()
        commendations = []
        for row in sorted(self._commendation_rows.get(staff_id, ()), key=lambda row: (row[_DATE], row[_PK])):
            commendation = _record(Commendation, row)
            commendation.type = self._commendation_types[row[_TYPE]]
            commendations.append(commendation)
        return commendations


def _rows_by_person(records) -> dict[int, list]:
    rows = defaultdict(list)
    for row in records.order_by().values_list(*_RECORD_FIELDS):
        rows[row[_STAFF]].append(row)
    return rows


def _record(model, row):
    """A counting record of ``model`` from its row; its other fields load on first access."""
    values = dict(zip(_RECORD_FIELDS, row, strict=True)) | {"status": RecordStatus.ACTIVE.value}
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(model.objects.db, names, [values[name] for name in names])


def _fetch(queryset) -> list[tuple]:
    """The rows of a ``values_list`` query set of plain numbers (ids, points, flags), fetched at once.

    Iterating the query set would fetch them 100 at a time and pass each through Django's row converters,
    which numbers need on no database (a flag may read 0 or 1 on SQLite). An empty ``pk__in`` gives no rows.
    """
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _by_name(alias: str):
    """Vietnamese name order. The key holds only digits, which every collation orders alike: PostgreSQL
    compares them fastest as bytes."""
    return Collate("name_sort_key", "C") if connections[alias].vendor == "postgresql" else F("name_sort_key")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, month_calendar.monthrange(year, month)[1])


def score_month(campaign: Campaign, year: int, month: int, *, staff_ids=None) -> list[PersonMonth]:
    """The scores of everyone in post during the month (or of ``staff_ids``), with a fixed set of queries.

    In the order of official lists by name (Vietnamese name order, then staff code). A result's numbers are
    read-only; ``kept`` and ``vetoes`` give a new dict and list at each read.
    """
    # Scoring a province allocates some 50,000 small objects (rows, results) that form no reference cycle:
    # the cyclic garbage collector would walk them again and again as they pile up (2 ms of 47).
    with collector_paused():
        return _score_month(campaign, year, month, staff_ids)


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector while a block allocates many small objects that form no cycle.

    Reference counting frees them all the same; the collector resumes afterwards (if it was running).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _score_month(campaign, year, month, staff_ids):
    first, last = month_bounds(year, month)
    working_days = WorkCalendar(campaign).working_days(first, last)
    people = Staff.objects.filter(date_recruited__lte=last).filter(
        Q(date_left__isnull=True) | Q(date_left__gte=first)
    )
    if staff_ids is not None:
        people = people.filter(pk__in=staff_ids)
    day = _last_working_day_in_post(people.db, working_days, last)
    posted = people.annotate(
        post=FilteredRelation(
            "memberships",
            condition=Q(memberships__start__lte=day)
            & (Q(memberships__end__isnull=True) | Q(memberships__end__gte=day)),
        ),
    ).order_by(_by_name(people.db), "code", "post__start").values_list("pk", "post__division_id")

    def of_people(records):
        return records if staff_ids is None else records.filter(staff_id__in=staff_ids)

    month_violations = of_people(Violation.objects.counting().filter(date__range=(first, last)))
    month_commendations = of_people(Commendation.objects.counting().filter(date__range=(first, last)))
    criteria = list(campaign.criteria.order_by("number").values_list("number", "title", "points"))
    place = {number: index for index, (number, _title, _points) in enumerate(criteria)}
    # {violation type id: (index of its content or None, its content's number, veto)}, every campaign's
    every_type = ViolationType.objects.order_by().values_list("pk", "criterion__number", "veto")
    types = {pk: (place.get(number), number, veto) for pk, number, veto in _fetch(every_type)}

    # Each person's deductions per content and commendation points, from one query: (person, the type of a
    # violation or None for a commendation, points).
    clean = [0] * len(criteria)
    place_of_type = {pk: index for pk, (index, _number, _veto) in types.items() if index is not None}
    deducted, earned = {}, {}
    records = _fetch(month_violations.order_by().values_list("staff_id", "type_id", "points").union(
        month_commendations.order_by().annotate(commendation=Value(None, output_field=IntegerField()))
        .values_list("staff_id", "commendation", "points"),
        all=True,
    ))
    try:
        for staff_id, type_id, points in records:
            if type_id is None:
                earned[staff_id] = earned.get(staff_id, 0) + points
                continue
            person = deducted.get(staff_id)
            if person is None:
                person = deducted[staff_id] = clean.copy()
            person[place_of_type[type_id]] += points
    except KeyError as missing:
        raise KeyError(types[missing.args[0]][1]) from None  # a type whose content the campaign lacks
    veto_types = {pk for pk, (_index, _number, veto) in types.items() if veto}
    # What sets the grade to D, in one query: the month's vetoing violations (a type's name) and decided
    # sanctions (no name), each with its day, id and, for a sanction, the day it was opened.
    vetoing = month_violations.filter(type_id__in=veto_types).order_by().values_list(
        "staff_id", "date", "pk", "type__name", Value(None, output_field=DateField())
    ).union(
        of_people(Sanction.objects.filter(status=SanctionStatus.DECIDED, decision_date__range=(first, last)))
        .order_by()
        .values_list("staff_id", "decision_date", "pk", Value(None, output_field=TextField()), "opened_on"),
        all=True,
    )
    vetoed, sanctioned = defaultdict(list), defaultdict(list)
    for staff_id, day, pk, name, opened_on in vetoing:
        if name is None:
            sanctioned[staff_id].append((opened_on, pk, day))
        else:
            vetoed[staff_id].append((day, pk, name))
    vetoes = defaultdict(list)
    for staff_id, rows in vetoed.items():  # latest first, as the records' own order has it
        vetoes[staff_id] += [
            str(_("Veto: %(type)s on %(day)s") % {"type": name, "day": day.strftime("%d/%m/%Y")})
            for day, _pk, name in sorted(rows, reverse=True)
        ]
    for staff_id, rows in sanctioned.items():
        vetoes[staff_id] += [
            str(_("Disciplinary sanction decided on %(day)s") % {"day": decided_on.strftime("%d/%m/%Y")})
            for _opened_on, _pk, decided_on in sorted(rows, reverse=True)
        ]

    scorer = _Scorer(campaign, criteria)
    no_deduction = tuple(clean)
    clean_score = scorer.score(no_deduction, 0, [])
    scores, shared = {}, {(no_deduction, 0): clean_score}  # people with the same numbers share a score
    numbers = [(pk, (tuple(points), earned.get(pk, 0))) for pk, points in deducted.items()]
    numbers += [(pk, (no_deduction, points)) for pk, points in earned.items() if pk not in deducted]
    for staff_id, key in numbers:
        score = shared.get(key)
        if score is None:
            score = shared[key] = scorer.score(*key, [])
        scores[staff_id] = score
    for staff_id, reasons in vetoes.items():
        scores[staff_id] = scorer.score(
            tuple(deducted.get(staff_id, clean)), earned.get(staff_id, 0), reasons
        )

    scored = _ScoredMonth(
        people, criteria, month_violations, month_commendations, deducted.keys(), earned.keys()
    )
    score_of = scores.get
    results, previous = [], None
    for staff_id, division_id in _fetch(posted):
        if staff_id == previous:  # two stays covering the day: the earlier counts, as in membership_on
            continue
        previous = staff_id
        results.append(PersonMonth(scored, staff_id, division_id, score_of(staff_id, clean_score)))
    return results


class _Scorer:
    """The campaign's scoring settings, read once per call."""

    def __init__(self, campaign, criteria):
        self.campaign = campaign
        self.numbers = [number for number, _title, _points in criteria]
        self.maxima = [points for _number, _title, points in criteria]
        self.points = sum(self.maxima)
        self.bonus_cap, self.total_cap = campaign.bonus_cap, campaign.total_cap

    def score(self, deducted, earned, vetoes) -> _Score:
        bonus = min(self.bonus_cap, earned)
        lost = sum(min(maximum, points) for maximum, points in zip(self.maxima, deducted, strict=True))
        total = min(self.total_cap, self.points - lost + bonus)
        kept = {
            number: max(0, maximum - points)
            for number, maximum, points in zip(self.numbers, self.maxima, deducted, strict=True)
        }
        grade = Grade.D if vetoes else grade_for(total, self.campaign)
        return _Score(kept, bonus, earned, total, grade, vetoes)


def grade_for(total: int, campaign: Campaign) -> str:
    if total >= campaign.grade_a:
        return Grade.A
    if total >= campaign.grade_b:
        return Grade.B
    if total >= campaign.grade_c:
        return Grade.C
    return Grade.D


def _last_working_day_in_post(alias: str, working_days: list[date], last: date) -> RawSQL:
    """The day whose division a person's month counts in, per person, in SQL: their last working day of the
    month in post (the month's last working day for almost everyone), else their last day in post in the
    month (or the month's last day)."""
    quote, adapt = connections[alias].ops.quote_name, connections[alias].ops.adapt_datefield_value
    table = quote(Staff._meta.db_table)
    recruited, left = f"{table}.{quote('date_recruited')}", f"{table}.{quote('date_left')}"
    cases, params = [], []
    for day in reversed(working_days):  # the latest first: CASE takes the first that holds
        cases.append(f"WHEN {recruited} <= %s AND ({left} IS NULL OR {left} >= %s) THEN %s")
        params += [adapt(day)] * 3
    return RawSQL(
        f"CASE {' '.join(cases)} WHEN {left} < %s THEN {left} ELSE %s END",
        [*params, adapt(last), adapt(last)],
        output_field=DateField(),
    )
