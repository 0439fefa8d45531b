"""The board's dashboard (discipline/dashboard.py, views_dashboard.py): the division summaries the tally keeps,
the figures against hand-built records, the change against the previous month, the scope of each role, what
waits for a decision, the links to the records behind each number, and a fixed number of queries.

The demo department without records: in April 2023 (20 working days) 44 people are in post, none recruited or
leaving during the month, and every score is 100 unless a record below says otherwise.
"""

import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Campaign, CommendationType, ViolationType
from campaigns.workdays import WorkCalendar
from discipline import closing, services
from discipline.dashboard import Dashboard
from discipline.models import (
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    Commendation,
    DivisionMonth,
    RecordStatus,
    Violation,
)
from organization.models import Division, Staff, User
from tests.factories import grow_demo_division

pytestmark = pytest.mark.django_db


def _staff(code):
    return Staff.objects.get(code=code)


def _violation(code, day, type_code, status=RecordStatus.ACTIVE):
    vt = ViolationType.objects.get(campaign__year=2023, code=type_code)
    return Violation.objects.create(staff=_staff(code), date=day, type=vt, points=vt.points, status=status)


@pytest.fixture
def year(demo):
    """March and April 2023 with records by hand, both tallied."""
    campaign = Campaign.objects.get(year=2023)
    _violation("HTQT03", date(2023, 3, 15), "LATE")
    _violation("HTQT03", date(2023, 4, 4), "LATE")
    _violation("HTQT03", date(2023, 4, 5), "EARLY")
    _violation("HTQT05", date(2023, 4, 6), "ABSENT_DAY")
    _violation("HTQT06", date(2023, 4, 12), "LATE", status=RecordStatus.WITHDRAWN)  # does not count
    _violation("HTQT07", date(2023, 4, 13), "TASK_MISSED")  # ND5, not an attendance matter: on time that day
    _violation("LS03", date(2023, 4, 4), "LATE_HEAVY")
    for day in (date(2023, 4, 10), date(2023, 4, 11)):  # two days of annual leave: out of the scope
        AttendanceRecord.objects.create(staff=_staff("HTQT05"), date=day, source=AttendanceSource.MANUAL,
                                        status=AttendanceStatus.ANNUAL_LEAVE)
    # The time clock says sick on the 12th, the Office's entry says present: the Office's entry counts.
    AttendanceRecord.objects.create(staff=_staff("HTQT08"), date=date(2023, 4, 12), source=AttendanceSource.CLOCK,
                                    status=AttendanceStatus.SICK)
    AttendanceRecord.objects.create(staff=_staff("HTQT08"), date=date(2023, 4, 12), source=AttendanceSource.MANUAL,
                                    status=AttendanceStatus.PRESENT)
    ct = CommendationType.objects.get(campaign__year=2023, code="EXEMPLARY")
    Commendation.objects.create(staff=_staff("HTQT02"), date=date(2023, 4, 20), type=ct, points=ct.points)
    services.run_tally(campaign, 2023, 3)
    services.run_tally(campaign, 2023, 4)
    return campaign


def test_the_working_days_and_the_people_of_april_are_what_the_figures_assume(year):
    april = WorkCalendar(year).working_days(date(2023, 4, 1), date(2023, 4, 30))
    assert len(april) == 20
    moved = Staff.objects.filter(date_recruited__range=(date(2023, 4, 1), date(2023, 4, 30))).exists() or \
        Staff.objects.filter(date_left__range=(date(2023, 4, 1), date(2023, 4, 30))).exists()
    assert not moved


