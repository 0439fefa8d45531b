from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import COLLECTIVE_TITLES, INDIVIDUAL_TITLES, Rating, Title
from organization.forms import DateInput

RATING_CHOICES = [("", "—"), *Rating.choices]


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class SelfAssessmentForm(_Versioned):
    rating = forms.ChoiceField(label=_("The rating you think you earned"), choices=RATING_CHOICES)
    text = forms.CharField(label=_("Self-assessment"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                           help_text=_("Your tasks and results, your discipline, what you would improve."))


class ProposalForm(_Versioned):
    rating = forms.ChoiceField(label=_("Proposed rating"), choices=RATING_CHOICES)
    opinion = forms.CharField(label=_("Head's opinion"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    reason = forms.CharField(label=_("Reason, if the rating goes beyond the rules"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class DecisionForm(_Versioned):
    rating = forms.ChoiceField(label=_("Rating decided"), choices=RATING_CHOICES)
    reason = forms.CharField(label=_("Reason, if the rating goes beyond the rules"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class DivisionRatingForm(_Versioned):
    rating = forms.ChoiceField(label=_("The division's year"), choices=RATING_CHOICES)
    note = forms.CharField(label=_("Assessment"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=5000)


class NominationForm(forms.Form):
    title = forms.ChoiceField(label=_("Title or award"))
    nominee = forms.ChoiceField(label=_("Nominee"))
    achievement = forms.CharField(label=_("Summary of achievements"), widget=forms.Textarea(attrs={"rows": 4}),
                                  max_length=5000)
    reason = forms.CharField(label=_("Reason, if a condition is not met"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, people=(), divisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        titles = dict(Title.choices)
        self.fields["title"].choices = [
            (_("A person"), [(t, titles[t]) for t in INDIVIDUAL_TITLES]),
            (_("A division"), [(t, titles[t]) for t in COLLECTIVE_TITLES]),
        ]
        self.fields["nominee"].choices = [
            (_("People"), [(f"s{p.pk}", f"{p.full_name} ({p.code})") for p in people]),
            (_("Divisions"), [(f"d{d.pk}", d.name) for d in divisions]),
        ]


class ReasonForm(_Versioned):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=2000)


class RevokeForm(_Versioned):
    on = forms.DateField(label=_("Revoked on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason for the revocation"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=2000)
