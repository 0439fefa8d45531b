"""The year-end as it stands: each person's rating and the rules around it, each title's eligibility for each
person and each division with the records behind every condition, the quotas, and the council's results.

``YearState.build(campaign)`` reads the year in a fixed number of queries, whatever the number of people; the
pages, the documents and the services (awards/services.py) all decide from it, so that what a page says and
what a service accepts cannot differ. The rules themselves are in awards/rules.py.
"""

from datetime import date
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import rules as R
from awards.models import (
    INDIVIDUAL_TITLES,
    AwardTitle,
    CouncilSession,
    DivisionReview,
    Initiative,
    InitiativeLevel,
    Nomination,
    NominationStatus,
    PriorTitle,
    Rating,
    Title,
    YearReview,
)
from awards.summary import YEAR, PersonSummary, suggestions, summarise, year_facts
from campaigns.models import Campaign
from discipline.models import Sanction, SanctionKind, SanctionStatus
from discipline.scoring import collector_paused
from organization.models import Division, EmploymentType, Staff

# Sanctions at cảnh cáo or above bar a division's collective titles.
WARNED_OR_WORSE = [kind for kind in SanctionKind.values if kind != SanctionKind.REPRIMAND]
# Nominations that hold a place on the shortlist (and so count against a quota).
ON_LIST = [NominationStatus.SHORTLISTED, NominationStatus.APPROVED]


@dataclass
class PersonYear:
    staff: Staff
    division: Division | None
    summary: PersonSummary | None
    suggestion: R.Suggestion | None
    cap: R.Suggestion | None  # the best the time-worked and sanction rules allow
    review: YearReview | None
    sanctioned: bool = False
    under_review: bool = False
    titles: dict = field(default_factory=dict)  # {Title: Outcome}

    @property
    def rating(self) -> str:
        """The board's rating, else the head's proposal ("" : neither yet)."""
        if self.review is None:
            return ""
        return self.review.rating or self.review.head_rating

    @property
    def decided(self) -> bool:
        return bool(self.review and self.review.rating)

    @property
    def quota_rating(self) -> str:
        """The rating that counts in the HTXSNV quota: decided, else proposed, else suggested."""
        return self.rating or (self.suggestion.rating if self.suggestion and self.suggestion.rating else "")

    @property
    def group(self) -> str:
        return self.staff.employment_type

    @property
    def overrides(self) -> bool:
        return bool(self.review and (self.review.override_reason or (not self.review.rating
                                                                      and self.review.head_override_reason)))


@dataclass
class DivisionYear:
    division: Division
    people: list[PersonYear]
    review: DivisionReview | None
    warned_or_worse: int = 0
    titles: dict = field(default_factory=dict)

    @property
    def ldtt(self) -> int:
        return sum(1 for p in self.people if p.titles[Title.LDTT].eligible)

    @property
    def cstdcs(self) -> int:
        return sum(1 for p in self.people if p.titles[Title.CSTDCS].eligible)

    @property
    def htnv_or_better(self) -> int:
        return sum(1 for p in self.people if p.rating and R.Rating.at_least(p.rating, R.Rating.HTNV))


@dataclass(frozen=True)
class Quota:
    label: str
    used: int
    places: int | None  # None: no quota under the rule set

    @property
    def full(self) -> bool:
        return self.places is not None and self.used >= self.places

    @property
    def over(self) -> bool:
        return self.places is not None and self.used > self.places

    def __str__(self):
        if self.places is None:
            return _("%(label)s: %(used)s, no quota") % {"label": self.label, "used": self.used}
        return _("%(label)s: %(used)s of %(places)s places used") % {
            "label": self.label, "used": self.used, "places": self.places}


@dataclass
class VoteResult:
    vote: object  # CouncilVote
    counted: int  # the votes that count towards the threshold
    base: int  # of whom: those present, or all members for a secret-ballot title
    passed: bool
    reason: str

    @property
    def percent(self) -> Decimal:
        if not self.base:
            return Decimal(0)
        return (Decimal(self.counted) * 100 / self.base).quantize(Decimal("0.1"))


@dataclass
class SessionResult:
    session: CouncilSession
    members: int
    present: int
    written: int
    quorum: bool
    votes: list[VoteResult]


