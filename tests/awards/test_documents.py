"""The year-end documents (awards/documents.py): the reports, the list, the minutes, the tờ trình, the quyết
định and the báo cáo thành tích, as PDF (read back with poppler's pdftotext) and Excel; their numbers in the
yearly series; the export_report command; the download views.

The year is made by hand on the demo department (no monthly records: everyone scores 100 a month unless a
violation below says otherwise) through the year-end services, once for the module inside a transaction rolled
back at the end; each test runs in its own savepoint within it.
"""

import io
import os
import re
import subprocess
import sys
from unittest import mock
from datetime import date, datetime, time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone, translation
from openpyxl import load_workbook

from awards import documents as D
from awards import services
from awards.models import (
    CouncilSession,
    Initiative,
    IssuedDocument,
    Nomination,
    NominationStatus,
    PriorTitle,
    Title,
)
from awards.yearend import YearState
from campaigns.models import Campaign, ViolationType
from discipline.models import Sanction, SanctionKind, SanctionStatus, Violation
from organization.models import Division, Staff, User

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DECISION_DAY = date(2024, 1, 10)  # the base salary is 1.800.000 đ
SUBMISSION_DAY = date(2024, 1, 12)
APPROVED_AT = timezone.make_aware(datetime(2024, 1, 8, 9, 0))


def _staff(code: str) -> Staff:
    return Staff.objects.get(code=code)


def _build_year():
    """The 2023 year-end of the demo department, from the ratings to a revoked award."""
    campaign = Campaign.objects.get(year=2023)
    board, office = User.objects.get(username="giamdoc"), User.objects.get(username="vanphong")
    head = User.objects.get(username="truongphong")
    absent = ViolationType.objects.get(campaign__year=2023, code="ABSENT_DAY")
    for month in (2, 5, 9):  # HTQT07 loses 10 points three times
        Violation.objects.create(staff=_staff("HTQT07"), date=date(2023, month, 14), type=absent,
                                 points=absent.points, status="active")
    Sanction.objects.create(staff=_staff("LS08"), opened_on=date(2023, 3, 1), status=SanctionStatus.DECIDED,
                            kind=SanctionKind.REPRIMAND, decision_date=date(2023, 3, 20))
    Initiative.objects.create(staff=_staff("HTQT03"), title="Số hóa hồ sơ lãnh sự", level="province",
                              recognized_on=date(2023, 9, 1), decision_number="QĐ 12/QĐ-SNgV")
    for year in (2021, 2022):
        PriorTitle.objects.create(staff=_staff("HTQT03"), year=year, title="CSTDCS", decision_number=f"0{year % 10}/QĐ")
        PriorTitle.objects.create(staff=_staff("HTQT05"), year=year, title="GIAY_KHEN")

    # Ratings: everyone of HTQT decided by the board, a few elsewhere; HTQT04 only proposed by the head; LS08,
    # disciplined, rated HTTNV beyond the rules with a reason.
    for staff in Staff.objects.filter(code__startswith="HTQT").exclude(code__in=["HTQT01", "HTQT03", "HTQT04"]):
        services.decide_rating(campaign, staff, rating="HTTNV", reason="", by=board)
    services.decide_rating(campaign, _staff("HTQT01"), rating="HTTNV", reason="", by=board)
    services.self_assess(campaign, _staff("HTQT03"), rating="HTXSNV", text="Hoàn thành vượt tiến độ các đoàn ra.",
                         by=_staff("HTQT03").user)
    services.decide_rating(campaign, _staff("HTQT03"), rating="HTXSNV", reason="", by=board)
    services.propose_rating(campaign, _staff("HTQT04"), rating="HTTNV", opinion="Hoàn thành tốt.", reason="", by=head)
    services.decide_rating(campaign, _staff("LS08"), rating="HTTNV", reason="Khiển trách đã được xóa theo quy định.",
                           by=board)
    for code in ("LS07", "QLBG02", "TTDN03"):  # LS07 moved to HTQT in July: she counts there
        services.decide_rating(campaign, _staff(code), rating="HTTNV", reason="", by=board)
    services.rate_division(campaign, Division.objects.get(code="HTQT"), rating="HTTNV", note="Hoàn thành tốt.",
                           by=board)

    htqt = Division.objects.get(code="HTQT")
    nominate = lambda title, **kw: services.nominate(campaign, title, by=office, **kw)  # noqa: E731
    n = {
        "ldtt03": nominate(Title.LDTT, staff=_staff("HTQT03"), achievement="Hoàn thành xuất sắc nhiệm vụ."),
        "ldtt02": nominate(Title.LDTT, staff=_staff("HTQT02"), achievement="Hoàn thành tốt nhiệm vụ."),
        "ldtt06": nominate(Title.LDTT, staff=_staff("HTQT06"), achievement="Hoàn thành tốt nhiệm vụ."),
        "ldtt07": nominate(Title.LDTT, staff=_staff("HTQT07"), achievement="Hoàn thành tốt nhiệm vụ."),
        "ldtt08": nominate(Title.LDTT, staff=_staff("HTQT08"), achievement="Hoàn thành tốt nhiệm vụ."),
        "cstdcs03": nominate(Title.CSTDCS, staff=_staff("HTQT03"), achievement="Có sáng kiến số hóa hồ sơ."),
        "gk02": nominate(Title.CERTIFICATE, staff=_staff("HTQT02"), achievement="Tổ chức tốt hội nghị."),
        "tinh03": nominate(Title.CSTD_PROVINCE, staff=_staff("HTQT03"), achievement="Ba năm liền CSTĐCS."),
        "bk05": nominate(Title.PROVINCE_DIPLOMA, staff=_staff("HTQT05"), achievement="Hai năm liền Giấy khen."),
        "ttldtt": nominate(Title.TTLDTT, division=htqt, achievement="Tập thể đoàn kết, hoàn thành tốt nhiệm vụ."),
        "ttldxs": nominate(Title.TTLDXS, division=htqt, achievement="Tập thể tiêu biểu của Sở."),
    }
    services.withdraw(n["ldtt08"], reason="Chuyển công tác.", by=office)
    for key, item in n.items():
        if key != "ldtt08":
            n[key] = services.shortlist(item, by=office)

    members = [("BGD01", "Chủ tịch Hội đồng", True, False), ("VP03", "Thư ký", True, False),
               ("BGD02", "Phó Chủ tịch", True, False), ("BGD03", "", True, False), ("VP01", "", True, False),
               ("LS01", "", True, False), ("QLBG01", "", True, False), ("TTDN01", "", False, True),
               ("HTQT01", "", False, False)]
    votes = [(n["ldtt03"], 7, 0), (n["ldtt02"], 7, 0), (n["ldtt06"], 6, 0), (n["cstdcs03"], 7, 0),
             (n["gk02"], 4, 0), (n["tinh03"], 7, 1), (n["bk05"], 5, 0), (n["ttldtt"], 7, 0), (n["ttldxs"], 7, 0)]
    session = services.record_session(
        campaign, by=office,
        data={"held_on": date(2023, 12, 20), "started_at": time(8, 0), "ended_at": time(10, 30),
              "place": "Phòng họp tầng 2, Sở Ngoại vụ", "chair": _staff("BGD01"), "secretary": _staff("VP03"),
              "method": "secret", "note": "Thống nhất công khai danh sách trong 5 ngày."},
        members=[{"staff": _staff(code), "council_role": role, "present": present, "written_vote": written}
                 for code, role, present, written in members],
        votes=[{"nomination": item, "votes_for": count, "written_for": written} for item, count, written in votes],
    )
    for key in ("ldtt03", "ldtt02", "ldtt06", "cstdcs03", "bk05", "ttldtt", "ttldxs"):
        n[key] = services.decide(n[key], approve=True, reason="", by=board)
    n["gk02"] = services.decide(n["gk02"], approve=False, reason="Không đủ số phiếu.", by=board)
    Nomination.objects.filter(status=NominationStatus.APPROVED).update(decided_at=APPROVED_AT)
    services.publish(campaign, days=5, by=office, on=date(2023, 12, 22))
    n["ldtt06"] = services.revoke(n["ldtt06"], on=date(2024, 3, 1), reason="Hồ sơ kê khai không trung thực.",
                                  by=board)
    return campaign, session, n


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--without-year", stdout=io.StringIO())
        campaign, session, n = _build_year()
        yield {"campaign": campaign, "session": session, "n": {k: v.pk for k, v in n.items()}}
        transaction.set_rollback(True)


