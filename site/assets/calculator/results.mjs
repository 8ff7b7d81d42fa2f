// Renders one hsp_core Assessment (the "result" of assess_json) as the results region.
// The test hooks total-<c>, eligible-<c> and jskip-<c> hold exactly the value they name (yes/no
// words in the page's language, with data-value="yes"/"no" in every language).

import { h, yen, yesNo } from "./dom.mjs";
import { t } from "./texts.mjs";

const ROUTES = {
  "80_points_1_year": t("80 points: apply after 1 year"),
  "70_points_3_years": t("70 points: apply after 3 years"),
  "j_skip_1_year": t("J-Skip: apply after 1 year"),
};

const itemName = (item) => (item === "年齢" ? t("Age") : item);
// The words on screen; yesNo's "yes"/"no" stay the class names' and the test hooks' data-value.
const answer = (value) => (value ? t("yes") : t("no"));
const shortName = (c) => `(${c})`;

function checklist(met, missing) {
  return h("ul", { className: "hsp-checklist" },
    met.map((text) => h("li", { className: "hsp-met" }, h("span", { className: "hsp-sr" }, t("Met: ")), text)),
    missing.map((text) => h("li", { className: "hsp-missing" },
      h("span", { className: "hsp-sr" }, t("Missing: ")), text)));
}

// Conditions besides the points (hsp_core Condition): met, missing, or not known (unanswered).
const CONDITION = {
  met: ["hsp-met", t("Met: ")],
  missing: ["hsp-missing", t("Missing: ")],
  not_known: ["hsp-unknown", t("Not known: ")],
};

// A dated rule C1–C6 is explained, with its date and sources, on the guide's "What is changing"
// page, whose sections carry the rule's id as their anchor.
const ruleLink = (rule) => (/^C\d$/.test(rule ?? "")
  ? [" ", h("a", { href: `../what-is-changing/#${rule.toLowerCase()}` }, t("About rule {rule}", { rule }))]
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
    ? t("Only if the condition marked ? is met.")
    : t("Only if the {n} conditions marked ? are met.", { n: open }));
}

const fee = (f) => h("p", { className: "hsp-fee", "data-testid": `fee-${f.kind}` }, f.text,
  ...ruleLink(f.rule));

function alsoRequired(list) {
  if (!list.length) return null;
  return h("details", { className: "hsp-also" },
    h("summary", {}, t("Also required ({n})", { n: list.length })),
    h("ul", {}, list.map((text) => h("li", {}, text))));
}

function verdict(label, value, testid) {
  return h("p", { className: `hsp-verdict hsp-verdict--${yesNo(value)}` },
    t("{label}: ", { label }),
    h("strong", { "data-testid": testid, "data-value": yesNo(value) }, answer(value)));
}

function salaryRule(cat) {
  if (cat.minimum_salary_jpy == null) return t("Minimum salary: none in this category.");
  const salary = yen(cat.minimum_salary_jpy);
  return cat.minimum_salary_met ? t("Minimum salary {salary}: met.", { salary })
    : t("Minimum salary {salary}: not met, so this category fails whatever the points.",
      { salary });
}

function itemsTable(cat) {
  if (!cat.items.length) return h("p", { className: "hsp-empty" }, t("No points yet."));
  return h("table", { className: "hsp-items" },
    h("caption", { className: "hsp-sr" }, t("Points by item, {category}", { category: shortName(cat.category) })),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Item")),
      h("th", { scope: "col" }, t("Points")), h("th", { scope: "col" }, t("Why")))),
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
    h("span", { className: "hsp-score__of" }, t(" points; {mark} needed", { mark: cat.pass_mark }))),
  verdict(t("Qualifies"), cat.eligible, `eligible-${c}`),
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
    h("h4", {}, t("Claimed but not scored here")),
    h("ul", {}, cat.notes.map((n) => h("li", {},
      n.text.startsWith(n.item) ? n.text
        : t("{item}: {text}", { item: itemName(n.item), text: n.text })))))
    : null);
}

function jSkip(result) {
  return h("section", { className: "hsp-block", "aria-labelledby": "hsp-jskip" },
    h("h3", { id: "hsp-jskip" }, t("J-Skip")),
    h("ul", { className: "hsp-plain" }, Object.values(result.j_skip_detail).map((d) => h("li", {},
      h("strong", {}, shortName(d.category)), t(" meets J-Skip: "),
      h("strong", { "data-testid": `jskip-${d.category}`, "data-value": yesNo(d.meets) },
        answer(d.meets)), t(" ({reason})", { reason: d.reason })))));
}

function permanentResidence(pr) {
  return h("section", { className: "hsp-block", "aria-labelledby": "hsp-pr" },
    h("h3", { id: "hsp-pr" }, t("Permanent residence")),
    verdict(pr.category ? t("Can apply now in {category}", { category: shortName(pr.category) })
      : t("Can apply now"), pr.eligible, "pr-eligible"),
    unknownNote(pr.conditions, pr.eligible),
    h("div", { className: "hsp-routes" }, pr.routes.map((r) => h("div", {
      className: `hsp-route hsp-route--${r.holds ? "pass" : "fail"}`,
    },
    h("h4", {}, t("{name}: {answer}", { name: ROUTES[r.route] ?? r.route,
      answer: answer(r.holds) })),
    checklist(r.met, r.missing)))),
    conditions(pr.conditions, t("Also required on every route")),
    fee(pr.fee));
}

