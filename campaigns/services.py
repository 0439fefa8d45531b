"""Workflows on campaigns: loading the 2023 plan, copying a campaign to a new year."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns import defaults
from campaigns.models import (
    CalendarException,
    Campaign,
    CampaignStatus,
    CommendationType,
    Criterion,
    RuleSet,
    ReportColumn,
    ViolationType,
    WorkSchedule,
)

SCHEDULE_TIMES = ["morning_start", "morning_end", "afternoon_start", "afternoon_end"]
# The campaign's own settings a copy keeps: working time and monthly scoring.
CARRIED_SETTINGS = [
    "grace_minutes", "heavy_minutes", "explanation_days", "bonus_cap", "total_cap", "grade_a", "grade_b", "grade_c",
    "briefing_weekday", "signoff_working_days",
    "htxsnv_percent", "cstdcs_percent", "ldtt_min_service_months", "quorum_numerator", "quorum_denominator",
    "approval_percent", "secret_ballot_percent", "reward_multiples",
]


@transaction.atomic
def load_campaign_2023() -> tuple[Campaign, bool]:
    """Create the 2023 campaign from the plan with the default catalogue; leave an existing one alone.

    Returns the campaign and whether it was created.
    """
    existing = Campaign.objects.filter(year=2023).first()
    if existing is not None:
        return existing, False
    campaign = Campaign(
        **defaults.CAMPAIGN_2023,
        start_date=date(2023, 1, 1),
        end_date=date(2023, 12, 31),
        plan_text=defaults.PLAN_2023_FILE.read_text(encoding="utf-8"),
        status=CampaignStatus.ACTIVE,
        rule_set=RuleSet.RULES_2023,
    )
    campaign.full_clean()
    campaign.save()
    criteria = {}
    for number, title, text, points in defaults.CRITERIA_2023:
        criteria[number] = Criterion.objects.create(
            campaign=campaign, number=number, title=title, description=text, points=points
        )
    for code, name, number, points, veto in defaults.VIOLATION_TYPES:
        ViolationType.objects.create(
            campaign=campaign, code=code, name=name, criterion=criteria[number], points=points, veto=veto,
            report_column=defaults.REPORT_COLUMNS.get(code, ReportColumn.OTHER),
        )
    for code, name, points in defaults.COMMENDATION_TYPES:
        CommendationType.objects.create(campaign=campaign, code=code, name=name, points=points)
    for name, valid_from, *times in defaults.SCHEDULES_2023:
        WorkSchedule.objects.create(campaign=campaign, name=name, valid_from=valid_from, **dict(zip(SCHEDULE_TIMES, times, strict=True)))
    for day, kind, note in defaults.CALENDAR_2023:
        CalendarException.objects.create(campaign=campaign, date=day, kind=kind, note=note)
    return campaign, True


@transaction.atomic
def copy_campaign(source: Campaign, *, year: int, name: str) -> Campaign:
    """Copy ``source`` to ``year``: a draft campaign over that calendar year with the same contents, catalogue,
    office hours and working-time settings.

    The plan's number, date and text are not copied: a new year has a new plan. The rule set is the one
    the law gives the new year. Later capabilities add their own settings to the copy here.
    """
    if Campaign.objects.filter(year=year).exists():
        raise ValidationError({"year": _("A campaign for %(year)s already exists.") % {"year": year}})
    campaign = Campaign(
        name=name,
        year=year,
        start_date=date(year, 1, 1),
        end_date=date(year, 12, 31),
        legal_bases=source.legal_bases,
        plan_signer="",
        status=CampaignStatus.DRAFT,
        rule_set=RuleSet.for_year(year),
        **{field: getattr(source, field) for field in CARRIED_SETTINGS},
    )
    campaign.full_clean()
    campaign._change_reason = _("Copied from the campaign of %(year)s") % {"year": source.year}
    campaign.save()
    criteria = {}
    for criterion in source.criteria.all():
        criteria[criterion.pk] = Criterion.objects.create(
            campaign=campaign,
            number=criterion.number,
            title=criterion.title,
            description=criterion.description,
            points=criterion.points,
        )
    for vt in source.violation_types.all():
        ViolationType.objects.create(
            campaign=campaign,
            code=vt.code,
            name=vt.name,
            criterion=criteria[vt.criterion_id],
            points=vt.points,
            veto=vt.veto,
            report_column=vt.report_column,
            active=vt.active,
        )
    for ct in source.commendation_types.all():
        CommendationType.objects.create(
            campaign=campaign, code=ct.code, name=ct.name, points=ct.points, active=ct.active
        )
    # Office hours move to the same day of the new year; a year's swapped days are its own and are not copied.
    for schedule in source.schedules.all():
        WorkSchedule.objects.create(
            campaign=campaign,
            name=schedule.name,
            valid_from=_same_day_in(year, schedule.valid_from),
            **{field: getattr(schedule, field) for field in SCHEDULE_TIMES},
        )
    return campaign


def _same_day_in(year: int, day: date) -> date:
    return date(year, day.month, 28) if (day.month, day.day) == (2, 29) else day.replace(year=year)
