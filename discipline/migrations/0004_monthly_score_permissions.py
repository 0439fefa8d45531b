from django.db import migrations

from organization.role_permissions import grant, revoke

ROLE_PERMISSIONS = {
    "Văn phòng": ["discipline.view_monthlyscore"],
    "Ban Giám đốc": ["discipline.view_monthlyscore"],
}


class Migration(migrations.Migration):
    dependencies = [("discipline", "0003_monthly_scores")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: grant(apps, ROLE_PERMISSIONS),
            lambda apps, schema_editor: revoke(apps, ROLE_PERMISSIONS),
        )
    ]
