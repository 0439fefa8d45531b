"""The month after it ends: the heads' review, disputes, the Office's close, reopening, the monthly report
and the briefing page. Rules: discipline/closing.py; who sees what: discipline/access.py."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Campaign
from campaigns.workdays import WorkCalendar
from discipline import access, briefing, closing, forms, report, scoring
from discipline.models import (
    Commendation,
    Dispute,
    DisputeStatus,
    Month,
    ReopenRequest,
    ReopenStatus,
    ReviewComment,
    Signoff,
    Violation,
)
from organization.access import get_staff_for_user, role_required, sees_whole_agency
from organization.models import Division
from organization.roles import Role, has_role


def _campaign(year: int, month: int) -> Campaign:
    campaign = Campaign.objects.filter(year=year).first()
    if campaign is None or not 1 <= month <= 12:
        raise Http404
    return campaign


def _shift(year: int, month: int, step: int) -> tuple[int, int]:
    month += step
    return (year + (month - 1) // 12, (month - 1) % 12 + 1)


def _month_url(year: int, month: int) -> str:
    return reverse("discipline:month", args=[year, month])


def _late(campaign, year, month, divisions_signed, calendar=None):
    """The divisions still unsigned once the sign-off deadline has passed."""
    deadline = briefing.signoff_deadline(campaign, year, month, calendar)
    if timezone.localdate() <= deadline:
        return []
    return [division for division, signoff in divisions_signed if signoff is None]


# --- A division's month, reviewed by its head ---



@role_required(Role.OFFICE, Role.BOARD, Role.HEAD)
def division_month(request, year, month, pk):
    division = get_object_or_404(Division, pk=pk)
    access.check_division_scope(request.user, division)
    campaign = _campaign(year, month)
    results = closing.division_results(campaign, year, month, division)
    people = [r.staff.pk for r in results]
    comments = {c.staff_id: c for c in ReviewComment.objects.filter(year=year, month=month, staff_id__in=people)}
    signoff = division.signoffs.filter(year=year, month=month).select_related("signed_by").first()
    reviewer = access.may_review(request.user, division)
    closed = closing.is_closed(year, month)
    ended = closing.has_ended(year, month)
    waiting = closing.pending(year, month, staff_ids=people)
    context = {
        "division": division, "campaign": campaign, "year": year, "month": month,
        "rows": [(r, comments.get(r.staff.pk)) for r in results],
        "briefing": briefing.briefing_date(campaign, year, month),
        "deadline": briefing.signoff_deadline(campaign, year, month),
        "previous": _shift(year, month, -1), "next": _shift(year, month, 1),
        "signoff": signoff, "closed": closed, "ended": ended, "pending": waiting,
        "pending_count": len(waiting.disputes) + len(waiting.explanations),
        "may_comment": reviewer and not closed and signoff is None,
        "may_sign": reviewer and not closed and ended and signoff is None and not waiting,
        "reviewer": reviewer, "signoff_form": forms.SignoffForm(),
        "disputes": Dispute.objects.filter(division=division).filter(
            Q(violation__date__year=year, violation__date__month=month)
            | Q(commendation__date__year=year, commendation__date__month=month)
        ).select_related("violation__type", "violation__staff", "commendation__type", "commendation__staff"),
    }
    return render(request, "discipline/division_month.html", context)


@require_POST
@role_required(Role.HEAD, Role.BOARD)
def comment_save(request, year, month, pk):
    staff = get_staff_for_user(request, pk)
    campaign = _campaign(year, month)
    division = _month_division(campaign, staff, year, month)
    if division is None or not access.may_review(request.user, division):
        raise PermissionDenied
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("text", [])) or _("The comment was not understood."))
    elif division.signoffs.filter(year=year, month=month).exists():
        messages.error(request, _("The division's month has been signed off: comments can no longer change."))
    else:
        try:
            closing.save_comment(staff, year, month, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The comment on %(name)s was saved.") % {"name": staff.full_name})
    return redirect("discipline:division-month", year, month, division.pk)


def _month_division(campaign, staff, year, month) -> Division | None:
    results = scoring.score_month(campaign, year, month, staff_ids=[staff.pk])
    if not results or results[0].division_id is None:
        return None
    return Division.objects.get(pk=results[0].division_id)


@require_POST
@role_required(Role.HEAD, Role.BOARD)
def division_signoff(request, year, month, pk):
    division = get_object_or_404(Division, pk=pk)
    if not access.may_review(request.user, division):
        raise PermissionDenied
    campaign = _campaign(year, month)
    form = forms.SignoffForm(request.POST)
    if form.is_valid():
        try:
            closing.sign_off(campaign, division, year, month, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(division)s's month %(month)02d/%(year)s is signed off.")
                             % {"division": division.name, "month": month, "year": year})
    else:
        messages.error(request, _("The note was not understood."))
    return redirect("discipline:division-month", year, month, division.pk)


# --- Disputes ---


DISPUTABLE = {"violation": Violation, "commendation": Commendation}


@role_required(Role.HEAD, Role.BOARD)
def dispute_create(request, kind, pk):
    model = DISPUTABLE[kind]
    record = access.get_record_for_user(request, model.objects.select_related("staff", "type__campaign"), pk)
    campaign = record.type.campaign
    division = _month_division(campaign, record.staff, record.date.year, record.date.month)
    if division is None or not access.may_review(request.user, division) or record.staff.user_id == request.user.pk:
        raise PermissionDenied
    form = forms.DisputeForm(request.POST or None)
    if form.is_valid():
        try:
            dispute = closing.raise_dispute(record, division=division, reason=form.cleaned_data["reason"],
                                            by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The dispute was sent to the Office."))
            return redirect(dispute)
    return render(request, "discipline/dispute_form.html", {"record": record, "kind": kind, "form": form,
                                                             "division": division})


@role_required(Role.OFFICE, Role.HEAD, Role.BOARD)
def dispute_list(request):
    disputes = Dispute.objects.select_related(
        "violation__staff", "violation__type", "commendation__staff", "commendation__type", "division", "raised_by"
    )
    if not sees_whole_agency(request.user):
        division = access.reviewed_division(request.user)
        disputes = disputes.filter(division=division) if division is not None else disputes.none()
    show = request.GET.get("show")
    if show != "all":
        disputes = disputes.filter(status=DisputeStatus.OPEN)
    return render(request, "discipline/dispute_list.html", {"disputes": disputes[:500], "show_all": show == "all"})


def _get_dispute(request, pk) -> Dispute:
    dispute = get_object_or_404(
        Dispute.objects.select_related("violation__staff", "violation__type", "commendation__staff",
                                       "commendation__type", "division", "raised_by", "resolved_by"), pk=pk
    )
    if not (sees_whole_agency(request.user) or access.may_review(request.user, dispute.division)):
        raise PermissionDenied
    return dispute


@role_required(Role.OFFICE, Role.HEAD, Role.BOARD)
def dispute_detail(request, pk):
    dispute = _get_dispute(request, pk)
    record = dispute.record
    may_resolve = has_role(request.user, Role.OFFICE) and dispute.status == DisputeStatus.OPEN
    context = {
        "dispute": dispute, "record": record, "may_resolve": may_resolve,
        "kind": "violation" if dispute.violation_id else "commendation",
        "changed_since": record.version != dispute.record_version,
        "form": forms.ResolveForm(initial={"version": dispute.version}) if may_resolve else None,
    }
    return render(request, "discipline/dispute_detail.html", context)


@require_POST
@role_required(Role.OFFICE)
def dispute_resolve(request, pk):
    dispute = _get_dispute(request, pk)
    form = forms.ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how the dispute is settled and write the answer to the head."))
        return redirect(dispute)
    try:
        closing.resolve_dispute(dispute, outcome=form.cleaned_data["outcome"], answer=form.cleaned_data["answer"],
                                by=request.user, version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The dispute is settled and the head has been told."))
    return redirect(dispute)


# --- The month: readiness, close, reopening ---


@role_required(Role.OFFICE, Role.BOARD)
def month_list(request):
    latest = Campaign.objects.filter(start_date__lte=timezone.localdate()).order_by("-year").first()
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and len(asked) == 4 else (latest.year if latest else timezone.localdate().year)
    campaign = Campaign.objects.filter(year=year).first()
    if campaign is None:
        return render(request, "discipline/month_list.html", {"campaign": None, "year": year})
    closed = {(m.year, m.month): m for m in Month.objects.filter(year=year)}
    counts = {}
    for number in Signoff.objects.filter(year=year).values_list("month", flat=True):
        counts[number] = counts.get(number, 0) + 1
    calendar = WorkCalendar(campaign)
    months = []
    for number in range(1, 13):
        if not campaign.contains(date(year, number, 1)) and not campaign.contains(scoring.month_bounds(year, number)[1]):
            continue
        months.append({
            "month": number, "state": closed.get((year, number)), "signoffs": counts.get(number, 0),
            "briefing": briefing.briefing_date(campaign, year, number),
            "deadline": briefing.signoff_deadline(campaign, year, number, calendar),
            "ended": closing.has_ended(year, number),
        })
    years = list(Campaign.objects.order_by("-year").values_list("year", flat=True))
    return render(request, "discipline/month_list.html", {"campaign": campaign, "year": year, "months": months,
                                                          "years": years})


@role_required(Role.OFFICE, Role.BOARD)
def month_detail(request, year, month):
    campaign = _campaign(year, month)
    state = Month.objects.filter(year=year, month=month).first()
    readiness = closing.readiness(campaign, year, month)
    calendar = WorkCalendar(campaign)
    is_office, is_board = has_role(request.user, Role.OFFICE), has_role(request.user, Role.BOARD)
    closed = state is not None and state.closed
    requests = list(state.reopen_requests.select_related("requested_by", "decided_by")) if state else []
    context = {
        "campaign": campaign, "year": year, "month": month, "state": state, "closed": closed,
        "readiness": readiness, "ended": closing.has_ended(year, month),
        "briefing": briefing.briefing_date(campaign, year, month),
        "deadline": briefing.signoff_deadline(campaign, year, month, calendar),
        "late": [] if closed else _late(campaign, year, month, readiness.divisions, calendar),
        "ledger": list(state.ledger.select_related("created_by").order_by("pk")) if state else [],
        "requests": requests,
        "pending_request": next((r for r in requests if r.status == ReopenStatus.PENDING), None),
        "may_close": is_office and not closed and closing.has_ended(year, month),
        "close_form": forms.CloseForm(),
        "may_request": is_office and closed,
        "request_form": forms.ReopenRequestForm(),
        "may_decide": is_board,
        "previous": _shift(year, month, -1), "next": _shift(year, month, 1),
    }
    if is_board:
        context["decision_forms"] = {
            r.pk: forms.ReopenDecisionForm(initial={"version": r.version}) for r in requests
            if r.status == ReopenStatus.PENDING
        }
    return render(request, "discipline/month_detail.html", context)


@require_POST
@role_required(Role.OFFICE)
def month_close(request, year, month):
    campaign = _campaign(year, month)
    form = forms.CloseForm(request.POST)
    if form.is_valid():
        try:
            closing.close_month(campaign, year, month, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Month %(month)02d/%(year)s is closed; its result is final and recorded in "
                                        "the ledger.") % {"month": month, "year": year})
    else:
        messages.error(request, _("The reason was not understood."))
    return redirect(_month_url(year, month))


@require_POST
@role_required(Role.OFFICE)
def month_reopen_request(request, year, month):
    _campaign(year, month)
    form = forms.ReopenRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the month must be reopened."))
        return redirect(_month_url(year, month))
    try:
        closing.request_reopen(year, month, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request to reopen the month was sent to the board."))
    return redirect(_month_url(year, month))


@require_POST
@role_required(Role.BOARD)
def reopen_decide(request, pk):
    reopen = get_object_or_404(ReopenRequest.objects.select_related("closed_month"), pk=pk)
    form = forms.ReopenDecisionForm(request.POST)
    target = reopen.closed_month.get_absolute_url()
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect(target)
    try:
        closing.decide_reopen(reopen, approve=form.cleaned_data["approve"], reason=form.cleaned_data["reason"],
                              by=request.user, version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision was recorded."))
    return redirect(target)


# --- The monthly report and the briefing ---


def _report_scope(request, year, month):
    """The campaign and the division (None: the Sở) the user may read the report of."""
    return _campaign(year, month), access.report_scope(request.user, request.GET.get("division", ""))


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD)
def monthly_report(request, year, month):
    campaign, division = _report_scope(request, year, month)
    data = report.build(campaign, year, month, division)
    query = f"?division={division.code}" if division else ""
    context = {
        "report": data, "year": year, "month": month, "query": query,
        "previous": _shift(year, month, -1), "next": _shift(year, month, 1),
        "divisions": Division.objects.filter(active=True) if sees_whole_agency(request.user) else [],
    }
    return render(request, "discipline/monthly_report.html", context)


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD)
def monthly_report_file(request, year, month, fmt):
    from discipline import documents  # WeasyPrint loads only when a document is asked for

    campaign, division = _report_scope(request, year, month)
    data = report.build(campaign, year, month, division)
    name = f"bao-cao-thang-{year}-{month:02d}" + (f"-{division.code.lower()}" if division else "")
    if fmt == "pdf":
        content, kind = documents.monthly_report_pdf(data), "application/pdf"
    else:
        content = documents.monthly_report_xlsx(data)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD)
def briefing_page(request):
    """The next briefing: the previous month's final report beside the current month's provisional figures."""
    today = timezone.localdate()
    campaign = Campaign.objects.covering(today).first() or Campaign.objects.order_by("-year").first()
    if campaign is None:
        return render(request, "discipline/briefing.html", {"campaign": None})
    if campaign.contains(today):
        current = (today.year, today.month)
    else:
        current = (campaign.end_date.year, campaign.end_date.month)
    if request.GET.get("month"):
        month_form = forms.MonthForm(request.GET)
        if month_form.is_valid():
            campaign, *current = month_form.cleaned_data["month"]
            current = tuple(current)
    previous = _shift(*current, -1)
    division = None if sees_whole_agency(request.user) else access.reviewed_division(request.user)
    if division is None and not sees_whole_agency(request.user):
        raise PermissionDenied
    previous_campaign = Campaign.objects.filter(year=previous[0]).first()
    context = {
        "campaign": campaign, "division": division, "current": current, "previous": previous,
        "briefing": briefing.briefing_date(campaign, *current),
        "now": report.build(campaign, *current, division),
        "before": report.build(previous_campaign, *previous, division) if previous_campaign else None,
    }
    if context["before"] is not None and not context["before"].final:
        readiness = closing.readiness(previous_campaign, *previous) if division is None else None
        context["late"] = _late(previous_campaign, *previous, readiness.divisions) if readiness else []
    return render(request, "discipline/briefing.html", context)
