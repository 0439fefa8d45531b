"""The year-end on screen: ratings (self-assessment, the head's proposal, the board's decision), the divisions'
years, eligibility per title, and nominations from proposal to revocation. Rules: awards/yearend.py; changes:
awards/services.py; who may do what: awards/access.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import access, forms, services
from awards.models import COLLECTIVE_TITLES, INDIVIDUAL_TITLES, SHORT_NAMES, NominationStatus, Title
from awards.yearend import YearState, without_record_links
from discipline.access import report_scope
from organization.access import headed_division, role_required, sees_whole_agency
from organization.models import Division, Staff
from organization.roles import Role, has_role


def _fail(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _person_or_403(request, state, pk):
    staff = get_object_or_404(Staff, pk=pk)
    person = state.people.get(staff.pk)
    if person is None:
        raise Http404
    access.check(access.sees_person(request.user, person))
    return person


# --- Ratings ---


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD)
def ratings(request, year):
    campaign = access.campaign_of(year)
    state = YearState.build(campaign)
    division = report_scope(request.user, request.GET.get("division", ""))  # a head: their own division only
    context = {
        "campaign": campaign, "year": year, "state": state, "division": division,
        "people": state.people_sorted(division), "quotas": state.htxsnv_quotas().values(),
        "divisions": Division.objects.filter(active=True) if sees_whole_agency(request.user) else [],
        "division_years": [state.by_division[d.pk] for d in sorted(
            (item.division for item in state.by_division.values()), key=lambda d: (d.display_order, d.code))
            if division is None or d == division],
        "rates_divisions": has_role(request.user, Role.BOARD),
    }
    return render(request, "awards/ratings.html", context)


@require_POST
@role_required(*Role.ORDER)
def self_assess(request, year, pk):
    campaign = access.campaign_of(year)
    staff = get_object_or_404(Staff, pk=pk)
    access.check(access.is_self(request.user, staff))
    return _rating_step(
        request, year, pk, forms.SelfAssessmentForm(request.POST),
        lambda data: services.self_assess(campaign, staff, rating=data["rating"], text=data["text"],
                                          by=request.user, version=data["version"]),
        invalid=_("Choose a rating and write your self-assessment."),
        saved=_("Your self-assessment is saved. Your head will give an opinion."))


@require_POST
@role_required(Role.HEAD)
def propose(request, year, pk):
    campaign = access.campaign_of(year)
    state = YearState.build(campaign)
    person = _person_or_403(request, state, pk)
    access.check(access.may_propose(request.user, person))
    return _rating_step(
        request, year, pk, forms.ProposalForm(request.POST),
        lambda data: services.propose_rating(campaign, person.staff, rating=data["rating"], opinion=data["opinion"],
                                             reason=data["reason"], by=request.user, version=data["version"]),
        invalid=_("Choose a rating and write your opinion."), saved=_("Your proposal is saved. The board decides."))


@require_POST
@role_required(Role.BOARD)
def decide_rating(request, year, pk):
    campaign = access.campaign_of(year)
    state = YearState.build(campaign)
    person = _person_or_403(request, state, pk)
    access.check(access.may_decide_rating(request.user, person))
    return _rating_step(
        request, year, pk, forms.DecisionForm(request.POST),
        lambda data: services.decide_rating(campaign, person.staff, rating=data["rating"], reason=data["reason"],
                                            by=request.user, version=data["version"]),
        invalid=_("Choose a rating."), saved=_("The rating is decided."))


def _rating_step(request, year, pk, form, save, *, invalid: str, saved: str):
    """One step of a person's rating (self-assessment, proposal, decision): the form read, the service called,
    what happened told, back to the person's year."""
    if not form.is_valid():
        messages.error(request, invalid)
    else:
        try:
            save(form.cleaned_data)
            messages.success(request, saved)
        except ValidationError as error:
            _fail(request, error)
    return redirect("awards:person-year", year, pk)


# --- Divisions ---


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD, Role.COUNCIL)
def division_year(request, year, pk):
    campaign = access.campaign_of(year)
    division = get_object_or_404(Division, pk=pk)
    access.check(sees_whole_agency(request.user) or has_role(request.user, Role.COUNCIL)
                 or headed_division(request.user) == division)
    state = YearState.build(campaign)
    item = state.by_division.get(division.pk)
    review = state.division_reviews.get(division.pk)
    form = None
    if has_role(request.user, Role.BOARD):
        form = forms.DivisionRatingForm(initial={"rating": review.rating if review else "",
                                                 "note": review.note if review else "",
                                                 "version": review.version if review else 0})
    context = {
        "campaign": campaign, "year": year, "division": division, "item": item, "review": review, "form": form,
        "titles": [(Title(t).label, item.titles[t]) for t in COLLECTIVE_TITLES] if item else [],
        "people": sorted(item.people, key=lambda p: (p.staff.position.rank, p.staff.name_sort_key)) if item else [],
    }
    return render(request, "awards/division_year.html", context)


