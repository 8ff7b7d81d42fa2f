// The head of the printed summary (issue 16 §7): what it is, when it was printed, from which
// rules and build, the link that reopens it, and the answers it was computed from. Print-only:
// on screen the form itself shows the answers. Imported by main.mjs once the first answer is
// on screen, with evidence-list.mjs.

import { h, yen } from "./dom.mjs";
import { t } from "./texts.mjs";

const TEXT = {
  title: t("HSP points summary"),
  printed: t("Printed on"),
  applies: t("Application date used"),
  rules: t("Points table of"),
  build: t("Site build"),
  link: t("Open it again"),
  answers: t("Your answers"),
  none: t("No answers."),
  yes: t("yes"),
  no: t("no"),
  hint: t("Computed in your browser by an open-source guide to the HSP points. It is not legal "
    + "advice: the ISA decides on the documents you submit."),
};

/**
 * @typedef {{kind: string, controls: Array<HTMLInputElement | HTMLSelectElement>,
 *   label: string}} Field
 * @typedef {{fields: Map<string, Field>}} FormLike
 */

/**
 * A value as the form shows it: the option's words, not the value hsp_core reads.
 * @param {Field} field
 * @param {unknown} value
 * @param {Record<string, number>} understood
 * @param {string} name
 * @returns {string}
 */
function shownValue(field, value, understood, name) {
  const [first] = field.controls;
  if (name in understood) return yen(understood[name]);
  switch (field.kind) {
    case "boolean": return value ? TEXT.yes : TEXT.no;
    case "enum": return /** @type {HTMLSelectElement} */ (first).selectedOptions[0]?.textContent
      ?.trim() ?? String(value);
    case "enum-list": return /** @type {HTMLInputElement[]} */ (field.controls)
      .filter((c) => c.checked)
      .map((c) => c.closest("label")?.textContent?.trim() || c.value).join("; ");
    case "integer-list": return first.value;
    default: return String(value);
  }
}

const today = () => {
  const d = new Date();
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/**
 * Fills (or makes) the print-only head before the results body.
 * @param {HTMLElement} body the results body
 * @param {{form: FormLike, profile: Record<string, unknown>, understood: Record<string, number>,
 *   result: {rules_version: string, reference_date: string}, build: string}} shown
 */
export function renderPrintHead(body, { form, profile, understood, result, build }) {
  let head = /** @type {HTMLElement | null} */ (body.parentElement?.querySelector(".hsp-print-head")
    ?? null);
  if (!head) {
    head = /** @type {HTMLElement} */ (
      h("div", { className: "hsp-print-only hsp-print-head", "data-testid": "print-head" }));
    body.parentElement?.prepend(head);
  }
  const rows = Object.entries(profile).flatMap(([name, value]) => {
    const field = form.fields.get(name);
    return field ? [h("div", {}, h("dt", {}, field.label.trim()),
      h("dd", {}, shownValue(field, value, understood, name)))] : [];
  });
  const link = location.href;
  head.replaceChildren(
    h("p", { className: "hsp-print-head__title" }, TEXT.title),
    h("dl", { className: "hsp-print-head__meta" },
      h("div", {}, h("dt", {}, TEXT.printed), h("dd", {}, today())),
      h("div", {}, h("dt", {}, TEXT.applies), h("dd", {}, result.reference_date)),
      h("div", {}, h("dt", {}, TEXT.rules), h("dd", {}, result.rules_version)),
      h("div", {}, h("dt", {}, TEXT.build), h("dd", { "data-testid": "print-build" }, build)),
      h("div", {}, h("dt", {}, TEXT.link), h("dd", {},
        h("a", { href: link, className: "hsp-print-head__link" }, link)))),
    h("p", { className: "hsp-hint" }, TEXT.hint),
    h("h3", {}, TEXT.answers),
    rows.length ? h("dl", { className: "hsp-print-head__answers" }, rows)
      : h("p", {}, TEXT.none));
}

// The link as it is when printing: the "When can I apply?" dates change it without a new result.
addEventListener("beforeprint", () => {
  for (const a of document.querySelectorAll(".hsp-print-head__link")) {
    a.setAttribute("href", location.href);
    a.textContent = location.href;
  }
});
