"""Every change of the year-end, each in one transaction, each kept in the history with who, when and why.

Each function checks the rules (from awards/yearend.py's ``YearState``) and raises ``ValidationError`` with a
message for people when they refuse; who may call which is checked by the views (awards/access.py). A form
carries the version of the record it was opened on: saving over a newer one is refused.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from awards.models import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    CouncilMember,
    CouncilSession,
    CouncilVote,
    DivisionReview,
    Nomination,
    NominationStatus,
    PublicComment,
    PublicNotice,
    Rating,
    Title,
    YearReview,
)
from awards.yearend import ON_LIST, YearState, unmet
from discipline.services import _save, check_version, tell, tell_all
from organization.models import Staff
from organization.roles import Role


def _review(campaign, staff) -> YearReview:
    """The person's review, locked, or a new one saved only with its first step (so its history starts there)."""
    review = YearReview.objects.select_for_update().filter(campaign=campaign, staff=staff).first()
    return review or YearReview(campaign=campaign, staff=staff)


def _person(state: YearState, staff: Staff):
    person = state.people.get(staff.pk)
    if person is None:
        raise ValidationError(_("%(name)s is not scored in %(year)s: there is nothing to rate.")
                              % {"name": staff.full_name, "year": state.year})
    return person


def _check_rating(rating: str) -> None:
    if rating not in Rating.values:
        raise ValidationError(_("Choose a rating."))


# --- Ratings ---


@transaction.atomic
def self_assess(campaign, staff: Staff, *, rating: str, text: str, by, version: int | None = None) -> YearReview:
    """The person's own assessment of their year and the rating they think they earned."""
    _check_rating(rating)
    if not text.strip():
        raise ValidationError(_("Write your self-assessment."))
    review = _review(campaign, staff)
    check_version(review, version)
    if review.rating:
        raise ValidationError(_("The board has already decided your rating: the self-assessment is closed."))
    review.self_rating, review.self_assessment, review.self_at = rating, text.strip(), timezone.now()
    _save(review, reason=_("Self-assessment"), by=by)
    return review


@transaction.atomic
def propose_rating(campaign, staff: Staff, *, rating: str, opinion: str, reason: str, by,
                   version: int | None = None) -> YearReview:
    """The head's opinion and proposed rating; beyond the rules (cap or quota) only with a reason."""
    _check_rating(rating)
    if not opinion.strip():
        raise ValidationError(_("Write your opinion of the person's year."))
    state = YearState.build(campaign)
    person = _person(state, staff)
    review = _review(campaign, staff)
    check_version(review, version)
    if review.rating:
        raise ValidationError(_("The board has already decided this rating."))
    problems = state.rating_problems(person, rating)
    if problems and not reason.strip():
        raise ValidationError(_("This rating goes beyond the rules, so it needs a reason: %(problems)s")
                              % {"problems": " ".join(problems)})
    review.head_rating, review.head_opinion, review.head_at, review.head_by = rating, opinion.strip(), timezone.now(), by
    review.head_override_reason = reason.strip() if problems else ""
    review.suggested = person.suggestion.rating or ""
    review.cap = person.cap.rating or ""
    _save(review, reason=_("Rating proposed by the head"), by=by)
    if staff.user_id:
        tell(staff.user, _("Your head proposed your rating for %(year)s.") % {"year": campaign.year},
             review.get_absolute_url())
    return review


@transaction.atomic
def decide_rating(campaign, staff: Staff, *, rating: str, reason: str, by, version: int | None = None) -> YearReview:
    """The board's rating; beyond the rules (cap or quota) only with a reason, shown as an override."""
    _check_rating(rating)
    state = YearState.build(campaign)
    person = _person(state, staff)
    review = _review(campaign, staff)
    check_version(review, version)
    problems = state.rating_problems(person, rating)
    if problems and not reason.strip():
        raise ValidationError(_("This rating goes beyond the rules, so it needs a reason: %(problems)s")
                              % {"problems": " ".join(problems)})
    review.rating, review.decided_at, review.decided_by = rating, timezone.now(), by
    review.override_reason = reason.strip() if problems else ""
    review.suggested = person.suggestion.rating or ""
    review.cap = person.cap.rating or ""
    _save(review, reason=_("Rating decided by the board"), by=by)
    if staff.user_id:
        tell(staff.user, _("The board decided your rating for %(year)s: %(rating)s.")
             % {"year": campaign.year, "rating": rating}, review.get_absolute_url())
    return review


