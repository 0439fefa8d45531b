"""Bad input (issue 7): every form that creates something, sent twice as a double click or a page sent again after
Back sends it. One record results; the second answer is no server error and either leads to what the first saved
or says in Vietnamese why nothing more was done."""

from datetime import date, time, timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from awards import services as awards_services
from awards.models import CouncilSession, Nomination, NominationStatus, PublicComment, PublicNotice, Title, YearReview
from campaigns.models import Campaign, CommendationType, ViolationType
from discipline import clock, closing, services
from discipline.models import (
    AttendanceRecord,
    ClockImport,
    Commendation,
    Dispute,
    Explanation,
    Month,
    MonthlyScore,
    MonthStatus,
    Notification,
    ReopenRequest,
    ReviewComment,
    Signoff,
    Violation,
)
from organization.models import Division, FormSubmission, Membership, Staff, User

pytestmark = pytest.mark.django_db


def vi(msgid: str) -> str:
    """The Vietnamese of a message, which must exist (a clear message, not the English one)."""
    text = _(msgid)
    assert text != msgid, f"untranslated: {msgid}"
    return text


def twice(client, url, data):
    """Send the same form twice; the second answer followed to the page the person lands on."""
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code in (200, 302) and second.status_code == 200
    return first, second


def page_of(response) -> str:
    return response.content.decode()


def _user(username):
    return User.objects.get(username=username)


def _staff(code):
    return Staff.objects.get(code=code)


def _violation(staff_code="HTQT03", day=date(2023, 4, 12), code="NO_BADGE"):
    vt = ViolationType.objects.get(campaign__year=2023, code=code)
    record = Violation(staff=_staff(staff_code), date=day, type=vt, points=vt.points)
    return services.record_new(record, by=_user("vanphong"))


ALREADY_SENT = "This form has already been sent; the record was saved the first time."
# What a versioned form sent a second time gets: its version is the one the first sending replaced.
STALE = "Someone else changed this record after you opened it. Reload the page to see their change, then edit again."


# --- Violations and commendations: the one-time token ---


def _record_data(kind, token):
    model = ViolationType if kind == "violation" else CommendationType
    code = "NO_BADGE" if kind == "violation" else "EXEMPLARY"
    return {"staff": _staff("HTQT03").pk, "date": "12/06/2023",
            "type": model.objects.get(campaign__year=2023, code=code).pk, "points": "", "points_reason": "", "description": "Ghi nhận một lần", "submission": token}


@pytest.mark.parametrize(("kind", "model"), [("violation", Violation), ("commendation", Commendation)])
def test_a_record_sent_twice_is_saved_once_and_the_second_sending_leads_to_it(demo, login, kind, model):
    client = login("vanphong")
    url = reverse(f"discipline:{kind}-create")
    token = client.get(url).context["form"]["submission"].value()
    assert len(token) >= 40 and token != client.get(url).context["form"]["submission"].value()
    first, second = twice(client, url, _record_data(kind, token))
    record = model.objects.get()
    assert first["Location"] == record.get_absolute_url()
    assert second.redirect_chain == [(record.get_absolute_url(), 302)]
    assert vi(ALREADY_SENT) == "Biểu mẫu này đã được gửi; bản ghi đã được lưu trước đó."
    assert vi(ALREADY_SENT) in page_of(second)
    assert Notification.objects.filter(user__username="canbo").count() == 1, "the person is told once"
    assert FormSubmission.objects.get(token=token).url == record.get_absolute_url()


def test_a_form_refused_keeps_its_token_and_is_saved_when_corrected(demo, login):
    client = login("vanphong")
    url = reverse("discipline:violation-create")
    token = client.get(url).context["form"]["submission"].value()
    refused = client.post(url, _record_data("violation", token) | {"date": "05/01/2024"})
    assert refused.status_code == 200 and f'value="{token}"' in page_of(refused)
    assert not Violation.objects.exists() and not FormSubmission.objects.exists(), "nothing partly saved"
    client.post(url, _record_data("violation", token))
    client.post(url, _record_data("violation", token))
    assert Violation.objects.count() == 1


