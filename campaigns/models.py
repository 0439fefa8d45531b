"""Emulation campaigns: the yearly plan, its six contents and the catalogue of violations and commendations."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from organization.models import code_validator

MAX_MONTHLY_POINTS = 100


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("campaign status", "Draft")
    ACTIVE = "active", pgettext_lazy("campaign status", "Active")
    CLOSED = "closed", pgettext_lazy("campaign status", "Closed")


class RuleSet(models.TextChoices):
    """The legal texts a campaign year follows (DOMAIN.md §5); awards/ implements each."""

    RULES_2023 = "2023", _("2023: Luật TĐKT 2003 (amended 2013), Nghị định 91/2017; Nghị định 90/2020, 48/2023")
    RULES_2024 = "2024", _(
        "2024: Luật TĐKT 06/2022/QH15, Nghị định 98/2023 (152/2025 from 01/07/2025), Thông tư 01/2024; "
        "Nghị định 90/2020, 48/2023"
    )
    RULES_2026 = "2026", _("2026: Luật TĐKT 06/2022/QH15, Nghị định 152/2025; Nghị định 335/2025 for civil servants")

    @classmethod
    def for_year(cls, year: int) -> "RuleSet":
        if year <= 2023:
            return cls.RULES_2023
        if year <= 2025:
            return cls.RULES_2024
        return cls.RULES_2026


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")


class CampaignQuerySet(models.QuerySet):
    def current(self):
        """The active campaign of the latest year, or failing that the latest campaign."""
        active = self.filter(status=CampaignStatus.ACTIVE).order_by("-year").first()
        return active or self.order_by("-year").first()

    def covering(self, day: date):
        return self.filter(start_date__lte=day, end_date__gte=day)


class Campaign(models.Model):
    name = models.TextField(_("name"))
    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    legal_bases = models.TextField(_("legal bases"), blank=True, help_text=_("One per line."))
    plan_number = models.CharField(_("plan number"), max_length=50, blank=True)
    plan_date = models.DateField(_("plan date"), null=True, blank=True)
    plan_signer = models.CharField(_("plan signed by"), max_length=100, blank=True)
    plan_text = models.TextField(_("text of the plan"), blank=True)
    status = models.CharField(_("status"), max_length=6, choices=CampaignStatus, default=CampaignStatus.DRAFT)
    rule_set = models.CharField(_("rule set"), max_length=4, choices=RuleSet)
    # Working time (DOMAIN.md §3): the Office may change these per campaign; copying carries them.
    grace_minutes = models.PositiveSmallIntegerField(
        _("grace period (minutes)"),
        default=5,
        validators=[MaxValueValidator(60)],
        help_text=_("Arriving up to this many minutes late, or leaving this much early, is not counted."),
    )
    heavy_minutes = models.PositiveSmallIntegerField(
        _("heavy lateness from (minutes)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Late arrival or early leave of at least this many minutes counts as heavy."),
    )
    explanation_days = models.PositiveSmallIntegerField(
        _("days to explain (working days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("A person may explain a record within this many working days of being told."),
    )

    # Monthly scoring (DOMAIN.md §4): the Office may change these per campaign; copying carries them.
    bonus_cap = models.PositiveSmallIntegerField(
        _("bonus cap per month"), default=10, validators=[MaxValueValidator(MAX_MONTHLY_POINTS)]
    )
    total_cap = models.PositiveSmallIntegerField(
        _("total cap per month"), default=100, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    grade_a = models.PositiveSmallIntegerField(_("grade A from"), default=90, validators=[MaxValueValidator(200)])
    grade_b = models.PositiveSmallIntegerField(_("grade B from"), default=70, validators=[MaxValueValidator(200)])
    grade_c = models.PositiveSmallIntegerField(_("grade C from"), default=50, validators=[MaxValueValidator(200)])

    # The monthly briefing (giao ban) falls on the last such weekday of the month unless a month sets its own date.
    briefing_weekday = models.PositiveSmallIntegerField(
        _("briefing weekday"), choices=Weekday, default=Weekday.MONDAY,
        help_text=_("The briefing of a month is the last such day of the month."),
    )
    signoff_working_days = models.PositiveSmallIntegerField(
        _("sign-off deadline (working days)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Heads sign off a month by this working day of the next month."),
    )
    # The year-end (DOMAIN.md §5): each empty field takes the value of the campaign's rule set (awards/rules.py).
    htxsnv_percent = models.PositiveSmallIntegerField(
        _("HTXSNV quota (per cent of those rated HTTNV)"), null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text=_("Empty: the rule set's value (20 per cent)."),
    )
    cstdcs_percent = models.PositiveSmallIntegerField(
        _("CSTĐCS quota (per cent of the LĐTT count)"), null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text=_("Empty: the rule set's value (15 per cent under 2023, none after)."),
    )
    ldtt_min_service_months = models.PositiveSmallIntegerField(
        _("months of service for LĐTT"), null=True, blank=True, validators=[MaxValueValidator(12)],
        help_text=_("Empty: the rule set's value (10 under 2023, 6 after)."),
    )
    quorum_numerator = models.PositiveSmallIntegerField(
        _("council quorum: numerator"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("With the denominator, the share of members who must be present. Empty: 2/3."),
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        _("council quorum: denominator"), null=True, blank=True, validators=[MinValueValidator(1)],
    )
    approval_percent = models.PositiveSmallIntegerField(
        _("council approval (per cent of those present)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)], help_text=_("Empty: the rule set's value (70 per cent)."),
    )
    secret_ballot_percent = models.PositiveSmallIntegerField(
        _("secret ballot for provincial titles (per cent of all members)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)], help_text=_("Empty: the rule set's value (90 per cent)."),
    )
    reward_multiples = models.JSONField(
        _("reward multiples of the base salary"), default=dict, blank=True,
        help_text=_("Per title code, e.g. {\"LDTT\": \"0.3\"}; a title left out takes the rule set's multiple."),
    )

    history = HistoricalRecords()
    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year"]
        permissions = [("copy_campaign", _("Can copy a campaign to a new year"))]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="campaigns_campaign_end_after_start"),
            models.CheckConstraint(condition=Q(status__in=CampaignStatus.values), name="campaigns_campaign_status_valid"),
            models.CheckConstraint(condition=Q(rule_set__in=RuleSet.values), name="campaigns_campaign_rule_set_valid"),
            models.CheckConstraint(
                condition=Q(heavy_minutes__gt=F("grace_minutes")), name="campaigns_campaign_heavy_after_grace"
            ),
            models.CheckConstraint(
                condition=Q(grade_a__gt=F("grade_b")) & Q(grade_b__gt=F("grade_c")),
                name="campaigns_campaign_grades_descend",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:campaign-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.year and self.start_date and self.start_date.year != self.year:
            errors["start_date"] = _("The period must lie in the campaign year %(year)s.") % {"year": self.year}
        if self.year and self.end_date and self.end_date.year != self.year:
            errors["end_date"] = _("The period must lie in the campaign year %(year)s.") % {"year": self.year}
        if None not in (self.grade_a, self.grade_b, self.grade_c) and not self.grade_a > self.grade_b > self.grade_c:
            errors["grade_b"] = _("The grade thresholds must descend: A above B above C.")
        if self.heavy_minutes is not None and self.grace_minutes is not None:
            if self.heavy_minutes <= self.grace_minutes:
                errors["heavy_minutes"] = _("Heavy lateness must start after the grace period.")
        if (self.quorum_numerator is None) != (self.quorum_denominator is None):
            errors["quorum_denominator"] = _("Give both parts of the quorum, or neither.")
        elif self.quorum_numerator and self.quorum_denominator and self.quorum_numerator > self.quorum_denominator:
            errors["quorum_numerator"] = _("The quorum cannot be more than all the members.")
        problem = _reward_problem(self.reward_multiples)
        if problem:
            errors["reward_multiples"] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def legal_bases_list(self) -> list[str]:
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]

    def contains(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date


def _reward_problem(multiples) -> str | None:
    """Why the reward multiples cannot be used, or None: known title codes, each a multiple above 0 and at most 20."""
    from awards.rules import REWARD_MULTIPLES  # awards depends on campaigns' data, not the other way round

    if not isinstance(multiples, dict):
        return _("Write the multiples as {\"title code\": \"multiple\", …}.")
    for code, value in multiples.items():
        if code not in REWARD_MULTIPLES:
            return _("Unknown title code %(code)s; known: %(codes)s.") % {
                "code": code, "codes": ", ".join(sorted(REWARD_MULTIPLES))}
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or not Decimal(0) < number <= 20:
            return _("The multiple of %(code)s must be a number above 0 and at most 20.") % {"code": code}
    return None


class Criterion(models.Model):
    """One emulation content (nội dung thi đua, ND1–ND6) and the monthly points it carries."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("campaign")
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1), MaxValueValidator(20)])
    title = models.CharField(_("short title"), max_length=200)
    description = models.TextField(_("text in the plan"))
    points = models.PositiveSmallIntegerField(
        _("monthly points"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHLY_POINTS)],
        help_text=_("Points a person keeps in this content in a month without deductions."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation content")
        verbose_name_plural = _("emulation contents")
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="campaigns_criterion_unique_number"),
            models.CheckConstraint(
                condition=Q(points__gte=1) & Q(points__lte=MAX_MONTHLY_POINTS), name="campaigns_criterion_points_range"
            ),
        ]

    def __str__(self):
        # The year tells apart the same content of two campaigns (a copy repeats them all).
        return f"{self.code} ({self.campaign.year}). {self.title}"

    @property
    def code(self) -> str:
        return f"ND{self.number}"


