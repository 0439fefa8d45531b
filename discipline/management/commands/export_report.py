import re
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from discipline import documents, report
from emulation_portal.commands import PortalCommand, output_path
from organization.models import Division

FORMATS = {"pdf": documents.monthly_report_pdf, "xlsx": documents.monthly_report_xlsx}
# The year-end documents (awards/documents.py), each with the formats it is made in.
YEAR_REPORTS = ["midyear", "yearend", "shortlist", "minutes", "submission", "decision"]
REPORTS = ["monthly", *YEAR_REPORTS]


class Command(PortalCommand):
    help = _(
        "Write a report to a file as PDF or Excel, e.g. monthly --month 2023-04 --format pdf -o report.pdf "
        "[--division HTQT], or a year-end document, e.g. decision --year 2023 --format pdf -o decision.pdf."
    )

    def add_arguments(self, parser):
        parser.add_argument("report", help=_("The report: %(reports)s.") % {"reports": ", ".join(REPORTS)})
        parser.add_argument("--month", help=_("The month as yyyy-mm (the monthly report)."))
        parser.add_argument("--year", help=_("The campaign year, e.g. 2023 (the year-end documents)."))
        parser.add_argument("--format", required=True, help=_("The file format: pdf or xlsx."))
        parser.add_argument("-o", "--output", required=True, help=_("The file to write."))
        parser.add_argument(
            "--division", help=_("A division's code (e.g. HTQT); without it, the whole department.")
        )
        parser.add_argument(
            "--session",
            help=_("The minutes of this council session (its number in the portal); without it, the year's "
                   "latest session."),
        )

    def handle(self, *args, **options):
        # Everything is checked, then the document made, before the file is opened: a refusal writes nothing.
        if options["report"] not in REPORTS:
            raise CommandError(
                _("Unknown report “%(name)s”; the reports are: %(names)s.")
                % {"name": options["report"], "names": ", ".join(REPORTS)}
            )
        if options["report"] in YEAR_REPORTS:
            content = self._year_document(options)
            path = None
        else:
            content, path = self._monthly(options)
        path = path or output_path(options["output"])
        _write(path, content)
        self.stdout.write(str(path))

    def _monthly(self, options) -> tuple[bytes, Path]:
        write = FORMATS.get(options["format"].lower())
        if write is None:
            raise CommandError(
                _("Unknown format “%(format)s”; the formats are: %(formats)s.")
                % {"format": options["format"], "formats": ", ".join(FORMATS)}
            )
        if not options["month"]:
            raise CommandError(_("Give the month with --month, e.g. --month 2023-04."))
        year, month = _month(options["month"])
        campaign = Campaign.objects.covering(date(year, month, 1)).first()
        if campaign is None:
            raise CommandError(
                _("No campaign covers the month %(month)02d/%(year)s.") % {"month": month, "year": year}
            )
        division = _division(options["division"])
        path = output_path(options["output"])
        return write(report.build(campaign, year, month, division)), path

    def _year_document(self, options) -> bytes:
        # WeasyPrint and the year-end machinery load only when a year-end document is asked for.
        from awards import documents as year_documents
        from awards.models import CouncilSession

        kind, fmt = options["report"], options["format"].lower()
        formats = year_documents.formats_of(kind)
        if fmt not in formats:
            raise CommandError(
                _("The document “%(kind)s” is not made as %(format)s; it is made as: %(formats)s.")
                % {"kind": kind, "format": options["format"], "formats": ", ".join(formats)}
            )
        if not options["year"]:
            raise CommandError(_("Give the campaign year with --year, e.g. --year 2023."))
        if not re.fullmatch(r"\d{4}", options["year"].strip()):
            raise CommandError(_("The year must be written yyyy, e.g. --year 2023."))
        year = int(options["year"])
        campaign = Campaign.objects.filter(year=year).first()
        if campaign is None:
            raise CommandError(_("No campaign for the year %(year)s.") % {"year": year})
        session = None
        if options["session"] is not None:
            number = options["session"].strip()
            session = (CouncilSession.objects.filter(campaign=campaign, pk=int(number)).first()
                       if number.isdigit() else None)
            if session is None:
                raise CommandError(_("No council session %(session)s in %(year)s.")
                                   % {"session": options["session"], "year": year})
        output_path(options["output"])
        try:
            produced = year_documents.produce(campaign, kind, fmt, session=session)
        except year_documents.DocumentRefused as refused:
            raise CommandError(refused.message) from None
        return produced.content


def _month(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CommandError(_("The month must be written yyyy-mm, e.g. 2023-04."))
    return int(match.group(1)), int(match.group(2))


def _division(code: str | None) -> Division | None:
    if code is None:
        return None
    division = Division.objects.filter(code=code.strip().upper()).first()
    if division is None:
        codes = Division.objects.values_list("code", flat=True)
        raise CommandError(
            _("No division has the code “%(code)s”; the codes are: %(codes)s.")
            % {"code": code, "codes": ", ".join(codes)}
        )
    return division


def _write(path: Path, content: bytes) -> None:
    opened = False
    try:
        with path.open("wb") as file:
            opened = True
            file.write(content)
    except OSError as error:
        if opened and path.is_file():
            path.unlink()  # no half-written document left behind
        raise CommandError(
            _("Cannot write %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror or error}
        ) from None
