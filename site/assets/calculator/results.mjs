// Renders one hsp_core Assessment (the "result" of assess_json) as the results region.
// The test hooks total-<c>, eligible-<c> and jskip-<c> hold exactly the value they name.

import { h, yen, yesNo } from "./dom.mjs";

const ROUTES = {
  "80_points_1_year": "80 points: apply after 1 year",
  "70_points_3_years": "70 points: apply after 3 years",
  "j_skip_1_year": "J-Skip: apply after 1 year",
};

const itemName = (item) => (item === "年齢" ? "Age" : item);
const shortName = (c) => `(${c})`;

function checklist(met, missing) {
  return h("ul", { className: "hsp-checklist" },
    met.map((text) => h("li", { className: "hsp-met" }, h("span", { className: "hsp-sr" }, "Met: "), text)),
    missing.map((text) => h("li", { className: "hsp-missing" },
      h("span", { className: "hsp-sr" }, "Missing: "), text)));
}

// Conditions besides the points (hsp_core Condition): met, missing, or not known (unanswered).
const CONDITION = {
  met: ["hsp-met", "Met: "],
  missing: ["hsp-missing", "Missing: "],
  not_known: ["hsp-unknown", "Not known: "],
};

// A dated rule C1–C6 is explained, with its date and sources, on the guide's "What is changing"
// page, whose sections carry the rule's id as their anchor.
const ruleLink = (rule) => (/^C\d$/.test(rule ?? "")
  ? [" ", h("a", { href: `../what-is-changing/#${rule.toLowerCase()}` }, `About rule ${rule}`)]
  : []);

function conditions(list, title) {
  if (!list.length) return null;
  return h("div", { className: "hsp-conditions" },
    h("h4", {}, title),
    h("ul", { className: "hsp-checklist" }, list.map((c) => h("li", {
      className: CONDITION[c.status][0], "data-condition": c.id, "data-status": c.status,
    }, h("span", { className: "hsp-sr" }, CONDITION[c.status][1]), c.text, ...ruleLink(c.rule)))));
}

function unknownNote(list, eligible) {
  const open = list.filter((c) => c.status === "not_known").length;
  if (!eligible || !open) return null;
  return h("p", { className: "hsp-hint" }, open === 1
    ? "Only if the condition marked ? is met."
    : `Only if the ${open} conditions marked ? are met.`);
}

const fee = (f) => h("p", { className: "hsp-fee", "data-testid": `fee-${f.kind}` }, f.text,
  ...ruleLink(f.rule));

function alsoRequired(list) {
  if (!list.length) return null;
  return h("details", { className: "hsp-also" },
    h("summary", {}, `Also required (${list.length})`),
    h("ul", {}, list.map((text) => h("li", {}, text))));
}

function verdict(label, value, testid) {
  return h("p", { className: `hsp-verdict hsp-verdict--${yesNo(value)}` },
    `${label}: `, h("strong", { "data-testid": testid }, yesNo(value)));
}

function salaryRule(cat) {
  if (cat.minimum_salary_jpy == null) return "Minimum salary: none in this category.";
  return `Minimum salary ${yen(cat.minimum_salary_jpy)}: `
    + (cat.minimum_salary_met ? "met." : "not met, so this category fails whatever the points.");
}

function itemsTable(cat) {
  if (!cat.items.length) return h("p", { className: "hsp-empty" }, "No points yet.");
  return h("table", { className: "hsp-items" },
    h("caption", { className: "hsp-sr" }, `Points by item, ${shortName(cat.category)}`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Item"),
      h("th", { scope: "col" }, "Points"), h("th", { scope: "col" }, "Why"))),
    h("tbody", {}, cat.items.map((item) => h("tr", { "data-item": item.item },
      h("th", { scope: "row" }, itemName(item.item)),
      h("td", { className: "hsp-items__points" }, String(item.points)),
      h("td", {}, item.reason)))));
}

