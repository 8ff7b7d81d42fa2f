// Every page registers the site's service worker (sw.js at the site root: its scope is the
// whole site, under whatever sub-path it is served from). After the page has loaded, so its
// install does not compete with what the page itself fetches first.
if ("serviceWorker" in navigator) {
  addEventListener("load", () => {
    navigator.serviceWorker.register(new URL("../sw.js", import.meta.url))
      .catch((error) => console.warn("hsp: no offline copy of the site:", error));
  });
}
