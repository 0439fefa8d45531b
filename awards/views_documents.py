"""Downloading the year-end documents (awards/documents.py).

- The Office and the board download every document; the council the list (danh sách) and the minutes.
- A numbered document (minutes, tờ trình, quyết định) takes its number the first time the Office downloads it;
  until then the board reads it as a draft with the number left blank.
- The báo cáo thành tích of a nominee: the Office, the board, and the head of the nominee's division.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from awards import access
from organization.access import headed_division, role_required, sees_whole_agency
from organization.roles import Role, has_role

COUNCIL_KINDS = ["shortlist", "minutes"]


def _download(produced) -> HttpResponse:
    response = HttpResponse(produced.content, content_type=produced.content_type)
    response["Content-Disposition"] = f'attachment; filename="{produced.filename}"'
    return response


@role_required(Role.OFFICE, Role.BOARD, Role.COUNCIL)
def document(request, year, kind, fmt):
    from awards import documents  # WeasyPrint loads only when a document is asked for

    if fmt not in documents.formats_of(kind):
        raise Http404
    if not sees_whole_agency(request.user) and kind not in COUNCIL_KINDS:
        raise PermissionDenied
    campaign = access.campaign_of(year)
    session = None
    if kind == "minutes" and request.GET.get("session", "").isdigit():
        session = access.get_session(request.user, campaign, int(request.GET["session"]))
    try:
        produced = documents.produce(campaign, kind, fmt, session=session,
                                     issue=has_role(request.user, Role.OFFICE))
    except documents.DocumentRefused as refused:
        messages.error(request, refused.message)
        return redirect("awards:nominations", year)
    return _download(produced)


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD)
def achievement(request, year, pk):
    from awards import documents

    campaign = access.campaign_of(year)
    nomination = access.get_nomination(request.user, campaign, pk)
    if not sees_whole_agency(request.user):
        # A head (who may also sit on the council, which reads every nomination) drafts their own division's.
        division = headed_division(request.user)
        if division is None or nomination.division_id != division.pk:
            raise PermissionDenied
    return _download(documents.produce_achievement(nomination))
