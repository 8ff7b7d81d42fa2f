// Renders hsp_core.timeline_series.page_json's answer: the earliest filing date in words, each
// route's first date, HSP (ii), the chart, the look-back table, the warnings and the sheet.
// Conditions, reasons and warnings are the engine's texts, shown as lists, so new ones appear
// without a change here. Test hooks: earliest-date, route-<c>-<route>, lookback rows.

import { chart, chartTable } from "./chart.mjs";
import { h } from "./dom.mjs";
import { lookbackSheet } from "./lookback-sheet.mjs";
import { t } from "./texts.mjs";

const ROUTES = {
  "80_points_1_year": t("80-point route (1 year)"),
  "70_points_3_years": t("70-point route (3 years)"),
  "j_skip_1_year": t("J-Skip route (1 year)"),
};
const routeName = (r) => ROUTES[r] ?? r;
const CONDITION = { met: t("met"), missing: t("missing"), not_known: t("not known yet") };
// The engine's texts name fields by their JSON keys; a person reads the questions' words.
const FIELDS = {
  birth_date: t("birth date"), residence_since: t("in Japan since"),
  hsp_since: t("HSP (i) since"), j_skip_since: t("J-Skip since"),
  hsp_recognised_points: t("points on your HSP notice"), application_date: t("filing date"),
};
export const words = (text) => text.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g,
  (key) => (FIELDS[key] ? `“${FIELDS[key]}”` : key));
const today = () => new Date().toISOString().slice(0, 10);

function headline(e) {
  if (!e.date) {
    return h("p", { className: "hsp-when__headline", "data-testid": "earliest",
      "data-date": "", "data-route": "", "data-category": "" },
    h("strong", { "data-testid": "earliest-date" }, t("Not on these facts")),
    t(", because no permanent-residence route holds on any date we can check:"));
  }
  return h("p", { className: "hsp-when__headline", "data-testid": "earliest",
    "data-date": e.date, "data-route": e.route, "data-category": e.category },
  t("You can file from "), h("strong", { "data-testid": "earliest-date" }, e.date),
  t(" on the {route}, category ({category}).", { route: routeName(e.route), category: e.category }));
}

function routes(list) {
  return h("ul", { className: "hsp-plain hsp-when__routes" }, list.map((r) => h("li", {
    "data-testid": `route-${r.category}-${r.route}`, "data-date": r.date ?? "" },
  h("strong", {}, `(${r.category}) ${routeName(r.route)}: `),
  r.date ? t("from {date}.", { date: r.date }) : t("not on these facts."),
  r.missing.length ? h("ul", { className: "hsp-checklist" }, r.missing.map((m) => h("li", {
    className: "hsp-missing" }, h("span", { className: "hsp-sr" }, t("Missing: ")),
  r.date ? t("until then: {missing}", { missing: m }) : m))) : null)));
}

// The look-back dates of the filing date, with what differs from it item by item (`sheet`, for
// the same dates; null: no item column).
function lookBack(rows, cats, sheet, testid = "lookback") {
  const differs = (i) => sheet.rows.filter((r) => r.points[i] !== r.points[0])
    .map((r) => `${r.item} ${r.name} ${r.points[i]} (${r.points[i] - r.points[0] > 0 ? "+" : ""}`
      + `${r.points[i] - r.points[0]})`);
  return h("table", { className: "hsp-when__lookback", "data-testid": testid },
    h("caption", {}, t("Points on {date} and the look-back dates", { date: rows[0].date })),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), h("th", { scope: "col" }, t("Date")),
      h("th", { scope: "col" }, t("Age")),
      cats.map((c) => h("th", { scope: "col" }, `(${c})`)),
      sheet ? h("th", { scope: "col" }, t("What differs in ({category})",
        { category: sheet.category })) : null)),
    h("tbody", {}, rows.map((r, i) => h("tr", { "data-label": r.label, "data-date": r.date },
      h("th", { scope: "row" }, r.label), h("td", {}, r.date), h("td", {}, String(r.age)),
      cats.map((c) => h("td", { "data-c": c, className: r.passes[c] ? "hsp-when__pass" : null },
        String(r.totals[c]))),
      sheet ? h("td", {}, i === 0 ? "" : differs(i).join("; ") || t("nothing")) : null))));
}

