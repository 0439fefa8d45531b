from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, CommendationType, ViolationType
from discipline.evidence import check_upload
from discipline.models import AttendanceStatus, Commendation, RecordStatus, Violation
from organization.forms import DateInput
from organization.models import Division, Staff
from organization.submissions import SentOnceForm


class TimeInput(forms.TimeInput):
    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", attrs={"placeholder": "hh:mm", "inputmode": "numeric", "size": 5}, **kwargs)


def _attrs(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html writes them.
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items() if value is not False
    )


class DirectRender:
    """Renders an input or a select as Django's widget templates do, in Python: a day sheet of 70 people has
    about 1,400 inputs and options, and each template render costs more than the whole row's data."""

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if isinstance(self, forms.Select):
            options = "".join(  # an option's attrs hold "selected" when it is
                format_html('<option value="{}"{}>{}</option>', option["value"], mark_safe(_attrs(option["attrs"])),
                            option["label"])
                for _group, group, _index in widget["optgroups"] for option in group
            )
            return format_html('<select name="{}"{}>{}</select>', widget["name"], mark_safe(_attrs(widget["attrs"])),
                               mark_safe(options))
        value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value,
                           mark_safe(_attrs(widget["attrs"])))


class SheetHidden(DirectRender, forms.HiddenInput):
    pass


class SheetSelect(DirectRender, forms.Select):
    pass


class SheetTimeInput(DirectRender, TimeInput):
    pass


class SheetText(DirectRender, forms.TextInput):
    pass


class SheetPickForm(forms.Form):
    """Which division and day the Office opens the sheet for."""

    division = forms.ModelChoiceField(Division.objects.filter(active=True), label=_("Division"))
    day = forms.DateField(label=_("Day"), widget=DateInput())


