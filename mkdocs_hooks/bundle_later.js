// Inlined in the calculator page's <head> by mkdocs_hooks/calculator_form.py, which also drops
// Material's <script src="bundle.js"> from the page: this loads it instead, later. The theme's
// script costs about 120 ms to evaluate and 70 ms of DOMContentLoaded handlers on the main
// thread, then its search worker indexes the site for 200-250 ms; on two cores that delayed both
// the form's first keystroke and the first result (docs/performance-notes.md, lever 25). The page
// reads and works without it; it brings the search, the palette toggle and the header's and
// sidebars' behaviour. So it loads once the calculator's first answer is on screen or its
// runtime failed (main.mjs then sets data-background), as soon as the visitor reaches for
// anything outside the calculator, or after __DELAY__ ms, whichever is first.
(() => {
  // What the bundle would do first: the header shows its search box from the first paint.
  document.documentElement.classList.replace("no-js", "js");
  const calculator = () => document.querySelector("[data-testid=calculator]");
  const triggers = ["pointerdown", "focusin", "keydown"];
  const load = () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const type of triggers) removeEventListener(type, reach, true);
    const script = document.createElement("script");
    script.src = __BUNDLE__;
    // The bundle mounts everything on DOMContentLoaded, which has usually passed by now.
    script.onload = () => {
      if (document.readyState !== "loading") {
        document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
      }
    };
    document.head.append(script);
  };
  function reach(event) {
    if (!calculator()?.contains(event.target)) load();
  }
  for (const type of triggers) addEventListener(type, reach, { capture: true, passive: true });
  const observer = new MutationObserver(() => {
    if (calculator()?.dataset.background) load();
  });
  observer.observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-background"] });
  const timer = setTimeout(load, __DELAY__);
})();
