from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from campaigns.models import Campaign
from emulation_portal.admin_site import GuardedHistoryAdmin, HistoryReadingAdmin

from discipline import services
from discipline.closing import closed_months, ensure_open
from discipline.models import (
    AttendanceRecord,
    ClockImport,
    Commendation,
    Dispute,
    Explanation,
    LedgerEntry,
    Month,
    MonthlyScore,
    ReopenRequest,
    ReviewComment,
    Sanction,
    Signoff,
    Violation,
)


class SanctionForm(forms.ModelForm):
    """Refuses, with the month's name, a sanction decided (or undecided) in a closed month."""

    class Meta:
        model = Sanction
        exclude = ["created_by"]

    def clean(self):
        cleaned = super().clean()
        # A sanction weighs on the month of its decision (a veto there), whenever the review opened.
        days = [cleaned.get("decision_date")]
        if self.instance.pk:
            days.append(self.initial.get("decision_date"))
        ensure_open(days)
        return cleaned


@admin.register(Sanction)
class SanctionAdmin(GuardedHistoryAdmin):
    form = SanctionForm
    list_display = ["staff", "status", "kind", "opened_on", "decision_number", "decision_date"]
    list_filter = ["status", "kind"]
    search_fields = ["staff__full_name", "staff__code", "decision_number"]
    list_select_related = ["staff"]
    autocomplete_fields = ["staff"]
    exclude = ["created_by"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _frozen_sanction(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _frozen_sanction(obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.version = (obj.version or 0) + 1 if change else 1
        super().save_model(request, obj, form, change)


class _ReadOnly:
    """Records with workflows of their own (forms, imports, explanations, the tally) are read here, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _ReadOnlyAdmin(_ReadOnly, HistoryReadingAdmin):
    pass


@admin.register(AttendanceRecord)
class AttendanceRecordAdmin(_ReadOnlyAdmin):
    list_display = ["date", "staff", "source", "status", "check_in", "check_out", "late_minutes", "early_minutes"]
    list_filter = ["source", "status", "date"]
    search_fields = ["staff__full_name", "staff__code"]
    list_select_related = ["staff"]


@admin.register(Violation)
class ViolationAdmin(_ReadOnlyAdmin):
    list_display = ["date", "staff", "type", "points", "source", "status"]
    list_filter = ["status", "source", "type__criterion__number", "date"]
    search_fields = ["staff__full_name", "staff__code", "type__code"]
    list_select_related = ["staff", "type"]


@admin.register(Commendation)
class CommendationAdmin(_ReadOnlyAdmin):
    list_display = ["date", "staff", "type", "points", "source", "status"]
    list_filter = ["status", "source", "date"]
    search_fields = ["staff__full_name", "staff__code"]
    list_select_related = ["staff", "type"]


@admin.register(Explanation)
class ExplanationAdmin(_ReadOnlyAdmin):
    list_display = ["violation", "status", "filed_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["violation__staff", "violation__type"]


@admin.register(ClockImport)
class ClockImportAdmin(_ReadOnly, admin.ModelAdmin):
    """Imports keep no history of their own: each is applied once and its records carry the history."""

    list_display = ["original_name", "status", "created_by", "created_at", "applied_at"]
    list_filter = ["status"]


@admin.register(MonthlyScore)
class MonthlyScoreAdmin(_ReadOnly, admin.ModelAdmin):
    """Scores are computed, never typed: the admin reads them and can run the tally again for their months."""

    list_display = ["staff", "year", "month", "division", "total", "grade", "computed_at"]
    list_filter = ["year", "month", "grade", "division"]
    search_fields = ["staff__full_name", "staff__code"]
    list_select_related = ["staff", "division"]
    actions = ["run_tally_again"]

    @admin.action(description=gettext_lazy("Run the tally again for the months of the selected scores"),
                  permissions=["view"])
    def run_tally_again(self, request, queryset):
        months = sorted(set(queryset.select_related("campaign").values_list("campaign", "year", "month")))
        campaigns = {c.pk: c for c in Campaign.objects.filter(pk__in={m[0] for m in months})}
        for campaign_id, year, month in months:
            try:
                result = services.run_tally(campaigns[campaign_id], year, month)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                _("%(month)02d/%(year)s: %(people)s people, %(updated)s scores changed.")
                % {"month": month, "year": year, "people": result.people, "updated": result.updated},
                messages.SUCCESS,
            )


def _frozen_sanction(obj) -> bool:
    return obj is not None and bool(closed_months([obj.decision_date]))


@admin.register(Month)
class MonthAdmin(_ReadOnlyAdmin):
    list_display = ["__str__", "status", "closed_at", "closed_by"]
    list_filter = ["status", "year"]


@admin.register(Signoff)
class SignoffAdmin(_ReadOnlyAdmin):
    list_display = ["division", "year", "month", "signed_by", "signed_at"]
    list_filter = ["year", "month", "division"]
    list_select_related = ["division", "signed_by"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(_ReadOnlyAdmin):
    list_display = ["staff", "year", "month", "text", "written_by"]
    list_filter = ["year", "month"]
    search_fields = ["staff__full_name", "staff__code"]
    list_select_related = ["staff", "written_by"]


@admin.register(Dispute)
class DisputeAdmin(_ReadOnlyAdmin):
    list_display = ["__str__", "division", "raised_by", "raised_at", "status"]
    list_filter = ["status", "division"]
    list_select_related = ["violation__staff", "violation__type", "commendation__staff", "commendation__type", "division",
                           "raised_by"]


@admin.register(ReopenRequest)
class ReopenRequestAdmin(_ReadOnlyAdmin):
    list_display = ["closed_month", "requested_by", "requested_at", "status", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["closed_month", "requested_by", "decided_by"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(_ReadOnly, admin.ModelAdmin):
    """The ledger is append-only: read here, written only by closing a month."""

    list_display = ["pk", "closed_month", "event", "digest", "created_by", "created_at"]
    list_select_related = ["closed_month", "created_by"]
    exclude = ["scores"]
