"""The year-end in the browser, as its people do it (awards): canbo assesses herself; truongphong proposes her
rating and nominates; giamdoc decides; vanphong compiles the shortlist.

The demo department without records: every month of 2023 is open and spotless, so everyone is suggested HTXSNV.
"""

from datetime import date

from playwright.sync_api import expect

from awards import services
from awards.models import Initiative, Nomination, NominationStatus, YearReview
from campaigns.models import Campaign
from organization.models import Division, Staff, User


def test_a_rating_from_self_assessment_to_the_boards_decision(page, login_as, screenshot):
    huong = Staff.objects.get(code="HTQT03")

    # canbo opens her year from her home and writes her self-assessment.
    login_as("canbo")
    page.get_by_role("link", name="Năm của tôi: xếp loại và tự đánh giá").click()
    expect(page.locator("h1")).to_contain_text("Năm 2023 của Nguyễn Thị Hương")
    page.select_option("#id_rating", "HTXSNV")
    page.fill("#id_text", "Hoàn thành đúng hạn 100% nhiệm vụ lễ tân đối ngoại; không vi phạm kỷ luật.")
    page.get_by_role("button", name="Lưu bản tự đánh giá").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu bản tự đánh giá của bạn")
    expect(page.locator("#self-text")).to_contain_text("lễ tân đối ngoại")
    screenshot("year-end-self-assessment")

    # truongphong reads the division's ratings and proposes hers.
    login_as("truongphong")
    page.get_by_role("link", name="Xếp loại cuối năm").click()
    expect(page.locator("h1")).to_contain_text("Xếp loại cuối năm 2023: Phòng Hợp tác quốc tế")
    row = page.locator('#ratings-table tr[data-staff="HTQT03"]')
    expect(row.locator("td").nth(5)).to_have_text("HTXSNV")  # self-assessed
    row.get_by_role("link", name="Nguyễn Thị Hương").click()
    page.select_option("#proposal-form select[name=rating]", "HTTNV")
    page.fill("#proposal-form textarea[name=opinion]", "Hoàn thành tốt nhiệm vụ; cần chủ động hơn trong tham mưu.")
    page.get_by_role("button", name="Lưu đề xuất").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu đề xuất")
    expect(page.locator("#head-opinion")).to_contain_text("chủ động hơn")
    screenshot("year-end-head-proposal")

    # giamdoc decides HTXSNV, within the quota: no reason needed.
    login_as("giamdoc")
    page.goto(f"/awards/2023/staff/{huong.pk}/")
    expect(page.locator("#rating-quota")).to_contain_text("HTXSNV, Công chức: 0 trên 8 chỉ tiêu đã dùng")
    page.select_option("#decision-form select[name=rating]", "HTXSNV")
    page.get_by_role("button", name="Quyết định xếp loại").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã quyết định xếp loại")
    expect(page.locator("#decided-rating")).to_contain_text("HTXSNV")
    screenshot("year-end-board-decision")
    review = YearReview.objects.get(staff=huong)
    assert (review.self_rating, review.head_rating, review.rating) == ("HTXSNV", "HTTNV", "HTXSNV")
    assert review.decided_by == User.objects.get(username="giamdoc") and not review.overrides


def test_an_override_needs_a_reason_and_shows_everywhere(page, login_as, screenshot):
    from discipline.models import Sanction, SanctionKind, SanctionStatus

    peer = Staff.objects.get(code="HTQT05")
    Sanction.objects.create(staff=peer, opened_on=date(2023, 3, 1), status=SanctionStatus.DECIDED,
                            kind=SanctionKind.REPRIMAND, decision_date=date(2023, 3, 20))
    login_as("giamdoc")
    page.goto(f"/awards/2023/staff/{peer.pk}/")
    expect(page.locator("#rating-cap")).to_contain_text("Bị kỷ luật trong năm: KHTNV")
    page.select_option("#decision-form select[name=rating]", "HTNV")
    page.get_by_role("button", name="Quyết định xếp loại").click()
    expect(page.locator(".alert-danger")).to_contain_text("vượt quá quy định nên cần nêu lý do")
    page.select_option("#decision-form select[name=rating]", "HTNV")
    page.fill("#decision-form textarea[name=reason]", "Kỷ luật khiển trách đã hết hiệu lực; khắc phục tốt.")
    page.get_by_role("button", name="Quyết định xếp loại").click()
    expect(page.locator("#decided-rating")).to_contain_text("vượt quy định")
    page.goto("/awards/2023/ratings/?division=HTQT")
    expect(page.locator('#ratings-table tr[data-staff="HTQT05"]')).to_contain_text("vượt quy định")
    screenshot("year-end-override")