function category(cat) {
  const c = cat.category;
  return h("section", {
    className: `hsp-cat hsp-cat--${cat.eligible ? "pass" : "fail"}`,
    "aria-labelledby": `hsp-cat-${c}`,
    "data-category": c,
  },
  h("h3", { id: `hsp-cat-${c}` }, cat.name),
  h("p", { className: "hsp-score" },
    h("span", { className: "hsp-score__total", "data-testid": `total-${c}` }, String(cat.total)),
    h("span", { className: "hsp-score__of" }, ` points; ${cat.pass_mark} needed`)),
  verdict("Qualifies", cat.eligible, `eligible-${c}`),
  h("p", {
    className: "hsp-floor",
    "data-testid": `salary-rule-${c}`,
    "data-met": String(cat.minimum_salary_met),
  }, salaryRule(cat)),
  cat.failed_conditions.length
    ? h("ul", { className: "hsp-failed" }, cat.failed_conditions.map((t) => h("li", {}, t)))
    : null,
  itemsTable(cat),
  cat.notes.length ? h("div", { className: "hsp-notes" },
    h("h4", {}, "Claimed but not scored here"),
    h("ul", {}, cat.notes.map((n) => h("li", {},
      n.text.startsWith(n.item) ? n.text : `${itemName(n.item)}: ${n.text}`))))
    : null);
}

function jSkip(result) {
  return h("section", { className: "hsp-block", "aria-labelledby": "hsp-jskip" },
    h("h3", { id: "hsp-jskip" }, "J-Skip"),
    h("ul", { className: "hsp-plain" }, Object.values(result.j_skip_detail).map((d) => h("li", {},
      h("strong", {}, shortName(d.category)), " meets J-Skip: ",
      h("strong", { "data-testid": `jskip-${d.category}` }, yesNo(d.meets)), ` (${d.reason})`))));
}

function permanentResidence(pr) {
  const which = pr.category ? ` in ${shortName(pr.category)}` : "";
  return h("section", { className: "hsp-block", "aria-labelledby": "hsp-pr" },
    h("h3", { id: "hsp-pr" }, "Permanent residence"),
    verdict(`Can apply now${which}`, pr.eligible, "pr-eligible"),
    unknownNote(pr.conditions, pr.eligible),
    h("div", { className: "hsp-routes" }, pr.routes.map((r) => h("div", {
      className: `hsp-route hsp-route--${r.holds ? "pass" : "fail"}`,
    },
    h("h4", {}, ROUTES[r.route] ?? r.route, ": ", yesNo(r.holds)),
    checklist(r.met, r.missing)))),
    conditions(pr.conditions, "Also required on every route"),
    fee(pr.fee));
}

function hspII(hsp) {
  return h("section", { className: "hsp-block", "aria-labelledby": "hsp-hsp2" },
    h("h3", { id: "hsp-hsp2" }, "HSP (ii)"),
    verdict("Eligible", hsp.eligible, "hsp-ii-eligible"),
    unknownNote(hsp.conditions, hsp.eligible),
    checklist(hsp.met, hsp.missing),
    conditions(hsp.conditions, "Also required"),
    fee(hsp.fee));
}

function benefit(title, b, extra) {
  return h("div", { className: `hsp-route hsp-route--${b.available ? "pass" : "fail"}` },
    h("h4", {}, title, ": ", yesNo(b.available)),
    extra,
    checklist(b.met, b.missing),
    alsoRequired(b.also_required));
}

function benefits(b) {
  const worker = b.domestic_worker;
  const workerNote = worker.available
    ? h("p", {}, `Up to ${worker.max_workers}: ${worker.types.join("; ")}.`) : null;
  return h("section", { className: "hsp-block hsp-benefits", "aria-labelledby": "hsp-benefits" },
    h("h3", { id: "hsp-benefits" }, "Family benefits"),
    h("p", {}, `Holds HSP status: ${yesNo(b.holds_hsp)}. Household income `
      + `${yen(b.household_income_jpy)}.`),
    h("div", { className: "hsp-routes" },
      benefit("Bring your parents", b.parents),
      benefit("Bring a domestic worker", worker, workerNote),
      benefit("Spouse may work", b.spouse_work)));
}

// hsp_core lists every option, soonest first; the first few show, the rest behind "Show more".
const FIRST_OPTIONS = 3;

