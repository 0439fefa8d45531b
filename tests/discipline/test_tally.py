import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from campaigns.models import ViolationType
from discipline.models import MonthlyScore, Violation
from organization.models import Staff

pytestmark = pytest.mark.django_db


def run(month="2023-04"):
    out = io.StringIO()
    call_command("run_tally", "--month", month, stdout=out)
    return out.getvalue().strip()


def test_run_tally_stores_everyone_in_post_and_a_second_run_changes_nothing(demo):
    assert run() == "Tháng 04/2023: 44 người; thêm 44 điểm, thay đổi 0, giữ nguyên 0."
    assert run() == "Tháng 04/2023: 44 người; thêm 0 điểm, thay đổi 0, giữ nguyên 44."
    huong = MonthlyScore.objects.get(staff__code="HTQT03", year=2023, month=4)
    assert (huong.total, huong.grade, huong.division.code, huong.kept_in_order) == (
        100, "A", "HTQT", [25, 10, 25, 10, 20, 10]
    )
    assert not MonthlyScore.objects.filter(staff__code="TTDN07").exists()  # recruited in October


def test_a_new_record_changes_the_score_at_the_next_run(demo):
    run()
    vt = ViolationType.objects.get(code="TASK_MISSED", campaign__year=2023)
    Violation.objects.create(staff=Staff.objects.get(code="HTQT03"), date=date(2023, 4, 11), type=vt, points=10)
    assert run() == "Tháng 04/2023: 44 người; thêm 0 điểm, thay đổi 1, giữ nguyên 43."
    score = MonthlyScore.objects.get(staff__code="HTQT03", year=2023, month=4)
    assert (score.total, score.grade, score.kept["5"]) == (90, "A", 10)


@pytest.mark.parametrize(
    ("month", "message"),
    [("2023-13", "Tháng phải viết dạng yyyy-mm, ví dụ 2023-04."), ("04/2023", "Tháng phải viết dạng yyyy-mm, ví dụ 2023-04."),
     ("2031-01", "Không có phong trào nào của năm 2031.")],
)
def test_run_tally_refuses_a_bad_month_with_a_message(demo, month, message):
    with pytest.raises(CommandError) as error:
        run(month)
    assert str(error.value) == message
    assert MonthlyScore.objects.count() == 0


def test_the_office_runs_the_tally_from_the_browser(demo, login):
    client = login("vanphong")
    response = client.post(reverse("discipline:tally"), {"month": "2023-04"}, follow=True)
    assert "Đã tổng hợp tháng 04/2023: 44 người, thêm 44 điểm, thay đổi 0, giữ nguyên 0." in response.text
    assert response.text.count('href="/discipline/months/2023-4/staff/') == 44
    bad = client.get(reverse("discipline:tally"), {"month": "x<script>"})
    assert bad.status_code == 200 and "Tháng phải viết dạng yyyy-mm, ví dụ 2023-04." in bad.text
    assert login("truongphong").post(reverse("discipline:tally"), {"month": "2023-04"}).status_code == 403


def test_the_admin_action_runs_the_tally_again(demo, login):
    run()
    MonthlyScore.objects.filter(staff__code="HTQT03").update(total=1)
    client = login("vanphong")
    ids = list(MonthlyScore.objects.filter(staff__code__in=["HTQT03", "LS03"]).values_list("pk", flat=True))
    response = client.post(
        reverse("admin:discipline_monthlyscore_changelist"),
        {"action": "run_tally_again", "_selected_action": ids}, follow=True,
    )
    assert "Tháng 04/2023: 44 người, thay đổi 1 điểm." in response.text
    assert MonthlyScore.objects.get(staff__code="HTQT03").total == 100
