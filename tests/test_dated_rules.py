"""Dated rules as data (hsp_core/dated_rules.py) and the conditions that read them: the rows cite
sources that exist, each boundary falls on its day, and no user-facing text points outside the
repository."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from hsp_core import cli, dated_rules, timeline_cli
from hsp_core.assess import assess
from hsp_core.dated import DatedProfile
from hsp_core.dated_rules import FEES, RULES, fee, longest_stay_years
from hsp_core.jsonapi import schemas
from hsp_core.profile import Profile
from hsp_core.render import render
from hsp_core.timeline import Timeline, timeline
from hsp_core.timeline import parse as parse_dated
from hsp_core.timeline_cli import render_timeline
from tests.conftest import make

SOURCE_IDS = {s["id"] for s in tomllib.loads(
    files("hsp_core").joinpath("sources.toml").read_text("utf-8"))["source"]}
GOLDEN = Path(__file__).parent / "golden"


def test_every_row_cites_known_sources_and_has_its_dates() -> None:
    for r in RULES:
        assert r.sources and set(r.sources) <= SOURCE_IDS, r.id
        assert r.summary.strip() and r.title.strip() and r.confidence in ("H", "M", "L")
        assert r.checked <= date(2026, 12, 7)
        if r.effective_from and r.effective_until:
            assert r.effective_from <= r.effective_until
    for f in FEES:
        assert set(f.sources) <= SOURCE_IDS and f.rule == "C4"
    ids = {r.id for r in RULES}
    assert {"C1", "C2", "C3", "C4", "C5", "C6", "R70", "R80", "RJ"} <= ids


def test_a_rule_with_a_number_says_it_in_its_summary() -> None:
    for r in (*RULES, dated_rules.LONGEST_STAY_3_YEARS):
        if r.amount is not None:
            assert f"{r.amount} {r.unit}" in r.summary or f"{r.amount}-year" in r.summary, r.title


def test_only_the_draft_is_announced_and_it_is_reported() -> None:
    drafts = [r for r in RULES if r.announced_only]
    assert [r.id for r in drafts] == ["C5"] and all(r.reported for r in drafts)


@pytest.mark.parametrize(("kind", "day", "granted", "counter", "online"), [
    ("change_or_extension", date(2025, 3, 31), 5, 4_000, None),
    ("change_or_extension", date(2025, 4, 1), 5, 6_000, 5_500),
    ("change_or_extension", date(2026, 9, 30), 5, 6_000, 5_500),
    ("change_or_extension", date(2026, 10, 1), 5, 75_000, 65_000),
    ("change_or_extension", date(2026, 10, 1), 3, 64_000, 56_000),
    ("change_or_extension", date(2026, 10, 1), 4.9, 64_000, 56_000),
    ("change_or_extension", date(2026, 10, 1), 1, 48_000, 42_000),
    ("permanent_residence", date(2025, 3, 31), 5, 8_000, None),
    ("permanent_residence", date(2025, 4, 1), 5, 10_000, None),
    ("permanent_residence", date(2026, 9, 30), 5, 10_000, None),
    ("permanent_residence", date(2026, 10, 1), 5, 200_000, None),
    ("hsp_ii_change", date(2026, 9, 30), 5, 6_000, 5_500),
])
def test_fee_by_acceptance_date(kind: dated_rules.FeeKind, day: date, granted: float,
                                counter: int, online: int | None) -> None:
    row = fee(kind, day, granted)
    assert row is not None and (row.counter_jpy, row.online_jpy) == (counter, online)


def test_the_hsp_ii_fee_from_2026_10_01_is_not_found_and_says_so() -> None:
    assert fee("hsp_ii_change", date(2026, 10, 1)) is None
    assert "not found" in dated_rules.fee_text("hsp_ii_change", date(2026, 10, 1))
    a = assess(make(age=40, reference_date="2026-12-07"))
    assert a.hsp_ii.fee.counter_jpy is None and "not found" in a.hsp_ii.fee.text
    assert a.permanent_residence.fee.counter_jpy == 200_000


def test_longest_stay_turns_on_2027_04_01() -> None:
    assert longest_stay_years(date(2027, 3, 31)) == 3
    assert longest_stay_years(date(2027, 4, 1)) == 5


# --- no user-facing text names a file or a § section -----------------------------------------

POINTS_OUTSIDE = re.compile(r"[\w-]+\.md\b|§|hsp-rules|UNCONFIRMED|not yet confirmed|\(of \d+\)"
                            r"|\(up to 0\)")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _descriptions(schema: Any) -> list[str]:
    if isinstance(schema, dict):
        own = [schema["description"]] if isinstance(schema.get("description"), str) else []
        return own + [s for v in schema.values() for s in _descriptions(v)]
    if isinstance(schema, list):
        return [s for v in schema for s in _descriptions(v)]
    return []


def _c_profiles() -> list[dict[str, Any]]:
    c = {"age": 45, "category": "c", "education": "mba_mot", "experience_years": 10,
         "annual_salary_jpy": 30_000_000, "position": "representative",
         "continuous_residence_years": 4, "hsp_status_years": 4, "reference_date": "2026-12-07"}
    return [c, {**c, "business_meets_new_criteria": "no"},
            {**c, "c_activity_is_law_or_accounting": "yes"},
            {**c, "category": None, "period_of_stay_years": 3, "hsp_status_years": 0,
             "reference_date": "2027-04-01", "good_conduct": "no"},
            {**c, "annual_salary_jpy": 2_000_000, "has_spouse": True}]


def _timelines() -> list[Timeline]:
    out = []
    for path in sorted((GOLDEN / "timeline").glob("*.json")):
        case = json.loads(path.read_text("utf-8"))
        dp: DatedProfile = parse_dated(case["profile"], date.fromisoformat(case["today"]))
        out += [timeline(dp, date.fromisoformat(a["date"])) for a in case["applications"]]
    return out


def test_no_user_facing_text_points_outside_the_repository() -> None:
    scoring = json.loads((GOLDEN / "scoring.json").read_text("utf-8"))
    results = [assess(Profile.model_validate({**scoring["base"], **c["profile"]}))
               for c in scoring["cases"]]
    results += [assess(make(**p)) for p in _c_profiles()]
    texts = [s for r in results for s in _strings(r.model_dump(mode="json"))]
    texts += [render(r) for r in results]
    timelines = _timelines()
    texts += [s for t in timelines for s in _strings(t.model_dump(mode="json"))]
    texts += [render_timeline(t) for t in timelines]
    texts += _descriptions(schemas()) + _descriptions(DatedProfile.model_json_schema())
    texts += _descriptions(Timeline.model_json_schema())
    texts += [cli._parser().format_help(), timeline_cli._parser().format_help()]
    bad = sorted({m.group(0) + " in: " + t[:120] for t in texts
                  for m in [POINTS_OUTSIDE.search(t)] if m})
    assert not bad, bad
    assert len(texts) > 500


def test_the_c_gate_is_never_called_unconfirmed() -> None:
    for p in _c_profiles():
        text = render(assess(make(**p)))
        about_c = [line for line in text.splitlines()
                   if "Business Manager" in line or "rule C3" in line]
        assert about_c and not any("confirmed" in line.lower() for line in about_c), about_c
