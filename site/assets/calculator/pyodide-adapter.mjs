// Every use of Pyodide's private, experimental or layout-dependent surface, in one place: the
// worker (worker.mjs) and the build's Node script (scripts/buildlib/snapshot_node.mjs) reach
// Pyodide's internals only through this module. Each use says what it relies on (RELIES:), so an
// upgrade knows what to check (docs/pyodide-upgrade.md). The build refuses a Pyodide other than
// PYODIDE_VERSION (scripts/buildlib/pyodide_gate.py), and restores every snapshot it makes in
// Node and compares the answers with a normal start (scripts/buildlib/snapshot.py).
//
// Memory snapshots, taken after `import hsp_core.jsonapi` and a warm-up call: the build makes
// one in Node and restores it there to check it; the worker restores it in the browser. Both go
// through createModule() below, so the two runs set up the parts a snapshot does not hold in
// exactly the same way:
// - linear memory is all a snapshot holds. pydantic_core's side module (code, table slots) is
//   therefore loaded in a preRun, before the runtime starts: its memory and table bases are then
//   the same in both runs (bump-allocated from __heap_base; tableBase = table length);
// - the table is padded to a fixed length first: Chromium's Pyodide adds a wasm trampoline slot
//   that Node 20 does not, which would shift the side module's table base by one;
// - the pure-Python wheels stay zip files on sys.path, and the file system (also not in the
//   snapshot) gets them back at the same paths, so modules imported lazily later still load
//   (a restore starts with empty zips there, like the standard library's, see EMPTY_ZIP);
// - memory is grown to the snapshot's heap size: Pyodide 314 would copy it into a memory of the
//   wasm's initial 30 MiB and fail with "offset is out of bounds".
// The standard start (worker.mjs: standard) takes no private option: only standardOptions()
// (the documented, experimental createPyodideModule) and serveFetches().

// The Pyodide this module was checked against: the build fails on any other (pyodide_gate.py).
export const PYODIDE_VERSION = "314.0.7";

// RELIES: nothing of Pyodide's; a directory of our own in its file system (MEMFS).
export const WHEEL_DIR = "/opt/wheels";
// RELIES: the wasm table of Pyodide 314 in Chromium and Node is shorter than this before the
// runtime starts (checked in createModule, which throws otherwise).
const TABLE_PAD = 14336;

// A restore starts with an empty zip (end-of-directory record only) where the standard library
// and each pure-Python wheel go, and the real ones (3.4 and 1.2 MB) are written after the first
// answer: everything the answers import is already in the snapshot's memory, which the build
// checks by answering its profiles before the real zips are written (snapshot_node.mjs). Python
// opens a zip only to import something new.
export const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

/**
 * Where Pyodide keeps the standard library's zip, for a Python version like "3.14.2".
 * RELIES: Pyodide's installStdlib writes it to /lib/pythonXY.zip (not an API).
 * @param {string} python
 * @returns {string}
 */
export function stdlibPath(python) {
  const [major, minor] = python.split(".");
  return `/lib/python${major}${minor}.zip`;
}

/**
 * @typedef {{size: number, zeros: [number, number][], delta?: {wasm: string, length: number}}}
 *   Layout the shipped snapshot's layout (manifest.json's "snapshot", scripts/buildlib/snapshot.py)
 * @typedef {{bytes: Uint8Array, filled: Promise<Uint8Array>, delta?: Layout["delta"]}} Unpacked
 *   a snapshot buffer Pyodide may take at once, and when its contents are in
 */

/**
 * Where each stretch of the shipped bytes goes in the full snapshot, which ships without the
 * long runs of zeros the build cut out (a third less to inflate and to store): [at in the full
 * snapshot, from in the shipped bytes, length], in order, then the shipped length.
 * RELIES: nothing of Pyodide's (our own layout).
 * @param {Layout} layout
 * @returns {{parts: [number, number, number][], shipped: number}}
 */
export function segments({ size, zeros }) {
  /** @type {[number, number, number][]} */
  const out = [];
  let from = 0;
  let at = 0;
  for (const [start, length] of [...zeros, [size, 0]]) {
    out.push([at, from, start - at]);
    from += start - at;
    at = start + length;
  }
  return { parts: out, shipped: from };
}

/**
 * Returns at once a zeroed buffer of the full size and `filled`, which resolves once the
 * shipped bytes have been copied into it; `delta` is layout.delta, which createModule() undoes
 * in place before Pyodide restores the buffer. Pyodide needs the buffer early, its contents
 * only later.
 * @param {Promise<Uint8Array>} shippedBytes
 * @param {Layout} layout
 * @returns {Unpacked}
 */
