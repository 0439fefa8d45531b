"""The append-only ledger of closed months: what each close froze, and a chain that shows any change after.

Each close appends one entry holding
- ``digest``: the SHA-256 of the month's canonical content, a text of one line per thing that counts, in a
  fixed order: the month's violations, commendations, attendance records, the explanations of its
  violations, the sanctions decided in it, and the stored scores (see ``canonical_lines``);
- ``scores``: the scores as closed, so that the first result stays readable beside a later one;
- ``chain``: the SHA-256 of the previous entry's chain value, the month, the event, the digest, the digest
  of the scores kept and the moment, so that no entry can be changed, removed or reordered unseen.

``verify`` recomputes every closed month and the whole chain; ``manage.py verify_months`` prints its findings.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from discipline.models import (
    AttendanceRecord,
    Commendation,
    Explanation,
    LedgerEntry,
    LedgerEvent,
    Month,
    MonthlyScore,
    MonthStatus,
    Sanction,
    Violation,
)
from discipline.scoring import month_bounds


def canonical_lines(year: int, month: int):
    """The month's content, one line at a time, in a fixed order: the same data always gives the same text."""
    first, last = month_bounds(year, month)
    in_month = {"date__range": (first, last)}
    for row in Violation.objects.filter(**in_month).order_by("pk").values_list(
        "pk", "staff_id", "date", "type_id", "points", "status"
    ).iterator(chunk_size=5000):
        yield "V|" + _join(row)
    for row in Commendation.objects.filter(**in_month).order_by("pk").values_list(
        "pk", "staff_id", "date", "type_id", "points", "status"
    ).iterator(chunk_size=5000):
        yield "C|" + _join(row)
    for row in AttendanceRecord.objects.filter(**in_month).order_by("pk").values_list(
        "pk", "staff_id", "date", "source", "status", "check_in", "check_out"
    ).iterator(chunk_size=5000):
        yield "A|" + _join(row)
    for row in Explanation.objects.filter(violation__date__range=(first, last)).order_by("pk").values_list(
        "pk", "violation_id", "status"
    ).iterator(chunk_size=5000):
        yield "E|" + _join(row)
    sanctions = Sanction.objects.filter(decision_date__range=(first, last))
    for row in sanctions.order_by("pk").values_list("pk", "staff_id", "status", "kind", "opened_on", "decision_date"):
        yield "S|" + _join(row)
    for row in MonthlyScore.objects.filter(year=year, month=month).order_by("staff_id").values_list(
        "staff_id", "division_id", "kept", "bonus", "total", "grade", "vetoes"
    ).iterator(chunk_size=5000):
        yield "M|" + _join(row)


def _join(row) -> str:
    return "|".join(_text(value) for value in row)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def month_digest(year: int, month: int) -> str:
    digest = hashlib.sha256()
    for line in canonical_lines(year, month):
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def scores_snapshot(year: int, month: int) -> dict:
    """{staff id: the score as stored}, the scores as the month is closed."""
    rows = MonthlyScore.objects.filter(year=year, month=month).values_list(
        "staff_id", "division_id", "kept", "bonus", "total", "grade", "vetoes"
    )
    return {
        str(staff_id): {"division": division, "kept": kept, "bonus": bonus, "total": total, "grade": grade,
                        "vetoes": vetoes}
        for staff_id, division, kept, bonus, total, grade, vetoes in rows
    }


def _snapshot_digest(scores: dict) -> str:
    text = json.dumps(scores, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def chain_value(previous: str, entry: LedgerEntry) -> str:
    moment = entry.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    month = entry.closed_month
    text = "|".join([
        previous, f"{month.year:04d}-{month.month:02d}", entry.event, entry.digest, _snapshot_digest(entry.scores),
        moment,
    ])
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def append(closed_month: Month, *, by) -> LedgerEntry:
    """Append the entry of a close (or re-close) of ``closed_month``, chained to the latest entry."""
    # Entries are appended one at a time: lock the latest so two closes cannot chain to the same one.
    latest = LedgerEntry.objects.select_for_update().order_by("-pk").first()
    event = LedgerEvent.RECLOSE if closed_month.ledger.exists() else LedgerEvent.CLOSE
    entry = LedgerEntry(
        closed_month=closed_month,
        event=event,
        digest=month_digest(closed_month.year, closed_month.month),
        previous=latest.chain if latest else "",
        scores=scores_snapshot(closed_month.year, closed_month.month),
        created_by=by,
        # Stored to the microsecond, as both PostgreSQL and SQLite keep it, so that the chain recomputes.
        created_at=timezone.now(),
    )
    entry.chain = chain_value(entry.previous, entry)
    entry.save()
    return entry


def current_entry(closed_month: Month) -> LedgerEntry | None:
    return closed_month.ledger.order_by("-pk").first()


@dataclass(frozen=True)
class Finding:
    month: str  # "04/2023", or "" for the chain itself
    message: str


def verify() -> tuple[list[str], list[Finding]]:
    """Recompute the chain and every closed month: the months found intact, and what does not match."""
    findings: list[Finding] = []
    previous = ""
    for entry in LedgerEntry.objects.select_related("closed_month").order_by("pk").iterator(chunk_size=500):
        if entry.previous != previous or chain_value(previous, entry) != entry.chain:
            findings.append(Finding(str(entry.closed_month), _(
                "Ledger entry no. %(number)s does not follow from the entries before it: the ledger was changed."
            ) % {"number": entry.pk}))
        previous = entry.chain
    intact = []
    for closed_month in Month.objects.filter(status=MonthStatus.CLOSED).order_by("year", "month"):
        entry = current_entry(closed_month)
        if entry is None:
            findings.append(Finding(str(closed_month), _("The month is closed but has no ledger entry.")))
        elif month_digest(closed_month.year, closed_month.month) != entry.digest:
            findings.append(Finding(str(closed_month), _(
                "The month's stored data no longer matches its ledger entry no. %(number)s of %(day)s: a record "
                "or a score dated in it was changed after it was closed."
            ) % {"number": entry.pk, "day": timezone.localtime(entry.created_at).strftime("%d/%m/%Y %H:%M")}))
        else:
            intact.append(str(closed_month))
    return intact, findings
