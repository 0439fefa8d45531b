"""The year-end rules of each rule set (awards/rules.py, DOMAIN.md §5), side by side: the same facts under
``2023``, ``2024`` and ``2026`` with the outcome each set gives written out, at the edges of every number.

tests/awards/test_rules.py holds the first cases of each rule; this file sets the three rule sets against
each other and walks the thresholds one step either side. Messages are compared through gettext: the portal
speaks Vietnamese (settings.LANGUAGE_CODE), and the expected text is the catalogue's for the code's msgid.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import gettext

from awards.models import AwardTitle
from awards.rules import (
    BASE_SALARY,
    MonthScore,
    Outcome,
    Rating,
    base_salary,
    certificate,
    collective_certificate,
    council_approves,
    cstd_province,
    cstdcs,
    cstdcs_quota,
    htxsnv_quota,
    ldtt,
    province_diploma,
    quorum_met,
    rating_cap,
    reaches,
    reward,
    rule_set,
    rules_for,
    service_months,
    share_of,
    suggest_rating,
    ttldtt,
    ttldxs,
)
from campaigns.models import Campaign

SETS = ["2023", "2024", "2026"]


def by_set(expected: dict):
    """Parametrise over the three rule sets with the outcome each gives: ``{"2023": x, "2024": y, "2026": z}``."""
    assert set(expected) == set(SETS)
    return pytest.mark.parametrize(("rules", "expected"), [(rule_set(code), expected[code]) for code in SETS],
                                   ids=SETS)


def every_set():
    return pytest.mark.parametrize("rules", [rule_set(code) for code in SETS], ids=SETS)


def met(outcome: Outcome) -> list[bool]:
    return [check.met for check in outcome.checks]


def full_year(total=100):
    return [MonthScore(month, total, "A" if total >= 90 else "B") for month in range(1, 13)]


def test_each_rule_set_names_its_law():
    assert [rule_set(code).code for code in SETS] == SETS
    assert "91/2017" in rule_set("2023").award_law and "06/2022" not in rule_set("2023").award_law
    assert "98/2023" in rule_set("2024").award_law and "01/2024" in rule_set("2024").award_law
    assert "152/2025" in rule_set("2026").award_law and "335/2025" in rule_set("2026").rating_law
    with pytest.raises(KeyError):
        rule_set("2025")


# --- The quota arithmetic: a share, rounded down ---


@pytest.mark.parametrize(("count", "share", "result"), [
    (12, "0.20", 2), (4, "0.20", 0), (5, "0.20", 1), (0, "0.20", 0), (1, "0.20", 0), (14, "0.20", 2),
    (20, "0.15", 3), (19, "0.15", 2), (33, "0.15", 4), (100, "0.15", 15), (7, "0.15", 1), (6, "0.15", 0),
    (3, "0.10", 0), (10, "0.10", 1), (10, "0.30", 3),  # 0.1 and 0.3 are not exact in binary: Decimal keeps them so
])
def test_share_of_rounds_down_exactly(count, share, result):
    assert share_of(count, Decimal(share)) == result


@pytest.mark.parametrize("count", range(0, 61))
@every_set()
def test_htxsnv_quota_is_a_fifth_of_those_rated_httnv_rounded_down_under_every_set(rules, count):
    assert htxsnv_quota(rules, count) == count * 20 // 100


@pytest.mark.parametrize(("ldtt_count", "quota_2023"), [(0, 0), (1, 0), (6, 0), (7, 1), (13, 1), (14, 2), (33, 4),
                                                         (46, 6), (47, 7), (100, 15)])
@by_set({"2023": True, "2024": False, "2026": False})
def test_cstdcs_quota_is_fifteen_percent_of_ldtt_under_2023_and_none_after(rules, expected, ldtt_count, quota_2023):
    assert cstdcs_quota(rules, ldtt_count) == (quota_2023 if expected else None)


# --- Time worked: service months and the rating cap ---


@pytest.mark.parametrize(("recruited", "months"), [
    (date(2023, 1, 1), 12), (date(2023, 3, 1), 10), (date(2023, 3, 2), 9), (date(2023, 4, 1), 9),
    (date(2023, 7, 1), 6), (date(2023, 7, 2), 5), (date(2023, 12, 31), 0), (date(2022, 12, 31), 12),
    (date(2023, 1, 31), 11), (date(2024, 1, 1), 0),
])
def test_service_months_are_whole_months_to_the_years_end(recruited, months):
    assert service_months(recruited, 2023) == months


@pytest.mark.parametrize(("recruited", "expected"), [
    (date(2023, 3, 1), {"2023": True, "2024": True, "2026": True}),  # 10 months
    (date(2023, 3, 2), {"2023": False, "2024": True, "2026": True}),  # 9 months and 30 days
    (date(2023, 4, 1), {"2023": False, "2024": True, "2026": True}),  # 9 months: the case
    (date(2023, 7, 1), {"2023": False, "2024": True, "2026": True}),  # 6 months
    (date(2023, 7, 2), {"2023": False, "2024": False, "2026": False}),  # 5 months and 30 days
])
def test_ldtt_service_is_ten_months_under_2023_and_six_after(recruited, expected):
    for code in SETS:
        outcome = ldtt(rule_set(code), year=2023, rating=Rating.HTTNV, recruited=recruited, sanctioned=False,
                       under_review=False)
        assert (outcome.eligible, met(outcome)[1]) == (expected[code], expected[code]), code


@by_set({"2023": 10, "2024": 6, "2026": 6})
def test_the_service_check_says_the_months_and_the_minimum(rules, expected):
    outcome = ldtt(rules, year=2023, rating=Rating.HTTNV, recruited=date(2023, 4, 1), sanctioned=False,
                   under_review=False)
    assert outcome.checks[1].reason == gettext(
        "%(months)s months from recruitment to the year's end (at least %(minimum)s).") % {
        "months": 9, "minimum": expected}


def _worked(months):
    return gettext("Worked %(months)s months in the year, fewer than %(minimum)s: not rated.") % {
        "months": months, "minimum": 6}


def _absent(months):
    return gettext("Absent %(months)s months in the year (%(low)s to under %(high)s): at most HTNV.") % {
        "months": months, "low": 3, "high": 6}


@pytest.mark.parametrize(("facts", "cap", "reasons"), [
    ({"months_worked": Decimal("5.9")}, None, [_worked(Decimal("5.9"))]),
    ({"months_worked": Decimal("6.0")}, Rating.HTXSNV, []),
    ({"months_worked": 12}, Rating.HTXSNV, []),
    ({"months_worked": Decimal("5.9"), "maternity": True}, Rating.HTXSNV, []),
    ({"months_worked": 2, "maternity": True}, Rating.HTXSNV, []),
    ({"months_worked": 12, "months_absent": Decimal("2.9")}, Rating.HTXSNV, []),
    ({"months_worked": 9, "months_absent": Decimal("3.0")}, Rating.HTNV, [_absent(Decimal("3.0"))]),
    ({"months_worked": Decimal("6.1"), "months_absent": Decimal("5.9")}, Rating.HTNV, [_absent(Decimal("5.9"))]),
    ({"months_worked": Decimal("6.0"), "months_absent": Decimal("6.0")}, Rating.HTXSNV, []),
    ({"months_worked": 12, "sanctioned": True}, Rating.KHTNV,
     [gettext("A disciplinary sanction in the year: KHTNV.")]),
    ({"months_worked": 8, "months_absent": 4, "sanctioned": True}, Rating.KHTNV,
     [gettext("A disciplinary sanction in the year: KHTNV.")]),
    ({"months_worked": 4, "sanctioned": True}, None, [_worked(4)]),  # not rated comes first
], ids=["5.9-worked", "6.0-worked", "full-year", "maternity-5.9", "maternity-2", "absent-2.9", "absent-3.0",
        "absent-5.9", "absent-6.0", "sanctioned", "sanctioned-and-absent", "sanctioned-not-rated"])
@every_set()
def test_the_rating_cap_at_its_edges_is_the_same_under_every_set(rules, facts, cap, reasons):
    found = rating_cap(rules, **facts)
    assert (found.rating, found.reasons) == (cap, reasons)


@every_set()
def test_the_suggestion_on_maternity_leave_is_rated_on_the_time_worked(rules):
    five = [MonthScore(month, 100, "A") for month in range(1, 6)]
    suggestion = suggest_rating(rules, five, months_worked=Decimal("5.0"), maternity=True)
    assert suggestion.rating == Rating.HTXSNV and suggestion.average == Decimal("100.00")
    assert suggestion.reasons[-1] == gettext("On maternity leave: rated on the time worked.")
    # The same months of sick leave: not rated, whatever the scores.
    assert suggest_rating(rules, five, months_worked=Decimal("5.0")).rating is None


@every_set()
def test_the_suggestion_lowers_to_htnv_for_absence_and_to_khtnv_for_a_sanction(rules):
    assert suggest_rating(rules, full_year(), months_worked=8, months_absent=Decimal("4.0")).rating == Rating.HTNV
    assert suggest_rating(rules, full_year(), months_worked=Decimal("6.1"),
                          months_absent=Decimal("5.9")).rating == Rating.HTNV
    # An HTNV year is not raised or lowered by the absence cap, and a KHTNV year stays KHTNV.
    htnv = suggest_rating(rules, full_year(60), months_worked=8, months_absent=4)
    assert htnv.rating == Rating.HTNV and len(htnv.reasons) == 1
    sanctioned = suggest_rating(rules, full_year(), months_worked=12, sanctioned=True)
    assert sanctioned.rating == Rating.KHTNV
    assert sanctioned.reasons[-1] == gettext("A disciplinary sanction in the year: KHTNV.")


@pytest.mark.parametrize(("totals", "average", "rating"), [
    ((90,) * 11 + (89,), Decimal("89.92"), Rating.HTTNV),  # one point short of an average of 90
    ((90,) * 12, Decimal("90.00"), Rating.HTXSNV),
    ((70,) * 11 + (69,), Decimal("69.92"), Rating.HTNV),
    ((70,) * 12, Decimal("70.00"), Rating.HTTNV),
    ((50,) * 11 + (49,), Decimal("49.92"), Rating.KHTNV),
    ((50,) * 12, Decimal("50.00"), Rating.HTNV),
])
@every_set()
def test_the_suggestions_thresholds_one_point_either_side(rules, totals, average, rating):
    grade = {True: "A", False: "B"}
    months = [MonthScore(n, total, grade[total >= 90] if total >= 70 else "C" if total >= 50 else "D")
              for n, total in enumerate(totals, start=1)]
    suggestion = suggest_rating(rules, months, months_worked=12)
    assert (suggestion.average, suggestion.rating) == (average, rating)


# --- LĐTT, sanctions and reviews ---


@pytest.mark.parametrize(("facts", "checks"), [
    ({"rating": Rating.HTXSNV}, [True, True, True, True]),
    ({"rating": Rating.HTTNV}, [True, True, True, True]),
    ({"rating": Rating.HTNV}, [False, True, True, True]),
    ({"rating": None}, [False, True, True, True]),
    ({"rating": Rating.HTTNV, "sanctioned": True}, [True, True, False, True]),
    ({"rating": Rating.HTTNV, "under_review": True}, [True, True, True, False]),
])
@every_set()
def test_ldtt_needs_httnv_no_sanction_and_no_review_under_every_set(rules, facts, checks):
    facts = {"sanctioned": False, "under_review": False} | facts
    outcome = ldtt(rules, year=2023, recruited=date(2015, 1, 1), **facts)
    assert met(outcome) == checks and outcome.eligible is all(checks)


@every_set()
def test_ldtt_says_why_in_words(rules):
    unrated = ldtt(rules, year=2023, rating=None, recruited=date(2015, 1, 1), sanctioned=True, under_review=True)
    assert [c.reason for c in unrated.checks if not c.met] == [
        gettext("Not rated this year (HTTNV or better needed)."),
        gettext("Disciplined in the year."),
        gettext("Under disciplinary review or investigation."),
    ]
    htnv = ldtt(rules, year=2023, rating=Rating.HTNV, recruited=date(2015, 1, 1), sanctioned=False,
                under_review=False)
    assert htnv.checks[0].reason == gettext("Rated %(rating)s (HTTNV or better needed).") % {"rating": "HTNV"}


# --- CSTĐCS ---


def _ldtt(rules, rating):
    return ldtt(rules, year=2023, rating=rating, recruited=date(2015, 1, 1), sanctioned=False, under_review=False)


@pytest.mark.parametrize(("rating", "initiative", "expected"), [
    # HTXSNV without an initiative: the case.
    (Rating.HTXSNV, False, {"2023": False, "2024": True, "2026": True}),
    (Rating.HTXSNV, True, {"2023": True, "2024": True, "2026": True}),
    (Rating.HTTNV, True, {"2023": True, "2024": True, "2026": True}),
    (Rating.HTTNV, False, {"2023": False, "2024": False, "2026": False}),
    (Rating.HTNV, True, {"2023": False, "2024": False, "2026": False}),  # not LĐTT
])
def test_cstdcs_with_and_without_an_initiative_under_each_set(rating, initiative, expected):
    for code in SETS:
        rules = rule_set(code)
        outcome = cstdcs(rules, ldtt_outcome=_ldtt(rules, rating), rating=rating, has_initiative=initiative)
        assert outcome.eligible is expected[code], code


@by_set({"2023": "required", "2024": "either", "2026": "either"})
def test_cstdcs_explains_the_second_condition_by_set(rules, expected):
    outcome = cstdcs(rules, ldtt_outcome=_ldtt(rules, Rating.HTXSNV), rating=Rating.HTXSNV, has_initiative=False)
    if expected == "required":
        assert not outcome.checks[1].met
        assert outcome.checks[1].reason == gettext(
            "No recognised initiative or accepted research in the year (required).")
    else:
        assert outcome.checks[1].met
        assert outcome.checks[1].reason == gettext("HTXSNV or a recognised initiative: %(which)s.") % {
            "which": "HTXSNV"}
        neither = cstdcs(rules, ldtt_outcome=_ldtt(rules, Rating.HTTNV), rating=Rating.HTTNV, has_initiative=False)
        assert neither.checks[1].reason == gettext("HTXSNV or a recognised initiative: %(which)s.") % {
            "which": gettext("neither")}


@every_set()
def test_cstdcs_is_never_given_to_someone_short_of_ldtt(rules):
    short = ldtt(rules, year=2023, rating=Rating.HTXSNV, recruited=date(2015, 1, 1), sanctioned=True,
                 under_review=False)
    outcome = cstdcs(rules, ldtt_outcome=short, rating=Rating.HTXSNV, has_initiative=True)
    assert met(outcome) == [False, True]
    assert outcome.checks[0].reason == gettext("Does not meet the LĐTT standard.")


# --- CSTĐ cấp tỉnh ---


@pytest.mark.parametrize(("years", "provincial", "checks"), [
    ({2021, 2022, 2023}, True, [True, True]),
    ({2019, 2020, 2021, 2022, 2023}, True, [True, True]),
    ({2021, 2022, 2023}, False, [True, False]),
    ({2020, 2022, 2023}, True, [False, True]),  # a gap year
    ({2021, 2022}, True, [False, True]),  # not this year
    ({2022, 2023, 2024}, True, [False, True]),  # a later year does not stand in for an earlier one
])
@every_set()
def test_cstd_province_needs_three_consecutive_cstdcs_years_and_a_provincial_initiative(rules, years, provincial,
                                                                                      checks):
    outcome = cstd_province(rules, year=2023, cstdcs_years=years, provincial_initiative=provincial)
    assert met(outcome) == checks


@every_set()
def test_cstd_province_names_the_missing_years(rules):
    gap = cstd_province(rules, year=2023, cstdcs_years={2020, 2023}, provincial_initiative=False)
    assert [c.reason for c in gap.checks] == [
        gettext("No CSTĐCS in %(years)s.") % {"years": "2021, 2022"},
        gettext("No initiative with provincial effect."),
    ]
    full = cstd_province(rules, year=2023, cstdcs_years={2021, 2022, 2023}, provincial_initiative=True)
    assert full.checks[0].reason == gettext("CSTĐCS in %(years)s.") % {"years": "2021, 2022, 2023"}


# --- Giấy khen and Bằng khen for a person ---


@every_set()
def test_certificate_and_province_diploma(rules):
    facts = {"rating": Rating.HTTNV, "sanctioned": False, "under_review": False}
    assert certificate(rules, **facts).eligible
    assert not certificate(rules, **(facts | {"rating": Rating.HTNV})).eligible
    assert not certificate(rules, **(facts | {"under_review": True})).eligible
    assert province_diploma(rules, year=2023, certificate_years={2021, 2022}, **facts).eligible
    gap = province_diploma(rules, year=2023, certificate_years={2020, 2022}, **facts)
    assert met(gap) == [True, True, True, False]
    assert gap.checks[-1].reason == gettext("No Giấy khen in %(years)s.") % {"years": "2021"}


# --- Collective titles ---


@pytest.mark.parametrize(("people", "ldtt_count", "passes"), [
    (10, 5, False), (10, 6, True), (2, 1, False), (3, 2, True), (4, 2, False), (4, 3, True), (1, 1, True),
    (1, 0, False), (0, 0, False),
])
@every_set()
def test_ttldtt_needs_more_than_half_ldtt(rules, people, ldtt_count, passes):
    outcome = ttldtt(rules, completed_well=True, people=people, ldtt_count=ldtt_count, warned_or_worse=0)
    assert met(outcome)[1] is passes and outcome.eligible is passes


@every_set()
def test_ttldtt_says_the_count_and_the_share(rules):
    outcome = ttldtt(rules, completed_well=False, people=10, ldtt_count=5, warned_or_worse=2)
    assert [c.reason for c in outcome.checks] == [
        gettext("The board has not rated the division as completing its tasks well."),
        gettext("%(ldtt)s of %(people)s people LĐTT (more than %(share)s%% needed).") % {
            "ldtt": 5, "people": 10, "share": 50},
        gettext("%(count)s disciplined at cảnh cáo or above.") % {"count": 2},
    ]
    assert met(outcome) == [False, False, False]


def _ttldxs(rules, *, people=10, htnv=10, ldtt_count=7, cstdcs_count=1, warned=0, completed_well=True):
    base = ttldtt(rules, completed_well=completed_well, people=people, ldtt_count=ldtt_count, warned_or_worse=warned)
    return ttldxs(rules, ttldtt_outcome=base, people=people, htnv_or_better=htnv, ldtt_count=ldtt_count,
                  cstdcs_count=cstdcs_count, warned_or_worse=warned)


@pytest.mark.parametrize(("facts", "checks"), [
    ({}, [True, True, True, True, True]),  # exactly 70 % LĐTT
    ({"ldtt_count": 6}, [True, True, False, True, True]),  # 60 %: TTLĐTT still, TTLĐXS not
    ({"people": 100, "htnv": 100, "ldtt_count": 69}, [True, True, False, True, True]),  # 69 %
    ({"people": 100, "htnv": 100, "ldtt_count": 70}, [True, True, True, True, True]),
    ({"htnv": 9}, [True, False, True, True, True]),  # one person below HTNV
    ({"cstdcs_count": 0}, [True, True, True, False, True]),
    ({"warned": 1}, [False, True, True, True, False]),  # a cảnh cáo bars both titles
    ({"completed_well": False}, [False, True, True, True, True]),
    ({"people": 3, "htnv": 3, "ldtt_count": 2}, [True, True, False, True, True]),  # 66.7 %
])
@every_set()
def test_ttldxs_at_its_edges(rules, facts, checks):
    outcome = _ttldxs(rules, **facts)
    assert met(outcome) == checks and outcome.eligible is all(checks)


@every_set()
def test_ttldxs_reasons(rules):
    outcome = _ttldxs(rules, htnv=9, ldtt_count=6, cstdcs_count=0)
    assert [c.reason for c in outcome.checks[1:4]] == [
        gettext("%(count)s of %(people)s people HTNV or better (all needed).") % {"count": 9, "people": 10},
        gettext("%(ldtt)s of %(people)s people LĐTT (at least %(share)s%% needed).") % {
            "ldtt": 6, "people": 10, "share": 70},
        gettext("%(count)s CSTĐCS (at least one needed).") % {"count": 0},
    ]


@every_set()
def test_collective_certificate(rules):
    assert collective_certificate(rules, completed_well=True, warned_or_worse=0).eligible
    assert met(collective_certificate(rules, completed_well=True, warned_or_worse=1)) == [True, False]
    assert met(collective_certificate(rules, completed_well=False, warned_or_worse=0)) == [False, True]


# --- The council ---


@pytest.mark.parametrize(("members", "present", "quorum"), [
    (9, 6, True), (9, 5, False), (3, 2, True), (3, 1, False), (10, 7, True), (10, 6, False), (15, 10, True),
    (15, 9, False), (300, 200, True), (300, 199, False), (1, 1, True), (0, 0, False),
])
@every_set()
def test_quorum_is_two_thirds_exactly(rules, members, present, quorum):
    assert quorum_met(rules, members=members, present=present) is quorum


@pytest.mark.parametrize("members", range(1, 121))
def test_quorum_matches_integer_arithmetic_for_every_council_size(members):
    rules = rule_set("2024")
    for present in range(members + 1):
        assert quorum_met(rules, members=members, present=present) is (3 * present >= 2 * members), present


@pytest.mark.parametrize(("votes", "present", "passes"), [
    (7, 10, True), (6, 10, False), (70, 100, True), (69, 100, False), (14, 20, True), (13, 20, False),
    (5, 7, True), (4, 7, False), (0, 0, False),
])
@every_set()
def test_the_sos_titles_need_seventy_percent_of_those_present(rules, votes, present, passes):
    # The members absent do not count: 7 of 10 present passes however large the council.
    assert council_approves(rules, votes=votes, present=present, members=present + 5,
                            secret_ballot_title=False) is passes


@pytest.mark.parametrize(("votes", "members", "passes"), [
    (9, 10, True), (8, 10, False), (899, 1000, False), (900, 1000, True), (18, 20, True), (17, 20, False),
    (10, 11, True), (9, 11, False), (0, 0, False),
])
@every_set()
def test_provincial_titles_need_ninety_percent_of_all_members(rules, votes, members, passes):
    assert council_approves(rules, votes=votes, present=votes, members=members, secret_ballot_title=True) is passes


@every_set()
def test_the_two_thresholds_use_different_bases(rules):
    # 8 of the 9 present vote in favour, on a council of 10: 88.9 % of those present, 80 % of all members.
    assert council_approves(rules, votes=8, present=9, members=10, secret_ballot_title=False)
    assert not council_approves(rules, votes=8, present=9, members=10, secret_ballot_title=True)
    # 9 of 10 members by secret ballot passes, however many were present (written votes included by the caller).
    assert council_approves(rules, votes=9, present=7, members=10, secret_ballot_title=True)


@pytest.mark.parametrize(("part", "whole", "share", "result"), [
    (7, 10, "0.70", True), (69, 100, "0.70", False), (9, 10, "0.90", True), (899, 1000, "0.90", False),
    (0, 0, "0", False), (1, 3, "0.3333", True), (1, 3, "0.3334", False),
])
def test_reaches_is_exact(part, whole, share, result):
    assert reaches(part, whole, Decimal(share)) is result


# --- The Office's numbers per campaign ---


def campaign_of(code, **fields):
    """An unsaved campaign: rules_for reads only its fields."""
    return Campaign(year=2023, rule_set=code, **fields)


@every_set()
def test_a_campaign_without_changes_has_its_sets_rules(rules):
    assert rules_for(campaign_of(rules.code)) is rules


@pytest.mark.parametrize("code", SETS)
def test_a_campaign_moves_the_councils_thresholds(code):
    rules = rules_for(campaign_of(code, quorum_numerator=3, quorum_denominator=4, approval_percent=75,
                                  secret_ballot_percent=80))
    assert not quorum_met(rules, members=9, present=6) and quorum_met(rules, members=8, present=6)
    assert not council_approves(rules, votes=7, present=10, members=10, secret_ballot_title=False)
    assert council_approves(rules, votes=15, present=20, members=20, secret_ballot_title=False)
    assert council_approves(rules, votes=8, present=8, members=10, secret_ballot_title=True)
    assert not council_approves(rules, votes=7, present=10, members=10, secret_ballot_title=True)
    # The set itself is untouched.
    assert quorum_met(rule_set(code), members=9, present=6)


@pytest.mark.parametrize(("code", "ldtt_count", "quota"), [("2023", 10, 2), ("2024", 10, 2), ("2026", 4, 0)])
def test_a_campaign_sets_a_cstdcs_quota_even_where_the_set_has_none(code, ldtt_count, quota):
    rules = rules_for(campaign_of(code, cstdcs_percent=20))
    assert cstdcs_quota(rules, ldtt_count) == quota


@pytest.mark.parametrize("code", SETS)
def test_a_campaign_moves_the_htxsnv_quota_and_ldtt_service(code):
    rules = rules_for(campaign_of(code, htxsnv_percent=10, ldtt_min_service_months=9))
    assert (htxsnv_quota(rules, 19), htxsnv_quota(rules, 20)) == (1, 2)
    assert ldtt(rules, year=2023, rating=Rating.HTTNV, recruited=date(2023, 4, 1), sanctioned=False,
                under_review=False).eligible
    assert not ldtt(rules, year=2023, rating=Rating.HTTNV, recruited=date(2023, 4, 2), sanctioned=False,
                    under_review=False).eligible


# --- Reward amounts ---


@pytest.mark.parametrize(("on", "salary"), [
    (date(2019, 7, 1), 1_490_000), (date(2023, 6, 30), 1_490_000), (date(2023, 7, 1), 1_800_000),
    (date(2023, 12, 29), 1_800_000), (date(2024, 6, 30), 1_800_000), (date(2024, 7, 1), 2_340_000),
    (date(2026, 1, 1), 2_340_000),
])
def test_the_base_salary_in_force_on_the_decision_date(on, salary):
    assert base_salary(on) == salary


def test_no_base_salary_before_the_first_known():
    assert BASE_SALARY[0] == (date(2019, 7, 1), 1_490_000)
    with pytest.raises(ValueError):
        base_salary(date(2019, 6, 30))


@pytest.mark.parametrize(("title", "on", "amount"), [
    (AwardTitle.LDTT, date(2023, 12, 29), 540_000),  # 0.3 × 1,800,000
    (AwardTitle.LDTT, date(2023, 6, 30), 447_000),  # 0.3 × 1,490,000
    (AwardTitle.LDTT, date(2024, 7, 1), 702_000),  # 0.3 × 2,340,000
    (AwardTitle.LDTT, date(2024, 6, 30), 540_000),
    (AwardTitle.CSTDCS, date(2023, 12, 29), 1_800_000),
    (AwardTitle.CSTDCS, date(2023, 6, 30), 1_490_000),
    (AwardTitle.CSTD_PROVINCE, date(2024, 7, 1), 7_020_000),  # 3 × 2,340,000
    ("TTLDTT", date(2023, 12, 29), 1_440_000),  # 0.8 × 1,800,000
    ("TTLDTT", date(2023, 6, 30), 1_192_000),  # 0.8 × 1,490,000
    ("TTLDXS", date(2023, 12, 29), 2_700_000),  # 1.5 × 1,800,000
    ("TTLDXS", date(2024, 7, 1), 3_510_000),
])
@every_set()
def test_reward_is_the_multiple_of_the_base_salary_on_the_decision_date(rules, title, on, amount):
    assert reward(rules, title, on) == amount


@every_set()
def test_no_reward_where_the_set_has_no_multiple(rules):
    assert reward(rules, AwardTitle.CERTIFICATE, date(2024, 7, 1)) is None
    assert reward(rules, AwardTitle.PROVINCE_DIPLOMA, date(2024, 7, 1)) is None


@pytest.mark.parametrize("code", SETS)
def test_a_campaigns_multiple_replaces_only_its_title(code):
    rules = rules_for(campaign_of(code, reward_multiples={"LDTT": "0.5", "TTLDTT": "1"}))
    assert reward(rules, AwardTitle.LDTT, date(2023, 12, 29)) == 900_000
    assert reward(rules, "TTLDTT", date(2024, 7, 1)) == 2_340_000
    assert reward(rules, AwardTitle.CSTDCS, date(2024, 7, 1)) == 2_340_000
    assert reward(rule_set(code), AwardTitle.LDTT, date(2023, 12, 29)) == 540_000
