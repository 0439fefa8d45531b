from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from campaigns import forms, services
from campaigns.models import Campaign
from organization.access import role_required
from organization.roles import Role

# Every role may read the campaigns: they are the rules everyone is measured by.
EVERY_ROLE = Role.ORDER


@role_required(*EVERY_ROLE)
def campaign_list(request):
    campaigns = Campaign.objects.all()
    return render(request, "campaigns/campaign_list.html", {"campaigns": campaigns})


@role_required(*EVERY_ROLE)
def campaign_detail(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    context = {
        "campaign": campaign,
        "criteria": campaign.criteria.all(),
        "violation_types": campaign.violation_types.select_related("criterion"),
        "commendation_types": campaign.commendation_types.all(),
    }
    return render(request, "campaigns/campaign_detail.html", context)


@permission_required("campaigns.copy_campaign", raise_exception=True)
def campaign_copy(request, pk):
    source = get_object_or_404(Campaign, pk=pk)
    initial = {"year": source.year + 1, "name": source.name.replace(str(source.year), str(source.year + 1))}
    form = forms.CopyCampaignForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            campaign = services.copy_campaign(source, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The campaign was copied to %(year)s.") % {"year": campaign.year})
            return redirect(campaign)
    return render(request, "campaigns/campaign_copy.html", {"form": form, "source": source})
