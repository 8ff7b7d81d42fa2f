// The "When can I apply?" part: the dated facts of hsp_core.dated.DatedProfile, asked the way a
// person thinks of them. The form holds a draft of that JSON (empty strings where nothing is
// typed yet, so nothing typed is lost); `dated()` is the JSON `hsp-score timeline` reads, which
// the page exports and imports. The draft, seeded once from the answers in the main form, lives
// in the fragment as its own part: &dates=<base64url of {v: 1, profile: draft, date}>.
// The timeline is asked for only once the main form's first answer is drawn (start()), and only
// while this part is open or holds data, so it never delays the first result.

import { h } from "./dom.mjs";
import { downloadJSON } from "./download.mjs";
import { parseNumber } from "./form.mjs";
import { readPart } from "./fragment.mjs";
import { t } from "./texts.mjs";
import { renderTimeline, words } from "./timeline-results.mjs";

export const PART = "dates";
const VERSION = 1;
const UNSPECIFIED = "unspecified"; // a degree's field left empty: all such count as one field

const check = (key, label) => [key, "check", label];
// Each list: its legend, what the add button says, and its columns [key, kind, label, options].
/** @type {Record<string, [string, string, any[][]]>} */
const LISTS = {
  salary: [t("Annual pay, and each change (planned raises too)"), t("Add a pay change"), [
    ["since", "date", t("From")], ["annual_salary_jpy", "yen", t("Annual pay (yen)")]]],
  degrees: [t("Degrees"), t("Add a degree"), [
    ["level", "select", t("Degree"), { doctor: t("Doctorate"), mba_mot: t("MBA or MOT"),
      master: t("Master's or other professional"), bachelor: t("Bachelor's or equivalent") }],
    ["since", "date", t("Awarded on")], ["field", "text", t("Field of study")],
    check("japanese_university", t("From a Japanese university (⑭)")),
    check("listed_university", t("University on the ISA list (⑰)"))]],
  japanese_tests: [t("Japanese tests passed"), t("Add a test result"), [
    ["level", "select", t("Level"), { n1: t("JLPT N1 (or BJT 480+)"), n2: t("JLPT N2 (or BJT 400+)") }],
    ["since", "date", t("Passed on")]]],
  experience: [t("Work experience (one period per job; a gap is the time between two)"),
    t("Add a period"), [["start", "date", t("From")], ["end", "date", t("To (empty: still going)")]]],
  national_qualifications: [t("Japanese national qualifications (⑧)"), t("Add a qualification"), [
    ["since", "date", t("Obtained on")], ["name", "text", t("Name")]]],
  foreign_qualifications: [t("Foreign qualifications or awards (⑬)"), t("Add a qualification"), [
    ["since", "date", t("Obtained on")], ["name", "text", t("Name")]]],
  research_achievements: [t("Research achievements (④–⑦)"), t("Add an achievement"), [
    ["kind", "select", t("Kind"), { patent: t("Patent (④)"), foreign_grant_research:
      t("Foreign-funded research (⑤)"), papers: t("3 papers (⑥)"), other: t("Other (⑦)") }],
    ["since", "date", t("Complete on")]]],
  period_of_stay: [t("Period of stay on your residence card, from each grant"),
    t("Add a residence card"), [["since", "date", t("Granted on")], ["years", "select", t("Period of stay"),
      { "": t("Choose…"), 5: t("5 years"), 3: t("3 years"), 1: t("1 year"), 0.5: t("6 months"),
        0.25: t("3 months") }]]],
  employer: [t("Employer facts (⑨–⑫ ⑯ ⑲–㉑), from each date"), t("Add an employer change"), [
    ["since", "date", t("From")], ["name", "text", t("Employer")],
    check("employer_innovation_support", t("Innovation support (⑨)")),
    check("employer_is_sme", t("SME (⑩ ⑫)")),
    check("employer_rnd_over_3pct", t("R&D over 3% of sales (⑫)")),
    check("employer_local_support", t("Local-government support (⑪)")),
    check("growth_field_project", t("Growth-field project (⑯)")),
    check("investment_management_business", t("Investment management (㉑)")),
    check("investment_100m_jpy", t("Invested ¥100M (⑲)")),
    ["position", "select", t("Position (⑳)"), { none: t("Neither"), representative: t("Representative"),
      director: t("Director or executive officer") }]]],
};
const STATUS = { none: t("Neither (yet)"), hsp: t("HSP (i)"), jskip: t("HSP (i) as a J-Skip holder") };
const STATUS_FIELD = { hsp: "hsp_since", jskip: "j_skip_since" };
// Fields of the dated profile this part shows no control for (facts as of today: the (c)
// questions, and family facts only the benefits read): kept as they came, from the main form
// or an import.
const KEPT = ["business_meets_new_criteria", "c_activity_is_law_or_accounting", "has_spouse", "spouse_annual_income_jpy", "children_birth_dates", "pregnancy",
  "spouse_unable_to_do_housework", "domestic_worker_employed_1_year_abroad"];
