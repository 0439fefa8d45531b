"""Workflows on the Office's records: the day sheet, violations and commendations, telling people,
explanations and their decisions.

Every write goes through here, in one transaction, and leaves its history (django-simple-history records
who and when; ``_change_reason`` records why). A form carries the version of the record it was opened on:
saving over a newer version is refused (``StaleEdit``), never merged.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from campaigns.models import Campaign, CommendationType, ViolationType
from campaigns.workdays import WorkCalendar
from discipline import dashboard, scoring
from discipline.closing import ensure_open
from discipline.access import may_decide
from discipline.attendance import ATTENDANCE_CODES, assess
from discipline.models import (
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    Commendation,
    Explanation,
    ExplanationStatus,
    MonthlyScore,
    Notification,
    RecordSource,
    RecordStatus,
    Violation,
)
from organization.models import Staff

DUTY_BONUS_CODE = "DUTY_OFF_HOURS"


class StaleEdit(ValidationError):
    """The record changed since the form was opened."""


def check_version(instance, version: int | None) -> None:
    if version is not None and instance.pk and version != instance.version:
        raise StaleEdit(
            _("Someone else changed this record after you opened it. Reload the page to see their change, then edit again.")
        )


def _save(instance, *, reason: str = "", by=None, fields: list[str] | None = None) -> None:
    """Save with the next version number, and who and why kept in the history.

    Outside a web request (commands, the demo) the history has no request to take the user from: ``by``.
    """
    instance.version = (instance.version or 0) + 1 if instance.pk else 1
    instance._change_reason = reason[:100]  # the history's reason column holds 100 characters
    if by is not None:
        instance._history_user = by
    if fields is None:
        instance.save()
    else:
        instance.save(update_fields=[*fields, "version"])


def campaign_for(day: date) -> Campaign:
    campaign = Campaign.objects.covering(day).first()
    if campaign is None:
        raise ValidationError(_("No campaign covers %(day)s.") % {"day": day.strftime("%d/%m/%Y")})
    return campaign


# --- Attendance ---


@dataclass
class SheetEntry:
    staff: Staff
    status: str
    check_in: time | None = None
    check_out: time | None = None
    note: str = ""
    version: int = 0  # of the manual record the form showed (0: there was none)


def apply_assessment(record: AttendanceRecord, calendar: WorkCalendar) -> None:
    """Set the record's late and early minutes from the office hours of its day."""
    campaign = calendar.campaign
    outcome = assess(
        record.status, record.check_in, record.check_out, calendar.schedule_on(record.date),
        grace=campaign.grace_minutes, heavy=campaign.heavy_minutes,
    )
    record.late_minutes, record.early_minutes = outcome.late_minutes, outcome.early_minutes


@transaction.atomic
def save_day_sheet(day: date, entries: Iterable[SheetEntry], *, by, calendar: WorkCalendar) -> int:
    """Save the Office's changed rows of one division's day as manual records, which win over the clock's.

    Refuses the whole sheet when the day lies outside the campaign, when a non-working day gets anything
    but duty, or when another person saved a row meanwhile. Returns the number of rows saved.
    """
    reason = calendar.why_not_working(day)
    if not calendar.campaign.contains(day):
        raise ValidationError(reason)
    ensure_open([day])
    entries = list(entries)
    existing = {
        r.staff_id: r
        for r in AttendanceRecord.objects.select_for_update().filter(
            date=day, source=AttendanceSource.MANUAL, staff__in=[e.staff for e in entries]
        )
    }
    created, changed = [], []
    for entry in entries:
        if reason is not None and entry.status not in AttendanceStatus.on_non_working_days():
            raise ValidationError(
                _("%(day)s is not a working day (%(reason)s): only duty or reception can be recorded.")
                % {"day": day.strftime("%d/%m/%Y"), "reason": reason}
            )
        record = existing.get(entry.staff.pk)
        if (record.version if record else 0) != entry.version:
            raise StaleEdit(
                _("%(name)s's row was changed by someone else after you opened the sheet. Reload it and try again.")
                % {"name": entry.staff.full_name}
            )
        if record is None:
            record = AttendanceRecord(staff=entry.staff, date=day, source=AttendanceSource.MANUAL, version=0)
            created.append(record)
        else:
            changed.append(record)
        record.status, record.check_in, record.check_out, record.note = (
            entry.status, entry.check_in, entry.check_out, entry.note
        )
        record.version += 1
        apply_assessment(record, calendar)
        # Uniqueness is certain: the rows of the day are locked above and each person appears once.
        record.full_clean(exclude=["staff"], validate_unique=False, validate_constraints=False)
    # Bulk writes keep the number of queries the same for 5 rows or 60.
    for record in created + changed:
        record._change_reason = _("Day sheet")
    bulk_create_with_history(created, AttendanceRecord, default_user=by, default_change_reason=_("Day sheet"))
    fields = ["status", "check_in", "check_out", "note", "late_minutes", "early_minutes", "version"]
    bulk_update_with_history(changed, AttendanceRecord, fields, default_user=by, default_change_reason=_("Day sheet"))
    sync_derived_records({(e.staff.pk, day) for e in entries}, calendar=calendar, by=by)
    return len(entries)


