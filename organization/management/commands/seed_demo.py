from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from campaigns.services import load_campaign_2023
from organization import demo
from organization.models import Staff


class Command(BaseCommand):
    help = _("Load the demo department (idempotent): organisation, people, demo accounts and the 2023 campaign.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help=_("Do nothing when the database already holds staff.")
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Staff.objects.exists():
            self.stdout.write(_("The database already holds data; the demo data was not loaded."))
            return
        demo.seed_organization()
        load_campaign_2023()
        self.stdout.write(_("Demo data loaded. Demo logins (password %(password)s):") % {"password": demo.DEMO_PASSWORD})
        for username, code, _roles in demo.ACCOUNTS:
            self.stdout.write(f"  {username:<12} {code}")
