"""Bad input (issue 7): HTML and script typed into every free-text field a person can fill, and very long names.

The markup goes in through the portal's own forms wherever one exists; every page, PDF and workbook that shows it
must show it as text: never the raw tags in a page (escaped instead), the characters themselves in a PDF (read
back with poppler's pdftotext) and in a cell. Long names: at the limit they are kept and every page and
document renders; one over, the form says so in Vietnamese and saves nothing.
"""

import io
import re
import subprocess
from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from openpyxl import load_workbook

from awards import services as awards_services
from awards.models import CouncilSession, Nomination
from campaigns.models import Campaign, CommendationType, ViolationType
from campaigns.workdays import WorkCalendar
from discipline import services
from discipline.models import AttendanceStatus, Commendation, Dispute, Violation
from organization.models import Division, Staff, User

pytestmark = pytest.mark.django_db

MARKUP = "<script>alert(1)</script><b>x</b>&amp;\"'"
RAW = ["<script>alert(1)</script>", "<b>x</b>"]
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;&amp;amp;&quot;&#x27;"
NAME = f"Nguyễn {MARKUP} Hương"  # the person every record below is about


def _user(username):
    return User.objects.get(username=username)


def _staff(code):
    return Staff.objects.get(code=code)


def _ok(response):
    assert response.status_code in (200, 302), response.status_code
    return response


def _staff_data(staff, **changes):
    return {"code": staff.code, "full_name": staff.full_name, "gender": staff.gender, "position": staff.position_id,
            "employment_type": staff.employment_type, "date_recruited": staff.date_recruited.strftime("%d/%m/%Y"),
            "active": "on", "reason": MARKUP} | changes


def _record_data(kind, day, **extra):
    model, code = (ViolationType, "NO_BADGE") if kind == "violation" else (CommendationType, "EXEMPLARY")
    return {"staff": _staff("HTQT03").pk, "date": day, "type": model.objects.get(campaign__year=2023, code=code).pk,
            "points": "", "points_reason": "", "description": MARKUP} | extra


