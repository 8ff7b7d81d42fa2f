// The look-back points sheet, for print (one A4 page, calculator.css): each item of the ISA form
// of one category, in the form's order, with the points claimed on the filing date (今回) and
// 1 and 3 years before (1年前, 3年前); the totals, the facts it came from, the date printed and
// the rules version.

import { h, yen } from "./dom.mjs";
import { t } from "./texts.mjs";

const HEAD = ["今回", "1年前", "3年前"];
const CATEGORY = { a: "(a) 高度学術研究活動", b: "(b) 高度専門・技術活動", c: "(c) 高度経営・管理活動" };

function fact(key, value) {
  if (Array.isArray(value)) {
    return value.map((row) => (typeof row === "object" ? Object.entries(row)
      .map(([k, v]) => (k.endsWith("_jpy") ? yen(v) : v === true ? k.replaceAll("_", " ")
        : `${k === "since" || k === "start" ? "" : `${k.replaceAll("_", " ")} `}${v}`))
      .join(", ") : String(row))).join("; ");
  }
  if (typeof value === "object" && value) return fact(key, [value]);
  return key.endsWith("_jpy") ? yen(value) : String(value);
}

// sheet: timeline_series.Sheet; profile: the dated profile JSON sent; today: YYYY-MM-DD.
export function lookbackSheet(sheet, profile, { rulesVersion, today }) {
  const [now] = sheet.dates;
  return h("section", { className: "hsp-sheet", "aria-labelledby": "hsp-sheet-title",
    "data-testid": "lookback-sheet" },
  h("h3", { id: "hsp-sheet-title" }, t("Look-back points sheet: {category}",
    { category: CATEGORY[sheet.category] })),
  h("p", { className: "hsp-sheet__sub" }, t("Filing date {date}; the points on it and on the same "
    + "day 1 and 3 years before, item by item as on the ISA points form.", { date: now })),
  h("table", { className: "hsp-sheet__table" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("No.")), h("th", { scope: "col" }, t("Item")),
      sheet.dates.map((d, i) => h("th", { scope: "col" }, HEAD[i], h("br"), d)))),
    h("tbody", {},
      sheet.rows.map((r) => h("tr", { "data-item": r.item, "data-measure": r.measure,
        className: new Set(r.points).size > 1 ? "hsp-sheet__differs" : null },
      h("td", {}, r.item), h("th", { scope: "row" }, r.name),
      r.points.map((p) => h("td", { className: "hsp-sheet__points" }, String(p))))),
      h("tr", { className: "hsp-sheet__ages" }, h("td", {}), h("th", { scope: "row" }, t("Age on the date")),
        sheet.ages.map((a) => h("td", { className: "hsp-sheet__points" }, String(a))))),
    h("tfoot", {}, h("tr", {}, h("td", {}), h("th", { scope: "row" }, t("Total (合計)")),
      sheet.totals.map((t) => h("td", { className: "hsp-sheet__points",
        "data-testid": "sheet-total" }, String(t)))))),
  h("h4", {}, t("The facts used")),
  h("dl", { className: "hsp-sheet__facts" }, Object.entries(profile).map(([k, v]) => [
    h("dt", {}, k.replaceAll("_", " ")), h("dd", {}, fact(k, v))])),
  h("p", { className: "hsp-sheet__foot" }, t("Printed {today}. Points table of {version}; "
    + "each date is scored with that table applied to the facts on that date. A guide, not "
    + "legal advice: the ISA decides on its own facts and documents, and only points with "
    + "evidence count.", { today, version: rulesVersion })));
}
