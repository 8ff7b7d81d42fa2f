// The profile lives in the URL fragment, #profile=<base64url of the UTF-8 JSON>, which the
// browser never sends to a server. Padding is left off when writing and accepted when reading.

const PREFIX = "#profile=";

export function fragmentFor(profile) {
  if (Object.keys(profile).length === 0) return "";
  const bytes = new TextEncoder().encode(JSON.stringify(profile));
  const binary = Array.from(bytes, (b) => String.fromCharCode(b)).join("");
  return PREFIX + btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

// null when the fragment holds no profile; {error} when it does but cannot be read.
export function readFragment(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const data = decodeURIComponent(hash.slice(PREFIX.length));
    const binary = atob(data.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const profile = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (profile === null || typeof profile !== "object" || Array.isArray(profile)) {
      return { error: "it is not a set of profile fields" };
    }
    return { profile };
  } catch (error) {
    const why = error instanceof SyntaxError ? "it does not hold a profile"
      : "it was cut short or changed";
    return { error: why };
  }
}