function suggestionList(target, cat, onTry) {
  const list = cat.suggestions[`to_${target}`];
  let empty = "No change of one or two answers gets there.";
  if (cat.total >= target) empty = `Already at ${target} or more.`;
  const option = (s) => h("li", {}, s.text, " ",
    h("button", { type: "button", className: "hsp-try", onclick: (e) => onTry(s.changes, e.currentTarget, cat.category) },
      "Try it"));
  const rest = list.slice(FIRST_OPTIONS);
  return h("div", { "data-target": String(target) },
    h("h4", {}, `To reach ${target}`),
    list.length
      ? h("ul", { className: "hsp-plain" }, list.slice(0, FIRST_OPTIONS).map(option))
      : h("p", { className: "hsp-empty" }, empty),
    rest.length
      ? h("details", { className: "hsp-more-options" },
        h("summary", {}, `Show ${rest.length} more`),
        h("ul", { className: "hsp-plain" }, rest.map(option)))
      : null);
}

function suggestions(cat, onTry) {
  const id = `hsp-tips-${cat.category}`;
  return h("section", { className: "hsp-block hsp-suggestions", "aria-labelledby": id },
    h("h3", { id }, `How to reach 70 and 80 in ${shortName(cat.category)}`),
    h("p", { className: "hsp-hint" },
      "The smallest changes that would get there, the ones you can usually make soonest "
      + "first: a Japanese test, pay, a qualification, then a new degree. “Try it” shows "
      + "what a change would give, and Keep puts it in the form; only claim what you can show evidence for."),
    suggestionList(70, cat, onTry),
    suggestionList(80, cat, onTry));
}

// The categories in the order the visitor reads them: the one used first (their own choice,
// or the one hsp_core picked, result.category_reason says why), then the others.
const ordered = (result) => [result.categories[result.category_used],
  ...Object.values(result.categories).filter((c) => c.category !== result.category_used)];

function usedCategory(result) {
  return h("p", { className: "hsp-used", "data-testid": "category-reason" },
    result.category_reason);
}

function compare(others, onTry) {
  return h("details", { className: "hsp-compare", "data-testid": "compare" },
    h("summary", {}, "Compare with the other categories"),
    h("div", { className: "hsp-cats" }, others.map(category)),
    ...others.map((cat) => suggestions(cat, onTry)));
}

export function renderResult(body, result, onTry) {
  const [used, ...others] = ordered(result);
  const main = category(used);
  main.dataset.testid = "category-used";
  body.replaceChildren(
    ...result.warnings.map((w) => h("p", { className: "hsp-warning" }, w)),
    h("p", { className: "hsp-hint" }, `Age ${result.age} on ${result.reference_date}; `
      + `points table of ${result.rules_version}.`),
    usedCategory(result),
    ...(result.experience_note ? [h("p", { className: "hsp-hint",
      "data-testid": "experience-note" }, result.experience_note)] : []),
    main,
    suggestions(used, onTry),
    h("div", { "data-slot": "evidence" }), // evidence-list.mjs draws here, once it is loaded
    jSkip(result),
    permanentResidence(result.permanent_residence),
    hspII(result.hsp_ii),
    benefits(result.benefits),
    compare(others, onTry));
}

// The one-line scoreboard that stays in view at the bottom of the screen while the form is.
export function renderMini(mini, result) {
  mini.replaceChildren(
    h("span", { className: "hsp-mini__title" }, "Your points"),
    ...ordered(result).map((cat) => h("span", {
      className: `hsp-mini__cat hsp-verdict--${yesNo(cat.eligible)}`,
    }, `${shortName(cat.category)} `, h("strong", {}, String(cat.total)),
    h("span", { className: "hsp-sr" }, `, qualifies: ${yesNo(cat.eligible)}`))),
    h("span", { className: "hsp-mini__more" }, "Details ↓"));
}

// The verdict in one line, for the screen readers' live region (not the whole result).
export function verdictLine(result) {
  const each = Object.values(result.categories).map((cat) => `${shortName(cat.category)} `
    + `${cat.total}, ${cat.eligible ? "qualifies" : "does not qualify"}`);
  return `Your points: ${each.join("; ")}.`;
}
