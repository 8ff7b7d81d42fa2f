"""The calculator never stays stuck: damaged stored files, damaged or stalled downloads and a
start that never answers each end in an answer, or in a plain message with a Retry that works.
Where caching matters they run under both header modes: no-cache, and GitHub Pages' max-age=600,
where an HTTP cache entry outlives a reload.
"""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from buildlib.server import start_server

from hsp_core.jsonapi import assess_json

SHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots" / "cache"
CALC = "[data-testid=calculator]"
READY = f"{CALC}[data-state=ready]"
START_TIMEOUT = 120_000  # a start from the network again, on a busy 2-core machine
PROFILE = {"age": 29, "education": "master", "experience_years": 5, "annual_salary_jpy": 5000000,
           "japanese_level": "n2"}
LINK = "calculator/#profile=" + base64.urlsafe_b64encode(
    json.dumps(PROFILE).encode()).rstrip(b"=").decode()


def total_b() -> int:
    total: int = json.loads(assess_json(json.dumps(PROFILE)))["result"]["categories"]["b"]["total"]
    return total


def answers(page: Any) -> None:
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    assert int(page.text_content("[data-testid=total-b]")) == total_b()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".hsp-status").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def failed_with(page: Any, words: str) -> str:
    """The status line's message once the start failed; it has a Retry, and no result shows."""
    page.wait_for_selector(f"{CALC}[data-state=error]", timeout=START_TIMEOUT)
    text: str = page.text_content(".hsp-status__text")
    assert words in text, text
    assert page.is_visible(".hsp-retry")
    assert "for this input" not in page.text_content(CALC)
    return text


# Damages one stored copy in place: Cache Storage's (by cache name prefix and file name) or the
# OPFS snapshot's. "garbage": the same size, other bytes in the middle; "empty": no bytes.
DAMAGE = """async ([where, file, how]) => {
  const spoil = (bytes) => {
    if (how === "empty") return new Uint8Array(0);
    const out = bytes.slice();
    const at = out.length >> 1;
    for (let i = at; i < Math.min(out.length, at + 4096); i++) out[i] ^= 0x5a;
    return out;
  };
  if (where === "opfs") {
    const dir = await navigator.storage.getDirectory();
    for await (const [name, handle] of dir.entries()) {
      if (!name.startsWith("hsp-snapshot-")) continue;
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      for (let tries = 0; ; tries++) { // the worker may hold it a moment (a read, a rename)
        try {
          const writable = await handle.createWritable();
          await writable.write(spoil(bytes));
          await writable.close();
          return name;
        } catch (error) {
          if (error.name !== "NoModificationAllowedError" || tries > 50) throw error;
          await new Promise((wake) => setTimeout(wake, 200));
        }
      }
    }
    return null;
  }
  for (const name of await caches.keys()) {
    if (!name.startsWith(where)) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (!new URL(request.url).pathname.endsWith("/" + file)) continue;
      const response = await cache.match(request);
      const bytes = new Uint8Array(await response.arrayBuffer());
      await cache.put(request, new Response(spoil(bytes), { headers: response.headers }));
      return request.url;
    }
  }
  return null;
}"""

KEPT = """async () => {
  const names = [];
  for await (const n of (await navigator.storage.getDirectory()).keys()) names.push(n);
  const runtime = (await (await caches.open("hsp-runtime")).keys()).map((r) => r.url);
  return { opfs: names.filter((n) => n.startsWith("hsp-snapshot-")), runtime };
}"""


def settled(page: Any) -> dict[str, list[str]]:
    """What is stored once the work after the first answer is done: the snapshot in OPFS,
    the zips in Cache Storage."""
    kept: dict[str, list[str]] = {}
    for _ in range(150):
        kept = page.evaluate(KEPT)
        whole = [n for n in kept["opfs"] if not n.endswith(".part")]  # a reload may cut one
        if (len(whole) == 1
                and any("python_stdlib.zip" in u for u in kept["runtime"])):
            return kept
        page.wait_for_timeout(200)
    raise AssertionError(f"the runtime was not kept: {kept}")