@pytest.fixture
def campaign(year):
    return Campaign.objects.get(year=2023)


def _text(content: bytes, tmp_path: Path, name: str = "document.pdf", *, layout: bool = True) -> str:
    """The PDF's text: laid out as printed (a table row on one line), or in reading order (a cell's text whole)."""
    path = tmp_path / name
    path.write_bytes(content)
    command = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _flat(text: str) -> str:
    """The text with runs of spaces and line ends made single spaces."""
    return re.sub(r"\s+", " ", text)


def _read(content: bytes, tmp_path: Path) -> tuple[str, str]:
    """(the text as printed, the text in reading order with single spaces)."""
    return _text(content, tmp_path), _flat(_text(content, tmp_path, "read.pdf", layout=False))


def _line_with(text: str, word: str) -> str:
    return next(line for line in text.splitlines() if word in line)


def _table(sheet) -> list[list]:
    start = int(sheet.freeze_panes[1:]) - 1
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(min_row=start, values_only=True)]


def _column_a(sheet) -> list:
    return [row[0] for row in sheet.iter_rows(values_only=True)]


# --- Numbers in the yearly series ---


def test_a_kind_takes_the_next_number_of_its_type_once_and_keeps_it(year):
    first = D.number_for(2023, "QĐ", "decision", DECISION_DAY)
    again = D.number_for(2023, "QĐ", "decision", date(2024, 5, 1))
    second = D.number_for(2023, "QĐ", "decision-supplement", date(2024, 2, 1))
    other_type = D.number_for(2023, "TTr", "submission", SUBMISSION_DAY)
    next_year = D.number_for(2024, "QĐ", "decision", date(2025, 1, 9))
    assert (first.number, again.pk, again.issued_on) == (1, first.pk, DECISION_DAY)
    assert second.number == 2 and other_type.number == 1 and next_year.number == 1
    assert IssuedDocument.objects.filter(year=2023).count() == 3


