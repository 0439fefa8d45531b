"""The demo Sở Ngoại vụ: divisions, positions, 45 people, one account per role, the agency profile.

Every name and date is fixed, so two runs give the same data; a second run changes nothing.
"""

from datetime import date, timedelta

from django.db import transaction

from organization.models import (
    AgencyProfile,
    EmploymentType,
    Gender,
    Membership,
    Staff,
    User,
)
from organization.roles import Role
from organization.services import set_roles
from organization.structure import load_structure, upsert

DEMO_PASSWORD = "demo-2023"

CS, VC, HD = EmploymentType.CIVIL_SERVANT, EmploymentType.PUBLIC_EMPLOYEE, EmploymentType.CONTRACT
F, M = Gender.FEMALE, Gender.MALE

STAFF = [
    # code, full name, gender, position, division, employment type, date recruited
    ("BGD01", "Phạm Thị Anh Thư", F, "Giám đốc", "BGD", CS, date(2005, 8, 15)),
    ("BGD02", "Hoàng Văn Đức", M, "Phó Giám đốc", "BGD", CS, date(2003, 9, 1)),
    ("BGD03", "Lê Minh Tuấn", M, "Phó Giám đốc", "BGD", CS, date(2008, 3, 10)),
    ("VP01", "Nguyễn Thị Thanh Hà", F, "Chánh Văn phòng", "VP", CS, date(2006, 10, 2)),
    ("VP02", "Trần Quốc Bảo", M, "Phó Chánh Văn phòng", "VP", CS, date(2010, 4, 5)),
    ("VP03", "Đỗ Văn Ân", M, "Chuyên viên chính", "VP", CS, date(2007, 5, 14)),
    ("VP04", "Vũ Thị Lan Anh", F, "Chuyên viên", "VP", CS, date(2014, 2, 17)),
    ("VP05", "Bùi Thị Hằng", F, "Chuyên viên", "VP", CS, date(2012, 8, 1)),
    ("VP06", "Phan Thị Ngọc Ánh", F, "Chuyên viên", "VP", VC, date(2019, 3, 4)),
    ("VP07", "Lương Thị Út", F, "Cán sự", "VP", CS, date(2015, 6, 1)),
    ("VP08", "Hà Văn Ơn", M, "Nhân viên", "VP", HD, date(2011, 1, 10)),
    ("VP09", "Mai Văn Ất", M, "Nhân viên", "VP", HD, date(2016, 9, 5)),
    ("LS01", "Nguyễn Văn Hùng", M, "Trưởng phòng", "LS", CS, date(2004, 7, 1)),
    ("LS02", "Trần Thị Thu Trang", F, "Phó Trưởng phòng", "LS", CS, date(2009, 11, 2)),
    ("LS03", "Lê Thị Hường", F, "Chuyên viên chính", "LS", CS, date(2007, 4, 16)),
    ("LS04", "Phạm Văn Dũng", M, "Chuyên viên", "LS", CS, date(2013, 10, 1)),
    ("LS05", "Đinh Thị Hương", F, "Chuyên viên", "LS", CS, date(2016, 3, 1)),
    ("LS06", "Vi Văn Đông", M, "Chuyên viên", "LS", CS, date(2018, 8, 20)),
    ("LS07", "Nông Thị Hồng", F, "Chuyên viên", "LS", CS, date(2020, 2, 3)),
    ("LS08", "Lưu Thị Hưởng", F, "Cán sự", "LS", CS, date(2014, 12, 1)),
    ("HTQT01", "Đoàn Văn Thắng", M, "Trưởng phòng", "HTQT", CS, date(2006, 9, 18)),
    ("HTQT02", "Lý Thị Thanh Hương", F, "Phó Trưởng phòng", "HTQT", CS, date(2010, 6, 7)),
    ("HTQT03", "Nguyễn Thị Hương", F, "Chuyên viên", "HTQT", CS, date(2015, 4, 1)),
    ("HTQT04", "Hoàng Minh Đức", M, "Chuyên viên chính", "HTQT", CS, date(2008, 1, 2)),
    ("HTQT05", "Trần Văn Ân", M, "Chuyên viên", "HTQT", CS, date(2017, 7, 3)),
    ("HTQT06", "Lê Thu Hà", F, "Chuyên viên", "HTQT", CS, date(2019, 9, 9)),
    ("HTQT07", "Vương Quốc Huy", M, "Chuyên viên", "HTQT", CS, date(2016, 5, 16)),
    ("HTQT08", "Chu Thị Ngân", F, "Chuyên viên", "HTQT", CS, date(2021, 3, 15)),
    ("HTQT09", "Triệu Văn Ước", M, "Chuyên viên", "HTQT", CS, date(2022, 8, 1)),
    ("HTQT10", "Bế Thị Lụa", F, "Chuyên viên", "HTQT", CS, date(2012, 10, 8)),
    ("QLBG01", "Lục Văn Thành", M, "Trưởng phòng", "QLBG", CS, date(2005, 3, 21)),
    ("QLBG02", "Hoàng Thị Đào", F, "Phó Trưởng phòng", "QLBG", CS, date(2011, 8, 8)),
    ("QLBG03", "Nông Văn Bình", M, "Chuyên viên chính", "QLBG", CS, date(2009, 2, 2)),
    ("QLBG04", "Lường Văn Chiến", M, "Chuyên viên", "QLBG", CS, date(2014, 4, 14)),
    ("QLBG05", "Ma Thị Duyên", F, "Chuyên viên", "QLBG", CS, date(2017, 11, 1)),
    ("QLBG06", "Dương Văn Hải", M, "Chuyên viên", "QLBG", CS, date(2018, 6, 4)),
    ("QLBG07", "Hà Thị Kiều", F, "Chuyên viên", "QLBG", CS, date(2020, 10, 12)),
    ("QLBG08", "Sầm Văn Lâm", M, "Cán sự", "QLBG", CS, date(2013, 5, 6)),
    ("TTDN01", "Vũ Thị Thanh Nga", F, "Trưởng phòng", "TTDN", CS, date(2007, 12, 3)),
    ("TTDN02", "Phùng Văn Quang", M, "Phó Trưởng phòng", "TTDN", CS, date(2012, 2, 20)),
    ("TTDN03", "Trương Thị Bích Ngọc", F, "Chuyên viên", "TTDN", CS, date(2015, 9, 7)),
    ("TTDN04", "Lâm Văn Sơn", M, "Chuyên viên", "TTDN", CS, date(2016, 12, 12)),
    ("TTDN05", "Đào Thị Tuyết", F, "Chuyên viên", "TTDN", CS, date(2019, 5, 20)),
    ("TTDN06", "Quách Thị Yến", F, "Chuyên viên", "TTDN", VC, date(2021, 7, 1)),
    ("TTDN07", "Kiều Anh Tú", M, "Chuyên viên", "TTDN", CS, date(2023, 10, 2)),
]

