"""Shared fixtures for the browser tests: the built site served under a sub-path, and Chromium.

* ``site_dir``   the built site (``public/``, made by ``scripts/build``); the tests are skipped
                 with a clear reason if it is missing. ``HSP_SITE_DIR`` overrides the folder.
* ``site``       a ``buildlib.server.StaticServer`` serving it at ``http://127.0.0.1:PORT/hsp/``
                 (a free port, like a GitHub Pages project site); ``site.url`` ends in ``/``.
* ``site_url``   the same URL as a string.
* ``browser``    headless Debian Chromium driven by Playwright (``HSP_CHROMIUM`` overrides the
                 executable; Playwright's own browser download is not used).
* ``new_context`` a factory for fresh browser contexts (``new_context(viewport=..., ...)``),
                 closed after the test; ``context`` and ``page`` are the default ones.
* ``offsite_requests`` every request made by this test's contexts to anything but the served
                 site; the site must work offline, so most tests assert it stays empty.
* ``profile_context`` a context on a fresh profile folder, as a real visitor's browser has:
                 its caches are on disk (in-memory contexts keep no code cache, for one).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE_DIR = Path(os.environ.get("HSP_SITE_DIR", ROOT / "public"))
SITE_PREFIX = "/hsp/"
CHROMIUM = os.environ.get("HSP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}

try:
    from buildlib.server import StaticServer, start_server
except ImportError:  # scripts/ is put on the path by .venv's hsp_buildlib.pth; not in other envs
    sys.path.insert(0, str(ROOT / "scripts"))
    from buildlib.server import StaticServer, start_server


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE_DIR / "index.html").is_file():
        pytest.skip(f"the built site is missing ({SITE_DIR}/index.html): run scripts/build first")
    return SITE_DIR


@pytest.fixture(scope="session")
def site(site_dir: Path) -> Iterator[StaticServer]:
    with start_server(site_dir, SITE_PREFIX) as server:
        yield server


@pytest.fixture(scope="session")
def site_url(site: StaticServer) -> str:
    return str(site.url)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set HSP_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def offsite_requests() -> list[str]:
    return []


@pytest.fixture
def new_context(
    browser: Any, site_url: str, offsite_requests: list[str]
) -> Iterator[Callable[..., Any]]:
    """Factory for fresh contexts; keyword arguments go to ``browser.new_context``."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("viewport", DESKTOP)
        ctx = browser.new_context(**options)

        def record(request: Any) -> None:
            url = request.url
            if not url.startswith(site_url) and not url.startswith(("data:", "blob:")):
                offsite_requests.append(url)

        ctx.on("request", record)
        contexts.append(ctx)
        return ctx

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def context(new_context: Callable[..., Any]) -> Any:
    return new_context()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture
def profile_context(browser: Any, tmp_path: Path) -> Iterator[Any]:
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        viewport=DESKTOP)
    try:
        yield context
    finally:
        context.close()
