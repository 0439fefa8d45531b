"""Monthly scores computed by hand for small cases (DOMAIN.md §4): exact values."""

from datetime import date

import pytest

from campaigns.models import Campaign, CommendationType, ViolationType
from campaigns.services import load_campaign_2023
from discipline.models import Commendation, RecordStatus, Sanction, SanctionKind, SanctionStatus, Violation
from discipline.scoring import Grade, score_month
from organization.services import transfer_staff
from tests.factories import make_division, make_position, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    return load_campaign_2023()[0]


@pytest.fixture
def person(campaign):
    return make_staff("Nguyễn Thị Hương", division=make_division("HTQT"), position=make_position(), recruited=date(2015, 1, 1))


def violate(person, code, day, *, status=RecordStatus.ACTIVE, points=None):
    vt = ViolationType.objects.get(code=code, campaign__year=2023)
    return Violation.objects.create(staff=person, date=day, type=vt, points=vt.points if points is None else points,
                                    status=status)


def commend(person, code, day):
    ct = CommendationType.objects.get(code=code, campaign__year=2023)
    return Commendation.objects.create(staff=person, date=day, type=ct, points=ct.points)


def score(campaign, person, month=4):
    [result] = score_month(campaign, 2023, month, staff_ids=[person.pk])
    return result


def test_a_clean_month_keeps_every_point(campaign, person):
    result = score(campaign, person)
    assert (result.kept, result.bonus, result.total, result.grade, result.vetoes) == (
        {1: 25, 2: 10, 3: 25, 4: 10, 5: 20, 6: 10}, 0, 100, Grade.A, []
    )


def test_deductions_come_off_their_content(campaign, person):
    violate(person, "LATE", date(2023, 4, 3))
    violate(person, "LATE_HEAVY", date(2023, 4, 4))
    violate(person, "TASK_LATE", date(2023, 4, 5))
    violate(person, "ADVISORY", date(2023, 4, 6))
    result = score(campaign, person)
    assert result.kept == {1: 20, 2: 10, 3: 19, 4: 10, 5: 15, 6: 10}
    assert (result.total, result.grade) == (84, Grade.B)


def test_a_content_never_goes_below_zero(campaign, person):
    for day in (3, 4, 5):
        violate(person, "ABSENT_DAY", date(2023, 4, day))  # 3 × 10 from ND3's 25
    result = score(campaign, person)
    assert result.kept[3] == 0
    assert [c.deducted for c in result.contents if c.number == 3] == [30]
    assert (result.total, result.grade) == (75, Grade.B)


def test_the_bonus_and_the_total_are_capped(campaign, person):
    for day in (3, 4, 5):
        commend(person, "OUTSTANDING_TASK", date(2023, 4, day))  # 15 earned, 10 kept
    result = score(campaign, person)
    assert (result.bonus_earned, result.bonus, result.total) == (15, 10, 100)
    violate(person, "LATE", date(2023, 4, 6))
    result = score(campaign, person)
    assert (result.bonus, result.total) == (10, 100)  # 98 + 10 capped at 100


def test_a_catalogue_veto_gives_d_whatever_the_points(campaign, person):
    violate(person, "GAMBLING", date(2023, 4, 12))
    commend(person, "PRAISED", date(2023, 4, 13))
    result = score(campaign, person)
    assert (result.kept[3], result.total, result.grade) == (0, 80, Grade.D)
    assert result.vetoes == ["Phủ quyết: Đánh bạc dưới mọi hình thức ngày 12/04/2023"]


def test_a_sanction_decided_in_the_month_is_a_veto(campaign, person):
    Sanction.objects.create(staff=person, status=SanctionStatus.DECIDED, kind=SanctionKind.REPRIMAND,
                            opened_on=date(2023, 3, 20), decision_date=date(2023, 4, 14), decision_number="45/QĐ-SNgV")
    assert score(campaign, person, month=3).grade == Grade.A
    result = score(campaign, person, month=4)
    assert (result.total, result.grade) == (100, Grade.D)
    assert result.vetoes == ["Kỷ luật được quyết định ngày 14/04/2023"]


def test_withdrawn_and_corrected_records_never_count(campaign, person):
    violate(person, "LATE", date(2023, 4, 3), status=RecordStatus.WITHDRAWN)
    violate(person, "LATE_HEAVY", date(2023, 4, 4), status=RecordStatus.SUPERSEDED)
    assert score(campaign, person).total == 100