const LABELS = {
  birth_date: t("Birth date"), category: t("Your HSP category"), residence_since:
  t("In Japan continuously since"), hsp_since: t("In HSP (i) status since"), j_skip_since:
  t("As a J-Skip holder since"), hsp_recognised_points: t("Points on your HSP notice"),
  application_date: t("Filing date to check (empty: today)"),
};

const isEmpty = (v) => v === "" || v === null || v === undefined || v === false;

// The main form's answers → a draft: every fact it has, with its date left to fill in.
export function seed(p) {
  const row = (fields) => ({ since: "", ...fields });
  /** @type {Record<string, any>} */
  const d = {
    birth_date: p.birth_date ?? "", category: p.category ?? "", residence_since: "",
    salary: [row({ annual_salary_jpy: p.annual_salary_jpy ?? "" })],
    degrees: [], japanese_tests: [], experience: [], national_qualifications: [],
    foreign_qualifications: [], research_achievements: [], employer: [], period_of_stay: [],
  };
  if (p.period_of_stay_years) d.period_of_stay.push(row({ years: p.period_of_stay_years }));
  if (p.education && p.education !== "none") {
    d.degrees.push(row({ level: p.education, field: "",
      japanese_university: Boolean(p.japanese_university),
      listed_university: Boolean(p.listed_university) }));
    if (p.multiple_graduate_degrees) d.degrees.push(row({ level: "master", field: "" }));
  }
  if (p.japanese_level === "n1" || p.japanese_level === "n2") {
    d.japanese_tests.push(row({ level: p.japanese_level }));
  }
  if (p.experience_years > 0) d.experience.push({ start: "", end: "" });
  for (let i = 0; i < (Number(p.national_qualifications) || 0); i++) {
    d.national_qualifications.push(row({ name: "" }));
  }
  if (p.foreign_qualification) d.foreign_qualifications.push(row({ name: "" }));
  for (const kind of p.research_achievements ?? []) d.research_achievements.push(row({ kind }));
  const job = Object.fromEntries(LISTS.employer[2].slice(2).map(([key]) => [key, p[key]])
    .filter(([, v]) => v !== undefined && v !== "none"));
  if (Object.keys(job).length) d.employer.push(row({ name: "", ...job }));
  if (p.jica_training) {
    d.jica_training = { since: "", at_japanese_university: Boolean(
      p.jica_training_at_japanese_university) };
  }
  if (p.j_skip_status_years > 0) d.j_skip_since = "";
  else if (p.hsp_status_years > 0) d.hsp_since = "";
  if (p.hsp_recognised_points !== undefined) d.hsp_recognised_points = p.hsp_recognised_points;
  for (const key of KEPT) if (p[key] !== undefined) d[key] = p[key];
  return d;
}

function clean(value) {
  if (typeof value !== "string") return value;
  const n = parseNumber(value);
  return n === undefined ? "" : n;
}

// The draft → the dated profile JSON: empty answers and untouched rows left out.
export function dated(draft) {
  const out = {};
  for (const [key, value] of Object.entries(draft)) {
    if (Array.isArray(value)) {
      if (key === "children_birth_dates") {
        out[key] = value;
        continue;
      }
      const rows = value.map((r) => Object.fromEntries(Object.entries(r)
        .map(([k, v]) => [k, k === "field" && v === "" ? UNSPECIFIED : v])
        .map(([k, v]) => [k, k.endsWith("_jpy") || k === "years" ? clean(v) : v])
        .filter(([, v]) => !isEmpty(v))));
      // A row counts once it has a date or an amount: a seeded row with only its kind is a
      // question still open, not a fact.
      const kept = rows.filter((r) => Object.keys(r).some((k) => ["since", "start", "end",
        "annual_salary_jpy"].includes(k)));
      if (kept.length || key === "salary") out[key] = kept;
    } else if (key === "jica_training") {
      if (value?.since) out[key] = value;
    } else if (key === "hsp_recognised_points") {
      const n = clean(String(value));
      if (n !== "") out[key] = n;
    } else if (!isEmpty(value) || (KEPT.includes(key) && value !== undefined)) out[key] = value;
  }
  return out;
}

