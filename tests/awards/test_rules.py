"""The rule sets of the year-end (awards/rules.py, DOMAIN.md §5): hand-built cases with exact outcomes."""

from datetime import date
from decimal import Decimal

import pytest

from awards.models import AwardTitle
from awards.rules import (
    MonthScore,
    Rating,
    cstd_province,
    cstdcs,
    cstdcs_quota,
    council_approves,
    htxsnv_quota,
    ldtt,
    quorum_met,
    reward,
    rule_set,
    service_months,
    suggest_rating,
    ttldtt,
    ttldxs,
)

R2023, R2024, R2026 = rule_set("2023"), rule_set("2024"), rule_set("2026")
EVERY = [R2023, R2024, R2026]


def months(*totals, grade=None, vetoed=()):
    def grade_of(total):
        return grade or ("A" if total >= 90 else "B" if total >= 70 else "C" if total >= 50 else "D")

    return [MonthScore(n, total, grade_of(total), n in vetoed) for n, total in enumerate(totals, start=1)]


# --- Quotas ---


@pytest.mark.parametrize(("rated_httnv", "quota"), [(0, 0), (4, 0), (5, 1), (9, 1), (10, 2), (12, 2), (45, 9)])
@pytest.mark.parametrize("rules", EVERY)
def test_htxsnv_is_at_most_a_fifth_of_those_rated_httnv_rounded_down(rules, rated_httnv, quota):
    assert htxsnv_quota(rules, rated_httnv) == quota


@pytest.mark.parametrize(("ldtt_count", "quota"), [(6, 0), (7, 1), (13, 1), (14, 2), (20, 3), (40, 6)])
def test_cstdcs_is_at_most_15_percent_of_ldtt_under_2023_only(ldtt_count, quota):
    assert cstdcs_quota(R2023, ldtt_count) == quota
    assert cstdcs_quota(R2024, ldtt_count) is None and cstdcs_quota(R2026, ldtt_count) is None


# --- Time worked and the suggestion ---


def test_service_months_count_whole_months_to_the_years_end():
    assert service_months(date(2023, 4, 1), 2023) == 9
    assert service_months(date(2023, 3, 1), 2023) == 10
    assert service_months(date(2023, 3, 2), 2023) == 9
    assert service_months(date(2015, 1, 1), 2023) == 108
    assert service_months(date(2024, 1, 1), 2023) == 0


def test_recruited_nine_months_before_the_years_end_is_ldtt_under_2024_not_2023():
    facts = {"year": 2023, "rating": Rating.HTTNV, "recruited": date(2023, 4, 1), "sanctioned": False,
             "under_review": False}
    assert not ldtt(R2023, **facts).eligible
    assert [c.met for c in ldtt(R2023, **facts).checks] == [True, False, True, True]
    assert ldtt(R2024, **facts).eligible and ldtt(R2026, **facts).eligible


@pytest.mark.parametrize(("totals", "rating"), [
    ((95,) * 11 + (90,), Rating.HTXSNV),
    ((100,) * 11 + (89,), Rating.HTXSNV),  # a B month does not stop HTXSNV
    ((100,) * 11 + (69,), Rating.HTTNV),  # average 97.4 but a C month
    ((75,) * 12, Rating.HTTNV),
    ((70,) * 12, Rating.HTTNV),
    ((69,) * 12, Rating.HTNV),
    ((50,) * 12, Rating.HTNV),
    ((49,) * 12, Rating.KHTNV),
])
def test_the_suggestion_follows_the_average_and_the_worst_month(totals, rating):
    assert suggest_rating(R2023, months(*totals), months_worked=12).rating == rating


def test_a_veto_keeps_a_high_average_from_htxsnv():
    suggestion = suggest_rating(R2024, months(*(100,) * 12, vetoed={5}), months_worked=12)
    assert suggestion.rating == Rating.HTTNV and suggestion.average == Decimal("100.00")


def test_fewer_than_six_months_worked_is_not_rated_unless_on_maternity_leave():
    five = months(100, 100, 100, 100, 100)
    assert suggest_rating(R2023, five, months_worked=5).rating is None
    on_leave = suggest_rating(R2023, five, months_worked=5, maternity=True)
    assert on_leave.rating == Rating.HTXSNV and "thai sản" in " ".join(on_leave.reasons)
    assert suggest_rating(R2023, months(*(100,) * 6), months_worked=6).rating == Rating.HTXSNV


