"""A believable 2023 for the demo department: attendance, incidents, commendations, one sanction,
initiatives, earlier titles and explanations in each state (issue 3, "Demo data").

Everything the Office records goes through discipline/services.py, as in real use, so the derived
deductions, the duty bonus, the notifications and the history come out as they would. A fixed seed and
a fixed order of people make every run the same; a database that already holds 2023 attendance or
violations is left alone, so a second ``seed_demo`` changes nothing.

The year's shape: most people clean most months; four repeat latecomers; annual leave (a summer block
and a few single days), some sick days, one maternity leave; trips abroad in international cooperation
(HTQT) only and trips in the country elsewhere; duty on Tết, holidays and a few weekends.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction

from awards.models import AwardTitle, Initiative, InitiativeLevel, PriorTitle
from campaigns.models import Campaign, CommendationType, ViolationType
from campaigns.workdays import WorkCalendar
from discipline.models import (
    AttendanceRecord,
    AttendanceStatus,
    Commendation,
    Sanction,
    SanctionKind,
    SanctionStatus,
    Violation,
)
from discipline.services import (
    SheetEntry,
    decide_explanation,
    file_explanation,
    record_new,
    save_day_sheet,
    withdraw_record,
)
from organization import demo as organization_demo
from organization.models import Division, Staff, User

YEAR = 2023
SEED = 20230101
OFFICE_USER = "vanphong"

S = AttendanceStatus

# --- Attendance ---

# code: (fewest, most late arrivals a month, share of them 15 minutes or more)
REPEAT_LATECOMERS = {"VP08": (3, 5, 0.6), "QLBG06": (2, 4, 0.35), "TTDN04": (2, 4, 0.25), "LS06": (2, 3, 0.2)}
# Chances, per person and month, for everyone else (the Office does not clock the board in).
OCCASIONAL_LATE = 0.12
UNCLOCKED_DIVISIONS = {"BGD"}
OCCASIONAL_EARLY = 0.03
SICK_EPISODE = 0.45  # per person and year
PERMITTED_DAY = 0.3  # per person and year

MATERNITY = [("QLBG05", date(2023, 5, 2), date(2023, 10, 31), "Nghỉ chế độ thai sản")]

# Days fixed by hand, before anything random: (code, day, status, arrival, departure, note).
FIXED_DAYS = [
    ("LS08", date(2023, 2, 15), S.ABSENT_HALF, None, None, "Vắng buổi sáng không báo cáo"),
    ("TTDN05", date(2023, 6, 20), S.ABSENT_HALF, None, None, "Vắng buổi chiều không báo cáo"),
    ("VP09", date(2023, 10, 4), S.ABSENT_HALF, None, None, "Vắng buổi sáng không báo cáo"),
    ("QLBG08", date(2023, 8, 14), S.ABSENT_DAY, None, None, "Nghỉ cả ngày không xin phép"),
    ("VP08", date(2023, 11, 20), S.ABSENT_DAY, None, None, "Nghỉ cả ngày không xin phép"),
    # Late arrivals that their people explain (EXPLANATIONS below).
    ("HTQT03", date(2023, 11, 6), S.PRESENT, time(7, 52), None, ""),
    ("VP03", date(2023, 9, 11), S.PRESENT, time(7, 12), None, ""),
    ("VP04", date(2023, 12, 18), S.PRESENT, time(7, 41), None, ""),
    # Marked late, then corrected once the Office learnt of the assignment (CORRECTIONS below).
    ("HTQT05", date(2023, 5, 10), S.PRESENT, time(7, 25), None, ""),
]
# (code, day, status, note, version the sheet was opened on): a day sheet saved again with a correction.
CORRECTIONS = [
    ("HTQT05", date(2023, 5, 10), S.DUTY, "Đón đoàn khách Quảng Tây tại cửa khẩu Hữu Nghị theo phân công", 1),
]

# (first day, working days, people, where): only the international cooperation division travels abroad.
TRIPS_ABROAD = [
    (
        date(2023, 3, 14),
        4,
        ["HTQT01", "HTQT04"],
        "Làm việc với Văn phòng Ngoại vụ Quảng Tây, Nam Ninh (Trung Quốc)",
    ),
    (date(2023, 4, 11), 3, ["HTQT05", "HTQT03"], "Hội chợ thương mại biên giới tại Bằng Tường (Trung Quốc)"),
    (date(2023, 6, 6), 5, ["HTQT02", "HTQT07"], "Xúc tiến đầu tư tại Seoul (Hàn Quốc)"),
    (date(2023, 8, 22), 4, ["HTQT06", "HTQT10"], "Giao lưu hữu nghị tại Viêng Chăn (Lào)"),
    (
        date(2023, 9, 14),
        5,
        ["HTQT01", "HTQT02", "LS07"],
        "Hội chợ Trung Quốc – ASEAN lần thứ 20, Nam Ninh (Trung Quốc)",
    ),
    (date(2023, 11, 7), 5, ["HTQT04", "HTQT09"], "Xúc tiến hợp tác lao động tại Tokyo (Nhật Bản)"),
    (date(2023, 12, 5), 3, ["HTQT02", "HTQT08"], "Hội đàm nhóm công tác liên hợp tại Sùng Tả (Trung Quốc)"),
]
# Trips in the country a year: (fewest, most) per division, and where they go.
DOMESTIC_TRIPS = {
    "BGD": (3, 5, ["Làm việc tại Bộ Ngoại giao, Hà Nội", "Hội nghị ngoại vụ địa phương tại Hà Nội"]),
    "VP": (0, 2, ["Tập huấn công tác văn phòng tại Hà Nội", "Làm việc tại Sở Tài chính về kinh phí đoàn ra"]),
    "LS": (1, 2, ["Hội nghị công tác lãnh sự tại Hà Nội", "Làm việc với Cục Lãnh sự, Bộ Ngoại giao"]),
    "HTQT": (0, 1, ["Làm việc tại Bộ Ngoại giao, Hà Nội"]),
    "QLBG": (
        3,
        5,
        [
            "Khảo sát tuyến biên giới huyện Cao Lộc",
            "Kiểm tra hệ thống mốc giới huyện Tràng Định",
            "Làm việc tại cửa khẩu Chi Ma, huyện Lộc Bình",
            "Khảo sát khu vực cửa khẩu Bình Nghi, huyện Tràng Định",
        ],
    ),
    "TTDN": (1, 2, ["Tập huấn thông tin đối ngoại tại Hà Nội", "Tác nghiệp tại các huyện biên giới"]),
}
# (day, people, note): duty and reception on days off; each earns the catalogue's bonus.
DUTY_DAYS = [
    (date(2023, 1, 21), ["BGD02", "VP02"], "Trực Tết Quý Mão"),
    (date(2023, 1, 22), ["BGD01", "VP07"], "Trực Tết Quý Mão"),
    (date(2023, 1, 23), ["BGD03", "VP05"], "Trực Tết Quý Mão"),
    (date(2023, 1, 24), ["VP06"], "Trực Tết Quý Mão"),
    (date(2023, 1, 25), ["VP09"], "Trực Tết Quý Mão"),
    (date(2023, 3, 25), ["HTQT01", "HTQT05"], "Đón tiếp đoàn Văn phòng Ngoại vụ Quảng Tây (Trung Quốc)"),
    (date(2023, 4, 30), ["VP03"], "Trực cơ quan dịp 30/4 – 1/5"),
    (date(2023, 5, 1), ["VP04"], "Trực cơ quan dịp 30/4 – 1/5"),
    (date(2023, 7, 16), ["QLBG01", "QLBG03"], "Phối hợp xử lý vụ việc tại khu vực cửa khẩu Hữu Nghị"),
    (date(2023, 9, 2), ["VP02"], "Trực cơ quan dịp Quốc khánh 2/9"),
    (
        date(2023, 10, 14),
        ["HTQT02", "HTQT06", "LS07"],
        "Đón tiếp đoàn Tổng Lãnh sự quán Trung Quốc tại Hà Nội",
    ),
    (date(2023, 12, 16), ["TTDN01", "TTDN03"], "Đưa tin giao lưu hữu nghị nhân dân hai bên biên giới"),
]

# --- Incidents, commendations and the facts awards rest on ---

# (code, type, day, description): recorded by the Office; if the person is away, on their next day at work.
VIOLATIONS = [
    ("LS04", "NO_BADGE", date(2023, 2, 21), "Không đeo thẻ công chức khi tiếp công dân đến làm thủ tục"),
    (
        "QLBG03",
        "TASK_LATE",
        date(2023, 2, 28),
        "Báo cáo tình hình biên giới tháng 2 gửi UBND tỉnh chậm 3 ngày",
    ),
    (
        "QLBG08",
        "ALCOHOL",
        date(2023, 3, 16),
        "Uống rượu trong giờ nghỉ trưa, buổi chiều làm việc trong tình trạng có"
        " men rượu; có biên bản của Văn phòng",
    ),
    ("LS02", "TASK_LATE", date(2023, 4, 19), "Hồ sơ đề nghị cấp phép đoàn vào hoàn thành chậm 2 ngày"),
    ("VP08", "SMOKING", date(2023, 5, 25), "Hút thuốc lá tại hành lang tầng 2 trụ sở"),
    ("LS05", "NO_BADGE", date(2023, 5, 23), "Không đeo thẻ công chức trong giờ làm việc"),
    ("QLBG04", "NO_BADGE", date(2023, 6, 13), "Không đeo thẻ công chức khi làm việc tại cửa khẩu"),
    ("TTDN04", "TASK_LATE", date(2023, 6, 28), "Bản tin đối ngoại quý II hoàn thành chậm 1 tuần"),
    (
        "QLBG06",
        "TASK_MISSED",
        date(2023, 7, 12),
        "Bỏ sót văn bản của Bộ đội Biên phòng tỉnh, quá hạn chưa trả lời",
    ),
    (
        "TTDN05",
        "ADVISORY",
        date(2023, 8, 9),
        "Dự thảo kế hoạch thông tin đối ngoại năm 2024 chất lượng thấp, không đề xuất"
        " phương án, phải làm lại",
    ),
    ("VP05", "TASK_LATE", date(2023, 8, 23), "Hồ sơ quyết toán kinh phí đoàn ra quý II nộp chậm"),
    ("VP09", "NO_BADGE", date(2023, 9, 19), "Không đeo thẻ khi làm nhiệm vụ bảo vệ cổng cơ quan"),
    ("LS04", "DISUNITY", date(2023, 10, 11), "Lời qua tiếng lại với đồng nghiệp trong cuộc họp phòng"),
    (
        "HTQT01",
        "TASK_LATE",
        date(2023, 10, 17),
        "Báo cáo kết quả đoàn dự Hội chợ Trung Quốc – ASEAN gửi UBND tỉnh chậm 5 ngày",
    ),
    ("HTQT07", "TASK_LATE", date(2023, 11, 22), "Tổng hợp ý kiến về dự thảo thỏa thuận hợp tác gửi chậm"),
    (
        "LS06",
        "TASK_MISSED",
        date(2023, 12, 6),
        "Quá hạn chưa hoàn thành thẩm định hồ sơ xin phép tổ chức hội nghị quốc tế",
    ),
    ("HTQT03", "NO_BADGE", date(2023, 12, 19), "Không đeo thẻ công chức khi đón khách tại trụ sở"),
]
# (code, type, reason): a record the Office withdraws as recorded by mistake.
WITHDRAWALS = [("LS05", "NO_BADGE", "Ghi nhầm: đối chiếu camera cho thấy đồng chí có đeo thẻ")]

COMMENDATIONS = [
    ("VP01", "PRAISED", date(2023, 1, 19), "Ban Giám đốc biểu dương công tác chuẩn bị đón Tết và trực Tết"),
    ("TTDN01", "PRAISED", date(2023, 3, 31), "UBND tỉnh biểu dương công tác thông tin đối ngoại quý I"),
    (
        "LS03",
        "OUTSTANDING_TASK",
        date(2023, 4, 27),
        "Giải quyết dứt điểm hồ sơ bảo hộ công dân bị tạm giữ ở nước ngoài",
    ),
    (
        "QLBG01",
        "OUTSTANDING_TASK",
        date(2023, 7, 20),
        "Tham mưu xử lý kịp thời vụ việc tại khu vực cửa khẩu Hữu Nghị",
    ),
    (
        "QLBG03",
        "PRAISED",
        date(2023, 7, 21),
        "Bộ đội Biên phòng tỉnh biểu dương phối hợp xử lý vụ việc biên giới",
    ),
    ("VP06", "EXEMPLARY", date(2023, 6, 30), "Gương mẫu trong phong trào thi đua 6 tháng đầu năm"),
    (
        "HTQT01",
        "OUTSTANDING_TASK",
        date(2023, 9, 25),
        "Tổ chức thành công đoàn dự Hội chợ Trung Quốc – ASEAN lần thứ 20",
    ),
    (
        "HTQT02",
        "OUTSTANDING_TASK",
        date(2023, 9, 25),
        "Tham mưu chương trình xúc tiến tại Hội chợ Trung Quốc – ASEAN",
    ),
    ("TTDN03", "EXEMPLARY", date(2023, 11, 30), "Gương mẫu tham gia Hội thi tuyên truyền biên giới"),
    ("LS03", "EXEMPLARY", date(2023, 12, 14), "Gương mẫu trong phong trào thi đua năm 2023"),
]

# (code, title, level, recognised on, decision): each also earns the INITIATIVE commendation on that day.
INITIATIVES = [
    (
        "VP02",
        "Ứng dụng phần mềm quản lý văn bản và điều hành trong theo dõi nhiệm vụ quá hạn",
        InitiativeLevel.AGENCY,
        date(2023, 10, 25),
        "138/QĐ-SNgV",
    ),
    (
        "LS03",
        "Số hóa hồ sơ xác minh nhân thân công dân, rút ngắn thời gian trả lời cơ quan đại diện",
        InitiativeLevel.AGENCY,
        date(2023, 10, 25),
        "138/QĐ-SNgV",
    ),
    (
        "TTDN03",
        "Trang thông tin đối ngoại song ngữ Việt – Trung của tỉnh",
        InitiativeLevel.AGENCY,
        date(2023, 10, 25),
        "138/QĐ-SNgV",
    ),
    (
        "HTQT02",
        "Quy trình phối hợp đón tiếp đoàn khách quốc tế qua cửa khẩu Hữu Nghị",
        InitiativeLevel.PROVINCE,
        date(2023, 11, 20),
        "2156/QĐ-UBND",
    ),
]

# (code, kind, opened on, decided on, decision number, grounds)
SANCTIONS = [
    (
        "QLBG08",
        SanctionKind.REPRIMAND,
        date(2023, 3, 20),
        date(2023, 4, 14),
        "45/QĐ-SNgV",
        "Sử dụng rượu trong giờ nghỉ trưa ngày làm việc 16/03/2023 (biên bản của Văn phòng Sở)",
    ),
]

# Not LĐTT in 2022: too often late; recruited too late in 2022; recruited in 2023.
_LDTT_2022_MISSING = {"VP08", "HTQT09", "TTDN07"}
# Earlier titles: (year, title, decision number, decision date, codes).
PRIOR_TITLES = [
    (2021, AwardTitle.LDTT, "06/QĐ-SNgV", date(2022, 1, 12), ["HTQT02", "LS03"]),
    (2021, AwardTitle.CSTDCS, "07/QĐ-SNgV", date(2022, 1, 12), ["HTQT02", "LS03"]),
    (
        2022,
        AwardTitle.LDTT,
        "08/QĐ-SNgV",
        date(2023, 1, 10),
        [row[0] for row in organization_demo.STAFF if row[0] not in _LDTT_2022_MISSING],
    ),
    (2022, AwardTitle.CSTDCS, "09/QĐ-SNgV", date(2023, 1, 10), ["HTQT02", "LS03"]),
    (2022, AwardTitle.CERTIFICATE, "10/QĐ-SNgV", date(2023, 1, 10), ["TTDN01", "QLBG03"]),
]

# Explanations of the person's first record of that type from that day on:
# (code, type, day, text, decided by username or None, accepted, reason for the decision).
EXPLANATIONS = [
    (
        "HTQT03",
        "LATE_HEAVY",
        date(2023, 11, 6),
        "Sáng 06/11 tôi được Trưởng phòng cử đến UBND tỉnh nộp hồ sơ đoàn ra trước khi về cơ quan.",
        "truongphong",
        True,
        "Đúng, đi nộp hồ sơ theo phân công của Trưởng phòng.",
    ),
    (
        "VP03",
        "LATE",
        date(2023, 9, 11),
        "Sáng 11/09 tắc đường do sửa chữa cầu Kỳ Lừa.",
        OFFICE_USER,
        False,
        "Tuyến đường sửa chữa đã thông báo từ trước; không phải lý do khách quan.",
    ),
    (
        "HTQT01",
        "TASK_LATE",
        date(2023, 10, 17),
        "Phía bạn gửi văn bản tổng hợp kết quả chậm, phòng phải chờ số liệu để báo cáo.",
        "giamdoc",
        True,
        "Văn bản của phía bạn đến ngày 13/10, chậm không do lỗi của đồng chí.",
    ),
    (
        "VP04",
        "LATE",
        date(2023, 12, 18),
        "Sáng 18/12 con tôi sốt cao, tôi đưa cháu đi khám trước khi đến cơ quan.",
        None,
        None,
        "",
    ),
    (
        "HTQT03",
        "NO_BADGE",
        date(2023, 12, 19),
        "Hôm đó thẻ của tôi bị hỏng dây, tôi đã đề nghị Văn phòng cấp lại.",
        None,
        None,
        "",
    ),
]

NOTES = {
    S.ANNUAL_LEAVE: "Nghỉ phép năm",
    S.SICK: "Nghỉ ốm",
    S.ABSENT_PERMITTED: "Nghỉ việc riêng có phép",
}


def already_loaded() -> bool:
    return (
        AttendanceRecord.objects.filter(date__year=YEAR).exists()
        or Violation.objects.filter(date__year=YEAR).exists()
    )


@transaction.atomic
def seed_year_2023() -> bool:
    """Record the demo department's 2023 through the Office's services; nothing if 2023 already has records.

    Returns whether the year was loaded.
    """
    campaign = Campaign.objects.filter(year=YEAR).first()
    if campaign is None or already_loaded():
        return False
    calendar = WorkCalendar(campaign)
    office = User.objects.get(username=OFFICE_USER)
    people = demo_people()
    year = plan_year(calendar, people)
    for (day, _division), entries in sorted(
        year.sheets().items(), key=lambda item: (item[0][0], item[1][0].order)
    ):
        save_day_sheet(day, [entry.sheet_entry for entry in entries], by=office, calendar=calendar)
    for code, day, status, note, version in CORRECTIONS:
        save_day_sheet(
            day, [SheetEntry(people[code], status, note=note, version=version)], by=office, calendar=calendar
        )
    _record_incidents(campaign, year, people, office)
    _record_awards_facts(people, office)
    _explain(people)
    _close_months(campaign, office)
    return True


# January to October are reviewed and closed; November and December are left open for the demo's users.
CLOSED_MONTHS = range(1, 11)
SIGNERS = [("HTQT", "truongphong"), ("BGD", "giamdoc")]  # the heads the demo has accounts for


def _close_months(campaign: Campaign, office: User) -> None:
    """Sign off and close the demo's first ten months as their heads and the Office would."""
    from discipline import closing  # closing imports services, as this module does

    for month in CLOSED_MONTHS:
        for code, username in SIGNERS:
            closing.sign_off(campaign, Division.objects.get(code=code), YEAR, month,
                             by=User.objects.get(username=username), note="Đã rà soát với từng cán bộ")
        closing.close_month(campaign, YEAR, month, by=office,
                            reason="Các phòng chưa có tài khoản mẫu báo cáo trực tiếp tại giao ban")


