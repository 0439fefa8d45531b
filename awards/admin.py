from django.contrib import admin, messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from emulation_portal.admin_site import GuardedHistoryAdmin, HistoryReadingAdmin

from awards.models import (
    CouncilMember,
    CouncilSession,
    CouncilVote,
    DivisionReview,
    Initiative,
    IssuedDocument,
    Nomination,
    PriorTitle,
    PublicComment,
    PublicNotice,
    YearReview,
)
from organization.roles import Role, has_role


@admin.register(Initiative)
class InitiativeAdmin(GuardedHistoryAdmin):
    list_display = ["title", "staff", "kind", "level", "recognized_on", "decision_number"]
    list_filter = ["kind", "level"]
    search_fields = ["title", "staff__full_name", "staff__code"]
    list_select_related = ["staff"]
    autocomplete_fields = ["staff"]


@admin.register(PriorTitle)
class PriorTitleAdmin(GuardedHistoryAdmin):
    list_display = ["staff", "year", "title", "decision_number", "decision_date"]
    list_filter = ["year", "title"]
    search_fields = ["staff__full_name", "staff__code"]
    list_select_related = ["staff"]
    autocomplete_fields = ["staff"]


# --- The year-end: written by the portal's workflows (awards/services.py), read here; documents made here ---


class _ReadOnly:
    """Ratings, nominations, council sessions, the publication and the numbers are written by the year-end's
    own pages, which check the rules and keep the history with a reason; the admin reads them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _ReadOnlyAdmin(_ReadOnly, HistoryReadingAdmin):
    pass


def _file(produced) -> HttpResponse:
    response = HttpResponse(produced.content, content_type=produced.content_type)
    response["Content-Disposition"] = f'attachment; filename="{produced.filename}"'
    return response


def _document_action(kind: str, fmt: str, description):
    """An action making the year-end document ``kind`` of the campaign of the selected records (one campaign).

    The Office numbers a numbered document the first time, as on the portal's download page.
    """

    def action(modeladmin, request, queryset):
        from awards import documents

        campaigns = {record.campaign for record in queryset.select_related("campaign")}
        if len(campaigns) != 1:
            modeladmin.message_user(request, _("Choose records of one campaign year."), messages.ERROR)
            return None
        (campaign,) = campaigns
        try:
            produced = documents.produce(campaign, kind, fmt, issue=has_role(request.user, Role.OFFICE))
        except documents.DocumentRefused as refused:
            modeladmin.message_user(request, refused.message, messages.ERROR)
            return None
        return _file(produced)

    action.__name__ = f"document_{kind}_{fmt}"
    action.short_description = description
    action.allowed_permissions = ["view"]
    return action


@admin.register(YearReview)
class YearReviewAdmin(_ReadOnlyAdmin):
    list_display = ["staff", "campaign", "self_rating", "head_rating", "rating", "suggested", "cap",
                    "decided_at"]
    list_filter = ["campaign", "rating", "head_rating"]
    search_fields = ["staff__full_name", "staff__code"]
    list_select_related = ["staff", "campaign"]
    actions = [
        _document_action("midyear", "pdf", gettext_lazy("Mid-year report of the campaign (PDF)")),
        _document_action("midyear", "xlsx", gettext_lazy("Mid-year report of the campaign (Excel)")),
        _document_action("yearend", "pdf", gettext_lazy("Year-end report of the campaign (PDF)")),
        _document_action("yearend", "xlsx", gettext_lazy("Year-end report of the campaign (Excel)")),
    ]


@admin.register(DivisionReview)
class DivisionReviewAdmin(_ReadOnlyAdmin):
    list_display = ["division", "campaign", "rating", "decided_by", "decided_at"]
    list_filter = ["campaign", "rating"]
    list_select_related = ["division", "campaign", "decided_by"]


@admin.register(Nomination)
class NominationAdmin(_ReadOnlyAdmin):
    list_display = ["__str__", "campaign", "division", "status", "eligible", "decided_at", "revoked_on",
                    "achievement_report"]
    list_filter = ["campaign", "status", "title", "eligible"]
    search_fields = ["staff__full_name", "staff__code", "division__name"]
    list_select_related = ["staff", "division", "campaign"]
    actions = [
        _document_action("shortlist", "pdf", gettext_lazy("List of nominees of the campaign (PDF)")),
        _document_action("shortlist", "xlsx", gettext_lazy("List of nominees of the campaign (Excel)")),
        _document_action("submission", "pdf", gettext_lazy("Submission to the province (PDF)")),
        _document_action("decision", "pdf", gettext_lazy("Decision of the director (PDF)")),
        "achievement_report_pdf",
    ]

    @admin.display(description=gettext_lazy("achievement report"))
    def achievement_report(self, obj):
        url = reverse("awards:achievement", args=[obj.campaign.year, obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("PDF"))

    @admin.action(description=gettext_lazy("Achievement report of the selected nominee (PDF)"),
                  permissions=["view"])
    def achievement_report_pdf(self, request, queryset):
        from awards import documents

        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one nomination."), messages.ERROR)
            return None
        nomination = queryset.select_related("campaign", "staff__position", "division").get()
        return _file(documents.produce_achievement(nomination))


class _MemberInline(_ReadOnly, admin.TabularInline):
    model = CouncilMember
    fields = ["staff", "council_role", "present", "written_vote"]
    extra = 0


class _VoteInline(_ReadOnly, admin.TabularInline):
    model = CouncilVote
    fields = ["nomination", "votes_for", "written_for"]
    extra = 0


@admin.register(CouncilSession)
class CouncilSessionAdmin(_ReadOnlyAdmin):
    list_display = ["__str__", "campaign", "place", "chair", "secretary", "method", "minutes"]
    list_filter = ["campaign", "method"]
    list_select_related = ["campaign", "chair", "secretary"]
    inlines = [_MemberInline, _VoteInline]
    actions = ["minutes_pdf"]

    @admin.display(description=gettext_lazy("council minutes"))
    def minutes(self, obj):
        url = reverse("awards:document", args=[obj.campaign.year, "minutes", "pdf"]) + f"?session={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("PDF"))

    @admin.action(description=gettext_lazy("Minutes of the selected session (PDF)"), permissions=["view"])
    def minutes_pdf(self, request, queryset):
        from awards import documents

        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one council session."), messages.ERROR)
            return None
        session = queryset.select_related("campaign", "chair", "secretary").get()
        produced = documents.produce(session.campaign, "minutes", "pdf", session=session,
                                     issue=has_role(request.user, Role.OFFICE))
        return _file(produced)


@admin.register(PublicNotice)
class PublicNoticeAdmin(_ReadOnlyAdmin):
    list_display = ["campaign", "published_on", "days", "ends_on", "published_by"]
    list_select_related = ["campaign", "published_by"]


@admin.register(PublicComment)
class PublicCommentAdmin(_ReadOnly, admin.ModelAdmin):
    """Comments are kept as written, never edited or deleted."""

    list_display = ["notice", "nomination", "author", "created_at", "text"]
    list_filter = ["notice"]
    list_select_related = ["notice__campaign", "nomination__staff", "nomination__division", "author"]


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(_ReadOnly, admin.ModelAdmin):
    """The numbers the year-end documents took in their yearly series (awards/documents.py number_for)."""

    list_display = ["__str__", "year", "type_code", "number", "kind", "issued_on"]
    list_filter = ["year", "type_code"]