@require_POST
@role_required(Role.BOARD)
def rate_division(request, year, pk):
    campaign = access.campaign_of(year)
    division = get_object_or_404(Division, pk=pk)
    form = forms.DivisionRatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the division's rating."))
    else:
        try:
            services.rate_division(campaign, division, rating=form.cleaned_data["rating"],
                                   note=form.cleaned_data["note"], by=request.user,
                                   version=form.cleaned_data["version"])
            messages.success(request, _("The division's year is rated."))
        except ValidationError as error:
            _fail(request, error)
    return redirect("awards:division-year", year, pk)


# --- Eligibility ---


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD, Role.COUNCIL)
def eligibility(request, year):
    campaign = access.campaign_of(year)
    division = access.nomination_scope(request.user)
    state = YearState.build(campaign)
    titles = [(SHORT_NAMES[t], Title(t).label) for t in INDIVIDUAL_TITLES]
    collective = [(SHORT_NAMES[t], Title(t).label) for t in COLLECTIVE_TITLES]
    divisions = sorted((item for item in state.by_division.values() if division is None or item.division == division),
                       key=lambda item: (item.division.display_order, item.division.code))
    context = {
        "campaign": campaign, "year": year, "division": division, "titles": titles, "collective": collective,
        "people": [(p, [p.titles[t] for t in INDIVIDUAL_TITLES]) for p in state.people_sorted(division)],
        "divisions": [(item, [item.titles[t] for t in COLLECTIVE_TITLES]) for item in divisions],
        "quotas": state.quotas(),
    }
    return render(request, "awards/eligibility.html", context)


# --- Nominations ---


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD, Role.COUNCIL)
def nominations(request, year):
    campaign = access.campaign_of(year)
    division = access.nomination_scope(request.user)
    state = YearState.build(campaign)
    results = state.council_results()
    status = request.GET.get("status", "")
    statuses = [status] if status in NominationStatus.values else None
    rows = [(n, state.outcome(n.title, staff_id=n.staff_id, division_id=n.division_id), results.get(n.pk))
            for n in state.nominations_sorted(statuses=statuses, division=division)
            if access.reads_nomination(request.user, n)]
    own = headed_division(request.user)
    context = {
        "campaign": campaign, "year": year, "division": division, "rows": rows, "quotas": state.quotas(),
        "status": status, "statuses": NominationStatus.choices,
        "may_nominate": has_role(request.user, Role.OFFICE) or own is not None,
        "may_nominate_ldtt": own is not None, "own": own,
        "is_office": has_role(request.user, Role.OFFICE), "is_board": has_role(request.user, Role.BOARD),
    }
    return render(request, "awards/nominations.html", context)


def _nominees(user, state):
    """The people and divisions ``user`` may nominate."""
    if has_role(user, Role.OFFICE):
        return [p.staff for p in state.people_sorted()], sorted(
            (item.division for item in state.by_division.values()), key=lambda d: (d.display_order, d.code))
    division = headed_division(user)
    if division is None:
        raise PermissionDenied
    return [p.staff for p in state.people_sorted(division)], [division]


