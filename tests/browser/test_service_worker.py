"""The site's service worker across a deployment: the new version replaces the old one's cache,
pages and calculator agree on the new build after one navigation (also with GitHub Pages'
max-age=600 and offline), and a page left open says it is out of date.

(Offline use and repeat visits are covered with the calculator in test_calculator.py.)
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from buildlib import csp
from buildlib.server import start_server

SHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots" / "cache"
CALC = "[data-testid=calculator]"
START_TIMEOUT = 90_000

CACHES = "caches.keys().then((names) => names.filter((n) => n.startsWith('hsp-site-')))"
NEW = "0123456789abcdef"


def version(site: Path) -> str:
    found = re.search(r'^const VERSION = "(\w+)";$', (site / "sw.js").read_text(), re.M)
    assert found, "scripts/build did not fill in sw.js"
    return found.group(1)


def build_of(site: Path) -> str:
    build: str = json.loads((site / "build.json").read_text())["build"]
    return build


def page_build(page: Any) -> str:
    build: str = page.evaluate("document.querySelector('meta[name=hsp-build]').content")
    return build


def deploy_v2(site: Path, into: Path) -> str:
    """A copy of the built site as the next build: a new build id everywhere it is written
    (pages, worker.mjs, build.json) and a new service worker version. Returns the new id."""
    old, new = build_of(site), "0123456789ab"
    shutil.copytree(site, into)
    for path in into.rglob("*"):
        if path.suffix in (".html", ".mjs", ".js", ".json") and "pyodide" not in path.parts:
            text = path.read_text()
            if old in text:
                path.write_text(text.replace(old, new))
    refingerprint(into)
    csp.write(into)  # the inline boot script names worker.mjs by its new ?v=: a new hash
    sw = into / "sw.js"
    sw.write_text(sw.read_text().replace(version(site), NEW))
    return new


def refingerprint(site: Path) -> None:
    """Gives each of our files that changed a ?v= of its new content, in every reference, as
    scripts/build would have (a reference that changes changes its file too)."""
    texts = [p for p in site.rglob("*") if p.suffix in (".html", ".mjs", ".js", ".css")
             and "pyodide" not in p.parts]
    while True:
        changed = False
        for path in (site / "assets").rglob("*"):
            if path.suffix not in (".mjs", ".css"):
                continue
            now = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            pattern = re.compile(r"(?<![\w.-])" + re.escape(path.name) + r"\?v=[0-9a-f]{16}")
            for text_file in texts:
                text = text_file.read_text()
                new = pattern.sub(f"{path.name}?v={now}", text)
                if new != text:
                    text_file.write_text(new)
                    changed = True
        if not changed:
            return


def wait_for(page: Any, script: str, timeout_s: float = 20) -> None:
    for _ in range(int(timeout_s * 10)):
        if page.evaluate(script):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


@pytest.mark.parametrize("max_age", [False, True], ids=["no-cache", "max-age=600"])
def test_after_a_deployment_pages_and_calculator_agree_on_the_new_build(
    browser: Any, site_dir: Path, tmp_path: Path, max_age: bool
) -> None:
    v1 = build_of(site_dir)
    v2 = deploy_v2(site_dir, tmp_path / "v2")
    context = browser.new_context()
    try:
        left_open = context.new_page()
        page = context.new_page()
        with start_server(site_dir, "/hsp/", max_age=max_age) as old:
            port = int(old.url.split(":")[2].split("/")[0])
            left_open.goto(old.url + "calculator/")
            left_open.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=START_TIMEOUT)
            assert left_open.get_attribute(CALC, "data-build") == v1
            assert v1 in left_open.text_content(".hsp-status__about")  # the status line's Versions
            wait_for(left_open, "!!navigator.serviceWorker.controller")
            page.goto(old.url + "points-table/")  # in the HTTP cache and the site cache
            assert page_build(page) == v1
        with start_server(tmp_path / "v2", "/hsp/", port=port, max_age=max_age) as deployed:
            page.goto(deployed.url + "points-table/")  # one navigation
            assert page_build(page) == v2
            # The old worker must be idle before the new one activates: a minute on a busy machine.
            wait_for(page, CACHES + f".then((n) => n.join() === 'hsp-site-{NEW}')", 60)
            # The tab left open learns of it and no longer shows its answers as current.
            left_open.wait_for_selector(f"{CALC}[data-state=outdated]", timeout=20_000)
            assert "reload" in left_open.text_content(".hsp-status__text")
            assert left_open.is_hidden(".hsp-results__body")
            SHOTS.mkdir(parents=True, exist_ok=True)
            mode = "max-age" if max_age else "no-cache"
            left_open.screenshot(path=str(SHOTS / f"update-notice-{mode}.png"), full_page=True)
            page.goto(deployed.url + "calculator/")
            page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=START_TIMEOUT)
            assert page.get_attribute(CALC, "data-build") == v2
            assert page_build(page) == v2
        context.set_offline(True)
        for path in ("points-table/", "faq/", "calculator/"):
            page.goto(deployed.url + path)
            assert page_build(page) == v2, path
        page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=START_TIMEOUT)
        assert page.get_attribute(CALC, "data-build") == v2
        missing = page.goto(deployed.url + "no-such-page/")  # the precached 404 page
        assert missing is not None and missing.status == 404
        assert "404" in page.text_content("h1")
    finally:
        context.close()


def test_a_new_deployment_replaces_the_old_site_cache(
    browser: Any, site_dir: Path, tmp_path: Path
) -> None:
    new = tmp_path / "site"
    shutil.copytree(site_dir, new)
    sw = new / "sw.js"
    sw.write_text(sw.read_text().replace(version(site_dir), NEW))
    context = browser.new_context()
    try:
        page = context.new_page()
        with start_server(site_dir, "/hsp/") as old:
            port = int(old.url.split(":")[2].split("/")[0])
            page.goto(old.url + "faq/")
            page.evaluate("navigator.serviceWorker.ready")
            assert page.evaluate(CACHES) == [f"hsp-site-{version(site_dir)}"]
        with start_server(new, "/hsp/", port=port) as deployed:  # same origin, new files
            page.goto(deployed.url + "faq/")  # the browser checks sw.js: it changed
            for _ in range(100):  # install, then activate, which drops the old cache
                if page.evaluate(CACHES) == [f"hsp-site-{NEW}"]:
                    break
                page.wait_for_timeout(100)
            assert page.evaluate(CACHES) == [f"hsp-site-{NEW}"]
    finally:
        context.close()


def test_a_repeat_visit_takes_styles_and_scripts_from_the_cache(
    browser: Any, site_dir: Path
) -> None:
    """Every style and script URL names its content (Material's main.<hash>.min.css, our
    guide.css?v=<hash>), so a controlled reload asks the network for the page alone."""
    context = browser.new_context()
    try:
        page = context.new_page()
        with start_server(site_dir, "/hsp/") as site:
            page.goto(site.url + "faq/")
            page.evaluate("navigator.serviceWorker.ready")
            page.reload()  # now controlled by the service worker
            page.wait_for_load_state("load")
            seen = len(site.traffic)
            page.reload()
            page.wait_for_load_state("load")
            asked = [s.path for s in site.traffic[seen:]]
        assert "/hsp/faq/" in asked, asked  # network first: a new deployment shows at once
        assert not [p for p in asked if re.search(r"\.(css|m?js)(\?|$)", p)], asked
    finally:
        context.close()


def test_a_repeat_visit_compiles_pyodide_from_its_code_cache(
    profile_context: Any, site_dir: Path
) -> None:
    """Pyodide's pyodide.asm.mjs (1.25 MB of JavaScript) is cached by the service worker at
    install and served from there, which gives it Chromium's code cache, written during the
    first visit (code-cache.mjs): the next visit's worker compiles it from that cache instead of
    from source (98 ms here)."""
    page = profile_context.pages[0]
    cached = """async () => {
      const site = (await caches.keys()).find((n) => n.startsWith('hsp-site-'));
      return !!site && (await (await caches.open(site)).keys())
        .some((r) => r.url.includes('/pyodide/pyodide.asm.mjs?v='));
    }"""
    events: list[dict[str, Any]] = []
    done: list[bool] = []
    with start_server(site_dir, "/hsp/") as site:
        page.goto(site.url + "calculator/")
        page.wait_for_selector("[data-testid=calculator][data-code-cache=written]",
                               state="attached", timeout=60_000)
        assert page.evaluate(cached)
        cdp = profile_context.new_cdp_session(page)
        cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
        cdp.on("Tracing.tracingComplete", lambda e: done.append(True))
        cdp.send("Tracing.start", {"transferMode": "ReportEvents", "traceConfig": {
            "includedCategories": ["v8", "disabled-by-default-v8.compile"]}})
        page.reload()
        page.wait_for_selector("[data-testid=calculator][data-state=invalid]", timeout=60_000)
        cdp.send("Tracing.end")
        for _ in range(100):
            if done:
                break
            page.wait_for_timeout(100)
    data = [e["args"].get("data", {}) for e in events if e.get("name") == "v8.compileModule"]
    compiles = [d for d in data if "/pyodide/pyodide.asm.mjs" in d.get("url", "")]
    assert compiles, "no compile of pyodide.asm.mjs was traced"
    assert all(d.get("consumedCacheSize", 0) > 0 for d in compiles), compiles


STORED = """async () => {
  const name = (await caches.keys()).find((n) => n.startsWith('hsp-site-'));
  if (!name) return [];
  return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
}"""
OTHER_LANGUAGES = ("/hsp/ja/", "/hsp/zh/", "/hsp/zh-TW/")


def test_a_visit_precaches_its_own_language_and_a_new_language_once_visited(
    browser: Any, site_dir: Path
) -> None:
    """Issue #19: an English reader's install fetches the English pages, not the other three
    languages' (nor the calculator's modules, on a guide page); a Japanese page, opened later,
    has the Japanese pages precached, so they open offline without a visit."""
    context = browser.new_context()
    try:
        page = context.new_page()
        with start_server(site_dir, "/hsp/") as site:
            page.goto(site.url + "faq/")
            wait_for(page, "() => !!navigator.serviceWorker.controller")  # installed, claimed
            stored = page.evaluate(STORED)
            assert {"/hsp/", "/hsp/points-table/", "/hsp/404.html",
                    "/hsp/search/search_index.json"} <= set(stored), stored
            assert not [p for p in stored if p.startswith(OTHER_LANGUAGES)], stored
            assert not [p for p in stored if (p.endswith(".mjs") and "/calculator/" in p)
                        or "/pyodide/" in p], stored
            page.goto(site.url + "ja/")
            # Its set fetched whole once the page has loaded (assets/offline.mjs asks).
            wait_for(page, f"async () => (await ({STORED})()).includes('/hsp/hsp-precached/ja')")
            stored = page.evaluate(STORED)
            assert {"/hsp/ja/points-table/", "/hsp/ja/faq/", "/hsp/ja/calculator/"} <= set(stored)
            assert not [p for p in stored if p.startswith(("/hsp/zh/", "/hsp/zh-TW/"))], stored
        context.set_offline(True)
        page.goto(site.url + "ja/points-table/")  # never visited: precached
        assert page.evaluate("document.documentElement.lang") == "ja"
        assert "404" not in page.text_content("h1")
    finally:
        context.close()
