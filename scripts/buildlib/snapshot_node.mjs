// The calculator's memory snapshot, made and checked in Node at build time (snapshot.py drives
// this; site/assets/calculator/pyodide-adapter.mjs holds the set-up shared with the browser,
// and every use of Pyodide's internals).
// Usage:
//   node snapshot_node.mjs make <spec.json> <out.bin>
//        import hsp_core, warm up, write the snapshot; prints {"memory_start": n}, where the
//        wasm memory starts in it, for snapshot.py
//   node snapshot_node.mjs run <spec.json> [<snapshot.bin.gz>]
//        answer spec.profiles after restoring the shipped snapshot (as the browser unpacks it,
//        with empty zips for the standard library and the wheels until the answers are in,
//        then the real ones), or after a normal start from the dist's lock without one; prints
//        one JSON line for snapshot.py to compare.
// spec: {dist, so: {path, file}, wheels: [pure wheels, on sys.path in this order],
//        unpack: [wheels to extract into site-packages], warmup: [json], profiles: [json],
//        snapshot: {size, zeros, delta} (to restore: pyodide-adapter.mjs, unpack)}
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import {
  EMPTY_ZIP, makeOptions, makeSnapshot, memoryStart, restoreOptions, stdlibPath, unpack, WHEEL_DIR,
} from "../../site/assets/calculator/pyodide-adapter.mjs";

const [mode, specFile, snapshotFile] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
const dist = spec.dist.endsWith("/") ? spec.dist : spec.dist + "/";
const { loadPyodide } = await import(pathToFileURL(dist + "pyodide.mjs").href);
const factory = (await import(pathToFileURL(dist + "pyodide.asm.mjs").href)).default;
const read = (name) => new Uint8Array(fs.readFileSync(dist + name));
const quiet = { stdout: () => {}, stderr: (line) => console.error(line) };

/**
 * A Pyodide started through the adapter's set-up (makeOptions or restoreOptions).
 * @param {{wheels: [string, Uint8Array][], snapshot?: import("../../site/assets/calculator/pyodide-adapter.mjs").Unpacked,
 *   internals: Function, options?: object}} how wheels: [[file name, bytes]] for WHEEL_DIR
 */
function start({ wheels, snapshot, internals, options = {} }) {
  const so = { path: spec.so.path, url: spec.so.file };
  return loadPyodide({
    indexURL: dist, ...quiet, ...options, ...internals(factory, { so, wheels, snapshot }),
  });
}

// Same inputs, same snapshot bytes: randomness (the allocator's and `random`'s seeds, the str
// hash secret) comes from a fixed sequence and the clock from a counter. Every visitor gets the
// snapshot's state either way; this only makes builds reproducible. The clock is years off, so
// a date frozen into the snapshot would show up in the check (run) as a wrong answer.
async function deterministic() {
  const crypto = (await import("node:crypto")).default;
  let x = 0x9e3779b9; // xorshift32
  crypto.randomFillSync = (view) => {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      bytes[i] = x & 255;
    }
    return view;
  };
  (await import("node:module")).syncBuiltinESMExports(); // Pyodide hands Emscripten the ESM one
  globalThis.crypto.getRandomValues = (view) => crypto.randomFillSync(view);
  let ms = 0;
  performance.now = () => (ms += 0.5);
  Date.now = () => Date.UTC(2024, 0, 1) + ms;
}