def test_the_tally_keeps_each_divisions_month(year):
    htqt = DivisionMonth.objects.get(year=2023, month=4, division__code="HTQT")
    assert (htqt.people, htqt.person_days, htqt.on_time_days) == (10, 10 * 20 - 2, 10 * 20 - 2 - 3)
    assert (htqt.late, htqt.early, htqt.absent, htqt.violations, htqt.commendations) == (1, 1, 1, 4, 1)
    assert htqt.by_content == {"3": 3, "5": 1}
    assert htqt.by_type == {"ABSENT_DAY": 1, "EARLY": 1, "LATE": 1, "TASK_MISSED": 1}
    scores = {s.staff.code: s.total for s in year.monthly_scores.filter(month=4).select_related("staff")}
    assert (scores["HTQT03"], scores["HTQT05"], scores["HTQT07"]) == (96, 90, 90)
    assert htqt.points == sum(total for code, total in scores.items() if code.startswith("HTQT")) == 1000 - 4 - 10 - 10 + (
        scores["HTQT02"] - 100)
    ls = DivisionMonth.objects.get(year=2023, month=4, division__code="LS")
    assert (ls.people, ls.person_days, ls.on_time_days, ls.late, ls.by_type) == (8, 160, 159, 1, {"LATE_HEAVY": 1})
    assert DivisionMonth.objects.filter(year=2023, month=4).count() == 6
    # A record withdrawn later changes the summary at the next tally, and nothing else is left behind.
    Violation.objects.filter(staff__code="LS03").update(status=RecordStatus.WITHDRAWN)
    services.run_tally(year, 2023, 4)
    ls = DivisionMonth.objects.get(year=2023, month=4, division__code="LS")
    assert (ls.on_time_days, ls.late, ls.violations) == (160, 0, 0)
    assert DivisionMonth.objects.filter(year=2023, month=4).count() == 6


def test_the_figures_of_the_month_the_year_and_the_change(year):
    board = Dashboard.build(year, month=(2023, 4))
    april, march = board.figures, board.previous
    assert (april.people, april.person_days, april.on_time_days) == (44, 44 * 20 - 2, 44 * 20 - 2 - 4)
    assert april.on_time_rate == round(100 * 874 / 878, 1) == 99.5
    assert (april.late, april.early, april.absent, april.violations, april.commendations) == (2, 1, 1, 5, 1)
    assert dict(april.by_content) == {3: 4, 5: 1}
    assert (march.late, march.violations, march.on_time_rate) == (1, 1, round(100 * (44 * 23 - 1) / (44 * 23), 1))
    assert board.year_to_date.late == 3 and board.year_to_date.violations == 6
    assert board.month in board.provisional  # April is not closed
    htqt = next(row for row in board.divisions if row.division.code == "HTQT")
    assert (htqt.month.late, htqt.previous.late, htqt.month.on_time_rate) == (1, 1, round(100 * 195 / 198, 1))
    assert htqt.late  # not signed off, and the deadline of April 2023 has long passed


def test_march_had_23_working_days(year):
    assert len(WorkCalendar(year).working_days(date(2023, 3, 1), date(2023, 3, 31))) == 23


def test_a_head_sees_their_division_only(year, login):
    page = login("truongphong").get("/discipline/dashboard/?month=2023-04").text
    assert "Bảng tin: Phòng Hợp tác quốc tế" in page
    assert re.search(r'data-stat="late".*?class="stat-value">1</a>', page, re.S)
    assert re.search(r'data-stat="on_time".*?class="stat-value">98,5%</a>', page, re.S)
    assert 'id="dashboard-divisions"' not in page and "Phòng Lãnh sự" not in page


