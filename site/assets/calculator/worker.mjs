// Module worker: gets the runtime's files, starts Pyodide, then answers assess requests.
// Only JSON text crosses the boundary: the profile goes in as a str argument of
// hsp_core.jsonapi.assess_json, never as Python source.
//
// Two ways to start, both ending at the same assess_json:
// - "snapshot", when manifest.json lists one: Python's memory as the build left it after
//   importing hsp_core and a warm-up call is restored (pyodide-adapter.mjs), so there is no
//   interpreter start-up, no install and no import; the zips of the standard library and the
//   pure-Python wheels, only needed for later imports, come after the first answer;
// - "standard": start Pyodide, install hsp-core and its dependencies from our lock, import.
// If anything in the snapshot path fails, the worker says why in the console and takes the
// standard one.
// What comes from storage is checked as strictly as a download: sizes before use, and the
// first call's answer when the build knows it ("{}", answerer()); the sha256 of everything
// taken from storage and a call with a known answer right after the first answer is drawn
// (verify()), as hashing 40 MB and that call before it cost a warm start 100-300 ms here.
// A start, or a check, that fails after taking anything from storage deletes what is stored
// and says so ({stored: true}): the page then starts a "fresh" worker (its name says so),
// which takes nothing from storage and fetches past the HTTP cache.
//
// It starts on its own as soon as it is loaded (the page's <head> creates it after the first
// frame, or main.mjs does).
// Messages in and out: protocol.mjs (ToWorker, FromWorker). "shown": the page has drawn an
// answer, so the work held back until then may start (see `shown` below); "snapshot": the
// page's download (see fromPage).

import { bytesOf, CACHE, DamagedError, NetworkError, RuntimeFiles } from "./files.mjs";
import {
  EMPTY_ZIP, restoreOptions, serveFetches, standardOptions, stdlibPath, unpack, WHEEL_DIR,
} from "./pyodide-adapter.mjs";
import { forgetStored, openStored, readStored, sha256, store } from "./snapshot-file.mjs";

const APP_PACKAGE = "hsp-core";
/**
 * @typedef {import("./protocol.mjs").ToWorker} ToWorker
 * @typedef {import("./protocol.mjs").FromWorker} FromWorker
 * @typedef {import("./pyodide-adapter.mjs").Layout & {file: string,
 *   so: {file: string, path: string}, wheels: string[]}} SnapshotEntry manifest.json's "snapshot"
 * @typedef {{pyodide: string, python: string, files: {name: string, size: number,
 *   sha256: string}[], snapshot: SnapshotEntry | null}} Manifest pyodide/manifest.json
 * @typedef {{packages: Record<string, {file_name: string, depends: string[],
 *   version: string}>}} Lock pyodide-lock.json, as far as the worker reads it
 * @typedef {{manifest: Manifest, lock: Lock, check: {json: string, answer: string,
 *   empty: string}}} Built what the build writes into BUILT
 */

const BUILD = "__HSP_BUILD__"; // the site's build id (scripts/buildlib/build_id.py)
const INDEX_URL = new URL("../../pyodide/", import.meta.url).href;
// scripts/build fills this in with pyodide/manifest.json and pyodide-lock.json
// (buildlib/assemble.py: embed), so no request stands before the downloads start.
/** @type {Built} */
// @ts-ignore: null until the build fills it in (start() says so)
const BUILT = null;
// What Pyodide fetches -> the dist file that holds it (the build gzips the wasm: 9.6 -> 3.5 MB).
const WASM = "pyodide.asm.wasm";
const PYODIDE_FILES = { [WASM]: "pyodide.asm.wasm.gz" };
// Pyodide's two modules are both fetched (for the progress and the cache) and imported, by the
// same URL (see fetchRuntime).
const CORE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", ...Object.values(PYODIDE_FILES)];
const STDLIB = "python_stdlib.zip"; // before the start, or (restoring) after the first answer

