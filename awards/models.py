"""Facts the year-end titles depend on: recognised initiatives and titles earned in earlier years (DOMAIN.md §5)."""

from django.conf import settings
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


# --- The year-end: ratings, nominations, the council, publication, documents ---


class Rating(models.TextChoices):
    """Year-end quality ratings, best first (Nghị định 90/2020, 48/2023, 335/2025)."""

    HTXSNV = "HTXSNV", _("Completed tasks excellently (HTXSNV)")
    HTTNV = "HTTNV", _("Completed tasks well (HTTNV)")
    HTNV = "HTNV", _("Completed tasks (HTNV)")
    KHTNV = "KHTNV", _("Did not complete tasks (KHTNV)")


class YearReview(models.Model):
    """One person's year-end rating: their self-assessment, the head's opinion and proposal, the board's decision.

    ``cap`` is the best rating the time-worked and sanction rules allow ("" : not rated this year) and
    ``suggested`` the portal's suggestion, both as they stood when the head proposed or the board decided. A
    proposal or a decision above the cap, or an HTXSNV beyond the group's quota, is an override: it needs a
    reason and is shown as one everywhere.
    """

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.PROTECT, related_name="reviews",
                                 verbose_name=_("campaign"))
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="year_reviews",
                              verbose_name=_("staff member"))
    self_rating = models.CharField(_("self-assessed rating"), max_length=6, choices=Rating, blank=True)
    self_assessment = models.TextField(_("self-assessment"), blank=True)
    self_at = models.DateTimeField(_("self-assessed at"), null=True, blank=True)
    head_rating = models.CharField(_("rating proposed by the head"), max_length=6, choices=Rating, blank=True)
    head_opinion = models.TextField(_("head's opinion"), blank=True)
    head_override_reason = models.TextField(_("head's reason for going beyond the rules"), blank=True)
    head_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("proposed by"))
    head_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    rating = models.CharField(_("rating decided by the board"), max_length=6, choices=Rating, blank=True)
    override_reason = models.TextField(_("board's reason for going beyond the rules"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    suggested = models.CharField(_("suggested rating"), max_length=6, choices=Rating, blank=True)
    cap = models.CharField(_("best rating the rules allow"), max_length=6, choices=Rating, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("year-end rating")
        verbose_name_plural = _("year-end ratings")
        ordering = ["campaign", "staff__name_sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "staff"], name="awards_yearreview_unique"),
            models.CheckConstraint(condition=Q(rating="") | Q(decided_at__isnull=False),
                                   name="awards_yearreview_decided_has_date"),
        ]

    def __str__(self):
        return f"{self.staff.full_name} – {self.campaign.year}"

    def get_absolute_url(self):
        return reverse("awards:person-year", args=[self.campaign.year, self.staff_id])

    @property
    def head_overrides(self) -> bool:
        return bool(self.head_override_reason)

    @property
    def overrides(self) -> bool:
        return bool(self.override_reason)


class DivisionReview(models.Model):
    """The board's rating of a division's year: TTLĐTT needs "completed its tasks well" (HTTNV or better)."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.PROTECT, related_name="division_reviews",
                                 verbose_name=_("campaign"))
    division = models.ForeignKey("organization.Division", on_delete=models.PROTECT, related_name="year_reviews",
                                 verbose_name=_("division"))
    rating = models.CharField(_("rating"), max_length=6, choices=Rating)
    note = models.TextField(_("assessment"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"))
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("division's year rating")
        verbose_name_plural = _("divisions' year ratings")
        ordering = ["campaign", "division__display_order"]
        constraints = [models.UniqueConstraint(fields=["campaign", "division"], name="awards_divisionreview_unique")]

    def __str__(self):
        return f"{self.division.name} – {self.campaign.year}: {self.rating}"

    def get_absolute_url(self):
        return reverse("awards:division-year", args=[self.campaign.year, self.division_id])

    @property
    def completed_well(self) -> bool:
        return self.rating in (Rating.HTXSNV, Rating.HTTNV)


class Title(models.TextChoices):
    """What can be nominated: titles and forms of commendation, for a person or for a division."""

    LDTT = "LDTT", _("Advanced worker (Lao động tiên tiến)")
    CSTDCS = "CSTDCS", _("Grassroots emulation fighter (Chiến sĩ thi đua cơ sở)")
    CERTIFICATE = "GIAY_KHEN", _("Certificate of merit of the director (Giấy khen)")
    CSTD_PROVINCE = "CSTD_TINH", _("Provincial emulation fighter (Chiến sĩ thi đua cấp tỉnh)")
    PROVINCE_DIPLOMA = "BANG_KHEN_TINH", _("Diploma of merit of the provincial chairman (Bằng khen UBND tỉnh)")
    TTLDTT = "TTLDTT", _("Advanced collective (Tập thể lao động tiên tiến)")
    TTLDXS = "TTLDXS", _("Excellent collective (Tập thể lao động xuất sắc)")
    COLLECTIVE_CERTIFICATE = "GIAY_KHEN_TT", _("Certificate of merit of the director for a collective (Giấy khen)")
    COLLECTIVE_DIPLOMA = "BANG_KHEN_TT", _("Diploma of merit of the provincial chairman for a collective (Bằng khen)")
    EMULATION_FLAG = "CO_THI_DUA", _("Emulation flag of the province (Cờ thi đua)")


INDIVIDUAL_TITLES = [Title.LDTT, Title.CSTDCS, Title.CERTIFICATE, Title.CSTD_PROVINCE, Title.PROVINCE_DIPLOMA]
COLLECTIVE_TITLES = [Title.TTLDTT, Title.TTLDXS, Title.COLLECTIVE_CERTIFICATE, Title.COLLECTIVE_DIPLOMA,
                     Title.EMULATION_FLAG]
# Decided by the Giám đốc Sở (the Quyết định); the others are proposed to the province (the Tờ trình).
DIRECTOR_TITLES = [Title.LDTT, Title.CSTDCS, Title.CERTIFICATE, Title.TTLDTT, Title.COLLECTIVE_CERTIFICATE]
# Voted by secret ballot, passing with the rule set's share of all members (DOMAIN.md §5).
SECRET_BALLOT_TITLES = [Title.CSTD_PROVINCE, Title.EMULATION_FLAG]


class NominationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed by the division")
    SHORTLISTED = "shortlisted", _("On the Office's shortlist")
    APPROVED = "approved", _("Approved by the board")
    REJECTED = "rejected", _("Rejected by the board")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REVOKED = "revoked", _("Revoked")


class Nomination(models.Model):
    """A person or a division put forward for a title: proposed, shortlisted, voted, approved, maybe revoked."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.PROTECT, related_name="nominations",
                                 verbose_name=_("campaign"))
    title = models.CharField(_("title"), max_length=14, choices=Title)
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations",
                              verbose_name=_("staff member"))
    division = models.ForeignKey("organization.Division", on_delete=models.PROTECT, related_name="nominations",
                                 verbose_name=_("division"),
                                 help_text=_("The collective nominated, or the person's division."))
    achievement = models.TextField(_("summary of achievements"))
    status = models.CharField(_("status"), max_length=11, choices=NominationStatus,
                              default=NominationStatus.PROPOSED)
    eligible = models.BooleanField(_("eligible when proposed"), default=True)
    unmet = models.TextField(_("conditions not met when proposed"), blank=True)
    ineligible_reason = models.TextField(_("reason for proposing despite the conditions"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"))
    shortlisted_at = models.DateTimeField(_("shortlisted at"), null=True, blank=True)
    quota_override_reason = models.TextField(_("board's reason for exceeding the quota"), blank=True)
    decision_reason = models.TextField(_("board's reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for the revocation"), blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["campaign", "title", "division__display_order", "staff__name_sort_key"]
        constraints = [
            models.CheckConstraint(condition=Q(title__in=Title.values), name="awards_nomination_title_valid"),
            models.CheckConstraint(condition=Q(status__in=NominationStatus.values),
                                   name="awards_nomination_status_valid"),
            models.CheckConstraint(
                condition=(Q(title__in=INDIVIDUAL_TITLES) & Q(staff__isnull=False))
                | (Q(title__in=COLLECTIVE_TITLES) & Q(staff__isnull=True)),
                name="awards_nomination_person_or_collective",
            ),
            models.CheckConstraint(condition=~Q(status=NominationStatus.REVOKED)
                                   | (Q(revoked_on__isnull=False) & ~Q(revoked_reason="")),
                                   name="awards_nomination_revoked_has_reason"),
            models.UniqueConstraint(fields=["campaign", "title", "staff"],
                                    condition=Q(staff__isnull=False) & ~Q(status="withdrawn"),
                                    name="awards_nomination_person_once"),
            models.UniqueConstraint(fields=["campaign", "title", "division"],
                                    condition=Q(staff__isnull=True) & ~Q(status="withdrawn"),
                                    name="awards_nomination_collective_once"),
        ]

    def __str__(self):
        return f"{self.get_title_display()} – {self.nominee_name}"

    def get_absolute_url(self):
        return reverse("awards:nomination", args=[self.campaign.year, self.pk])

    @property
    def nominee_name(self) -> str:
        return self.staff.full_name if self.staff_id else self.division.name

    @property
    def collective(self) -> bool:
        return self.staff_id is None

    @property
    def by_director(self) -> bool:
        return self.title in DIRECTOR_TITLES

    @property
    def secret_ballot(self) -> bool:
        return self.title in SECRET_BALLOT_TITLES

    @property
    def flagged(self) -> bool:
        """Proposed although a condition was not met."""
        return not self.eligible


class BallotMethod(models.TextChoices):
    HANDS = "hands", _("Show of hands (biểu quyết giơ tay)")
    SECRET = "secret", _("Secret ballot (bỏ phiếu kín)")


class CouncilSession(models.Model):
    """A meeting of the Hội đồng TĐKT, recorded by the Office from the meeting (the council does not vote here)."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.PROTECT, related_name="council_sessions",
                                 verbose_name=_("campaign"))
    held_on = models.DateField(_("date"))
    started_at = models.TimeField(_("started at"))
    ended_at = models.TimeField(_("ended at"))
    place = models.CharField(_("place"), max_length=200)
    chair = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name=_("chair"))
    secretary = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name=_("secretary"))
    method = models.CharField(_("ballot method"), max_length=6, choices=BallotMethod)
    note = models.TextField(_("other matters discussed"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["campaign", "held_on", "started_at"]
        constraints = [models.CheckConstraint(condition=Q(method__in=BallotMethod.values),
                                              name="awards_councilsession_method_valid")]

    def __str__(self):
        return f"{_('Council session')} {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("awards:council-session", args=[self.campaign.year, self.pk])


class CouncilMember(models.Model):
    """A member of the council at a session: present, or absent with or without a written vote."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="members",
                                verbose_name=_("session"))
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    council_role = models.CharField(_("role in the council"), max_length=100, blank=True)
    present = models.BooleanField(_("present"), default=True)
    written_vote = models.BooleanField(_("sent a written vote"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council member at a session")
        verbose_name_plural = _("council members at a session")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "staff"], name="awards_councilmember_unique"),
            models.CheckConstraint(condition=~(Q(present=True) & Q(written_vote=True)),
                                   name="awards_councilmember_written_only_if_absent"),
        ]

    def __str__(self):
        return self.staff.full_name


class CouncilVote(models.Model):
    """The votes for one nominee at a session: of the members present, and the absent members' written votes."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="votes",
                                verbose_name=_("session"))
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="votes",
                                   verbose_name=_("nomination"))
    votes_for = models.PositiveSmallIntegerField(_("votes in favour of the members present"))
    written_for = models.PositiveSmallIntegerField(_("written votes in favour of absent members"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council vote")
        verbose_name_plural = _("council votes")
        ordering = ["session", "nomination"]
        constraints = [models.UniqueConstraint(fields=["session", "nomination"], name="awards_councilvote_unique")]

    def __str__(self):
        return f"{self.nomination}: {self.votes_for}"


class PublicNotice(models.Model):
    """The approved list published in the portal for comments (công khai) for a number of days before the decision."""

    campaign = models.OneToOneField("campaigns.Campaign", on_delete=models.PROTECT, related_name="public_notice",
                                    verbose_name=_("campaign"))
    published_on = models.DateField(_("published on"))
    days = models.PositiveSmallIntegerField(_("days open for comments"),
                                            validators=[MinValueValidator(1), MaxValueValidator(60)])
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("published by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication for comments")
        verbose_name_plural = _("publications for comments")

    def __str__(self):
        return f"{self.campaign.year}: {self.published_on:%d/%m/%Y} + {self.days}"

    def get_absolute_url(self):
        return reverse("awards:notice", args=[self.campaign.year])

    @property
    def ends_on(self):
        """The last day open for comments: published on 01/12 for 10 days, open until 10/12 included."""
        from datetime import timedelta

        return self.published_on + timedelta(days=self.days - 1)

    def open_on(self, day) -> bool:
        return self.published_on <= day <= self.ends_on


class PublicComment(models.Model):
    """A comment on the published list: kept as written, never edited or deleted."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.PROTECT, related_name="comments",
                               verbose_name=_("publication"))
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="comments", verbose_name=_("about"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on the published list")
        verbose_name_plural = _("comments on the published list")
        ordering = ["notice", "created_at", "pk"]

    def __str__(self):
        return f"{self.author} {self.created_at:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("awards:notice", args=[self.notice.campaign.year]) + "#notice-comments"


class IssuedDocument(models.Model):
    """The number a year-end document takes in its type's yearly series, kept so that reprints carry it again."""

    year = models.PositiveSmallIntegerField(_("year"))
    type_code = models.CharField(_("document type"), max_length=4)
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("document"), max_length=40)
    issued_on = models.DateField(_("dated"))

    class Meta:
        verbose_name = _("numbered document")
        verbose_name_plural = _("numbered documents")
        ordering = ["year", "type_code", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "type_code", "number"], name="awards_issued_number_unique"),
            models.UniqueConstraint(fields=["year", "kind"], name="awards_issued_kind_unique"),
        ]

    def __str__(self):
        return f"{self.number:02d}/{self.type_code} {self.year}"


# The titles' usual short names, as lists and documents print them (proper names: not translated).
SHORT_NAMES = {
    Title.LDTT: "LĐTT", Title.CSTDCS: "CSTĐCS", Title.CERTIFICATE: "Giấy khen", Title.CSTD_PROVINCE: "CSTĐ cấp tỉnh",
    Title.PROVINCE_DIPLOMA: "Bằng khen", Title.TTLDTT: "TTLĐTT", Title.TTLDXS: "TTLĐXS",
    Title.COLLECTIVE_CERTIFICATE: "Giấy khen (tập thể)", Title.COLLECTIVE_DIPLOMA: "Bằng khen (tập thể)",
    Title.EMULATION_FLAG: "Cờ thi đua",
}