def effective_records(pairs: set[tuple[int, date]]) -> dict[tuple[int, date], AttendanceRecord]:
    """The record that counts for each (staff id, day): the manual one if any, else the time clock's."""
    if not pairs:
        return {}
    staff_ids = {staff_id for staff_id, _day in pairs}
    days = {day for _staff_id, day in pairs}
    found: dict[tuple[int, date], AttendanceRecord] = {}
    for record in AttendanceRecord.objects.filter(staff_id__in=staff_ids, date__in=days):
        key = (record.staff_id, record.date)
        if key in pairs and (key not in found or record.source == AttendanceSource.MANUAL):
            found[key] = record
    return found


def _describe(record: AttendanceRecord, code: str) -> str:
    parts = [record.get_status_display()]
    if record.check_in:
        parts.append(_("arrived %(time)s (%(minutes)s min late)") % {"time": f"{record.check_in:%H:%M}", "minutes": record.late_minutes})
    if record.check_out:
        parts.append(_("left %(time)s (%(minutes)s min early)") % {"time": f"{record.check_out:%H:%M}", "minutes": record.early_minutes})
    return "; ".join(parts)


@transaction.atomic
def sync_derived_records(pairs: set[tuple[int, date]], *, calendar: WorkCalendar, by=None) -> None:
    """Bring the deductions (and the duty bonus) derived from attendance in line with the counting records.

    A deduction no longer supported by the day's record becomes "corrected in attendance" (kept, not
    deleted); one supported again counts again; one withdrawn after an explanation stays withdrawn.
    Works on many pairs at once with a fixed number of queries, so the time-clock import uses it too.
    """
    pairs = set(pairs)
    if not pairs:
        return
    ensure_open({day for _staff_id, day in pairs})
    campaign = calendar.campaign
    effective = effective_records(pairs)
    violation_types = {vt.code: vt for vt in ViolationType.objects.filter(campaign=campaign, code__in=ATTENDANCE_CODES)}
    missing = sorted(set(ATTENDANCE_CODES) - set(violation_types))
    if missing:
        raise ValidationError(
            _("The catalogue of %(year)s lacks the attendance violations %(codes)s.") % {"year": campaign.year, "codes": ", ".join(missing)}
        )
    duty_type = CommendationType.objects.filter(campaign=campaign, code=DUTY_BONUS_CODE).first()
    staff_ids = {staff_id for staff_id, _day in pairs}
    days = {day for _staff_id, day in pairs}
    derived_v = {
        (v.staff_id, v.date, v.type.code): v
        for v in Violation.objects.filter(source=RecordSource.ATTENDANCE, staff_id__in=staff_ids, date__in=days).select_related("type")
    }
    derived_c = {
        (c.staff_id, c.date): c
        for c in Commendation.objects.filter(source=RecordSource.ATTENDANCE, staff_id__in=staff_ids, date__in=days)
    }

    new_v, changed_v, new_c, changed_c = [], [], [], []
    for staff_id, day in pairs:
        record = effective.get((staff_id, day))
        wanted: set[str] = set()
        bonus = False
        if record is not None:
            if calendar.is_working_day(day):
                outcome = assess(
                    record.status, record.check_in, record.check_out, calendar.schedule_on(day),
                    grace=campaign.grace_minutes, heavy=campaign.heavy_minutes,
                )
                wanted = set(outcome.codes)
            else:
                bonus = record.status == AttendanceStatus.DUTY and duty_type is not None
        for code in ATTENDANCE_CODES:
            existing = derived_v.get((staff_id, day, code))
            if code in wanted:
                if existing is None:
                    vt = violation_types[code]
                    new_v.append(Violation(
                        staff_id=staff_id, date=day, type=vt, points=vt.points, source=RecordSource.ATTENDANCE,
                        attendance=record, created_by=by, description=_describe(record, code),
                    ))
                else:
                    description = _describe(record, code)
                    stale = existing.attendance_id != record.pk or existing.description != description
                    if existing.status == RecordStatus.SUPERSEDED or stale:
                        if existing.status == RecordStatus.SUPERSEDED:
                            existing.status, existing.status_reason = RecordStatus.ACTIVE, ""
                        existing.attendance, existing.description = record, description
                        changed_v.append(existing)
            elif existing is not None and existing.status == RecordStatus.ACTIVE:
                existing.status = RecordStatus.SUPERSEDED
                existing.status_reason = _("The attendance record of the day was corrected.")
                changed_v.append(existing)
        existing_c = derived_c.get((staff_id, day))
        if bonus and existing_c is None:
            new_c.append(Commendation(
                staff_id=staff_id, date=day, type=duty_type, points=duty_type.points, source=RecordSource.ATTENDANCE,
                attendance=record, created_by=by, description=record.note or record.get_status_display(),
            ))
        elif bonus and existing_c.status == RecordStatus.SUPERSEDED:
            existing_c.status, existing_c.status_reason = RecordStatus.ACTIVE, ""
            changed_c.append(existing_c)
        elif not bonus and existing_c is not None and existing_c.status == RecordStatus.ACTIVE:
            existing_c.status = RecordStatus.SUPERSEDED
            existing_c.status_reason = _("The attendance record of the day was corrected.")
            changed_c.append(existing_c)

    for obj in changed_v + changed_c:
        obj.version += 1
    fields = ["status", "status_reason", "attendance", "description", "version"]
    if new_v:
        mark_told(new_v)
        created = bulk_create_with_history(new_v, Violation, batch_size=1000, default_user=by)
        notify(created)
    if changed_v:
        bulk_update_with_history(changed_v, Violation, fields, batch_size=1000, default_user=by)
    if new_c:
        mark_told(new_c)
        created = bulk_create_with_history(new_c, Commendation, batch_size=1000, default_user=by)
        notify(created)
    if changed_c:
        bulk_update_with_history(changed_c, Commendation, fields, batch_size=1000, default_user=by)


