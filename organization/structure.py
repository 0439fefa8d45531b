"""The standing structure of a Sở Ngoại vụ: its divisions and the positions of its people.

A new installation starts from it (``manage.py start_agency``) and the demo uses it too; the Office renames or adds
divisions and positions in the admin afterwards. Loading it again changes only what differs.
"""

from django.db import transaction

from organization.models import Division, DivisionKind, Position

DIVISIONS = [
    # code, name, kind, display order
    ("BGD", "Ban Giám đốc", DivisionKind.BOARD, 1),
    ("VP", "Văn phòng Sở", DivisionKind.OFFICE, 2),
    ("LS", "Phòng Lãnh sự", DivisionKind.DIVISION, 3),
    ("HTQT", "Phòng Hợp tác quốc tế", DivisionKind.DIVISION, 4),
    ("QLBG", "Phòng Quản lý biên giới", DivisionKind.DIVISION, 5),
    ("TTDN", "Phòng Thông tin - Tuyên truyền đối ngoại", DivisionKind.DIVISION, 6),
]

POSITIONS = [
    # name, rank, heads a division, deputy head
    ("Giám đốc", 1, True, False),
    ("Phó Giám đốc", 2, False, True),
    ("Chánh Văn phòng", 3, True, False),
    ("Trưởng phòng", 4, True, False),
    ("Phó Chánh Văn phòng", 5, False, True),
    ("Phó Trưởng phòng", 6, False, True),
    ("Chuyên viên chính", 7, False, False),
    ("Chuyên viên", 8, False, False),
    ("Cán sự", 9, False, False),
    ("Nhân viên", 10, False, False),
]


def upsert(model, lookup: dict, values: dict):
    """Create the row, or update it only where a value differs (so history records real changes only)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save()
    return obj


@transaction.atomic
def load_structure() -> tuple[dict[str, Division], dict[str, Position]]:
    """The divisions by code and the positions by name, created or brought up to date."""
    divisions = {
        code: upsert(Division, {"code": code}, {"name": name, "kind": kind, "display_order": order})
        for code, name, kind, order in DIVISIONS
    }
    positions = {
        name: upsert(Position, {"name": name}, {"rank": rank, "heads_division": heads, "deputy_head": deputy})
        for name, rank, heads, deputy in POSITIONS
    }
    return divisions, positions
