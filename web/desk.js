// web/desk.js: the desk page's behaviour (desk.html). The officer finds a person, opens the
// application (a request id made here, so a retry never opens a second one), uploads the
// portrait and each print as soon as it is chosen and sees its verdict or score at once, then
// submits; a supervisor sees the unit's submitted applications and approves or rejects them.
// Texts from the server go into the page as text, never as HTML.
"use strict";
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("cccd-token");
let me = null, app = null;

const FINGERS = ["Ngón cái phải", "Ngón trỏ phải", "Ngón giữa phải", "Ngón áp út phải",
  "Ngón út phải", "Ngón cái trái", "Ngón trỏ trái", "Ngón giữa trái", "Ngón áp út trái",
  "Ngón út trái"];
const DECISION = { accept: "Đạt", recapture: "Lấy lại", exception: "Ngoại lệ (chờ duyệt)" };
const TYPE = { first_issue: "Cấp mới", exchange: "Đổi thẻ", reissue: "Cấp lại" };
const STATE = { draft: "Đang lập", submitted: "Đã nộp", approved: "Đã duyệt", rejected: "Từ chối" };

async function api(method, path, body) {
  const headers = {};
  if (token) headers.Authorization = "Bearer " + token;
  if (body) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (!r.ok) throw new Error((data && (data.detail || data.title)) || r.statusText);
  return data;
}

function fail(err) { $("desk-error").textContent = err.message; }
function ok() { $("desk-error").textContent = ""; }

function show(signedIn) {
  $("login").hidden = signedIn;
  $("desk").hidden = !signedIn;
  $("logout").hidden = !signedIn;
  $("who").textContent = me ? `${me.username} · ${me.role} · ${me.unit.name}` : "";
  if (me) {
    $("find").elements.unit.value = me.unit.code === "VN" ? "" : me.unit.code;
    $("queue").hidden = me.role !== "supervisor";
  }
}

async function start() {
  if (!token) return show(false);
  try { me = await api("GET", "/api/v1/me"); show(true); }
  catch { token = null; sessionStorage.removeItem("cccd-token"); show(false); }
}

$("login").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  try {
    const s = await api("POST", "/api/v1/login", { username: f.get("username"), password: f.get("password") });
    token = s.token;
    sessionStorage.setItem("cccd-token", token);
    me = s.account;
    $("login-error").textContent = "";
    show(true);
  } catch (err) { $("login-error").textContent = err.message; }
});

$("logout").addEventListener("click", async () => {
  try { await api("POST", "/api/v1/logout"); } catch { /* the session ends either way */ }
  token = null; me = null;
  sessionStorage.removeItem("cccd-token");
  show(false);
});

// ---- 1. find ----

// A date as Vietnamese write it: 24/3/2021 (a partial one as 3/2021 or 2021).
function viDate(iso) {
  const p = (iso || "").split("-").map(Number);
  return p.length === 3 ? `${p[2]}/${p[1]}/${p[0]}` : p.length === 2 ? `${p[1]}/${p[0]}` : iso || "";
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) {
    const td = document.createElement("td");
    if (c instanceof Node) td.append(c); else td.textContent = c;
    tr.append(td);
  }
  return tr;
}

$("find").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const q = f.get("q").trim();
  const table = $("found");
  table.replaceChildren();
  try {
    const people = /^[0-9]{12}$/.test(q)
      ? [await api("GET", `/api/v1/citizens/${q}`)]
      : (await api("GET", `/api/v1/units/${encodeURIComponent(f.get("unit"))}/citizens?name=${encodeURIComponent(q)}&limit=20`)).found;
    for (const p of people) {
      const b = document.createElement("button");
      b.textContent = "Mở hồ sơ";
      b.addEventListener("click", () => openApp(p.personal_id));
      table.append(row([p.personal_id, p.full_name, viDate(p.date_of_birth), p.permanent_address || "", b]));
    }
    if (people.length === 0) table.append(row(["Không tìm thấy"]));
    ok();
  } catch (err) { fail(err); }
});

// ---- 2. the application ----

// A request id for opening: a retry with it finds the same application. crypto.randomUUID
// needs a secure context, which a desk on plain HTTP in the field may not be.
function requestId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return "desk-" + Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function facts(a) {
  const dl = $("app-facts");
  dl.replaceChildren();
  const add = (k, v) => {
    const dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = k; dd.textContent = v; dl.append(dt, dd);
  };
  add("Công dân", a.personal_id);
  add("Loại", `${TYPE[a.type] || a.type}: ${a.type_reason}`);
  add("Trạng thái", STATE[a.state] || a.state);
  $("app-id").textContent = `số ${a.id}`;
}

