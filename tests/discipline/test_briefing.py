import re
from datetime import date

import pytest
from django.urls import reverse

from campaigns.models import BriefingDate, Campaign
from campaigns.services import load_campaign_2023
from discipline.briefing import briefing_date, signoff_deadline
from organization.models import Division

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    return load_campaign_2023()[0]


@pytest.mark.parametrize(("month", "expected"), [(4, date(2023, 4, 24)), (7, date(2023, 7, 31)), (12, date(2023, 12, 25))])
def test_the_briefing_is_the_last_monday_by_default(campaign, month, expected):
    assert briefing_date(campaign, 2023, month) == expected


def test_another_weekday_or_a_date_of_the_month_replaces_it(campaign):
    Campaign.objects.filter(pk=campaign.pk).update(briefing_weekday=4)  # Friday
    campaign.refresh_from_db()
    assert briefing_date(campaign, 2023, 4) == date(2023, 4, 28)
    BriefingDate.objects.create(campaign=campaign, date=date(2023, 4, 20))
    assert briefing_date(campaign, 2023, 4) == date(2023, 4, 20)
    assert briefing_date(campaign, 2023, 5) == date(2023, 5, 26)


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        (1, date(2023, 2, 7)),  # 1, 2, 3, 6, 7 February
        (4, date(2023, 5, 9)),  # 1–3 May are holidays; Saturday 6 May is worked in return: 4, 5, 6, 8, 9
        (12, date(2024, 1, 8)),  # 1 January 2024 is a holiday: 2, 3, 4, 5, 8
    ],
)
def test_the_sign_off_deadline_is_the_fifth_working_day_of_the_next_month(campaign, month, expected):
    assert signoff_deadline(campaign, 2023, month) == expected


def test_a_head_sees_the_division_month_in_official_order_and_no_other_division(demo, login):
    htqt, ls = Division.objects.get(code="HTQT"), Division.objects.get(code="LS")
    client = login("truongphong")
    page = client.get(reverse("discipline:division-month", args=[2023, 7, htqt.pk])).text
    assert "Giao ban ngày 31/07/2023 · hạn xác nhận 07/08/2023" in page
    names = re.findall(r'href="/discipline/months/2023-7/staff/\d+/">([^<]+)</a>', page)
    assert names[:2] == ["Đoàn Văn Thắng", "Lý Thị Thanh Hương"]
    assert "Nông Thị Hồng" in names  # moved in on 01/07/2023
    assert len(names) == 11
    june = client.get(reverse("discipline:division-month", args=[2023, 6, htqt.pk])).text
    assert "Nông Thị Hồng" not in june
    assert client.get(reverse("discipline:division-month", args=[2023, 7, ls.pk])).status_code == 403