function hspII(hsp) {
  return h("section", { className: "hsp-block", "aria-labelledby": "hsp-hsp2" },
    h("h3", { id: "hsp-hsp2" }, t("HSP (ii)")),
    verdict(t("Eligible"), hsp.eligible, "hsp-ii-eligible"),
    unknownNote(hsp.conditions, hsp.eligible),
    checklist(hsp.met, hsp.missing),
    conditions(hsp.conditions, t("Also required")),
    fee(hsp.fee));
}

function benefit(title, b, extra) {
  return h("div", { className: `hsp-route hsp-route--${b.available ? "pass" : "fail"}` },
    h("h4", {}, t("{name}: {answer}", { name: title, answer: answer(b.available) })),
    extra,
    checklist(b.met, b.missing),
    alsoRequired(b.also_required));
}

function benefits(b) {
  const worker = b.domestic_worker;
  const workerNote = worker.available
    ? h("p", {}, t("Up to {n}: {types}.", { n: worker.max_workers, types: worker.types.join("; ") })) : null;
  return h("section", { className: "hsp-block hsp-benefits", "aria-labelledby": "hsp-benefits" },
    h("h3", { id: "hsp-benefits" }, t("Family benefits")),
    h("p", {}, t("Holds HSP status: {answer}. Household income {income}.",
      { answer: answer(b.holds_hsp), income: yen(b.household_income_jpy) })),
    h("div", { className: "hsp-routes" },
      benefit(t("Bring your parents"), b.parents),
      benefit(t("Bring a domestic worker"), worker, workerNote),
      benefit(t("Spouse may work"), b.spouse_work)));
}

// hsp_core lists every option, soonest first; the first few show, the rest behind "Show more".
const FIRST_OPTIONS = 3;

function suggestionList(target, cat, onTry) {
  const list = cat.suggestions[`to_${target}`];
  let empty = t("No change of one or two answers gets there.");
  if (cat.total >= target) empty = t("Already at {target} or more.", { target });
  const option = (s) => h("li", {}, s.text, " ",
    h("button", { type: "button", className: "hsp-try", onclick: (e) => onTry(s.changes, e.currentTarget, cat.category) },
      t("Try it")));
  const rest = list.slice(FIRST_OPTIONS);
  return h("div", { "data-target": String(target) },
    h("h4", {}, t("To reach {target}", { target })),
    list.length
      ? h("ul", { className: "hsp-plain" }, list.slice(0, FIRST_OPTIONS).map(option))
      : h("p", { className: "hsp-empty" }, empty),
    rest.length
      ? h("details", { className: "hsp-more-options" },
        h("summary", {}, t("Show {n} more", { n: rest.length })),
        h("ul", { className: "hsp-plain" }, rest.map(option)))
      : null);
}

function suggestions(cat, onTry) {
  const id = `hsp-tips-${cat.category}`;
  return h("section", { className: "hsp-block hsp-suggestions", "aria-labelledby": id },
    h("h3", { id }, t("How to reach 70 and 80 in {category}",
      { category: shortName(cat.category) })),
    h("p", { className: "hsp-hint" },
      t("The smallest changes that would get there, the ones you can usually make soonest "
      + "first: a Japanese test, pay, a qualification, then a new degree. “Try it” shows "
      + "what a change would give, and Keep puts it in the form; only claim what you can show evidence for.")),
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
    h("summary", {}, t("Compare with the other categories")),
    h("div", { className: "hsp-cats" }, others.map(category)),
    ...others.map((cat) => suggestions(cat, onTry)));
}

export function renderResult(body, result, onTry) {
  const [used, ...others] = ordered(result);
  const main = category(used);
  main.dataset.testid = "category-used";
  body.replaceChildren(
    ...result.warnings.map((w) => h("p", { className: "hsp-warning" }, w)),
    h("p", { className: "hsp-hint" }, t("Age {age} on {date}; points table of {version}.",
      { age: result.age, date: result.reference_date, version: result.rules_version })),
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
    h("span", { className: "hsp-mini__title" }, t("Your points")),
    ...ordered(result).map((cat) => h("span", {
      className: `hsp-mini__cat hsp-verdict--${yesNo(cat.eligible)}`,
    }, `${shortName(cat.category)} `, h("strong", {}, String(cat.total)),
    h("span", { className: "hsp-sr" }, t(", qualifies: {answer}", { answer: answer(cat.eligible) })))),
    h("span", { className: "hsp-mini__more" }, t("Details ↓")));
}

// The verdict in one line, for the screen readers' live region (not the whole result).
export function verdictLine(result) {
  const each = Object.values(result.categories).map((cat) => {
    const line = { category: shortName(cat.category), total: cat.total };
    return cat.eligible ? t("{category} {total}, qualifies", line)
      : t("{category} {total}, does not qualify", line);
  });
  return t("Your points: {list}.", { list: each.join("; ") });
}