class ReportColumn(models.TextChoices):
    """The column of the monthly report (DOMAIN.md §6 item 1) where a violation type is counted."""

    LATENESS = "lateness", _("Late arrival or early leave")
    ABSENCE = "absence", _("Unexcused absence")
    TASK = "task", _("Task late or overdue")
    OTHER = "other", _("Other violation")


class ViolationType(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="violation_types", verbose_name=_("campaign")
    )
    code = models.CharField(_("code"), max_length=30, validators=[code_validator])
    name = models.CharField(_("name"), max_length=255)
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="violation_types", verbose_name=_("emulation content")
    )
    points = models.PositiveSmallIntegerField(
        _("points deducted"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHLY_POINTS)]
    )
    veto = models.BooleanField(_("veto"), default=False, help_text=_("Sets the month's grade to D whatever the points."))
    report_column = models.CharField(
        _("column of the monthly report"), max_length=8, choices=ReportColumn, default=ReportColumn.OTHER
    )
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("violation type")
        verbose_name_plural = _("violation types")
        ordering = ["campaign", "criterion__number", "code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="campaigns_violationtype_unique_code"),
            models.CheckConstraint(
                condition=Q(points__gte=1) & Q(points__lte=MAX_MONTHLY_POINTS),
                name="campaigns_violationtype_points_range",
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def clean(self):
        if self.criterion_id and self.campaign_id and self.criterion.campaign_id != self.campaign_id:
            raise ValidationError({"criterion": _("The content must belong to the same campaign.")})
        if self.criterion_id and self.points and self.points > self.criterion.points:
            raise ValidationError(
                {
                    "points": _("A deduction cannot exceed the %(points)s points of its content.")
                    % {"points": self.criterion.points}
                }
            )


class CommendationType(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="commendation_types", verbose_name=_("campaign")
    )
    code = models.CharField(_("code"), max_length=30, validators=[code_validator])
    name = models.CharField(_("name"), max_length=255)
    points = models.PositiveSmallIntegerField(
        _("bonus points"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHLY_POINTS)]
    )
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commendation type")
        verbose_name_plural = _("commendation types")
        ordering = ["campaign", "-points", "code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="campaigns_commendationtype_unique_code"),
            models.CheckConstraint(
                condition=Q(points__gte=1) & Q(points__lte=MAX_MONTHLY_POINTS),
                name="campaigns_commendationtype_points_range",
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"


class WorkSchedule(models.Model):
    """Office hours in force from ``valid_from`` until the next schedule of the campaign starts."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("campaign")
    )
    name = models.CharField(_("name"), max_length=50, help_text=_("E.g. summer hours, winter hours."))
    valid_from = models.DateField(_("in force from"))
    morning_start = models.TimeField(_("morning starts"))
    morning_end = models.TimeField(_("morning ends"))
    afternoon_start = models.TimeField(_("afternoon starts"))
    afternoon_end = models.TimeField(_("afternoon ends"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        ordering = ["campaign", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "valid_from"], name="campaigns_workschedule_unique_start"),
            models.CheckConstraint(
                condition=Q(morning_end__gt=F("morning_start"))
                & Q(afternoon_start__gte=F("morning_end"))
                & Q(afternoon_end__gt=F("afternoon_start")),
                name="campaigns_workschedule_times_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.morning_start:%H:%M}–{self.morning_end:%H:%M}, " \
            f"{self.afternoon_start:%H:%M}–{self.afternoon_end:%H:%M}, {self.valid_from:%d/%m})"

    def clean(self):
        times = [self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end]
        if all(times) and not (times[0] < times[1] <= times[2] < times[3]):
            raise ValidationError(_("The times must follow each other: morning start, morning end, afternoon start, afternoon end."))
        if self.campaign_id and self.valid_from and not self.campaign.contains(self.valid_from):
            raise ValidationError({"valid_from": _("The date must lie in the campaign period.")})


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Extra day off")
    WORKING_DAY = "working_day", _("Working day in return (làm bù)")


class CalendarException(models.Model):
    """A day the government or the Office declares off, or a weekend day worked in return."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="calendar_exceptions", verbose_name=_("campaign")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=11, choices=DayKind)
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["campaign", "date"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "date"], name="campaigns_calendarexception_unique_date"),
            models.CheckConstraint(condition=Q(kind__in=DayKind.values), name="campaigns_calendarexception_kind_valid"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"

    def clean(self):
        if self.campaign_id and self.date and not self.campaign.contains(self.date):
            raise ValidationError({"date": _("The date must lie in the campaign period.")})


class BriefingDate(models.Model):
    """A month whose briefing the Office set to a date of its own."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="briefing_dates", verbose_name=_("campaign")
    )
    date = models.DateField(_("briefing date"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("briefing date set for a month")
        verbose_name_plural = _("briefing dates set for a month")
        ordering = ["campaign", "date"]
        constraints = [models.UniqueConstraint(fields=["campaign", "date"], name="campaigns_briefingdate_unique")]

    def __str__(self):
        return self.date.strftime("%d/%m/%Y")

    def clean(self):
        if self.campaign_id and self.date and not self.campaign.contains(self.date):
            raise ValidationError({"date": _("The date must lie in the campaign period.")})
        if self.campaign_id and self.date:
            same_month = BriefingDate.objects.filter(
                campaign_id=self.campaign_id, date__year=self.date.year, date__month=self.date.month
            ).exclude(pk=self.pk)
            if same_month.exists():
                raise ValidationError({"date": _("This month already has a briefing date of its own.")})
