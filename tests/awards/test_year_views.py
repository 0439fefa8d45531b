"""The year-end pages (awards/views_year.py, awards/views.py person_year) as their users use them: the rating
workflow, the divisions' years, eligibility, nominations from proposal to revocation, and what each role may do.

The demo department without records: every month of 2023 is open and spotless, so everyone is suggested HTXSNV.
"""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards import services
from awards.models import Initiative, Nomination, NominationStatus, Title, YearReview
from awards.yearend import YearState
from campaigns.models import Campaign
from discipline.models import Sanction, SanctionKind, SanctionStatus
from organization.models import Division, Staff, User
from tests.factories import grow_demo_division

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(demo):
    return Campaign.objects.get(year=2023)


def _staff(code):
    return Staff.objects.get(code=code)


def _user(username):
    return User.objects.get(username=username)


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- Ratings ---


def test_a_person_writes_their_self_assessment_and_nobody_else_can(year, login):
    canbo = _staff("HTQT03")
    client = login("canbo")
    response = client.post(f"/awards/2023/staff/{canbo.pk}/self-assessment/",
                           {"rating": "HTXSNV", "text": "Hoàn thành 100% nhiệm vụ được giao.", "version": "0"},
                           follow=True)
    assert "Đã lưu bản tự đánh giá của bạn" in response.content.decode()
    review = YearReview.objects.get(campaign=year, staff=canbo)
    assert (review.self_rating, review.self_assessment) == ("HTXSNV", "Hoàn thành 100% nhiệm vụ được giao.")
    assert review.history.latest().history_user == _user("canbo")
    peer = _staff("HTQT05")
    assert client.post(f"/awards/2023/staff/{peer.pk}/self-assessment/",
                       {"rating": "HTXSNV", "text": "x"}).status_code == 403
    # An empty text is refused with a message and nothing changes.
    client.post(f"/awards/2023/staff/{canbo.pk}/self-assessment/", {"rating": "HTTNV", "text": " ", "version": "1"})
    assert YearReview.objects.get(pk=review.pk).self_rating == "HTXSNV"


def test_the_head_proposes_for_their_division_only_and_never_for_themselves(year, login):
    client = login("truongphong")
    canbo, ls, himself = _staff("HTQT03"), _staff("LS03"), _staff("HTQT01")
    data = {"rating": "HTTNV", "opinion": "Hoàn thành tốt nhiệm vụ.", "reason": "", "version": "0"}
    assert client.post(f"/awards/2023/staff/{canbo.pk}/propose/", data).status_code == 302
    assert YearReview.objects.get(staff=canbo).head_rating == "HTTNV"
    assert client.post(f"/awards/2023/staff/{ls.pk}/propose/", data).status_code == 403
    assert client.post(f"/awards/2023/staff/{himself.pk}/propose/", data).status_code == 403
    assert login("canbo").post(f"/awards/2023/staff/{canbo.pk}/propose/", data).status_code == 403


def test_a_rating_above_the_rules_needs_a_reason_and_shows_as_an_override(year, login):
    canbo = _staff("HTQT03")
    Sanction.objects.create(staff=canbo, opened_on=date(2023, 3, 1), status=SanctionStatus.DECIDED,
                            kind=SanctionKind.REPRIMAND, decision_date=date(2023, 3, 20))
    client = login("truongphong")
    data = {"rating": "HTTNV", "opinion": "Đã khắc phục sau kỷ luật.", "reason": "", "version": "0"}
    response = client.post(f"/awards/2023/staff/{canbo.pk}/propose/", data, follow=True)
    page = response.content.decode()
    assert "vượt quá quy định nên cần nêu lý do" in page and "KHTNV" in page
    assert not YearReview.objects.filter(staff=canbo).exclude(head_rating="").exists()
    data["reason"] = "Vi phạm đã được khắc phục, có thành tích đột xuất trong tháng 11."
    client.post(f"/awards/2023/staff/{canbo.pk}/propose/", data)
    review = YearReview.objects.get(staff=canbo)
    assert review.head_rating == "HTTNV" and review.head_override_reason.startswith("Vi phạm đã được khắc phục")
    assert review.cap == "KHTNV"
    ratings = login("giamdoc").get("/awards/2023/ratings/?division=HTQT").content.decode()
    row = ratings.split('data-staff="HTQT03"')[1].split("</tr>")[0]
    assert "vượt quy định" in row
    person = login("canbo").get(f"/awards/2023/staff/{canbo.pk}/").content.decode()
    assert "Vi phạm đã được khắc phục" in person and 'id="rating-cap"' in person


