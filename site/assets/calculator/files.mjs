// The runtime's files, each fetched once with byte progress, checked against the manifest's
// sha256 and kept in Cache Storage under a URL that names its content (?v=<sha256 prefix>).
// A file found there is used without touching the network: repeat visits transfer almost
// nothing, and the calculator works offline (site/sw.js serves the same entries to import()).
// A .gz file comes back inflated (GitHub Pages does not promise to compress unknown types, so
// the build does): inflated while it downloads, and cached inflated, so a repeat visit does
// not inflate it again.

const CACHE = "hsp-runtime";

// Cache Storage can be missing (http: other than localhost) or refuse (private modes).
async function openCache() {
  try {
    return await caches.open(CACHE);
  } catch {
    return null;
  }
}

const hex = (buffer) => [...new Uint8Array(buffer)]
  .map((b) => b.toString(16).padStart(2, "0")).join("");

export class RuntimeFiles {
  // manifest: public/pyodide/manifest.json.
  constructor(indexURL, manifest) {
    this.indexURL = indexURL;
    this.files = new Map(manifest.files.map((f) => [f.name, f]));
    this.cache = openCache();
    this.fetched = new Map(); // name -> {blob: Promise<Blob>, loaded, counters}: fetched once
  }

  // A file's content hash, short: its version.
  version(name) {
    const file = this.files.get(name);
    if (!file) throw new Error(`${name} is missing from manifest.json`);
    return file.sha256.slice(0, 16);
  }

  // The URL a file has in the cache and for import(): its version in the query.
  url(name) {
    return new URL(`${name}?v=${this.version(name)}`, this.indexURL).href;
  }

  // name -> Promise<Blob> for every name, all fetched at once; report({loaded, total}) sees
  // their bytes (as shipped) arrive.
  fetchAll(names, report) {
    const total = names.reduce((sum, name) => sum + this.files.get(name).size, 0);
    const progress = { loaded: 0, total };
    let shown = 0;
    const count = (bytes) => {
      progress.loaded += bytes;
      if (progress.loaded - shown > progress.total / 100) { // ~100 reports, not one per chunk
        shown = progress.loaded;
        report(progress);
      }
    };
    report(progress);
    const blobs = new Map(names.map((name) => [name, this.get(name, count)]));
    Promise.allSettled(blobs.values()).then(() => report(progress));
    return blobs;
  }

  // A file another fetchAll() is already fetching is shared, bytes so far and to come.
  get(name, count) {
    let entry = this.fetched.get(name);
    if (!entry) {
      entry = { loaded: 0, counters: new Set() };
      entry.blob = this.fetch(name, (bytes) => {
        entry.loaded += bytes;
        for (const c of entry.counters) c(bytes);
      });
      this.fetched.set(name, entry);
      entry.blob.catch(() => this.fetched.delete(name)); // a later attempt fetches it again
    }
    count(entry.loaded);
    entry.counters.add(count);
    return entry.blob;
  }

  async fetch(name, count) {
    const url = this.url(name);
    const cache = await this.cache;
    const cached = await cache?.match(url);
    if (cached) {
      count(this.files.get(name).size);
      return cached.blob();
    }
    let response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new Error(`could not download ${name} (${error.message})`);
    }
    if (!response.ok) throw new Error(`could not download ${name} (HTTP ${response.status})`);
    let body = response.body;
    let inflated = null;
    if (name.endsWith(".gz")) {
      let copy;
      [body, copy] = body.tee();
      inflated = new Response(copy.pipeThrough(new DecompressionStream("gzip"))).blob();
      inflated.catch(() => {}); // a damaged file fails the sha256 check below first
    }
    const chunks = [];
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      count(value.byteLength);
    }
    const shipped = new Blob(chunks, { type: response.headers.get("Content-Type") ?? "" });
    const digest = hex(await crypto.subtle.digest("SHA-256", await shipped.arrayBuffer()));
    if (digest !== this.files.get(name).sha256) {
      throw new Error(`${name} arrived damaged (its sha256 differs from manifest.json)`);
    }
    const blob = inflated ? await inflated : shipped;
    // Not awaited: storing is for the next visit. A full quota only costs that visit speed.
    cache?.put(url, new Response(blob, { headers: { "Content-Type": blob.type } }))
      .catch((error) => console.warn(`hsp: not cached: ${name}`, error));
    return blob;
  }

  // Drops cached files of other builds, and `kept` ones (stored elsewhere); run once the
  // runtime has started.
  async prune(kept = []) {
    const cache = await this.cache;
    const current = new Set([...this.files.keys()].filter((name) => !kept.includes(name))
      .map((name) => this.url(name)));
    for (const request of await cache?.keys() ?? []) {
      if (!current.has(request.url)) await cache.delete(request);
    }
  }
}
