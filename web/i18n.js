// web/i18n.js: the web UI's two languages and its number and date conventions. Vietnamese is
// the default; English is a switch kept in this browser (localStorage "cccd-lang"). Numbers
// and dates follow the language: 2.275 and 24/3/2021 in Vietnamese, 2,275 and 24 Mar 2021 in
// English. Elements with data-i18n="key" get their text from the table; pages call t(key)
// for the texts they build. Loaded before a page's own script (index.html, dashboard.html,
// desk.html, planner.html, centre.html, and the public schedule.html and appointment.html).
"use strict";

const I18N = {
  vi: {
    "app.title": "cccd · Bảng điều hành",
    "nav.home": "Tổng quan", "nav.desk": "Quầy tiếp nhận", "nav.switch": "English",
    "login.title": "Đăng nhập", "login.user": "Tên đăng nhập", "login.password": "Mật khẩu",
    "login.go": "Đăng nhập", "logout": "Đăng xuất",
    "when.date": "Ngày", "when.refresh": "Cập nhật", "when.updated": "Cập nhật lúc",
    "crumbs.label": "Đơn vị", "nation": "Việt Nam",
    "sum.received": "Tiếp nhận", "sum.today": "hôm nay", "sum.quota": "chỉ tiêu",
    "sum.noquota": "chưa giao chỉ tiêu", "sum.by": "hạn", "sum.approved": "Đã duyệt",
    "sum.produced": "Đã sản xuất", "sum.delivered": "Đã trả thẻ", "sum.finish": "Dự kiến xong",
    "sum.rate": "bình quân 7 ngày", "sum.perday": "/ngày", "sum.none": "chưa dự báo được",
    "sum.campaign": "Chiến dịch", "sum.coverage": "Độ phủ", "sum.eligible": "đủ tuổi",
    "sum.remaining": "còn lại", "sum.valid": "đã có thẻ",
    "status.risk": "Có nguy cơ trễ hạn", "status.over": "Vượt chỉ tiêu", "status.ok": "Đúng tiến độ",
    "chart.title": "Tiếp nhận theo ngày và dự báo", "chart.daily": "Tiếp nhận trong ngày",
    "chart.projected": "Dự báo mỗi ngày", "chart.total": "Lũy kế", "chart.total_ahead": "Lũy kế dự báo",
    "chart.quota": "Chỉ tiêu", "chart.perday": "hồ sơ/ngày", "chart.cumulative": "lũy kế",
    "rank.title": "Xếp hạng các đơn vị", "rank.rank": "Hạng", "rank.unit": "Đơn vị",
    "rank.total": "Lũy kế", "rank.today": "Hôm nay", "rank.quota": "Chỉ tiêu",
    "rank.percent": "Đạt", "rank.rate": "TB 7 ngày", "rank.finish": "Dự kiến xong",
    "rank.remaining": "Còn lại", "rank.status": "Tình trạng", "rank.none": "Đơn vị cấp xã: không có đơn vị trực thuộc.",
    "honours.title": "Đề xuất khen thưởng", "honours.units": "Đơn vị vượt chỉ tiêu",
    "honours.officers": "Cán bộ tiếp nhận nhiều nhất", "honours.none": "Chưa có.",
    "risk.title": "Đơn vị có nguy cơ trễ hạn", "risk.none": "Không có đơn vị nào.",
    "inc.title": "Sự cố chưa xử lý xong", "inc.none": "Không có sự cố.", "inc.age": "đã",
    "inc.kit_broken": "Hỏng bộ thiết bị", "inc.network_down": "Mất mạng",
    "inc.data_error": "Lỗi dữ liệu", "inc.crowding": "Đông người", "inc.other": "Khác",
    "inc.open": "mới báo", "inc.assigned": "đã giao", "inc.answered": "đã trả lời",
    "adv.title": "Đề xuất điều động", "adv.none": "Không có đề xuất: không điều động nào giúp thêm đơn vị kịp hạn.",
    "adv.accept": "Chấp nhận", "adv.dismiss": "Bỏ qua", "adv.accepted": "Đã ghi nhận điều động",
    "adv.noperm": "Chỉ chỉ huy được tính đề xuất điều động.",
    "sum.breakdown": "Tiếp nhận theo loại, điểm, ca: lũy kế (hôm nay)", "sum.by_type": "Loại",
    "sum.by_point": "Điểm", "sum.by_shift": "Ca", "point.fixed": "cố định", "point.mobile": "lưu động",
    "point.home": "tại nhà", "point.none": "không qua điểm", "shift.morning": "sáng",
    "shift.afternoon": "chiều", "shift.evening": "tối",
    "rep.title": "Báo cáo", "rep.daily_xlsx": "Ngày (XLSX)", "rep.daily_csv": "Ngày (CSV)",
    "rep.weekly_xlsx": "Tuần (XLSX)", "rep.weekly_csv": "Tuần (CSV)",
    "adv.compute": "Tính đề xuất điều động", "adv.hint": "Bấm để tính: đề xuất mới thay các đề xuất chưa quyết định.",
    "adv.proposed": "đề xuất", "adv.dismissed": "đã bỏ qua", "adv.replaced": "đã được thay",
    "hours": "giờ", "days": "ngày",
    // the planner's page (planner.html) and the card centre's page (centre.html)
    "pub.schedule_title": "Lịch cấp căn cước", "pub.to_appointment": "Tra cứu lịch hẹn",
    "pub.where": "Nơi và giờ làm thủ tục", "pub.unit": "Mã đơn vị (tỉnh, huyện hoặc xã)",
    "pub.from": "Từ ngày", "pub.show": "Xem lịch", "pub.feed": "Theo dõi lịch đội lưu động (Atom)",
    "pub.none": "chưa có lịch", "pub.kind_fixed": "Điểm cố định", "pub.kind_mobile": "Đội lưu động",
    "pub.kind_home": "Tổ đến tận nhà", "pub.day": "Ngày",
    "pub.appointment_title": "Tra cứu lịch hẹn", "pub.to_schedule": "Lịch các điểm",
    "pub.mine": "Lịch hẹn của tôi", "pub.pid": "Số định danh cá nhân",
    "pub.dob": "Ngày sinh (ngày/tháng/năm; chỉ năm, hoặc tháng/năm, nếu hồ sơ chỉ ghi vậy)",
    "pub.lookup": "Tra cứu", "pub.ticket": "Số phiếu", "pub.hour": "Giờ", "pub.point": "Nơi",
    "pub.place": "Địa điểm",
    "ov.coverage": "Độ phủ", "ov.unit": "Đơn vị", "ov.at": "Ngày", "ov.show": "Xem",
    "ov.citizen": "Công dân", "ov.id": "Số định danh", "ov.lookup": "Tra cứu", "ov.code": "Mã",
    "ov.name": "Đơn vị", "ov.residents": "Cư trú", "ov.eligible": "Đủ tuổi", "ov.valid": "Có thẻ",
    "ov.progress": "Đang làm", "ov.remaining": "Còn lại",
    "desk.title": "cccd · Quầy tiếp nhận", "desk.find": "1. Tìm công dân",
    "desk.q": "Số định danh hoặc họ tên", "desk.unit": "Đơn vị", "desk.findgo": "Tìm",
    "desk.app": "2. Hồ sơ", "desk.photo": "3. Ảnh chân dung", "desk.photo_file": "Ảnh (JPEG)",
    "desk.fingers": "4. Vân tay (PNG xám 8 bit, 500 ppi)", "desk.submit_h": "5. Nộp hồ sơ",
    "desk.submit": "Nộp hồ sơ", "desk.queue": "Hồ sơ chờ duyệt", "desk.queue_load": "Tải danh sách",
    "desk.open": "Mở hồ sơ", "desk.none": "Không tìm thấy", "desk.citizen": "Công dân",
    "desk.type": "Loại", "desk.state": "Trạng thái", "desk.no": "số",
    "desk.unreadable": "không đọc được tệp", "desk.checking": "Đang kiểm tra…",
    "desk.photo_ok": "Ảnh đạt", "desk.photo_bad": "Không đạt", "desk.attempt": "lần",
    "desk.scoring": "Đang chấm…", "desk.submitted": "Đã nộp: hồ sơ chờ duyệt.",
    "desk.approve": "Duyệt", "desk.reject": "Từ chối", "desk.reject_reason": "Lý do từ chối",
    "desk.queue_empty": "Không có hồ sơ chờ duyệt",
    "type.first_issue": "Cấp mới", "type.exchange": "Đổi thẻ", "type.reissue": "Cấp lại",
    "state.draft": "Đang lập", "state.submitted": "Đã nộp", "state.approved": "Đã duyệt",
    "state.rejected": "Từ chối", "state.produced": "Đã sản xuất", "state.dispatched": "Đã gửi",
    "state.received": "Đã nhận", "state.delivered": "Đã trả thẻ", "state.returned": "Trả lại",
    "decision.accept": "Đạt", "decision.recapture": "Lấy lại", "decision.exception": "Ngoại lệ (chờ duyệt)",
    "finger.1": "Ngón cái phải", "finger.2": "Ngón trỏ phải", "finger.3": "Ngón giữa phải",
    "finger.4": "Ngón áp út phải", "finger.5": "Ngón út phải", "finger.6": "Ngón cái trái",
    "finger.7": "Ngón trỏ trái", "finger.8": "Ngón giữa trái", "finger.9": "Ngón áp út trái",
    "finger.10": "Ngón út trái", "exc.label": "Lý do không lấy được", "exc.none": "Không lấy được…",
    "exc.missing": "Mất ngón", "exc.bandaged": "Băng bó", "exc.amputated": "Cụt",
    "nav.dashboard": "Bảng điều hành", "nav.planner": "Kế hoạch", "nav.centre": "Trung tâm thẻ",
    "col.day": "Ngày", "col.shift": "Ca", "col.time": "Giờ", "col.kits": "Bộ thiết bị",
    "col.capacity": "Sức chứa", "col.tickets": "Phiếu hẹn", "col.point": "Điểm",
    "col.ticket": "Số phiếu", "col.pid": "Số định danh", "col.name": "Họ tên", "col.address": "Địa chỉ",
    "col.group": "Tổ/thôn", "col.household": "Hộ", "col.commune": "Nơi ở", "col.status": "Tình trạng",
    "col.window": "Khung giờ", "col.from": "Từ", "col.to": "Đến", "col.temporary": "Tạm trú",
    "col.manifest": "Phiếu giao", "col.batch": "Lô", "col.unit": "Đơn vị nhận", "col.cards": "Số thẻ",
    "col.sent": "Gửi lúc", "col.received": "Nhận lúc", "col.by": "Người nhận", "col.fill": "Đã xếp",
    "pl.title": "cccd · Kế hoạch tiếp nhận", "pl.unit": "Đơn vị", "pl.from": "Từ ngày", "pl.to": "Đến ngày",
    "pl.show": "Xem", "pl.points": "Điểm tiếp nhận và ca làm việc", "pl.points.none": "Đơn vị chưa có điểm tiếp nhận.",
    "pl.perkit": "người/bộ/giờ", "pl.kind.fixed": "cố định", "pl.kind.mobile": "lưu động", "pl.kind.home": "tại nhà",
    "pl.total": "Tổng sức chứa", "pl.shifts.none": "Không có ca nào trong những ngày này.",
    "pl.shifts.later": "Mở để xem các ca.", "pl.shifts.cut": "Chỉ hiện 62 ngày đầu.",
    "pl.plan": "Lập kế hoạch", "pl.dry": "Chạy thử (không ghi phiếu)", "pl.run": "Lập kế hoạch và ghi phiếu hẹn",
    "pl.lists": "Xem danh sách người", "pl.lists.note": "Mỗi người hiện trong danh sách được ghi vào nhật ký truy cập.",
    "pl.done.dry": "Kết quả chạy thử: chưa ghi phiếu nào.", "pl.done.run": "Đã lập kế hoạch và ghi phiếu hẹn.",
    "pl.c.remaining": "Chưa có thẻ", "pl.c.ticketed": "Có phiếu hẹn", "pl.c.created": "Phiếu mới",
    "pl.c.kept": "Giữ nguyên", "pl.c.moved": "Dời lịch", "pl.c.elsewhere": "Hẹn nơi khác",
    "pl.c.withdrawn": "Hủy phiếu", "pl.c.home_visits": "Đến tận nhà", "pl.c.referred": "Chuyển đi",
    "pl.c.referred_in": "Nhận đến", "pl.c.untraced": "Không rõ nơi ở", "pl.c.unplanned": "Chưa xếp được",
    "pl.byday": "Theo ngày và điểm", "pl.home": "Danh sách đến tận nhà",
    "pl.ref": "Chuyển đến nơi đang ở (đi)", "pl.refin": "Nhận từ nơi khác (đến)",
    "pl.refin.note": "người thường trú nơi khác đang ở đây; phiếu hẹn của họ có trong danh sách phiếu.",
    "pl.untraced": "Không rõ nơi ở", "pl.unplanned": "Chưa xếp được lịch", "pl.moves": "Phiếu dời lịch",
    "pl.none": "Không có.", "pl.yes": "có", "pl.ref.waiting": "đang chờ", "pl.ref.ticketed": "đã có phiếu",
    "pl.ref.home_visit": "đến tận nhà", "pl.tickets": "Phiếu hẹn", "pl.on": "Ngày", "pl.point": "Điểm",
    "pl.allpoints": "Tất cả", "pl.ntickets": "phiếu", "pl.prev": "Trang trước", "pl.next": "Trang sau",
    "pl.pdf": "Tải phiếu in (PDF)", "pl.pdf.open": "Mở tệp phiếu in", "pl.pdf.wait": "Đang tạo tệp…",
    "pl.pdf.note": "Tối đa 500 phiếu một tệp, bắt đầu từ trang đang xem. Mỗi người được in được ghi vào nhật ký.",
    "pl.tickets.none": "Chưa có phiếu hẹn.",
    "pl.tickets.ask": "Bấm “Xem” để liệt kê phiếu hẹn (mỗi người hiện ra được ghi vào nhật ký).",
    "ce.title": "cccd · Trung tâm sản xuất thẻ", "ce.batches": "Lô sản xuất", "ce.new": "Tạo lô mới",
    "ce.unit": "Đơn vị", "ce.limit": "Tối đa (hồ sơ)", "ce.create": "Tạo lô", "ce.find": "Xem một lô",
    "ce.id": "Mã lô", "ce.open": "Xem", "ce.recent": "Các lô đã xem trong phiên này", "ce.batch": "Lô",
    "ce.state": "Trạng thái", "ce.s.open": "đang sản xuất", "ce.s.dispatched": "đã gửi",
    "ce.cards": "Số thẻ", "ce.produced": "Đã sản xuất", "ce.created": "Tạo lúc", "ce.by": "bởi",
    "ce.dispatch": "Gửi lô", "ce.dispatched": "Đã gửi lô: một phiếu giao cho mỗi đơn vị nhận.",
    "ce.created.ok": "Đã tạo lô", "ce.manifests": "Phiếu giao thẻ", "ce.receive": "Xác nhận đã nhận",
    "ce.received.ok": "Đã xác nhận nhận thẻ của phiếu giao", "ce.waiting": "chưa nhận",
    "ce.mine": "Phiếu giao thẻ đến đơn vị", "ce.show": "Xem", "ce.none": "Chưa có phiếu giao nào.",
    "ce.more": "Xem thêm", "ce.noprod": "Chỉ trung tâm sản xuất thẻ được tạo và gửi lô.",
  },
  en: {
    "app.title": "cccd · Dashboard",
    "nav.home": "Overview", "nav.desk": "Desk", "nav.switch": "Tiếng Việt",
    "login.title": "Sign in", "login.user": "User name", "login.password": "Password",
    "login.go": "Sign in", "logout": "Sign out",
    "when.date": "Date", "when.refresh": "Refresh", "when.updated": "Updated at",
    "crumbs.label": "Unit", "nation": "Viet Nam",
    "sum.received": "Received", "sum.today": "today", "sum.quota": "quota",
    "sum.noquota": "no quota given", "sum.by": "due", "sum.approved": "Approved",
    "sum.produced": "Produced", "sum.delivered": "Delivered", "sum.finish": "Forecast finish",
    "sum.rate": "7-day average", "sum.perday": "/day", "sum.none": "no forecast yet",
    "sum.campaign": "Campaign", "sum.coverage": "Coverage", "sum.eligible": "eligible",
    "sum.remaining": "remaining", "sum.valid": "hold a card",
    "status.risk": "At risk", "status.over": "Over quota", "status.ok": "On track",
    "chart.title": "Applications per day and forecast", "chart.daily": "Received that day",
    "chart.projected": "Forecast per day", "chart.total": "Cumulative", "chart.total_ahead": "Forecast cumulative",
    "chart.quota": "Quota", "chart.perday": "applications/day", "chart.cumulative": "cumulative",
    "rank.title": "Ranking of the units", "rank.rank": "Rank", "rank.unit": "Unit",
    "rank.total": "Total", "rank.today": "Today", "rank.quota": "Quota",
    "rank.percent": "Done", "rank.rate": "7-day avg", "rank.finish": "Forecast finish",
    "rank.remaining": "Remaining", "rank.status": "Status", "rank.none": "A commune: no units below it.",
    "honours.title": "Commendation candidates", "honours.units": "Units over their quota",
    "honours.officers": "Officers with the most applications", "honours.none": "None yet.",
    "risk.title": "Units at risk", "risk.none": "None.",
    "inc.title": "Open incidents", "inc.none": "No incidents.", "inc.age": "for",
    "inc.kit_broken": "Kit broken", "inc.network_down": "Network down",
    "inc.data_error": "Data error", "inc.crowding": "Crowding", "inc.other": "Other",
    "inc.open": "reported", "inc.assigned": "assigned", "inc.answered": "answered",
    "adv.title": "Resource advice", "adv.none": "No proposal: no move lets one more unit meet its deadline.",
    "adv.accept": "Accept", "adv.dismiss": "Dismiss", "adv.accepted": "Transfer recorded",
    "adv.noperm": "Only commanders compute resource advice.",
    "sum.breakdown": "Received by type, point, shift: so far (today)", "sum.by_type": "Type",
    "sum.by_point": "Point", "sum.by_shift": "Shift", "point.fixed": "fixed", "point.mobile": "mobile",
    "point.home": "home visit", "point.none": "no point", "shift.morning": "morning",
    "shift.afternoon": "afternoon", "shift.evening": "evening",
    "rep.title": "Reports", "rep.daily_xlsx": "Daily (XLSX)", "rep.daily_csv": "Daily (CSV)",
    "rep.weekly_xlsx": "Weekly (XLSX)", "rep.weekly_csv": "Weekly (CSV)",
    "adv.compute": "Compute resource advice", "adv.hint": "Press to compute: new proposals replace the undecided ones.",
    "adv.proposed": "proposed", "adv.dismissed": "dismissed", "adv.replaced": "replaced",
    "hours": "hours", "days": "days",
    // the planner's page (planner.html) and the card centre's page (centre.html)
    "pub.schedule_title": "Where to get an identity card", "pub.to_appointment": "My appointment",
    "pub.where": "Places and hours", "pub.unit": "Unit code (province, district or commune)",
    "pub.from": "From", "pub.show": "Show the schedule", "pub.feed": "Follow the mobile teams' schedule (Atom)",
    "pub.none": "no schedule yet", "pub.kind_fixed": "Fixed point", "pub.kind_mobile": "Mobile team",
    "pub.kind_home": "Home-visit team", "pub.day": "Day",
    "pub.appointment_title": "My appointment", "pub.to_schedule": "All places",
    "pub.mine": "My appointment", "pub.pid": "Personal ID number",
    "pub.dob": "Date of birth (day/month/year; only the year, or month/year, if the record has only that)",
    "pub.lookup": "Look up", "pub.ticket": "Ticket", "pub.hour": "Time", "pub.point": "Point",
    "pub.place": "Address",
    "ov.coverage": "Coverage", "ov.unit": "Unit", "ov.at": "Date", "ov.show": "Show",
    "ov.citizen": "Citizen", "ov.id": "Personal ID", "ov.lookup": "Look up", "ov.code": "Code",
    "ov.name": "Unit", "ov.residents": "Residents", "ov.eligible": "Eligible", "ov.valid": "Valid card",
    "ov.progress": "In progress", "ov.remaining": "Remaining",
    "desk.title": "cccd · Desk", "desk.find": "1. Find the citizen",
    "desk.q": "Personal ID or full name", "desk.unit": "Unit", "desk.findgo": "Find",
    "desk.app": "2. Application", "desk.photo": "3. Portrait", "desk.photo_file": "Photo (JPEG)",
    "desk.fingers": "4. Fingerprints (8-bit grey PNG, 500 ppi)", "desk.submit_h": "5. Submit",
    "desk.submit": "Submit", "desk.queue": "Applications waiting for approval", "desk.queue_load": "Load the list",
    "desk.open": "Open an application", "desk.none": "Nobody found", "desk.citizen": "Citizen",
    "desk.type": "Type", "desk.state": "State", "desk.no": "no.",
    "desk.unreadable": "the file cannot be read", "desk.checking": "Checking…",
    "desk.photo_ok": "Photo accepted", "desk.photo_bad": "Refused", "desk.attempt": "attempt",
    "desk.scoring": "Scoring…", "desk.submitted": "Submitted: waiting for approval.",
    "desk.approve": "Approve", "desk.reject": "Reject", "desk.reject_reason": "Why is it rejected?",
    "desk.queue_empty": "No application waits for approval",
    "type.first_issue": "First issue", "type.exchange": "Exchange", "type.reissue": "Re-issue",
    "state.draft": "Draft", "state.submitted": "Submitted", "state.approved": "Approved",
    "state.rejected": "Rejected", "state.produced": "Produced", "state.dispatched": "Dispatched",
    "state.received": "Received", "state.delivered": "Delivered", "state.returned": "Returned",
    "decision.accept": "Accepted", "decision.recapture": "Take again", "decision.exception": "Exception (to be confirmed)",
    "finger.1": "Right thumb", "finger.2": "Right index", "finger.3": "Right middle",
    "finger.4": "Right ring", "finger.5": "Right little", "finger.6": "Left thumb",
    "finger.7": "Left index", "finger.8": "Left middle", "finger.9": "Left ring",
    "finger.10": "Left little", "exc.label": "Why it cannot be taken", "exc.none": "Cannot be taken…",
    "exc.missing": "Missing", "exc.bandaged": "Bandaged", "exc.amputated": "Amputated",
    "nav.dashboard": "Dashboard", "nav.planner": "Planner", "nav.centre": "Card centre",
    "col.day": "Day", "col.shift": "Shift", "col.time": "Time", "col.kits": "Kits",
    "col.capacity": "Capacity", "col.tickets": "Tickets", "col.point": "Point",
    "col.ticket": "Ticket", "col.pid": "Personal ID", "col.name": "Name", "col.address": "Address",
    "col.group": "Group", "col.household": "Household", "col.commune": "Living in", "col.status": "Status",
    "col.window": "Window", "col.from": "From", "col.to": "To", "col.temporary": "Temporary",
    "col.manifest": "Manifest", "col.batch": "Batch", "col.unit": "Receiving unit", "col.cards": "Cards",
    "col.sent": "Sent", "col.received": "Received", "col.by": "By", "col.fill": "Filled",
    "pl.title": "cccd · Planning", "pl.unit": "Unit", "pl.from": "From", "pl.to": "To",
    "pl.show": "Show", "pl.points": "Points and their shifts", "pl.points.none": "The unit has no point.",
    "pl.perkit": "people/kit/hour", "pl.kind.fixed": "fixed", "pl.kind.mobile": "mobile", "pl.kind.home": "home visits",
    "pl.total": "Total capacity", "pl.shifts.none": "No shift on these days.",
    "pl.shifts.later": "Open to see the shifts.", "pl.shifts.cut": "Only the first 62 days shown.",
    "pl.plan": "Plan", "pl.dry": "Dry run (no ticket written)", "pl.run": "Plan and write the tickets",
    "pl.lists": "Show the lists of people", "pl.lists.note": "Everyone shown on these lists is recorded in the audit log.",
    "pl.done.dry": "Dry run: no ticket written.", "pl.done.run": "Planned; the tickets are written.",
    "pl.c.remaining": "Remaining", "pl.c.ticketed": "Ticketed", "pl.c.created": "New tickets",
    "pl.c.kept": "Kept", "pl.c.moved": "Moved", "pl.c.elsewhere": "Ticketed elsewhere",
    "pl.c.withdrawn": "Withdrawn", "pl.c.home_visits": "Home visits", "pl.c.referred": "Referred out",
    "pl.c.referred_in": "Referred in", "pl.c.untraced": "Untraced", "pl.c.unplanned": "Unplanned",
    "pl.byday": "By day and point", "pl.home": "Home-visit list",
    "pl.ref": "Referrals out (to where they live)", "pl.refin": "Referrals in",
    "pl.refin.note": "people registered elsewhere who live here; their tickets are in the tickets list.",
    "pl.untraced": "Untraced residents", "pl.unplanned": "Unplanned", "pl.moves": "Moved tickets",
    "pl.none": "None.", "pl.yes": "yes", "pl.ref.waiting": "waiting", "pl.ref.ticketed": "ticketed",
    "pl.ref.home_visit": "home visit", "pl.tickets": "Tickets", "pl.on": "Day", "pl.point": "Point",
    "pl.allpoints": "All", "pl.ntickets": "tickets", "pl.prev": "Previous", "pl.next": "Next",
    "pl.pdf": "Download the printed tickets (PDF)", "pl.pdf.open": "Open the printed tickets", "pl.pdf.wait": "Making the file…",
    "pl.pdf.note": "At most 500 tickets a file, from the page in view. Everyone printed is recorded in the audit log.",
    "pl.tickets.none": "No ticket yet.",
    "pl.tickets.ask": "Press “Show” to list the tickets (everyone listed is recorded in the audit log).",
    "ce.title": "cccd · Card centre", "ce.batches": "Production batches", "ce.new": "New batch",
    "ce.unit": "Unit", "ce.limit": "At most (applications)", "ce.create": "Create", "ce.find": "Open a batch",
    "ce.id": "Batch id", "ce.open": "Open", "ce.recent": "Batches seen in this session", "ce.batch": "Batch",
    "ce.state": "State", "ce.s.open": "open", "ce.s.dispatched": "dispatched",
    "ce.cards": "Cards", "ce.produced": "Produced", "ce.created": "Created", "ce.by": "by",
    "ce.dispatch": "Dispatch", "ce.dispatched": "Dispatched: one manifest for each receiving unit.",
    "ce.created.ok": "Batch created", "ce.manifests": "Manifests", "ce.receive": "Mark received",
    "ce.received.ok": "Received: the cards of manifest", "ce.waiting": "not yet received",
    "ce.mine": "Manifests sent to the unit", "ce.show": "Show", "ce.none": "No manifest yet.",
    "ce.more": "More", "ce.noprod": "Only the card centre creates and dispatches batches.",
  },
};