@transaction.atomic
def rate_division(campaign, division, *, rating: str, note: str, by, version: int | None = None) -> DivisionReview:
    """The board's rating of a division's year (TTLĐTT needs HTTNV or better)."""
    _check_rating(rating)
    review = DivisionReview.objects.select_for_update().filter(campaign=campaign, division=division).first()
    if review is None:
        review = DivisionReview(campaign=campaign, division=division)
    check_version(review, version)
    review.rating, review.note, review.decided_by, review.decided_at = rating, note.strip(), by, timezone.now()
    _save(review, reason=_("Division's year rated by the board"), by=by)
    return review


# --- Nominations ---


@transaction.atomic
def nominate(campaign, title: str, *, by, achievement: str, reason: str = "", staff: Staff | None = None,
             division=None) -> Nomination:
    """Put a person (with their division) or a division forward; if a condition fails, only with a reason."""
    if title in INDIVIDUAL_TITLES:
        if staff is None:
            raise ValidationError(_("Choose the person to nominate."))
    elif title in COLLECTIVE_TITLES:
        if division is None:
            raise ValidationError(_("Choose the division to nominate."))
        staff = None
    else:
        raise ValidationError(_("Choose a title."))
    if not achievement.strip():
        raise ValidationError(_("Summarise the achievements behind the nomination."))
    state = YearState.build(campaign)
    if staff is not None:
        person = state.people.get(staff.pk)
        division = person.division if person and person.division else division
        if division is None:
            raise ValidationError(_("%(name)s belongs to no division in %(year)s.")
                                  % {"name": staff.full_name, "year": campaign.year})
    taken = Nomination.objects.filter(campaign=campaign, title=title).exclude(status=NominationStatus.WITHDRAWN)
    taken = taken.filter(staff=staff) if staff is not None else taken.filter(staff__isnull=True, division=division)
    if taken.exists():
        raise ValidationError(_("%(name)s is already nominated for this title.")
                              % {"name": staff.full_name if staff else division.name})
    _refuse_under_review(state, staff)
    outcome = state.outcome(title, staff_id=staff.pk if staff else None, division_id=division.pk)
    if not outcome.eligible and not reason.strip():
        raise ValidationError(_("%(name)s does not meet every condition of the title (%(unmet)s), so the nomination "
                                "needs a reason.") % {"name": staff.full_name if staff else division.name,
                                                      "unmet": unmet(outcome).replace("\n", " ")})
    nomination = Nomination(
        campaign=campaign, title=title, staff=staff, division=division, achievement=achievement.strip(),
        eligible=outcome.eligible, unmet=unmet(outcome), ineligible_reason="" if outcome.eligible else reason.strip(),
        proposed_by=by, proposed_at=timezone.now(),
    )
    _save(nomination, reason=_("Nominated"), by=by)
    return nomination


@transaction.atomic
def ldtt_words(rating: str, year: int, average) -> str:
    """What nominate_all_ldtt writes as the achievement: the rating and the average, nothing more."""
    return (_("Rated %(rating)s in %(year)s; average monthly score %(average)s.")
            % {"rating": rating, "year": year, "average": number_format(average, 2)})


def nominate_all_ldtt(campaign, division, *, by) -> list[Nomination]:
    """Everyone of ``division`` who meets the LĐTT standard and is not yet nominated for it."""
    state = YearState.build(campaign)
    taken = set(Nomination.objects.filter(campaign=campaign, title=Title.LDTT).exclude(
        status=NominationStatus.WITHDRAWN).values_list("staff_id", flat=True))
    made = []
    for person in state.people_sorted(division):
        if person.staff.pk in taken or not person.titles[Title.LDTT].eligible:
            continue
        nomination = Nomination(
            campaign=campaign, title=Title.LDTT, staff=person.staff, division=division, eligible=True,
            achievement=ldtt_words(person.rating, campaign.year, person.summary.average),
            proposed_by=by, proposed_at=timezone.now(),
        )
        _save(nomination, reason=_("Nominated"), by=by)
        made.append(nomination)
    return made


def _refuse_under_review(state: YearState, staff: Staff | None) -> None:
    """Nobody under disciplinary review or investigation may be proposed or awarded, whatever the reason given."""
    person = state.people.get(staff.pk) if staff is not None else None
    if person is not None and person.under_review:
        raise ValidationError(_("%(name)s is under disciplinary review or investigation: nobody under review may be "
                                "proposed or awarded.") % {"name": staff.full_name})


def _locked(nomination: Nomination, version: int | None) -> Nomination:
    current = Nomination.objects.select_for_update().get(pk=nomination.pk)
    check_version(current, version)
    return current


