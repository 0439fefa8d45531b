"""Who may see and change which people: the one place where organization checks row scope.

The Office and the board see everyone; a head sees the people of the division they belong to today;
everyone sees their own record. Only the Office changes records.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from organization.models import Division, Staff
from organization.roles import Role, has_role, roles_of


_UNSET = object()


def headed_division(user) -> Division | None:
    """The division ``user`` heads today, if they hold the head role and belong to one (cached per request)."""
    cached = getattr(user, "_headed_division", _UNSET)
    if cached is _UNSET:
        staff = getattr(user, "staff", None)
        cached = staff.division_on(timezone.localdate()) if staff is not None and has_role(user, Role.HEAD) else None
        user._headed_division = cached
    return cached


def sees_whole_agency(user) -> bool:
    return has_role(user, Role.OFFICE) or has_role(user, Role.BOARD)


def visible_staff(user):
    """The people ``user`` may list."""
    if sees_whole_agency(user):
        return Staff.objects.all()
    division = headed_division(user)
    if division is not None:
        return Staff.objects.in_division(division)
    if roles_of(user):
        staff = getattr(user, "staff", None)
        if staff is not None:
            return Staff.objects.filter(pk=staff.pk)
    return Staff.objects.none()


def may_list_staff(user) -> bool:
    return sees_whole_agency(user) or headed_division(user) is not None


def get_staff_for_user(request, pk: int, *, write: bool = False) -> Staff:
    """Load one person for ``request.user``; 404 if unknown, 403 if out of their scope."""
    staff = get_object_or_404(Staff.objects.select_related("position", "user"), pk=pk)
    user = request.user
    if write:
        if not has_role(user, Role.OFFICE):
            raise PermissionDenied
        return staff
    if not visible_staff(user).filter(pk=staff.pk).exists():
        raise PermissionDenied
    return staff


def role_required(*roles: str):
    """View decorator: 403 unless the user holds one of ``roles`` (login is checked by the middleware)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not any(has_role(request.user, role) for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
