from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from discipline import ledger
from emulation_portal.commands import PortalCommand


class Command(PortalCommand):
    help = _(
        "Recompute every closed month and the ledger's chain: name any month whose stored data no longer "
        "matches its latest ledger entry, and exit with an error when one does."
    )

    def handle(self, *args, **options):
        intact, findings = ledger.verify()
        for month in intact:
            self.stdout.write(_("%(month)s: matches its ledger entry.") % {"month": month})
        for finding in findings:
            self.stderr.write(f"{finding.month}: {finding.message}" if finding.month else finding.message)
        if findings:
            raise CommandError(
                _("%(count)s problem(s) found in the closed months or the ledger.") % {"count": len(findings)}
            )
        self.stdout.write(_("Checked %(count)s closed month(s) and the ledger's chain: nothing was changed.")
                          % {"count": len(intact)})
