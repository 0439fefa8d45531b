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