STORED = [  # (where, file, how)
    ("hsp-runtime", "pyodide.asm.wasm.gz", "garbage"),
    ("hsp-runtime", "pyodide.asm.wasm.gz", "empty"),
    ("hsp-runtime", "pydantic_core.so.gz", "garbage"),
    ("hsp-runtime", "python_stdlib.zip", "garbage"),
    ("hsp-site-", "main.mjs", "garbage"),
    ("hsp-site-", "worker.mjs", "empty"),
    ("hsp-site-", "files.mjs", "garbage"),
    ("hsp-site-", "pyodide.asm.mjs", "garbage"),
    ("opfs", "", "garbage"),
    ("opfs", "", "empty"),
]
# Under no-cache, one of each kind of store: the wasm in Cache Storage, a module the service
# worker cached, the OPFS snapshot.
REPRESENTATIVE = [STORED[0], STORED[4], STORED[8]]
MODES = pytest.mark.parametrize("max_age", [False, True], ids=["no-cache", "max-age=600"])


@pytest.mark.parametrize(("max_age", "damages"), [(False, REPRESENTATIVE), (True, STORED)],
                         ids=["no-cache", "max-age=600"])
def test_each_stored_file_damaged_in_turn_still_answers(
    browser: Any, site_dir: Path, max_age: bool, damages: list[tuple[str, str, str]]
) -> None:
    """Each stored copy damaged in turn: the next load answers (the start deletes what it
    took from storage and starts again from the network), and so does the one after, from a
    healed store."""
    context = browser.new_context()
    try:
        page = context.new_page()
        logged: list[str] = []
        page.on("console", lambda m: logged.append(f"{m.type}: {m.text[:300]}"))
        with start_server(site_dir, "/hsp/", max_age=max_age) as site:
            page.goto(site.url + LINK)
            answers(page)
            page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=30_000)
            settled(page)
            for damage in damages:
                assert page.evaluate(DAMAGE, list(damage)), damage
                for load in ("next", "then"):
                    page.reload()
                    try:
                        answers(page)
                    except Exception as error:
                        state = page.get_attribute(CALC, "data-state")
                        status = page.text_content(".hsp-status__text")
                        raise AssertionError(f"{damage}, {load} load: {state}, {status!r}, "
                                             f"console: {logged[-8:]}") from error
                settled(page)
            assert page.get_attribute(CALC, "data-start") == "snapshot"
    finally:
        context.close()


def test_a_damaged_download_says_reload_and_retry_cures_it(browser: Any, site_dir: Path,
                                                           tmp_path: Path) -> None:
    """A wasm of other bytes from the server: checked, fetched once more past the HTTP cache,
    then a plain message; once the server has the right file, Retry answers, though the HTTP
    cache (max-age=600) still holds the damaged copy."""
    site_copy = tmp_path / "site"
    shutil.copytree(site_dir, site_copy)
    wasm = site_copy / "pyodide" / "pyodide.asm.wasm.gz"
    good = wasm.read_bytes()
    wasm.write_bytes(good[:1000] + bytes(b ^ 0x5a for b in good[1000:5000]) + good[5000:])
    context = browser.new_context()
    try:
        page = context.new_page()
        with start_server(site_copy, "/hsp/", max_age=True) as site:
            page.goto(site.url + LINK)
            text = failed_with(page, "arrived damaged")
            assert "Reload the page" in text
            shot(page, "message-damaged")
            wasm.write_bytes(good)
            page.click(".hsp-retry")
            answers(page)
            page.reload()
            answers(page)
    finally:
        context.close()


