import pytest

from organization.models import Staff
from organization.vietnamese import name_sort_key
from tests.factories import make_division, make_position, make_staff

# The expected official order: given name letters first (Vietnamese alphabet, tones ignored),
# then the given name's tone (none, huyền, hỏi, ngã, sắc, nặng), then family and middle names.
EXPECTED = [
    "Nguyễn Văn An",
    "Trần Văn Anh",
    "Lê Thị Ăn",
    "Phạm Văn Ân",
    "Hoàng Văn Bình",
    "Vũ Thị Dung",
    "Bùi Văn Duy",
    "Đỗ Văn Đa",
    "Lê Minh Đức",
    "Lý Thị Ha",
    "Đặng Thị Hà",
    "Mai Thị Hả",
    "Ngô Thị Hã",
    "Lê Thị Há",
    "Trịnh Thị Hạ",
    "Nguyễn Thị Hương",
    "Trần Thị Hương",
    "Đinh Thị Hưởng",
    "Lưu Văn Ơn",
    "Hà Thị Uyên",
    "Triệu Văn Ưng",
]


def test_name_sort_key_orders_the_vietnamese_way():
    shuffled = sorted(EXPECTED, key=lambda name: name[::-1])
    assert sorted(shuffled, key=name_sort_key) == EXPECTED


def test_name_sort_key_is_digits_only_so_every_collation_agrees():
    assert all(name_sort_key(name).isdigit() for name in EXPECTED)


def test_name_sort_key_ignores_case_and_spacing():
    assert name_sort_key("  nguyễn   THỊ hương ") == name_sort_key("Nguyễn Thị Hương")


def test_name_sort_key_treats_decomposed_and_composed_text_alike():
    import unicodedata

    name = "Đặng Thị Hưởng"
    assert name_sort_key(unicodedata.normalize("NFD", name)) == name_sort_key(name)


@pytest.mark.django_db
def test_official_order_in_the_database_matches():
    division, position = make_division(), make_position()
    for i, name in enumerate(reversed(EXPECTED)):
        make_staff(name, division=division, position=position, code=f"X{i:02d}")
    names = [s.full_name for s in Staff.objects.official_order()]
    assert names == EXPECTED


@pytest.mark.django_db
def test_official_order_puts_division_then_rank_before_name():
    board = make_division("BGD", order=1)
    other = make_division("LS", order=3)
    director = make_position("Giám đốc", rank=1, heads=True)
    head = make_position("Trưởng phòng", rank=4, heads=True)
    specialist = make_position("Chuyên viên", rank=8)
    make_staff("Vũ Văn An", division=other, position=specialist, code="A1")
    make_staff("Trần Văn Yên", division=other, position=head, code="A2")
    make_staff("Lê Văn Xuân", division=board, position=director, code="A3")
    make_staff("Lê Văn An", division=other, position=specialist, code="A4")
    names = [s.full_name for s in Staff.objects.official_order()]
    assert names == ["Lê Văn Xuân", "Trần Văn Yên", "Lê Văn An", "Vũ Văn An"]


@pytest.mark.django_db
def test_official_order_breaks_full_ties_by_code():
    division, position = make_division(), make_position()
    make_staff("Nguyễn Thị Lan", division=division, position=position, code="B2")
    make_staff("Nguyễn Thị Lan", division=division, position=position, code="B1")
    assert [s.code for s in Staff.objects.official_order()] == ["B1", "B2"]
