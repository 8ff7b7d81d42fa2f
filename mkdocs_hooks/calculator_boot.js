// Inlined at the top of the calculator page's <head> by mkdocs_hooks/calculator_form.py, ahead
// of the stylesheets that would hold back any script after them: the worker (which starts on
// its own) fetches Python while the page is still parsing, not after a chain of module fetches.
// runtime.mjs adopts it and replays what it said meanwhile. A browser lacking what the worker
// needs starts nothing here and gets runtime.mjs's explanation.
(() => {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function"
      || typeof DecompressionStream !== "function") return;
  const worker = new Worker(new URL(__WORKER__, document.baseURI), { type: "module" });
  const early = { worker, events: [] };
  worker.onmessage = (event) => early.events.push(event);
  worker.onerror = (event) => {
    event.preventDefault();
    early.events.push(event);
  };
  self.hspEarlyWorker = early;
})();
