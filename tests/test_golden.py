"""Golden cases: one per official boundary, as data (tests/golden/scoring.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hsp_core.assess import assess
from hsp_core.profile import Profile

GOLDEN = json.loads((Path(__file__).parent / "golden" / "scoring.json").read_text("utf-8"))
CASES: list[dict[str, Any]] = GOLDEN["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case: dict[str, Any]) -> None:
    result = assess(Profile.model_validate({**GOLDEN["base"], **case["profile"]}))
    expect = case["expect"]
    why = case["reason"]
    for cat in ("a", "b", "c"):
        got = result.categories[cat]
        want = expect.get(cat, {})
        scored = {i.item: i.points for i in got.items}
        for item, points in want.get("points", {}).items():
            assert scored.get(item, 0) == points, f"({cat}) {item}: {why}"
        for key in ("total", "eligible", "minimum_salary_met"):
            if key in want:
                assert getattr(got, key) == want[key], f"({cat}) {key}: {why}"
    if "j_skip" in expect:
        assert result.j_skip == expect["j_skip"], why


def test_every_case_says_why_and_names_items() -> None:
    for c in CASES:
        assert c["reason"].strip() and isinstance(c["items"], list), c["name"]
    assert len({c["name"] for c in CASES}) == len(CASES), "case names must be unique"
