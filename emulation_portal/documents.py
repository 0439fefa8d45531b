"""Administrative documents in the format of Nghị định 30/2020/NĐ-CP (DOMAIN.md §6), as PDF and as Excel.

PDF: a document's template extends ``documents/base_nd30.html`` and receives, from ``nd30_context``, what
every document shares — the two-column header, the title, "Nơi nhận" and the signature; ``render_pdf`` lays it
out with WeasyPrint. Page size, margins, fonts and page numbers live in static/documents/nd30.css, and every
file the template names is read from static/ on disk: no web server, no DEBUG, no system font, no network.

Excel: ``new_workbook``, then ``table_sheet`` for each titled table (ready to print on A4), then
``workbook_bytes``.
"""

import re
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from organization.models import AgencyProfile

# Documents are written in Vietnamese whatever language the person who asks for them reads.
DOCUMENT_LANGUAGE = "vi"

# The types of Phụ lục III: the code in the number ("Số: …/BC-SNgV") and the title printed on the document.
DOCUMENT_TYPES = {
    "BC": "BÁO CÁO",
    "TTr": "TỜ TRÌNH",
    "BB": "BIÊN BẢN",
    "QĐ": "QUYẾT ĐỊNH",
    "KH": "KẾ HOẠCH",
    "TB": "THÔNG BÁO",
}

# Where a document's stylesheet and fonts are read from; relative URLs in the templates start here.
STATIC_DIR = Path(settings.BASE_DIR) / "static"


# --- The parts of Nghị định 30 ---


def date_line(place: str, day: date) -> str:
    """"Lạng Sơn, ngày 05 tháng 01 năm 2024": a leading zero for days below 10 and for months 1 and 2 only."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass(frozen=True)
class Nd30:
    """What the header, title and closing of a document print (templates/documents/_nd30_*.html)."""

    parent_body: str  # "UBND TỈNH LẠNG SƠN"
    agency_name: str  # "SỞ NGOẠI VỤ"
    number: str  # "" leaves the number blank for the clerk who registers the document
    number_suffix: str  # "/BC-SNgV"; empty for a document that carries no number (the header leaves "Số:" out)
    place_date: str
    document_type: str  # "BÁO CÁO"
    subject: str
    subtitle: str  # an optional line under the subject, e.g. "(Tạm tính)"
    recipients: list[str]  # the template ends the list with "Lưu: VT, VP."
    signer_name: str
    deputy: bool  # "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" instead of "GIÁM ĐỐC"


def nd30_context(
    type_code: str,
    subject: str,
    *,
    subtitle: str = "",
    on: date | None = None,
    number: str = "",
    deputy: bool = False,
    recipients: list[str] | None = None,
) -> dict:
    """The context every document template needs, from the agency profile: ``{"nd30": Nd30(...)}``.

    ``type_code`` is a key of ``DOCUMENT_TYPES``; ``on`` the date of the date line (today by default);
    ``recipients`` default to the agency profile's list for that type.
    """
    profile = AgencyProfile.load()
    return {
        "nd30": Nd30(
            parent_body=profile.parent_body.upper(),
            agency_name=profile.agency_name.upper(),
            number=number,
            number_suffix=f"/{type_code}-{profile.agency_abbreviation}",
            place_date=date_line(profile.place_name, on or timezone.localdate()),
            document_type=DOCUMENT_TYPES[type_code],
            subject=subject,
            subtitle=subtitle,
            recipients=profile.recipients_for(type_code) if recipients is None else list(recipients),
            signer_name=profile.deputy_director_name if deputy else profile.director_name,
            deputy=deputy,
        )
    }


# --- PDF ---


def _static_fetcher():
    from weasyprint.urls import URLFetcher

    class StaticFetcher(URLFetcher):
        """Reads files under static/ and refuses anything else: a document never calls the app or the net."""

        def fetch(self, url, headers=None):
            if not url.startswith("data:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve() if url.startswith("file:") else None
                if path is None or not path.is_relative_to(STATIC_DIR.resolve()):
                    raise ValueError(f"A document may only use files under static/, not {url}")
            return super().fetch(url, headers)

    # A missing stylesheet or font stops the rendering instead of quietly giving a document in another face.
    return StaticFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)


def render_pdf(template_name: str, context: dict) -> bytes:
    """The template laid out by WeasyPrint as PDF bytes, in the document language."""
    # WeasyPrint loads Pango when imported: only when a document is asked for.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=_static_fetcher())
    return document.write_pdf(font_config=FontConfiguration())


# --- Excel ---

_FONT = "Times New Roman"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADING_FILL = PatternFill("solid", fgColor="D9D9D9")
_FORMULA_START = ("=", "+", "-", "@")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_TITLE_MAX = 31
_MM_PER_INCH = 25.4


def new_workbook() -> Workbook:
    """An empty workbook: ``table_sheet`` adds the sheets."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def sheet_title(workbook: Workbook, name: str) -> str:
    """``name`` as Excel takes it: without []:*?/\\, at most 31 characters, unique in the book (any case)."""
    base = _SHEET_FORBIDDEN.sub("-", name).strip("' ")[:_SHEET_TITLE_MAX].rstrip("' ") or "-"
    taken = {title.casefold() for title in workbook.sheetnames}
    title, number = base, 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title = base[: _SHEET_TITLE_MAX - len(suffix)] + suffix
        number += 1
    return title


