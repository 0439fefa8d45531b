"""After the month ends: the heads' review, the Office's close, the freeze and the reopening (DOMAIN.md §3).

- A head reviews their division's month: a comment per person, a dispute about a record (it goes back to
  the Office, which confirms or corrects it), and the sign-off, refused while a dispute or an explanation
  about the division's month is pending. Văn phòng's month is signed off by its head, the Chánh Văn phòng;
  the board's by the Giám đốc.
- The Office closes the month once every division has signed off and nothing is pending, or anyway with a
  recorded reason. Closing stores the final tally and appends an entry to the ledger (discipline/ledger.py).
- A closed month is frozen: ``ensure_open`` refuses anything dated in it. The services call it before every
  write, and signals (discipline/signals.py) call it for any other save, the admin's included.
- Reopening needs a request with a reason and the board's approval. The first result stays in the ledger.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from discipline import ledger, scoring
from discipline.models import (
    Dispute,
    DisputeStatus,
    Explanation,
    ExplanationStatus,
    Month,
    MonthStatus,
    RecordStatus,
    ReopenRequest,
    ReopenStatus,
    ReviewComment,
    Signoff,
    Violation,
)
from discipline.access import may_review
from organization.models import Division, Staff, User
from organization.roles import Role, has_role


class MonthClosed(ValidationError):
    """Something dated in a closed month was about to change."""


# --- The freeze ---


def closed_months(days) -> list[tuple[int, int]]:
    """The closed months among those of ``days``, as (year, month), in order."""
    months = {(day.year, day.month) for day in days if day is not None}
    if not months:
        return []
    wanted = Q()
    for year, month in months:
        wanted |= Q(year=year, month=month)
    return sorted(Month.objects.filter(wanted, status=MonthStatus.CLOSED).values_list("year", "month"))


def ensure_open(days) -> None:
    """Refuse, with a message naming the month, when any of ``days`` lies in a closed month."""
    closed = closed_months(days)
    if closed:
        names = ", ".join(f"{month:02d}/{year}" for year, month in closed)
        raise MonthClosed(
            _("Month %(months)s is closed: nothing dated in it can be changed. Reopening it needs the board's "
              "approval.") % {"months": names}
        )


def is_closed(year: int, month: int) -> bool:
    return Month.objects.filter(year=year, month=month, status=MonthStatus.CLOSED).exists()


def has_ended(year: int, month: int) -> bool:
    return timezone.localdate() > scoring.month_bounds(year, month)[1]


def _ensure_ended(year: int, month: int) -> None:
    if not has_ended(year, month):
        raise ValidationError(
            _("Month %(month)02d/%(year)s has not ended yet: it is reviewed and closed after its last day.")
            % {"month": month, "year": year}
        )


# --- Who reviews what ---


def members_between(division: Division, first, last):
    """The ids of everyone who belonged to ``division`` at some time from ``first`` to ``last`` (a query set):
    those whose month can count there, which the scoring then decides."""
    return Staff.objects.filter(
        Q(memberships__division=division) & Q(memberships__start__lte=last)
        & (Q(memberships__end__isnull=True) | Q(memberships__end__gte=first))
    ).values("pk")


def division_results(campaign: Campaign, year: int, month: int, division: Division) -> list[scoring.PersonMonth]:
    """The scores of the people whose month counts in ``division``, in official order."""
    first, last = scoring.month_bounds(year, month)
    candidates = members_between(division, first, last)
    results = [
        r for r in scoring.score_month(campaign, year, month, staff_ids=candidates) if r.division_id == division.pk
    ]
    results.sort(key=lambda r: (r.staff.position.rank, r.staff.name_sort_key, r.staff.code))
    return results


def month_divisions(campaign: Campaign, year: int, month: int) -> list[Division]:
    """The divisions someone's month counts in: each must sign the month off."""
    ids = {r.division_id for r in scoring.score_month(campaign, year, month) if r.division_id is not None}
    return list(Division.objects.filter(pk__in=ids).order_by("display_order", "code"))


@dataclass
class Pending:
    disputes: list
    explanations: list

    def __bool__(self):
        return bool(self.disputes or self.explanations)


def pending(year: int, month: int, staff_ids=None) -> Pending:
    """The open disputes and undecided explanations about records of the month (of ``staff_ids`` only)."""
    first, last = scoring.month_bounds(year, month)
    in_month = Q(violation__date__range=(first, last)) | Q(commendation__date__range=(first, last))
    disputes = Dispute.objects.filter(in_month, status=DisputeStatus.OPEN)
    explanations = Explanation.objects.filter(status=ExplanationStatus.PENDING, violation__date__range=(first, last))
    if staff_ids is not None:
        disputes = disputes.filter(Q(violation__staff_id__in=staff_ids) | Q(commendation__staff_id__in=staff_ids))
        explanations = explanations.filter(violation__staff_id__in=staff_ids)
    disputes = disputes.select_related("violation__staff", "violation__type", "commendation__staff", "commendation__type")
    explanations = explanations.select_related("violation__staff", "violation__type")
    return Pending(list(disputes), list(explanations))


