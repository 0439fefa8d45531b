"""The Django admin as the Office's back office, entered through the portal's own login page."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _


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
