from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from campaigns.defaults import PLAN_2023_FILE
from campaigns.models import Campaign, CampaignStatus, Criterion, RuleSet, ViolationType
from campaigns.services import copy_campaign, load_campaign_2023

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_2023(db):
    return load_campaign_2023()[0]


def test_the_2023_campaign_carries_the_plan(campaign_2023):
    c = campaign_2023
    assert (c.year, c.start_date, c.end_date, c.status, c.rule_set) == (
        2023, date(2023, 1, 1), date(2023, 12, 31), CampaignStatus.ACTIVE, RuleSet.RULES_2023
    )
    assert (c.plan_number, c.plan_date, c.plan_signer) == ("", None, "Phạm Thị Anh Thư")
    assert c.plan_text == PLAN_2023_FILE.read_text(encoding="utf-8")
    assert [basis[:22] for basis in c.legal_bases_list] == [
        "Chỉ thị số 34-CT/TW ng", "Chỉ thị số 18/CT-UBND ", "Các nội dung phát động"
    ]


def test_the_six_contents_are_the_plan_verbatim_with_their_points(campaign_2023):
    flat_plan = " ".join(campaign_2023.plan_text.split())
    criteria = list(campaign_2023.criteria.all())
    assert [(c.code, c.points) for c in criteria] == [
        ("ND1", 25), ("ND2", 10), ("ND3", 25), ("ND4", 10), ("ND5", 20), ("ND6", 10)
    ]
    for criterion in criteria:
        assert f"{criterion.number}. {criterion.description}" in flat_plan
    # Verbatim includes the plan's own slip on the date of Chỉ thị 05-CT/TW.
    assert "chỉ thị số 05-CT/TW ngày 14/5/2011" in criteria[1].description


def test_the_default_catalogue_is_loaded(campaign_2023):
    types = {vt.code: vt for vt in campaign_2023.violation_types.select_related("criterion")}
    assert len(types) == 21
    assert (types["LATE"].criterion.code, types["LATE"].points, types["LATE"].veto) == ("ND3", 2, False)
    assert (types["GAMBLING"].points, types["GAMBLING"].veto) == (25, True)
    assert types["TASK_MISSED"].criterion.code == "ND5"
    assert sorted(campaign_2023.commendation_types.values_list("points", flat=True)) == [2, 2, 5, 5, 5]


def test_loading_the_2023_campaign_twice_changes_nothing(campaign_2023):
    again, created = load_campaign_2023()
    assert (again, created) == (campaign_2023, False)
    assert Criterion.objects.count() == 6


def _campaign(**fields):
    values = dict(name="Phong trào", year=2024, start_date=date(2024, 1, 1), end_date=date(2024, 12, 31),
                  rule_set=RuleSet.RULES_2024)
    return Campaign(**values | fields)


def test_campaign_end_before_start_is_refused_with_a_vietnamese_message():
    campaign = _campaign(start_date=date(2024, 6, 1), end_date=date(2024, 5, 31))
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert error.value.message_dict["end_date"] == ["Ngày kết thúc không được trước ngày bắt đầu."]
    with pytest.raises(IntegrityError), transaction.atomic():
        campaign.save()


def test_campaign_period_outside_its_year_is_refused():
    with pytest.raises(ValidationError) as error:
        _campaign(year=2025).full_clean()
    assert error.value.message_dict == {
        "start_date": ["Thời gian thực hiện phải nằm trong năm 2025 của phong trào."],
        "end_date": ["Thời gian thực hiện phải nằm trong năm 2025 của phong trào."],
    }


def test_one_campaign_per_year(campaign_2023):
    with pytest.raises(ValidationError) as error:
        _campaign(year=2023, start_date=date(2023, 1, 1), end_date=date(2023, 12, 31)).full_clean()
    assert list(error.value.message_dict) == ["year"]


@pytest.mark.parametrize("points", [None, 0, 101])
def test_content_without_points_or_out_of_range_is_refused(campaign_2023, points):
    criterion = Criterion(campaign=campaign_2023, number=7, title="Thêm", description="Nội dung", points=points)
    with pytest.raises(ValidationError) as error:
        criterion.full_clean()
    assert list(error.value.message_dict) == ["points"]


def test_content_points_out_of_range_are_refused_by_the_database(campaign_2023):
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.filter(number=1).update(points=0)


def test_deduction_larger_than_its_content_is_refused(campaign_2023):
    nd4 = campaign_2023.criteria.get(number=4)
    vt = ViolationType(campaign=campaign_2023, code="BIG", name="Quá lớn", criterion=nd4, points=11)
    with pytest.raises(ValidationError) as error:
        vt.full_clean()
    assert error.value.message_dict["points"] == ["Điểm trừ không được vượt quá 10 điểm của nội dung thi đua."]


