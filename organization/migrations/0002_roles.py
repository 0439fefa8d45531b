"""The portal's roles as groups with their model permissions (DOMAIN.md §2).

Row scope (own division, own record) is not a permission: organization/access.py checks it.
Later migrations that add models add their permissions to these groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Văn phòng": [
        "organization.add_staff", "organization.change_staff", "organization.view_staff",
        "organization.import_staff", "organization.manage_accounts",
        "organization.add_membership", "organization.change_membership", "organization.view_membership",
        "organization.add_division", "organization.change_division", "organization.view_division",
        "organization.add_position", "organization.change_position", "organization.view_position",
        "organization.change_agencyprofile", "organization.view_agencyprofile",
        "campaigns.add_campaign", "campaigns.change_campaign", "campaigns.view_campaign", "campaigns.copy_campaign",
        "campaigns.add_criterion", "campaigns.change_criterion", "campaigns.view_criterion",
        "campaigns.delete_criterion",
        "campaigns.add_violationtype", "campaigns.change_violationtype", "campaigns.view_violationtype",
        "campaigns.delete_violationtype",
        "campaigns.add_commendationtype", "campaigns.change_commendationtype", "campaigns.view_commendationtype",
        "campaigns.delete_commendationtype",
    ],
    "Trưởng phòng": ["organization.view_staff", "campaigns.view_campaign"],
    "Ban Giám đốc": ["organization.view_staff", "organization.view_division", "campaigns.view_campaign"],
    "Hội đồng TĐKT": ["campaigns.view_campaign"],
    "Cán bộ": ["campaigns.view_campaign"],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0001_initial"),
        ("campaigns", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
