// The calculator's texts in the page's language (issue #17). The English text is the key, as in
// gettext; mkdocs_hooks/calculator_texts.py inlines the page's language's {english: text} map
// (from site/locale/*/calculator.po) as <script id="hsp-texts">. English pages have none.

/** @type {Record<string, string> | undefined} */
let map;

/**
 * `english` in the page's language, its {name} placeholders filled from `params`.
 * @param {string} english a literal: tests/test_calculator_texts.py reads every t("…")
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function t(english, params) {
  map ??= /** @type {Record<string, string>} */ (JSON.parse(
    globalThis.document?.getElementById("hsp-texts")?.textContent || "{}"));
  const text = Object.hasOwn(map, english) ? map[english] : english;
  return params ? text.replace(/\{(\w+)\}/g, (m, k) => (Object.hasOwn(params, k)
    ? String(params[k]) : m)) : text;
}
