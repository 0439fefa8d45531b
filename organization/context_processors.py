from organization.roles import Role, roles_of


def roles(request):
    """The menu's roles: each role the user holds, with its label and home."""
    held = roles_of(request.user)
    return {
        "user_roles": [
            {"role": role, "label": Role.LABELS[role], "url_name": Role.HOME_URLS[role]} for role in held
        ],
        "Role": Role,
    }
