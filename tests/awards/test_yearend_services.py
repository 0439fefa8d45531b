"""The year-end through its services (awards/services.py) and ``YearState`` (awards/yearend.py), on a small
hand-built department with exact outcomes under each rule set (DOMAIN.md §5).

No month is closed and nobody has a record unless a test gives them one, so everyone in post scores the full
100 points each month of their service: the year of each person is known exactly. The same facts are read
under ``2023``, ``2024`` and ``2026`` by switching the campaign's rule set. Messages are compared through
gettext (the portal speaks Vietnamese): the expected text is the catalogue's for the code's msgid.
"""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from awards import services
from awards.models import (
    Initiative,
    InitiativeLevel,
    Nomination,
    NominationStatus,
    PriorTitle,
    PublicComment,
    Rating,
    Title,
    YearReview,
)
from awards.rules import rule_set
from awards.yearend import YearState, session_result
from campaigns.services import copy_campaign, load_campaign_2023
from campaigns.workdays import WorkCalendar
from discipline.models import AttendanceRecord, AttendanceStatus, Sanction, SanctionKind, SanctionStatus
from organization.models import EmploymentType
from tests.factories import make_division, make_staff, make_user

pytestmark = pytest.mark.django_db

SETS = ["2023", "2024", "2026"]
CIVIL = EmploymentType.CIVIL_SERVANT


@pytest.fixture
def campaign(db):
    campaign, _created = load_campaign_2023()
    return campaign


@pytest.fixture
def office(db):
    return make_user("vanphong_thu")


@pytest.fixture
def head(db):
    return make_user("truongphong_thu")


@pytest.fixture
def board(db):
    return make_user("giamdoc_thu")


@pytest.fixture
def division(db):
    return make_division("P1", name="Phòng Thử nghiệm")


def under(campaign, code: str) -> YearState:
    """The year of ``campaign`` read under rule set ``code``."""
    campaign.rule_set = code
    campaign.save(update_fields=["rule_set"])
    return YearState.build(campaign)


def decided(campaign, staff, rating):
    """The board's rating, set directly (the service is tested on its own)."""
    return YearReview.objects.create(campaign=campaign, staff=staff, rating=rating, decided_at=timezone.now())


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        call(*args, **kwargs)
    return " ".join(refused.value.messages)


def beyond(*problems) -> str:
    return gettext("This rating goes beyond the rules, so it needs a reason: %(problems)s") % {
        "problems": " ".join(problems)}


def worked(months) -> str:
    return gettext("Worked %(months)s months in the year, fewer than %(minimum)s: not rated.") % {
        "months": months, "minimum": 6}


SANCTION = gettext("A disciplinary sanction in the year: KHTNV.")


def service_text(months, minimum) -> str:
    return gettext("%(months)s months from recruitment to the year's end (at least %(minimum)s).") % {
        "months": months, "minimum": minimum}


def away(campaign, staff, status, start, end):
    """``status`` on every working day from ``start`` to ``end``."""
    days = WorkCalendar(campaign).working_days(start, end)
    AttendanceRecord.objects.bulk_create([AttendanceRecord(staff=staff, date=day, status=status) for day in days])
    return len(days)


def sanction(staff, *, kind=SanctionKind.REPRIMAND, status=SanctionStatus.DECIDED, decided_on=date(2023, 6, 15)):
    return Sanction.objects.create(staff=staff, status=status, kind=kind if status == SanctionStatus.DECIDED else "",
                                   opened_on=date(2023, 5, 2), decision_number="12/QĐ-SNgV",
                                   decision_date=decided_on if status == SanctionStatus.DECIDED else None)


def initiative(staff, on=date(2023, 5, 10), level=InitiativeLevel.AGENCY):
    return Initiative.objects.create(staff=staff, title=f"Sáng kiến của {staff.full_name}", level=level,
                                     recognized_on=on)


# --- Time worked ---


@pytest.mark.parametrize(("code", "eligible"), [("2023", False), ("2024", True), ("2026", True)])
def test_recruited_on_1_april_is_ldtt_under_2024_and_2026_not_under_2023(campaign, division, board, code, eligible):
    newcomer = make_staff("Đinh Văn Mới", division=division, recruited=date(2023, 4, 1))
    under(campaign, code)
    review = services.decide_rating(campaign, newcomer, rating=Rating.HTTNV, reason="", by=board)
    assert (review.rating, review.override_reason, review.cap, review.suggested) == (
        Rating.HTTNV, "", Rating.HTXSNV, Rating.HTXSNV)
    person = YearState.build(campaign).people[newcomer.pk]
    assert person.summary.months_served == 9
    outcome = person.titles[Title.LDTT]
    assert outcome.eligible is eligible
    assert outcome.checks[1].reason == service_text(9, 10 if code == "2023" else 6)


def test_a_2024_campaign_copied_from_2023_counts_six_months_and_the_office_can_ask_for_ten(campaign, division, board):
    year = copy_campaign(campaign, year=2024, name="Phong trào thi đua năm 2024")
    assert year.rule_set == "2024"
    newcomer = make_staff("Đinh Văn Mới", division=division, recruited=date(2024, 4, 1))
    services.decide_rating(year, newcomer, rating=Rating.HTTNV, reason="", by=board)
    assert YearState.build(year).people[newcomer.pk].titles[Title.LDTT].eligible
    year.ldtt_min_service_months = 10
    year.save(update_fields=["ldtt_min_service_months"])
    outcome = YearState.build(year).people[newcomer.pk].titles[Title.LDTT]
    assert not outcome.eligible and outcome.checks[1].reason == service_text(9, 10)


