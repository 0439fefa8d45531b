"""Model permissions of the roles for the records of discipline, the working time and the award facts."""

from django.db import migrations

from organization.role_permissions import grant, revoke


def _crud(app, model, *, delete=False):
    return [f"{app}.{verb}_{model}" for verb in ("add", "change", "view", *(["delete"] if delete else []))]


ROLE_PERMISSIONS = {
    "Văn phòng": [
        *_crud("campaigns", "workschedule", delete=True),
        *_crud("campaigns", "calendarexception", delete=True),
        *_crud("discipline", "attendancerecord"),
        *_crud("discipline", "violation"),
        *_crud("discipline", "commendation"),
        *_crud("discipline", "sanction"),
        "discipline.add_clockimport", "discipline.view_clockimport",
        "discipline.view_explanation",
        *_crud("awards", "initiative"),
        *_crud("awards", "priortitle", delete=True),
    ],
    "Ban Giám đốc": [
        "discipline.view_attendancerecord", "discipline.view_violation", "discipline.view_commendation",
        "discipline.view_sanction", "discipline.view_explanation",
        "awards.view_initiative", "awards.view_priortitle",
    ],
    "Trưởng phòng": [
        "discipline.view_attendancerecord", "discipline.view_violation", "discipline.view_commendation",
        "discipline.view_explanation",
    ],
}


class Migration(migrations.Migration):
    dependencies = [
        ("discipline", "0001_initial"),
        ("awards", "0001_initial"),
        ("campaigns", "0003_working_time"),
        ("organization", "0003_user_history"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: grant(apps, ROLE_PERMISSIONS),
            lambda apps, schema_editor: revoke(apps, ROLE_PERMISSIONS),
        )
    ]