def test_a_form_from_a_page_opened_before_the_tokens_still_saves(demo, login):
    client = login("vanphong")
    data = _record_data("violation", "")
    del data["submission"]
    response = client.post(reverse("discipline:violation-create"), data)
    assert response.status_code == 302 and Violation.objects.count() == 1


def test_two_forms_opened_separately_save_two_records(demo, login):
    client = login("vanphong")
    url = reverse("discipline:violation-create")
    for _n in range(2):
        client.post(url, _record_data("violation", client.get(url).context["form"]["submission"].value()))
    assert Violation.objects.count() == 2, "the same facts recorded on purpose twice are two records"


# --- Organisation ---


def test_a_person_added_twice_is_added_once(demo, login):
    client = login("vanphong")
    data = {"code": "NEW01", "full_name": "Trần Văn Mới", "gender": "male", "position": _staff("HTQT03").position_id,
            "employment_type": "civil_servant", "date_recruited": "01/02/2023", "active": "on",
            "division": Division.objects.get(code="HTQT").pk}
    _first, second = twice(client, reverse("organization:staff-create"), data)
    assert Staff.objects.filter(code="NEW01").count() == 1
    assert vi("The staff code %(code)s is already used.") % {"code": "NEW01"} in page_of(second)


def test_a_transfer_sent_twice_is_recorded_once(demo, login):
    staff = _staff("HTQT05")
    before = Membership.objects.filter(staff=staff).count()
    data = {"division": Division.objects.get(code="LS").pk, "on": "01/07/2023", "note": "QĐ 12"}
    _first, second = twice(login("vanphong"), reverse("organization:staff-transfer", args=[staff.pk]), data)
    assert Membership.objects.filter(staff=staff).count() == before + 1
    ls = Division.objects.get(code="LS")
    said = vi("%(name)s already belongs to %(division)s.") % {"name": staff.full_name, "division": ls}
    assert said in page_of(second)


def test_an_account_created_twice_is_created_once(demo, login):
    staff = Staff.objects.filter(user__isnull=True, active=True).first()
    users = User.objects.count()
    _first, second = twice(login("vanphong"), reverse("organization:account-create", args=[staff.pk]),
                           {"username": ""})
    assert User.objects.count() == users + 1
    assert vi("%(name)s already has an account.") % {"name": staff.full_name} in page_of(second)


def test_the_missing_accounts_created_twice_are_created_once(demo, login):
    missing = Staff.objects.filter(user__isnull=True, active=True).count()
    users = User.objects.count()
    _first, second = twice(login("vanphong"), reverse("organization:accounts-create-missing"), {})
    assert User.objects.count() == users + missing
    assert not Staff.objects.filter(user__isnull=True, active=True).exists()


# --- Explanations, disputes, the month's review ---


def test_an_explanation_sent_twice_is_filed_once(demo, login):
    violation = _violation()
    url = reverse("discipline:violation-explain", args=[violation.pk])
    _first, second = twice(login("canbo"), url, {"text": "Em quên thẻ ở phòng họp."})
    assert Explanation.objects.count() == 1
    assert vi("An explanation of this record has already been filed.") in page_of(second)


def test_a_decision_sent_twice_is_taken_once(demo, login):
    violation = _violation()
    explanation = services.file_explanation(violation, by=_user("canbo"), text="Em quên.")
    url = reverse("discipline:explanation-decide", args=[violation.pk])
    data = {"accept": "0", "reason": "Không có xác nhận", "version": explanation.version}
    _first, second = twice(login("truongphong"), url, data)
    explanation.refresh_from_db()
    assert explanation.version == 2 and explanation.history.count() == 2
    assert vi(STALE) in page_of(second)


@pytest.mark.parametrize("kind", ["violation", "commendation"])
def test_a_dispute_sent_twice_is_raised_once(demo, login, kind):
    if kind == "violation":
        record = _violation()
    else:
        ct = CommendationType.objects.get(campaign__year=2023, code="EXEMPLARY")
        record = services.record_new(Commendation(staff=_staff("HTQT03"), date=date(2023, 4, 12), type=ct,
                                                  points=ct.points), by=_user("vanphong"))
    url = reverse(f"discipline:{kind}-dispute", args=[record.pk])
    _first, second = twice(login("truongphong"), url, {"reason": "Có ảnh chụp đồng chí đeo thẻ"})
    assert Dispute.objects.count() == 1
    assert vi("This record is already disputed and waits for the Office.") in page_of(second)