def demo_people() -> dict[str, Staff]:
    """The demo's people by code, in the order of organization/demo.py, with their memberships."""
    found = (
        Staff.objects.select_related("user", "position")
        .prefetch_related("memberships__division")
        .in_bulk([row[0] for row in organization_demo.STAFF], field_name="code")
    )
    return {row[0]: found[row[0]] for row in organization_demo.STAFF if row[0] in found}


# --- The attendance plan ---


@dataclass
class PlannedDay:
    staff: Staff
    day: date
    status: str
    check_in: time | None = None
    check_out: time | None = None
    note: str = ""
    division: Division | None = None  # the person's division that day
    order: int = 0

    @property
    def sheet_entry(self) -> SheetEntry:
        return SheetEntry(
            self.staff, self.status, check_in=self.check_in, check_out=self.check_out, note=self.note
        )


class YearPlan:
    """Who is away, late or on duty when: at most one entry per person and day, first come first served."""

    def __init__(self, calendar: WorkCalendar, people: dict[str, Staff]):
        self.calendar = calendar
        self.people = people
        self.entries: dict[str, dict[date, PlannedDay]] = {code: {} for code in people}
        working = calendar.working_days(calendar.campaign.start_date, calendar.campaign.end_date)
        self.service_days = {
            code: [d for d in working if self.in_service(person, d)] for code, person in people.items()
        }

    @staticmethod
    def in_service(person: Staff, day: date) -> bool:
        left = person.date_left is None or day <= person.date_left
        return person.date_recruited <= day and left and person.membership_on(day) is not None

    def is_free(self, code: str, day: date) -> bool:
        return day not in self.entries[code]

    def at_work(self, code: str, day: date) -> bool:
        """In service on a working day and not away (a late arrival still counts as at work)."""
        entry = self.entries[code].get(day)
        in_service = day in set(self.service_days[code])
        return in_service and (entry is None or entry.status == S.PRESENT)

    def add(self, code: str, day: date, status: str, check_in=None, check_out=None, note="") -> bool:
        person = self.people[code]
        if not self.is_free(code, day) or not self.in_service(person, day):
            return False
        if status != S.DUTY and not self.calendar.is_working_day(day):
            return False
        membership = person.membership_on(day)
        self.entries[code][day] = PlannedDay(
            person,
            day,
            status,
            check_in,
            check_out,
            note,
            membership.division,
            membership.division.display_order,
        )
        return True

    def division_of(self, code: str, day: date) -> str:
        return self.people[code].membership_on(day).division.code

    def free_days(self, code: str, start: date | None = None, end: date | None = None) -> list[date]:
        return [
            d
            for d in self.service_days[code]
            if self.is_free(code, d) and (start is None or d >= start) and (end is None or d <= end)
        ]

    def sheets(self) -> dict[tuple[date, str], list[PlannedDay]]:
        """Entries grouped as the Office saves them: one sheet per division and day."""
        sheets = defaultdict(list)
        for code in self.people:
            for day in sorted(self.entries[code]):
                entry = self.entries[code][day]
                sheets[(day, entry.division.code)].append(entry)
        return dict(sheets)


