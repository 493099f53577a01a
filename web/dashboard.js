// web/dashboard.js: the commander's dashboard's behaviour (dashboard.html). It signs in, then
// shows a unit (the account's own at first) from the API: GET /units/{code}/progress (the
// unit and each unit below it, with their coverage, the daily counts and the forecast's
// projection) and /incidents; /advice when the commander asks for it. Clicking a unit below
// drills down; the path is kept in the address (#/VN/33/12452), so a reload or a shared link
// opens the same unit. The page refreshes itself every minute while it is visible; the unit's
// daily and weekly reports download from it. Texts from the server go into the page as text,
// never as HTML.
"use strict";
// $, token, me, api(), apiBlob(), el() and the sign-in: session.js
let chart = null, last = null, loading = 0, advice = null;
const names = JSON.parse(sessionStorage.getItem("cccd-unit-names") || "{}");

function fail(err) { $("dash-error").textContent = err ? err.message : ""; }

// ---- the path: #/VN/33/12452 ----

function path() {
  const p = location.hash.replace(/^#\/?/, "").split("/").filter((c) => /^(VN|[0-9]{2,5})$/.test(c));
  if (p.length) return p;
  return [me && me.unit ? me.unit.code : "VN"];
}

function go(codes) { location.hash = "#/" + codes.join("/"); }

function remember(code, name) {
  names[code] = name;
  sessionStorage.setItem("cccd-unit-names", JSON.stringify(names));
}

function crumbs(codes) {
  const nav = $("crumbs");
  nav.replaceChildren();
  codes.forEach((c, i) => {
    if (i) nav.append(" › ");
    const label = c === "VN" ? t("nation") : names[c] || c;
    nav.append(i === codes.length - 1
      ? el("strong", { "aria-current": "page" }, label)
      : el("a", { href: "#/" + codes.slice(0, i + 1).join("/") }, label));
  });
}

// ---- sign in and out (session.js), the date, refreshing ----

session({ page: "dash", onReady: load, onLang: () => { if (last) render(last); showAdvice(); } });
$("when").addEventListener("submit", (e) => { e.preventDefault(); load(); });
window.addEventListener("hashchange", () => { if (me) load(); });
setInterval(() => { if (me && !document.hidden) load(); }, 60000);
window.addEventListener("resize", () => { if (last) drawChart(last.p); });

// ---- loading a unit ----

async function optional(p) {
  try { return await p; } catch (err) { return { error: err }; }
}

async function load() {
  const codes = path(), code = codes[codes.length - 1];
  const date = new FormData($("when")).get("date");
  const q = date ? `?date=${date}` : "";
  const mine = ++loading;
  crumbs(codes);
  try {
    const [p, inc] = await Promise.all([
      api("GET", `/api/v1/units/${code}/progress${q}`),
      optional(api("GET", `/api/v1/units/${code}/incidents`)),
    ]);
    if (mine !== loading) return; // a later load overtook this one
    remember(code, p.unit.name);
    for (const c of p.children) remember(c.code, c.name);
    if (!advice || advice.code !== code) advice = { code, answer: null };
    last = { codes, p, inc };
    fail(null);
    render(last);
  } catch (err) {
    if (mine === loading) fail(err);
  }
}

// ---- drawing ----

function bar(percent, label) {
  const w = Math.max(0, Math.min(100, percent || 0));
  return el("div", { class: "bar", role: "meter", "aria-valuemin": "0", "aria-valuemax": "100",
    "aria-valuenow": String(Math.round(w)), "aria-label": label },
    el("span", { style: `width:${w}%`, class: percent >= 100 ? "done" : "" }));
}

function status(r) {
  if (r.over_quota) return el("span", { class: "badge ok" }, t("status.over"));
  if (r.forecast && r.forecast.at_risk) return el("span", { class: "badge risk" }, t("status.risk"));
  if (r.quota) return el("span", { class: "badge" }, t("status.ok"));
  return "";
}

function card(title, ...body) {
  return el("div", { class: "card" }, el("h3", {}, title), ...body);
}

function render({ codes, p, inc }) {
  crumbs(codes);
  const u = p.unit;
  $("unit-name").textContent = `${u.name} (${u.code})`;
  $("updated").textContent = new Date().toLocaleTimeString(LANG === "vi" ? "vi-VN" : "en-GB");
  // the cards
  const s = $("summary");
  s.replaceChildren();
  const q = u.quota;
  s.append(card(t("sum.received"),
    el("p", { class: "big", id: "received-total" }, fmtNum(u.received.total)),
    el("p", {}, `${fmtNum(u.received.day)} ${t("sum.today")}`),
    q ? el("p", {}, `${t("sum.quota")} ${fmtNum(q.target)} · ${t("sum.by")} ${fmtDate(q.deadline)}`)
      : el("p", { class: "muted" }, t("sum.noquota")),
    q ? bar(q.percent, t("sum.quota")) : null,
    q ? el("p", {}, fmtPct(q.percent)) : null));
  s.append(card(`${t("sum.approved")} · ${t("sum.produced")} · ${t("sum.delivered")}`,
    el("p", { class: "big" }, `${fmtNum(u.approved.total)} · ${fmtNum(u.produced.total)} · ${fmtNum(u.delivered.total)}`),
    el("p", {}, `${t("sum.today")}: ${fmtNum(u.approved.day)} · ${fmtNum(u.produced.day)} · ${fmtNum(u.delivered.day)}`)));
  const f = u.forecast;
  s.append(card(t("sum.finish"),
    el("p", { class: "big" }, f.finish ? fmtDate(f.finish) : t("sum.none")),
    el("p", {}, `${t("sum.rate")}: ${fmtNum(f.rate7, 1)}${t("sum.perday")}`),
    status(u)));
  if (u.campaign) {
    const c = u.campaign;
    s.append(card(`${t("sum.campaign")}: ${c.name}`,
      el("p", { class: "big" }, `${fmtNum(c.received)} / ${fmtNum(c.target)}`),
      el("p", {}, `${fmtDate(c.from)} – ${fmtDate(c.to)}`),
      bar(c.percent, t("sum.campaign")), el("p", {}, fmtPct(c.percent))));
  }
  // received by type, by kind of point and by shift: so far (today)
  const split = (title, counts, prefix) => el("p", {}, el("strong", {}, `${t(title)}: `),
    Object.entries(counts || {}).map(([k, v]) => `${t(prefix + k)} ${fmtNum(v.total)} (${fmtNum(v.day)})`).join(" · ") || "–");
  s.append(card(t("sum.breakdown"),
    split("sum.by_type", u.received.by_type, "type."),
    split("sum.by_point", u.received.by_point, "point."),
    split("sum.by_shift", u.received.by_shift, "shift.")));
  const cu = u.coverage;
  if (cu) {
    s.append(card(t("sum.coverage"),
      el("p", { class: "big" }, `${fmtNum(cu.remaining)} ${t("sum.remaining")}`),
      el("p", {}, `${fmtNum(cu.eligible)} ${t("sum.eligible")} · ${fmtNum(cu.valid_card)} ${t("sum.valid")}`),
      bar(cu.eligible ? 100 * (cu.eligible - cu.remaining) / cu.eligible : 0, t("sum.coverage"))));
  }
  drawChart(p);
  ranking(codes, p);
  lists(codes, p, inc);
}

// The chart: the 28 days up to the day (bars) and the forecast's days ahead (dashed), per day
// on the left scale; the cumulative count and its forecast against the quota on the right.
function drawChart(p) {
  const u = p.unit, day0 = Date.parse(p.date + "T00:00:00Z") / 1000, D = 86400;
  const ahead = (u.forecast.projection || []).length;
  const xs = [], daily = [], proj = [], cum = [], cumAhead = [], quota = [];
  const total = u.received.total;
  let before = total;
  const past = [];
  for (let i = 27; i >= 0; i--) { past[i] = before; before -= u.daily[i]; }
  for (let i = 0; i < 28; i++) {
    xs.push(day0 - (27 - i) * D);
    daily.push(u.daily[i]); proj.push(null); cum.push(past[i]);
    cumAhead.push(i === 27 ? total : null);
    quota.push(u.quota ? u.quota.target : null);
  }
  let run = total;
  for (let i = 0; i < ahead; i++) {
    run += u.forecast.projection[i];
    xs.push(day0 + (i + 1) * D);
    daily.push(null); proj.push(u.forecast.projection[i]); cum.push(null);
    cumAhead.push(Math.round(run)); quota.push(u.quota ? u.quota.target : null);
  }
  const box = $("chart");
  const width = Math.max(300, box.clientWidth || 800);
  const opts = {
    width, height: 300,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "UTC"),
    legend: { live: false },
    scales: { x: { time: true }, n: { auto: true }, c: { auto: true } },
    axes: [
      { values: (self, ticks) => ticks.map((v) => { const d = new Date(v * 1000); return `${d.getUTCDate()}/${d.getUTCMonth() + 1}`; }) },
      { scale: "n", label: t("chart.perday"), values: (self, ticks) => ticks.map((v) => fmtNum(v)) },
      { scale: "c", side: 1, label: t("chart.cumulative"), grid: { show: false }, values: (self, ticks) => ticks.map((v) => fmtNum(v)) },
    ],
    series: [
      { value: (self, v) => v === null ? "" : fmtDate(new Date(v * 1000).toISOString().slice(0, 10)) },
      { label: t("chart.daily"), scale: "n", stroke: "#8b0000", fill: "rgba(139,0,0,.35)", paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false } },
      { label: t("chart.projected"), scale: "n", stroke: "#8b0000", dash: [4, 4], fill: "rgba(139,0,0,.08)", paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false } },
      { label: t("chart.total"), scale: "c", stroke: "#1b4f9c", width: 2, points: { show: false } },
      { label: t("chart.total_ahead"), scale: "c", stroke: "#1b4f9c", dash: [6, 4], width: 2, points: { show: false } },
      { label: t("chart.quota"), scale: "c", stroke: "#2e7d32", width: 1, points: { show: false } },
    ],
  };
  if (chart) chart.destroy();
  box.replaceChildren();
  chart = new uPlot(opts, [xs, daily, proj, cum, cumAhead, quota], box);
  $("chart-text").textContent =
    `${t("chart.daily")} (28 ${t("days")}): ${fmtNum(u.daily.reduce((a, b) => a + b, 0))}; ` +
    `${t("sum.finish")}: ${u.forecast.finish ? fmtDate(u.forecast.finish) : t("sum.none")}` +
    (u.quota ? `; ${t("chart.quota")}: ${fmtNum(u.quota.target)} (${t("sum.by")} ${fmtDate(u.quota.deadline)})` : "");
}