def test_the_second_decision_of_the_year_is_number_2_and_a_reprint_keeps_its_number_and_date(campaign, tmp_path):
    IssuedDocument.objects.create(year=2023, type_code="QĐ", number=1, kind="decision-earlier",
                                  issued_on=date(2023, 6, 1))
    pdf, number = D.decision_pdf(campaign, on=DECISION_DAY)
    assert number == "02/QĐ-SNgV"
    text = _read(pdf, tmp_path)[1]
    assert "Số: 02/QĐ-SNgV" in text and "Lạng Sơn, ngày 10 tháng 01 năm 2024" in text
    reprint, again = D.decision_pdf(campaign, on=date(2024, 6, 30))
    assert again == number
    reprinted = _read(reprint, tmp_path)[1]
    assert "Số: 02/QĐ-SNgV" in reprinted and "ngày 10 tháng 01 năm 2024" in reprinted
    assert IssuedDocument.objects.filter(year=2023, type_code="QĐ").count() == 2


def test_a_draft_is_not_numbered_until_the_office_issues_it(campaign, tmp_path):
    pdf, number = D.decision_pdf(campaign, on=DECISION_DAY, issue=False)
    assert number == "" and not IssuedDocument.objects.exists()
    assert re.search(r"Số:\s+/QĐ-SNgV", _text(pdf, tmp_path))


# --- The báo cáo sơ kết / tổng kết ---


def test_yearend_report_pdf_prints_each_persons_months_rating_and_the_quota(campaign, tmp_path):
    data = D.evaluation(campaign, "yearend")
    text, flat = _read(D.evaluation_pdf(campaign, "yearend", on=date(2024, 1, 5)), tmp_path)
    for part in ["UBND TỈNH LẠNG SƠN", "SỞ NGOẠI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO",
                 "Lạng Sơn, ngày 05 tháng 01 năm 2024", "I. KẾT QUẢ CHUNG CỦA CÁC PHÒNG",
                 "II. KẾT QUẢ CỦA TỪNG NGƯỜI", "III. CHỈ TIÊU HOÀN THÀNH XUẤT SẮC NHIỆM VỤ THEO NHÓM", "Nơi nhận:",
                 "- Lưu: VT, VP.", "GIÁM ĐỐC", "Phạm Thị Anh Thư", "(Số liệu tháng 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12"]:
        assert part in flat, part
    assert re.search(r"Số:\s+/BC-SNgV", text)  # unnumbered: the clerk registers it
    assert "Tổng kết năm 2023" in flat
    # HTQT07: 90 in three months, 100 in the others; average 97,50; three violations; decided HTTNV.
    row = _line_with(text, "HTQT07")
    assert row.split().count("90") == 3 and row.split().count("100") == 9
    assert "97,50" in row and "HTTNV" in row and "(đề xuất)" not in row
    assert "HTQT04 Hoàng Minh Đức Chuyên viên chính" + " 100" * 12 + " 100,00 0 HTXSNV HTTNV (đề xuất)" in flat
    assert "HTTNV*" in _line_with(text, "LS08")  # an override, its reason in the note
    assert "Lý do vượt quy định: Khiển trách đã được xóa theo quy định." in flat
    htqt = next(line for line in data.lines if line.label == "Phòng Hợp tác quốc tế")
    assert htqt.people == 11 and htqt.counts == [1, 10, 0, 0, 0] and htqt.division_rating == "HTTNV"
    total = data.lines[-1]
    assert total.label == "Toàn Sở" and total.people == 45 and sum(total.counts) == 45
    civil = next(q for q in data.quotas if q.group == "Công chức")
    assert (civil.used, civil.result) == (1, "Trong chỉ tiêu")
    state = YearState.build(campaign)
    assert civil.places == state.htxsnv_quotas()["civil_servant"].places


