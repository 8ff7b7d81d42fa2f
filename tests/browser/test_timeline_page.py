"""The calculator's "When can I apply?" part in Chromium (issue 15): dated profiles give the same
earliest filing date, route, look-back totals and HSP (ii) date as `hsp-score timeline --json` on
CPython, whether typed into the form or loaded from a #…&dates= link; bad dates get a message
beside the field that keeps everything typed; the part works by keyboard; the chart has its table.

One page is opened for the module; each case clears the part's state first, so a "ready" seen is
that case's.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from hsp_core.timeline_series import page_json

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = sorted((ROOT / "tests" / "golden" / "timeline").glob("*.json"))
CASES: list[dict[str, Any]] = [
    {"id": p.stem, "profile": (c := json.loads(p.read_text("utf-8")))["profile"],
     "date": c["applications"][0]["date"]} for p in GOLDEN
] + [
    {"id": f"extra-{i}", **c} for i, c in enumerate(
        json.loads((Path(__file__).parent / "timeline_profiles.json").read_text("utf-8")))
]
CALC = "[data-testid=calculator]"
WHEN = ".hsp-when"
START_TIMEOUT = 90_000  # cold start of Pyodide on a busy 2-core machine
STEP_TIMEOUT = 15_000
LISTS = ("salary", "degrees", "japanese_tests", "experience", "national_qualifications",
         "foreign_qualifications", "research_achievements", "employer")


def test_there_are_at_least_ten_profiles() -> None:
    assert len(CASES) >= 10


def encode(value: object) -> str:
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def cli(profile: dict[str, Any], day: str, tmp_path: Path) -> dict[str, Any]:
    """`hsp-score timeline --json` on CPython, reduced to what the page must show."""
    path = tmp_path / "dated.json"
    path.write_text(json.dumps(profile), "utf-8")
    run = subprocess.run([sys.executable, "-m", "hsp_core", "timeline", "--json",
                          "--application-date", day, str(path)],
                         capture_output=True, text=True, check=True)
    t = json.loads(run.stdout)
    e = t["earliest"]
    rows = e["look_back"] if e["date"] else t["look_back"]
    cats = [t["category"]] if t["category"] else ["a", "b", "c"]
    return {
        "earliest": [e["date"] or "", e["route"] or "", e["category"] or ""],
        "look_back": [[r["label"], r["date"], {c: r["totals"][c] for c in cats}] for r in rows],
        "hsp_ii": t["hsp_ii"]["date"] or "",
        "warnings": len(t["warnings"]),
    }


SHOWN = """() => {
  const when = document.querySelector(".hsp-when");
  const e = when.querySelector("[data-testid=earliest]");
  return {
    earliest: [e.dataset.date, e.dataset.route, e.dataset.category],
    look_back: [...when.querySelectorAll("[data-testid=lookback] tr[data-label]")].map((tr) => [
      tr.dataset.label, tr.dataset.date, Object.fromEntries([...tr.querySelectorAll("td[data-c]")]
        .map((td) => [td.dataset.c, Number(td.textContent)]))]),
    hsp_ii: when.querySelector("[data-testid=hsp-ii-date]").dataset.date,
    warnings: when.querySelectorAll(".hsp-when__warnings li").length,
  };
}"""


def cleared(page: Any) -> None:
    page.evaluate("""() => {
      history.replaceState(history.state, "", location.pathname + location.search);
      document.querySelector(".hsp-when").removeAttribute("data-state");
    }""")


def shown(page: Any) -> dict[str, Any]:
    page.wait_for_selector(f"{WHEN}[data-state=ready]", timeout=STEP_TIMEOUT)
    value: dict[str, Any] = page.evaluate(SHOWN)
    return value


@dataclass
class Session:
    page: Any
    problems: list[str] = field(default_factory=list)  # console errors and page errors


@pytest.fixture(scope="module")
def calc(browser: Any, site_url: str) -> Iterator[Session]:
    """The calculator, opened once for the module with an empty main form."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    s = Session(context.new_page())
    s.page.on("console", lambda m: s.problems.append(m.text) if m.type == "error" else None)
    s.page.on("pageerror", lambda e: s.problems.append(str(e)))
    s.page.goto(site_url + "calculator/")
    s.page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=START_TIMEOUT)
    try:
        yield s
    finally:
        context.close()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_link_gives_the_clis_answer(calc: Session, site_url: str, case: dict[str, Any],
                                      tmp_path: Path) -> None:
    page = calc.page
    cleared(page)
    state = {"v": 1, "profile": case["profile"], "date": case["date"]}
    page.goto(f"{site_url}calculator/#dates={encode(state)}")
    assert shown(page) == cli(case["profile"], case["date"], tmp_path)
    assert calc.problems == []