def test_fewer_than_six_months_is_not_rated_and_a_proposal_needs_a_reason(campaign, division, head):
    newcomer = make_staff("Đinh Văn Mới", division=division, recruited=date(2023, 9, 1))
    person = YearState.build(campaign).people[newcomer.pk]
    assert (person.cap.rating, person.suggestion.rating) == (None, None)
    message = refusal(services.propose_rating, campaign, newcomer, rating=Rating.HTNV, opinion="Mới tuyển dụng.",
                      reason="", by=head)
    assert message == beyond(worked("4.0"))
    assert not YearReview.objects.filter(staff=newcomer, head_rating__gt="").exists()

    review = services.propose_rating(campaign, newcomer, rating=Rating.HTNV, opinion="Mới tuyển dụng.",
                                     reason="Hoàn thành tốt nhiệm vụ được giao trong thời gian công tác.", by=head)
    review.refresh_from_db()
    assert (review.head_rating, review.head_override_reason, review.cap, review.suggested) == (
        Rating.HTNV, "Hoàn thành tốt nhiệm vụ được giao trong thời gian công tác.", "", "")
    assert review.head_by == head and review.rating == ""
    latest = review.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (head, gettext("Rating proposed by the head"))
    assert latest.head_override_reason == review.head_override_reason
    assert YearState.build(campaign).people[newcomer.pk].overrides


def test_a_reason_for_a_rating_within_the_rules_is_not_kept_as_an_override(campaign, division, head):
    person = make_staff(division=division)
    review = services.propose_rating(campaign, person, rating=Rating.HTTNV, opinion="Tốt.", reason="Không cần.",
                                     by=head)
    assert review.head_override_reason == "" and not YearState.build(campaign).people[person.pk].overrides


def test_maternity_leave_is_rated_on_the_time_worked_and_sick_leave_is_not(campaign, division, board):
    mother = make_staff("Trần Thị Mẹ", division=division, gender="female")
    ill = make_staff("Lê Văn Ốm", division=division)
    assert away(campaign, mother, AttendanceStatus.MATERNITY, date(2023, 1, 1), date(2023, 7, 31)) == 143
    away(campaign, ill, AttendanceStatus.SICK, date(2023, 1, 1), date(2023, 7, 31))
    state = YearState.build(campaign)
    # 143 of the year's 250 working days away: 6.9 months, so 5.1 worked.
    assert state.people[mother.pk].cap.rating == Rating.HTXSNV
    assert gettext("On maternity leave: rated on the time worked.") in state.people[mother.pk].suggestion.reasons
    assert state.people[ill.pk].cap.rating is None
    assert state.people[ill.pk].cap.reasons == [worked("5.1")]

    review = services.decide_rating(campaign, mother, rating=Rating.HTTNV, reason="", by=board)
    assert review.rating == Rating.HTTNV and review.override_reason == ""
    assert refusal(services.decide_rating, campaign, ill, rating=Rating.HTTNV, reason="", by=board) == beyond(
        worked("5.1"))


def test_absent_four_months_is_at_most_htnv(campaign, division, head):
    person = make_staff("Lê Văn Ốm", division=division)
    assert away(campaign, person, AttendanceStatus.SICK, date(2023, 2, 1), date(2023, 5, 31)) == 84
    capped = gettext("Absent %(months)s months in the year (%(low)s to under %(high)s): at most HTNV.") % {
        "months": "4.0", "low": 3, "high": 6}
    state = YearState.build(campaign)
    assert (state.people[person.pk].cap.rating, state.people[person.pk].cap.reasons) == (Rating.HTNV, [capped])
    assert state.people[person.pk].suggestion.rating == Rating.HTNV
    assert refusal(services.propose_rating, campaign, person, rating=Rating.HTTNV, opinion="Ốm dài ngày.", reason="",
                   by=head) == beyond(capped)
    review = services.propose_rating(campaign, person, rating=Rating.HTNV, opinion="Ốm dài ngày.", reason="", by=head)
    assert (review.head_rating, review.head_override_reason, review.cap) == (Rating.HTNV, "", Rating.HTNV)


# --- Sanctions and reviews ---


@pytest.mark.parametrize("code", SETS)
def test_a_decided_sanction_caps_the_rating_at_khtnv_and_bars_ldtt(campaign, division, head, code):
    person = make_staff("Phạm Văn Phạt", division=division)
    sanction(person)
    state = under(campaign, code)
    year = state.people[person.pk]
    assert (year.cap.rating, year.cap.reasons, year.suggestion.rating) == (Rating.KHTNV, [SANCTION], Rating.KHTNV)
    assert year.sanctioned and not year.under_review

    assert refusal(services.propose_rating, campaign, person, rating=Rating.HTTNV, opinion="Vẫn cố gắng.", reason="",
                   by=head) == beyond(SANCTION)
    services.propose_rating(campaign, person, rating=Rating.HTTNV, opinion="Vẫn cố gắng.",
                            reason="Khiển trách từ việc năm trước.", by=head)
    outcome = YearState.build(campaign).people[person.pk].titles[Title.LDTT]
    assert [check.met for check in outcome.checks] == [True, True, False, True]
    assert outcome.checks[2].reason == gettext("Disciplined in the year.")


