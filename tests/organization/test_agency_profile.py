import pytest
from django.urls import reverse

from organization.models import AgencyProfile

pytestmark = pytest.mark.django_db


def test_office_edits_the_agency_profile_and_its_recipients(demo, login):
    client = login("vanphong")
    page = client.get(reverse("organization:agency-profile"))
    assert "UBND TỈNH LẠNG SƠN" in page.text
    assert "Ban Giám đốc Sở\nCác phòng chuyên môn" in page.text
    data = {
        "province": "Quảng Ninh", "place_name": "Quảng Ninh", "parent_body": "UBND TỈNH QUẢNG NINH",
        "agency_name": "SỞ NGOẠI VỤ", "agency_abbreviation": "SNgV", "director_name": "Phạm Thị Anh Thư",
        "deputy_director_name": "Hoàng Văn Đức",
        "recipients_report": "- Ban Giám đốc Sở;\n\n  - Các phòng chuyên môn;  \n",
        "recipients_decision": "Như Điều 3",
    }
    response = client.post(reverse("organization:agency-profile"), data, follow=True)
    assert "Đã lưu thông tin cơ quan." in response.text
    profile = AgencyProfile.load()
    assert profile.parent_body == "UBND TỈNH QUẢNG NINH"
    assert profile.recipients_for("BC") == ["Ban Giám đốc Sở;", "Các phòng chuyên môn;"]
    assert profile.recipients_for("QĐ") == ["Như Điều 3"]
    assert profile.recipients_for("TTr") == []
    assert profile.history.latest().history_user.username == "vanphong"


def test_agency_profile_requires_the_header_fields(demo, login):
    client = login("vanphong")
    response = client.post(reverse("organization:agency-profile"), {"province": "", "agency_name": ""})
    assert response.status_code == 200
    assert response.text.count("Trường này là bắt buộc.") >= 4
    assert AgencyProfile.load().province == "Lạng Sơn"
