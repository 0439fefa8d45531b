"""Reading a record's change history (django-simple-history) for display: who, when, what changed, why."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils import formats, timezone
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
    for version, previous in zip(versions, versions[1:] + [None], strict=True):
        changes = []
        if previous is not None and version.history_type == "~":
            delta = version.diff_against(previous, foreign_keys_are_objs=True)
            for c in delta.changes:
                model_field = model._meta.get_field(c.field)
                changes.append(
                    Change(str(model_field.verbose_name), _display(model_field, c.old), _display(model_field, c.new))
                )
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


def _display(field, value) -> str:
    """A stored value as the person reads it: choice labels, Có/Không, dd/mm/yyyy, an object's name."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(field, models.TimeField):
        return value.strftime("%H:%M")
    return str(value)
