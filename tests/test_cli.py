"""The command line as a user runs it: JSON and text output, batches, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema

GOOD = {"age": 31, "education": "master", "experience_years": 6,
        "annual_salary_jpy": 7_500_000, "japanese_level": "n1"}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hsp_core", *args], input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_json_output_follows_the_contract(tmp_path: Path) -> None:
    f = tmp_path / "me.json"
    f.write_text(json.dumps(GOOD))
    out = run("--json", str(f))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["rules_version"] == "2023-04-01"
    assert {c: result["categories"][c]["total"] for c in "abc"} == {"a": 80, "b": 80, "c": 50}
    assert result["categories"]["c"]["eligible"] is False
    assert result["j_skip"] == {"a": False, "b": False, "c": False}
    schema = json.loads(run("--schema", "result").stdout)
    jsonschema.validate(result, schema)


def test_a_batch_gives_results_in_order() -> None:
    batch = [GOOD, {**GOOD, "age": 41}, {**GOOD, "education": "doctor"}]
    out = run("--json", "-", stdin=json.dumps(batch))
    assert out.returncode == 0, out.stderr
    totals = [r["categories"]["b"]["total"] for r in json.loads(out.stdout)]
    assert totals == [80, 45, 90]  # at 41: no age points, no ③ for ¥7.5M


def test_text_output_is_a_readable_table() -> None:
    out = run("-", stdin=json.dumps(GOOD))
    assert out.returncode == 0
    assert "Total" in out.stdout and "(i)(b) Advanced specialised / technical: 80 points" in (
        out.stdout)
    assert "Annual salary of ¥15,000,000 (③): +20 → 70" in out.stdout


def _errors(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2
    assert out.stdout == ""
    assert "Traceback" not in out.stderr
    return out.stderr


def test_malformed_json_is_a_clear_error() -> None:
    assert "not valid JSON: line 1" in _errors(run("-", stdin='{"age": 30,'))


def test_bad_fields_are_named_with_the_reason() -> None:
    bad: dict[str, Any] = {**GOOD, "age": 12, "educaton": "master", "japanese_level": "n3"}
    err = _errors(run("-", stdin=json.dumps(bad)))
    assert "age: Age must be 15 or more" in err
    assert "educaton: 'educaton' is not a field of the profile; did you mean 'education'?" in err
    assert "japanese_level: Japanese level must be one of 'n1', 'n2' or 'none'" in err


def test_a_bad_profile_in_a_batch_is_named_by_position() -> None:
    err = _errors(run("-", stdin=json.dumps([GOOD, {**GOOD, "annual_salary_jpy": -1}])))
    assert "[1].annual_salary_jpy: Expected annual salary (yen) must be 0 or more" in err


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    assert "cannot read" in _errors(run(str(tmp_path / "nope.json")))


def test_schema_describes_profile_and_result() -> None:
    out = run("--schema")
    schemas = json.loads(out.stdout)
    assert set(schemas) == {"profile", "result"}
    assert schemas["profile"]["additionalProperties"] is False
    assert {"age", "education", "experience_years", "annual_salary_jpy"} <= set(
        schemas["profile"]["properties"])
