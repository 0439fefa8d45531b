from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from awards.models import Initiative, PriorTitle


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "staff", "kind", "level", "recognized_on", "decision_number"]
    list_filter = ["kind", "level"]
    search_fields = ["title", "staff__full_name", "staff__code"]
    list_select_related = ["staff"]
    autocomplete_fields = ["staff"]


@admin.register(PriorTitle)
class PriorTitleAdmin(SimpleHistoryAdmin):
    list_display = ["staff", "year", "title", "decision_number", "decision_date"]
    list_filter = ["year", "title"]
    search_fields = ["staff__full_name", "staff__code"]
    list_select_related = ["staff"]
    autocomplete_fields = ["staff"]