const hasFacts = (draft) => Object.entries(dated(draft))
  .some(([k, v]) => !KEPT.includes(k) && (Array.isArray(v) ? v.length : true));

export class WhenSection {
  // root: the section element; profile(): the main form's answers; save(): writes the fragment;
  // request(dated): the request's JSON, in the page's language (main.mjs).
  constructor(root, { profile, save, runtime, request }) {
    this.root = root;
    this.details = root.querySelector("details");
    this.form = root.querySelector(".hsp-when__form");
    this.answer = root.querySelector(".hsp-when__answer");
    this.profile = profile;
    this.save = save;
    this.runtime = runtime;
    this.request = request;
    this.draft = null; // null until opened, seeded, restored or imported
    this.date = "";
    this.started = false; // the main form's first answer is drawn
    this.latest = 0;
    this.busy = null;
    this.again = false;
    this.last = null; // {dated, answer} on screen
    const opened = () => {
      if (this.details.open && !this.draft) this.fill(seed(this.profile()));
    };
    opened(); // it may have been opened before this module was loaded
    this.details.addEventListener("toggle", () => {
      opened();
      this.update();
    });
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("submit", (e) => e.preventDefault());
  }

  // The fragment part: null while nothing is there, so plain #profile= links stay as they were.
  part() {
    return this.draft ? { v: VERSION, profile: this.draft, date: this.date || undefined } : null;
  }

  // Reads &dates= from `hash`; returns a notice for the page, or "".
  restore(hash) {
    const found = readPart(hash, PART);
    if (!found) return "";
    const state = found.value;
    if (found.error || state?.v !== VERSION || typeof state.profile !== "object"
        || state.profile === null || Array.isArray(state.profile)) {
      return t("The dates in this link could not be read: {reason}.", { reason: found.error
        ?? t("they are not a version 1 set of dates") });
    }
    this.date = typeof state.date === "string" ? state.date : "";
    this.fill(state.profile);
    this.details.open = true;
    this.update();
    return "";
  }

  fill(draft) {
    this.draft = draft;
    this.render();
  }

  start() {
    this.started = true;
    this.update();
  }

  changed() {
    this.draft = this.read();
    this.date = this.form.querySelector("[data-path=application_date]").value;
    this.latest++; // an answer still in flight is for the dates before this change
    if (this.wanted()) this.root.dataset.state = "computing";
    this.update();
    this.save(); // after the request is sent: the link's update (replaceState) is not quick
  }

  wanted() {
    return this.started && this.draft && (this.details.open || hasFacts(this.draft));
  }

  // One request at a time, as main.mjs does: input meanwhile is computed once, right after.
  update() {
    if (!this.wanted()) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = this.compute().finally(() => {
      this.busy = null;
      if (this.again) {
        this.again = false;
        this.update();
      }
    });
  }

  async compute() {
    const id = ++this.latest;
    const profile = dated(this.draft);
    this.root.dataset.state = "computing";
    let answer;
    try {
      answer = JSON.parse(await this.runtime.timeline(this.request(profile), this.date));
    } catch (error) {
      if (id !== this.latest) return;
      console.error("hsp_core's timeline failed on", profile, error);
      this.answer.replaceChildren(h("p", { className: "hsp-warning" }, t("Something went wrong "
        + "inside the calculator for these dates. Please report it with the link of this page.")));
      this.root.dataset.state = "error";
      return;
    }
    if (id !== this.latest) return;
    this.showErrors(answer.ok ? [] : answer.errors);
    if (answer.ok) {
      renderTimeline(this.answer, answer, profile);
      this.last = { dated: profile, answer };
    }
    // With errors the last answer stays, marked as not for these dates.
    this.answer.classList.toggle("hsp-when__answer--stale", !answer.ok);
    this.root.dataset.state = answer.ok ? "ready" : "invalid";
  }

  // --- the form --------------------------------------------------------------------------

