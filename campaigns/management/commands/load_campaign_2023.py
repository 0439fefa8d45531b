from django.utils.translation import gettext as _

from campaigns.services import load_campaign_2023
from emulation_portal.commands import PortalCommand


class Command(PortalCommand):
    help = _("Create the 2023 campaign from the plan, with the default catalogue (does nothing if it exists).")

    def handle(self, *args, **options):
        campaign, created = load_campaign_2023()
        if created:
            self.stdout.write(_("Created: %(name)s") % {"name": campaign.name})
        else:
            self.stdout.write(_("The 2023 campaign already exists; nothing changed."))