function ranking(codes, p) {
  const table = $("ranking");
  table.replaceChildren();
  if (!p.children.length) {
    table.append(el("caption", {}, t("rank.none")));
    return;
  }
  const head = ["rank.rank", "rank.unit", "rank.total", "rank.today", "rank.quota", "rank.percent",
    "rank.rate", "rank.finish", "rank.remaining", "rank.status"];
  table.append(el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, t(h))))));
  const rows = [...p.children].sort((a, b) =>
    (a.rank || 1e9) - (b.rank || 1e9) || b.received.total - a.received.total || a.code.localeCompare(b.code));
  const body = el("tbody");
  for (const r of rows) {
    const c = r.coverage;
    body.append(el("tr", { "data-code": r.code, class: r.forecast.at_risk ? "risk" : "" },
      el("td", {}, r.rank ? String(r.rank) : "–"),
      el("td", {}, el("a", { href: "#/" + [...codes, r.code].join("/") }, r.name), el("small", {}, ` ${r.code}`)),
      el("td", { class: "received" }, fmtNum(r.received.total)),
      el("td", {}, fmtNum(r.received.day)),
      el("td", {}, r.quota ? fmtNum(r.quota.target) : "–"),
      el("td", { class: "pct" }, r.quota ? bar(r.quota.percent, r.name) : "", r.quota ? fmtPct(r.quota.percent) : ""),
      el("td", {}, fmtNum(r.forecast.rate7, 1)),
      el("td", {}, r.forecast.finish ? fmtDate(r.forecast.finish) : "–"),
      el("td", {}, c ? fmtNum(c.remaining) : "–"),
      el("td", {}, status(r))));
  }
  table.append(body);
}

