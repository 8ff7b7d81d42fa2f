// Globals of the calculator page that its scripts share (no module can declare them).

/** The worker boot.js created before runtime.mjs ran, and what it said meanwhile. */
interface HspEarlyWorker {
  worker: Worker | null;
  events: (MessageEvent | ErrorEvent)[];
  stopSnapshot: () => void;
}

interface Window {
  hspEarlyWorker?: HspEarlyWorker;
  /** runtime.mjs's watchdog, shortened by the browser tests. */
  hspWatchdogMs?: number;
}

/** boot.js: the worker's URL, written in by mkdocs_hooks/calculator_form.py. */
declare const __WORKER__: string;
