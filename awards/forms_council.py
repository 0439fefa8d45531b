"""Forms of the council's sessions and of the published list: they validate and convert, the services decide.

A session is one page: the session's facts (``SessionForm``), the members (``MemberFormSet``, one row per
member, blank rows to add one) and the votes (``VotesForm``, two fields per nominee on the shortlist). The
checks across them (the chair among the members, votes against those present) are record_session's.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models import BallotMethod
from discipline.forms import TimeInput
from organization.forms import DateInput
from organization.submissions import SentOnceForm


class Attendance(models.TextChoices):
    """A member at a session: one choice, so that "present with a written vote" cannot be entered."""

    PRESENT = "present", _("Present")
    WRITTEN = "written", _("Absent, sent a written vote")
    ABSENT = "absent", _("Absent, no written vote")


def staff_label(staff) -> str:
    division = getattr(staff, "division_name_on", None)
    return f"{staff.full_name} – {division}" if division else f"{staff.full_name} ({staff.code})"


class StaffField(forms.TypedChoiceField):
    """A person chosen from a list already loaded: one query for every select of the page, not one each."""

    def __init__(self, *, people=(), **kwargs):
        self.by_pk = {str(p.pk): p for p in people}
        super().__init__(choices=[("", "—"), *((key, staff_label(p)) for key, p in self.by_pk.items())],
                         coerce=self.person, empty_value=None, **kwargs)

    def person(self, value):
        try:
            return self.by_pk[str(value)]
        except KeyError:
            raise ValueError(value) from None


class SessionForm(SentOnceForm, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    started_at = forms.TimeField(label=_("Started at"), widget=TimeInput())
    ended_at = forms.TimeField(label=_("Ended at"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    chair = forms.Field(label=_("Chair"))
    secretary = forms.Field(label=_("Secretary"))
    method = forms.ChoiceField(label=_("Ballot method"), choices=[("", "—"), *BallotMethod.choices],
                               help_text=_("CSTĐ cấp tỉnh and the Cờ thi đua pass only by secret ballot."))
    note = forms.CharField(label=_("Other matters discussed"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"] = StaffField(people=people, label=_("Chair"))
        self.fields["secretary"] = StaffField(people=people, label=_("Secretary"))

    def session_data(self) -> dict:
        """The session's fields as record_session takes them."""
        return {name: value for name, value in self.cleaned_data.items() if name not in ("version", "submission")}


class MemberRowForm(forms.Form):
    staff = forms.Field(label=_("Member"), required=False)
    council_role = forms.CharField(label=_("Role in the council"), max_length=100, required=False,
                                   widget=forms.TextInput(attrs={"list": "council-roles"}))
    attendance = forms.ChoiceField(label=_("At the session"), choices=Attendance.choices,
                                   initial=Attendance.PRESENT)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"] = StaffField(people=people, label=_("Member"), required=False)
        for name in ("staff", "attendance"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["council_role"].widget.attrs["class"] = "form-control form-control-sm"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"

    def member(self) -> dict | None:
        """The row as record_session takes it; None for a row left blank."""
        data = self.cleaned_data
        if not data.get("staff"):
            return None
        return {"staff": data["staff"], "council_role": data["council_role"].strip(),
                "present": data["attendance"] == Attendance.PRESENT,
                "written_vote": data["attendance"] == Attendance.WRITTEN}


class _MemberFormSet(forms.BaseFormSet):
    def members(self) -> list[dict]:
        return [row for row in (form.member() for form in self.forms) if row is not None]


MemberFormSet = forms.formset_factory(MemberRowForm, formset=_MemberFormSet, extra=3)


def _count(label) -> forms.IntegerField:
    widget = forms.NumberInput(attrs={"class": "form-control form-control-sm", "inputmode": "numeric"})
    return forms.IntegerField(label=label, min_value=0, max_value=999, required=False, widget=widget)


class VotesForm(forms.Form):
    """Per nominee on the shortlist: the votes of the members present and the absent members' written votes.

    A nominee left blank was not voted on at this session (a session may deal with some titles only).
    """

    def __init__(self, *args, nominations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.nominations = list(nominations)
        for nomination in self.nominations:
            self.fields[f"for_{nomination.pk}"] = _count(_("Votes in favour of the members present"))
            self.fields[f"written_{nomination.pk}"] = _count(_("Written votes in favour"))

    def clean(self):
        cleaned = super().clean()
        for nomination in self.nominations:
            if cleaned.get(f"for_{nomination.pk}") is None and cleaned.get(f"written_{nomination.pk}"):
                self.add_error(f"for_{nomination.pk}",
                               _("Enter the votes of the members present too (0 if none)."))
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"
        return cleaned

    def rows(self):
        """(nomination, its votes field, its written votes field) for the template."""
        return [(n, self[f"for_{n.pk}"], self[f"written_{n.pk}"]) for n in self.nominations]

    def votes(self) -> list[dict]:
        """The nominees voted on, as record_session takes them."""
        found = []
        for nomination in self.nominations:
            votes_for = self.cleaned_data.get(f"for_{nomination.pk}")
            if votes_for is not None:
                found.append({"nomination": nomination, "votes_for": votes_for,
                              "written_for": self.cleaned_data.get(f"written_{nomination.pk}") or 0})
        return found


class PublishForm(forms.Form):
    days = forms.IntegerField(label=_("Days open for comments"), min_value=1, max_value=60, initial=7)


class CommentForm(SentOnceForm, forms.Form):
    nomination = forms.TypedChoiceField(label=_("About"), required=False, coerce=int, empty_value=None)
    text = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, nominations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.nominations = {n.pk: n for n in nominations}
        self.fields["nomination"].choices = [("", _("The list as a whole")), *(
            (n.pk, f"{n.nominee_name} – {n.get_title_display()}") for n in self.nominations.values())]

    def clean_nomination(self):
        pk = self.cleaned_data["nomination"]
        if pk is None:
            return None
        if pk not in self.nominations:
            raise ValidationError(_("Comment on a nominee of the published list."))
        return self.nominations[pk]
