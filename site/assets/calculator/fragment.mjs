// The calculator's state lives in the URL fragment, #profile=<base64url of the UTF-8 JSON>,
// which the browser never sends to a server. Padding is left off when writing and accepted
// when reading.
//
// Links keep their meaning across builds. What is written is versioned:
// {"v": 2, "profile": {...}}; further top-level sections may sit beside "profile" (they are
// passed through as they are). A link from before versions (v 1) is the bare profile object.
// Reading migrates old field names and values to today's (RENAMED_FIELDS, RENAMED_VALUES) and
// says which it changed; an enum value in another case is the form's to match (form.mjs).

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
  const json = JSON.stringify({ v: VERSION, ...Object.fromEntries(used) });
  const bytes = new TextEncoder().encode(json);
  const binary = Array.from(bytes, (b) => String.fromCharCode(b)).join("");
  return PREFIX + btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

// null when the fragment holds no profile; {error} when it does but cannot be read; else
// {sections: {profile, ...others}, renamed: [what a migration changed]}.
export function readFragment(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  let data;
  try {
    const text = decodeURIComponent(hash.slice(PREFIX.length));
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    return { error: error instanceof SyntaxError ? "it is not valid JSON"
      : "it is not valid base64url" };
  }
  if (!isObject(data)) return { error: "it is not a set of profile fields" };
  if (!("v" in data)) { // version 1: the bare profile
    const { profile, renamed } = migrate(data);
    return { sections: { profile }, renamed };
  }
  if (data.v !== VERSION) {
    return { error: `it was made by a newer version of this page (${JSON.stringify(data.v)})` };
  }
  const { v: _, profile = {}, ...others } = data;
  if (!isObject(profile)) return { error: "its profile is not a set of fields" };
  return { sections: { profile, ...others }, renamed: [] };
}
