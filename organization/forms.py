from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from emulation_portal.history import StaleGuardForm
from organization.imports import IMPORT_HELP, MAX_IMPORT_BYTES
from organization.models import AgencyProfile, Division, DocumentType, Staff
from organization.roles import Role


class DateInput(forms.DateInput):
    """A text field in dd/mm/yyyy: the browser's own date picker shows dates the American way on many machines."""

    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, **kwargs)


class StaffForm(StaleGuardForm):
    division = forms.ModelChoiceField(
        Division.objects.filter(active=True), label=_("Division"), required=True
    )

    class Meta:
        model = Staff
        fields = ["code", "full_name", "gender", "position", "employment_type", "date_recruited", "date_left", "active"]
        widgets = {"date_recruited": DateInput(), "date_left": DateInput()}

    reason = forms.CharField(
        label=_("Reason for the change"), max_length=100, help_text=_("Kept in the record's history.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A person's division changes through a dated transfer, never by editing it in place.
            del self.fields["division"]
        else:
            del self.fields["reason"]

    def save(self, commit=True):
        self.instance._change_reason = self.cleaned_data.get("reason", "")
        return super().save(commit=commit)

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if Staff.objects.filter(code=code).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("The staff code %(code)s is already used.") % {"code": code})
        return code


class TransferForm(forms.Form):
    division = forms.ModelChoiceField(Division.objects.filter(active=True), label=_("New division"))
    on = forms.DateField(label=_("From"), widget=DateInput())
    note = forms.CharField(label=_("Decision or note"), max_length=255, required=False)


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class AccountForm(forms.Form):
    username = forms.SlugField(
        label=_("Username"), max_length=150, required=False, help_text=_("Leave empty to use the suggested one.")
    )


class StaffImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file"), help_text=IMPORT_HELP)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Choose an Excel file (.xlsx)."))
        return upload


class StaffFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or code"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
    )
    division = forms.ModelChoiceField(
        Division.objects.all(), label=_("Division"), required=False, empty_label=_("All divisions"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class AgencyProfileForm(StaleGuardForm):
    class Meta:
        model = AgencyProfile
        fields = [
            "province",
            "place_name",
            "parent_body",
            "agency_name",
            "agency_abbreviation",
            "director_name",
            "deputy_director_name",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for doc_type in DocumentType:
            self.fields[f"recipients_{doc_type.name.lower()}"] = forms.CharField(
                label=_("Recipients of %(type)s") % {"type": doc_type.label},
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                help_text=_("One recipient per line; “Lưu: VT, VP.” is added by the document."),
                initial="\n".join(self.instance.recipients_for(doc_type.value)),
            )

    def clean(self):
        cleaned = super().clean()
        recipients = {}
        for doc_type in DocumentType:
            text = cleaned.get(f"recipients_{doc_type.name.lower()}", "")
            lines = [line.strip().lstrip("-").strip() for line in text.splitlines()]
            recipients[doc_type.value] = [line for line in lines if line]
        self.instance.recipients = recipients
        return cleaned



class PortalPasswordChangeForm(PasswordChangeForm):
    """Django's password change, which also refuses the old password again and lifts the forced change."""

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("new_password2")
        if password and self.user.check_password(password):
            self.add_error("new_password2", _("Choose a password different from the current one."))
        return cleaned

    def save(self, commit=True):
        self.user.must_change_password = False
        return super().save(commit=commit)
