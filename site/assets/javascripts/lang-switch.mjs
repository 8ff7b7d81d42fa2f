// The language switcher (Material's header select, whose links mkdocs-static-i18n points at the
// same page in each language) also carries this page's fragment, so `#profile=…&…` goes with
// the visitor. The calculator rewrites the fragment with history.replaceState, which fires no
// event, so the links are brought up to date when they are about to be used.

/** @type {string} */
const LINKS = ".md-select__link[hreflang]";

/**
 * Point each language link at its page plus the current fragment.
 * @returns {void}
 */
function carryFragment() {
  for (const link of document.querySelectorAll(LINKS)) {
    if (!(link instanceof HTMLAnchorElement)) continue;
    const url = new URL(link.href);
    url.hash = location.hash;
    link.href = url.href;
  }
}

carryFragment();
for (const type of ["pointerdown", "focusin", "click", "hashchange"]) {
  // Capture: before Material's own click handler and the browser's navigation.
  (type === "hashchange" ? window : document).addEventListener(type, carryFragment, true);
}
