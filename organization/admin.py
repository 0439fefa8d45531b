from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from emulation_portal.admin_site import GuardedHistoryAdmin

from organization.models import AgencyProfile, Division, Membership, Position, Staff, User


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((_("Portal"), {"fields": ["must_change_password"]}),)
    list_display = ["username", "last_name", "first_name", "is_active", "must_change_password", "last_login"]


@admin.register(Division)
class DivisionAdmin(GuardedHistoryAdmin):
    list_display = ["code", "name", "kind", "display_order", "active"]
    list_editable = ["display_order"]
    list_filter = ["kind", "active"]


@admin.register(Position)
class PositionAdmin(GuardedHistoryAdmin):
    list_display = ["name", "rank", "heads_division", "deputy_head"]
    list_editable = ["rank"]


class MembershipFormSet(BaseInlineFormSet):
    """The periods of one person may not overlap, also among the rows of one save."""

    def clean(self):
        super().clean()
        periods = sorted(
            (f.cleaned_data["start"], f.cleaned_data.get("end"))
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("start")
        )
        for (_start, end), (next_start, _next_end) in zip(periods, periods[1:], strict=False):
            if end is None or end >= next_start:
                raise ValidationError(_("The periods in the divisions overlap: each must end before the next begins."))


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    fields = ["division", "start", "end", "note"]


@admin.register(Staff)
class StaffAdmin(GuardedHistoryAdmin):
    list_display = ["code", "full_name", "position", "employment_type", "date_recruited", "active"]
    list_filter = ["active", "employment_type", "position", "memberships__division"]
    search_fields = ["code", "full_name"]
    list_select_related = ["position"]
    raw_id_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(AgencyProfile)
class AgencyProfileAdmin(GuardedHistoryAdmin):
    list_display = ["agency_name", "province", "director_name"]

    def has_add_permission(self, request):
        return not AgencyProfile.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
