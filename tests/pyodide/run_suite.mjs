// Run unit tests inside Pyodide in Node, against the dist the site ships (public/pyodide).
// Usage: node tests/pyodide/run_suite.mjs WHEEL... -- PYTEST_ARGS...
//   WHEEL: test-only wheels (pytest, hypothesis and their deps; see
//   requirements/pyodide-test-wheels.txt). tests/test_pyodide_suite.py fetches them and calls this.
// hsp-core comes from the dist's own lock and wheel, never from the source tree: only tests/ and
// a copy of pyproject.toml (same pytest config as the host) are visible inside.
// Prints one "pyodide-suite: {json}" line of facts, then pytest's output; exits with pytest's code.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dist = path.join(repo, "public/pyodide") + path.sep;
const sep = process.argv.indexOf("--");
if (sep < 3) throw new Error("usage: run_suite.mjs WHEEL... -- PYTEST_ARGS...");
const wheels = process.argv.slice(2, sep).map((w) => path.resolve(w));
const pytestArgs = process.argv.slice(sep + 1);

const { loadPyodide } = await import(pathToFileURL(dist + "pyodide.mjs").href);
const t0 = performance.now();
const py = await loadPyodide({ indexURL: dist });
// Raw bytes straight to the fds, so pytest's progress dots are not split into console lines.
py.setStdout({ write: (buf) => fs.writeSync(1, buf) });
py.setStderr({ write: (buf) => fs.writeSync(2, buf) });

// loadPackage never throws: in Node it reports a missing file and falls back to jsDelivr, so
// treat either message as fatal (as scripts/buildlib/node_smoke.mjs does).
async function load(what) {
  const errors = [];
  await py.loadPackage(what, {
    messageCallback: (m) => {
      if (/attempting to load from/.test(m)) errors.push(`not in the dist: ${m}`);
    },
    errorCallback: (m) => errors.push(m),
  });
  if (errors.length) throw new Error(`loadPackage(${what}) failed:\n${errors.join("\n")}`);
}
await load("hsp-core");
await load(wheels);

py.FS.mkdirTree("/repo/tests");
py.FS.mount(py.FS.filesystems.NODEFS, { root: path.join(repo, "tests") }, "/repo/tests");
py.FS.writeFile("/repo/pyproject.toml", fs.readFileSync(path.join(repo, "pyproject.toml")));

const facts = py.runPython(`
import json, os, site, sys
os.chdir("/repo")
# Nothing may be written through the NODEFS mount into the host's tests/ (no __pycache__).
sys.dont_write_bytecode = True
import hsp_core, pydantic, pydantic_core
json.dumps({
    "platform": sys.platform,
    "python": sys.version.split()[0],
    "site_packages": site.getsitepackages(),
    "hsp_core_file": hsp_core.__file__,
    "hsp_core": hsp_core.__version__,
    "pydantic": pydantic.VERSION,
    "pydantic_core": pydantic_core.__version__,
})`);
const f = JSON.parse(facts);
if (!f.site_packages.some((d) => f.hsp_core_file.startsWith(d + "/")))
  throw new Error(`hsp_core imported from ${f.hsp_core_file}, not the installed wheel`);
f.pyodide = py.version;
f.load_ms = Math.round(performance.now() - t0);
console.log(`pyodide-suite: ${JSON.stringify(f)}`);

py.globals.set("pytest_args", py.toPy(pytestArgs));
const code = py.runPython(`
import pytest

class PyodideProfile:
    # Imports hypothesis only once pytest has loaded its plugins (else no assertion rewriting).
    # WebAssembly runs several times slower with uneven timing: no per-example deadline;
    # no example database either (nothing to keep between throwaway runs). Derandomized: this
    # run proves the wheel works in WebAssembly; the host run is the one that explores.
    @staticmethod
    def pytest_configure(config: pytest.Config) -> None:
        from hypothesis import settings
        settings.register_profile("pyodide", deadline=None, database=None, derandomize=True)
        settings.load_profile("pyodide")

int(pytest.main(["-p", "no:cacheprovider", *pytest_args], plugins=[PyodideProfile]))
`);
process.exit(code);
