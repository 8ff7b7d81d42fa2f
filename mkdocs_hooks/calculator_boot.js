// Inlined at the top of the calculator page's <head> by mkdocs_hooks/calculator_form.py: the
// worker (which starts on its own) is created right after the page's first frame, not after a
// chain of module fetches. Not sooner: on two cores its start-up competed with the first layout
// and Material's bundle.js, and the form answered a keystroke 100-200 ms later (scripts/bench).
// runtime.mjs adopts the worker and replays what it said meanwhile; if runtime.mjs runs first
// (a tab opened in the background has no frames), it starts its own and this one never starts.
// A browser lacking what the worker needs starts nothing here and gets runtime.mjs's reason.
(() => {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function"
      || typeof DecompressionStream !== "function") return;
  const early = { worker: null, events: [] };
  self.hspEarlyWorker = early;
  requestAnimationFrame(() => setTimeout(() => {
    if (self.hspEarlyWorker !== early) return;
    early.worker = new Worker(new URL(__WORKER__, document.baseURI), { type: "module" });
    early.worker.onmessage = (event) => early.events.push(event);
    early.worker.onerror = (event) => {
      event.preventDefault();
      early.events.push(event);
    };
  }));
})();
