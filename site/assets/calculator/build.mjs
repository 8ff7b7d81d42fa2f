// Which build of the site this page belongs to, and whether a newer one has been deployed since.
// Every page carries its build id (<meta name="hsp-build">, scripts/buildlib/build_id.py), the
// worker too, and build.json at the site root names the one deployed now. That file is asked
// for past every cache (the service worker lets it through): GitHub Pages sends max-age=600,
// and a page can come from the HTTP cache or an old service worker's copy.

export const BUILD = document.querySelector('meta[name="hsp-build"]')
  ?.getAttribute("content") ?? "dev";
const DEPLOYED = new URL("../../build.json", import.meta.url);

// The id of the build deployed now, or null when it cannot be known (offline, say).
export async function deployed() {
  try {
    const response = await fetch(DEPLOYED, { cache: "no-store" });
    return response.ok ? (await response.json()).build ?? null : null;
  } catch {
    return null;
  }
}

// Calls onNewer() once, as soon as a build other than this page's is known to be deployed:
// checked now, whenever the page is shown again, and when a new service worker takes over
// (it installs on any navigation of the site, in any tab).
export function watchBuild(onNewer) {
  let told = false;
  const check = async () => {
    const id = await deployed();
    if (!told && id && id !== BUILD) {
      told = true;
      onNewer();
    }
  };
  check();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });
  navigator.serviceWorker?.addEventListener("controllerchange", check);
}