def test_the_board_sees_the_whole_department_on_its_home(year, login):
    page = login("giamdoc").get("/board/?month=2023-04").text
    assert "Bảng tin của Sở" in page and 'id="dashboard-provisional"' in page
    assert re.search(r'data-stat="late".*?class="stat-value">2</a>.*?▲ \+1', page, re.S)
    rows = re.findall(r'<tr data-division="(\w+)">', page)
    assert rows == ["BGD", "VP", "LS", "HTQT", "QLBG", "TTDN"]
    # Violations by type and by content, and the grades, each against March.
    types = re.findall(r'<tr data-type="(\w+)"><th scope="row" class="fw-normal">[^<]+</th>'
                       r'<td class="text-end">(?:<a href="[^"]+">)?(\d+)(?:</a>)?</td><td class="text-end">(\d+)</td>'
                       r'<td class="text-end">([+-]?\d+)</td><td class="text-end"><a href="[^"]+">(\d+)</a></td>', page)
    assert types == [("LATE", "1", "1", "0", "2"), ("ABSENT_DAY", "1", "0", "+1", "1"), ("EARLY", "1", "0", "+1", "1"),
                     ("LATE_HEAVY", "1", "0", "+1", "1"), ("TASK_MISSED", "1", "0", "+1", "1")]  # most frequent first
    nd3 = re.search(r'<tr data-content="3"><th scope="row">ND3</th><td class="text-end"><a href="[^"]+">(\d+)</a></td>'
                    r'<td class="text-end">(\d+)</td><td class="text-end">([+-]?\d+)</td>', page)
    assert nd3.groups() == ("4", "1", "+3")
    grade_a = re.search(r'<tr data-grade="A"><th scope="row">A</th><td class="text-end"><a href="[^"]+">(\d+)</a>'
                        r'</td><td class="text-end">(\d+)</td>', page)
    assert grade_a.groups() == ("44", "44")


def test_every_number_opens_the_records_it_counts(year, login):
    client = login("vanphong")
    page = client.get("/discipline/dashboard/?month=2023-04").text
    for key, expected in (("late", 2), ("early", 1), ("absent", 1), ("violations", 5), ("commendations", 1)):
        url = re.search(rf'data-stat="{key}".*?<a href="([^"]+)" class="stat-value">', page, re.S).group(1)
        listed = client.get(url.replace("&amp;", "&")).text
        assert re.search(rf'id="record-count">{expected} bản ghi<', listed), (key, url)
    htqt = re.search(r'<tr data-division="HTQT">.*?</tr>', page, re.S).group(0)
    late_url = re.search(r'class="text-end division-late"><a href="([^"]+)"', htqt).group(1).replace("&amp;", "&")
    assert 'id="record-count">1 bản ghi<' in client.get(late_url).text
    nd5 = re.search(r'data-content="5".*?<a href="([^"]+)">1</a>', page, re.S).group(1).replace("&amp;", "&")
    assert "Nhiệm vụ quá hạn" in client.get(nd5).text


def test_what_waits_for_the_board(year, login):
    from awards import services as awards_services

    board = login("giamdoc")
    page = board.get("/board/?month=2023-04").text
    waiting = re.search(r'id="dashboard-waiting".*?</section>', page, re.S).group(0)
    assert "Phòng chậm xác nhận tháng" in waiting and "Phòng Hợp tác quốc tế" in waiting
    head = Staff.objects.get(code="HTQT01").user
    awards_services.propose_rating(year, _staff("HTQT03"), rating="HTTNV", opinion="Tốt.", reason="", by=head)
    page = board.get("/board/?month=2023-04").text
    assert re.search(r'href="/awards/2023/ratings/">Xếp loại đã đề xuất, chờ quyết định</a>\s*'
                     r'<span class="badge text-bg-warning fs-6">1</span>', page)
    # A head's dashboard counts their division's only, and has no reopening requests (the board decides them).
    own = login("truongphong").get("/discipline/dashboard/?month=2023-04").text
    assert re.search(r'Xếp loại đã đề xuất, chờ quyết định</a>\s*<span class="badge text-bg-warning fs-6">1<', own)
    assert "Đề nghị mở lại tháng" not in own
    ls_head = Staff.objects.get(code="LS01")
    ls_head.user = User.objects.create_user("truongls", password="x-2023-long-password")
    ls_head.save(update_fields=["user"])
    from django.contrib.auth.models import Group

    ls_head.user.groups.add(Group.objects.get(name="Trưởng phòng"))
    other = login("truongls").get("/discipline/dashboard/?month=2023-04").text
    assert "Bảng tin: Phòng Lãnh sự" in other
    assert re.search(r'Xếp loại đã đề xuất, chờ quyết định</a>\s*<span class="badge text-bg-light border fs-6">0<',
                     other)