# --- The head's review ---


@transaction.atomic
def save_comment(staff: Staff, year: int, month: int, *, text: str, by) -> ReviewComment | None:
    """Write, change or (with an empty text) clear the head's comment on one person's month."""
    ensure_open([date(year, month, 1)])
    comment = ReviewComment.objects.select_for_update().filter(staff=staff, year=year, month=month).first()
    text = text.strip()
    if comment is None and not text:
        return None
    if comment is None:
        comment = ReviewComment(staff=staff, year=year, month=month, version=0)
    elif not text:
        comment._change_reason = _("Comment cleared")
        comment.delete()
        return None
    comment.text, comment.written_by, comment.written_at = text, by, timezone.now()
    comment.version += 1
    comment.full_clean()
    comment._history_user = by
    comment.save()
    return comment


@transaction.atomic
def raise_dispute(record, *, division: Division, reason: str, by) -> Dispute:
    """Send a record about someone of ``division``'s month back to the Office, with the head's reason."""
    ensure_open([record.date])
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the record is disputed.")})
    if record.status != RecordStatus.ACTIVE:
        raise ValidationError(_("This record does not count any more; there is nothing to dispute."))
    field = "violation" if isinstance(record, Violation) else "commendation"
    if Dispute.objects.filter(**{field: record}, status=DisputeStatus.OPEN).exists():
        raise ValidationError(_("This record is already disputed and waits for the Office."))
    if Signoff.objects.filter(division=division, year=record.date.year, month=record.date.month).exists():
        raise ValidationError(_("The division's month has been signed off: it can no longer be disputed."))
    dispute = Dispute(
        **{field: record}, division=division, reason=reason.strip(), raised_by=by, raised_at=timezone.now(),
        record_version=record.version,
    )
    dispute._history_user = by
    dispute.save()
    from discipline import services

    services.tell_all(
        User.objects.filter(groups__name=Role.OFFICE, is_active=True).exclude(pk=by.pk),
        _("%(division)s disputes %(record)s of %(name)s on %(day)s.") % {
            "division": division.name, "record": record.type.name, "name": record.staff.full_name,
            "day": record.date.strftime("%d/%m/%Y")},
        dispute.get_absolute_url(),
    )
    return dispute


class DisputeOutcome:
    CONFIRM = "confirm"
    WITHDRAW = "withdraw"
    CORRECTED = "corrected"


@transaction.atomic
def resolve_dispute(dispute: Dispute, *, outcome: str, answer: str, by, version: int) -> Dispute:
    """The Office settles a dispute: confirms the record, withdraws it, or states it has corrected it."""
    from discipline import services  # services imports this module for the freeze

    dispute = (
        Dispute.objects.select_for_update(of=("self",)).select_related("violation", "commendation").get(pk=dispute.pk)
    )
    services.check_version(dispute, version)
    if dispute.status != DisputeStatus.OPEN:
        raise ValidationError(_("This dispute has already been settled."))
    if not answer.strip():
        raise ValidationError({"answer": _("Give the Office's answer to the head.")})
    record = dispute.record
    ensure_open([record.date])
    if outcome == DisputeOutcome.WITHDRAW:
        services.withdraw_record(record, version=record.version, reason=answer, by=by)
        dispute.status = DisputeStatus.CORRECTED
    elif outcome == DisputeOutcome.CORRECTED:
        if record.version == dispute.record_version:
            raise ValidationError(
                _("The record has not been changed since it was disputed: correct it first, or confirm it.")
            )
        dispute.status = DisputeStatus.CORRECTED
    elif outcome == DisputeOutcome.CONFIRM:
        dispute.status = DisputeStatus.CONFIRMED
    else:
        raise ValidationError(_("Choose how the dispute is settled."))
    dispute.resolution, dispute.resolved_by, dispute.resolved_at = answer.strip(), by, timezone.now()
    services._save(dispute, reason=dispute.get_status_display(), by=by)
    services.tell(
        dispute.raised_by,
        _("The Office answered your dispute of %(record)s: %(outcome)s.") % {
            "record": record.type.name, "outcome": dispute.get_status_display()},
        dispute.get_absolute_url(),
    )
    return dispute


@transaction.atomic
def sign_off(campaign: Campaign, division: Division, year: int, month: int, *, by, note: str = "") -> Signoff:
    """The head confirms the division's month; refused before the month ends or while anything is pending."""
    _ensure_ended(year, month)
    ensure_open([date(year, month, 1)])
    if not may_review(by, division):
        raise ValidationError(_("Only the head of the division signs its month off."))
    if Signoff.objects.filter(division=division, year=year, month=month).exists():
        raise ValidationError(_("The division's month has already been signed off."))
    people = [r.staff.pk for r in division_results(campaign, year, month, division)]
    waiting = pending(year, month, staff_ids=people)
    if waiting:
        raise ValidationError(
            _("The month cannot be signed off yet: %(disputes)s dispute(s) and %(explanations)s explanation(s) "
              "are waiting for a decision.") % {"disputes": len(waiting.disputes),
                                                "explanations": len(waiting.explanations)}
        )
    signoff = Signoff(division=division, year=year, month=month, signed_by=by, signed_at=timezone.now(),
                      note=note.strip())
    signoff._history_user = by
    signoff.save()
    return signoff


