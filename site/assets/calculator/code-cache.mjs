// Chromium keeps a code cache for a script the service worker serves from its cache, written by
// the first load served from there. For Pyodide's pyodide.asm.mjs (1.25 MB) that first load
// would be the next visit's, which would then spend about 100 ms compiling it and 46 ms writing
// the cache on the path to its first answer. So on a first visit, once the service worker has
// installed and claimed this page, a throw-away worker imports the module through it: the
// compiling and the writing happen now, in the background, and the next visit's worker finds
// the cache (site/sw.js, docs/performance-notes.md lever 24).

const WORKER_URL = new URL("./code-cache-worker.mjs", import.meta.url);

// Resolves with true once `url` (pyodide.asm.mjs by its ?v=) was imported through the service
// worker; false when there is no need (this visit was served by it already) or no way.
export function writeCodeCache(url) {
  const container = navigator.serviceWorker;
  if (!container || container.controller || typeof Worker !== "function") {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    container.addEventListener("controllerchange", () => {
      const worker = new Worker(WORKER_URL, { type: "module" });
      const end = (written) => {
        worker.terminate();
        resolve(written);
      };
      worker.onmessage = ({ data }) => end(data === "imported");
      worker.onerror = (event) => {
        event.preventDefault(); // only a later visit's speed is at stake
        end(false);
      };
      worker.postMessage(url);
    }, { once: true });
  });
}