export function unpack(shippedBytes, layout) {
  const bytes = new Uint8Array(layout.size);
  const filled = (async () => {
    const shipped = await shippedBytes;
    const { parts, shipped: length } = segments(layout);
    if (shipped.length !== length) {
      throw new Error(`the snapshot has ${shipped.length} bytes where its layout says ${length}`);
    }
    for (const [at, from, n] of parts) bytes.set(shipped.subarray(from, from + n), at);
    return bytes;
  })();
  return { bytes, filled, delta: layout.delta };
}

/**
 * Where wasm memory starts in a snapshot: after its header.
 * RELIES: the snapshot header of Pyodide 314's makeMemorySnapshot: u32 #1 is the header's
 * length, a multiple of 4 (snapshot_node.mjs reports it to snapshot.py, which cuts there too).
 * @param {Uint8Array} snapshot
 * @returns {number}
 */
export const memoryStart = (snapshot) => new Uint32Array(snapshot.buffer, snapshot.byteOffset, 2)[1];

/**
 * Bytes of wasm memory a snapshot restores. RELIES: as memoryStart.
 * @param {Uint8Array} snapshot
 */
const heapSize = (snapshot) => snapshot.length - memoryStart(snapshot);

/**
 * The build ships the memory that the wasm's data segments fill at start-up XORed with them, so
 * that what a restore leaves as it was (98 % of it) ships as zeros (1.5 MB less gzip; the
 * build's scripts/buildlib/wasm_data.py says more). XORing again with that memory as
 * instantiated (`initial`) gives the snapshot back: four bytes at a time, since the header's
 * length keeps the memory aligned, then the odd last bytes. A few ms, where reading the 14,579
 * segments from the wasm and XORing byte by byte took about 45 ms of the worker's busiest
 * stretch on a first visit (docs/performance-notes.md, lever 32).
 * RELIES: memoryStart's header layout.
 * @param {Uint8Array} snapshot
 * @param {Uint8Array} initial
 */
function undoDelta(snapshot, initial) {
  const start = memoryStart(snapshot);
  const words = initial.length >> 2;
  const into = new Uint32Array(snapshot.buffer, snapshot.byteOffset + start, words);
  const from = new Uint32Array(initial.buffer, initial.byteOffset, words);
  for (let i = 0; i < words; i++) into[i] ^= from[i];
  for (let i = words * 4; i < initial.length; i++) snapshot[start + i] ^= initial[i];
}

/**
 * The Emscripten module as a preRun sees it: only what createModule uses.
 * @typedef {object} EmscriptenModule
 * @property {Uint8Array} HEAPU8
 * @property {Int8Array} HEAP8
 * @property {{length: number, grow(delta: number, value: null): number}} wasmTable
 * @property {(path: string, dir: string) => string} locateFile
 * @property {(path: string, flags: object) => Promise<unknown>} loadDynamicLibrary
 * @property {(bytes: number) => void} growMemory
 * @property {{mkdirTree(path: string): void, writeFile(path: string, data: Uint8Array): void}} FS
 * @property {(id: string) => void} addRunDependency
 * @property {(id: string) => void} removeRunDependency
 * @typedef {{preRun: ((module: EmscriptenModule) => void)[]}} EmscriptenSettings
 * @typedef {(settings: EmscriptenSettings) => Promise<EmscriptenModule>} ModuleFactory
 *   pyodide.asm.mjs's default export
 * @typedef {{so: {path: string, url: string}, wheels: [string, Uint8Array][]
 *   | Promise<[string, Uint8Array][]>, snapshot?: Unpacked}} SetUp
 *   so: where CPython will dlopen pydantic_core's .so, and where its bytes are fetched from;
 *   wheels: [[file name, bytes]] for WHEEL_DIR; snapshot: unpack()'s result when restoring
 *   ({bytes, filled} for a stored one, already whole)
 */

/**
 * A createPyodideModule for loadPyodide that sets up what a snapshot does not hold (above).
 * @param {ModuleFactory} factory
 * @param {SetUp} setUp
 * @returns {ModuleFactory}
 */
