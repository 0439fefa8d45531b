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


def grow_demo_division(extra: int, *, start: int = 0, code: str = "HTQT") -> list[Staff]:
    """Add ``extra`` people to a demo division, each with a violation and a commendation in April 2023.

    For tests that compare a page's queries at two sizes of the demo data; ``start`` keeps staff codes unique.
    """
    from campaigns.models import CommendationType, ViolationType
    from discipline.models import Commendation, Violation

    division, position = Division.objects.get(code=code), Position.objects.get(name="Chuyên viên")
    vt = ViolationType.objects.get(campaign__year=2023, code="NO_BADGE")
    ct = CommendationType.objects.get(campaign__year=2023, code="EXEMPLARY")
    people = []
    for n in range(start, start + extra):
        person = make_staff(f"Người Thử {n}", division=division, position=position, code=f"T{n:04d}")
        Violation.objects.create(staff=person, date=date(2023, 4, 3), type=vt, points=vt.points)
        Commendation.objects.create(staff=person, date=date(2023, 4, 4), type=ct, points=ct.points)
        people.append(person)
    return people
