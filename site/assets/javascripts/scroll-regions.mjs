// A table wider than the screen scrolls inside Material's .md-typeset__scrollwrap. A keyboard
// can scroll only what it can focus, so while a wrapper overflows it is a named, focusable
// region (named by the table's caption line or the heading above it); otherwise it stays out
// of the tab order. Material wraps the tables when its document$ emits, so this runs after.

const heading = "h1, h2, h3, h4, h5, h6, .hsp-caption";

// The text of the nearest caption line or heading above, without a heading's "¶" permalink.
/** @param {Element} wrap */
function labelFor(wrap) {
  for (let el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
    if (!el.matches(heading)) continue;
    const text = [...el.childNodes]
      .filter((n) => !(n instanceof Element && n.classList.contains("headerlink")))
      .map((n) => n.textContent).join("").trim();
    if (text) return text;
  }
  return "Table";
}

/** @param {HTMLElement} wrap */
function mark(wrap) {
  if (wrap.scrollWidth > wrap.clientWidth) {
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", labelFor(wrap));
  } else {
    for (const name of ["tabindex", "role", "aria-label"]) wrap.removeAttribute(name);
  }
}

const watch = new ResizeObserver((entries) => {
  for (const entry of entries) mark(/** @type {HTMLElement} */ (entry.target));
});

/** @type {{subscribe(next: () => void): unknown} | undefined} */
const page$ = /** @type {any} */ (window).document$;
page$?.subscribe(() => {
  watch.disconnect();
  for (const wrap of document.querySelectorAll(".md-content .md-typeset__scrollwrap")) {
    watch.observe(wrap);
  }
});
