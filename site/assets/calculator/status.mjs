// The runtime's status line: what is loading (with real byte progress), ready, or failed
// with a Retry button. The form stays usable throughout.

import { h } from "./dom.mjs";

const STAGES = {
  start: "Starting Python…",
  fallback: "The quick start did not work here; starting Python the standard way…",
  install: "Installing hsp_core…",
};

const ADVICE = {
  network: "Check your connection and retry. ",
  damaged: "Reload the page, or retry. ",
  stuck: "Retry, or reload the page. ",
};

const mb = (bytes) => (bytes / 1e6).toFixed(1);

export class Status {
  constructor(el) {
    this.el = el;
    this.text = el.querySelector(".hsp-status__text");
    this.loadingText = this.text.textContent; // the page's own, shown before any script ran
    this.bar = el.querySelector("progress");
    this.retry = el.querySelector(".hsp-retry");
    this.retry.addEventListener("click", () => this.onRetry?.());
  }

  show(text, state) {
    this.about?.remove();
    this.text.textContent = text;
    this.el.dataset.state = state;
  }

  loading() {
    this.settle();
    this.retry.hidden = true;
    this.show(this.loadingText, "loading");
  }

  // At most once a frame: the worker reports about a hundred times while it downloads, and
  // the main thread has the page to lay out meanwhile.
  progress(report) {
    if (this.pending === undefined) requestAnimationFrame(() => this.draw());
    this.pending = report;
  }

  // A report still waiting for its frame is dropped: the line says something newer.
  settle() {
    this.pending = undefined;
  }

  draw() {
    if (this.pending === undefined) return;
    const { stage, loaded, total } = this.pending;
    this.pending = undefined;
    this.bar.hidden = false;
    if (stage === "download" && total) {
      const pct = Math.floor((100 * loaded) / total);
      this.show(`Downloading Python runtime… ${pct}% (${mb(loaded)} of ${mb(total)} MB)`,
        "loading");
      this.bar.value = loaded / total;
    } else {
      this.show(STAGES[stage] ?? "Loading…", "loading");
      this.bar.removeAttribute("value"); // indeterminate: no byte count for these stages
    }
  }

  ready(versions, build) {
    this.settle();
    this.bar.hidden = true;
    this.show("Ready: the calculator runs in your browser. Nothing you type leaves it.", "ready");
    // The versions and the build are for bug reports, not for every visitor: folded away.
    this.about = h("details", { className: "hsp-status__about" }, h("summary", {}, "Versions"),
      `Python ${versions.python}, Pyodide ${versions.pyodide}, hsp_core ${versions.hsp_core}, `
      + `build ${build}`);
    this.text.after(this.about);
  }

  // A newer build of the site is deployed: this page's answers may be out of date.
  outdated() {
    this.settle();
    this.bar.hidden = true;
    this.onRetry = () => location.reload();
    this.retry.textContent = "Reload";
    this.retry.hidden = false;
    this.show("The rules were updated — reload for the current result.", "outdated");
  }

  // cause: "network", "damaged" or "stuck" (runtime.mjs), for what to do about it.
  failed(message, onRetry, cause) {
    this.settle();
    this.bar.hidden = true;
    this.onRetry = onRetry;
    this.retry.textContent = "Retry";
    this.retry.hidden = !onRetry;
    this.show(`The calculator could not start: ${message}. `
      + (onRetry ? ADVICE[cause] ?? ADVICE.damaged : "")
      + "The guide on this page works without it.", "error");
  }
}
