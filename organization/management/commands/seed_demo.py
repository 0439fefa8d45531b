from django.utils.translation import gettext as _

from awards.demo import seed_year_end_2023
from campaigns.services import load_campaign_2023
from discipline.demo import seed_year_2023
from emulation_portal.commands import PortalCommand
from organization import demo
from organization.models import Staff, User
from organization.roles import Role


class Command(PortalCommand):
    help = _("Load the demo department (idempotent): organisation, people, demo accounts and the 2023 campaign.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help=_("Do nothing when the database already holds staff.")
        )
        parser.add_argument(
            "--without-year",
            action="store_true",
            help=_("Load the department and the campaign only, without the records of 2023 (faster; for tests)."),
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Staff.objects.exists():
            self.stdout.write(_("The database already holds data; the demo data was not loaded."))
        else:
            demo.seed_organization()
            load_campaign_2023()
            if not options["without_year"]:
                seed_year_2023()
                seed_year_end_2023()
            self.stdout.write(_("Demo data loaded."))
        self._print_logins()

    def _print_logins(self):
        present = set(User.objects.filter(username__in=[a[0] for a in demo.ACCOUNTS]).values_list("username", flat=True))
        if not present:
            return
        self.stdout.write(_("Demo logins (password %(password)s unless changed since):") % {"password": demo.DEMO_PASSWORD})
        for username, _code, roles in demo.ACCOUNTS:
            if username in present:
                labels = ", ".join(str(Role.LABELS[role]) for role in [*roles, Role.STAFF])
                self.stdout.write(f"  {username:<12} {labels}")