def test_yearend_report_xlsx_carries_the_same_numbers(campaign):
    data = D.evaluation(campaign, "yearend")
    book = load_workbook(io.BytesIO(D.evaluation_xlsx(campaign, "yearend")))
    assert book.sheetnames[0] == "Tổng hợp" and book.sheetnames[-1] == "Chỉ tiêu HTXSNV"
    summary = _table(book["Tổng hợp"])
    assert summary[0] == data.summary_headings
    assert [row[:2] for row in summary[1:]] == [[line.label, line.people] for line in data.lines]
    htqt_sheet = next(name for name in book.sheetnames if name.startswith("Phòng Hợp tác"))
    rows = _table(book[htqt_sheet])
    assert rows[0] == data.headings
    group = next(g for g in data.groups if g.label == "Phòng Hợp tác quốc tế")
    assert [r[:4] + r[4:16] for r in rows[1:]] == [row.cells(True)[:16] for row in group.rows]
    htqt07 = next(r for r in rows[1:] if r[1] == "HTQT07")
    assert htqt07[4:16] == [100, 90, 100, 100, 90, 100, 100, 100, 90, 100, 100, 100]
    assert htqt07[16] == 97.5 and htqt07[17] == 3 and htqt07[19:22] == ["HTTNV", "Đã quyết định", ""]
    htqt04 = next(r for r in rows[1:] if r[1] == "HTQT04")
    assert htqt04[19:21] == ["HTTNV", "Đề xuất"]
    quotas = _table(book["Chỉ tiêu HTXSNV"])
    assert quotas[1:] == [line.cells() for line in data.quotas]


def test_midyear_report_covers_months_1_to_6_with_the_suggestion_only(campaign, tmp_path):
    data = D.evaluation(campaign, "midyear")
    assert data.months == [1, 2, 3, 4, 5, 6] and "Xếp loại" not in data.headings
    text, flat = _read(D.evaluation_pdf(campaign, "midyear"), tmp_path)
    assert "Sơ kết 6 tháng đầu năm 2023" in flat and "T7" not in flat
    row = _line_with(text, "HTQT07")
    assert row.split().count("90") == 2 and "96,67" in row and "HTXSNV" in row
    assert "dự kiến theo gợi ý 6 tháng" in flat
    book = load_workbook(io.BytesIO(D.evaluation_xlsx(campaign, "midyear")))
    sheet = next(name for name in book.sheetnames if name.startswith("Phòng Hợp tác"))
    htqt07 = next(r for r in _table(book[sheet])[1:] if r[1] == "HTQT07")
    assert htqt07[4:10] == [100, 90, 100, 100, 90, 100] and htqt07[10] == pytest.approx(96.67)


# --- The danh sách đề nghị khen thưởng ---


def test_shortlist_holds_shortlisted_approved_and_revoked_people_and_collectives_apart(campaign, tmp_path):
    text, flat = _read(D.shortlist_pdf(campaign, on=date(2023, 12, 18)), tmp_path)
    assert "DANH SÁCH" in flat and "Đề nghị khen thưởng năm 2023" in flat
    assert flat.index("I. CÁ NHÂN") < flat.index("II. TẬP THỂ")
    individuals, collectives = flat.split("II. TẬP THỂ")
    for name in ["Nguyễn Thị Hương", "Lý Thị Thanh Hương", "Lê Thu Hà", "Vương Quốc Huy", "Trần Văn Ân"]:
        assert name in individuals, name
    assert "Chu Thị Ngân" not in flat  # withdrawn
    assert "Tổ chức tốt hội nghị" not in flat  # rejected Giấy khen
    assert "Đã thu hồi ngày 01/03/2024: Hồ sơ kê khai không trung thực." in flat
    assert "Hội đồng: không đạt (8/9, 88,9%)." in flat  # CSTĐ cấp tỉnh: 90 % of all members needed
    assert "Chờ Hội đồng xét." in _flat(_line_with(text, "Vương Quốc Huy"))  # not voted yet
    assert "Xếp loại HTXSNV" in flat and "sáng kiến “Số hóa hồ sơ lãnh sự” (cấp tỉnh" in flat
    assert "Phòng Hợp tác quốc tế" in collectives and "Tập thể lao động xuất sắc" in collectives
    assert "11/11 người đạt tiêu chuẩn LĐTT" in collectives


def test_shortlist_xlsx_has_a_sheet_per_section_with_the_pdf_rows(campaign):
    book = load_workbook(io.BytesIO(D.shortlist_xlsx(campaign)))
    assert book.sheetnames == ["Cá nhân", "Tập thể"]
    people = _table(book["Cá nhân"])
    assert people[0] == D.LIST_HEADINGS
    state = YearState.build(campaign)
    sections = D.award_list(state, state.nominations_sorted(statuses=D.SHORTLIST_STATUSES), lambda n: "")
    assert [r[:6] for r in people[1:]] == [row.cells()[:6] for row in sections[0].rows]
    assert [r[0] for r in people[1:]] == list(range(1, len(people)))
    assert [r[1] for r in _table(book["Tập thể"])[1:]] == ["Phòng Hợp tác quốc tế"] * 2
    revoked = next(r for r in people[1:] if r[1] == "Lê Thu Hà")
    assert revoked[6].startswith("Đã thu hồi ngày 01/03/2024")