def test_no_tally_yet_says_so(demo, login):
    page = login("giamdoc").get("/board/").text
    assert "Chưa có tháng nào của" in page and "chưa có số liệu" in page
    assert 'data-stat=' not in page


def test_a_month_not_understood_gets_a_message(year, login):
    client = login("giamdoc")
    for bad, message in (("2023-13", "Không đọc được tháng"), ("x<script>", "Không đọc được tháng"),
                         ("2031-01", "Không có phong trào nào bao gồm tháng 01/2031")):
        response = client.get("/discipline/dashboard/", {"month": bad})
        assert response.status_code == 200
        assert message in response.text and "<script>" not in response.text
        assert 'data-stat="late"' in response.text  # the latest month with figures instead


def test_others_do_not_see_the_dashboard(year, login):
    assert login("canbo").get("/discipline/dashboard/").status_code == 403
    assert login("hoidong").get("/discipline/dashboard/").status_code == 403


@pytest.mark.parametrize("url", ["/discipline/dashboard/?month=2023-04", "/board/?month=2023-04"])
def test_the_dashboard_runs_the_same_queries_for_few_or_many_people(demo, client, url):
    campaign = Campaign.objects.get(year=2023)
    user = Staff.objects.get(code="BGD01").user
    client.force_login(user)

    def count():
        """The queries of the page rendering its figures, and of the page reading them from the cache."""
        from django.core.cache import cache

        services.run_tally(campaign, 2023, 3)
        services.run_tally(campaign, 2023, 4)
        client.get(url)  # warm the per-process caches (the calendar's holidays)
        cache.clear()
        with CaptureQueriesContext(connection) as rendering:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as cached:
            assert client.get(url).status_code == 200
        return len(rendering), len(cached)

    grow_demo_division(3)
    few = count()
    grow_demo_division(30, start=3, code="LS")
    assert count() == few
    assert few[1] < few[0]


def test_refresh_dashboard_rebuilds_the_summaries_and_refuses_bad_arguments(year):
    DivisionMonth.objects.all().delete()
    out = io.StringIO()
    call_command("refresh_dashboard", "--year", "2023", stdout=out)
    assert out.getvalue().splitlines() == ["Tháng 03/2023: đã tổng hợp 6 phòng.", "Tháng 04/2023: đã tổng hợp 6 phòng."]
    assert DivisionMonth.objects.get(month=4, division__code="HTQT").late == 1
    for args, message in ((["--year", "2031"], "Không có phong trào nào"), (["--month", "2023-13"], "yyyy-mm"),
                          ([], "--year"), (["--year", "23"], "yyyy"), (["--month", "2023-07"], "Chưa có tháng")):
        with pytest.raises(CommandError, match=message):
            call_command("refresh_dashboard", *args, stdout=io.StringIO())


def test_the_record_lists_filter_by_year_and_several_types(year, login):
    client = login("vanphong")
    htqt = Division.objects.get(code="HTQT")
    page = client.get("/discipline/violations/", {"year": "2023", "type": "LATE,LATE_HEAVY", "status": "active"}).text
    assert 'id="record-count">3 bản ghi<' in page
    page = client.get("/discipline/violations/", {"year": "2023", "division": htqt.pk, "type": "late,early"}).text
    assert 'id="record-count">4 bản ghi<' in page  # HTQT03's two lateness and early leave, HTQT06's withdrawn one
    bad = client.get("/discipline/violations/", {"type": "LATE;DROP", "year": "20x3"})
    assert bad.status_code == 200 and "Điều kiện lọc không hợp lệ" in bad.text


