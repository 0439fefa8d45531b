from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import Campaign
from campaigns.workdays import WorkCalendar
from discipline.models import (
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    Commendation,
    Notification,
    RecordSource,
    RecordStatus,
    Violation,
)
from discipline.services import SheetEntry, StaleEdit, save_day_sheet
from organization.models import Division, Staff, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(demo):
    return WorkCalendar(Campaign.objects.get(year=2023))


@pytest.fixture
def huong(demo):
    return Staff.objects.get(code="HTQT03")


def derived(staff, day):
    return sorted(
        (v.type.code, v.status)
        for v in Violation.objects.filter(staff=staff, date=day, source=RecordSource.ATTENDANCE).select_related("type")
    )


def test_late_arrival_on_the_sheet_becomes_a_deduction_and_the_person_is_told(calendar, huong):
    office = User.objects.get(username="vanphong")
    day = date(2023, 6, 5)  # Monday, summer hours from 07:00
    save_day_sheet(day, [SheetEntry(huong, AttendanceStatus.PRESENT, check_in=time(7, 20))], by=office, calendar=calendar)
    record = AttendanceRecord.objects.get(staff=huong, date=day)
    assert (record.source, record.late_minutes) == (AttendanceSource.MANUAL, 20)
    assert derived(huong, day) == [("LATE_HEAVY", RecordStatus.ACTIVE)]
    violation = Violation.objects.get(staff=huong, date=day)
    assert (violation.points, violation.created_by) == (4, office)
    assert violation.notified_at is not None
    assert list(Notification.objects.filter(user=huong.user).values_list("message", "url")) == [
        ("Vi phạm ngày 05/06/2023: Đi muộn từ 15 phút trở lên", violation.get_absolute_url())
    ]


def test_correcting_the_sheet_corrects_the_deduction_and_keeps_the_old_one(calendar, huong):
    day = date(2023, 6, 5)
    save_day_sheet(day, [SheetEntry(huong, AttendanceStatus.PRESENT, check_in=time(7, 20))], by=None, calendar=calendar)
    save_day_sheet(day, [SheetEntry(huong, AttendanceStatus.PRESENT, check_in=time(7, 8), version=1)], by=None, calendar=calendar)
    assert derived(huong, day) == [("LATE", RecordStatus.ACTIVE), ("LATE_HEAVY", RecordStatus.SUPERSEDED)]
    save_day_sheet(day, [SheetEntry(huong, AttendanceStatus.TRIP_ABROAD, version=2)], by=None, calendar=calendar)
    assert derived(huong, day) == [("LATE", RecordStatus.SUPERSEDED), ("LATE_HEAVY", RecordStatus.SUPERSEDED)]


def test_a_stale_sheet_is_refused_and_saves_nothing(calendar, huong):
    day = date(2023, 6, 5)
    save_day_sheet(day, [SheetEntry(huong, AttendanceStatus.SICK)], by=None, calendar=calendar)
    with pytest.raises(StaleEdit):
        save_day_sheet(day, [SheetEntry(huong, AttendanceStatus.PRESENT, check_in=time(9, 0), version=0)], by=None, calendar=calendar)
    assert AttendanceRecord.objects.get(staff=huong, date=day).status == AttendanceStatus.SICK


def test_manual_entry_wins_over_the_time_clock(calendar, huong):
    day = date(2023, 6, 6)
    AttendanceRecord.objects.create(staff=huong, date=day, source=AttendanceSource.CLOCK, check_in=time(7, 40), check_out=time(17, 0))
    from discipline.services import sync_derived_records

    sync_derived_records({(huong.pk, day)}, calendar=calendar)
    assert derived(huong, day) == [("LATE_HEAVY", RecordStatus.ACTIVE)]
    save_day_sheet(day, [SheetEntry(huong, AttendanceStatus.TRIP_DOMESTIC, note="Đón đoàn Lào")], by=None, calendar=calendar)
    assert derived(huong, day) == [("LATE_HEAVY", RecordStatus.SUPERSEDED)]


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2023, 1, 24), "Mùng ba Tết Nguyên Đán"),
        (date(2023, 9, 2), "Quốc khánh"),
        (date(2023, 6, 10), "Thứ Bảy"),
    ],
)
def test_a_non_working_day_takes_only_duty(calendar, huong, day, reason):
    with pytest.raises(ValidationError) as error:
        save_day_sheet(day, [SheetEntry(huong, AttendanceStatus.PRESENT, check_in=time(8, 0))], by=None, calendar=calendar)
    assert error.value.messages == [
        f"Ngày {day:%d/%m/%Y} không phải ngày làm việc ({reason}): chỉ được ghi trực hoặc đón tiếp đoàn."
    ]
    assert not AttendanceRecord.objects.filter(date=day).exists()


