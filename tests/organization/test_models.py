from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organization.models import AgencyProfile, Division, Membership, Staff
from organization.services import transfer_staff
from tests.factories import make_division, make_position, make_staff

pytestmark = pytest.mark.django_db


def test_staff_code_is_unique_and_upper_case():
    make_staff(code="ht01")
    assert Staff.objects.get().code == "HT01"
    with pytest.raises(IntegrityError), transaction.atomic():
        make_staff(code="HT01")


def test_staff_cannot_leave_before_being_recruited():
    staff = make_staff(recruited=date(2020, 5, 1))
    staff.date_left = date(2020, 4, 30)
    with pytest.raises(ValidationError) as error:
        staff.full_clean()
    assert error.value.message_dict["date_left"] == ["Ngày thôi việc không được trước ngày tuyển dụng."]
    with pytest.raises(IntegrityError), transaction.atomic():
        staff.save()


def test_staff_gender_must_be_a_known_choice_in_the_database():
    staff = make_staff()
    with pytest.raises(IntegrityError), transaction.atomic():
        Staff.objects.filter(pk=staff.pk).update(gender="other")


def test_division_kind_must_be_a_known_choice_in_the_database():
    division = make_division()
    with pytest.raises(IntegrityError), transaction.atomic():
        Division.objects.filter(pk=division.pk).update(kind="team")


def test_membership_cannot_end_before_it_starts():
    staff = make_staff(recruited=date(2020, 1, 1))
    membership = staff.memberships.get()
    membership.end = date(2019, 12, 31)
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_membership_clean_refuses_an_overlapping_period():
    staff = make_staff(recruited=date(2020, 1, 1))
    overlapping = Membership(staff=staff, division=make_division(), start=date(2021, 1, 1))
    with pytest.raises(ValidationError) as error:
        overlapping.full_clean()
    assert error.value.messages == ["Khoảng thời gian này trùng với một giai đoạn công tác khác của cùng người."]


def test_transfer_attributes_each_day_to_one_division():
    old, new = make_division("OLD"), make_division("NEW")
    staff = make_staff(division=old, recruited=date(2020, 1, 1))
    transfer_staff(staff, to=new, on=date(2023, 7, 1), note="QĐ điều động")
    staff.refresh_from_db()
    assert staff.division_on(date(2023, 6, 30)) == old
    assert staff.division_on(date(2023, 7, 1)) == new
    assert staff.division_on(date(2019, 12, 31)) is None
    assert list(Staff.objects.in_division(old, on=date(2023, 6, 30))) == [staff]
    assert list(Staff.objects.in_division(new, on=date(2023, 6, 30))) == []
    assert list(Staff.objects.in_division(new, on=date(2023, 7, 1))) == [staff]
    assert [(m.division.code, m.start, m.end) for m in staff.memberships.order_by("start")] == [
        ("OLD", date(2020, 1, 1), date(2023, 6, 30)),
        ("NEW", date(2023, 7, 1), None),
    ]


def test_transfer_to_the_same_division_is_refused():
    division = make_division()
    staff = make_staff(division=division, recruited=date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        transfer_staff(staff, to=division, on=date(2023, 7, 1))
    assert error.value.messages == [f"{staff.full_name} đang thuộc {division.name}."]


def test_transfer_before_a_later_membership_is_refused_and_saves_nothing():
    staff = make_staff(recruited=date(2020, 1, 1))
    transfer_staff(staff, to=make_division(), on=date(2023, 7, 1))
    with pytest.raises(ValidationError):
        transfer_staff(staff, to=make_division(), on=date(2022, 1, 1))
    assert staff.memberships.count() == 2


def test_staff_changes_keep_their_history():
    staff = make_staff("Nguyễn Văn An")
    staff.full_name = "Nguyễn Văn Ân"
    staff.save()
    assert [h.full_name for h in staff.history.order_by("history_date")] == ["Nguyễn Văn An", "Nguyễn Văn Ân"]


def test_agency_profile_has_a_single_row():
    profile = AgencyProfile.load()
    assert AgencyProfile.load().pk == profile.pk == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        AgencyProfile.objects.create(pk=2, province="X")


def test_agency_profile_recipients_per_document_type():
    profile = AgencyProfile.load()
    profile.recipients = {"BC": ["Ban Giám đốc Sở"]}
    profile.save()
    assert AgencyProfile.load().recipients_for("BC") == ["Ban Giám đốc Sở"]
    assert AgencyProfile.load().recipients_for("QĐ") == []


def test_heads_division_follows_the_position():
    head = make_staff(position=make_position("Trưởng phòng", rank=4, heads=True))
    assert head.heads_division is True