def test_shortlist_does_not_repeat_what_nominating_everyone_meeting_ldtt_wrote(campaign):
    """The words of "nominate everyone meeting LĐTT" restate the rating and the average: said once, not twice."""
    head = User.objects.get(username="truongphong")
    made = services.nominate_all_ldtt(campaign, _staff("QLBG02").division_on(date(2023, 12, 31)), by=head)
    assert [n.staff.code for n in made] == ["QLBG02"]
    assert made[0].achievement == "Xếp loại HTTNV năm 2023; điểm bình quân tháng 100,00."
    state = YearState.build(campaign)
    sections = D.award_list(state, [made[0]], lambda n: "")
    assert sections[0].rows[0].cells()[5] == "Xếp loại HTTNV; điểm bình quân tháng 100,00."
    Nomination.objects.filter(pk=made[0].pk).update(achievement="Tham mưu tốt công tác biên giới.")
    state = YearState.build(campaign)
    sections = D.award_list(state, list(state.nominations_sorted(statuses=[NominationStatus.PROPOSED])), lambda n: "")
    row = next(r for r in sections[0].rows if "QLBG02" in str(r.cells()) or "Tham mưu" in r.cells()[5])
    assert row.cells()[5] == "Xếp loại HTTNV; điểm bình quân tháng 100,00. Tham mưu tốt công tác biên giới."


# --- The biên bản ---


def test_minutes_record_attendance_quorum_votes_and_result(year, campaign, tmp_path):
    session = CouncilSession.objects.get(pk=year["session"].pk)
    pdf, number = D.minutes_pdf(session)
    text, flat = _read(pdf, tmp_path)
    assert number == "01/BB-SNgV" and "Số: 01/BB-SNgV" in flat and "BIÊN BẢN" in flat
    assert "Lạng Sơn, ngày 20 tháng 12 năm 2023" in flat
    for part in ["Thời gian bắt đầu: 08 giờ 00 phút, ngày 20 tháng 12 năm 2023", "Phòng họp tầng 2, Sở Ngoại vụ",
                 "Chủ trì (chủ tọa): Bà Phạm Thị Anh Thư", "Thư ký: Ông Đỗ Văn Ân", "gồm 9 thành viên",
                 "có mặt 7 thành viên (77,8%)", "vắng mặt 2 thành viên, trong đó 1 thành viên gửi phiếu bằng văn bản",
                 "Vắng mặt, có phiếu bằng văn bản", "Hình thức: bỏ phiếu kín", "Số thành viên có mặt: 7/9, đủ",
                 "ít nhất 2/3", "kết thúc vào lúc 10 giờ 30 phút", "THƯ KÝ", "CHỦ TỌA",
                 "Thống nhất công khai danh sách trong 5 ngày."]:
        assert part in flat, part
    assert "7/9 trường hợp đạt" in flat  # the Giấy khen (4 of 7) and the CSTĐ cấp tỉnh (8 of 9 members) fail
    assert "Nguyễn Thị Hương Phòng Hợp tác quốc tế Chiến sĩ thi đua cấp tỉnh 7 1 8/9 (88,9%) Không đạt" in flat
    assert "4/7 (57,1%)" in flat and "7/7 (100,0%)" in flat
    again, same = D.minutes_pdf(session)
    assert same == number


# --- The tờ trình ---


def test_submission_proposes_the_provinces_titles_with_bases_minutes_and_the_list(year, campaign, tmp_path):
    D.minutes_pdf(CouncilSession.objects.get(pk=year["session"].pk))  # numbered first: the tờ trình cites it
    pdf, number = D.submission_pdf(campaign, on=SUBMISSION_DAY)
    text = _read(pdf, tmp_path)[1]
    assert number == "01/TTr-SNgV"
    for part in ["TỜ TRÌNH", "Số: 01/TTr-SNgV", "Lạng Sơn, ngày 12 tháng 01 năm 2024",
                 "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn", "(qua Ban Thi đua - Khen thưởng tỉnh)",
                 "Căn cứ Luật Thi đua, khen thưởng 2003 (sửa đổi 2013);", "Căn cứ Nghị định 91/2017/NĐ-CP;",
                 "Căn cứ Chỉ thị số 34-CT/TW", "Căn cứ Biên bản số 01/BB-SNgV ngày 20/12/2023 của Hội đồng",
                 "(Có báo cáo thành tích kèm theo)", "kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định",
                 "Phụ lục", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023",
                 "(Kèm theo Tờ trình số 01/TTr-SNgV ngày 12/01/2024 của Sở Ngoại vụ)", "Trần Văn Ân",
                 "Bằng khen của Chủ tịch UBND tỉnh", "Tập thể lao động xuất sắc", "Nơi nhận:", "- Như trên;"]:
        assert part in text, part
    assert "Về việc đề nghị tặng danh hiệu thi đua và Bằng khen của Chủ tịch UBND tỉnh năm 2023" in text
    # Only the approved titles the province decides: not the LĐTT, not the CSTĐ cấp tỉnh the council refused.
    appendix = text.split("Phụ lục")[1]
    assert "Lao động tiên tiến" not in appendix and "Chiến sĩ thi đua cấp tỉnh" not in appendix


# --- The quyết định ---


