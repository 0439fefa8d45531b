"""The access matrix: for every URL pattern of the portal and every role, what must happen.

The policy is least privilege (DOMAIN.md §2, organization/access.py, migration 0002_roles):

* anonymous users reach the login page only; everything else sends them to ``/login/?next=…``, the
  admin included (its own login page forwards to the portal's);
* the Office reaches every page of organization and campaigns, and the admin for the models its role
  has permissions for; a model it lacks permissions for answers 403;
* everyone else is signed in but not ``is_staff``: the admin answers 403;
* each role home is for the holders of that role; ``/`` leads to the home of the highest role held;
* the staff list is for the Office, the board and heads (their division only); a staff record is for
  the Office, the board, the head of the person's division today, and the person themself;
* writing (create, edit, transfer, roles, accounts, passwords, import, agency profile, campaign copy)
  is the Office's alone;
* every role reads the campaigns;
* records of discipline (attendance, violations, commendations, their evidence and explanation files) follow
  discipline/access.py: the Office and the board see all, a head sees what was dated while the person was in
  their division, everyone sees their own; recording, correcting, withdrawing, the day sheet and the time-clock
  import are the Office's alone; only the person concerned explains; an explanation is decided by the head of
  the person's division, the Office or the board, never by the person, and a head's own only by the board;
* in the admin the Office only views the records that the portal's workflows write (attendance, violations,
  commendations, explanations, time-clock imports); sanctions, initiatives and earlier titles it edits there;
* an unknown object is a 404 for the roles that may use the view.

``MATRIX`` holds one row per (URL pattern, object, method). ``test_access_matrix`` requests every cell;
``test_every_url_pattern_has_a_row`` fails when a pattern is added without a row.

The admin sends whoever lacks admin access (anonymous or not ``is_staff``) to its own login page, and the
portal's admin site answers there: anonymous users go on to ``/login/?next=…``, signed-in ones get a 403.
The test follows that one hop and judges where it ends; the mismatch table shows the hop.
"""

# The matrix is a table: one row a line reads better than lines cut at 110 characters.
# ruff: noqa: E501

import io
import re
import time
from dataclasses import dataclass, field
from datetime import date
from datetime import time as clock_time
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils.regex_helper import normalize

from awards.models import AwardTitle, Initiative, PriorTitle
from campaigns.models import Campaign, CommendationType, ViolationType
from campaigns.workdays import WorkCalendar
from discipline import clock, services
from discipline.models import (
    AttendanceRecord,
    AttendanceStatus,
    Commendation,
    Explanation,
    MonthlyScore,
    Sanction,
    Violation,
)
from organization.models import AgencyProfile, Division, Position, Staff, User
from organization.roles import Role
from organization.services import create_account

pytestmark = pytest.mark.django_db

# --- Notation -------------------------------------------------------------------------------------------

ANON, STAFF, HEAD_A, HEAD_B, OFFICE, BOARD, COUNCIL = ROLES = (
    "anonymous",  # not signed in
    "staff",  # canbo: a specialist (Chuyên viên) of HTQT
    "head_a",  # truongphong: head of HTQT
    "head_b",  # head of LS, an account this module creates on LS01
    "office",  # vanphong: Văn phòng (and Cán bộ)
    "board",  # giamdoc: Ban Giám đốc, Hội đồng TĐKT and Cán bộ
    "council",  # hoidong: Hội đồng TĐKT and Cán bộ, in division VP
)
USERNAMES = {STAFF: "canbo", HEAD_A: "truongphong", OFFICE: "vanphong", BOARD: "giamdoc", COUNCIL: "hoidong"}
HEAD_B_USERNAME = "truonglanhsu"

LOGIN = "login"  # 302 to /login/?next=<the URL requested>


@dataclass(frozen=True)
class Redirect:
    """A 302 to the named URL (reversed with ``args``, which may name objects: see ``Obj``)."""

    name: str
    args: tuple = ()

    def __repr__(self):
        return f"→{self.name}" + (f"({', '.join(map(str, self.args))})" if self.args else "")


def to(name, *args):
    return Redirect(name, args)


class Obj(str):
    """A reference to an object of the demo data, filled in by ``_objects``; plain strings are literal."""

    def __repr__(self):
        return f"<{str(self)}>"


# Objects of the demo data that rows refer to.
SELF = Obj("self")  # the requesting user's own staff record (canbo's for anonymous)
CANBO = Obj("canbo")  # HTQT03, canbo's own record, in HTQT
HTQT_PEER = Obj("htqt_peer")  # HTQT05, a colleague of canbo in HTQT, without an account
MOVED_IN = Obj("moved_in")  # LS07, transferred from LS to HTQT on 01/07/2023: HTQT today
LS_PERSON = Obj("ls_person")  # LS03, in LS
HOIDONG = Obj("hoidong")  # VP03, the council member's own record, in VP
NO_STAFF = Obj("no_staff")  # a staff pk that does not exist
CAMPAIGN = Obj("campaign_2023")
NO_CAMPAIGN = Obj("no_campaign")
STAFF_CT = Obj("staff_ct")  # content type id of organization.Staff
GROUP, USER = Obj("group"), Obj("user")
ATTEMPT, ACCESS_LOG, FAILURE_LOG = Obj("accessattempt"), Obj("accesslog"), Obj("accessfailurelog")
DIVISION, DIVISION_V = Obj("division"), Obj("division_version")  # HTQT
LS_DIVISION, NO_DIVISION = Obj("ls_division"), Obj("no_division")
POSITION, POSITION_V = Obj("position"), Obj("position_version")
STAFF_V = Obj("staff_version")  # a history row of HTQT_PEER
PROFILE, PROFILE_V = Obj("agencyprofile"), Obj("agencyprofile_version")
CAMPAIGN_V = Obj("campaign_version")
VIOLATION, VIOLATION_V = Obj("violationtype"), Obj("violationtype_version")
COMMENDATION, COMMENDATION_V = Obj("commendationtype"), Obj("commendationtype_version")

# Records of discipline, made by ``_records`` through the services, dated in June 2023 (LS07 was then in LS).
# Their subjects: canbo (HTQT03), an LS person (LS03, given an account so that they can explain), truongphong
# (HTQT01, a head: only the board decides on him) and hoidong (VP03).
ATT_CANBO, ATT_LS, ATT_HEAD, ATT_HOIDONG = (Obj(f"attendance_{who}") for who in ("canbo", "ls", "head", "hoidong"))
# Violations with evidence and a pending explanation with an attachment …
VIO_CANBO, VIO_LS, VIO_HEAD, VIO_HOIDONG = (Obj(f"violation_{who}") for who in ("canbo", "ls", "head", "hoidong"))
# … and violations with neither, not yet explained.
OPEN_CANBO, OPEN_HEAD, OPEN_HOIDONG = (Obj(f"open_violation_{who}") for who in ("canbo", "head", "hoidong"))
VIO_MOVED_LS = Obj("violation_moved_in_ls")  # LS07 on 12/06/2023, while in LS
VIO_MOVED_HTQT = Obj("violation_moved_in_htqt")  # LS07 on 10/07/2023, after the transfer to HTQT
COM_CANBO, COM_LS, COM_HEAD, COM_HOIDONG = (Obj(f"commendation_{who}") for who in ("canbo", "ls", "head", "hoidong"))
NO_RECORD = Obj("no_record")  # a pk no attendance record, violation or commendation has
CLOCK_IMPORT, NO_CLOCK_IMPORT = Obj("clockimport"), Obj("no_clockimport")
SCORE = Obj("monthlyscore")  # canbo's stored score of April 2023
# For the admin: objects and one version of each from their history.
ATT_V, VIO_V, COM_V = Obj("attendance_version"), Obj("violation_version"), Obj("commendation_version")
EXPLANATION, EXPLANATION_V = Obj("explanation"), Obj("explanation_version")
SANCTION, SANCTION_V = Obj("sanction"), Obj("sanction_version")
INITIATIVE, INITIATIVE_V = Obj("initiative"), Obj("initiative_version")
PRIOR_TITLE, PRIOR_TITLE_V = Obj("priortitle"), Obj("priortitle_version")
HEAD_A_USER = Obj("user_head_a")
# The month's review and close (discipline/closing.py): truongphong disputes OPEN_CANBO and comments on canbo's June;
# HTQT's May 2023 is signed off, May is closed anyway and a reopening of it waits for the board.
DISPUTE, DISPUTE_V, NO_DISPUTE = Obj("dispute"), Obj("dispute_version"), Obj("no_dispute")
COMMENT, COMMENT_V = Obj("reviewcomment"), Obj("reviewcomment_version")
SIGNOFF, SIGNOFF_V = Obj("signoff"), Obj("signoff_version")
MONTH, MONTH_V = Obj("month"), Obj("month_version")
REOPEN, REOPEN_V, NO_REOPEN = Obj("reopenrequest"), Obj("reopenrequest_version"), Obj("no_reopenrequest")
LEDGER = Obj("ledgerentry")
# The year-end: truongphong's LĐTT nomination of canbo (not yet rated, so with a reason); the Office's of LS03, on
# the shortlist (what the council reads); the staff records of the head of HTQT and of the director.
NOMINATION, NO_NOMINATION = Obj("nomination"), Obj("no_nomination")
LISTED = Obj("listed_nomination")
HEAD_A_STAFF, BOARD_STAFF = Obj("head_a_staff"), Obj("board_staff")
SESSION, NO_SESSION = Obj("councilsession"), Obj("no_councilsession")  # a session with no vote yet
# For the admin, which only reads the year-end: an object of each model and one version of those with a history.
YEAR_END_ADMIN = {model: (Obj(model), Obj(f"{model}_version") if versioned else None) for model, versioned in (
    ("yearreview", True), ("divisionreview", True), ("nomination", True), ("councilsession", True),
    ("publicnotice", True), ("publiccomment", False), ("issueddocument", False))}


