"""The month after it ends (discipline/closing.py, discipline/ledger.py): review, close, freeze, reopening, ledger."""

import io
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from openpyxl import Workbook

from campaigns.models import Campaign, CommendationType, ViolationType
from campaigns.workdays import WorkCalendar
from discipline import clock, closing, ledger, report, services
from discipline.access import may_review
from discipline.closing import MonthClosed
from discipline.models import (
    AttendanceStatus,
    Commendation,
    Dispute,
    DisputeStatus,
    LedgerEntry,
    LedgerEvent,
    Month,
    MonthlyScore,
    MonthStatus,
    RecordStatus,
    ReopenStatus,
    Sanction,
    SanctionKind,
    SanctionStatus,
    Signoff,
    Violation,
)
from organization.models import Division, Staff, User
from organization.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CLOSED = "đã khóa sổ"  # the words of the refusal, in Vietnamese


@pytest.fixture
def year(demo):
    return Campaign.objects.get(year=2023)


@pytest.fixture
def users(demo):
    return {name: User.objects.get(username=name) for name in ("vanphong", "truongphong", "giamdoc", "canbo")}


def violation(code, staff_code, day, *, by):
    vt = ViolationType.objects.get(campaign__year=2023, code=code)
    record = Violation(staff=Staff.objects.get(code=staff_code), date=day, type=vt, points=vt.points)
    return services.record_new(record, by=by)


def close_april(year, users, reason="Họp giao ban"):
    return closing.close_month(year, 2023, 4, by=users["vanphong"], reason=reason)


# --- Review ---


def test_a_head_disputes_the_office_confirms_and_the_head_signs_off(year, users, client):
    record = violation("NO_BADGE", "HTQT03", date(2023, 4, 12), by=users["vanphong"])
    htqt = Division.objects.get(code="HTQT")
    client.force_login(users["truongphong"])
    response = client.post(f"/discipline/violations/{record.pk}/dispute/", {"reason": "Đồng chí đeo thẻ, có ảnh chụp"})
    dispute = Dispute.objects.get()
    assert response.status_code == 302 and (dispute.division, dispute.status) == (htqt, DisputeStatus.OPEN)
    assert users["vanphong"].notifications.filter(url=f"/discipline/disputes/{dispute.pk}/").exists()

    response = client.post(f"/discipline/months/2023-4/division/{htqt.pk}/signoff/", {"note": ""}, follow=True)
    assert "1 đề nghị xem xét lại" in response.content.decode() and not Signoff.objects.exists()

    client.force_login(users["vanphong"])
    client.post(f"/discipline/disputes/{dispute.pk}/resolve/",
                {"version": dispute.version, "outcome": "confirm", "answer": "Biên bản có chữ ký của đồng chí"})
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.CONFIRMED and dispute.resolved_by == users["vanphong"]
    assert users["truongphong"].notifications.filter(url=f"/discipline/disputes/{dispute.pk}/").exists()

    client.force_login(users["truongphong"])
    client.post(f"/discipline/months/2023-4/staff/{record.staff_id}/comment/", {"text": "Cần đeo thẻ đầy đủ"})
    client.post(f"/discipline/months/2023-4/division/{htqt.pk}/signoff/", {"note": "Đã rà soát"})
    signoff = Signoff.objects.get()
    assert (signoff.division, signoff.signed_by, signoff.note) == (htqt, users["truongphong"], "Đã rà soát")
    row = next(r for r in report.build(year, 2023, 4, htqt).rows if r.code == "HTQT03")
    assert row.comment == "Cần đeo thẻ đầy đủ"