def test_a_dispute_settled_twice_is_settled_once(demo, login):
    record = _violation()
    dispute = closing.raise_dispute(record, division=Division.objects.get(code="HTQT"), reason="Sai",
                                    by=_user("truongphong"))
    data = {"version": dispute.version, "outcome": "confirm", "answer": "Biên bản có chữ ký"}
    _first, second = twice(login("vanphong"), reverse("discipline:dispute-resolve", args=[dispute.pk]), data)
    dispute.refresh_from_db()
    assert dispute.history.count() == 2
    assert vi(STALE) in page_of(second) or vi("This dispute has already been settled.") in page_of(second)


def test_a_comment_sent_twice_is_one_comment(demo, login):
    staff = _staff("HTQT03")
    url = reverse("discipline:comment-save", args=[2023, 4, staff.pk])
    twice(login("truongphong"), url, {"text": "Cần đeo thẻ đầy đủ"})
    assert list(ReviewComment.objects.values_list("text", flat=True)) == ["Cần đeo thẻ đầy đủ"]


def test_a_sign_off_sent_twice_is_one_sign_off(demo, login):
    htqt = Division.objects.get(code="HTQT")
    url = reverse("discipline:division-signoff", args=[2023, 4, htqt.pk])
    _first, second = twice(login("truongphong"), url, {"note": "Đã rà soát"})
    assert Signoff.objects.count() == 1
    assert vi("The division's month has already been signed off.") in page_of(second)


def test_a_month_closed_twice_is_closed_once(demo, login):
    url = reverse("discipline:month-close", args=[2023, 4])
    _first, second = twice(login("vanphong"), url, {"reason": "Giao ban đã họp"})
    assert Month.objects.filter(year=2023, month=4, status=MonthStatus.CLOSED).count() == 1
    assert vi("Month %(month)02d/%(year)s is already closed.") % {"month": 4, "year": 2023} in page_of(second)


def test_a_reopening_requested_twice_is_requested_once(demo, login):
    closing.close_month(Campaign.objects.get(year=2023), 2023, 4, by=_user("vanphong"), reason="Họp")
    url = reverse("discipline:month-reopen", args=[2023, 4])
    _first, second = twice(login("vanphong"), url, {"reason": "Sót một biên bản"})
    assert ReopenRequest.objects.count() == 1
    assert vi("A request to reopen this month already waits for the board.") in page_of(second)


def test_a_tally_run_twice_stores_each_score_once(demo, login):
    _violation()
    url = reverse("discipline:tally")
    _first, second = twice(login("vanphong"), url, {"month": "2023-04"})
    scores = MonthlyScore.objects.filter(year=2023, month=4)
    people = scores.count()
    assert people == scores.values("staff").distinct().count() > 0
    said = vi("The tally of %(month)02d/%(year)s was run: %(people)s people, %(created)s scores added, "
              "%(updated)s changed, %(unchanged)s unchanged.")
    counts = {"month": 4, "year": 2023, "people": people, "created": 0, "updated": 0, "unchanged": people}
    assert said % counts in page_of(second)


# --- Campaigns ---


def test_a_campaign_copied_twice_is_copied_once(demo, login):
    source = Campaign.objects.get(year=2023)
    url = reverse("campaigns:campaign-copy", args=[source.pk])
    _first, second = twice(login("vanphong"), url, {"year": "2024", "name": "Phong trào thi đua năm 2024"})
    assert Campaign.objects.filter(year=2024).count() == 1
    assert vi("A campaign for %(year)s already exists.") % {"year": 2024} in page_of(second)


# --- The year end ---


def _rate_htqt(year, rating="HTTNV"):
    for person in Staff.objects.in_division(Division.objects.get(code="HTQT")):
        awards_services.decide_rating(year, person, rating=rating, reason="", by=_user("giamdoc"))


