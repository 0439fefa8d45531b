from django.urls import path

from organization import views

app_name = "organization"

urlpatterns = [
    path("no-role/", views.no_role, name="no-role"),
    path("office/", views.office_home, name="office-home"),
    path("division/", views.division_home, name="division-home"),
    path("board/", views.board_home, name="board-home"),
    path("council/", views.council_home, name="council-home"),
    path("me/", views.my_home, name="my-home"),
    path("staff/", views.staff_list, name="staff-list"),
    path("staff/new/", views.staff_create, name="staff-create"),
    path("staff/import/", views.staff_import, name="staff-import"),
    path("staff/import/template.xlsx", views.staff_import_template, name="staff-import-template"),
    path("staff/<int:pk>/", views.staff_detail, name="staff-detail"),
    path("staff/<int:pk>/edit/", views.staff_update, name="staff-update"),
    path("staff/<int:pk>/transfer/", views.staff_transfer, name="staff-transfer"),
    path("staff/<int:pk>/roles/", views.staff_roles, name="staff-roles"),
    path("staff/<int:pk>/account/", views.account_create, name="account-create"),
    path("staff/<int:pk>/password-reset/", views.password_reset, name="password-reset"),
    path("accounts/create-missing/", views.accounts_create_missing, name="accounts-create-missing"),
    path("agency-profile/", views.agency_profile, name="agency-profile"),
]
