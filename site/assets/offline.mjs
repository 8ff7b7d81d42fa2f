// The site's service worker (sw.js at the site root: its scope is the whole site, under
// whatever sub-path it is served from) keeps the site working offline after one visit. Its
// install downloads the whole site, so it should not compete with what a page needs first:
// pages register it once loaded, the calculator once its runtime has started (main.mjs).

export function registerServiceWorker() {
  navigator.serviceWorker?.register(new URL("../sw.js", import.meta.url))
    .catch((error) => console.warn("hsp: no offline copy of the site:", error));
}

if (!document.querySelector("[data-testid=calculator]")) {
  addEventListener("load", registerServiceWorker);
}
