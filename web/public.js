// web/public.js: the public pages' behaviour (schedule.html, appointment.html), no login and no
// token: show a unit's schedule day by day with its Atom feed, and look up one's own
// appointment. Every value from the server goes in as text, never as HTML; the page's own
// texts are i18n.js's.
"use strict";
const el = (id) => document.getElementById(id);
let redraw = null; /* what to draw again after the language switch */

applyI18n();
el("lang").addEventListener("click", () => { switchLang(); if (redraw) redraw(); });

async function call(method, path, body) {
  const r = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await r.json().catch(() => null);
  if (!r.ok) throw new Error((data && (data.detail || data.title)) || r.statusText);
  return data;
}

function node(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

const shiftsText = (shifts) => shifts.map((s) => `${s.start}–${s.end}`).join(", ");

async function showSchedule(unit, from) {
  const q = new URLSearchParams({ unit });
  if (from) q.set("from", from);
  el("schedule-error").textContent = "";
  el("schedule-points").replaceChildren();
  try {
    const s = await call("GET", `/api/v1/public/schedule?${q}`);
    el("schedule-unit").textContent = `${s.unit.name}: ${s.points.length ? "" : t("pub.none")}`;
    const feed = `/api/v1/public/schedule.atom?unit=${encodeURIComponent(unit)}`;
    el("feed").href = feed;
    el("feed-link").href = feed;
    el("feed-line").hidden = false;
    for (const p of s.points) {
      const box = node("section", undefined, "point");
      box.append(node("h3", p.name), node("p", `${t("pub.kind_" + p.kind)} · ${p.unit ? p.unit.name : ""}`));
      box.append(node("p", [p.place, p.address].filter(Boolean).join(", ")));
      const list = node("ul");
      for (const d of p.days) list.append(node("li", `${t("pub.day")} ${fmtDate(d.date)}: ${shiftsText(d.shifts)}`));
      box.append(list);
      el("schedule-points").append(box);
    }
  } catch (err) {
    el("schedule-unit").textContent = "";
    el("feed-line").hidden = true;
    el("schedule-error").textContent = err.message;
  }
}

if (el("schedule")) {
  const start = new URLSearchParams(location.search).get("unit");
  if (start) {
    el("schedule").elements.unit.value = start;
    showSchedule(start);
    redraw = () => showSchedule(start);
  }
  el("schedule").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    history.replaceState(null, "", `?unit=${encodeURIComponent(f.get("unit"))}`);
    showSchedule(f.get("unit"), f.get("from"));
    redraw = () => showSchedule(f.get("unit"), f.get("from"));
  });
}

// "5/1/1990" as the server reads it ("05/01/1990"); other forms go as typed
const padDate = (s) => s.replace(/^(\d{1,2})\/(?:(\d{1,2})\/)?(\d{4})$/, (_, a, b, y) =>
  b ? `${a.padStart(2, "0")}/${b.padStart(2, "0")}/${y}` : `${a.padStart(2, "0")}/${y}`);

if (el("appointment")) {
  el("appointment").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    const dl = el("appointment-ticket");
    dl.replaceChildren();
    dl.hidden = true;
    el("appointment-error").textContent = "";
    try {
      const a = await call("POST", "/api/v1/public/appointment", {
        personal_id: f.get("personal_id").trim(),
        date_of_birth: padDate(f.get("date_of_birth").trim()),
      });
      const draw = () => {
        dl.replaceChildren();
        const rows = [
          ["pub.ticket", a.ticket],
          ["pub.day", fmtDate(a.date)],
          ["pub.hour", `${a.window.start}–${a.window.end}`],
          ["pub.point", a.point.name],
          ["pub.place", [a.point.place, a.point.address].filter(Boolean).join(", ")],
        ];
        for (const [k, v] of rows) dl.append(node("dt", t(k)), node("dd", v));
      };
      draw();
      redraw = draw; /* the ticket stays; no second lookup (they are limited) */
      dl.hidden = false;
    } catch (err) { el("appointment-error").textContent = err.message; }
  });
}