def session_result(session: CouncilSession, rules: R.RuleSet) -> SessionResult:
    """Quorum and each nominee's outcome at ``session`` (DOMAIN.md §5: 2/3 present; 70 % of those present; a
    secret ballot with 90 % of all members, written votes included, for CSTĐ cấp tỉnh and the Cờ thi đua)."""
    members = list(session.members.all())
    present = sum(1 for m in members if m.present)
    written = sum(1 for m in members if not m.present and m.written_vote)
    quorum = R.quorum_met(rules, members=len(members), present=present)
    results = []
    for vote in session.votes.all():
        nomination = vote.nomination
        if nomination.secret_ballot:
            counted, base = vote.votes_for + vote.written_for, len(members)
            passed = R.council_approves(rules, votes=counted, present=present, members=base, secret_ballot_title=True)
            share = int(rules.secret_ballot_share * 100)
            if session.method != "secret":
                passed, reason = False, _("Needs a secret ballot.")
            else:
                reason = _("%(votes)s of %(members)s members, written votes included (at least %(share)s%% of all "
                           "members needed).") % {"votes": counted, "members": base, "share": share}
        else:
            counted, base = vote.votes_for, present
            passed = R.council_approves(rules, votes=counted, present=present, members=len(members),
                                        secret_ballot_title=False)
            reason = _("%(votes)s of %(present)s members present (at least %(share)s%% needed).") % {
                "votes": counted, "present": present, "share": int(rules.approval_share * 100)}
        if not quorum:
            passed = False
            reason = _("No quorum: the vote does not count.")
        results.append(VoteResult(vote, counted, base, passed, reason))
    return SessionResult(session, len(members), present, written, quorum, results)


