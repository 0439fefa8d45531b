"""The council's pages and the published list (awards/views_council.py): recording a session in one go or
not at all, the quorum and pass marks at their edges on the minutes, who may see and do what, publication and
comments."""

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import services
from awards.models import (
    CouncilMember,
    CouncilSession,
    CouncilVote,
    Nomination,
    NominationStatus,
    PublicComment,
    PublicNotice,
    Title,
)
from campaigns.services import load_campaign_2023
from organization.roles import Role
from tests.factories import make_division, make_position, make_staff, make_user

pytestmark = pytest.mark.django_db

URL = "/awards/2023/council/"


@pytest.fixture
def year():
    """The 2023 campaign, a division of twelve, an Office account and three nominees on the shortlist."""
    campaign, _created = load_campaign_2023()
    division = make_division("HTQT", name="Phòng Hợp tác quốc tế")
    position = make_position("Chuyên viên")
    people = [make_staff(f"Thành Viên {n:02d}", division=division, position=position, code=f"TV{n:02d}")
              for n in range(12)]
    office = make_user("vanphong", staff=make_staff("Lê Văn Phòng", division=division, position=position),
                       roles=[Role.OFFICE])

    def nominee(title, staff):
        return Nomination.objects.create(
            campaign=campaign, title=title, staff=staff, division=division, achievement="Hoàn thành xuất sắc",
            status=NominationStatus.SHORTLISTED, proposed_by=office, proposed_at=timezone.now())

    return {
        "campaign": campaign, "division": division, "people": people, "office": office,
        "ldtt": nominee(Title.LDTT, people[10]), "cstdcs": nominee(Title.CSTDCS, people[11]),
        "province": nominee(Title.CSTD_PROVINCE, people[9]),
    }


def as_user(client, *roles, staff=None):
    client.force_login(make_user(staff=staff, roles=list(roles)))
    return client


def session_of(y, *, present, written=0, absent=0, method="hands", votes=()):
    """A session recorded by the service: ``present`` members present, then written votes, then absent."""
    people = y["people"][:present + written + absent]
    members = [{"staff": p, "council_role": "", "present": i < present,
                "written_vote": present <= i < present + written} for i, p in enumerate(people)]
    data = {"held_on": date(2023, 12, 15), "started_at": time(8), "ended_at": time(10),
            "place": "Phòng họp số 1", "chair": people[0], "secretary": people[1], "method": method,
            "note": ""}
    return services.record_session(y["campaign"], by=y["office"], data=data, members=members, votes=[
        {"nomination": n, "votes_for": v, "written_for": w} for n, v, w in votes])


def vote_row(page: str, nomination) -> str:
    return page.split(f'data-nomination="{nomination.pk}"')[1].split("</tr>")[0]


def form_data(members, votes=(), **facts) -> dict:
    """The form's POST: ``members`` as (staff, attendance), ``votes`` as (nomination, for, written)."""
    data = {"held_on": "15/12/2023", "started_at": "08:00", "ended_at": "10:30", "place": "Phòng họp số 1",
            "chair": members[0][0].pk, "secretary": members[1][0].pk, "method": "hands", "note": "",
            "version": "", "members-TOTAL_FORMS": len(members) + 1, "members-INITIAL_FORMS": len(members),
            "members-MIN_NUM_FORMS": 0, "members-MAX_NUM_FORMS": 1000}
    for i, (staff, attendance) in enumerate(members):
        data |= {f"members-{i}-staff": staff.pk, f"members-{i}-council_role": "Ủy viên",
                 f"members-{i}-attendance": attendance}
    data |= {f"members-{len(members)}-staff": "", f"members-{len(members)}-council_role": "",
             f"members-{len(members)}-attendance": "present"}
    for nomination, votes_for, written in votes:
        data |= {f"for_{nomination.pk}": votes_for, f"written_{nomination.pk}": written}
    return data | facts


# --- Recording a session ---


