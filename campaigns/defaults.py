"""What the 2023 plan says, and the default catalogue (DOMAIN.md §1 and §4), as data.

The six contents are the plan's section II verbatim, slips included (it dates Chỉ thị 05-CT/TW 14/5/2011);
tests check each text against ``data/plan_2023.txt``, the plan as received.
"""

from datetime import date, time
from pathlib import Path

PLAN_2023_FILE = Path(__file__).parent / "data" / "plan_2023.txt"

CAMPAIGN_2023 = {
    "year": 2023,
    "name": "Phong trào thi đua “Tăng cường chấn chỉnh kỷ luật, kỷ cương hành chính” năm 2023 của Sở Ngoại vụ",
    "legal_bases": "\n".join(
        [
            "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi đua, khen thưởng",
            "Chỉ thị số 18/CT-UBND ngày 29/12/2016 của UBND tỉnh về việc tăng cường kỷ luật, kỷ cương hành chính"
            " trên địa bàn tỉnh",
            "Các nội dung phát động thi đua năm 2023 của Khối Thi đua số 3",
        ]
    ),
    # The plan carries no number and no date: they stay empty for the Office to fill.
    "plan_signer": "Phạm Thị Anh Thư",
}

# (number, short title, text of the plan, monthly points)
CRITERIA_2023 = [
    (
        1,
        "Trách nhiệm, kỷ luật, kỷ cương trong thực thi công vụ; chất lượng tham mưu; cải cách hành chính",
        "Cán bộ, công chức ra sức thi đua nêu cao tinh thần, ý thức trách nhiệm, kỷ luật, kỷ cương trong thực thi công vụ, đặc biệt là nâng cao chất lượng, tiến độ, hiệu lực, hiệu quả trong công tác tham mưu, đề xuất các lĩnh vực và trong giải quyết công việc chung. Thực hiện tốt công tác cải cách hành chính tại đơn vị.",
        25,
    ),
    (
        2,
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; tiết kiệm, chống lãng phí; không quan liêu, hách dịch",
        "Tiếp tục thực hiện tốt chỉ thị số 05-CT/TW ngày 14/5/2011 của Bộ Chính trị về tiếp tục đẩy mạnh việc học tập và làm theo phong cách đạo đức Hồ Chí Minh theo đúng các kế hoạch, hướng dẫn của cấp trên; không ngừng nâng cao năng lực, trình độ, phẩm chất chính trị, đạo đức chính trị, đạo đức cách mạng, tinh thần phục vụ nhân dân; triệt để thực hành tiết kiệm, chống lãng phí; quản lý tốt dụng cụ làm việc, tài sản cơ quan; không quan liêu, hách dịch gây phiền hà cho nhân dân.",
        10,
    ),
    (
        3,
        "Chấp hành pháp luật, nội quy cơ quan; thời gian làm việc, đúng giờ, đeo thẻ; không rượu bia, thuốc lá, cờ bạc, nhũng nhiễu",
        "Chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước và nội quy, quy chế cơ quan, thực hiện có hiệu quả thời gian làm việc; không làm việc riêng trong giờ làm việc; nghiêm cấm việc sử dụng uống rượu, bia, đồ uống có cồn trong giờ làm việc, giờ nghỉ trưa của ngày làm việc, ngày trực; không hút thuốc lá nơi công sở; phải có mặt đúng giờ trong cơ quan theo giờ hành chính; thực hiện nghiêm túc việc đeo thẻ công chức khi thực hiện nhiệm vụ, công vụ. Không đánh bạc dưới mọi hình thức; nghiêm cấm lợi dụng chức năng, nhiệm vụ để gây nhũng nhiễu, phiền hà, trục lợi khi xử lý, giải quyết công việc liên quan đến cơ quan, tổ chức và doanh nghiệp.",
        25,
    ),
    (
        4,
        "Đoàn kết, thống nhất, phối hợp trong công tác",
        "Giữ vững đoàn kết, thống nhất trong cơ quan; phối hợp, giúp đỡ nhau trong công tác hoàn thành xuất sắc nhiệm vụ được giao.",
        10,
    ),
    (
        5,
        "Tác phong, lề lối làm việc khoa học; ứng dụng công nghệ thông tin; không để quá hạn, bỏ sót nhiệm vụ",
        "Xây dựng tác phong, lề lối làm việc khoa học, trung thành, cần cù, sáng tạo; tích cực, nghiên cứu sử dụng công nghệ thông tin vào hoạt động công vụ nhằm nâng cao hiệu lực, hiệu quả hoạt động của cơ quan và quá trình xử lý công việc. Cán bộ, công chức trong thực thi công vụ phải tuân thủ tính thứ bậc, kỷ cương và trật tự hành chính, đúng thẩm quyền; không để quá hạn, bỏ sót nhiệm vụ được phân công, không đùn đẩy trách nhiệm, không né tránh công việc.",
        20,
    ),
    (
        6,
        "Cập nhật kiến thức; chủ động tham mưu, đề xuất phương án cụ thể",
        "Thường xuyên nghiên cứu, cập nhật kiến thức phục vụ công tác; tích cực chủ động trong công tác tham mưu; quá trình tham mưu phải đề xuất các phương án cụ thể và thể hiện rõ chính kiến của cá nhân, phòng nghiệp vụ.",
        10,
    ),
]

