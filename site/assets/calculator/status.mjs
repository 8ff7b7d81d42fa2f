// The runtime's status line: what is loading (with real byte progress), ready, or failed
// with a Retry button. The form stays usable throughout.

import { h } from "./dom.mjs";
import { t } from "./texts.mjs";

// The texts in the page's language come from texts.mjs (site/locale/*/calculator.po).
const STAGES = {
  start: t("Starting Python…"),
  fallback: t("The quick start did not work here; starting Python the standard way…"),
  install: t("Installing hsp_core…"),
};
// What to do about a failure, by its cause.
const ADVICE = {
  network: t("Check your connection and retry. "),
  damaged: t("Reload the page, or retry. "),
  stuck: t("Retry, or reload the page. "),
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
  // Only while loading: after a failure the other files' downloads still report, and must not
  // cover the message.
  progress(report) {
    if (this.el.dataset.state !== "loading") return;
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
      this.show(t("Downloading Python runtime… {pct}% ({loaded} of {total} MB)",
        { pct, loaded: mb(loaded), total: mb(total) }), "loading");
      this.bar.value = loaded / total;
    } else {
      this.show(STAGES[stage] ?? t("Loading…"), "loading");
      this.bar.removeAttribute("value"); // indeterminate: no byte count for these stages
    }
  }

  ready(versions, build) {
    this.settle();
    this.bar.hidden = true;
    this.show(t("Ready: the calculator runs in your browser. Nothing you type leaves it."), "ready");
    // The versions and the build are for bug reports, not for every visitor: folded away.
    this.about = h("details", { className: "hsp-status__about" }, h("summary", {}, t("Versions")),
      t("Python {python}, Pyodide {pyodide}, hsp_core {hsp_core}, build {build}",
        { ...versions, build }));
    this.text.after(this.about);
  }

  // A newer build of the site is deployed: this page's answers may be out of date.
  outdated() {
    this.settle();
    this.bar.hidden = true;
    this.onRetry = () => location.reload();
    this.retry.textContent = t("Reload");
    this.retry.hidden = false;
    this.show(t("The rules were updated — reload for the current result."), "outdated");
  }

  // cause: "network", "damaged" or "stuck" (runtime.mjs), for what to do about it.
  failed(message, onRetry, cause) {
    this.settle();
    this.bar.hidden = true;
    this.onRetry = onRetry;
    this.retry.textContent = t("Retry");
    this.retry.hidden = !onRetry;
    this.show(t("The calculator could not start: {message}. ", { message })
      + (onRetry ? ADVICE[cause] ?? ADVICE.damaged : "")
      + t("The guide on this page works without it."), "error");
  }
}
