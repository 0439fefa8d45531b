"""The year-end rule sets (DOMAIN.md §5): one set of numbers and conditions per body of law, named after it.

A campaign names its rule set (``Campaign.rule_set``); everything the year-end needs to decide — who is
rated and how, the HTXSNV quota, each title's conditions, the council's thresholds, the reward multiples and
the base salary by date — is read from here, never written as a literal elsewhere. The functions are pure:
they take the facts (scores, months worked, sanctions, initiatives, earlier titles, votes) and return the
outcome with its reasons, so that the pages can say "eligible or not, and why".

- ``2023``: Luật Thi đua, khen thưởng 2003 (amended 2013) and Nghị định 91/2017/NĐ-CP; staff rating by
  Nghị định 90/2020/NĐ-CP and 48/2023/NĐ-CP.
- ``2024``: Luật Thi đua, khen thưởng 06/2022/QH15, Nghị định 98/2023/NĐ-CP (152/2025/NĐ-CP from
  01/07/2025) and Thông tư 01/2024/TT-BNV; staff rating by Nghị định 90/2020 and 48/2023.
- ``2026``: Luật 06/2022/QH15 and Nghị định 152/2025/NĐ-CP; công chức rated under Nghị định 335/2025/NĐ-CP,
  of whose 100 points the discipline record is the "general criteria" part.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext

from awards.models import AwardTitle

# The rules word every condition of every person: 16 messages a person, 320,000 for 20,000 people, where
# gettext's lookup of the active language costs more than the rule. YearState.build looks each message up
# once per build (``messages_cached``); elsewhere ``_`` is plain gettext.
_cached: ContextVar[dict | None] = ContextVar("rule_messages", default=None)


def _(message: str) -> str:
    cache = _cached.get()
    if cache is None:
        return gettext(message)
    found = cache.get(message)
    if found is None:
        found = cache[message] = gettext(message)
    return found


@contextmanager
def messages_cached():
    """Within the block, each message of the rules is translated once (the language does not change)."""
    token = _cached.set({})
    try:
        yield
    finally:
        _cached.reset(token)


class Rating:
    """Year-end quality ratings, best first (Nghị định 90/2020, 48/2023, 335/2025)."""

    HTXSNV = "HTXSNV"  # Hoàn thành xuất sắc nhiệm vụ
    HTTNV = "HTTNV"  # Hoàn thành tốt nhiệm vụ
    HTNV = "HTNV"  # Hoàn thành nhiệm vụ
    KHTNV = "KHTNV"  # Không hoàn thành nhiệm vụ
    ORDER = [HTXSNV, HTTNV, HTNV, KHTNV]

    @classmethod
    def at_most(cls, rating: str, cap: str) -> str:
        """``rating``, lowered to ``cap`` if it is better."""
        return max(rating, cap, key=cls.ORDER.index)

    @classmethod
    def at_least(cls, rating: str, floor: str) -> bool:
        return cls.ORDER.index(rating) <= cls.ORDER.index(floor)


@dataclass(frozen=True)
class RuleSet:
    code: str
    award_law: str
    rating_law: str
    # Staff rating
    htxsnv_share: Decimal = Decimal("0.20")  # of those rated HTTNV in the group, rounded down
    rated_min_months: int = 6  # fewer months worked: not rated (maternity leave excepted)
    capped_absence_months: tuple[int, int] = (3, 6)  # absent from 3 to under 6 months: at most HTNV
    discipline_is_general_criteria: bool = False  # 2026: the portal's suggestion is Nghị định 335's general part
    # Titles
    ldtt_min_service_months: int = 6  # months from recruitment to the year's end
    cstdcs_requires_initiative: bool = False  # else HTXSNV or an initiative
    cstdcs_share_of_ldtt: Decimal | None = None  # a quota on CSTĐCS, of the Sở's LĐTT count, rounded down
    cstd_province_years: int = 3  # consecutive CSTĐCS years ending with this one
    ttldtt_ldtt_share: Decimal = Decimal("0.50")  # more than this share of the division LĐTT
    ttldxs_ldtt_share: Decimal = Decimal("0.70")  # at least this share LĐTT, everyone HTNV or better
    # Council (Hội đồng TĐKT)
    quorum: Decimal = Decimal(2) / Decimal(3)  # of all members, present
    approval_share: Decimal = Decimal("0.70")  # of those present: the Sở's titles, TTLĐXS and Bằng khen
    secret_ballot_share: Decimal = Decimal("0.90")  # of all members: CSTĐ cấp tỉnh, Cờ thi đua and above
    # Rewards: multiples of the base salary (lương cơ sở) in force on the decision date
    reward_multiples: dict = field(default_factory=lambda: dict(REWARD_MULTIPLES))


REWARD_MULTIPLES = {
    AwardTitle.LDTT: Decimal("0.3"),
    AwardTitle.CSTDCS: Decimal("1.0"),
    AwardTitle.CSTD_PROVINCE: Decimal("3.0"),
    "TTLDTT": Decimal("0.8"),
    "TTLDXS": Decimal("1.5"),
}

# The base salary (mức lương cơ sở) and the day it took effect: Nghị định 24/2023 and 73/2024.
BASE_SALARY = [
    (date(2019, 7, 1), 1_490_000),
    (date(2023, 7, 1), 1_800_000),
    (date(2024, 7, 1), 2_340_000),
]

RULE_SETS = {
    "2023": RuleSet(
        code="2023",
        award_law="Luật Thi đua, khen thưởng 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP",
        rating_law="Nghị định 90/2020/NĐ-CP; Nghị định 48/2023/NĐ-CP",
        ldtt_min_service_months=10,
        cstdcs_requires_initiative=True,
        cstdcs_share_of_ldtt=Decimal("0.15"),
    ),
    "2024": RuleSet(
        code="2024",
        award_law="Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 98/2023/NĐ-CP (152/2025/NĐ-CP từ "
                  "01/07/2025); Thông tư 01/2024/TT-BNV",
        rating_law="Nghị định 90/2020/NĐ-CP; Nghị định 48/2023/NĐ-CP",
    ),
    "2026": RuleSet(
        code="2026",
        award_law="Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP",
        rating_law="Nghị định 335/2025/NĐ-CP (công chức); Nghị định 90/2020/NĐ-CP, 48/2023/NĐ-CP (viên chức)",
        discipline_is_general_criteria=True,
    ),
}


def rule_set(code: str) -> RuleSet:
    return RULE_SETS[code]


def rules_for(campaign) -> RuleSet:
    """The campaign's rule set with the numbers the Office changed for that campaign (empty fields: the set's)."""
    rules = RULE_SETS[campaign.rule_set]
    changes = {}
    if campaign.htxsnv_percent is not None:
        changes["htxsnv_share"] = Decimal(campaign.htxsnv_percent) / 100
    if campaign.cstdcs_percent is not None:
        changes["cstdcs_share_of_ldtt"] = Decimal(campaign.cstdcs_percent) / 100
    if campaign.ldtt_min_service_months is not None:
        changes["ldtt_min_service_months"] = campaign.ldtt_min_service_months
    if campaign.quorum_numerator and campaign.quorum_denominator:
        changes["quorum"] = Decimal(campaign.quorum_numerator) / Decimal(campaign.quorum_denominator)
    if campaign.approval_percent is not None:
        changes["approval_share"] = Decimal(campaign.approval_percent) / 100
    if campaign.secret_ballot_percent is not None:
        changes["secret_ballot_share"] = Decimal(campaign.secret_ballot_percent) / 100
    if campaign.reward_multiples:
        changes["reward_multiples"] = rules.reward_multiples | {
            code: Decimal(str(value)) for code, value in campaign.reward_multiples.items()}
    return replace(rules, **changes) if changes else rules


@dataclass(frozen=True)
class Check:
    """One condition of a title or a rule: met or not, and why, in words for people."""

    met: bool
    reason: str
    url: str = ""  # the records behind it (added by awards/eligibility.py)


@dataclass(frozen=True)
class Outcome:
    checks: list[Check]

    @property
    def eligible(self) -> bool:
        return all(check.met for check in self.checks)


# --- Arithmetic ---


def share_of(count: int, share: Decimal) -> int:
    """``share`` of ``count``, rounded down: the quotas of the law (20 % of 12 is 2, of 4 is 0)."""
    return int((Decimal(count) * share).to_integral_value(rounding=ROUND_FLOOR))


def reaches(part: int, whole: int, share: Decimal) -> bool:
    """Whether ``part`` is at least ``share`` of ``whole``, exactly (no floating point: 7 of 10 is 70 %)."""
    return whole > 0 and Decimal(part) >= Decimal(whole) * share


def service_months(recruited: date, year: int) -> int:
    """Whole months from the recruitment date to the end of ``year`` (recruited 01/04 → 9 months)."""
    end = date(year, 12, 31) + timedelta(days=1)
    months = (end.year - recruited.year) * 12 + end.month - recruited.month
    if end.day < recruited.day:
        months -= 1
    return max(0, months)


def base_salary(on: date) -> int:
    amount = None
    for start, value in BASE_SALARY:
        if start <= on:
            amount = value
    if amount is None:
        raise ValueError(f"No base salary is known for {on:%d/%m/%Y}.")
    return amount


def reward(rules: RuleSet, title: str, decided_on: date) -> int | None:
    """The reward in đồng for ``title`` decided on ``decided_on``; None where the rule set gives no multiple."""
    multiple = rules.reward_multiples.get(title)
    if multiple is None:
        return None
    return int(multiple * base_salary(decided_on))


# --- The staff rating ---


@dataclass(frozen=True)
class MonthScore:
    month: int
    total: int
    grade: str  # A, B, C, D
    vetoed: bool = False


@dataclass(frozen=True)
class Suggestion:
    rating: str | None  # None: not rated this year
    reasons: list[str]
    average: Decimal | None = None


def suggest_rating(rules: RuleSet, months: list[MonthScore], *, months_worked: Decimal | int,
                   months_absent: Decimal | int = 0, maternity: bool = False, sanctioned: bool = False) -> Suggestion:
    """What the portal suggests (DOMAIN.md §5): from the monthly scores, then capped by time worked and sanctions.

    Average ≥ 90 with no month below B and no veto → HTXSNV; ≥ 70 → HTTNV; ≥ 50 → HTNV; else KHTNV. Fewer than
    6 months worked → not rated, unless on maternity leave (then rated on the time worked); absent 3 to under
    6 months → at most HTNV; a disciplinary sanction in the year → KHTNV.
    """
    reasons = []
    if Decimal(months_worked) < rules.rated_min_months and not maternity:
        return Suggestion(None, [_("Worked %(months)s months in the year, fewer than %(minimum)s: not rated.")
                                 % {"months": months_worked, "minimum": rules.rated_min_months}])
    if not months:
        return Suggestion(None, [_("No monthly score in the year.")])
    average = (Decimal(sum(m.total for m in months)) / len(months)).quantize(Decimal("0.01"))
    shown = number_format(average, 2)
    below_b = [m for m in months if m.grade not in ("A", "B")]
    vetoed = [m for m in months if m.vetoed]
    if average >= 90 and not below_b and not vetoed:
        rating = Rating.HTXSNV
        reasons.append(_("Average monthly score %(average)s, at least 90, no month below B and no veto.")
                       % {"average": shown})
    elif average >= 70:
        rating = Rating.HTTNV
        why = [_("average monthly score %(average)s, at least 70") % {"average": shown}]
        if average >= 90:
            why.append(_("but a month below B or a veto keeps it from HTXSNV"))
        text = "; ".join(why)
        reasons.append(text[:1].upper() + text[1:] + ".")
    elif average >= 50:
        rating = Rating.HTNV
        reasons.append(_("Average monthly score %(average)s, at least 50.") % {"average": shown})
    else:
        rating = Rating.KHTNV
        reasons.append(_("Average monthly score %(average)s, below 50.") % {"average": shown})
    low, high = rules.capped_absence_months
    if low <= Decimal(months_absent) < high and Rating.at_most(rating, Rating.HTNV) != rating:
        rating = Rating.at_most(rating, Rating.HTNV)
        reasons.append(_("Absent %(months)s months in the year (%(low)s to under %(high)s): at most HTNV.")
                       % {"months": months_absent, "low": low, "high": high})
    if maternity and Decimal(months_worked) < rules.rated_min_months:
        reasons.append(_("On maternity leave: rated on the time worked."))
    if sanctioned:
        rating = Rating.KHTNV
        reasons.append(_("A disciplinary sanction in the year: KHTNV."))
    return Suggestion(rating, reasons, average)


def rating_cap(rules: RuleSet, *, months_worked: Decimal | int, months_absent: Decimal | int = 0,
               maternity: bool = False, sanctioned: bool = False) -> Suggestion:
    """The best rating the time-worked and sanction rules allow (``rating`` None: not rated this year).

    A proposal or a decision above it is an override, which needs a recorded reason.
    """
    if Decimal(months_worked) < rules.rated_min_months and not maternity:
        return Suggestion(None, [_("Worked %(months)s months in the year, fewer than %(minimum)s: not rated.")
                                 % {"months": months_worked, "minimum": rules.rated_min_months}])
    if sanctioned:
        return Suggestion(Rating.KHTNV, [_("A disciplinary sanction in the year: KHTNV.")])
    low, high = rules.capped_absence_months
    if low <= Decimal(months_absent) < high:
        return Suggestion(Rating.HTNV, [_("Absent %(months)s months in the year (%(low)s to under %(high)s): at most "
                                          "HTNV.") % {"months": months_absent, "low": low, "high": high}])
    return Suggestion(Rating.HTXSNV, [])


def htxsnv_quota(rules: RuleSet, rated_httnv: int) -> int:
    """How many of a group may be rated HTXSNV: the rule set's share, rounded down, of those rated HTTNV —
    counted as the group's people rated HTTNV or better, since everyone rated HTXSNV also completed their tasks
    well (DOMAIN.md §5; awards/yearend.py ``htxsnv_quotas``)."""
    return share_of(rated_httnv, rules.htxsnv_share)


# --- Titles of individuals ---


def ldtt(rules: RuleSet, *, year: int, rating: str | None, recruited: date, sanctioned: bool,
         under_review: bool) -> Outcome:
    """Lao động tiên tiến."""
    months = service_months(recruited, year)
    return Outcome([
        Check(rating is not None and Rating.at_least(rating, Rating.HTTNV),
              _("Rated %(rating)s (HTTNV or better needed).") % {"rating": rating} if rating
              else _("Not rated this year (HTTNV or better needed).")),
        Check(months >= rules.ldtt_min_service_months,
              _("%(months)s months from recruitment to the year's end (at least %(minimum)s).")
              % {"months": months, "minimum": rules.ldtt_min_service_months}),
        Check(not sanctioned, _("Disciplined in the year.") if sanctioned else _("Not disciplined in the year.")),
        Check(not under_review, _("Under disciplinary review or investigation.") if under_review
              else _("Not under disciplinary review or investigation.")),
    ])


def cstdcs(rules: RuleSet, *, ldtt_outcome: Outcome, rating: str | None, has_initiative: bool) -> Outcome:
    """Chiến sĩ thi đua cơ sở (the quota, if the rule set has one, is checked on the whole list)."""
    checks = [Check(ldtt_outcome.eligible, _("Meets the LĐTT standard.") if ldtt_outcome.eligible
                    else _("Does not meet the LĐTT standard."))]
    if rules.cstdcs_requires_initiative:
        checks.append(Check(has_initiative, _("A recognised initiative or accepted research in the year (required).")
                            if has_initiative else _("No recognised initiative or accepted research in the year "
                                                     "(required).")))
    else:
        excellent = rating == Rating.HTXSNV
        checks.append(Check(excellent or has_initiative,
                            _("HTXSNV or a recognised initiative: %(which)s.") % {
                                "which": ", ".join(filter(None, [excellent and "HTXSNV",
                                                                 has_initiative and _("initiative")]))
                                or _("neither")}))
    return Outcome(checks)


def cstdcs_quota(rules: RuleSet, ldtt_count: int) -> int | None:
    """The most CSTĐCS the Sở may award, or None when the rule set has no quota."""
    if rules.cstdcs_share_of_ldtt is None:
        return None
    return share_of(ldtt_count, rules.cstdcs_share_of_ldtt)


def cstd_province(rules: RuleSet, *, year: int, cstdcs_years: set[int], provincial_initiative: bool) -> Outcome:
    """Chiến sĩ thi đua cấp tỉnh (a proposal): CSTĐCS in each of the consecutive years ending this year."""
    needed = list(range(year - rules.cstd_province_years + 1, year + 1))
    missing = [y for y in needed if y not in cstdcs_years]
    return Outcome([
        Check(not missing, _("CSTĐCS in %(years)s.") % {"years": ", ".join(map(str, needed))} if not missing
              else _("No CSTĐCS in %(years)s.") % {"years": ", ".join(map(str, missing))}),
        Check(provincial_initiative, _("An initiative with provincial effect.") if provincial_initiative
              else _("No initiative with provincial effect.")),
    ])


def certificate(rules: RuleSet, *, rating: str | None, sanctioned: bool, under_review: bool) -> Outcome:
    """Giấy khen of the director for a person: no numeric rule in the law; the nomination states the achievement."""
    return Outcome([
        Check(rating is not None and Rating.at_least(rating, Rating.HTTNV),
              _("Rated %(rating)s (HTTNV or better needed).") % {"rating": rating} if rating
              else _("Not rated this year (HTTNV or better needed).")),
        Check(not sanctioned, _("Disciplined in the year.") if sanctioned else _("Not disciplined in the year.")),
        Check(not under_review, _("Under disciplinary review or investigation.") if under_review
              else _("Not under disciplinary review or investigation.")),
    ])


def province_diploma(rules: RuleSet, *, year: int, rating: str | None, certificate_years: set[int],
                     sanctioned: bool, under_review: bool) -> Outcome:
    """Bằng khen of the provincial chairman (a proposal): as Giấy khen, and Giấy khen in the two years before."""
    needed = [year - 2, year - 1]
    missing = [y for y in needed if y not in certificate_years]
    return Outcome([
        *certificate(rules, rating=rating, sanctioned=sanctioned, under_review=under_review).checks,
        Check(not missing, _("Giấy khen in %(years)s.") % {"years": ", ".join(map(str, needed))} if not missing
              else _("No Giấy khen in %(years)s.") % {"years": ", ".join(map(str, missing))}),
    ])


# --- Titles of divisions ---


def ttldtt(rules: RuleSet, *, completed_well: bool, people: int, ldtt_count: int, warned_or_worse: int) -> Outcome:
    """Tập thể lao động tiên tiến."""
    return Outcome([
        Check(completed_well, _("The board rated the division as completing its tasks well.") if completed_well
              else _("The board has not rated the division as completing its tasks well.")),
        Check(people > 0 and Decimal(ldtt_count) > Decimal(people) * rules.ttldtt_ldtt_share,
              _("%(ldtt)s of %(people)s people LĐTT (more than %(share)s%% needed).")
              % {"ldtt": ldtt_count, "people": people, "share": int(rules.ttldtt_ldtt_share * 100)}),
        Check(warned_or_worse == 0, _("Nobody disciplined at cảnh cáo or above.") if not warned_or_worse
              else _("%(count)s disciplined at cảnh cáo or above.") % {"count": warned_or_worse}),
    ])


def ttldxs(rules: RuleSet, *, ttldtt_outcome: Outcome, people: int, htnv_or_better: int, ldtt_count: int,
           cstdcs_count: int, warned_or_worse: int) -> Outcome:
    """Tập thể lao động xuất sắc (a proposal)."""
    return Outcome([
        Check(ttldtt_outcome.eligible, _("Meets the TTLĐTT standard.") if ttldtt_outcome.eligible
              else _("Does not meet the TTLĐTT standard.")),
        Check(people > 0 and htnv_or_better == people,
              _("%(count)s of %(people)s people HTNV or better (all needed).")
              % {"count": htnv_or_better, "people": people}),
        Check(reaches(ldtt_count, people, rules.ttldxs_ldtt_share),
              _("%(ldtt)s of %(people)s people LĐTT (at least %(share)s%% needed).")
              % {"ldtt": ldtt_count, "people": people, "share": int(rules.ttldxs_ldtt_share * 100)}),
        Check(cstdcs_count >= 1, _("%(count)s CSTĐCS (at least one needed).") % {"count": cstdcs_count}),
        Check(warned_or_worse == 0, _("Nobody disciplined at cảnh cáo or above.") if not warned_or_worse
              else _("%(count)s disciplined at cảnh cáo or above.") % {"count": warned_or_worse}),
    ])


def collective_certificate(rules: RuleSet, *, completed_well: bool, warned_or_worse: int) -> Outcome:
    """Giấy khen (or, proposed, Bằng khen) for a division: it completed its tasks well, nobody warned or worse."""
    return Outcome([
        Check(completed_well, _("The board rated the division as completing its tasks well.") if completed_well
              else _("The board has not rated the division as completing its tasks well.")),
        Check(warned_or_worse == 0, _("Nobody disciplined at cảnh cáo or above.") if not warned_or_worse
              else _("%(count)s disciplined at cảnh cáo or above.") % {"count": warned_or_worse}),
    ])


# --- The council ---


def quorum_met(rules: RuleSet, *, members: int, present: int) -> bool:
    """At least two thirds of all members present (6 of 9 is a quorum, 5 of 9 is not)."""
    return reaches(present, members, rules.quorum)


def council_approves(rules: RuleSet, *, votes: int, present: int, members: int, secret_ballot_title: bool) -> bool:
    """Whether a nominee passes: 70 % of those present, or for CSTĐ cấp tỉnh and above 90 % of all members."""
    if secret_ballot_title:
        return reaches(votes, members, rules.secret_ballot_share)
    return reaches(votes, present, rules.approval_share)
