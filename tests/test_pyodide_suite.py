"""The unit suite again, inside Pyodide (WebAssembly, in Node), against the shipped dist (issue 6).

tests/pyodide/run_suite.mjs installs hsp-core from public/pyodide's own lock and wheel, adds the
test-only wheels of requirements/pyodide-test-wheels.txt (never shipped) and runs pytest there
with the full hypothesis example counts; only the deadline is off (see the runner).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from buildlib import vendor
from buildlib.common import PUBLIC, ROOT, wheel_pins

import hsp_core

TESTS = Path(__file__).parent
RUNNER = TESTS / "pyodide" / "run_suite.mjs"
TEST_WHEEL_PINS = ROOT / "requirements" / "pyodide-test-wheels.txt"

# Every tests/test_*.py is in exactly one of these two, so a new file cannot be left out
# silently. (tests/browser/ drives Chromium and is not a unit suite.)
IN_PYODIDE = [
    "test_dated_rules.py", "test_exact_search.py", "test_golden.py", "test_i18n.py",
    "test_properties.py", "test_registry.py", "test_regressions.py",
    "test_residence_benefits.py", "test_table.py", "test_timeline.py",
    "test_timeline_series.py", "test_visitor_inputs.py", "test_visitor_result.py",
    "test_evidence_list.py",
]  # fmt: skip
HOST_ONLY = {
    "test_bench.py": "tests scripts/bench, a host tool that drives Chromium",
    "test_build.py": "inspects the build output and starts Node",
    "test_calculator_form.py": "imports mkdocs and the hook in mkdocs_hooks/",
    "test_calculator_texts.py": "scans site/assets/calculator/ and reads site/locale/ with Babel",
    "test_dated_tables.py": "imports mkdocs and the hooks in mkdocs_hooks/",
    "test_cli.py": "every test runs the CLI as a subprocess",
    "test_glossary.py": "reads docs/glossary.toml, which is not in the wheel",
    "test_form_languages.py": "imports mkdocs and the hooks in mkdocs_hooks/",
    "test_i18n_catalogs.py": "reads the .po sources with Babel, builds a wheel, runs the CLI",
    "test_guide.py": "runs mkdocs build",
    "test_pyodide_gate.py": "tests scripts/buildlib's check of the pinned Pyodide version",
    "test_pyodide_suite.py": "this file",
    "test_site_version.py": "reads the built site in public/",
    "test_snapshot_delta.py": "tests scripts/buildlib, which packs the snapshot at build time",
    "test_translations.py": "reads site/*.md, mkdocs.yml and the built site",
    "test_timeline_i18n.py": "reads Babel's extraction of hsp_core and runs the timeline CLI",
    "test_sources.py": "scans the repository's code and guide, and imports the mkdocs hook",
    "test_translation_markers.py": "reads the guide's Markdown in site/, which is not in the wheel",
    "test_watch_sources.py": "tests scripts/watchlib (the weekly watcher) with local HTTP servers",
}
# The one skip allowed inside IN_PYODIDE (test_timeline's CLI tests); any other is a failure.
SKIP_REASON = "the CLI needs a subprocess, which WebAssembly cannot start"
# 187 tests ran in WebAssembly when this was written; far fewer means tests went missing.
MIN_PASSED = 180


def test_every_test_file_runs_in_pyodide_or_says_why_not() -> None:
    files = sorted(p.name for p in TESTS.glob("test_*.py"))
    assert sorted([*IN_PYODIDE, *HOST_ONLY]) == files


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, Any], str]:
    """(facts the runner printed, pytest's output in Pyodide)."""
    if not (PUBLIC / "pyodide" / "pyodide.mjs").is_file():
        pytest.skip("public/ is not built: run scripts/build (scripts/test does)")
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not on PATH")
    wheels = vendor.wheels(TEST_WHEEL_PINS)
    res = subprocess.run(
        [node, str(RUNNER), *map(str, wheels), "--", "-rs", *(f"tests/{f}" for f in IN_PYODIDE)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    sys.stdout.write(res.stdout)  # shown by pytest when a test below fails
    assert res.returncode == 0, res.stdout[-6000:] + res.stderr[-3000:]
    head, _, output = res.stdout.partition("\n")
    assert head.startswith("pyodide-suite: "), head
    return json.loads(head.removeprefix("pyodide-suite: ")), output


def test_suite_passes_in_webassembly(run: tuple[dict[str, Any], str]) -> None:
    _, output = run
    summary = re.findall(r"^=+ (.+) in [0-9.]+s", output, re.M)[-1]
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (\w+)", summary)}
    assert set(counts) <= {"passed", "skipped"}, summary
    assert counts["passed"] >= MIN_PASSED, summary
    skips = re.findall(r"^SKIPPED \[(\d+)\] \S+: (.*)$", output, re.M)
    assert {reason for _, reason in skips} <= {SKIP_REASON}
    assert sum(int(n) for n, _ in skips) == counts.get("skipped", 0)


def test_it_ran_the_shipped_wheels_in_webassembly(run: tuple[dict[str, Any], str]) -> None:
    facts, _ = run
    pins = wheel_pins()
    assert facts["platform"] == "emscripten"
    assert (facts["pydantic"], facts["pydantic_core"]) == (pins["pydantic"], pins["pydantic-core"])
    assert facts["hsp_core"] == hsp_core.__version__
    assert "/site-packages/hsp_core/" in facts["hsp_core_file"]
