// web/i18n.js: the web UI's two languages and its number and date conventions. Vietnamese is
// the default; English is a switch kept in this browser (localStorage "cccd-lang"). Numbers
// and dates follow the language: 2.275 and 24/3/2021 in Vietnamese, 2,275 and 24 Mar 2021 in
// English. Elements with data-i18n="key" get their text from the table; pages call t(key)
// for the texts they build. Loaded before a page's own script (dashboard.html).
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
    "adv.compute": "Tính đề xuất điều động", "adv.hint": "Bấm để tính: đề xuất mới thay các đề xuất chưa quyết định.",
    "adv.proposed": "đề xuất", "adv.dismissed": "đã bỏ qua", "adv.replaced": "đã được thay",
    "hours": "giờ", "days": "ngày",
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
    "adv.compute": "Compute resource advice", "adv.hint": "Press to compute: new proposals replace the undecided ones.",
    "adv.proposed": "proposed", "adv.dismissed": "dismissed", "adv.replaced": "replaced",
    "hours": "hours", "days": "days",
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
