// web/centre.js: the card centre's page's behaviour (centre.html). The centre (production.run)
// makes a batch of a unit's approved applications (POST /units/{code}/batches), opens a batch
// by its id (GET /batches/{id}: cards, produced, manifests) and dispatches it (POST
// /batches/{id}/dispatch); the API lists no unit's batches, so the page keeps the ids of the
// batches seen in this tab. A commune's officer or supervisor sees the manifests sent to the
// unit (GET /units/{code}/manifests, newest first, a page at a time) and confirms one received
// (POST /manifests/{id}/receive). Texts from the server go into the page as text.
"use strict";
let batch = null, manifests = [], nextBefore = null, mineCode = null;
const recent = JSON.parse(sessionStorage.getItem("cccd-batches") || "[]");

function fail(err) { $("ce-error").textContent = err ? err.message : ""; }
function said(text) { $("ce-result").textContent = text || ""; }

function unitOf(key) { return String(key || "").split("@")[0]; }
function stateText(s) { return I18N.vi["ce.s." + s] ? t("ce.s." + s) : s; }

// ---- batches (the centre) ----

function remember(id) {
  const i = recent.indexOf(id);
  if (i >= 0) recent.splice(i, 1);
  recent.unshift(id);
  recent.splice(20);
  sessionStorage.setItem("cccd-batches", JSON.stringify(recent));
  renderRecent();
}

function renderRecent() {
  $("recent").replaceChildren(...recent.map((id) =>
    el("li", {}, el("button", { type: "button", class: "link", onclick: () => openBatch(id) }, `${t("ce.batch")} ${id}`))));
}

async function openBatch(id) {
  fail(null); said("");
  try { showBatch(await api("GET", `/api/v1/batches/${id}`)); }
  catch (err) { fail(err); }
}

function showBatch(b) {
  batch = b;
  remember(b.id);
  renderBatch();
}

function manifestRows(list, withReceive) {
  return list.map((m) => {
    const got = m.received_at !== undefined && m.received_at !== null;
    const cells = [
      el("td", {}, String(m.id)), el("td", {}, String(m.batch)), el("td", {}, unitOf(m.unit_key)),
      el("td", {}, fmtNum(m.cards)), el("td", {}, fmtTime(m.created_at)),
      el("td", { class: "state" }, got ? fmtTime(m.received_at) : t("ce.waiting")),
      el("td", {}, got ? m.received_by : ""),
    ];
    if (withReceive)
      cells.push(el("td", {}, got || !can("application.write") ? "" :
        el("button", { type: "button", class: "receive", onclick: () => receive(m.id) }, t("ce.receive"))));
    return el("tr", { "data-id": String(m.id), class: got ? "received" : "" }, ...cells);
  });
}

const MANIFEST_HEADS = ["col.manifest", "col.batch", "col.unit", "col.cards", "col.sent", "col.received", "col.by"];

function renderBatch() {
  const box = $("batch");
  box.hidden = !batch;
  if (!batch) return;
  const b = batch;
  $("batch-title").textContent = `${t("ce.batch")} ${b.id} · ${b.unit}`;
  $("batch-facts").replaceChildren(
    el("dt", {}, t("ce.unit")), el("dd", {}, `${b.unit} (${b.unit_key})`),
    el("dt", {}, t("ce.state")), el("dd", { id: "batch-state", "data-state": b.state }, stateText(b.state)),
    el("dt", {}, t("ce.cards")), el("dd", { id: "batch-cards" }, fmtNum(b.cards)),
    el("dt", {}, t("ce.produced")), el("dd", { id: "batch-produced" }, `${fmtNum(b.produced)} / ${fmtNum(b.cards)}`),
    el("dt", {}, t("ce.created")), el("dd", {}, `${fmtTime(b.created_at)} ${t("ce.by")} ${b.created_by}`));
  const pct = b.cards ? 100 * b.produced / b.cards : 0;
  $("batch-meter").replaceChildren(el("div", { class: "bar", role: "meter", "aria-valuemin": "0",
    "aria-valuemax": String(b.cards), "aria-valuenow": String(b.produced), "aria-label": t("ce.produced") },
    el("span", { style: `width:${pct}%`, class: pct >= 100 ? "done" : "" })));
  $("dispatch").hidden = b.state !== "open";
  const ms = b.manifests || [];
  $("batch-manifests").replaceChildren(...(ms.length
    ? table(MANIFEST_HEADS, manifestRows(ms, false)).childNodes
    : [el("caption", {}, t("ce.none"))]));
}

