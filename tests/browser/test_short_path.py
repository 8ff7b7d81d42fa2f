"""The short path (#16): the calculator opens with the questions most people need, the rest
under "More ways to score"; the result stays in view as one types; the home page leads to it.
Screenshots of each view go to .cache/screenshots/short/.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".cache" / "screenshots" / "short"
CALC = "[data-testid=calculator]"
START_TIMEOUT = 90_000  # cold start of Pyodide on a busy 2-core machine
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHORT = ["category", "age", "education", "experience_years", "annual_salary_jpy",
         "japanese_level", "listed_university"]
ENGINEER = {"age": 31, "education": "master", "experience_years": 6,
            "annual_salary_jpy": 7_500_000, "japanese_level": "n2"}


def link(profile: dict[str, Any]) -> str:
    raw = json.dumps(profile, separators=(",", ":")).encode()
    return "#profile=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def open_calculator(new_context: Any, site_url: str, viewport: dict[str, int],
                    profile: dict[str, Any] | None = None, scheme: str = "light") -> Any:
    page = new_context(viewport=viewport, color_scheme=scheme).new_page()
    page.goto(site_url + "calculator/" + (link(profile) if profile else ""))
    state = "ready" if profile else "invalid"  # an empty form misses required answers
    page.wait_for_selector(f"{CALC}[data-state={state}]", timeout=START_TIMEOUT)
    return page


def box(page: Any, selector: str) -> dict[str, float]:
    value: dict[str, float] = page.locator(selector).first.bounding_box()
    assert value is not None, f"{selector} is not shown"
    return value


def test_the_first_questions_are_the_short_set(new_context: Any, site_url: str) -> None:
    page = open_calculator(new_context, site_url, DESKTOP)
    shown = page.evaluate(
        "() => [...document.querySelectorAll('.hsp-form [data-field]')]"
        ".filter((f) => f.checkVisibility()).map((f) => f.dataset.field)")
    assert shown == SHORT
    more = page.locator("details.hsp-more-ways")
    assert more.get_attribute("open") is None
    assert more.locator("summary", has_text="More ways to score").is_visible()


def test_a_link_using_a_further_field_opens_more_ways(new_context: Any, site_url: str) -> None:
    page = open_calculator(new_context, site_url, DESKTOP,
                           {**ENGINEER, "employer_is_sme": True})
    assert page.locator("details.hsp-more-ways").get_attribute("open") == ""
    assert page.locator("#hsp-employer_is_sme").is_visible()
    # A link with the short set only leaves it closed.
    short_only = open_calculator(new_context, site_url, DESKTOP, ENGINEER)
    assert short_only.locator("details.hsp-more-ways").get_attribute("open") is None


def test_on_a_desktop_the_result_is_beside_the_form(new_context: Any, site_url: str) -> None:
    page = open_calculator(new_context, site_url, DESKTOP, ENGINEER)
    form, results = box(page, ".hsp-form"), box(page, ".hsp-results")
    assert results["x"] >= form["x"] + form["width"]  # its own column, to the right
    assert results["y"] < DESKTOP["height"]  # on the first screen
    # Typing far down the form: the result is still on screen.
    page.locator("details.hsp-more-ways > summary").click()
    page.locator("#hsp-employer_is_sme").scroll_into_view_if_needed()
    page.locator("#hsp-employer_is_sme").check()
    page.wait_for_selector(f"{CALC}[data-state=ready]", timeout=START_TIMEOUT)
    after = box(page, ".hsp-results")
    assert 0 <= after["y"] < DESKTOP["height"] / 2


def test_on_a_phone_the_totals_bar_sticks_without_covering_the_field(
    new_context: Any, site_url: str
) -> None:
    page = open_calculator(new_context, site_url, PHONE, ENGINEER)
    mini = page.locator(".hsp-mini")
    assert mini.is_visible()
    page.locator("details.hsp-more-ways > summary").click()
    for name in ("jica_training", "employer_is_sme", "listed_university"):
        page.focus(f"#hsp-{name}")
        page.keyboard.press("Space")  # typing into it
        page.wait_for_timeout(100)
        field, bar = box(page, f"#hsp-{name}"), box(page, ".hsp-mini")
        assert bar["y"] + bar["height"] <= PHONE["height"] + 1  # stuck on screen
        assert field["y"] + field["height"] <= bar["y"], name  # the field is above it
        assert field["y"] >= 0


def test_buttons_are_44_px_on_a_phone(new_context: Any, site_url: str) -> None:
    page = open_calculator(new_context, site_url, PHONE, ENGINEER)
    page.wait_for_selector(".hsp-try", timeout=START_TIMEOUT)
    for selector in (".hsp-try", "details.hsp-more-ways > summary", ".hsp-form [type=reset]"):
        b = box(page, selector)
        assert b["height"] >= 44 and b["width"] >= 44, (selector, b)


def test_the_home_page_shows_the_calculator_above_the_fold(
    new_context: Any, site_url: str
) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto(site_url)
    button = page.locator(".md-content a.md-button[href$='calculator/']").first
    b = box(page, ".md-content a.md-button[href$='calculator/']")
    assert b["y"] + b["height"] <= PHONE["height"] and b["height"] >= 44
    button.click()
    page.wait_for_selector(CALC)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots(new_context: Any, site_url: str, scheme: str, width: int) -> None:
    """Empty form, a result, the home page; for a person to look at (each must be shown)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    view = PHONE if width == 390 else DESKTOP
    empty = open_calculator(new_context, site_url, view, scheme=scheme)
    empty.screenshot(path=str(SHOTS / f"empty-{width}-{scheme}.png"))
    result = open_calculator(new_context, site_url, view, ENGINEER, scheme=scheme)
    if width == 390:  # typing on a phone: the totals bar under the field
        result.locator("#hsp-annual_salary_jpy").focus()
    result.screenshot(path=str(SHOTS / f"result-{width}-{scheme}.png"))
    home = new_context(viewport=view, color_scheme=scheme).new_page()
    home.goto(site_url)
    home.screenshot(path=str(SHOTS / f"home-{width}-{scheme}.png"))
    assert home.locator(".md-content a.md-button").first.is_visible()
