// Inlined at the top of the calculator page's <head> by mkdocs_hooks/calculator_form.py: the
// worker (which starts on its own) is created right after the page's first frame, not after a
// chain of module fetches. Not sooner: on two cores its start-up competed with the first layout
// and Material's bundle.js, and the form answered a keystroke 100-200 ms later (scripts/bench).
// runtime.mjs adopts the worker and replays what it said meanwhile; if runtime.mjs runs first
// (a tab opened in the background has no frames), it starts its own and this one never starts.
// A browser lacking what the worker needs starts nothing here and gets runtime.mjs's reason.
//
// On a first visit (see firstVisit below) this page also downloads and inflates the memory
// snapshot, the largest file, and hands it to the worker: its download starts about 130 ms
// before the worker could start it, and its inflating, the worker's largest job, runs on this
// thread, idle by then, while the worker starts Pyodide (docs/performance-notes.md, lever 29). The worker's
// name tells it so; it then gets {type: "snapshot", loaded} as bytes arrive and
// {type: "snapshot", shipped, bytes} (as downloaded, to check, and inflated) or
// {type: "snapshot", error} at the end, and may ask for the download to stop
// ({type: "stop-snapshot"}, handled by runtime.mjs): protocol.mjs, whose names and messages tsc
// checks this script against (it is inlined, so it imports nothing).
(() => {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function"
      || typeof DecompressionStream !== "function") return;
  // scripts/build fills this in (buildlib/assemble.py: embed): {url} of the snapshot file
  // relative to this page, or null when the build made none.
  /** @type {{url: string} | null} */
  const SNAPSHOT = null;
  /** @type {typeof import("./protocol.mjs").FROM_PAGE} the worker's name, as worker.mjs expects */
  const FROM_PAGE = "hsp: snapshot from the page";
  /** @type {typeof import("./protocol.mjs").RUNTIME_CACHE} files.mjs's Cache Storage */
  const RUNTIME_CACHE = "hsp-runtime";
  /** @type {typeof import("./protocol.mjs").STALL_MS} a download idle this long is stopped */
  const STALL_MS = 18000;
  /** @type {HspEarlyWorker} */
  const early = { worker: null, events: [], stopSnapshot: () => {} };
  /**
   * @param {Worker} worker
   * @param {import("./protocol.mjs").SnapshotPart} part
   * @param {Transferable[]} transfer
   */
  const send = (worker, part, transfer = []) => worker.postMessage(part, transfer);
  self.hspEarlyWorker = early;

  const bytesOf = async (stream) => new Uint8Array(await new Response(stream).arrayBuffer());

  /**
   * @param {Worker} worker
   * @param {{url: string}} snapshot
   * @param {AbortController} stop
   */
  async function download(worker, { url }, stop) {
    const name = url.slice(url.lastIndexOf("/") + 1).split("?")[0];
    let timer = 0;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => stop.abort(new Error("it stalled")), STALL_MS);
    };
    watch();
    try {
      const response = await fetch(new URL(url, document.baseURI), { signal: stop.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      let unsent = 0;
      const body0 = /** @type {ReadableStream<Uint8Array>} */ (response.body);
      const counted = body0.pipeThrough(new TransformStream({
        transform(chunk, out) {
          watch();
          unsent += chunk.length;
          if (unsent >= 65536) { // about a hundred messages
            send(worker, { type: "snapshot", loaded: unsent });
            unsent = 0;
          }
          out.enqueue(chunk);
        },
      }));
      const [body, copy] = counted.tee();
      const inflated = bytesOf(copy.pipeThrough(new DecompressionStream("gzip")));
      inflated.catch(() => {}); // reported below, after the shipped bytes
      const shipped = await bytesOf(body);
      send(worker, { type: "snapshot", loaded: unsent });
      const bytes = await inflated;
      send(worker, { type: "snapshot", shipped, bytes }, [shipped.buffer, bytes.buffer]);
    } catch (error) {
      send(worker, { type: "snapshot", error: `${name} (${error.message ?? error})` });
    } finally {
      clearTimeout(timer);
    }
  }

  // No service worker in control and no runtime cache yet: nothing kept from an earlier visit,
  // so the worker then looks in neither OPFS nor Cache Storage. Asked now, so that the answer is
  // in by the first frame: runtime.mjs starts its own worker, without the page's download, if it
  // finds none created yet.
  const cached = self.caches?.has(RUNTIME_CACHE).catch(() => false);
  const firstVisit = async () => SNAPSHOT !== null && !navigator.serviceWorker?.controller
    && !(await cached);

  requestAnimationFrame(() => setTimeout(async () => {
    const first = await firstVisit();
    if (self.hspEarlyWorker !== early) return;
    const worker = new Worker(new URL(__WORKER__, document.baseURI),
      { type: "module", name: first ? FROM_PAGE : "" });
    early.worker = worker;
    worker.onmessage = (event) => early.events.push(event);
    worker.onerror = (event) => {
      event.preventDefault();
      early.events.push(event);
    };
    if (first && SNAPSHOT) {
      const stop = new AbortController();
      early.stopSnapshot = () => stop.abort();
      download(worker, SNAPSHOT, stop);
    }
  }));
})();
