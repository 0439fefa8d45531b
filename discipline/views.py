from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Campaign
from campaigns.workdays import WorkCalendar
from discipline import access, forms, scoring, services
from discipline.closing import closed_months
from discipline.evidence import content_type_of, not_stored
from discipline.models import (
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    Commendation,
    Explanation,
    ExplanationStatus,
    MonthlyScore,
    Notification,
    Violation,
)
from emulation_portal.history import history_entries
from organization.access import (
    get_staff_for_user,
    may_list_staff,
    role_required,
    visible_staff,
)
from organization.models import Staff
from organization.roles import Role, has_role
from organization.submissions import AlreadySent, save_once

PAGE_SIZE = 50

# --- Day sheet ---


@permission_required("discipline.add_attendancerecord", raise_exception=True)
def day_sheet(request):
    pick = forms.SheetPickForm(request.GET or None)
    if not pick.is_valid():
        return render(request, "discipline/day_sheet.html", {"pick": pick})
    division, day = pick.cleaned_data["division"], pick.cleaned_data["day"]
    campaign = Campaign.objects.covering(day).first()
    if campaign is None:
        messages.error(request, _("No campaign covers %(day)s: the day cannot be recorded.") % {"day": day.strftime("%d/%m/%Y")})
        return render(request, "discipline/day_sheet.html", {"pick": pick})
    calendar = WorkCalendar(campaign)
    people = list(Staff.objects.in_division(division, on=day).filter(date_recruited__lte=day).official_order(on=day))
    records = _sheet_records(people, day)
    initial = [_sheet_initial(p, records) for p in people]
    formset = forms.SheetFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and not _same_people(formset, people):
        # Someone joined or left the division's day since the sheet was opened (or the post is incomplete): the
        # rows no longer match the people, so nothing is saved and the current sheet is shown to fill again.
        messages.error(request, _("The people of this division on this day changed after you opened the sheet. "
                                  "Nothing was saved: fill in the current sheet below again."))
        formset = forms.SheetFormSet(initial=initial)
    elif request.method == "POST" and formset.is_valid():
        entries = _changed_entries(formset, people)
        try:
            count = services.save_day_sheet(day, entries, by=request.user, calendar=calendar)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The sheet was saved: %(count)s rows changed.") % {"count": count})
            return redirect(f"{request.path}?division={division.pk}&day={day:%d/%m/%Y}")
    context = {
        "pick": pick, "division": division, "day": day, "formset": formset,
        "rows": [_sheet_row(p, form, records) for p, form in zip(people, formset.forms, strict=True)],
        "grace": campaign.grace_minutes,
        "not_working": calendar.why_not_working(day),
        "schedule": calendar.schedule_on(day),
    }
    return render(request, "discipline/day_sheet.html", context)


def _same_people(formset, people) -> bool:
    """Whether the posted sheet has one row per person of the division's day, in the order shown."""
    count = formset.total_form_count() if formset.management_form.is_valid() else -1
    posted = [formset.data.get(f"{formset.prefix}-{index}-staff") for index in range(count)]
    return posted == [str(person.pk) for person in people]


def _sheet_records(people, day):
    """{staff id: {source: record}} for the day."""
    found = {}
    for record in AttendanceRecord.objects.filter(date=day, staff__in=people):
        found.setdefault(record.staff_id, {})[record.source] = record
    return found


def _sheet_row(person, form, records):
    by_source = records.get(person.pk, {})
    shown = by_source.get(AttendanceSource.MANUAL) or by_source.get(AttendanceSource.CLOCK)
    return person, form, by_source, shown


def _sheet_initial(person, records):
    by_source = records.get(person.pk, {})
    shown = by_source.get(AttendanceSource.MANUAL) or by_source.get(AttendanceSource.CLOCK)
    manual = by_source.get(AttendanceSource.MANUAL)
    initial = {"staff": person.pk, "version": manual.version if manual else 0, "status": AttendanceStatus.PRESENT}
    if shown is not None:
        initial |= {"status": shown.status, "check_in": shown.check_in, "check_out": shown.check_out, "note": shown.note}
    return initial