  input(path, kind, label, value, options) {
    const id = `hsp-when-${path.replace(/[^a-z0-9]+/gi, "-")}`;
    const common = { id, "data-path": path, "aria-describedby": `${id}-error` };
    let control;
    if (kind === "check") {
      control = h("input", { ...common, type: "checkbox", checked: value === true });
      return h("div", { className: "hsp-field hsp-field--check" }, control,
        h("label", { for: id }, label), h("p", { className: "hsp-error", id: `${id}-error` }));
    }
    if (kind === "select") {
      control = h("select", common, Object.entries(options).map(([v, text]) =>
        h("option", { value: v, selected: v === String(value ?? "") }, text)));
    } else {
      const text = kind === "date" ? { type: "date" } : kind === "yen" || kind === "number"
        ? { type: "text", inputmode: "numeric", spellcheck: "false" } : { type: "text" };
      control = h("input", { ...common, ...text, value: value === UNSPECIFIED ? ""
        : String(value ?? "") });
    }
    return h("div", { className: `hsp-field hsp-field--${kind}` },
      h("label", { for: id }, label), control,
      h("p", { className: "hsp-error", id: `${id}-error`, "aria-live": "polite" }));
  }

  list(key) {
    const [legend, add, cols] = LISTS[key];
    const rows = Array.isArray(this.draft[key]) ? this.draft[key] : [];
    return h("fieldset", { className: "hsp-when__list", "data-list": key },
      h("legend", {}, legend),
      h("p", { className: "hsp-error", id: `hsp-when-${key}-error`, "data-path": key }),
      rows.map((r, i) => h("div", { className: "hsp-when__row", "data-row": i },
        cols.map(([k, kind, label, options]) => this.input(`${key}[${i}].${k}`, kind, label,
          r?.[k], options)),
        h("button", { type: "button", className: "md-button hsp-when__remove",
          onclick: () => this.edit(key, (list) => list.splice(i, 1)) },
        t("Remove"), h("span", { className: "hsp-sr" }, ` ${legend.split(" (")[0]} ${i + 1}`)))),
      h("button", { type: "button", className: "md-button hsp-when__add",
        onclick: () => this.edit(key, (list) => list.push({})) }, add));
  }

  // Changes a list of the draft, redraws, and puts the focus back where it belongs.
  edit(key, change) {
    const draft = this.read();
    draft[key] = Array.isArray(draft[key]) ? draft[key] : [];
    change(draft[key]);
    this.fill(draft);
    const rows = this.form.querySelectorAll(`[data-list=${key}] .hsp-when__row`);
    (rows[rows.length - 1]?.querySelector("input, select")
      ?? this.form.querySelector(`[data-list=${key}] .hsp-when__add`)).focus();
    this.changed();
  }

  render() {
    const d = this.draft;
    const status = d.j_skip_since !== undefined ? "jskip" : d.hsp_since !== undefined ? "hsp"
      : "none";
    const statusDate = this.input(STATUS_FIELD[status] ?? "hsp_since", "date",
      status === "jskip" ? LABELS.j_skip_since : LABELS.hsp_since,
      d[STATUS_FIELD[status]] ?? "");
    statusDate.hidden = status === "none";
    const jica = d.jica_training;
    const file = h("input", { type: "file", accept: "application/json,.json",
      id: "hsp-when-import", onchange: (e) => this.import(e.target) });
    this.form.replaceChildren(
      h("div", { className: "hsp-when__grid" },
        this.input("birth_date", "date", LABELS.birth_date, d.birth_date),
        this.input("category", "select", LABELS.category, d.category,
          { "": t("Not decided: all three"), a: t("(a) Research"),
            b: t("(b) Specialised / technical"), c: t("(c) Business management") }),
        this.input("residence_since", "date", LABELS.residence_since, d.residence_since),
        h("div", { className: "hsp-field hsp-field--select" },
          h("label", { for: "hsp-when-status" }, t("Your status now")),
          h("select", { id: "hsp-when-status", "data-status": "" }, Object.entries(STATUS)
            .map(([v, text]) => h("option", { value: v, selected: v === status }, text)))),
        statusDate,
        this.input("hsp_recognised_points", "number", LABELS.hsp_recognised_points,
          d.hsp_recognised_points ?? ""),
        this.input("application_date", "date", LABELS.application_date, this.date)),
      ...Object.keys(LISTS).map((key) => this.list(key)),
      h("fieldset", { className: "hsp-when__list", "data-list": "jica" },
        h("legend", {}, t("JICA Innovative Asia training (⑱)")),
        h("div", { className: "hsp-when__row" },
          this.input("jica_training.since", "date", t("Completed on"), jica?.since ?? ""),
          this.input("jica_training.at_japanese_university", "check",
            t("Used Japanese university classes"), jica?.at_japanese_university === true))),
      h("p", { className: "hsp-when__files" },
        h("button", { type: "button", className: "md-button", onclick: () =>
          downloadJSON("hsp-dates.json", dated(this.read())) }, t("Download these dates (JSON)")),
        h("label", { className: "md-button", for: "hsp-when-import" }, t("Load dates from a file")),
        file,
        h("button", { type: "button", className: "md-button", onclick: () => {
          this.fill(seed(this.profile()));
          this.changed();
        } }, t("Start again from the form above"))),
      h("p", { className: "hsp-error", id: "hsp-when-file-error", "aria-live": "polite" }));
    this.form.querySelector("[data-status]").addEventListener("change", (e) => {
      const draft = this.read();
      const keep = draft.hsp_since ?? draft.j_skip_since ?? "";
      delete draft.hsp_since;
      delete draft.j_skip_since;
      if (STATUS_FIELD[e.target.value]) draft[STATUS_FIELD[e.target.value]] = keep;
      this.fill(draft);
      this.form.querySelector("#hsp-when-status").focus();
      this.changed();
    });
  }

