// web/session.js: what the signed-in pages (index.html, dashboard.html, desk.html,
// planner.html, centre.html) share, so that each page's script holds only its own work: the
// sign-in form and the token in this tab's sessionStorage (one sign-in serves every page of
// the tab), the api() helper that turns a problem document
// into an Error carrying its `detail`, a blob download with the token (a plain link cannot
// carry it), el() to build the DOM with server text as text (never HTML), and Vietnam's day.
// Loaded after i18n.js and before the page's own script.
"use strict";
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("cccd-token");
let me = null;

async function problem(r) {
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  const e = new Error((data && (data.detail || data.title)) || r.statusText || String(r.status));
  e.status = r.status;
  e.code = data && data.code;
  return e;
}

async function api(method, path, body) {
  const headers = {};
  if (token) headers.Authorization = "Bearer " + token;
  if (body) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  if (!r.ok) throw await problem(r);
  const text = await r.text();
  return text ? JSON.parse(text) : null;
}

// A document the server makes (the tickets' PDF) as a Blob, fetched with the token.
async function apiBlob(path) {
  const r = await fetch(path, { headers: token ? { Authorization: "Bearer " + token } : {} });
  if (!r.ok) throw await problem(r);
  return r.blob();
}

// An element with attributes and children (strings become text nodes).
function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

// A table with column headers (keys of the i18n table) and rows of cells.
function table(heads, rows, attrs = {}) {
  return el("table", attrs,
    el("thead", {}, el("tr", {}, ...heads.map((h) => el("th", { scope: "col" }, t(h))))),
    el("tbody", {}, ...rows));
}

// Today on Vietnam's calendar (UTC+7), and ISO days on from it.
function today() { return new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10); }
function addDays(iso, n) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function can(perm) { return !!(me && me.permissions && me.permissions.includes(perm)); }

// Wires the header and the sign-in form. `page` is the element shown once signed in;
// onReady() runs after a sign-in (or with a token kept from before), onLang() after the
// language switch (to redraw what the page built).
function session({ page, onReady, onLang }) {
  function show(signedIn) {
    $("login").hidden = signedIn;
    $(page).hidden = !signedIn;
    $("logout").hidden = !signedIn;
    $("who").textContent = me ? `${me.username} · ${me.role} · ${me.unit.name}` : "";
  }
  $("login").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    try {
      const s = await api("POST", "/api/v1/login", { username: f.get("username"), password: f.get("password") });
      token = s.token;
      sessionStorage.setItem("cccd-token", token);
      me = await api("GET", "/api/v1/me"); // with the permissions
      $("login-error").textContent = "";
      show(true);
      onReady();
    } catch (err) { $("login-error").textContent = err.message; }
  });
  $("logout").addEventListener("click", async () => {
    try { await api("POST", "/api/v1/logout"); } catch { /* the session ends either way */ }
    token = null; me = null;
    sessionStorage.removeItem("cccd-token");
    show(false);
  });
  $("lang").addEventListener("click", () => { switchLang(); if (me && onLang) onLang(); });
  (async () => {
    applyI18n();
    if (!token) return show(false);
    try { me = await api("GET", "/api/v1/me"); }
    catch { token = null; sessionStorage.removeItem("cccd-token"); return show(false); }
    show(true);
    onReady();
  })();
}
