"""Bad input (issue 7): a stale form. Each edit form is opened, someone else changes the record, then the old form
is sent: it is refused with a Vietnamese message and the other person's change stays."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import services as awards_services
from awards.models import CouncilSession, DivisionReview, Nomination, NominationStatus, Title, YearReview
from campaigns.models import Campaign, CommendationType, ViolationType
from discipline import closing, services
from discipline.models import (
    AttendanceRecord,
    Commendation,
    DisputeStatus,
    Explanation,
    ReopenRequest,
    ReopenStatus,
    Violation,
)
from organization.models import AgencyProfile, Division, Staff, User
from organization.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

STALE = "Someone else changed this record after you opened it. Reload the page to see their change, then edit again."


def stale_message() -> str:
    text = _(STALE)
    assert text.startswith("Người khác đã sửa bản ghi này sau khi bạn mở.")
    return text


def _user(username):
    return User.objects.get(username=username)


def _staff(code):
    return Staff.objects.get(code=code)


@pytest.fixture(autouse=True)
def _demo(demo):
    """The demo department, its accounts and the 2023 campaign."""


@pytest.fixture
def other_office(demo):
    """A second Office member, in their own browser."""
    client = Client()
    client.force_login(make_user("vanphong2", staff=_staff("VP05"), roles=[Role.OFFICE]))
    return client


def _refused(response) -> str:
    page = response.content.decode()
    assert response.status_code == 200 and stale_message() in page
    return page


# --- Organisation: guarded by the latest history entry ---


def _staff_data(staff, form, **changes):
    return {"code": staff.code, "full_name": staff.full_name, "gender": staff.gender, "position": staff.position_id,
            "employment_type": staff.employment_type, "date_recruited": staff.date_recruited.strftime("%d/%m/%Y"),
            "active": "on", "reason": "Sửa theo hồ sơ", "seen_history": form["seen_history"].value()} | changes


def test_a_stale_staff_form_is_refused(login, other_office):
    staff = _staff("HTQT03")
    url = reverse("organization:staff-update", args=[staff.pk])
    client = login("vanphong")
    mine = client.get(url).context["form"]
    assert mine["seen_history"].value() == staff.history.latest().history_id
    theirs = other_office.get(url).context["form"]
    assert other_office.post(url, _staff_data(staff, theirs, full_name="Nguyễn Thị Hương Giang")).status_code == 302
    _refused(client.post(url, _staff_data(staff, mine, full_name="Nguyễn Thị Hường", gender="male")))
    staff.refresh_from_db()
    assert (staff.full_name, staff.gender) == ("Nguyễn Thị Hương Giang", "female")
    # Reloaded, the form takes the change and saves.
    fresh = client.get(url).context["form"]
    assert client.post(url, _staff_data(staff, fresh, full_name="Nguyễn Thị Hường")).status_code == 302
    assert Staff.objects.get(pk=staff.pk).full_name == "Nguyễn Thị Hường"


def test_a_staff_form_goes_stale_when_the_account_is_linked_meanwhile(login):
    staff = Staff.objects.filter(user__isnull=True, active=True).first()
    url = reverse("organization:staff-update", args=[staff.pk])
    client = login("vanphong")
    mine = client.get(url).context["form"]
    client.post(reverse("organization:account-create", args=[staff.pk]), {"username": ""})
    _refused(client.post(url, _staff_data(staff, mine, full_name="Tên Mới")))
    assert Staff.objects.get(pk=staff.pk).full_name == staff.full_name


def test_a_staff_form_sent_without_the_field_still_saves(login):
    """A tab opened before the guard existed: saved as before (as a versioned form without its version is)."""
    staff = _staff("HTQT03")
    url = reverse("organization:staff-update", args=[staff.pk])
    client = login("vanphong")
    data = _staff_data(staff, client.get(url).context["form"], full_name="Nguyễn Thị Hương Lan")
    del data["seen_history"]
    assert client.post(url, data).status_code == 302
    assert Staff.objects.get(pk=staff.pk).full_name == "Nguyễn Thị Hương Lan"


def _profile_data(form, **changes):
    profile = AgencyProfile.load()
    return {"province": profile.province, "place_name": profile.place_name, "parent_body": profile.parent_body,
            "agency_name": profile.agency_name, "agency_abbreviation": profile.agency_abbreviation,
            "director_name": profile.director_name, "deputy_director_name": profile.deputy_director_name,
            "seen_history": form["seen_history"].value()} | changes


def test_a_stale_agency_profile_form_is_refused(login, other_office):
    url = reverse("organization:agency-profile")
    client = login("vanphong")
    mine = client.get(url).context["form"]
    theirs = other_office.get(url).context["form"]
    assert other_office.post(url, _profile_data(theirs, director_name="Phạm Thị Anh Thư")).status_code == 302
    _refused(client.post(url, _profile_data(mine, director_name="Hoàng Văn Đức", province="Quảng Ninh")))
    profile = AgencyProfile.load()
    assert (profile.director_name, profile.province) == ("Phạm Thị Anh Thư", "Lạng Sơn")


# --- Violations and commendations ---


def _violation(staff_code="HTQT03", day=date(2023, 4, 12)):
    vt = ViolationType.objects.get(campaign__year=2023, code="NO_BADGE")
    return services.record_new(Violation(staff=_staff(staff_code), date=day, type=vt, points=vt.points),
                               by=_user("vanphong"))


def _commendation():
    ct = CommendationType.objects.get(campaign__year=2023, code="EXEMPLARY")
    return services.record_new(Commendation(staff=_staff("HTQT03"), date=date(2023, 4, 12), type=ct,
                                            points=ct.points), by=_user("vanphong"))


@pytest.mark.parametrize("kind", ["violation", "commendation"])
def test_a_stale_record_form_is_refused(login, other_office, kind):
    record = _violation() if kind == "violation" else _commendation()
    url = reverse(f"discipline:{kind}-update", args=[record.pk])
    client = login("vanphong")
    mine = client.get(url).context["form"]
    theirs = other_office.get(url).context["form"]

    def data(form, description, reason):
        return {"staff": record.staff_id, "date": "12/04/2023", "type": record.type_id, "points": record.points,
                "points_reason": "", "description": description, "version": form["version"].value(),
                "change_reason": reason}

    assert other_office.post(url, data(theirs, "Mô tả của người kia", "Bổ sung")).status_code == 302
    _refused(client.post(url, data(mine, "Mô tả từ trang cũ", "Sửa")))
    record.refresh_from_db()
    assert (record.description, record.version) == ("Mô tả của người kia", 2)


def test_a_stale_withdrawal_is_refused(login, other_office):
    record = _violation()
    client = login("vanphong")
    mine = client.get(record.get_absolute_url()).context["withdraw_form"]
    other_office.post(reverse("discipline:violation-update", args=[record.pk]), {
        "staff": record.staff_id, "date": "12/04/2023", "type": record.type_id, "points": 3,
        "points_reason": "Tái phạm", "description": "", "version": record.version, "change_reason": "Điểm"})
    response = client.post(reverse("discipline:violation-withdraw", args=[record.pk]),
                           {"version": mine["version"].value(), "reason": "Nhầm người"}, follow=True)
    _refused(response)
    record.refresh_from_db()
    assert (record.status, record.points) == ("active", 3)


def test_a_stale_decision_on_an_explanation_is_refused(login):
    record = _violation()
    explanation = services.file_explanation(record, by=_user("canbo"), text="Em quên thẻ.")
    head = login("truongphong")
    mine = head.get(record.get_absolute_url()).context["decision_form"]
    # The head decides meanwhile in another tab.
    services.decide_explanation(explanation, by=_user("truongphong"), accept=False, reason="Không xác nhận",
                                version=explanation.version)
    response = head.post(reverse("discipline:explanation-decide", args=[record.pk]),
                         {"accept": "1", "reason": "Chấp nhận", "version": mine["version"].value()}, follow=True)
    _refused(response)
    explanation.refresh_from_db()
    assert (explanation.status, explanation.decision_reason) == ("rejected", "Không xác nhận")


def test_a_stale_settlement_of_a_dispute_is_refused(login, other_office):
    record = _violation()
    dispute = closing.raise_dispute(record, division=Division.objects.get(code="HTQT"), reason="Sai người",
                                    by=_user("truongphong"))
    url = reverse("discipline:dispute-detail", args=[dispute.pk])
    client = login("vanphong")
    mine = client.get(url).context["form"]
    theirs = other_office.get(url).context["form"]
    resolve = reverse("discipline:dispute-resolve", args=[dispute.pk])
    other_office.post(resolve, {"version": theirs["version"].value(), "outcome": "confirm", "answer": "Đúng người"})
    response = client.post(resolve, {"version": mine["version"].value(), "outcome": "withdraw", "answer": "Rút"},
                           follow=True)
    page = response.content.decode()
    assert stale_message() in page or _("This dispute has already been settled.") in page
    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolution) == (DisputeStatus.CONFIRMED, "Đúng người")
    assert Violation.objects.get(pk=record.pk).status == "active"


def test_a_stale_decision_on_a_reopening_is_refused(login):
    campaign = Campaign.objects.get(year=2023)
    closing.close_month(campaign, 2023, 4, by=_user("vanphong"), reason="Họp")
    request = closing.request_reopen(2023, 4, reason="Sót biên bản", by=_user("vanphong"))
    board = login("giamdoc")
    mine = board.get(reverse("discipline:month", args=[2023, 4])).context["decision_forms"][request.pk]
    closing.decide_reopen(request, approve=False, reason="Không cần", by=_user("giamdoc"), version=request.version)
    _refused(board.post(reverse("discipline:reopen-decide", args=[request.pk]),
                        {"approve": "1", "reason": "", "version": mine["version"].value()}, follow=True))
    assert ReopenRequest.objects.get().status == ReopenStatus.REJECTED
    assert closing.is_closed(2023, 4)


def test_a_stale_day_sheet_is_refused(login, other_office):
    htqt = Division.objects.get(code="HTQT")
    url = reverse("discipline:day-sheet") + f"?division={htqt.pk}&day=14/03/2023"
    client = login("vanphong")
    mine = client.get(url).context["formset"]
    theirs = other_office.get(url).context["formset"]

    def data(formset, check_in):
        sent = {"form-TOTAL_FORMS": len(formset.forms), "form-INITIAL_FORMS": len(formset.forms),
                "form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000}
        for i, form in enumerate(formset.forms):
            sent |= {f"form-{i}-staff": form.initial["staff"], f"form-{i}-version": form.initial["version"],
                     f"form-{i}-status": "present", f"form-{i}-check_in": "", f"form-{i}-check_out": "",
                     f"form-{i}-note": ""}
        sent |= {"form-0-check_in": check_in, "form-0-check_out": "16:30"}
        return sent

    other_office.post(url, data(theirs, "07:20"))
    response = client.post(url, data(mine, "09:00"))
    assert response.status_code == 200
    assert _("%(name)s's row was changed by someone else after you opened the sheet. Reload it and try again.") % {
        "name": Staff.objects.get(pk=mine.forms[0].initial["staff"]).full_name} in response.content.decode()
    assert [f"{t:%H:%M}" for t in AttendanceRecord.objects.values_list("check_in", flat=True)] == ["07:20"]


# --- The year end ---


def test_a_stale_self_assessment_is_refused(login):
    canbo = _staff("HTQT03")
    client = login("canbo")
    mine = client.get(reverse("awards:person-year", args=[2023, canbo.pk])).context["self_form"]
    campaign = Campaign.objects.get(year=2023)
    awards_services.self_assess(campaign, canbo, rating="HTTNV", text="Bản từ máy khác", by=_user("canbo"),
                                version=0)
    response = client.post(reverse("awards:self-assess", args=[2023, canbo.pk]),
                           {"rating": "HTXSNV", "text": "Bản từ trang cũ", "version": mine["version"].value()},
                           follow=True)
    _refused(response)
    assert YearReview.objects.get(staff=canbo).self_assessment == "Bản từ máy khác"


def test_a_stale_proposal_and_decision_are_refused(login):
    canbo, campaign = _staff("HTQT03"), Campaign.objects.get(year=2023)
    person_year = reverse("awards:person-year", args=[2023, canbo.pk])
    head = login("truongphong")
    proposal = head.get(person_year).context["proposal_form"]
    awards_services.self_assess(campaign, canbo, rating="HTTNV", text="Tự đánh giá", by=_user("canbo"), version=0)
    _refused(head.post(reverse("awards:propose", args=[2023, canbo.pk]),
                       {"rating": "HTTNV", "opinion": "Tốt", "reason": "", "version": proposal["version"].value()},
                       follow=True))
    board = login("giamdoc")
    decision = board.get(person_year).context["decision_form"]
    awards_services.propose_rating(campaign, canbo, rating="HTTNV", opinion="Tốt", reason="", by=_user("truongphong"),
                                   version=1)
    _refused(board.post(reverse("awards:decide-rating", args=[2023, canbo.pk]),
                        {"rating": "HTXSNV", "reason": "x", "version": decision["version"].value()}, follow=True))
    review = YearReview.objects.get(staff=canbo)
    assert (review.head_opinion, review.rating) == ("Tốt", "")


def test_a_stale_division_rating_is_refused(login):
    htqt, campaign = Division.objects.get(code="HTQT"), Campaign.objects.get(year=2023)
    board = login("giamdoc")
    mine = board.get(reverse("awards:division-year", args=[2023, htqt.pk])).context["form"]
    awards_services.rate_division(campaign, htqt, rating="HTTNV", note="Từ máy khác", by=_user("giamdoc"), version=0)
    _refused(board.post(reverse("awards:rate-division", args=[2023, htqt.pk]),
                        {"rating": "HTXSNV", "note": "Từ trang cũ", "version": mine["version"].value()}, follow=True))
    assert DivisionReview.objects.get(division=htqt).note == "Từ máy khác"


def test_a_stale_action_on_a_nomination_is_refused(login):
    campaign = Campaign.objects.get(year=2023)
    for person in Staff.objects.in_division(Division.objects.get(code="HTQT")):
        awards_services.decide_rating(campaign, person, rating="HTTNV", reason="", by=_user("giamdoc"))
    nomination = awards_services.nominate(campaign, Title.LDTT, by=_user("truongphong"), staff=_staff("HTQT03"),
                                          achievement="Tốt.")
    office = login("vanphong")
    mine = office.get(nomination.get_absolute_url()).context["withdraw_form"]
    awards_services.shortlist(nomination, by=_user("vanphong"))
    _refused(office.post(reverse("awards:nomination-action", args=[2023, nomination.pk, "withdraw"]),
                         {"reason": "Rút theo đề nghị", "version": mine["version"].value()}, follow=True))
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.SHORTLISTED


def test_explanations_are_never_filed_twice_from_two_tabs(login):
    """The explanation form has no version: a second tab's explanation is refused by the service."""
    record = _violation()
    person = login("canbo")
    url = reverse("discipline:violation-explain", args=[record.pk])
    person.get(url)
    services.file_explanation(record, by=_user("canbo"), text="Từ tab thứ nhất")
    response = person.post(url, {"text": "Từ tab thứ hai"})
    assert _("An explanation of this record has already been filed.") in response.content.decode()
    assert list(Explanation.objects.values_list("text", flat=True)) == ["Từ tab thứ nhất"]


