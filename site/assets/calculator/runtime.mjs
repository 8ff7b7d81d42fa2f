// Owns the Pyodide worker: starts it, relays its progress, and turns assess requests into
// promises. URLs come from import.meta.url, so the site works under any sub-path.
//
// One per page (`runtime`). The page's <head> usually started the worker after the first frame
// (boot.js, inlined by the build); start() adopts it, else starts one, and listen()
// replays whatever happened before.

/**
 * Messages: protocol.mjs.
 * @typedef {import("./protocol.mjs").ToWorker} ToWorker
 * @typedef {import("./protocol.mjs").FromWorker} FromWorker
 * @typedef {import("./protocol.mjs").AssessRequest | import("./protocol.mjs").TimelineRequest}
 *   Request
 */

import { t } from "./texts.mjs";

const WORKER_URL = new URL("./worker.mjs", import.meta.url);
/** @type {typeof import("./protocol.mjs").FRESH} worker.mjs's name for a start from nothing */
const FRESH = "hsp: fresh";
// A start that says nothing for this long has failed. Its longest silent stretch is Python's
// start after the last byte: 0.5 s from the snapshot and 2-3 s the standard way on this
// 2-core machine (scripts/bench), so a phone ten times slower stays well inside it; a slow
// link keeps reporting bytes. self.hspWatchdogMs overrides it (the browser tests).
const WATCHDOG_MS = 45000;

class Runtime {
  constructor() {
    this.on = null;
    this.backlog = []; // [event, ...args] until listen()
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {Map<number, {resolve(json: string): void, reject(error: Error): void}>} */
    this.pending = new Map();
    this.nextId = 1;
    this.drawn = false; // whether this worker has been told an answer of its is on screen
    this.stopSnapshot = () => {}; // stops the page's download for the worker, if any
    this.healed = false; // whether a start that failed on stored files was started afresh
    this.watchdog = 0;
  }

  // (Re)arms the watchdog while the worker starts; disarms it once it is ready or failed.
  watch(starting) {
    clearTimeout(this.watchdog);
    if (starting) {
      this.watchdog = setTimeout(() => this.fail(t("it stopped answering while it started"),
        "stuck", true), self.hspWatchdogMs ?? WATCHDOG_MS);
    }
  }

  // on: {progress(p), ready(versions, start, code, build), failed(message, canRetry, cause),
  //      restarting()}: restarting, once, after a start or check failed on stored files
  // cause: "network", "damaged" or "stuck": what the visitor can do about it.
  listen(on) {
    this.on = on;
    for (const [event, ...args] of this.backlog.splice(0)) on[event](...args);
  }

  emit(event, ...args) {
    if (this.on) this.on[event](...args);
    else this.backlog.push([event, ...args]);
  }

  // fresh: take nothing from storage (worker.mjs deletes it) and fetch past the HTTP cache:
  // after a failed start, and for Retry.
  start({ fresh = false } = {}) {
    this.stop();
    if (typeof WebAssembly !== "object" || typeof Worker !== "function"
        || typeof DecompressionStream !== "function") {
      this.emit("failed", t("This browser cannot run WebAssembly in a worker or inflate the "
        + "runtime's files, which the calculator needs. A current Chrome, Edge, Firefox or "
        + "Safari can."), false);
      return;
    }
    const early = self.hspEarlyWorker; // only the first start() can adopt it, if it exists yet
    self.hspEarlyWorker = undefined;
    const worker = (!fresh && early?.worker)
      || new Worker(WORKER_URL, { type: "module", name: fresh ? FRESH : "" });
    if (fresh) early?.worker?.terminate();
    /** @param {MessageEvent<FromWorker>} event */
    const onMessage = ({ data }) => this.receive(data);
    /** @param {ErrorEvent} event the worker script itself did not load or crashed */
    const onError = (event) => {
      event.preventDefault();
      this.fail(t("the calculator's worker stopped ({reason})",
        { reason: event.message || t("it could not be loaded") }),
        "damaged", true);
    };
    worker.onmessage = onMessage;
    worker.onerror = onError;
    this.worker = worker;
    this.drawn = false;
    this.stopSnapshot = (!fresh && early?.stopSnapshot) || (() => {});
    this.watch(true);
    for (const event of (!fresh && early?.events) || []) {
      if (event instanceof MessageEvent) onMessage(event);
      else onError(event);
    }
  }

  stop() {
    this.watch(false);
    this.stopSnapshot();
    this.worker?.terminate();
    this.worker = null;
    for (const { reject } of this.pending.values()) reject(new Error("the runtime restarted"));
    this.pending.clear();
  }

  // Resolves with the JSON text that hsp_core.jsonapi.assess_json returned.
  assess(json) {
    return this.request({ type: "assess", json });
  }

  // Resolves with the JSON text of hsp_core.timeline_series.page_json(json, date).
  timeline(json, date) {
    return this.request({ type: "timeline", json, date });
  }

  /**
   * @param {{type: "assess", json: string} | {type: "timeline", json: string, date?: string}}
   *   message a Request without its id
   * @returns {Promise<string>}
   */
  request(message) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post(/** @type {Request} */ ({ ...message, id }));
    });
  }

  /** @param {ToWorker} message */
  post(message) {
    /** @type {Worker} */ (this.worker).postMessage(message); // none: the request fails
  }

  // The page has drawn an answer: the work the worker holds back until then may start.
  shown() {
    if (this.drawn || !this.worker) return;
    this.drawn = true;
    this.post({ type: "shown" });
  }

  /** @param {FromWorker} message */
  receive(message) {
    if (message.type === "progress") {
      this.watch(true);
      this.emit("progress", message);
    } else if (message.type === "ready") {
      this.watch(false);
      this.emit("ready", message.versions, message.start, message.code, message.build);
    }
    else if (message.type === "stop-snapshot") this.stopSnapshot();
    else if (message.type === "result" || message.id !== undefined) this.settle(message);
    else this.fail(message.message, message.cause, message.stored);
  }

  /** @param {import("./protocol.mjs").Result | import("./protocol.mjs").Failure} message */
  settle(message) {
    const id = /** @type {number} */ (message.id);
    const request = this.pending.get(id);
    this.pending.delete(id);
    if (message.type === "result") request?.resolve(message.json);
    else request?.reject(new Error(message.message));
  }

  // A start that failed on stored files (which the worker has deleted), or that stopped
  // answering, is started once more from the network before the visitor hears of it.
  fail(message, cause = "damaged", stored = false) {
    this.stop();
    if ((stored || cause === "stuck") && !this.healed) {
      console.warn("hsp: the start failed, so it starts again from the network:", message);
      this.healed = true;
      this.emit("restarting");
      this.start({ fresh: true });
      return;
    }
    this.emit("failed", message, true, cause);
  }
}

export const runtime = new Runtime();