def test_decision_awards_the_directors_titles_with_the_rewards_of_the_decision_date(campaign, tmp_path):
    pdf, number = D.decision_pdf(campaign, on=DECISION_DAY)
    text, flat = _read(pdf, tmp_path)
    assert number == "01/QĐ-SNgV"
    for part in ["QUYẾT ĐỊNH", "Số: 01/QĐ-SNgV", "Về việc công nhận danh hiệu thi đua năm 2023",
                 "GIÁM ĐỐC SỞ NGOẠI VỤ", "Căn cứ Luật Thi đua, khen thưởng 2003 (sửa đổi 2013);", "QUYẾT ĐỊNH:",
                 "Điều 1.", "Điều 2.", "Điều 3.", "mức lương cơ sở 1.800.000 đồng", "- Như Điều 3;",
                 "Phụ lục", "DANH SÁCH KHEN THƯỞNG NĂM 2023",
                 "(Kèm theo Quyết định số 01/QĐ-SNgV ngày 10/01/2024 của Giám đốc Sở Ngoại vụ)",
                 "chịu trách nhiệm thi hành Quyết định này"]:
        assert part in flat, part
    # LĐTT 540.000 đ each (HTQT03 takes her CSTĐCS 1.800.000 đ instead; HTQT06's award, revoked after the
    # decision, stays in it, marked); TTLĐTT 1.440.000 đ.
    assert "Nhận tiền thưởng danh hiệu “Chiến sĩ thi đua cơ sở”." in flat
    assert "Đã thu hồi ngày 01/03/2024" in flat
    assert "Tổng số tiền thưởng: 4.320.000 đồng (Bằng chữ: Bốn triệu ba trăm hai mươi nghìn đồng)" in flat
    appendix = flat.split("Phụ lục")[1]
    assert "Bằng khen" not in appendix and "Tập thể lao động xuất sắc" not in appendix
    ldtt = _flat(_line_with(text, "Lao động tiên tiến (cá nhân)"))
    assert ldtt.split()[-3:] == ["540.000", "2", "1.080.000"]
    assert "Lý Thị Thanh Hương" in appendix and "Nguyễn Thị Hương" in appendix


def test_a_revocation_before_the_decision_leaves_the_award_out(year, campaign, tmp_path):
    pdf, _number = D.decision_pdf(campaign, on=date(2024, 3, 2))  # after the revocation of 01/03/2024
    text = _read(pdf, tmp_path)[1]
    assert "Lê Thu Hà" not in text and "Đã thu hồi" not in text
    assert "Tổng số tiền thưởng: 3.780.000 đồng" in text


def test_amounts_in_words():
    assert D.in_words(4_320_000) == "Bốn triệu ba trăm hai mươi nghìn"
    assert D.in_words(1_005_000) == "Một triệu không trăm linh năm nghìn"
    assert D.in_words(21_150_000) == "Hai mươi mốt triệu một trăm năm mươi nghìn"
    assert D.in_words(15_000) == "Mười lăm nghìn"
    assert D.in_words(2_000_540_000) == "Hai tỷ năm trăm bốn mươi nghìn"


# --- The báo cáo thành tích ---


def test_achievement_report_of_a_person_is_drafted_from_her_record(year, campaign, tmp_path):
    nomination = Nomination.objects.get(pk=year["n"]["cstdcs03"])
    text = _read(D.achievement_pdf(nomination), tmp_path)[1]
    for part in ["BÁO CÁO THÀNH TÍCH", "Đề nghị tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm 2023",
                 "PHÒNG HỢP TÁC QUỐC TẾ", "I. SƠ LƯỢC LÝ LỊCH", "Nguyễn Thị Hương", "Chuyên viên",
                 "tuyển dụng ngày 01/04/2015", "điểm bình quân tháng 100,00",
                 "Hoàn thành xuất sắc nhiệm vụ (HTXSNV)", "Số hóa hồ sơ lãnh sự", "cấp tỉnh",
                 "Có sáng kiến số hóa hồ sơ.", "Hoàn thành vượt tiến độ các đoàn ra.",
                 "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "2021", "2022", "Chiến sĩ thi đua cơ sở",
                 "NGƯỜI BÁO CÁO THÀNH TÍCH", "THỦ TRƯỞNG ĐƠN VỊ", "Đoàn Văn Thắng"]:
        assert part in text, part
    assert "Số:" not in text  # the nominee's own report carries no number


@pytest.mark.parametrize("today, signed", [(date(2023, 12, 20), "2023"), (date(2024, 1, 5), "2024"),
                                           (date(2026, 11, 26), None)])
def test_achievement_report_is_dated_in_the_year_end_or_left_for_the_head(year, tmp_path, today, signed):
    nomination = Nomination.objects.get(pk=year["n"]["cstdcs03"])
    with mock.patch("django.utils.timezone.localdate", return_value=today):
        text = _read(D.achievement_pdf(nomination), tmp_path)[1]
    found = re.search(r"Lạng Sơn, ngày\s+tháng\s+năm\s*(\d{4})?\s+BÁO CÁO THÀNH TÍCH", text)
    assert found, text[:200]
    assert found.group(1) == signed  # None: a draft of an older year leaves the year for the head too