class YearState:
    """Everything the year-end decides from, for one campaign."""

    def __init__(self, campaign: Campaign):
        self.campaign = campaign
        self.year = campaign.year
        self.rules = R.rules_for(campaign)
        # Every person's conditions link to two pages: the URLs are made from one reverse() each.
        self._record_url = url_maker("organization:staff-detail")
        self._year_url = url_maker("awards:person-year", self.year)

    @classmethod
    def build(cls, campaign: Campaign) -> "YearState":
        state = cls(campaign)
        # A province's year is some 20,000 people with a dozen small objects each, none in a reference cycle.
        with R.messages_cached(), collector_paused():
            state._load()
        return state

    # --- Loading ---

    def _load(self):
        year = self.year
        summaries = summarise(self.campaign, year, YEAR)
        facts = year_facts(self.campaign, year, summaries)
        suggested = suggestions(self.campaign, year, summaries, facts)
        # Those of the year's summaries, picked in Python: a filter on 20,000 ids costs more to compile than the
        # rows of earlier leavers cost to read. The same for the sparse tables below.
        in_year = Staff.objects.filter(Q(date_left__isnull=True) | Q(date_left__gte=date(year, 1, 1)))
        staff = {s.pk: s for s in in_year.select_related("position", "user") if s.pk in summaries}
        self.divisions = {d.pk: d for d in Division.objects.all()}
        reviews = {r.staff_id: r for r in YearReview.objects.filter(campaign=self.campaign)}
        sanctions = [row for row in Sanction.objects.exclude(status=SanctionStatus.CANCELLED).values_list(
            "staff_id", "status", "kind", "decision_date") if row[0] in staff]
        decided_in_year = {s for s, status, _k, day in sanctions if status == SanctionStatus.DECIDED and day
                           and day.year == year}
        warned = {s for s, status, kind, day in sanctions if status == SanctionStatus.DECIDED and day
                  and day.year == year and kind in WARNED_OR_WORSE}
        under_review = {s for s, status, _k, _d in sanctions if status == SanctionStatus.UNDER_REVIEW}
        initiatives = defaultdict(list)
        for item in Initiative.objects.filter(recognized_on__year__lte=year, recognized_on__year__gte=year - 2):
            if item.staff_id in staff:
                initiatives[item.staff_id].append(item)
        prior = defaultdict(lambda: defaultdict(set))
        for staff_id, title, prior_year in PriorTitle.objects.values_list("staff_id", "title", "year"):
            if staff_id in staff:
                prior[staff_id][title].add(prior_year)
        self.division_reviews = {r.division_id: r for r in DivisionReview.objects.filter(campaign=self.campaign)}
        self.nominations = list(
            Nomination.objects.filter(campaign=self.campaign).select_related("staff__position", "division")
        )

        self.people: dict[int, PersonYear] = {}
        for pk, summary in summaries.items():
            person = staff[pk]
            cap = R.rating_cap(self.rules, months_worked=facts[pk].months_worked,
                               months_absent=facts[pk].months_absent, maternity=facts[pk].maternity,
                               sanctioned=facts[pk].sanctioned)
            division = self.divisions.get(summary.division_id)
            self.people[pk] = PersonYear(person, division, summary, suggested[pk], cap, reviews.get(pk),
                                         sanctioned=pk in decided_in_year, under_review=pk in under_review)
        for person in self.people.values():
            person.titles = self._person_titles(person, initiatives[person.staff.pk], prior[person.staff.pk])
        self.by_division: dict[int, DivisionYear] = {}
        for person in self.people.values():
            if person.division is not None:
                self.by_division.setdefault(person.division.pk, DivisionYear(
                    person.division, [], self.division_reviews.get(person.division.pk))).people.append(person)
        for division_year in self.by_division.values():
            division_year.warned_or_worse = sum(1 for p in division_year.people if p.staff.pk in warned)
            division_year.titles = self._division_titles(division_year)

    # --- Eligibility ---

    def _person_titles(self, person: PersonYear, initiatives, prior) -> dict:
        rules, year, staff = self.rules, self.year, person.staff
        record, rating_url = self._record_url(staff.pk), self._year_url(staff.pk)
        rating = person.rating or None
        ldtt = R.ldtt(rules, year=year, rating=rating, recruited=staff.date_recruited, sanctioned=person.sanctioned,
                      under_review=person.under_review)
        ldtt = _linked(ldtt, [rating_url, record, record, record])
        if rating and not person.decided:
            ldtt = _note_proposed(ldtt)
        this_year = [i for i in initiatives if i.recognized_on.year == year]
        cstdcs = R.cstdcs(rules, ldtt_outcome=ldtt, rating=rating, has_initiative=bool(this_year))
        cstdcs = _linked(cstdcs, ["", record])
        cstdcs_years = set(prior.get(AwardTitle.CSTDCS, set()))
        if cstdcs.eligible:
            cstdcs_years.add(year)
        provincial = any(i.level in (InitiativeLevel.PROVINCE, InitiativeLevel.NATIONAL) for i in initiatives)
        province = R.cstd_province(rules, year=year, cstdcs_years=cstdcs_years, provincial_initiative=provincial)
        province = R.Outcome([*_linked(province, [record, record]).checks, *ldtt.checks[2:]])
        certificate = _linked(R.certificate(rules, rating=rating, sanctioned=person.sanctioned,
                                            under_review=person.under_review), [rating_url, record, record])
        diploma = _linked(R.province_diploma(rules, year=year, rating=rating,
                                             certificate_years=set(prior.get(AwardTitle.CERTIFICATE, set())),
                                             sanctioned=person.sanctioned, under_review=person.under_review),
                          [rating_url, record, record, record])
        return {Title.LDTT: ldtt, Title.CSTDCS: cstdcs, Title.CSTD_PROVINCE: province,
                Title.CERTIFICATE: certificate, Title.PROVINCE_DIPLOMA: diploma}

    def _division_titles(self, item: DivisionYear) -> dict:
        rules = self.rules
        url = reverse("awards:division-year", args=[self.year, item.division.pk])
        completed_well = bool(item.review and item.review.completed_well)
        ttldtt = _linked(R.ttldtt(rules, completed_well=completed_well, people=len(item.people), ldtt_count=item.ldtt,
                                  warned_or_worse=item.warned_or_worse), [url, url, url])
        ttldxs = _linked(R.ttldxs(rules, ttldtt_outcome=ttldtt, people=len(item.people),
                                  htnv_or_better=item.htnv_or_better, ldtt_count=item.ldtt, cstdcs_count=item.cstdcs,
                                  warned_or_worse=item.warned_or_worse), [url] * 5)
        certificate = _linked(R.collective_certificate(rules, completed_well=completed_well,
                                                       warned_or_worse=item.warned_or_worse), [url, url])
        flag = R.Outcome([R.Check(ttldxs.eligible, _("Meets the TTLĐXS standard.") if ttldxs.eligible
                                  else _("Does not meet the TTLĐXS standard."), url)])
        return {Title.TTLDTT: ttldtt, Title.TTLDXS: ttldxs, Title.COLLECTIVE_CERTIFICATE: certificate,
                Title.COLLECTIVE_DIPLOMA: certificate, Title.EMULATION_FLAG: flag}

    def outcome(self, title: str, *, staff_id: int | None = None, division_id: int | None = None) -> R.Outcome:
        """Whether the person or division meets ``title``'s conditions; not in the year: a failed condition."""
        if title in INDIVIDUAL_TITLES:
            person = self.people.get(staff_id)
            if person is None:
                return R.Outcome([R.Check(False, _("Not scored in the year."))])
            return person.titles[title]
        item = self.by_division.get(division_id)
        if item is None:
            return R.Outcome([R.Check(False, _("Nobody of the division is scored in the year."))])
        return item.titles[title]

    # --- Ratings and quotas ---

    def people_sorted(self, division: Division | None = None) -> list[PersonYear]:
        people = [p for p in self.people.values() if division is None or p.division == division]
        return sorted(people, key=lambda p: (p.division.display_order if p.division else 10**6,
                                             p.division.code if p.division else "", p.staff.position.rank,
                                             p.staff.name_sort_key, p.staff.code))

    def htxsnv_quotas(self) -> dict[str, Quota]:
        """{employment type: the HTXSNV quota of the group}.

        The places are the rule set's share, rounded down, of the group's people rated HTTNV or better — a rating
        counts as decided, else as the head proposed, else as the portal suggests; the places used are the
        HTXSNV decided or proposed.
        """
        rated, used = Counter(), Counter()
        for person in self.people.values():
            if person.quota_rating in (Rating.HTXSNV, Rating.HTTNV):
                rated[person.group] += 1
            if person.rating == Rating.HTXSNV:
                used[person.group] += 1
        groups = sorted({p.group for p in self.people.values()}, key=EmploymentType.values.index)
        return {
            group: Quota(_("HTXSNV, %(group)s") % {"group": EmploymentType(group).label}, used[group],
                         R.htxsnv_quota(self.rules, rated[group]))
            for group in groups
        }

    def rating_problems(self, person: PersonYear, rating: str) -> list[str]:
        """Why giving ``person`` ``rating`` goes beyond the rules (empty: it does not, no reason needed)."""
        problems = []
        cap = person.cap
        if cap is not None:
            if cap.rating is None:
                problems.extend(cap.reasons)
            elif not R.Rating.at_least(cap.rating, rating):
                problems.extend(cap.reasons)
        if rating == Rating.HTXSNV:
            quota = self.htxsnv_quotas()[person.group]
            used = quota.used - (1 if person.rating == Rating.HTXSNV else 0) + 1
            if used > quota.places:
                problems.append(_("HTXSNV beyond the quota of the group: %(used)s for %(places)s places.")
                                % {"used": used, "places": quota.places})
        return problems

    def cstdcs_quota(self) -> Quota:
        """The CSTĐCS places (a share of the Sở's LĐTT under ``2023``) and how many the shortlist holds."""
        ldtt = sum(1 for p in self.people.values() if p.titles[Title.LDTT].eligible)
        used = sum(1 for n in self.nominations if n.title == Title.CSTDCS and n.status in ON_LIST)
        return Quota(_("CSTĐCS"), used, R.cstdcs_quota(self.rules, ldtt))

    def quotas(self) -> list[Quota]:
        return [self.cstdcs_quota(), *self.htxsnv_quotas().values()]

    # --- Nominations ---

    def nominations_sorted(self, *, statuses=None, division: Division | None = None) -> list[Nomination]:
        found = [n for n in self.nominations if (statuses is None or n.status in statuses)
                 and (division is None or n.division_id == division.pk)]
        order = {title: i for i, title in enumerate(Title.values)}
        return sorted(found, key=lambda n: (n.staff_id is None, order[n.title], n.division.display_order,
                                            n.staff.name_sort_key if n.staff_id else n.division.code))

    def council_results(self) -> dict[int, VoteResult]:
        """{nomination id: its latest council result}."""
        found = {}
        sessions = CouncilSession.objects.filter(campaign=self.campaign).prefetch_related(
            "members", "votes__nomination").order_by("held_on", "started_at", "pk")
        for session in sessions:
            for result in session_result(session, self.rules).votes:
                found[result.vote.nomination_id] = result
        return found


def url_maker(name: str, *args):
    """``pk -> reverse(name, args=[*args, pk])`` for a URL whose last argument is an integer, with one reverse()."""
    sentinel = 987654321987654321
    head, tail = reverse(name, args=[*args, sentinel]).split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


def without_record_links(outcome: R.Outcome, staff) -> R.Outcome:
    """The conditions without their links to the person's record, for a reader who may not open it (the council
    reads a nominee's year, not their personnel record)."""
    record = reverse("organization:staff-detail", args=[staff.pk])
    return R.Outcome([replace(check, url="") if check.url == record else check for check in outcome.checks])


def _linked(outcome: R.Outcome, urls: list[str]) -> R.Outcome:
    return R.Outcome([R.Check(check.met, check.reason, url) if url and not check.url else check
                      for check, url in zip(outcome.checks, urls + [""] * len(outcome.checks))])


def _note_proposed(outcome: R.Outcome) -> R.Outcome:
    first = outcome.checks[0]
    note = _("(proposed by the head, not yet decided by the board)")
    return R.Outcome([replace(first, reason=f"{first.reason} {note}"), *outcome.checks[1:]])


def unmet(outcome: R.Outcome) -> str:
    return "\n".join(check.reason for check in outcome.checks if not check.met)

