"""Reading a record's change history (django-simple-history) for display: who, when, what changed, why; and the
guard of the forms of records without a version number, which refuses a save over a newer history entry."""

from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
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


class StaleGuardForm(forms.ModelForm):
    """Carries the record's latest history entry as it was when the form opened; refuses a save after a newer one."""

    seen_history = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["seen_history"].initial = latest_history_id(self.instance)

    def clean(self):
        cleaned = super().clean()
        # A form sent without the field (a tab opened before the portal's forms had it) is saved unchecked, as a
        # versioned form without its version is (discipline.services.check_version).
        if not self.instance.pk or "seen_history" not in self.data:
            return cleaned
        if cleaned.get("seen_history") != latest_history_id(self.instance):
            raise ValidationError(
                _("Someone else changed this record after you opened it. Reload the page to see their change, then edit again.")
            )
        return cleaned


def latest_history_id(instance) -> int | None:
    return instance.history.order_by("-history_id").values_list("history_id", flat=True).first()
