"""The site in other languages (issue #17), in Chromium: the switcher keeps the page and the
calculator's profile, a Japanese query finds the page holding it, and a Japanese page loads
without a console error or a failed request (Material's alternate-sitemap fetches 404'd)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

STEP_TIMEOUT = 60_000
PROFILE = {"age": 31, "education": "master", "experience_years": 6,
           "annual_salary_jpy": 7500000, "japanese_level": "n1"}
FRAGMENT = "#profile=" + base64.urlsafe_b64encode(json.dumps(PROFILE).encode()).decode().rstrip("=")


def switch_to(page: Any, lang: str) -> None:
    """Open the header's language menu and pick `lang`, as a visitor does."""
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f'.md-select__link[hreflang="{lang}"]')


def path_and_hash(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.path, parts.fragment


def test_the_switcher_keeps_the_page_and_the_profile(page: Any, site_url: str) -> None:
    page.goto(site_url + "calculator/" + FRAGMENT)
    page.wait_for_selector("[data-testid=calculator][data-state=ready]", timeout=STEP_TIMEOUT)
    fragment = path_and_hash(page.url)[1]  # as the calculator keeps it, with any &parts
    assert fragment.startswith("profile=")
    switch_to(page, "ja")
    assert path_and_hash(page.url) == (urlsplit(site_url).path + "ja/calculator/", fragment)
    assert page.get_attribute("html", "lang") == "ja"
    page.wait_for_selector("[data-testid=calculator]", timeout=STEP_TIMEOUT)
    fragment = path_and_hash(page.url)[1]
    switch_to(page, "en")
    assert path_and_hash(page.url) == (urlsplit(site_url).path + "calculator/", fragment)


def test_the_switcher_keeps_a_guide_page(page: Any, site_url: str) -> None:
    page.goto(site_url + "ja/what-is-changing/#c3")
    switch_to(page, "en")
    assert path_and_hash(page.url) == (urlsplit(site_url).path + "what-is-changing/", "c3")


@pytest.mark.parametrize(("query", "holder"), [("配偶者", "ja/family/"),
                                               ("経過措置", "ja/what-is-changing/"),
                                               ("永住", "ja/permanent-residence/"),
                                               ("残業", "ja/faq/")])
def test_a_japanese_query_finds_the_page_that_holds_it(page: Any, site_url: str, site_dir: Path,
                                                       query: str, holder: str) -> None:
    page.goto(site_url + "ja/")
    page.wait_for_function("""() => !document.querySelector(".md-search-result__meta")
      .textContent.includes("…")""", timeout=STEP_TIMEOUT)  # the index has loaded
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=STEP_TIMEOUT)
    root = urlsplit(site_url).path
    found = [urlsplit(h).path.removeprefix(root) for h in page.eval_on_selector_all(
        ".md-search-result__link", "links => links.map((a) => a.href)")]
    assert holder in found, found
    # The best match holds the whole term (lunr also offers pages holding a part of it).
    assert query in (site_dir / found[0] / "index.html").read_text(), found


@pytest.mark.parametrize("path", ["ja/", "ja/what-is-changing/", "ja/faq/", "zh/"])
def test_a_page_in_another_language_loads_cleanly(page: Any, site_url: str, path: str,
                                                  offsite_requests: list[str]) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.hover(".md-header__option .md-select")  # Material's alternate handling runs
    page.wait_for_timeout(300)
    assert not problems
    assert not offsite_requests


@pytest.mark.parametrize(("path", "lang", "heading"), [
    ("no-such-page/", "en", "404: page not found"),
    ("ja/no-such-page/", "ja", "404：ページが見つかりません"),
])
def test_the_404_page_speaks_the_language_of_the_address(page: Any, site_url: str, path: str,
                                                         lang: str, heading: str) -> None:
    page.goto(site_url + path)
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("article h1:visible").all_inner_texts() == [heading]