@MODES
def test_a_stalled_download_is_stopped_and_the_input_survives(browser: Any, site_dir: Path,
                                                               max_age: bool) -> None:
    """A download that receives nothing more: a message saying to check the connection, with
    a Retry; what was typed meanwhile is in the address at once, so a reload keeps it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        with start_server(site_dir, "/hsp/", max_age=max_age) as site:
            site.stalled.add("pyodide.asm.wasm.gz")
            page.goto(site.url + "calculator/")
            page.get_by_label("Age", exact=True).fill("29")
            assert page.evaluate("location.hash").startswith("#profile=")
            page.reload()
            assert page.get_by_label("Age", exact=True).input_value() == "29"
            text = failed_with(page, "stalled")
            assert "Check your connection" in text
            if not max_age:
                shot(page, "message-stalled")
            site.stalled.clear()
            page.click(".hsp-retry")
            page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=START_TIMEOUT)
            assert page.get_by_label("Age", exact=True).input_value() == "29"
    finally:
        context.close()


@pytest.mark.parametrize("worker", ["", "self.onmessage = () => {};"], ids=["empty", "silent"])
def test_a_start_that_never_answers_gets_the_watchdog(browser: Any, site_url: str,
                                                      worker: str) -> None:
    """A worker that never says anything: after the watchdog's time (shortened here) and one
    fresh attempt, a message and a Retry, which works once the worker does."""
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.add_init_script("self.hspWatchdogMs = 3000;")
        route = "**/calculator/worker.mjs*"
        context.route(route, lambda r: r.fulfill(body=worker, content_type="text/javascript"))
        page.goto(site_url + LINK)
        text = failed_with(page, "stopped answering")
        assert "Retry" in text
        shot(page, f"message-watchdog-{'empty' if not worker else 'silent'}")
        context.unroute(route)
        page.click(".hsp-retry")
        answers(page)
    finally:
        context.close()


def test_two_tabs_opened_together_both_answer_and_keep_one_copy(browser: Any,
                                                                 site_url: str) -> None:
    """Two tabs starting at once each write the snapshot to OPFS under a name of their own:
    neither deletes the other's half-written copy, and one whole copy is left, no .part."""
    context = browser.new_context()
    try:
        pages = [context.new_page(), context.new_page()]
        for page in pages:
            page.goto(site_url + LINK, wait_until="commit")
        for page in pages:
            answers(page)
        settled(pages[0])
        for _ in range(100):  # the other tab's write finishes, and leaves no .part behind
            kept = pages[0].evaluate(KEPT)
            if len(kept["opfs"]) == 1:
                break
            pages[0].wait_for_timeout(200)
        assert len(kept["opfs"]) == 1 and not kept["opfs"][0].endswith(".part"), kept
        for page in pages:
            page.reload()
            answers(page)
            assert page.get_attribute(CALC, "data-start") == "snapshot"
    finally:
        context.close()


def test_with_cache_storage_refused_it_still_answers(browser: Any, site_url: str) -> None:
    """Cache Storage refused (some private modes): every visit downloads, and answers."""
    context = browser.new_context(service_workers="block")
    refuse = ("CacheStorage.prototype.open = () => "
              "Promise.reject(new DOMException('refused in this test', 'SecurityError'));\n")

    def refused(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=refuse + response.text())

    try:
        page = context.new_page()
        context.route("**/calculator/worker.mjs*", refused)
        page.add_init_script(refuse)
        page.goto(site_url + LINK)
        answers(page)
        page.reload()
        answers(page)
    finally:
        context.close()


QUOTA = 5 * 1024 * 1024


@MODES
def test_with_storage_full_it_still_answers_and_shows_no_error(browser: Any, site_dir: Path,
                                                                max_age: bool) -> None:
    """A quota of 5 MB, far below the runtime's 29 MB: nothing big can be kept (OPFS and Cache
    Storage both refuse), yet the first visit and a reload answer, with no error shown."""
    context = browser.new_context()
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        with start_server(site_dir, "/hsp/", max_age=max_age) as site:
            context.new_cdp_session(page).send("Storage.overrideQuotaForOrigin", {
                "origin": site.url.removesuffix("/hsp/"), "quotaSize": QUOTA})
            page.goto(site.url + LINK)
            answers(page)
            page.wait_for_timeout(1000)  # the keeping after the first answer, refused
            page.reload()
            answers(page)
            page.wait_for_timeout(1000)
            assert not page.is_visible(".hsp-retry")
            # The quota held, about (estimate() reports the unmodified quota): nothing big kept.
            assert page.evaluate("navigator.storage.estimate()")["usage"] < 2 * QUOTA
            assert not page.evaluate(KEPT)["opfs"]
        assert not problems, problems
    finally:
        context.close()