def test_the_board_decides_and_htxsnv_beyond_the_quota_needs_a_reason(year, login):
    board = _user("giamdoc")
    # 41 civil servants, all suggested HTXSNV: 20 per cent of 41 rated HTTNV or better, rounded down, is 8 places.
    assert YearState.build(year).htxsnv_quotas()["civil_servant"].places == 8
    civil = list(Staff.objects.filter(employment_type="civil_servant", user__isnull=True).order_by("code"))[:9]
    for person in civil[:8]:
        services.decide_rating(year, person, rating="HTXSNV", reason="", by=board)
    client = login("giamdoc")
    ninth = civil[8]
    response = client.post(f"/awards/2023/staff/{ninth.pk}/decide/", {"rating": "HTXSNV", "reason": ""}, follow=True)
    assert "vượt chỉ tiêu của nhóm: 9 cho 8 chỉ tiêu" in response.content.decode()
    assert not YearReview.objects.filter(staff=ninth).exclude(rating="").exists()
    client.post(f"/awards/2023/staff/{ninth.pk}/decide/",
                {"rating": "HTXSNV", "reason": "Hoàn thành xuất sắc nhiệm vụ đột xuất của tỉnh."})
    review = YearReview.objects.get(staff=ninth)
    assert review.rating == "HTXSNV" and review.overrides
    page = client.get("/awards/2023/ratings/").content.decode()
    assert "HTXSNV, Công chức: 9 trên 8 chỉ tiêu đã dùng" in page
    # The board decides nobody's own rating; a head decides none.
    assert client.post(f"/awards/2023/staff/{_user('giamdoc').staff.pk}/decide/", {"rating": "HTTNV"}).status_code == 403
    assert login("truongphong").post(f"/awards/2023/staff/{ninth.pk}/decide/", {"rating": "HTTNV"}).status_code == 403


def test_the_board_rates_a_division_and_ttldtt_follows(year, login):
    htqt = Division.objects.get(code="HTQT")
    board = _user("giamdoc")
    for person in Staff.objects.in_division(htqt):
        services.decide_rating(year, person, rating="HTTNV", reason="", by=board)
    client = login("giamdoc")
    before = client.get(f"/awards/2023/divisions/{htqt.pk}/").content.decode()
    assert "Ban Giám đốc chưa đánh giá phòng hoàn thành tốt nhiệm vụ" in before
    client.post(f"/awards/2023/divisions/{htqt.pk}/rate/", {"rating": "HTTNV", "note": "Hoàn thành tốt.", "version": "0"})
    after = login("truongphong").get(f"/awards/2023/divisions/{htqt.pk}/").content.decode()
    assert "Ban Giám đốc đánh giá phòng hoàn thành tốt nhiệm vụ" in after
    assert after.count("text-bg-success\">đủ điều kiện") >= 1
    assert login("truongphong").post(f"/awards/2023/divisions/{htqt.pk}/rate/", {"rating": "HTTNV"}).status_code == 403
    ls = Division.objects.get(code="LS")
    assert login("truongphong").get(f"/awards/2023/divisions/{ls.pk}/").status_code == 403


# --- Nominations ---


def _rate_htqt(year, rating="HTTNV"):
    board = _user("giamdoc")
    for person in Staff.objects.in_division(Division.objects.get(code="HTQT")):
        services.decide_rating(year, person, rating=rating, reason="", by=board)


def test_the_head_nominates_and_an_ineligible_nomination_needs_a_reason(year, login):
    _rate_htqt(year)
    canbo = _staff("HTQT03")
    client = login("truongphong")
    data = {"title": "CSTDCS", "nominee": f"s{canbo.pk}", "achievement": "Hoàn thành tốt nhiệm vụ lễ tân đối ngoại."}
    page = client.post("/awards/2023/nominations/new/", data).content.decode()
    assert "Không có sáng kiến được công nhận" in page and "cần nêu lý do" in page
    assert not Nomination.objects.exists()
    data["reason"] = "Sáng kiến đang chờ Hội đồng sáng kiến công nhận trong tháng 12."
    response = client.post("/awards/2023/nominations/new/", data)
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and response["Location"] == nomination.get_absolute_url()
    assert not nomination.eligible and "sáng kiến" in nomination.unmet and nomination.division.code == "HTQT"
    listing = client.get("/awards/2023/nominations/").content.decode()
    assert "đề nghị dù chưa đủ điều kiện" in listing
    # Someone of another division is not offered, and a forged choice is refused by the form.
    ls = _staff("LS03")
    data["nominee"] = f"s{ls.pk}"
    client.post("/awards/2023/nominations/new/", data)
    assert Nomination.objects.count() == 1