function age(seconds) {
  return seconds >= 2 * 86400 ? `${fmtNum(Math.floor(seconds / 86400))} ${t("days")}`
    : `${fmtNum(Math.floor(seconds / 3600))} ${t("hours")}`;
}

function lists(codes, p, inc) {
  const byCode = Object.fromEntries(p.children.map((c) => [c.code, c]));
  const link = (code) => el("a", { href: "#/" + [...codes, code].join("/") }, names[code] || code);
  const fill = (id, items, none) => {
    const l = $(id);
    l.replaceChildren(...(items.length ? items : [el("li", { class: "muted" }, none)]));
  };
  fill("risk", p.children.filter((c) => c.forecast.at_risk).map((c) => el("li", {}, link(c.code),
    ` · ${fmtNum(c.received.total)} / ${fmtNum(c.quota.target)} · ${t("sum.by")} ${fmtDate(c.quota.deadline)}` +
    ` · ${t("sum.finish")} ${c.forecast.finish ? fmtDate(c.forecast.finish) : t("sum.none")}`)), t("risk.none"));
  fill("honour-units", p.commendations.units.map((code) => el("li", {}, link(code),
    byCode[code] ? ` · ${fmtPct(byCode[code].quota.percent)}` : "")), t("honours.none"));
  fill("honour-officers", p.commendations.officers.map((o) => el("li", {}, `${o.name} · ${fmtNum(o.received)}`)),
    t("honours.none"));
  if (inc && inc.error) fill("incidents", [el("li", { class: "muted" }, inc.error.message)], "");
  else fill("incidents", (inc.incidents || []).map((i) => el("li", { "data-id": String(i.id) },
    el("strong", {}, t("inc." + i.kind)), ` · ${i.unit_name || names[i.unit] || i.unit} · ${i.place} · `,
    `${t("inc." + i.state)} ${t("inc.age")} ${age(i.age_seconds)}`, i.note ? el("br") : null, i.note || null)),
    t("inc.none"));
  showAdvice();
}

