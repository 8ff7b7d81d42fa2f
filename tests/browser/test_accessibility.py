"""axe-core (pinned in package-lock.json) on every page of the built site, in light and dark, at
phone and desktop width, on the search dialog with results, and on the calculator empty, with
a result and with field errors.
A serious or critical violation fails; the message lists each rule with its impact and the first
nodes it hit. Then what axe cannot see: the calculator's buttons are 44 px square on a phone,
and a screen reader hears each new verdict in one line.

One browser context per scheme and width, reused by every page in it, so the calculator's
runtime starts four times per run. The two calculator checks come first, on the first context.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CALC = "[data-testid=calculator]"
START_TIMEOUT = 90_000  # a cold start of Pyodide on a busy 2-core machine
STEP_TIMEOUT = 15_000
FAILING = ("serious", "critical")
SHOWN_NODES = 3

SCHEMES = {"light": "light", "dark": "dark"}  # the palette follows the system setting by default
VIEWS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
# A result, and a profile the form rejects (an age under 15) so that errors show.
RESULT = {"age": 33, "education": "master", "experience_years": 7,
          "annual_salary_jpy": 8000000, "japanese_level": "n1"}
INVALID = {**RESULT, "age": 12}
CALCULATOR = ["calculator/ (empty)", "calculator/ (result)", "calculator/ (errors)"]
SEARCH = "search (results)"


def site_pages() -> list[str]:
    """Every page of the built site but the calculator, as paths under the site root, and the
    page the host serves for a missing one."""
    site = ROOT / "public"
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
                   if not p.relative_to(site).as_posix().startswith("assets/"))
    return [("" if p == "." else p + "/") for p in pages if p != "calculator"] + ["404.html"]


def fragment(profile: dict[str, Any]) -> str:
    raw = json.dumps(profile, separators=(",", ":")).encode()
    return "#profile=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


CASES = [(scheme, view, target) for scheme in SCHEMES for view in VIEWS
         for target in [*site_pages(), SEARCH, *CALCULATOR]]


class Views:
    """The open context for one scheme and width; opening another closes it."""

    def __init__(self, browser: Any, site_url: str) -> None:
        self.browser, self.site_url = browser, site_url
        self.key: tuple[str, str] | None = None
        self.context: Any = None
        self.guide: Any = None
        self.calc: Any = None
        self.calc_fresh = False  # the calculator page shows the empty form it opened with

    def open(self, scheme: str, view: str) -> None:
        if self.key == (scheme, view):
            return
        self.close()
        self.key = (scheme, view)
        # bypass_csp: axe is injected as an inline <script>, which the site's policy refuses
        # (tests/browser/test_csp.py checks the policy).
        self.context = self.browser.new_context(color_scheme=SCHEMES[scheme], bypass_csp=True,
                                                **VIEWS[view])
        self.guide = self.context.new_page()
        self.calc = None

    def calculator(self) -> Any:
        if self.calc is None:
            self.calc = self.context.new_page()
            self.calc.goto(self.site_url + "calculator/")
            # An empty form is "invalid" (required fields): the runtime has answered.
            self.calc.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=START_TIMEOUT)
            self.calc_fresh = True
        return self.calc

    def close(self) -> None:
        if self.context is not None:
            self.context.close()
        self.context = None


@pytest.fixture(scope="module")
def views(browser: Any, site_url: str) -> Iterator[Views]:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}): package.json pins it; run npm ci")
    v = Views(browser, site_url)
    yield v
    v.close()


def show_calculator(views: Views, site_url: str, state: str) -> Any:
    """The calculator page of the open context, empty, with a result or with errors. A link to
    the same page applies its #profile= without reloading; the state is cleared first, so the
    state waited for is this link's."""
    page = views.calculator()
    if state == "empty" and views.calc_fresh:
        return page
    views.calc_fresh = False
    page.evaluate("""(calc) => {
      history.replaceState(history.state, "", location.pathname + location.search);
      document.querySelector(calc).removeAttribute("data-state");
    }""", CALC)
    if state == "empty":
        page.click(".hsp-form [type=reset]")
        page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=STEP_TIMEOUT)
    elif state == "result":
        page.goto(site_url + "calculator/" + fragment(RESULT))
        page.wait_for_selector(f"{CALC}[data-state=ready]", timeout=STEP_TIMEOUT)
        page.wait_for_selector("[data-testid=total-a]", state="visible", timeout=STEP_TIMEOUT)
    else:
        page.goto(site_url + "calculator/" + fragment(INVALID))
        page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=STEP_TIMEOUT)
        page.wait_for_function(
            "() => document.querySelector('#hsp-age-error').textContent.trim() !== ''",
            timeout=STEP_TIMEOUT)
    return page