@role_required(Role.OFFICE, Role.HEAD)
def nominate(request, year):
    campaign = access.campaign_of(year)
    state = YearState.build(campaign)
    people, divisions = _nominees(request.user, state)
    initial = {"title": request.GET.get("title", ""), "nominee": request.GET.get("nominee", "")}
    form = forms.NominationForm(request.POST or None, initial=initial, people=people, divisions=divisions)
    outcome = None
    if request.method == "POST" and form.is_valid():
        title, nominee = form.cleaned_data["title"], form.cleaned_data["nominee"]
        staff = division = None
        if nominee.startswith("s"):
            staff = next(p for p in people if f"s{p.pk}" == nominee)
        else:
            division = next(d for d in divisions if f"d{d.pk}" == nominee)
        try:
            nomination = services.nominate(campaign, title, by=request.user, staff=staff, division=division,
                                           achievement=form.cleaned_data["achievement"],
                                           reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
            outcome = state.outcome(title, staff_id=staff.pk if staff else None,
                                    division_id=division.pk if division else None)
        else:
            if not nomination.eligible:
                messages.warning(request, _("Nominated, flagged as not meeting every condition; your reason is kept."))
            else:
                messages.success(request, _("Nominated."))
            return redirect(nomination)
    context = {"campaign": campaign, "year": year, "form": form, "outcome": outcome}
    return render(request, "awards/nomination_form.html", context)


@require_POST
@role_required(Role.HEAD)
def nominate_ldtt(request, year):
    campaign = access.campaign_of(year)
    division = headed_division(request.user)
    if division is None:
        raise PermissionDenied
    made = services.nominate_all_ldtt(campaign, division, by=request.user)
    messages.success(request, _("%(count)s people nominated for LĐTT.") % {"count": len(made)})
    return redirect(reverse("awards:nominations", args=[year]))


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD, Role.COUNCIL)
def nomination(request, year, pk):
    campaign = access.campaign_of(year)
    nomination = access.get_nomination(request.user, campaign, pk)
    state = YearState.build(campaign)
    person = state.people.get(nomination.staff_id) if nomination.staff_id else None
    user = request.user
    is_office, is_board = has_role(user, Role.OFFICE), has_role(user, Role.BOARD)
    outcome = state.outcome(nomination.title, staff_id=nomination.staff_id, division_id=nomination.division_id)
    if nomination.staff_id and not access.opens_record(user, nomination.staff):
        outcome = without_record_links(outcome, nomination.staff)
    proposer = nomination.proposed_by_id == user.pk or (headed_division(user) == nomination.division)
    context = {
        "campaign": campaign, "year": year, "nomination": nomination, "person": person,
        "outcome": outcome,
        "result": state.council_results().get(nomination.pk),
        "quota": state.cstdcs_quota() if nomination.title == Title.CSTDCS else None,
        # The achievement report: the Office, the board, the head of the nominee's division (awards/views_documents.py).
        "may_draft": sees_whole_agency(user) or headed_division(user) == nomination.division,
        "history": nomination.history.select_related("history_user__staff").order_by("-history_date"),
        "comments": nomination.comments.select_related("author__staff"),
        "actions": {
            "withdraw": (is_office or proposer) and nomination.status in (NominationStatus.PROPOSED,
                                                                          NominationStatus.SHORTLISTED),
            "shortlist": is_office and nomination.status == NominationStatus.PROPOSED,
            "override": is_board and nomination.status == NominationStatus.PROPOSED
            and nomination.title == Title.CSTDCS and not nomination.quota_override_reason,
            "decide": is_board and nomination.status == NominationStatus.SHORTLISTED,
            "revoke": is_board and nomination.status == NominationStatus.APPROVED,
        },
        # One form per action, each with its own element ids.
        **{f"{name}_form": forms.ReasonForm(initial={"version": nomination.version}, auto_id=f"{name}_%s")
           for name in ("override", "reject", "withdraw")},
        "revoke_form": forms.RevokeForm(initial={"version": nomination.version}, auto_id="revoke_%s"),
    }
    return render(request, "awards/nomination_detail.html", context)


ACTIONS = ["withdraw", "shortlist", "override", "approve", "reject", "revoke"]


@require_POST
@role_required(Role.OFFICE, Role.BOARD, Role.HEAD)
def nomination_action(request, year, pk, action):
    campaign = access.campaign_of(year)
    nomination = access.get_nomination(request.user, campaign, pk)
    user = request.user
    form = (forms.RevokeForm if action == "revoke" else forms.ReasonForm)(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(nomination)
    data = form.cleaned_data
    reason, version = data.get("reason", ""), data.get("version")
    if action == "withdraw":
        access.check(has_role(user, Role.OFFICE) or headed_division(user) == nomination.division)
        call = lambda: services.withdraw(nomination, reason=reason, by=user, version=version)  # noqa: E731
        done = _("The nomination is withdrawn.")
    elif action == "shortlist":
        access.check(has_role(user, Role.OFFICE))
        call = lambda: services.shortlist(nomination, by=user, version=version)  # noqa: E731
        done = _("The nomination is on the shortlist.")
    elif action == "override":
        access.check(has_role(user, Role.BOARD))
        call = lambda: services.override_quota(nomination, reason=reason, by=user, version=version)  # noqa: E731
        done = _("The quota is overridden for this nomination; the Office can put it on the shortlist.")
    elif action in ("approve", "reject"):
        access.check(has_role(user, Role.BOARD))
        call = lambda: services.decide(nomination, approve=action == "approve", reason=reason, by=user,  # noqa: E731
                                       version=version)
        done = _("The nomination is approved.") if action == "approve" else _("The nomination is rejected.")
    elif action == "revoke":
        access.check(has_role(user, Role.BOARD))
        call = lambda: services.revoke(nomination, on=data["on"], reason=reason, by=user,  # noqa: E731
                                       version=version)
        done = _("The award is revoked.")
    else:
        raise PermissionDenied
    try:
        call()
        messages.success(request, done)
    except ValidationError as error:
        _fail(request, error)
    return redirect(nomination)