def test_the_office_records_a_session_with_its_members_and_votes(year, client):
    client.force_login(year["office"])
    people = year["people"]
    members = [(p, "present") for p in people[:6]] + [(people[6], "written"), (people[7], "absent")]
    response = client.post(URL + "new/", form_data(members, [(year["ldtt"], 5, 1), (year["province"], 6, 1)]))
    session = CouncilSession.objects.get()
    assert response.status_code == 302 and response.url == f"{URL}{session.pk}/"
    assert (session.held_on, session.started_at, session.ended_at) == (date(2023, 12, 15), time(8),
                                                                       time(10, 30))
    assert (session.chair, session.secretary, session.recorded_by) == (people[0], people[1], year["office"])
    stored = {m.staff: (m.present, m.written_vote, m.council_role) for m in session.members.all()}
    assert stored[people[0]] == (True, False, "Ủy viên")
    assert stored[people[6]] == (False, True, "Ủy viên") and stored[people[7]] == (False, False, "Ủy viên")
    assert len(stored) == 8
    assert {(v.nomination, v.votes_for, v.written_for) for v in session.votes.all()} == {
        (year["ldtt"], 5, 1), (year["province"], 6, 1)}  # CSTĐCS left blank: not voted on at this session


@pytest.mark.parametrize(("change", "message"), [
    ({"chair": "outsider"}, "The chair and the secretary must be among the members listed."),
    ({"for": 7}, "%(nominee)s: %(votes)s votes, but only %(present)s members were present."),
    ({"written": 2}, "%(nominee)s: %(votes)s written votes, but only %(written)s absent members sent one."),
    ({"ended_at": "07:30"}, "The session must end after it starts."),
])
def test_a_refused_session_saves_nothing_and_says_why(year, client, change, message):
    client.force_login(year["office"])
    people = year["people"]
    members = [(p, "present") for p in people[:6]] + [(people[6], "written"), (people[7], "absent")]
    ldtt = year["ldtt"]
    votes = [(ldtt, change.get("for", 5), change.get("written", 1))]
    data = form_data(members, votes)
    if change.get("chair"):
        data["chair"] = people[8].pk  # on the staff, not listed as a member
    if change.get("ended_at"):
        data["ended_at"] = change["ended_at"]
    response = client.post(URL + "new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    expected = _(message) % {"nominee": ldtt, "votes": change.get("for", change.get("written")), "present": 6,
                             "written": 1}
    assert expected.replace("'", "&#x27;") in page
    assert 'id="council-errors"' in page and 'name="place" value="Phòng họp số 1"' in page
    assert CouncilSession.objects.count() == CouncilMember.objects.count() == CouncilVote.objects.count() == 0


def test_the_form_checks_its_fields_before_the_service(year, client):
    client.force_login(year["office"])
    members = [(p, "present") for p in year["people"][:3]]
    data = form_data(members, [(year["ldtt"], "", 2)], held_on="31/02/2023", started_at="8 giờ")
    response = client.post(URL + "new/", data)
    assert response.status_code == 200
    form, votes = response.context["form"], response.context["votes"]
    assert set(form.errors) == {"held_on", "started_at"}
    assert votes.errors[f"for_{year['ldtt'].pk}"] == [
        _("Enter the votes of the members present too (0 if none).")]
    assert CouncilSession.objects.count() == 0


def test_a_new_session_lists_the_council_and_the_last_sessions_members(year, client):
    people = year["people"]
    make_user(staff=people[3], roles=[Role.COUNCIL])
    session_of(year, present=2)  # people 0 and 1
    client.force_login(year["office"])
    page = client.get(URL + "new/")
    chosen = [row["staff"] for row in page.context["members"].initial]
    assert chosen == [people[0].pk, people[1].pk, people[3].pk]
    rows = page.content.decode().split('id="council-votes"')[1]
    assert [n.pk for n, *_fields in page.context["votes"].rows()] == [
        year["ldtt"].pk, year["cstdcs"].pk, year["province"].pk]
    assert "Thành Viên 10" in rows and "Thành Viên 09" in rows


