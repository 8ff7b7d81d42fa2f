// The site's service worker (sw.js at the site root: its scope is the whole site, under
// whatever sub-path it is served from) keeps the site working offline after one visit. Its
// install downloads what the open pages need (their language's pages, the calculator's modules
// on its page), so it should not compete with what a page needs first: pages register it once
// loaded, the calculator once its runtime has started (main.mjs). Then the page asks the worker
// for its sets: a page of a language, or the calculator, not precached yet (site/sw.js) tells
// the worker by its URL.

const PRECACHE_ASKED = "hsp: precache"; // site/sw.js: ASKED

export function registerServiceWorker() {
  const container = navigator.serviceWorker;
  container?.register(new URL("../sw.js", import.meta.url))
    .then(() => container.ready)
    .then((registration) => registration.active?.postMessage({ type: PRECACHE_ASKED }))
    .catch((error) => console.warn("hsp: no offline copy of the site:", error));
}

if (!document.querySelector("[data-testid=calculator]")) {
  addEventListener("load", registerServiceWorker);
}
