"""The council on screen (the Office records each session from the meeting; the council reads the minutes)
and the approved list published for comments (công khai). Rules: awards/yearend.py; changes:
awards/services.py; who may do what: awards/access.py."""

from fractions import Fraction

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import access, services
from awards import rules as R
from awards.forms_council import Attendance, CommentForm, MemberFormSet, PublishForm, SessionForm, VotesForm
from awards.models import (
    CouncilMember,
    CouncilSession,
    CouncilVote,
    Nomination,
    NominationStatus,
    PublicNotice,
    Title,
)
from awards.yearend import session_result
from organization.access import role_required
from organization.models import Staff
from organization.roles import Role
from organization.submissions import AlreadySent, save_once

TITLE_ORDER = {title: i for i, title in enumerate(Title.values)}


def _fail(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _list_key(n: Nomination) -> tuple:
    """The order of the year's lists (YearState.nominations_sorted): people first, title, division, name."""
    return (n.staff_id is None, TITLE_ORDER[n.title], n.division.display_order,
            n.staff.name_sort_key if n.staff_id else n.division.code)


def _in_list_order(nominations) -> list[Nomination]:
    return sorted(nominations, key=_list_key)


# --- Council sessions ---


@role_required(Role.OFFICE, Role.BOARD, Role.COUNCIL)
def council(request, year):
    campaign = access.campaign_of(year)
    access.check(access.reads_minutes(request.user))
    sessions = CouncilSession.objects.filter(campaign=campaign).select_related("chair").annotate(
        member_count=Count("members", distinct=True),
        present_count=Count("members", filter=Q(members__present=True), distinct=True),
        vote_count=Count("votes", distinct=True),
    ).order_by("held_on", "started_at", "pk")
    context = {"campaign": campaign, "year": year, "sessions": sessions,
               "may_record": access.records_council(request.user)}
    return render(request, "awards/council_list.html", context)


@role_required(Role.OFFICE, Role.BOARD, Role.COUNCIL)
def council_session(request, year, pk):
    campaign = access.campaign_of(year)
    session = access.get_session(request.user, campaign, pk)
    prefetch_related_objects(
        [session], Prefetch("members", CouncilMember.objects.select_related("staff__position")),
        Prefetch("votes", CouncilVote.objects.select_related("nomination__staff", "nomination__division")))
    members, votes = list(session.members.all()), list(session.votes.all())
    result = session_result(session, R.rules_for(campaign))
    context = {
        "campaign": campaign, "year": year, "session": session, "result": result,
        "votes": sorted(result.votes, key=lambda r: _list_key(r.vote.nomination)),
        **_thresholds(campaign),
        "present": [m for m in members if m.present],
        "written": [m for m in members if not m.present and m.written_vote],
        "absent": [m for m in members if not m.present and not m.written_vote],
        "may_edit": access.records_council(request.user) and not _decided(votes),
    }
    return render(request, "awards/council_detail.html", context)


@role_required(Role.OFFICE)
def council_form(request, year, pk=None):
    """Record a session, or correct one: its facts, members and votes saved together, or nothing."""
    campaign = access.campaign_of(year)
    access.check(access.records_council(request.user))
    session = access.get_session(request.user, campaign, pk) if pk else None
    if session is not None and _decided(session.votes.select_related("nomination")):
        messages.error(request, _("A nominee voted on at this session has left the shortlist (decided or "
                                  "withdrawn): the minutes can no longer be corrected."))
        return redirect(session)
    people = _people(session)
    nominations = _in_list_order(Nomination.objects.filter(
        campaign=campaign, status=NominationStatus.SHORTLISTED).select_related("staff", "division"))
    data = request.POST if request.method == "POST" else None
    last = None if session else CouncilSession.objects.order_by("-held_on", "-started_at", "-pk").first()
    form = SessionForm(data, people=people, initial=_session_initial(session, last, year))
    members = MemberFormSet(data, prefix="members", initial=_members_initial(session, last, people),
                            form_kwargs={"people": people})
    votes = VotesForm(data, nominations=nominations, initial=_votes_initial(session))
    errors = []
    if data is not None and all([form.is_valid(), members.is_valid(), votes.is_valid()]):
        try:
            saved = save_once(form.cleaned_data["submission"], lambda: services.record_session(
                campaign, by=request.user, data=form.session_data(), members=members.members(), votes=votes.votes(),
                session=session, version=form.cleaned_data["version"]), by=request.user)
        except AlreadySent as sent:
            messages.info(request, sent.message)
            return redirect(sent.url)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The council session is recorded."))
            return redirect(saved)
    context = {
        "campaign": campaign, "year": year, "session": session, "form": form, "members": members,
        "votes": votes, "errors": errors, **_thresholds(campaign),
    }
    return render(request, "awards/council_form.html", context)


def _thresholds(campaign) -> dict:
    """The campaign's quorum and pass marks, for the pages to state."""
    rules = R.rules_for(campaign)
    return {"quorum": Fraction(rules.quorum).limit_denominator(100),
            "approval_share": int(rules.approval_share * 100),
            "secret_ballot_share": int(rules.secret_ballot_share * 100)}


def _decided(votes) -> bool:
    """Whether a nominee of these votes left the shortlist: recording the session anew drops their votes."""
    return any(vote.nomination.status != NominationStatus.SHORTLISTED for vote in votes)


def _people(session) -> list[Staff]:
    """Who can be chosen: the staff in post, and the session's own members (one may have left since)."""
    today = timezone.localdate()
    chosen = Q(active=True) & (Q(date_left__isnull=True) | Q(date_left__gte=today))
    if session is not None:
        chosen |= Q(pk__in=CouncilMember.objects.filter(session=session).values("staff"))
    return list(Staff.objects.filter(chosen).official_order())


def _session_initial(session, last, year: int) -> dict:
    """The session's facts; for a new one, the last session's place, chair and secretary, and today if in
    the campaign's year."""
    if session is None:
        today = timezone.localdate()
        initial = {"held_on": today if today.year == year else None}
        if last is not None:
            initial |= {"place": last.place, "chair": last.chair_id, "secretary": last.secretary_id}
        return initial
    return {"held_on": session.held_on, "started_at": session.started_at, "ended_at": session.ended_at,
            "place": session.place, "chair": session.chair_id, "secretary": session.secretary_id,
            "method": session.method, "note": session.note, "version": session.version}


def _members_initial(session, last, people) -> list[dict]:
    """The session's members; for a new one, the last session's and everyone holding the council role."""
    if session is not None:
        return [_member_row(m) for m in session.members.all()]
    known = {p.pk for p in people}
    rows = [_member_row(m, attendance=Attendance.PRESENT) for m in last.members.all()] if last else []
    listed = {row["staff"] for row in rows}
    council = Staff.objects.filter(user__groups__name=Role.COUNCIL, user__is_active=True).official_order()
    rows += [{"staff": s.pk, "council_role": "", "attendance": Attendance.PRESENT}
             for s in council if s.pk not in listed]
    return [row for row in rows if row["staff"] in known]


def _member_row(member, attendance=None) -> dict:
    if attendance is None:
        attendance = (Attendance.PRESENT if member.present
                      else Attendance.WRITTEN if member.written_vote else Attendance.ABSENT)
    return {"staff": member.staff_id, "council_role": member.council_role, "attendance": attendance}


def _votes_initial(session) -> dict:
    initial = {}
    for vote in session.votes.all() if session is not None else []:
        initial[f"for_{vote.nomination_id}"] = vote.votes_for
        initial[f"written_{vote.nomination_id}"] = vote.written_for
    return initial


# --- The published list (công khai) ---


def _listed(campaign) -> list[Nomination]:
    """The published list: the approved nominees and, marked, those revoked since."""
    return _in_list_order(Nomination.objects.filter(
        campaign=campaign, status__in=[NominationStatus.APPROVED, NominationStatus.REVOKED],
    ).select_related("staff__position", "division"))


def _notice_page(request, campaign, comment_form=None, status=200):
    notice = PublicNotice.objects.filter(campaign=campaign).select_related("published_by__staff").first()
    context = {"campaign": campaign, "year": campaign.year, "notice": notice,
               "may_publish": access.records_council(request.user)}
    if notice is None:
        context["approved"] = Nomination.objects.filter(campaign=campaign,
                                                        status=NominationStatus.APPROVED).count()
        context["publish_form"] = PublishForm()
    else:
        listed = _listed(campaign)
        today = timezone.localdate()
        is_open = notice.open_on(today)
        context |= {
            "listed": listed, "open": is_open, "upcoming": today < notice.published_on,
            "last_day": notice.ends_on,
            "comments": notice.comments.select_related("author__staff", "nomination__staff",
                                                       "nomination__division"),
            "comment_form": (comment_form or CommentForm(nominations=listed)) if is_open else None,
        }
    return render(request, "awards/notice.html", context, status=status)


@role_required(*Role.ORDER)
def notice(request, year):
    campaign = access.campaign_of(year)
    access.check(access.reads_notice(request.user))
    return _notice_page(request, campaign)


@require_POST
@role_required(Role.OFFICE)
def notice_publish(request, year):
    campaign = access.campaign_of(year)
    access.check(access.records_council(request.user))
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The list is open for comments from 1 to 60 days."))
    else:
        try:
            services.publish(campaign, days=form.cleaned_data["days"], by=request.user)
            messages.success(request, _("The list is published for comments; everyone in post is told."))
        except ValidationError as error:
            _fail(request, error)
    return redirect("awards:notice", year)


@require_POST
@role_required(*Role.ORDER)
def notice_comment(request, year):
    campaign = access.campaign_of(year)
    access.check(access.reads_notice(request.user))
    notice = PublicNotice.objects.filter(campaign=campaign).first()
    if notice is None:
        messages.error(request, _("Nothing is published for comments yet."))
        return redirect("awards:notice", year)
    form = CommentForm(request.POST, nominations=_listed(campaign))
    if not form.is_valid() and notice.open_on(timezone.localdate()):
        return _notice_page(request, campaign, comment_form=form)
    try:
        save_once(form.cleaned_data.get("submission", ""), lambda: services.comment(
            notice, text=form.cleaned_data.get("text", ""), by=request.user,
            nomination=form.cleaned_data.get("nomination")), by=request.user)
        messages.success(request, _("Your comment is kept with the list; the Office considers it."))
    except AlreadySent as sent:
        messages.info(request, sent.message)
    except ValidationError as error:
        _fail(request, error)
    return redirect("awards:notice", year)