// Pyodide fetches the wasm, the stdlib, the wheels and (restoring) pydantic_core's .so by URL.
// It gets what this worker is fetching instead (pyodide-adapter.mjs: serveFetches), checked
// against manifest.json's sha256 (which is also the lock's, so this stands in for the SRI check
// loadPackage asks for). Pyodide is started while the files still arrive.
/** @type {Map<string, Promise<Uint8Array<ArrayBuffer> | Blob>>} */
const kept = new Map(); // absolute URL -> its bytes
serveFetches(kept);

let assessJson = null;
let laterPending = null; // a restore's zips (writeLater), until they are written in place
// The work after the first answer (the zips, keeping the snapshot, tidying the cache) waits
// until the page has drawn it: on a first visit it competed with the page's layout of the
// results, which waits on the browser process for fonts, and the answer showed about 190 ms
// later (docs/performance-notes.md, lever 27). An answer that needs the zips sooner starts it at once.
let goOn = null;
const shown = new Promise((resolve) => { goOn = resolve; });
let attempt = 0; // progress only from the latest way to start (a failed one may still fetch)

/** @param {FromWorker} message */
const post = (message) => self.postMessage(message);

// On a first visit (no runtime cache, no service worker in control) the page downloads and
// inflates the snapshot itself, from its first frame on (boot.js), and names this
// worker so. pageDownload() is that download for RuntimeFiles.adopt(), fed by the page's
// "snapshot" messages: {file, listen(count), stop(), receive(data)}.
/** @type {typeof import("./protocol.mjs").FROM_PAGE} */
const FROM_PAGE = "hsp: snapshot from the page";
function pageDownload() {
  let settle = null;
  const file = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  file.catch(() => {}); // whoever uses the file handles its failure
  const counters = new Set();
  let loaded = 0; // bytes the page has reported, also before anyone listened
  return {
    file,
    listen(count) {
      counters.add(count);
      count(loaded);
    },
    stop() {
      post({ type: "stop-snapshot" });
      settle.reject(new Error("the page's download of the snapshot was stopped"));
    },
    /** @param {import("./protocol.mjs").SnapshotPart} part */
    receive({ loaded: more, shipped, bytes, error }) {
      if (more) {
        loaded += more;
        for (const count of counters) count(more);
      }
      if (bytes) settle.resolve({ shipped, bytes });
      if (error) settle.reject(new NetworkError(`could not download ${error}`));
    },
  };
}
const fromPage = self.name === FROM_PAGE ? pageDownload() : null;
/** @type {typeof import("./protocol.mjs").FRESH} */
const FRESH = "hsp: fresh"; // a worker that takes nothing from storage (see above; runtime.mjs)
const fresh = self.name === FRESH;
let usedStorage = false; // whether this start took anything from OPFS or Cache Storage

// The app package and everything it depends on, by the lock's names.
function closure(lock, name, seen = new Set()) {
  if (seen.has(name)) return seen;
  const entry = lock.packages[name];
  if (!entry) throw new Error(`${name} is missing from pyodide-lock.json`);
  seen.add(name);
  for (const dep of entry.depends) closure(lock, dep, seen);
  return seen;
}

// The wheel files the standard start installs.
const appWheels = (lock) => [...closure(lock, APP_PACKAGE)]
  .map((name) => lock.packages[name].file_name);

// Pyodide's two modules, imported once, as the worker starts: every way to start needs them,
// and their import (a download, then 1.25 MB to compile) need not wait for the checks of OPFS
// and Cache Storage. By the URL fetchRuntime() downloads them by too: the browser fetches them
// once (a service worker or the HTTP cache answers the second request).
let imported = null;
const importPyodide = (files) => (imported ??= Promise.all(
  ["pyodide.mjs", "pyodide.asm.mjs"].map((n) => import(files.url(n)))));