class SheetRowForm(forms.Form):
    staff = forms.IntegerField(widget=SheetHidden)
    version = forms.IntegerField(widget=SheetHidden, min_value=0)
    status = forms.ChoiceField(label=_("Status"), choices=AttendanceStatus.choices, widget=SheetSelect)
    check_in = forms.TimeField(label=_("Arrival"), required=False, widget=SheetTimeInput())
    check_out = forms.TimeField(label=_("Departure"), required=False, widget=SheetTimeInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=255, widget=SheetText)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.attrs["class"] = "form-select form-select-sm"
        for name in ("check_in", "check_out", "note"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"

    def clean(self):
        cleaned = super().clean()
        check_in, check_out = cleaned.get("check_in"), cleaned.get("check_out")
        if check_in and check_out and check_out < check_in:
            raise ValidationError(_("The departure is before the arrival."))
        if cleaned.get("status") != AttendanceStatus.PRESENT and (check_in or check_out):
            if cleaned.get("status") != AttendanceStatus.DUTY:
                raise ValidationError(_("Arrival and departure times go with “present” only."))
        return cleaned


SheetFormSet = forms.formset_factory(SheetRowForm, extra=0)


class _RecordForm(SentOnceForm, forms.ModelForm):
    """What violation and commendation forms share: the person, the date, points defaulting to the catalogue."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = Staff.objects.filter(active=True).official_order()
        self.fields["staff"].label_from_instance = lambda s: f"{s.full_name} – {s.code} – {s.division_name_on or ''}"
        self.fields["points"].required = False
        self.fields["points"].help_text = _("Leave empty to take the catalogue's points.")
        types = self.type_model.objects.filter(active=True).select_related("campaign")
        self.fields["type"].queryset = types.order_by("-campaign__year", *self.type_model._meta.ordering[1:])
        # Two campaigns in force (a new year copied from the last) list the same names twice: say whose each is.
        self.several_years = types.values("campaign").distinct().count() > 1
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["change_reason"] = forms.CharField(
                label=_("Reason for the change"), max_length=100, help_text=_("Kept in the record's history.")
            )

    def year_of(self, kind) -> str:
        return f"{kind.campaign.year} · " if self.several_years else ""

    def clean(self):
        cleaned = super().clean()
        day, kind = cleaned.get("date"), cleaned.get("type")
        if day and kind:
            campaign = Campaign.objects.covering(day).first()
            if campaign is None:
                self.add_error("date", _("No campaign covers this date."))
            elif kind.campaign_id != campaign.pk:
                self.add_error("type", _("Choose a type from the catalogue of %(year)s.") % {"year": campaign.year})
        if kind and cleaned.get("points") is None:
            cleaned["points"] = kind.points
            self.instance.points = kind.points
        return cleaned


class ViolationForm(_RecordForm):
    type_model = ViolationType

    class Meta:
        model = Violation
        fields = ["staff", "date", "type", "points", "points_reason", "description", "evidence"]
        widgets = {"date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = self.fields["type"].queryset.select_related("criterion")
        self.fields["type"].label_from_instance = lambda vt: self.year_of(vt) + f"{vt.criterion.code} · {vt.name} (−{vt.points})"

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload and hasattr(upload, "content_type"):
            check_upload(upload)
        return upload


class CommendationForm(_RecordForm):
    type_model = CommendationType

    class Meta:
        model = Commendation
        fields = ["staff", "date", "type", "points", "points_reason", "description"]
        widgets = {"date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].label_from_instance = lambda ct: self.year_of(ct) + f"{ct.name} (+{ct.points})"


class WithdrawForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=255)


class ExplanationForm(forms.Form):
    text = forms.CharField(label=_("Your explanation"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    attachment = forms.FileField(label=_("Attachment (PDF, JPEG or PNG, at most 5 MB)"), required=False)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_upload(upload)
        return upload


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Accept: the record stops counting")), ("0", _("Reject: the record still counts"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class RecordFilterForm(forms.Form):
    """Filters of the record lists; anything it cannot read is ignored with a message."""

    month = forms.RegexField(label=_("Month"), regex=r"^\d{4}-\d{2}$", required=False,
                             widget=forms.TextInput(attrs={"placeholder": "yyyy-mm", "type": "month"}))
    division = forms.ModelChoiceField(Division.objects.all(), label=_("Division"), required=False)
    staff = forms.ModelChoiceField(Staff.objects.all(), label=_("Staff member"), required=False,
                                   widget=forms.HiddenInput)
    criterion = forms.TypedChoiceField(label=_("Content"), required=False, coerce=int, empty_value=None,
                                       choices=[("", "—")] + [(n, f"ND{n}") for n in range(1, 7)])
    year = forms.RegexField(label=_("Year"), regex=r"^\d{4}$", required=False, widget=forms.HiddenInput)
    type = forms.RegexField(label=_("Type code"), required=False, max_length=100, regex=r"^[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*$",
                            help_text=_("One code, or several separated by commas."))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *RecordStatus.choices])

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            # Those who see many people choose one from the list; others filter by the link on a record only.
            self.fields["staff"].queryset = people
            self.fields["staff"].widget = forms.Select(choices=self.fields["staff"].choices)
            self.fields["staff"].label_from_instance = lambda s: f"{s.full_name} – {s.code}"
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean_month(self):
        value = self.cleaned_data.get("month")
        if value:
            year, month = (int(part) for part in value.split("-"))
            if not 1 <= month <= 12:
                raise ValidationError(_("Not a month."))
            return year, month
        return None



class DashboardForm(forms.Form):
    """The dashboard's month (yyyy-mm), which picks the campaign too (discipline/dashboard.py ``state_of``);
    empty: the current campaign's latest month with figures."""

    month = forms.RegexField(
        label=_("Month"), regex=r"^\d{4}-\d{2}$", required=False,
        widget=forms.TextInput(attrs={"placeholder": "yyyy-mm", "type": "month", "class": "form-control"}),
        error_messages={"invalid": _("The month must be written yyyy-mm, e.g. 2023-04.")},
    )

    def clean_month(self):
        value = self.cleaned_data.get("month")
        if not value:
            return None
        year, month = (int(part) for part in value.split("-"))
        if not 1 <= month <= 12:
            raise ValidationError(_("Not a month."))
        return year, month


class MonthForm(forms.Form):
    """A month of a campaign, written yyyy-mm."""

    month = forms.RegexField(
        label=_("Month"), regex=r"^\d{4}-\d{2}$",
        widget=forms.TextInput(attrs={"placeholder": "yyyy-mm", "type": "month", "class": "form-control"}),
        error_messages={"invalid": _("The month must be written yyyy-mm, e.g. 2023-04.")},
    )

    def clean_month(self):
        year, month = (int(part) for part in self.cleaned_data["month"].split("-"))
        if not 1 <= month <= 12:
            raise ValidationError(_("The month must be written yyyy-mm, e.g. 2023-04."))
        campaign = Campaign.objects.filter(year=year).first()
        if campaign is None:
            raise ValidationError(_("No campaign covers %(year)s.") % {"year": year})
        return campaign, year, month


# --- The month's review and close ---


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=500, required=False,
                           help_text=_("Printed in the monthly report; leave empty to clear it."))


class DisputeForm(forms.Form):
    reason = forms.CharField(label=_("Why the record is wrong"), widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=2000)


class ResolveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Settlement"),
        choices=[
            ("confirm", _("Confirm: the record is right and still counts")),
            ("withdraw", _("Withdraw the record: it stops counting")),
            ("corrected", _("The record has been corrected (edited after the dispute)")),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("Answer to the head"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class SignoffForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing anyway"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only while a division has not signed off or something is pending."),
    )


class ReopenRequestForm(forms.Form):
    reason = forms.CharField(label=_("Why the month must be reopened"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ReopenDecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve: the month opens again")), ("0", _("Reject: the month stays closed"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason (required when rejecting)"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
