import re

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from discipline import services
from emulation_portal.commands import PortalCommand


class Command(PortalCommand):
    help = _("Compute and store everyone's score for one month, e.g. --month 2023-04 (safe to run again).")

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help=_("The month as yyyy-mm."))

    def handle(self, *args, **options):
        match = re.fullmatch(r"(\d{4})-(\d{2})", options["month"])
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise CommandError(_("The month must be written yyyy-mm, e.g. 2023-04."))
        year, month = int(match.group(1)), int(match.group(2))
        campaign = Campaign.objects.filter(year=year).first()
        if campaign is None:
            raise CommandError(_("No campaign covers %(year)s.") % {"year": year})
        try:
            result = services.run_tally(campaign, year, month)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            _("Month %(month)02d/%(year)s: %(people)s people; %(created)s scores added, %(updated)s changed, %(unchanged)s unchanged.")
            % {"month": month, "year": year, "people": result.people, "created": result.created,
               "updated": result.updated, "unchanged": result.unchanged}
        )