def test_the_office_corrects_a_session_until_the_board_decides(year, client):
    session = session_of(year, present=6, votes=[(year["ldtt"], 3, 0)])
    client.force_login(year["office"])
    page = client.get(f"{URL}{session.pk}/edit/")
    assert page.context["votes"].initial == {f"for_{year['ldtt'].pk}": 3, f"written_{year['ldtt'].pk}": 0}
    members = [(p, "present") for p in year["people"][:6]]
    data = form_data(members, [(year["ldtt"], 5, 0)], version=session.version)
    assert client.post(f"{URL}{session.pk}/edit/", data).status_code == 302
    assert CouncilVote.objects.get().votes_for == 5 and CouncilSession.objects.count() == 1

    stale = client.post(f"{URL}{session.pk}/edit/", data)  # the version the form was opened on is gone
    assert stale.status_code == 200 and CouncilSession.objects.get().version == session.version + 1

    services.decide(year["ldtt"], approve=True, reason="", by=make_user(roles=[Role.BOARD]))
    refused = client.get(f"{URL}{session.pk}/edit/", follow=True)
    assert refused.redirect_chain == [(f"{URL}{session.pk}/", 302)]
    assert "council-edit" not in refused.content.decode()


# --- The minutes: quorum and pass marks at their edges ---


def test_exactly_two_thirds_present_is_a_quorum(year, client):
    session = session_of(year, present=6, absent=3)
    page = as_user(client, Role.COUNCIL).get(f"{URL}{session.pk}/").content.decode()
    quorum = page.split('id="council-quorum"')[1].split("</p>")[0]
    assert _("%(present)s of %(members)s members present") % {"present": 6, "members": 9} in quorum
    assert _("quorum %(quorum)s met") % {"quorum": "2/3"} in quorum and "text-bg-success" in quorum


def test_five_of_nine_is_no_quorum_and_nobody_passes(year, client):
    session = session_of(year, present=5, absent=4, votes=[(year["ldtt"], 5, 0)])
    page = as_user(client, Role.COUNCIL).get(f"{URL}{session.pk}/").content.decode()
    assert "text-bg-danger" in page.split('id="council-quorum"')[1].split("</p>")[0]
    row = vote_row(page, year["ldtt"])
    assert _("No quorum: the vote does not count.") in row and "100,0%" in row


def test_seven_of_ten_present_is_seventy_per_cent_and_passes(year, client):
    session = session_of(year, present=10, votes=[(year["ldtt"], 7, 0), (year["cstdcs"], 6, 0)])
    page = as_user(client, Role.COUNCIL).get(f"{URL}{session.pk}/").content.decode()
    passed, failed = vote_row(page, year["ldtt"]), vote_row(page, year["cstdcs"])
    assert ">7/10<" in passed and "70,0%" in passed and _("Passed") in passed
    assert f'href="/awards/2023/nominations/{year["ldtt"].pk}/"' in passed
    assert ">6/10<" in failed and "60,0%" in failed and _("Not passed") in failed


def test_cstd_cap_tinh_with_eight_of_nine_members_falls_short_of_ninety_per_cent(year, client):
    session = session_of(year, present=7, written=1, absent=1, method="secret",
                         votes=[(year["province"], 7, 1)])
    page = as_user(client, Role.COUNCIL).get(f"{URL}{session.pk}/").content.decode()
    row = vote_row(page, year["province"])
    assert ">8/9<" in row and "88,9%" in row and _("Not passed") in row
    reason = _("%(votes)s of %(members)s members, written votes included (at least %(share)s%% of all "
               "members needed).") % {"votes": 8, "members": 9, "share": 90}
    assert reason in row


def test_a_secret_ballot_title_under_a_show_of_hands_fails(year, client):
    session = session_of(year, present=9, votes=[(year["province"], 9, 0), (year["ldtt"], 9, 0)])
    page = as_user(client, Role.COUNCIL).get(f"{URL}{session.pk}/").content.decode()
    assert _("Needs a secret ballot.") in vote_row(page, year["province"])
    assert _("Not passed") in vote_row(page, year["province"]) and _("Passed") in vote_row(page, year["ldtt"])