function createModule(factory, { so, wheels, snapshot }) {
  return async (settings) => {
    /** @type {unknown} */
    let failure = null;
    // RELIES: Emscripten's settings.preRun, run with the Module after the wasm is instantiated
    // and before Pyodide's own start-up (and the snapshot's restore) touches memory.
    settings.preRun.push((Module) => {
      // RELIES: Module.HEAPU8. Memory as instantiated, taken before anything below (the side
      // module) runs: what the delta is against. The build's check restores through here too.
      const initial = snapshot?.delta && Module.HEAPU8.slice(0, snapshot.delta.length);
      // RELIES: Module.wasmTable (exported by Pyodide's Emscripten build), growable with null.
      const length = Module.wasmTable.length;
      if (length > TABLE_PAD) throw new Error(`wasm table already has ${length} > ${TABLE_PAD}`);
      Module.wasmTable.grow(TABLE_PAD - length, null);
      // RELIES: Emscripten's locateFile and loadDynamicLibrary(path, flags). Before the runtime
      // starts, Emscripten does not look in its file system for a library but fetches
      // locateFile(name). The name stays CPython's path, so its later dlopen() of that path
      // finds this copy instead of loading a second one.
      const locate = Module.locateFile;
      Module.locateFile = (path, dir) => (path === so.path ? so.url : locate(path, dir));
      const library = Module.loadDynamicLibrary(
        so.path, { loadAsync: true, global: false, nodelete: true });
      Module.locateFile = locate; // it was asked for the URL synchronously
      const files = (async () => {
        // RELIES: Module.FS (Emscripten's file system), before Pyodide's start-up.
        Module.FS.mkdirTree(WHEEL_DIR);
        for (const [name, bytes] of await wheels) {
          Module.FS.writeFile(`${WHEEL_DIR}/${name}`, bytes);
        }
        if (snapshot) {
          const bytes = await snapshot.filled;
          if (initial) undoDelta(bytes, initial);
          const need = heapSize(bytes);
          // RELIES: Module.growMemory (Emscripten) and HEAP8 as the memory's current view.
          if (Module.HEAP8.length < need) Module.growMemory(need);
        }
      })();
      // RELIES: Emscripten's run dependencies: the runtime waits for this one.
      Module.addRunDependency("hsp-snapshot");
      Promise.all([library, files])
        .catch((error) => { failure = error; })
        .finally(() => Module.removeRunDependency("hsp-snapshot"));
    });
    const Module = await factory(settings);
    if (failure) throw failure;
    return Module;
  };
}

/**
 * loadPyodide's options to restore a snapshot.
 * RELIES: loadPyodide's private `_loadSnapshot` (the memory to restore; Pyodide may take the
 * buffer before its contents are in, as it reads them only once the run dependencies above are
 * met) and its experimental `createPyodideModule` (the factory it starts the wasm with).
 * @param {ModuleFactory} factory
 * @param {SetUp & {snapshot: Unpacked}} setUp
 */
export function restoreOptions(factory, setUp) {
  return { _loadSnapshot: setUp.snapshot.bytes, createPyodideModule: createModule(factory, setUp) };
}

/**
 * loadPyodide's options to start for a snapshot (the build: snapshot_node.mjs make).
 * RELIES: loadPyodide's private `_makeSnapshot` (keeps what makeMemorySnapshot needs) and
 * `createPyodideModule`, as restoreOptions.
 * @param {ModuleFactory} factory
 * @param {SetUp} setUp
 */
export function makeOptions(factory, setUp) {
  return { _makeSnapshot: true, createPyodideModule: createModule(factory, setUp) };
}

/**
 * The memory snapshot of a Pyodide started with makeOptions().
 * RELIES: pyodide.makeMemorySnapshot() (experimental) and its bytes' header (memoryStart).
 * @param {{makeMemorySnapshot(): Uint8Array}} pyodide
 * @returns {Uint8Array}
 */
export const makeSnapshot = (pyodide) => pyodide.makeMemorySnapshot();

/**
 * loadPyodide's options for the standard start: pyodide.asm.mjs's factory, imported by the
 * worker by its versioned URL (files.mjs: url), which the cache and the service worker serve;
 * without it Pyodide imports it again by a URL of its own.
 * RELIES: the experimental, documented `createPyodideModule` option only.
 * @param {ModuleFactory} factory
 */
export const standardOptions = (factory) => ({ createPyodideModule: factory });

/**
 * Serves Pyodide's own fetches of the files this worker is fetching: `kept` maps an absolute
 * URL to the promise of its bytes. The wasm (shipped gzipped, as Pyodide does not ask for
 * that), the stdlib, the wheels and pydantic_core's .so are fetched by URL by Pyodide; the
 * worker gets them instead, checked against manifest.json. A file that fails leaves Pyodide
 * waiting rather than rejecting inside it; the worker, which awaits the same downloads,
 * reports the failure. Any other URL goes to the network.
 * RELIES: Pyodide fetching those files with the global fetch(), by
 * new URL(file name, indexURL), and streaming-compiling the wasm from a Response of type
 * application/wasm.
 * @param {Map<string, Promise<Uint8Array<ArrayBuffer> | Blob>>} kept
 */
export function serveFetches(kept) {
  const networkFetch = globalThis.fetch.bind(globalThis);
  /** @type {typeof fetch} */
  globalThis.fetch = (resource, options) => {
    const url = String(resource instanceof Request ? resource.url : resource);
    const file = kept.get(url);
    if (!file) return networkFetch(resource, options);
    // Streaming compilation insists on the wasm type.
    /** @type {Record<string, string>} */
    const headers = url.endsWith(".wasm") ? { "Content-Type": "application/wasm" } : {};
    return new Promise((resolve) => {
      file.then((f) => resolve(new Response(f, { headers })), () => {});
    });
  };
}
