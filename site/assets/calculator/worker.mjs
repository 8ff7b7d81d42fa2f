// Module worker: downloads and starts Pyodide, then answers assess requests.
// Only JSON text crosses the boundary: the profile goes in as a str argument of
// hsp_core.jsonapi.assess_json, never as Python source.
//
// Messages in:  {type: "init", indexURL} then {type: "assess", id, json}
// Messages out: {type: "progress", stage, loaded?, total?}, {type: "ready", versions},
//               {type: "result", id, json}, {type: "error", message, id?}

const APP_PACKAGE = "hsp-core";
// Fetched by loadPyodide itself; the wheels come from the lock.
const CORE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"];

// Pyodide fetches these itself, without an integrity value; they are kept from download() and
// handed over instead of fetched again: a 10 MB wasm can be too big for a small HTTP cache.
// The wheels (SRI-checked by loadPackage) and the .mjs modules (import()) use the HTTP cache.
const HANDED_OVER = ["pyodide.asm.wasm", "python_stdlib.zip"];
const kept = new Map(); // absolute URL -> Blob, until Pyodide asks for it

const networkFetch = self.fetch.bind(self);
self.fetch = (resource, options = {}) => {
  const url = String(resource instanceof Request ? resource.url : resource);
  const blob = kept.get(url);
  if (!blob || options.integrity) return networkFetch(resource, options);
  kept.delete(url);
  return Promise.resolve(new Response(blob, { headers: { "Content-Type": blob.type } }));
};

let assessJson = null;

const post = (message) => self.postMessage(message);

async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname.split("/").pop()}: HTTP ${response.status}`);
  return response.json();
}

// The app package and everything it depends on, by the lock's names.
function closure(lock, name, seen = new Set()) {
  if (seen.has(name)) return seen;
  const entry = lock.packages[name];
  if (!entry) throw new Error(`${name} is missing from pyodide-lock.json`);
  seen.add(name);
  for (const dep of entry.depends) closure(lock, dep, seen);
  return seen;
}

// Streams every file the runtime needs once, so the page can show real byte progress. Pyodide
// then gets each one from memory (HANDED_OVER) or the HTTP cache (a 304 at most).
async function download(indexURL, names, sizes) {
  const total = names.reduce((sum, name) => sum + (sizes.get(name) ?? 0), 0);
  let loaded = 0;
  let shown = 0;
  const report = () => post({ type: "progress", stage: "download", loaded, total });
  report();
  await Promise.all(names.map(async (name) => {
    const url = new URL(name, indexURL);
    let response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new Error(`could not download ${name} (${error.message})`);
    }
    if (!response.ok) throw new Error(`could not download ${name} (HTTP ${response.status})`);
    const chunks = [];
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (HANDED_OVER.includes(name)) chunks.push(value);
      loaded += value.byteLength;
      if (loaded - shown > total / 100) { // about 100 messages, not one per chunk
        shown = loaded;
        report();
      }
    }
    if (chunks.length) {
      const type = response.headers.get("Content-Type") ?? "";
      kept.set(url.href, new Blob(chunks, { type }));
    }
  }));
  report();
}

async function start(indexURL) {
  const [manifest, lock] = await Promise.all([
    getJSON(new URL("manifest.json", indexURL)),
    getJSON(new URL("pyodide-lock.json", indexURL)),
  ]);
  const sizes = new Map(manifest.files.map((f) => [f.name, f.size]));
  const wheels = [...closure(lock, APP_PACKAGE)].map((name) => lock.packages[name].file_name);
  await download(indexURL, [...CORE_FILES, ...wheels], sizes);

  post({ type: "progress", stage: "start" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const pyodide = await loadPyodide({ indexURL, lockFileContents: lock, packageBaseUrl: indexURL });
  kept.clear(); // whatever Pyodide did not ask for is not needed

  post({ type: "progress", stage: "install" });
  const problems = [];
  // loadPackage never throws: a missing or corrupt wheel is only reported here.
  await pyodide.loadPackage(APP_PACKAGE, {
    messageCallback: () => {}, // "Loading …" chatter; the page shows its own stages
    errorCallback: (message) => problems.push(message),
  });
  if (problems.length) throw new Error(problems.join(" "));
  assessJson = pyodide.pyimport("hsp_core.jsonapi").assess_json;
  post({
    type: "ready",
    versions: {
      pyodide: pyodide.version,
      python: pyodide.pyimport("platform").python_version(),
      hsp_core: pyodide.pyimport("hsp_core").__version__,
    },
  });
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      await start(data.indexURL);
    } catch (error) {
      post({ type: "error", message: error.message ?? String(error) });
    }
  } else if (data.type === "assess") {
    try {
      post({ type: "result", id: data.id, json: assessJson(data.json) });
    } catch (error) {
      post({ type: "error", id: data.id, message: error.message ?? String(error) });
    }
  }
};
