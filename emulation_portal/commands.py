"""What the portal's management commands share: wrong arguments answered in Vietnamese, the output path check.

argparse writes its own errors ("unrecognized arguments: …") in English, outside Django's translations; a
``PortalCommand`` says them in the portal's language, with the usage line, and still exits with status 2.
"""

import re
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.utils import OperationalError, ProgrammingError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# argparse's messages (Python 3.11–3.13), each with its Vietnamese words; any other is shown as it is.
ARGPARSE_ERRORS = [
    (re.compile(r"unrecognized arguments: (?P<detail>.*)"), gettext_lazy("unknown arguments: %(detail)s")),
    (
        re.compile(r"the following arguments are required: (?P<detail>.*)"),
        gettext_lazy("missing arguments: %(detail)s"),
    ),
    (
        re.compile(r"argument (?P<detail>\S+): expected one argument"),
        gettext_lazy("the argument %(detail)s needs a value"),
    ),
    (
        re.compile(r"argument (?P<detail>\S+): invalid .*"),
        gettext_lazy("the value of the argument %(detail)s is not valid"),
    ),
]


class PortalCommand(BaseCommand):
    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except (ProgrammingError, OperationalError, connection.Database.ProgrammingError,
                connection.Database.OperationalError) as error:
            # A database without the portal's tables (migrate or restore not run yet), or one that cannot be
            # reached: said in one line, not a traceback. The driver's own classes too: psycopg2 raises its own
            # when a server-side cursor over a missing table is closed.
            raise CommandError(
                _("The database is not ready (%(error)s). Check DATABASE_URL, then run migrate, or restore a "
                  "backup, first.") % {"error": str(error).strip().splitlines()[0]}
            ) from None

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds the parser itself; only its error method is replaced.
        parser.error = lambda message: _refuse(parser, message)
        return parser


def _refuse(parser: CommandParser, message: str):
    if not parser.called_from_command_line:
        return CommandParser.error(parser, message)  # call_command: Django's CommandError
    reason = next(
        (str(words) % {"detail": match["detail"]} for pattern, words in ARGPARSE_ERRORS
         if (match := pattern.fullmatch(message))),
        message,
    )
    parser.print_usage(sys.stderr)
    parser.exit(
        2,
        _("%(command)s: wrong arguments: %(reason)s. Run it with --help to see what it takes.")
        % {"command": parser.prog, "reason": reason}
        + "\n",
    )


def output_path(name: str) -> Path:
    """The file a command is asked to write, refused before any work when it cannot be written there."""
    path = Path(name).expanduser().absolute()
    if path.is_dir():
        raise CommandError(_("%(path)s is a folder: name the file to write.") % {"path": path})
    if not path.parent.is_dir():
        raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
    return path
