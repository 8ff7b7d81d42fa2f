// The calculator's state lives in the URL fragment, #profile=<base64url of the UTF-8 JSON>,
// which the browser never sends to a server. Padding is left off when writing and accepted
// when reading. Other parts may follow as &<name>=<base64url of JSON> (timeline.mjs: &dates=),
// each read by its own module with readPart.
//
// Links keep their meaning across builds. What is written is versioned:
// {"v": 2, "profile": {...}}; further top-level sections may sit beside "profile" (they are
// passed through as they are). A link from before versions (v 1) is the bare profile object.
// Reading migrates old field names and values to today's (RENAMED_FIELDS, RENAMED_VALUES) and
// says which it changed; an enum value in another case is the form's to match (form.mjs).

import { t } from "./texts.mjs";

const PREFIX = "#profile=";
export const VERSION = 2;

// Old or informal field names -> Profile's (hsp_core/profile.py).
export const RENAMED_FIELDS = {
  salary: "annual_salary_jpy",
  annual_salary: "annual_salary_jpy",
  experience: "experience_years",
  japanese: "japanese_level",
  jlpt: "japanese_level",
  research: "research_achievements",
  qualifications: "national_qualifications",
  spouse_income_jpy: "spouse_annual_income_jpy",
  children: "children_ages",
};

// Field -> old or informal value (lower case) -> Profile's enum value.
export const RENAMED_VALUES = {
  education: {
    masters: "master", "master's": "master", phd: "doctor", doctorate: "doctor",
    mba: "mba_mot", mot: "mba_mot", bachelors: "bachelor", "bachelor's": "bachelor",
  },
  position: { representative_director: "representative", executive: "director" },
  japanese_level: { jlpt_n1: "n1", jlpt_n2: "n2" },
};

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

function encode(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  const binary = Array.from(bytes, (b) => String.fromCharCode(b)).join("");
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decode(text) {
  const data = decodeURIComponent(text);
  const binary = atob(data.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
}

const why = (error) => (error instanceof SyntaxError ? t("it does not hold a profile")
  : t("it was cut short or changed"));

// Version 1's bare profile -> today's, and what was renamed: ["salary → annual_salary_jpy"].
export function migrate(old) {
  const profile = {};
  const renamed = [];
  for (const [key, value] of Object.entries(old)) {
    const name = RENAMED_FIELDS[key] ?? key;
    if (name !== key) renamed.push(`${key} → ${name}`);
    const table = RENAMED_VALUES[name];
    const rename = (v) => {
      const to = typeof v === "string" && table?.[v.toLowerCase()];
      if (to) renamed.push(`${v} → ${to}`);
      return to || v;
    };
    profile[name] = Array.isArray(value) ? value.map(rename) : rename(value);
  }
  return { profile, renamed };
}

// sections: {profile, ...others}; "" when the profile and every other section are empty.
export function fragmentFor(sections) {
  const used = Object.entries(sections).filter(([, s]) => s && Object.keys(s).length);
  if (used.length === 0) return "";
  return PREFIX + encode({ v: VERSION, ...Object.fromEntries(used) });
}

// `fragment` (fragmentFor's, maybe "") with &name=value after it; unchanged for a null value.
export function withPart(fragment, name, value) {
  if (value == null) return fragment;
  return `${fragment ? `${fragment}&` : "#"}${name}=${encode(value)}`;
}

// null when the fragment holds no profile; {error} when it does but cannot be read; else
// {sections: {profile, ...others}, renamed: [what a migration changed]}.
export function readFragment(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  let data;
  try {
    data = decode(hash.slice(PREFIX.length).split("&")[0]);
  } catch (error) {
    return { error: why(error) };
  }
  if (!isObject(data)) return { error: t("it is not a set of profile fields") };
  if (!("v" in data)) { // version 1: the bare profile
    const { profile, renamed } = migrate(data);
    return { sections: { profile }, renamed };
  }
  if (data.v !== VERSION) {
    return { error: t("it was made by a newer version of this page ({version})",
      { version: JSON.stringify(data.v) }) };
  }
  const { v: _, profile = {}, ...others } = data;
  if (!isObject(profile)) return { error: t("its profile is not a set of fields") };
  return { sections: { profile, ...others }, renamed: [] };
}

// The part `name` (letters only): null when absent, else {value} or {error}.
export function readPart(hash, name) {
  const found = hash.match(new RegExp(`(?:^#|&)${name}=([^&]*)`));
  if (!found) return null;
  try {
    return { value: decode(found[1]) };
  } catch (error) {
    return { error: why(error) };
  }
}

// Links to share are shorter: #z=<base64url of the deflate-raw compressed JSON of
// {v, profile, ...others, "&": {part: value}}>, "z" marking the format, the profile's fields
// under SHORT_KEYS. The page expands one
// into the usual #profile=...&part=... on arrival, so everything else reads that.
const COMPRESSED = "#z=";

// Profile field -> its key in a short link. A link made once must read forever: never change
// or reuse a key, only add new ones. A field without one keeps its name.
const SHORT_KEYS = {
  category: "c", age: "a", birth_date: "bd", reference_date: "rd", education: "e",
  multiple_graduate_degrees: "mg", japanese_university: "ju", listed_university: "lu",
  experience_years: "x", annual_salary_jpy: "s", research_achievements: "r",
  national_qualifications: "nq", position: "p", growth_field_project: "gf",
  investment_management_business: "im", employer_innovation_support: "ei",
  employer_is_sme: "es", employer_local_support: "el", japanese_level: "j",
  foreign_qualification: "fq", jica_training: "jt", jica_training_at_japanese_university: "jj",
  continuous_residence_years: "cr", hsp_status_years: "hy", hsp_recognised_points: "hp",
  j_skip_status_years: "jy", period_of_stay_years: "ps", good_conduct: "gc",
  independent_livelihood: "il", taxes_paid_on_time: "tx",
  pension_and_health_insurance_paid_on_time: "pi",
  business_meets_new_criteria: "bn", c_activity_is_law_or_accounting: "cl", has_spouse: "hs",
  spouse_annual_income_jpy: "si", children_ages: "ch", pregnancy: "pg",
  spouse_unable_to_do_housework: "sh",
};
const LONG_KEYS = Object.fromEntries(Object.entries(SHORT_KEYS).map(([k, v]) => [v, k]));
const rekey = (profile, table) => (isObject(profile)
  ? Object.fromEntries(Object.entries(profile).map(([k, v]) => [table[k] ?? k, v])) : profile);

const toBase64url = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""))
  .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