def test_only_a_sanction_decided_in_the_year_counts(campaign, division):
    last_year = make_staff("Phạm Văn Cũ", division=division)
    sanction(last_year, decided_on=date(2022, 12, 30))
    cancelled = make_staff("Phạm Văn Hủy", division=division)
    Sanction.objects.create(staff=cancelled, status=SanctionStatus.CANCELLED, opened_on=date(2023, 5, 2))
    state = YearState.build(campaign)
    for staff in (last_year, cancelled):
        person = state.people[staff.pk]
        assert (person.cap.rating, person.sanctioned, person.under_review) == (Rating.HTXSNV, False, False)


@pytest.mark.parametrize("code", SETS)
def test_under_review_is_not_eligible_for_any_title(campaign, division, office, code):
    person = make_staff("Vũ Văn Xét", division=division)
    sanction(person, status=SanctionStatus.UNDER_REVIEW)
    decided(campaign, person, Rating.HTXSNV)
    initiative(person, level=InitiativeLevel.PROVINCE)
    state = under(campaign, code)
    year = state.people[person.pk]
    assert year.under_review and not year.sanctioned and year.cap.rating == Rating.HTXSNV
    review = gettext("Under disciplinary review or investigation.")
    for title in (Title.LDTT, Title.CSTDCS, Title.CERTIFICATE, Title.CSTD_PROVINCE, Title.PROVINCE_DIPLOMA):
        assert not year.titles[title].eligible, title
    assert [c.reason for c in year.titles[Title.LDTT].checks if not c.met] == [review]
    message = refusal(services.nominate, campaign, Title.LDTT, by=office, achievement="Hoàn thành xuất sắc.",
                      staff=person)
    assert message == gettext("%(name)s is under disciplinary review or investigation: nobody under review may be "
                              "proposed or awarded.") % {"name": person.full_name}


def test_nobody_under_review_may_be_proposed_even_with_a_reason(campaign, division, office):
    person = make_staff("Vũ Văn Xét", division=division)
    sanction(person, status=SanctionStatus.UNDER_REVIEW)
    decided(campaign, person, Rating.HTTNV)
    with pytest.raises(ValidationError):
        services.nominate(campaign, Title.LDTT, by=office, achievement="Hoàn thành tốt.", staff=person,
                          reason="Đề nghị xem xét.")


# --- The HTXSNV quota ---


def test_htxsnv_beyond_the_groups_quota_needs_a_reason(campaign, division, board):
    # A group of six civil servants, five decided HTTNV, the sixth suggested HTXSNV: six rated HTTNV or better,
    # so one place; a contract worker is in a group of their own.
    well = [make_staff(f"Người Tốt {n}", division=division) for n in range(5)]
    first = make_staff("Người Xuất Sắc", division=division)
    contract = make_staff("Người Hợp Đồng", division=division, employment_type=EmploymentType.CONTRACT)
    for staff in well:
        decided(campaign, staff, Rating.HTTNV)
    quotas = YearState.build(campaign).htxsnv_quotas()
    assert (quotas[CIVIL].used, quotas[CIVIL].places) == (0, 1)
    assert (quotas[EmploymentType.CONTRACT].used, quotas[EmploymentType.CONTRACT].places) == (0, 0)

    review = services.decide_rating(campaign, first, rating=Rating.HTXSNV, reason="", by=board)
    assert (review.rating, review.override_reason) == (Rating.HTXSNV, "")
    # The second HTXSNV of the group: beyond its one place.
    second = well[0]
    over = gettext("HTXSNV beyond the quota of the group: %(used)s for %(places)s places.") % {"used": 2, "places": 1}
    assert refusal(services.decide_rating, campaign, second, rating=Rating.HTXSNV, reason="", by=board) == beyond(over)
    assert YearReview.objects.get(campaign=campaign, staff=second).rating == Rating.HTTNV

    review = services.decide_rating(campaign, second, rating=Rating.HTXSNV, reason="Sáng kiến cấp tỉnh năm 2023.",
                                    by=board)
    review.refresh_from_db()
    assert (review.rating, review.override_reason, review.decided_by) == (
        Rating.HTXSNV, "Sáng kiến cấp tỉnh năm 2023.", board)
    assert review.history.latest().history_change_reason == gettext("Rating decided by the board")
    state = YearState.build(campaign)
    quota = state.htxsnv_quotas()[CIVIL]
    assert (quota.used, quota.places, quota.over) == (2, 1, True)
    assert str(quota) == gettext("%(label)s: %(used)s of %(places)s places used") % {
        "label": gettext("HTXSNV, %(group)s") % {"group": EmploymentType.CIVIL_SERVANT.label}, "used": 2, "places": 1}
    assert state.people[second.pk].overrides and not state.people[first.pk].overrides
    # The contract worker's group has no place: their HTXSNV needs a reason too.
    over = gettext("HTXSNV beyond the quota of the group: %(used)s for %(places)s places.") % {"used": 1, "places": 0}
    assert refusal(services.decide_rating, campaign, contract, rating=Rating.HTXSNV, reason="",
                   by=board) == beyond(over)


