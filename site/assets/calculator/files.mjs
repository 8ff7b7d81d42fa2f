// The runtime's files, each fetched once with byte progress, checked against the manifest's
// sha256 and kept in Cache Storage under a URL that names its content (?v=<sha256 prefix>).
// A file found there is used without touching the network: repeat visits transfer almost
// nothing, and the calculator works offline (site/sw.js serves the same entries to import()).
// A .gz file comes back inflated (GitHub Pages does not promise to compress unknown types, so
// the build does): inflated while it downloads, and cached inflated, so a repeat visit does
// not inflate it again.
// A downloaded file comes back as bytes (Uint8Array), not through a Blob: a large Blob is handed
// to the browser process and read back, which made the 25 MB snapshot ready 300-400 ms after
// its last byte on a first visit. A cached one comes back as the Cache Storage Blob, read only
// when used: the wasm then compiles as it streams from disk, 100 ms sooner than from bytes read
// first (docs/performance-notes.md, lever 19). bytesOf() gives either as bytes.
// What comes from Cache Storage is checked as strictly as a download: its size (that of the
// inflated bytes for a .gz) before it is used, its sha256 once the worker asks (checked(), after
// the first answer is drawn), so a damaged copy fails the start or that check, and the worker
// starts again from the network (worker.mjs). A download that fails its check is fetched once more past the HTTP
// cache before it counts as damaged, and one that receives nothing for STALL_MS is stopped.

/** @type {typeof import("./protocol.mjs").RUNTIME_CACHE} */
export const CACHE = "hsp-runtime";
/** @type {typeof import("./protocol.mjs").STALL_MS} */
export const STALL_MS = 18000;

// The failures a visitor can act on, by what to do: check the connection, or reload.
export class NetworkError extends Error {}
export class DamagedError extends Error {
  /**
   * @param {string} message
   * @param {string | null} file
   */
  constructor(message, file = null) {
    super(message);
    this.file = file; // the damaged file's name, when one is to blame
  }
}

// Cache Storage can be missing (http: other than localhost) or refuse (private modes).
async function openCache() {
  try {
    return await caches.open(CACHE);
  } catch {
    return null;
  }
}

// A stream's bytes in one array; count(n) sees each chunk; stalled() is called if no chunk
// comes for STALL_MS.
/**
 * @param {ReadableStream<Uint8Array<ArrayBuffer>>} stream
 * @param {(n: number) => void} count
 * @param {(() => void) | null} stalled
 */
async function readAll(stream, count = (n) => {}, stalled = null) {
  const chunks = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const timer = stalled ? setTimeout(stalled, STALL_MS) : undefined;
    let next;
    try {
      next = await reader.read();
    } finally {
      clearTimeout(timer);
    }
    const { done, value } = next;
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
    count(value.byteLength);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** @param {Uint8Array<ArrayBuffer> | Blob} file */
export const bytesOf = async (file) => (
  file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer()));

/** @param {ArrayBuffer} buffer */
export const hex = (buffer) => [...new Uint8Array(buffer)]
  .map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * @typedef {{file: Promise<Uint8Array<ArrayBuffer> | Blob>, loaded: number, counters: Set<(n: number) => void>}}
 *   Entry a file fetched once for every fetchAll(): its promise, bytes so far and who counts them
 */

export class RuntimeFiles {
  // manifest: public/pyodide/manifest.json; files are put in Cache Storage once `later` (a
  // promise) settles: on a first visit each put copied its file on the worker's thread (55 ms in
  // a CPU profile) while Pyodide started there (docs/performance-notes.md, lever 28). `lookUp: false` (a
  // first visit: there is no cache yet) downloads without asking Cache Storage first; `mode` is
  // the downloads' fetch() cache mode ("reload": past the HTTP cache).
  constructor(indexURL, manifest, later = Promise.resolve(),
    /** @type {{lookUp?: boolean, mode?: RequestCache}} */
    { lookUp = true, mode = "default" } = {}) {
    this.indexURL = indexURL;
    this.files = new Map(manifest.files.map((f) => [f.name, f]));
    this.cache = openCache();
    this.later = later;
    this.lookUp = lookUp;
    this.mode = mode;
    /** @type {Map<string, Entry>} each file is fetched once */
    this.fetched = new Map();
    /** @type {Map<string, {abort(): void}>} the AbortController of a download under way */
    this.downloads = new Map();
    /** @type {Map<string, () => Promise<void>>} sha256 check of a copy from Cache Storage */
    this.checks = new Map();
    this.fromStorage = false; // whether anything came from Cache Storage
  }

