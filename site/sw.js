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
// Precached: only what the visitor's pages need (issue #19: the whole site in four languages was
// 6.2 MB on a phone). The build fills in PRECACHE's sets (scripts/buildlib/offline.py): "shared"
// (styles, scripts, the search index and its languages, the 404 page), one per language (its
// pages) and "calculator" (its modules and Pyodide's two JS modules). The pages open at install
// choose the rest: their language, found from their path, and "calculator" for a calculator
// page. A page of another language or the calculator opened later asks for its sets once it has
// loaded (assets/offline.mjs: PRECACHE_ASKED); each set is fetched once per version, and a new
// version's install takes every set the older one had. VERSION is a hash of every file of every
// set, so any change installs a new worker; pages are revalidated with the server at install
// (an old HTTP cache entry had put the old build's pages into the new worker's cache); on
// activate it deletes the older site caches.

const VERSION = "dev"; // replaced by the build
const PRECACHE = {}; // replaced by the build: set name -> URLs, relative to the scope
const LANGS = {}; // replaced by the build: language -> the path prefix of its pages
const SITE_CACHE = `hsp-site-${VERSION}`;
const NOT_FOUND = "404.html";
const HASHED_NAME = /\.[0-9a-f]{8}\.min\.(css|js)$/;
// Material's search languages change only with Material, whose upgrade changes the precache and
// so installs a new worker with a new cache: cache first is safe for them too.
const SEARCH_LANG = /\/assets\/javascripts\/lunr\//;
const immutable = (url) => url.searchParams.has("v") || HASHED_NAME.test(url.pathname)
  || SEARCH_LANG.test(url.pathname);

const ASKED = "hsp: precache"; // assets/offline.mjs
const SHARED = "shared";
const CALCULATOR = "calculator";
// A stored mark of a set fetched whole, so a later ask or version knows (never requested).
const mark = (set) => new URL(`hsp-precached/${set}`, self.registration.scope).href;

/** The language of a page of this site (the longest matching path prefix), or null. */
function langOf(href) {
  const { scope } = self.registration;
  if (!href.startsWith(scope)) return null;
  const path = href.slice(scope.length);
  let found = null;
  for (const [lang, prefix] of Object.entries(LANGS)) {
    if (path.startsWith(prefix) && (found === null || prefix.length > LANGS[found].length)) {
      found = lang;
    }
  }
  return found;
}

/** The sets a page needs: its language's pages, and the calculator's modules on its page. */
function setsFor(href) {
  const lang = langOf(href);
  if (lang === null) return [];
  const path = new URL(href).pathname.slice(new URL(self.registration.scope).pathname.length);
  return path.slice(LANGS[lang].length).startsWith("calculator/") ? [lang, CALCULATOR] : [lang];
}

const fetching = new Map(); // set -> its precache in flight in this worker
function precache(cache, set) {
  if (!fetching.has(set)) {
    fetching.set(set, (async () => {
      if (await cache.match(mark(set))) return;
      // A file whose URL names its content cannot be stale in the HTTP cache (Pyodide's modules
      // are there from the calculator's download); a page is revalidated with the server.
      await cache.addAll(PRECACHE[set].map((url) => new Request(url,
        { cache: immutable(new URL(url, self.registration.scope)) ? "default" : "no-cache" })));
      await cache.put(mark(set), new Response(""));
    })().finally(() => fetching.delete(set)));
  }
  return fetching.get(set);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const sets = new Set([SHARED]);
    // The pages open now, the one that registered this worker among them (not controlled yet).
    const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const set of open.flatMap((client) => setsFor(client.url))) sets.add(set);
    // And what an older version had fetched, so a reader keeps every language read offline.
    for (const name of await caches.keys()) {
      if (!name.startsWith("hsp-site-") || name === SITE_CACHE) continue;
      const old = await caches.open(name);
      for (const set of Object.keys(PRECACHE)) if (await old.match(mark(set))) sets.add(set);
    }
    const cache = await caches.open(SITE_CACHE);
    await Promise.all([...sets].filter((set) => set in PRECACHE)
      .map((set) => precache(cache, set)));
    await self.skipWaiting(); // pages are network first, so taking over at once is safe
  })());
});

// A page asks once it has loaded: its sets, if this version has not fetched them yet. Not
// held with waitUntil: an older worker's extended message event kept a new version waiting,
// never activated, while the machine was busy (tests/browser/test_service_worker.py), and a
// deployment must never wait on this. A set cut short by the worker stopping has no mark, so
// the next page's ask fetches it again.
self.addEventListener("message", (event) => {
  const { source } = event;
  if (event.data?.type !== ASKED || !source) return;
  void (caches.open(SITE_CACHE).then((cache) => Promise.all(
    setsFor(source.url).filter((set) => set in PRECACHE).map((set) => precache(cache, set))))
    .catch((error) => console.warn("hsp: could not precache for", source.url, error)));
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
// A ?v= is the start of the file's sha256, so a stored copy is checked (a damaged main.mjs or
// pyodide.asm.mjs had left the calculator stuck on every visit), but after it is served: reading
// and hashing each copy before answering held every module of a warm start back (about 60 ms
// later to the first result). One that differs is dropped from every cache, fetched again past
// the HTTP cache, and the open pages are told (HEALED); each reloads once (overrides/main.html),
// so the load that met the damage still ends with the right files.
const HEALED = "hsp: healed";

async function matches(response, v) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")
    .startsWith(v);
}

async function heal(request, stored, v) {
  if (await matches(stored, v)) return;
  console.warn("hsp: a stored copy was damaged, fetching it again:", request.url);
  await Promise.all((await caches.keys()).map(async (name) => (await caches.open(name))
    .delete(request)));
  let fresh;
  try {
    fresh = await fetch(request.url, { cache: "reload" });
  } catch {
    return; // offline: the next visit online fetches it
  }
  if (!fresh.ok) return;
  // What the server has now, even if it differs too: nothing better to keep.
  if (!await matches(fresh.clone(), v)) console.warn("hsp: the server's copy differs too:", request.url);
  await (await caches.open(SITE_CACHE)).put(request, fresh);
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.postMessage({ type: HEALED, url: request.url });
  }
}

async function cacheFirst(event) {
  const { request } = event;
  const cache = await caches.open(SITE_CACHE);
  const stored = (await cache.match(request)) ?? (await caches.match(request));
  const v = new URL(request.url).searchParams.get("v");
  if (!stored || !v) return stored ?? fetch(request);
  event.waitUntil(heal(request, stored.clone(), v));
  return stored;
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


self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  const url = new URL(request.url);
  if (url.href === new URL("build.json", self.registration.scope).href) return;
  if (immutable(url)) {
    event.respondWith(cacheFirst(event));
  } else {
    event.respondWith(networkFirst(event));
  }
});