def _session_data(people, nomination, version, place):
    data = {"held_on": "15/12/2023", "started_at": "08:00", "ended_at": "10:30", "place": place,
            "chair": people[0].pk, "secretary": people[1].pk, "method": "hands", "note": "", "version": version,
            "members-TOTAL_FORMS": len(people), "members-INITIAL_FORMS": len(people), "members-MIN_NUM_FORMS": 0,
            "members-MAX_NUM_FORMS": 1000, f"for_{nomination.pk}": 3, f"written_{nomination.pk}": 0}
    for i, person in enumerate(people):
        data |= {f"members-{i}-staff": person.pk, f"members-{i}-council_role": "Ủy viên",
                 f"members-{i}-attendance": "present"}
    return data


def test_a_stale_council_session_form_is_refused(login, other_office):
    campaign = Campaign.objects.get(year=2023)
    for person in Staff.objects.in_division(Division.objects.get(code="HTQT")):
        awards_services.decide_rating(campaign, person, rating="HTTNV", reason="", by=_user("giamdoc"))
    proposed = awards_services.nominate(campaign, Title.LDTT, by=_user("truongphong"), staff=_staff("HTQT03"),
                                        achievement="Tốt.")
    nomination = awards_services.shortlist(proposed, by=_user("vanphong"))
    people = list(Staff.objects.filter(code__in=["BGD01", "VP01", "HTQT01", "LS01"]).order_by("code"))
    office = login("vanphong")
    office.post(reverse("awards:council-new", args=[2023]), _session_data(people, nomination, "", "Phòng họp 1"))
    session = CouncilSession.objects.get()
    url = reverse("awards:council-edit", args=[2023, session.pk])
    mine = office.get(url).context["form"]["version"].value()
    theirs = other_office.get(url).context["form"]["version"].value()
    assert other_office.post(url, _session_data(people, nomination, theirs, "Phòng họp 2")).status_code == 302
    _refused(office.post(url, _session_data(people, nomination, mine, "Phòng họp 3")))
    assert CouncilSession.objects.get().place == "Phòng họp 2"