// Starts fetching the core files and `names` (not putting `unkept` in Cache Storage), hands
// the wasm, the stdlib and `handOver` to Pyodide, and imports Pyodide's two modules.
// `downloaded` settles when every file has arrived, and says "Starting Python" then.
function fetchRuntime(files, indexURL, names, handOver, unkept = []) {
  const mine = ++attempt;
  const current = () => mine === attempt;
  /** @type {{loaded: number, total: number}} fetchAll's own, updated as bytes arrive */
  let progress = { loaded: 0, total: 0 };
  const fetched = files.fetchAll([...CORE_FILES, ...names], (report) => {
    progress = report;
    if (current()) post({ type: "progress", stage: "download", ...report });
  }, unkept);
  const pyodideFiles = [...Object.entries(PYODIDE_FILES), ...handOver.map((n) => [n, n])];
  for (const [asked, name] of pyodideFiles) {
    kept.set(new URL(asked, indexURL).href, fetched.get(name));
  }
  const modules = importPyodide(files);
  const downloaded = Promise.all(fetched.values());
  downloaded.then(() => current() && post({ type: "progress", stage: "start" }), () => {});
  return { fetched, downloaded, modules, progress };
}

// Resolves with loadPyodide's result; rejects as soon as any of `alongside` does, since a
// failed download leaves loadPyodide waiting (see self.fetch above).
async function started(loading, alongside) {
  return (await Promise.all([loading, ...alongside]))[0];
}

// Keeps a downloaded snapshot for the next visit: as restored in OPFS (`full`, a promise of
// unpack()'s buffer, whose delta the restore has undone by the time this runs), else as shipped
// in Cache Storage (`shipped`, a promise); then tidies the cache.
async function keepSnapshot(files, snap, shipped, full) {
  try {
    await store(files.version(snap.file), snap, await full);
  } catch (error) {
    console.warn("hsp: the snapshot is kept in Cache Storage instead of OPFS", error);
    // Not written again when it came from there (OPFS denied: every visit would rewrite it).
    if (!files.checks.has(snap.file)) files.keep(snap.file, await bytesOf(await shipped));
    return files.prune();
  }
  return files.prune([snap.file]);
}

// On a first visit the snapshot start downloads about 2.8 MB more than the standard one before
// its first answer (the snapshot and pydantic_core's .so, against the stdlib and the wheels) to
// save about 1.5 s of CPU here (docs/performance-notes.md, lever 21): on a link slower than about 15 Mbit/s the
// standard start answers first. A second into the downloads, the rate so far decides.
const CPU_SAVED_S = 1.5;
const DECIDE_AFTER_MS = 1000;

class SlowLink extends Error {}

// Whether the snapshot start's downloads would take longer than the standard start's by more
// than the CPU they save, at the rate seen since `since` ({at: performance.now(), loaded}).
function slowLink(files, lock, snap, progress, since) {
  const seconds = (performance.now() - since.at) / 1000;
  const rate = (progress.loaded - since.loaded) / seconds; // bytes a second, all files together
  const sum = (names) => names.reduce((total, name) => total + files.remaining(name), 0);
  const extra = sum([snap.file, snap.so.file]) - sum([STDLIB, ...appWheels(lock)]);
  return extra > CPU_SAVED_S * rate;
}

// Resolves with loadPyodide's result and what to do once the calculator is ready: keep the
// snapshot for the next visit and tidy the cache. Rejects with SlowLink if it stopped its own
// downloads for the standard start.
/**
 * @param {RuntimeFiles} files
 * @param {string} indexURL
 * @param {Lock} lock
 * @param {SnapshotEntry} snap
 */
