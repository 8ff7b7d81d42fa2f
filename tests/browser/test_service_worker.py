"""The site's service worker across a deployment: the new version replaces the old one's cache.

(Offline use and repeat visits are covered with the calculator in test_calculator.py.)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from buildlib.server import start_server

CACHES = "caches.keys().then((names) => names.filter((n) => n.startsWith('hsp-site-')))"
NEW = "0123456789abcdef"


def version(site: Path) -> str:
    found = re.search(r'^const VERSION = "(\w+)";$', (site / "sw.js").read_text(), re.M)
    assert found, "scripts/build did not fill in sw.js"
    return found.group(1)


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