def cells(default, *, anonymous=LOGIN, **by_role):
    """One cell per role: ``anonymous`` for ANON, ``by_role`` where named, ``default`` for the others."""
    unknown = set(by_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {ANON: anonymous} | {role: by_role.get(role, default) for role in ROLES[1:]}


def per_role(**by_role):
    """Every signed-in role named explicitly (anonymous → login)."""
    assert set(by_role) == set(ROLES[1:]), f"name every role: {set(ROLES[1:]) - set(by_role)} missing"
    return cells(None, **by_role)


EVERY_ROLE = cells(200)
OFFICE_ONLY = cells(403, office=200)
NOBODY = cells(403)  # no signed-in role gets through (the Office lacks the model permission)
STAFF_LISTERS = cells(200, staff=403, council=403)  # heads see their own division only
POST_ONLY = cells(405)  # GET on a require_POST view: the method is refused before any permission check
HOMES = per_role(
    staff=to("organization:my-home"),
    head_a=to("organization:division-home"),
    head_b=to("organization:division-home"),
    office=to("organization:office-home"),  # Văn phòng ranks above Cán bộ
    board=to("organization:board-home"),  # Ban Giám đốc ranks above Hội đồng TĐKT
    council=to("organization:council-home"),
)


# Row scope of the records (discipline/access.py): the Office and the board see all; a head, what was dated while
# the person was in their division; everyone, their own.
def seen_by(*roles, ok=200, other=403):
    return cells(other, **dict.fromkeys(roles, ok))


SEES_CANBO = seen_by(STAFF, HEAD_A, OFFICE, BOARD)
SEES_LS = seen_by(HEAD_B, OFFICE, BOARD)
SEES_HEAD_A = seen_by(HEAD_A, OFFICE, BOARD)  # his own record, and his division's
SEES_HOIDONG = seen_by(OFFICE, BOARD, COUNCIL)
SIGNED_IN_404 = cells(404)  # an unknown record: every role may use the view, none finds it
DECIDERS = cells(403, office=200, head_a=200, head_b=200, board=200)  # who decides explanations at all
MONTH_READERS = cells(403, office=200, board=200)
REPORT_READERS = cells(403, head_a=200, head_b=200, office=200, board=200)  # a head: their division's only


def admin_redirect(name, *args):
    """The admin's old-style ``<object_id>/`` URL: the Office is sent on to the change page."""
    return cells(403, office=to(name, *args))


@dataclass(frozen=True)
class Row:
    route: str  # the full route of the pattern, as ResolverMatch.route spells it
    expect: dict  # role → expectation
    params: dict | list = field(default_factory=dict)  # path kwargs, or positional args of a regex
    method: str = "GET"
    data: dict | None = None  # POST body (empty unless needed); its values may name objects
    query: str | dict = ""  # a query string, or {name: value} whose values may name objects (see ``Obj``)
    note: str = ""


def R(route, expect, params=None, *, post=None, query="", note=""):
    """A row: GET unless ``post`` is given (a dict, possibly empty: the body)."""
    return Row(
        route,
        expect,
        params if params is not None else {},
        "POST" if post is not None else "GET",
        post,
        query,
        note,
    )


EMPTY = {}  # an empty POST body
APP_INDEX = "admin/(?P<app_label>auth|axes|organization|campaigns|discipline|awards)/$"

# Valid forms of the admin's version pages of the read-only models: were they saved, the Office would have
# changed a record the admin only lets it view, past the portal's workflow (versions, notices, who decides).
ADMIN_ATTENDANCE_EDIT = {"staff": CANBO, "date": "12/06/2023", "source": "manual", "status": "absent_day",
                         "late_minutes": 0, "early_minutes": 0, "note": "Sửa qua trang phiên bản"}
ADMIN_VIOLATION_EDIT = {"staff": CANBO, "date": "12/06/2023", "type": VIOLATION, "points": 0, "points_reason": "Sửa qua trang phiên bản",
                        "source": "manual", "status": "withdrawn", "status_reason": "Sửa qua trang phiên bản"}
ADMIN_COMMENDATION_EDIT = {"staff": CANBO, "date": "12/06/2023", "type": COMMENDATION, "points": 0, "points_reason": "Sửa qua trang phiên bản",
                           "source": "manual", "status": "withdrawn", "status_reason": "Sửa qua trang phiên bản"}
# The explanation is the head's: only the board may decide it (discipline/access.py may_decide).
ADMIN_EXPLANATION_EDIT = {"violation": VIO_HEAD, "text": "Đi công tác theo lịch", "filed_by": HEAD_A_USER, "status": "accepted",
                          "decided_at_0": "13/06/2023", "decided_at_1": "08:00", "decision_reason": "Chấp nhận qua trang phiên bản"}

# --- The matrix -------------------------------------------------------------------------------------------
# fmt: off
MATRIX = [
    # Portal: entry, homes
    R("",                                   HOMES),
    R("login/",                             cells(to("home"), anonymous=200)),
    R("logout/",                            POST_ONLY),
    R("logout/",                            cells(to("login")), post=EMPTY),
    R("password/",                          EVERY_ROLE),
    R("no-role/",                           HOMES, note="everyone here holds a role, so goes home"),
    R("office/",                            cells(403, office=200)),
    R("division/",                          cells(403, head_a=200, head_b=200)),
    R("board/",                             cells(403, board=200)),
    R("council/",                           cells(403, board=200, council=200)),
    R("me/",                                EVERY_ROLE),

    # Staff: list and records
    R("staff/",                             STAFF_LISTERS),
    R("staff/<int:pk>/",                    EVERY_ROLE, {"pk": SELF}),
    R("staff/<int:pk>/",                    cells(200, head_b=403, council=403), {"pk": CANBO}),
    R("staff/<int:pk>/",                    cells(200, staff=403, head_b=403, council=403), {"pk": HTQT_PEER}),
    R("staff/<int:pk>/",                    cells(200, staff=403, head_b=403, council=403), {"pk": MOVED_IN},
      note="scope follows the division of today, not of the past"),
    R("staff/<int:pk>/",                    cells(200, staff=403, head_a=403, council=403), {"pk": LS_PERSON}),
    R("staff/<int:pk>/",                    cells(200, staff=403, head_a=403, head_b=403), {"pk": HOIDONG}),
    R("staff/<int:pk>/",                    cells(404), {"pk": NO_STAFF}),

    # Staff: writing (Office only)
    R("staff/new/",                         OFFICE_ONLY),
    R("staff/new/",                         OFFICE_ONLY, post=EMPTY),
    R("staff/import/",                      OFFICE_ONLY),
    R("staff/import/",                      OFFICE_ONLY, post=EMPTY),
    R("staff/import/template.xlsx",         OFFICE_ONLY),
    R("staff/<int:pk>/edit/",               OFFICE_ONLY, {"pk": HTQT_PEER}),
    R("staff/<int:pk>/edit/",               OFFICE_ONLY, {"pk": SELF}),
    R("staff/<int:pk>/edit/",               OFFICE_ONLY, {"pk": HTQT_PEER}, post=EMPTY),
    R("staff/<int:pk>/edit/",               cells(403, office=404), {"pk": NO_STAFF}),
    R("staff/<int:pk>/transfer/",           POST_ONLY, {"pk": HTQT_PEER}),
    R("staff/<int:pk>/transfer/",           cells(403, office=to("organization:staff-detail", HTQT_PEER)),
      {"pk": HTQT_PEER}, post=EMPTY, note="an empty form: the Office is sent back with an error message"),
    R("staff/<int:pk>/transfer/",           cells(403, office=404), {"pk": NO_STAFF}, post=EMPTY),
    R("staff/<int:pk>/roles/",              POST_ONLY, {"pk": CANBO}),
    R("staff/<int:pk>/roles/",              cells(403, office=to("organization:staff-detail", CANBO)),
      {"pk": CANBO}, post={"roles": [Role.STAFF]}),
    R("staff/<int:pk>/account/",            POST_ONLY, {"pk": HTQT_PEER}),
    R("staff/<int:pk>/account/",            OFFICE_ONLY, {"pk": HTQT_PEER}, post=EMPTY,
      note="the Office gets the slip with the initial password"),
    R("staff/<int:pk>/password-reset/",     POST_ONLY, {"pk": CANBO}),
    R("staff/<int:pk>/password-reset/",     OFFICE_ONLY, {"pk": CANBO}, post=EMPTY),
    R("staff/<int:pk>/password-reset/",     OFFICE_ONLY, {"pk": SELF}, post=EMPTY,
      note="nobody but the Office resets a password, not even their own"),
    R("accounts/create-missing/",           OFFICE_ONLY),
    R("accounts/create-missing/",           OFFICE_ONLY, post=EMPTY),
    R("agency-profile/",                    OFFICE_ONLY),
    R("agency-profile/",                    OFFICE_ONLY, post=EMPTY),

    # Campaigns
    R("campaigns/",                         EVERY_ROLE),
    R("campaigns/<int:pk>/",                EVERY_ROLE, {"pk": CAMPAIGN}),
    R("campaigns/<int:pk>/",                cells(404), {"pk": NO_CAMPAIGN}),
    R("campaigns/<int:pk>/copy/",           OFFICE_ONLY, {"pk": CAMPAIGN}),
    R("campaigns/<int:pk>/copy/",           OFFICE_ONLY, {"pk": CAMPAIGN}, post=EMPTY),
    R("campaigns/<int:pk>/copy/",           cells(403, office=404), {"pk": NO_CAMPAIGN}),

    # Discipline: the day sheet and the time-clock import (the Office's: permission add_attendancerecord / add_clockimport)
    # A division's month: the Office, the board, and the head of that division; nobody else.
    R("discipline/months/<int:year>-<int:month>/division/<int:pk>/", cells(403, head_a=200, office=200, board=200),
      {"year": "2023", "month": "7", "pk": DIVISION}),
    R("discipline/months/<int:year>-<int:month>/division/<int:pk>/", cells(403, head_b=200, office=200, board=200),
      {"year": "2023", "month": "7", "pk": LS_DIVISION}),
    R("discipline/months/<int:year>-<int:month>/division/<int:pk>/", cells(403, head_a=404, head_b=404, office=404, board=404),
      {"year": "2023", "month": "7", "pk": NO_DIVISION}),
    R("discipline/months/<int:year>-<int:month>/division/<int:pk>/", cells(403, head_a=404, office=404, board=404),
      {"year": "1999", "month": "7", "pk": DIVISION}),
    # The monthly tally: the Office's (role Văn phòng); the POST runs it and comes back to the month.
    R("discipline/tally/",                  OFFICE_ONLY),
    R("discipline/tally/",                  OFFICE_ONLY, query={"month": "2023-04"}),
    R("discipline/tally/",                  cells(403, office=302), post={"month": "2023-04"}, note="runs the tally"),
    # The month after it ends (discipline/views_month.py): the Office and the board see every month; a head reviews theirs.
    R("discipline/months/",                 MONTH_READERS),
    R("discipline/months/",                 MONTH_READERS, query={"year": "abc"}, note="a year not understood: the current one"),
    R("discipline/months/<int:year>-<int:month>/", MONTH_READERS, {"year": "2023", "month": "5"}),
    R("discipline/months/<int:year>-<int:month>/", MONTH_READERS, {"year": "2023", "month": "6"}),
    R("discipline/months/<int:year>-<int:month>/", cells(403, office=404, board=404), {"year": "1999", "month": "6"}),
    R("discipline/months/<int:year>-<int:month>/", cells(403, office=404, board=404), {"year": "2023", "month": "13"}),
    R("discipline/months/<int:year>-<int:month>/close/", POST_ONLY, {"year": "2023", "month": "6"}),
    R("discipline/months/<int:year>-<int:month>/close/", cells(403, office=to("discipline:month", "2023", "6")),
      {"year": "2023", "month": "6"}, post=EMPTY, note="not ready and no reason: refused, back to the month"),
    R("discipline/months/<int:year>-<int:month>/reopen/", POST_ONLY, {"year": "2023", "month": "5"}),
    R("discipline/months/<int:year>-<int:month>/reopen/", cells(403, office=to("discipline:month", "2023", "5")),
      {"year": "2023", "month": "5"}, post=EMPTY, note="no reason: refused, back to the month"),
    R("discipline/reopen-requests/<int:pk>/decide/", POST_ONLY, {"pk": REOPEN}),
    R("discipline/reopen-requests/<int:pk>/decide/", cells(403, board=to("discipline:month", "2023", "5")), {"pk": REOPEN},
      post=EMPTY, note="no decision chosen: back to the month"),
    R("discipline/reopen-requests/<int:pk>/decide/", cells(403, board=404), {"pk": NO_REOPEN}, post=EMPTY),
    R("discipline/months/<int:year>-<int:month>/report/", REPORT_READERS, {"year": "2023", "month": "6"}),
    R("discipline/months/<int:year>-<int:month>/report/", seen_by(HEAD_A, OFFICE, BOARD), {"year": "2023", "month": "6"},
      query={"division": "HTQT"}),
    R("discipline/months/<int:year>-<int:month>/report/", seen_by(HEAD_B, OFFICE, BOARD), {"year": "2023", "month": "5"},
      query={"division": "LS"}),
    R("discipline/months/<int:year>-<int:month>/report/", cells(403, head_a=404, head_b=404, office=404, board=404),
      {"year": "2023", "month": "6"}, query={"division": "NOPE"}),
    R("discipline/months/<int:year>-<int:month>/report.pdf", REPORT_READERS, {"year": "2023", "month": "5"}),
    R("discipline/months/<int:year>-<int:month>/report.pdf", seen_by(HEAD_B, OFFICE, BOARD), {"year": "2023", "month": "5"},
      query={"division": "LS"}),
    R("discipline/months/<int:year>-<int:month>/report.xlsx", REPORT_READERS, {"year": "2023", "month": "6"}),
    R("discipline/months/<int:year>-<int:month>/report.xlsx", seen_by(HEAD_A, OFFICE, BOARD), {"year": "2023", "month": "6"},
      query={"division": "HTQT"}),
    R("discipline/months/<int:year>-<int:month>/division/<int:pk>/signoff/", POST_ONLY, {"year": "2023", "month": "6", "pk": DIVISION}),
    R("discipline/months/<int:year>-<int:month>/division/<int:pk>/signoff/",
      cells(403, head_a=to("discipline:division-month", "2023", "6", DIVISION)), {"year": "2023", "month": "6", "pk": DIVISION},
      post=EMPTY, note="explanations are pending in June: refused, back to the division's month"),
    R("discipline/months/<int:year>-<int:month>/division/<int:pk>/signoff/",
      cells(403, head_b=to("discipline:division-month", "2023", "6", LS_DIVISION)), {"year": "2023", "month": "6", "pk": LS_DIVISION},
      post=EMPTY, note="only the head of LS may; LS has a pending explanation in June: refused"),
    R("discipline/months/<int:year>-<int:month>/staff/<int:pk>/comment/", POST_ONLY, {"year": "2023", "month": "6", "pk": CANBO}),
    R("discipline/months/<int:year>-<int:month>/staff/<int:pk>/comment/",
      cells(403, head_a=to("discipline:division-month", "2023", "6", DIVISION)), {"year": "2023", "month": "6", "pk": CANBO}, post=EMPTY),
    R("discipline/violations/<int:pk>/dispute/", cells(403, head_a=200), {"pk": OPEN_CANBO}),
    R("discipline/violations/<int:pk>/dispute/", cells(403, head_a=200), {"pk": OPEN_CANBO}, post=EMPTY, note="no reason: the form again"),
    R("discipline/violations/<int:pk>/dispute/", cells(403), {"pk": OPEN_HEAD}, note="nobody disputes a record about themself"),
    R("discipline/violations/<int:pk>/dispute/", cells(403, head_b=200), {"pk": VIO_LS}),
    R("discipline/violations/<int:pk>/dispute/", cells(403, head_a=404, head_b=404, board=404), {"pk": NO_RECORD}),
    R("discipline/commendations/<int:pk>/dispute/", cells(403, head_a=200), {"pk": COM_CANBO}),
    R("discipline/commendations/<int:pk>/dispute/", cells(403, head_a=404, head_b=404, board=404), {"pk": NO_RECORD}),
    R("discipline/disputes/",               REPORT_READERS),
    R("discipline/disputes/",               REPORT_READERS, query={"show": "all"}),
    R("discipline/disputes/<int:pk>/",      seen_by(HEAD_A, OFFICE, BOARD), {"pk": DISPUTE}),
    R("discipline/disputes/<int:pk>/",      cells(403, head_a=404, head_b=404, office=404, board=404), {"pk": NO_DISPUTE}),
    R("discipline/disputes/<int:pk>/resolve/", POST_ONLY, {"pk": DISPUTE}),
    R("discipline/disputes/<int:pk>/resolve/", cells(403, office=to("discipline:dispute-detail", DISPUTE)), {"pk": DISPUTE}, post=EMPTY,
      note="no settlement chosen: back to the dispute"),
    # The dashboard (discipline/views_dashboard.py): the Office and the board the whole Sở, a head their division.
    R("discipline/dashboard/",              REPORT_READERS),
    R("discipline/dashboard/",              REPORT_READERS, query={"month": "2023-04"}),
    R("discipline/dashboard/",              REPORT_READERS, query={"month": "2023-13"}, note="a month not understood: a message, the latest month"),
    R("board/",                             cells(403, board=200), query={"month": "2023-04"}),
    R("discipline/dashboard.pdf",           REPORT_READERS, query={"month": "2023-04"}),
    R("discipline/dashboard.pdf",           REPORT_READERS, query={"month": "1999-01"}, note="no campaign: the page with a message"),
    R("discipline/briefing/",               REPORT_READERS),
    R("discipline/briefing/",               REPORT_READERS, query={"month": "2023-06"}),
    R("discipline/briefing/",               REPORT_READERS, query={"month": "zz"}, note="a month not understood: the current one"),
    # The year's summaries (awards/views.py): the Sở or a division for the Office, the board and heads (theirs); a person's year
    R("awards/<int:year>/summary/",         REPORT_READERS, {"year": "2023"}),
    R("awards/<int:year>/summary/",         REPORT_READERS, {"year": "2023"}, query={"period": "midyear"}),
    R("awards/<int:year>/summary/",         seen_by(HEAD_A, OFFICE, BOARD), {"year": "2023"}, query={"division": "HTQT"}),
    R("awards/<int:year>/summary/",         cells(403, head_a=404, head_b=404, office=404, board=404), {"year": "1999"}),
    R("awards/<int:year>/staff/<int:pk>/",  EVERY_ROLE, {"year": "2023", "pk": SELF}),
    R("awards/<int:year>/staff/<int:pk>/",  cells(200, head_b=403, council=403), {"year": "2023", "pk": CANBO}),
    R("awards/<int:year>/staff/<int:pk>/",  cells(200, staff=403, head_a=403), {"year": "2023", "pk": LS_PERSON},
      note="the council reads the year of a nominee on the shortlist"),
    R("awards/<int:year>/staff/<int:pk>/",  cells(404), {"year": "2023", "pk": NO_STAFF}),
    R("awards/<int:year>/staff/<int:pk>/",  cells(404), {"year": "1999", "pk": SELF}),
    # The year-end (awards/access.py): everyone assesses themselves; a head proposes for their division (not for
    # themselves); the board decides ratings and rates divisions; heads nominate from their division, the Office
    # compiles, the board decides; the council reads the shortlist.
    R("awards/<int:year>/staff/<int:pk>/self-assessment/", POST_ONLY, {"year": "2023", "pk": SELF}),
    R("awards/<int:year>/staff/<int:pk>/self-assessment/", cells(to("awards:person-year", "2023", SELF)), {"year": "2023", "pk": SELF}, post=EMPTY,
      note="nothing filled in: back to the page with a message"),
    R("awards/<int:year>/staff/<int:pk>/self-assessment/", cells(403, staff=to("awards:person-year", "2023", CANBO)), {"year": "2023", "pk": CANBO}, post=EMPTY),
    R("awards/<int:year>/staff/<int:pk>/propose/", POST_ONLY, {"year": "2023", "pk": CANBO}),
    R("awards/<int:year>/staff/<int:pk>/propose/", cells(403, head_a=to("awards:person-year", "2023", CANBO)), {"year": "2023", "pk": CANBO}, post=EMPTY),
    R("awards/<int:year>/staff/<int:pk>/propose/", cells(403), {"year": "2023", "pk": HEAD_A_STAFF}, post=EMPTY, note="a head never proposes for himself"),
    R("awards/<int:year>/staff/<int:pk>/decide/", POST_ONLY, {"year": "2023", "pk": CANBO}),
    R("awards/<int:year>/staff/<int:pk>/decide/", cells(403, board=to("awards:person-year", "2023", CANBO)), {"year": "2023", "pk": CANBO}, post=EMPTY),
    R("awards/<int:year>/staff/<int:pk>/decide/", cells(403), {"year": "2023", "pk": BOARD_STAFF}, post=EMPTY, note="nobody decides their own rating"),
    R("awards/<int:year>/ratings/",         REPORT_READERS, {"year": "2023"}),
    R("awards/<int:year>/ratings/",         seen_by(HEAD_B, OFFICE, BOARD), {"year": "2023"}, query={"division": "LS"}),
    R("awards/<int:year>/ratings/",         cells(403, head_a=404, head_b=404, office=404, board=404), {"year": "1999"}),
    R("awards/<int:year>/divisions/<int:pk>/", seen_by(HEAD_A, OFFICE, BOARD, COUNCIL), {"year": "2023", "pk": DIVISION}),
    R("awards/<int:year>/divisions/<int:pk>/", cells(403, office=404, board=404, council=404, head_a=404, head_b=404), {"year": "2023", "pk": NO_DIVISION}),
    R("awards/<int:year>/divisions/<int:pk>/rate/", POST_ONLY, {"year": "2023", "pk": DIVISION}),
    R("awards/<int:year>/divisions/<int:pk>/rate/", cells(403, board=to("awards:division-year", "2023", DIVISION)), {"year": "2023", "pk": DIVISION}, post=EMPTY),
    R("awards/<int:year>/eligibility/",     cells(200, staff=403), {"year": "2023"}),
    R("awards/<int:year>/nominations/",     cells(200, staff=403), {"year": "2023"}),
    R("awards/<int:year>/nominations/",     cells(200, staff=403), {"year": "2023"}, query={"status": "shortlisted"}),
    R("awards/<int:year>/nominations/new/", seen_by(HEAD_A, HEAD_B, OFFICE), {"year": "2023"}),
    R("awards/<int:year>/nominations/new/", seen_by(HEAD_A, HEAD_B, OFFICE), {"year": "2023"}, post=EMPTY, note="nothing chosen: the form again"),
    R("awards/<int:year>/nominations/ldtt/", POST_ONLY, {"year": "2023"}),
    R("awards/<int:year>/nominations/ldtt/", cells(403, head_a=to("awards:nominations", "2023"), head_b=to("awards:nominations", "2023")), {"year": "2023"}, post=EMPTY),
    R("awards/<int:year>/nominations/<int:pk>/", seen_by(HEAD_A, OFFICE, BOARD), {"year": "2023", "pk": NOMINATION},
      note="the council reads nominations from the shortlist on"),
    R("awards/<int:year>/nominations/<int:pk>/", seen_by(HEAD_B, OFFICE, BOARD, COUNCIL), {"year": "2023", "pk": LISTED}),
    R("awards/<int:year>/nominations/<int:pk>/", cells(403, head_a=404, head_b=404, office=404, board=404, council=404), {"year": "2023", "pk": NO_NOMINATION}),
    R("awards/<int:year>/nominations/<int:pk>/<str:action>/", POST_ONLY, {"year": "2023", "pk": NOMINATION, "action": "shortlist"}),
    R("awards/<int:year>/nominations/<int:pk>/<str:action>/", cells(403, office=to("awards:nomination", "2023", NOMINATION)), {"year": "2023", "pk": NOMINATION, "action": "shortlist"}, post=EMPTY),
    R("awards/<int:year>/nominations/<int:pk>/<str:action>/", cells(403, board=to("awards:nomination", "2023", NOMINATION)), {"year": "2023", "pk": NOMINATION, "action": "approve"}, post=EMPTY,
      note="refused with a message: not on the shortlist"),
    R("awards/<int:year>/nominations/<int:pk>/<str:action>/", cells(403, head_a=to("awards:nomination", "2023", NOMINATION), office=to("awards:nomination", "2023", NOMINATION)),
      {"year": "2023", "pk": NOMINATION, "action": "withdraw"}, post=EMPTY, note="no reason: refused with a message"),
    R("awards/<int:year>/nominations/<int:pk>/<str:action>/", cells(403), {"year": "2023", "pk": NOMINATION, "action": "delete"}, post=EMPTY,
      note="no such action"),
    # The year-end documents: the Office and the board; the council the list and the minutes; a head their nominees' reports
    R("awards/<int:year>/documents/<str:kind>.<str:fmt>", seen_by(OFFICE, BOARD, COUNCIL), {"year": "2023", "kind": "shortlist", "fmt": "pdf"}),
    R("awards/<int:year>/documents/<str:kind>.<str:fmt>", seen_by(OFFICE, BOARD, COUNCIL), {"year": "2023", "kind": "minutes", "fmt": "pdf"}),
    R("awards/<int:year>/documents/<str:kind>.<str:fmt>", seen_by(OFFICE, BOARD), {"year": "2023", "kind": "yearend", "fmt": "xlsx"}),
    R("awards/<int:year>/documents/<str:kind>.<str:fmt>", cells(403, office=to("awards:nominations", "2023"), board=to("awards:nominations", "2023")),
      {"year": "2023", "kind": "decision", "fmt": "pdf"}, note="nothing approved yet: refused with a message"),
    R("awards/<int:year>/documents/<str:kind>.<str:fmt>", cells(403, office=404, board=404, council=404), {"year": "2023", "kind": "decision", "fmt": "xlsx"}),
    R("awards/<int:year>/nominations/<int:pk>/achievement.pdf", seen_by(HEAD_A, OFFICE, BOARD), {"year": "2023", "pk": NOMINATION}),
    # The council's sessions, recorded by the Office, read by the board and the council; the published list for everyone
    R("awards/<int:year>/council/",         seen_by(OFFICE, BOARD, COUNCIL), {"year": "2023"}),
    R("awards/<int:year>/council/new/",     OFFICE_ONLY, {"year": "2023"}),
    R("awards/<int:year>/council/new/",     OFFICE_ONLY, {"year": "2023"}, post=EMPTY, note="the form again, nothing saved"),
    R("awards/<int:year>/council/<int:pk>/", seen_by(OFFICE, BOARD, COUNCIL), {"year": "2023", "pk": SESSION}),
    R("awards/<int:year>/council/<int:pk>/", cells(403, office=404, board=404, council=404), {"year": "2023", "pk": NO_SESSION}),
    R("awards/<int:year>/council/<int:pk>/edit/", OFFICE_ONLY, {"year": "2023", "pk": SESSION}),
    R("awards/<int:year>/notice/",          EVERY_ROLE, {"year": "2023"}),
    R("awards/<int:year>/notice/",          cells(404), {"year": "1999"}),
    R("awards/<int:year>/notice/publish/",  POST_ONLY, {"year": "2023"}),
    R("awards/<int:year>/notice/publish/",  cells(403, office=to("awards:notice", "2023")), {"year": "2023"}, post=EMPTY),
    R("awards/<int:year>/notice/comment/",  POST_ONLY, {"year": "2023"}),
    R("awards/<int:year>/notice/comment/",  cells(to("awards:notice", "2023")), {"year": "2023"}, post=EMPTY,
      note="nothing published yet: back to the page with a message"),
    R("discipline/sheet/",                  OFFICE_ONLY),
    R("discipline/sheet/",                  OFFICE_ONLY, query={"division": DIVISION, "day": "12/06/2023"}),
    R("discipline/sheet/",                  OFFICE_ONLY, query={"division": DIVISION, "day": "12/06/2023"}, post=EMPTY,
      note="an empty formset: the Office gets the sheet back"),
    R("discipline/clock-imports/new/",      OFFICE_ONLY),
    R("discipline/clock-imports/new/",      OFFICE_ONLY, post=EMPTY),
    R("discipline/clock-imports/<int:pk>/", OFFICE_ONLY, {"pk": CLOCK_IMPORT}),
    R("discipline/clock-imports/<int:pk>/", cells(403, office=404), {"pk": NO_CLOCK_IMPORT}),
    R("discipline/clock-imports/<int:pk>/apply/", POST_ONLY, {"pk": CLOCK_IMPORT}),
    R("discipline/clock-imports/<int:pk>/apply/", cells(403, office=to("discipline:clock-import-detail", CLOCK_IMPORT)),
      {"pk": CLOCK_IMPORT}, post=EMPTY, note="the Office applies the preview and goes back to it"),
    R("discipline/clock-imports/<int:pk>/apply/", cells(403, office=404), {"pk": NO_CLOCK_IMPORT}, post=EMPTY),
    R("discipline/clock-imports/<int:pk>/rejects/", OFFICE_ONLY, {"pk": CLOCK_IMPORT}),
    R("discipline/clock-imports/<int:pk>/rejects/", cells(403, office=404), {"pk": NO_CLOCK_IMPORT}),

    # Discipline: attendance records (row scope)
    R("discipline/attendance/<int:pk>/",    SEES_CANBO, {"pk": ATT_CANBO}),
    R("discipline/attendance/<int:pk>/",    SEES_LS, {"pk": ATT_LS}),
    R("discipline/attendance/<int:pk>/",    SEES_HEAD_A, {"pk": ATT_HEAD}),
    R("discipline/attendance/<int:pk>/",    SEES_HOIDONG, {"pk": ATT_HOIDONG}),
    R("discipline/attendance/<int:pk>/",    SIGNED_IN_404, {"pk": NO_RECORD}),

    # Discipline: violations — lists are scoped, records by row scope, writing is the Office's
    R("discipline/violations/",             EVERY_ROLE, note="each role lists what it may see"),
    R("discipline/violations/new/",         OFFICE_ONLY),
    R("discipline/violations/new/",         OFFICE_ONLY, post=EMPTY),
    R("discipline/violations/<int:pk>/",    SEES_CANBO, {"pk": VIO_CANBO}),
    R("discipline/violations/<int:pk>/",    SEES_LS, {"pk": VIO_LS}),
    R("discipline/violations/<int:pk>/",    SEES_HEAD_A, {"pk": VIO_HEAD}),
    R("discipline/violations/<int:pk>/",    SEES_HOIDONG, {"pk": VIO_HOIDONG}),
    R("discipline/violations/<int:pk>/",    SEES_LS, {"pk": VIO_MOVED_LS},
      note="dated while LS07 was in LS: the head of LS sees it, the head of HTQT (LS07's division today) does not"),
    R("discipline/violations/<int:pk>/",    seen_by(HEAD_A, OFFICE, BOARD), {"pk": VIO_MOVED_HTQT},
      note="dated after LS07 moved to HTQT"),
    R("discipline/violations/<int:pk>/",    SIGNED_IN_404, {"pk": NO_RECORD}),
    R("discipline/violations/<int:pk>/edit/", OFFICE_ONLY, {"pk": VIO_CANBO}),
    R("discipline/violations/<int:pk>/edit/", OFFICE_ONLY, {"pk": VIO_HEAD}),
    R("discipline/violations/<int:pk>/edit/", OFFICE_ONLY, {"pk": VIO_CANBO}, post=EMPTY),
    R("discipline/violations/<int:pk>/edit/", cells(403, office=404), {"pk": NO_RECORD}),
    R("discipline/violations/<int:pk>/withdraw/", POST_ONLY, {"pk": VIO_CANBO}),
    R("discipline/violations/<int:pk>/withdraw/", cells(403, office=to("discipline:violation-detail", VIO_CANBO)),
      {"pk": VIO_CANBO}, post={"version": 1, "reason": "Ghi nhầm người"}),
    R("discipline/violations/<int:pk>/withdraw/", cells(403, office=404), {"pk": NO_RECORD}, post=EMPTY),
    R("discipline/violations/<int:pk>/evidence/", SEES_CANBO, {"pk": VIO_CANBO}),
    R("discipline/violations/<int:pk>/evidence/", SEES_LS, {"pk": VIO_LS}),
    R("discipline/violations/<int:pk>/evidence/", SEES_HEAD_A, {"pk": VIO_HEAD}),
    R("discipline/violations/<int:pk>/evidence/", SEES_HOIDONG, {"pk": VIO_HOIDONG}),
    R("discipline/violations/<int:pk>/evidence/", seen_by(STAFF, HEAD_A, OFFICE, BOARD, ok=404), {"pk": OPEN_CANBO},
      note="a record without evidence: 404 for whoever may see the record"),
    R("discipline/violations/<int:pk>/evidence/", SIGNED_IN_404, {"pk": NO_RECORD}),

    # Discipline: explanations — filed by the person concerned only, decided per access.may_decide
    R("discipline/violations/<int:pk>/explain/", cells(403, staff=200), {"pk": OPEN_CANBO},
      note="the person concerned only: not the head, not the Office, not the board"),
    R("discipline/violations/<int:pk>/explain/", cells(403, head_a=200), {"pk": OPEN_HEAD}),
    R("discipline/violations/<int:pk>/explain/", cells(403, council=200), {"pk": OPEN_HOIDONG}),
    R("discipline/violations/<int:pk>/explain/", cells(403), {"pk": VIO_LS}, note="LS03 is none of the roles"),
    R("discipline/violations/<int:pk>/explain/", SIGNED_IN_404, {"pk": NO_RECORD}),
    R("discipline/violations/<int:pk>/explain/", cells(403, staff=to("discipline:violation-detail", OPEN_CANBO)),
      {"pk": OPEN_CANBO}, post={"text": "Em để quên thẻ trong phòng họp."}),
    R("discipline/violations/<int:pk>/explain/", cells(403, council=to("discipline:violation-detail", OPEN_HOIDONG)),
      {"pk": OPEN_HOIDONG}, post={"text": "Tôi đi họp ở Sở Ngoại vụ."}),
    R("discipline/violations/<int:pk>/decide/", POST_ONLY, {"pk": VIO_CANBO}),
    R("discipline/violations/<int:pk>/decide/", cells(403, **dict.fromkeys((HEAD_A, OFFICE, BOARD), to("discipline:violation-detail", VIO_CANBO))),
      {"pk": VIO_CANBO}, post={"accept": "1", "reason": "Có xác nhận của phòng", "version": 1},
      note="the head of the person's division, the Office or the board; never the person"),
    R("discipline/violations/<int:pk>/decide/", cells(403, **dict.fromkeys((HEAD_B, OFFICE, BOARD), to("discipline:violation-detail", VIO_LS))),
      {"pk": VIO_LS}, post={"accept": "0", "reason": "Không có căn cứ", "version": 1}),
    R("discipline/violations/<int:pk>/decide/", cells(403, board=to("discipline:violation-detail", VIO_HEAD)),
      {"pk": VIO_HEAD}, post={"accept": "1", "reason": "Đi công tác theo lịch", "version": 1},
      note="a head's own record goes to the board: not to himself, not to the Office"),
    R("discipline/violations/<int:pk>/decide/", cells(403, **dict.fromkeys((OFFICE, BOARD), to("discipline:violation-detail", VIO_HOIDONG))),
      {"pk": VIO_HOIDONG}, post={"accept": "1", "reason": "Có giấy mời họp", "version": 1}),
    R("discipline/violations/<int:pk>/decide/", SIGNED_IN_404, {"pk": NO_RECORD}, post=EMPTY),
    R("discipline/violations/<int:pk>/explanation-file/", SEES_CANBO, {"pk": VIO_CANBO}),
    R("discipline/violations/<int:pk>/explanation-file/", SEES_LS, {"pk": VIO_LS}),
    R("discipline/violations/<int:pk>/explanation-file/", SEES_HEAD_A, {"pk": VIO_HEAD}),
    R("discipline/violations/<int:pk>/explanation-file/", SEES_HOIDONG, {"pk": VIO_HOIDONG}),
    R("discipline/violations/<int:pk>/explanation-file/", seen_by(STAFF, HEAD_A, OFFICE, BOARD, ok=404), {"pk": OPEN_CANBO},
      note="not explained: 404 for whoever may see the record"),
    R("discipline/violations/<int:pk>/explanation-file/", SIGNED_IN_404, {"pk": NO_RECORD}),
    R("discipline/explanations/",           DECIDERS, note="each lists what it may decide"),

    # Discipline: commendations
    R("discipline/commendations/",          EVERY_ROLE, note="each role lists what it may see"),
    R("discipline/commendations/new/",      OFFICE_ONLY),
    R("discipline/commendations/new/",      OFFICE_ONLY, post=EMPTY),
    R("discipline/commendations/<int:pk>/", SEES_CANBO, {"pk": COM_CANBO}),
    R("discipline/commendations/<int:pk>/", SEES_LS, {"pk": COM_LS}),
    R("discipline/commendations/<int:pk>/", SEES_HEAD_A, {"pk": COM_HEAD}),
    R("discipline/commendations/<int:pk>/", SEES_HOIDONG, {"pk": COM_HOIDONG}),
    R("discipline/commendations/<int:pk>/", SIGNED_IN_404, {"pk": NO_RECORD}),
    R("discipline/commendations/<int:pk>/edit/", OFFICE_ONLY, {"pk": COM_CANBO}),
    R("discipline/commendations/<int:pk>/edit/", OFFICE_ONLY, {"pk": COM_CANBO}, post=EMPTY),
    R("discipline/commendations/<int:pk>/edit/", cells(403, office=404), {"pk": NO_RECORD}),
    R("discipline/commendations/<int:pk>/withdraw/", POST_ONLY, {"pk": COM_CANBO}),
    R("discipline/commendations/<int:pk>/withdraw/", cells(403, office=to("discipline:commendation-detail", COM_CANBO)),
      {"pk": COM_CANBO}, post={"version": 1, "reason": "Ghi nhầm người"}),
    R("discipline/commendations/<int:pk>/withdraw/", cells(403, office=404), {"pk": NO_RECORD}, post=EMPTY),

    # Discipline: notifications (everyone their own)
    # A person's monthly score: whoever may see the person (organization/access.py); an unknown year is a 404.
    R("discipline/months/<int:year>-<int:month>/staff/<int:pk>/", EVERY_ROLE, {"year": "2023", "month": "4", "pk": SELF}),
    R("discipline/months/<int:year>-<int:month>/staff/<int:pk>/", cells(200, head_b=403, council=403),
      {"year": "2023", "month": "4", "pk": CANBO}),
    R("discipline/months/<int:year>-<int:month>/staff/<int:pk>/", cells(200, staff=403, head_a=403, council=403),
      {"year": "2023", "month": "4", "pk": LS_PERSON}),
    R("discipline/months/<int:year>-<int:month>/staff/<int:pk>/", cells(404), {"year": "2023", "month": "4", "pk": NO_STAFF}),
    R("discipline/months/<int:year>-<int:month>/staff/<int:pk>/", cells(404), {"year": "1999", "month": "4", "pk": SELF}),
    R("discipline/notifications/",          EVERY_ROLE),
    R("discipline/notifications/read/",     POST_ONLY),
    R("discipline/notifications/read/",     cells(to("discipline:notification-list")), post=EMPTY),

    # Admin: the site
    R("admin/",                             OFFICE_ONLY),
    R("admin/login/",                       cells(403, office=to("admin:index")),
      note="signed in with admin access: on to the index, as Django's own admin login does"),
    R("admin/logout/",                      cells(to("admin:index"), office=405),
      note="Django sends a non-staff user from the admin logout to the admin index, which is a 403"),
    R("admin/logout/",                      cells(to("admin:index"), office=to("login")), post=EMPTY),
    R("admin/password_change/",             OFFICE_ONLY),
    R("admin/password_change/done/",        OFFICE_ONLY),
    R("admin/autocomplete/",                NOBODY, note="without its parameters Django refuses it to anyone"),
    R("admin/autocomplete/",                OFFICE_ONLY, query="app_label=organization&model_name=membership&field_name=staff&term=H"),
    R("admin/jsi18n/",                      OFFICE_ONLY),
    R("admin/r/<path:content_type_id>/<path:object_id>/",
      cells(403, office=to("organization:staff-detail", HTQT_PEER)),
      {"content_type_id": STAFF_CT, "object_id": HTQT_PEER}),
    R("admin/r/<path:content_type_id>/<path:object_id>/",
      cells(403, office=404), {"content_type_id": STAFF_CT, "object_id": NO_STAFF}),
    R(APP_INDEX, cells(403, office=404), {"app_label": "auth"},
      note="an app with no model the Office may see is hidden: 404"),
    R(APP_INDEX, cells(403, office=404), {"app_label": "axes"}),
    R(APP_INDEX, OFFICE_ONLY, {"app_label": "organization"}),
    R(APP_INDEX, OFFICE_ONLY, {"app_label": "campaigns"}),
    R(APP_INDEX, OFFICE_ONLY, {"app_label": "discipline"}),
    R(APP_INDEX, OFFICE_ONLY, {"app_label": "awards"}),
    R("admin/(?P<url>.*)$",                 cells(403, office=404), {"url": "no-such-page/"}),

    # Admin: auth.Group (the roles) — no permission for the Office
    R("admin/auth/group/",                                  NOBODY),
    R("admin/auth/group/add/",                              NOBODY),
    R("admin/auth/group/<path:object_id>/history/",         NOBODY, {"object_id": GROUP}),
    R("admin/auth/group/<path:object_id>/delete/",          NOBODY, {"object_id": GROUP}),
    R("admin/auth/group/<path:object_id>/change/",          NOBODY, {"object_id": GROUP}),
    R("admin/auth/group/<path:object_id>/",                 admin_redirect("admin:auth_group_change", GROUP), {"object_id": GROUP}),

    # Admin: axes (login attempts) — no permission for the Office
    R("admin/axes/accessattempt/",                          NOBODY),
    R("admin/axes/accessattempt/add/",                      NOBODY),
    R("admin/axes/accessattempt/<path:object_id>/history/", NOBODY, {"object_id": ATTEMPT}),
    R("admin/axes/accessattempt/<path:object_id>/delete/",  NOBODY, {"object_id": ATTEMPT}),
    R("admin/axes/accessattempt/<path:object_id>/change/",  NOBODY, {"object_id": ATTEMPT}),
    R("admin/axes/accessattempt/<path:object_id>/",         admin_redirect("admin:axes_accessattempt_change", ATTEMPT), {"object_id": ATTEMPT}),
    R("admin/axes/accesslog/",                              NOBODY),
    R("admin/axes/accesslog/add/",                          NOBODY),
    R("admin/axes/accesslog/<path:object_id>/history/",     NOBODY, {"object_id": ACCESS_LOG}),
    R("admin/axes/accesslog/<path:object_id>/delete/",      NOBODY, {"object_id": ACCESS_LOG}),
    R("admin/axes/accesslog/<path:object_id>/change/",      NOBODY, {"object_id": ACCESS_LOG}),
    R("admin/axes/accesslog/<path:object_id>/",             admin_redirect("admin:axes_accesslog_change", ACCESS_LOG), {"object_id": ACCESS_LOG}),
    R("admin/axes/accessfailurelog/",                       NOBODY),
    R("admin/axes/accessfailurelog/add/",                   NOBODY),
    R("admin/axes/accessfailurelog/<path:object_id>/history/", NOBODY, {"object_id": FAILURE_LOG}),
    R("admin/axes/accessfailurelog/<path:object_id>/delete/",  NOBODY, {"object_id": FAILURE_LOG}),
    R("admin/axes/accessfailurelog/<path:object_id>/change/",  NOBODY, {"object_id": FAILURE_LOG}),
    R("admin/axes/accessfailurelog/<path:object_id>/",      admin_redirect("admin:axes_accessfailurelog_change", FAILURE_LOG), {"object_id": FAILURE_LOG}),

    # Admin: organization.User (logins) — no permission for the Office (it works through the portal's pages)
    R("admin/organization/user/<id>/password/",             NOBODY, {"id": USER}),
    R("admin/organization/user/",                           NOBODY),
    R("admin/organization/user/add/",                       NOBODY),
    R("admin/organization/user/<path:object_id>/history/",  NOBODY, {"object_id": USER}),
    R("admin/organization/user/<path:object_id>/delete/",   NOBODY, {"object_id": USER}),
    R("admin/organization/user/<path:object_id>/change/",   NOBODY, {"object_id": USER}),
    R("admin/organization/user/<path:object_id>/",          admin_redirect("admin:organization_user_change", USER), {"object_id": USER}),

    # Admin: organization.Division — add, change, view; no delete
    R("admin/organization/division/([^/]+)/history/([^/]+)/$", OFFICE_ONLY, [DIVISION, DIVISION_V]),
    R("admin/organization/division/",                          OFFICE_ONLY),
    R("admin/organization/division/add/",                      OFFICE_ONLY),
    R("admin/organization/division/<path:object_id>/history/", OFFICE_ONLY, {"object_id": DIVISION}),
    R("admin/organization/division/<path:object_id>/delete/",  NOBODY, {"object_id": DIVISION}),
    R("admin/organization/division/<path:object_id>/change/",  OFFICE_ONLY, {"object_id": DIVISION}),
    R("admin/organization/division/<path:object_id>/",         admin_redirect("admin:organization_division_change", DIVISION), {"object_id": DIVISION}),

    # Admin: organization.Position — add, change, view; no delete
    R("admin/organization/position/([^/]+)/history/([^/]+)/$", OFFICE_ONLY, [POSITION, POSITION_V]),
    R("admin/organization/position/",                          OFFICE_ONLY),
    R("admin/organization/position/add/",                      OFFICE_ONLY),
    R("admin/organization/position/<path:object_id>/history/", OFFICE_ONLY, {"object_id": POSITION}),
    R("admin/organization/position/<path:object_id>/delete/",  NOBODY, {"object_id": POSITION}),
    R("admin/organization/position/<path:object_id>/change/",  OFFICE_ONLY, {"object_id": POSITION}),
    R("admin/organization/position/<path:object_id>/",         admin_redirect("admin:organization_position_change", POSITION), {"object_id": POSITION}),

    # Admin: organization.Staff — add, change, view; no delete
    R("admin/organization/staff/([^/]+)/history/([^/]+)/$",    OFFICE_ONLY, [HTQT_PEER, STAFF_V]),
    R("admin/organization/staff/",                             OFFICE_ONLY),
    R("admin/organization/staff/add/",                         OFFICE_ONLY),
    R("admin/organization/staff/<path:object_id>/history/",    OFFICE_ONLY, {"object_id": HTQT_PEER}),
    R("admin/organization/staff/<path:object_id>/delete/",     NOBODY, {"object_id": HTQT_PEER}),
    R("admin/organization/staff/<path:object_id>/change/",     OFFICE_ONLY, {"object_id": HTQT_PEER}),
    R("admin/organization/staff/<path:object_id>/change/",     cells(403, office=to("admin:index")), {"object_id": NO_STAFF},
      note="the admin answers an unknown object with a message on its index"),
    R("admin/organization/staff/<path:object_id>/",            admin_redirect("admin:organization_staff_change", HTQT_PEER), {"object_id": HTQT_PEER}),

    # Admin: organization.AgencyProfile — change, view; one row, so no add, and never deleted
    R("admin/organization/agencyprofile/([^/]+)/history/([^/]+)/$", OFFICE_ONLY, [PROFILE, PROFILE_V]),
    R("admin/organization/agencyprofile/",                          OFFICE_ONLY),
    R("admin/organization/agencyprofile/add/",                      NOBODY),
    R("admin/organization/agencyprofile/<path:object_id>/history/", OFFICE_ONLY, {"object_id": PROFILE}),
    R("admin/organization/agencyprofile/<path:object_id>/delete/",  NOBODY, {"object_id": PROFILE}),
    R("admin/organization/agencyprofile/<path:object_id>/change/",  OFFICE_ONLY, {"object_id": PROFILE}),
    R("admin/organization/agencyprofile/<path:object_id>/",         admin_redirect("admin:organization_agencyprofile_change", PROFILE), {"object_id": PROFILE}),

    # Admin: campaigns.Campaign — add, change, view; no delete
    R("admin/campaigns/campaign/([^/]+)/history/([^/]+)/$",    OFFICE_ONLY, [CAMPAIGN, CAMPAIGN_V]),
    R("admin/campaigns/campaign/",                             OFFICE_ONLY),
    R("admin/campaigns/campaign/add/",                         OFFICE_ONLY),
    R("admin/campaigns/campaign/<path:object_id>/history/",    OFFICE_ONLY, {"object_id": CAMPAIGN}),
    R("admin/campaigns/campaign/<path:object_id>/delete/",     NOBODY, {"object_id": CAMPAIGN}),
    R("admin/campaigns/campaign/<path:object_id>/change/",     OFFICE_ONLY, {"object_id": CAMPAIGN}),
    R("admin/campaigns/campaign/<path:object_id>/",            admin_redirect("admin:campaigns_campaign_change", CAMPAIGN), {"object_id": CAMPAIGN}),

    # Admin: campaigns.ViolationType — every permission
    R("admin/campaigns/violationtype/([^/]+)/history/([^/]+)/$", OFFICE_ONLY, [VIOLATION, VIOLATION_V]),
    R("admin/campaigns/violationtype/",                          OFFICE_ONLY),
    R("admin/campaigns/violationtype/add/",                      OFFICE_ONLY),
    R("admin/campaigns/violationtype/<path:object_id>/history/", OFFICE_ONLY, {"object_id": VIOLATION}),
    R("admin/campaigns/violationtype/<path:object_id>/delete/",  OFFICE_ONLY, {"object_id": VIOLATION}),
    R("admin/campaigns/violationtype/<path:object_id>/change/",  OFFICE_ONLY, {"object_id": VIOLATION}),
    R("admin/campaigns/violationtype/<path:object_id>/",         admin_redirect("admin:campaigns_violationtype_change", VIOLATION), {"object_id": VIOLATION}),

    # Admin: campaigns.CommendationType — every permission
    R("admin/campaigns/commendationtype/([^/]+)/history/([^/]+)/$", OFFICE_ONLY, [COMMENDATION, COMMENDATION_V]),
    R("admin/campaigns/commendationtype/",                          OFFICE_ONLY),
    R("admin/campaigns/commendationtype/add/",                      OFFICE_ONLY),
    R("admin/campaigns/commendationtype/<path:object_id>/history/", OFFICE_ONLY, {"object_id": COMMENDATION}),
    R("admin/campaigns/commendationtype/<path:object_id>/delete/",  OFFICE_ONLY, {"object_id": COMMENDATION}),
    R("admin/campaigns/commendationtype/<path:object_id>/change/",  OFFICE_ONLY, {"object_id": COMMENDATION}),
    R("admin/campaigns/commendationtype/<path:object_id>/",         admin_redirect("admin:campaigns_commendationtype_change", COMMENDATION), {"object_id": COMMENDATION}),

    # Admin: discipline.Sanction — add, change, view; no delete
    R("admin/discipline/sanction/([^/]+)/history/([^/]+)/$",       OFFICE_ONLY, [SANCTION, SANCTION_V]),
    R("admin/discipline/sanction/",                                OFFICE_ONLY),
    R("admin/discipline/sanction/add/",                            OFFICE_ONLY),
    R("admin/discipline/sanction/<path:object_id>/history/",       OFFICE_ONLY, {"object_id": SANCTION}),
    R("admin/discipline/sanction/<path:object_id>/delete/",        NOBODY, {"object_id": SANCTION}),
    R("admin/discipline/sanction/<path:object_id>/change/",        OFFICE_ONLY, {"object_id": SANCTION}),
    R("admin/discipline/sanction/<path:object_id>/",               admin_redirect("admin:discipline_sanction_change", SANCTION), {"object_id": SANCTION}),

    # Admin: discipline.AttendanceRecord — view only (discipline/admin.py: read-only; the day sheet and the import write)
    R("admin/discipline/attendancerecord/([^/]+)/history/([^/]+)/$", OFFICE_ONLY, [ATT_CANBO, ATT_V]),
    R("admin/discipline/attendancerecord/([^/]+)/history/([^/]+)/$", NOBODY, [ATT_CANBO, ATT_V], post=ADMIN_ATTENDANCE_EDIT,
      note="a version page posted with a valid form saves it: a change the Office may not make here"),
    R("admin/discipline/attendancerecord/",                        OFFICE_ONLY),
    R("admin/discipline/attendancerecord/add/",                    NOBODY),
    R("admin/discipline/attendancerecord/<path:object_id>/history/", OFFICE_ONLY, {"object_id": ATT_CANBO}),
    R("admin/discipline/attendancerecord/<path:object_id>/delete/", NOBODY, {"object_id": ATT_CANBO}),
    R("admin/discipline/attendancerecord/<path:object_id>/change/", OFFICE_ONLY, {"object_id": ATT_CANBO}, note="read-only"),
    R("admin/discipline/attendancerecord/<path:object_id>/change/", NOBODY, {"object_id": ATT_CANBO}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/attendancerecord/<path:object_id>/",       admin_redirect("admin:discipline_attendancerecord_change", ATT_CANBO), {"object_id": ATT_CANBO}),

    # Admin: discipline.Violation — view only (the portal's forms write)
    R("admin/discipline/violation/([^/]+)/history/([^/]+)/$",      OFFICE_ONLY, [VIO_CANBO, VIO_V]),
    R("admin/discipline/violation/([^/]+)/history/([^/]+)/$",      NOBODY, [VIO_CANBO, VIO_V], post=ADMIN_VIOLATION_EDIT,
      note="a version page posted with a valid form saves it: a change the Office may not make here"),
    R("admin/discipline/violation/",                               OFFICE_ONLY),
    R("admin/discipline/violation/add/",                           NOBODY),
    R("admin/discipline/violation/<path:object_id>/history/",      OFFICE_ONLY, {"object_id": VIO_CANBO}),
    R("admin/discipline/violation/<path:object_id>/delete/",       NOBODY, {"object_id": VIO_CANBO}),
    R("admin/discipline/violation/<path:object_id>/change/",       OFFICE_ONLY, {"object_id": VIO_CANBO}, note="read-only"),
    R("admin/discipline/violation/<path:object_id>/change/",       NOBODY, {"object_id": VIO_CANBO}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/violation/<path:object_id>/",              admin_redirect("admin:discipline_violation_change", VIO_CANBO), {"object_id": VIO_CANBO}),

    # Admin: discipline.Commendation — view only
    R("admin/discipline/commendation/([^/]+)/history/([^/]+)/$",   OFFICE_ONLY, [COM_CANBO, COM_V]),
    R("admin/discipline/commendation/([^/]+)/history/([^/]+)/$",   NOBODY, [COM_CANBO, COM_V], post=ADMIN_COMMENDATION_EDIT,
      note="a version page posted with a valid form saves it: a change the Office may not make here"),
    R("admin/discipline/commendation/",                            OFFICE_ONLY),
    R("admin/discipline/commendation/add/",                        NOBODY),
    R("admin/discipline/commendation/<path:object_id>/history/",   OFFICE_ONLY, {"object_id": COM_CANBO}),
    R("admin/discipline/commendation/<path:object_id>/delete/",    NOBODY, {"object_id": COM_CANBO}),
    R("admin/discipline/commendation/<path:object_id>/change/",    OFFICE_ONLY, {"object_id": COM_CANBO}, note="read-only"),
    R("admin/discipline/commendation/<path:object_id>/change/",    NOBODY, {"object_id": COM_CANBO}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/commendation/<path:object_id>/",           admin_redirect("admin:discipline_commendation_change", COM_CANBO), {"object_id": COM_CANBO}),

    # Admin: discipline.Explanation — view only (filed and decided in the portal)
    R("admin/discipline/explanation/([^/]+)/history/([^/]+)/$",    OFFICE_ONLY, [EXPLANATION, EXPLANATION_V]),
    R("admin/discipline/explanation/([^/]+)/history/([^/]+)/$",    NOBODY, [EXPLANATION, EXPLANATION_V], post=ADMIN_EXPLANATION_EDIT,
      note="a version page posted with a valid form saves it: a change the Office may not make here"),
    R("admin/discipline/explanation/",                             OFFICE_ONLY),
    R("admin/discipline/explanation/add/",                         NOBODY),
    R("admin/discipline/explanation/<path:object_id>/history/",    OFFICE_ONLY, {"object_id": EXPLANATION}),
    R("admin/discipline/explanation/<path:object_id>/delete/",     NOBODY, {"object_id": EXPLANATION}),
    R("admin/discipline/explanation/<path:object_id>/change/",     OFFICE_ONLY, {"object_id": EXPLANATION}, note="read-only"),
    R("admin/discipline/explanation/<path:object_id>/change/",     NOBODY, {"object_id": EXPLANATION}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/explanation/<path:object_id>/",            admin_redirect("admin:discipline_explanation_change", EXPLANATION), {"object_id": EXPLANATION}),

    # Admin: discipline.MonthlyScore — computed, view only (the board may read it too); its action runs the tally
    R("admin/discipline/monthlyscore/",                            cells(403, office=200)),
    R("admin/discipline/monthlyscore/add/",                        NOBODY),
    R("admin/discipline/monthlyscore/<path:object_id>/history/",   OFFICE_ONLY, {"object_id": SCORE}),
    R("admin/discipline/monthlyscore/<path:object_id>/delete/",    NOBODY, {"object_id": SCORE}),
    R("admin/discipline/monthlyscore/<path:object_id>/change/",    OFFICE_ONLY, {"object_id": SCORE}, note="read-only"),
    R("admin/discipline/monthlyscore/<path:object_id>/",           admin_redirect("admin:discipline_monthlyscore_change", SCORE), {"object_id": SCORE}),

    # Admin: discipline.month — view only (the month's pages write)
    R("admin/discipline/month/([^/]+)/history/([^/]+)/$",         OFFICE_ONLY, [MONTH, MONTH_V]),
    R("admin/discipline/month/",                            OFFICE_ONLY),
    R("admin/discipline/month/add/",                        NOBODY),
    R("admin/discipline/month/<path:object_id>/history/",   OFFICE_ONLY, {"object_id": MONTH}),
    R("admin/discipline/month/<path:object_id>/delete/",    NOBODY, {"object_id": MONTH}),
    R("admin/discipline/month/<path:object_id>/change/",    OFFICE_ONLY, {"object_id": MONTH}, note="read-only"),
    R("admin/discipline/month/<path:object_id>/change/",    NOBODY, {"object_id": MONTH}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/month/<path:object_id>/",           admin_redirect("admin:discipline_month_change", MONTH), {"object_id": MONTH}),

    # Admin: discipline.signoff — view only (the month's pages write)
    R("admin/discipline/signoff/([^/]+)/history/([^/]+)/$",       OFFICE_ONLY, [SIGNOFF, SIGNOFF_V]),
    R("admin/discipline/signoff/",                          OFFICE_ONLY),
    R("admin/discipline/signoff/add/",                      NOBODY),
    R("admin/discipline/signoff/<path:object_id>/history/", OFFICE_ONLY, {"object_id": SIGNOFF}),
    R("admin/discipline/signoff/<path:object_id>/delete/",  NOBODY, {"object_id": SIGNOFF}),
    R("admin/discipline/signoff/<path:object_id>/change/",  OFFICE_ONLY, {"object_id": SIGNOFF}, note="read-only"),
    R("admin/discipline/signoff/<path:object_id>/change/",  NOBODY, {"object_id": SIGNOFF}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/signoff/<path:object_id>/",         admin_redirect("admin:discipline_signoff_change", SIGNOFF), {"object_id": SIGNOFF}),

    # Admin: discipline.reviewcomment — view only (the month's pages write)
    R("admin/discipline/reviewcomment/([^/]+)/history/([^/]+)/$", OFFICE_ONLY, [COMMENT, COMMENT_V]),
    R("admin/discipline/reviewcomment/",                    OFFICE_ONLY),
    R("admin/discipline/reviewcomment/add/",                NOBODY),
    R("admin/discipline/reviewcomment/<path:object_id>/history/", OFFICE_ONLY, {"object_id": COMMENT}),
    R("admin/discipline/reviewcomment/<path:object_id>/delete/", NOBODY, {"object_id": COMMENT}),
    R("admin/discipline/reviewcomment/<path:object_id>/change/", OFFICE_ONLY, {"object_id": COMMENT}, note="read-only"),
    R("admin/discipline/reviewcomment/<path:object_id>/change/", NOBODY, {"object_id": COMMENT}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/reviewcomment/<path:object_id>/",   admin_redirect("admin:discipline_reviewcomment_change", COMMENT), {"object_id": COMMENT}),

    # Admin: discipline.dispute — view only (the month's pages write)
    R("admin/discipline/dispute/([^/]+)/history/([^/]+)/$",       OFFICE_ONLY, [DISPUTE, DISPUTE_V]),
    R("admin/discipline/dispute/",                          OFFICE_ONLY),
    R("admin/discipline/dispute/add/",                      NOBODY),
    R("admin/discipline/dispute/<path:object_id>/history/", OFFICE_ONLY, {"object_id": DISPUTE}),
    R("admin/discipline/dispute/<path:object_id>/delete/",  NOBODY, {"object_id": DISPUTE}),
    R("admin/discipline/dispute/<path:object_id>/change/",  OFFICE_ONLY, {"object_id": DISPUTE}, note="read-only"),
    R("admin/discipline/dispute/<path:object_id>/change/",  NOBODY, {"object_id": DISPUTE}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/dispute/<path:object_id>/",         admin_redirect("admin:discipline_dispute_change", DISPUTE), {"object_id": DISPUTE}),

    # Admin: discipline.reopenrequest — view only (the month's pages write)
    R("admin/discipline/reopenrequest/([^/]+)/history/([^/]+)/$", OFFICE_ONLY, [REOPEN, REOPEN_V]),
    R("admin/discipline/reopenrequest/",                    OFFICE_ONLY),
    R("admin/discipline/reopenrequest/add/",                NOBODY),
    R("admin/discipline/reopenrequest/<path:object_id>/history/", OFFICE_ONLY, {"object_id": REOPEN}),
    R("admin/discipline/reopenrequest/<path:object_id>/delete/", NOBODY, {"object_id": REOPEN}),
    R("admin/discipline/reopenrequest/<path:object_id>/change/", OFFICE_ONLY, {"object_id": REOPEN}, note="read-only"),
    R("admin/discipline/reopenrequest/<path:object_id>/change/", NOBODY, {"object_id": REOPEN}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/reopenrequest/<path:object_id>/",   admin_redirect("admin:discipline_reopenrequest_change", REOPEN), {"object_id": REOPEN}),

    # Admin: discipline.LedgerEntry — append-only: read, never added, changed or deleted by hand; no history of its own
    R("admin/discipline/ledgerentry/",                             OFFICE_ONLY),
    R("admin/discipline/ledgerentry/add/",                         NOBODY),
    R("admin/discipline/ledgerentry/<path:object_id>/history/",    OFFICE_ONLY, {"object_id": LEDGER}),
    R("admin/discipline/ledgerentry/<path:object_id>/delete/",     NOBODY, {"object_id": LEDGER}),
    R("admin/discipline/ledgerentry/<path:object_id>/delete/",     NOBODY, {"object_id": LEDGER}, post={"post": "yes"}),
    R("admin/discipline/ledgerentry/<path:object_id>/change/",     OFFICE_ONLY, {"object_id": LEDGER}, note="read-only"),
    R("admin/discipline/ledgerentry/<path:object_id>/change/",     NOBODY, {"object_id": LEDGER}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/ledgerentry/<path:object_id>/",            admin_redirect("admin:discipline_ledgerentry_change", LEDGER), {"object_id": LEDGER}),

    # Admin: discipline.ClockImport — view only (the import pages write); the model keeps no history of its own,
    # so it has Django's plain admin history page (its log entries) and no version pages
    R("admin/discipline/clockimport/",                             OFFICE_ONLY),
    R("admin/discipline/clockimport/add/",                         NOBODY),
    R("admin/discipline/clockimport/<path:object_id>/history/",    OFFICE_ONLY, {"object_id": CLOCK_IMPORT}),
    R("admin/discipline/clockimport/<path:object_id>/delete/",     NOBODY, {"object_id": CLOCK_IMPORT}),
    R("admin/discipline/clockimport/<path:object_id>/change/",     OFFICE_ONLY, {"object_id": CLOCK_IMPORT}, note="read-only"),
    R("admin/discipline/clockimport/<path:object_id>/change/",     NOBODY, {"object_id": CLOCK_IMPORT}, post=EMPTY, note="read-only: no save"),
    R("admin/discipline/clockimport/<path:object_id>/",            admin_redirect("admin:discipline_clockimport_change", CLOCK_IMPORT), {"object_id": CLOCK_IMPORT}),

    # Admin: awards.Initiative — add, change, view; no delete
    R("admin/awards/initiative/([^/]+)/history/([^/]+)/$",         OFFICE_ONLY, [INITIATIVE, INITIATIVE_V]),
    R("admin/awards/initiative/",                                  OFFICE_ONLY),
    R("admin/awards/initiative/add/",                              OFFICE_ONLY),
    R("admin/awards/initiative/<path:object_id>/history/",         OFFICE_ONLY, {"object_id": INITIATIVE}),
    R("admin/awards/initiative/<path:object_id>/delete/",          NOBODY, {"object_id": INITIATIVE}),
    R("admin/awards/initiative/<path:object_id>/change/",          OFFICE_ONLY, {"object_id": INITIATIVE}),
    R("admin/awards/initiative/<path:object_id>/",                 admin_redirect("admin:awards_initiative_change", INITIATIVE), {"object_id": INITIATIVE}),

    # Admin: the year-end (awards) — the Office views; nothing is added, changed or deleted there
    *[row for model, (obj, version) in YEAR_END_ADMIN.items() for row in [
        *([R(f"admin/awards/{model}/([^/]+)/history/([^/]+)/$", OFFICE_ONLY, [obj, version])] if version else []),
        R(f"admin/awards/{model}/",                            OFFICE_ONLY),
        R(f"admin/awards/{model}/add/",                        NOBODY),
        R(f"admin/awards/{model}/<path:object_id>/history/",   OFFICE_ONLY, {"object_id": obj}),
        R(f"admin/awards/{model}/<path:object_id>/delete/",    NOBODY, {"object_id": obj}),
        R(f"admin/awards/{model}/<path:object_id>/change/",    OFFICE_ONLY, {"object_id": obj}, note="read-only"),
        R(f"admin/awards/{model}/<path:object_id>/change/",    NOBODY, {"object_id": obj}, post=EMPTY, note="read-only: no save"),
        R(f"admin/awards/{model}/<path:object_id>/",           admin_redirect(f"admin:awards_{model}_change", obj), {"object_id": obj}),
    ]],

    # Admin: awards.PriorTitle — every permission
    R("admin/awards/priortitle/([^/]+)/history/([^/]+)/$",         OFFICE_ONLY, [PRIOR_TITLE, PRIOR_TITLE_V]),
    R("admin/awards/priortitle/",                                  OFFICE_ONLY),
    R("admin/awards/priortitle/add/",                              OFFICE_ONLY),
    R("admin/awards/priortitle/<path:object_id>/history/",         OFFICE_ONLY, {"object_id": PRIOR_TITLE}),
    R("admin/awards/priortitle/<path:object_id>/delete/",          OFFICE_ONLY, {"object_id": PRIOR_TITLE}),
    R("admin/awards/priortitle/<path:object_id>/change/",          OFFICE_ONLY, {"object_id": PRIOR_TITLE}),
    R("admin/awards/priortitle/<path:object_id>/",                 admin_redirect("admin:awards_priortitle_change", PRIOR_TITLE), {"object_id": PRIOR_TITLE}),
]
# fmt: on

# --- URL patterns ------------------------------------------------------------------------------------------


def _join(route1, route2):
    # As URLResolver._join_route: the route of a ResolverMatch, without the ^ of included patterns.
    return route2 if not route1 else route1 + route2.removeprefix("^")


def url_patterns():
    """Every URL pattern of the portal: {route: [pattern, …] from the root to the leaf}."""
    found = {}

    def walk(patterns, route, chain):
        for pattern in patterns:
            here = _join(route, str(pattern.pattern))
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, here, [*chain, pattern])
            else:
                assert here not in found, f"two patterns share the route {here!r}"
                found[here] = [*chain, pattern]

    walk(get_resolver().url_patterns, "", [])
    return found


def build_path(chain, params: dict) -> str:
    """The path of the pattern ``chain`` with ``params`` (named groups, or _0, _1 … for positional ones)."""
    path = "/"
    for pattern in chain:
        template, names = normalize(pattern.pattern.regex.pattern)[0]
        path += template % {name: params[name] for name in names}
    return path


# --- Requests ----------------------------------------------------------------------------------------------


def _objects(users):
    """The demo objects the rows name, by Obj value, plus each role's own staff pk under ``self:<role>``."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    def staff(code):
        return Staff.objects.get(code=code)

    def version(obj):
        return obj.history.filter(**{obj._meta.pk.attname: obj.pk}).latest("history_id").history_id

    attempt_fields = {"user_agent": "pytest", "ip_address": "127.0.0.1", "username": "x", "http_accept": "*/*",
                      "path_info": "/login/"}
    campaign = Campaign.objects.get(year=2023)
    division = Division.objects.get(code="HTQT")
    position = Position.objects.get(name="Chuyên viên")
    htqt_peer = staff("HTQT05")
    profile = AgencyProfile.objects.get(pk=1)
    violation = ViolationType.objects.filter(campaign=campaign).order_by("pk").first()
    commendation = CommendationType.objects.filter(campaign=campaign).order_by("pk").first()
    objects = {
        CANBO: staff("HTQT03").pk,
        HTQT_PEER: htqt_peer.pk,
        MOVED_IN: staff("LS07").pk,
        LS_PERSON: staff("LS03").pk,
        HOIDONG: staff("VP03").pk,
        NO_STAFF: Staff.objects.order_by("-pk").first().pk + 1000,
        CAMPAIGN: campaign.pk,
        NO_CAMPAIGN: Campaign.objects.order_by("-pk").first().pk + 1000,
        STAFF_CT: ContentType.objects.get_for_model(Staff).pk,
        GROUP: Group.objects.get(name=Role.OFFICE).pk,
        USER: users[STAFF].pk,
        ATTEMPT: AccessAttempt.objects.create(**attempt_fields, get_data="", post_data="", failures_since_start=1).pk,
        ACCESS_LOG: AccessLog.objects.create(**attempt_fields).pk,
        FAILURE_LOG: AccessFailureLog.objects.create(**attempt_fields).pk,
        DIVISION: division.pk,
        DIVISION_V: version(division),
        LS_DIVISION: Division.objects.get(code="LS").pk,
        NO_DIVISION: Division.objects.order_by("-pk").first().pk + 1000,
        POSITION: position.pk,
        POSITION_V: version(position),
        STAFF_V: version(htqt_peer),
        PROFILE: profile.pk,
        PROFILE_V: version(profile),
        CAMPAIGN_V: version(campaign),
        VIOLATION: violation.pk,
        VIOLATION_V: version(violation),
        COMMENDATION: commendation.pk,
        COMMENDATION_V: version(commendation),
    }
    objects |= _records(users)
    for role in ROLES:
        objects[f"self:{role}"] = (users[role] or users[STAFF]).staff.pk
    return objects


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
LS_PERSON_USERNAME = "lethihuong"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _make_ls_person_account():
    """An account for LS03, so that an LS person can explain a record (as the Office would create it)."""
    issued = create_account(Staff.objects.get(code="LS03"), username=LS_PERSON_USERNAME, roles=[Role.STAFF])
    User.objects.filter(username=issued.username).update(must_change_password=False)
    return User.objects.get(username=issued.username)


def _records(users):
    """Real records of discipline and awards, made through the services as the Office and the people would.

    Needs MEDIA_ROOT pointed at a temporary folder (evidence, attachments and the clock file are stored).
    """
    from openpyxl import Workbook

    office = users[OFFICE]
    campaign = Campaign.objects.get(year=2023)
    calendar = WorkCalendar(campaign)
    staff = {s.code: s for s in Staff.objects.filter(code__in=["HTQT03", "LS03", "HTQT01", "VP03", "LS07", "HTQT05"])}
    subjects = {"canbo": "HTQT03", "ls": "LS03", "head": "HTQT01", "hoidong": "VP03"}
    accounts = {"canbo": users[STAFF], "ls": User.objects.get(username=LS_PERSON_USERNAME), "head": users[HEAD_A],
                "hoidong": users[COUNCIL]}
    day = date(2023, 6, 12)  # a Monday: 07:00–11:30 / 13:30–17:00
    no_badge = ViolationType.objects.get(campaign=campaign, code="NO_BADGE")
    praise = CommendationType.objects.filter(campaign=campaign, active=True).order_by("pk").first()
    found = {}

    def violation(code, on=day, evidence=False):
        record = Violation(staff=staff[code], date=on, type=no_badge, points=no_badge.points, description="Không đeo thẻ")
        if evidence:
            record.evidence = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
        return services.record_new(record, by=office)

    services.save_day_sheet(
        day,
        [services.SheetEntry(staff=staff[code], status=AttendanceStatus.PRESENT, check_in=clock_time(7, 0),
                             check_out=clock_time(17, 0)) for code in subjects.values()],
        by=office, calendar=calendar,
    )
    for who, code in subjects.items():
        found[Obj(f"attendance_{who}")] = AttendanceRecord.objects.get(staff=staff[code], date=day).pk
        record = violation(code, evidence=True)
        services.file_explanation(record, by=accounts[who], text="Hôm đó tôi đi họp ngoài cơ quan.",
                                  attachment=SimpleUploadedFile("giay-moi.png", PNG, content_type="image/png"))
        found[Obj(f"violation_{who}")] = record.pk
        if who != "ls":
            found[Obj(f"open_violation_{who}")] = violation(code, on=date(2023, 6, 13)).pk
        commendation = Commendation(staff=staff[code], date=day, type=praise, points=praise.points)
        found[Obj(f"commendation_{who}")] = services.record_new(commendation, by=office).pk
    found[VIO_MOVED_LS] = violation("LS07").pk
    found[VIO_MOVED_HTQT] = violation("LS07", on=date(2023, 7, 10)).pk
    found[NO_RECORD] = 1 + max(model.objects.order_by("-pk").first().pk for model in (AttendanceRecord, Violation, Commendation))

    workbook = Workbook()
    sheet = workbook.active
    for row in [("Mã NV", "Họ tên", "Ngày", "Giờ vào", "Giờ ra"),
                ("HTQT03", "Nguyễn Thị Hương", date(2023, 6, 14), clock_time(6, 55), clock_time(17, 5)),
                ("HTQT05", "Trần Văn Ân", date(2023, 6, 14), clock_time(7, 20), clock_time(17, 5)),
                ("XX99", "Không có", date(2023, 6, 14), clock_time(7, 0), clock_time(17, 0))]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = clock.preview_clock_import(SimpleUploadedFile("cham-cong.xlsx", buffer.getvalue(), content_type=XLSX),
                                       by=office)
    found[CLOCK_IMPORT] = batch.pk
    found[NO_CLOCK_IMPORT] = batch.pk + 1000
    services.run_tally(Campaign.objects.get(year=2023), 2023, 4)
    found[SCORE] = MonthlyScore.objects.get(staff=staff["HTQT03"], year=2023, month=4).pk

    peer = staff["HTQT05"]
    sanction = Sanction.objects.create(staff=peer, opened_on=date(2023, 6, 1), reason="Vắng không phép", created_by=office)
    initiative = Initiative.objects.create(staff=peer, title="Số hoá hồ sơ đoàn ra", recognized_on=date(2023, 5, 2))
    prior = PriorTitle.objects.create(staff=peer, year=2022, title=AwardTitle.LDTT)
    explanation = Explanation.objects.get(violation_id=found[VIO_HEAD])  # only the board may decide it

    def version(model, pk):
        return model.history.filter(id=pk).latest("history_id").history_id

    found |= {
        ATT_V: version(AttendanceRecord, found[ATT_CANBO]),
        VIO_V: version(Violation, found[VIO_CANBO]),
        COM_V: version(Commendation, found[COM_CANBO]),
        EXPLANATION: explanation.pk,
        EXPLANATION_V: version(Explanation, explanation.pk),
        SANCTION: sanction.pk,
        SANCTION_V: version(Sanction, sanction.pk),
        INITIATIVE: initiative.pk,
        INITIATIVE_V: version(Initiative, initiative.pk),
        PRIOR_TITLE: prior.pk,
        PRIOR_TITLE_V: version(PriorTitle, prior.pk),
        HEAD_A_USER: users[HEAD_A].pk,
    }
    found |= _month_review(users, campaign=Campaign.objects.get(year=2023), found=found)
    found |= _year_end(users, campaign=Campaign.objects.get(year=2023))
    return found


def _year_end(users, *, campaign):
    """The year-end of awards/services.py as truongphong would start it."""
    from awards import services as awards_services
    from awards.models import Title

    nomination = awards_services.nominate(
        campaign, Title.LDTT, by=users[HEAD_A], staff=Staff.objects.get(code="HTQT03"),
        achievement="Hoàn thành tốt nhiệm vụ lễ tân đối ngoại.", reason="Ban Giám đốc chưa quyết định xếp loại.")
    listed = awards_services.shortlist(awards_services.nominate(
        campaign, Title.LDTT, by=users[OFFICE], staff=Staff.objects.get(code="LS03"),
        achievement="Hoàn thành tốt công tác lãnh sự.", reason="Ban Giám đốc chưa quyết định xếp loại."),
        by=users[OFFICE])
    members = [Staff.objects.get(code=code) for code in ("BGD01", "VP01", "VP03")]
    session = awards_services.record_session(
        campaign, by=users[OFFICE], votes=[],
        members=[{"staff": member, "council_role": "", "present": True, "written_vote": False} for member in members],
        data={"held_on": date(2023, 12, 15), "started_at": clock_time(8), "ended_at": clock_time(10),
              "place": "Phòng họp Sở", "chair": members[0], "secretary": members[1], "method": "hands", "note": ""},
    )
    from awards.models import DivisionReview, IssuedDocument, PublicComment, PublicNotice, YearReview

    review = awards_services.self_assess(campaign, Staff.objects.get(code="HTQT03"), rating="HTTNV",
                                         text="Hoàn thành tốt nhiệm vụ.", by=users[STAFF])
    division_review = awards_services.rate_division(campaign, Division.objects.get(code="HTQT"), rating="HTTNV",
                                                    note="", by=users[BOARD])
    # Published and commented as the services would once the board approves; made directly, nothing being approved.
    notice = PublicNotice.objects.create(campaign=campaign, published_on=date(2023, 12, 18), days=7,
                                         published_by=users[OFFICE])
    comment = PublicComment.objects.create(notice=notice, author=users[COUNCIL], text="Đồng ý với danh sách.")
    issued = IssuedDocument.objects.create(year=2023, type_code="BB", number=1, kind="minutes",
                                           issued_on=date(2023, 12, 15))

    def version(model, pk):
        return model.history.filter(id=pk).latest("history_id").history_id

    found = {YEAR_END_ADMIN[name][0]: obj.pk for name, obj in (
        ("yearreview", review), ("divisionreview", division_review), ("nomination", nomination),
        ("councilsession", session), ("publicnotice", notice), ("publiccomment", comment),
        ("issueddocument", issued))}
    found |= {YEAR_END_ADMIN[name][1]: version(model, obj.pk) for name, model, obj in (
        ("yearreview", YearReview, review), ("divisionreview", DivisionReview, division_review),
        ("nomination", type(nomination), nomination), ("councilsession", type(session), session),
        ("publicnotice", PublicNotice, notice))}
    return found | {
        SESSION: session.pk, NO_SESSION: session.pk + 1000,
        NOMINATION: nomination.pk, NO_NOMINATION: nomination.pk + 1000, LISTED: listed.pk,
        HEAD_A_STAFF: users[HEAD_A].staff.pk, BOARD_STAFF: users[BOARD].staff.pk,
    }


def _month_review(users, *, campaign, found):
    """The review and close of discipline/closing.py, done as truongphong, the Office and the board would."""
    from discipline import closing
    from discipline.models import Dispute, LedgerEntry, Month, ReopenRequest, ReviewComment, Signoff

    htqt = Division.objects.get(code="HTQT")
    dispute = closing.raise_dispute(Violation.objects.get(pk=found[OPEN_CANBO]), division=htqt,
                                    reason="Hôm đó đồng chí đi họp tại UBND tỉnh", by=users[HEAD_A])
    comment = closing.save_comment(Staff.objects.get(code="HTQT03"), 2023, 6, text="Hoàn thành tốt nhiệm vụ", by=users[HEAD_A])
    signoff = closing.sign_off(campaign, htqt, 2023, 5, by=users[HEAD_A])
    month = closing.close_month(campaign, 2023, 5, by=users[OFFICE], reason="Giao ban tháng 6 đã họp")
    reopen = closing.request_reopen(2023, 5, reason="Phòng Lãnh sự báo sai một ngày nghỉ phép", by=users[OFFICE])

    def version(model, pk):
        return model.history.filter(id=pk).latest("history_id").history_id

    return {
        DISPUTE: dispute.pk, DISPUTE_V: version(Dispute, dispute.pk), NO_DISPUTE: dispute.pk + 1000,
        COMMENT: comment.pk, COMMENT_V: version(ReviewComment, comment.pk),
        SIGNOFF: signoff.pk, SIGNOFF_V: version(Signoff, signoff.pk),
        MONTH: month.pk, MONTH_V: version(Month, month.pk),
        REOPEN: reopen.pk, REOPEN_V: version(ReopenRequest, reopen.pk), NO_REOPEN: reopen.pk + 1000,
        LEDGER: LedgerEntry.objects.get(closed_month=month).pk,
    }


def _query(row, role, objects):
    if isinstance(row.query, dict):
        return urlencode({name: _value(value, role, objects) for name, value in row.query.items()})
    return row.query


def _value(value, role, objects):
    if isinstance(value, Obj):
        return str(objects[f"self:{role}"] if value == SELF else objects[value])
    return str(value)


def _path(row, chain, role, objects):
    params = row.params
    if isinstance(params, list):
        params = {f"_{i}": value for i, value in enumerate(params)}
    return build_path(chain, {name: _value(value, role, objects) for name, value in params.items()})


def _verdict(expected, response, full_path, role, objects):
    """(ok, what happened) for one response."""
    location = response.get("Location", "")
    got = f"{response.status_code} {location}".strip()
    if expected == LOGIN:
        ok = response.status_code == 302 and location == redirect_to_login(full_path).url
    elif isinstance(expected, Redirect):
        target = reverse(expected.name, args=[_value(arg, role, objects) for arg in expected.args])
        # The admin's view-on-site link answers with an absolute URL on the same host.
        ok = response.status_code == 302 and location.removeprefix("http://testserver") == target
    else:
        ok = response.status_code == expected
    return ok, got


def _expected_text(expected, role, objects):
    if expected == LOGIN:
        return "login"
    if isinstance(expected, Redirect):
        return "302 " + reverse(expected.name, args=[_value(arg, role, objects) for arg in expected.args])
    return str(expected)


def _make_head_b():
    """The head of LS: an account the Office would create, whose holder has since chosen a password."""
    issued = create_account(Staff.objects.get(code="LS01"), username=HEAD_B_USERNAME, roles=[Role.STAFF, Role.HEAD])
    user = User.objects.get(username=issued.username)
    user.must_change_password = False  # else every page would send them to the password page
    user.save(update_fields=["must_change_password"])
    return user


def _session_cookies(users):
    """A signed-in session per role, made once; each cell's request runs in a savepoint rolled back."""
    cookies = {ANON: None}
    for role, user in users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            cookies[role] = client.cookies["sessionid"].value
    return cookies


def _data(row, role, objects):
    if row.data is None:
        return None
    return {name: _value(value, role, objects) if isinstance(value, Obj) else value for name, value in row.data.items()}


def _request(row, path, query, data, cookie):
    client = Client()
    if cookie:
        client.cookies["sessionid"] = cookie
    url = f"{path}?{query}" if query else path
    with transaction.atomic():
        if row.method == "POST":
            response = client.post(url, data)
        else:
            response = client.get(url)
        hops = []
        # The admin sends whoever lacks admin access to its own login page; that page decides (see above).
        while response.status_code == 302 and response["Location"].startswith(reverse("admin:login")) and not hops:
            hops.append(f"302 {response['Location']}")
            _finish(response)
            response = client.get(response["Location"])
        _finish(response)
        transaction.set_rollback(True)
    return response, url, hops


def _finish(response):
    """Read a streamed response to its end, which closes it as a WSGI server would.

    The test client closes plain responses itself; closing one again by hand would fire request_finished
    with Django's close_old_connections connected, which closes the PostgreSQL connection mid-transaction.
    """
    if response.streaming:
        b"".join(response.streaming_content)


def _table(lines, header):
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
    render = [" | ".join(str(value).ljust(width) for value, width in zip(line, widths, strict=True)) for line in lines]
    rule = "-+-".join("-" * width for width in widths)
    head = " | ".join(str(value).ljust(width) for value, width in zip(header, widths, strict=True))
    return "\n".join([head, rule, *render])


# --- Tests -------------------------------------------------------------------------------------------------


def test_every_url_pattern_has_a_row():
    patterns = url_patterns()
    covered = {row.route for row in MATRIX}
    missing = sorted(set(patterns) - covered)
    unknown = sorted(covered - set(patterns))
    assert not missing, "URL patterns without a row in MATRIX:\n  " + "\n  ".join(missing)
    assert not unknown, "MATRIX rows for URL patterns that do not exist:\n  " + "\n  ".join(unknown)


def test_every_row_names_every_role():
    for row in MATRIX:
        assert list(row.expect) == list(ROLES), row
        assert all(value is not None for value in row.expect.values()), row


def test_access_matrix(demo, settings, tmp_path):
    started = time.monotonic()
    settings.MEDIA_ROOT = tmp_path / "media"
    _make_ls_person_account()
    users = {ANON: None, HEAD_B: _make_head_b()} | {
        role: User.objects.get(username=name) for role, name in USERNAMES.items()
    }
    users = {role: users[role] for role in ROLES}
    objects = _objects(users)
    cookies = _session_cookies(users)
    patterns = url_patterns()

    mismatches, count = [], 0
    for row in MATRIX:
        chain = patterns[row.route]
        for role in ROLES:
            path = _path(row, chain, role, objects)
            assert resolve(path).route == row.route, f"{path} does not reach the pattern {row.route!r}"
            expected = row.expect[role]
            try:
                response, full_path, hops = _request(
                    row, path, _query(row, role, objects), _data(row, role, objects), cookies[role]
                )
            except Exception as error:  # a crash is a mismatch too; the table shows it with the others
                ok, got, full_path = False, f"raised {type(error).__name__}: {error}"[:80], path
            else:
                ok, got = _verdict(expected, response, full_path, role, objects)
                got = " → ".join([*hops, got])
            count += 1
            if not ok:
                mismatches.append((row.method, full_path, role, _expected_text(expected, role, objects), got,
                                   row.note))

    # Every cell ran in a savepoint rolled back: the demo data is as it was (else later cells would lie).
    assert Staff.objects.filter(user__isnull=True).count() == 38  # 45 people, the 5 demo accounts, head_b's, LS03's
    assert Violation.objects.filter(status="active").count() == 9 and not Explanation.objects.exclude(status="pending").exists()
    assert not User.objects.filter(must_change_password=True).exists()
    assert not Campaign.objects.exclude(year=2023).exists()
    assert Staff.objects.get(code="HTQT03").user == users[STAFF]
    elapsed = time.monotonic() - started
    assert not mismatches, (
        f"{len(mismatches)} of {count} cells differ from the access matrix ({elapsed:.1f} s):\n"
        + _table(mismatches, ("method", "url", "role", "expected", "got", "note"))
    )


def test_pages_show_only_what_the_role_may_see(demo, client):
    """Status is not enough: the pages a role reaches must hold their scope and nothing more."""
    head_b = _make_head_b()
    htqt = Division.objects.get(code="HTQT")
    ls = Division.objects.get(code="LS")
    linked = re.compile(r'href="/staff/(\d+)/"')

    # A head's staff list: exactly the people of their division today (LS07 moved from LS to HTQT).
    client.force_login(User.objects.get(username="truongphong"))
    page = client.get(reverse("organization:staff-list"))
    shown = {int(pk) for pk in linked.findall(page.text)}
    assert shown == set(Staff.objects.in_division(htqt).values_list("pk", flat=True))
    assert Staff.objects.get(code="LS07").pk in shown
    assert not shown & set(Staff.objects.in_division(ls).values_list("pk", flat=True))
    assert "<td>HTQT03</td>" in page.text and "<td>LS03</td>" not in page.text
    # A filter on another division cannot widen the scope.
    page = client.get(reverse("organization:staff-list"), {"division": ls.pk})
    assert not {int(pk) for pk in linked.findall(page.text)} & set(
        Staff.objects.in_division(ls).values_list("pk", flat=True)
    )

    client.force_login(head_b)
    page = client.get(reverse("organization:staff-list"))
    shown = {int(pk) for pk in linked.findall(page.text)}
    assert shown == set(Staff.objects.in_division(ls).values_list("pk", flat=True))
    assert Staff.objects.get(code="LS07").pk not in shown and "<td>HTQT03</td>" not in page.text

    # The Office and the board list all 45.
    for username in ("vanphong", "giamdoc"):
        client.force_login(User.objects.get(username=username))
        page = client.get(reverse("organization:staff-list"))
        assert {int(pk) for pk in linked.findall(page.text)} == set(Staff.objects.values_list("pk", flat=True))

    # A plain staff member reads the campaign: the six contents, and none of the Office's buttons.
    campaign = Campaign.objects.get(year=2023)
    client.force_login(User.objects.get(username="canbo"))
    page = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk]))
    criteria = list(campaign.criteria.all())
    assert len(criteria) == 6
    for criterion in criteria:
        assert criterion.title in page.text
    assert reverse("campaigns:campaign-copy", args=[campaign.pk]) not in page.text
    assert "/admin/" not in page.text