def test_the_head_nominates_everyone_meeting_the_ldtt_standard_at_once(year, login):
    _rate_htqt(year)
    client = login("truongphong")
    client.post("/awards/2023/nominations/ldtt/")
    htqt = Staff.objects.in_division(Division.objects.get(code="HTQT")).count()
    assert Nomination.objects.filter(title=Title.LDTT, status=NominationStatus.PROPOSED).count() == htqt
    client.post("/awards/2023/nominations/ldtt/")  # twice: nobody nominated twice
    assert Nomination.objects.filter(title=Title.LDTT).count() == htqt
    assert login("canbo").post("/awards/2023/nominations/ldtt/").status_code == 403


def _nominate_cstdcs(year, codes):
    head = _user("truongphong")
    found = []
    for code in codes:
        person = _staff(code)
        Initiative.objects.create(staff=person, title=f"Sáng kiến {code}", recognized_on=date(2023, 9, 1))
        found.append(services.nominate(year, Title.CSTDCS, by=head, staff=person, achievement="Có sáng kiến."))
    return found


def test_the_shortlist_stops_at_the_quota_until_the_board_overrides(year, login):
    _rate_htqt(year)  # 11 LĐTT in HTQT: 15 per cent of 11 is 1 CSTĐCS place under rule set 2023
    first, second = _nominate_cstdcs(year, ["HTQT03", "HTQT05"])
    office = login("vanphong")
    office.post(f"/awards/2023/nominations/{first.pk}/shortlist/", {"version": first.version})
    assert Nomination.objects.get(pk=first.pk).status == NominationStatus.SHORTLISTED
    page = office.post(f"/awards/2023/nominations/{second.pk}/shortlist/", {"version": second.version},
                       follow=True).content.decode()
    assert "CSTĐCS: 1 trên 1 chỉ tiêu đã dùng" in page
    assert Nomination.objects.get(pk=second.pk).status == NominationStatus.PROPOSED
    # Only the board overrides, with a reason.
    assert office.post(f"/awards/2023/nominations/{second.pk}/override/", {"reason": "x"}).status_code == 403
    board = login("giamdoc")
    board.post(f"/awards/2023/nominations/{second.pk}/override/", {"reason": "", "version": second.version})
    assert Nomination.objects.get(pk=second.pk).quota_override_reason == ""
    board.post(f"/awards/2023/nominations/{second.pk}/override/",
               {"reason": "Hai sáng kiến cấp tỉnh trong năm.", "version": second.version})
    second.refresh_from_db()
    login("vanphong").post(f"/awards/2023/nominations/{second.pk}/shortlist/", {"version": second.version})
    second.refresh_from_db()
    assert second.status == NominationStatus.SHORTLISTED and second.quota_override_reason
    assert "vượt chỉ tiêu" in login("vanphong").get("/awards/2023/nominations/").content.decode()


def _council(year, nominations, votes_for):
    office = _user("vanphong")
    people = list(Staff.objects.filter(code__in=["BGD01", "VP01", "HTQT01", "LS01", "QLBG01", "TTTT01"]))
    members = [{"staff": s, "council_role": "", "present": True, "written_vote": False} for s in people]
    return services.record_session(
        year, by=office, members=members,
        data={"held_on": date(2023, 12, 15), "started_at": time(8), "ended_at": time(10), "place": "Phòng họp",
              "chair": people[0], "secretary": people[1], "method": "hands", "note": ""},
        votes=[{"nomination": n, "votes_for": votes_for, "written_for": 0} for n in nominations],
    )


