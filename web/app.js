// web/app.js: the first page's behaviour: log in, keep the token for this tab only, call the
// API with it, and show its problem documents' detail when something is refused.
"use strict";
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("cccd-token");

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

function show(signedIn, me) {
  $("login").hidden = signedIn;
  $("work").hidden = !signedIn;
  $("logout").hidden = !signedIn;
  $("who").textContent = me ? `${me.username} · ${me.role} · ${me.unit.name}` : "";
}

async function start() {
  if (!token) return show(false);
  try { show(true, await api("GET", "/api/v1/me")); }
  catch { token = null; sessionStorage.removeItem("cccd-token"); show(false); }
}

$("login").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  try {
    const s = await api("POST", "/api/v1/login", { username: f.get("username"), password: f.get("password") });
    token = s.token;
    sessionStorage.setItem("cccd-token", token);
    $("login-error").textContent = "";
    show(true, s.account);
  } catch (err) { $("login-error").textContent = err.message; }
});

$("logout").addEventListener("click", async () => {
  try { await api("POST", "/api/v1/logout"); } catch { /* the session is ended either way */ }
  token = null;
  sessionStorage.removeItem("cccd-token");
  show(false);
});

const n = (v) => v.toLocaleString("vi-VN");

$("coverage").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const at = f.get("at") ? `?at=${f.get("at")}` : "";
  try {
    const c = await api("GET", `/api/v1/units/${encodeURIComponent(f.get("code"))}/coverage${at}`);
    const rows = [c, ...c.children].map((l) =>
      `<tr><td>${l.code}</td><td></td><td>${n(l.residents)}</td><td>${n(l.eligible)}</td>` +
      `<td>${n(l.valid_card)}</td><td>${n(l.in_progress)}</td><td>${n(l.remaining)}</td></tr>`);
    $("coverage-table").innerHTML =
      "<tr><th>Mã</th><th>Đơn vị</th><th>Cư trú</th><th>Đủ tuổi</th><th>Có thẻ</th><th>Đang làm</th><th>Còn lại</th></tr>" + rows.join("");
    // names go in as text, never as HTML
    [c, ...c.children].forEach((l, i) => { $("coverage-table").rows[i + 1].cells[1].textContent = l.name; });
    $("work-error").textContent = "";
  } catch (err) { $("work-error").textContent = err.message; }
});

$("citizen").addEventListener("submit", async (e) => {
  e.preventDefault();
  const id = new FormData(e.target).get("id");
  const dl = $("citizen-record");
  dl.replaceChildren();
  try {
    const r = await api("GET", `/api/v1/citizens/${encodeURIComponent(id)}`);
    for (const [k, v] of Object.entries(r)) {
      if (!v) continue;
      const dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = k;
      dd.textContent = v;
      dl.append(dt, dd);
    }
    $("work-error").textContent = "";
  } catch (err) { $("work-error").textContent = err.message; }
});

start();
