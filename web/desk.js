// web/desk.js: the desk page's behaviour (desk.html). The officer finds a person, opens the
// application (a request id made here, so a retry never opens a second one), uploads the
// portrait and each print as soon as it is chosen and sees its verdict or score at once, then
// submits; a supervisor sees the unit's submitted applications and approves or rejects them.
// Texts from the server go into the page as text, never as HTML; the page's own are in i18n.js.
"use strict";
// $, token, me, api(), el() and the sign-in: session.js; texts: i18n.js
let app = null;

function fail(err) { $("desk-error").textContent = err.message; }
function ok() { $("desk-error").textContent = ""; }

session({
  page: "desk",
  onReady: () => {
    $("find").elements.unit.value = me.unit.code === "VN" ? "" : me.unit.code;
    $("queue").hidden = me.role !== "supervisor";
  },
  onLang: () => { if (app) facts(app); },
});

// ---- 1. find ----

// A date of birth (full or partial) in the language's format: 24/3/2021, 3/2021 or 2021.
function birthDate(iso) {
  const p = (iso || "").split("-").map(Number);
  return p.length === 3 ? fmtDate(iso) : p.length === 2 ? `${p[1]}/${p[0]}` : iso || "";
}

// A cell whose text follows the language (applyI18n redraws it on the switch).
function tr(key) { return el("span", { "data-i18n": key }, t(key)); }

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
      b.textContent = t("desk.open");
      b.addEventListener("click", () => openApp(p.personal_id));
      table.append(row([p.personal_id, p.full_name, birthDate(p.date_of_birth), p.permanent_address || "", b]));
    }
    if (people.length === 0) table.append(row([tr("desk.none")]));
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
  add(t("desk.citizen"), a.personal_id);
  add(t("desk.type"), `${t("type." + a.type)}: ${a.type_reason}`);
  add(t("desk.state"), t("state." + a.state));
  $("app-id").textContent = `${t("desk.no")} ${a.id}`;
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
    r.onerror = () => reject(new Error(t("desk.unreadable")));
    r.readAsDataURL(file);
  });
}

$("photo").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file || !app) return;
  const out = $("photo-result");
  out.textContent = t("desk.checking");
  try {
    const r = await api("POST", `/api/v1/applications/${app.id}/portrait`, { jpeg_base64: await base64(file) });
    out.textContent = `${t("desk.photo_ok")} (${r.width}×${r.height}, ${t("desk.attempt")} ${r.attempt})`;
    out.dataset.verdict = "accept";
  } catch (err) { out.textContent = `${t("desk.photo_bad")}: ${err.message}`; out.dataset.verdict = "refused"; }
});

function fingerRows() {
  const table = $("fingers");
  table.replaceChildren();
  for (let n = 1; n <= 10; n++) {
    const name = t(`finger.${n}`);
    const input = el("input", { type: "file", accept: "image/png", id: `finger-${n}`, "aria-label": name });
    const result = el("span", { id: `finger-${n}-result`, class: "result" });
    const why = el("select", { "aria-label": `${t("exc.label")}: ${name}` },
      ...["none", "missing", "bandaged", "amputated"].map((v) =>
        el("option", { value: v === "none" ? "" : v, "data-i18n": `exc.${v}` }, t(`exc.${v}`))));
    input.addEventListener("change", async () => {
      const file = input.files[0];
      if (!file) return;
      result.textContent = t("desk.scoring");
      try {
        const r = await api("POST", `/api/v1/applications/${app.id}/fingers/${n}`, { png_base64: await base64(file) });
        result.textContent = `${r.score}/100 · ${t("decision." + r.decision)} (${t("desk.attempt")} ${r.attempt})`;
        result.dataset.decision = r.decision;
      } catch (err) { result.textContent = err.message; result.dataset.decision = "error"; }
    });
    why.addEventListener("change", async () => {
      if (!why.value) return;
      try {
        const r = await api("POST", `/api/v1/applications/${app.id}/fingers/${n}`, { exception: why.value });
        result.textContent = t("decision." + r.decision);
        result.dataset.decision = r.decision;
      } catch (err) { result.textContent = err.message; }
    });
    table.append(row([tr(`finger.${n}`), input, why, result]));
  }
}

// ---- 5. submit ----

$("submit").addEventListener("click", async () => {
  if (!app) return;
  try {
    app = await api("POST", `/api/v1/applications/${app.id}/submit`);
    facts(app);
    $("submit-result").textContent = t("desk.submitted");
    ok();
  } catch (err) { $("submit-result").textContent = err.message; }
});

// ---- the supervisor's queue ----

$("queue-load").addEventListener("click", async () => {
  const table = $("queue-table");
  table.replaceChildren();
  try {
    const code = $("find").elements.unit.value || me.unit.code;
    const l = await api("GET", `/api/v1/units/${encodeURIComponent(code)}/applications?state=submitted`);
    for (const a of l.applications) {
      const state = el("span");
      const yes = el("button", { type: "button", onclick: async () => {
        try { state.textContent = t("state." + (await api("POST", `/api/v1/applications/${a.id}/approve`)).state); }
        catch (err) { state.textContent = err.message; }
      } }, t("desk.approve"));
      const no = el("button", { type: "button", onclick: async () => {
        const reason = prompt(t("desk.reject_reason"));
        if (!reason) return;
        try { state.textContent = t("state." + (await api("POST", `/api/v1/applications/${a.id}/reject`, { reason })).state); }
        catch (err) { state.textContent = err.message; }
      } }, t("desk.reject"));
      table.append(row([String(a.id), a.personal_id, t("type." + a.type), yes, no, state]));
    }
    if (l.applications.length === 0) table.append(row([tr("desk.queue_empty")]));
    ok();
  } catch (err) { fail(err); }
});
