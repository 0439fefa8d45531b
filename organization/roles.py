"""The portal's roles (DOMAIN.md §2) and how a user's roles are found.

Roles are Django groups, created with their model permissions by migration 0002. The group name is the
role's value. Every account linked to a staff record is also a Cán bộ, whatever its groups say.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Role:
    """Role names, highest first: a user with several roles lands on the home of the first they hold."""

    BOARD = "Ban Giám đốc"
    OFFICE = "Văn phòng"
    HEAD = "Trưởng phòng"
    COUNCIL = "Hội đồng TĐKT"
    STAFF = "Cán bộ"

    ORDER = [BOARD, OFFICE, HEAD, COUNCIL, STAFF]
    LABELS = {
        BOARD: _("Board of directors"),
        OFFICE: _("Office"),
        HEAD: _("Division head"),
        COUNCIL: _("Emulation council"),
        STAFF: _("Staff member"),
    }
    # The menu names each role's home by what it shows.
    MENU_LABELS = {
        BOARD: _("Board of directors"),
        OFFICE: _("Office"),
        HEAD: _("My division"),
        COUNCIL: _("Emulation council"),
        STAFF: _("My record"),
    }
    HOME_URLS = {
        BOARD: "organization:board-home",
        OFFICE: "organization:office-home",
        HEAD: "organization:division-home",
        COUNCIL: "organization:council-home",
        STAFF: "organization:my-home",
    }

    @classmethod
    def choices(cls):
        return [(role, cls.LABELS[role]) for role in cls.ORDER]


def roles_of(user) -> list[str]:
    """The roles ``user`` holds, highest first. Cached on the user object for the request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        staff = _staff_of(user)
        if staff is not None and not staff.in_post:
            # Someone who has left keeps the login (and its history) but no role at all.
            cached = []
        else:
            names = set(user.groups.values_list("name", flat=True))
            # Cán bộ comes from the link to a staff record, never from the group alone.
            names.discard(Role.STAFF)
            if staff is not None:
                names.add(Role.STAFF)
            cached = [role for role in Role.ORDER if role in names]
        user._portal_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in roles_of(user)


def home_url(user) -> str:
    """The home of the user's highest role; the password page for accounts with no role at all."""
    roles = roles_of(user)
    if not roles:
        return reverse("organization:no-role")
    return reverse(Role.HOME_URLS[roles[0]])


def _staff_of(user):
    # A missing reverse one-to-one raises RelatedObjectDoesNotExist, an AttributeError.
    return getattr(user, "staff", None)