/** @param {Uint8Array} bytes @param {CompressionStream | DecompressionStream} stream */
async function through(bytes, stream) {
  const out = new Response(new Blob([/** @type {BlobPart} */ (bytes)]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export const isCompressed = (/** @type {string} */ hash) => hash.startsWith(COMPRESSED);

/**
 * The short link's fragment for `hash` (a #profile= fragment, maybe with parts); `hash` as it
 * is when it holds no profile or cannot be read.
 * @param {string} hash
 * @returns {Promise<string>}
 */
export async function compressFragment(hash) {
  const parsed = readFragment(hash);
  if (!parsed || parsed.error) return hash;
  const parts = {};
  for (const [, name] of hash.matchAll(/&([a-z]+)=/gi)) {
    const part = readPart(hash, name);
    if (part?.value !== undefined) parts[name] = part.value;
  }
  const { profile, ...others } = parsed.sections;
  const data = { v: VERSION, ...others, profile: rekey(profile, SHORT_KEYS) };
  if (Object.keys(parts).length) data["&"] = parts;
  const bytes = new TextEncoder().encode(JSON.stringify(data));
  return COMPRESSED + toBase64url(await through(bytes, new CompressionStream("deflate-raw")));
}

/**
 * A short link's fragment expanded to the #profile= one: {hash} or {error} (cut or changed).
 * @param {string} hash
 * @returns {Promise<{hash: string} | {error: string}>}
 */
export async function expandFragment(hash) {
  let data;
  try {
    const text = decodeURIComponent(hash.slice(COMPRESSED.length));
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = await through(Uint8Array.from(binary, (c) => c.charCodeAt(0)),
      new DecompressionStream("deflate-raw"));
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    return { error: why(error instanceof SyntaxError ? new Error() : error) };
  }
  if (!isObject(data)) return { error: t("it is not a set of profile fields") };
  const { "&": parts = {}, profile, ...others } = data;
  let expanded = PREFIX + encode({ ...others, profile: rekey(profile, LONG_KEYS) });
  for (const [name, value] of Object.entries(isObject(parts) ? parts : {})) {
    expanded = withPart(expanded, name, value);
  }
  return { hash: expanded };
}