def test_settling_a_dispute_by_withdrawing_the_record_or_after_correcting_it(year, users):
    htqt = Division.objects.get(code="HTQT")
    first = violation("NO_BADGE", "HTQT03", date(2023, 4, 12), by=users["vanphong"])
    second = violation("PRIVATE_WORK", "HTQT03", date(2023, 4, 13), by=users["vanphong"])
    a = closing.raise_dispute(first, division=htqt, reason="Không đúng", by=users["truongphong"])
    b = closing.raise_dispute(second, division=htqt, reason="Sai điểm", by=users["truongphong"])
    closing.resolve_dispute(a, outcome="withdraw", answer="Rút theo đề nghị", by=users["vanphong"], version=a.version)
    first.refresh_from_db()
    assert first.status == RecordStatus.WITHDRAWN
    with pytest.raises(ValidationError, match="chưa được sửa"):
        closing.resolve_dispute(b, outcome="corrected", answer="Đã sửa", by=users["vanphong"], version=b.version)
    second.points, second.points_reason = 1, "Giảm theo khiếu nại"
    services.change_record(second, version=second.version, reason="Khiếu nại của trưởng phòng", by=users["vanphong"])
    closing.resolve_dispute(b, outcome="corrected", answer="Đã sửa", by=users["vanphong"], version=b.version)
    assert Dispute.objects.filter(status=DisputeStatus.CORRECTED).count() == 2


def test_the_sign_off_waits_for_explanations(year, users):
    record = violation("NO_BADGE", "HTQT03", date(2023, 4, 12), by=users["vanphong"])
    services.file_explanation(record, by=users["canbo"], text="Tôi quên thẻ ở nhà")
    htqt = Division.objects.get(code="HTQT")
    with pytest.raises(ValidationError, match="1 giải trình"):
        closing.sign_off(year, htqt, 2023, 4, by=users["truongphong"])


def test_who_signs_off_which_division(year, users):
    vp, board, htqt = (Division.objects.get(code=code) for code in ("VP", "BGD", "HTQT"))
    chanh = make_user("chanhvanphong", staff=Staff.objects.get(code="VP01"), roles=[Role.HEAD])
    deputy = make_user("phogiamdoc", staff=Staff.objects.get(code="BGD02"), roles=[Role.BOARD])
    assert may_review(chanh, vp) and not may_review(chanh, htqt)
    assert may_review(users["giamdoc"], board) and not may_review(users["giamdoc"], htqt)
    assert not may_review(deputy, board), "the board's month is the Giám đốc's to sign off"
    assert not may_review(users["vanphong"], vp), "the Office staff member is not the Chánh Văn phòng"
    assert may_review(users["truongphong"], htqt) and not may_review(users["truongphong"], vp)
    with pytest.raises(ValidationError):
        closing.sign_off(year, vp, 2023, 4, by=users["vanphong"])
    closing.sign_off(year, vp, 2023, 4, by=chanh)
    closing.sign_off(year, board, 2023, 4, by=users["giamdoc"])
    assert Signoff.objects.count() == 2


# --- Close ---


def test_the_office_closes_a_month_once_everyone_signed_off_or_anyway_with_a_reason(year, users, client):
    client.force_login(users["vanphong"])
    response = client.post("/discipline/months/2023-4/close/", {"reason": ""}, follow=True)
    text = response.content.decode()
    assert "chưa ký xác nhận" in text and "Phòng Hợp tác quốc tế" in text
    assert not Month.objects.filter(status=MonthStatus.CLOSED).exists()

    state = closing.readiness(year, 2023, 4)
    assert len(state.divisions) == 6 and not state.ready
    client.post("/discipline/months/2023-4/close/", {"reason": "Giao ban đã họp; các phòng báo cáo miệng"})
    month = Month.objects.get(year=2023, month=4)
    assert (month.status, month.closed_by, month.close_reason) == (
        MonthStatus.CLOSED, users["vanphong"], "Giao ban đã họp; các phòng báo cáo miệng")
    assert MonthlyScore.objects.filter(year=2023, month=4).count() == 44, "closing stores the final tally"
    [entry] = LedgerEntry.objects.all()
    assert entry.event == LedgerEvent.CLOSE and entry.digest == ledger.month_digest(2023, 4)