def test_a_self_assessment_sent_twice_is_one_review(demo, login):
    canbo = _staff("HTQT03")
    data = {"rating": "HTXSNV", "text": "Hoàn thành nhiệm vụ.", "version": "0"}
    _first, second = twice(login("canbo"), reverse("awards:self-assess", args=[2023, canbo.pk]), data)
    review = YearReview.objects.get(staff=canbo)
    assert (review.self_assessment, review.version) == ("Hoàn thành nhiệm vụ.", 1)
    assert second.redirect_chain[-1][0] == reverse("awards:person-year", args=[2023, canbo.pk])
    assert vi(STALE) in page_of(second)


def test_a_proposal_sent_twice_is_one_proposal(demo, login):
    canbo = _staff("HTQT03")
    data = {"rating": "HTTNV", "opinion": "Hoàn thành tốt.", "reason": "", "version": "0"}
    _first, second = twice(login("truongphong"), reverse("awards:propose", args=[2023, canbo.pk]), data)
    assert YearReview.objects.get(staff=canbo).version == 1 and vi(STALE) in page_of(second)


def test_a_division_rated_twice_is_rated_once(demo, login):
    htqt = Division.objects.get(code="HTQT")
    data = {"rating": "HTTNV", "note": "Hoàn thành tốt.", "version": "0"}
    _first, second = twice(login("giamdoc"), reverse("awards:rate-division", args=[2023, htqt.pk]), data)
    assert htqt.year_reviews.get().version == 1 and vi(STALE) in page_of(second)


def test_a_nomination_sent_twice_is_one_nomination(demo, login):
    year = Campaign.objects.get(year=2023)
    _rate_htqt(year)
    canbo = _staff("HTQT03")
    data = {"title": "LDTT", "nominee": f"s{canbo.pk}", "achievement": "Hoàn thành tốt nhiệm vụ.", "reason": ""}
    _first, second = twice(login("truongphong"), reverse("awards:nominate", args=[2023]), data)
    assert Nomination.objects.count() == 1
    assert vi("%(name)s is already nominated for this title.") % {"name": canbo.full_name} in page_of(second)


def test_the_ldtt_nominations_sent_twice_are_made_once(demo, login):
    year = Campaign.objects.get(year=2023)
    _rate_htqt(year)
    _first, second = twice(login("truongphong"), reverse("awards:nominate-ldtt", args=[2023]), {})
    htqt = Staff.objects.in_division(Division.objects.get(code="HTQT")).count()
    assert Nomination.objects.filter(title=Title.LDTT).count() == htqt
    assert vi("%(count)s people nominated for LĐTT.") % {"count": 0} in page_of(second)


def test_a_shortlisting_sent_twice_is_done_once(demo, login):
    year = Campaign.objects.get(year=2023)
    _rate_htqt(year)
    nomination = awards_services.nominate(year, Title.LDTT, by=_user("truongphong"), staff=_staff("HTQT03"),
                                          achievement="Tốt.")
    url = reverse("awards:nomination-action", args=[2023, nomination.pk, "shortlist"])
    _first, second = twice(login("vanphong"), url, {"version": nomination.version})
    nomination.refresh_from_db()
    assert (nomination.status, nomination.history.count()) == (NominationStatus.SHORTLISTED, 2)
    assert vi(STALE) in page_of(second)


def _shortlisted(year):
    _rate_htqt(year)
    nomination = awards_services.nominate(year, Title.LDTT, by=_user("truongphong"), staff=_staff("HTQT03"),
                                          achievement="Tốt.")
    return awards_services.shortlist(nomination, by=_user("vanphong"))


