"""Every page carries a Content-Security-Policy (scripts/buildlib/csp.py), and nothing on the
home page, a guide page or the calculator (empty, with a result, from the snapshot and the
standard way) breaks it: any `securitypolicyviolation` fails, and so does any "Refused to"
console error. The worker is not under the page's <meta> policy (a worker started from a URL
takes its policy from its own response); it is tested here under buildlib.csp.WORKER_POLICY as
a header, which is how we know Pyodide needs 'wasm-unsafe-eval' and not 'unsafe-eval'.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from buildlib import csp
from buildlib.server import start_server

CALC = "[data-testid=calculator]"
START_TIMEOUT = 90_000  # cold start of Pyodide on a busy 2-core machine
PROFILE = {"age": 31, "education": "master", "experience_years": 6, "annual_salary_jpy": 7500000}
# Records every violation on the page, from before any of its scripts runs.
LISTEN = """
self.hspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => self.hspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


def _fragment(profile: object) -> str:
    raw = json.dumps(profile, separators=(",", ":")).encode()
    return "#profile=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@contextmanager
def _watched(browser: Any, **options: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page in a fresh context, and the violations and refusals seen on it so far."""
    context = browser.new_context(**options)
    context.add_init_script(LISTEN)
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda m: (
            refused.append(m.text)
            if "Content Security Policy" in m.text or m.text.startswith("Refused to")
            else None
        ),
    )
    try:
        yield page, refused
    finally:
        context.close()


def _problems(page: Any, refused: list[str]) -> list[str]:
    return [*page.evaluate("self.hspViolations"), *refused]


def test_every_page_has_the_policy_with_each_inline_script_hashed(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        text = path.read_text()
        found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
        assert len(found) == 1, path
        policy = found[0]
        # First in <head> after the charset: it applies only to what comes after it.
        assert text.index(found[0]) < text.index("<script"), path
        assert policy.startswith("default-src 'self'; script-src 'self' "), path
        assert "unsafe-eval" not in policy and "http" not in policy, path
        hashes = csp.inline_hashes(text.replace(found[0], ""))
        assert hashes and all(h in policy for h in hashes), path


@pytest.mark.parametrize("path", ["", "salary-and-age/", "calculator/"])
def test_pages_run_without_a_violation(browser: Any, site_url: str, path: str) -> None:
    with _watched(browser) as (page, refused):
        page.goto(site_url + path)
        if path == "calculator/":  # empty (the form's errors need the runtime), then a result
            page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=START_TIMEOUT)
            page.fill("#hsp-age", "31")
            page.select_option("#hsp-education", "master")
            page.fill("#hsp-experience_years", "6")
            page.fill("#hsp-annual_salary_jpy", "7500000")
            page.wait_for_selector(f"{CALC}[data-state=ready]", timeout=START_TIMEOUT)
        else:
            page.wait_for_load_state("load")
        page.wait_for_timeout(1000)  # what runs after load: Material's bundle, the service worker
        assert _problems(page, refused) == []


@pytest.fixture(scope="module")
def headed_site(site_dir: Path) -> Iterator[str]:
    """The site served with WORKER_POLICY as the workers' header."""
    with start_server(site_dir, "/hsp/", worker_csp=csp.WORKER_POLICY) as server:
        yield str(server.url)


def snapshot_route(site_dir: Path) -> re.Pattern[str]:
    name = json.loads((site_dir / "pyodide" / "manifest.json").read_text())["snapshot"]["file"]
    return re.compile(rf".*/pyodide/{re.escape(name)}(\?.*)?$")


@pytest.mark.parametrize("start", ["snapshot", "standard"])
def test_the_calculator_answers_under_the_workers_policy(
    browser: Any, site_dir: Path, headed_site: str, start: str
) -> None:
    with _watched(browser, service_workers="block") as (page, refused):
        if start == "standard":  # no snapshot: the worker falls back to the standard start
            page.context.route(snapshot_route(site_dir), lambda route: route.abort())
        page.goto(headed_site + "calculator/" + _fragment(PROFILE))
        page.wait_for_selector(f"{CALC}[data-state=ready]", timeout=START_TIMEOUT)
        assert page.get_attribute(CALC, "data-start") == start
        assert page.is_visible("[data-testid=category-used] .hsp-score__total")
        assert _problems(page, refused) == []


def test_the_worker_needs_wasm_unsafe_eval(browser: Any, site_dir: Path) -> None:
    """Without it Pyodide cannot compile its wasm: the header really reaches the worker, and
    the policy above allows no more than the start needs."""
    strict = csp.WORKER_POLICY.replace(" 'wasm-unsafe-eval'", "")
    with (
        start_server(site_dir, "/hsp/", worker_csp=strict) as server,
        _watched(browser, service_workers="block") as (page, _),
    ):
        page.add_init_script("self.hspWatchdogMs = 20000")
        page.goto(str(server.url) + "calculator/" + _fragment(PROFILE))
        page.wait_for_selector(f"{CALC}[data-state=error]", timeout=START_TIMEOUT)
