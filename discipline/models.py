"""What the Office records day by day: attendance, violations, commendations, sanctions, explanations.

Deductions for lateness, early leave and unexcused absence are ordinary violations derived from the
attendance record of that day (``source = attendance``), so that every deduction can be explained,
withdrawn and traced in one way. Rules: DOMAIN.md §3–§4.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from campaigns.models import CommendationType, ViolationType
from organization.models import Staff


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT_PERMITTED = "absent_permitted", _("Absent with permission")
    ABSENT_HALF = "absent_half", _("Absent without permission, half a day")
    ABSENT_DAY = "absent_day", _("Absent without permission, a whole day")
    ANNUAL_LEAVE = "annual_leave", _("Annual leave")
    SICK = "sick", _("Sick leave")
    MATERNITY = "maternity", _("Maternity leave")
    TRIP_DOMESTIC = "trip_domestic", _("Business trip in the country")
    TRIP_ABROAD = "trip_abroad", _("Business trip abroad")
    DUTY = "duty", _("Reception or duty assignment")

    @classmethod
    def on_non_working_days(cls) -> list[str]:
        """What a day off can hold: only duty and reception assignments (they earn the catalogue's bonus)."""
        return [cls.DUTY]


class AttendanceSource(models.TextChoices):
    MANUAL = "manual", _("Entered by the Office")
    CLOCK = "clock", _("Time clock")


@deconstructible
class RandomName:
    """Where an upload is stored: a random name in ``folder``, whatever the uploader called the file."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()[:8]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


class ClockImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Checked, not applied")
    APPLIED = "applied", _("Applied")
    DISCARDED = "discarded", _("Discarded")


class ClockImport(models.Model):
    """One upload of the time clock's export: previewed first, applied on confirmation."""

    file = models.FileField(_("file"), upload_to=RandomName("clock"))
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=9, choices=ClockImportStatus, default=ClockImportStatus.PREVIEWED
    )
    summary = models.JSONField(_("counts per outcome"), default=dict)
    problems = models.JSONField(_("rows not applied"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("time-clock import")
        verbose_name_plural = _("time-clock imports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClockImportStatus.values), name="discipline_clockimport_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.original_name} ({self.created_at:%d/%m/%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("discipline:clock-import-detail", args=[self.pk])


class DatedQuerySet(models.QuerySet):
    """Queries shared by everything dated and about one person."""

    def in_month(self, year: int, month: int):
        return self.filter(date__year=year, date__month=month)

    def in_division(self, division):
        """Rows dated while their person belonged to ``division``."""
        return self.filter(
            Q(staff__memberships__division=division)
            & Q(staff__memberships__start__lte=F("date"))
            & (Q(staff__memberships__end__isnull=True) | Q(staff__memberships__end__gte=F("date")))
        )


class AttendanceRecord(models.Model):
    """One person's attendance on one day, from one source. A manual entry wins over the time clock's."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("staff member"))
    date = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=6, choices=AttendanceSource, default=AttendanceSource.MANUAL)
    status = models.CharField(_("status"), max_length=16, choices=AttendanceStatus, default=AttendanceStatus.PRESENT)
    check_in = models.TimeField(_("arrival"), null=True, blank=True)
    check_out = models.TimeField(_("departure"), null=True, blank=True)
    # Computed against the office hours of the day when the record is saved (discipline/attendance.py).
    late_minutes = models.PositiveSmallIntegerField(_("minutes late"), default=0)
    early_minutes = models.PositiveSmallIntegerField(_("minutes left early"), default=0)
    note = models.CharField(_("note"), max_length=255, blank=True)
    clock_import = models.ForeignKey(
        ClockImport, on_delete=models.PROTECT, null=True, blank=True, related_name="records",
        verbose_name=_("time-clock import"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        ordering = ["date", "staff"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "date", "source"], name="discipline_attendance_one_per_source"),
            models.CheckConstraint(condition=Q(status__in=AttendanceStatus.values), name="discipline_attendance_status_valid"),
            models.CheckConstraint(condition=Q(source__in=AttendanceSource.values), name="discipline_attendance_source_valid"),
            models.CheckConstraint(
                condition=Q(check_in__isnull=True) | Q(check_out__isnull=True) | Q(check_out__gte=F("check_in")),
                name="discipline_attendance_out_after_in",
            ),
        ]

    def __str__(self):
        return f"{self.staff.full_name} – {self.date:%d/%m/%Y}: {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("discipline:attendance-detail", args=[self.pk])


class RecordSource(models.TextChoices):
    MANUAL = "manual", _("Recorded by the Office")
    ATTENDANCE = "attendance", _("From the attendance record")


class RecordStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("record status", "Counts")
    WITHDRAWN = "withdrawn", pgettext_lazy("record status", "Withdrawn")
    # A deduction derived from an attendance record that has since been corrected.
    SUPERSEDED = "superseded", pgettext_lazy("record status", "Corrected in attendance")


class RecordQuerySet(DatedQuerySet):
    def counting(self):
        return self.filter(status=RecordStatus.ACTIVE)


class _Record(models.Model):
    """What violations and commendations share: a dated fact about one person, its points and its state."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, verbose_name=_("staff member"))
    date = models.DateField(_("date"))
    points = models.PositiveSmallIntegerField(_("points"))
    points_reason = models.CharField(
        _("reason for other points"), max_length=255, blank=True,
        help_text=_("Needed when the points differ from the catalogue's."),
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource, default=RecordSource.MANUAL)
    attendance = models.ForeignKey(
        AttendanceRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("attendance record"),
    )
    status = models.CharField(_("status"), max_length=10, choices=RecordStatus, default=RecordStatus.ACTIVE)
    status_reason = models.CharField(_("reason for the status"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    notified_at = models.DateTimeField(_("person told at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]

    @property
    def counts(self) -> bool:
        return self.status == RecordStatus.ACTIVE

    def clean(self):
        if self.type_id and self.points is not None and self.points != self.type.points and not self.points_reason:
            raise ValidationError({"points_reason": _("Say why the points differ from the catalogue's %(points)s.")
                                   % {"points": self.type.points}})


def _record_constraints(name: str) -> list:
    return [
        models.CheckConstraint(condition=Q(status__in=RecordStatus.values), name=f"discipline_{name}_status_valid"),
        models.CheckConstraint(condition=Q(source__in=RecordSource.values), name=f"discipline_{name}_source_valid"),
        models.CheckConstraint(condition=Q(points__gte=0) & Q(points__lte=100), name=f"discipline_{name}_points_range"),
    ]


class Violation(_Record):
    type = models.ForeignKey(ViolationType, on_delete=models.PROTECT, related_name="violations", verbose_name=_("violation type"))
    evidence = models.FileField(_("evidence"), upload_to=RandomName("evidence"), blank=True)

    history = HistoricalRecords()

    class Meta(_Record.Meta):
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        default_related_name = "violations"
        constraints = _record_constraints("violation")

    def __str__(self):
        return f"{self.type.name} – {self.staff.full_name} – {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("discipline:violation-detail", args=[self.pk])


class Commendation(_Record):
    type = models.ForeignKey(
        CommendationType, on_delete=models.PROTECT, related_name="commendations", verbose_name=_("commendation type")
    )

    history = HistoricalRecords()

    class Meta(_Record.Meta):
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        default_related_name = "commendations"
        constraints = _record_constraints("commendation")

    def __str__(self):
        return f"{self.type.name} – {self.staff.full_name} – {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("discipline:commendation-detail", args=[self.pk])


class SanctionKind(models.TextChoices):
    """Disciplinary sanctions, lightest first (Luật Cán bộ, công chức; Nghị định 112/2020)."""

    REPRIMAND = "reprimand", _("Reprimand (khiển trách)")
    WARNING = "warning", _("Warning (cảnh cáo)")
    SALARY_DOWNGRADE = "salary_downgrade", _("Salary-step demotion (hạ bậc lương)")
    DEMOTION = "demotion", _("Demotion (giáng chức)")
    DISMISSAL_FROM_POST = "dismissal_from_post", _("Dismissal from post (cách chức)")
    FORCED_RESIGNATION = "forced_resignation", _("Forced resignation (buộc thôi việc)")


class SanctionStatus(models.TextChoices):
    UNDER_REVIEW = "under_review", _("Under disciplinary review")
    DECIDED = "decided", _("Decided")
    CANCELLED = "cancelled", _("Cancelled")


class Sanction(models.Model):
    """A disciplinary matter: under review, then decided (a veto for its month, a bar to awards) or cancelled."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="sanctions", verbose_name=_("staff member"))
    status = models.CharField(_("status"), max_length=12, choices=SanctionStatus, default=SanctionStatus.UNDER_REVIEW)
    kind = models.CharField(_("sanction"), max_length=19, choices=SanctionKind, blank=True)
    opened_on = models.DateField(_("review opened on"))
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    reason = models.TextField(_("grounds"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disciplinary sanction")
        verbose_name_plural = _("disciplinary sanctions")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SanctionStatus.values), name="discipline_sanction_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=SanctionStatus.DECIDED) | (Q(decision_date__isnull=False) & ~Q(kind="")),
                name="discipline_sanction_decided_has_kind_and_date",
            ),
        ]

    def __str__(self):
        label = self.get_kind_display() if self.kind else self.get_status_display()
        return f"{label} – {self.staff.full_name}"

    def get_absolute_url(self):
        # Sanctions are shown on the person's record.
        return reverse("organization:staff-detail", args=[self.staff_id])

    def clean(self):
        if self.status == SanctionStatus.DECIDED:
            errors = {}
            if not self.kind:
                errors["kind"] = _("A decided sanction needs its kind.")
            if not self.decision_date:
                errors["decision_date"] = _("A decided sanction needs the date of its decision.")
            if errors:
                raise ValidationError(errors)
        if self.decision_date and self.opened_on and self.decision_date < self.opened_on:
            raise ValidationError({"decision_date": _("The decision cannot come before the review opened.")})


class ExplanationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("explanation status", "Waiting for a decision")
    ACCEPTED = "accepted", pgettext_lazy("explanation status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("explanation status", "Rejected")


class _Decision(models.Model):
    """Who decided on a request (an explanation, a reopening), when and why, and its version for stale forms."""

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Explanation(_Decision):
    """A person's explanation (giải trình) of a violation recorded about them, and the decision on it."""

    violation = models.OneToOneField(
        Violation, on_delete=models.PROTECT, related_name="explanation", verbose_name=_("violation")
    )
    text = models.TextField(_("explanation"))
    attachment = models.FileField(_("attachment"), upload_to=RandomName("explanations"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("filed by")
    )
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=8, choices=ExplanationStatus, default=ExplanationStatus.PENDING)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("explanation")
        verbose_name_plural = _("explanations")
        ordering = ["-filed_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ExplanationStatus.values), name="discipline_explanation_status_valid"),
            models.CheckConstraint(
                condition=Q(status=ExplanationStatus.PENDING) | Q(decided_at__isnull=False),
                name="discipline_explanation_decided_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.violation} – {self.get_status_display()}"

    def get_absolute_url(self):
        return self.violation.get_absolute_url()


class Notification(models.Model):
    """A message to one person in the portal: a record about them, or the outcome of their explanation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="discipline_notification_unread")]

    def __str__(self):
        return self.message


class Grade(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"


class MonthlyScore(models.Model):
    """One person's score for one month, as the last tally computed it (discipline/scoring.py)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="monthly_scores", verbose_name=_("campaign")
    )
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="monthly_scores", verbose_name=_("staff member"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    division = models.ForeignKey(
        "organization.Division", on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("division")
    )
    kept = models.JSONField(_("points kept per content"), default=dict)
    bonus = models.PositiveSmallIntegerField(_("bonus"))
    total = models.PositiveSmallIntegerField(_("total"))
    grade = models.CharField(_("grade"), max_length=1, choices=Grade)
    vetoes = models.JSONField(_("vetoes"), default=list)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("monthly score")
        verbose_name_plural = _("monthly scores")
        ordering = ["-year", "-month", "staff"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "year", "month"], name="discipline_monthlyscore_unique"),
            models.CheckConstraint(condition=Q(grade__in=Grade.values), name="discipline_monthlyscore_grade_valid"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="discipline_monthlyscore_month_valid"),
        ]

    def __str__(self):
        return f"{self.staff.full_name} – {self.month:02d}/{self.year}: {self.total} ({self.grade})"

    def get_absolute_url(self):
        return reverse("discipline:person-month", args=[self.year, self.month, self.staff_id])

    @property
    def kept_in_order(self) -> list[int]:
        return [self.kept[number] for number in sorted(self.kept, key=int)]


class DivisionMonth(models.Model):
    """What the board's dashboard reads of one division in one month, kept by the tally (discipline/dashboard.py).

    Derived data, rebuilt from the month's stored scores and its records each time the tally runs (and by
    ``refresh_dashboard``): no history of its own, the scores and records behind it have theirs.
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="division_months", verbose_name=_("campaign")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    division = models.ForeignKey(
        "organization.Division", on_delete=models.CASCADE, related_name="+", verbose_name=_("division")
    )
    people = models.PositiveIntegerField(_("people scored"), default=0)
    person_days = models.PositiveIntegerField(_("working person-days in scope"), default=0)
    on_time_days = models.PositiveIntegerField(_("person-days on time"), default=0)
    late = models.PositiveIntegerField(_("lateness"), default=0)
    early = models.PositiveIntegerField(_("early leave"), default=0)
    absent = models.PositiveIntegerField(_("unexcused absence"), default=0)
    violations = models.PositiveIntegerField(_("violations"), default=0)
    by_content = models.JSONField(_("violations per content"), default=dict)
    by_type = models.JSONField(_("violations per type"), default=dict)
    commendations = models.PositiveIntegerField(_("commendations"), default=0)
    grades = models.JSONField(_("people per grade"), default=dict)
    points = models.PositiveIntegerField(_("sum of the scores"), default=0)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("division's month (dashboard)")
        verbose_name_plural = _("divisions' months (dashboard)")
        ordering = ["year", "month", "division"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "year", "month", "division"],
                                    name="discipline_divisionmonth_unique"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12),
                                   name="discipline_divisionmonth_month_valid"),
            models.CheckConstraint(condition=Q(on_time_days__lte=F("person_days")),
                                   name="discipline_divisionmonth_on_time_within_scope"),
        ]

    def __str__(self):
        return f"{self.division} – {self.month:02d}/{self.year}"


class DashboardStamp(models.Model):
    """One row whose number changes whenever something the dashboard's rendered figures show changes: the
    tally's summaries, a month closed or reopened, a sign-off, the campaign's calendar and contents, a division.
    The dashboard keys its cache on it (discipline/dashboard.py ``touch`` and ``state_of``)."""

    generation = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("dashboard stamp")
        verbose_name_plural = _("dashboard stamps")

    def __str__(self):
        return str(self.generation)


# --- The month's review and close (DOMAIN.md §3, items 4 and 5) ---


class MonthStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("month status", "Open")
    CLOSED = "closed", pgettext_lazy("month status", "Closed")


class Month(models.Model):
    """A calendar month of a campaign, once the Office has closed it at least once (open months have no row
    until then). A closed month is frozen: nothing dated in it changes until the board approves a reopening."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="months", verbose_name=_("campaign")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    status = models.CharField(_("status"), max_length=6, choices=MonthStatus, default=MonthStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("closed by"),
    )
    close_reason = models.TextField(
        _("reason for closing anyway"), blank=True,
        help_text=_("Recorded when the month was closed before every division signed off or with matters pending."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("month")
        verbose_name_plural = _("months")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="discipline_month_unique"),
            models.CheckConstraint(condition=Q(status__in=MonthStatus.values), name="discipline_month_status_valid"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="discipline_month_month_valid"),
        ]

    def __str__(self):
        return f"{self.month:02d}/{self.year}"

    def get_absolute_url(self):
        return reverse("discipline:month", args=[self.year, self.month])

    @property
    def closed(self) -> bool:
        return self.status == MonthStatus.CLOSED


class Signoff(models.Model):
    """A division's month confirmed by its head (Văn phòng's by the Chánh Văn phòng, the board's by the Giám đốc)."""

    division = models.ForeignKey(
        "organization.Division", on_delete=models.PROTECT, related_name="signoffs", verbose_name=_("division")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("signed off by")
    )
    signed_at = models.DateTimeField(_("signed off at"))
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("division sign-off")
        verbose_name_plural = _("division sign-offs")
        ordering = ["-year", "-month", "division"]
        constraints = [
            models.UniqueConstraint(fields=["division", "year", "month"], name="discipline_signoff_unique"),
        ]

    def __str__(self):
        return f"{self.division} – {self.month:02d}/{self.year}"


class ReviewComment(models.Model):
    """The head's comment on one person's month; the monthly report prints it under "Nhận xét"."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="review_comments", verbose_name=_("staff member"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    text = models.CharField(_("comment"), max_length=500)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    written_at = models.DateTimeField(_("written at"))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["-year", "-month", "staff"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "year", "month"], name="discipline_reviewcomment_unique"),
        ]

    def __str__(self):
        return f"{self.staff.full_name} – {self.month:02d}/{self.year}"


class DisputeStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("dispute status", "Waiting for the Office")
    CONFIRMED = "confirmed", pgettext_lazy("dispute status", "Record confirmed")
    CORRECTED = "corrected", pgettext_lazy("dispute status", "Record corrected")


class Dispute(models.Model):
    """A head's objection to a record about someone in their division, sent back to the Office to settle."""

    violation = models.ForeignKey(
        Violation, on_delete=models.PROTECT, null=True, blank=True, related_name="disputes", verbose_name=_("violation")
    )
    commendation = models.ForeignKey(
        Commendation, on_delete=models.PROTECT, null=True, blank=True, related_name="disputes",
        verbose_name=_("commendation"),
    )
    division = models.ForeignKey(
        "organization.Division", on_delete=models.PROTECT, related_name="+", verbose_name=_("division")
    )
    reason = models.TextField(_("reason for the dispute"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("raised by")
    )
    raised_at = models.DateTimeField(_("raised at"))
    record_version = models.PositiveIntegerField(_("version of the record disputed"), editable=False)
    status = models.CharField(_("status"), max_length=9, choices=DisputeStatus, default=DisputeStatus.OPEN)
    resolution = models.TextField(_("the Office's answer"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("settled by"),
    )
    resolved_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-raised_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(violation__isnull=False, commendation__isnull=True)
                | Q(violation__isnull=True, commendation__isnull=False),
                name="discipline_dispute_one_record",
            ),
            models.CheckConstraint(condition=Q(status__in=DisputeStatus.values), name="discipline_dispute_status_valid"),
            models.CheckConstraint(
                condition=Q(status=DisputeStatus.OPEN) | Q(resolved_at__isnull=False),
                name="discipline_dispute_settled_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.record} – {self.get_status_display()}"

    @property
    def record(self):
        return self.violation or self.commendation

    def get_absolute_url(self):
        return reverse("discipline:dispute-detail", args=[self.pk])


class ReopenStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("reopening status", "Waiting for the board")
    APPROVED = "approved", pgettext_lazy("reopening status", "Approved")
    REJECTED = "rejected", pgettext_lazy("reopening status", "Rejected")


class ReopenRequest(_Decision):
    """A request to reopen a closed month, with its reason; the board approves or rejects it."""

    closed_month = models.ForeignKey(
        Month, on_delete=models.PROTECT, related_name="reopen_requests", verbose_name=_("month")
    )
    reason = models.TextField(_("reason for reopening"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"))
    status = models.CharField(_("status"), max_length=8, choices=ReopenStatus, default=ReopenStatus.PENDING)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reopening request")
        verbose_name_plural = _("reopening requests")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReopenStatus.values), name="discipline_reopen_status_valid"),
            models.CheckConstraint(
                condition=Q(status=ReopenStatus.PENDING) | Q(decided_at__isnull=False),
                name="discipline_reopen_decided_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.closed_month} – {self.get_status_display()}"

    def get_absolute_url(self):
        return self.closed_month.get_absolute_url()


class LedgerEvent(models.TextChoices):
    CLOSE = "close", pgettext_lazy("ledger event", "Closed")
    RECLOSE = "reclose", pgettext_lazy("ledger event", "Closed again after a reopening")


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("The ledger is append-only: its entries are never changed."))

    def delete(self):
        raise ValidationError(_("The ledger is append-only: its entries are never deleted."))


class LedgerEntry(models.Model):
    """One close of a month, appended and never changed (discipline/ledger.py).

    ``digest`` is the SHA-256 of the month's canonical content when it was closed; ``chain`` the SHA-256 of
    this entry chained to the previous one, so that no entry can be changed or removed unseen. ``scores``
    keeps the month's scores as they were closed, to show the first result beside a later one.
    """

    closed_month = models.ForeignKey(Month, on_delete=models.PROTECT, related_name="ledger", verbose_name=_("month"))
    event = models.CharField(_("event"), max_length=7, choices=LedgerEvent)
    digest = models.CharField(_("SHA-256 of the month's content"), max_length=64)
    previous = models.CharField(_("chain value of the previous entry"), max_length=64, blank=True)
    chain = models.CharField(_("chain value"), max_length=64, unique=True)
    scores = models.JSONField(_("scores as closed"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("closed by")
    )
    created_at = models.DateTimeField(_("recorded at"))

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(event__in=LedgerEvent.values), name="discipline_ledger_event_valid"),
        ]

    def __str__(self):
        return f"{self.closed_month} – {self.get_event_display()} – {self.digest[:12]}…"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("The ledger is append-only: its entries are never changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The ledger is append-only: its entries are never deleted."))
