"""The year-end documents (DOMAIN.md §6, items 2–6) in the format of Nghị định 30/2020, as PDF and Excel.

- ``midyear`` / ``yearend``: the báo cáo sơ kết 6 tháng (months 1–6) and tổng kết (months 1–12): per division,
  each person's monthly scores, average, violations, the portal's suggestion and (year-end) the rating,
  decided or proposed, overrides marked; the divisions side by side; the HTXSNV quota of each group. PDF and
  Excel.
- ``shortlist``: the danh sách đề nghị khen thưởng (shortlisted, approved and revoked nominations, people and
  collectives in separate sections). PDF and Excel. The same table is the appendix (Phụ lục) of the Tờ trình
  and of the Quyết định.
- ``minutes``: the biên bản of a council session (BB): attendance, method, quorum, votes per nominee, result.
- ``submission``: the tờ trình (TTr) to the Chủ tịch UBND tỉnh for the approved titles the province decides.
- ``decision``: the quyết định (QĐ) of the Giám đốc for the approved titles the Sở decides, with the rewards.
- ``achievement_pdf``: a báo cáo thành tích per nominee, drafted from the record for the head to complete.

Numbers: the minutes, the tờ trình and the quyết định take the next number of their type in the campaign
year's series the first time they are produced (``number_for``, kept in ``IssuedDocument``); a reprint
carries the same number and date and shows the list as it stood on that date. The reports and the list are
working documents produced again as the year moves on: they stay unnumbered, the clerk registers the copy
that is signed (as for the monthly report).

Every document is written in Vietnamese: the words are in the templates (templates/documents/awards/) and, for
what the PDF and the workbook share (column headings, labels), in the constants below. Messages for the person
who asks (a document that cannot be made) are translated as the rest of the portal.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from awards import rules as R
from awards.models import (
    DIRECTOR_TITLES,
    SECRET_BALLOT_TITLES,
    BallotMethod,
    CouncilSession,
    Initiative,
    IssuedDocument,
    Nomination,
    NominationStatus,
    PriorTitle,
    Rating,
    Title,
)
from awards.services import ldtt_words
from awards.summary import MIDYEAR, YEAR, suggestions, summarise
from awards.yearend import YearState, session_result
from emulation_portal import documents
from organization.models import AgencyProfile, Division, Staff

# --- What each document is ---


@dataclass(frozen=True)
class Kind:
    code: str
    type_code: str
    formats: tuple[str, ...]
    numbered: bool
    file_name: str  # without the year and the extension


KINDS = {
    "midyear": Kind("midyear", "BC", ("pdf", "xlsx"), False, "so-ket-6-thang"),
    "yearend": Kind("yearend", "BC", ("pdf", "xlsx"), False, "tong-ket-nam"),
    "shortlist": Kind("shortlist", "BC", ("pdf", "xlsx"), False, "danh-sach-de-nghi-khen-thuong"),
    "minutes": Kind("minutes", "BB", ("pdf",), True, "bien-ban-hoi-dong-tdkt"),
    "submission": Kind("submission", "TTr", ("pdf",), True, "to-trinh-de-nghi-khen-thuong"),
    "decision": Kind("decision", "QĐ", ("pdf",), True, "quyet-dinh-khen-thuong"),
}
CONTENT_TYPES = {"pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class DocumentRefused(Exception):
    """The document cannot be made (nothing to put in it, no session…): ``message`` says why, for people."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Produced:
    content: bytes
    filename: str
    content_type: str
    number: str = ""  # "03/QĐ-SNgV" for a numbered document


# --- Vietnamese words the documents print (proper names of the law: not translated) ---

TITLE_NAMES = {
    Title.LDTT: "Lao động tiên tiến",
    Title.CSTDCS: "Chiến sĩ thi đua cơ sở",
    Title.CERTIFICATE: "Giấy khen của Giám đốc Sở",
    Title.CSTD_PROVINCE: "Chiến sĩ thi đua cấp tỉnh",
    Title.PROVINCE_DIPLOMA: "Bằng khen của Chủ tịch UBND tỉnh",
    Title.TTLDTT: "Tập thể lao động tiên tiến",
    Title.TTLDXS: "Tập thể lao động xuất sắc",
    Title.COLLECTIVE_CERTIFICATE: "Giấy khen của Giám đốc Sở",
    Title.COLLECTIVE_DIPLOMA: "Bằng khen của Chủ tịch UBND tỉnh",
    Title.EMULATION_FLAG: "Cờ thi đua của UBND tỉnh",
}
# Titles earned in earlier years (AwardTitle) that TITLE_NAMES does not name.
EARLIER_TITLE_NAMES = {
    "CSTD_TQ": "Chiến sĩ thi đua toàn quốc",
    "BANG_KHEN_TTG": "Bằng khen của Thủ tướng Chính phủ",
}
# Danh hiệu thi đua (the others are hình thức khen thưởng): a nominee who earns several in the year receives
# the reward of the highest only (Nghị định 91/2017, Điều 66 khoản 2 điểm c; kept by the later decrees).
EMULATION_TITLES = [Title.LDTT, Title.CSTDCS, Title.CSTD_PROVINCE, Title.TTLDTT, Title.TTLDXS,
                    Title.EMULATION_FLAG]
RATING_NAMES = {
    Rating.HTXSNV: "Hoàn thành xuất sắc nhiệm vụ",
    Rating.HTTNV: "Hoàn thành tốt nhiệm vụ",
    Rating.HTNV: "Hoàn thành nhiệm vụ",
    Rating.KHTNV: "Không hoàn thành nhiệm vụ",
}
GROUP_NAMES = {"civil_servant": "Công chức", "public_employee": "Viên chức", "contract": "Hợp đồng lao động"}
LEVEL_NAMES = {"agency": "cấp cơ sở", "province": "cấp tỉnh", "national": "toàn quốc"}
INITIATIVE_KIND_NAMES = {"initiative": "Sáng kiến", "research": "Đề tài khoa học"}
NOT_RATED = "Không xếp loại"
UNRATED = "Chưa xếp loại"
NO_DIVISION = "Chưa thuộc phòng nào"
WHOLE = "Toàn Sở"
DECIDED = "Đã quyết định"
PROPOSED = "Đề xuất"

LIST_HEADINGS = ["STT", "Họ và tên (tập thể)", "Chức vụ", "Đơn vị", "Danh hiệu/hình thức",
                 "Tóm tắt thành tích", "Ghi chú"]
REWARD_HEADING = "Tiền thưởng (đồng)"


def title_phrase(title: str) -> str:
    """"danh hiệu “Lao động tiên tiến”" for a danh hiệu thi đua, the form's own name for the others."""
    name = TITLE_NAMES[title]
    return f"danh hiệu “{name}”" if title in EMULATION_TITLES else name


