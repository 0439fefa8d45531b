from django.urls import path

from discipline import views, views_clock

app_name = "discipline"

urlpatterns = [
    path("sheet/", views.day_sheet, name="day-sheet"),
    path("attendance/<int:pk>/", views.attendance_detail, name="attendance-detail"),
    path("violations/", views.record_list, {"kind": "violation"}, name="violation-list"),
    path("violations/new/", views.record_create, {"kind": "violation"}, name="violation-create"),
    path("violations/<int:pk>/", views.record_detail, {"kind": "violation"}, name="violation-detail"),
    path("violations/<int:pk>/edit/", views.record_update, {"kind": "violation"}, name="violation-update"),
    path("violations/<int:pk>/withdraw/", views.record_withdraw, {"kind": "violation"}, name="violation-withdraw"),
    path("violations/<int:pk>/evidence/", views.violation_evidence, name="violation-evidence"),
    path("violations/<int:pk>/explain/", views.violation_explain, name="violation-explain"),
    path("violations/<int:pk>/decide/", views.explanation_decide, name="explanation-decide"),
    path("violations/<int:pk>/explanation-file/", views.explanation_attachment, name="explanation-attachment"),
    path("commendations/", views.record_list, {"kind": "commendation"}, name="commendation-list"),
    path("commendations/new/", views.record_create, {"kind": "commendation"}, name="commendation-create"),
    path("commendations/<int:pk>/", views.record_detail, {"kind": "commendation"}, name="commendation-detail"),
    path("commendations/<int:pk>/edit/", views.record_update, {"kind": "commendation"}, name="commendation-update"),
    path(
        "commendations/<int:pk>/withdraw/", views.record_withdraw, {"kind": "commendation"}, name="commendation-withdraw"
    ),
    path("clock-imports/new/", views_clock.clock_import_create, name="clock-import-create"),
    path("clock-imports/<int:pk>/", views_clock.clock_import_detail, name="clock-import-detail"),
    path("clock-imports/<int:pk>/apply/", views_clock.clock_import_apply, name="clock-import-apply"),
    path("clock-imports/<int:pk>/rejects/", views_clock.clock_import_rejects, name="clock-import-rejects"),
    path("explanations/", views.explanation_list, name="explanation-list"),
    path("months/<int:year>-<int:month>/staff/<int:pk>/", views.person_month, name="person-month"),
    path("months/<int:year>-<int:month>/division/<int:pk>/", views.division_month, name="division-month"),
    path("tally/", views.tally, name="tally"),
    path("notifications/", views.notification_list, name="notification-list"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
]