async function restore(files, indexURL, lock, snap) {
  // The page downloads it only on a first visit, when nothing is stored to look for.
  const stored = fromPage || fresh ? null : await openStored(files.version(snap.file), snap);
  if (fromPage) files.adopt(snap.file, fromPage);
  const names = [...(stored ? [] : [snap.file]), snap.so.file];
  const at = performance.now();
  const { fetched, downloaded, modules, progress } = fetchRuntime(
    files, indexURL, names, [], [snap.file]);
  // The rate is taken over the whole time its bytes took. The page's download began when it
  // created this worker (boot.js, in one task), the time origin of performance.now() here; its
  // bytes so far are counted at once, and those still in its messages come in the first second:
  // timed from `at` they made an 8 Mbit/s link look fast to a worker that started late (a busy
  // CPU), and the snapshot start ran on it.
  const since = fromPage ? { at: 0, loaded: 0 } : { at, loaded: progress.loaded };
  /** @type {import("./pyodide-adapter.mjs").Unpacked} */
  let snapshot;
  let tidy;
  let slow = false;
  let intact = async () => {}; // the stored copy's check, see verify()
  if (stored) {
    usedStorage = true;
    const bytes = new Uint8Array(snap.size);
    readStored(stored.access, snap, bytes);
    intact = async () => {
      if (await sha256(bytes) !== stored.sha256) {
        throw new DamagedError("the stored snapshot was damaged", snap.file);
      }
    };
    snapshot = { bytes, filled: Promise.resolve(bytes) };
    tidy = () => Promise.all([files.prune([snap.file]), forgetStored(stored.name)]);
  } else {
    snapshot = unpack(fetched.get(snap.file).then(bytesOf), snap);
    tidy = () => keepSnapshot(files, snap, fetched.get(snap.file), snapshot.filled);
    // Judged again every second while the downloads last: a link can slow down on the way.
    const judge = setInterval(() => {
      if (progress.loaded >= progress.total) clearInterval(judge);
      else if (slowLink(files, lock, snap, progress, since)) {
        clearInterval(judge);
        slow = true;
        files.abort([snap.file, snap.so.file]);
      }
    }, DECIDE_AFTER_MS);
    downloaded.then(() => clearInterval(judge), () => clearInterval(judge));
  }
  const soName = snap.so.path.slice(snap.so.path.lastIndexOf("/") + 1);
  const soURL = new URL(soName, indexURL).href; // from memory only
  kept.set(new URL(STDLIB, indexURL).href, Promise.resolve(EMPTY_ZIP)); // see writeLater()
  const so = /** @type {Promise<Uint8Array<ArrayBuffer> | Blob>} */ (fetched.get(snap.so.file));
  kept.set(soURL, so);
  /** @type {[string, Uint8Array][]} */
  const wheels = snap.wheels.map((name) => [name, EMPTY_ZIP]); // see writeLater()
  /** @type {Promise<unknown>[]} */
  const alongside = [downloaded, snapshot.filled, so];
  for (const p of alongside) p.catch(() => {}); // handled by started(), once Pyodide runs
  try {
    const [{ loadPyodide }, { default: factory }] = await modules;
    const pyodide = await started(loadPyodide({
      indexURL,
      lockFileContents: lock,
      ...restoreOptions(factory, { so: { path: snap.so.path, url: soURL }, wheels, snapshot }),
    }), alongside);
    const verify = async () => {
      await Promise.all([intact(), files.checked([...CORE_FILES, ...names])]);
      let got;
      try {
        got = pyodide.pyimport("hsp_core.jsonapi").assess_json(BUILT.check.json);
      } catch (error) {
        throw new DamagedError(`the snapshot's check failed (${error.message})`, "snapshot");
      }
      if (got !== BUILT.check.answer) {
        throw new DamagedError("the snapshot's check gave a wrong answer", "snapshot");
      }
    };
    return { pyodide, tidy, verify };
  } catch (error) {
    throw slow ? new SlowLink() : error;
  }
}

async function standard(files, indexURL, lock) {
  const wheels = appWheels(lock);
  const { downloaded, modules } = fetchRuntime(
    files, indexURL, [STDLIB, ...wheels], [STDLIB, ...wheels]);
  downloaded.catch(() => {}); // handled by started()
  const [{ loadPyodide }, { default: factory }] = await modules;
  const pyodide = await started(loadPyodide({
    indexURL, lockFileContents: lock, packageBaseUrl: indexURL, ...standardOptions(factory),
  }), [downloaded]);
  post({ type: "progress", stage: "install" });
  const problems = [];
  // loadPackage never throws: a missing or corrupt wheel is only reported here.
  await pyodide.loadPackage(APP_PACKAGE, {
    messageCallback: () => {}, // "Loading …" chatter; the page shows its own stages
    errorCallback: (message) => problems.push(message),
  });
  if (problems.length) throw new Error(problems.join(" "));
  return pyodide;
}

