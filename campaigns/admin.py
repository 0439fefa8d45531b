from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from emulation_portal.admin_site import GuardedHistoryAdmin

from campaigns.models import (
    MAX_MONTHLY_POINTS,
    BriefingDate,
    CalendarException,
    Campaign,
    CommendationType,
    Criterion,
    ViolationType,
    WorkSchedule,
)


class CriterionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        forms = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        total = sum(f.cleaned_data.get("points") or 0 for f in forms)
        if not forms:
            raise ValidationError(_("A campaign needs its emulation contents."))
        if total != MAX_MONTHLY_POINTS:
            raise ValidationError(
                _("The contents' monthly points must add up to %(max)s; they add up to %(total)s.")
                % {"max": MAX_MONTHLY_POINTS, "total": total}
            )


class CriterionInline(admin.StackedInline):
    model = Criterion
    formset = CriterionFormSet
    extra = 0
    fields = [("number", "points"), "title", "description"]


class WorkScheduleInline(admin.TabularInline):
    model = WorkSchedule
    extra = 0
    fields = ["name", "valid_from", "morning_start", "morning_end", "afternoon_start", "afternoon_end"]


class BriefingDateInline(admin.TabularInline):
    model = BriefingDate
    extra = 0
    fields = ["date"]


class CalendarExceptionInline(admin.TabularInline):
    model = CalendarException
    extra = 0
    fields = ["date", "kind", "note"]


@admin.register(Campaign)
class CampaignAdmin(GuardedHistoryAdmin):
    list_display = ["year", "name", "status", "rule_set", "start_date", "end_date"]
    list_filter = ["status", "rule_set"]
    inlines = [CriterionInline, WorkScheduleInline, CalendarExceptionInline, BriefingDateInline]
    fieldsets = [
        (None, {"fields": ["name", "year", ("start_date", "end_date"), "status", "rule_set", "seen_history"]}),
        (
            gettext_lazy("Working time"),
            {"fields": [("grace_minutes", "heavy_minutes"), "explanation_days"]},
        ),
        (gettext_lazy("Monthly scoring"), {"fields": [("bonus_cap", "total_cap"), ("grade_a", "grade_b", "grade_c")]}),
        (gettext_lazy("Briefing and sign-off"), {"fields": [("briefing_weekday", "signoff_working_days")]}),
        (
            gettext_lazy("Year-end (empty: the rule set's value)"),
            {"fields": [("htxsnv_percent", "cstdcs_percent", "ldtt_min_service_months"),
                        ("quorum_numerator", "quorum_denominator"), ("approval_percent", "secret_ballot_percent"),
                        "reward_multiples"]},
        ),
        (gettext_lazy("The plan"), {"fields": ["legal_bases", ("plan_number", "plan_date", "plan_signer"), "plan_text"]}),
    ]


@admin.register(ViolationType)
class ViolationTypeAdmin(GuardedHistoryAdmin):
    list_display = ["code", "name", "criterion", "points", "veto", "report_column", "active", "campaign"]
    list_filter = ["campaign", "criterion__number", "veto", "active"]
    search_fields = ["code", "name"]
    list_select_related = ["criterion__campaign", "campaign"]


@admin.register(CommendationType)
class CommendationTypeAdmin(GuardedHistoryAdmin):
    list_display = ["code", "name", "points", "active", "campaign"]
    list_filter = ["campaign", "active"]
    search_fields = ["code", "name"]
    list_select_related = ["campaign"]
