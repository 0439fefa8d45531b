"""Small builders for test data: plain functions, no surprises. Each returns a saved object."""

from datetime import date
from itertools import count

from organization.models import Division, DivisionKind, Membership, Position, Staff, User
from organization.services import set_roles

_serial = count(1)


def make_division(code=None, *, name=None, kind=DivisionKind.DIVISION, order=10) -> Division:
    n = next(_serial)
    code = code or f"D{n}"
    return Division.objects.create(code=code, name=name or f"Phòng {code}", kind=kind, display_order=order)


def make_position(name=None, *, rank=8, heads=False) -> Position:
    return Position.objects.create(name=name or f"Chức vụ {next(_serial)}", rank=rank, heads_division=heads)


def make_staff(full_name="Nguyễn Văn An", *, division=None, position=None, code=None, recruited=date(2015, 1, 1),
               **fields) -> Staff:
    staff = Staff.objects.create(
        code=code or f"CB{next(_serial):04d}",
        full_name=full_name,
        gender=fields.pop("gender", "male"),
        position=position or make_position(),
        date_recruited=recruited,
        **fields,
    )
    Membership.objects.create(staff=staff, division=division or make_division(), start=recruited)
    return staff


def make_user(username=None, *, staff=None, roles=(), password="mật-khẩu-thử-1") -> User:
    user = User.objects.create_user(username=username or f"user{next(_serial)}", password=password)
    if staff is not None:
        staff.user = user
        staff.save(update_fields=["user"])
    set_roles(user, list(roles))
    return user
