// The runtime's status line: what is loading (with real byte progress), ready, or failed
// with a Retry button. The form stays usable throughout.

import { h } from "./dom.mjs";

// Every text of the status line, per page language (issue #17); English for any other.
const TEXT = {
  en: {
    stages: {
      start: "Starting Python…",
      fallback: "The quick start did not work here; starting Python the standard way…",
      install: "Installing hsp_core…",
    },
    advice: {
      network: "Check your connection and retry. ",
      damaged: "Reload the page, or retry. ",
      stuck: "Retry, or reload the page. ",
    },
    loading: "Loading…",
    /** @type {(pct: number, loaded: string, total: string) => string} */
    download: (pct, loaded, total) => `Downloading Python runtime… ${pct}% (${loaded} of ${total} MB)`,
    ready: "Ready: the calculator runs in your browser. Nothing you type leaves it.",
    versions: "Versions",
    reload: "Reload",
    outdated: "The rules were updated — reload for the current result.",
    retry: "Retry",
    /** @type {(message: string) => string} */
    failed: (message) => `The calculator could not start: ${message}. `,
    guideWorks: "The guide on this page works without it.",
  },
  ja: {
    stages: {
      start: "Pythonを起動しています…",
      fallback: "高速起動ができなかったため、通常の方法でPythonを起動しています…",
      install: "hsp_coreをインストールしています…",
    },
    advice: {
      network: "接続を確認して、再試行してください。",
      damaged: "ページを再読み込みするか、再試行してください。",
      stuck: "再試行するか、ページを再読み込みしてください。",
    },
    loading: "読み込んでいます…",
    /** @type {(pct: number, loaded: string, total: string) => string} */
    download: (pct, loaded, total) => `Python実行環境をダウンロードしています… ${pct}%（${total} MB中 ${loaded} MB）`,
    ready: "準備完了：計算ツールはブラウザの中で動きます。入力した内容はブラウザの外に出ません。",
    versions: "バージョン",
    reload: "再読み込み",
    outdated: "ルールが更新されました。最新の結果を見るには再読み込みしてください。",
    retry: "再試行",
    /** @type {(message: string) => string} */
    failed: (message) => `計算ツールを起動できませんでした：${message}。`,
    guideWorks: "このページのガイドは計算ツールなしでも読めます。",
  },
};
const T = TEXT[/** @type {keyof typeof TEXT} */ (document.documentElement.lang)] ?? TEXT.en;
const STAGES = T.stages;
const ADVICE = T.advice;

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
      this.show(T.download(pct, mb(loaded), mb(total)), "loading");
      this.bar.value = loaded / total;
    } else {
      this.show(STAGES[stage] ?? T.loading, "loading");
      this.bar.removeAttribute("value"); // indeterminate: no byte count for these stages
    }
  }

  ready(versions, build) {
    this.settle();
    this.bar.hidden = true;
    this.show(T.ready, "ready");
    // The versions and the build are for bug reports, not for every visitor: folded away.
    this.about = h("details", { className: "hsp-status__about" }, h("summary", {}, T.versions),
      `Python ${versions.python}, Pyodide ${versions.pyodide}, hsp_core ${versions.hsp_core}, `
      + `build ${build}`);
    this.text.after(this.about);
  }

  // A newer build of the site is deployed: this page's answers may be out of date.
  outdated() {
    this.settle();
    this.bar.hidden = true;
    this.onRetry = () => location.reload();
    this.retry.textContent = T.reload;
    this.retry.hidden = false;
    this.show(T.outdated, "outdated");
  }

  // cause: "network", "damaged" or "stuck" (runtime.mjs), for what to do about it.
  failed(message, onRetry, cause) {
    this.settle();
    this.bar.hidden = true;
    this.onRetry = onRetry;
    this.retry.textContent = T.retry;
    this.retry.hidden = !onRetry;
    this.show(T.failed(message)
      + (onRetry ? ADVICE[cause] ?? ADVICE.damaged : "")
      + T.guideWorks, "error");
  }
}
