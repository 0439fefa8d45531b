"""The Django admin as the Office's back office, entered through the portal's own login page."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from emulation_portal.history import StaleGuardForm


class PortalAdminSite(admin.AdminSite):
    site_header = _("Emulation portal administration")
    site_title = _("Emulation portal")
    index_title = _("Office back office")

    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        # One login page for the whole portal; someone signed in without admin access gets a 403.
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect("admin:index")
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", request.get_full_path()))


class HistoryReadingAdmin(SimpleHistoryAdmin):
    """Shows a record's history; a past version is for reading only (SIMPLE_HISTORY_REVERT_DISABLED), so the
    version page refuses any POST, which django-simple-history would otherwise save."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class GuardedHistoryAdmin(HistoryReadingAdmin):
    """The admin for records with history: shows the history, and refuses edits made from a stale form."""

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = type("Guarded" + self.form.__name__, (StaleGuardForm, self.form), {})
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if "seen_history" in fields else [*fields, "seen_history"]