@transaction.atomic
def withdraw(nomination: Nomination, *, reason: str, by, version: int | None = None) -> Nomination:
    nomination = _locked(nomination, version)
    if nomination.status not in (NominationStatus.PROPOSED, NominationStatus.SHORTLISTED):
        raise ValidationError(_("Only a nomination not yet decided by the board can be withdrawn."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for withdrawing the nomination."))
    nomination.status = NominationStatus.WITHDRAWN
    _save(nomination, reason=reason.strip(), by=by)
    return nomination


@transaction.atomic
def shortlist(nomination: Nomination, *, by, version: int | None = None) -> Nomination:
    """The Office puts a nomination on the shortlist; beyond a quota only once the board has overridden it."""
    nomination = _locked(nomination, version)
    if nomination.status != NominationStatus.PROPOSED:
        raise ValidationError(_("Only a proposed nomination can be put on the shortlist."))
    state = YearState.build(nomination.campaign)
    _refuse_under_review(state, nomination.staff)
    if nomination.title == Title.CSTDCS:
        quota = state.cstdcs_quota()
        if quota.full and not nomination.quota_override_reason:
            raise ValidationError(_("%(quota)s: the shortlist is full for this title. The board may override the "
                                    "quota with a reason.") % {"quota": quota})
    nomination.status, nomination.shortlisted_at = NominationStatus.SHORTLISTED, timezone.now()
    _save(nomination, reason=_("Put on the shortlist"), by=by)
    return nomination


@transaction.atomic
def override_quota(nomination: Nomination, *, reason: str, by, version: int | None = None) -> Nomination:
    """The board lets a nomination take a place beyond the quota, with a reason kept on it."""
    nomination = _locked(nomination, version)
    if not reason.strip():
        raise ValidationError(_("Give the reason for exceeding the quota."))
    if nomination.status != NominationStatus.PROPOSED:
        raise ValidationError(_("Only a proposed nomination waits for a quota override."))
    nomination.quota_override_reason = reason.strip()
    _save(nomination, reason=_("Quota override"), by=by)
    return nomination


@transaction.atomic
def decide(nomination: Nomination, *, approve: bool, reason: str, by, version: int | None = None) -> Nomination:
    """The board approves (once the council passed it) or rejects (with a reason) a shortlisted nomination."""
    nomination = _locked(nomination, version)
    if nomination.status != NominationStatus.SHORTLISTED:
        raise ValidationError(_("Only a nomination on the shortlist can be approved or rejected."))
    if approve:
        state = YearState.build(nomination.campaign)
        _refuse_under_review(state, nomination.staff)
        result = state.council_results().get(nomination.pk)
        if result is None or not result.passed:
            raise ValidationError(_("The council has not passed this nomination: it cannot be approved."))
    elif not reason.strip():
        raise ValidationError(_("Give the reason for rejecting the nomination."))
    nomination.status = NominationStatus.APPROVED if approve else NominationStatus.REJECTED
    nomination.decision_reason, nomination.decided_by, nomination.decided_at = reason.strip(), by, timezone.now()
    _save(nomination, reason=_("Approved by the board") if approve else _("Rejected by the board"), by=by)
    if nomination.staff_id and nomination.staff.user_id:
        tell(nomination.staff.user, _("The board decided on your nomination for %(title)s.")
             % {"title": nomination.get_title_display()}, nomination.get_absolute_url())
    return nomination


@transaction.atomic
def revoke(nomination: Nomination, *, on: date, reason: str, by, version: int | None = None) -> Nomination:
    """An approved award revoked later (a false dossier, violations found), kept and shown as revoked."""
    nomination = _locked(nomination, version)
    if nomination.status != NominationStatus.APPROVED:
        raise ValidationError(_("Only an approved award can be revoked."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the revocation."))
    if on > timezone.localdate():
        raise ValidationError(_("The revocation date cannot be in the future."))
    nomination.status, nomination.revoked_on, nomination.revoked_reason = NominationStatus.REVOKED, on, reason.strip()
    _save(nomination, reason=_("Revoked"), by=by)
    return nomination


# --- The council ---


@transaction.atomic
def record_session(campaign, *, by, data: dict, members: list[dict], votes: list[dict],
                   session: CouncilSession | None = None, version: int | None = None) -> CouncilSession:
    """Record (or correct) a council session: its facts, each member's presence and each nominee's votes.

    ``members``: [{"staff": Staff, "council_role": str, "present": bool, "written_vote": bool}];
    ``votes``: [{"nomination": Nomination, "votes_for": int, "written_for": int}]. Checked together, so a
    refused session leaves nothing saved.
    """
    errors = []
    if not members:
        errors.append(_("List the council's members."))
    people = [m["staff"].pk for m in members]
    if len(set(people)) != len(people):
        errors.append(_("A member is listed twice."))
    if data["chair"].pk not in people or data["secretary"].pk not in people:
        errors.append(_("The chair and the secretary must be among the members listed."))
    if data["ended_at"] <= data["started_at"]:
        errors.append(_("The session must end after it starts."))
    present = sum(1 for m in members if m["present"])
    written = sum(1 for m in members if not m["present"] and m["written_vote"])
    for member in members:
        if member["present"] and member["written_vote"]:
            errors.append(_("%(name)s was present: a written vote is for absent members only.")
                          % {"name": member["staff"].full_name})
    for vote in votes:
        nomination = vote["nomination"]
        if nomination.campaign_id != campaign.pk or nomination.status != NominationStatus.SHORTLISTED:
            errors.append(_("%(nominee)s is not on the shortlist.") % {"nominee": nomination})
        if vote["votes_for"] > present:
            errors.append(_("%(nominee)s: %(votes)s votes, but only %(present)s members were present.")
                          % {"nominee": nomination, "votes": vote["votes_for"], "present": present})
        if vote["written_for"] > written:
            errors.append(_("%(nominee)s: %(votes)s written votes, but only %(written)s absent members sent one.")
                          % {"nominee": nomination, "votes": vote["written_for"], "written": written})
    if errors:
        raise ValidationError(errors)
    if session is None:
        session = CouncilSession(campaign=campaign, recorded_by=by)
    else:
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        check_version(session, version)
    for name, value in data.items():
        setattr(session, name, value)
    _save(session, reason=_("Council session recorded"), by=by)
    session.members.all().delete()
    CouncilMember.objects.bulk_create([CouncilMember(session=session, **member) for member in members])
    session.votes.all().delete()
    CouncilVote.objects.bulk_create([CouncilVote(session=session, **vote) for vote in votes])
    council = Staff.objects.filter(pk__in=people, user__isnull=False).select_related("user")
    tell_all([s.user for s in council if s.user_id != by.pk],
             _("The minutes of the council session of %(date)s are in the portal.")
             % {"date": session.held_on.strftime("%d/%m/%Y")}, session.get_absolute_url())
    return session


# --- Publication for comments (công khai) ---


@transaction.atomic
def publish(campaign, *, days: int, by, on: date | None = None) -> PublicNotice:
    """Publish the approved list for comments for ``days`` days from ``on`` (today)."""
    if PublicNotice.objects.filter(campaign=campaign).exists():
        raise ValidationError(_("The list of %(year)s is already published.") % {"year": campaign.year})
    if not Nomination.objects.filter(campaign=campaign, status=NominationStatus.APPROVED).exists():
        raise ValidationError(_("The board has approved no nomination yet: there is nothing to publish."))
    if not 1 <= days <= 60:
        raise ValidationError(_("The list is open for comments from 1 to 60 days."))
    notice = PublicNotice(campaign=campaign, published_on=on or timezone.localdate(), days=days, published_by=by)
    notice._history_user = by
    notice.save()
    in_post = Staff.objects.filter(active=True, user__isnull=False).filter(
        Q(date_left__isnull=True) | Q(date_left__gte=notice.published_on))
    users = [s.user for s in in_post.select_related("user")]
    tell_all(users, _("The award list of %(year)s is published for comments until %(date)s.")
             % {"year": campaign.year, "date": notice.ends_on.strftime("%d/%m/%Y")},
             reverse("awards:notice", args=[campaign.year]))
    return notice


@transaction.atomic
def comment(notice: PublicNotice, *, text: str, by, nomination: Nomination | None = None) -> PublicComment:
    if not notice.open_on(timezone.localdate()):
        raise ValidationError(_("The list is open for comments from %(start)s until %(end)s.")
                              % {"start": notice.published_on.strftime("%d/%m/%Y"),
                                 "end": (notice.ends_on).strftime("%d/%m/%Y")})
    if not text.strip():
        raise ValidationError(_("Write your comment."))
    if nomination is not None and (nomination.campaign_id != notice.campaign_id
                                   or nomination.status not in ON_LIST + [NominationStatus.REVOKED]):
        raise ValidationError(_("Comment on a nominee of the published list."))
    found = PublicComment.objects.create(notice=notice, nomination=nomination, author=by, text=text.strip())
    offices = [u for u in _office_users() if u.pk != by.pk]
    tell_all(offices, _("A comment on the published award list."), reverse("awards:notice", args=[notice.campaign.year]))
    return found


def _office_users():
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(groups__name=Role.OFFICE, is_active=True))