def fill(page: Any, profile: dict[str, Any], day: str) -> None:
    """Types a dated profile into the part, as a person would: the lists grow by their buttons."""
    if not page.is_visible("[data-path=birth_date]"):
        page.click(f"{WHEN} .hsp-when__details summary")
    page.click("text=Start again from the form above")
    form = page.locator(".hsp-when__form")
    for key in ("birth_date", "residence_since"):
        form.locator(f"[data-path={key}]").fill(profile.get(key, ""))
    form.locator("[data-path=category]").select_option(profile.get("category", ""))
    status = "jskip" if "j_skip_since" in profile else "hsp" if "hsp_since" in profile else "none"
    form.locator("#hsp-when-status").select_option(status)
    if status != "none":
        field = "j_skip_since" if status == "jskip" else "hsp_since"
        form.locator(f"[data-path={field}]").fill(profile[field])
    if "hsp_recognised_points" in profile:
        form.locator("[data-path=hsp_recognised_points]").fill(
            str(profile["hsp_recognised_points"]))
    for key in LISTS:
        rows = profile.get(key, [])
        box = form.locator(f"[data-list={key}]")
        while box.locator(".hsp-when__row").count() < len(rows):
            box.locator(".hsp-when__add").click()
        while box.locator(".hsp-when__row").count() > len(rows):
            box.locator(".hsp-when__remove").last.click()
        for i, row in enumerate(rows):
            for field, value in row.items():
                control = form.locator(f'[data-path="{key}[{i}].{field}"]')
                tag = control.evaluate("(el) => el.type")
                if tag == "checkbox":
                    control.set_checked(value)
                elif tag.startswith("select"):
                    control.select_option(value)
                else:
                    control.fill(str(value))
    form.locator("[data-path=application_date]").fill(day)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_form_gives_the_clis_answer(calc: Session, site_url: str, case: dict[str, Any],
                                        tmp_path: Path) -> None:
    page = calc.page
    cleared(page)
    fill(page, case["profile"], case["date"])
    page.wait_for_timeout(50)
    assert shown(page) == cli(case["profile"], case["date"], tmp_path)
    # What the form sends is the profile typed, and the fragment holds it for a reload.
    part = page.evaluate("location.hash").split("&dates=")[-1].removeprefix("#dates=")
    state = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    assert state["date"] == case["date"]
    assert calc.problems == []


def test_the_chart_has_its_points_as_a_table(calc: Session, site_url: str) -> None:
    page = calc.page
    case = CASES[-1]
    cleared(page)
    page.goto(f"{site_url}calculator/#dates="
              + encode({"v": 1, "profile": case["profile"], "date": case["date"]}))
    shown(page)
    answer = json.loads(page_json(json.dumps(case["profile"]), case["date"]))
    c = answer["sheet"]["category"]
    svg = page.locator(f"{WHEN} svg.hsp-chart")
    assert svg.get_attribute("role") == "img" and "earliest filing date" in (
        svg.get_attribute("aria-label") or "")
    rows = page.eval_on_selector_all("[data-testid=chart-table] tbody tr", """(trs) => trs.map(
      (tr) => [tr.dataset.date, Number(tr.children[1].textContent)])""")
    assert rows == [[p["date"], p["totals"][c]] for p in answer["series"]["points"]]
    # The sheet: one row per item of the category's form, and the three totals.
    totals = page.eval_on_selector_all("[data-testid=sheet-total]",
                                       "(tds) => tds.map((td) => Number(td.textContent))")
    assert totals == answer["sheet"]["totals"]


def test_bad_dates_are_named_beside_their_field_and_nothing_is_lost(calc: Session,
                                                                   site_url: str) -> None:
    page = calc.page
    case = CASES[-1]
    cleared(page)
    page.goto(f"{site_url}calculator/#dates="
              + encode({"v": 1, "profile": case["profile"], "date": case["date"]}))
    before = shown(page)
    # A degree before birth, and a second pay entry on the same date as the first.
    page.fill('[data-path="degrees[0].since"]', "1990-01-01")
    page.wait_for_selector(f"{WHEN}[data-state=invalid]", timeout=STEP_TIMEOUT)
    error = page.inner_text("#hsp-when-degrees-0-since-error")
    assert "before" in error and "birth date" in error, error
    assert page.get_attribute('[data-path="degrees[0].since"]', "aria-invalid") == "true"
    assert page.input_value('[data-path="degrees[0].since"]') == "1990-01-01"
    assert page.evaluate(SHOWN) == before  # the last answer stays, marked stale
    assert page.is_visible(".hsp-when__answer--stale")
    first = case["profile"]["salary"][0]["since"]
    page.fill('[data-path="salary[1].since"]', first)
    page.wait_for_function("""(t) => document.querySelector('#hsp-when-salary-1-since-error')
      .textContent.includes(t)""", arg="another salary entry", timeout=STEP_TIMEOUT)
    summary = page.inner_text(".hsp-when__message")
    assert "Degrees 1: Awarded on" in summary and "Annual pay" in summary
    # Fixed, the answer is back.
    page.fill('[data-path="degrees[0].since"]', case["profile"]["degrees"][0]["since"])
    page.fill('[data-path="salary[1].since"]', case["profile"]["salary"][1]["since"])
    assert shown(page) == before
    assert page.inner_text(".hsp-when__message") == ""


