// The points over time as a small SVG of our own (no library: bytes matter on phones): a step
// line of one category's total, the 70 and 80 lines, the look-back window of the earliest filing
// date, that date, the date checked, and marks on the days something changes. Colours are
// Material's custom properties (calculator.css), so light, dark and print follow the theme.
// A table of the same points goes with it, for screen readers and for anyone who prefers it.

import { h } from "./dom.mjs";
import { t } from "./texts.mjs";

const NS = "http://www.w3.org/2000/svg";
const H = 240;
const PAD = { left: 30, right: 10, top: 14, bottom: 44 };
const DAY_MS = 86_400_000;

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, v);
  el.append(...children.flat());
  return el;
}

const time = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
// The facts whose changes move the points, by the dated profile's field (the series' event_fields):
// marked on the axis; a rule's start and the residence dates are not.
const MARKED = new Set(["birth_date", "degrees", "experience", "salary", "japanese_tests",
  "national_qualifications", "foreign_qualifications", "research_achievements", "employer",
  "jica_training"]);

// series: {start, end, points: [{date, totals, events, event_fields}]}; c: the category drawn;
// earliest: {date, window: [from, to]} or null; checked: the date asked about; width: the room
// it has in CSS pixels, so that its text is drawn at about the page's size on a phone too.
export function chart(series, c, { earliest, checked, title, width }) {
  const W = Math.min(900, Math.max(320, width || 640));
  const t0 = time(series.start);
  const t1 = time(series.end) + DAY_MS;
  const totals = series.points.map((p) => p.totals[c]);
  const low = Math.max(0, Math.min(60, Math.floor((Math.min(...totals) - 5) / 10) * 10));
  const high = Math.max(90, Math.ceil((Math.max(...totals) + 5) / 10) * 10);
  const x = (iso) => PAD.left + ((Math.min(Math.max(time(iso), t0), t1) - t0) / (t1 - t0))
    * (W - PAD.left - PAD.right);
  const y = (v) => PAD.top + ((high - v) / (high - low)) * (H - PAD.top - PAD.bottom);
  const bottom = H - PAD.bottom;
  const end = new Date(t1).toISOString().slice(0, 10);

  const grid = [];
  for (let v = low; v <= high; v += 10) {
    const line = v === 70 || v === 80;
    grid.push(s("line", { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v),
      class: line ? "hsp-chart__pass" : "hsp-chart__grid" }),
    s("text", { x: PAD.left - 4, y: y(v) + 3, class: "hsp-chart__label", "text-anchor": "end" },
      String(v)));
  }
  const every = (W - PAD.left - PAD.right) / ((t1 - t0) / (365.25 * DAY_MS)) < 40 ? 2 : 1;
  for (let year = +series.start.slice(0, 4) + 1; year <= +end.slice(0, 4); year++) {
    const iso = `${year}-01-01`;
    if (time(iso) >= t1) break;
    grid.push(s("line", { x1: x(iso), x2: x(iso), y1: bottom, y2: bottom + 4,
      class: "hsp-chart__axis" }));
    if (year % every === 0) {
      grid.push(s("text", { x: x(iso), y: bottom + 15, class: "hsp-chart__label",
        "text-anchor": "middle" }, String(year)));
    }
  }

  let d = "";
  series.points.forEach((p, i) => {
    d += i === 0 ? `M${x(p.date)},${y(totals[i])}` : `H${x(p.date)}V${y(totals[i])}`;
  });
  d += `H${x(end)}`;

  const parts = [];
  if (earliest?.window) {
    const [from, to] = earliest.window;
    parts.push(s("rect", { x: x(from), y: PAD.top, width: Math.max(1, x(to) - x(from)),
      height: bottom - PAD.top, class: "hsp-chart__window" }));
  }
  parts.push(...grid, s("line", { x1: PAD.left, x2: W - PAD.right, y1: bottom, y2: bottom,
    class: "hsp-chart__axis" }));
  if (checked && time(checked) >= t0 && time(checked) < t1) {
    parts.push(s("line", { x1: x(checked), x2: x(checked), y1: PAD.top, y2: bottom,
      class: "hsp-chart__today" }));
  }
  parts.push(s("path", { d, class: "hsp-chart__line" }));
  for (const p of series.points.slice(1)) {
    if (!p.event_fields.some((f) => MARKED.has(f))) continue;
    const birthday = p.event_fields.includes("birth_date");
    parts.push(s("path", { d: `M${x(p.date)},${bottom + 20}l-4,7h8z`,
      class: birthday ? "hsp-chart__mark hsp-chart__mark--birthday" : "hsp-chart__mark" },
    s("title", {}, `${p.date}: ${p.events.join("; ")}`)));
  }
  if (earliest?.date && time(earliest.date) < t1) {
    const ex = x(earliest.date);
    const point = series.points.filter((p) => p.date <= earliest.date).at(-1);
    parts.push(s("line", { x1: ex, x2: ex, y1: PAD.top, y2: bottom, class: "hsp-chart__earliest" }),
      s("circle", { cx: ex, cy: y(point ? point.totals[c] : low), r: 4.5,
        class: "hsp-chart__dot" }),
      s("text", { x: Math.min(ex + 5, W - PAD.right - 110), y: PAD.top + 10,
        class: "hsp-chart__label hsp-chart__label--strong" },
      t("Earliest: {date}", { date: earliest.date })));
  }
  return s("svg", { viewBox: `0 0 ${W} ${H}`, class: "hsp-chart", role: "img",
    "aria-label": title, focusable: "false" }, parts);
}

// The same points as a table: one row per date, with what changes on it.
export function chartTable(series, c, caption) {
  return h("table", { className: "hsp-chart__table", "data-testid": "chart-table" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("From")),
      h("th", { scope: "col" }, t("Points ({category})", { category: c })),
      h("th", { scope: "col" }, t("What changes")))),
    h("tbody", {}, series.points.map((p) => h("tr", { "data-date": p.date },
      h("th", { scope: "row" }, p.date), h("td", {}, String(p.totals[c])),
      h("td", {}, p.events.join("; ") || t("start of the chart"))))));
}