def _session_data(people, nomination, token):
    data = {"held_on": "15/12/2023", "started_at": "08:00", "ended_at": "10:30", "place": "Phòng họp số 1",
            "chair": people[0].pk, "secretary": people[1].pk, "method": "hands", "note": "Không có ý kiến khác",
            "version": "", "submission": token, "members-TOTAL_FORMS": len(people), "members-INITIAL_FORMS": 0,
            "members-MIN_NUM_FORMS": 0, "members-MAX_NUM_FORMS": 1000,
            f"for_{nomination.pk}": len(people), f"written_{nomination.pk}": 0}
    for i, person in enumerate(people):
        data |= {f"members-{i}-staff": person.pk, f"members-{i}-council_role": "Ủy viên",
                 f"members-{i}-attendance": "present"}
    return data


def test_a_council_session_sent_twice_is_recorded_once(demo, login):
    year = Campaign.objects.get(year=2023)
    nomination = _shortlisted(year)
    client = login("vanphong")
    url = reverse("awards:council-new", args=[2023])
    token = client.get(url).context["form"]["submission"].value()
    people = _council_people()
    first, second = twice(client, url, _session_data(people, nomination, token))
    session = CouncilSession.objects.get()
    assert first["Location"] == session.get_absolute_url()
    assert second.redirect_chain == [(session.get_absolute_url(), 302)]
    assert vi(ALREADY_SENT) in page_of(second)
    assert session.members.count() == 5 and session.votes.count() == 1


def _council_people():
    return list(Staff.objects.filter(code__in=["BGD01", "VP01", "HTQT01", "LS01", "QLBG01"]).order_by("code"))


def _published(year):
    nomination = _shortlisted(year)
    people = _council_people()
    data = {"held_on": date(2023, 12, 15), "started_at": time(8), "ended_at": time(10), "place": "Phòng họp",
            "chair": people[0], "secretary": people[1], "method": "hands", "note": ""}
    awards_services.record_session(
        year, by=_user("vanphong"), data=data,
        members=[{"staff": p, "council_role": "", "present": True, "written_vote": False} for p in people],
        votes=[{"nomination": nomination, "votes_for": len(people), "written_for": 0}])
    awards_services.decide(nomination, approve=True, reason="", by=_user("giamdoc"))
    return nomination


def test_a_publication_sent_twice_is_published_once(demo, login):
    _published(Campaign.objects.get(year=2023))
    _first, second = twice(login("vanphong"), reverse("awards:notice-publish", args=[2023]), {"days": "7"})
    assert PublicNotice.objects.count() == 1
    assert vi("The list of %(year)s is already published.") % {"year": 2023} in page_of(second)


def test_a_comment_on_the_published_list_sent_twice_is_kept_once(demo, login):
    year = Campaign.objects.get(year=2023)
    _published(year)
    awards_services.publish(year, days=7, by=_user("vanphong"), on=timezone.localdate() - timedelta(days=1))
    client = login("canbo")
    url = reverse("awards:notice", args=[2023])
    token = client.get(url).context["comment_form"]["submission"].value()
    data = {"nomination": "", "text": "Đồng ý với danh sách.", "submission": token}
    _first, second = twice(client, reverse("awards:notice-comment", args=[2023]), data)
    assert list(PublicComment.objects.values_list("text", flat=True)) == ["Đồng ý với danh sách."]
    assert second.redirect_chain == [(url, 302)] and vi(ALREADY_SENT) in page_of(second)


# --- The time-clock import ---


def test_a_clock_import_applied_twice_is_applied_once(demo, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    workbook = Workbook()
    workbook.active.append(["Mã NV", "Họ tên", "Ngày", "Giờ vào", "Giờ ra"])
    workbook.active.append(["VP05", "Bùi Thị Hằng", date(2023, 3, 7), time(7, 40), time(16, 30)])
    buffer = BytesIO()
    workbook.save(buffer)
    batch = clock.preview_clock_import(SimpleUploadedFile("cham-cong.xlsx", buffer.getvalue()), by=_user("vanphong"))
    url = reverse("discipline:clock-import-apply", args=[batch.pk])
    _first, second = twice(login("vanphong"), url, {})
    assert AttendanceRecord.objects.filter(clock_import=batch).count() == 1
    assert Violation.objects.filter(staff__code="VP05").count() == 1, "the late arrival is deducted once"
    assert ClockImport.objects.count() == 1
    assert vi("This import has already been applied or discarded; it cannot be applied again.") in page_of(second)
