from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from organization import views as organization_views

urlpatterns = [
    path("", organization_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", organization_views.password_change, name="password_change"),
    path("", include("organization.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("discipline/", include("discipline.urls")),
    path("awards/", include("awards.urls")),
    path("admin/", admin.site.urls),
]

# While the database cannot be reached: 503 with Retry-After; any other error: the plain 500 page.
handler500 = "emulation_portal.errors.server_error"