@pytest.mark.parametrize(("absent", "rating"), [(2, Rating.HTXSNV), (3, Rating.HTNV), (Decimal("5.9"), Rating.HTNV),
                                                (6, Rating.HTXSNV)])
def test_absent_three_to_under_six_months_is_at_most_htnv(absent, rating):
    # Six months absent and six worked: the time-worked rule is met, the cap no longer applies.
    assert suggest_rating(R2023, months(*(100,) * 8), months_worked=6, months_absent=absent).rating == rating


def test_a_sanction_in_the_year_gives_khtnv_and_no_ldtt():
    suggestion = suggest_rating(R2023, months(*(100,) * 12), months_worked=12, sanctioned=True)
    assert suggestion.rating == Rating.KHTNV
    outcome = ldtt(R2024, year=2023, rating=Rating.HTTNV, recruited=date(2010, 1, 1), sanctioned=True, under_review=False)
    assert [c.met for c in outcome.checks] == [True, True, False, True]


def test_2026_shows_the_suggestion_as_the_general_criteria_part():
    assert R2026.discipline_is_general_criteria and not R2023.discipline_is_general_criteria


# --- Titles ---


def _ldtt(rules, rating=Rating.HTTNV):
    return ldtt(rules, year=2023, rating=rating, recruited=date(2010, 1, 1), sanctioned=False, under_review=False)


def test_cstdcs_needs_an_initiative_under_2023_and_htxsnv_or_an_initiative_after():
    assert not cstdcs(R2023, ldtt_outcome=_ldtt(R2023, Rating.HTXSNV), rating=Rating.HTXSNV, has_initiative=False).eligible
    assert cstdcs(R2023, ldtt_outcome=_ldtt(R2023), rating=Rating.HTTNV, has_initiative=True).eligible
    assert cstdcs(R2024, ldtt_outcome=_ldtt(R2024, Rating.HTXSNV), rating=Rating.HTXSNV, has_initiative=False).eligible
    assert cstdcs(R2024, ldtt_outcome=_ldtt(R2024), rating=Rating.HTTNV, has_initiative=True).eligible
    assert not cstdcs(R2026, ldtt_outcome=_ldtt(R2026), rating=Rating.HTTNV, has_initiative=False).eligible
    assert not cstdcs(R2024, ldtt_outcome=_ldtt(R2024, Rating.HTNV), rating=Rating.HTNV, has_initiative=True).eligible


def test_cstd_province_needs_three_consecutive_cstdcs_years_and_a_provincial_initiative():
    assert cstd_province(R2023, year=2023, cstdcs_years={2021, 2022, 2023}, provincial_initiative=True).eligible
    gap = cstd_province(R2023, year=2023, cstdcs_years={2020, 2022, 2023}, provincial_initiative=True)
    assert not gap.eligible and "2021" in gap.checks[0].reason
    assert not cstd_province(R2024, year=2024, cstdcs_years={2022, 2023, 2024}, provincial_initiative=False).eligible


@pytest.mark.parametrize(("ldtt_count", "eligible"), [(5, False), (6, True)])
def test_ttldtt_needs_more_than_half_of_its_people_ldtt(ldtt_count, eligible):
    outcome = ttldtt(R2023, completed_well=True, people=10, ldtt_count=ldtt_count, warned_or_worse=0)
    assert outcome.eligible is eligible


def test_ttldtt_needs_the_boards_rating_and_nobody_warned():
    assert not ttldtt(R2024, completed_well=False, people=10, ldtt_count=10, warned_or_worse=0).eligible
    assert not ttldtt(R2024, completed_well=True, people=10, ldtt_count=10, warned_or_worse=1).eligible


@pytest.mark.parametrize(("facts", "eligible"), [
    ({"htnv_or_better": 10, "ldtt_count": 7, "cstdcs_count": 1, "warned_or_worse": 0}, True),  # exactly 70 %
    ({"htnv_or_better": 10, "ldtt_count": 6, "cstdcs_count": 1, "warned_or_worse": 0}, False),
    ({"htnv_or_better": 9, "ldtt_count": 9, "cstdcs_count": 1, "warned_or_worse": 0}, False),
    ({"htnv_or_better": 10, "ldtt_count": 10, "cstdcs_count": 0, "warned_or_worse": 0}, False),
    ({"htnv_or_better": 10, "ldtt_count": 10, "cstdcs_count": 2, "warned_or_worse": 1}, False),
])
def test_ttldxs_needs_everyone_htnv_seventy_percent_ldtt_and_a_cstdcs(facts, eligible):
    base = ttldtt(R2023, completed_well=True, people=10, ldtt_count=facts["ldtt_count"], warned_or_worse=0)
    assert ttldxs(R2023, ttldtt_outcome=base, people=10, **facts).eligible is eligible


