// Precompile the stdlib zip and wheels to .pyc with Pyodide's own CPython, in Node.
// Usage: node precompile.mjs <npm-pyodide-dir> <out-dir> <wheel>...
// Prints one JSON line (python version, magic, traced stdlib members); see pyc_compile.py.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [indexDir, outDir, ...wheels] = process.argv.slice(2).map((p) => path.resolve(p));
if (!outDir || wheels.length === 0) {
  console.error("usage: node precompile.mjs <npm-pyodide-dir> <out-dir> <wheel>...");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const { loadPyodide } = await import(pathToFileURL(path.join(indexDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: indexDir + path.sep });

// Plain wheel paths need no lock; any error (or a CDN fallback) must fail the build.
const problems = [];
await py.loadPackage(wheels, {
  messageCallback: (m) => /attempting to load from/.test(m) && problems.push(m),
  errorCallback: (m) => problems.push(m),
});
if (problems.length) throw new Error(`loadPackage failed:\n${problems.join("\n")}`);

// The host file system at /host, so Python reads and writes the build folders directly.
py.FS.mkdirTree("/host");
py.FS.mount(py.FS.filesystems.NODEFS, { root: "/" }, "/host");
// dont_write_bytecode: no 3.14 __pycache__ written into this source folder.
py.runPython(`import sys; sys.dont_write_bytecode = True; sys.path.insert(0, ${JSON.stringify("/host" + here)})`);
const pyc = py.pyimport("pyc_compile");
const members = pyc.trace();
const host = (p) => "/host" + p;
const facts = pyc.compile_all(
  host(path.join(indexDir, "python_stdlib.zip")),
  py.toPy(wheels.map(host)),
  host(outDir),
  members,
);
console.log(facts);
