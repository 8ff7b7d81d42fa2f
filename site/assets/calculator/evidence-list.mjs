// "The evidence to gather": for each item scored in the category used, the documents the ISA's
// evidence sheet names (hsp_core.evidence, in result.evidence), our words with the sheet's
// Japanese beside them, and the items that reach 70 and 80 with the fewest documents.
// Imported by main.mjs once the first answer is on screen; drawn on screen and in print.

import { h } from "./dom.mjs";
import { t } from "./texts.mjs";

/**
 * @typedef {{ja: string, en: string}} EvidenceNote
 * @typedef {{item: string, topic: string, variant: string | null, documents_ja: string,
 *   documents_en: string, notes: EvidenceNote[], source: string}} EvidenceRow
 * @typedef {{measure: string, item: string, points: number, rows: EvidenceRow[],
 *   needed: number, documents: number, required: boolean}} EvidenceItem
 * @typedef {{category: string, items: EvidenceItem[], least_70: string[] | null,
 *   least_80: string[] | null}} EvidencePlan
 */

const TEXT = {
  title: (/** @type {string} */ c) => t("The evidence to gather in ({category})", { category: c }),
  intro: t("The ISA asks for documents that prove each item you claim. Only enough items to "
    + "prove 70 points need them (80 for the 1-year route to permanent residence); the rest "
    + "can be left out. Below are the documents the ISA's evidence sheet "
    + "(疎明資料（基本例）, basic examples) names, in our words with the sheet's Japanese."),
  least: (/** @type {number} */ target, /** @type {string} */ items,
    /** @type {number} */ docs) => (docs === 1
    ? t("Least paperwork for {target}: {items} ({docs} document).", { target, items, docs })
    : t("Least paperwork for {target}: {items} ({docs} documents).", { target, items, docs })),
  short: (/** @type {number} */ target) => t("The items you claim do not reach {target} yet.",
    { target }),
  floor: t("The salary (③) needs proof in any case: this category has a minimum salary."),
  forBoth: t("for 70 and 80"),
  for70: t("for 70"),
  for80: t("for 80 only"),
  spare: t("not needed"),
  points: (/** @type {number} */ n) => t("{n} points", { n }),
  age: t("The sheet names no document for age: your passport shows it."),
  anyOf: (/** @type {number} */ n) => (n === 1 ? t("Any one of these:")
    : t("Any {n} of these:", { n })),
  note: t("Note: "),
  ja: t("In Japanese: "),
  check: t("The ISA may ask for more. These are its basic examples (form of April 2023)."),
};

/** @param {EvidenceItem} item */
const itemName = (item) => (item.measure === "age" ? t("Age") : item.item);

/**
 * The item names of a least-paperwork set, and its document count.
 * @param {EvidencePlan} plan
 * @param {string[]} measures
 * @param {number} target
 */
function leastLine(plan, measures, target) {
  const chosen = plan.items.filter((i) => measures.includes(i.measure));
  const docs = chosen.reduce((n, i) => n + i.documents, 0);
  return TEXT.least(target, chosen.map(itemName).join(", "), docs);
}

/**
 * @param {EvidenceRow} row
 * @param {EvidenceItem} item
 */
function rowBlock(row, item) {
  // The two rows of ⑫ say which is which; ⑮ shows only the row of the level scored.
  let name = row.variant && item.rows.length > 1 ? `${row.variant}: ` : "";
  if (row.item !== item.item) name = `${row.item} ${row.topic}: `; // a kind of research
  return h("div", { className: "hsp-evidence__row" },
    h("p", {}, name, row.documents_en),
    h("p", { className: "hsp-ja", lang: "ja" },
      h("span", { className: "hsp-sr" }, TEXT.ja), row.documents_ja),
    row.notes.map((n) => h("p", { className: "hsp-evidence__note" },
      h("em", {}, TEXT.note), n.en, " ",
      h("span", { className: "hsp-ja", lang: "ja" }, `※${n.ja}`))));
}

/**
 * @param {EvidenceItem} item
 * @param {EvidencePlan} plan
 */
function itemBlock(item, plan) {
  const in70 = plan.least_70?.includes(item.measure) ?? false;
  const in80 = plan.least_80?.includes(item.measure) ?? false;
  let tag = TEXT.spare;
  if (in70 && in80) tag = TEXT.forBoth;
  else if (in70) tag = TEXT.for70;
  else if (in80) tag = TEXT.for80;
  const topic = item.rows[0]?.topic;
  return h("li", {
    className: `hsp-evidence__item${in70 || in80 ? " hsp-evidence__item--least" : ""}`,
    "data-measure": item.measure,
    "data-least": in70 ? "70" : in80 ? "80" : "",
  },
  h("p", { className: "hsp-evidence__head" },
    h("strong", {}, itemName(item)), topic && item.measure !== "research" ? ` ${topic}` : "",
    ` · ${TEXT.points(item.points)}`,
    (plan.least_70 || plan.least_80) ? h("span", { className: "hsp-evidence__tag" }, tag) : null),
  item.measure === "age" ? h("p", {}, TEXT.age) : null,
  item.needed < item.rows.length ? h("p", {}, TEXT.anyOf(item.needed)) : null,
  item.rows.map((row) => rowBlock(row, item)));
}

/**
 * The evidence section for one result.
 * @param {{evidence?: EvidencePlan}} result
 * @returns {HTMLElement | null}
 */
export function renderEvidence(result) {
  const plan = result.evidence;
  if (!plan) return null; // an answer from an engine without the evidence list
  const floor = plan.items.some((i) => i.required);
  return h("section", {
    className: "hsp-block hsp-evidence", "aria-labelledby": "hsp-evidence-title",
    "data-testid": "evidence",
  },
  h("h3", { id: "hsp-evidence-title" }, TEXT.title(plan.category)),
  h("p", { className: "hsp-hint" }, TEXT.intro),
  h("ul", { className: "hsp-plain hsp-evidence__least" },
    h("li", { "data-testid": "least-70" },
      plan.least_70 ? leastLine(plan, plan.least_70, 70) : TEXT.short(70)),
    h("li", { "data-testid": "least-80" },
      plan.least_80 ? leastLine(plan, plan.least_80, 80) : TEXT.short(80)),
    floor ? h("li", {}, TEXT.floor) : null),
  h("ul", { className: "hsp-evidence__list" }, plan.items.map((i) => itemBlock(i, plan))),
  h("p", { className: "hsp-hint" }, TEXT.check));
}
