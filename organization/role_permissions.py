"""Granting model permissions to the role groups from data migrations.

Each app's migration that adds models calls ``grant`` for them, so the roles of migration
organization.0002_roles stay complete. Only the historical ``apps`` registry is used here.
"""

from django.contrib.auth.management import create_permissions


def grant(apps, role_permissions: dict[str, list[str]]) -> None:
    """Give each role (group name) the permissions ``app_label.codename`` listed for it."""
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codes in role_permissions.items():
        group, _created = Group.objects.get_or_create(name=role)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, role_permissions: dict[str, list[str]]) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codes in role_permissions.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))