# (code, Vietnamese name, content number, points deducted, veto)
VIOLATION_TYPES = [
    ("LATE", "Đi muộn quá thời gian cho phép", 3, 2, False),
    ("LATE_HEAVY", "Đi muộn từ 15 phút trở lên", 3, 4, False),
    ("EARLY", "Về sớm quá thời gian cho phép", 3, 2, False),
    ("EARLY_HEAVY", "Về sớm từ 15 phút trở lên", 3, 4, False),
    ("ABSENT_HALF", "Nghỉ không lý do nửa ngày", 3, 5, False),
    ("ABSENT_DAY", "Nghỉ không lý do cả ngày", 3, 10, False),
    ("NO_BADGE", "Không đeo thẻ công chức khi thi hành công vụ", 3, 2, False),
    ("PRIVATE_WORK", "Làm việc riêng trong giờ làm việc", 3, 3, False),
    ("SMOKING", "Hút thuốc lá nơi công sở", 3, 5, False),
    ("ALCOHOL", "Sử dụng rượu, bia trong giờ làm việc, giờ nghỉ trưa, ngày trực", 3, 10, False),
    ("GAMBLING", "Đánh bạc dưới mọi hình thức", 3, 25, True),
    ("ABUSE_OF_POSITION", "Lợi dụng chức năng, nhiệm vụ gây nhũng nhiễu, trục lợi", 3, 25, True),
    ("HARASSMENT", "Quan liêu, hách dịch, gây phiền hà cho nhân dân", 2, 10, False),
    ("WASTE", "Lãng phí; không quản lý tốt dụng cụ, tài sản cơ quan", 2, 5, False),
    ("DISUNITY", "Gây mất đoàn kết; không phối hợp trong công tác", 4, 5, False),
    ("TASK_LATE", "Nhiệm vụ chậm tiến độ (hoàn thành sau hạn)", 5, 5, False),
    ("TASK_MISSED", "Nhiệm vụ quá hạn chưa hoàn thành hoặc bỏ sót", 5, 10, False),
    ("SHIRKING", "Đùn đẩy, né tránh trách nhiệm", 5, 5, False),
    ("HIERARCHY", "Không tuân thủ thứ bậc, kỷ cương, thẩm quyền", 5, 5, False),
    ("ADVISORY", "Tham mưu chậm, chất lượng thấp, không đề xuất phương án", 1, 5, False),
    ("NO_STUDY", "Không tham gia học tập, bồi dưỡng theo yêu cầu", 6, 3, False),
]

# The monthly report's count columns (DOMAIN.md §6 item 1); every other type counts as "Vi phạm khác".
REPORT_COLUMNS = {
    "LATE": "lateness", "LATE_HEAVY": "lateness", "EARLY": "lateness", "EARLY_HEAVY": "lateness",
    "ABSENT_HALF": "absence", "ABSENT_DAY": "absence",
    "TASK_LATE": "task", "TASK_MISSED": "task",
}

# (code, Vietnamese name, bonus points)
COMMENDATION_TYPES = [
    ("OUTSTANDING_TASK", "Hoàn thành xuất sắc nhiệm vụ được giao", 5),
    ("INITIATIVE", "Có sáng kiến được công nhận", 5),
    ("PRAISED", "Được Ban Giám đốc hoặc cấp trên biểu dương", 5),
    ("DUTY_OFF_HOURS", "Trực, đón tiếp đoàn ngoài giờ hành chính hoặc ngày nghỉ", 2),
    ("EXEMPLARY", "Gương mẫu tham gia phong trào thi đua", 2),
]

# (name, in force from, morning start, morning end, afternoon start, afternoon end): winter and summer hours.
SCHEDULES_2023 = [
    ("Giờ làm việc mùa đông", date(2023, 1, 1), time(7, 30), time(12, 0), time(13, 0), time(16, 30)),
    ("Giờ làm việc mùa hè", date(2023, 4, 16), time(7, 0), time(11, 30), time(13, 30), time(17, 0)),
    ("Giờ làm việc mùa đông", date(2023, 10, 16), time(7, 30), time(12, 0), time(13, 0), time(16, 30)),
]

# The government's swaps for 2023 beyond the public holidays the holidays package knows.
# (date, kind, note)
CALENDAR_2023 = [
    (date(2023, 5, 6), "working_day", "Làm bù cho ngày nghỉ dịp 30/4 – 1/5/2023"),
]