def test_duty_on_a_holiday_earns_the_bonus(calendar, huong):
    day = date(2023, 1, 24)
    save_day_sheet(day, [SheetEntry(huong, AttendanceStatus.DUTY, note="Trực Tết")], by=None, calendar=calendar)
    bonus = Commendation.objects.get(staff=huong, date=day)
    assert (bonus.type.code, bonus.points, bonus.source, bonus.status) == ("DUTY_OFF_HOURS", 2, RecordSource.ATTENDANCE, RecordStatus.ACTIVE)
    assert derived(huong, day) == []


def test_the_make_up_saturday_is_a_working_day(calendar, huong):
    day = date(2023, 5, 6)  # Saturday worked in return for the 30/4 holidays
    assert calendar.is_working_day(day)
    save_day_sheet(day, [SheetEntry(huong, AttendanceStatus.ABSENT_DAY)], by=None, calendar=calendar)
    assert derived(huong, day) == [("ABSENT_DAY", RecordStatus.ACTIVE)]


def test_a_day_outside_the_campaign_is_refused_with_the_reason(demo, login):
    client = login("vanphong")
    division = Division.objects.get(code="HTQT")
    response = client.get(reverse("discipline:day-sheet"), {"division": division.pk, "day": "02/01/2024"})
    assert "Không có phong trào nào bao gồm ngày 02/01/2024: không thể chấm công ngày này." in response.text


def test_the_sheet_page_saves_only_changed_rows(demo, login):
    client = login("vanphong")
    division = Division.objects.get(code="HTQT")
    url = reverse("discipline:day-sheet") + f"?division={division.pk}&day=05/06/2023"
    page = client.get(url)
    forms = page.context["formset"].forms
    data = {"form-TOTAL_FORMS": len(forms), "form-INITIAL_FORMS": len(forms)}
    for i, form in enumerate(forms):
        data |= {f"form-{i}-{k}": v for k, v in form.initial.items() if v is not None}
        data[f"form-{i}-check_in"] = data[f"form-{i}-check_out"] = ""
    huong_row = next(i for i, f in enumerate(forms) if f.initial["staff"] == Staff.objects.get(code="HTQT03").pk)
    data[f"form-{huong_row}-check_in"] = "07:06"
    response = client.post(url, data, follow=True)
    assert "Đã lưu bảng chấm công: 1 dòng thay đổi." in response.text
    assert list(AttendanceRecord.objects.values_list("staff__code", "check_in")) == [("HTQT03", time(7, 6))]
    assert derived(Staff.objects.get(code="HTQT03"), date(2023, 6, 5)) == [("LATE", RecordStatus.ACTIVE)]


def _sheet_post(page, changes=None) -> dict:
    forms = page.context["formset"].forms
    data = {"form-TOTAL_FORMS": len(forms), "form-INITIAL_FORMS": len(forms)}
    for i, form in enumerate(forms):
        data |= {f"form-{i}-{k}": v for k, v in form.initial.items() if v is not None}
        data[f"form-{i}-check_in"] = data[f"form-{i}-check_out"] = ""
    return data | (changes or {})


STALE_PEOPLE = ("Danh sách người của phòng trong ngày này đã thay đổi sau khi bạn mở bảng. Chưa lưu gì: hãy nhập "
                "lại bảng hiện tại dưới đây.")


def test_a_sheet_opened_before_someone_joined_the_division_saves_nothing(demo, login):
    from organization.services import transfer_staff

    client = login("vanphong")
    division = Division.objects.get(code="HTQT")
    url = reverse("discipline:day-sheet") + f"?division={division.pk}&day=05/06/2023"
    data = _sheet_post(client.get(url), {"form-0-check_in": "07:40"})
    # Meanwhile the Office records a transfer into the division from that day on (the load test found this).
    transfer_staff(Staff.objects.get(code="LS03"), to=division, on=date(2023, 6, 1), note="Điều động")
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert STALE_PEOPLE in response.text
    assert not AttendanceRecord.objects.exists()
    assert "Lê Thị Hường" in response.text  # the current sheet, with the newcomer, to fill in again