async function openApp(pid) {
  try {
    app = await api("POST", "/api/v1/applications", { personal_id: pid, request_id: requestId() });
    facts(app);
    $("app").hidden = false;
    $("photo-result").textContent = "";
    $("submit-result").textContent = "";
    fingerRows();
    ok();
  } catch (err) { fail(err); }
}

// ---- 3 and 4. captures ----

function base64(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ""));
    r.onerror = () => reject(new Error("không đọc được tệp"));
    r.readAsDataURL(file);
  });
}

$("photo").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file || !app) return;
  const out = $("photo-result");
  out.textContent = "Đang kiểm tra…";
  try {
    const r = await api("POST", `/api/v1/applications/${app.id}/portrait`, { jpeg_base64: await base64(file) });
    out.textContent = `Ảnh đạt (${r.width}×${r.height}, lần ${r.attempt})`;
    out.dataset.verdict = "accept";
  } catch (err) { out.textContent = `Không đạt: ${err.message}`; out.dataset.verdict = "refused"; }
});

function fingerRows() {
  const t = $("fingers");
  t.replaceChildren();
  FINGERS.forEach((name, i) => {
    const n = i + 1;
    const input = document.createElement("input");
    input.type = "file"; input.accept = "image/png"; input.id = `finger-${n}`;
    input.setAttribute("aria-label", name);
    const result = document.createElement("span");
    result.id = `finger-${n}-result`; result.className = "result";
    const why = document.createElement("select");
    why.setAttribute("aria-label", `Lý do không lấy được: ${name}`);
    for (const [v, label] of [["", "Không lấy được…"], ["missing", "Mất ngón"], ["bandaged", "Băng bó"], ["amputated", "Cụt"]]) {
      const o = document.createElement("option"); o.value = v; o.textContent = label; why.append(o);
    }
    input.addEventListener("change", async () => {
      const file = input.files[0];
      if (!file) return;
      result.textContent = "Đang chấm…";
      try {
        const r = await api("POST", `/api/v1/applications/${app.id}/fingers/${n}`, { png_base64: await base64(file) });
        result.textContent = `${r.score}/100 · ${DECISION[r.decision] || r.decision} (lần ${r.attempt})`;
        result.dataset.decision = r.decision;
      } catch (err) { result.textContent = err.message; result.dataset.decision = "error"; }
    });
    why.addEventListener("change", async () => {
      if (!why.value) return;
      try {
        const r = await api("POST", `/api/v1/applications/${app.id}/fingers/${n}`, { exception: why.value });
        result.textContent = DECISION[r.decision] || r.decision;
        result.dataset.decision = r.decision;
      } catch (err) { result.textContent = err.message; }
    });
    t.append(row([name, input, why, result]));
  });
}

// ---- 5. submit ----

$("submit").addEventListener("click", async () => {
  if (!app) return;
  try {
    app = await api("POST", `/api/v1/applications/${app.id}/submit`);
    facts(app);
    $("submit-result").textContent = "Đã nộp: hồ sơ chờ duyệt.";
    ok();
  } catch (err) { $("submit-result").textContent = err.message; }
});

// ---- the supervisor's queue ----

$("queue-load").addEventListener("click", async () => {
  const t = $("queue-table");
  t.replaceChildren();
  try {
    const code = $("find").elements.unit.value || me.unit.code;
    const l = await api("GET", `/api/v1/units/${encodeURIComponent(code)}/applications?state=submitted`);
    for (const a of l.applications) {
      const yes = document.createElement("button"), no = document.createElement("button");
      yes.textContent = "Duyệt"; no.textContent = "Từ chối";
      const state = document.createElement("span");
      yes.addEventListener("click", async () => {
        try { state.textContent = STATE[(await api("POST", `/api/v1/applications/${a.id}/approve`)).state]; }
        catch (err) { state.textContent = err.message; }
      });
      no.addEventListener("click", async () => {
        const reason = prompt("Lý do từ chối");
        if (!reason) return;
        try { state.textContent = STATE[(await api("POST", `/api/v1/applications/${a.id}/reject`, { reason })).state]; }
        catch (err) { state.textContent = err.message; }
      });
      t.append(row([String(a.id), a.personal_id, TYPE[a.type] || a.type, yes, no, state]));
    }
    if (l.applications.length === 0) t.append(row(["Không có hồ sơ chờ duyệt"]));
    ok();
  } catch (err) { fail(err); }
});

start();