@pytest.mark.parametrize(("group", "places"), [(4, 0), (5, 1), (9, 1), (10, 2)])
def test_a_small_group_has_no_htxsnv_place(campaign, division, board, group, places):
    people = [make_staff(f"Người {n}", division=division) for n in range(group)]
    for staff in people[1:]:
        decided(campaign, staff, Rating.HTTNV)
    assert YearState.build(campaign).htxsnv_quotas()[CIVIL].places == places
    if places:
        assert services.decide_rating(campaign, people[0], rating=Rating.HTXSNV, reason="", by=board).rating
    else:
        over = gettext("HTXSNV beyond the quota of the group: %(used)s for %(places)s places.") % {
            "used": 1, "places": 0}
        assert refusal(services.decide_rating, campaign, people[0], rating=Rating.HTXSNV, reason="",
                       by=board) == beyond(over)


# --- CSTĐCS and CSTĐ cấp tỉnh ---


@pytest.mark.parametrize(("code", "expected"), [
    ("2023", {"excellent": False, "initiative": True, "old": False}),
    ("2024", {"excellent": True, "initiative": True, "old": False}),
    ("2026", {"excellent": True, "initiative": True, "old": False}),
])
def test_cstdcs_with_and_without_an_initiative(campaign, division, code, expected):
    people = {
        "excellent": make_staff("Người Xuất Sắc", division=division),  # HTXSNV, no initiative
        "initiative": make_staff("Người Sáng Kiến", division=division),  # HTTNV, an initiative this year
        "old": make_staff("Người Sáng Kiến Cũ", division=division),  # HTTNV, last year's initiative only
    }
    decided(campaign, people["excellent"], Rating.HTXSNV)
    decided(campaign, people["initiative"], Rating.HTTNV)
    decided(campaign, people["old"], Rating.HTTNV)
    initiative(people["initiative"])
    initiative(people["old"], on=date(2022, 11, 20))
    state = under(campaign, code)
    assert {key: state.people[staff.pk].titles[Title.CSTDCS].eligible for key, staff in people.items()} == expected
    assert all(state.people[staff.pk].titles[Title.LDTT].eligible for staff in people.values())


@pytest.mark.parametrize(("code", "expected"), [
    ("2023", {"steady": True, "gap": False, "no_initiative": False}),
    ("2024", {"steady": True, "gap": False, "no_initiative": True}),
    ("2026", {"steady": True, "gap": False, "no_initiative": True}),
])
def test_cstd_province_with_and_without_three_consecutive_cstdcs_years(campaign, division, code, expected):
    steady = make_staff("Người Ba Năm", division=division)  # CSTĐCS 2021, 2022 and this year by an initiative
    gap = make_staff("Người Ngắt Quãng", division=division)  # CSTĐCS 2020 and 2022: no 2021
    no_initiative = make_staff("Người Không Sáng Kiến", division=division)  # HTXSNV, last year's provincial initiative
    for staff, years in ((steady, (2021, 2022)), (gap, (2020, 2022)), (no_initiative, (2021, 2022))):
        for year in years:
            PriorTitle.objects.create(staff=staff, year=year, title="CSTDCS")
    decided(campaign, steady, Rating.HTTNV)
    decided(campaign, gap, Rating.HTTNV)
    decided(campaign, no_initiative, Rating.HTXSNV)
    initiative(steady, level=InitiativeLevel.PROVINCE)
    initiative(gap, level=InitiativeLevel.PROVINCE)
    initiative(no_initiative, on=date(2022, 10, 1), level=InitiativeLevel.PROVINCE)
    state = under(campaign, code)
    outcomes = {key: state.people[staff.pk].titles[Title.CSTD_PROVINCE]
                for key, staff in (("steady", steady), ("gap", gap), ("no_initiative", no_initiative))}
    assert {key: outcome.eligible for key, outcome in outcomes.items()} == expected
    assert outcomes["gap"].checks[0].reason == gettext("No CSTĐCS in %(years)s.") % {"years": "2021"}
    assert outcomes["steady"].checks[0].reason == gettext("CSTĐCS in %(years)s.") % {"years": "2021, 2022, 2023"}
    if code == "2023":
        assert outcomes["no_initiative"].checks[0].reason == gettext("No CSTĐCS in %(years)s.") % {"years": "2023"}


def test_cstd_province_needs_a_provincial_initiative(campaign, division):
    person = make_staff("Người Ba Năm", division=division)
    for year in (2021, 2022):
        PriorTitle.objects.create(staff=person, year=year, title="CSTDCS")
    decided(campaign, person, Rating.HTTNV)
    initiative(person)  # recognised by the department only
    outcome = under(campaign, "2024").people[person.pk].titles[Title.CSTD_PROVINCE]
    assert [c.met for c in outcome.checks] == [True, False, True, True]
    assert outcome.checks[1].reason == gettext("No initiative with provincial effect.")


# --- Nominations ---