@pytest.mark.parametrize("broken", ["no management form", "rows missing", "rows reordered"])
def test_an_incomplete_or_reordered_sheet_is_refused_not_a_server_error(demo, login, broken):
    client = login("vanphong")
    division = Division.objects.get(code="HTQT")
    url = reverse("discipline:day-sheet") + f"?division={division.pk}&day=05/06/2023"
    data = _sheet_post(client.get(url), {"form-0-check_in": "07:40"})
    if broken == "no management form":
        data = {key: value for key, value in data.items() if "FORMS" not in key}
    elif broken == "rows missing":
        data["form-TOTAL_FORMS"] = data["form-INITIAL_FORMS"] = 3
    else:
        data["form-0-staff"], data["form-1-staff"] = data["form-1-staff"], data["form-0-staff"]
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert STALE_PEOPLE in response.text
    assert not AttendanceRecord.objects.exists()


def test_the_sheet_runs_the_same_queries_for_10_or_60_people(db, client):
    """GET, and a POST that changes every row: the queries do not grow with the division.

    Only the number of INSERT batches may (SQLite takes at most 999 parameters a statement), so the
    POST's reads are compared exactly and its writes bounded.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from campaigns.services import load_campaign_2023
    from organization.roles import Role
    from tests.factories import make_division, make_position, make_staff, make_user

    load_campaign_2023()
    division, position = make_division("BIG"), make_position()
    client.force_login(make_user("office", staff=make_staff("Vũ Thị Văn Phòng"), roles=[Role.OFFICE, Role.STAFF]))

    def measure(day):
        url = reverse("discipline:day-sheet") + f"?division={division.pk}&day={day}"
        with CaptureQueriesContext(connection) as get_queries:
            forms = client.get(url).context["formset"].forms
        data = {"form-TOTAL_FORMS": len(forms), "form-INITIAL_FORMS": len(forms)}
        for i, form in enumerate(forms):
            data |= {f"form-{i}-staff": form.initial["staff"], f"form-{i}-version": 0, f"form-{i}-status": "present",
                     f"form-{i}-check_in": "07:20", f"form-{i}-check_out": "", f"form-{i}-note": ""}
        with CaptureQueriesContext(connection) as post_queries:
            assert client.post(url, data).status_code == 302
        reads = [q for q in post_queries if not q["sql"].startswith("INSERT")]
        assert len(post_queries) - len(reads) <= 8
        return len(forms), len(get_queries), len(reads)

    for i in range(10):
        make_staff(f"Nguyễn Văn Số {i}", division=division, position=position, code=f"B{i:03d}", recruited=date(2020, 1, 1))
    small = measure("05/06/2023")
    for i in range(10, 60):
        make_staff(f"Nguyễn Văn Số {i}", division=division, position=position, code=f"B{i:03d}", recruited=date(2020, 1, 1))
    large = measure("06/06/2023")
    assert (small[0], large[0]) == (10, 60)
    assert small[1:] == large[1:]
    assert Violation.objects.filter(type__code="LATE_HEAVY").count() == 70


@pytest.mark.parametrize("data", [None, {"form-staff": "3", "form-version": "0", "form-status": "leave",
                                         "form-check_in": "07:40", "form-check_out": "", "form-note": 'a "<b>x'}])
def test_the_sheets_widgets_render_as_djangos_templates_do(data):
    """The sheet renders its inputs in Python for speed (discipline.forms.DirectRender): the same markup as
    Django's widget templates, escaping and error attributes included, whitespace between tags aside."""
    import re

    from django import forms as django_forms

    from discipline.forms import SheetRowForm, TimeInput

    class Templated(django_forms.Form):
        staff = django_forms.IntegerField(widget=django_forms.HiddenInput)
        version = django_forms.IntegerField(widget=django_forms.HiddenInput, min_value=0)
        status = django_forms.ChoiceField(choices=AttendanceStatus.choices)
        check_in = django_forms.TimeField(required=False, widget=TimeInput())
        check_out = django_forms.TimeField(required=False, widget=TimeInput())
        note = django_forms.CharField(required=False, max_length=255)

    initial = {"staff": 5, "version": 2, "status": "present", "check_in": time(7, 5), "note": "<i>"}
    direct, templated = SheetRowForm(data, prefix="form", initial=initial), Templated(data, prefix="form",
                                                                                     initial=initial)
    for name, field in direct.fields.items():
        templated.fields[name].widget.attrs.update(field.widget.attrs)
        assert str(direct[name]) == re.sub(r">\s+<", "><", str(templated[name])), name