def test_violation_code_is_unique_per_campaign(campaign_2023):
    nd3 = campaign_2023.criteria.get(number=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        ViolationType.objects.create(campaign=campaign_2023, code="LATE", name="x", criterion=nd3, points=1)


def test_copy_campaign_carries_contents_and_catalogue_to_the_new_year(campaign_2023):
    copy = copy_campaign(campaign_2023, year=2024, name="Phong trào năm 2024")
    assert (copy.year, copy.start_date, copy.end_date, copy.status, copy.rule_set) == (
        2024, date(2024, 1, 1), date(2024, 12, 31), CampaignStatus.DRAFT, RuleSet.RULES_2024
    )
    assert (copy.plan_number, copy.plan_date, copy.plan_text) == ("", None, "")
    assert copy.legal_bases == campaign_2023.legal_bases
    assert [(c.number, c.description, c.points) for c in copy.criteria.all()] == [
        (c.number, c.description, c.points) for c in campaign_2023.criteria.all()
    ]
    copied = {(v.code, v.criterion.number, v.points, v.veto) for v in copy.violation_types.select_related("criterion")}
    original = {
        (v.code, v.criterion.number, v.points, v.veto) for v in campaign_2023.violation_types.select_related("criterion")
    }
    assert copied == original
    assert all(v.criterion.campaign_id == copy.pk for v in copy.violation_types.select_related("criterion"))
    assert copy.commendation_types.count() == 5
    assert [(w.name, w.valid_from, w.morning_start) for w in copy.schedules.all()] == [
        (w.name, w.valid_from.replace(year=2024), w.morning_start) for w in campaign_2023.schedules.all()
    ]
    assert (copy.grace_minutes, copy.heavy_minutes, copy.explanation_days) == (5, 15, 5)
    assert copy.calendar_exceptions.count() == 0  # a year's swapped days are its own
    assert copy_campaign(copy, year=2026, name="2026").rule_set == RuleSet.RULES_2026


def test_copy_to_a_year_that_exists_is_refused(campaign_2023):
    with pytest.raises(ValidationError):
        copy_campaign(campaign_2023, year=2023, name="Trùng")
    assert Campaign.objects.count() == 1


def test_office_copies_a_campaign_from_the_page(demo, login):
    client = login("vanphong")
    source = Campaign.objects.get(year=2023)
    form = client.get(reverse("campaigns:campaign-copy", args=[source.pk]))
    assert "năm 2024 của Sở Ngoại vụ" in form.text
    response = client.post(
        reverse("campaigns:campaign-copy", args=[source.pk]), {"year": 2024, "name": "Phong trào năm 2024"}, follow=True
    )
    copy = Campaign.objects.get(year=2024)
    assert response.redirect_chain == [(copy.get_absolute_url(), 302)]
    assert "Đã sao chép phong trào sang năm 2024." in response.text
    again = client.post(reverse("campaigns:campaign-copy", args=[source.pk]), {"year": 2024, "name": "Lần nữa"})
    assert "Đã có phong trào thi đua của năm 2024." in again.text
    assert Campaign.objects.count() == 2


def test_admin_refuses_contents_whose_points_do_not_add_up_to_100(demo, login):
    client = login("vanphong")
    campaign = Campaign.objects.get(year=2023)
    url = reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    data = {
        "name": campaign.name, "year": 2023, "start_date": "01/01/2023", "end_date": "31/12/2023",
        "status": campaign.status, "rule_set": campaign.rule_set, "legal_bases": campaign.legal_bases,
        "plan_number": "", "plan_date": "", "plan_signer": campaign.plan_signer, "plan_text": campaign.plan_text,
        "criteria-TOTAL_FORMS": 6, "criteria-INITIAL_FORMS": 6, "criteria-MIN_NUM_FORMS": 0,
        "criteria-MAX_NUM_FORMS": 1000,
        "schedules-TOTAL_FORMS": 0, "schedules-INITIAL_FORMS": 0, "schedules-MIN_NUM_FORMS": 0,
        "schedules-MAX_NUM_FORMS": 1000,
        "calendar_exceptions-TOTAL_FORMS": 0, "calendar_exceptions-INITIAL_FORMS": 0,
        "calendar_exceptions-MIN_NUM_FORMS": 0, "calendar_exceptions-MAX_NUM_FORMS": 1000,
        "grace_minutes": 5, "heavy_minutes": 15, "explanation_days": 5,
        "seen_history": client.get(url).context["adminform"].form["seen_history"].value(),
    }
    for i, c in enumerate(campaign.criteria.all()):
        points = 30 if c.number == 1 else c.points
        data |= {f"criteria-{i}-id": c.pk, f"criteria-{i}-campaign": campaign.pk, f"criteria-{i}-number": c.number,
                 f"criteria-{i}-points": points, f"criteria-{i}-title": c.title,
                 f"criteria-{i}-description": c.description}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Tổng điểm hằng tháng của các nội dung phải bằng 100; hiện đang là 105." in response.text
    assert campaign.criteria.get(number=1).points == 25
