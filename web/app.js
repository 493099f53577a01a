// web/app.js: the first page's behaviour (index.html): the coverage of a unit with a line per
// unit below it, and a citizen's record by personal ID (a read the server audits). Signing in
// is session.js's; the texts are i18n.js's. Texts from the server go into the page as text,
// never as HTML.
"use strict";
let lastCoverage = null;

session({ page: "work", onReady: () => {}, onLang: () => { if (lastCoverage) coverage(lastCoverage); } });

function coverage(c) {
  lastCoverage = c;
  const head = ["ov.code", "ov.name", "ov.residents", "ov.eligible", "ov.valid", "ov.progress", "ov.remaining"];
  const rows = [c, ...c.children].map((l) => el("tr", {},
    el("td", {}, l.code), el("td", {}, l.name), el("td", {}, fmtNum(l.residents)),
    el("td", {}, fmtNum(l.eligible)), el("td", {}, fmtNum(l.valid_card)),
    el("td", {}, fmtNum(l.in_progress)), el("td", {}, fmtNum(l.remaining))));
  $("coverage-table").replaceChildren(
    el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, t(h)))), ...rows);
}

$("coverage").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const at = f.get("at") ? `?at=${f.get("at")}` : "";
  try {
    coverage(await api("GET", `/api/v1/units/${encodeURIComponent(f.get("code"))}/coverage${at}`));
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
    for (const [k, v] of Object.entries(r))
      if (v) dl.append(el("dt", {}, k), el("dd", {}, String(v)));
    $("work-error").textContent = "";
  } catch (err) { $("work-error").textContent = err.message; }
});