def test_an_ineligible_nomination_needs_a_reason_and_is_flagged(campaign, division, office):
    newcomer = make_staff("Đinh Văn Mới", division=division, recruited=date(2023, 4, 1))
    decided(campaign, newcomer, Rating.HTTNV)
    unmet = service_text(9, 10)
    message = refusal(services.nominate, campaign, Title.LDTT, by=office, achievement="Hoàn thành tốt nhiệm vụ.",
                      staff=newcomer)
    assert message == gettext("%(name)s does not meet every condition of the title (%(unmet)s), so the nomination "
                              "needs a reason.") % {"name": newcomer.full_name, "unmet": unmet}
    assert not Nomination.objects.exists()

    nomination = services.nominate(campaign, Title.LDTT, by=office, achievement="Hoàn thành tốt nhiệm vụ.",
                                   staff=newcomer, reason="Chuyển công tác từ cơ quan khác, đủ 12 tháng công tác.")
    nomination.refresh_from_db()
    assert (nomination.eligible, nomination.flagged, nomination.unmet, nomination.ineligible_reason) == (
        False, True, unmet, "Chuyển công tác từ cơ quan khác, đủ 12 tháng công tác.")
    assert (nomination.status, nomination.division, nomination.proposed_by) == (
        NominationStatus.PROPOSED, division, office)
    assert nomination.history.latest().history_change_reason == gettext("Nominated")
    assert refusal(services.nominate, campaign, Title.LDTT, by=office, achievement="Lần nữa.", staff=newcomer,
                   reason="x") == gettext("%(name)s is already nominated for this title.") % {
        "name": newcomer.full_name}
    # Under 2024 the same person is eligible: a new nomination is not flagged and keeps no reason.
    services.withdraw(nomination, reason="Nộp lại theo bộ quy tắc mới.", by=office)
    under(campaign, "2024")
    again = services.nominate(campaign, Title.LDTT, by=office, achievement="Hoàn thành tốt nhiệm vụ.",
                              staff=newcomer, reason="Không cần.")
    assert (again.eligible, again.unmet, again.ineligible_reason) == (True, "", "")


def _cstdcs_department(campaign, division, ldtt_people: int):
    people = [make_staff(f"Người {n:02d}", division=division) for n in range(ldtt_people)]
    for staff in people:
        decided(campaign, staff, Rating.HTTNV)
    for staff in people[:2]:
        initiative(staff)
    return people


def _quota_full(used, places) -> str:
    quota = gettext("%(label)s: %(used)s of %(places)s places used") % {
        "label": gettext("CSTĐCS"), "used": used, "places": places}
    return gettext("%(quota)s: the shortlist is full for this title. The board may override the quota with a "
                   "reason.") % {"quota": quota}


def test_the_2023_cstdcs_quota_stops_the_shortlist_until_the_board_overrides(campaign, division, office, board):
    # Seven LĐTT: 15 per cent is 1.05, so one place.
    first_person, second_person, *_rest = _cstdcs_department(campaign, division, 7)
    assert YearState.build(campaign).cstdcs_quota().places == 1
    first, second = (services.nominate(campaign, Title.CSTDCS, by=office, achievement="Sáng kiến được công nhận.",
                                       staff=staff) for staff in (first_person, second_person))
    assert first.eligible and second.eligible
    assert services.shortlist(first, by=office).status == NominationStatus.SHORTLISTED
    assert refusal(services.shortlist, second, by=office) == _quota_full(1, 1)
    second.refresh_from_db()
    assert second.status == NominationStatus.PROPOSED

    assert refusal(services.override_quota, second, reason="  ", by=board) == gettext(
        "Give the reason for exceeding the quota.")
    services.override_quota(second, reason="Hai sáng kiến áp dụng toàn Sở.", by=board)
    second = services.shortlist(second, by=office)
    second.refresh_from_db()
    assert (second.status, second.quota_override_reason) == (NominationStatus.SHORTLISTED,
                                                             "Hai sáng kiến áp dụng toàn Sở.")
    quota = YearState.build(campaign).cstdcs_quota()
    assert (quota.used, quota.places, quota.over) == (2, 1, True)
    assert refusal(services.override_quota, second, reason="Lần nữa.", by=board) == gettext(
        "Only a proposed nomination waits for a quota override.")


def test_six_ldtt_leave_no_cstdcs_place_under_2023(campaign, division, office):
    first_person, *_rest = _cstdcs_department(campaign, division, 6)
    nomination = services.nominate(campaign, Title.CSTDCS, by=office, achievement="Sáng kiến.", staff=first_person)
    assert refusal(services.shortlist, nomination, by=office) == _quota_full(0, 0)


@pytest.mark.parametrize("code", ["2024", "2026"])
def test_no_cstdcs_quota_after_2023(campaign, division, office, code):
    people = _cstdcs_department(campaign, division, 6)
    under(campaign, code)
    assert YearState.build(campaign).cstdcs_quota().places is None
    for staff in people[:2]:
        nomination = services.nominate(campaign, Title.CSTDCS, by=office, achievement="Sáng kiến.", staff=staff)
        assert services.shortlist(nomination, by=office).status == NominationStatus.SHORTLISTED


# --- The council and the board's decision ---


@pytest.fixture
def members(db):
    council = make_division("HD", name="Hội đồng Thi đua - Khen thưởng")
    return [make_staff(f"Ủy viên {n:02d}", division=council) for n in range(10)]