def test_achievement_report_of_a_collective(year, tmp_path):
    nomination = Nomination.objects.get(pk=year["n"]["ttldxs"])
    text = _read(D.achievement_pdf(nomination), tmp_path)[1]
    for part in ["Đề nghị tặng danh hiệu “Tập thể lao động xuất sắc” năm 2023", "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
                 "Số người trong năm 2023: 11", "Hoàn thành tốt nhiệm vụ (HTTNV) – Hoàn thành tốt.",
                 "“Lao động tiên tiến”: 11/11", "Tập thể tiêu biểu của Sở."]:
        assert part in text, part


# --- Refusals ---


def test_documents_refuse_when_there_is_nothing_to_put_in_them(campaign):
    Nomination.objects.filter(status__in=[NominationStatus.APPROVED, NominationStatus.REVOKED]).update(
        status=NominationStatus.SHORTLISTED)
    with pytest.raises(D.DocumentRefused):
        D.decision_pdf(campaign, on=DECISION_DAY)
    with pytest.raises(D.DocumentRefused):
        D.submission_pdf(campaign, on=SUBMISSION_DAY)
    CouncilSession.objects.all().delete()
    with pytest.raises(D.DocumentRefused):
        D.produce(campaign, "minutes", "pdf")
    assert not IssuedDocument.objects.exists()  # a refused document takes no number


# --- The command ---


@pytest.mark.parametrize(("kind", "fmt", "magic"), [
    ("midyear", "xlsx", b"PK"), ("yearend", "pdf", b"%PDF"), ("shortlist", "xlsx", b"PK"),
    ("minutes", "pdf", b"%PDF"), ("submission", "pdf", b"%PDF"), ("decision", "pdf", b"%PDF"),
])
def test_export_report_writes_each_year_end_document(year, tmp_path, kind, fmt, magic):
    path = tmp_path / f"out.{fmt}"
    out = io.StringIO()
    call_command("export_report", kind, "--year", "2023", "--format", fmt, "-o", str(path), stdout=out)
    assert path.read_bytes()[:len(magic)] == magic
    assert str(path) in out.getvalue()


def test_export_report_numbers_a_decision_once(year, tmp_path):
    for name in ("a.pdf", "b.pdf"):
        call_command("export_report", "decision", "--year", "2023", "--format", "pdf", "-o", str(tmp_path / name),
                     stdout=io.StringIO())
    assert list(IssuedDocument.objects.values_list("kind", "number")) == [("decision", 1)]


def _vi(message: str, **values) -> str:
    with translation.override("vi"):
        return translation.gettext(message) % values


@pytest.mark.parametrize(("arguments", "message"), [
    (["decision", "--year", "2023", "--format", "xlsx"],
     _vi("The document “%(kind)s” is not made as %(format)s; it is made as: %(formats)s.",
         kind="decision", format="xlsx", formats="pdf")),
    (["minutes", "--year", "2023", "--format", "xlsx"], "“minutes”"),
    (["yearend", "--year", "2031", "--format", "pdf"], _vi("No campaign for the year %(year)s.", year=2031)),
    (["yearend", "--format", "pdf"], "--year"),
    (["yearend", "--year", "two", "--format", "pdf"], "--year"),
    (["monthly", "--year", "2023", "--format", "pdf"], "--month"),
    (["annual", "--year", "2023", "--format", "pdf"], "“annual”"),
    (["minutes", "--year", "2023", "--format", "pdf", "--session", "999999"], "999999"),
])
def test_export_report_refuses_and_writes_nothing(year, tmp_path, arguments, message):
    path = tmp_path / "out.pdf"
    with translation.override("vi"), pytest.raises(CommandError) as refused:
        call_command("export_report", *arguments, "-o", str(path), stdout=io.StringIO())
    assert message in str(refused.value)
    assert refused.value.returncode != 0
    assert list(tmp_path.iterdir()) == []


def test_export_report_refuses_minutes_without_a_session(campaign, tmp_path):
    CouncilSession.objects.all().delete()
    with translation.override("vi"), pytest.raises(CommandError) as refused:
        call_command("export_report", "minutes", "--year", "2023", "--format", "pdf", "-o", str(tmp_path / "b.pdf"),
                     stdout=io.StringIO())
    assert str(refused.value) == _vi("No council session is recorded for %(year)s: there are no minutes to write.",
                                     year=2023)
    assert list(tmp_path.iterdir()) == [] and not IssuedDocument.objects.exists()


