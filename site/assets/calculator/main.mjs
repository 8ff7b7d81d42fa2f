// The calculator page: follows the Python runtime (its worker usually created by the page's
// <head>), keeps the form, the URL fragment and the results in step, marks the root's data-start
// with how the runtime started (snapshot or standard, see worker.mjs) and its data-state:
//   loading   runtime not ready yet        computing  a result for the current input is pending
//   invalid   the input has field errors   ready      the result shown is for the current input
//   error     the runtime failed     outdated  a newer build is deployed: reload
// and data-background="started" once the work that waits for the first answer to be on screen
// has begun (or the runtime failed), and, on a first visit, data-code-cache="written" once
// code-cache.mjs has done its work.

import { registerServiceWorker } from "../offline.mjs";
import { BUILD, watchBuild } from "./build.mjs";
import { writeCodeCache } from "./code-cache.mjs";
import { h } from "./dom.mjs";
import { downloadJSON } from "./download.mjs";
import { ProfileForm } from "./form.mjs";
import {
  expandFragment, fragmentFor, isCompressed, readFragment, readPart, withPart,
} from "./fragment.mjs";
import { renderMini, renderResult, verdictLine } from "./results.mjs";
import { runtime } from "./runtime.mjs";
import { Status } from "./status.mjs";
import { t } from "./texts.mjs";

const DATES = "dates"; // the fragment part of timeline.mjs (its PART)
// The page's language (issue #17): hsp_core answers in it. English, its default, is not sent,
// so an English page's requests stay as they were.
const LANG = document.documentElement.lang || "en";
/**
 * @param {object} profile
 * @returns {string} the request JSON, with "lang" on a page in another language
 */
const requestJSON = (profile) => JSON.stringify(LANG === "en" ? profile : { ...profile, lang: LANG });

const TEXT = {
  preview: (/** @type {number} */ total, /** @type {boolean} */ eligible) => (eligible
    ? t("With this change you would have {total} points, enough to qualify. "
      + "Your answers are unchanged until you keep it.", { total })
    : t("With this change you would have {total} points. "
      + "Your answers are unchanged until you keep it.", { total })),
  previewFailed: t("This change could not be worked out."),
  keep: t("Keep"),
  undo: t("Undo"),
  cleared: t("The form was cleared."),
  linkKept: t("Your answers in the form are as they were."),
  linkEmpty: t("The form starts empty."),
};

// After the frame that shows what the DOM holds now; a tab that draws no frames gets a timer.
const afterPaint = () => new Promise((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve));
  setTimeout(resolve, 500);
});

