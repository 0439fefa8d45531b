from django.contrib import admin
from emulation_portal.admin_site import GuardedHistoryAdmin

from awards.models import Initiative, PriorTitle


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
