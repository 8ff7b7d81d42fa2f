// Sharing and keeping: "Copy link" and "Share" for the page's address (which holds the
// profile in its fragment), and a short-lived Undo offer after a step the visitor may regret.

import { h } from "./dom.mjs";
import { compressFragment } from "./fragment.mjs";
import { t } from "./texts.mjs";

// The page's address with its profile in the short form.
const shortLink = async () => location.href.split("#")[0] + await compressFragment(location.hash);

const TEXT = {
  copy: t("Copy link"),
  share: t("Share"),
  copied: t("Link copied. It holds your answers: share it only with people you trust."),
  notCopied: t("The link could not be copied: copy it from the address bar."),
  shared: t("Link shared."),
  undo: t("Undo"),
  title: t("My HSP points"),
  load: t("Load a file"),
  loaded: t("Your answers were loaded from the file."),
  notLoaded: t("This file could not be loaded: it is not a profile downloaded from this page. "
    + "The form was left as it was."),
};

const UNDO_SECONDS = 10;

/** @param {string} text @returns {Promise<boolean>} whether the text reached the clipboard */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API or no permission: the older way, through a selected text field.
    const field = h("textarea", { readonly: true, className: "hsp-sr" });
    field.value = text;
    document.body.append(field);
    field.select();
    const done = document.execCommand("copy");
    field.remove();
    return done;
  }
}

/**
 * Adds "Copy link" and, where the browser has the Web Share API, "Share" to `actions`, with
 * a polite status line that says what each did.
 * @param {Element} actions
 */
export function addShareButtons(actions) {
  const said = h("p", { className: "hsp-share-status", role: "status" });
  const copy = h("button", {
    type: "button", className: "md-button hsp-copy-link",
    onclick: async () => {
      said.textContent = (await copyText(await shortLink())) ? TEXT.copied : TEXT.notCopied;
    },
  }, TEXT.copy);
  const share = h("button", {
    type: "button", className: "md-button hsp-share", hidden: !navigator.share,
    onclick: async () => {
      try {
        await navigator.share({ title: TEXT.title, url: await shortLink() });
        said.textContent = TEXT.shared;
      } catch (error) {
        // The visitor closed the share sheet: nothing to say.
        if (!(error instanceof DOMException && error.name === "AbortError")) {
          said.textContent = TEXT.notCopied;
        }
      }
    },
  }, TEXT.share);
  actions.append(copy, share, said);
}

/**
 * Shows `text` and an Undo button after `anchor` for some seconds; Undo calls `onUndo`.
 * A newer offer replaces an older one.
 * @param {Element} anchor
 * @param {string} text
 * @param {() => void} onUndo
 */
export function offerUndo(anchor, text, onUndo) {
  anchor.parentElement?.querySelector(".hsp-undo")?.remove();
  const bar = h("p", { className: "hsp-undo", role: "status" }, text, " ",
    h("button", {
      type: "button", className: "md-button",
      onclick: () => {
        bar.remove();
        onUndo();
      },
    }, TEXT.undo));
  anchor.after(bar);
  setTimeout(() => bar.remove(), UNDO_SECONDS * 1000);
}

/**
 * Adds "Load a file" after `anchor`: a file downloaded by "Download profile and result" (or a
 * bare profile) goes to `onProfile`; anything else gets a message and changes nothing.
 * @param {Element} anchor
 * @param {(profile: Record<string, unknown>) => void} onProfile
 */
export function addLoadButton(anchor, onProfile) {
  const said = h("span", { className: "hsp-load-status", role: "status" });
  const file = h("input", {
    type: "file", id: "hsp-profile-import", accept: ".json,application/json", hidden: true,
    // Its events are not the form's edits (main.mjs listens to the form's).
    oninput: (/** @type {Event} */ e) => e.stopPropagation(),
    onchange: async (/** @type {Event} */ e) => {
      e.stopPropagation();
      const chosen = file.files?.[0];
      file.value = ""; // the same file again is a new choice
      if (!chosen) return;
      let data;
      try {
        data = JSON.parse(await chosen.text());
      } catch {
        data = null;
      }
      const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
      const profile = isObject(data) && isObject(data.profile) ? data.profile : data;
      if (!isObject(profile) || Object.keys(profile).length === 0) {
        said.textContent = TEXT.notLoaded;
        return;
      }
      onProfile(profile);
      said.textContent = TEXT.loaded;
    },
  });
  anchor.after(" ", h("label", { className: "md-button", for: file.id }, TEXT.load), file,
    " ", said);
}
