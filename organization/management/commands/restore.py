from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from emulation_portal.commands import PortalCommand
from organization import backup


class Command(PortalCommand):
    help = _(
        "Bring a new, empty installation back from an archive of the backup command: the database and the "
        "uploaded files, every count and file checked, then the closed months verified against the ledger."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help=_("The archive, portal-backup-….tar.gz."))

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(_("%(path)s does not exist or is not a file.") % {"path": archive})
        try:
            restored = backup.restore_backup(archive)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Restored the backup of %(when)s: %(rows)s rows and %(files)s files, as counted when it was made.")
            % {"when": backup.backup_time(restored.manifest).strftime("%d/%m/%Y %H:%M:%S"),
               "rows": restored.rows, "files": restored.files}
        )
        if _pending_migrations():
            self.stdout.write(_("This version of the portal is newer than the backup: run migrate, then "
                                "verify_months."))
            return
        call_command("verify_months", stdout=self.stdout, stderr=self.stderr)


def _pending_migrations() -> list:
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())
