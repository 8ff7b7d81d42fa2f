// The profile form rendered by mkdocs_hooks/calculator_form.py: reads it into a profile (only
// the fields that differ from their defaults), writes a profile into it, and shows hsp_core's
// field errors next to the controls. Judging the values is left to hsp_core.

import { yen } from "./dom.mjs";
import { t } from "./texts.mjs";

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

// A number when the text is one (7000000, 7,000,000, full-width digits); otherwise the text
// itself, so that hsp_core reports it instead of the form guessing.
export function parseNumber(raw) {
  const text = raw.normalize("NFKC").trim();
  if (text === "") return undefined;
  const plain = THOUSANDS.test(text) ? text.replaceAll(",", "") : text;
  return DECIMAL.test(plain) ? Number(plain) : text;
}

function parseList(raw) {
  return raw.normalize("NFKC").split(/[\s,、]+/).filter(Boolean).map(parseNumber);
}

const sameJSON = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export class ProfileForm {
  constructor(form) {
    this.form = form;
    this.touched = new Set();
    this.fields = new Map(); // name -> {kind, default, controls, box, error, label}
    for (const control of form.querySelectorAll("[data-kind]")) {
      const name = control.name;
      if (!this.fields.has(name)) {
        const box = form.querySelector(`[data-field="${name}"]`);
        this.fields.set(name, {
          kind: control.dataset.kind,
          default: control.dataset.default === undefined ? undefined
            : JSON.parse(control.dataset.default),
          controls: [],
          box,
          error: box.querySelector(".hsp-error"),
          understood: box.querySelector(".hsp-understood"),
          label: box.querySelector("label, legend").textContent,
        });
      }
      this.fields.get(name).controls.push(control);
    }
    // The field being typed in shows no error until the visitor leaves it ("7,5" on the way to
    // "7,500,000" is not a mistake yet): `editing` is cleared on change/blur.
    this.editing = null;
    form.addEventListener("input", (e) => {
      this.touched.add(e.target.name);
      this.editing = e.target.name;
    });
    form.addEventListener("change", (e) => {
      this.touched.add(e.target.name);
      this.editing = null;
    });
    form.addEventListener("focusout", () => { this.editing = null; });
    form.addEventListener("submit", (e) => e.preventDefault()); // Enter must not reload the page
    form.addEventListener("reset", () => this.touched.clear());
  }

  label(name) {
    return this.fields.get(name)?.label ?? name;
  }

  valueOf(field) {
    const [first] = field.controls;
    switch (field.kind) {
      case "boolean": return first.checked;
      case "enum-list": return field.controls.filter((c) => c.checked).map((c) => c.value);
      case "integer-list": return parseList(first.value);
      case "integer":
      case "number": return parseNumber(first.value);
      default: return first.value === "" ? null : first.value; // enum, date
    }
  }

  read() {
    const profile = {};
    for (const [name, field] of this.fields) {
      const value = this.valueOf(field);
      if (value === undefined || value === null) continue;
      if (field.default !== undefined && sameJSON(value, field.default)) continue;
      profile[name] = value;
    }
    return profile;
  }

  // Returns the names of the profile's keys the form cannot hold (unknown or wrong shape).
  write(profile) {
    this.form.reset();
    const unusable = [];
    for (const [name, value] of Object.entries(profile)) {
      const field = this.fields.get(name);
      if (!field || !this.set(field, value)) unusable.push(name);
    }
    for (const details of this.form.querySelectorAll("details")) {
      details.open ||= [...this.fields.keys()].some(
        (name) => name in profile && details.contains(this.fields.get(name).box));
    }
    return unusable;
  }

  // Writes a value into its field if the field can hold it (an enum value in any case);
  // returns whether it could. A value of the wrong type is never written.
  set(field, value) {
    const [first] = field.controls;
    const same = (a, b) => typeof b === "string" && a.toLowerCase() === b.toLowerCase();
    switch (field.kind) {
      case "boolean":
        if (typeof value !== "boolean") return false;
        first.checked = value;
        return true;
      case "enum-list":
        if (!Array.isArray(value)) return false;
        for (const c of field.controls) c.checked = value.some((v) => same(c.value, v));
        return value.every((v) => field.controls.some((c) => same(c.value, v)));
      case "enum": {
        const option = [...first.options].find((o) => same(o.value, value));
        if (value !== null && !option) return false;
        first.value = option?.value ?? "";
        return true;
      }
      case "integer-list":
        if (!Array.isArray(value) || value.some((v) => v !== null && typeof v === "object")) {
          return false;
        }
        first.value = value.join(", ");
        return true;
      default: // text and date inputs refuse what they cannot show
        if (value !== null && typeof value === "object") return false;
        first.value = value === null ? "" : String(value);
        return first.value === String(value ?? "");
    }
  }

  // Marks the fields hsp_core rejected. A field counts as the user's once it was touched or
  // holds a value; an untouched empty one is only "still needed", not an error yet.
  // Returns {needed: [labels], other: [messages]} for what has no control of its own.
  showErrors(errors) {
    const byField = new Map();
    const other = [];
    for (const { field, message } of errors) {
      const [, name] = field.match(/^([^.[]*)(?:\[(\d+)\])?/);
      // hsp_core's messages name the field (and the item of a list) themselves.
      const text = this.words(message);
      if (!this.fields.has(name)) other.push(text);
      else byField.set(name, [...(byField.get(name) ?? []), text]);
    }
    const filled = this.read();
    const needed = [];
    for (const [name, field] of this.fields) {
      const messages = byField.get(name);
      const typing = name === this.editing;
      const shown = messages && !typing && (this.touched.has(name) || name in filled);
      if (messages && !shown && !typing) needed.push(field.label);
      field.box.classList.toggle("hsp-field--invalid", Boolean(shown));
      field.error.textContent = shown ? messages.join("; ") : "";
      for (const c of field.controls) {
        if (shown) c.setAttribute("aria-invalid", "true");
        else c.removeAttribute("aria-invalid");
      }
      if (shown) field.box.closest("details")?.setAttribute("open", "");
    }
    return { needed, other };
  }

  // Next to each yen field, the amount hsp_core read from it (`understood`, name -> yen), while
  // the field holds text: "750万" is shown as "Understood as ¥7,500,000".
  showUnderstood(understood) {
    for (const [name, field] of this.fields) {
      if (!field.understood) continue;
      const value = field.controls[0].value.trim() ? understood[name] : undefined;
      field.understood.textContent = value === undefined ? ""
        : t("Understood as {amount}", { amount: yen(value) });
    }
  }

  // hsp_core's messages name other fields by their JSON keys; show the labels instead.
  words(message) {
    return message.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g,
      (key) => (this.fields.has(key) ? `“${this.label(key)}”` : key));
  }

  // Fields shown with an error, in form order, for the error summary.
  invalid() {
    return [...this.fields.entries()]
      .filter(([, f]) => f.box.classList.contains("hsp-field--invalid"))
      .map(([name, f]) => ({ name, label: f.label, message: f.error.textContent,
        control: f.controls[0] }));
  }
}
