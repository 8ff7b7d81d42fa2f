// Pyodide memory snapshots taken after `import hsp_core.jsonapi` and a warm-up call. The build
// makes one in Node and restores it there to check it (scripts/buildlib/snapshot_node.mjs); the
// worker restores it in the browser. Both go through createModule() below, so the two runs set up
// the parts a snapshot does not hold in exactly the same way:
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
// This is private Pyodide/Emscripten API (_makeSnapshot, _loadSnapshot, createPyodideModule,
// loadDynamicLibrary, wasmTable), which is why the Pyodide version is pinned exactly and every
// build restores its snapshot and compares the answers with the normal start.

export const WHEEL_DIR = "/opt/wheels";
const TABLE_PAD = 14336;

// A restore starts with an empty zip (end-of-directory record only) where the standard library
// and each pure-Python wheel go, and the real ones (3.4 and 1.2 MB) are written after the first
// answer: everything the answers import is already in the snapshot's memory, which the build
// checks by answering its profiles before the real zips are written (snapshot_node.mjs). Python
// opens a zip only to import something new.
export const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

// Where Pyodide keeps the standard library's zip (as its installStdlib does), for "3.14.2".
export function stdlibPath(python) {
  const [major, minor] = python.split(".");
  return `/lib/python${major}${minor}.zip`;
}

// The snapshot ships without the long runs of zeros the build cut out (a third less to inflate
// and to store); its layout is {size, zeros: [[start, length]...]}. Where each stretch of the
// shipped bytes goes in the full snapshot: [at in the full snapshot, from in the shipped bytes,
// length], in order, then the shipped length.
export function segments({ size, zeros }) {
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

// Returns at once a zeroed buffer of the full size and `filled`, which resolves once the
// shipped bytes (a promise) have been copied into it; `delta` is layout.delta, which
// createModule() undoes in place before Pyodide restores the buffer. Pyodide needs the buffer
// early, its contents only later.
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

// Where wasm memory starts in a snapshot: after its header, whose length is u32 #1.
const memoryStart = (snapshot) => new Uint32Array(snapshot.buffer, snapshot.byteOffset, 2)[1];

// Bytes of wasm memory a snapshot restores.
const heapSize = (snapshot) => snapshot.length - memoryStart(snapshot);

// The build ships the memory that the wasm's data segments fill at start-up XORed with them, so
// that what a restore leaves as it was (98 % of it) ships as zeros (1.5 MB less gzip; the build's
// scripts/buildlib/wasm_data.py says more). XORing again with that memory as instantiated
// (`initial`) gives the snapshot back: four bytes at a time, since the header's length keeps the
// memory aligned, then the odd last bytes. A few ms, where reading the 14,579 segments from the
// wasm and XORing byte by byte took about 45 ms of the worker's busiest stretch on a first visit
// (docs/performance-notes.md, lever 32).
function undoDelta(snapshot, initial) {
  const start = memoryStart(snapshot);
  const words = initial.length >> 2;
  const into = new Uint32Array(snapshot.buffer, snapshot.byteOffset + start, words);
  const from = new Uint32Array(initial.buffer, initial.byteOffset, words);
  for (let i = 0; i < words; i++) into[i] ^= from[i];
  for (let i = words * 4; i < initial.length; i++) snapshot[start + i] ^= initial[i];
}

// A createPyodideModule for loadPyodide. factory: pyodide.asm.mjs's default export;
// so: {path: where CPython will dlopen it, url: where its bytes are fetched from};
// wheels: [[file name, bytes]] (or a promise of them) for WHEEL_DIR;
// snapshot: unpack()'s result when restoring ({bytes, filled} for a stored one, already whole).
export function createModule(factory, { so, wheels, snapshot }) {
  return async (settings) => {
    let failure = null;
    settings.preRun.push((Module) => {
      // Memory as instantiated, taken before anything below (the side module) runs: what the
      // delta is against. The build's check restores through here too (snapshot_node.mjs).
      const initial = snapshot?.delta && Module.HEAPU8.slice(0, snapshot.delta.length);
      const length = Module.wasmTable.length;
      if (length > TABLE_PAD) throw new Error(`wasm table already has ${length} > ${TABLE_PAD}`);
      Module.wasmTable.grow(TABLE_PAD - length, null);
      // Before the runtime starts, Emscripten does not look in its file system for a library
      // but fetches locateFile(name). The name stays CPython's path, so its later dlopen() of
      // that path finds this copy instead of loading a second one.
      const locate = Module.locateFile;
      Module.locateFile = (path, dir) => (path === so.path ? so.url : locate(path, dir));
      const library = Module.loadDynamicLibrary(
        so.path, { loadAsync: true, global: false, nodelete: true });
      Module.locateFile = locate; // it was asked for the URL synchronously
      const files = (async () => {
        Module.FS.mkdirTree(WHEEL_DIR);
        for (const [name, bytes] of await wheels) {
          Module.FS.writeFile(`${WHEEL_DIR}/${name}`, bytes);
        }
        if (snapshot) {
          const bytes = await snapshot.filled;
          if (initial) undoDelta(bytes, initial);
          const need = heapSize(bytes);
          if (Module.HEAP8.length < need) Module.growMemory(need);
        }
      })();
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