function list(title, items, className) {
  if (!items.length) return null;
  return h("div", { className }, h("h4", {}, title),
    h("ul", {}, items.map((t) => h("li", {}, t))));
}

// answer: {result, series, routes, sheet}; profile: the dated profile JSON it answers.
export function renderTimeline(el, answer, profile) {
  const { result: tl, series, routes: dates, sheet } = answer;
  const e = tl.earliest;
  const cats = tl.category ? [tl.category] : ["a", "b", "c"];
  const c = sheet.category;
  const rows = e.date ? e.look_back : tl.look_back;
  const years = e.route === "70_points_3_years" ? 3 : 1;
  const from = rows.find((r) => r.years_before === years)?.date;
  const span = { category: c, start: series.start, end: series.end, date: e.date };
  const title = e.date
    ? t("Your points in ({category}) from {start} to {end}; earliest filing date {date}", span)
    : t("Your points in ({category}) from {start} to {end}; no filing date on these facts", span);
  const printSheet = () => {
    document.documentElement.dataset.hspPrint = "sheet";
    addEventListener("afterprint", () => delete document.documentElement.dataset.hspPrint,
      { once: true });
    print();
  };
  el.replaceChildren(
    headline(e),
    h("p", { className: "hsp-when__reason" }, words(e.reason)),
    h("h3", {}, t("Each route")),
    routes(dates),
    h("h3", {}, t("HSP (ii)")),
    h("p", { "data-testid": "hsp-ii-date", "data-date": tl.hsp_ii.date ?? "" },
      tl.hsp_ii.date ? h("strong", {}, t("From {date}. ", { date: tl.hsp_ii.date }))
        : t("Not on these facts. "),
      words(tl.hsp_ii.reason)),
    h("h3", {}, t("Your points over time")),
    h("figure", { className: "hsp-chart__figure" },
      chart(series, c, { earliest: e.date ? { date: e.date, window: from && [from, e.date] }
        : null, checked: tl.application_date, title, width: el.clientWidth }),
      h("figcaption", {}, t("({category}) points, with the 70 and 80 lines. The shaded band is the "
        + "look-back window of the earliest filing date; the dotted line is the date checked "
        + "({date}); triangles mark changes (hollow: birthdays).",
      { category: c, date: tl.application_date }))),
    h("details", { className: "hsp-chart__data" },
      h("summary", {}, t("The chart's points as a table")), chartTable(series, c, title)),
    h("h3", {}, t("The look-back dates of {date}", { date: e.date || tl.application_date })),
    lookBack(rows, cats, sheet),
    list(t("Warnings"), tl.warnings.map(words), "hsp-when__warnings"),
    e.date !== tl.application_date ? h("details", { className: "hsp-when__checked" },
      h("summary", {}, t("On the date checked, {date}", { date: tl.application_date })),
      lookBack(tl.look_back, cats, null, "lookback-checked"),
      h("ul", { className: "hsp-plain" }, tl.permanent_residence.flatMap((cr) => [
        ...cr.routes.map((r) => h("li", {}, h("strong", {}, `(${cr.category}) `
          + `${routeName(r.route)}: `), r.holds ? t("holds") : t("not yet"),
        h("ul", { className: "hsp-checklist" },
          r.met.map((m) => h("li", { className: "hsp-met" }, m)),
          r.missing.map((m) => h("li", { className: "hsp-missing" }, m))))),
        // Conditions besides the points (period of stay, …), whichever the engine judges.
        ...(cr.conditions ?? []).map((k) => h("li", { "data-condition": k.id },
          h("strong", {}, `(${cr.category}) ${CONDITION[k.status] ?? k.status}: `), words(k.text))),
      ]))) : null,
    h("details", { className: "hsp-when__notes" }, h("summary", {}, t("Assumptions")),
      h("ul", {}, [...tl.assumptions, tl.table_note].map((a) => h("li", {}, a)))),
    lookbackSheet(sheet, profile, { rulesVersion: tl.rules_version, today: today() }),
    h("p", { className: "hsp-actions" }, h("button", { type: "button",
      className: "md-button", onclick: printSheet }, t("Print the look-back sheet"))));
}