def plan_year(calendar: WorkCalendar, people: dict[str, Staff]) -> YearPlan:
    """The year's attendance exceptions: fixed events first, then random ones, always in the same order."""
    rng = random.Random(SEED)
    year = YearPlan(calendar, people)
    for code, day, status, check_in, check_out, note in FIXED_DAYS:
        year.add(code, day, status, check_in, check_out, note)
    for code, start, end, note in MATERNITY:
        for day in year.free_days(code, start, end):
            year.add(code, day, S.MATERNITY, note=note)
    for start, length, codes, where in TRIPS_ABROAD:
        for code in codes:
            for day in year.free_days(code, start)[:length]:
                year.add(code, day, S.TRIP_ABROAD, note=where)
    for day, codes, note in DUTY_DAYS:
        for code in codes:
            year.add(code, day, S.DUTY, note=note)
    for code in people:
        _plan_domestic_trips(year, code, rng)
        _plan_leave(year, code, rng)
    for code in people:
        _plan_lateness(year, code, rng)
    return year


def _consecutive(days: list[date], start_index: int, length: int, calendar: WorkCalendar) -> list[date]:
    """Up to ``length`` free working days from ``start_index`` in a row (weekends and holidays between)."""
    run = days[start_index : start_index + length]
    gaps_ok = all(
        calendar.working_days(a + timedelta(days=1), b - timedelta(days=1)) == []
        for a, b in zip(run, run[1:], strict=False)
    )
    return run if gaps_ok else run[:1]


