import re

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from discipline import dashboard
from discipline.models import MonthlyScore
from emulation_portal.commands import PortalCommand


class Command(PortalCommand):
    help = _("Rebuild the dashboard's division summaries from the stored scores and records, for every tallied "
             "month of a campaign (--year 2023) or one month (--month 2023-04). Safe to run again; closed months "
             "are only read.")

    def add_arguments(self, parser):
        parser.add_argument("--year", help=_("The campaign's year, e.g. 2023."))
        parser.add_argument("--month", help=_("The month as yyyy-mm."))

    def handle(self, *args, **options):
        year_text, month_text = options["year"], options["month"]
        if bool(year_text) == bool(month_text):
            raise CommandError(_("Give either --year (e.g. 2023) or --month (e.g. 2023-04)."))
        if month_text:
            match = re.fullmatch(r"(\d{4})-(\d{2})", month_text)
            if not match or not 1 <= int(match.group(2)) <= 12:
                raise CommandError(_("The month must be written yyyy-mm, e.g. 2023-04."))
            year, months = int(match.group(1)), [int(match.group(2))]
        else:
            if not re.fullmatch(r"\d{4}", year_text):
                raise CommandError(_("The year must be written yyyy, e.g. 2023."))
            year, months = int(year_text), None
        campaign = Campaign.objects.filter(year=year).first()
        if campaign is None:
            raise CommandError(_("No campaign covers %(year)s.") % {"year": year})
        tallied = sorted(set(MonthlyScore.objects.filter(campaign=campaign).values_list("year", "month")))
        chosen = [key for key in tallied if months is None or key[1] in months]
        if not chosen:
            raise CommandError(_("No month of %(year)s has been tallied: run the tally first.") % {"year": year})
        for key in chosen:
            count = dashboard.refresh_month(campaign, *key)
            self.stdout.write(_("Month %(month)02d/%(year)s: %(count)s divisions summarised.")
                              % {"month": key[1], "year": key[0], "count": count})