# --- Violations and commendations ---


@transaction.atomic
def record_new(record, *, by):
    """Save a new violation or commendation the Office recorded, and tell the person."""
    _check_record_date(record.date, record.type.campaign)
    ensure_open([record.date])
    record.created_by = by
    record.full_clean()
    mark_told([record])
    _save(record, reason=_("Recorded"), by=by)
    notify([record])
    return record


@transaction.atomic
def change_record(record, *, version: int, reason: str, by=None):
    """Save the Office's correction of a violation or commendation, refused if the form was stale."""
    current = type(record).objects.select_for_update().get(pk=record.pk)
    check_version(current, version)
    _check_record_date(record.date, record.type.campaign)
    ensure_open([current.date, record.date])
    record.version = current.version
    record.full_clean()
    _save(record, reason=reason, by=by)
    return record


@transaction.atomic
def withdraw_record(record, *, version: int, reason: str, by):
    """Take a violation or commendation out of the count, keeping it and the reason."""
    current = type(record).objects.select_for_update().get(pk=record.pk)
    check_version(current, version)
    ensure_open([current.date])
    if current.status != RecordStatus.ACTIVE:
        raise ValidationError(_("This record does not count any more."))
    current.status, current.status_reason = RecordStatus.WITHDRAWN, reason
    _save(current, reason=reason, by=by, fields=["status", "status_reason"])
    return current


