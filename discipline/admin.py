from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from campaigns.models import Campaign
from emulation_portal.admin_site import GuardedHistoryAdmin, HistoryReadingAdmin

from discipline import services
from discipline.models import (
    AttendanceRecord,
    ClockImport,
    Commendation,
    Explanation,
    MonthlyScore,
    Sanction,
    Violation,
)


@admin.register(Sanction)
class SanctionAdmin(GuardedHistoryAdmin):
    list_display = ["staff", "status", "kind", "opened_on", "decision_number", "decision_date"]
    list_filter = ["status", "kind"]
    search_fields = ["staff__full_name", "staff__code", "decision_number"]
    list_select_related = ["staff"]
    autocomplete_fields = ["staff"]
    exclude = ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.version = (obj.version or 0) + 1 if change else 1
        super().save_model(request, obj, form, change)


class _ReadOnlyAdmin(HistoryReadingAdmin):
    """Records with workflows of their own (forms, imports, explanations) are read here, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
class ClockImportAdmin(admin.ModelAdmin):
    """Imports keep no history of their own: each is applied once and its records carry the history."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    list_display = ["original_name", "status", "created_by", "created_at", "applied_at"]
    list_filter = ["status"]


@admin.register(MonthlyScore)
class MonthlyScoreAdmin(admin.ModelAdmin):
    """Scores are computed, never typed: the admin reads them and can run the tally again for their months."""

    list_display = ["staff", "year", "month", "division", "total", "grade", "computed_at"]
    list_filter = ["year", "month", "grade", "division"]
    search_fields = ["staff__full_name", "staff__code"]
    list_select_related = ["staff", "division"]
    actions = ["run_tally_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Run the tally again for the months of the selected scores"),
                  permissions=["view"])
    def run_tally_again(self, request, queryset):
        months = sorted(set(queryset.select_related("campaign").values_list("campaign", "year", "month")))
        campaigns = {c.pk: c for c in Campaign.objects.filter(pk__in={m[0] for m in months})}
        for campaign_id, year, month in months:
            result = services.run_tally(campaigns[campaign_id], year, month)
            self.message_user(
                request,
                _("%(month)02d/%(year)s: %(people)s people, %(updated)s scores changed.")
                % {"month": month, "year": year, "people": result.people, "updated": result.updated},
                messages.SUCCESS,
            )
