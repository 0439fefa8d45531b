"""The board's dashboard (issue 6): where discipline stands this month and this year, and what waits for a
decision. Figures: discipline/dashboard.py; charts: discipline/charts.py; who sees what: discipline/access.py
(``dashboard_scope``)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from discipline import access, charts, forms
from discipline.dashboard import CACHE_SECONDS, EARLY_LEAVE, LATENESS, UNEXCUSED, Dashboard, Waiting, state_of
from discipline.models import ReopenRequest, ReopenStatus
from organization.access import role_required
from organization.roles import Role, has_role


@dataclass
class Stat:
    """One headline figure: its value this month, the change against the previous month, the records behind."""

    key: str
    label: str
    value: object
    previous: object
    url: str = ""
    decimals: int = 0
    lower_is_better: bool = True
    unit: str = ""

    @property
    def change(self):
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, self.decimals or 0)

    @property
    def better(self) -> bool | None:
        change = self.change
        if not change:
            return None
        return (change < 0) == self.lower_is_better


def _records_url(kind: str, *, month=None, year=None, division=None, **filters) -> str:
    """The record list filtered to what a figure counts."""
    query = {}
    if month:
        query["month"] = f"{month[0]}-{month[1]:02d}"
    if year:
        query["year"] = str(year)
    if division is not None:
        query["division"] = division.pk
    query |= {key: value for key, value in filters.items() if value}
    query["status"] = "active"
    return reverse(f"discipline:{kind}-list") + "?" + urlencode(query)


def headline(board: Dashboard, figures, previous, *, month=None, year=None, division=None) -> list[Stat]:
    """The headline figures of a month (against ``previous``) or of the year to date (``year``)."""
    where = {"month": month, "year": year, "division": division}
    # The rate and the average: the month's report, or the year's summary, each person's line in it.
    scope = f"?division={division.code}" if division else ""
    if month:
        report = reverse("discipline:monthly-report", args=month) + scope
    else:
        report = reverse("awards:year-summary", args=[year]) + scope
    stats = [
        Stat("on_time", _("On-time rate"), figures.on_time_rate, previous.on_time_rate, report, 1, False, "%"),
        Stat("late", _("Lateness"), figures.late, previous.late, _records_url("violation", **where, type=",".join(LATENESS))),
        Stat("early", _("Early leave"), figures.early, previous.early,
             _records_url("violation", **where, type=",".join(EARLY_LEAVE))),
        Stat("absent", _("Unexcused absence"), figures.absent, previous.absent,
             _records_url("violation", **where, type=",".join(UNEXCUSED))),
        Stat("violations", _("Violations"), figures.violations, previous.violations,
             _records_url("violation", **where)),
        Stat("commendations", _("Commendations"), figures.commendations, previous.commendations,
             _records_url("commendation", **where), lower_is_better=False),
        Stat("average", _("Average score"), figures.average, previous.average, report, 2, False),
    ]
    return stats


def _waiting(campaign, division, month, late: list) -> list:
    """What waits for a decision, each with where it is decided: the board's for the board and the Office;
    the head's own division's for a head. ``late``: (name, url) of the divisions late for the sign-off."""
    from awards.models import Nomination, NominationStatus, YearReview

    found = []
    whole = division is None
    if whole:
        requests = list(ReopenRequest.objects.filter(status=ReopenStatus.PENDING).select_related("closed_month"))
        found.append(Waiting(_("Requests to reopen a month"), len(requests), reverse("discipline:month-list"),
                             [(_("Request to reopen month %(month)s") % {"month": item.closed_month},
                               item.get_absolute_url()) for item in requests[:5]]))
    nominations = Nomination.objects.filter(campaign=campaign, status=NominationStatus.SHORTLISTED)
    reviews = YearReview.objects.filter(campaign=campaign, rating="").exclude(head_rating="")
    if not whole:
        nominations = nominations.filter(division=division)
        reviews = reviews.filter(staff__memberships__division=division).distinct()
    found.append(Waiting(_("Nominations to approve"), nominations.count(),
                         reverse("awards:nominations", args=[campaign.year]) + "?status=shortlisted"))
    found.append(Waiting(_("Ratings proposed, to decide"), reviews.count(),
                         reverse("awards:ratings", args=[campaign.year])))
    if month:
        found.append(Waiting(_("Divisions late for the sign-off"), len(late), reverse("discipline:month", args=month),
                             late))
    return found


def _month_label(key) -> str:
    return f"{key[1]:02d}/{key[0]}"


def body_context(board: Dashboard, campaign, division) -> dict:
    """What the dashboard's figures, divisions and charts show (the cached body, and the printed PDF)."""
    for row in board.divisions:
        row.late_url = _records_url("violation", month=board.month, division=row.division, type=",".join(LATENESS))
        row.violations_url = _records_url("violation", month=board.month, division=row.division)
    scope = f"?division={division.code}" if division else ""
    return {
        "campaign": campaign, "division": division, "board": board,
        "month_label": _month_label(board.month), "previous_label": _month_label(board.previous_month),
        "provisional": board.month in board.provisional,
        "stats": headline(board, board.figures, board.previous, month=board.month, division=division),
        "year_stats": headline(board, board.year_to_date, board.year_to_date, year=campaign.year, division=division),
        "charts": charts.dashboard_charts(board),
        "contents": [(number, (board.figures.by_content.get(number, 0),
                               _records_url("violation", month=board.month, division=division, criterion=number)))
                     for number in range(1, 7)],
        "report_url": reverse("discipline:monthly-report", args=board.month) + scope,
    }


