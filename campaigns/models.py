"""Emulation campaigns: the yearly plan, its six contents and the catalogue of violations and commendations."""

from datetime import date

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
        if errors:
            raise ValidationError(errors)

    @property
    def legal_bases_list(self) -> list[str]:
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]

    def contains(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date


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
        return f"{self.code}. {self.title}"

    @property
    def code(self) -> str:
        return f"ND{self.number}"


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