// What a restore starts without: the zips of the standard library and of the pure-Python wheels
// (4.6 MB), fetched (or read from the cache) once the calculator is ready and written where
// Pyodide has empty zips. Everything the answers import is already in the snapshot's memory;
// the zips are read only to import something new.
async function writeLater(files, pyodide, { python, snapshot }) {
  const paths = new Map([[STDLIB, stdlibPath(python)],
    ...snapshot.wheels.map((name) => [name, `${WHEEL_DIR}/${name}`])]);
  const zips = async (from) => Promise.all([...from.fetchAll([...paths.keys()], () => {})]
    .map(async ([name, file]) => [paths.get(name), await bytesOf(await file)]));
  let found = await zips(files);
  try {
    await files.checked([...paths.keys()]);
  } catch { // a damaged stored zip (now deleted): all of them again, from the network
    found = await zips(new RuntimeFiles(files.indexURL, BUILT.manifest, shown,
      { lookUp: false, mode: "reload" }));
  }
  for (const [path, bytes] of found) pyodide.FS.writeFile(path, bytes);
}

// Answers one profile. A call that needed a zip before a restore had written it (none of the
// build's checks does) fails reading the empty one, and is answered again once the real ones
// are in place.
async function answer(json) {
  const pending = laterPending;
  try {
    return assessJson(json);
  } catch (error) {
    if (!pending) throw error;
    goOn();
    await pending;
    return assessJson(json);
  }
}

// A dated profile's timeline and points series (hsp_core.timeline_series.page_json). The page
// asks only after its first answer is drawn; the timeline modules are not in a restore's memory,
// so their import waits for the zips (writeLater).
let python = null; // the started Pyodide
let pageJson = null;
async function timeline(json, date) {
  goOn();
  await laterPending;
  pageJson ??= python.pyimport("hsp_core.timeline_series").page_json;
  return pageJson(json, date || null);
}

// The first call is part of starting: a restore that went wrong shows here at the latest. It is
// the page's first request when that came while Python started, its answer kept for it: a call
// of "{}" first had cost 25-30 ms, and warmed little of what a full profile runs. Should that
// request fail (say, it needed a zip not written yet), "{}" is the check and answer() retries it.
let waiting = null; // the JSON of the first request, while Python starts
const answered = new Map(); // JSON -> assess_json's answer, computed by that check

function answerer(pyodide, restored = false) {
  python = pyodide;
  const assess = pyodide.pyimport("hsp_core.jsonapi").assess_json;
  if (restored && (waiting === null || waiting === "{}")) { // the build knows this answer
    let got;
    try {
      got = assess("{}");
    } catch (error) {
      throw new DamagedError(`the snapshot's check failed (${error.message})`, "snapshot");
    }
    if (got !== BUILT.check.empty) {
      throw new DamagedError("the snapshot's check gave a wrong answer", "snapshot");
    }
    if (waiting === "{}") answered.set(waiting, got);
    return assess;
  }
  try {
    if (waiting === null) throw new Error("no request yet");
    answered.set(waiting, assess(waiting));
  } catch {
    assess("{}");
  }
  return assess;
}