# --- The close ---


@dataclass
class Readiness:
    divisions: list  # (division, signoff or None)
    pending: Pending

    @property
    def unsigned(self) -> list:
        return [division for division, signoff in self.divisions if signoff is None]

    @property
    def ready(self) -> bool:
        return not self.unsigned and not self.pending


def readiness(campaign: Campaign, year: int, month: int) -> Readiness:
    signoffs = {s.division_id: s for s in Signoff.objects.filter(year=year, month=month).select_related("signed_by")}
    divisions = [(d, signoffs.get(d.pk)) for d in month_divisions(campaign, year, month)]
    return Readiness(divisions, pending(year, month))


@transaction.atomic
def close_month(campaign: Campaign, year: int, month: int, *, by, reason: str = "") -> Month:
    """Store the final tally, freeze the month and append its ledger entry.

    Refused before the month ends; refused while a division has not signed off or anything is pending,
    unless ``reason`` says why the Office closes anyway (the reason is kept with the month).
    """
    from discipline import services

    _ensure_ended(year, month)
    closing, _created = Month.objects.select_for_update().get_or_create(
        year=year, month=month, defaults={"campaign": campaign, "version": 0}
    )
    if closing.closed:
        raise ValidationError(_("Month %(month)02d/%(year)s is already closed.") % {"month": month, "year": year})
    state = readiness(campaign, year, month)
    reason = reason.strip()
    if not state.ready and not reason:
        missing = []
        if state.unsigned:
            missing.append(_("not signed off: %(divisions)s") % {"divisions": ", ".join(d.name for d in state.unsigned)})
        if state.pending.disputes:
            missing.append(_("%(count)s dispute(s) open") % {"count": len(state.pending.disputes)})
        if state.pending.explanations:
            missing.append(_("%(count)s explanation(s) undecided") % {"count": len(state.pending.explanations)})
        raise ValidationError(
            _("The month is not ready to close (%(missing)s). Wait, or close it anyway and say why.")
            % {"missing": "; ".join(missing)}
        )
    services.run_tally(campaign, year, month)
    closing.status, closing.closed_at, closing.closed_by = MonthStatus.CLOSED, timezone.now(), by
    closing.close_reason = reason if not state.ready else ""
    services._save(closing, reason=_("Closed anyway: %(reason)s") % {"reason": reason} if closing.close_reason
                   else _("Closed"), by=by)
    ledger.append(closing, by=by)
    return closing


@transaction.atomic
def request_reopen(year: int, month: int, *, reason: str, by) -> ReopenRequest:
    closed = Month.objects.select_for_update().filter(year=year, month=month, status=MonthStatus.CLOSED).first()
    if closed is None:
        raise ValidationError(_("Month %(month)02d/%(year)s is not closed.") % {"month": month, "year": year})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the month must be reopened.")})
    if closed.reopen_requests.filter(status=ReopenStatus.PENDING).exists():
        raise ValidationError(_("A request to reopen this month already waits for the board."))
    request = ReopenRequest(closed_month=closed, reason=reason.strip(), requested_by=by, requested_at=timezone.now())
    request._history_user = by
    request.save()
    return request


@transaction.atomic
def decide_reopen(request: ReopenRequest, *, approve: bool, reason: str, by, version: int) -> ReopenRequest:
    """The board approves (the month opens again; its first result stays in the ledger) or rejects."""
    from discipline import services

    request = ReopenRequest.objects.select_for_update(of=("self",)).select_related("closed_month").get(pk=request.pk)
    services.check_version(request, version)
    if not has_role(by, Role.BOARD):
        raise ValidationError(_("Only the board decides on reopening a month."))
    if request.status != ReopenStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for rejecting the request.")})
    request.status = ReopenStatus.APPROVED if approve else ReopenStatus.REJECTED
    request.decided_by, request.decided_at, request.decision_reason = by, timezone.now(), reason.strip()
    services._save(request, reason=request.get_status_display(), by=by)
    if approve:
        month = Month.objects.select_for_update().get(pk=request.closed_month_id)
        month.status = MonthStatus.OPEN
        services._save(month, reason=_("Reopened: %(reason)s") % {"reason": request.reason}, by=by)
    services.tell(
        request.requested_by,
        _("The board %(outcome)s the reopening of %(month)s.") % {
            "outcome": _("approved") if approve else _("rejected"), "month": request.closed_month},
        request.get_absolute_url(),
    )
    return request
