// web/planner.js: the planner's page's behaviour (planner.html). After sign-in it shows a unit
// (the account's own at first) over a range of days: its points (GET /units/{code}/points)
// with each point's shifts, kits and capacity (GET /points/{id}/shifts); a plan of the unit
// (POST /units/{code}/plan: a dry run or written, counts and the days' fill; with "lists" the
// people it names); the unit's tickets a page at a time (GET /units/{code}/tickets) and their
// printed PDF, fetched with the token and offered through an object URL. Texts from the
// server go into the page as text, never as HTML.
"use strict";
const PAGE = 50;          // tickets a page
const SHIFT_DAYS = 62;    // the longest range GET /points/{id}/shifts answers
let view = null;          // {code, from, to, name, points: [POINT], shifts: {id: [...]}}
let plan = null, lists = null, tickets = null, tkOffset = 0, pdfUrl = null;

function fail(err) { $("pl-error").textContent = err ? err.message : ""; }

function pointName(id) {
  const p = view && view.points.find((x) => x.id === id);
  return p ? p.name : `#${id}`;
}

// ---- the unit and its points ----

async function load() {
  const f = new FormData($("pick"));
  const code = String(f.get("code")).trim(), from = f.get("from"), to = f.get("to");
  fail(null);
  plan = null; lists = null;
  $("plan").replaceChildren();
  $("lists").replaceChildren();
  try {
    const [pts, res] = await Promise.all([
      api("GET", `/api/v1/units/${encodeURIComponent(code)}/points`),
      api("GET", `/api/v1/units/${encodeURIComponent(code)}/resolve`).catch(() => null),
    ]);
    const name = res && res.units && res.units[0] ? res.units[0].name : "";
    view = { code, from, to, name, points: pts.points, shifts: {} };
    // every point's shifts at once for a commune; for a bigger unit each when opened
    if (view.points.length <= 10)
      await Promise.all(view.points.map((p) => loadShifts(p.id)));
    renderPoints();
    pointChoice();
    // the tickets name people (each is audited as read): listed on request, or after a plan
    tkOffset = 0;
    tickets = null;
    renderTickets();
  } catch (err) { view = null; renderPoints(); fail(err); }
}

async function loadShifts(id) {
  const last = addDays(view.from, SHIFT_DAYS - 1);
  const to = view.to < last ? view.to : last;
  const s = await api("GET", `/api/v1/points/${id}/shifts?from=${view.from}&to=${to}`);
  view.shifts[id] = s.shifts;
}

function shiftTable(id) {
  const rows = view.shifts[id];
  if (!rows.length) return el("p", { class: "muted" }, t("pl.shifts.none"));
  const total = rows.reduce((a, s) => a + s.capacity, 0);
  const tb = table(["col.day", "col.shift", "col.time", "col.kits", "col.capacity"],
    rows.map((s) => el("tr", {},
      el("td", {}, fmtDate(s.day)), el("td", {}, String(s.shift)), el("td", {}, s.time),
      el("td", {}, fmtNum(s.kits)), el("td", { class: "capacity" }, fmtNum(s.capacity)))),
    { class: "shifts" });
  tb.append(el("tfoot", {}, el("tr", {}, el("th", { scope: "row", colspan: "4" }, t("pl.total")),
    el("td", { class: "total-capacity" }, fmtNum(total)))));
  const box = el("div", { class: "scroll" }, tb);
  if (view.to > addDays(view.from, SHIFT_DAYS - 1)) box.append(el("p", { class: "muted" }, t("pl.shifts.cut")));
  return box;
}

function renderPoints() {
  const box = $("points");
  box.replaceChildren();
  $("unit-name").textContent = view ? `${view.name} (${view.code}) · ${fmtDate(view.from)} – ${fmtDate(view.to)}` : "";
  if (!view) return;
  if (!view.points.length) return box.append(el("p", { class: "muted" }, t("pl.points.none")));
  for (const p of view.points) {
    const body = el("div", {});
    const d = el("details", { class: "point", "data-id": String(p.id), open: !!view.shifts[p.id] },
      el("summary", {}, el("strong", {}, p.name), ` · ${t("pl.kind." + p.kind)} · ${p.unit}`),
      el("p", {}, `${p.address || ""} · ${fmtNum(p.people_per_kit_hour)} ${t("pl.perkit")}`,
        p.place ? ` · ${p.place} (${fmtDate(p.from)} – ${fmtDate(p.to)})` : ""),
      body);
    if (view.shifts[p.id]) body.append(shiftTable(p.id));
    else {
      body.append(el("p", { class: "muted" }, t("pl.shifts.later")));
      d.addEventListener("toggle", async () => {
        if (!d.open || view.shifts[p.id]) return;
        try { await loadShifts(p.id); body.replaceChildren(shiftTable(p.id)); }
        catch (err) { fail(err); }
      });
    }
    box.append(d);
  }
}