  // The draft as the form now holds it; keys the form has no control for are kept.
  read() {
    const d = { ...this.draft };
    const value = (el) => (el.type === "checkbox" ? el.checked : el.value);
    for (const el of this.form.querySelectorAll("[data-path]:is(input, select)")) {
      const path = el.dataset.path;
      if (el.closest("[hidden]")) continue; // the status date while the status is "neither"
      const m = path.match(/^(\w+)\[(\d+)\]\.(\w+)$/);
      if (m) {
        const [, key, i, field] = m;
        d[key] = d[key] === this.draft[key] ? this.draft[key].map((r) => ({ ...r })) : d[key];
        d[key][Number(i)][field] = value(el);
      } else if (path.startsWith("jica_training.")) {
        d.jica_training = { ...d.jica_training, [path.split(".")[1]]: value(el) };
      } else if (path !== "application_date") d[path] = value(el);
    }
    return d;
  }

  async import(input) {
    const error = this.form.querySelector("#hsp-when-file-error");
    const [file] = input.files;
    if (!file) return;
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch {
      error.textContent = t("{file} is not a JSON file; nothing was changed.", { file: file.name });
      return;
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      error.textContent = t("{file} does not hold a dated profile; nothing was changed.",
        { file: file.name });
      return;
    }
    this.fill(data);
    this.form.querySelector("#hsp-when-file-error").textContent = t("Loaded {file}.", { file: file.name });
    this.changed();
  }

  // hsp_core's field errors beside the inputs they name (a list's own line for a whole row or
  // list), and all of them in a summary above the answer, each linked to its input.
  showErrors(errors) {
    for (const el of this.form.querySelectorAll(".hsp-error:not(#hsp-when-file-error)")) {
      el.textContent = "";
    }
    for (const el of this.form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    const items = errors.map(({ field, message }) => {
      const text = words(message);
      const el = this.target(field);
      if (!el) return h("li", {}, field ? `${field}: ${text}` : text);
      const line = el.tagName === "P" ? el : this.form.querySelector(`#${el.id}-error`);
      line.textContent = line.textContent ? `${line.textContent}; ${text}` : text;
      if (el.tagName === "P") {
        const row = field.match(/\[(\d+)\]/);
        const legend = el.closest("fieldset").querySelector("legend").textContent.split(" (")[0];
        return h("li", {}, `${legend}${row ? ` ${Number(row[1]) + 1}` : ""}: ${text}`);
      }
      el.setAttribute("aria-invalid", "true");
      return h("li", {}, h("a", { href: `#${el.id}`, onclick: (e) => {
        e.preventDefault(); // keep #profile= in the URL
        el.focus();
      } }, this.name(el)), `: ${text}`);
    });
    this.root.querySelector(".hsp-when__message").replaceChildren(...(items.length
      ? [h("div", { className: "hsp-when__errors" }, h("p", {}, t("Fix these to see the dates:")),
        h("ul", {}, items))] : []));
  }

  name(el) {
    const label = this.form.querySelector(`label[for="${el.id}"]`)?.textContent ?? el.id;
    const row = el.closest("[data-row]");
    const list = row?.closest("fieldset")?.querySelector("legend").textContent.split(" (")[0];
    return row ? `${list} ${Number(row.dataset.row) + 1}: ${label}` : label;
  }

  // The control (or a list's message line) an error path names, or null.
  target(field) {
    if (!field) return null;
    const find = (path) => this.form.querySelector(`[data-path="${CSS.escape(path)}"]`);
    return find(field) ?? find(field.replace(/\.\w+$/, "")) ?? find(field.split(/[.[]/)[0]);
  }
}