@pytest.mark.parametrize(("total_deducted", "grade"), [(10, Grade.A), (11, Grade.B), (30, Grade.B), (31, Grade.C), (50, Grade.C), (51, Grade.D)])
def test_grade_edges(campaign, person, total_deducted, grade):
    # Spread the deduction over ND3 (25) and ND5 (20) and ND1 (25) with custom points.
    remaining = total_deducted
    for code, cap, day in (("ALCOHOL", 25, 3), ("TASK_MISSED", 20, 4), ("ADVISORY", 25, 5)):
        points = min(cap, remaining)
        if points:
            violate(person, code, date(2023, 4, day), points=points)
        remaining -= points
    result = score(campaign, person)
    assert (result.total, result.grade) == (100 - total_deducted, grade)


def test_a_mid_month_transfer_counts_in_the_division_of_the_last_working_day(campaign, person):
    other = make_division("LS")
    transfer_staff(person, to=other, on=date(2023, 4, 17))
    violate(person, "LATE", date(2023, 4, 10))  # still in HTQT then
    result = score(campaign, person)
    assert (result.division_id, result.total) == (other.pk, 98)
    assert score(campaign, person, month=3).division_id == person.memberships.get(start=date(2015, 1, 1)).division_id


def test_someone_recruited_mid_month_is_scored_on_the_days_served_without_proration(campaign):
    newcomer = make_staff("Kiều Anh Tú", recruited=date(2023, 10, 2))
    assert score_month(campaign, 2023, 9, staff_ids=[newcomer.pk]) == []
    violate(newcomer, "LATE", date(2023, 10, 9))
    result = score(campaign, newcomer, month=10)
    assert (result.total, result.grade) == (98, Grade.A)


def test_the_scoring_settings_come_from_the_campaign(campaign, person):
    Campaign.objects.filter(pk=campaign.pk).update(bonus_cap=3, grade_a=99, grade_b=80, grade_c=60)
    campaign.refresh_from_db()
    violate(person, "LATE", date(2023, 4, 3))
    commend(person, "PRAISED", date(2023, 4, 4))
    result = score(campaign, person)
    assert (result.bonus, result.total, result.grade) == (3, 100, Grade.A)
    violate(person, "NO_BADGE", date(2023, 4, 5))
    assert (score(campaign, person).total, score(campaign, person).grade) == (99, Grade.A)
    violate(person, "PRIVATE_WORK", date(2023, 4, 6))
    assert (score(campaign, person).total, score(campaign, person).grade) == (96, Grade.B)


def test_the_month_is_scored_with_the_same_queries_for_few_or_many_people(campaign, django_assert_num_queries):
    division, position = make_division("BIG"), make_position()
    people = [make_staff(f"Người {i}", division=division, position=position, code=f"P{i:03d}") for i in range(3)]
    for p in people:
        violate(p, "LATE", date(2023, 4, 3))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        score_month(campaign, 2023, 4)
    for i in range(3, 40):
        violate(make_staff(f"Người {i}", division=division, position=position, code=f"P{i:03d}"), "LATE", date(2023, 4, 3))
    with CaptureQueriesContext(connection) as many:
        results = score_month(campaign, 2023, 4)
    assert len(results) == 40
    assert len(few) == len(many)


def test_the_month_page_explains_the_score_line_by_line(demo, login):
    from django.urls import reverse

    from organization.models import Staff

    huong = Staff.objects.get(code="HTQT03")
    late = violate(huong, "LATE_HEAVY", date(2023, 4, 4))
    praise = commend(huong, "PRAISED", date(2023, 4, 20))
    page = login("truongphong").get(reverse("discipline:person-month", args=[2023, 4, huong.pk])).text
    assert '<div class="stat" id="month-total">100</div>' in page  # 96 + 5, capped at 100
    assert '<div class="stat" id="month-grade">A</div>' in page
    assert f'<a href="{late.get_absolute_url()}">04/04/2023 · Đi muộn từ 15 phút trở lên</a></td><td class="text-end">−4</td>' in page
    assert f'<a href="{praise.get_absolute_url()}">20/04/2023 · Được Ban Giám đốc hoặc cấp trên biểu dương</a></td><td class="text-end">+5</td>' in page
    assert "Còn lại ở ND3</td><td class=\"text-end fw-semibold\">21</td>" in page
    other = Staff.objects.get(code="LS03")
    assert login("truongphong").get(reverse("discipline:person-month", args=[2023, 4, other.pk])).status_code == 403
