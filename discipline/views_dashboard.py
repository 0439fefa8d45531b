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
from discipline.dashboard import (
    CACHE_SECONDS,
    EARLY_LEAVE,
    LATENESS,
    UNEXCUSED,
    Dashboard,
    Waiting,
    state_of,
)
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


def headline(figures, previous, *, month=None, year=None, division=None) -> list[Stat]:
    """The headline figures of a month (against ``previous``) or of the year to date (``year``)."""
    where = {"month": month, "year": year, "division": division}
    # The rate and the average: the month's report, or the year's summary, each person's line in it.
    scope = f"?division={division.code}" if division else ""
    if month:
        report = reverse("discipline:monthly-report", args=month) + scope
    else:
        report = reverse("awards:year-summary", args=[year]) + scope
    return [
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


def _waiting(campaign, division, state, month, late: list) -> list:
    """What waits for a decision, each with where it is decided: the board's for the board and the Office;
    the head's own division's for a head. Counts from ``state``; ``late``: (name, url) of the divisions late
    for the sign-off of ``month``."""
    found = []
    if division is None:
        requests = []
        if state.reopen_requests:
            requests = ReopenRequest.objects.filter(status=ReopenStatus.PENDING).select_related("closed_month")[:5]
        found.append(Waiting(_("Requests to reopen a month"), state.reopen_requests, reverse("discipline:month-list"),
                             [(_("Request to reopen month %(month)s") % {"month": item.closed_month},
                               item.get_absolute_url()) for item in requests]))
    found.append(Waiting(_("Nominations to approve"), state.nominations,
                         reverse("awards:nominations", args=[campaign.year]) + "?status=shortlisted"))
    found.append(Waiting(_("Ratings proposed, to decide"), state.ratings,
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
        "stats": headline(board.figures, board.previous, month=board.month, division=division),
        "year_stats": headline(board.year_to_date, board.year_to_date, year=campaign.year, division=division),
        "charts": charts.dashboard_charts(board),
        # (…, this month, previous month, change, year to date) — the year's grades count person-months.
        "grades": [(grade, count, before, count - before, year) for (grade, count), (_g, before), (_y, year)
                   in zip(board.figures.grade_counts, board.previous.grade_counts,
                          board.year_to_date.grade_counts, strict=True)],
        "contents": [(number, board.figures.by_content.get(number, 0),
                      _records_url("violation", month=board.month, division=division, criterion=number),
                      board.previous.by_content.get(number, 0),
                      board.figures.by_content.get(number, 0) - board.previous.by_content.get(number, 0),
                      board.year_to_date.by_content.get(number, 0),
                      _records_url("violation", year=campaign.year, division=division, criterion=number))
                     for number in range(1, 7)],
        "types": _types(board, campaign, division),
        "report_url": reverse("discipline:monthly-report", args=board.month) + scope,
        "year_url": reverse("awards:year-summary", args=[campaign.year]) + scope,
    }


def _types(board: Dashboard, campaign, division) -> list:
    """The month's violations by type against the previous month, and the year's: (code, name, count, records,
    before, change, year, its records), most frequent first, for the types seen this year."""
    from campaigns.models import ViolationType

    names = dict(ViolationType.objects.filter(campaign=campaign).values_list("code", "name"))
    now, before, year = board.figures.by_type, board.previous.by_type, board.year_to_date.by_type
    codes = sorted(set(now) | set(before) | set(year),
                   key=lambda code: (-now.get(code, 0), -before.get(code, 0), -year.get(code, 0), code))
    return [(code, names.get(code, code), now.get(code, 0),
             _records_url("violation", month=board.month, division=division, type=code),
             before.get(code, 0), now.get(code, 0) - before.get(code, 0), year.get(code, 0),
             _records_url("violation", year=campaign.year, division=division, type=code)) for code in codes]


def dashboard_context(request) -> dict:
    """The page's context. The figures, divisions and charts are rendered once per state of what they show
    (``state_of``: a stamp the tally, the close, the sign-offs… change, the campaign and the day) and kept in
    the cache with the campaign; the counts of what waits for a decision are read on every request, in the
    same query."""
    division = access.dashboard_scope(request.user)
    form = forms.DashboardForm(request.GET or None)
    month = form.cleaned_data["month"] if form.is_bound and form.is_valid() else None
    if form.is_bound and not form.is_valid():
        messages.warning(request, _("The month was not understood; the latest month with data is shown."))
    state = state_of(month=month, division=division)
    if state.campaign_id is None and month is not None:
        messages.warning(request, _("No campaign covers %(month)02d/%(year)s; the current campaign is shown.")
                         % {"month": month[1], "year": month[0]})
        month = None
        state = state_of(division=division)
    if state.campaign_id is None:
        return {"campaign": None, "division": division, "form": form}
    cached = cache.get(state.key)
    if cached is None:
        cached = _rendered(Campaign.objects.get(pk=state.campaign_id), division, month)
        cache.set(state.key, cached, CACHE_SECONDS)
    campaign = cached["campaign"]
    context = {"division": division, "form": form, "is_board": has_role(request.user, Role.BOARD), **cached,
               "body": mark_safe(cached["body"]),  # noqa: S308 (rendered from the templates, escaped there)
               "header": mark_safe(cached["header"])}  # noqa: S308
    context["waiting"] = _waiting(campaign, division, state, cached["month"], cached["late"])
    context["state_key"] = state.key
    return context


def _rendered(campaign, division, month) -> dict:
    """What the cache keeps: the month shown and the campaign's months, the rendered figures, the late divisions."""
    board = Dashboard.build(campaign, division=division, month=month)
    chosen = board.month
    found = {"campaign": campaign, "month": chosen, "month_label": _month_label(chosen) if chosen else "",
             "body": "", "late": [],
             "months": [(key, _month_label(key), key in board.months_with_data) for key in board.months],
             # The campaign's contents, in the board's summary of the campaign (saving one changes the stamp).
             "criteria": list(campaign.criteria.all())}
    found["header"] = render_to_string("discipline/_dashboard_header.html", {
        "campaign": campaign, "division": division, "month": chosen, "months": found["months"]})
    if chosen:
        found["body"] = render_to_string("discipline/_dashboard_body.html", body_context(board, campaign, division))
        found["late"] = [(row.division.name, reverse("discipline:division-month", args=[*chosen, row.division.pk]))
                         for row in board.divisions if row.late]
    return found


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
    # The printed dashboard is the same for the same state (the day included, so its date stays right): the
    # board's several members printing it for the briefing make it once.
    content = cache.get(f"{context['state_key']}:pdf")
    if content is None:
        board = Dashboard.build(campaign, division=division, month=context["month"])
        content = documents.dashboard_pdf(body_context(board, campaign, division))
        cache.set(f"{context['state_key']}:pdf", content, CACHE_SECONDS)
    year, month = context["month"]
    suffix = f"-{division.code.lower()}" if division is not None else ""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bang-tin-{year}-{month:02d}{suffix}.pdf"'
    return response
