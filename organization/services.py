"""Workflows on the organisation: accounts, roles and transfers."""

import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from axes.utils import reset as axes_reset
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organization.models import Division, DivisionKind, Membership, Staff, User
from organization.roles import Role, roles_of

# Letters and digits that cannot be misread on a printed slip (no 0/O, 1/l/I).
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class IssuedPassword:
    """An initial password, shown once to the Office to hand to the person; never stored in clear."""

    staff: Staff
    username: str
    password: str


def generate_password(length: int = 10) -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if ch.isascii() and ch.isalnum()).lower()


def suggest_username(full_name: str) -> str:
    """The usual Vietnamese login: given name then initials, ``Nguyễn Thị Hương`` → ``huongnt``."""
    words = [_ascii(word) for word in full_name.split()]
    words = [word for word in words if word]
    if not words:
        return "canbo"
    base = words[-1] + "".join(word[0] for word in words[:-1])
    candidate, suffix = base, 1
    while User.objects.filter(username=candidate).exists():
        suffix += 1
        candidate = f"{base}{suffix}"
    return candidate


def default_roles(staff: Staff) -> list[str]:
    """The roles an account gets from the person's post: everyone is Cán bộ; the board's members are the
    board; heads and deputy heads of a division or of Văn phòng hold the head role (DOMAIN.md §2)."""
    roles = [Role.STAFF]
    division = staff.division_on()
    if division is not None and division.kind == DivisionKind.BOARD:
        roles.append(Role.BOARD)
    elif staff.position.heads_division or staff.position.deputy_head:
        roles.append(Role.HEAD)
    return roles


def set_roles(user: User, roles: list[str], *, by: User | None = None) -> None:
    """Give ``user`` exactly ``roles``. The Office works in the admin too, so its role carries is_staff.

    ``by`` is who asks (None for commands and migrations): nobody changes their own roles, and only the
    board or a superuser grants or takes away the board's role.
    """
    unknown = set(roles) - set(Role.ORDER)
    if unknown:
        raise ValidationError(_("Unknown role: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    if by is not None:
        if by.pk == user.pk:
            raise ValidationError(_("Nobody changes their own roles: ask a colleague of the Office."))
        current = set(user.groups.values_list("name", flat=True))
        board_changes = (Role.BOARD in roles) != (Role.BOARD in current)
        if board_changes and not (by.is_superuser or Role.BOARD in roles_of(by)):
            raise ValidationError(_("Only the board grants or takes away the board's role."))
    groups = list(Group.objects.filter(name__in=roles))
    if len(groups) != len(set(roles)):
        # The groups come from migration 0002_roles; without them every role would be silently dropped.
        raise ImproperlyConfigured("Role groups are missing: run `manage.py migrate`.")
    user.groups.set(groups)
    user.is_staff = Role.OFFICE in roles or user.is_superuser
    user.save(update_fields=["is_staff"])
    user.__dict__.pop("_portal_roles", None)
    user.__dict__.pop("_headed_division", None)


@transaction.atomic
def create_account(staff: Staff, *, username: str = "", roles: list[str] | None = None) -> IssuedPassword:
    """Create the login of ``staff`` with a random initial password that must be changed at first login."""
    if staff.user_id is not None:
        raise ValidationError(_("%(name)s already has an account.") % {"name": staff.full_name})
    username = username or suggest_username(staff.full_name)
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("The username %(username)s is taken.") % {"username": username}})
    password = generate_password()
    words = staff.full_name.split()
    user = User(username=username, first_name=words[-1], last_name=" ".join(words[:-1]), must_change_password=True)
    user.set_password(password)
    user.full_clean()
    user.save()
    staff.user = user
    staff.save(update_fields=["user"])
    set_roles(user, roles if roles is not None else default_roles(staff))
    return IssuedPassword(staff=staff, username=username, password=password)


@transaction.atomic
def create_missing_accounts() -> list[IssuedPassword]:
    """Create an account for every active person who has none, in official list order."""
    people = Staff.objects.filter(active=True, user__isnull=True).official_order()
    return [create_account(staff) for staff in people]


@transaction.atomic
def reset_password(user: User) -> str:
    """Give ``user`` a new random password to be changed at next login; returns it to show once.

    A person locked out after failed logins comes to the Office for this, so the lock is lifted too.
    """
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    user.is_active = True
    user.save(update_fields=["password", "must_change_password", "is_active"])
    axes_reset(username=user.get_username())
    return password


@transaction.atomic
def add_staff(staff: Staff, *, division: Division) -> Staff:
    """Save a new person and their first division membership, from the date recruited."""
    staff.full_clean()
    staff.save()
    Membership.objects.create(staff=staff, division=division, start=staff.date_recruited)
    return staff


@transaction.atomic
def transfer_staff(staff: Staff, *, to: Division, on: date, note: str = "") -> Membership:
    """Move ``staff`` to ``to`` from ``on``: the membership in force ends the day before."""
    current = staff.memberships.filter(start__lte=on, end__isnull=True).first()
    if current is None:
        current = staff.memberships.filter(start__lte=on, end__gte=on).first()
    if current is not None and current.division_id == to.pk:
        raise ValidationError(_("%(name)s already belongs to %(division)s.") % {"name": staff.full_name, "division": to})
    if staff.memberships.filter(start__gte=on).exists():
        raise ValidationError(_("A later division membership exists; change it in the history first."))
    if current is not None:
        if current.start == on:
            raise ValidationError(_("The transfer date must be after the start of the current membership."))
        current.end = on - timedelta(days=1)
        current.save(update_fields=["end"])
    membership = Membership(staff=staff, division=to, start=on, note=note)
    membership.full_clean()
    membership.save()
    return membership