# --- The council ---


@pytest.mark.parametrize(("members", "present", "met"), [(9, 6, True), (9, 5, False), (3, 2, True), (7, 5, True),
                                                         (7, 4, False), (12, 8, True), (12, 7, False)])
def test_a_quorum_is_two_thirds_of_the_members(members, present, met):
    assert quorum_met(R2023, members=members, present=present) is met


@pytest.mark.parametrize(("votes", "present", "approved"), [(7, 10, True), (6, 10, False), (69, 100, False),
                                                            (70, 100, True), (5, 7, True), (4, 6, False)])
def test_the_sos_titles_need_seventy_percent_of_those_present(votes, present, approved):
    assert council_approves(R2024, votes=votes, present=present, members=100, secret_ballot_title=False) is approved


@pytest.mark.parametrize(("votes", "members", "approved"), [(9, 10, True), (899, 1000, False), (900, 1000, True),
                                                            (8, 9, False), (10, 11, True)])
def test_provincial_titles_need_ninety_percent_of_all_members(votes, members, approved):
    # 8 of 9 is 88.9 %, 899 of 1000 is 89.9 %: both short of 90 %.
    assert council_approves(R2023, votes=votes, present=members, members=members, secret_ballot_title=True) is approved


# --- Rewards ---


def test_rewards_are_multiples_of_the_base_salary_on_the_decision_date():
    assert reward(R2023, AwardTitle.LDTT, date(2023, 6, 30)) == 447_000
    assert reward(R2023, AwardTitle.LDTT, date(2023, 12, 15)) == 540_000
    assert reward(R2024, AwardTitle.CSTDCS, date(2024, 7, 1)) == 2_340_000
    assert reward(R2024, "TTLDXS", date(2025, 1, 10)) == 3_510_000
    assert reward(R2024, AwardTitle.CERTIFICATE, date(2024, 7, 1)) is None


# --- Numbers the Office changes per campaign ---


@pytest.mark.django_db
def test_a_campaign_overrides_the_rule_sets_numbers_and_a_copy_carries_them():
    from campaigns.services import copy_campaign, load_campaign_2023
    from awards.rules import rules_for

    campaign, _created = load_campaign_2023()
    assert rules_for(campaign) == R2023
    campaign.htxsnv_percent, campaign.cstdcs_percent, campaign.ldtt_min_service_months = 10, 20, 12
    campaign.quorum_numerator, campaign.quorum_denominator = 3, 4
    campaign.approval_percent, campaign.secret_ballot_percent = 80, 95
    campaign.reward_multiples = {"LDTT": "0.5"}
    campaign.full_clean()
    campaign.save()
    rules = rules_for(campaign)
    assert htxsnv_quota(rules, 19) == 1 and cstdcs_quota(rules, 10) == 2
    assert not quorum_met(rules, members=8, present=5) and quorum_met(rules, members=8, present=6)
    assert not council_approves(rules, votes=7, present=9, members=9, secret_ballot_title=False)
    assert reward(rules, AwardTitle.LDTT, date(2023, 12, 15)) == 900_000
    assert reward(rules, AwardTitle.CSTDCS, date(2023, 12, 15)) == 1_800_000
    copy = copy_campaign(campaign, year=2024, name="Phong trào năm 2024")
    assert (copy.htxsnv_percent, copy.quorum_denominator, copy.reward_multiples) == (10, 4, {"LDTT": "0.5"})


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "field"), [
    ({"quorum_numerator": 2}, "quorum_denominator"),
    ({"quorum_numerator": 4, "quorum_denominator": 3}, "quorum_numerator"),
    ({"reward_multiples": {"XYZ": "1"}}, "reward_multiples"),
    ({"reward_multiples": {"LDTT": "abc"}}, "reward_multiples"),
    ({"reward_multiples": {"LDTT": "0"}}, "reward_multiples"),
    ({"reward_multiples": ["LDTT"]}, "reward_multiples"),
])
def test_bad_year_end_numbers_are_refused_with_a_message(changes, field):
    from django.core.exceptions import ValidationError

    from campaigns.services import load_campaign_2023

    campaign, _created = load_campaign_2023()
    for name, value in changes.items():
        setattr(campaign, name, value)
    with pytest.raises(ValidationError) as refused:
        campaign.full_clean()
    assert field in refused.value.message_dict
