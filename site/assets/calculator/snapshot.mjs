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
// shipped bytes (a promise) have been copied into it and, if layout.delta names the wasm, its
// delta undone with that wasm's bytes (a promise): Pyodide needs the buffer early, its contents
// only later.
export function unpack(shippedBytes, layout, wasmBytes) {
  const bytes = new Uint8Array(layout.size);
  const filled = (async () => {
    const shipped = await shippedBytes;
    const { parts, shipped: length } = segments(layout);
    if (shipped.length !== length) {
      throw new Error(`the snapshot has ${shipped.length} bytes where its layout says ${length}`);
    }
    for (const [at, from, n] of parts) bytes.set(shipped.subarray(from, from + n), at);
    if (layout.delta) undoDelta(bytes, await wasmBytes);
    return bytes;
  })();
  return { bytes, filled };
}

// Where wasm memory starts in a snapshot: after its header, whose length is u32 #1.
const memoryStart = (snapshot) => new Uint32Array(snapshot.buffer, snapshot.byteOffset, 2)[1];

// Bytes of wasm memory a snapshot restores.
const heapSize = (snapshot) => snapshot.length - memoryStart(snapshot);

// The build ships the memory that the wasm's data segments fill at start-up XORed with them, so
// that what a restore leaves as it was (98 % of it) ships as zeros (1.5 MB less gzip; the build's
// scripts/buildlib/wasm_data.py says more). XORing again gives the snapshot back.
function undoDelta(snapshot, wasm) {
  const start = memoryStart(snapshot);
  for (const [offset, data] of dataSegments(wasm)) {
    const at = start + offset;
    for (let i = 0; i < data.length; i++) snapshot[at + i] ^= data[i];
  }
}

// An unsigned LEB128 number at `at` in `bytes`: [value, where the next field starts].
function uleb(bytes, at) {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return [value, at];
  }
}

// [memory offset, bytes] of each active data segment of a main module (i32.const offsets), as
// wasm_data.py reads them; anything else fails, like the build would.
export function dataSegments(wasm) {
  if (wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new Error("the snapshot's delta needs the wasm, and this is not one");
  }
  const out = [];
  let at = 8;
  while (at < wasm.length) {
    const section = wasm[at];
    let size;
    [size, at] = uleb(wasm, at + 1);
    const end = at + size;
    if (section === 11) { // data
      let [count, pos] = uleb(wasm, at);
      for (; count > 0; count--) {
        let flags;
        let offset = null;
        [flags, pos] = uleb(wasm, pos);
        if (flags === 0) { // active, memory 0: i32.const offset, end
          if (wasm[pos] !== 0x41) throw new Error("a data segment's offset is not an i32.const");
          [offset, pos] = uleb(wasm, pos + 1);
          if (wasm[pos++] !== 0x0b) throw new Error("a data segment's offset is not a constant");
        } else if (flags !== 1) { // 1: passive, copied by code rather than at start-up
          throw new Error(`a data segment of kind ${flags}`);
        }
        let length;
        [length, pos] = uleb(wasm, pos);
        if (offset !== null) out.push([offset, wasm.subarray(pos, pos + length)]);
        pos += length;
      }
    }
    at = end;
  }
  return out;
}

// A createPyodideModule for loadPyodide. factory: pyodide.asm.mjs's default export;
// so: {path: where CPython will dlopen it, url: where its bytes are fetched from};
// wheels: [[file name, bytes]] (or a promise of them) for WHEEL_DIR;
// snapshot: unpack()'s result when restoring.
export function createModule(factory, { so, wheels, snapshot }) {
  return async (settings) => {
    let failure = null;
    settings.preRun.push((Module) => {
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
          const need = heapSize(await snapshot.filled);
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