BAD = [
    ("horizon", {"salary": [{"since": "2021-04-01", "annual_salary_jpy": 4500000},
                            {"since": "2045-01-01", "annual_salary_jpy": 9000000}]},
     "#hsp-when-salary-1-since-error", "10 years ahead"),
    ("experience before 16", {"experience": [{"start": "2010-01-01"}]},
     "#hsp-when-experience-0-start-error", "16th birthday"),
    ("HSP before arriving", {"hsp_since": "2020-01-01"}, "#hsp-when-hsp-since-error",
     "before “in Japan since”"),
    ("same start twice", {"salary": [{"since": "2021-04-01", "annual_salary_jpy": 4500000},
                                     {"since": "2021-04-01", "annual_salary_jpy": 9000000}]},
     "#hsp-when-salary-1-since-error", "another salary entry"),
]


@pytest.mark.parametrize(("change", "where", "says"), [b[1:] for b in BAD],
                         ids=[b[0] for b in BAD])
def test_bad_dates_in_a_link_are_named_beside_their_field(
        calc: Session, site_url: str, change: dict[str, Any], where: str, says: str) -> None:
    profile = {**CASES[-1]["profile"], **change}
    cleared(page := calc.page)
    page.goto(f"{site_url}calculator/#dates=" + encode({"v": 1, "profile": profile}))
    page.wait_for_selector(f"{WHEN}[data-state=invalid]", timeout=STEP_TIMEOUT)
    assert says in page.inner_text(where)
    assert says in page.inner_text(".hsp-when__message")  # and in the summary


def test_keyboard_only(calc: Session, site_url: str) -> None:
    """From the part's summary, Tab reaches every control and button in order; Enter opens it and
    adds a row (focus goes into it), typing a date there changes the earliest date."""
    page = calc.page
    case = CASES[-1]
    cleared(page)
    page.goto(f"{site_url}calculator/#dates="
              + encode({"v": 1, "profile": case["profile"], "date": case["date"]}))
    first = shown(page)
    page.focus(f"{WHEN} summary")
    seen = []
    for _ in range(400):
        page.keyboard.press("Tab")
        here = page.evaluate("""() => { const el = document.activeElement;
          return el.dataset.path || el.id || el.textContent.trim().slice(0, 40); }""")
        if not seen or seen[-1] != here:  # Tab moves through a date's month, day and year
            seen.append(here)
        if here == "Print the look-back sheet":
            break
    paths = page.eval_on_selector_all(
        ".hsp-when__form [data-path]:is(input, select)",
        "(els) => els.filter((el) => el.checkVisibility()).map((el) => el.dataset.path)")
    assert [p for p in seen if p in paths] == paths  # every input, in order
    for text in ("Add a pay change", "Download these dates (JSON)", "hsp-when-import",
                 "The chart's points as a table", "Print the look-back sheet"):
        assert text in seen, (text, seen)
    # Add a pay rise by keyboard: Enter on the button, then type into the new row.
    page.focus("[data-list=salary] .hsp-when__add")
    page.keyboard.press("Enter")
    n = len(case["profile"]["salary"])
    assert page.evaluate("document.activeElement.dataset.path") == f"salary[{n}].since"
    page.evaluate("document.querySelector('.hsp-when').removeAttribute('data-state')")
    page.keyboard.type("04012027")  # mm/dd/yyyy in en-US Chromium
    for _ in range(4):  # out of the date's segments
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.path") == f"salary[{n}].annual_salary_jpy":
            break
    page.keyboard.type("20000000")
    after = shown(page)
    assert after["earliest"] != first["earliest"], after


def test_export_and_import_are_the_clis_format(calc: Session, site_url: str,
                                               tmp_path: Path) -> None:
    page = calc.page
    case = CASES[0]
    cleared(page)
    page.goto(f"{site_url}calculator/#dates="
              + encode({"v": 1, "profile": case["profile"], "date": case["date"]}))
    before = shown(page)
    with page.expect_download() as download:
        page.click("text=Download these dates (JSON)")
    saved = tmp_path / "dates.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text("utf-8")) == case["profile"]  # what hsp-score reads
    page.click("text=Start again from the form above")
    page.wait_for_selector(f"{WHEN}[data-state=invalid]", timeout=STEP_TIMEOUT)
    page.set_input_files("#hsp-when-import", saved)
    assert shown(page) == before
    assert "Loaded dates.json" in page.inner_text("#hsp-when-file-error")


@pytest.mark.parametrize("part", ["%%%", encode([1, 2]), encode({"v": 9, "profile": {}})])
def test_unreadable_dates_in_a_link_say_so(calc: Session, site_url: str, part: str) -> None:
    page = calc.page
    cleared(page)
    page.goto(f"{site_url}calculator/#dates={part}")
    page.wait_for_function("""() => document.querySelector('.hsp-notice').textContent
      .includes('The dates in this link could not be read')""", timeout=STEP_TIMEOUT)
    assert calc.problems == []