// ---- the plan ----

const COUNTS = ["remaining", "ticketed", "created", "kept", "moved", "elsewhere", "withdrawn",
  "home_visits", "referred", "referred_in", "untraced", "unplanned"];

async function runPlan(dryRun, withLists) {
  if (!view) return;
  fail(null);
  const buttons = ["plan-dry", "plan-run", "plan-lists"].map($);
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const body = { from: view.from, to: view.to, dry_run: dryRun };
    if (withLists) body.lists = true;
    const p = await api("POST", `/api/v1/units/${encodeURIComponent(view.code)}/plan`, body);
    plan = p;
    if (withLists) lists = p;
    renderPlan();
    if (withLists) renderLists();
    if (!dryRun) { tkOffset = 0; await loadTickets(); }
  } catch (err) { fail(err); }
  finally { buttons.forEach((b) => { b.disabled = false; }); }
}

function renderPlan() {
  const box = $("plan");
  box.replaceChildren();
  if (!plan) return;
  box.append(el("p", { class: "result" }, plan.dry_run ? t("pl.done.dry") : t("pl.done.run")));
  box.append(el("dl", { id: "plan-counts", class: "counts" },
    ...COUNTS.flatMap((k) => [el("dt", {}, t("pl.c." + k)),
      el("dd", { "data-count": k }, fmtNum(plan[k]))])));
  box.append(el("h3", {}, t("pl.byday")));
  box.append(el("div", { class: "scroll" }, table(["col.day", "col.point", "col.capacity", "col.tickets", "col.fill"],
    plan.shifts.map((d) => el("tr", {},
      el("td", {}, fmtDate(d.day)), el("td", {}, d.point_name),
      el("td", {}, fmtNum(d.capacity)), el("td", { class: "tickets" }, fmtNum(d.tickets)),
      el("td", { class: "fill" }, meter(d.capacity ? 100 * d.tickets / d.capacity : 0, d.point_name)))),
    { id: "plan-days" })));
}

function meter(percent, label) {
  const w = Math.max(0, Math.min(100, percent));
  return el("div", { class: "bar", role: "meter", "aria-valuemin": "0", "aria-valuemax": "100",
    "aria-valuenow": String(Math.round(w)), "aria-label": label },
    el("span", { style: `width:${w}%`, class: w >= 100 ? "done" : "" }));
}

function listSection(id, title, heads, rows, note) {
  return el("section", { id },
    el("h3", {}, `${t(title)} (${fmtNum(rows.length)})`),
    note ? el("p", { class: "muted" }, note) : null,
    rows.length ? el("div", { class: "scroll" }, table(heads, rows)) : el("p", { class: "muted" }, t("pl.none")));
}

function renderLists() {
  const box = $("lists");
  box.replaceChildren();
  if (!lists) return;
  const td = (s) => el("td", {}, s === undefined || s === null ? "" : String(s));
  box.append(listSection("list-home", "pl.home",
    ["col.pid", "col.name", "col.address", "col.group", "col.household", "col.temporary"],
    lists.home_visits_list.map((x) => el("tr", {}, td(x.personal_id), td(x.full_name), td(x.address),
      td(x.residential_group), td(x.household_id), td(x.temporary ? t("pl.yes") : "")))));
  box.append(listSection("list-referrals", "pl.ref",
    ["col.pid", "col.name", "col.commune", "col.status", "col.ticket", "col.day", "col.window"],
    lists.referrals.map((x) => el("tr", {}, td(x.personal_id), td(x.full_name), td(x.commune),
      td(t("pl.ref." + x.status)), td(x.ticket), td(x.ticket_day ? fmtDate(x.ticket_day) : ""), td(x.ticket_time)))));
  box.append(el("section", { id: "list-referred-in" },
    el("h3", {}, `${t("pl.refin")} (${fmtNum(lists.referred_in)})`),
    el("p", { class: "muted" }, t("pl.refin.note"))));
  box.append(listSection("list-untraced", "pl.untraced",
    ["col.pid", "col.name", "col.address", "col.group", "col.household"],
    lists.untraced_list.map((x) => el("tr", {}, td(x.personal_id), td(x.full_name), td(x.address),
      td(x.residential_group), td(x.household_id)))));
  box.append(el("section", { id: "list-unplanned" },
    el("h3", {}, `${t("pl.unplanned")} (${fmtNum(lists.unplanned_ids.length)})`),
    lists.unplanned_ids.length ? el("ul", { class: "ids" }, ...lists.unplanned_ids.map((id) => el("li", {}, id)))
      : el("p", { class: "muted" }, t("pl.none"))));
  box.append(listSection("list-moves", "pl.moves",
    ["col.ticket", "col.pid", "col.from", "col.to"],
    lists.moves.map((m) => el("tr", {}, td(m.ticket), td(m.personal_id),
      td(`${fmtDate(m.from_day)} ${m.from_time} · ${pointName(m.from_point)}`),
      td(m.to_point ? `${fmtDate(m.to_day)} ${m.to_time} · ${pointName(m.to_point)}` : "–")))));
}