def _plan_domestic_trips(year: YearPlan, code: str, rng: random.Random) -> None:
    days = year.free_days(code)
    if not days:
        return
    fewest, most, _places = DOMESTIC_TRIPS[year.division_of(code, days[-1])]
    for _trip in range(rng.randint(fewest, most)):
        days = year.free_days(code)
        run = _consecutive(days, rng.randrange(len(days)), rng.randint(1, 3), year.calendar)
        places = DOMESTIC_TRIPS[year.division_of(code, run[0])][2]
        note = f"Công tác: {rng.choice(places)}"
        for day in run:
            year.add(code, day, S.TRIP_DOMESTIC, note=note)


def _plan_leave(year: YearPlan, code: str, rng: random.Random) -> None:
    summer = year.free_days(code, date(YEAR, 6, 1), date(YEAR, 8, 31))
    if len(summer) > 20:  # not for someone away most of the summer
        for day in _consecutive(summer, rng.randrange(len(summer) - 5), rng.randint(3, 5), year.calendar):
            year.add(code, day, S.ANNUAL_LEAVE, note=NOTES[S.ANNUAL_LEAVE])
    for day in _sample(year.free_days(code), rng.randint(1, 4), rng):
        year.add(code, day, S.ANNUAL_LEAVE, note=NOTES[S.ANNUAL_LEAVE])
    if rng.random() < SICK_EPISODE:
        days = year.free_days(code)
        for day in _consecutive(days, rng.randrange(len(days)), rng.randint(1, 3), year.calendar):
            year.add(code, day, S.SICK, note=NOTES[S.SICK])
    if rng.random() < PERMITTED_DAY:
        for day in _sample(year.free_days(code), 1, rng):
            year.add(code, day, S.ABSENT_PERMITTED, note=NOTES[S.ABSENT_PERMITTED])


