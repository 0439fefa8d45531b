"""The demo's 2023 year-end (awards/demo.py): ratings, nominations, the council, the publication, and what is
left for the journeys.

The demo takes seconds to load, so the module loads it once inside a transaction rolled back at the end; each
test runs in its own savepoint within it.
"""

import io
from collections import Counter
from datetime import date, time

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from awards import services
from awards.demo import seed_year_end_2023
from awards.models import (
    CouncilSession,
    DivisionReview,
    IssuedDocument,
    Nomination,
    NominationStatus,
    PublicComment,
    PublicNotice,
    Rating,
    Title,
    YearReview,
)
from awards.yearend import YearState, session_result
from campaigns.models import Campaign
from organization.models import Division, EmploymentType, Staff, User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker):
    """The whole demo, its year-end included, loaded once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def campaign(year):
    return Campaign.objects.get(year=2023)


@pytest.fixture
def state(campaign):
    return YearState.build(campaign)


def _review(code):
    return YearReview.objects.filter(staff__code=code).first()


def _first_author(record):
    """Who first wrote in ``record`` (the services create a review before writing in it, with no user)."""
    return record.history.exclude(history_user=None).earliest().history_user.username


def test_ratings_are_decided_as_the_board_would(state):
    reviews = YearReview.objects.all()
    assert reviews.count() == 43
    assert reviews.exclude(self_rating="").count() == 43
    assert reviews.exclude(head_rating="").count() == 41
    decided = Counter(reviews.exclude(rating="").values_list("rating", flat=True))
    assert decided == {Rating.HTXSNV: 7, Rating.HTTNV: 32, Rating.HTNV: 2, Rating.KHTNV: 1}
    # The sanctioned person: KHTNV, after a head's proposal beyond the cap with its reason.
    sanctioned = _review("QLBG08")
    assert (sanctioned.rating, sanctioned.cap) == (Rating.KHTNV, Rating.KHTNV)
    assert sanctioned.head_rating == Rating.HTNV
    assert sanctioned.head_override_reason and not sanctioned.override_reason
    # One decided override, with the board's reason: HTXSNV beyond the public employees' quota.
    overrides = reviews.exclude(override_reason="")
    assert [r.staff.code for r in overrides] == ["VP06"] and overrides[0].rating == Rating.HTXSNV
    # The civil servants' HTXSNV stay within the group's quota, with a place left for the journeys.
    quota = state.htxsnv_quotas()[EmploymentType.CIVIL_SERVANT]
    assert quota.used == 6 and not quota.over and not quota.full


def test_who_wrote_what(campaign):
    # Account holders write their own self-assessment; the Office transcribes everyone else's.
    assert _first_author(_review("VP03")) == "hoidong"
    assert _first_author(_review("HTQT01")) == "truongphong"
    assert _first_author(_review("LS05")) == "vanphong"
    assert _review("HTQT05").head_by.username == "truongphong"
    assert _review("LS05").head_by.username == "vanphong"
    assert _review("LS01").head_by.username == "giamdoc"  # heads of divisions: the Giám đốc's opinion
    assert _review("BGD01").decided_by.username == "vanphong"  # the province's rating, recorded by the Office
    others = YearReview.objects.exclude(rating="").exclude(staff__code="BGD01")
    assert {r.decided_by.username for r in others} == {"giamdoc"}
    assert "Tự nhận xếp loại" in _review("LS05").self_assessment
    assert "Đề nghị xếp loại" in _review("LS05").head_opinion


def test_the_journeys_still_have_work(campaign):
    canbo = Staff.objects.get(code="HTQT03")
    assert _review("HTQT03") is None
    unproposed = _review("HTQT10")
    assert unproposed.self_assessment and not unproposed.head_rating and not unproposed.rating
    assert _review("TTDN07") is None  # recruited in October: not rated
    assert not Nomination.objects.filter(staff__code__in=["HTQT03", "HTQT10"]).exists()
    # canbo self-assesses, her head proposes both, then "nominate all LĐTT" finds exactly these two.
    services.self_assess(campaign, canbo, rating=Rating.HTTNV, text="Hoàn thành các nhiệm vụ được giao.",
                         by=canbo.user)
    head = User.objects.get(username="truongphong")
    for code in ["HTQT03", "HTQT10"]:
        services.propose_rating(campaign, Staff.objects.get(code=code), rating=Rating.HTTNV,
                                opinion="Hoàn thành tốt nhiệm vụ.", reason="", by=head)
    made = services.nominate_all_ldtt(campaign, Division.objects.get(code="HTQT"), by=head)
    assert sorted(n.staff.code for n in made) == ["HTQT03", "HTQT10"]


def test_divisions_are_rated_and_the_qualifying_ones_nominated(state):
    ratings = dict(DivisionReview.objects.values_list("division__code", "rating"))
    assert ratings == {"VP": Rating.HTTNV, "LS": Rating.HTXSNV, "HTQT": Rating.HTXSNV, "QLBG": Rating.HTNV,
                       "TTDN": Rating.HTTNV}
    collective = Nomination.objects.filter(staff__isnull=True)
    assert sorted(collective.filter(title=Title.TTLDTT).values_list("division__code", flat=True)) == [
        "HTQT", "LS", "TTDN", "VP"]
    assert list(collective.filter(title=Title.TTLDXS).values_list("division__code", flat=True)) == ["LS"]
    for nomination in collective:
        assert state.outcome(nomination.title, division_id=nomination.division_id).eligible


def test_nominations_by_title_and_status(state):
    found = Counter(Nomination.objects.values_list("title", "status"))
    approved, rejected = NominationStatus.APPROVED, NominationStatus.REJECTED
    assert found == {
        (Title.LDTT, approved): 39,
        (Title.CSTDCS, approved): 4,
        (Title.CSTD_PROVINCE, approved): 1,
        (Title.CSTD_PROVINCE, rejected): 1,
        (Title.CERTIFICATE, approved): 3,
        (Title.TTLDTT, approved): 4,
        (Title.TTLDXS, approved): 1,
    }
    quota = state.cstdcs_quota()
    assert (quota.used, quota.places, quota.over) == (4, 5, False)
    assert set(Nomination.objects.filter(title=Title.CSTDCS).values_list("staff__code", flat=True)) == {
        "VP02", "LS03", "TTDN03", "HTQT02"}
    province = Nomination.objects.get(title=Title.CSTD_PROVINCE, status=approved)
    assert province.staff.code == "HTQT02" and province.eligible
    # HTQT's nominations come from its head, every other division's from the Office.
    nominations = Nomination.objects.select_related("division", "proposed_by")
    by = {(n.division.code == "HTQT", n.proposed_by.username) for n in nominations}
    assert by == {(True, "truongphong"), (False, "vanphong")}


def test_one_flagged_nomination_fails_the_council_and_is_rejected():
    flagged = Nomination.objects.get(eligible=False)
    assert (flagged.title, flagged.staff.code) == (Title.CSTD_PROVINCE, "LS03")
    assert flagged.unmet and flagged.ineligible_reason
    assert flagged.status == NominationStatus.REJECTED and flagged.decision_reason
    assert flagged.decided_by.username == "giamdoc"


def test_the_council_session(state):
    session = CouncilSession.objects.get()
    assert (session.held_on, session.place) == (date(2023, 12, 15), "Phòng họp Sở Ngoại vụ")
    assert session.method == "secret"
    assert (session.started_at, session.ended_at) == (time(8, 0), time(10, 30))
    assert (session.chair.code, session.secretary.code) == ("BGD01", "VP04")
    assert session.recorded_by.username == "vanphong"
    result = session_result(session, state.rules)
    assert (result.members, result.present, result.written, result.quorum) == (9, 7, 2, True)
    failed = [r.vote.nomination for r in result.votes if not r.passed]
    assert [(n.title, n.staff.code) for n in failed] == [(Title.CSTD_PROVINCE, "LS03")]
    # Every nomination went to the council, and every one it passed was approved.
    assert len(result.votes) == Nomination.objects.count()
    passed = {r.vote.nomination_id for r in result.votes if r.passed}
    approved = Nomination.objects.filter(status=NominationStatus.APPROVED)
    assert passed == set(approved.values_list("pk", flat=True))


def test_the_list_is_published_with_comments():
    notice = PublicNotice.objects.get()
    assert (notice.published_on, notice.days) == (date(2023, 12, 18), 7)
    assert notice.published_by.username == "vanphong"
    comments = list(PublicComment.objects.order_by("created_at"))
    assert len(comments) == 2
    assert all(notice.open_on(timezone.localdate(c.created_at)) for c in comments)
    assert not Nomination.objects.filter(status=NominationStatus.REVOKED).exists()


def test_a_second_run_changes_nothing():
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    assert seed_year_end_2023() is False
    call_command("seed_demo", stdout=io.StringIO())
    assert {model._meta.label: model.objects.count() for model in apps.get_models()} == counts


def test_the_year_end_is_dated_december_2023():
    stamps = [
        *YearReview.objects.values_list("self_at", flat=True).exclude(self_at=None),
        *YearReview.objects.values_list("decided_at", flat=True).exclude(decided_at=None),
        *Nomination.objects.values_list("proposed_at", flat=True),
        *Nomination.objects.values_list("decided_at", flat=True),
        *YearReview.history.values_list("history_date", flat=True),
        *PublicComment.objects.values_list("created_at", flat=True),
    ]
    assert {(timezone.localtime(s).year, timezone.localtime(s).month) for s in stamps} == {(2023, 12)}
    assert timezone.now().year > 2023  # the demo's clock is gone once it has loaded


def test_the_documents_are_numbered_with_their_2023_dates():
    numbered = {(d.type_code, d.number, d.issued_on) for d in IssuedDocument.objects.filter(year=2023)}
    assert numbered == {("BB", 1, date(2023, 12, 15)), ("TTr", 1, date(2023, 12, 26)),
                        ("QĐ", 1, date(2023, 12, 26))}
