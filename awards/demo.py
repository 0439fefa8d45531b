"""The demo department's 2023 year-end, carried through as its people would (issue 3, "Demo data").

``seed_year_end_2023()`` runs after discipline/demo.py's ``seed_year_2023`` and records, through
awards/services.py, the year-end of the demo Sở Ngoại vụ: self-assessments, the heads' opinions and proposals,
the board's ratings of people and divisions, the nominations, the Office's shortlist, the council session of
15/12/2023, the board's approvals and one rejection, the list published on 18/12/2023 with two comments, and
the minutes, the Tờ trình and the Quyết định numbered. A database whose 2023 campaign already holds year-end
ratings (or that has no 2023 records) is left alone, so a second ``seed_demo`` changes nothing.

Who does what (the demo has five accounts; everyone else works on paper):

- Self-assessments: by the person's own account where they have one (giamdoc, vanphong, truongphong, hoidong);
  for everyone else by the Office (``vanphong``), which transcribes the paper forms the divisions hand in.
- Heads' opinions and proposals: ``truongphong`` for the people of international cooperation (HTQT); the Giám
  đốc (``giamdoc``) for her deputies and for the heads of divisions, whose superior she is; for the people of
  the Office, consular, border and information divisions, whose heads have no account, the Office transcribes
  the heads' signed proposals (its own clerk VP04's too: transcribing is not judging). Nobody in the Sở
  proposes a rating for the Giám đốc.
- Ratings: decided by ``giamdoc``, except her own, which the Chủ tịch UBND tỉnh decides and the Office records
  (the board may not decide its own rating, awards/access.py). The five divisions are rated by ``giamdoc``;
  the board itself is not (the province rates the Sở as a whole).
- Nominations: HTQT's by ``truongphong``, every other division's by the Office ("nominate all LĐTT" per
  division, then the other titles one by one); shortlist, council minutes, publication and documents by the
  Office; approvals and the rejection by ``giamdoc``.

What the year-end holds (tests/awards/test_demo_year_end.py checks it):

- 43 self-assessments, 41 heads' proposals, 42 ratings decided: 7 HTXSNV, 32 HTTNV, 2 HTNV, 1 KHTNV. The civil
  servants' HTXSNV (6) stay within the group's 20 % quota (7 places), leaving one for the journeys; a
  candidate the quota had no place for would be lowered to HTTNV, as the board would (``_within_quota``).
- The sanctioned Sầm Văn Lâm (QLBG08) is rated KHTNV, after his head proposed HTNV above the cap with a
  recorded reason. Phan Thị Ngọc Ánh (VP06) is rated HTXSNV beyond the public employees' quota (a group of
  two: no place) with the board's recorded reason: the one decided override. The demo's records leave nobody
  else with a cap below HTXSNV (no absence of 3 to 6 months), hence a quota override for the second case.
- Kiều Anh Tú (TTDN07), recruited 02/10/2023, has no review: fewer than 6 months worked, not rated.
- Divisions: LS and HTQT HTXSNV, VP and TTDN HTTNV, QLBG HTNV (a sanction, a missed and a late task).
- 53 nominations: LĐTT 39 (everyone who qualifies); CSTĐCS 4, the authors of the 2023 initiatives, within the
  15 % of LĐTT quota of rule set 2023 (5 places); CSTĐ cấp tỉnh for Lý Thị Thanh Hương (HTQT02: CSTĐCS
  2021–2023 and an initiative of provincial effect) and, flagged with a reason, for Lê Thị Hường (LS03, whose
  initiative is recognised at the Sở only); Giấy khen 3; TTLĐTT for the four divisions rated HTTNV or better
  (QLBG is not); TTLĐXS for the consular division (VP qualifies too but is not put forward).
- The council: 9 members (the Giám đốc chairs, the Office's clerk VP04 is the secretary; a deputy director,
  the Chánh Văn phòng, the four heads of divisions and the union's chairman), 7 present, 2 absent with written
  votes, secret ballot. Every nominee passes but Lê Thị Hường's flagged CSTĐ cấp tỉnh (6 of 9, 90 % of all
  members needed), which the board rejects with its reason; the other 52 are approved.
- Published 18/12/2023 for 7 days, two comments (19 and 20/12/2023). The minutes are numbered on 15/12/2023,
  the Tờ trình and the Quyết định on 26/12/2023, once the list has closed (base salary 1,800,000 đ).

Left for the browser journeys (and for anyone walking through the demo):

- ``canbo`` (Nguyễn Thị Hương, HTQT03) has no review at all: she writes her own self-assessment.
- Bế Thị Lụa (HTQT10) has her self-assessment (transcribed by the Office) but no proposal from her head.
  Neither she nor HTQT03 has a rating or a nomination: ``truongphong`` proposes both ratings and nominates
  them (his "nominate all LĐTT" finds exactly these two), the board decides; his comment on the list says so.
  They come after the Quyết định of 26/12/2023, which (as the documents work) keeps to what was approved by
  then.
- No award is revoked: a revocation comes months later, when a false dossier or a violation of the period
  comes to light, and the demo's 2023 holds no such story; any of the 52 approved awards is there for a
  journey to revoke (the Quyết định then shows it marked as revoked).

Dates: the year-end runs on a clock set to each step's day in December 2023 (``_Clock``, ``SCHEDULE``), so
that the services' timestamps, the history, the notices and their date checks (``comment()`` accepts a comment
only while the list is open) are of 2023, and the documents, which keep to what was decided by their date, can
carry their 2023 dates.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation

from awards import documents, services
from awards.models import (
    BallotMethod,
    Nomination,
    NominationStatus,
    PublicNotice,
    Rating,
    Title,
    YearReview,
)
from awards.yearend import ON_LIST
from campaigns.models import Campaign
from discipline import demo as discipline_demo
from discipline.models import RecordStatus, Violation
from organization.models import Division

YEAR = 2023
OFFICE = "vanphong"
BOARD = "giamdoc"
HTQT_HEAD = "truongphong"

LABELS = {
    Rating.HTXSNV: "Hoàn thành xuất sắc nhiệm vụ",
    Rating.HTTNV: "Hoàn thành tốt nhiệm vụ",
    Rating.HTNV: "Hoàn thành nhiệm vụ",
    Rating.KHTNV: "Không hoàn thành nhiệm vụ",
}
X, T, N, K = Rating.HTXSNV, Rating.HTTNV, Rating.HTNV, Rating.KHTNV

# Left for the journeys: canbo's own review, and one more person of HTQT without the head's proposal.
LEFT_EMPTY = {"HTQT03"}
LEFT_UNPROPOSED = {"HTQT10"}
# Not rated: recruited 02/10/2023, fewer than 6 months worked.
NOT_RATED = {"TTDN07"}

# Civil servants the heads propose and the board rates HTXSNV, best first; each only while the group's quota
# has a place (else HTTNV, as the board would), so the quota holds whatever the rule set's numbers.
HTXSNV_CANDIDATES = ["HTQT02", "LS03", "VP02", "TTDN03", "BGD01", "LS01"]


@dataclass(frozen=True)
class Person:
    self_rating: str
    rating: str  # the rating the board decides (HTXSNV: a candidate, see HTXSNV_CANDIDATES)
    work: str  # the self-assessment's account of the year's work
    opinion: str  # the head's opinion (before the proposal)
    head_rating: str = ""  # the head's proposal when it differs from the board's rating
    head_reason: str = ""  # the head's reason for going beyond the rules
    board_reason: str = ""  # the board's reason for going beyond the rules


PEOPLE = {
    # --- Ban Giám đốc ---
    "BGD01": Person(
        X, X,
        "Lãnh đạo, chỉ đạo toàn diện hoạt động của Sở; tham mưu UBND tỉnh tổ chức thành công các hoạt động "
        "đối ngoại năm 2023, trong đó có đoàn của tỉnh dự Hội chợ Trung Quốc – ASEAN lần thứ 20 và hội đàm "
        "nhóm công tác liên hợp với thành phố Sùng Tả (Trung Quốc); chỉ đạo triển khai Kế hoạch phát động "
        "phong trào thi đua tăng cường chấn chỉnh kỷ luật, kỷ cương hành chính năm 2023 của Sở.",
        "",
    ),
    "BGD02": Person(
        X, T,
        "Phụ trách lĩnh vực lãnh sự và quản lý biên giới; chỉ đạo xử lý kịp thời vụ việc phát sinh tại khu "
        "vực cửa khẩu Hữu Nghị tháng 7/2023 và các vụ việc bảo hộ công dân; trực Tết Quý Mão theo phân công.",
        "Đồng chí chỉ đạo sát sao các lĩnh vực được phân công, xử lý kịp thời các vụ việc biên giới, lãnh "
        "sự. Hạn chế: Phòng Quản lý biên giới thuộc lĩnh vực phụ trách còn để xảy ra vi phạm phải xử lý kỷ "
        "luật.",
    ),
    "BGD03": Person(
        X, T,
        "Phụ trách lĩnh vực hợp tác quốc tế và thông tin đối ngoại; chỉ đạo xây dựng Trang thông tin đối "
        "ngoại song ngữ Việt – Trung, các chương trình xúc tiến đầu tư tại Hàn Quốc và hợp tác lao động tại "
        "Nhật Bản.",
        "Đồng chí chỉ đạo hoàn thành các chương trình đối ngoại được giao, tích cực đổi mới công tác thông "
        "tin đối ngoại. Hạn chế: một số báo cáo của lĩnh vực phụ trách còn gửi chậm.",
    ),
    # --- Văn phòng Sở ---
    "VP01": Person(
        X, T,
        "Điều hành hoạt động của Văn phòng; tham mưu công tác chuẩn bị đón Tết, trực Tết (được Ban Giám đốc "
        "biểu dương); bảo đảm công tác tài chính, quản trị, thi đua – khen thưởng và cải cách hành chính "
        "của Sở.",
        "Đồng chí điều hành Văn phòng nền nếp, tham mưu kịp thời cho Ban Giám đốc. Hạn chế: việc đôn đốc hồ "
        "sơ quyết toán kinh phí đoàn ra còn có lúc chậm.",
    ),
    "VP02": Person(
        X, X,
        "Phụ trách văn thư, lưu trữ và công nghệ thông tin; chủ trì sáng kiến “Ứng dụng phần mềm quản lý "
        "văn bản và điều hành trong theo dõi nhiệm vụ quá hạn”, được công nhận tại Quyết định số "
        "138/QĐ-SNgV, giúp các phòng theo dõi và giảm rõ rệt số nhiệm vụ quá hạn.",
        "Đồng chí có sáng kiến được công nhận, áp dụng hiệu quả trong toàn Sở; trực cơ quan các dịp lễ, Tết "
        "nghiêm túc. Hạn chế: đôi lúc đi muộn do giải quyết công việc gia đình.",
    ),
    "VP03": Person(
        X, T,
        "Tham mưu công tác tổ chức cán bộ và cải cách hành chính; làm Chủ tịch Công đoàn cơ sở, tổ chức tốt "
        "các hoạt động công đoàn và phong trào thi đua của cơ quan; trực cơ quan dịp 30/4 – 1/5.",
        "Đồng chí có kinh nghiệm, tham mưu chắc chắn công tác tổ chức cán bộ; làm tốt công tác công đoàn. "
        "Hạn chế: có lần đi muộn không có lý do khách quan (giải trình không được chấp nhận).",
    ),
    "VP04": Person(
        X, T,
        "Theo dõi chấm công, tổng hợp kết quả chấp hành kỷ luật, kỷ cương hành chính hằng tháng; làm thư ký "
        "Hội đồng Thi đua – Khen thưởng Sở; vận hành cổng thi đua của Sở đúng tiến độ; trực cơ quan dịp "
        "30/4 – 1/5.",
        "Đồng chí cẩn thận, tổng hợp số liệu kỷ luật, kỷ cương chính xác, đúng hạn. Hạn chế: kỹ năng soạn "
        "thảo báo cáo tổng hợp cần tiếp tục nâng cao.",
    ),
    "VP05": Person(
        T, T,
        "Làm kế toán: lập dự toán, quyết toán kinh phí hoạt động và kinh phí đoàn ra, đoàn vào; trực Tết "
        "Quý Mão. Hồ sơ quyết toán kinh phí đoàn ra quý II còn nộp chậm.",
        "Đồng chí thực hiện đúng các quy định tài chính, kế toán. Hạn chế: hồ sơ quyết toán kinh phí đoàn "
        "ra quý II nộp chậm.",
    ),
    "VP06": Person(
        X, X,
        "Quản trị cổng thông tin điện tử và hệ thống mạng của Sở; trực tiếp hướng dẫn, hỗ trợ các phòng "
        "triển khai phần mềm quản lý văn bản và điều hành; được biểu dương gương mẫu trong phong trào thi "
        "đua 6 tháng đầu năm.",
        "Đồng chí nhiệt tình, trách nhiệm, hoàn thành xuất sắc việc triển khai phần mềm quản lý văn bản đến "
        "tất cả các phòng, được biểu dương gương mẫu 6 tháng đầu năm.",
        head_reason="Nhóm viên chức của Sở chỉ có 02 người nên tỷ lệ 20% không có chỉ tiêu; đồng chí có "
        "thành tích nổi bật trong chuyển đổi số của Sở, Văn phòng đề nghị Ban Giám đốc xem xét.",
        board_reason="Nhóm viên chức của Sở chỉ có 02 người, tỷ lệ 20% làm tròn xuống không có chỉ tiêu. "
        "Đồng chí Phan Thị Ngọc Ánh hoàn thành xuất sắc việc triển khai phần mềm quản lý văn bản và điều "
        "hành đến toàn Sở, được biểu dương gương mẫu 6 tháng đầu năm; Ban Giám đốc thống nhất xếp loại "
        "HTXSNV và báo cáo Sở Nội vụ.",
    ),
    "VP07": Person(
        T, T,
        "Làm văn thư: tiếp nhận, vào sổ, trình và phát hành văn bản đi, đến đúng quy định; trực Tết Quý Mão.",
        "Đồng chí cần mẫn, xử lý văn bản kịp thời, không để thất lạc. Hạn chế: còn lúng túng khi sử dụng "
        "chức năng ký số của phần mềm.",
    ),
    "VP08": Person(
        T, N,
        "Lái xe phục vụ lãnh đạo Sở và các đoàn công tác, bảo đảm an toàn các chuyến đi. Còn đi muộn nhiều "
        "lần và 01 ngày nghỉ không xin phép, 01 lần hút thuốc lá tại hành lang trụ sở.",
        "Đồng chí bảo đảm an toàn các chuyến công tác. Hạn chế: đi muộn thường xuyên trong cả năm, nghỉ 01 "
        "ngày không xin phép ngày 20/11, hút thuốc lá nơi công sở; đã được nhắc nhở nhiều lần nhưng chuyển "
        "biến chậm.",
    ),
    "VP09": Person(
        T, T,
        "Bảo vệ cơ quan, trực cổng, phòng cháy chữa cháy; trực Tết và các ngày lễ theo phân công. Còn 01 "
        "buổi vắng không báo cáo và 01 lần không đeo thẻ khi làm nhiệm vụ.",
        "Đồng chí bảo vệ an toàn cơ quan, trực Tết, trực lễ đầy đủ. Hạn chế: 01 buổi vắng không báo cáo, 01 "
        "lần không đeo thẻ khi làm nhiệm vụ.",
    ),
    # --- Phòng Lãnh sự ---
    "LS01": Person(
        X, X,
        "Điều hành Phòng Lãnh sự; tham mưu thẩm định, cấp phép các đoàn vào, hội nghị, hội thảo quốc tế "
        "trên địa bàn; chỉ đạo giải quyết dứt điểm các vụ việc bảo hộ công dân; phòng không có hồ sơ thủ "
        "tục hành chính quá hạn.",
        "Đồng chí điều hành phòng hiệu quả, không có thủ tục hành chính quá hạn, giải quyết tốt các vụ việc "
        "bảo hộ công dân; gương mẫu chấp hành kỷ luật, kỷ cương.",
    ),
    "LS02": Person(
        X, T,
        "Phụ trách thẩm định hồ sơ đoàn ra, đoàn vào; hướng dẫn các cơ quan, địa phương thủ tục xin phép tổ "
        "chức hội nghị quốc tế. Còn 01 hồ sơ đề nghị cấp phép đoàn vào hoàn thành chậm 2 ngày.",
        "Đồng chí nắm vững nghiệp vụ, hướng dẫn tận tình các cơ quan, địa phương. Hạn chế: 01 hồ sơ cấp "
        "phép đoàn vào hoàn thành chậm 2 ngày.",
    ),
    "LS03": Person(
        X, X,
        "Tham mưu công tác bảo hộ công dân và xác minh nhân thân; giải quyết dứt điểm hồ sơ bảo hộ công dân "
        "bị tạm giữ ở nước ngoài; tác giả sáng kiến “Số hóa hồ sơ xác minh nhân thân công dân, rút ngắn "
        "thời gian trả lời cơ quan đại diện”, được công nhận tại Quyết định số 138/QĐ-SNgV.",
        "Đồng chí có trình độ chuyên môn vững, tận tụy; sáng kiến số hóa hồ sơ xác minh nhân thân rút ngắn "
        "thời gian trả lời cơ quan đại diện từ 15 xuống 7 ngày làm việc; được biểu dương 02 lần trong năm.",
    ),
    "LS04": Person(
        T, T,
        "Giải quyết thủ tục hành chính lĩnh vực lãnh sự tại Trung tâm Phục vụ hành chính công tỉnh. Còn 01 "
        "lần không đeo thẻ khi tiếp công dân và 01 lần lời qua tiếng lại với đồng nghiệp trong cuộc họp "
        "phòng.",
        "Đồng chí giải quyết thủ tục hành chính đúng hạn. Hạn chế: 01 lần không đeo thẻ khi tiếp công dân; "
        "01 lần thiếu bình tĩnh, lời qua tiếng lại với đồng nghiệp trong cuộc họp phòng.",
    ),
    "LS05": Person(
        T, T,
        "Theo dõi người nước ngoài làm việc, học tập trên địa bàn tỉnh; tổng hợp báo cáo công tác lãnh sự "
        "định kỳ đầy đủ, đúng hạn.",
        "Đồng chí chăm chỉ, báo cáo định kỳ đầy đủ, đúng hạn, chấp hành tốt kỷ luật, kỷ cương. Hạn chế: cần "
        "chủ động hơn trong đề xuất giải pháp quản lý.",
    ),
    "LS06": Person(
        T, T,
        "Thẩm định hồ sơ xin phép tổ chức hội nghị, hội thảo quốc tế. Còn 01 hồ sơ quá hạn chưa hoàn thành "
        "thẩm định và đi muộn nhiều lần.",
        "Đồng chí hoàn thành khối lượng lớn hồ sơ thẩm định. Hạn chế: đi muộn nhiều lần trong năm; 01 hồ sơ "
        "thẩm định quá hạn trong tháng 12.",
    ),
    "LS08": Person(
        T, T,
        "Tiếp nhận, trả kết quả hồ sơ lãnh sự; quản lý hồ sơ, lưu trữ của phòng. Còn 01 buổi vắng không báo "
        "cáo.",
        "Đồng chí tiếp nhận, trả kết quả hồ sơ đúng hẹn, lưu trữ khoa học. Hạn chế: 01 buổi vắng không báo "
        "cáo.",
    ),
    # --- Phòng Hợp tác quốc tế (Nông Thị Hồng, LS07, from 01/07/2023) ---
    "HTQT01": Person(
        X, T,
        "Điều hành Phòng Hợp tác quốc tế; tổ chức thành công đoàn của tỉnh dự Hội chợ Trung Quốc – ASEAN "
        "lần thứ 20 (được biểu dương) và đoàn làm việc với Văn phòng Ngoại vụ Quảng Tây. Báo cáo kết quả "
        "đoàn dự Hội chợ gửi chậm do phía bạn gửi số liệu chậm (đã giải trình, được chấp nhận).",
        "Đồng chí điều hành phòng hoàn thành khối lượng lớn nhiệm vụ đối ngoại, tổ chức thành công đoàn dự "
        "Hội chợ Trung Quốc – ASEAN lần thứ 20. Hạn chế: việc đôn đốc tiến độ báo cáo, tổng hợp của phòng "
        "có lúc chưa kịp thời.",
    ),
    "HTQT02": Person(
        X, X,
        "Tham mưu chương trình xúc tiến tại Hội chợ Trung Quốc – ASEAN lần thứ 20, đoàn xúc tiến đầu tư tại "
        "Seoul, hội đàm nhóm công tác liên hợp tại Sùng Tả; tác giả sáng kiến “Quy trình phối hợp đón tiếp "
        "đoàn khách quốc tế qua cửa khẩu Hữu Nghị”, được UBND tỉnh công nhận có phạm vi ảnh hưởng cấp tỉnh "
        "(Quyết định số 2156/QĐ-UBND).",
        "Đồng chí là cán bộ nòng cốt của phòng, tham mưu nhiều chương trình đối ngoại quan trọng; sáng kiến "
        "quy trình đón tiếp đoàn khách quốc tế qua cửa khẩu Hữu Nghị được UBND tỉnh công nhận cấp tỉnh, áp "
        "dụng cho các sở, ngành.",
    ),
    "HTQT04": Person(
        T, T,
        "Theo dõi hợp tác với các địa phương Trung Quốc; tham gia đoàn làm việc tại Nam Ninh và đoàn xúc "
        "tiến hợp tác lao động tại Tokyo (Nhật Bản).",
        "Đồng chí có kinh nghiệm, am hiểu đối tác Trung Quốc, hoàn thành tốt các đoàn công tác. Hạn chế: "
        "chưa chủ động chia sẻ kinh nghiệm cho cán bộ trẻ.",
    ),
    "HTQT05": Person(
        T, T,
        "Tổ chức đón tiếp các đoàn khách qua cửa khẩu Hữu Nghị và đoàn Văn phòng Ngoại vụ Quảng Tây; tham "
        "gia Hội chợ thương mại biên giới tại Bằng Tường.",
        "Đồng chí nhiệt tình, chu đáo trong công tác lễ tân đối ngoại, đón tiếp an toàn, đúng nghi thức các "
        "đoàn khách. Hạn chế: kỹ năng viết báo cáo cần nâng cao.",
    ),
    "HTQT06": Person(
        T, T,
        "Theo dõi hợp tác với các tỉnh của Lào; tham gia đoàn giao lưu hữu nghị tại Viêng Chăn; đón tiếp "
        "đoàn Tổng Lãnh sự quán Trung Quốc tại Hà Nội.",
        "Đồng chí hoàn thành tốt các nhiệm vụ được giao, đón tiếp đoàn chu đáo cả ngày nghỉ. Hạn chế: ngoại "
        "ngữ tiếng Lào còn hạn chế.",
    ),
    "HTQT07": Person(
        T, T,
        "Theo dõi hợp tác với Hàn Quốc; tham gia đoàn xúc tiến đầu tư tại Seoul. Còn 01 lần chậm tổng hợp ý "
        "kiến về dự thảo thỏa thuận hợp tác.",
        "Đồng chí có năng lực ngoại ngữ tốt, hoàn thành đoàn xúc tiến tại Seoul. Hạn chế: 01 lần chậm tổng "
        "hợp ý kiến về dự thảo thỏa thuận hợp tác.",
    ),
    "HTQT08": Person(
        T, T,
        "Theo dõi các thỏa thuận quốc tế của tỉnh; tham gia hội đàm nhóm công tác liên hợp tại Sùng Tả.",
        "Đồng chí cẩn thận trong theo dõi các thỏa thuận quốc tế. Hạn chế: cần chủ động hơn trong đề xuất.",
    ),
    "HTQT09": Person(
        T, T,
        "Năm công tác đầu tiên trọn năm tại phòng; theo dõi các dự án viện trợ phi chính phủ nước ngoài; "
        "tham gia đoàn xúc tiến hợp tác lao động tại Tokyo (Nhật Bản).",
        "Đồng chí cầu thị, tiến bộ nhanh, hoàn thành các nhiệm vụ được giao. Hạn chế: kinh nghiệm công tác "
        "còn ít.",
    ),
    "HTQT10": Person(
        T, T,
        "Theo dõi hợp tác kinh tế cửa khẩu; tham gia đoàn giao lưu hữu nghị tại Viêng Chăn (Lào).",
        "",
    ),
    "LS07": Person(
        T, T,
        "Sáu tháng đầu năm công tác tại Phòng Lãnh sự; từ 01/7/2023 được điều động sang Phòng Hợp tác quốc "
        "tế, tham gia đoàn dự Hội chợ Trung Quốc – ASEAN lần thứ 20 và đón tiếp đoàn Tổng Lãnh sự quán "
        "Trung Quốc.",
        "Đồng chí nhanh chóng tiếp cận nhiệm vụ mới sau khi điều động, tham gia tích cực các đoàn công tác. "
        "Hạn chế: kinh nghiệm lĩnh vực hợp tác quốc tế còn ít.",
    ),
    # --- Phòng Quản lý biên giới ---
    "QLBG01": Person(
        X, T,
        "Điều hành Phòng Quản lý biên giới; tham mưu xử lý kịp thời vụ việc tại khu vực cửa khẩu Hữu Nghị "
        "tháng 7/2023 (được biểu dương); tổ chức khảo sát các tuyến biên giới huyện Cao Lộc, Tràng Định, "
        "Lộc Bình.",
        "Đồng chí tham mưu xử lý kịp thời vụ việc biên giới, được biểu dương. Hạn chế: phòng còn để xảy ra "
        "vi phạm phải xử lý kỷ luật và 01 văn bản quá hạn chưa trả lời.",
    ),
    "QLBG02": Person(
        T, T,
        "Theo dõi công tác quản lý hệ thống mốc giới; tổng hợp báo cáo tình hình biên giới hằng tháng gửi "
        "UBND tỉnh.",
        "Đồng chí nắm chắc tình hình biên giới, báo cáo đầy đủ. Hạn chế: đôn đốc cán bộ trong phòng chưa "
        "sát sao.",
    ),
    "QLBG03": Person(
        X, T,
        "Phối hợp với Bộ đội Biên phòng tỉnh xử lý vụ việc tại khu vực cửa khẩu Hữu Nghị (được Bộ đội Biên "
        "phòng tỉnh biểu dương), trực ngày nghỉ để xử lý vụ việc. Báo cáo tình hình biên giới tháng 2 gửi "
        "chậm 3 ngày.",
        "Đồng chí có kinh nghiệm, phối hợp hiệu quả với các lực lượng chức năng. Hạn chế: báo cáo tháng 2 "
        "gửi chậm 3 ngày.",
    ),
    "QLBG04": Person(
        T, T,
        "Kiểm tra hệ thống mốc giới huyện Tràng Định, Cao Lộc. Còn 01 lần không đeo thẻ khi làm việc tại "
        "cửa khẩu.",
        "Đồng chí chịu khó, hoàn thành các đợt kiểm tra mốc giới. Hạn chế: 01 lần không đeo thẻ khi làm "
        "việc tại cửa khẩu.",
    ),
    "QLBG05": Person(
        T, T,
        "Nghỉ chế độ thai sản từ 02/5 đến 31/10/2023; thời gian làm việc hoàn thành tốt việc tổng hợp, lưu "
        "trữ hồ sơ biên giới.",
        "Đồng chí hoàn thành tốt nhiệm vụ trong thời gian làm việc; nghỉ thai sản theo chế độ.",
    ),
    "QLBG06": Person(
        T, N,
        "Theo dõi hoạt động các cửa khẩu, lối mở. Còn bỏ sót 01 văn bản của Bộ đội Biên phòng tỉnh quá hạn "
        "chưa trả lời và đi muộn nhiều lần trong năm.",
        "Đồng chí hoàn thành các nhiệm vụ thường xuyên. Hạn chế: bỏ sót văn bản của Bộ đội Biên phòng tỉnh "
        "quá hạn chưa trả lời; đi muộn nhiều lần, đã được nhắc nhở nhưng chưa khắc phục.",
    ),
    "QLBG07": Person(
        T, T,
        "Tổng hợp, cập nhật cơ sở dữ liệu biên giới; hoàn thành đúng hạn các nhiệm vụ được giao.",
        "Đồng chí cẩn thận, cập nhật cơ sở dữ liệu đầy đủ, đúng hạn. Hạn chế: cần chủ động hơn trong tham "
        "mưu.",
    ),
    "QLBG08": Person(
        N, K,
        "Phục vụ các đoàn khảo sát biên giới. Ngày 16/3/2023 vi phạm quy định sử dụng rượu trong giờ nghỉ "
        "trưa, bị kỷ luật khiển trách (Quyết định số 45/QĐ-SNgV); bản thân đã nghiêm túc kiểm điểm, khắc "
        "phục.",
        "Đồng chí vi phạm quy định sử dụng rượu trong giờ nghỉ trưa ngày 16/3/2023, bị kỷ luật khiển trách. "
        "Sau kỷ luật đã nghiêm túc sửa chữa, không tái phạm, hoàn thành các nhiệm vụ được giao.",
        head_rating=N,
        head_reason="Vi phạm đơn lẻ ở hình thức kỷ luật thấp nhất; sau kỷ luật đồng chí chuyển biến rõ rệt, "
        "hoàn thành các nhiệm vụ được giao. Phòng đề nghị Ban Giám đốc xem xét xếp loại Hoàn thành nhiệm vụ.",
    ),
    # --- Phòng Thông tin - Tuyên truyền đối ngoại ---
    "TTDN01": Person(
        X, T,
        "Điều hành Phòng Thông tin - Tuyên truyền đối ngoại; công tác thông tin đối ngoại quý I được UBND "
        "tỉnh biểu dương; chỉ đạo tổ chức Hội thi tuyên truyền biên giới; đưa tin giao lưu hữu nghị nhân "
        "dân hai bên biên giới.",
        "Đồng chí điều hành phòng năng động, công tác thông tin đối ngoại được UBND tỉnh biểu dương. Hạn "
        "chế: bản tin quý II và dự thảo kế hoạch năm 2024 của phòng còn chậm, phải làm lại.",
    ),
    "TTDN02": Person(
        T, T,
        "Biên tập bản tin đối ngoại, quản lý nội dung Trang thông tin đối ngoại của tỉnh.",
        "Đồng chí biên tập bản tin chắc chắn, đúng định hướng. Hạn chế: có lúc đi muộn.",
    ),
    "TTDN03": Person(
        X, X,
        "Tác giả sáng kiến “Trang thông tin đối ngoại song ngữ Việt – Trung của tỉnh”, được công nhận tại "
        "Quyết định số 138/QĐ-SNgV; gương mẫu tham gia Hội thi tuyên truyền biên giới; đưa tin giao lưu hữu "
        "nghị nhân dân hai bên biên giới.",
        "Đồng chí sáng tạo, có sáng kiến được công nhận và đưa vào vận hành; gương mẫu trong các phong trào "
        "thi đua của Sở.",
    ),
    "TTDN04": Person(
        T, T,
        "Thực hiện bản tin đối ngoại định kỳ. Bản tin quý II hoàn thành chậm 1 tuần; đi muộn nhiều lần.",
        "Đồng chí có khả năng viết tin, bài. Hạn chế: đi muộn nhiều lần trong năm; bản tin quý II chậm 1 "
        "tuần.",
    ),
    "TTDN05": Person(
        T, T,
        "Tham mưu kế hoạch thông tin đối ngoại của tỉnh; dự thảo kế hoạch năm 2024 phải chỉnh sửa, bổ sung "
        "phương án. Còn 01 buổi vắng không báo cáo.",
        "Đồng chí hoàn thành các nhiệm vụ được giao. Hạn chế: dự thảo kế hoạch năm 2024 chất lượng chưa "
        "cao, phải làm lại; 01 buổi vắng không báo cáo.",
    ),
    "TTDN06": Person(
        T, T,
        "Quay phim, chụp ảnh, đưa tin các hoạt động đối ngoại của tỉnh; hỗ trợ kỹ thuật cho Trang thông tin "
        "đối ngoại song ngữ.",
        "Đồng chí nhiệt tình, đưa tin kịp thời các hoạt động đối ngoại. Hạn chế: cần nâng cao chất lượng "
        "tin ảnh.",
    ),
}

# The head's account for a division: the Office transcribes where the head has none (see the docstring). The
# heads of divisions themselves have the Giám đốc's opinion.
HEAD_ACCOUNT = {"BGD": BOARD, "HTQT": HTQT_HEAD}

DIVISION_RATINGS = [
    # code, rating, the board's assessment
    ("VP", T,
     "Văn phòng tham mưu tốt công tác tổng hợp, hành chính, tài chính; triển khai phần mềm quản lý văn bản và"
     " điều hành đến toàn Sở. Hạn chế: một số cán bộ đi muộn nhiều lần, hồ sơ quyết toán còn chậm."),
    ("LS", X,
     "Phòng Lãnh sự không có hồ sơ thủ tục hành chính quá hạn, giải quyết dứt điểm các vụ việc bảo hộ công "
     "dân; có sáng kiến số hóa hồ sơ xác minh nhân thân được công nhận."),
    ("HTQT", X,
     "Phòng Hợp tác quốc tế tổ chức thành công đoàn của tỉnh dự Hội chợ Trung Quốc – ASEAN lần thứ 20 và các "
     "chương trình xúc tiến tại Hàn Quốc, Nhật Bản; có sáng kiến được UBND tỉnh công nhận cấp tỉnh."),
    ("QLBG", N,
     "Phòng Quản lý biên giới tham mưu xử lý kịp thời vụ việc tại cửa khẩu Hữu Nghị. Hạn chế: 01 cán bộ bị kỷ"
     " luật khiển trách, còn văn bản quá hạn chưa trả lời và báo cáo gửi chậm."),
    ("TTDN", T,
     "Phòng Thông tin - Tuyên truyền đối ngoại được UBND tỉnh biểu dương công tác quý I, đưa vào vận hành "
     "Trang thông tin đối ngoại song ngữ. Hạn chế: bản tin quý II và kế hoạch năm 2024 còn chậm."),
]

# LĐTT for everyone who qualifies, division by division, by "nominate all LĐTT".
LDTT_DIVISIONS = ["BGD", "VP", "LS", "HTQT", "QLBG", "TTDN"]

# (title, staff code or None, division code or None, achievement, reason if a condition fails)
NOMINATIONS = [
    (Title.CSTDCS, "VP02", None,
     "Hoàn thành xuất sắc nhiệm vụ năm 2023; chủ trì sáng kiến “Ứng dụng phần mềm quản lý văn bản và "
     "điều hành trong theo dõi nhiệm vụ quá hạn” được công nhận tại Quyết định số 138/QĐ-SNgV ngày "
     "25/10/2023, áp dụng tại tất cả các phòng của Sở.", ""),
    (Title.CSTDCS, "LS03", None,
     "Hoàn thành xuất sắc nhiệm vụ năm 2023; sáng kiến “Số hóa hồ sơ xác minh nhân thân công dân, rút "
     "ngắn thời gian trả lời cơ quan đại diện” được công nhận tại Quyết định số 138/QĐ-SNgV; giải "
     "quyết dứt điểm hồ sơ bảo hộ công dân bị tạm giữ ở nước ngoài; Chiến sĩ thi đua cơ sở năm 2021, "
     "2022.", ""),
    (Title.CSTDCS, "TTDN03", None,
     "Hoàn thành xuất sắc nhiệm vụ năm 2023; sáng kiến “Trang thông tin đối ngoại song ngữ Việt – "
     "Trung của tỉnh” được công nhận tại Quyết định số 138/QĐ-SNgV; gương mẫu tham gia Hội thi tuyên "
     "truyền biên giới.", ""),
    (Title.CSTDCS, "HTQT02", None,
     "Hoàn thành xuất sắc nhiệm vụ năm 2023; sáng kiến “Quy trình phối hợp đón tiếp đoàn khách quốc tế "
     "qua cửa khẩu Hữu Nghị” được UBND tỉnh công nhận tại Quyết định số 2156/QĐ-UBND ngày 20/11/2023; "
     "tham mưu chương trình xúc tiến tại Hội chợ Trung Quốc – ASEAN lần thứ 20.", ""),
    (Title.CSTD_PROVINCE, "HTQT02", None,
     "Ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2021, 2022, 2023); sáng kiến “Quy trình "
     "phối hợp đón tiếp đoàn khách quốc tế qua cửa khẩu Hữu Nghị” có phạm vi ảnh hưởng cấp tỉnh (Quyết "
     "định số 2156/QĐ-UBND), được các sở, ngành và Bộ đội Biên phòng tỉnh áp dụng khi đón các đoàn "
     "khách quốc tế.", ""),
    (Title.CSTD_PROVINCE, "LS03", None,
     "Ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2021, 2022, 2023); sáng kiến số hóa hồ sơ xác "
     "minh nhân thân công dân rút ngắn thời gian trả lời cơ quan đại diện từ 15 xuống 7 ngày làm việc.",
     "Sáng kiến của đồng chí đã được Sở công nhận và đang được Hội đồng sáng kiến tỉnh xem xét công nhận "
     "phạm vi ảnh hưởng cấp tỉnh; Phòng Lãnh sự đề nghị Hội đồng Thi đua – Khen thưởng Sở xem xét."),
    (Title.CERTIFICATE, "QLBG03", None,
     "Có thành tích xuất sắc trong phối hợp với Bộ đội Biên phòng tỉnh xử lý vụ việc tại khu vực cửa "
     "khẩu Hữu Nghị tháng 7/2023, được Bộ đội Biên phòng tỉnh biểu dương.", ""),
    (Title.CERTIFICATE, "HTQT05", None,
     "Có thành tích xuất sắc trong công tác lễ tân, đón tiếp an toàn, chu đáo các đoàn khách quốc tế "
     "qua cửa khẩu Hữu Nghị và đoàn Văn phòng Ngoại vụ Quảng Tây (Trung Quốc) năm 2023.", ""),
    (Title.CERTIFICATE, "TTDN01", None,
     "Có thành tích xuất sắc trong công tác thông tin đối ngoại quý I/2023 (được UBND tỉnh biểu dương) "
     "và chỉ đạo tổ chức Hội thi tuyên truyền biên giới năm 2023.", ""),
    (Title.TTLDTT, None, "VP",
     "Hoàn thành tốt nhiệm vụ năm 2023; 8/9 cán bộ đạt danh hiệu Lao động tiên tiến; triển khai phần "
     "mềm quản lý văn bản và điều hành đến toàn Sở; không có cá nhân bị kỷ luật.", ""),
    (Title.TTLDTT, None, "LS",
     "Hoàn thành xuất sắc nhiệm vụ năm 2023; 100% cán bộ đạt danh hiệu Lao động tiên tiến; không có hồ "
     "sơ thủ tục hành chính quá hạn; không có cá nhân bị kỷ luật.", ""),
    (Title.TTLDTT, None, "HTQT",
     "Hoàn thành xuất sắc nhiệm vụ năm 2023; tổ chức thành công đoàn của tỉnh dự Hội chợ Trung Quốc – "
     "ASEAN lần thứ 20 và 07 đoàn công tác nước ngoài; có sáng kiến được UBND tỉnh công nhận cấp tỉnh; "
     "không có cá nhân bị kỷ luật.", ""),
    (Title.TTLDTT, None, "TTDN",
     "Hoàn thành tốt nhiệm vụ năm 2023; công tác thông tin đối ngoại quý I được UBND tỉnh biểu dương; "
     "đưa vào vận hành Trang thông tin đối ngoại song ngữ Việt – Trung; không có cá nhân bị kỷ luật.", ""),
    (Title.TTLDXS, None, "LS",
     "Hoàn thành xuất sắc nhiệm vụ năm 2023: 100% cán bộ hoàn thành tốt nhiệm vụ trở lên và đạt danh "
     "hiệu Lao động tiên tiến; 01 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở; giải quyết dứt điểm "
     "các vụ việc bảo hộ công dân, không có hồ sơ quá hạn; không có cá nhân bị kỷ luật.", ""),
]

# --- The council (Hội đồng TĐKT) ---

COUNCIL_DAY = date(YEAR, 12, 15)
COUNCIL_HOURS = (time(8, 0), time(10, 30))
COUNCIL_PLACE = "Phòng họp Sở Ngoại vụ"
COUNCIL_MEMBERS = [
    # code, role in the council, present, written vote
    ("BGD01", "Chủ tịch Hội đồng", True, False),
    ("BGD02", "Phó Chủ tịch Hội đồng", True, False),
    ("VP01", "Ủy viên thường trực", True, False),
    ("LS01", "Ủy viên", True, False),
    ("HTQT01", "Ủy viên", True, False),
    ("QLBG01", "Ủy viên", False, True),
    ("TTDN01", "Ủy viên", False, True),
    ("VP03", "Ủy viên, Chủ tịch Công đoàn cơ sở", True, False),
    ("VP04", "Thư ký Hội đồng", True, False),
]
CHAIR, SECRETARY = "BGD01", "VP04"
COUNCIL_NOTE = (
    "Vắng mặt có phiếu gửi bằng văn bản: đồng chí Lục Văn Thành (làm việc với Bộ Chỉ huy Bộ đội Biên phòng "
    "tỉnh), đồng chí Vũ Thị Thanh Nga (dự hội nghị tại UBND tỉnh). Phòng Hợp tác quốc tế còn 02 cá nhân chưa "
    "hoàn thành quy trình đánh giá, xếp loại; Hội đồng đề nghị phòng hoàn thiện hồ sơ để xét bổ sung. Đề "
    "nghị Chiến sĩ thi đua cấp tỉnh của đồng chí Lê Thị Hường sẽ được xem xét lại khi sáng kiến được công "
    "nhận phạm vi ảnh hưởng cấp tỉnh."
)
# Votes other than "everyone present, and both absent members in writing": (title, code) -> (for, written).
VOTES = {
    (Title.LDTT, "TTDN04"): (5, 2),
    (Title.LDTT, "LS06"): (6, 2),
    (Title.TTLDXS, "LS"): (6, 2),
    (Title.CSTD_PROVINCE, "LS03"): (5, 1),  # 6 of 9: below the 90 % of all members its secret ballot needs
}
REJECTED = {
    (Title.CSTD_PROVINCE, "LS03"):
        "Hội đồng Thi đua – Khen thưởng Sở không đủ tỷ lệ phiếu đề nghị (6/9 thành viên, yêu cầu từ 90% "
        "tổng số thành viên trở lên); sáng kiến chưa được công nhận phạm vi ảnh hưởng cấp tỉnh. Xem xét đề "
        "nghị khi sáng kiến được công nhận.",
}

# --- Publication for comments (công khai) ---

PUBLISHED_ON = date(YEAR, 12, 18)
PUBLISHED_DAYS = 7
COMMENTS = [
    # author, (title, nominee code) or None, written at, text
    ("hoidong", (Title.TTLDXS, "LS"), datetime(YEAR, 12, 19, 9, 20),
     "Nhất trí đề nghị Phòng Lãnh sự được tặng danh hiệu Tập thể lao động xuất sắc: năm 2023 phòng không "
     "có hồ sơ quá hạn và đã giải quyết dứt điểm các vụ việc bảo hộ công dân."),
    (HTQT_HEAD, None, datetime(YEAR, 12, 20, 14, 5),
     "Phòng Hợp tác quốc tế còn 02 đồng chí (Nguyễn Thị Hương, Bế Thị Lụa) chưa hoàn thành quy trình đánh "
     "giá, xếp loại. Đề nghị Văn phòng xét bổ sung danh hiệu Lao động tiên tiến cho 02 đồng chí sau khi "
     "Ban Giám đốc quyết định xếp loại."),
]


# The Sở's titles are decided and the Tờ trình sent once the list has been open for comments (to 24/12).
DOCUMENTS_ON = date(YEAR, 12, 26)

# When each step happens (the services stamp their records with these moments, see ``_Clock``).
SCHEDULE = [
    ("self_assess", date(YEAR, 12, 4), time(8, 0)),
    ("propose", date(YEAR, 12, 6), time(14, 0)),
    ("decide", date(YEAR, 12, 11), time(8, 30)),
    ("rate_divisions", date(YEAR, 12, 11), time(15, 0)),
    ("nominate", date(YEAR, 12, 12), time(8, 0)),
    ("shortlist", date(YEAR, 12, 13), time(9, 0)),
    ("record_council", COUNCIL_DAY, time(11, 0)),
    ("decide_nominations", COUNCIL_DAY, time(15, 0)),
    ("publish", PUBLISHED_ON, time(8, 0)),
    ("comment", PUBLISHED_ON, time(8, 0)),  # each comment at its own moment (COMMENTS)
    ("number_documents", DOCUMENTS_ON, time(9, 0)),
]


def already_done(campaign: Campaign) -> bool:
    return YearReview.objects.filter(campaign=campaign).exists()


def seed_year_end_2023() -> bool:
    """Record the demo's 2023 year-end through the services; nothing if the campaign already has ratings.

    Returns whether the year-end was recorded.
    """
    campaign = Campaign.objects.filter(year=YEAR).first()
    if campaign is None or already_done(campaign) or not discipline_demo.already_loaded():
        return False
    # The services write messages (history reasons, notices, LĐTT achievements) in the active language.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic(), _Clock() as clock:
        _YearEnd(campaign, clock).run()
    return True


class _Clock:
    """December 2023 as the services see it: ``timezone.now()`` is the moment the step sets, moved on a minute
    or a few for each action, so that every timestamp, history entry, notice and date check is of its day in
    2023, not of the day the demo is loaded. Only while the demo loads (a management command, one thread)."""

    def __enter__(self):
        self.moment = timezone.now()  # until the first step sets its day
        self._patch = mock.patch.object(timezone, "now", self.now)
        self._patch.start()
        return self

    def __exit__(self, *exc):
        self._patch.stop()
        return False

    def now(self) -> datetime:
        return self.moment

    @contextmanager
    def day(self, day: date, at: time):
        """Run a step from ``at`` on ``day``; ``tick()`` moves on a minute per action."""
        self.moment = timezone.make_aware(datetime.combine(day, at))
        yield self

    def tick(self, minutes: int = 1) -> None:
        self.moment += timedelta(minutes=minutes)


class _YearEnd:
    def __init__(self, campaign: Campaign, clock: _Clock):
        self.campaign, self.clock = campaign, clock
        users = get_user_model().objects.select_related("staff")
        wanted = [OFFICE, BOARD, HTQT_HEAD, "hoidong", "canbo"]
        self.users = {u.username: u for u in users.filter(username__in=wanted)}
        self.office, self.board = self.users[OFFICE], self.users[BOARD]
        self.people = discipline_demo.demo_people()
        self.divisions = {d.code: d for d in Division.objects.all()}

    def run(self) -> None:
        for step, day, at in SCHEDULE:
            with self.clock.day(day, at):
                getattr(self, step)()

    # --- Ratings ---

    def division_of(self, code: str) -> str:
        return self.people[code].membership_on(date(YEAR, 12, 31)).division.code

    def self_assess(self) -> None:
        violations = _violations_to_november()
        for code, person in PEOPLE.items():
            if code in LEFT_EMPTY | NOT_RATED:
                continue
            staff = self.people[code]
            author = staff.user if staff.user_id else self.office
            text = _self_assessment(person, violations.get(staff.pk, {}))
            services.self_assess(self.campaign, staff, rating=person.self_rating, text=text, by=author)
            self.clock.tick(3)

    def _order(self, codes) -> list[str]:
        """Worst ratings first and the HTXSNV candidates last, best first: each HTXSNV is weighed against the
        quota as it stands once everyone else is rated."""
        rank = {code: i for i, code in enumerate(HTXSNV_CANDIDATES)}
        return sorted(codes, key=lambda c: (PEOPLE[c].rating == X, rank.get(c, -1),
                                            -[X, T, N, K].index(PEOPLE[c].rating)))

    def propose(self) -> None:
        codes = [c for c in PEOPLE if c not in LEFT_EMPTY | LEFT_UNPROPOSED | NOT_RATED and c != "BGD01"]
        for code in self._order(codes):
            person, staff = PEOPLE[code], self.people[code]
            division = self.division_of(code)
            head = BOARD if staff.position.heads_division else HEAD_ACCOUNT.get(division, OFFICE)
            by = self.users[head]

            def propose(rating, reason, person=person, staff=staff, by=by):
                opinion = f"{person.opinion} Đề nghị xếp loại: {LABELS[rating]}."
                services.propose_rating(self.campaign, staff, rating=rating, opinion=opinion, reason=reason,
                                        by=by)

            _within_quota(propose, person.head_rating or person.rating, person.head_reason)
            self.clock.tick(2)

    def decide(self) -> None:
        codes = [c for c in PEOPLE if c not in LEFT_EMPTY | LEFT_UNPROPOSED | NOT_RATED]
        for code in self._order(codes):
            person, staff = PEOPLE[code], self.people[code]
            # The Chủ tịch UBND tỉnh rates the Giám đốc; the Office records it (the board may not rate
            # itself).
            by = self.office if staff.user_id == self.board.pk else self.board

            def decide(rating, reason, staff=staff, by=by):
                services.decide_rating(self.campaign, staff, rating=rating, reason=reason, by=by)

            _within_quota(decide, person.rating, person.board_reason)
            self.clock.tick()

    def rate_divisions(self) -> None:
        for code, rating, note in DIVISION_RATINGS:
            services.rate_division(self.campaign, self.divisions[code], rating=rating, note=note,
                                   by=self.board)
            self.clock.tick(5)

    # --- Nominations, shortlist, council, decisions ---

    def nominator(self, division_code: str):
        return self.users[HTQT_HEAD] if division_code == "HTQT" else self.office

    def nominate(self) -> None:
        for code in LDTT_DIVISIONS:
            services.nominate_all_ldtt(self.campaign, self.divisions[code], by=self.nominator(code))
            self.clock.tick(5)
        for title, staff_code, division_code, achievement, reason in NOMINATIONS:
            staff = self.people[staff_code] if staff_code else None
            division = self.divisions[division_code] if division_code else None
            by = self.nominator(division_code or self.division_of(staff_code))
            services.nominate(self.campaign, title, by=by, achievement=achievement, reason=reason,
                              staff=staff, division=division)
            self.clock.tick(5)

    def nominations(self, statuses) -> list[Nomination]:
        return list(Nomination.objects.filter(campaign=self.campaign, status__in=statuses)
                    .select_related("staff", "division").order_by("pk"))

    def shortlist(self) -> None:
        for nomination in self.nominations([NominationStatus.PROPOSED]):
            services.shortlist(nomination, by=self.office)
            self.clock.tick()

    def record_council(self) -> None:
        members = [
            {"staff": self.people[code], "council_role": role, "present": present, "written_vote": written}
            for code, role, present, written in COUNCIL_MEMBERS
        ]
        present = sum(1 for m in members if m["present"])
        written = sum(1 for m in members if m["written_vote"])
        votes = []
        for nomination in self.nominations([NominationStatus.SHORTLISTED]):
            votes_for, written_for = VOTES.get(_key(nomination), (present, written))
            votes.append({"nomination": nomination, "votes_for": votes_for, "written_for": written_for})
        data = {"held_on": COUNCIL_DAY, "started_at": COUNCIL_HOURS[0], "ended_at": COUNCIL_HOURS[1],
                "place": COUNCIL_PLACE, "chair": self.people[CHAIR], "secretary": self.people[SECRETARY],
                "method": BallotMethod.SECRET, "note": COUNCIL_NOTE}
        services.record_session(self.campaign, by=self.office, data=data, members=members, votes=votes)

    def decide_nominations(self) -> None:
        for nomination in self.nominations([NominationStatus.SHORTLISTED]):
            reason = REJECTED.get(_key(nomination))
            services.decide(nomination, approve=reason is None, reason=reason or "", by=self.board)
            self.clock.tick()

    # --- Publication and documents ---

    def publish(self) -> None:
        services.publish(self.campaign, days=PUBLISHED_DAYS, by=self.office, on=PUBLISHED_ON)

    def comment(self) -> None:
        notice = PublicNotice.objects.get(campaign=self.campaign)
        on_list = {_key(n): n for n in self.nominations(ON_LIST)}
        for username, about, written_at, text in COMMENTS:
            self.clock.moment = timezone.make_aware(written_at)
            services.comment(notice, text=text, by=self.users[username],
                             nomination=on_list[about] if about else None)

    def number_documents(self) -> None:
        """The Office downloads the minutes, the Tờ trình and the Quyết định once, which numbers them: every
        reprint then carries that number and its 2023 date (and the base salary of that date)."""
        documents.produce(self.campaign, "minutes", "pdf", issue=True)
        for kind in ["submission", "decision"]:
            documents.produce(self.campaign, kind, "pdf", issue=True, on=DOCUMENTS_ON)


def _within_quota(act, rating: str, reason: str) -> None:
    """``act(rating, reason)``; an HTXSNV the quota has no place for becomes HTTNV, unless meant as an
    override (with its reason)."""
    try:
        act(rating, reason)
    except ValidationError:
        if rating != X or reason:
            raise
        act(T, "")


def _key(nomination: Nomination) -> tuple[str, str]:
    return nomination.title, nomination.staff.code if nomination.staff_id else nomination.division.code


# --- Texts ---


def _violations_to_november() -> dict[int, dict[str, int]]:
    """{staff id: {violation type name: count}}: the counting records to 30/11 (the forms' time)."""
    found: dict[int, dict[str, int]] = {}
    records = Violation.objects.filter(date__year=YEAR, date__month__lte=11, status=RecordStatus.ACTIVE)
    for staff_id, name in records.values_list("staff_id", "type__name"):
        found.setdefault(staff_id, {}).setdefault(name, 0)
        found[staff_id][name] += 1
    return found


def _self_assessment(person: Person, violations: dict[str, int]) -> str:
    if violations:
        listed = "; ".join(f"{name.lower()}: {count} lần" for name, count in
                           sorted(violations.items(), key=lambda item: (-item[1], item[0])))
        discipline = (f"Trong 11 tháng còn vi phạm nội quy, quy chế cơ quan ({listed}); bản thân đã nghiêm "
                      "túc rút kinh nghiệm.")
    else:
        discipline = ("Chấp hành nghiêm nội quy, quy chế cơ quan và thời giờ làm việc; không vi phạm trong "
                      "năm.")
    return (
        "1. Chính trị, tư tưởng, đạo đức, lối sống: chấp hành nghiêm chủ trương, đường lối của Đảng, chính "
        "sách, pháp luật của Nhà nước; giữ gìn phẩm chất đạo đức, lối sống lành mạnh, đoàn kết với đồng "
        "nghiệp.\n"
        f"2. Kết quả thực hiện chức trách, nhiệm vụ được giao: {person.work}\n"
        f"3. Chấp hành kỷ luật, kỷ cương hành chính: {discipline}\n"
        f"4. Tự nhận xếp loại: {LABELS[person.self_rating]}."
    )