def rating_name(code: str) -> str:
    return RATING_NAMES.get(code, code)


def _decimal(value, places: int = 2) -> str:
    """A decimal as Vietnamese writes it, rounded half up: 99,83; 77,8 for 7/9 (Django's format truncates)."""
    if value is None:
        return ""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number_format(rounded, places, use_l10n=True)


def money(amount: int) -> str:
    """1.800.000"""
    return number_format(amount, 0, use_l10n=True, force_grouping=True)


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _two(number: int) -> str:
    return f"{number:02d}"


# --- Amounts in words (the total of the Quyết định) ---

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _triple(number: int, leading: bool) -> list[str]:
    hundreds, tens, ones = number // 100, number // 10 % 10, number % 10
    words = []
    if not leading or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and words:
            words += ["linh", _DIGITS[ones]]
        elif ones:
            words.append(_DIGITS[ones])
    elif tens == 1:
        words.append("mười")
        if ones:
            words.append("lăm" if ones == 5 else _DIGITS[ones])
    else:
        words += [_DIGITS[tens], "mươi"]
        if ones:
            words.append({1: "mốt", 5: "lăm"}.get(ones, _DIGITS[ones]))
    return words


def in_words(number: int) -> str:
    """An amount as Vietnamese reads it: 25200000 → "Hai mươi lăm triệu hai trăm nghìn"."""
    if number == 0:
        return "Không"
    words = []
    billions, rest = divmod(number, 1_000_000_000)
    if billions:
        words += [in_words(billions).lower(), "tỷ"]
    groups = [(rest // 1_000_000, "triệu"), (rest // 1000 % 1000, "nghìn"), (rest % 1000, "")]
    for value, unit in groups:
        if value:
            words += _triple(value, leading=not words)
            if unit:
                words.append(unit)
    text = " ".join(words)
    return text[:1].upper() + text[1:]


# --- Numbers in the yearly series ---


def issued(year: int, kind: str) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(year=year, kind=kind).first()


def number_for(year: int, type_code: str, kind: str, on: date) -> IssuedDocument:
    """The number of document ``kind`` of ``year``: the one it took before, else the next of its type that
    year.

    Taken under a lock of the series; two people asking for the first number at once cannot both get it (the
    unique constraints refuse the second, who reads the series again).
    """
    for _attempt in range(5):
        try:
            with transaction.atomic():
                found = IssuedDocument.objects.select_for_update().filter(year=year, kind=kind).first()
                if found is not None:
                    return found
                last = (IssuedDocument.objects.select_for_update().filter(year=year, type_code=type_code)
                        .order_by("-number").first())
                return IssuedDocument.objects.create(year=year, type_code=type_code, kind=kind, issued_on=on,
                                                     number=(last.number if last else 0) + 1)
        except IntegrityError:
            continue
    raise RuntimeError(f"Could not number {kind} of {year}.")


def _number_text(record: IssuedDocument | None) -> str:
    return _two(record.number) if record else ""


def _reference(record: IssuedDocument | None, type_code: str) -> str:
    """"số 03/QĐ-SNgV ngày 05/01/2024", or "số      /QĐ-SNgV" while the document is not numbered."""
    suffix = f"/{type_code}-{AgencyProfile.load().agency_abbreviation}"
    if record is None:
        return f"số \u2003\u2003{suffix}"
    return f"số {_two(record.number)}{suffix} ngày {_day(record.issued_on)}"


# --- The báo cáo sơ kết / tổng kết ---


@dataclass
class EvalRow:
    number: int
    code: str
    name: str
    position: str
    scores: list  # the month's total, None where the person was not in post
    average: Decimal | None
    violations: int
    suggested: str
    rating: str = ""
    decided: bool = False
    override: bool = False
    note: str = ""

    @property
    def state(self) -> str:
        return DECIDED if self.decided else (PROPOSED if self.rating else "")

    def cells(self, yearend: bool) -> list:
        cells = [self.number, self.code, self.name, self.position, *self.scores, self.average,
                 self.violations, self.suggested]
        if yearend:
            cells += [self.rating, self.state, "Có" if self.override else ""]
        return [*cells, self.note]


@dataclass
class EvalLine:
    label: str
    people: int
    average: Decimal | None
    counts: list[int]  # HTXSNV, HTTNV, HTNV, KHTNV, not rated
    violations: int
    division_rating: str = ""
    total: bool = False

    def cells(self, yearend: bool) -> list:
        cells = [self.label, self.people, self.average, *self.counts, self.violations]
        return [*cells, self.division_rating] if yearend else cells


@dataclass
class EvalGroup:
    label: str
    rows: list[EvalRow]


@dataclass
class QuotaLine:
    group: str
    people: int
    places: int | None
    used: int

    @property
    def result(self) -> str:
        if self.places is None:
            return "Không áp dụng chỉ tiêu"
        if self.used > self.places:
            return f"Vượt chỉ tiêu {self.used - self.places} người"
        return "Trong chỉ tiêu"

    def cells(self) -> list:
        return [self.group, self.people, "" if self.places is None else self.places, self.used, self.result]


@dataclass
class Evaluation:
    kind: str  # midyear or yearend
    year: int
    campaign_name: str
    months: list[int]
    groups: list[EvalGroup]
    lines: list[EvalLine]
    quotas: list[QuotaLine]
    provisional: list[int]  # months still open
    share: int  # the HTXSNV share, in per cent
    rating_law: str
    undecided: int = 0  # year-end: people whose rating is only proposed or not given

    @property
    def yearend(self) -> bool:
        return self.kind == "yearend"

    @property
    def subject(self) -> str:
        if self.yearend:
            return (f"Tổng kết năm {self.year} thực hiện kỷ luật, kỷ cương hành chính "
                    "và đánh giá, xếp loại chất lượng cán bộ")
        return f"Sơ kết 6 tháng đầu năm {self.year} thực hiện kỷ luật, kỷ cương hành chính"

    @property
    def period(self) -> str:
        return f"Từ tháng {self.months[0]} đến tháng {self.months[-1]} năm {self.year}"

    @property
    def subtitle(self) -> str:
        if not self.provisional:
            return ""
        months = ", ".join(str(m) for m in self.provisional)
        return f"(Số liệu tháng {months} là tạm tính)"

    @property
    def headings(self) -> list[str]:
        headings = ["STT", "Mã cán bộ", "Họ và tên", "Chức vụ", *(f"T{m}" for m in self.months), "Điểm TB",
                    "Số vi phạm", "Gợi ý xếp loại"]
        if self.yearend:
            headings += ["Xếp loại", "Tình trạng", "Vượt quy định"]
        return [*headings, "Ghi chú"]

    @property
    def summary_headings(self) -> list[str]:
        headings = ["Phòng", "Số người", "Điểm TB", "HTXSNV", "HTTNV", "HTNV", "KHTNV",
                    UNRATED if self.yearend else NOT_RATED, "Số vi phạm"]
        return [*headings, "Xếp loại tập thể"] if self.yearend else headings

    @property
    def counted_by(self) -> str:
        if self.yearend:
            return "xếp loại đã quyết định, chưa quyết định thì theo đề xuất của trưởng phòng"
        return "gợi ý của hệ thống từ điểm 6 tháng (chỉ để tham khảo)"

    @property
    def quota_headings(self) -> list[str]:
        return ["Nhóm", "Số người", "Chỉ tiêu HTXSNV", "Số HTXSNV", "Kết quả"]


def _sort_key(staff: Staff, division: Division | None):
    return (division.display_order if division else 10**6, division.code if division else "",
            staff.position.rank, staff.name_sort_key, staff.code)


def _average(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def evaluation(campaign, kind: str) -> Evaluation:
    """The report's numbers: ``midyear`` from the months 1–6, ``yearend`` from the year (YearState)."""
    rules = R.rules_for(campaign)
    year = campaign.year
    months = list(MIDYEAR if kind == "midyear" else YEAR)
    people = []  # (staff, division, summary, suggestion, person-year or None)
    if kind == "yearend":
        state = YearState.build(campaign)
        for person in state.people_sorted():
            people.append((person.staff, person.division, person.summary, person.suggestion, person))
        reviews = {pk: item.review for pk, item in state.by_division.items()}
    else:
        summaries = summarise(campaign, year, months)
        suggested = suggestions(campaign, year, summaries)
        staff = Staff.objects.filter(pk__in=list(summaries)).select_related("position")
        divisions = {d.pk: d for d in Division.objects.all()}
        found = [(s, divisions.get(summaries[s.pk].division_id)) for s in staff]
        for person, division in sorted(found, key=lambda item: _sort_key(*item)):
            people.append((person, division, summaries[person.pk], suggested[person.pk], None))
        reviews = {}

    by_division: dict = {}
    for item in people:
        by_division.setdefault(item[1], []).append(item)
    groups, lines = [], []
    provisional = set()
    order = [Rating.HTXSNV, Rating.HTTNV, Rating.HTNV, Rating.KHTNV]
    all_averages, all_counts, all_violations = [], Counter(), 0
    for division, members in by_division.items():
        rows, counts, averages, violations = [], Counter(), [], 0
        for number, (staff, _division, summary, suggestion, person) in enumerate(members, start=1):
            scores = {line.month: line.total for line in summary.months}
            provisional.update(line.month for line in summary.months if not line.final)
            row = EvalRow(
                number=number, code=staff.code, name=staff.full_name, position=staff.position.name,
                scores=[scores.get(m) for m in months], average=summary.average,
                violations=summary.violation_count,
                suggested=suggestion.rating if suggestion and suggestion.rating else NOT_RATED,
            )
            notes = []
            if suggestion is not None and suggestion.rating is None:
                notes.extend(suggestion.reasons)
            if person is not None:
                row.rating, row.decided, row.override = person.rating, person.decided, person.overrides
                review = person.review
                if person.overrides:
                    reason = review.override_reason if review.rating else review.head_override_reason
                    notes.append(f"Lý do vượt quy định: {reason}")
                if person.cap is not None and person.cap.rating not in (None, Rating.HTXSNV):
                    notes.extend(person.cap.reasons)
                counted = person.rating
            else:
                counted = suggestion.rating if suggestion else None
            row.note = " ".join(dict.fromkeys(notes))
            counts[counted if counted in order else ""] += 1
            if summary.average is not None:
                averages.append(summary.average)
            violations += summary.violation_count
            rows.append(row)
        groups.append(EvalGroup(division.name if division else NO_DIVISION, rows))
        review = reviews.get(division.pk) if division else None
        lines.append(EvalLine(division.name if division else NO_DIVISION, len(rows), _average(averages),
                              [counts[r] for r in order] + [counts[""]], violations,
                              review.rating if review else ""))
        all_averages += averages
        all_counts.update(counts)
        all_violations += violations
    lines.append(EvalLine(WHOLE, len(people), _average(all_averages), [all_counts[r] for r in order]
                          + [all_counts[""]], all_violations, total=True))

    quotas = []
    group_sizes = Counter(staff.employment_type for staff, *_rest in people)
    if kind == "yearend":
        for group, quota in state.htxsnv_quotas().items():
            quotas.append(QuotaLine(GROUP_NAMES.get(group, group), group_sizes[group], quota.places,
                                    quota.used))
        undecided = sum(1 for *_rest, person in people if not person.decided)
    else:
        # An estimate from the suggestions: the rule set's share of those suggested HTTNV or better.
        rated, used = Counter(), Counter()
        for staff, _division, _summary, suggestion, _person in people:
            if suggestion and suggestion.rating in (Rating.HTXSNV, Rating.HTTNV):
                rated[staff.employment_type] += 1
            if suggestion and suggestion.rating == Rating.HTXSNV:
                used[staff.employment_type] += 1
        for group in sorted(group_sizes, key=list(GROUP_NAMES).index):
            quotas.append(QuotaLine(GROUP_NAMES.get(group, group), group_sizes[group],
                                    R.htxsnv_quota(rules, rated[group]), used[group]))
        undecided = 0
    return Evaluation(
        kind=kind, year=year, campaign_name=campaign.name, months=months, groups=groups, lines=lines,
        quotas=quotas, provisional=sorted(provisional), share=int(rules.htxsnv_share * 100),
        rating_law=rules.rating_law,
        undecided=undecided,
    )


def evaluation_pdf(campaign, kind: str, *, on: date | None = None) -> bytes:
    with translation.override(documents.DOCUMENT_LANGUAGE):
        data = evaluation(campaign, kind)
        context = {
            **documents.nd30_context("BC", data.subject, subtitle=data.subtitle, on=on),
            "report": data, "agency": agency_in_text(),
            "columns": 4 + len(data.months) + 3 + (1 if data.yearend else 0) + 1,
            "groups": [{"label": g.label, "rows": [_marked(row.cells(data.yearend), data) for row in g.rows]}
                       for g in data.groups],
        }
        return documents.render_pdf("documents/awards/evaluation.html", context)


def _marked(cells: list, data: Evaluation) -> list:
    """A detail row for the PDF: (text, centred) per cell; the rating says "(đề xuất)", an override "*"."""
    shown = []
    for index, cell in enumerate(cells):
        if isinstance(cell, Decimal):
            shown.append((_decimal(cell), True))
        elif cell is None:
            shown.append(("–", True))
        else:
            shown.append((cell, isinstance(cell, int)))
    if data.yearend:
        rating_at = 4 + len(data.months) + 3
        rating, state, override = cells[rating_at], cells[rating_at + 1], cells[rating_at + 2]
        text = rating or "–"
        if override:
            text += "*"
        if state == PROPOSED:
            text += " (đề xuất)"
        shown[rating_at] = (text, True)
        del shown[rating_at + 1:rating_at + 3]
    suggested_at = 4 + len(data.months) + 2
    shown[suggested_at] = (shown[suggested_at][0], True)
    return shown


def evaluation_xlsx(campaign, kind: str) -> bytes:
    with translation.override(documents.DOCUMENT_LANGUAGE):
        data = evaluation(campaign, kind)
        profile = AgencyProfile.load()
        titles = [f"{profile.parent_body.upper()} – {profile.agency_name.upper()}", "BÁO CÁO", data.subject,
                  data.period] + ([data.subtitle] if data.subtitle else [])
        book = documents.new_workbook()
        documents.table_sheet(
            book, "Tổng hợp", title_lines=[*titles, f"Số người theo xếp loại: {data.counted_by}"],
            headings=data.summary_headings,
            rows=[line.cells(data.yearend) for line in data.lines if not line.total],
            totals=[line.cells(data.yearend) for line in data.lines if line.total],
        )
        for group in data.groups:
            documents.table_sheet(book, group.label, title_lines=[*titles, group.label],
                                  headings=data.headings,
                                  rows=[row.cells(data.yearend) for row in group.rows])
        documents.table_sheet(
            book, "Chỉ tiêu HTXSNV",
            title_lines=[*titles, f"Chỉ tiêu HTXSNV: {data.share}% (làm tròn xuống), {data.rating_law}"],
            headings=data.quota_headings, rows=[line.cells() for line in data.quotas],
        )
        return documents.workbook_bytes(book)


# --- The list of nominees (danh sách đề nghị khen thưởng) ---


@dataclass
class ListRow:
    number: int
    name: str
    position: str
    division: str
    title: str
    summary: str
    note: str
    reward: int | None = None
    pk: int = 0
    revoked: bool = False

    @property
    def reward_text(self) -> str:
        return money(self.reward) if self.reward else ""

    def cells(self, with_reward: bool = False) -> list:
        cells = [self.number, self.name, self.position, self.division, self.title, self.summary]
        if with_reward:
            cells.append(self.reward)
        return [*cells, self.note]


@dataclass
class ListGroup:
    title: str
    rows: list[ListRow]


@dataclass
class ListSection:
    label: str
    groups: list[ListGroup]

    @property
    def rows(self) -> list[ListRow]:
        return [row for group in self.groups for row in group.rows]


def _initiatives(nominations: list[Nomination], year: int) -> dict[int, list[Initiative]]:
    """{staff id: initiatives recognised in the year, or in the three years for CSTĐ cấp tỉnh}."""
    staff_ids = [n.staff_id for n in nominations if n.staff_id]
    found = defaultdict(list)
    for item in Initiative.objects.filter(staff_id__in=staff_ids, recognized_on__year__gte=year - 2,
                                          recognized_on__year__lte=year).order_by("recognized_on", "pk"):
        found[item.staff_id].append(item)
    return found


def _initiative_text(item: Initiative) -> str:
    kind = INITIATIVE_KIND_NAMES.get(item.kind, item.kind).lower()
    text = f"{kind} “{item.title}” ({LEVEL_NAMES.get(item.level)}"
    if item.decision_number:
        text += f", {item.decision_number}"
    return text + ")"


def _summary(state: YearState, nomination: Nomination, initiatives: dict) -> str:
    """Tóm tắt thành tích: the rating and the record behind it, then the nomination's own words."""
    parts = []
    if nomination.staff_id:
        person = state.people.get(nomination.staff_id)
        rating = person.rating if person else ""
        parts.append(f"Xếp loại {rating}" if rating else UNRATED)
        if person and person.summary and person.summary.average is not None:
            parts.append(f"điểm bình quân tháng {_decimal(person.summary.average)}")
        year = state.year
        years = range(year - 2, year + 1) if nomination.title == Title.CSTD_PROVINCE else [year]
        parts += [_initiative_text(i) for i in initiatives.get(nomination.staff_id, [])
                  if i.recognized_on.year in years]
    else:
        item = state.by_division.get(nomination.division_id)
        review = state.division_reviews.get(nomination.division_id)
        parts.append(f"Tập thể xếp loại {review.rating}" if review else "Tập thể chưa được xếp loại")
        if item is not None:
            parts.append(f"{item.ldtt}/{len(item.people)} người đạt tiêu chuẩn LĐTT")
            if item.cstdcs:
                parts.append(f"{item.cstdcs} người đạt tiêu chuẩn CSTĐCS")
    text = "; ".join(parts) + "."
    achievement = nomination.achievement.strip()
    if nomination.staff_id and person and person.summary and person.summary.average is not None:
        if achievement == ldtt_words(person.rating, state.year, person.summary.average):
            achievement = ""  # the words of "nominate everyone meeting LĐTT" say what the list already says
    return f"{text} {achievement}" if achievement else text


def _revoked_note(nomination: Nomination) -> str:
    return f"Đã thu hồi ngày {_day(nomination.revoked_on)}: {nomination.revoked_reason}"


def award_list(state: YearState, nominations: list[Nomination], note, rewards: dict | None = None) -> list:
    """The list's sections (people, then collectives), each grouped by title, numbered from 1 in each."""
    initiatives = _initiatives(nominations, state.year)
    sections = []
    for label, collective in (("I. CÁ NHÂN", False), ("II. TẬP THỂ", True)):
        chosen = [n for n in nominations if n.collective == collective]
        if not chosen:
            continue
        groups: dict[str, ListGroup] = {}
        number = 0
        for nomination in chosen:
            number += 1
            name = TITLE_NAMES[nomination.title]
            group = groups.setdefault(nomination.title, ListGroup(title_phrase(nomination.title), []))
            group.rows.append(ListRow(
                number=number,
                name=nomination.nominee_name,
                position=nomination.staff.position.name if nomination.staff_id else "",
                division=nomination.division.name if nomination.staff_id else agency_in_text(),
                revoked=nomination.status == NominationStatus.REVOKED,
                title=name, summary=_summary(state, nomination, initiatives), note=note(nomination),
                reward=rewards.get(nomination.pk) if rewards is not None else None, pk=nomination.pk,
            ))
        sections.append(ListSection(label, list(groups.values())))
    return sections


def _shortlist_note(state: YearState, results: dict):
    def note(nomination: Nomination) -> str:
        notes = []
        if nomination.status == NominationStatus.REVOKED:
            notes.append(_revoked_note(nomination))
        elif nomination.status == NominationStatus.APPROVED:
            notes.append("Đã được Ban Giám đốc phê duyệt.")
        else:
            result = results.get(nomination.pk)
            if result is None:
                notes.append("Chờ Hội đồng xét.")
            else:
                verdict = "đạt" if result.passed else "không đạt"
                share = f"{result.counted}/{result.base}, {_decimal(result.percent, 1)}%"
                notes.append(f"Hội đồng: {verdict} ({share}).")
        outcome = state.outcome(nomination.title, staff_id=nomination.staff_id,
                                division_id=nomination.division_id)
        if not outcome.eligible:
            missing = " ".join(check.reason for check in outcome.checks if not check.met)
            notes.append(f"Chưa đủ điều kiện: {missing}")
            if nomination.ineligible_reason:
                notes.append(f"Lý do đề nghị: {nomination.ineligible_reason}")
        if nomination.quota_override_reason:
            notes.append(f"Vượt chỉ tiêu: {nomination.quota_override_reason}")
        return " ".join(notes)

    return note


SHORTLIST_STATUSES = [NominationStatus.SHORTLISTED, NominationStatus.APPROVED, NominationStatus.REVOKED]


def _shortlist(campaign):
    state = YearState.build(campaign)
    nominations = state.nominations_sorted(statuses=SHORTLIST_STATUSES)
    return state, award_list(state, nominations, _shortlist_note(state, state.council_results()))


def shortlist_pdf(campaign, *, on: date | None = None) -> bytes:
    with translation.override(documents.DOCUMENT_LANGUAGE):
        state, sections = _shortlist(campaign)
        context = documents.nd30_context("BC", f"Đề nghị khen thưởng năm {campaign.year}", on=on)
        context["nd30"] = replace(context["nd30"], document_type="DANH SÁCH")
        context.update({"sections": sections, "headings": LIST_HEADINGS, "year": campaign.year,
                        "counts": _counts(sections)})
        return documents.render_pdf("documents/awards/award_list.html", context)


def shortlist_xlsx(campaign) -> bytes:
    with translation.override(documents.DOCUMENT_LANGUAGE):
        state, sections = _shortlist(campaign)
        profile = AgencyProfile.load()
        titles = [f"{profile.parent_body.upper()} – {profile.agency_name.upper()}", "DANH SÁCH",
                  f"Đề nghị khen thưởng năm {campaign.year}"]
        book = documents.new_workbook()
        for section in sections or [ListSection("I. CÁ NHÂN", [])]:
            name = section.label.split(". ", 1)[-1].capitalize()
            documents.table_sheet(book, name, title_lines=[*titles, section.label], headings=LIST_HEADINGS,
                                  rows=[row.cells() for row in section.rows],
                                  widths=[6, 26, 18, 24, 26, 60, 40])
        return documents.workbook_bytes(book)


def _counts(sections: list[ListSection]) -> list[str]:
    """"- Danh hiệu “Lao động tiên tiến”: 12 cá nhân" per title."""
    lines = []
    for section in sections:
        unit = "tập thể" if section.label.startswith("II") else "cá nhân"
        for group in section.groups:
            name = group.title[:1].upper() + group.title[1:]
            lines.append(f"{name}: {_two(len(group.rows))} {unit}")
    return lines


# --- Approved lists: the Tờ trình and the Quyết định ---


def _awarded(state: YearState, *, director: bool, on: date) -> list[Nomination]:
    """The approved nominations of the Sở's titles (``director``) or of the province's, as they stood on
    ``on``: approved by that day, and not revoked before it (one revoked since stays, marked)."""
    found = []
    for n in state.nominations_sorted(statuses=[NominationStatus.APPROVED, NominationStatus.REVOKED]):
        if (n.title in DIRECTOR_TITLES) != director:
            continue
        if n.decided_at is not None and timezone.localtime(n.decided_at).date() > on:
            continue
        if n.status == NominationStatus.REVOKED and (n.revoked_on is None or n.revoked_on < on):
            continue
        found.append(n)
    return found


def _approved_note(nomination: Nomination) -> str:
    return _revoked_note(nomination) if nomination.status == NominationStatus.REVOKED else ""


def _sessions(state: YearState, nominations: list[Nomination]) -> list[CouncilSession]:
    results = state.council_results()
    sessions = {}
    for nomination in nominations:
        result = results.get(nomination.pk)
        if result is not None:
            session = result.vote.session
            sessions[session.pk] = session
    return sorted(sessions.values(), key=lambda s: (s.held_on, s.started_at, s.pk))


def _minutes_reference(session: CouncilSession) -> str:
    record = issued(session.campaign.year, f"minutes-{session.pk}")
    if record is None:
        return f"Biên bản họp Hội đồng Thi đua - Khen thưởng Sở ngày {_day(session.held_on)}"
    return f"Biên bản {_reference(record, 'BB')} của Hội đồng Thi đua - Khen thưởng Sở"


_LAW_NUMBER = re.compile(r"\d+/\d{4}(?:/[\wĐđ-]+)?")


def legal_bases(campaign, rules: R.RuleSet, sessions: list[CouncilSession]) -> list[str]:
    """"Căn cứ …;" lines: the rule set's laws, the campaign's bases, its plan, the council's minutes."""
    own = campaign.legal_bases_list
    written = " ".join(own)
    lines = []
    for law in [part.strip() for part in rules.award_law.split(";") if part.strip()]:
        number = _LAW_NUMBER.search(law)
        if number and number.group(0) in written:
            continue
        lines.append(law)
    for basis in own:
        basis = re.sub(r"^căn cứ\s+", "", basis, flags=re.IGNORECASE).rstrip(";.")
        if basis.split(" ", 1)[0] in ("Các", "Những"):
            basis = basis[:1].lower() + basis[1:]
        lines.append(basis)
    if campaign.plan_number:
        plan = f"Kế hoạch số {campaign.plan_number}"
        if campaign.plan_date:
            plan += f" ngày {_day(campaign.plan_date)}"
        lines.append(f"{plan} về {campaign.name}")
    lines += [_minutes_reference(session) for session in sessions]
    return [f"Căn cứ {line};" for line in lines]


def _rewards(rules: R.RuleSet, nominations: list[Nomination], on: date) -> tuple[dict, dict]:
    """({nomination id: reward in đồng or None}, {nomination id: why no reward}) on the decision date.

    Of a nominee's danh hiệu thi đua in the year, only the highest reward is paid; the hình thức khen thưởng
    (Giấy khen) has its own.
    """
    rewards, notes = {}, {}
    best = {}
    for n in nominations:
        rewards[n.pk] = R.reward(rules, n.title, on)
        if n.title in EMULATION_TITLES and rewards[n.pk]:
            key = n.staff_id or f"d{n.division_id}"
            if key not in best or rewards[n.pk] > rewards[best[key].pk]:
                best[key] = n
    for n in nominations:
        key = n.staff_id or f"d{n.division_id}"
        if n.title in EMULATION_TITLES and rewards[n.pk] and best[key].pk != n.pk:
            rewards[n.pk] = 0
            notes[n.pk] = f"Nhận tiền thưởng danh hiệu “{TITLE_NAMES[best[key].title]}”."
    return rewards, notes


@dataclass
class RewardLine:
    title: str
    multiple: str
    each: str
    count: int
    amount: int

    @property
    def amount_text(self) -> str:
        return money(self.amount)


def _reward_lines(rules, nominations, rewards, on) -> tuple[list[RewardLine], list[str], int]:
    lines, unpaid, total = [], [], 0
    for title in Title.values:
        chosen = [n for n in nominations if n.title == title]
        if not chosen:
            continue
        each = R.reward(rules, title, on)
        if each is None:
            unpaid.append(title_phrase(title))
            continue
        paid = [n for n in chosen if rewards.get(n.pk)]
        amount = sum(rewards[n.pk] for n in paid)
        unit = "tập thể" if chosen[0].collective else "cá nhân"
        lines.append(RewardLine(f"{TITLE_NAMES[title]} ({unit})", _decimal(rules.reward_multiples[title], 1),
                                money(each), len(paid), amount))
        total += amount
    return lines, unpaid, total


def _subject_words(nominations: list[Nomination], *, decision: bool) -> str:
    """"công nhận danh hiệu thi đua và tặng Giấy khen của Giám đốc Sở" (a decision), or for a proposal
    "tặng danh hiệu thi đua và Bằng khen của Chủ tịch UBND tỉnh"."""
    titles = {n.title for n in nominations}
    forms = list(dict.fromkeys(TITLE_NAMES[t] for t in Title.values
                               if t in titles and t not in EMULATION_TITLES))
    emulation = bool(titles & set(EMULATION_TITLES))
    if not decision:
        return "tặng " + " và ".join((["danh hiệu thi đua"] if emulation else []) + forms)
    parts = ["công nhận danh hiệu thi đua"] if emulation else []
    if forms:
        parts.append("tặng " + " và ".join(forms))
    return " và ".join(parts)


def _appendix(record, type_code: str, year: int) -> dict:
    what = "Tờ trình" if type_code == "TTr" else "Quyết định"
    of = "Sở" if type_code == "TTr" else "Giám đốc Sở"
    heading = ("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM " if type_code == "TTr" else "DANH SÁCH KHEN THƯỞNG NĂM ")
    return {"heading": f"{heading}{year}",
            "reference": f"(Kèm theo {what} {_reference(record, type_code)} của {of} {_agency_title()})"}


def _agency_title() -> str:
    """"Ngoại vụ" from "SỞ NGOẠI VỤ": the agency's name after "Sở", as a sentence writes it."""
    name = AgencyProfile.load().agency_name.strip()
    words = name.split()
    if words and words[0].upper() == "SỞ":
        words = words[1:]
    rest = " ".join(words)
    return rest[:1].upper() + rest[1:].lower() if rest.isupper() else rest


def agency_in_text() -> str:
    """"Sở Ngoại vụ"."""
    return f"Sở {_agency_title()}"


def _prepare_numbered(campaign, kind: str, on: date | None):
    """(the record if the document is numbered already, the document's date: the record's, else ``on``)."""
    record = issued(campaign.year, kind)
    day = record.issued_on if record else (on or timezone.localdate())
    return record, day


def submission_pdf(campaign, *, on: date | None = None, issue: bool = True) -> tuple[bytes, str]:
    """The Tờ trình for the approved titles the province decides; (PDF, its number or "")."""
    with translation.override(documents.DOCUMENT_LANGUAGE):  # the reasons it holds print in the document
        state = YearState.build(campaign)
    record, day = _prepare_numbered(campaign, "submission", on)
    nominations = _awarded(state, director=False, on=day)
    if not nominations:
        raise DocumentRefused(_("No nomination for a title the province decides is approved in %(year)s: "
                                "there is nothing to submit.") % {"year": campaign.year})
    if issue:
        record = number_for(campaign.year, "TTr", "submission", day)
    with translation.override(documents.DOCUMENT_LANGUAGE):
        rules = R.rules_for(campaign)
        profile = AgencyProfile.load()
        sessions = _sessions(state, nominations)
        sections = award_list(state, nominations, _approved_note)
        subject = f"Về việc đề nghị {_subject_words(nominations, decision=False)} năm {campaign.year}"
        context = {
            **documents.nd30_context("TTr", subject, on=day, number=_number_text(record)),
            "province": profile.province, "agency": agency_in_text(), "year": campaign.year,
            "bases": legal_bases(campaign, rules, sessions), "sessions": _session_lines(state, sessions,
                                                                                         nominations),
            "counts": _counts(sections), "sections": sections, "headings": LIST_HEADINGS,
            "appendix": _appendix(record, "TTr", campaign.year),
            "people": sum(len(s.rows) for s in sections if not s.label.startswith("II")),
            "collectives": sum(len(s.rows) for s in sections if s.label.startswith("II")),
        }
        pdf = documents.render_pdf("documents/awards/submission.html", context)
    return pdf, _number_label(record, "TTr")


def _session_lines(state, sessions, nominations) -> list[str]:
    """What each session passed among ``nominations``: "ngày 15/12/2023: 3/3 … đạt"."""
    results = state.council_results()
    lines = []
    for session in sessions:
        passed = [n for n in nominations if results.get(n.pk) and results[n.pk].vote.session_id == session.pk
                  and results[n.pk].passed]
        method = "bỏ phiếu kín" if session.method == BallotMethod.SECRET else "biểu quyết giơ tay"
        lines.append(f"ngày {_day(session.held_on)} ({method}): {len(passed)} trường hợp đạt tỷ lệ phiếu "
                     "theo quy định")
    return lines


def _number_label(record, type_code: str) -> str:
    if record is None:
        return ""
    return f"{_two(record.number)}/{type_code}-{AgencyProfile.load().agency_abbreviation}"


def decision_pdf(campaign, *, on: date | None = None, issue: bool = True) -> tuple[bytes, str]:
    """The Quyết định of the Giám đốc for the approved titles the Sở decides; (PDF, its number or "")."""
    with translation.override(documents.DOCUMENT_LANGUAGE):  # the reasons it holds print in the document
        state = YearState.build(campaign)
    record, day = _prepare_numbered(campaign, "decision", on)
    nominations = _awarded(state, director=True, on=day)
    if not nominations:
        raise DocumentRefused(_("No nomination for a title the director decides is approved in %(year)s: "
                                "there is no decision to write.") % {"year": campaign.year})
    try:
        R.base_salary(day)
    except ValueError:
        raise DocumentRefused(_("No base salary is known on %(date)s.") % {"date": _day(day)}) from None
    if issue:
        record = number_for(campaign.year, "QĐ", "decision", day)
    with translation.override(documents.DOCUMENT_LANGUAGE):
        rules = R.rules_for(campaign)
        rewards, reward_notes = _rewards(rules, nominations, day)

        def note(nomination):
            return " ".join(filter(None, [reward_notes.get(nomination.pk, ""), _approved_note(nomination)]))

        sections = award_list(state, nominations, note, rewards)
        lines, unpaid, total = _reward_lines(rules, nominations, rewards, day)
        sessions = _sessions(state, nominations)
        words = _subject_words(nominations, decision=True)
        context = {
            **documents.nd30_context("QĐ", f"Về việc {words} năm {campaign.year}", on=day,
                                     number=_number_text(record)),
            "agency": agency_in_text(), "year": campaign.year, "subject_words": words[:1].upper() + words[1:],
            "bases": legal_bases(campaign, rules, sessions), "sessions": sessions,
            "counts": _counts(sections), "sections": sections, "headings": LIST_HEADINGS,
            "reward_heading": REWARD_HEADING, "with_reward": True,
            "appendix": _appendix(record, "QĐ", campaign.year),
            "reward_lines": lines, "unpaid": unpaid, "total": money(total), "total_words": in_words(total),
            "base_salary": money(R.base_salary(day)), "day": _day(day),
            "shared": sum(1 for n in reward_notes), "people": sum(len(s.rows) for s in sections
                                                                   if not s.label.startswith("II")),
            "collectives": sum(len(s.rows) for s in sections if s.label.startswith("II")),
        }
        pdf = documents.render_pdf("documents/awards/decision.html", context)
    return pdf, _number_label(record, "QĐ")


# --- The biên bản of a council session ---


@dataclass
class MinutesVote:
    number: int
    name: str
    division: str
    title: str
    votes_for: int
    written_for: str
    share: str  # "8/9 (88,9%)"
    passed: bool
    reason: str


def _mr(staff: Staff) -> str:
    return "Bà" if staff.gender == "female" else "Ông"


def _clock(moment) -> str:
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút"


def minutes_pdf(session: CouncilSession, *, issue: bool = True) -> tuple[bytes, str]:
    """The biên bản of ``session``; (PDF, its number or "")."""
    campaign = session.campaign
    kind = f"minutes-{session.pk}"
    record = number_for(campaign.year, "BB", kind, session.held_on) if issue else issued(campaign.year, kind)
    with translation.override(documents.DOCUMENT_LANGUAGE):
        rules = R.rules_for(campaign)
        result = session_result(session, rules)
        members = list(session.members.select_related("staff__position").order_by("pk"))
        present = [m for m in members if m.present]
        absent = [m for m in members if not m.present]
        votes = []
        in_order = sorted(result.votes, key=lambda r: _list_key(r.vote.nomination))
        for number, item in enumerate(in_order, start=1):
            nomination = item.vote.nomination
            secret = nomination.title in SECRET_BALLOT_TITLES
            votes.append(MinutesVote(
                number=number, name=nomination.nominee_name,
                division=nomination.division.name if nomination.staff_id else "",
                title=TITLE_NAMES[nomination.title], votes_for=item.vote.votes_for,
                written_for=str(item.vote.written_for) if secret else "–",
                share=f"{item.counted}/{item.base} ({_decimal(item.percent, 1)}%)",
                passed=item.passed, reason=item.reason,
            ))
        quorum = Fraction(rules.quorum).limit_denominator(100)
        held = session.held_on
        context = {
            **documents.nd30_context(
                "BB",
                f"Họp Hội đồng Thi đua - Khen thưởng {agency_in_text()} xét khen thưởng năm {campaign.year}",
                on=held, number=_number_text(record)),
            "session": session, "result": result, "members": members, "present": present, "absent": absent,
            "votes": votes, "passed": sum(1 for v in votes if v.passed),
            "start": f"{_clock(session.started_at)}, ngày {_two(held.day)} tháng {_two(held.month)} "
                     f"năm {held.year}",
            "end": _clock(session.ended_at),
            "chair": session.chair, "secretary": session.secretary,
            "chair_mr": _mr(session.chair), "secretary_mr": _mr(session.secretary),
            "method": "bỏ phiếu kín" if session.method == BallotMethod.SECRET else "biểu quyết giơ tay",
            "quorum": f"{quorum.numerator}/{quorum.denominator}",
            "approval": int(rules.approval_share * 100), "secret_share": int(rules.secret_ballot_share * 100),
            "present_share": _decimal(Decimal(len(present)) * 100 / len(members), 1) if members else "0",
            "secret_titles": ", ".join(f"“{TITLE_NAMES[t]}”" for t in SECRET_BALLOT_TITLES),
            "agency": agency_in_text(), "year": campaign.year,
            "signers": [{"titles": ["THƯ KÝ"], "name": session.secretary.full_name},
                        {"titles": ["CHỦ TỌA"], "name": session.chair.full_name}],
        }
        pdf = documents.render_pdf("documents/awards/minutes.html", context)
    return pdf, _number_label(record, "BB")


_TITLE_ORDER = {title: i for i, title in enumerate(Title.values)}


def _list_key(n: Nomination) -> tuple:
    return (n.staff_id is None, _TITLE_ORDER[n.title], n.division.display_order,
            n.staff.name_sort_key if n.staff_id else n.division.code)


# --- The báo cáo thành tích of a nominee ---


def _head_of(division: Division | None) -> Staff | None:
    if division is None:
        return None
    return (Staff.objects.in_division(division).filter(position__heads_division=True, active=True)
            .select_related("position").order_by("position__rank", "name_sort_key").first())


def achievement_pdf(nomination: Nomination) -> bytes:
    """A draft báo cáo thành tích from the record: what the portal knows, blanks for the head to complete."""
    campaign = nomination.campaign
    today = timezone.localdate()
    # Signed at the year-end or early the next year; a draft of an older year leaves the year for the head too.
    signed_in = today.year if today.year in (campaign.year, campaign.year + 1) else "\u2003\u2003\u2003"
    with translation.override(documents.DOCUMENT_LANGUAGE):
        state = YearState.build(campaign)
        profile = AgencyProfile.load()
        context = documents.nd30_context(
            "BC", f"Đề nghị tặng {title_phrase(nomination.title)} năm {campaign.year}",
            on=today, recipients=[])
        context["nd30"] = replace(
            context["nd30"], document_type="BÁO CÁO THÀNH TÍCH",
            parent_body=profile.agency_name.upper(), agency_name=nomination.division.name.upper(),
            place_date=f"{profile.place_name}, ngày \u2003\u2003 tháng \u2003\u2003 năm {signed_in}",
            number_suffix="",  # the nominee's own report: no number in the header
        )
        head = _head_of(nomination.division)
        context.update({"nomination": nomination, "year": campaign.year, "agency": agency_in_text(),
                        "title": title_phrase(nomination.title)})
        if nomination.staff_id:
            person = state.people.get(nomination.staff_id)
            staff = nomination.staff
            prior = list(PriorTitle.objects.filter(staff=staff).order_by("year", "title"))
            context.update({
                "signers": [{"titles": ["THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ"],
                             "note": "(Ký, ghi rõ họ và tên)",
                             "name": head.full_name if head and head.pk != staff.pk else ""},
                            {"titles": ["NGƯỜI BÁO CÁO THÀNH TÍCH"], "note": "(Ký, ghi rõ họ và tên)",
                             "name": staff.full_name}],
                "staff": staff, "person": person,
                "group": GROUP_NAMES.get(staff.employment_type, ""),
                "rating": person.rating if person else "",
                "rating_name": rating_name(person.rating) if person else "",
                "decided": person.decided if person else False,
                "average": _decimal(person.summary.average) if person and person.summary else "",
                "months": _months(person) if person else [],
                "violations": person.summary.violation_count if person and person.summary else 0,
                "initiatives": [(i, INITIATIVE_KIND_NAMES.get(i.kind, i.kind), LEVEL_NAMES.get(i.level, ""))
                                for i in staff.initiatives.order_by("recognized_on")],
                "emulation": [(p, _earlier_name(p.title)) for p in prior if p.title in EMULATION_TITLES
                              or p.title == "CSTD_TQ"],
                "commendations": [(p, _earlier_name(p.title)) for p in prior
                                  if p.title not in EMULATION_TITLES and p.title != "CSTD_TQ"],
                "review": person.review if person else None,
            })
        else:
            item = state.by_division.get(nomination.division_id)
            review = state.division_reviews.get(nomination.division_id)
            ratings = Counter(p.rating for p in item.people) if item else Counter()
            context.update({
                "signers": [{"titles": ["XÁC NHẬN CỦA", "CẤP TRÌNH KHEN THƯỞNG"], "name": ""},
                            {"titles": ["THỦ TRƯỞNG ĐƠN VỊ"], "note": "(Ký, ghi rõ họ và tên)",
                             "name": head.full_name if head else ""}],
                "division_rating": f"{rating_name(review.rating)} ({review.rating})" if review else "",
                "division_note": review.note.strip().rstrip(".") if review else "",
                "item": item, "review": review, "people": len(item.people) if item else 0,
                "ratings": [(code, ratings.get(code, 0)) for code in RATING_NAMES],
                "unrated": ratings.get("", 0),
                "average": _decimal(_average([p.summary.average for p in item.people if p.summary
                                              and p.summary.average is not None])) if item else "",
            })
        return documents.render_pdf("documents/awards/achievement.html", context)


def _earlier_name(code: str) -> str:
    return TITLE_NAMES.get(code) or EARLIER_TITLE_NAMES.get(code, code)


def _months(person) -> list[tuple[int, object]]:
    scores = {line.month: line.total for line in person.summary.months} if person.summary else {}
    return [(month, scores.get(month)) for month in YEAR]


# --- One entry point for the command, the views and the admin ---


def formats_of(kind: str) -> tuple[str, ...]:
    return KINDS[kind].formats if kind in KINDS else ()


def produce(campaign, kind: str, fmt: str, *, session: CouncilSession | None = None, issue: bool = True,
            on: date | None = None) -> Produced:
    """Document ``kind`` of ``campaign`` as ``fmt``; ``issue`` numbers it the first time (else a numbered
    document not yet numbered prints with a blank number). Raises DocumentRefused
    with a message for people."""
    spec = KINDS.get(kind)
    if spec is None:
        raise DocumentRefused(_("Unknown document “%(kind)s”; the documents are: %(kinds)s.")
                              % {"kind": kind, "kinds": ", ".join(KINDS)})
    if fmt not in spec.formats:
        raise DocumentRefused(_("The document “%(kind)s” is not made as %(format)s; it is made as: "
                                "%(formats)s.")
                              % {"kind": kind, "format": fmt, "formats": ", ".join(spec.formats)})
    year = campaign.year
    number = ""
    if kind in ("midyear", "yearend"):
        content = evaluation_pdf(campaign, kind, on=on) if fmt == "pdf" else evaluation_xlsx(campaign, kind)
        name = f"{spec.file_name}-{year}"
    elif kind == "shortlist":
        content = shortlist_pdf(campaign, on=on) if fmt == "pdf" else shortlist_xlsx(campaign)
        name = f"{spec.file_name}-{year}"
    elif kind == "minutes":
        if session is None:
            session = CouncilSession.objects.filter(campaign=campaign).order_by("-held_on", "-started_at",
                                                                                "-pk").first()
        if session is None or session.campaign_id != campaign.pk:
            raise DocumentRefused(_("No council session is recorded for %(year)s: there are no minutes to "
                                    "write.") % {"year": year})
        content, number = minutes_pdf(session, issue=issue)
        name = f"{spec.file_name}-{session.held_on:%Y-%m-%d}"
    elif kind == "submission":
        content, number = submission_pdf(campaign, on=on, issue=issue)
        name = f"{spec.file_name}-{year}"
    else:
        content, number = decision_pdf(campaign, on=on, issue=issue)
        name = f"{spec.file_name}-{year}"
    return Produced(content, f"{name}.{fmt}", CONTENT_TYPES[fmt], number)


def produce_achievement(nomination: Nomination) -> Produced:
    name = f"bao-cao-thanh-tich-{nomination.campaign.year}-{nomination.pk}.pdf"
    return Produced(achievement_pdf(nomination), name, CONTENT_TYPES["pdf"])