@pytest.fixture
def marked(demo, login, client):
    """The demo department with the markup in every free-text field, typed by the people who fill each."""
    campaign = Campaign.objects.get(year=2023)
    canbo, htqt = _staff("HTQT03"), Division.objects.get(code="HTQT")
    office = login("vanphong")
    _ok(office.post(reverse("organization:staff-update", args=[canbo.pk]), _staff_data(canbo, full_name=NAME)))
    profile = {"province": "Lạng Sơn", "place_name": "Lạng Sơn", "parent_body": "UBND TỈNH LẠNG SƠN",
               "agency_name": "SỞ NGOẠI VỤ", "agency_abbreviation": "SNgV", "director_name": f"Phạm {MARKUP}",
               "deputy_director_name": f"Hoàng {MARKUP}", "recipients_report": MARKUP, "recipients_decision": MARKUP}
    _ok(office.post(reverse("organization:agency-profile"), profile))
    _ok(office.post(reverse("organization:staff-transfer", args=[_staff("HTQT07").pk]),
                    {"division": Division.objects.get(code="LS").pk, "on": "01/06/2023", "note": MARKUP}))
    _ok(office.post(reverse("discipline:violation-create"), _record_data("violation", "12/04/2023", points="5",
                                                                          points_reason=MARKUP)))
    _ok(office.post(reverse("discipline:commendation-create"), _record_data("commendation", "13/04/2023")))
    _ok(office.post(reverse("discipline:violation-create"), _record_data("violation", "14/04/2023")))
    _ok(office.post(reverse("discipline:violation-create"), _record_data("violation", "17/04/2023")))
    first, disputed, withdrawn = Violation.objects.order_by("date")
    _ok(office.post(reverse("discipline:violation-withdraw", args=[withdrawn.pk]),
                    {"version": withdrawn.version, "reason": MARKUP}))
    services.save_day_sheet(date(2023, 4, 20), [services.SheetEntry(canbo, AttendanceStatus.PRESENT,
                                                                     check_in=time(7, 20), note=MARKUP)],
                            by=_user("vanphong"), calendar=WorkCalendar(campaign))

    person = login("canbo")
    _ok(person.post(reverse("discipline:violation-explain", args=[first.pk]), {"text": MARKUP}))
    head = login("truongphong")
    explanation = first.explanation
    _ok(head.post(reverse("discipline:explanation-decide", args=[first.pk]),
                  {"accept": "0", "reason": MARKUP, "version": explanation.version}))
    _ok(head.post(reverse("discipline:violation-dispute", args=[disputed.pk]), {"reason": MARKUP}))
    dispute = Dispute.objects.get()
    _ok(login("vanphong").post(reverse("discipline:dispute-resolve", args=[dispute.pk]),
                               {"version": dispute.version, "outcome": "confirm", "answer": MARKUP}))
    head = login("truongphong")
    _ok(head.post(reverse("discipline:comment-save", args=[2023, 4, canbo.pk]), {"text": MARKUP}))
    _ok(head.post(reverse("discipline:division-signoff", args=[2023, 4, htqt.pk]), {"note": MARKUP}))
    office = login("vanphong")
    _ok(office.post(reverse("discipline:tally"), {"month": "2023-04"}))
    _ok(office.post(reverse("discipline:month-close", args=[2023, 4]), {"reason": MARKUP}))
    _ok(office.post(reverse("discipline:month-reopen", args=[2023, 4]), {"reason": MARKUP}))

    # The year end.
    _ok(login("canbo").post(reverse("awards:self-assess", args=[2023, canbo.pk]),
                            {"rating": "HTTNV", "text": MARKUP, "version": "0"}))
    _ok(login("truongphong").post(reverse("awards:propose", args=[2023, canbo.pk]),
                                  {"rating": "HTTNV", "opinion": MARKUP, "reason": MARKUP, "version": "1"}))
    board = login("giamdoc")
    _ok(board.post(reverse("awards:decide-rating", args=[2023, canbo.pk]),
                   {"rating": "HTTNV", "reason": MARKUP, "version": "2"}))
    for other in Staff.objects.in_division(htqt).exclude(pk=canbo.pk):
        awards_services.decide_rating(campaign, other, rating="HTTNV", reason="", by=_user("giamdoc"))
    _ok(board.post(reverse("awards:rate-division", args=[2023, htqt.pk]),
                   {"rating": "HTTNV", "note": MARKUP, "version": "0"}))
    _ok(login("truongphong").post(reverse("awards:nominate", args=[2023]),
                                  {"title": "LDTT", "nominee": f"s{canbo.pk}", "achievement": MARKUP,
                                   "reason": MARKUP}))
    nomination = Nomination.objects.get()
    awards_services.shortlist(nomination, by=_user("vanphong"))
    people = list(Staff.objects.filter(code__in=["BGD01", "VP01", "HTQT01", "LS01"]).order_by("code"))
    session = {"held_on": "15/12/2023", "started_at": "08:00", "ended_at": "10:30", "place": MARKUP,
               "chair": people[0].pk, "secretary": people[1].pk, "method": "hands", "note": MARKUP, "version": "",
               "members-TOTAL_FORMS": len(people), "members-INITIAL_FORMS": 0, "members-MIN_NUM_FORMS": 0,
               "members-MAX_NUM_FORMS": 1000, f"for_{nomination.pk}": len(people), f"written_{nomination.pk}": 0}
    for i, member in enumerate(people):
        session |= {f"members-{i}-staff": member.pk, f"members-{i}-council_role": MARKUP[:100],
                    f"members-{i}-attendance": "present"}
    _ok(login("vanphong").post(reverse("awards:council-new", args=[2023]), session))
    awards_services.decide(nomination, approve=True, reason=MARKUP, by=_user("giamdoc"))
    awards_services.publish(campaign, days=7, by=_user("vanphong"), on=timezone.localdate() - timedelta(days=1))
    _ok(login("canbo").post(reverse("awards:notice-comment", args=[2023]),
                            {"nomination": nomination.pk, "text": MARKUP}))
    return {"canbo": canbo, "htqt": htqt, "first": first, "disputed": disputed, "withdrawn": withdrawn,
            "commendation": Commendation.objects.get(), "dispute": dispute, "nomination": nomination,
            "session": CouncilSession.objects.get()}


def test_the_markup_was_kept_as_typed(marked):
    canbo = Staff.objects.get(pk=marked["canbo"].pk)
    assert canbo.full_name == NAME
    first = Violation.objects.get(pk=marked["first"].pk)
    assert (first.description, first.points_reason, first.explanation.text, first.explanation.decision_reason) == (
        MARKUP, MARKUP, MARKUP, MARKUP)
    assert Dispute.objects.get().resolution == MARKUP
    assert Nomination.objects.get().achievement == MARKUP
    assert CouncilSession.objects.get().place == MARKUP


