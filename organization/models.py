"""The organisation: divisions, positions, staff and their postings, accounts, and the agency profile."""

import re
from datetime import date, timedelta

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from organization.vietnamese import name_sort_key, search_key

CODE_REGEX = r"^[A-Z0-9][A-Z0-9_.-]*$"
CODE_PATTERN = re.compile(CODE_REGEX)
code_validator = RegexValidator(
    CODE_REGEX,
    _("Use capital letters, digits, dots, dashes or underscores, without spaces."),
)


class User(AbstractUser):
    """A login. Most are linked to a staff record (``user.staff``); the link gives the Cán bộ role."""

    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set when the Office creates or resets the password; cleared when the person changes it."),
    )

    # Who gave or took which role, and when; password hashes and login times are not kept.
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user account")
        verbose_name_plural = _("user accounts")


class DivisionKind(models.TextChoices):
    BOARD = "board", _("Board of directors")
    OFFICE = "office", _("Office of the department")
    DIVISION = "division", _("Specialised division")


class Division(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=DivisionKind, default=DivisionKind.DIVISION)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["display_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DivisionKind.values), name="organization_division_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        super().save(*args, **kwargs)


class Position(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    rank = models.PositiveSmallIntegerField(
        _("rank"), help_text=_("Order in official lists: 1 comes first (Giám đốc).")
    )
    heads_division = models.BooleanField(
        _("heads a division"),
        default=False,
        help_text=_("The holder leads their division (Giám đốc, Chánh Văn phòng, Trưởng phòng)."),
    )
    deputy_head = models.BooleanField(
        _("deputy head"),
        default=False,
        help_text=_("The holder is a deputy of their division's head (Phó Chánh Văn phòng, Phó Trưởng phòng)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["rank", "name"]

    def __str__(self):
        return self.name


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class EmploymentType(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("Civil servant (công chức)")
    PUBLIC_EMPLOYEE = "public_employee", _("Public employee (viên chức)")
    CONTRACT = "contract", _("Contract worker (hợp đồng)")


class StaffQuerySet(models.QuerySet):
    def in_division(self, division, *, on: date | None = None):
        """People who belong to ``division`` on the day ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            Q(memberships__division=division)
            & Q(memberships__start__lte=on)
            & (Q(memberships__end__isnull=True) | Q(memberships__end__gte=on))
        )

    def with_division(self, *, on: date | None = None):
        """Annotate each person's division on ``on``: ``division_id_on``, its name and display order."""
        on = on or timezone.localdate()
        current = (
            Membership.objects.filter(staff=OuterRef("pk"), start__lte=on)
            .filter(Q(end__isnull=True) | Q(end__gte=on))
            .order_by("-start")
        )
        return self.annotate(
            division_id_on=Subquery(current.values("division_id")[:1]),
            division_name_on=Subquery(current.values("division__name")[:1]),
            division_order_on=Subquery(current.values("division__display_order")[:1]),
        )

    def official_order(self, *, on: date | None = None):
        """Order as official lists do: division, position rank, Vietnamese name order, staff code."""
        return (
            self.with_division(on=on)
            .select_related("position")
            .order_by(
                F("division_order_on").asc(nulls_last=True),
                "division_id_on",
                "position__rank",
                "name_sort_key",
                "code",
            )
        )


class Staff(models.Model):
    code = models.CharField(_("staff code"), max_length=20, unique=True, validators=[code_validator])
    full_name = models.CharField(_("full name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender)
    position = models.ForeignKey(Position, on_delete=models.PROTECT, verbose_name=_("position"))
    employment_type = models.CharField(
        _("employment type"), max_length=15, choices=EmploymentType, default=EmploymentType.CIVIL_SERVANT
    )
    date_recruited = models.DateField(_("date recruited"))
    date_left = models.DateField(_("date left"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    user = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("user account"),
    )
    # Derived from full_name on save; lets the database order by Vietnamese rules (see vietnamese.py).
    name_sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    # Derived too: name and code in lower case without accents, so a search finds "Đức" as "duc" or "đức"
    # alike on SQLite (whose LIKE folds ASCII only) and PostgreSQL.
    search_key = models.CharField(max_length=130, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["name_sort_key", "search_key"])
    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["name_sort_key", "code"]
        permissions = [
            ("import_staff", _("Can import staff from Excel")),
            ("manage_accounts", _("Can create accounts and reset passwords")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(gender__in=Gender.values), name="organization_staff_gender_valid"),
            models.CheckConstraint(
                condition=Q(employment_type__in=EmploymentType.values),
                name="organization_staff_employment_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(date_left__isnull=True) | Q(date_left__gte=F("date_recruited")),
                name="organization_staff_left_after_recruited",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.code})"

    def get_absolute_url(self):
        return reverse("organization:staff-detail", args=[self.pk])

    def clean(self):
        if self.date_recruited and not self.recruitment_date_is_plausible(self.date_recruited):
            raise ValidationError({"date_recruited": _("This date of recruitment is not plausible.")})
        if self.date_left and self.date_recruited and self.date_left < self.date_recruited:
            raise ValidationError({"date_left": _("The date left cannot be before the date recruited.")})

    @staticmethod
    def recruitment_date_is_plausible(day: date) -> bool:
        return date(1950, 1, 1) <= day <= timezone.localdate() + timedelta(days=366)

    @property
    def in_post(self) -> bool:
        """Still working here: active, and not past the date left."""
        return self.active and (self.date_left is None or self.date_left >= timezone.localdate())

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        self.full_name = " ".join(self.full_name.split())
        self.name_sort_key = name_sort_key(self.full_name)
        self.search_key = search_key(f"{self.full_name} {self.code}")
        super().save(*args, **kwargs)

    def membership_on(self, on: date | None = None) -> "Membership | None":
        on = on or timezone.localdate()
        for membership in self.memberships.all():
            if membership.covers(on):
                return membership
        return None

    def division_on(self, on: date | None = None) -> Division | None:
        membership = self.membership_on(on)
        return membership.division if membership else None

    @property
    def heads_division(self) -> bool:
        return self.position.heads_division


class Membership(models.Model):
    """A stay of one person in one division, from ``start`` to ``end`` (open when still there).

    Transfers end one membership the day before the next begins, so every day maps to one division.
    """

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("staff member")
    )
    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("division")
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("decision or note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("division membership")
        verbose_name_plural = _("division memberships")
        ordering = ["staff", "start"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "start"], name="organization_membership_unique_start"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="organization_membership_end_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.staff.full_name} – {self.division} ({self.start:%d/%m/%Y})"

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end date cannot be before the start date.")})
        if self.staff_id and self.start:
            overlapping = Membership.objects.filter(staff_id=self.staff_id).exclude(pk=self.pk)
            overlapping = overlapping.filter(Q(end__isnull=True) | Q(end__gte=self.start))
            if self.end:
                overlapping = overlapping.filter(start__lte=self.end)
            if overlapping.exists():
                raise ValidationError(_("This period overlaps another division membership of the same person."))


class DocumentType(models.TextChoices):
    """Administrative document types and their abbreviations (Nghị định 30/2020, Phụ lục III)."""

    REPORT = "BC", pgettext_lazy("document type", "Report (BC)")
    SUBMISSION = "TTr", pgettext_lazy("document type", "Submission (TTr)")
    MINUTES = "BB", pgettext_lazy("document type", "Minutes (BB)")
    DECISION = "QĐ", pgettext_lazy("document type", "Decision (QĐ)")
    PLAN = "KH", pgettext_lazy("document type", "Plan (KH)")
    NOTICE = "TB", pgettext_lazy("document type", "Notice (TB)")


class AgencyProfile(models.Model):
    """What every generated document needs about the agency. There is exactly one row."""

    province = models.CharField(_("province"), max_length=100)
    place_name = models.CharField(
        _("place name for the date line"), max_length=100, help_text=_("E.g. “Lạng Sơn” in “Lạng Sơn, ngày …”.")
    )
    parent_body = models.CharField(_("parent body"), max_length=200, help_text=_("E.g. UBND TỈNH LẠNG SƠN."))
    agency_name = models.CharField(_("agency name"), max_length=200, default="SỞ NGOẠI VỤ")
    agency_abbreviation = models.CharField(_("agency abbreviation"), max_length=20, default="SNgV")
    director_name = models.CharField(_("director (Giám đốc)"), max_length=100, blank=True)
    deputy_director_name = models.CharField(
        _("deputy director who signs on the director's behalf"), max_length=100, blank=True
    )
    # {document type code: [recipient, …]}; documents add "Lưu: VT, VP." themselves.
    recipients = models.JSONField(_("recipients per document type"), default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agency profile")
        verbose_name_plural = _("agency profile")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="organization_agencyprofile_single_row")]

    def __str__(self):
        return f"{self.agency_name} – {self.province}"

    def get_absolute_url(self):
        return reverse("organization:agency-profile")

    @classmethod
    def load(cls) -> "AgencyProfile":
        profile, _created = cls.objects.get_or_create(pk=1)
        return profile

    def recipients_for(self, document_type: str) -> list[str]:
        return list(self.recipients.get(document_type, []))


class FormSubmission(models.Model):
    """A create form already sent: its one-time token (organization/submissions.py), so that a double click or a
    page sent again saves nothing twice and leads to what the first sending saved."""

    token = models.CharField(_("token"), max_length=64)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+", verbose_name=_("user account"))
    url = models.CharField(_("page of what was saved"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("form sent")
        verbose_name_plural = _("forms sent")
        constraints = [models.UniqueConstraint(fields=["token"], name="organization_formsubmission_token_unique")]

    def __str__(self):
        return self.token