def _changed_entries(formset, people):
    by_pk = {p.pk: p for p in people}
    entries = []
    for form in formset.forms:
        if not form.has_changed():
            continue
        data = form.cleaned_data
        if data["staff"] not in by_pk:
            raise PermissionDenied
        entries.append(services.SheetEntry(
            staff=by_pk[data["staff"]], status=data["status"], check_in=data["check_in"],
            check_out=data["check_out"], note=data["note"], version=data["version"],
        ))
    return entries


@role_required(*Role.ORDER)
def attendance_detail(request, pk):
    record = access.get_record_for_user(request, AttendanceRecord.objects.select_related("staff", "clock_import"), pk)
    context = {"record": record, "history": history_entries(record)}
    return render(request, "discipline/attendance_detail.html", context)


# --- Violations and commendations ---

KINDS = {
    "violation": (Violation, forms.ViolationForm),
    "commendation": (Commendation, forms.CommendationForm),
}


def _records(model):
    related = ["staff", "type", "type__campaign", "created_by"]
    if model is Violation:
        related.append("type__criterion")
        return model.objects.select_related(*related, "explanation")
    return model.objects.select_related(*related)


@role_required(*Role.ORDER)
def record_list(request, kind):
    model, _form = KINDS[kind]
    people = visible_staff(request.user).official_order() if may_list_staff(request.user) else None
    filters = forms.RecordFilterForm(request.GET or None, people=people)
    records = access.visible(request.user, _records(model))
    if filters.is_valid():
        records = _filter(records, filters.cleaned_data, model)
    elif filters.is_bound:
        messages.warning(request, _("The filter was not understood and was ignored."))
    page = Paginator(records.order_by("-date", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"kind": kind, "page": page, "filters": filters, "is_office": has_role(request.user, Role.OFFICE)}
    return render(request, "discipline/record_list.html", context)


def _filter(records, data, model):
    if data["month"]:
        records = records.in_month(*data["month"])
    if data["division"]:
        records = records.in_division(data["division"])
    if data["staff"]:
        records = records.filter(staff=data["staff"])
    if data["criterion"] and model is Violation:
        records = records.filter(type__criterion__number=data["criterion"])
    if data["year"]:
        records = records.filter(date__year=int(data["year"]))
    if data["type"]:
        records = records.filter(type__code__in=data["type"].upper().split(","))
    if data["status"]:
        records = records.filter(status=data["status"])
    return records


@role_required(*Role.ORDER)
def record_detail(request, kind, pk):
    model, _form = KINDS[kind]
    record = access.get_record_for_user(request, _records(model), pk)
    explanation = getattr(record, "explanation", None) if model is Violation else None
    frozen = bool(closed_months([record.date]))
    context = {
        "kind": kind, "record": record, "explanation": explanation, "history": history_entries(record),
        "is_office": has_role(request.user, Role.OFFICE) and not frozen, "frozen": frozen,
        "withdraw_form": forms.WithdrawForm(initial={"version": record.version}),
        "disputes": record.disputes.select_related("raised_by").order_by("-raised_at"),
        # Heads dispute from the record; whether this head may is checked when they open the form.
        "may_dispute": not frozen and record.counts and record.staff.user_id != request.user.pk
        and access.reviewed_division(request.user) is not None,
    }
    if model is Violation:
        context |= _explanation_context(request, record, explanation)
        if frozen:
            context["may_explain"] = context["may_decide"] = False
    return render(request, "discipline/record_detail.html", context)


def _explanation_context(request, violation, explanation):
    is_subject = violation.staff.user_id == request.user.pk
    deadline = services.explanation_deadline(violation)
    return {
        "deadline": deadline,
        "may_explain": is_subject and explanation is None and violation.counts
        and (deadline is None or timezone.localdate() <= deadline),
        "may_decide": explanation is not None and explanation.status == ExplanationStatus.PENDING
        and access.may_decide(request.user, violation),
        "decision_form": forms.DecisionForm(initial={"version": explanation.version}) if explanation else None,
        "explanation_history": history_entries(explanation) if explanation else [],
    }


@role_required(Role.OFFICE)
def record_create(request, kind):
    model, form_class = KINDS[kind]
    form = form_class(request.POST or None, request.FILES or None, initial=_initial_from(request))
    if form.is_valid():
        try:
            record = save_once(form.cleaned_data["submission"],
                               lambda: services.record_new(form.save(commit=False), by=request.user), by=request.user)
        except AlreadySent as sent:
            messages.info(request, sent.message)
            return redirect(sent.url)
        except ValidationError as error:
            form.add_error(None, error)
        except OSError:  # the evidence could not be written (the checks of the form passed a moment before)
            form.add_error(None, not_stored())
        else:
            messages.success(request, _("Recorded; %(name)s has been told.") % {"name": record.staff.full_name})
            return redirect(record)
    return render(request, "discipline/record_form.html", {"kind": kind, "form": form})


def _initial_from(request):
    initial = {}
    for field in ("staff", "date"):
        if request.GET.get(field):
            initial[field] = request.GET[field]
    return initial


@role_required(Role.OFFICE)
def record_update(request, kind, pk):
    model, form_class = KINDS[kind]
    record = access.get_record_for_user(request, _records(model), pk, write=True)
    form = form_class(request.POST or None, request.FILES or None, instance=record)
    if form.is_valid():
        try:
            services.change_record(
                form.save(commit=False), version=form.cleaned_data["version"],
                reason=form.cleaned_data["change_reason"], by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The record was saved."))
            return redirect(record)
    return render(request, "discipline/record_form.html", {"kind": kind, "form": form, "record": record})


@require_POST
@role_required(Role.OFFICE)
def record_withdraw(request, kind, pk):
    model, _form = KINDS[kind]
    record = access.get_record_for_user(request, _records(model), pk, write=True)
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for withdrawing the record."))
        return redirect(record)
    try:
        services.withdraw_record(record, version=form.cleaned_data["version"], reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The record was withdrawn and no longer counts."))
    return redirect(record)


@role_required(*Role.ORDER)
def violation_evidence(request, pk):
    violation = access.get_record_for_user(request, Violation.objects.all(), pk)
    return _file_response(violation.evidence)


@role_required(*Role.ORDER)
def explanation_attachment(request, pk):
    violation = access.get_record_for_user(request, Violation.objects.select_related("explanation"), pk)
    explanation = getattr(violation, "explanation", None)
    return _file_response(explanation.attachment if explanation else None)


def _file_response(field):
    if not field:
        raise Http404
    handle = field.open("rb")
    kind = content_type_of(handle.read(16))
    handle.seek(0)
    # Served as a download with the type found in its content, never as the page's own type.
    response = FileResponse(handle, as_attachment=True, filename=field.name.rsplit("/", 1)[-1],
                            content_type=kind[0] if kind else "application/octet-stream")
    return response


# --- Explanations ---


@role_required(Role.STAFF)
def violation_explain(request, pk):
    violation = access.get_record_for_user(request, _records(Violation), pk)
    if violation.staff.user_id != request.user.pk:
        raise PermissionDenied
    form = forms.ExplanationForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        try:
            services.file_explanation(violation, by=request.user, text=form.cleaned_data["text"],
                                      attachment=form.cleaned_data["attachment"])
        except ValidationError as error:
            form.add_error(None, error)
        except OSError:
            form.add_error(None, not_stored())
        else:
            messages.success(request, _("Your explanation was sent."))
            return redirect(violation)
    context = {"violation": violation, "form": form, "deadline": services.explanation_deadline(violation)}
    return render(request, "discipline/explanation_form.html", context)


@require_POST
@role_required(*Role.ORDER)
def explanation_decide(request, pk):
    violation = access.get_record_for_user(request, _records(Violation), pk)
    explanation = getattr(violation, "explanation", None)
    if explanation is None or not access.may_decide(request.user, violation):
        raise PermissionDenied
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or reject and give the reason."))
        return redirect(violation)
    try:
        services.decide_explanation(explanation, by=request.user, accept=form.cleaned_data["accept"],
                                    reason=form.cleaned_data["reason"], version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision was recorded and the person has been told."))
    return redirect(violation)


@role_required(Role.OFFICE, Role.HEAD, Role.BOARD)
def explanation_list(request):
    pending = (
        Explanation.objects.filter(status=ExplanationStatus.PENDING)
        .select_related("violation__staff__position", "violation__type", "filed_by")
        .prefetch_related("violation__staff__memberships")
    )
    visible_ids = access.visible(request.user, Violation.objects.all()).values("pk")
    pending = [e for e in pending.filter(violation__in=visible_ids) if access.may_decide(request.user, e.violation)]
    return render(request, "discipline/explanation_list.html", {"explanations": pending})


# --- Notifications ---


@role_required(*Role.ORDER)
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)[:200]
    return render(request, "discipline/notification_list.html", {"notifications": notifications})


@require_POST
@role_required(*Role.ORDER)
def notifications_read(request):
    services.mark_notifications_read(request.user)
    return redirect("discipline:notification-list")



# --- Monthly scores ---


@role_required(*Role.ORDER)
def person_month(request, year, month, pk):
    staff = get_staff_for_user(request, pk)
    campaign = Campaign.objects.filter(year=year).first()
    if campaign is None or not 1 <= month <= 12:
        raise Http404
    results = scoring.score_month(campaign, year, month, staff_ids=[staff.pk])
    closed = bool(closed_months([scoring.month_bounds(year, month)[0]]))
    context = {
        "staff": staff, "campaign": campaign, "year": year, "month": month,
        "result": results[0] if results else None, "closed": closed,
        # A closed month's result is the one stored when it closed, whatever the settings became since.
        "stored": MonthlyScore.objects.filter(staff=staff, year=year, month=month).first() if closed else None,
        "previous": _shift(year, month, -1), "next": _shift(year, month, 1),
    }
    return render(request, "discipline/person_month.html", context)


def _shift(year: int, month: int, step: int) -> tuple[int, int]:
    month += step
    return (year + (month - 1) // 12, (month - 1) % 12 + 1)


@role_required(Role.OFFICE)
def tally(request):
    form = forms.MonthForm(request.POST or request.GET or None)
    if not form.is_valid():
        return render(request, "discipline/tally.html", {"form": form})
    campaign, year, month = form.cleaned_data["month"]
    if request.method == "POST":
        try:
            result = services.run_tally(campaign, year, month)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The tally of %(month)02d/%(year)s was run: %(people)s people, "
                                        "%(created)s scores added, %(updated)s changed, %(unchanged)s unchanged.")
                             % {"month": month, "year": year, "people": result.people, "created": result.created,
                                "updated": result.updated, "unchanged": result.unchanged})
        return redirect(f"{request.path}?month={year}-{month:02d}")
    scores = (
        MonthlyScore.objects.filter(year=year, month=month)
        .select_related("staff__position", "division")
        .order_by("division__display_order", "division__code", "staff__position__rank", "staff__name_sort_key")
    )
    context = {"form": form, "year": year, "month": month, "scores": scores,
               "numbers": list(campaign.criteria.values_list("number", flat=True)),
               "closed": bool(closed_months([scoring.month_bounds(year, month)[0]]))}
    return render(request, "discipline/tally.html", context)