def table_sheet(
    workbook: Workbook,
    name: str,
    *,
    title_lines: list[str],
    headings: list[str],
    rows: list[list],
    totals: Sequence[list] = (),
    widths: list[float] | None = None,
) -> Worksheet:
    """A sheet with centred title lines, a blank line, one frozen heading row, the rows, any bold total rows.

    Numbers are written as numbers. Prints on A4, landscape when the table is wide, one page wide, with the
    heading row repeated on every page.
    """
    sheet = workbook.create_sheet(sheet_title(workbook, name))
    last_column = max(len(headings), 1)
    for number, line in enumerate(title_lines, start=1):
        cell = _write(sheet, number, 1, line, bold=True)
        cell.alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=last_column)
    heading_row = len(title_lines) + 2 if title_lines else 1
    for column, heading in enumerate(headings, start=1):
        cell = _write(sheet, heading_row, column, heading, bold=True)
        cell.fill, cell.border = _HEADING_FILL, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # Setting a style compares it with every style the workbook holds: done once per kind of cell, then the
    # style is copied (20,000 rows × 19 columns took 16 s the slow way).
    styles = {}
    for offset, values in enumerate([*rows, *totals], start=1):
        bold = offset > len(rows)
        for column, value in enumerate(values, start=1):
            key = (bold, type(value), isinstance(value, str) and value.startswith(_FORMULA_START))
            style = styles.get(key)
            if style is None:
                cell = _write(sheet, heading_row + offset, column, value, bold=bold)
                cell.border = _BOX
                cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
                styles[key] = copy(cell._style)
            else:
                cell = _write(sheet, heading_row + offset, column, value, styled=False)
                cell._style = copy(style)
    sheet.freeze_panes = sheet.cell(row=heading_row + 1, column=1)
    for column, width in enumerate(widths or _widths(headings, [*rows, *totals]), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _print_setup(sheet, heading_row, landscape=len(headings) > 8)
    return sheet


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write(sheet: Worksheet, row: int, column: int, value, *, bold: bool = False, styled: bool = True):
    """Write ``value``; with ``styled`` also its font and format (else the caller copies a style)."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = sheet.cell(row=row, column=column, value=value)
    formula_like = isinstance(value, str) and value.startswith(_FORMULA_START)
    if formula_like:
        # Kept and shown as text, never run as a formula (formula injection), with the value unchanged.
        cell.data_type = "s"
    if styled:
        cell.font = Font(name=_FONT, size=12, bold=bold)
        if formula_like:
            cell.quotePrefix = True
        elif isinstance(value, Decimal):
            cell.number_format = "0.0"
    return cell


def _widths(headings: list[str], rows: list[list]) -> list[float]:
    """Each column as wide as its longest value, headings wrapping onto lines of about 12 characters."""
    widths = []
    for column, heading in enumerate(headings):
        values = [len(str(row[column])) for row in rows if column < len(row) and row[column] is not None]
        longest_word = max((len(word) for word in str(heading).split()), default=0)
        widths.append(min(max(values + [longest_word, min(len(str(heading)), 12), 4]) + 2, 45))
    return widths


def _print_setup(sheet: Worksheet, heading_row: int, *, landscape: bool) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE if landscape else sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{heading_row}:{heading_row}"
    # The margins of Nghị định 30: top and bottom 20 mm, left 30 mm, right 15 mm.
    sheet.page_margins = PageMargins(
        left=30 / _MM_PER_INCH, right=15 / _MM_PER_INCH, top=20 / _MM_PER_INCH, bottom=20 / _MM_PER_INCH
    )