// Resource advice is computed when the commander asks (computing stores a new set of
// proposals, replacing the unit's open ones), not on every refresh.
async function computeAdvice() {
  const code = advice.code, date = new FormData($("when")).get("date");
  try {
    advice.answer = await api("GET", `/api/v1/units/${code}/advice${date ? `?date=${date}` : ""}`);
  } catch (err) {
    advice.answer = { error: err };
  }
  showAdvice();
}

// A proposal's reason in the page's language, from its numbers (the server's own reason, in
// English with Vietnamese numbers, is kept as the element's title).
function reason(pr) {
  const a = pr.to, d = pr.from;
  if (!a || !d || a.days_left == null) return pr.reason;
  const deadline = addDays(pr.date, a.days_left - 1);
  const giver = d.reserve ? t("adv.r_held")
    : !d.quota ? t("adv.r_noquota")
    : d.remaining <= 0 ? t("adv.r_done")
      : t("adv.r_spare").replace("{n}", fmtNum(d.capacity_before - d.needed_per_day));
  return t("adv.r")
    .replace("{to}", a.name).replace("{rem}", fmtNum(a.remaining)).replace("{by}", fmtDate(deadline))
    .replace("{days}", fmtNum(a.days_left)).replace("{need}", fmtNum(a.needed_per_day))
    .replace("{cap}", fmtNum(a.capacity_before)).replace("{kits}", fmtNum(a.kits_before))
    .replace("{offs}", fmtNum(a.officers_before)).replace("{what}", t("adv.what_" + pr.kind))
    .replace("{from}", d.reserve ? t("adv.r_reserve").replace("{unit}", d.name)
      : d.name + (pr.neighbour ? t("adv.r_neighbour") : ""))
    .replace("{giver}", giver).replace("{after}", fmtNum(a.capacity_after))
    .replace("{end}", t(a.meets_after ? "adv.r_meets" : "adv.r_short"));
}

function showAdvice() {
  const list = $("advice"), a = advice && advice.answer;
  if (!a) {
    list.replaceChildren(el("li", { class: "muted hint" }, t("adv.hint")));
    return;
  }
  if (a.error) {
    list.replaceChildren(el("li", { class: "muted" }, a.error.status === 403 ? t("adv.noperm") : a.error.message));
    return;
  }
  const props = a.proposals || [];
  list.replaceChildren(...(props.length ? props.map((pr) => el("li",
    { "data-id": String(pr.id), "data-serial": pr.serial, "data-to": pr.to && pr.to.code },
    el("p", { title: pr.reason }, reason(pr)),
    pr.state !== "proposed" ? el("em", {}, t("adv." + pr.state))
      : el("span", {},
        el("button", { type: "button", onclick: () => decide(pr, "accept") }, t("adv.accept")), " ",
        el("button", { type: "button", onclick: () => decide(pr, "dismiss") }, t("adv.dismiss")))))
    : [el("li", { class: "muted" }, t("adv.none"))]));
}

async function decide(pr, what) {
  try {
    Object.assign(pr, await api("POST", `/api/v1/advice/${pr.id}/${what}`));
    fail(null);
    showAdvice();
    load();
  } catch (err) { fail(err); }
}

$("advice-go").addEventListener("click", computeAdvice);

// The unit's daily or weekly report (docs/reports.md) as a file, fetched with the token.
async function report(kind, format) {
  const code = path()[path().length - 1], date = new FormData($("when")).get("date");
  const q = kind === "daily" ? (date ? `date=${date}&` : "") : (date ? `week_of=${date}&` : "");
  try {
    const blob = await apiBlob(`/api/v1/units/${code}/reports/${kind}?${q}format=${format}`);
    const a = el("a", { href: URL.createObjectURL(blob),
      download: `${kind === "daily" ? "bao-cao-ngay" : "bao-cao-tuan"}-${code}-${date || today()}.${format}` });
    document.body.append(a);
    a.click();
    a.remove();
    fail(null);
  } catch (err) { fail(err); }
}

for (const b of document.querySelectorAll("#reports button"))
  b.addEventListener("click", () => report(b.dataset.kind, b.dataset.format));
