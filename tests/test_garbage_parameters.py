"""Garbage in every GET parameter of every page (issue 7, first part): whatever a careless script or a curious
person puts in the query string, a page answers with itself, a message, a redirect, 403 or 404 — never a
server error — and never echoes markup unescaped.

On the demo year (seed_demo with its records and year-end), for the Office (who opens every page), a head and a
member of staff: every GET route of the portal but the admin's (its own parameters are Django's), with real
objects in the path, is requested with every query parameter the portal reads set at once to each garbage value.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver

from awards.models import CouncilSession, Nomination
from discipline.models import AttendanceRecord, ClockImport, Commendation, Dispute, Explanation, ReopenRequest, Violation
from campaigns.models import Campaign
from organization.models import Division, Staff, User

# Every name the portal's views and forms read from a query string.
PARAMETERS = ["month", "division", "period", "page", "session", "year", "title", "status", "show", "nominee",
              "next", "staff", "criterion", "type", "date", "q", "kind", "fmt"]
GARBAGE = [
    "<script>alert(1)</script>", "-1", "99999999999999999999999", "2023-13", "1999-01", "2023-02-30", "\x00",
    "'; DROP TABLE organization_staff; --", "%", "ă" * 500, "//evil.example", " ",
]
ROLES = ["vanphong", "truongphong", "canbo"]


@pytest.fixture(scope="module")
def objects(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        found = {
            "staff": Staff.objects.get(code="HTQT03").pk,
            "division": Division.objects.get(code="HTQT").pk,
            "campaign": Campaign.objects.get(year=2023).pk,
            "violation": Violation.objects.filter(staff__code="HTQT03").order_by("pk").first().pk,
            "commendation": Commendation.objects.order_by("pk").first().pk,
            "attendance": AttendanceRecord.objects.order_by("pk").first().pk,
            "explanation": Explanation.objects.order_by("pk").first().violation_id,
            "dispute": Dispute.objects.order_by("pk").first().pk if Dispute.objects.exists() else None,
            "clock": ClockImport.objects.order_by("pk").first().pk if ClockImport.objects.exists() else None,
            "reopen": ReopenRequest.objects.order_by("pk").first().pk if ReopenRequest.objects.exists() else None,
            "nomination": Nomination.objects.order_by("pk").first().pk,
            "session": CouncilSession.objects.order_by("pk").first().pk,
        }
        yield found
        transaction.set_rollback(True)


def _routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return [route for route in walk(get_resolver().url_patterns) if not route.startswith("admin")]


def _path(route: str, objects: dict) -> str | None:
    """``route`` with real objects in it; None when the demo has no object of that kind."""
    kinds = [("attendance/", "attendance"), ("violations/", "violation"), ("commendations/", "commendation"),
             ("clock-imports/", "clock"), ("disputes/", "dispute"), ("reopen-requests/", "reopen"),
             ("nominations/", "nomination"), ("council/", "session"), ("campaigns/", "campaign"),
             ("divisions/", "division"), ("division/", "division"), ("staff/", "staff")]
    path = route.replace("<int:year>-<int:month>", "2023-4").replace("<int:year>", "2023")
    path = path.replace("<str:kind>.<str:fmt>", "yearend.pdf").replace("<str:action>", "shortlist")
    while "<int:pk>" in path:
        before = path[:path.index("<int:pk>")]
        kind = next((kind for marker, kind in kinds if before.endswith(marker)), None)
        if kind is None or objects.get(kind) is None:
            return None
        path = path.replace("<int:pk>", str(objects[kind]), 1)
    return "/" + path


@pytest.mark.parametrize("username", ROLES)
def test_garbage_in_every_query_parameter_never_breaks_a_page(db, objects, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    tried, problems = 0, []
    for route in _routes():
        path = _path(route, objects)
        if path is None or path in ("/logout/",):
            continue
        for value in GARBAGE:
            response = client.get(path, {name: value for name in PARAMETERS})
            tried += 1
            if response.status_code >= 500 or response.status_code not in (200, 302, 400, 403, 404, 405):
                problems.append(f"{path} ?…={value[:30]!r}: {response.status_code}")
                continue
            if response.get("Content-Type", "").startswith("text/html") and b"<script>alert(1)" in response.content:
                problems.append(f"{path}: the markup came back unescaped")
    assert not problems, f"{len(problems)} of {tried} requests went wrong:\n  " + "\n  ".join(problems[:40])
    assert tried > 900


def test_a_nul_character_gets_a_clear_answer_and_changes_nothing(db, objects):
    client = Client()
    client.force_login(User.objects.get(username="vanphong"))
    response = client.get("/discipline/violations/", {"division": "1\x00"})
    assert response.status_code == 400 and "Yêu cầu không hợp lệ" in response.text
    staff = Staff.objects.get(code="HTQT03")
    response = client.post(f"/staff/{staff.pk}/edit/", {"full_name": "Nguyễn\x00Hương"})
    assert response.status_code == 400
    assert Staff.objects.get(pk=staff.pk).full_name == "Nguyễn Thị Hương"