def _plan_lateness(year: YearPlan, code: str, rng: random.Random) -> None:
    repeat = REPEAT_LATECOMERS.get(code)
    for month in range(1, 13):
        days = year.free_days(code, date(YEAR, month, 1), _month_end(month))
        if not days or year.division_of(code, days[0]) in UNCLOCKED_DIVISIONS:
            continue
        if repeat:
            fewest, most, heavy_share = repeat
            count = rng.randint(fewest, most)
        else:
            count, heavy_share = (1 if rng.random() < OCCASIONAL_LATE else 0), 0.3
        late_days = _sample(days, count, rng)
        for day in late_days:
            minutes = _minutes_off(rng, heavy_share)
            year.add(
                code, day, S.PRESENT, check_in=_shift(year.calendar.schedule_on(day).morning_start, minutes)
            )
        if rng.random() < OCCASIONAL_EARLY:
            for day in _sample(year.free_days(code, date(YEAR, month, 1), _month_end(month)), 1, rng):
                minutes = _minutes_off(rng, 0.3)
                year.add(
                    code,
                    day,
                    S.PRESENT,
                    check_out=_shift(year.calendar.schedule_on(day).afternoon_end, -minutes),
                )


def _minutes_off(rng: random.Random, heavy_share: float) -> int:
    """Minutes late (or early): past the 5 minutes' grace, heavy from 15, never a missed session."""
    return rng.randint(15, 45) if rng.random() < heavy_share else rng.randint(6, 14)


