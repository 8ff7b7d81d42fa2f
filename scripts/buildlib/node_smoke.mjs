// Smoke-test the built dist in Node: lock-based install of hsp-core, then report versions.
// Usage: node scripts/buildlib/node_smoke.mjs [dist-dir, default public/pyodide]
// Prints one JSON line. Exits non-zero if any package is missing from the lock: in Node,
// Pyodide would otherwise quietly try the jsDelivr CDN and only tell errorCallback.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dist = path.resolve(process.argv[2] ?? path.join(repo, "public/pyodide")) + path.sep;
const { loadPyodide } = await import(pathToFileURL(dist + "pyodide.mjs").href);
const t0 = performance.now();
const py = await loadPyodide({ indexURL: dist });
const tLoaded = performance.now();

const errors = [];
await py.loadPackage("hsp-core", {
  messageCallback: (m) => {
    if (/attempting to load from/.test(m)) throw new Error(`not in the dist: ${m}`);
  },
  errorCallback: (m) => errors.push(m), // collected: one error arrives as several messages
});
if (errors.length) throw new Error(`loadPackage("hsp-core") failed:\n${errors.join("\n")}`);
const facts = py.runPython(`
import importlib.util, json, sys
import hsp_core, pydantic, pydantic_core
json.dumps({
    "python": sys.version.split()[0],
    "magic": importlib.util.MAGIC_NUMBER.hex(),
    "hsp_core": hsp_core.__version__,
    "pydantic": pydantic.VERSION,
    "pydantic_core": pydantic_core.__version__,
    "files": {m.__name__: m.__file__ for m in (hsp_core, pydantic, pydantic_core, json)},
})`);
const out = JSON.parse(facts);
out.pyodide = py.version;
out.loaded = Object.keys(py.loadedPackages).sort();
out.ms = { loadPyodide: Math.round(tLoaded - t0), total: Math.round(performance.now() - t0) };
console.log(JSON.stringify(out));