# Nông Thị Hồng moves from consular affairs to international cooperation in the middle of 2023.
TRANSFERS = [("LS07", "HTQT", date(2023, 7, 1), "Điều động theo quyết định của Giám đốc Sở")]

ACCOUNTS = [
    # username, staff code, roles (besides Cán bộ, which the staff link gives)
    ("giamdoc", "BGD01", [Role.BOARD, Role.COUNCIL]),
    ("vanphong", "VP04", [Role.OFFICE]),
    ("truongphong", "HTQT01", [Role.HEAD]),
    ("canbo", "HTQT03", []),
    ("hoidong", "VP03", [Role.COUNCIL]),
]

PROFILE = {
    "province": "Lạng Sơn",
    "place_name": "Lạng Sơn",
    "parent_body": "UBND TỈNH LẠNG SƠN",
    "agency_name": "SỞ NGOẠI VỤ",
    "agency_abbreviation": "SNgV",
    "director_name": "Phạm Thị Anh Thư",
    "deputy_director_name": "Hoàng Văn Đức",
    "recipients": {
        "BC": ["Ban Giám đốc Sở", "Các phòng chuyên môn"],
        "TTr": ["Như trên", "Ban Thi đua - Khen thưởng tỉnh", "Ban Giám đốc Sở"],
        "BB": ["Thành viên Hội đồng Thi đua - Khen thưởng Sở"],
        "QĐ": ["Như Điều 3", "Ban Thi đua - Khen thưởng tỉnh", "Ban Giám đốc Sở"],
        "KH": ["UBND tỉnh", "Ban Thi đua - Khen thưởng tỉnh", "Ban Giám đốc Sở", "Các phòng chuyên môn"],
        "TB": ["Các phòng chuyên môn"],
    },
}


@transaction.atomic
def seed_organization() -> None:
    divisions, positions = load_structure()
    staff = {}
    for code, full_name, gender, position, division, employment, recruited in STAFF:
        person = upsert(
            Staff,
            {"code": code},
            {
                "full_name": full_name,
                "gender": gender,
                "position": positions[position],
                "employment_type": employment,
                "date_recruited": recruited,
            },
        )
        staff[code] = person
        transferred_on = next((on for c, _to, on, _note in TRANSFERS if c == code), None)
        end = transferred_on - timedelta(days=1) if transferred_on else None
        upsert(Membership, {"staff": person, "start": recruited}, {"division": divisions[division], "end": end})
    for code, to, on, note in TRANSFERS:
        upsert(Membership, {"staff": staff[code], "start": on}, {"division": divisions[to], "end": None, "note": note})
    for username, code, roles in ACCOUNTS:
        _seed_account(username, staff[code], [Role.STAFF, *roles])
    upsert(AgencyProfile, {"pk": 1}, PROFILE)


def _seed_account(username: str, person: Staff, roles: list[str]) -> None:
    user = User.objects.filter(username=username).first()
    if user is None:
        words = person.full_name.split()
        user = User(username=username, first_name=words[-1], last_name=" ".join(words[:-1]))
        user.set_password(DEMO_PASSWORD)
        user.save()
    if person.user_id != user.pk:
        person.user = user
        person.save()
    if sorted(user.groups.values_list("name", flat=True)) != sorted(roles):
        set_roles(user, roles)
