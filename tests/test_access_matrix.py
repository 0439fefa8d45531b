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
* an unknown object is a 404 for the roles that may use the view.

``MATRIX`` holds one row per (URL pattern, object, method). ``test_access_matrix`` requests every cell;
``test_every_url_pattern_has_a_row`` fails when a pattern is added without a row.

The admin sends whoever lacks admin access (anonymous or not ``is_staff``) to its own login page, and the
portal's admin site answers there: anonymous users go on to ``/login/?next=…``, signed-in ones get a 403.
The test follows that one hop and judges where it ends; the mismatch table shows the hop.
"""

# The matrix is a table: one row a line reads better than lines cut at 110 characters.
# ruff: noqa: E501

import re
import time
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils.regex_helper import normalize

from campaigns.models import Campaign, CommendationType, ViolationType
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
DIVISION, DIVISION_V = Obj("division"), Obj("division_version")
POSITION, POSITION_V = Obj("position"), Obj("position_version")
STAFF_V = Obj("staff_version")  # a history row of HTQT_PEER
PROFILE, PROFILE_V = Obj("agencyprofile"), Obj("agencyprofile_version")
CAMPAIGN_V = Obj("campaign_version")
VIOLATION, VIOLATION_V = Obj("violationtype"), Obj("violationtype_version")
COMMENDATION, COMMENDATION_V = Obj("commendationtype"), Obj("commendationtype_version")


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


def admin_redirect(name, *args):
    """The admin's old-style ``<object_id>/`` URL: the Office is sent on to the change page."""
    return cells(403, office=to(name, *args))


@dataclass(frozen=True)
class Row:
    route: str  # the full route of the pattern, as ResolverMatch.route spells it
    expect: dict  # role → expectation
    params: dict | list = field(default_factory=dict)  # path kwargs, or positional args of a regex
    method: str = "GET"
    data: dict | None = None  # POST body (empty unless needed)
    query: str = ""
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
    R("admin/(?P<app_label>auth|axes|organization|campaigns)/$", cells(403, office=404), {"app_label": "auth"},
      note="an app with no model the Office may see is hidden: 404"),
    R("admin/(?P<app_label>auth|axes|organization|campaigns)/$", cells(403, office=404), {"app_label": "axes"}),
    R("admin/(?P<app_label>auth|axes|organization|campaigns)/$", OFFICE_ONLY, {"app_label": "organization"}),
    R("admin/(?P<app_label>auth|axes|organization|campaigns)/$", OFFICE_ONLY, {"app_label": "campaigns"}),
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
    for role in ROLES:
        objects[f"self:{role}"] = (users[role] or users[STAFF]).staff.pk
    return objects


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


def _request(row, path, cookie):
    client = Client()
    if cookie:
        client.cookies["sessionid"] = cookie
    url = f"{path}?{row.query}" if row.query else path
    with transaction.atomic():
        if row.method == "POST":
            response = client.post(url, row.data)
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


def test_access_matrix(demo):
    started = time.monotonic()
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
                response, full_path, hops = _request(row, path, cookies[role])
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
    assert Staff.objects.filter(user__isnull=True).count() == 39
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