# --- Who may see and do what ---


def test_a_plain_staff_member_and_a_head_get_403_on_the_council(year, client):
    session = session_of(year, present=6)
    staff = make_user(staff=year["people"][5])
    head = make_user(staff=year["people"][4], roles=[Role.HEAD])
    for user in (staff, head):
        client.force_login(user)
        for url in (URL, f"{URL}{session.pk}/", URL + "new/", f"{URL}{session.pk}/edit/"):
            assert client.get(url).status_code == 403, (user, url)


def test_a_council_member_reads_the_minutes_but_does_not_record(year, client):
    session = session_of(year, present=6)
    as_user(client, Role.COUNCIL, staff=year["people"][0])
    listing = client.get(URL).content.decode()
    assert f'href="{URL}{session.pk}/"' in listing and "council-new" not in listing
    assert client.get(f"{URL}{session.pk}/").status_code == 200
    assert client.get(URL + "new/").status_code == 403
    assert client.get(f"{URL}{session.pk}/edit/").status_code == 403
    members = [(p, "present") for p in year["people"][:6]]
    assert client.post(URL + "new/", form_data(members)).status_code == 403
    assert CouncilSession.objects.count() == 1


def test_the_board_reads_the_minutes_and_the_office_may_record(year, client):
    session = session_of(year, present=6)
    assert as_user(client, Role.BOARD).get(f"{URL}{session.pk}/").status_code == 200
    assert "council-edit" not in client.get(f"{URL}{session.pk}/").content.decode()
    client.force_login(year["office"])
    assert 'id="council-new"' in client.get(URL).content.decode()
    assert 'id="council-edit"' in client.get(f"{URL}{session.pk}/").content.decode()


def test_an_unknown_year_or_session_is_404(year, client):
    client.force_login(year["office"])
    assert client.get("/awards/2019/council/").status_code == 404
    assert client.get(f"{URL}999999/").status_code == 404


# --- Publication for comments ---


@pytest.fixture
def approved(year):
    """The LĐTT nominee passed by the council and approved by the board; CSTĐCS approved, then revoked."""
    session_of(year, present=6, votes=[(year["ldtt"], 6, 0), (year["cstdcs"], 6, 0)])
    board = make_user(roles=[Role.BOARD])
    services.decide(year["ldtt"], approve=True, reason="", by=board)
    services.decide(year["cstdcs"], approve=True, reason="", by=board)
    services.revoke(year["cstdcs"], on=timezone.localdate(), reason="Hồ sơ không trung thực", by=board)
    return year


def test_before_publication_nothing_is_listed_and_only_the_office_may_publish(approved, client):
    url = "/awards/2023/notice/"
    page = as_user(client, staff=approved["people"][5]).get(url).content.decode()
    assert 'id="notice-state"' in page and "notice-list" not in page and "notice/publish/" not in page
    assert client.post(url + "publish/", {"days": 7}).status_code == 403
    assert as_user(client, Role.BOARD).post(url + "publish/", {"days": 7}).status_code == 403

    client.force_login(approved["office"])
    assert 'value="7"' in client.get(url).content.decode()
    refused = client.post(url + "publish/", {"days": 90}, follow=True)
    assert _("The list is open for comments from 1 to 60 days.") in refused.content.decode()
    assert not PublicNotice.objects.exists()
    client.post(url + "publish/", {"days": 10})
    notice = PublicNotice.objects.get()
    assert (notice.published_on, notice.days, notice.published_by) == (timezone.localdate(), 10,
                                                                       approved["office"])


