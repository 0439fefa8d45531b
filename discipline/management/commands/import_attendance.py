from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from discipline import clock
from emulation_portal.commands import PortalCommand, output_path
from organization.imports import ImportRefused
from organization.models import User


class Command(PortalCommand):
    help = _(
        "Import a time-clock export (.xlsx or .csv): print the counts per outcome and apply the good rows, "
        "as the Office's import page does."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The .xlsx or .csv file exported by the time clock."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Check the file and print the counts; apply nothing.")
        )
        parser.add_argument(
            "--user", help=_("The account the import is recorded for (default: the first superuser).")
        )
        parser.add_argument(
            "--rejects", help=_("Also write the problem rows, with the reason, to this .xlsx file.")
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if path.is_dir():
            raise CommandError(_("%(path)s is a folder: name the file to import.") % {"path": path})
        if not path.is_file():
            raise CommandError(_("The file %(path)s does not exist.") % {"path": path})
        # Checked before the import, which a rejects file that cannot be written must not leave half done.
        rejects = output_path(options["rejects"]) if options["rejects"] else None
        user = None if options["dry_run"] else self._user(options["user"])
        try:
            with path.open("rb") as handle:
                upload = File(handle, name=path.name)
                if options["dry_run"]:
                    check = clock.check_clock_file(clock.read_clock_file(upload))
                    summary, problems = check.summary(), check.problems
                else:
                    batch = clock.apply_clock_import(clock.preview_clock_import(upload, by=user), by=user)
                    summary, problems = batch.summary, batch.problems
        except ImportRefused as refused:
            raise CommandError(" ".join(refused.errors)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except OSError as error:  # e.g. a file the account may not read
            reason = error.strerror or error
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": reason}
            ) from None
        self._print(summary, dry_run=options["dry_run"])
        if rejects and problems:
            try:
                rejects.write_bytes(clock.rejects_workbook(problems, summary["headings"]))
            except OSError as error:
                reason = error.strerror or error
                raise CommandError(
                    _("Cannot write %(path)s: %(reason)s.") % {"path": rejects, "reason": reason}
                ) from None
            self.stdout.write(_("Problem rows written to %(path)s.") % {"path": options["rejects"]})

    def _user(self, username):
        users = User.objects.filter(is_active=True)
        user = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if user is None:
            raise CommandError(
                _("No active account %(username)s.") % {"username": username}
                if username
                else _("Name the account the import is recorded for with --user.")
            )
        return user

    def _print(self, summary, *, dry_run):
        self.stdout.write(_("Rows in the file: %(rows)s") % {"rows": summary["rows"]})
        for value, label in clock.ClockOutcome.choices:
            self.stdout.write(f"  {label}: {summary['counts'].get(value, 0)}")
        if dry_run:
            self.stdout.write(_("Dry run: nothing was applied."))
        else:
            self.stdout.write(
                _("Applied: %(created)s records added, %(updated)s corrected, %(unchanged)s unchanged.")
                % summary["applied"]
            )
