import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from emulation_portal.commands import PortalCommand
from organization import backup


class Command(PortalCommand):
    help = _(
        "Write one dated archive with the database and the uploaded files (evidence, attachments, time-clock "
        "files) into a folder, by default BACKUP_DIR or var/backups; with --keep N, keep only the newest N."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", help=_("The folder of the archives (default: BACKUP_DIR, else var/backups).")
        )
        parser.add_argument("--keep", type=int, help=_("Keep only this many newest archives in the folder."))

    def handle(self, *args, **options):
        keep = options["keep"]
        if keep is not None and keep < 1:
            raise CommandError(_("--keep must be at least 1."))
        folder = Path(options["output_dir"] or os.environ.get("BACKUP_DIR") or Path(settings.BASE_DIR) / "var" / "backups")
        if folder.exists() and not folder.is_dir():
            raise CommandError(_("%(path)s is a file, not a folder.") % {"path": folder})
        try:
            path = backup.make_backup(folder, keep=keep)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        manifest = backup.read_manifest(path)
        self.stdout.write(
            _("Backup written: %(path)s (%(rows)s rows, %(files)s files, %(size)s bytes).")
            % {"path": path, "rows": sum(manifest["rows"].values()), "files": len(manifest["files"]),
               "size": path.stat().st_size}
        )