def record(campaign, office, members, votes, *, present=None, written=0, method="hands", held_on=date(2023, 12, 20)):
    """A council session of ``members``: the first ``present`` present, the next ``written`` absent with a
    written vote; ``votes``: [(nomination, votes of those present, written votes)]."""
    present = len(members) if present is None else present
    return services.record_session(
        campaign, by=office,
        data={"held_on": held_on, "started_at": time(8), "ended_at": time(10, 30), "place": "Phòng họp tầng 2",
              "chair": members[0], "secretary": members[1], "method": method},
        members=[{"staff": staff, "council_role": "", "present": n < present,
                  "written_vote": present <= n < present + written} for n, staff in enumerate(members)],
        votes=[{"nomination": nomination, "votes_for": votes_for, "written_for": written_for}
               for nomination, votes_for, written_for in votes],
    )


def shortlisted_ldtt(campaign, office, staff):
    decided(campaign, staff, Rating.HTTNV)
    nomination = services.nominate(campaign, Title.LDTT, by=office, achievement="Hoàn thành tốt nhiệm vụ.",
                                   staff=staff)
    return services.shortlist(nomination, by=office)


NOT_PASSED = "The council has not passed this nomination: it cannot be approved."


def test_the_board_approves_only_what_the_council_passed(campaign, division, office, board, members):
    nomination = shortlisted_ldtt(campaign, office, make_staff("Người Được Đề Nghị", division=division))
    assert refusal(services.decide, nomination, approve=True, reason="", by=board) == gettext(NOT_PASSED)
    # 6 of the 10 present: 60 per cent, short of 70.
    session = record(campaign, office, members, [(nomination, 6, 0)])
    result = session_result(session, rule_set("2023"))
    assert (result.quorum, result.votes[0].passed, result.votes[0].percent) == (True, False, 60)
    assert refusal(services.decide, nomination, approve=True, reason="", by=board) == gettext(NOT_PASSED)
    # The minutes corrected: 7 of 10, exactly 70 per cent.
    services.record_session(
        campaign, by=office, session=session, version=session.version,
        data={"held_on": session.held_on, "started_at": session.started_at, "ended_at": session.ended_at,
              "place": session.place, "chair": session.chair, "secretary": session.secretary, "method": "hands"},
        members=[{"staff": staff, "council_role": "", "present": True, "written_vote": False} for staff in members],
        votes=[{"nomination": nomination, "votes_for": 7, "written_for": 0}],
    )
    approved = services.decide(nomination, approve=True, reason="", by=board)
    approved.refresh_from_db()
    assert (approved.status, approved.decided_by) == (NominationStatus.APPROVED, board)
    assert approved.history.latest().history_change_reason == gettext("Approved by the board")


def test_a_campaigns_threshold_changes_what_passes(campaign, division, office, board, members):
    nomination = shortlisted_ldtt(campaign, office, make_staff("Người Được Đề Nghị", division=division))
    record(campaign, office, members, [(nomination, 7, 0)])
    campaign.approval_percent = 75
    campaign.save(update_fields=["approval_percent"])
    assert not YearState.build(campaign).council_results()[nomination.pk].passed
    assert refusal(services.decide, nomination, approve=True, reason="", by=board) == gettext(NOT_PASSED)


@pytest.mark.parametrize(("present", "quorum"), [(6, True), (5, False)])
def test_a_vote_without_a_quorum_does_not_count(campaign, division, office, members, present, quorum):
    nomination = shortlisted_ldtt(campaign, office, make_staff("Người Được Đề Nghị", division=division))
    session = record(campaign, office, members[:9], [(nomination, present, 0)], present=present)
    result = session_result(session, rule_set("2023"))
    assert (result.members, result.present, result.quorum) == (9, present, quorum)
    vote = result.votes[0]
    assert vote.passed is quorum
    if not quorum:
        assert vote.reason == gettext("No quorum: the vote does not count.")
    else:
        assert vote.reason == gettext("%(votes)s of %(present)s members present (at least %(share)s%% needed).") % {
            "votes": 6, "present": 6, "share": 70}


@pytest.mark.parametrize(("present", "written", "votes_for", "written_for", "method", "passes"), [
    (8, 2, 7, 2, "secret", True),  # 9 of 10 members, written votes included: exactly 90 per cent
    (8, 2, 7, 1, "secret", False),  # 8 of 10
    (10, 0, 9, 0, "secret", True),
    (8, 0, 8, 0, "secret", False),  # everyone present for, but 80 per cent of all members
    (10, 0, 10, 0, "hands", False),  # unanimous, but not by secret ballot
])
def test_cstd_province_needs_a_secret_ballot_of_ninety_percent_of_all_members(
        campaign, division, office, members, present, written, votes_for, written_for, method, passes):
    person = make_staff("Người Ba Năm", division=division)
    decided(campaign, person, Rating.HTTNV)
    nomination = services.nominate(campaign, Title.CSTD_PROVINCE, by=office, achievement="Ba năm CSTĐCS.",
                                   staff=person, reason="Đề nghị theo thành tích.")
    nomination = services.shortlist(nomination, by=office)
    session = record(campaign, office, members, [(nomination, votes_for, written_for)], present=present,
                     written=written, method=method)
    result = session_result(session, rule_set("2024"))
    vote = result.votes[0]
    assert (result.written, vote.passed) == (written, passes)
    if method == "hands":
        assert vote.reason == gettext("Needs a secret ballot.")
    else:
        assert (vote.counted, vote.base) == (votes_for + written_for, 10)
        assert vote.reason == gettext("%(votes)s of %(members)s members, written votes included (at least "
                                      "%(share)s%% of all members needed).") % {
            "votes": votes_for + written_for, "members": 10, "share": 90}


