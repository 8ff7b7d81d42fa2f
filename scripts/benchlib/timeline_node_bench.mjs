// Times hsp_core.timeline_series.page_json (the calculator's "When can I apply?" call) in
// Pyodide under Node, on each golden timeline case: the first call, then p50/p95 of repeats
// that each change the last salary by ¥1,000, so nothing computed for one call serves the next.
// Not a test (no time is asserted); it tells how far the Python side is from the page's target.
// Usage: node scripts/benchlib/timeline_node_bench.mjs [--dist DIR] [--src CHECKOUT]
//          [--cases DIR] [--repeats N]
//   --dist: the built Pyodide dist (default public/pyodide), whose lock installs hsp-core;
//   --src: import hsp_core from this checkout's sources instead (to compare two versions);
//   --cases: files like tests/golden/timeline/*.json, with a profile and a today (the default).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { values: opts } = parseArgs({
  options: Object.fromEntries(["dist", "src", "cases", "repeats"].map((k) => [k, { type: "string" }])),
});
const dist = path.resolve(opts.dist ?? path.join(repo, "public/pyodide")) + path.sep;
const repeats = Number(opts.repeats ?? 20);
const { loadPyodide } = await import(pathToFileURL(dist + "pyodide.mjs").href);
const py = await loadPyodide({ indexURL: dist });
await py.loadPackage("hsp-core", {
  messageCallback: (m) => {
    if (/attempting to load from/.test(m)) throw new Error(`not in the dist: ${m}`);
  },
});
if (opts.src) {
  py.FS.mkdir("/src");
  py.FS.mount(py.FS.filesystems.NODEFS, { root: path.resolve(opts.src) }, "/src");
  py.runPython("import sys; sys.path.insert(0, '/src')");
}
const pageJson = py.runPython(`
import hsp_core.timeline_series as ts
ts.page_json`);
const where = py.runPython("import hsp_core; hsp_core.__file__");

/** @param {number[]} xs sorted @param {number} q */
const quantile = (xs, q) => xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
const goldens = path.resolve(opts.cases ?? path.join(repo, "tests/golden/timeline"));
const rows = {};
for (const name of readdirSync(goldens).filter((f) => f.endsWith(".json")).sort()) {
  const { profile, today } = JSON.parse(readFileSync(path.join(goldens, name), "utf8"));
  const timed = (/** @type {number} */ i) => {
    const p = structuredClone(profile);
    p.salary.at(-1).annual_salary_jpy += 1000 * i;
    const [t, cpu] = [performance.now(), process.cpuUsage()];
    const out = JSON.parse(pageJson(JSON.stringify(p), today));
    if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.errors)}`);
    return [performance.now() - t, process.cpuUsage(cpu).user / 1000];
  };
  const first = timed(0)[0];
  const runs = Array.from({ length: repeats }, (_, i) => timed(i + 1));
  const wall = runs.map((r) => r[0]).sort((a, b) => a - b);
  const cpu = runs.map((r) => r[1]).sort((a, b) => a - b);
  // CPU time as well: on a loaded machine the wall clock also counts waiting for a core.
  rows[name.replace(/\.json$/, "")] = {
    first: Math.round(first), p50: Math.round(quantile(wall, 0.5)),
    p95: Math.round(quantile(wall, 0.95)), cpu_p50: Math.round(quantile(cpu, 0.5)),
  };
}
console.log(JSON.stringify({ hsp_core: where, repeats, ms: rows }, null, 1));
