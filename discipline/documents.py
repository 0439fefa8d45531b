"""The monthly report (discipline/report.py) as a Nghị định 30 PDF and as an Excel workbook.

Both are written from the same ``MonthlyReport`` and the same summary lines, so the PDF, the workbook and the
screen show the same numbers. The layout is in templates/documents/monthly_report.html and
static/documents/nd30.css; the generic parts in emulation_portal/documents.py.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from discipline.models import Grade
from discipline.report import MonthlyReport
from emulation_portal import documents
from organization.models import AgencyProfile, Division

TYPE_CODE = "BC"  # báo cáo
TEMPLATE = "documents/monthly_report.html"


@dataclass
class SummaryLine:
    """A division's month, or the Sở's: people, average score, grades A…D, counting violations by content."""

    label: str
    people: int
    average: Decimal | None
    grades: list[int]
    violations: list[int]  # in the order of ``report.numbers``
    total: bool = False

    def cells(self) -> list:
        return [self.label, self.people, self.average, *self.grades, *self.violations]


def summary_lines(report: MonthlyReport) -> list[SummaryLine]:
    """One line per division, then the Sở's total when the report covers the whole Sở."""
    lines = [_line(report, section.summary, _division_name(section.division)) for section in report.sections]
    if report.division is None:
        lines.append(_line(report, report.total, _("Whole department"), total=True))
    elif not lines:  # a division with nobody in it that month still has its line
        lines.append(_line(report, report.total, report.division.name))
    return lines


def summary_headings(report: MonthlyReport) -> list[str]:
    return [
        _("Division"), _("People"), _("Average score"),
        *(_("Grade %(grade)s") % {"grade": grade} for grade in Grade.values),
        *(_("Violations ND%(number)s") % {"number": number} for number in report.numbers),
    ]


def subject(report: MonthlyReport, division: Division | None = None) -> str:
    """"Kết quả thực hiện kỷ luật, kỷ cương hành chính tháng 4 năm 2023", then " – <division>" for one."""
    text = _("Results of administrative discipline in month %(month)s of %(year)s") % {
        "month": report.month, "year": report.year,
    }
    division = division or report.division
    return f"{text} – {division.name}" if division else text


def status(report: MonthlyReport) -> str:
    """"(Tạm tính)" while the month is open; for a closed month, final and the day it was closed."""
    if not report.final:
        return _("(Provisional)")
    if report.closed_at is None:
        return _("(Final)")
    closed_on = formats.date_format(timezone.localtime(report.closed_at).date(), "SHORT_DATE_FORMAT")
    return _("(Final, month closed on %(date)s)") % {"date": closed_on}


def monthly_report_pdf(report: MonthlyReport, *, on: date | None = None) -> bytes:
    """The report as a Nghị định 30 báo cáo, dated ``on`` (today by default), signed by the director."""
    with translation.override(documents.DOCUMENT_LANGUAGE):
        context = {
            **documents.nd30_context(TYPE_CODE, subject(report), subtitle=status(report), on=on),
            "report": report,
            "grades": Grade.values,
            "summary": summary_lines(report),
            "groups": _groups(report),
        }
        return documents.render_pdf(TEMPLATE, context)


def monthly_report_xlsx(report: MonthlyReport) -> bytes:
    """The report as a workbook: the summary sheet ("Tổng hợp"), then one sheet per division."""
    with translation.override(documents.DOCUMENT_LANGUAGE):
        profile = AgencyProfile.load()
        book = documents.new_workbook()
        lines = summary_lines(report)
        digest = [_("SHA-256 check code: %(digest)s") % {"digest": report.digest}] if report.digest else []
        documents.table_sheet(
            book, _("Summary"), title_lines=_title_lines(report, profile) + digest,
            headings=summary_headings(report),
            rows=[line.cells() for line in lines if not line.total],
            totals=[line.cells() for line in lines if line.total],
        )
        for section in report.sections:
            documents.table_sheet(
                book, _division_name(section.division),
                title_lines=_title_lines(report, profile, section.division),
                headings=report.headings, rows=[row.cells() for row in section.rows],
            )
        return documents.workbook_bytes(book)


def _line(report: MonthlyReport, summary, label: str, *, total: bool = False) -> SummaryLine:
    return SummaryLine(
        label=label, people=summary.people, average=summary.average,
        grades=[summary.grades.get(grade, 0) for grade in Grade.values],
        violations=list(summary.by_content), total=total,
    )


def _division_name(division: Division | None) -> str:
    return division.name if division else _("No division")


def _groups(report: MonthlyReport) -> list[dict]:
    """The detail table's rows by division, each cell with whether it is a number (centred)."""
    return [
        {
            "label": _division_name(section.division) if report.division is None else "",
            "rows": [[(cell, isinstance(cell, int)) for cell in row.cells()] for row in section.rows],
        }
        for section in report.sections
    ]


def _title_lines(report: MonthlyReport, profile: AgencyProfile, division: Division | None = None) -> list:
    return [
        f"{profile.parent_body.upper()} – {profile.agency_name.upper()}",
        documents.DOCUMENT_TYPES[TYPE_CODE],
        subject(report, division),
        _("Period: %(period)s") % {"period": report.period},
        status(report),
    ]


# --- The dashboard, printed for the briefing (issue 6) ---

DASHBOARD_TEMPLATE = "documents/dashboard.html"


def dashboard_pdf(context: dict, *, on: date | None = None) -> bytes:
    """The dashboard (discipline/views_dashboard.py ``dashboard_context``) as a Nghị định 30 báo cáo for the
    briefing: the month against the previous one, the year to date, the divisions, the charts."""
    from discipline.charts import SERIF, dashboard_charts

    board, division = context["board"], context["division"]
    year, month = board.month
    with translation.override(documents.DOCUMENT_LANGUAGE):
        subject = _("Discipline and administrative order in %(month)02d/%(year)s") % {"month": month, "year": year}
        if division is not None:
            subject = f"{subject} – {division.name}"
        subtitle = _("(Provisional)") if board.month in board.provisional else _("(Final)")
        document = {
            **context,
            **documents.nd30_context(TYPE_CODE, subject, subtitle=subtitle, on=on),
            "charts": dashboard_charts(board, font=SERIF),
        }
        return documents.render_pdf(DASHBOARD_TEMPLATE, document)
