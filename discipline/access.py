"""Who may see and decide which records: the one place where discipline checks row scope.

The Office and the board see every record and every month; a head sees the records dated while the person belonged to
their division; everyone sees their own. Only the Office records and corrects. An explanation is decided
by the head of the person's division or by the Office — never by the person it is about, and a head's
own records go to the board (DOMAIN.md §2).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from organization.access import headed_division, sees_whole_agency
from organization.models import DivisionKind
from organization.roles import Role, has_role


def visible(user, queryset):
    """``queryset`` of violations, commendations or attendance records narrowed to what ``user`` may see."""
    if sees_whole_agency(user):
        return queryset
    division = headed_division(user)
    staff = getattr(user, "staff", None)
    if division is not None:
        return queryset.in_division(division) | queryset.filter(staff=staff)
    if staff is not None and has_role(user, Role.STAFF):
        return queryset.filter(staff=staff)
    return queryset.none()


def get_record_for_user(request, queryset, pk: int, *, write: bool = False):
    """Load one record of ``queryset`` for ``request.user``; 404 if unknown, 403 if out of scope."""
    record = get_object_or_404(queryset, pk=pk)
    if write:
        if not has_role(request.user, Role.OFFICE):
            raise PermissionDenied
        return record
    if not visible(request.user, queryset.model.objects.filter(pk=record.pk)).exists():
        raise PermissionDenied
    return record


def may_decide(user, violation) -> bool:
    """Whether ``user`` may accept or reject the explanation of ``violation``."""
    subject = violation.staff
    if subject.user_id == user.pk:
        return False
    if subject.position.heads_division:
        return has_role(user, Role.BOARD)
    if has_role(user, Role.OFFICE) or has_role(user, Role.BOARD):
        return True
    division = headed_division(user)
    membership = subject.membership_on(violation.date)
    return division is not None and membership is not None and membership.division_id == division.pk


def may_review(user, division) -> bool:
    """Whether ``user`` reviews and signs off ``division``'s months: its head (Văn phòng's is the Chánh Văn
    phòng), or for the board the Giám đốc."""
    if division.kind == DivisionKind.BOARD:
        staff = getattr(user, "staff", None)
        return (
            staff is not None and has_role(user, Role.BOARD) and staff.position.heads_division
            and not staff.position.deputy_head and staff.division_on(timezone.localdate()) == division
        )
    return headed_division(user) == division


def reviewed_division(user):
    """The division whose months ``user`` reviews, if any."""
    division = headed_division(user)
    if division is not None:
        return division
    staff = getattr(user, "staff", None)
    if staff is not None and has_role(user, Role.BOARD):
        division = staff.division_on(timezone.localdate())
        if division is not None and may_review(user, division):
            return division
    return None


def check_division_scope(user, division) -> None:
    """403 unless ``user`` sees every division's month or reviews this one."""
    if not (sees_whole_agency(user) or may_review(user, division)):
        raise PermissionDenied


def report_scope(user, code: str):
    """The division (None: the whole Sở) whose report ``user`` reads, from the ``division`` code asked for.

    The Office and the board read the Sở or any division; a head only their own, whatever they asked for
    (nothing asked: theirs). 404 for an unknown code, 403 for anyone else.
    """
    from organization.models import Division

    division = None
    if code.strip():
        division = Division.objects.filter(code=code.strip().upper()).first()
        if division is None:
            raise Http404
    if division is None and not sees_whole_agency(user):
        division = reviewed_division(user)
        if division is None:
            raise PermissionDenied
    if division is not None:
        check_division_scope(user, division)
    return division


def dashboard_scope(user):
    """The dashboard's scope: None (the whole Sở) for the Office and the board, the head's own division for a
    head; 403 for anyone else."""
    if sees_whole_agency(user):
        return None
    division = headed_division(user)
    if division is None:
        raise PermissionDenied
    return division