def test_a_rejection_needs_a_reason(campaign, division, office, board):
    nomination = shortlisted_ldtt(campaign, office, make_staff("Người Bị Loại", division=division))
    assert refusal(services.decide, nomination, approve=False, reason=" ", by=board) == gettext(
        "Give the reason for rejecting the nomination.")
    rejected = services.decide(nomination, approve=False, reason="Chưa đủ thành tích.", by=board)
    rejected.refresh_from_db()
    assert (rejected.status, rejected.decision_reason) == (NominationStatus.REJECTED, "Chưa đủ thành tích.")
    assert refusal(services.decide, rejected, approve=False, reason="Lần nữa.", by=board) == gettext(
        "Only a nomination on the shortlist can be approved or rejected.")


def test_nobody_under_review_is_approved(campaign, division, office, board, members):
    person = make_staff("Người Được Đề Nghị", division=division)
    nomination = shortlisted_ldtt(campaign, office, person)
    record(campaign, office, members, [(nomination, 10, 0)])
    sanction(person, status=SanctionStatus.UNDER_REVIEW)
    with pytest.raises(ValidationError):
        services.decide(nomination, approve=True, reason="", by=board)


def approved_ldtt(campaign, office, board, members, staff):
    nomination = shortlisted_ldtt(campaign, office, staff)
    record(campaign, office, members, [(nomination, 8, 0)])
    return services.decide(nomination, approve=True, reason="", by=board)


# --- Revocation ---


def test_an_award_is_revoked_with_a_reason_and_a_date_and_kept(campaign, division, office, board, members):
    person = make_staff("Người Bị Thu Hồi", division=division)
    award = approved_ldtt(campaign, office, board, members, person)
    assert refusal(services.revoke, award, on=date(2024, 3, 1), reason=" ", by=board) == gettext(
        "Give the reason for the revocation.")
    assert refusal(services.revoke, award, on=timezone.localdate() + timedelta(days=1), reason="Sai.",
                   by=board) == gettext("The revocation date cannot be in the future.")
    revoked = services.revoke(award, on=date(2024, 3, 1), reason="Hồ sơ kê khai không trung thực.", by=board)
    revoked = Nomination.objects.get(pk=award.pk)
    assert (revoked.status, revoked.revoked_on, revoked.revoked_reason) == (
        NominationStatus.REVOKED, date(2024, 3, 1), "Hồ sơ kê khai không trung thực.")
    assert revoked.get_status_display() == NominationStatus.REVOKED.label
    latest = revoked.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (board, gettext("Revoked"))
    assert refusal(services.revoke, revoked, on=date(2024, 3, 2), reason="Lần nữa.", by=board) == gettext(
        "Only an approved award can be revoked.")
    # A revoked award holds no place: it leaves the shortlist's count.
    assert [n.pk for n in YearState.build(campaign).nominations_sorted(statuses=[NominationStatus.REVOKED])] == [
        award.pk]


def test_only_an_approved_award_can_be_revoked(campaign, division, office, board):
    nomination = shortlisted_ldtt(campaign, office, make_staff("Người Chưa Duyệt", division=division))
    assert refusal(services.revoke, nomination, on=date(2024, 1, 5), reason="Sai.", by=board) == gettext(
        "Only an approved award can be revoked.")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.revoked_on, nomination.revoked_reason) == (
        NominationStatus.SHORTLISTED, None, "")


# --- Publication for comments ---


def test_nothing_to_publish_before_an_approval(campaign, division, office):
    shortlisted_ldtt(campaign, office, make_staff(division=division))
    assert refusal(services.publish, campaign, days=10, by=office) == gettext(
        "The board has approved no nomination yet: there is nothing to publish.")


def test_a_comment_on_the_last_day_of_the_period_is_taken(campaign, division, office, board, members):
    award = approved_ldtt(campaign, office, board, members, make_staff("Người Được Khen", division=division))
    reader = make_user("canbo_thu")
    notice = services.publish(campaign, days=10, by=office, on=timezone.localdate() - timedelta(days=9))
    assert refusal(services.publish, campaign, days=10, by=office) == gettext(
        "The list of %(year)s is already published.") % {"year": 2023}
    found = services.comment(notice, text="  Đồng ý với danh sách.  ", by=reader, nomination=award)
    assert (found.text, found.nomination, found.author) == ("Đồng ý với danh sách.", award, reader)
    assert refusal(services.comment, notice, text="", by=reader) == gettext("Write your comment.")


def test_no_comment_after_the_period(campaign, division, office, board, members):
    approved_ldtt(campaign, office, board, members, make_staff("Người Được Khen", division=division))
    start = timezone.localdate() - timedelta(days=10)
    notice = services.publish(campaign, days=10, by=office, on=start)
    assert refusal(services.comment, notice, text="Góp ý muộn.", by=office) == gettext(
        "The list is open for comments from %(start)s until %(end)s.") % {
        "start": start.strftime("%d/%m/%Y"), "end": (start + timedelta(days=9)).strftime("%d/%m/%Y")}
    assert not PublicComment.objects.exists()