async function make() {
  await deterministic();
  // Never loadPackage here: Python keeps pyodide.loadedPackages, and a snapshot cannot hold it.
  const py = await start({
    wheels: [...spec.wheels, ...spec.unpack].map((name) => [name, read(name)]),
    internals: makeOptions,
  });
  py.globals.set("SPEC", py.toPy({ ...spec, dir: WHEEL_DIR }));
  py.runPython(`
def _install(spec):
    import gc, importlib, os, sys, sysconfig, zipfile
    for name in spec["unpack"]:  # has the .so: CPython finds the file, then reuses the loaded copy
        with zipfile.ZipFile(f"{spec['dir']}/{name}") as z:
            z.extractall(sysconfig.get_path("purelib"))
        os.remove(f"{spec['dir']}/{name}")
    sys.path.extend(f"{spec['dir']}/{name}" for name in spec["wheels"])
    importlib.invalidate_caches()
    from hsp_core.jsonapi import assess_json
    for text in spec["warmup"]:
        assess_json(text)
    gc.collect()
_install(SPEC)
del _install
`);
  py.globals.delete("SPEC");
  const snapshot = makeSnapshot(py);
  fs.writeFileSync(snapshotFile, snapshot);
  console.log(JSON.stringify({ memory_start: memoryStart(snapshot) }));
}

async function run() {
  const t0 = performance.now();
  let py;
  if (snapshotFile) {
    const gzipped = (await fs.openAsBlob(snapshotFile)).stream();
    const inflated = new Response(gzipped.pipeThrough(new DecompressionStream("gzip")))
      .arrayBuffer().then((buffer) => new Uint8Array(buffer));
    const snapshot = unpack(inflated, spec.snapshot);
    const emptyZip = `${specFile}.empty.zip`; // Node's Pyodide reads the stdlib from a path
    fs.writeFileSync(emptyZip, EMPTY_ZIP);
    py = await start({
      wheels: spec.wheels.map((name) => [name, EMPTY_ZIP]),
      snapshot,
      internals: restoreOptions,
      options: { stdLibURL: emptyZip },
    });
    fs.unlinkSync(emptyZip);
  } else {
    py = await loadPyodide({ indexURL: dist, ...quiet });
    const errors = [];
    await py.loadPackage("hsp-core", {
      messageCallback: () => {}, errorCallback: (m) => errors.push(m),
    });
    if (errors.length) throw new Error(errors.join("\n"));
  }
  const started = performance.now();
  py.globals.set("PROFILES", py.toPy(spec.profiles));
  const answer = (code) => py.runPython(code);
  const out = { answers: JSON.parse(answer(`
import json
from hsp_core.jsonapi import assess_json
json.dumps([assess_json(text) for text in PROFILES])`)) };
  if (snapshotFile) { // the zips the worker writes after its first answer (writeLater)
    py.FS.writeFile(stdlibPath(answer("import sys; '.'.join(map(str, sys.version_info[:2]))")),
      read("python_stdlib.zip"));
    for (const name of spec.wheels) py.FS.writeFile(`${WHEEL_DIR}/${name}`, read(name));
  }
  // Modules no answer imports, one from each kind of zip the worker writes after its first
  // answer: a restore reads them from those zips. Lists those already imported (none should be).
  out.later = answer(`
import importlib, sys
later = ("statistics", "hsp_core.cli", "pydantic.networks", "annotated_types.test_cases")
held = [name for name in later if name in sys.modules]
for name in later:
    importlib.import_module(name)
json.dumps(held)`);
  out.schemas = answer(`
import datetime
from hsp_core.jsonapi import schemas
json.dumps(schemas(), sort_keys=True)`); // JSON schemas, which no answer builds
  // The snapshot was made on another day: date.today() must follow the clock, not the build.
  const dates = (shift) => {
    const now = Date.now;
    Date.now = () => now() + shift;
    try {
      const js = new Date(Date.now());
      const local = [js.getFullYear(), js.getMonth() + 1, js.getDate()];
      return { js: local.map((n) => String(n).padStart(2, "0")).join("-"),
               python: answer("datetime.date.today().isoformat()") };
    } finally {
      Date.now = now;
    }
  };
  out.today = dates(0);
  out.in1000days = dates(1000 * 86_400_000);
  out.ms = { start: Math.round(started - t0), answers: Math.round(performance.now() - started) };
  console.log(JSON.stringify(out));
}

await (mode === "make" ? make() : run());