async function start(indexURL) {
  if (!BUILT) throw new Error("this worker.mjs did not come from scripts/build (no manifest)");
  const { manifest, lock } = BUILT;
  if (fresh) await forget();
  files = new RuntimeFiles(indexURL, manifest, shown,
    { lookUp: !fromPage && !fresh, mode: fresh ? "reload" : "default" });
  importPyodide(files).catch(() => {}); // awaited, and any failure handled, by each way to start
  /** @type {"snapshot" | "standard"} */
  let how = "standard";
  let tidy = () => files.prune();
  /** @type {Awaited<ReturnType<typeof restore>> | null} */
  let restored = null;
  if (manifest.snapshot) {
    try {
      restored = await restore(files, indexURL, lock, manifest.snapshot);
      assessJson = answerer(restored.pyodide, true);
      tidy = restored.tidy;
      how = "snapshot";
    } catch (error) {
      if (error instanceof SlowLink) { // the next visit starts from the snapshot
        const snap = manifest.snapshot;
        // Kept as shipped in Cache Storage: only a restore undoes its delta, so the next visit
        // restores it from there and then keeps it in OPFS.
        tidy = () => {
          const later = files.fetchAll([snap.file, snap.so.file], () => {});
          // A failure here costs only the next visit's speed.
          for (const file of later.values()) file.catch(() => {});
          return files.prune();
        };
      } else {
        console.warn("hsp: the snapshot did not start, so Python starts the standard way:", error);
        // A bad stored copy must not fail every visit; one damaged file is deleted by its check.
        if (!(error instanceof DamagedError) || error.file !== manifest.snapshot.so.file) {
          forgetStored().catch(() => {});
          files.forget([manifest.snapshot.file, manifest.snapshot.so.file]);
        }
        post({ type: "progress", stage: "fallback" });
      }
    }
  }
  if (!assessJson) assessJson = answerer(await standard(files, indexURL, lock));
  kept.clear(); // Pyodide has what it needed
  post({
    type: "ready",
    start: how,
    code: files.url("pyodide.asm.mjs"),
    build: BUILD,
    versions: {
      pyodide: manifest.pyodide,
      python: manifest.python,
      hsp_core: lock.packages[APP_PACKAGE].version,
    },
  });
  if (how === "snapshot") {
    const { pyodide } = /** @type {NonNullable<typeof restored>} */ (restored);
    laterPending = shown.then(() => writeLater(files, pyodide, manifest));
    laterPending.then(() => { laterPending = null; }, (error) => {
      console.warn("hsp: no standard library or wheels yet, so answers that import more fail",
        error);
    });
  }
  // Everything taken from storage is checked once the first answer is drawn; only then is
  // anything kept or tidied. A failure deletes what is stored and restarts afresh (above).
  const checked = shown.then(() => (how === "snapshot" ? /** @type {NonNullable<typeof restored>} */ (restored).verify()
    : files.checked([...CORE_FILES, STDLIB, ...appWheels(lock)])));
  checked.then(tidy, async (error) => {
    console.warn("hsp: a stored file was damaged, so the runtime starts again:", error);
    await forget();
    post({ type: "error", message: error.message, cause: "damaged", stored: true });
  }).catch((error) => {
    console.warn("hsp: could not keep or tidy the runtime files", error);
  });
}

// Deletes everything kept of the runtime: Cache Storage's copies and OPFS's.
async function forget() {
  await Promise.allSettled([caches.delete(CACHE), forgetStored()]);
}

let files = null;
const starting = start(INDEX_URL);
starting.catch(async (error) => {
  const cause = error instanceof NetworkError ? "network" : "damaged";
  const stored = cause !== "network" && (usedStorage || (files?.fromStorage ?? false));
  if (stored) await forget();
  post({ type: "error", message: error.message ?? String(error), cause, stored });
});

// A request that comes while Python starts is answered right after "ready".
self.onmessage = async (/** @type {MessageEvent<ToWorker>} */ { data }) => {
  if (data.type === "shown") goOn();
  if (data.type === "snapshot") fromPage?.receive(data);
  if (data.type === "timeline") {
    try {
      await starting;
      post({ type: "result", id: data.id, json: await timeline(data.json, data.date) });
    } catch (error) {
      post({ type: "error", id: data.id, message: error.message ?? String(error) });
    }
  }
  if (data.type !== "assess") return;
  if (!assessJson && waiting === null) waiting = data.json;
  try {
    await starting;
    const known = answered.get(data.json);
    answered.delete(data.json); // once: later requests are computed afresh
    post({ type: "result", id: data.id, json: known ?? await answer(data.json) });
  } catch (error) {
    post({ type: "error", id: data.id, message: error.message ?? String(error) });
  }
};