def test_the_page_follows_the_tally_the_sign_offs_and_the_close(year, login):

    client = login("giamdoc")

    def late_and_htqt():
        page = client.get("/board/?month=2023-04").text
        late = re.search(r'data-stat="late".*?class="stat-value">(\d+)</a>', page, re.S).group(1)
        htqt = re.search(r'<tr data-division="HTQT">.*?</tr>', page, re.S).group(0)
        return int(late), htqt, page

    late, htqt, _page = late_and_htqt()
    assert late == 2 and ">chậm<" in htqt  # the deadline of April 2023 has long passed
    # A record entered after the tally shows at the next tally ("as of the last tally"), not before.
    _violation("LS04", date(2023, 4, 7), "LATE")
    assert late_and_htqt()[0] == 2
    services.run_tally(year, 2023, 4)
    assert late_and_htqt()[0] == 3
    # The head signs the month off: the badge changes at once, and HTQT leaves the late list.
    closing.sign_off(year, Division.objects.get(code="HTQT"), 2023, 4, by=Staff.objects.get(code="HTQT01").user)
    _late, htqt, page = late_and_htqt()
    assert "đã xác nhận" in htqt
    waiting = re.search(r'id="dashboard-waiting".*?</section>', page, re.S).group(0)
    assert "Phòng Hợp tác quốc tế" not in waiting and "Phòng Lãnh sự" in waiting
    # Closed: final figures.
    closing.close_month(year, 2023, 4, by=User.objects.get(username="vanphong"), reason="Giao ban đã họp")
    page = late_and_htqt()[2]
    assert 'id="dashboard-provisional"' not in page and "chính thức" in page


def test_a_repeated_request_reads_the_figures_from_the_cache(year, client):
    client.force_login(Staff.objects.get(code="BGD01").user)
    with CaptureQueriesContext(connection) as first:
        client.get("/board/?month=2023-04")
    with CaptureQueriesContext(connection) as second:
        client.get("/board/?month=2023-04")
    assert len(second) < len(first)
    assert not any("discipline_divisionmonth" in q["sql"] and "GROUP BY" not in q["sql"] for q in second.captured_queries)


def test_the_printed_dashboard_is_made_once_per_state(year, login, monkeypatch):
    from discipline import documents

    made = []
    real = documents.dashboard_pdf
    monkeypatch.setattr(documents, "dashboard_pdf", lambda context: made.append(1) or real(context))
    board = login("giamdoc")
    first = board.get("/discipline/dashboard.pdf?month=2023-04").content
    again = board.get("/discipline/dashboard.pdf?month=2023-04").content
    assert len(made) == 1 and again == first  # a second member of the board gets the same document
    # Anything that changes what it shows makes it again: here a sign-off of April.
    closing.sign_off(year, Division.objects.get(code="HTQT"), 2023, 4,
                     by=User.objects.get(username="truongphong"), note="")
    board.get("/discipline/dashboard.pdf?month=2023-04")
    assert len(made) == 2


def test_the_printed_dashboard_says_what_the_screen_says(year, login, tmp_path):
    import subprocess

    response = login("giamdoc").get("/discipline/dashboard.pdf?month=2023-04")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bang-tin-2023-04.pdf"'
    pdf = tmp_path / "bang-tin.pdf"
    pdf.write_bytes(response.content)
    text = re.sub(r"[ \t]+", " ", subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                                  text=True, check=True).stdout)
    for part in ("BÁO CÁO", "Tình hình chấp hành kỷ luật, kỷ cương hành chính tháng 04/2023", "(Tạm tính)",
                 "1. Tháng 04/2023 so với tháng 03/2023", "2. Các phòng trong tháng 04/2023", "3. Mười hai tháng",
                 "Nơi nhận:", "GIÁM ĐỐC"):
        assert part in text, part
    late = next(line for line in text.splitlines() if line.strip().startswith("Đi muộn"))
    assert late.split()[2:5] == ["2", "1", "+1"], late  # April, March, the change
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert all(row.split()[-5] == "yes" for row in fonts.splitlines()[2:])
    head = login("truongphong").get("/discipline/dashboard.pdf?month=2023-04")
    assert head["Content-Disposition"] == 'attachment; filename="bang-tin-2023-04-htqt.pdf"'
