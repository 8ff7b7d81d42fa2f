// The site's service worker: the guide and the calculator keep working offline after one visit.
// At the site root, so its scope is the whole site under any sub-path.
//
// - A URL that names its content never changes: cache first. That is ?v=<content hash> (our
//   styles and scripts, which scripts/build fingerprints, and the calculator's runtime files,
//   which assets/calculator/files.mjs stores) and Material's main.<hash>.min.css and the like.
//   A repeat visit takes them all without a request, so the page paints sooner.
// - Everything else (the pages): network first, so a new deployment shows at once, with the
//   cached copy when offline (a missing page: the precached 404 page). Revalidated with the
//   server, never taken from the HTTP cache as it is: GitHub Pages sends max-age=600, which
//   kept showing an old build's pages for ten minutes after a deployment. No navigation
//   preload for the same reason (its request takes the HTTP cache as it is).
// - build.json (the current build's id, see site/assets/calculator/build.mjs): network only.
// On install it caches the whole site but the runtime, save Pyodide's two JS modules (the build
// fills in PRECACHE, and VERSION from the precached files' contents, so any change installs a
// new worker), each fetched past the HTTP cache (an old entry there had put the old build's
// pages into the new worker's cache); on activate it deletes the site caches of older versions.

const VERSION = "dev"; // replaced by the build
const PRECACHE = []; // replaced by the build
const SITE_CACHE = `hsp-site-${VERSION}`;
const NOT_FOUND = "404.html";

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SITE_CACHE);
    await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })));
    await self.skipWaiting(); // pages are network first, so taking over at once is safe
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("hsp-site-") && name !== SITE_CACHE) await caches.delete(name);
    }
    await self.registration.navigationPreload?.disable(); // an older worker enabled it
    // The pages open now are served from here on too: the calculator registers this worker only
    // once its runtime has started, and claiming its page lets code-cache.mjs compile Pyodide's
    // module through this worker's copy on a first visit (see cacheFirst below).
    await self.clients.claim();
  })());
});

// Its own cache first: Pyodide's modules are in the calculator's runtime cache too
// (assets/calculator/files.mjs), but only the copy cached at install gets Chromium's code cache
// (written by the first load served from here, which a first visit's code-cache.mjs does),
// which makes compiling pyodide.asm.mjs on later visits 98 ms -> almost nothing.
async function cacheFirst(request) {
  const own = await (await caches.open(SITE_CACHE)).match(request);
  return own ?? (await caches.match(request)) ?? fetch(request);
}

async function networkFirst(event) {
  const { request } = event;
  try {
    const response = await fetch(new Request(request, { cache: "no-cache" }));
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(caches.open(SITE_CACHE).then((cache) => cache.put(request, copy)));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request);
    if (cached) return cached;
    const missing = request.mode === "navigate"
      && await caches.match(new URL(NOT_FOUND, self.registration.scope).href);
    if (missing) return new Response(missing.body, { status: 404, headers: missing.headers });
    throw error;
  }
}

const HASHED_NAME = /\.[0-9a-f]{8}\.min\.(css|js)$/;

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  const url = new URL(request.url);
  if (url.href === new URL("build.json", self.registration.scope).href) return;
  if (url.searchParams.has("v") || HASHED_NAME.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(event));
  }
});
