from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.services import load_campaign_2023
from emulation_portal.commands import PortalCommand
from organization import services, structure
from organization.models import DivisionKind, EmploymentType, Gender, Staff
from organization.roles import Role

GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "nữ": Gender.FEMALE, "male": Gender.MALE, "female": Gender.FEMALE}


class Command(PortalCommand):
    help = _(
        "Start a new installation: the divisions and positions of a Sở Ngoại vụ, the 2023 campaign, and the first "
        "account of the Office, whose initial password is printed once. Everything else is done in the portal."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help=_("The staff code of the first Office member, e.g. VP04."))
        parser.add_argument("--name", required=True, help=_("Their full name."))
        parser.add_argument("--gender", required=True, help=_("nam or nữ."))
        parser.add_argument("--recruited", required=True, help=_("Their date of recruitment, dd/mm/yyyy."))
        parser.add_argument("--username", required=True, help=_("The login to create."))
        parser.add_argument(
            "--position", default="Chuyên viên", help=_("Their position (default: Chuyên viên).")
        )

    def handle(self, *args, **options):
        if Staff.objects.exists():
            raise CommandError(
                _("This installation already has staff: add people and accounts in the portal instead.")
            )
        gender = GENDERS.get(options["gender"].strip().lower())
        if gender is None:
            raise CommandError(_("The gender must be “nam” or “nữ”, not “%(value)s”.") % {"value": options["gender"]})
        try:
            recruited = datetime.strptime(options["recruited"], "%d/%m/%Y").date()
        except ValueError:
            raise CommandError(
                _("The date of recruitment “%(value)s” is not a date dd/mm/yyyy.") % {"value": options["recruited"]}
            ) from None
        try:
            with transaction.atomic():
                divisions, positions = structure.load_structure()
                position = positions.get(options["position"])
                if position is None:
                    raise CommandError(
                        _("Unknown position “%(name)s”; the positions are: %(names)s.")
                        % {"name": options["position"], "names": ", ".join(positions)}
                    )
                campaign, _created = load_campaign_2023()
                person = services.add_staff(
                    Staff(
                        code=options["code"].strip().upper(),
                        full_name=" ".join(options["name"].split()),
                        gender=gender,
                        position=position,
                        employment_type=EmploymentType.CIVIL_SERVANT,
                        date_recruited=recruited,
                    ),
                    division=next(d for d in divisions.values() if d.kind == DivisionKind.OFFICE),
                )
                issued = services.create_account(
                    person, username=options["username"].strip(), roles=[Role.STAFF, Role.OFFICE]
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            _("Loaded %(divisions)s divisions, %(positions)s positions and the campaign “%(campaign)s”.")
            % {"divisions": len(divisions), "positions": len(positions), "campaign": campaign.name}
        )
        self.stdout.write(
            _("The Office's first account: %(username)s (%(name)s), initial password %(password)s. It must be "
              "changed at the first login.")
            % {"username": issued.username, "name": person.full_name, "password": issued.password}
        )
