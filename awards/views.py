"""The year's summaries: the whole Sở or a division for the Office, the board and heads; one person's year."""

from django.shortcuts import get_object_or_404, render

from awards import access, forms
from awards.models import INDIVIDUAL_TITLES, Title
from awards.rules import rules_for
from awards.summary import MIDYEAR, YEAR, by_division, suggestions, summarise
from awards.yearend import YearState, without_record_links
from discipline.models import AttendanceStatus
from discipline.access import report_scope
from discipline.closing import members_between
from discipline.scoring import month_bounds
from organization.access import role_required, sees_whole_agency
from organization.models import Division, Staff
from organization.roles import Role

PERIODS = {"midyear": MIDYEAR, "year": YEAR}


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD)
def year_summary(request, year):
    campaign = access.campaign_of(year)
    period = request.GET.get("period") if request.GET.get("period") in PERIODS else "year"
    division = report_scope(request.user, request.GET.get("division", ""))
    months = list(PERIODS[period])
    candidates = None
    if division is not None:  # only those who belonged to it in the period are summarised
        candidates = members_between(division, month_bounds(year, months[0])[0], month_bounds(year, months[-1])[1])
    summaries = summarise(campaign, year, months, staff_ids=candidates)
    if division is not None:  # a person counts in the division of their latest month in the period
        summaries = {pk: s for pk, s in summaries.items() if s.division_id == division.pk}
    people = {p.pk: p for p in Staff.objects.filter(pk__in=list(summaries)).select_related("position")}
    divisions = {d.pk: d for d in Division.objects.all()}
    suggested = suggestions(campaign, year, summaries)
    rows = sorted(
        ((people[pk], divisions.get(s.division_id), s, suggested[pk], _by_month(s, months))
         for pk, s in summaries.items()),
        key=lambda row: (row[1].display_order if row[1] else 10**6, row[1].code if row[1] else "",
                         row[0].position.rank, row[0].name_sort_key, row[0].code),
    )
    totals = sorted(by_division(summaries).items(),
                    key=lambda item: (divisions[item[0]].display_order, divisions[item[0]].code) if item[0] else (10**6, ""))
    context = {
        "campaign": campaign, "year": year, "period": period, "months": months, "division": division,
        "rows": rows, "totals": [(divisions.get(pk), summary) for pk, summary in totals],
        "numbers": list(campaign.criteria.order_by("number").values_list("number", flat=True)),
        "provisional": any(s.provisional for s in summaries.values()),
        "divisions": Division.objects.filter(active=True) if sees_whole_agency(request.user) else [],
        "rules": rules_for(campaign),
    }
    return render(request, "awards/year_summary.html", context)


@role_required(*Role.ORDER)
def person_year(request, year, pk):
    """A person's year: months, suggestion, the rating workflow (with the form the user may fill) and, for those
    who read nominations, each title's eligibility with the records behind it."""
    campaign = access.campaign_of(year)
    staff = get_object_or_404(Staff.objects.select_related("position", "user"), pk=pk)
    access.check(access.reads_year(request.user, campaign, staff))
    state = YearState.build(campaign)
    person = state.people.get(staff.pk)
    summary = person.summary if person else None
    numbers = list(campaign.criteria.order_by("number").values_list("number", flat=True))
    review = person.review if person else None
    user = request.user
    version = {"version": review.version if review else 0}
    context = {
        "campaign": campaign, "year": year, "staff": staff, "summary": summary, "person": person,
        "review": review, "lines": _by_month(summary, list(YEAR)) if summary else [],
        "by_content": [(n, summary.violations.get(n, 0)) for n in numbers] if summary else [],
        "absences": [(AttendanceStatus(status).label, days) for status, days in summary.absences.items()]
        if summary else [],
        "suggestion": person.suggestion if person else None,
        "rules": state.rules,
    }
    if person is not None:
        decided = bool(review and review.rating)
        if access.is_self(user, staff) and not decided:
            context["self_form"] = forms.SelfAssessmentForm(initial={
                **version, "rating": review.self_rating if review else "",
                "text": review.self_assessment if review else ""})
        if access.may_propose(user, person) and not decided:
            context["proposal_form"] = forms.ProposalForm(initial={
                **version, "rating": (review.head_rating if review and review.head_rating
                                      else person.suggestion.rating or ""),
                "opinion": review.head_opinion if review else "",
                "reason": review.head_override_reason if review else ""})
        if access.may_decide_rating(user, person):
            context["decision_form"] = forms.DecisionForm(initial={
                **version, "rating": (review.rating or review.head_rating) if review else "",
                "reason": review.override_reason if review else ""})
        if any(key in context for key in ("proposal_form", "decision_form")):
            context["quota"] = state.htxsnv_quotas()[person.group]
        if access.reads_nominations(user) or access.is_self(user, staff):
            titles = [(Title(t).label, person.titles[t]) for t in INDIVIDUAL_TITLES]
            if not access.opens_record(user, staff):
                titles = [(label, without_record_links(outcome, staff)) for label, outcome in titles]
            context["titles"] = titles
    return render(request, "awards/person_year.html", context)


def _by_month(summary, months) -> list:
    """The summary's month lines in the order of ``months``, None where the person was not in post."""
    lines = {line.month: line for line in summary.months}
    return [lines.get(month) for month in months]