def test_the_board_approves_after_the_council_rejects_with_a_reason_and_revokes(year, login):
    _rate_htqt(year)
    first, second = _nominate_cstdcs(year, ["HTQT03", "HTQT05"])
    office = _user("vanphong")
    services.shortlist(first, by=office)
    services.override_quota(second, reason="Thành tích đột xuất.", by=_user("giamdoc"))
    services.shortlist(Nomination.objects.get(pk=second.pk), by=office)
    board = login("giamdoc")
    board.post(f"/awards/2023/nominations/{first.pk}/approve/", {"version": "2"})
    assert Nomination.objects.get(pk=first.pk).status == NominationStatus.SHORTLISTED  # no council yet
    _council(year, [Nomination.objects.get(pk=first.pk), Nomination.objects.get(pk=second.pk)], votes_for=5)
    first.refresh_from_db()
    board.post(f"/awards/2023/nominations/{first.pk}/approve/", {"version": first.version})
    assert Nomination.objects.get(pk=first.pk).status == NominationStatus.APPROVED
    second.refresh_from_db()
    board.post(f"/awards/2023/nominations/{second.pk}/reject/", {"reason": "", "version": second.version})
    assert Nomination.objects.get(pk=second.pk).status == NominationStatus.SHORTLISTED
    board.post(f"/awards/2023/nominations/{second.pk}/reject/",
               {"reason": "Vượt chỉ tiêu, để xét năm sau.", "version": second.version})
    assert Nomination.objects.get(pk=second.pk).status == NominationStatus.REJECTED
    # A revocation: a reason and a date, kept and shown.
    first.refresh_from_db()
    board.post(f"/awards/2023/nominations/{first.pk}/revoke/",
               {"on": "", "reason": "Hồ sơ kê khai sai", "version": first.version})
    assert Nomination.objects.get(pk=first.pk).status == NominationStatus.APPROVED
    board.post(f"/awards/2023/nominations/{first.pk}/revoke/",
               {"on": "15/03/2024", "reason": "Hồ sơ sáng kiến kê khai không trung thực.", "version": first.version})
    first.refresh_from_db()
    assert first.status == NominationStatus.REVOKED and first.revoked_on == date(2024, 3, 15)
    page = login("hoidong").get(first.get_absolute_url()).content.decode()
    assert "Thu hồi ngày 15/03/2024" in page and "không trung thực" in page
    assert login("vanphong").post(f"/awards/2023/nominations/{first.pk}/approve/", {}).status_code == 403


def test_who_reads_the_nominations(year, login):
    _rate_htqt(year)
    (nomination,) = _nominate_cstdcs(year, ["HTQT03"])
    assert login("canbo").get("/awards/2023/nominations/").status_code == 403
    assert login("canbo").get(nomination.get_absolute_url()).status_code == 403
    # The council reads the shortlist, not what divisions have merely proposed, whatever the filter asked for;
    # nor the nominee's year or record before the nomination is on the list.
    council = login("hoidong")
    for query in ("", "?status=proposed"):
        assert "data-nomination" not in council.get(f"/awards/2023/nominations/{query}").content.decode()
    assert council.get(nomination.get_absolute_url()).status_code == 403
    huong = nomination.staff
    assert council.get(f"/awards/2023/staff/{huong.pk}/").status_code == 403
    services.shortlist(nomination, by=_user("vanphong"))
    assert f'data-nomination="{nomination.pk}"' in council.get("/awards/2023/nominations/").content.decode()
    page = council.get(nomination.get_absolute_url()).content.decode()
    year_page = council.get(f"/awards/2023/staff/{huong.pk}/")
    assert year_page.status_code == 200 and "Nguyễn Thị Hương" in year_page.content.decode()
    # The conditions link to her year, not to her personnel record, which stays with the Office and her head.
    for html in (page, year_page.content.decode()):
        assert f'href="/staff/{huong.pk}/"' not in html and f'href="/awards/2023/staff/{huong.pk}/"' in html
    assert council.get(f"/staff/{huong.pk}/").status_code == 403
    assert f'href="/staff/{huong.pk}/"' in login("vanphong").get(nomination.get_absolute_url()).content.decode()
    assert login("hoidong").post(f"/awards/2023/nominations/{nomination.pk}/withdraw/", {"reason": "x"}).status_code == 403


@pytest.mark.parametrize("url", ["/awards/2023/ratings/", "/awards/2023/eligibility/", "/awards/2023/nominations/"])
def test_the_year_end_pages_run_the_same_queries_for_few_or_many_people(year, client, url):
    client.force_login(_user("vanphong"))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    grow_demo_division(3)
    few = count()
    grow_demo_division(30, start=3)
    assert count() == few