// ---- tickets ----

function pointChoice() {
  const s = $("tk-point");
  const keep = s.value;
  s.replaceChildren(el("option", { value: "" }, t("pl.allpoints")),
    ...(view ? view.points : []).map((p) => el("option", { value: String(p.id) }, p.name)));
  s.value = keep && view && view.points.some((p) => String(p.id) === keep) ? keep : "";
}

function ticketQuery(limit) {
  const f = new FormData($("tk"));
  const q = new URLSearchParams({ offset: String(tkOffset), limit: String(limit) });
  if (f.get("on")) q.set("on", f.get("on"));
  if (f.get("point")) q.set("point", f.get("point"));
  return q.toString();
}

async function loadTickets() {
  if (!view) return;
  try {
    tickets = await api("GET", `/api/v1/units/${encodeURIComponent(view.code)}/tickets?${ticketQuery(PAGE)}`);
    renderTickets();
  } catch (err) { fail(err); }
}

function renderTickets() {
  const tb = $("tickets");
  tb.replaceChildren();
  if (!tickets) {
    $("tickets-total").textContent = view ? t("pl.tickets.ask") : "";
    $("tk-prev").disabled = true;
    $("tk-next").disabled = true;
    return;
  }
  const n = tickets.tickets.length;
  $("tickets-total").textContent = tickets.total
    ? `${fmtNum(tickets.offset + 1)}–${fmtNum(tickets.offset + n)} / ${fmtNum(tickets.total)} ${t("pl.ntickets")}`
    : t("pl.tickets.none");
  $("tk-prev").disabled = tickets.offset === 0;
  $("tk-next").disabled = tickets.next_offset === undefined;
  $("pdf").disabled = tickets.total === 0;
  const fresh = table(["col.ticket", "col.pid", "col.point", "col.day", "col.shift", "col.window"],
    tickets.tickets.map((k) => el("tr", { "data-ticket": k.ticket },
      el("td", {}, k.ticket), el("td", {}, k.personal_id), el("td", {}, pointName(k.point)),
      el("td", {}, fmtDate(k.day)), el("td", {}, String(k.shift)), el("td", {}, k.window))));
  tb.replaceChildren(...fresh.childNodes);
}

async function downloadPdf() {
  if (!view) return;
  fail(null);
  const link = $("pdf-link");
  link.hidden = true;
  $("pdf").disabled = true;
  $("tickets-total").dataset.busy = "1";
  try {
    const blob = await apiBlob(`/api/v1/units/${encodeURIComponent(view.code)}/tickets.pdf?${ticketQuery(500)}`);
    if (pdfUrl) URL.revokeObjectURL(pdfUrl);
    pdfUrl = URL.createObjectURL(blob);
    link.href = pdfUrl;
    link.download = `phieu-hen-${view.code}-${tkOffset + 1}.pdf`;
    link.textContent = `${t("pl.pdf.open")} (${fmtNum(Math.round(blob.size / 1024))} KB)`;
    link.hidden = false;
    link.focus();
  } catch (err) { fail(err); }
  finally { $("pdf").disabled = false; delete $("tickets-total").dataset.busy; }
}

// ---- wiring ----

$("pick").addEventListener("submit", (e) => { e.preventDefault(); load(); });
$("plan-dry").addEventListener("click", () => runPlan(true, false));
$("plan-run").addEventListener("click", () => runPlan(false, false));
$("plan-lists").addEventListener("click", () => runPlan(true, true));
$("tk").addEventListener("submit", (e) => { e.preventDefault(); tkOffset = 0; loadTickets(); });
$("tk-prev").addEventListener("click", () => { tkOffset = Math.max(0, tkOffset - PAGE); loadTickets(); });
$("tk-next").addEventListener("click", () => {
  if (tickets && tickets.next_offset !== undefined) { tkOffset = tickets.next_offset; loadTickets(); }
});
$("pdf").addEventListener("click", downloadPdf);

session({
  page: "planner",
  onReady() {
    const f = $("pick");
    if (!f.code.value) f.code.value = me.unit.code;
    if (!f.from.value) f.from.value = today();
    if (!f.to.value) f.to.value = addDays(f.from.value, 6);
    load();
  },
  onLang() {
    if (!view) return;
    const pdfShown = !$("pdf-link").hidden;
    renderPoints(); pointChoice(); renderPlan(); renderLists(); renderTickets();
    $("pdf-link").hidden = !pdfShown;
  },
});
