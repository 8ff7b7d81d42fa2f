// The site's service worker: the guide and the calculator keep working offline after one visit.
// At the site root, so its scope is the whole site under any sub-path.
//
// - A URL that names its content never changes: cache first. That is ?v=<content hash> (our
//   styles and scripts, which scripts/build fingerprints, and the calculator's runtime files,
//   which assets/calculator/files.mjs stores) and Material's main.<hash>.min.css and the like.
//   A repeat visit takes them all without a request, so the page paints sooner.
// - Everything else (the pages): network first, so a new deployment shows at once, with the
//   cached copy when offline.
// On install it caches the whole site but the runtime, save Pyodide's two JS modules (the build
// fills in PRECACHE, and VERSION from the precached files' contents, so any change installs a
// new worker); on activate it deletes the site caches of older versions.

const VERSION = "dev"; // replaced by the build
const PRECACHE = []; // replaced by the build
const SITE_CACHE = `hsp-site-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SITE_CACHE);
    await cache.addAll(PRECACHE);
    await self.skipWaiting(); // pages are network first, so taking over at once is safe
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("hsp-site-") && name !== SITE_CACHE) await caches.delete(name);
    }
    await self.registration.navigationPreload?.enable();
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
    // Navigation preload: the page's request went out while this worker was starting.
    const response = (await event.preloadResponse) ?? await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(caches.open(SITE_CACHE).then((cache) => cache.put(request, copy)));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request);
    if (cached) return cached;
    throw error;
  }
}

const HASHED_NAME = /\.[0-9a-f]{8}\.min\.(css|js)$/;

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  const url = new URL(request.url);
  if (url.searchParams.has("v") || HASHED_NAME.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(event));
  }
});
