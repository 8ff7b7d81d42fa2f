// The profile lives in the URL fragment, #profile=<base64url of the UTF-8 JSON>, which the
// browser never sends to a server. Padding is left off when writing and accepted when reading.
// Other parts may follow as &<name>=<base64url of JSON> (timeline.mjs: &dates=), each read by
// its own module with readPart.

const PREFIX = "#profile=";

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

const why = (error) => (error instanceof SyntaxError ? "it does not hold a profile"
  : "it was cut short or changed");

export function fragmentFor(profile) {
  if (Object.keys(profile).length === 0) return "";
  return PREFIX + encode(profile);
}

// `fragment` (fragmentFor's, maybe "") with &name=value after it; unchanged for a null value.
export function withPart(fragment, name, value) {
  if (value == null) return fragment;
  return `${fragment ? `${fragment}&` : "#"}${name}=${encode(value)}`;
}

// null when the fragment holds no profile; {error} when it does but cannot be read.
export function readFragment(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const profile = decode(hash.slice(PREFIX.length).split("&")[0]);
    if (profile === null || typeof profile !== "object" || Array.isArray(profile)) {
      return { error: "it is not a set of profile fields" };
    }
    return { profile };
  } catch (error) {
    return { error: why(error) };
  }
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