def _check_record_date(day: date, campaign: Campaign) -> None:
    if not campaign.contains(day):
        raise ValidationError(
            {"date": _("The date must lie in the campaign period (%(start)s – %(end)s).") % {
                "start": campaign.start_date.strftime("%d/%m/%Y"), "end": campaign.end_date.strftime("%d/%m/%Y")}}
        )


# --- Telling people ---


def mark_told(records: list) -> None:
    """Stamp, before saving, the moment each person with an account is told of a record about them."""
    with_account = set(Staff.objects.filter(pk__in={r.staff_id for r in records}, user__isnull=False).values_list("pk", flat=True))
    now = timezone.now()
    for record in records:
        if record.staff_id in with_account and record.notified_at is None:
            record.notified_at = now


def notify(records: list) -> None:
    """Tell each person in the portal (and by e-mail where configured) of a saved record about them."""
    staff = {s.pk: s for s in Staff.objects.filter(pk__in={r.staff_id for r in records}).select_related("user")}
    notifications, mails = [], []
    for record in records:
        person = staff[record.staff_id]
        if person.user is None:
            continue
        message = _("%(kind)s recorded on %(day)s: %(type)s") % {
            "kind": record._meta.verbose_name.capitalize(), "day": record.date.strftime("%d/%m/%Y"), "type": record.type.name,
        }
        notifications.append(Notification(user=person.user, message=message[:300], url=record.get_absolute_url()))
        if settings.NOTIFY_BY_EMAIL and person.user.email:
            mails.append((message, message, None, [person.user.email]))
    Notification.objects.bulk_create(notifications, batch_size=1000)
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))


def tell(user, message: str, url: str) -> None:
    if user is not None:
        tell_all([user], message, url)


def tell_all(users, message: str, url: str) -> None:
    """The same notice to each of ``users``, in one query."""
    Notification.objects.bulk_create([Notification(user=user, message=message[:300], url=url) for user in users])


@transaction.atomic
def mark_notifications_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


# --- Explanations ---


def explanation_deadline(violation: Violation) -> date | None:
    if violation.notified_at is None:
        return None
    campaign = violation.type.campaign
    told = timezone.localdate(violation.notified_at)
    return WorkCalendar(campaign).add_working_days(told, campaign.explanation_days)


@transaction.atomic
def file_explanation(violation: Violation, *, by, text: str, attachment=None) -> Explanation:
    """The person files their explanation of a violation recorded about them, within the window."""
    violation = (
        Violation.objects.select_for_update(of=("self",)).select_related("staff", "type__campaign").get(pk=violation.pk)
    )
    if violation.staff.user_id != by.pk:
        raise ValidationError(_("Only the person concerned can explain this record."))
    ensure_open([violation.date])
    if Explanation.objects.filter(violation=violation).exists():
        raise ValidationError(_("An explanation of this record has already been filed."))
    if violation.status != RecordStatus.ACTIVE:
        raise ValidationError(_("This record does not count any more; there is nothing to explain."))
    deadline = explanation_deadline(violation)
    if deadline is not None and timezone.localdate() > deadline:
        raise ValidationError(
            _("The time to explain this record ended on %(day)s.") % {"day": deadline.strftime("%d/%m/%Y")}
        )
    explanation = Explanation(violation=violation, text=text, attachment=attachment or "", filed_by=by)
    explanation.full_clean()
    _save(explanation, reason=_("Filed"), by=by)
    return explanation