def _pages(m):
    """(who, url, shows the markup) for every page that may show what was typed."""
    canbo, htqt, n, s = m["canbo"], m["htqt"], m["nomination"], m["session"]
    return [
        ("vanphong", reverse("organization:staff-list"), True),
        ("vanphong", reverse("organization:staff-detail", args=[canbo.pk]), True),
        ("vanphong", reverse("organization:staff-detail", args=[_staff("HTQT07").pk]), True),
        ("vanphong", reverse("organization:office-home"), False),
        ("vanphong", reverse("organization:agency-profile"), True),
        ("truongphong", reverse("organization:division-home"), True),
        ("canbo", reverse("organization:my-home"), True),
        ("vanphong", reverse("discipline:violation-list"), True),
        ("vanphong", reverse("discipline:violation-list") + "?month=2023-04", True),
        ("vanphong", m["first"].get_absolute_url(), True),
        ("canbo", m["first"].get_absolute_url(), True),
        ("vanphong", m["withdrawn"].get_absolute_url(), True),
        ("vanphong", m["commendation"].get_absolute_url(), True),
        ("vanphong", reverse("discipline:commendation-list"), True),
        ("vanphong", reverse("discipline:violation-update", args=[m["disputed"].pk]), True),
        ("truongphong", reverse("discipline:explanation-list"), False),
        ("vanphong", reverse("discipline:dispute-list"), False),  # open disputes only: this one is settled
        ("vanphong", m["dispute"].get_absolute_url(), True),
        ("vanphong", reverse("discipline:month-list"), False),
        ("vanphong", reverse("discipline:month", args=[2023, 4]), True),
        ("truongphong", reverse("discipline:division-month", args=[2023, 4, htqt.pk]), True),
        ("canbo", reverse("discipline:person-month", args=[2023, 4, canbo.pk]), True),
        ("vanphong", reverse("discipline:monthly-report", args=[2023, 4]), True),
        ("vanphong", reverse("discipline:day-sheet") + f"?division={htqt.pk}&day=20/04/2023", True),
        ("vanphong", reverse("discipline:tally") + "?month=2023-04", True),
        ("canbo", reverse("discipline:notification-list"), False),
        ("giamdoc", reverse("discipline:dashboard") + "?month=2023-04", False),
        ("vanphong", reverse("discipline:briefing"), False),
        ("canbo", reverse("awards:person-year", args=[2023, canbo.pk]), True),
        ("giamdoc", reverse("awards:person-year", args=[2023, canbo.pk]), True),
        ("giamdoc", reverse("awards:ratings", args=[2023]), True),
        ("giamdoc", reverse("awards:division-year", args=[2023, htqt.pk]), True),
        ("vanphong", reverse("awards:year-summary", args=[2023]), True),
        ("vanphong", reverse("awards:eligibility", args=[2023]), True),
        ("vanphong", reverse("awards:nominations", args=[2023]), True),
        ("vanphong", n.get_absolute_url(), True),
        ("vanphong", reverse("awards:council", args=[2023]), False),
        ("vanphong", s.get_absolute_url(), True),
        ("vanphong", reverse("awards:notice", args=[2023]), True),
        ("canbo", reverse("awards:notice", args=[2023]), True),
    ]


def test_every_page_shows_the_markup_as_text(marked, client):
    problems = []
    for username, url, shows in _pages(marked):
        client.force_login(_user(username))
        response = client.get(url)
        page = response.content.decode()
        if response.status_code != 200:
            problems.append((username, url, response.status_code))
        problems += [(username, url, f"raw {raw}") for raw in RAW if raw in page]
        if shows and ESCAPED not in page:
            problems.append((username, url, "not shown escaped"))
    assert problems == []


def _pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    # In drawing order (-raw): a table cell's wrapped lines stay together, not interleaved with the next column's.
    # Spaces are dropped, as wrapping moves them.
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True).stdout
    return re.sub(r"\s+", "", text.decode())


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


DIRECTOR = f"Phạm {MARKUP}"  # the signer, printed under every document of the Office