def test_export_report_exits_non_zero_with_the_message_and_no_file(tmp_path):
    """In a process of its own, as the Office runs it: a refusal is a message on stderr and exit status 1."""
    path = tmp_path / "x.pdf"
    result = subprocess.run(
        [sys.executable, "manage.py", "export_report", "decision", "--year", "2023", "--format", "xlsx", "-o",
         str(path)],
        cwd=ROOT, capture_output=True, text=True, env=os.environ,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "xlsx" in result.stderr and not path.exists()


# --- The views ---


@pytest.mark.parametrize(("username", "kind", "fmt", "status"), [
    ("vanphong", "yearend", "xlsx", 200), ("giamdoc", "shortlist", "pdf", 200), ("hoidong", "minutes", "pdf", 200),
    ("hoidong", "shortlist", "xlsx", 200), ("hoidong", "decision", "pdf", 403), ("truongphong", "yearend", "pdf", 403),
    ("canbo", "shortlist", "pdf", 403), ("vanphong", "decision", "xlsx", 404), ("vanphong", "plan", "pdf", 404),
])
def test_document_view_serves_each_reader_what_they_may_read(year, client, username, kind, fmt, status):
    client.force_login(User.objects.get(username=username))
    response = client.get(f"/awards/2023/documents/{kind}.{fmt}")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response.content[:2] in (b"%P", b"PK")


def test_the_office_numbers_a_document_the_board_only_reads_it(year, client):
    client.force_login(User.objects.get(username="giamdoc"))
    assert client.get("/awards/2023/documents/decision.pdf").status_code == 200
    assert not IssuedDocument.objects.exists()
    client.force_login(User.objects.get(username="vanphong"))
    assert client.get("/awards/2023/documents/decision.pdf").status_code == 200
    assert IssuedDocument.objects.get().kind == "decision"


def test_document_view_explains_a_refusal(year, client):
    CouncilSession.objects.all().delete()
    client.force_login(User.objects.get(username="vanphong"))
    response = client.get("/awards/2023/documents/minutes.pdf", follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0].endswith("/awards/2023/nominations/")
    expected = _vi("No council session is recorded for %(year)s: there are no minutes to write.", year=2023)
    assert expected in response.content.decode()


@pytest.mark.parametrize(("username", "nominee", "status"), [
    ("truongphong", "cstdcs03", 200), ("vanphong", "ttldxs", 200), ("giamdoc", "bk05", 200),
    ("canbo", "cstdcs03", 403), ("hoidong", "cstdcs03", 403),
])
def test_achievement_view_for_the_office_the_board_and_the_nominees_head(year, client, username, nominee, status):
    client.force_login(User.objects.get(username=username))
    response = client.get(f"/awards/2023/nominations/{year['n'][nominee]}/achievement.pdf")
    assert response.status_code == status


def test_a_head_gets_no_achievement_report_of_another_division(year, client):
    campaign = Campaign.objects.get(year=2023)
    other = services.nominate(campaign, Title.LDTT, by=User.objects.get(username="vanphong"),
                              staff=_staff("QLBG02"), achievement="Hoàn thành tốt.")
    client.force_login(User.objects.get(username="truongphong"))
    assert client.get(f"/awards/2023/nominations/{other.pk}/achievement.pdf").status_code == 403


# --- The admin ---


@pytest.fixture
def office_in_admin(year, client):
    """The Office with the view permissions of the year-end's records (which a migration of the lead grants)."""
    from django.contrib.auth.models import Permission

    user = User.objects.get(username="vanphong")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    codes = ["view_nomination", "view_councilsession", "view_yearreview", "view_issueddocument",
             "view_publiccomment", "view_councilmember", "view_councilvote"]
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="awards", codename__in=codes))
    client.force_login(user)
    return client


@pytest.mark.parametrize(("model", "action", "magic"), [
    ("nomination", "document_decision_pdf", b"%PDF"), ("nomination", "document_shortlist_xlsx", b"PK"),
    ("yearreview", "document_yearend_xlsx", b"PK"), ("councilsession", "minutes_pdf", b"%PDF"),
])
def test_the_office_makes_the_documents_from_the_admin(office_in_admin, model, action, magic):
    from django.apps import apps

    pk = apps.get_model("awards", model).objects.filter(**({"campaign__year": 2023})).values_list("pk", flat=True)[0]
    url = f"/admin/awards/{model}/"
    assert office_in_admin.get(url).status_code == 200
    response = office_in_admin.post(url, {"action": action, "_selected_action": [pk]})
    assert response.status_code == 200 and response.content[:len(magic)] == magic
    if action == "document_decision_pdf":
        assert IssuedDocument.objects.get().kind == "decision"


def test_the_admin_lists_link_the_documents_and_nobody_edits_the_records_there(year, office_in_admin):
    page = office_in_admin.get("/admin/awards/nomination/").content.decode()
    assert f"/awards/2023/nominations/{year['n']['cstdcs03']}/achievement.pdf" in page
    page = office_in_admin.get("/admin/awards/councilsession/").content.decode()
    assert f"/awards/2023/documents/minutes.pdf?session={year['session'].pk}" in page
    response = office_in_admin.post(f"/admin/awards/nomination/{year['n']['cstdcs03']}/change/", {})
    assert response.status_code == 403
    assert office_in_admin.get("/admin/awards/publiccomment/add/").status_code == 403