def test_the_published_list_marks_the_revoked_and_takes_comments_while_open(approved, client):
    services.publish(approved["campaign"], days=7, by=approved["office"])
    reader = make_user(staff=approved["people"][5])
    client.force_login(reader)
    page = client.get("/awards/2023/notice/").content.decode()
    today = timezone.localdate()
    assert f"{today:%d/%m/%Y}" in page and f"{today + timedelta(days=6):%d/%m/%Y}" in page
    assert "Thành Viên 10" in vote_row(page, approved["ldtt"])
    revoked = vote_row(page, approved["cstdcs"])
    assert "Hồ sơ không trung thực" in revoked and f"{today:%d/%m/%Y}" in revoked
    assert 'action="/awards/2023/notice/comment/"' in page

    url = "/awards/2023/notice/comment/"
    client.post(url, {"nomination": approved["ldtt"].pk, "text": "Đồng ý với danh sách."})
    client.post(url, {"nomination": "", "text": "Không có ý kiến khác."})
    empty = client.post(url, {"nomination": "", "text": "   "})
    assert empty.status_code == 200 and empty.context["comment_form"].errors
    stored = list(PublicComment.objects.order_by("pk"))
    assert [(c.author, c.nomination, c.text) for c in stored] == [
        (reader, approved["ldtt"], "Đồng ý với danh sách."), (reader, None, "Không có ý kiến khác.")]
    comments = client.get("/awards/2023/notice/").content.decode().split('id="notice-comments"')[1]
    assert "Thành Viên 05" in comments and "Đồng ý với danh sách." in comments
    assert f"{timezone.localtime(stored[0].created_at):%d/%m/%Y %H:%M}" in comments


def test_a_comment_outside_the_period_is_refused_and_the_comments_are_kept(approved, client):
    today, url = timezone.localdate(), "/awards/2023/notice/comment/"
    services.publish(approved["campaign"], days=7, by=approved["office"], on=today - timedelta(days=3))
    client.force_login(make_user(staff=approved["people"][5]))
    client.post(url, {"nomination": "", "text": "Ý kiến trong thời hạn."})
    PublicNotice.objects.update(published_on=today - timedelta(days=7))  # the seventh day has passed
    refused = client.post(url, {"nomination": "", "text": "Ý kiến muộn."}, follow=True)
    page = refused.content.decode()
    notice = PublicNotice.objects.get()
    expected = _("The list is open for comments from %(start)s until %(end)s.") % {
        "start": f"{notice.published_on:%d/%m/%Y}", "end": f"{notice.ends_on:%d/%m/%Y}"}
    assert expected in page and 'action="/awards/2023/notice/comment/"' not in page
    assert list(PublicComment.objects.values_list("text", flat=True)) == ["Ý kiến trong thời hạn."]
    assert "Ý kiến trong thời hạn." in page


def test_someone_without_a_role_cannot_read_the_list(approved, client):
    client.force_login(make_user())
    assert client.get("/awards/2023/notice/").status_code == 403


# --- Queries ---


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_council_pages_run_the_same_queries_for_few_or_many(approved, client):
    services.publish(approved["campaign"], days=7, by=approved["office"])
    notice = PublicNotice.objects.get()
    client.force_login(approved["office"])
    session = CouncilSession.objects.get()
    urls = [URL, f"{URL}{session.pk}/", f"{URL}{session.pk}/edit/", "/awards/2023/notice/", URL + "new/"]
    session.votes.filter(nomination=approved["province"]).delete()
    few = [_queries(client, url) for url in urls[:1] + urls[3:]]
    session_of(approved, present=9, votes=[(approved["province"], 9, 0)])
    for n in range(3):
        services.comment(notice, text=f"Ý kiến {n}", by=approved["office"], nomination=approved["ldtt"])
    assert [_queries(client, url) for url in urls[:1] + urls[3:]] == few
    latest = CouncilSession.objects.latest("pk")
    many = [_queries(client, f"{URL}{latest.pk}/"), _queries(client, f"{URL}{latest.pk}/edit/")]
    CouncilMember.objects.filter(session=latest, staff__in=approved["people"][5:9]).delete()
    assert [_queries(client, f"{URL}{latest.pk}/"), _queries(client, f"{URL}{latest.pk}/edit/")] == many
