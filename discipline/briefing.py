"""The briefing calendar (DOMAIN.md §3): when each month is reported, and when heads must have signed it off."""

from datetime import date, timedelta

from campaigns.models import Campaign
from campaigns.workdays import WorkCalendar
from discipline.scoring import month_bounds


def briefing_date(campaign: Campaign, year: int, month: int) -> date:
    """The date the Office set for the month, else the last briefing weekday of the month."""
    first, last = month_bounds(year, month)
    for briefing in campaign.briefing_dates.all():
        if first <= briefing.date <= last:
            return briefing.date
    return last - timedelta(days=(last.weekday() - campaign.briefing_weekday) % 7)


def signoff_deadline(campaign: Campaign, year: int, month: int, calendar: WorkCalendar | None = None) -> date:
    """The n-th working day of the next month (default the 5th), by which every division signs the month off."""
    _first, last = month_bounds(year, month)
    return (calendar or WorkCalendar(campaign)).add_working_days(last, campaign.signoff_working_days)