let LANG = localStorage.getItem("cccd-lang") === "en" ? "en" : "vi";

function t(key) {
  return (I18N[LANG] && I18N[LANG][key]) || I18N.vi[key] || key;
}

// 2.275 (vi) or 2,275 (en); at most `digits` decimals.
function fmtNum(v, digits = 0) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  return new Intl.NumberFormat(LANG === "vi" ? "vi-VN" : "en-GB",
    { maximumFractionDigits: digits }).format(v);
}

// 78,9 % (vi) or 78.9% (en)
function fmtPct(v) {
  return LANG === "vi" ? `${fmtNum(v, 1)} %` : `${fmtNum(v, 1)}%`;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// An ISO date (YYYY-MM-DD) as 24/3/2021 (vi) or 24 Mar 2021 (en).
function fmtDate(iso) {
  if (!iso) return "–";
  const [y, m, d] = iso.split("-").map(Number);
  return LANG === "vi" ? `${d}/${m}/${y}` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

// Puts the table's texts into every element marked data-i18n, and the language on <html>.
function applyI18n(root = document) {
  document.documentElement.lang = LANG;
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
}

function switchLang() {
  LANG = LANG === "vi" ? "en" : "vi";
  localStorage.setItem("cccd-lang", LANG);
  applyI18n();
}

// A moment the server gives in seconds since 1970 as Vietnam's day and time (UTC+7):
// 6/12/2026 14:05 (vi) or 6 Dec 2026 14:05 (en).
function fmtTime(epoch) {
  if (epoch === null || epoch === undefined) return "–";
  const iso = new Date((epoch + 7 * 3600) * 1000).toISOString();
  return `${fmtDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}