def test_a_month_ready_closes_without_a_reason(year, users):
    for division, signer in closing.readiness(year, 2023, 4).divisions:
        Signoff.objects.create(division=division, year=2023, month=4, signed_by=users["truongphong"],
                               signed_at="2023-05-05T09:00:00+07:00")
    month = closing.close_month(year, 2023, 4, by=users["vanphong"])
    assert month.closed and month.close_reason == ""


def test_a_month_is_neither_signed_off_nor_closed_before_it_ends(year, users, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2023, 4, 20))
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        closing.close_month(year, 2023, 4, by=users["vanphong"], reason="Thử")
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        closing.sign_off(year, Division.objects.get(code="HTQT"), 2023, 4, by=users["truongphong"])


# --- The freeze ---


def test_a_closed_month_refuses_every_kind_of_change(year, users, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    office, canbo = users["vanphong"], Staff.objects.get(code="HTQT03")
    explained = violation("NO_BADGE", "HTQT03", date(2023, 4, 12), by=office)
    services.file_explanation(explained, by=users["canbo"], text="Tôi quên thẻ")
    unexplained = violation("PRIVATE_WORK", "HTQT03", date(2023, 4, 13), by=office)
    may_record = violation("NO_BADGE", "HTQT03", date(2023, 5, 3), by=office)
    vt = ViolationType.objects.get(campaign=year, code="NO_BADGE")
    ct = CommendationType.objects.get(campaign=year, code="EXEMPLARY")
    praise = services.record_new(Commendation(staff=canbo, date=date(2023, 4, 14), type=ct, points=ct.points), by=office)
    sanction = Sanction.objects.create(staff=canbo, opened_on=date(2023, 3, 1), status=SanctionStatus.DECIDED,
                                       kind=SanctionKind.REPRIMAND, decision_date=date(2023, 4, 20))
    close_april(year, users)
    digest = ledger.month_digest(2023, 4)

    # Services: the day sheet, records new, changed, moved in, withdrawn; explanations; the tally.
    calendar = WorkCalendar(year)
    with pytest.raises(MonthClosed, match=CLOSED):
        services.save_day_sheet(date(2023, 4, 12), [services.SheetEntry(canbo, AttendanceStatus.ABSENT_DAY)],
                                by=office, calendar=calendar)
    with pytest.raises(MonthClosed):
        services.record_new(Violation(staff=canbo, date=date(2023, 4, 18), type=vt, points=vt.points), by=office)
    with pytest.raises(MonthClosed):
        services.record_new(Commendation(staff=canbo, date=date(2023, 4, 18), type=ct, points=ct.points), by=office)
    may_record.date = date(2023, 4, 28)
    with pytest.raises(MonthClosed):
        services.change_record(may_record, version=may_record.version, reason="Sai ngày", by=office)
    for record in (unexplained, praise):
        with pytest.raises(MonthClosed):
            services.withdraw_record(record, version=record.version, reason="Sai", by=office)
    with pytest.raises(MonthClosed):
        services.file_explanation(unexplained, by=users["canbo"], text="Tôi đi họp")
    with pytest.raises(MonthClosed):
        services.decide_explanation(explained.explanation, by=users["truongphong"], accept=True, reason="Đúng",
                                    version=explained.explanation.version)
    with pytest.raises(MonthClosed):
        services.run_tally(year, 2023, 4)
    with pytest.raises(MonthClosed):
        closing.save_comment(canbo, 2023, 4, text="Tốt", by=users["truongphong"])

    # Any other save or delete (a shell, the admin): the signals.
    sanction.refresh_from_db()
    sanction.decision_number = "12/QĐ-SNgV"
    with pytest.raises(MonthClosed):
        sanction.save()
    # A delete runs in Django's own atomic block: a savepoint keeps the test's transaction usable after the refusal.
    with pytest.raises(MonthClosed), transaction.atomic():
        praise.delete()
    with pytest.raises(MonthClosed), transaction.atomic():
        MonthlyScore.objects.filter(year=2023, month=4).first().delete()

    # Pages: the record form and the day sheet say the month is closed; the record page offers no edit.
    client.force_login(office)
    response = client.post(f"/discipline/violations/{unexplained.pk}/edit/", {
        "staff": canbo.pk, "date": "13/04/2023", "type": vt.pk, "points": 1, "points_reason": "Giảm",
        "description": "", "version": unexplained.version, "change_reason": "Sửa"})
    assert response.status_code == 200 and CLOSED in response.content.decode()
    response = client.get(f"/discipline/violations/{unexplained.pk}/")
    assert 'id="month-closed"' in response.content.decode()
    assert f"/discipline/violations/{unexplained.pk}/edit/" not in response.content.decode()
    division = Division.objects.get(code="HTQT")
    response = client.post(f"/discipline/sheet/?division={division.pk}&day=12/04/2023", _sheet_post(division, date(2023, 4, 12)),
                           follow=True)
    assert CLOSED in response.content.decode()

    # The admin: a sanction decided in the closed month is read-only, and a new one is refused with the message.
    office.is_staff = True
    office.save(update_fields=["is_staff"])
    response = client.post(f"/admin/discipline/sanction/{sanction.pk}/change/", {})
    assert response.status_code == 403
    response = client.post("/admin/discipline/sanction/add/", {
        "staff": canbo.pk, "status": "decided", "kind": "warning", "opened_on": "01/04/2023",
        "decision_number": "13/QĐ", "decision_date": "25/04/2023", "reason": "Vắng", "seen_history": ""})
    assert response.status_code == 200 and CLOSED in response.content.decode()
    assert Sanction.objects.count() == 1

    # Commands: the tally exits non-zero with the message.
    with pytest.raises(CommandError, match=CLOSED):
        call_command("run_tally", "--month", "2023-04", stdout=io.StringIO())

    assert ledger.month_digest(2023, 4) == digest, "nothing dated in April changed"


def _sheet_post(division, day):
    people = list(Staff.objects.in_division(division, on=day).official_order(on=day))
    data = {"form-TOTAL_FORMS": len(people), "form-INITIAL_FORMS": len(people), "form-MIN_NUM_FORMS": 0,
            "form-MAX_NUM_FORMS": 1000}
    for i, person in enumerate(people):
        data |= {f"form-{i}-staff": person.pk, f"form-{i}-version": 0, f"form-{i}-status": "present",
                 f"form-{i}-check_in": "", f"form-{i}-check_out": "", f"form-{i}-note": ""}
    data["form-0-status"] = "absent_day"
    return data


def test_clock_rows_of_a_closed_month_are_refused_and_the_rest_applied(year, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    close_april(year, users)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(("Mã NV", "Họ tên", "Ngày", "Giờ vào", "Giờ ra"))
    sheet.append(("HTQT03", "Nguyễn Thị Hương", date(2023, 4, 28), time(7, 20), time(17, 0)))
    sheet.append(("HTQT03", "Nguyễn Thị Hương", date(2023, 5, 4), time(7, 20), time(17, 0)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "cham-cong.xlsx"
    path.write_bytes(buffer.getvalue())
    out = io.StringIO()
    call_command("import_attendance", str(path), "--user", "vanphong", stdout=out)
    assert "Tháng đã khóa sổ: 1" in out.getvalue()
    batch = clock.ClockImport.objects.get()
    [problem] = [p for p in batch.problems if p["outcome"] == "month_closed"]
    assert "04/2023" in problem["reason"] and CLOSED in problem["reason"]
    assert list(canbo_attendance_days()) == [date(2023, 5, 4)]


def canbo_attendance_days():
    return Staff.objects.get(code="HTQT03").attendance.values_list("date", flat=True)


# --- Reopening ---


def test_reopening_needs_the_boards_approval_and_keeps_the_first_result(year, users, client):
    record = violation("NO_BADGE", "HTQT03", date(2023, 4, 12), by=users["vanphong"])
    close_april(year, users)
    first_total = MonthlyScore.objects.get(staff__code="HTQT03", year=2023, month=4).total
    client.force_login(users["vanphong"])
    client.post("/discipline/months/2023-4/reopen/", {"reason": "Phòng HTQT báo biên bản lập nhầm người"})
    reopen = Month.objects.get(year=2023, month=4).reopen_requests.get()
    with pytest.raises(ValidationError):
        closing.decide_reopen(reopen, approve=True, reason="", by=users["vanphong"], version=reopen.version)
    client.force_login(users["giamdoc"])
    response = client.get("/discipline/months/2023-4/")
    assert "Phòng HTQT báo biên bản lập nhầm người" in response.content.decode()
    client.post(f"/discipline/reopen-requests/{reopen.pk}/decide/", {"version": reopen.version, "approve": "1", "reason": ""})
    reopen.refresh_from_db()
    assert reopen.status == ReopenStatus.APPROVED and not closing.is_closed(2023, 4)
    assert users["vanphong"].notifications.filter(message__contains="04/2023").exists()

    services.withdraw_record(record, version=record.version, reason="Lập nhầm người", by=users["vanphong"])
    reopened = report.build(year, 2023, 4)
    row = next(r for r in reopened.rows if r.code == "HTQT03")
    assert reopened.reopened and not reopened.final and row.first_closed == (first_total, "A")
    closing.close_month(year, 2023, 4, by=users["vanphong"], reason="Đã sửa theo đề nghị")
    entries = list(LedgerEntry.objects.order_by("pk"))
    assert [e.event for e in entries] == [LedgerEvent.CLOSE, LedgerEvent.RECLOSE]
    assert entries[1].previous == entries[0].chain and entries[0].digest != entries[1].digest
    final = report.build(year, 2023, 4)
    row = next(r for r in final.rows if r.code == "HTQT03")
    assert final.final and final.digest == entries[1].digest and row.total == 100 and row.first_closed == (first_total, "A")
    response = client.get("/discipline/months/2023-4/report/")
    assert entries[1].digest in response.content.decode()
    assert ledger.verify() == (["04/2023"], [])


def test_a_rejection_needs_a_reason_and_leaves_the_month_closed(year, users):
    close_april(year, users)
    reopen = closing.request_reopen(2023, 4, reason="Thử", by=users["vanphong"])
    with pytest.raises(ValidationError):
        closing.decide_reopen(reopen, approve=False, reason=" ", by=users["giamdoc"], version=reopen.version)
    closing.decide_reopen(reopen, approve=False, reason="Không có căn cứ", by=users["giamdoc"], version=reopen.version)
    assert closing.is_closed(2023, 4)


# --- The ledger ---


def test_verify_months_finds_a_record_changed_behind_the_portals_back(year, users):
    record = violation("NO_BADGE", "HTQT03", date(2023, 4, 12), by=users["vanphong"])
    close_april(year, users)
    out = io.StringIO()
    call_command("verify_months", stdout=out)
    assert "04/2023" in out.getvalue()

    Violation.objects.filter(pk=record.pk).update(points=1)  # an UPDATE that bypasses the portal
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_months", stdout=io.StringIO(), stderr=err)
    assert "04/2023" in err.getvalue() and "không còn khớp" in err.getvalue()


def test_verify_months_finds_a_changed_score(year, users):
    close_april(year, users)
    MonthlyScore.objects.filter(year=2023, month=4, staff__code="HTQT03").update(total=50, grade="C")
    intact, findings = ledger.verify()
    assert intact == [] and [f.month for f in findings] == ["04/2023"]


def test_the_ledger_is_append_only(year, users):
    close_april(year, users)
    entry = LedgerEntry.objects.get()
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        LedgerEntry.objects.update(digest="0" * 64)
    table = LedgerEntry._meta.db_table
    if connection.vendor == "postgresql":
        # The database itself refuses, whoever connects.
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET digest = %s", ["0" * 64])
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET digest = %s", ["0" * 64])
        intact, findings = ledger.verify()
        assert len(findings) == 2  # the chain does not follow, and the month does not match its entry