def test_the_head_nominates_and_the_office_compiles_the_shortlist(page, login_as, screenshot):
    campaign = Campaign.objects.get(year=2023)
    board = User.objects.get(username="giamdoc")
    for person in Staff.objects.in_division(Division.objects.get(code="HTQT")):
        services.decide_rating(campaign, person, rating="HTTNV", reason="", by=board)
    huong = Staff.objects.get(code="HTQT03")
    Initiative.objects.create(staff=huong, title="Số hoá hồ sơ đoàn ra, đoàn vào", recognized_on=date(2023, 9, 12))

    login_as("truongphong")
    page.get_by_role("link", name="Đề nghị và danh sách khen thưởng").click()
    page.get_by_role("button", name="Đề nghị LĐTT cho mọi người của Phòng Hợp tác quốc tế đạt tiêu chuẩn").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã đề nghị LĐTT cho 11 người")
    page.get_by_role("link", name="Đề nghị", exact=True).click()
    page.select_option("#id_title", "CSTDCS")
    page.select_option("#id_nominee", label="Nguyễn Thị Hương (HTQT03)")
    page.fill("#id_achievement", "Sáng kiến số hoá hồ sơ đoàn ra, đoàn vào được Sở công nhận.")
    page.get_by_role("button", name="Đề nghị", exact=True).click()
    expect(page.locator("#nomination-status")).to_have_text("Phòng đề nghị")
    expect(page.locator("#nomination-conditions")).to_contain_text("đạt đủ")
    screenshot("year-end-nomination")
    # Someone without an initiative: the conditions are shown and a reason is asked for.
    page.goto("/awards/2023/nominations/new/")
    page.select_option("#id_title", "CSTDCS")
    page.select_option("#id_nominee", label="Trần Văn Ân (HTQT05)")
    page.fill("#id_achievement", "Tham mưu tốt công tác đối ngoại.")
    page.get_by_role("button", name="Đề nghị", exact=True).click()
    expect(page.locator(".alert-danger, .alert-block").first).to_contain_text("cần nêu lý do")
    expect(page.locator(".checks")).to_contain_text("Không có sáng kiến")
    page.fill("#id_reason", "Sáng kiến đang chờ Hội đồng sáng kiến công nhận.")
    page.get_by_role("button", name="Đề nghị", exact=True).click()
    expect(page.locator(".alert-warning").first).to_contain_text("được đánh dấu là chưa đủ điều kiện")

    # vanphong puts Hương on the shortlist; the quota counter shows the place taken, and the flagged one waits.
    login_as("vanphong")
    page.goto("/awards/2023/nominations/")
    expect(page.locator("#nomination-quotas")).to_contain_text("CSTĐCS: 0 trên 1 chỉ tiêu đã dùng")
    cstdcs = Nomination.objects.get(staff=huong, title="CSTDCS")
    page.locator(f'tr[data-nomination="{cstdcs.pk}"]').get_by_role("link").click()
    page.get_by_role("button", name="Đưa vào danh sách").click()
    expect(page.locator("#nomination-status")).to_have_text("Trong danh sách Văn phòng tổng hợp")
    page.goto("/awards/2023/nominations/")
    expect(page.locator("#nomination-quotas")).to_contain_text("CSTĐCS: 1 trên 1 chỉ tiêu đã dùng")
    expect(page.locator("#nominations-table")).to_contain_text("đề nghị dù chưa đủ điều kiện")
    screenshot("year-end-shortlist")
    assert Nomination.objects.get(pk=cstdcs.pk).status == NominationStatus.SHORTLISTED


def _shortlisted_htqt(campaign) -> dict[str, Nomination]:
    """What the earlier steps leave (the journey above walks them): HTQT rated HTTNV, everyone of it put forward
    for LĐTT and Hương for CSTĐCS, all on the shortlist. Keyed "title code", e.g. "CSTDCS HTQT03"."""
    board, office = User.objects.get(username="giamdoc"), User.objects.get(username="vanphong")
    head = User.objects.get(username="truongphong")
    htqt = Division.objects.get(code="HTQT")
    for person in Staff.objects.in_division(htqt):
        services.decide_rating(campaign, person, rating="HTTNV", reason="", by=board)
    huong = Staff.objects.get(code="HTQT03")
    Initiative.objects.create(staff=huong, title="Số hoá hồ sơ đoàn ra, đoàn vào", recognized_on=date(2023, 9, 12))
    services.nominate_all_ldtt(campaign, htqt, by=head)
    services.nominate(campaign, "CSTDCS", staff=huong, by=head, achievement="Sáng kiến số hoá hồ sơ đoàn ra, đoàn vào.")
    nominations = {}
    for nomination in Nomination.objects.filter(campaign=campaign).select_related("staff"):
        nominations[f"{nomination.title} {nomination.staff.code}"] = services.shortlist(nomination, by=office)
    return nominations


