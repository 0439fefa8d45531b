"""Which days are working days and which office hours apply, for one campaign (DOMAIN.md §3).

Public holidays, the lunar Tết days included, come from the maintained ``holidays`` package (its Vietnam
calendar follows the Labour Code, with the days off in lieu); the Office adds the government's yearly
swaps as calendar exceptions: extra days off, and weekend days worked in return (làm bù).
"""

from datetime import date, timedelta
from functools import cached_property

import holidays
from django.utils.translation import gettext as _

from campaigns.models import CalendarException, Campaign, DayKind, WorkSchedule


class WorkCalendar:
    """The working days and office hours of ``campaign``, loaded once: use one per request or command."""

    def __init__(self, campaign: Campaign):
        self.campaign = campaign

    @cached_property
    def public_holidays(self) -> holidays.HolidayBase:
        return holidays.country_holidays("VN", years=self.campaign.year, language="vi")

    @cached_property
    def exceptions(self) -> dict[date, CalendarException]:
        return {e.date: e for e in self.campaign.calendar_exceptions.all()}

    @cached_property
    def schedules(self) -> list[WorkSchedule]:
        return list(self.campaign.schedules.order_by("valid_from"))

    def is_working_day(self, day: date) -> bool:
        return self.why_not_working(day) is None

    def why_not_working(self, day: date) -> str | None:
        """``None`` for a working day, else the reason it is not one, in words for the person."""
        if not self.campaign.contains(day):
            return _("%(day)s lies outside the campaign (%(start)s – %(end)s).") % {
                "day": day.strftime("%d/%m/%Y"),
                "start": self.campaign.start_date.strftime("%d/%m/%Y"),
                "end": self.campaign.end_date.strftime("%d/%m/%Y"),
            }
        exception = self.exceptions.get(day)
        if exception is not None:
            if exception.kind == DayKind.WORKING_DAY:
                return None
            return exception.note or exception.get_kind_display()
        if day in self.public_holidays:
            return self.public_holidays.get(day)
        if day.weekday() >= 5:
            return _("Saturday") if day.weekday() == 5 else _("Sunday")
        return None

    def schedule_on(self, day: date) -> WorkSchedule | None:
        """The office hours in force on ``day``: the latest schedule that started on or before it."""
        current = None
        for schedule in self.schedules:
            if schedule.valid_from <= day:
                current = schedule
        return current

    def working_days(self, start: date, end: date) -> list[date]:
        days, day = [], start
        while day <= end:
            if self.is_working_day(day):
                days.append(day)
            day += timedelta(days=1)
        return days

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (the deadline to explain a record, for one)."""
        while count > 0:
            day += timedelta(days=1)
            # Past the campaign's end the plain weekday rule and the holidays still apply.
            if self._is_working_day_any_year(day):
                count -= 1
        return day

    def _is_working_day_any_year(self, day: date) -> bool:
        if self.campaign.contains(day):
            return self.is_working_day(day)
        # The holidays object adds the next year's holidays on first lookup, once, and keeps them.
        return day.weekday() < 5 and day not in self.public_holidays