def _sample(days: list[date], count: int, rng: random.Random) -> list[date]:
    return sorted(rng.sample(days, min(count, len(days))))


def _month_end(month: int) -> date:
    return date(YEAR, 12, 31) if month == 12 else date(YEAR, month + 1, 1) - timedelta(days=1)


def _shift(moment: time, minutes: int) -> time:
    return (datetime.combine(date(YEAR, 1, 1), moment) + timedelta(minutes=minutes)).time()


# --- Incidents, commendations, sanctions, initiatives, earlier titles, explanations ---


def _record_incidents(campaign: Campaign, year: YearPlan, people: dict[str, Staff], office) -> None:
    violation_types = {vt.code: vt for vt in ViolationType.objects.filter(campaign=campaign)}
    commendation_types = {ct.code: ct for ct in CommendationType.objects.filter(campaign=campaign)}
    recorded = {}
    for code, type_code, day, description in VIOLATIONS:
        vt = violation_types[type_code]
        violation = Violation(
            staff=people[code],
            date=_next_day_at_work(year, code, day),
            type=vt,
            points=vt.points,
            description=description,
        )
        violation._history_user = office  # the service saves this instance; outside a request, say who
        recorded[(code, type_code)] = record_new(violation, by=office)
    for code, type_code, reason in WITHDRAWALS:
        violation = recorded[(code, type_code)]
        withdraw_record(violation, version=violation.version, reason=reason, by=office)
    for code, type_code, day, description in COMMENDATIONS:
        ct = commendation_types[type_code]
        commendation = Commendation(
            staff=people[code],
            date=_next_day_at_work(year, code, day),
            type=ct,
            points=ct.points,
            description=description,
        )
        commendation._history_user = office
        record_new(commendation, by=office)
    initiative_type = commendation_types["INITIATIVE"]
    for code, title, _level, recognized_on, decision in INITIATIVES:
        commendation = Commendation(
            staff=people[code],
            date=_next_day_at_work(year, code, recognized_on),
            type=initiative_type,
            points=initiative_type.points,
            description=f"Sáng kiến “{title}” được công nhận ({decision})",
        )
        commendation._history_user = office
        record_new(commendation, by=office)


