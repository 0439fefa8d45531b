"""Reading a record's change history (django-simple-history) for display: who, when, what changed, why."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def history_entries(record, *, limit: int = 50) -> list[HistoryEntry]:
    """The latest ``limit`` versions of ``record``, newest first, each with its changed fields (before → after)."""
    versions = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    model = record._meta.model
    entries = []
    for version, previous in zip(versions, versions[1:] + [None]):
        changes = []
        if previous is not None and version.history_type == "~":
            delta = version.diff_against(previous)
            changes = [
                Change(str(model._meta.get_field(c.field).verbose_name), c.old, c.new) for c in delta.changes
            ]
        entries.append(
            HistoryEntry(
                when=version.history_date,
                who=version.history_user.get_username() if version.history_user else "",
                action=ACTIONS.get(version.history_type, version.history_type),
                reason=version.history_change_reason or "",
                changes=changes,
            )
        )
    return entries[:limit]
