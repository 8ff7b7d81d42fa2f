// The page <-> worker protocol: every message the calculator's page (runtime.mjs and the inline
// boot.js) and its worker (worker.mjs) exchange, and the names both sides must agree on.
// Both sides import it for types only (a JSDoc import() type), so it costs no request on the
// start path, and it is not even served (mkdocs.yml: exclude_docs): tsc (scripts/test) checks
// every message built or read against these unions, and each side's copy of a name against the
// constant here by its type (`@type {typeof import(…).FRESH}`), so a misspelt type or name fails
// the check.
// Only JSON text crosses for the answers: the profile goes in as a string, never as code.

/** The worker's name when the page downloads the snapshot for it (boot.js, first visit). */
export const FROM_PAGE = "hsp: snapshot from the page";
/** The worker's name when it must take nothing from storage (runtime.mjs, after a failure). */
export const FRESH = "hsp: fresh";
/** The Cache Storage cache of the runtime's files (files.mjs). */
export const RUNTIME_CACHE = "hsp-runtime";
/** A download that receives nothing this long is stopped (files.mjs, boot.js). */
export const STALL_MS = 18000;

/**
 * Page -> worker.
 * @typedef {{type: "assess", id: number, json: string}} AssessRequest
 *   hsp_core.jsonapi.assess_json(json)
 * @typedef {{type: "timeline", id: number, json: string, date?: string}} TimelineRequest
 *   hsp_core.timeline_series.page_json(json, date)
 * @typedef {{type: "shown"}} Shown the page has drawn an answer: held-back work may start
 * @typedef {{type: "snapshot", loaded?: number, shipped?: Uint8Array, bytes?: Uint8Array,
 *   error?: string}} SnapshotPart
 *   the page's download of the snapshot: bytes so far, the file (as shipped and inflated), or
 *   why it failed
 * @typedef {AssessRequest | TimelineRequest | Shown | SnapshotPart} ToWorker
 */

/**
 * Worker -> page.
 * @typedef {{type: "progress", stage: "download" | "start" | "install" | "fallback",
 *   loaded?: number, total?: number}} Progress
 * @typedef {{pyodide: string, python: string, hsp_core: string}} Versions
 * @typedef {{type: "ready", start: "snapshot" | "standard", code: string, build: string,
 *   versions: Versions}} Ready
 *   code: the URL pyodide.asm.mjs was imported by, for the page's code-cache.mjs
 * @typedef {{type: "result", id: number, json: string}} Result
 * @typedef {"network" | "damaged" | "stuck"} Cause what the visitor can do about a failure
 * @typedef {{type: "error", message: string, id?: number, cause?: Cause, stored?: boolean}}
 *   Failure a request's (with id) or the start's; stored: what was stored has been deleted
 * @typedef {{type: "stop-snapshot"}} StopSnapshot stop the page's download of the snapshot
 * @typedef {Progress | Ready | Result | Failure | StopSnapshot} FromWorker
 */
