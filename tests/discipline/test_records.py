from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import ViolationType
from discipline.models import Explanation, ExplanationStatus, Notification, RecordStatus, Violation
from organization.models import Staff, User

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _violation_data(code="HTQT03", type_code="NO_BADGE", day="12/06/2023", **extra):
    return {
        "staff": Staff.objects.get(code=code).pk,
        "date": day,
        "type": ViolationType.objects.get(code=type_code, campaign__year=2023).pk,
        "points": "",
        "points_reason": "",
        "description": "Không đeo thẻ khi tiếp khách",
    } | extra


def test_office_records_a_violation_with_evidence_and_the_person_is_told(demo, login, media):
    client = login("vanphong")
    data = _violation_data(evidence=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"))
    response = client.post(reverse("discipline:violation-create"), data, follow=True)
    violation = Violation.objects.get()
    assert response.redirect_chain == [(violation.get_absolute_url(), 302)]
    assert "Đã ghi nhận và thông báo cho Nguyễn Thị Hương." in response.text
    assert (violation.points, violation.type.criterion.code, violation.created_by.username) == (2, "ND3", "vanphong")
    assert violation.evidence.name.startswith("evidence/") and violation.evidence.name.endswith(".pdf")
    assert Notification.objects.filter(user__username="canbo").count() == 1
    download = login("canbo").get(reverse("discipline:violation-evidence", args=[violation.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF


def test_evidence_is_checked_by_its_content_and_size(demo, login, media):
    client = login("vanphong")
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = client.post(reverse("discipline:violation-create"), _violation_data(evidence=fake))
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG; tệp này không thuộc loại nào trong số đó." in response.text
    big = SimpleUploadedFile("to.png", PNG + b"\x00" * (5 * 1024 * 1024), content_type="image/png")
    response = client.post(reverse("discipline:violation-create"), _violation_data(evidence=big))
    assert "Tệp lớn hơn 5 MB." in response.text
    assert Violation.objects.count() == 0


def test_other_points_need_a_reason(demo, login):
    client = login("vanphong")
    response = client.post(reverse("discipline:violation-create"), _violation_data(points="5"))
    assert "Nêu lý do số điểm khác với 2 điểm của danh mục." in response.text
    client.post(reverse("discipline:violation-create"), _violation_data(points="5", points_reason="Tái phạm lần 3"))
    assert Violation.objects.get().points == 5


def test_a_date_outside_the_campaign_is_refused(demo, login):
    response = login("vanphong").post(reverse("discipline:violation-create"), _violation_data(day="05/01/2024"))
    assert "Không có phong trào nào bao gồm ngày này." in response.text
    assert Violation.objects.count() == 0


def _record(demo_login, **extra):
    demo_login("vanphong").post(reverse("discipline:violation-create"), _violation_data(**extra))
    return Violation.objects.latest("pk")


def test_a_stale_edit_is_refused_not_merged(demo, login):
    violation = _record(login)
    client = login("vanphong")
    stale = client.get(reverse("discipline:violation-update", args=[violation.pk])).context["form"]["version"].value()
    data = _violation_data(description="Sửa lần một", version=stale, change_reason="Bổ sung mô tả")
    client.post(reverse("discipline:violation-update", args=[violation.pk]), data)
    again = _violation_data(description="Sửa từ trang cũ", version=stale, change_reason="Sửa tiếp")
    response = client.post(reverse("discipline:violation-update", args=[violation.pk]), again)
    assert "Người khác đã sửa bản ghi này sau khi bạn mở." in response.text
    violation.refresh_from_db()
    assert violation.description == "Sửa lần một"
    reasons = list(violation.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons == ["Ghi nhận", "Bổ sung mô tả"]


def test_the_explanation_flow_accepted(demo, login, media):
    violation = _record(login)
    person = login("canbo")
    page = person.get(violation.get_absolute_url())
    assert "Bạn được giải trình đến hết ngày" in page.text
    attachment = SimpleUploadedFile("don.png", PNG, content_type="image/png")
    person.post(reverse("discipline:violation-explain", args=[violation.pk]),
                {"text": "Hôm đó em để quên thẻ ở phòng họp.", "attachment": attachment})
    explanation = Explanation.objects.get()
    assert explanation.status == ExplanationStatus.PENDING
    head = login("truongphong")
    assert "Nguyễn Thị Hương" in head.get(reverse("discipline:explanation-list")).text
    head.post(reverse("discipline:explanation-decide", args=[violation.pk]),
              {"accept": "1", "reason": "Có xác nhận của phòng", "version": explanation.version})
    violation.refresh_from_db()
    explanation.refresh_from_db()
    assert (explanation.status, explanation.decided_by.username) == (ExplanationStatus.ACCEPTED, "truongphong")
    assert (violation.status, violation.status_reason) == (RecordStatus.WITHDRAWN, "Giải trình được chấp nhận: Có xác nhận của phòng")
    assert Notification.objects.filter(user__username="canbo").first().message == (
        "Giải trình của bạn về “Không đeo thẻ công chức khi thi hành công vụ” được chấp nhận."
    )


def test_the_explanation_flow_rejected_keeps_the_record(demo, login):
    violation = _record(login)
    login("canbo").post(reverse("discipline:violation-explain", args=[violation.pk]), {"text": "Em quên."})
    explanation = Explanation.objects.get()
    login("vanphong").post(reverse("discipline:explanation-decide", args=[violation.pk]),
                           {"accept": "0", "reason": "Không có lý do chính đáng", "version": explanation.version})
    violation.refresh_from_db()
    assert (Explanation.objects.get().status, violation.status) == (ExplanationStatus.REJECTED, RecordStatus.ACTIVE)


def test_nobody_decides_on_a_record_about_themselves(demo, login):
    violation = _record(login, code="HTQT01")  # the head's own record
    login("truongphong").post(reverse("discipline:violation-explain", args=[violation.pk]), {"text": "Tôi đi họp tỉnh."})
    explanation = Explanation.objects.get()
    decide = {"accept": "1", "reason": "Tự duyệt", "version": explanation.version}
    assert login("truongphong").post(reverse("discipline:explanation-decide", args=[violation.pk]), decide).status_code == 403
    # A head's own record goes one level up: not the Office either, but the board.
    assert login("vanphong").post(reverse("discipline:explanation-decide", args=[violation.pk]), decide).status_code == 403
    login("giamdoc").post(reverse("discipline:explanation-decide", args=[violation.pk]), decide | {"reason": "Đi họp có giấy mời"})
    assert Explanation.objects.get().status == ExplanationStatus.ACCEPTED


def test_only_the_person_concerned_explains(demo, login):
    violation = _record(login)
    assert login("truongphong").get(reverse("discipline:violation-explain", args=[violation.pk])).status_code == 403


def test_a_colleague_cannot_open_the_record_or_its_evidence(demo, login, media):
    violation = _record(login, code="LS03", evidence=SimpleUploadedFile("a.pdf", PDF))
    for username in ("canbo", "truongphong", "hoidong"):
        client = login(username)
        assert client.get(violation.get_absolute_url()).status_code == 403, username
        assert client.get(reverse("discipline:violation-evidence", args=[violation.pk])).status_code == 403, username


def test_withdrawing_needs_a_reason_and_keeps_the_record(demo, login):
    violation = _record(login)
    client = login("vanphong")
    client.post(reverse("discipline:violation-withdraw", args=[violation.pk]), {"version": violation.version, "reason": ""})
    assert Violation.objects.get().status == RecordStatus.ACTIVE
    client.post(reverse("discipline:violation-withdraw", args=[violation.pk]), {"version": violation.version, "reason": "Ghi nhầm người"})
    assert (Violation.objects.get().status, Violation.objects.get().status_reason) == (RecordStatus.WITHDRAWN, "Ghi nhầm người")


def test_lists_are_scoped_and_filtered(demo, login):
    _record(login)  # HTQT03 in June
    _record(login, code="LS03", type_code="TASK_LATE", day="20/07/2023")
    office = login("vanphong").get(reverse("discipline:violation-list"), {"month": "2023-07"}).text
    assert "Nhiệm vụ chậm tiến độ" in office and "Không đeo thẻ" not in office
    head = login("truongphong").get(reverse("discipline:violation-list")).text
    assert "Không đeo thẻ" in head and "Nhiệm vụ chậm tiến độ" not in head
    by_content = login("vanphong").get(reverse("discipline:violation-list"), {"criterion": "5"}).text
    assert "Nhiệm vụ chậm tiến độ" in by_content and "Không đeo thẻ" not in by_content
    garbage = login("vanphong").get(reverse("discipline:violation-list"), {"month": "x<script>", "page": "abc"})
    assert garbage.status_code == 200 and "Điều kiện lọc không hợp lệ nên đã được bỏ qua." in garbage.text


@pytest.mark.parametrize("extra", [1, 40])
def test_the_violation_list_runs_a_fixed_number_of_queries(demo, login, extra):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    vt = ViolationType.objects.get(code="NO_BADGE", campaign__year=2023)
    people = list(Staff.objects.all()[:10])
    Violation.objects.bulk_create(
        Violation(staff=people[i % 10], date=date(2023, 3, 1 + i % 28), type=vt, points=2) for i in range(extra)
    )
    client = login("vanphong")
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("discipline:violation-list"))
    assert len(queries) == 11  # the login backend loads the person with the account


def test_an_explanation_after_the_window_is_refused(demo, login):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    violation = _record(login)
    # Told on Monday 05/06/2023: five working days end on Monday 12/06/2023.
    Violation.objects.filter(pk=violation.pk).update(notified_at=datetime(2023, 6, 5, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    response = login("canbo").post(reverse("discipline:violation-explain", args=[violation.pk]), {"text": "Muộn rồi"})
    assert "Thời hạn giải trình bản ghi này đã hết vào ngày 12/06/2023." in response.text
    assert not Explanation.objects.exists()


def test_people_are_told_by_email_where_the_deployment_configures_it(
    demo, login, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NOTIFY_BY_EMAIL = True
    User.objects.filter(username="canbo").update(email="huongnt@songoaivu.example")
    with django_capture_on_commit_callbacks(execute=True):  # mail leaves only once the record is committed
        _record(login)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["huongnt@songoaivu.example"], "Vi phạm ngày 12/06/2023: Không đeo thẻ công chức khi thi hành công vụ")
    ]


@pytest.mark.parametrize("url_name", ["discipline:commendation-list", "discipline:notification-list", "discipline:explanation-list"])
def test_the_other_lists_run_the_same_queries_for_few_or_many_rows(demo, login, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from campaigns.models import CommendationType
    from discipline.models import Commendation

    canbo = Staff.objects.get(code="HTQT03")
    ct = CommendationType.objects.get(code="EXEMPLARY", campaign__year=2023)
    vt = ViolationType.objects.get(code="NO_BADGE", campaign__year=2023)
    office = User.objects.get(username="vanphong")

    def add(n):
        for i in range(n):
            Commendation.objects.create(staff=canbo, date=date(2023, 2, 1 + i), type=ct, points=2)
            Notification.objects.create(user=office, message=f"Thông báo {i}", url="/")
            v = Violation.objects.create(staff=canbo, date=date(2023, 2, 1 + i), type=vt, points=2)
            Explanation.objects.create(violation=v, text="Giải trình", filed_by=canbo.user)

    def count():
        client = login("vanphong")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        return len(queries)

    add(1)
    few = count()
    add(20)
    assert count() == few