def test_a_comment_is_about_a_nominee_of_the_list(campaign, division, office, board, members):
    approved_ldtt(campaign, office, board, members, make_staff("Người Được Khen", division=division))
    proposed = services.nominate(campaign, Title.LDTT, by=office, achievement="Tốt.", staff=make_staff(
        "Người Mới Đề Nghị", division=division), reason="Chưa xếp loại.")
    notice = services.publish(campaign, days=5, by=office)
    assert refusal(services.comment, notice, text="Góp ý.", by=office, nomination=proposed) == gettext(
        "Comment on a nominee of the published list.")


# --- The division's titles ---


def _division_of_four(campaign, division, ratings=(Rating.HTTNV, Rating.HTTNV, Rating.HTTNV, Rating.HTNV)):
    people = [make_staff(f"Thành viên {n}", division=division) for n in range(len(ratings))]
    for staff, rating in zip(people, ratings):
        decided(campaign, staff, rating)
    return people


def test_ttldtt_follows_the_boards_rating_of_the_division(campaign, division, office, board):
    _division_of_four(campaign, division)
    outcome = YearState.build(campaign).by_division[division.pk].titles[Title.TTLDTT]
    assert [c.met for c in outcome.checks] == [False, True, True]
    assert outcome.checks[0].reason == gettext("The board has not rated the division as completing its tasks well.")
    assert outcome.checks[1].reason == gettext("%(ldtt)s of %(people)s people LĐTT (more than %(share)s%% needed).") % {
        "ldtt": 3, "people": 4, "share": 50}

    review = services.rate_division(campaign, division, rating=Rating.HTTNV, note="Hoàn thành tốt.", by=board)
    assert YearState.build(campaign).by_division[division.pk].titles[Title.TTLDTT].eligible
    nomination = services.nominate(campaign, Title.TTLDTT, by=office, achievement="Tập thể hoàn thành tốt.",
                                   division=division)
    assert (nomination.eligible, nomination.staff, nomination.division) == (True, None, division)

    services.rate_division(campaign, division, rating=Rating.HTNV, note="Chỉ hoàn thành.", by=board,
                           version=review.version)
    assert not YearState.build(campaign).by_division[division.pk].titles[Title.TTLDTT].eligible


def test_ttldtt_needs_more_than_half_ldtt(campaign, division, board):
    _division_of_four(campaign, division, (Rating.HTTNV, Rating.HTTNV, Rating.HTNV, Rating.HTNV))
    services.rate_division(campaign, division, rating=Rating.HTXSNV, note="", by=board)
    outcome = YearState.build(campaign).by_division[division.pk].titles[Title.TTLDTT]
    assert [c.met for c in outcome.checks] == [True, False, True]


@pytest.mark.parametrize(("kind", "barred"), [(SanctionKind.REPRIMAND, False), (SanctionKind.WARNING, True)])
def test_a_warning_bars_the_collective_titles_and_a_reprimand_does_not(campaign, division, board, kind, barred):
    people = _division_of_four(campaign, division)
    initiative(people[0])
    sanction(people[3], kind=kind)
    services.rate_division(campaign, division, rating=Rating.HTTNV, note="", by=board)
    titles = YearState.build(campaign).by_division[division.pk].titles
    for title in (Title.TTLDTT, Title.TTLDXS, Title.COLLECTIVE_CERTIFICATE):
        assert titles[title].eligible is not barred, title
    if barred:
        assert titles[Title.TTLDTT].checks[2].reason == gettext("%(count)s disciplined at cảnh cáo or above.") % {
            "count": 1}


@pytest.mark.parametrize(("code", "eligible"), [("2023", False), ("2024", True), ("2026", True)])
def test_ttldxs_needs_a_cstdcs_which_2023_gives_only_for_an_initiative(campaign, division, board, code, eligible):
    # Three of four LĐTT (75 per cent), everyone HTNV or better, one HTXSNV without an initiative.
    _division_of_four(campaign, division, (Rating.HTXSNV, Rating.HTTNV, Rating.HTTNV, Rating.HTNV))
    services.rate_division(campaign, division, rating=Rating.HTTNV, note="", by=board)
    item = under(campaign, code).by_division[division.pk]
    assert (item.ldtt, item.htnv_or_better, item.cstdcs) == (3, 4, 0 if code == "2023" else 1)
    assert item.titles[Title.TTLDXS].eligible is eligible
    assert item.titles[Title.EMULATION_FLAG].eligible is eligible


def test_ttldxs_needs_everyone_rated_htnv_or_better(campaign, division, board):
    people = _division_of_four(campaign, division, (Rating.HTTNV, Rating.HTTNV, Rating.HTTNV, Rating.KHTNV))
    initiative(people[0])
    services.rate_division(campaign, division, rating=Rating.HTTNV, note="", by=board)
    outcome = YearState.build(campaign).by_division[division.pk].titles[Title.TTLDXS]
    assert [c.met for c in outcome.checks] == [True, False, True, True, True]
    assert outcome.checks[1].reason == gettext("%(count)s of %(people)s people HTNV or better (all needed).") % {
        "count": 3, "people": 4}