# (who, URL name, its arguments, what of the markup it prints)
PDFS = [
    ("vanphong", "discipline:monthly-report-pdf", [2023, 4], [DIRECTOR]),
    ("giamdoc", "discipline:dashboard-pdf", [], []),
    ("vanphong", "awards:document", [2023, "midyear", "pdf"], [NAME, DIRECTOR]),
    ("vanphong", "awards:document", [2023, "yearend", "pdf"], [NAME, DIRECTOR]),
    ("vanphong", "awards:document", [2023, "shortlist", "pdf"], [NAME]),
    ("vanphong", "awards:document", [2023, "minutes", "pdf"], [MARKUP]),
    ("vanphong", "awards:document", [2023, "decision", "pdf"], [NAME]),
]


@pytest.mark.parametrize(("username", "name", "args", "prints"), PDFS)
def test_the_pdfs_print_the_markup_as_text(marked, client, username, name, args, prints):
    client.force_login(_user(username))
    response = client.get(reverse(name, args=args) + ("?month=2023-04" if name == "discipline:dashboard-pdf" else ""))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for typed in prints:
        # As typed: the tags as characters, the ampersand of "&amp;" neither lost nor doubled.
        assert _flat(typed) in text, (name, typed)
    assert "&amp;amp;" not in text and "&lt;" not in text


def test_the_achievement_report_prints_the_summary_as_text(marked, client):
    client.force_login(_user("vanphong"))
    response = client.get(reverse("awards:achievement", args=[2023, marked["nomination"].pk]))
    assert response.status_code == 200
    assert _flat(MARKUP) in _pdf_text(response.content)


def _cells(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content))
    return [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value]


@pytest.mark.parametrize(("name", "args"), [
    ("discipline:monthly-report-xlsx", [2023, 4]),
    ("awards:document", [2023, "yearend", "xlsx"]),
    ("awards:document", [2023, "shortlist", "xlsx"]),
])
def test_the_workbooks_hold_the_markup_as_text(marked, client, name, args):
    client.force_login(_user("vanphong"))
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    cells = _cells(response.content)
    assert any(NAME in cell or MARKUP in cell for cell in cells), name


# --- Very long names ---


def test_a_full_name_at_the_limit_is_kept_and_one_over_is_refused(demo, login):
    staff = _staff("HTQT03")
    limit = Staff._meta.get_field("full_name").max_length
    longest = ("Nguyễn Thị " + "Hương " * 30)[:limit - 1] + "X"
    assert len(longest) == limit
    client = login("vanphong")
    url = reverse("organization:staff-update", args=[staff.pk])
    refused = client.post(url, _staff_data(staff, full_name=longest + "Y", reason="Sửa tên"))
    expected = ngettext("Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
                        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                        limit) % {"limit_value": limit, "show_value": limit + 1}
    assert expected.startswith("Giá trị này chỉ có tối đa 100") and expected in refused.content.decode()
    assert Staff.objects.get(pk=staff.pk).full_name == "Nguyễn Thị Hương"
    assert client.post(url, _staff_data(staff, full_name=longest, reason="Sửa tên")).status_code == 302
    assert Staff.objects.get(pk=staff.pk).full_name == longest


def test_pages_and_documents_render_a_long_name_and_a_long_description(demo, login):
    staff = _staff("HTQT03")
    limit = Staff._meta.get_field("full_name").max_length
    longest = ("Nguyễn Thị " + "Hươnggggggggggg " * 10)[:limit]
    client = login("vanphong")
    _ok(client.post(reverse("organization:staff-update", args=[staff.pk]), _staff_data(staff, full_name=longest)))
    description = "Không đeo thẻ. " * 400  # 6 000 characters, one paragraph
    _ok(client.post(reverse("discipline:violation-create"),
                    _record_data("violation", "12/04/2023", description=description)))
    violation = Violation.objects.get()
    assert violation.description == description.strip() or violation.description == description
    for url in [reverse("organization:staff-list"), staff.get_absolute_url(), violation.get_absolute_url(),
                reverse("discipline:violation-list"), reverse("discipline:monthly-report", args=[2023, 4]),
                reverse("awards:year-summary", args=[2023])]:
        response = client.get(url)
        assert response.status_code == 200 and longest in response.content.decode(), url
    pdf = client.get(reverse("discipline:monthly-report-pdf", args=[2023, 4]))  # the divisions' figures, no names
    assert pdf.status_code == 200 and _pdf_text(pdf.content)
    for kind in ("midyear", "yearend"):
        document = client.get(reverse("awards:document", args=[2023, kind, "pdf"]))
        assert document.status_code == 200 and _flat(longest) in _pdf_text(document.content)
    client.force_login(_user("giamdoc"))
    assert client.get(reverse("discipline:dashboard-pdf") + "?month=2023-04").status_code == 200