function init(root) {
  const status = new Status(root.querySelector(".hsp-status"));
  const form = new ProfileForm(root.querySelector(".hsp-form"));
  const notice = root.querySelector(".hsp-notice");
  const message = root.querySelector(".hsp-results__message");
  const body = root.querySelector(".hsp-results__body");
  const mini = root.querySelector(".hsp-mini");
  const results = root.querySelector(".hsp-results");
  const buttons = root.querySelectorAll(".hsp-actions button");
  // Screen readers hear each new verdict in one line, once the typing pauses.
  const live = h("p", { className: "hsp-sr", "aria-live": "polite" });
  results.append(live);
  let announcing;
  const announce = (text) => {
    clearTimeout(announcing);
    if (!text) live.textContent = ""; // the next verdict is news, even if it is the same
    else announcing = setTimeout(() => { live.textContent = text; }, 700);
  };
  const dropped = h("p", { className: "hsp-dropped", role: "note" });
  body.before(dropped);
  let sections = {}; // the link's sections other than the profile, written back as they were
  let runtimeState = "loading"; // then "ready", or "failed" until a retry
  let latest = 0; // only the answer to the newest request is shown
  let shown = null; // {build, profile, result} on screen, for the export
  let code = null; // the URL the worker imported pyodide.asm.mjs by, for code-cache.mjs
  // The "When can I apply?" part is imported once the first answer is on screen: its modules
  // must not delay the form or that answer. Until then a link's &dates= part is kept as it is.
  let when = null;
  let whenLoading = null;
  let datesHash = "";
  const loadWhen = () => (whenLoading ??= import("./timeline.mjs").then(({ WhenSection }) => {
    when = new WhenSection(root.querySelector(".hsp-when"), {
      profile: () => form.read(), save: () => saveFragment(form.read()), runtime,
      request: requestJSON,
    });
    notice.textContent += when.restore(datesHash);
    when.start();
  }).catch((error) => {
    whenLoading = null; // the next answer tries again
    console.error("the 'When can I apply?' part could not be loaded", error);
    const part = root.querySelector(".hsp-when");
    if (!part.querySelector(".hsp-when__failed")) {
      part.append(h("p", { className: "hsp-warning hsp-when__failed" }, t("The “When can I "
        + "apply?” part could not be loaded. Check your connection, then reload the page.")));
    }
  }));
  // The evidence list and the print's head (evidence-list.mjs, print-summary.mjs) wait for the
  // first answer on screen too; each answer after that is drawn with them.
  let extras = null;
  let extrasLoading = null;
  let understood = {}; // the amounts of yen as the last answer read them
  const drawExtras = () => {
    if (!extras || !shown) return;
    body.querySelector("[data-slot=evidence]")?.replaceWith(
      extras.renderEvidence(shown.result) ?? "");
    extras.renderPrintHead(body, { form, profile: shown.profile, understood,
      result: shown.result, build: BUILD });
  };
  const loadExtras = () => (extrasLoading ??= Promise.all([import("./evidence-list.mjs"),
    import("./print-summary.mjs")]).then(([evidence, print]) => {
    extras = { ...evidence, ...print };
    drawExtras();
  }).catch((error) => {
    extrasLoading = null; // the next answer tries again
    console.error("the evidence list could not be loaded", error);
  }));
  let outdated = false; // a newer build is deployed: no answer of this one is shown as current

  const setState = (wanted) => {
    const state = outdated ? "outdated" : wanted;
    root.dataset.state = state;
    body.setAttribute("aria-busy", String(state === "computing" || state === "loading"));
    for (const b of buttons) b.disabled = state !== "ready";
    mini.hidden = state === "loading" || state === "error";
  };

  // Fills the form from a #profile= fragment (`hash`), if it is one. A link that cannot be
  // read, or only in part, stays in the address bar until the visitor edits the form
  // (saveFragment), and what was left out is listed next to the result too.
  function restore(hash) {
    datesHash = hash;
    sections = {}; // a new link's sections replace the old link's
    const dates = when ? when.restore(hash) : "";
    const parsed = readFragment(hash);
    if (!parsed) {
      notice.textContent = dates;
      return;
    }
    if (parsed.error) {
      unreadable(parsed.error, dates);
      return;
    }
    const { profile, ...others } = parsed.sections;
    sections = others;
    const unusable = form.write(profile).map((name) => form.label(name));
    notice.textContent = (unusable.length
      ? t("This link has values the form cannot hold, so they were left out: {fields}.",
        { fields: unusable.join(", ") })
      : "") + dates;
    dropped.textContent = unusable.length
      ? t("Left out from the link, so not counted here: {fields}.", { fields: unusable.join(", ") })
      : "";
  }

  // A link's fragment, then its answer. A short link (share.mjs writes them) is expanded
  // first, in place in the address bar; one that cannot be expanded says so and changes
  // nothing in the form.
  function arrive(hash) {
    if (!isCompressed(hash)) {
      committed = hash;
      restore(hash);
      update();
      return;
    }
    expandFragment(hash).then((expanded) => {
      if ("error" in expanded) {
        datesHash = hash;
        sections = {};
        unreadable(expanded.error, "");
        update();
        return;
      }
      history.replaceState(history.state, "", location.pathname + location.search
        + expanded.hash);
      arrive(expanded.hash);
    });
  }

  // A cut or changed link takes nothing away: the form keeps what it had.
  function unreadable(reason, dates) {
    const kept = Object.keys(form.read()).length ? TEXT.linkKept : TEXT.linkEmpty;
    notice.textContent = t("The profile in this link could not be read: {reason}. ", { reason })
      + `${kept}${dates ? ` ${dates}` : ""}`;
    dropped.textContent = t("This result is not the link's: its profile could not be read.");
  }

  function saveFragment(profile) {
    dropped.textContent = ""; // the form is the visitor's own now
    const dates = when ? when.part() : readPart(datesHash, DATES)?.value;
    const fragment = withPart(fragmentFor({ ...sections, profile }), DATES, dates);
    if (fragment !== location.hash) {
      history.replaceState(history.state, "", location.pathname + location.search + fragment);
    }
  }

  function showInvalid(errors) {
    const { needed, other } = form.showErrors(errors);
    const fix = form.invalid().map((f) => h("li", {}, h("a", {
      href: `#${f.control.id}`,
      onclick: (e) => { e.preventDefault(); f.control.focus(); }, // keep #profile= in the URL
    }, f.message))); // the message names the field
    message.replaceChildren(
      ...(fix.length ? [h("p", {}, t("Fix these to see your points:")), h("ul", {}, fix)] : []),
      ...other.map((t) => h("p", {}, t)),
      ...(needed.length
        ? [h("p", {}, t("To see your points, fill in: {fields}.", { fields: needed.join(", ") }))]
        : []));
    body.hidden = true; // never a result next to input it does not belong to
    announce(""); // the message above is live and says what to fix
    mini.textContent = fix.length || other.length ? t("Some answers need fixing: see below ↓")
      : t("Fill in the form to see your points");
    setState("invalid");
  }

  // One request at a time: input that arrives meanwhile is computed once, right after, as it
  // is by then. No debounce, so an answer follows the last keystroke by one or two calls.
  let computing = null;
  let again = false;
  function update() {
    if (computing) {
      again = true;
      return;
    }
    computing = compute().finally(() => {
      computing = null;
      afterAnswerDrawn();
      if (again) {
        again = false;
        update();
      }
    });
  }

  async function compute() {
    const profile = form.read();
    if (runtimeState === "failed") return;
    // While Python is still starting the request waits in the worker, which answers it right
    // after it is ready: the first result needs no round trip through this thread.
    const id = ++latest;
    if (runtimeState === "ready") setState("computing");
    let answer;
    try {
      answer = JSON.parse(await runtime.assess(requestJSON(profile)));
    } catch (error) {
      // A runtime that failed or restarts is the status line's to report, not this input's.
      if (id !== latest || runtimeState !== "ready") return;
      console.error("hsp_core failed on", profile, error);
      message.textContent = t("Something went wrong inside the calculator for this input. "
        + "Please report it with the link of this page.");
      body.hidden = true;
      announce("");
      setState("error");
      return;
    }
    if (id !== latest || outdated) return;
    understood = answer.understood ?? {};
    form.showUnderstood(understood);
    if (!answer.ok) {
      showInvalid(answer.errors);
      return;
    }
    form.showErrors([]);
    message.replaceChildren();
    renderResult(body, answer.result, tryChanges);
    renderMini(mini, answer.result);
    announce(verdictLine(answer.result));
    body.hidden = false;
    shown = { build: BUILD, profile, result: answer.result };
    drawExtras();
    setState("ready");
  }

  // Once an answer is on screen, the work that can wait begins: the worker's (the zips, keeping
  // the snapshot), the service worker's install, the code cache and the theme's script
  // (bundle_later.js watches data-background). Sooner, on a first visit, it competed with the
  // layout of that answer, which waits on the browser process for fonts: the answer showed
  // about 190 ms later (docs/performance-notes.md, lever 27).
  function afterAnswerDrawn() {
    if (runtimeState !== "ready" || runtime.drawn) return;
    afterPaint().then(() => {
      runtime.shown();
      loadWhen();
      loadExtras();
      import("./share.mjs").then(({ addLoadButton, addShareButtons }) => {
        if (root.querySelector(".hsp-copy-link")) return;
        addShareButtons(root.querySelector(".hsp-actions"));
        addLoadButton(reset, (profile) => {
          const unusable = form.write(profile).map((name) => form.label(name));
          notice.textContent = unusable.length
            ? t("This file has values the form cannot hold, so they were left out: {fields}.",
              { fields: unusable.join(", ") }) : "";
          changed();
          commit();
        });
      });
      if (root.dataset.background) return; // once per page, not per worker
      startBackground();
      writeCodeCache(code).then((written) => {
        if (written) root.dataset.codeCache = "written";
      });
    });
  }
  function startBackground() {
    root.dataset.background = "started";
    registerServiceWorker();
    watchBuild(showOutdated);
  }

  // Once a newer build is known, this page's answers are not shown as current.
  function showOutdated() {
    if (outdated) return;
    outdated = true;
    latest++; // drop answers still in flight
    body.hidden = true;
    shown = null;
    message.replaceChildren(h("p", { className: "hsp-outdated" },
      t("The rules were updated since this page was loaded. Reload for the current result. "),
      h("button", { type: "button", className: "md-button", onclick: () => location.reload() },
        t("Reload"))));
    mini.textContent = t("The rules were updated: reload ↓");
    status.outdated();
    setState("outdated");
  }

  // "Try it" previews a change next to its button: the form, the address, the export and the
  // print keep the visitor's own answers until Keep. Any edit redraws the result, and so ends
  // the preview.
  async function tryChanges(changes, button, category) {
    const item = button.closest("li");
    root.querySelector(".hsp-preview")?.remove();
    const profile = form.read();
    for (const { field, value } of changes) profile[field] = value;
    let answer;
    try {
      answer = JSON.parse(await runtime.assess(requestJSON(profile)));
    } catch {
      answer = { ok: false };
    }
    if (!item.isConnected) return; // the result was redrawn meanwhile
    const cat = answer.ok ? answer.result.categories[category] : null;
    const end = () => { preview.remove(); button.focus(); };
    const preview = h("div", { className: "hsp-preview", role: "status" },
      h("p", {}, cat ? TEXT.preview(cat.total, cat.eligible) : TEXT.previewFailed),
      h("button", { type: "button", className: "md-button md-button--primary hsp-keep",
        hidden: !cat, onclick: () => {
          form.write(profile);
          commit();
          changed();
          root.querySelector(`[name="${changes[0].field}"]`)?.focus();
        } }, TEXT.keep),
      h("button", { type: "button", className: "md-button hsp-undo-try", onclick: end },
        TEXT.undo));
    item.append(preview);
    preview.querySelector("button:not([hidden])")?.focus();
  }

  // Back and Forward step through committed profiles: typing replaces the current entry,
  // and leaving a field (or Keep, Clear, loading a file) makes it a new one, after the entry
  // of the profile as it was at the last commit.
  let committed = location.hash;
  function commit() {
    saveFragment(form.read());
    if (location.hash === committed) return;
    const here = location.pathname + location.search;
    const now = location.hash;
    history.replaceState(history.state, "", here + committed);
    history.pushState(null, "", here + now);
    committed = now;
  }

  // Every edit goes into the address at once: nothing typed is lost to a reload, even while
  // the runtime is still starting.
  const changed = () => {
    saveFragment(form.read());
    latest++; // an answer still in flight is for the input before this change
    if (runtimeState === "ready") setState("computing"); // stale from now until the answer
    update();
  };
  form.form.addEventListener("input", changed);
  // Leaving a field shows the error its value may have (form.mjs holds it back while typing):
  // shown by the answer in flight, or, once the input is "invalid", by one more.
  form.form.addEventListener("change", () => {
    if (root.dataset.state === "invalid") changed();
    commit();
  });
  // The "Clear the form" button: react once its default action has reset the fields.
  // It can be undone for some seconds, and with Back.
  const reset = form.form.querySelector("[type=reset]");
  reset.addEventListener("click", () => {
    const before = form.read();
    setTimeout(() => {
      changed();
      commit();
      if (Object.keys(before).length === 0) return;
      import("./share.mjs").then(({ offerUndo }) => offerUndo(reset, TEXT.cleared, () => {
        form.write(before);
        changed();
        commit();
      }));
    });
  });
  // The fragment the navigation went to, not location.hash: by the time this runs (input
  // events come first), compute() may have written the profile of an earlier keystroke there,
  // and restoring that would undo the ones typed since (as the "Skip to content" link's
  // fragment, then fast typing, once did).
  window.addEventListener("hashchange", (event) => {
    arrive(new URL(event.newURL).hash);
  });
  root.querySelector(".hsp-export").addEventListener("click", () => {
    downloadJSON("hsp-points.json", shown);
  });
  root.querySelector(".hsp-print").addEventListener("click", () => window.print());
  mini.addEventListener("click", (e) => {
    e.preventDefault(); // a real jump would replace #profile= in the URL
    results.scrollIntoView({ behavior: "smooth" });
    results.focus({ preventScroll: true });
  });

  status.loading();
  runtime.start();
  arrive(location.hash);
  // Last: whatever the runtime said meanwhile is replayed now.
  runtime.listen({
    progress: (p) => status.progress(p),
    ready: (versions, start, url, build) => {
      runtimeState = "ready";
      root.dataset.start = start;
      root.dataset.build = build;
      code = url;
      if (build !== BUILD) showOutdated(); // a worker of another build than this page
      if (outdated) return;
      status.ready(versions, build);
      if (!computing) update(); // else the answer on its way is for the current form
    },
    // A check after the first answer found a damaged stored file: no answer of that runtime
    // stays on screen while a fresh one starts.
    restarting: () => {
      runtimeState = "loading";
      latest++;
      body.hidden = true;
      status.loading();
      setState("loading");
    },
    failed: (text, canRetry, cause) => {
      if (!root.dataset.background) startBackground(); // the guide here still works offline
      if (outdated) return;
      runtimeState = "failed";
      latest++; // drop answers still in flight
      setState("error");
      status.failed(text, canRetry && (() => {
        runtimeState = "loading";
        status.loading();
        setState("loading");
        runtime.start({ fresh: true });
        update();
      }), cause);
    },
  });
}

const root = document.querySelector("[data-testid=calculator]");
if (root) init(root);