  // What Cache Storage keeps of a file: {size, sha256}, of the inflated bytes for a .gz.
  kept(name) {
    const file = this.files.get(name);
    return file.inflated ?? file;
  }

  // Rejects with DamagedError if any of `names` taken from Cache Storage differs from the
  // manifest (the damaged entry is deleted then).
  checked(names) {
    return Promise.all(names.map((name) => this.checks.get(name)?.()));
  }

  // Deletes the stored copies of `names`, without waiting.
  forget(names) {
    this.cache.then((cache) => Promise.all(names.map((name) => cache?.delete(this.url(name)))))
      .catch(() => {});
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

  // name -> Promise<Uint8Array|Blob> for every name, all fetched at once; report({loaded, total})
  // sees their bytes (as shipped) arrive. Files named in `unkept` are not put in Cache Storage
  // (the caller keeps them elsewhere, or calls keep()).
  fetchAll(names, report, unkept = []) {
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
    const files = new Map(names.map((name) => [name, this.get(name, count, unkept)]));
    Promise.allSettled(files.values()).then(() => report(progress));
    return files;
  }

  // Takes a download someone else makes as the file `name`'s (the page's, see worker.mjs):
  // `source` is {file: a promise of {shipped, bytes}: as downloaded, and as fetch() would give
  // them}, listen(count), stop()}. The shipped bytes are checked here, as fetch()'s are.
  adopt(name, source) {
    this.downloads.set(name, { abort: () => source.stop() });
    const { file } = this.track(name, (count) => {
      source.listen(count);
      return source.file.then(async ({ shipped, bytes }) => {
        await this.check(name, shipped);
        return bytes;
      });
    });
    const done = () => this.downloads.delete(name);
    file.then(done, done);
  }

  // Records the file `name` that start(count) makes (count(n) sees n more bytes arrive), for
  // every fetchAll() to share; a failed one is forgotten, so a later attempt fetches it again.
  /**
   * @param {string} name
   * @param {(count: (n: number) => void) => Promise<Uint8Array<ArrayBuffer> | Blob>} start
   * @returns {Entry}
   */
  track(name, start) {
    /** @type {Entry} */
    const entry = { loaded: 0, counters: new Set(), file: Promise.resolve(new Uint8Array()) };
    entry.file = start((bytes) => {
      entry.loaded += bytes;
      for (const c of entry.counters) c(bytes);
    });
    this.fetched.set(name, entry);
    entry.file.catch(() => this.fetched.delete(name));
    return entry;
  }

  // Stops the downloads of `names` that are under way: their promises reject.
  abort(names) {
    for (const name of names) this.downloads.get(name)?.abort();
  }

  // Bytes of a file still to come: all of them unless it is being fetched or was fetched.
  remaining(name) {
    return this.files.get(name).size - (this.fetched.get(name)?.loaded ?? 0);
  }

  // A file another fetchAll() is already fetching is shared, bytes so far and to come.
  get(name, count, unkept) {
    const entry = this.fetched.get(name)
      ?? this.track(name, (counter) => this.fetch(name, counter, !unkept.includes(name)));
    count(entry.loaded);
    entry.counters.add(count);
    return entry.file;
  }

  /**
   * @param {string} name
   * @param {(n: number) => void} count
   * @param {boolean} keep
   * @returns {Promise<Uint8Array<ArrayBuffer> | Blob>}
   */
  async fetch(name, count, keep) {
    const url = this.url(name);
    const cache = this.lookUp ? await this.cache : null;
    const cached = await cache?.match(url);
    const want = this.kept(name);
    const blob = await cached?.blob();
    if (blob && blob.size === want.size) {
      this.fromStorage = true;
      count(this.files.get(name).size);
      // Hashed when checked() asks: once the first answer is drawn (worker.mjs).
      /** @type {Promise<void> | null} */
      let check = null;
      this.checks.set(name, () => (check ??= (async () => {
        if (hex(await crypto.subtle.digest("SHA-256", await blob.arrayBuffer())) !== want.sha256) {
          await cache?.delete(url);
          throw new DamagedError(`the stored copy of ${name} was damaged`, name);
        }
      })()));
      return blob;
    }
    if (blob) await cache?.delete(url); // of the wrong size: damaged
    try {
      return await this.download(name, url, count, keep, this.mode);
    } catch (error) {
      if (!(error instanceof DamagedError)) throw error;
      // Perhaps only the HTTP cache's copy is: fetched again past it, from the start.
      return this.download(name, url, count, keep, "reload");
    }
  }

  /**
   * @param {string} name
   * @param {string} url
   * @param {(n: number) => void} count
   * @param {boolean} keep
   * @param {RequestCache} mode
   */
  async download(name, url, count, keep, mode = "default") {
    const download = new AbortController();
    this.downloads.set(name, download);
    let stalled = false;
    const stall = () => {
      stalled = true;
      download.abort();
    };
    let response;
    const timer = setTimeout(stall, STALL_MS);
    try {
      response = await fetch(url, { signal: download.signal, cache: mode });
      clearTimeout(timer);
    } catch (error) {
      clearTimeout(timer);
      this.downloads.delete(name);
      throw new NetworkError(stalled ? `the download of ${name} stalled`
        : `could not download ${name} (${error.message})`);
    }
    try {
      return await this.receive(name, url, response, count, keep, stall);
    } catch (error) {
      if (stalled) throw new NetworkError(`the download of ${name} stalled`);
      throw error;
    } finally {
      this.downloads.delete(name);
    }
  }

  async receive(name, url, response, count, keep, stall) {
    if (!response.ok) {
      throw new NetworkError(`could not download ${name} (HTTP ${response.status})`);
    }
    let body = /** @type {ReadableStream<Uint8Array<ArrayBuffer>>} */ (response.body);
    let inflated = null;
    if (name.endsWith(".gz")) {
      let copy;
      [body, copy] = body.tee();
      inflated = readAll(copy.pipeThrough(new DecompressionStream("gzip")));
      inflated.catch(() => {}); // a damaged file fails the sha256 check below first
    }
    let shipped;
    try {
      shipped = await readAll(body, count, stall);
    } catch (error) {
      throw error instanceof NetworkError ? error
        : new NetworkError(`could not download ${name} (${error.message ?? error})`);
    }
    await this.check(name, shipped);
    const bytes = inflated ? await inflated : shipped;
    // Inflated files have no type of their own; pyodide*.mjs keep theirs for import().
    if (keep) this.keep(name, bytes, inflated ? null : response.headers.get("Content-Type"));
    return bytes;
  }

  // Rejects if a file's bytes as shipped are not the manifest's.
  async check(name, shipped) {
    if (hex(await crypto.subtle.digest("SHA-256", shipped)) !== this.files.get(name).sha256) {
      throw new DamagedError(`${name} arrived damaged (its sha256 differs from manifest.json)`,
        name);
    }
  }

  // Puts a file (bytes or Blob) in Cache Storage for the next visit, once `later` settles,
  // without waiting: a full quota only costs that visit speed.
  /**
   * @param {string} name
   * @param {Uint8Array<ArrayBuffer> | Blob} file
   * @param {string | null} type
   */
  keep(name, file, type = null) {
    Promise.all([this.cache, this.later]).then(([cache]) => cache?.put(
      this.url(name), new Response(file, { headers: type ? { "Content-Type": type } : {} })))
      .catch((error) => console.warn(`hsp: not cached: ${name}`, error));
  }

  // Drops cached files of other builds, and those stored `elsewhere`; run once the runtime has
  // started.
  async prune(elsewhere = []) {
    const cache = await this.cache;
    const current = new Set([...this.files.keys()].filter((name) => !elsewhere.includes(name))
      .map((name) => this.url(name)));
    for (const request of await cache?.keys() ?? []) {
      if (!current.has(request.url)) await cache?.delete(request);
    }
  }
}