def dashboard_context(request) -> dict:
    """The page's context. The figures, divisions and charts are rendered once per state of the data they come
    from (``dashboard.state``: the summaries, the closed months, the month's sign-offs, the day) and kept in
    the cache; what waits for a decision is read on every request."""
    division = access.dashboard_scope(request.user)
    form = forms.DashboardForm(request.GET or None)
    campaign, month = None, None
    if form.is_bound and form.is_valid():
        campaign, month = form.cleaned_data["campaign"], form.cleaned_data["month"]
    elif form.is_bound:
        messages.warning(request, _("The month was not understood; the latest month with data is shown."))
    campaign = campaign or Campaign.objects.current()
    if campaign is None:
        return {"campaign": None, "division": division, "form": form}
    state = state_of(campaign, division=division, month=month)
    context = {"campaign": campaign, "criteria": list(campaign.criteria.all()), "division": division, "form": form,
               "is_board": has_role(request.user, Role.BOARD), "month": state.month,
               "months": [(key, _month_label(key), key in state.months_with_data) for key in state.months]}
    late = []
    if state.month:
        cached = cache.get(state.key)
        if cached is None:
            board = Dashboard.build(campaign, division=division, month=state.month)
            body = render_to_string("discipline/_dashboard_body.html", body_context(board, campaign, division))
            late = [(row.division.name, reverse("discipline:division-month", args=[*board.month, row.division.pk]))
                    for row in board.divisions if row.late]
            cached = {"body": body, "late": late}
            cache.set(state.key, cached, CACHE_SECONDS)
        context |= {"body": mark_safe(cached["body"]), "month_label": _month_label(state.month)}  # noqa: S308
        late = cached["late"]
    context["waiting"] = _waiting(campaign, division, state.month, late)
    return context


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD)
def dashboard(request):
    return render(request, "discipline/dashboard.html", dashboard_context(request))


@role_required(Role.OFFICE, Role.BOARD, Role.HEAD)
def dashboard_pdf(request):
    """The dashboard of the month asked for, printed for the briefing (Nghị định 30 báo cáo)."""
    from discipline import documents

    context = dashboard_context(request)
    if context.get("campaign") is None or not context["month"]:
        messages.error(request, _("There is nothing to print: no month of the campaign has been tallied yet."))
        return render(request, "discipline/dashboard.html", context)
    campaign, division = context["campaign"], context["division"]
    board = Dashboard.build(campaign, division=division, month=context["month"])
    content = documents.dashboard_pdf(body_context(board, campaign, division))
    year, month = board.month
    suffix = f"-{division.code.lower()}" if division is not None else ""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bang-tin-{year}-{month:02d}{suffix}.pdf"'
    return response