def show_search(page: Any, site_url: str) -> None:
    """The search dialog, opened from the keyboard, with the results for a word."""
    page.goto(site_url)
    page.wait_for_function("""() => !document.querySelector(".md-search-result__meta")
      .textContent.includes("Initializing")""", timeout=STEP_TIMEOUT)  # the index has loaded
    page.keyboard.press("/")
    page.keyboard.type("salary")
    page.wait_for_selector(".md-search-result__item", timeout=STEP_TIMEOUT)


def axe(page: Any) -> list[dict[str, Any]]:
    # Half-faded colours are no one's: Material fades its back-to-top button in and out as the
    # page scrolls (from the frame after a scroll on).
    page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_function(
        "() => !document.getAnimations().some((a) => a instanceof CSSTransition)",
        timeout=STEP_TIMEOUT)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate("""async () => {
      const r = await axe.run(document, {resultTypes: ["violations"]});
      return r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map((n) => n.target.join(" "))}));
    }""")
    return found


def report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        shown = "; ".join(v["targets"][:SHOWN_NODES])
        more = len(v["targets"]) - SHOWN_NODES
        lines.append(f"  {v['id']} ({v['impact']}, {len(v['targets'])} nodes): {v['help']}\n"
                     f"    {shown}" + (f" … and {more} more" if more > 0 else ""))
    return "\n".join(lines)


def test_calculator_buttons_are_44px_square_on_a_phone(views: Views, site_url: str) -> None:
    views.open(*CASES[0][:2])  # light phone, as the axe cases that follow
    page = show_calculator(views, site_url, "result")
    sizes = page.evaluate("""() => [...document.querySelectorAll(
        ".hsp-calc :is(.hsp-try, .md-button)")].filter((b) => b.offsetParent)
        .map((b) => [b.textContent.trim(), b.offsetWidth, b.offsetHeight])""")
    assert any(label == "Try it" for label, _, _ in sizes), sizes  # the result has suggestions
    small = [s for s in sizes if min(s[1], s[2]) < 44]
    assert not small, f"buttons under 44 px on a phone: {small}"


def test_screen_readers_hear_each_verdict_in_one_line(views: Views, site_url: str) -> None:
    views.open(*CASES[0][:2])
    live = ".hsp-results p.hsp-sr[aria-live=polite]"
    page = show_calculator(views, site_url, "errors")
    assert page.text_content(live) == ""  # the field errors are said by the message instead
    page = show_calculator(views, site_url, "result")
    totals = [page.text_content(f"[data-testid=total-{c}]") for c in "abc"]
    page.wait_for_function(f"() => document.querySelector({live!r}).textContent !== ''",
                           timeout=STEP_TIMEOUT)
    line = page.text_content(live) or ""
    assert line.startswith(f"Your points: (a) {totals[0]}, "), line
    assert f"(b) {totals[1]}, " in line and f"(c) {totals[2]}, " in line, line
    assert "qualifies" in line and "\n" not in line, line


@pytest.mark.parametrize(("scheme", "view", "target"), CASES,
                         ids=[f"{s}-{v}-{t.rstrip('/') or 'home'}" for s, v, t in CASES])
def test_no_serious_axe_violations(views: Views, site_url: str, scheme: str, view: str,
                                   target: str) -> None:
    views.open(scheme, view)
    if target in CALCULATOR:
        page = show_calculator(views, site_url, target.split("(")[1].rstrip(")"))
        # At the end of the page the scoreboard rests in its place. Elsewhere it floats over
        # whichever control is at the bottom of the screen, partly hiding it (axe's target-size),
        # and which control that is depends on the scroll position and the page's text.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    elif target == SEARCH:
        page = views.guide
        show_search(page, site_url)
    else:
        page = views.guide
        page.goto(site_url + target)
    failing = [v for v in axe(page) if v["impact"] in FAILING]
    if failing:
        pytest.fail(f"axe on {target} ({scheme}, {view}):\n{report(failing)}", pytrace=False)
