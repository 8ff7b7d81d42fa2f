"""axe-core (pinned in package-lock.json) on every page of the built site, in light and dark, at
phone and desktop width, and on the calculator empty, with a result and with field errors.

A serious or critical violation fails; the message lists each rule with its impact and the first
nodes it hit. One browser context per scheme and width, reused by every page in it, so the
calculator's runtime starts four times per run.
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
         for target in [*site_pages(), *CALCULATOR]]


class Views:
    """The open context for one scheme and width; opening another closes it."""

    def __init__(self, browser: Any, site_url: str) -> None:
        self.browser, self.site_url = browser, site_url
        self.key: tuple[str, str] | None = None
        self.context: Any = None
        self.guide: Any = None
        self.calc: Any = None

    def open(self, scheme: str, view: str) -> None:
        if self.key == (scheme, view):
            return
        self.close()
        self.key = (scheme, view)
        self.context = self.browser.new_context(color_scheme=SCHEMES[scheme], **VIEWS[view])
        self.guide = self.context.new_page()
        self.calc = None

    def calculator(self) -> Any:
        if self.calc is None:
            self.calc = self.context.new_page()
            self.calc.goto(self.site_url + "calculator/")
            # An empty form is "invalid" (required fields): the runtime has answered.
            self.calc.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=START_TIMEOUT)
        return self.calc

    def close(self) -> None:
        if self.context is not None:
            self.context.close()
        self.context = None


@pytest.fixture(scope="module")
def views(browser: Any, site_url: str) -> Iterator[Views]:
    if not AXE.is_file():
        pytest.skip(f"axe-core is missing ({AXE}): run npm ci")
    v = Views(browser, site_url)
    yield v
    v.close()


def show_calculator(page: Any, site_url: str, target: str) -> None:
    """Puts the calculator in the state the target names, from the module's open page."""
    state = target.split("(")[1].rstrip(")")
    if state == "empty":
        return  # the page was just opened with an empty form; the cases below come after it
    page.evaluate("""(calc) => {
      history.replaceState(history.state, "", location.pathname + location.search);
      document.querySelector(calc).removeAttribute("data-state");
    }""", CALC)
    if state == "result":
        page.goto(site_url + "calculator/" + fragment(RESULT))
        page.wait_for_selector(f"{CALC}[data-state=ready]", timeout=STEP_TIMEOUT)
        page.wait_for_selector("[data-testid=total-a]", state="visible", timeout=STEP_TIMEOUT)
    else:
        page.goto(site_url + "calculator/" + fragment(INVALID))
        page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=STEP_TIMEOUT)
        page.wait_for_function(
            "document.querySelector('#hsp-age-error').textContent.trim() !== ''",
            timeout=STEP_TIMEOUT)


def axe(page: Any) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate("""async () => {
      const r = await axe.run(document);
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


@pytest.mark.parametrize(("scheme", "view", "target"), CASES,
                         ids=[f"{s}-{v}-{t.rstrip('/') or 'home'}" for s, v, t in CASES])
def test_no_serious_axe_violations(views: Views, site_url: str, scheme: str, view: str,
                                   target: str) -> None:
    views.open(scheme, view)
    if target in CALCULATOR:
        page = views.calculator()
        show_calculator(page, site_url, target)
    else:
        page = views.guide
        page.goto(site_url + target)
    failing = [v for v in axe(page) if v["impact"] in FAILING]
    assert not failing, f"axe on {target} ({scheme}, {view}):\n{report(failing)}"
