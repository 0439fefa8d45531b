"""Facts the year-end titles depend on: recognised initiatives and titles earned in earlier years (DOMAIN.md §5)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organization.models import Staff


class AwardTitle(models.TextChoices):
    """Emulation titles and forms of commendation an individual can hold."""

    LDTT = "LDTT", _("Advanced worker (Lao động tiên tiến)")
    CSTDCS = "CSTDCS", _("Grassroots emulation fighter (Chiến sĩ thi đua cơ sở)")
    CSTD_PROVINCE = "CSTD_TINH", _("Provincial emulation fighter (Chiến sĩ thi đua cấp tỉnh)")
    CSTD_NATIONAL = "CSTD_TQ", _("National emulation fighter (Chiến sĩ thi đua toàn quốc)")
    CERTIFICATE = "GIAY_KHEN", _("Certificate of merit of the director (Giấy khen)")
    PROVINCE_DIPLOMA = "BANG_KHEN_TINH", _("Diploma of merit of the provincial chairman (Bằng khen UBND tỉnh)")
    PM_DIPLOMA = "BANG_KHEN_TTG", _("Diploma of merit of the Prime Minister (Bằng khen Thủ tướng)")


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative (sáng kiến)")
    RESEARCH = "research", _("Research project (đề tài khoa học)")


class InitiativeLevel(models.TextChoices):
    AGENCY = "agency", _("Recognised by the department (cơ sở)")
    PROVINCE = "province", _("Provincial effect (cấp tỉnh)")
    NATIONAL = "national", _("National effect (toàn quốc)")


class Initiative(models.Model):
    """A recognised initiative or accepted research: CSTĐCS and higher titles require one."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("staff member"))
    kind = models.CharField(_("kind"), max_length=10, choices=InitiativeKind, default=InitiativeKind.INITIATIVE)
    title = models.CharField(_("title"), max_length=300)
    level = models.CharField(_("level"), max_length=8, choices=InitiativeLevel, default=InitiativeLevel.AGENCY)
    recognized_on = models.DateField(_("recognised on"))
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recognised initiative")
        verbose_name_plural = _("recognised initiatives")
        ordering = ["-recognized_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=InitiativeKind.values), name="awards_initiative_kind_valid"),
            models.CheckConstraint(condition=Q(level__in=InitiativeLevel.values), name="awards_initiative_level_valid"),
        ]

    def __str__(self):
        return f"{self.title} – {self.staff.full_name} ({self.recognized_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("organization:staff-detail", args=[self.staff_id])


class PriorTitle(models.Model):
    """A title a person earned in an earlier year, recorded by the Office (higher titles count consecutive years)."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="prior_titles", verbose_name=_("staff member"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=14, choices=AwardTitle)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("title of an earlier year")
        verbose_name_plural = _("titles of earlier years")
        ordering = ["staff", "-year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "year", "title"], name="awards_priortitle_unique"),
            models.CheckConstraint(condition=Q(title__in=AwardTitle.values), name="awards_priortitle_title_valid"),
        ]

    def __str__(self):
        return f"{self.get_title_display()} {self.year} – {self.staff.full_name}"

    def get_absolute_url(self):
        return reverse("organization:staff-detail", args=[self.staff_id])