@transaction.atomic
def decide_explanation(explanation: Explanation, *, by, accept: bool, reason: str, version: int) -> Explanation:
    """Accept (the record stops counting) or reject an explanation, with a reason; the person is told."""
    explanation = (
        Explanation.objects.select_for_update(of=("self",))
        .select_related("violation__staff__user", "violation__staff__position", "violation__type")
        .get(pk=explanation.pk)
    )
    check_version(explanation, version)
    ensure_open([explanation.violation.date])
    if not may_decide(by, explanation.violation):
        raise ValidationError(_("You may not decide on this explanation: it goes to the level above."))
    if explanation.status != ExplanationStatus.PENDING:
        raise ValidationError(_("This explanation has already been decided."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    explanation.status = ExplanationStatus.ACCEPTED if accept else ExplanationStatus.REJECTED
    explanation.decided_by, explanation.decided_at, explanation.decision_reason = by, timezone.now(), reason
    _save(explanation, reason=reason, by=by)
    violation = explanation.violation
    if accept and violation.status == RecordStatus.ACTIVE:
        violation.status = RecordStatus.WITHDRAWN
        violation.status_reason = _("Explanation accepted: %(reason)s") % {"reason": reason}
        _save(violation, reason=violation.status_reason, by=by, fields=["status", "status_reason"])
    outcome = _("accepted") if accept else _("rejected")
    tell(
        violation.staff.user,
        _("Your explanation of %(record)s was %(outcome)s.") % {"record": violation.type.name, "outcome": outcome},
        violation.get_absolute_url(),
    )
    return explanation



# --- Monthly tally ---


@dataclass(frozen=True)
class TallyResult:
    people: int
    created: int
    updated: int
    unchanged: int


SCORE_FIELDS = ["division_id", "kept", "bonus", "total", "grade", "vetoes"]


@transaction.atomic
def run_tally(campaign: Campaign, year: int, month: int) -> TallyResult:
    """Store the month's scores as the records give them now; a second run with the same records changes nothing."""
    if not campaign.contains(date(year, month, 1)):
        raise ValidationError(
            _("%(month)02d/%(year)s lies outside the campaign %(name)s.") % {"month": month, "year": year, "name": campaign.year}
        )
    ensure_open([date(year, month, 1)])
    results = scoring.score_month(campaign, year, month)
    # The stored scores are compared as values: 20,000 model instances would cost more than the scoring.
    stored = {
        row[1]: row for row in MonthlyScore.objects.select_for_update().filter(year=year, month=month)
        .values_list("pk", "staff_id", *SCORE_FIELDS)
    }
    now = timezone.now()
    created, changed, unchanged = [], [], 0
    for result in results:
        values = (
            result.division_id,
            # JSON object keys are strings: keep them so, so that stored and computed scores compare equal.
            {str(number): kept for number, kept in result.kept.items()},
            result.bonus, result.total, result.grade, result.vetoes,
        )
        row = stored.pop(result.staff_id, None)
        fields = dict(zip(SCORE_FIELDS, values, strict=True))
        if row is None:
            created.append(MonthlyScore(campaign=campaign, staff_id=result.staff_id, year=year, month=month,
                                        computed_at=now, **fields))
        elif tuple(row[2:]) != values:
            changed.append(MonthlyScore(pk=row[0], computed_at=now, **fields))
        else:
            unchanged += 1
    MonthlyScore.objects.bulk_create(created, batch_size=1000)
    MonthlyScore.objects.bulk_update(changed, [*SCORE_FIELDS, "computed_at"], batch_size=1000)
    # Someone no longer in post that month (a corrected recruitment date, say) loses the stale score.
    MonthlyScore.objects.filter(pk__in=[row[0] for row in stored.values()]).delete()
    # The board's dashboard reads per-division summaries of the month, rebuilt from what was just stored.
    dashboard.refresh_month(campaign, year, month)
    return TallyResult(people=len(results), created=len(created), updated=len(changed), unchanged=unchanged)
