"""Golden cases: one per official boundary, as data (tests/golden/scoring.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hsp_core.assess import assess
from hsp_core.profile import Profile
from hsp_core.table import CATEGORIES, Category, rows_for

GOLDEN = json.loads((Path(__file__).parent / "golden" / "scoring.json").read_text("utf-8"))
CASES: list[dict[str, Any]] = GOLDEN["cases"]


def _items(c: Category) -> list[str]:
    return list(dict.fromkeys(r.item for r in rows_for(c)))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case: dict[str, Any]) -> None:
    """The whole answer: every category's total, eligibility, floor, every item of its sheet
    (① adds the +5 for multiple degrees to the degree), and J-Skip."""
    result = assess(Profile.model_validate({**GOLDEN["base"], **case["profile"]}))
    expect = case["expect"]
    why = case["reason"]
    for cat in CATEGORIES:
        got = result.categories[cat]
        scored = dict.fromkeys(_items(cat), 0)
        for i in got.items:
            scored[i.item] += i.points
        want = expect[cat]
        assert want["points"] == scored, f"({cat}) points: {why}"
        for key in ("total", "eligible", "minimum_salary_met"):
            assert getattr(got, key) == want[key], f"({cat}) {key}: {why}"
    assert result.j_skip == expect["j_skip"], why


def test_every_case_says_why_and_names_items() -> None:
    for c in CASES:
        assert c["reason"].strip() and isinstance(c["items"], list), c["name"]
        assert set(c["expect"]) == {*CATEGORIES, "j_skip"}, f"{c['name']}: state the whole answer"
    assert len({c["name"] for c in CASES}) == len(CASES), "case names must be unique"


# --- dated rules: the day before and the day of each date (tests/golden/dated_rules.json) ---

DATED = json.loads((Path(__file__).parent / "golden" / "dated_rules.json").read_text("utf-8"))
DATED_CASES: list[dict[str, Any]] = DATED["cases"]


@pytest.mark.parametrize("case", DATED_CASES, ids=[c["name"] for c in DATED_CASES])
def test_dated_golden(case: dict[str, Any]) -> None:
    p = Profile.model_validate(case["profile"])
    got = json.loads(assess(p).model_dump_json())
    expect = case["expect"]
    assert p.category is not None
    assert got["categories"][p.category]["total"] == expect["total"], case["reason"]
    for key in ("permanent_residence", "hsp_ii"):
        assert got[key] == expect[key], f"{key}: {case['reason']}"


def test_every_dated_case_says_why_and_comes_in_pairs() -> None:
    names = [c["name"] for c in DATED_CASES]
    assert len(set(names)) == len(names)
    assert all(c["reason"].strip() and "\n" not in c["reason"] for c in DATED_CASES)
    days = {c["profile"]["reference_date"] for c in DATED_CASES}
    for before, on in (("2025-10-15", "2025-10-16"), ("2027-03-31", "2027-04-01"),
                       ("2025-03-31", "2025-04-01"), ("2026-09-30", "2026-10-01"),
                       ("2017-04-25", "2017-04-26"), ("2023-04-20", "2023-04-21")):
        assert {before, on} <= days, (before, on)