def _next_day_at_work(year: YearPlan, code: str, day: date) -> date:
    """``day``, or the person's next working day at work if they are away or off that day."""
    return next(d for d in year.service_days[code] if d >= day and year.at_work(code, d))


def _record_awards_facts(people: dict[str, Staff], office) -> None:
    for code, kind, opened_on, decided_on, number, grounds in SANCTIONS:
        sanction = Sanction(staff=people[code], opened_on=opened_on, reason=grounds, created_by=office)
        _save_validated(sanction, "Mở thủ tục xem xét kỷ luật", by=office)
        sanction.status, sanction.kind = SanctionStatus.DECIDED, kind
        sanction.decision_number, sanction.decision_date = number, decided_on
        sanction.version += 1
        _save_validated(sanction, f"Quyết định kỷ luật số {number}", by=office)
    for code, title, level, recognized_on, decision in INITIATIVES:
        initiative = Initiative(
            staff=people[code],
            title=title,
            level=level,
            recognized_on=recognized_on,
            decision_number=decision,
        )
        _save_validated(initiative, "Công nhận sáng kiến", by=office)
    for year, title, number, decided_on, codes in PRIOR_TITLES:
        for code in codes:
            if code in people:
                prior = PriorTitle(
                    staff=people[code],
                    year=year,
                    title=title,
                    decision_number=number,
                    decision_date=decided_on,
                )
                _save_validated(prior, "Danh hiệu năm trước", by=office)


def _save_validated(instance, reason: str, *, by) -> None:
    """Save a record that has no service yet, validated, with who and why in its history."""
    instance.full_clean()
    instance._change_reason = reason
    instance._history_user = by
    instance.save()


def _explain(people: dict[str, Staff]) -> None:
    users = User.objects.in_bulk([row[0] for row in organization_demo.ACCOUNTS], field_name="username")
    for code, type_code, day, text, decider, accept, reason in EXPLANATIONS:
        person = people[code]
        violation = (
            Violation.objects.filter(staff=person, type__code=type_code, date__gte=day)
            .order_by("date")
            .first()
        )
        explanation = file_explanation(violation, by=person.user, text=text)
        if decider is not None:
            decide_explanation(
                explanation, by=users[decider], accept=accept, reason=reason, version=explanation.version
            )
