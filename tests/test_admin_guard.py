import pytest
from django.urls import reverse

from awards.models import PriorTitle
from organization.models import Staff

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_save_from_a_stale_form(demo, login):
    client = login("vanphong")
    staff = Staff.objects.get(code="HTQT03")
    title = PriorTitle.objects.create(staff=staff, year=2022, title="LDTT", decision_number="10/QĐ-SNgV")
    url = reverse("admin:awards_priortitle_change", args=[title.pk])
    form = client.get(url).context["adminform"].form
    seen = form["seen_history"].value()
    data = {"staff": staff.pk, "year": 2022, "title": "LDTT", "decision_number": "11/QĐ-SNgV", "decision_date": "",
            "seen_history": seen}
    assert client.post(url, data).status_code == 302
    stale = data | {"decision_number": "12/QĐ-SNgV"}
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "Người khác đã sửa bản ghi này sau khi bạn mở." in response.text
    title.refresh_from_db()
    assert title.decision_number == "11/QĐ-SNgV"
    assert [h.history_user.username for h in title.history.exclude(history_user=None)] == ["vanphong"]
