from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign


class CopyCampaignForm(forms.Form):
    year = forms.IntegerField(label=_("New year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    name = forms.CharField(label=_("Name of the new campaign"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_year(self):
        year = self.cleaned_data["year"]
        if Campaign.objects.filter(year=year).exists():
            raise ValidationError(_("A campaign for %(year)s already exists.") % {"year": year})
        return year