$("new-batch").addEventListener("submit", async (e) => {
  e.preventDefault();
  fail(null); said("");
  const f = new FormData(e.target);
  const limit = Number(f.get("limit"));
  try {
    const b = await api("POST", `/api/v1/units/${encodeURIComponent(String(f.get("code")).trim())}/batches`,
      limit > 0 ? { limit } : {});
    showBatch(b.manifests ? b : await api("GET", `/api/v1/batches/${b.id}`));
    said(`${t("ce.created.ok")} ${b.id}: ${fmtNum(b.cards)} ${t("ce.cards").toLowerCase()}`);
  } catch (err) { fail(err); }
});

$("find-batch").addEventListener("submit", (e) => {
  e.preventDefault();
  openBatch(Number(new FormData(e.target).get("id")));
});

$("dispatch").addEventListener("click", async () => {
  if (!batch) return;
  fail(null); said("");
  try {
    showBatch(await api("POST", `/api/v1/batches/${batch.id}/dispatch`));
    said(t("ce.dispatched"));
  } catch (err) { fail(err); }
});

// ---- manifests (the receiving commune) ----

async function loadManifests(more) {
  fail(null);
  if (!more) { manifests = []; nextBefore = null; }
  try {
    const q = more && nextBefore ? `?before=${nextBefore}` : "";
    const r = await api("GET", `/api/v1/units/${encodeURIComponent(mineCode)}/manifests${q}`);
    manifests = manifests.concat(r.manifests);
    nextBefore = r.next_before;
    renderManifests();
  } catch (err) { fail(err); }
}

function renderManifests() {
  $("more").hidden = !nextBefore;
  const heads = can("application.write") ? [...MANIFEST_HEADS, "col.status"] : MANIFEST_HEADS;
  $("manifests").replaceChildren(...(manifests.length
    ? table(heads, manifestRows(manifests, can("application.write"))).childNodes
    : mineCode ? [el("caption", {}, t("ce.none"))] : []));
}

async function receive(id) {
  fail(null); said("");
  try {
    const m = await api("POST", `/api/v1/manifests/${id}/receive`);
    const i = manifests.findIndex((x) => x.id === m.id);
    if (i >= 0) manifests[i] = m;
    renderManifests();
    said(`${t("ce.received.ok")} ${m.id} (${fmtNum(m.cards)} ${t("ce.cards").toLowerCase()})`);
  } catch (err) { fail(err); }
}

$("mine").addEventListener("submit", (e) => {
  e.preventDefault();
  mineCode = String(new FormData(e.target).get("code")).trim();
  loadManifests(false);
});
$("more").addEventListener("click", () => loadManifests(true));

session({
  page: "centre",
  onReady() {
    const prod = can("production.run");
    $("production").hidden = !prod;
    $("receipt").hidden = !can("application.read");
    if (!prod && !can("application.read")) fail({ message: t("ce.noprod") });
    renderRecent();
    if (!$("mine").code.value && me.unit.code !== "VN") $("mine").code.value = me.unit.code;
    // a commune's own manifests at once; the centre (at VN) chooses a unit first
    if (!prod && $("mine").code.value) { mineCode = $("mine").code.value; loadManifests(false); }
  },
  onLang() { renderRecent(); renderBatch(); renderManifests(); },
});
