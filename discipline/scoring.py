"""A person's monthly score, computed from the records that count (DOMAIN.md §3–§4).

Each content (ND1–ND6) starts at its monthly points and loses the deductions of the counting violations of
that content, never below 0. Commendations add a bonus up to the campaign's cap; the total is capped too.
A catalogue veto or a disciplinary sanction decided in the month sets the grade to D whatever the points.
Withdrawn and corrected records, accepted explanations, pre-approved absences, unresolved import problems
and non-working days never reach here: they produce no counting record.

A person's month counts in the division they belonged to on their last working day of the month (or their
last day in post, if they left); only the days they served count, without proration.
"""

import calendar as month_calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from campaigns.workdays import WorkCalendar
from discipline.models import Commendation, Grade, Sanction, SanctionStatus, Violation
from organization.models import Staff


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


@dataclass
class PersonMonth:
    staff: Staff
    division_id: int | None
    contents: list[ContentScore]
    commendations: list
    bonus: int
    total: int
    grade: str
    vetoes: list[str]

    @property
    def bonus_earned(self) -> int:
        return sum(c.points for c in self.commendations)

    @property
    def kept(self) -> dict[int, int]:
        return {content.number: content.kept for content in self.contents}


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, month_calendar.monthrange(year, month)[1])


def score_month(campaign: Campaign, year: int, month: int, *, staff_ids=None) -> list[PersonMonth]:
    """The scores of everyone in post during the month (or of ``staff_ids``), with a fixed number of queries."""
    first, last = month_bounds(year, month)
    working_days = WorkCalendar(campaign).working_days(first, last)
    people = Staff.objects.filter(date_recruited__lte=last).filter(Q(date_left__isnull=True) | Q(date_left__gte=first))
    if staff_ids is not None:
        people = people.filter(pk__in=staff_ids)
    people = list(people.select_related("position").prefetch_related("memberships").order_by("name_sort_key", "code"))
    ids = [p.pk for p in people]

    violations = defaultdict(list)
    for v in Violation.objects.counting().filter(staff_id__in=ids, date__range=(first, last)).select_related("type__criterion"):
        violations[v.staff_id].append(v)
    commendations = defaultdict(list)
    for c in Commendation.objects.counting().filter(staff_id__in=ids, date__range=(first, last)).select_related("type"):
        commendations[c.staff_id].append(c)
    sanctions = defaultdict(list)
    decided = Sanction.objects.filter(status=SanctionStatus.DECIDED, staff_id__in=ids, decision_date__range=(first, last))
    for sanction in decided:
        sanctions[sanction.staff_id].append(sanction)
    criteria = list(campaign.criteria.order_by("number"))

    return [
        _score_person(person, campaign, criteria, working_days, last, violations[person.pk], commendations[person.pk],
                      sanctions[person.pk])
        for person in people
    ]


def _score_person(person, campaign, criteria, working_days, last, violations, commendations, sanctions) -> PersonMonth:
    contents = {c.number: ContentScore(c.number, c.title, c.points) for c in criteria}
    for violation in sorted(violations, key=lambda v: (v.date, v.pk)):
        contents[violation.type.criterion.number].violations.append(violation)
    commendations = sorted(commendations, key=lambda c: (c.date, c.pk))
    bonus = min(campaign.bonus_cap, sum(c.points for c in commendations))
    total = min(campaign.total_cap, sum(c.kept for c in contents.values()) + bonus)
    vetoes = [str(_("Veto: %(type)s on %(day)s") % {"type": v.type.name, "day": v.date.strftime("%d/%m/%Y")})
              for v in violations if v.type.veto]
    vetoes += [str(_("Disciplinary sanction decided on %(day)s") % {"day": s.decision_date.strftime("%d/%m/%Y")})
               for s in sanctions]
    return PersonMonth(
        staff=person,
        division_id=_division_at_month_end(person, working_days, last),
        contents=list(contents.values()),
        commendations=commendations,
        bonus=bonus,
        total=total,
        grade=Grade.D if vetoes else grade_for(total, campaign),
        vetoes=vetoes,
    )


def grade_for(total: int, campaign: Campaign) -> str:
    if total >= campaign.grade_a:
        return Grade.A
    if total >= campaign.grade_b:
        return Grade.B
    if total >= campaign.grade_c:
        return Grade.C
    return Grade.D


def _division_at_month_end(person: Staff, working_days: list[date], last: date) -> int | None:
    """The division on the person's last working day of the month: the month's last, or their last in post."""
    end = min(last, person.date_left) if person.date_left else last
    served = [day for day in working_days if person.date_recruited <= day <= end]
    day = served[-1] if served else end
    membership = person.membership_on(day)
    return membership.division_id if membership else None