def test_the_council_votes_the_board_decides_and_the_list_is_published(page, login_as, screenshot, console_monitor):
    campaign = Campaign.objects.get(year=2023)
    shortlist = _shortlisted_htqt(campaign)
    assert len(shortlist) == 12
    huong_cstdcs, an_ldtt, thang_ldtt = shortlist["CSTDCS HTQT03"], shortlist["LDTT HTQT05"], shortlist["LDTT HTQT01"]

    # hoidong reads the shortlist before the meeting: each nominee with their conditions.
    login_as("hoidong")
    page.get_by_role("link", name="Đề nghị và danh sách khen thưởng").click()
    table = page.locator("#nominations-table")
    expect(table.locator("tr[data-nomination]")).to_have_count(12)
    expect(table).to_contain_text("Nguyễn Thị Hương")
    table.locator(f'tr[data-nomination="{huong_cstdcs.pk}"]').get_by_role("link").click()
    expect(page.locator("#nomination-conditions")).to_contain_text("Có sáng kiến được công nhận")
    expect(page.locator("#nomination-conditions")).to_contain_text("đạt đủ")
    expect(page.locator("#decide-forms")).to_have_count(0)  # the council reads; it does not decide here
    screenshot("year-end-council-reads-shortlist")
    # Her year behind it (months, scores, rating); the personnel record itself stays with the Office and her head.
    page.get_by_role("link", name="Năm công tác và hồ sơ của cá nhân").click()
    expect(page.locator("h1")).to_contain_text("Năm 2023 của Nguyễn Thị Hương")
    expect(page.locator("#decided-rating")).to_contain_text("HTTNV")
    expect(page.locator('a[href="/staff/%d/"]' % huong_cstdcs.staff_id)).to_have_count(0)

    # vanphong records the session from the meeting: four of five members present, one written vote.
    login_as("vanphong")
    page.goto("/awards/2023/council/")
    page.get_by_role("link", name="Ghi nhận phiên họp").click()
    page.fill("#id_held_on", "15/12/2023")
    page.fill("#id_started_at", "08:00")
    page.fill("#id_ended_at", "10:30")
    page.fill("#id_place", "Phòng họp Sở Ngoại vụ")
    page.select_option("#id_chair", label="Phạm Thị Anh Thư – Ban Giám đốc")
    page.select_option("#id_secretary", label="Vũ Thị Lan Anh – Văn phòng Sở")
    page.select_option("#id_method", "hands")
    members = page.locator("#council-members tbody tr")
    expect(members.nth(0).locator("select").first).to_have_value(str(Staff.objects.get(code="BGD01").pk))
    page.fill("#id_members-0-council_role", "Chủ tịch Hội đồng")
    page.fill("#id_members-1-council_role", "Ủy viên, Chủ tịch Công đoàn cơ sở")
    for row, (name, role, attendance) in enumerate([
        ("Hoàng Văn Đức – Ban Giám đốc", "Phó Chủ tịch Hội đồng", "present"),
        ("Vũ Thị Lan Anh – Văn phòng Sở", "Thư ký Hội đồng", "present"),
        ("Lục Văn Thành – Phòng Quản lý biên giới", "Ủy viên", "written"),
    ], start=2):
        page.select_option(f"#id_members-{row}-staff", label=name)
        page.fill(f"#id_members-{row}-council_role", role)
        page.select_option(f"#id_members-{row}-attendance", attendance)
    for key, nomination in shortlist.items():
        page.fill(f"#id_for_{nomination.pk}", "2" if key == "LDTT HTQT05" else "4")
    # A typing slip first: five votes with four present. Nothing is saved, and the form keeps what was typed.
    page.fill(f"#id_for_{thang_ldtt.pk}", "5")
    page.get_by_role("button", name="Lưu phiên họp").click()
    expect(page.locator("#council-errors")).to_contain_text("chỉ có 4 thành viên có mặt")
    assert not campaign.council_sessions.exists()
    page.fill(f"#id_for_{thang_ldtt.pk}", "4")
    page.get_by_role("button", name="Lưu phiên họp").click()
    expect(page.locator("#council-quorum")).to_contain_text("4/5 thành viên có mặt")
    expect(page.locator("#council-quorum")).to_contain_text("đủ số thành viên dự họp tối thiểu 2/3")
    votes = page.locator("#council-votes")
    expect(votes.locator(f'tr[data-nomination="{huong_cstdcs.pk}"]')).to_contain_text("Thông qua")
    expect(votes.locator(f'tr[data-nomination="{an_ldtt.pk}"] .vote-percent')).to_have_text("50,0%")
    expect(votes.locator(f'tr[data-nomination="{an_ldtt.pk}"]')).to_contain_text("Không thông qua")
    screenshot("year-end-council-minutes")

    # hoidong reads the minutes after the meeting, from the home page.
    login_as("hoidong")
    page.get_by_role("link", name="Các phiên họp Hội đồng").click()
    page.get_by_role("link", name="15/12/2023").click()
    expect(page.locator("#council-facts")).to_contain_text("Phòng họp Sở Ngoại vụ")
    expect(page.locator("#council-edit")).to_have_count(0)
    expect(page.locator("#council-members")).to_contain_text("Lục Văn Thành")

    # giamdoc approves those the council passed; one it did not pass can only be rejected, with a reason.
    login_as("giamdoc")
    for nomination in (huong_cstdcs, thang_ldtt):
        page.goto(f"/awards/2023/nominations/{nomination.pk}/")
        expect(page.locator("#nomination-council")).to_contain_text("thông qua 100,0%")
        page.locator("#approve-button").click()
        expect(page.locator("#nomination-status")).to_have_text("Ban Giám đốc đã duyệt")
    screenshot("year-end-approved")
    page.goto(f"/awards/2023/nominations/{an_ldtt.pk}/")
    page.locator("#approve-button").click()
    expect(page.locator(".alert-danger").first).to_contain_text("Hội đồng")
    page.locator("#reject-form").get_by_role("button", name="Không duyệt").click()
    expect(page.locator(".alert-danger, .invalid-feedback").first).to_be_visible()
    assert Nomination.objects.get(pk=an_ldtt.pk).status == NominationStatus.SHORTLISTED
    page.fill("#reject-form textarea[name=reason]", "Hội đồng không thông qua (50% số thành viên có mặt).")
    page.locator("#reject-form").get_by_role("button", name="Không duyệt").click()
    expect(page.locator("#nomination-status")).to_have_text("Ban Giám đốc không duyệt")

    # The Office publishes the approved list for comments; everyone sees it.
    login_as("vanphong")
    page.get_by_role("link", name="Danh sách khen thưởng công khai").click()
    page.fill("#id_days", "7")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Công khai lấy ý kiến").click()
    expect(page.locator("#notice-list tbody tr")).to_have_count(2)
    expect(page.locator("#notice-list")).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(page.locator("#notice-list")).not_to_contain_text("Trần Văn Ân")
    screenshot("year-end-notice")

    # Later the board revokes Thắng's LĐTT; it stays visible, as revoked, with its date and reason.
    login_as("giamdoc")
    page.goto(f"/awards/2023/nominations/{thang_ldtt.pk}/")
    page.fill("#revoke-form input[name=on]", "15/03/2024")
    page.fill("#revoke-form textarea[name=reason]", "Hồ sơ kê khai ngày công không đúng thực tế.")
    page.locator("#revoke-form").get_by_role("button", name="Thu hồi").click()
    expect(page.locator("#nomination-status")).to_have_text("Đã thu hồi")
    expect(page.locator("#revocation")).to_contain_text("15/03/2024")
    expect(page.locator("#revocation")).to_contain_text("kê khai ngày công")
    page.goto("/awards/2023/nominations/")
    expect(page.locator(f'tr[data-nomination="{thang_ldtt.pk}"]')).to_contain_text("Đã thu hồi")
    screenshot("year-end-revoked")
    statuses = dict(Nomination.objects.filter(pk__in=[n.pk for n in shortlist.values()]).values_list("pk", "status"))
    assert statuses[huong_cstdcs.pk] == NominationStatus.APPROVED
    assert statuses[an_ldtt.pk] == NominationStatus.REJECTED and statuses[thang_ldtt.pk] == NominationStatus.REVOKED
