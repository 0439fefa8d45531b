from organization.access import may_list_staff
from organization.roles import Role, roles_of


def roles(request):
    """The menu: the home of each role the user holds, and the staff list where the user may open it."""
    held = roles_of(request.user)
    unread = request.user.notifications.filter(read_at__isnull=True).count() if held else 0
    return {
        "unread_notifications": unread,
        "is_office": Role.OFFICE in held,
        "sees_months": Role.OFFICE in held or Role.BOARD in held,
        "sees_briefing": Role.OFFICE in held or Role.BOARD in held or Role.HEAD in held,
        "user_roles": [
            {"role": role, "label": Role.MENU_LABELS[role], "url_name": Role.HOME_URLS[role]} for role in held
        ],
        "may_list_staff": bool(held) and may_list_staff(request.user),
        # The year-end pages (awards/access.py decides again on each page).
        "sees_ratings": Role.OFFICE in held or Role.BOARD in held or Role.HEAD in held,
        "reads_nominations": any(role in held for role in (Role.OFFICE, Role.BOARD, Role.HEAD, Role.COUNCIL)),
        "reads_minutes": any(role in held for role in (Role.OFFICE, Role.BOARD, Role.COUNCIL)),
    }
