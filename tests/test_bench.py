"""scripts/bench's own logic, without a browser: statistics, targets, the naive page, the
profile and recompute steps it measures with. (A real run takes minutes; `scripts/bench
--rounds 1 --quick` still takes about 45 s here, too slow for every test run.) No timings
are asserted."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
try:
    from benchlib import bench, bench_browser, bench_naive, bench_stats
except ImportError:  # scripts/ is put on the path by .venv's hsp_buildlib.pth
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchlib import bench, bench_browser, bench_naive, bench_stats

Row, Summary, Target = bench_stats.Row, bench_stats.Summary, bench_stats.Target
percentile, summarize = bench_stats.percentile, bench_stats.summarize


def test_percentile_interpolates_like_numpy() -> None:
    xs = [10.0, 20.0, 30.0, 40.0]
    assert percentile(xs, 0) == 10
    assert percentile(xs, 100) == 40
    assert percentile(xs, 50) == 25
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert percentile([7.0], 95) == 7
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile(xs, 101)


def test_summarize_skips_missing_samples() -> None:
    s = summarize([3.0, None, 1.0, 2.0])
    assert s == Summary(n=3, median=2.0, min=1.0, max=3.0, p95=pytest.approx(2.9))
    assert summarize([None, None]) is None
    assert summarize([]) is None


def test_ratio_of_medians() -> None:
    ours, naive = summarize([1.0, 2.0, 3.0]), summarize([8.0, 8.0])
    assert bench_stats.ratio(ours, naive) == 0.25
    assert bench_stats.ratio(ours, None) is None
    assert bench_stats.ratio(ours, summarize([0.0])) is None


@pytest.mark.parametrize(
    ("target", "verdict"),
    [
        (Target("t", 0.25, 0.25, "×"), "PASS"),  # at most
        (Target("t", 0.26, 0.25, "×"), "FAIL"),
        (Target("t", 50, 50, "ms", strict=True), "FAIL"),  # below
        (Target("t", 49.9, 50, "ms", strict=True), "PASS"),
        (Target("t", None, 50, "ms"), "n/a"),
        (Target("t", 1.0, None), "PASS"),  # yes/no
        (Target("t", 0.0, None), "FAIL"),
        (Target("t", None, None), "n/a"),
    ],
)
def test_target_verdicts(target: Target, verdict: str) -> None:
    assert target.verdict == verdict
    assert target.line().startswith(verdict)
    assert target.as_json()["verdict"] == verdict


def test_target_lines_say_value_and_limit() -> None:
    assert Target("warm", 4_900, 100_000, "B", strict=True).line() == (
        "PASS  warm: 4.9 KB < 100.0 KB")
    assert Target("offline", 0.0, None).line() == "FAIL  offline: no"
    assert "not measured" in Target("x", None, 3, "ms").line()


def _rows(**medians: tuple[float | None, float | None]) -> dict[str, Row]:
    def s(x: float | None) -> Summary | None:
        return None if x is None else Summary(1, x, x, x, x)

    keys = [*bench.METRICS, "memory_heap", "memory_rss"]
    return {k: Row(k, "", *(s(m) for m in medians.get(k, (None, None)))) for k in keys}


def test_targets_follow_the_issue() -> None:
    rows = _rows(result_cold=(500, 4000), result_warm=(900, 3000), usable_cold=(120, None),
                 usable_warm=(90, None), usable_restart=(310, None), bytes_warm=(4_900, 1_700))
    got = {t.name: t for t in bench_stats.targets(rows, [130.0] * 20, [20.0] * 20, False)}
    verdicts = [t.verdict for t in got.values()]
    assert verdicts == ["PASS", "FAIL", "FAIL", "FAIL", "PASS", "n/a", "PASS", "FAIL",
                        "n/a", "n/a", "n/a", "n/a", "n/a"]  # issue #19's: not measured here
    timed = bench_stats.targets(rows, [], [], None, timeline=[30.0] * 19 + [80.0])
    assert [t.verdict for t in timed if t.name.startswith("timeline")] == ["PASS"]  # p95 < 50
    assert got["first result, cold: ours/naive"].value == 0.125
    # The slowest of the three medians counts for "form usable".
    assert got["form usable (slowest of the cold/warm/restart medians)"].value == 310


def test_light_targets_follow_issue_19() -> None:
    """Bytes before the first result and in all, storage, and the throttled ratio."""
    rows = _rows(bytes_to_result_cold=(7_900_000, 9_000_000))
    light = bench_stats.Footprint(first_visit_bytes=12_500_000, visit_storage=24e6,
                                  guide_storage=3_100_000, throttled_ms=(40_000, 85_000))
    got = {t.name: t.verdict for t in bench_stats.targets(rows, [], [], None, light=light)}
    assert [got[k] for k in (
        "bytes before the first result, cold (median)",
        "first visit in all, its background work over", "storage after one calculator visit",
        "storage after reading only guide pages",
        "throttled first visit, to the first result: ours/naive")] == [
        "PASS", "FAIL", "PASS", "FAIL", "PASS"]
    slow = bench_stats.Footprint(throttled_ms=(60_000, 85_000))
    assert slow.throttled_ratio is not None and round(slow.throttled_ratio, 2) == 0.71
    assert bench_stats.Footprint(throttled_ms=(60_000, None)).throttled_ratio is None


def test_targets_without_measurements_are_not_applicable() -> None:
    goals = bench_stats.targets(_rows(), [], [], None)
    assert {t.verdict for t in goals} == {"n/a"}


def test_table_has_one_line_per_row_and_ratios() -> None:
    text = bench_stats.table([
        Row("first result, cold (ms)", "ms", summarize([900.0, 1100.0, 1000.0]),
            summarize([4000.0])),
        Row("form usable", "ms", summarize([100.0]), None),
    ])
    lines = text.splitlines()
    assert len(lines) == 4 and len({len(line) for line in lines}) == 1  # aligned
    assert "1,000 ms (900 ms–1,100 ms)" in lines[2] and lines[2].rstrip(" |").endswith("0.25")
    assert "| –" in lines[3]


def test_units() -> None:
    assert bench_stats.fmt(17_416_971, "B") == "17.42 MB"
    assert bench_stats.fmt(4_902, "B") == "4.9 KB"
    assert bench_stats.fmt(129, "B") == "129 B"
    assert bench_stats.fmt(3197.9, "ms") == "3,198 ms"
    assert bench_stats.fmt(0.6, "×") == "0.60×"


def test_naive_page_installs_with_micropip_from_http_urls() -> None:
    profile = {"age": 31, "note": "</script><b>"}
    html = bench_naive.page(["hsp_core-0.1.0-py3-none-any.whl", "pydantic-2.14.3-py3-none-any.whl"],
                            "micropip-0.11.1-py3-none-any.whl", profile)
    # The embedded JSON cannot close its <script> element early.
    assert "</script><b>" not in html
    data = re.search(r'<script type="application/json" id="profile">(.*?)</script>', html, re.S)
    assert data is not None and json.loads(data.group(1)) == profile
    assert 'import { loadPyodide } from "./pyodide/pyodide.mjs"' in html
    assert "await loadPyodide()" in html  # defaults: stock stdlib, npm's lock
    assert "deps: false" in html and "new URL(`wheels/${name}`, location.href).href" in html
    assert "hsp_core.jsonapi" in html and 'root.dataset.state = "ready"' in html
    with pytest.raises(ValueError):
        bench_naive.page(["micropip-0.11.1-py3-none-any.whl"], "micropip-0.11.1-py3-none-any.whl",
                         {})


def test_naive_site_uses_stock_files_and_original_wheels(tmp_path: Path) -> None:
    if not (bench_naive.NPM_PYODIDE / "pyodide.asm.wasm").is_file():
        pytest.skip("node_modules/pyodide is missing (npm ci)")
    wheels = []
    for name in ("micropip-0.11.1-py3-none-any.whl", "hsp_core-0.1.0-py3-none-any.whl"):
        (tmp_path / name).write_bytes(b"wheel " + name.encode())
        wheels.append(tmp_path / name)
    dest = tmp_path / "naive"
    bench_naive.assemble(dest, wheels, {"age": 30})
    for name in bench_naive.STOCK_FILES:  # byte for byte npm's, the .py-only stdlib included
        assert (dest / "pyodide" / name).read_bytes() == (
            bench_naive.NPM_PYODIDE / name).read_bytes()
    assert sorted(p.name for p in (dest / "wheels").iterdir()) == sorted(w.name for w in wheels)
    html = (dest / "index.html").read_text()
    assert '["hsp_core-0.1.0-py3-none-any.whl"]' in html
    assert '"micropip-0.11.1-py3-none-any.whl"' in html


def test_profile_link_matches_the_calculator_format() -> None:
    frag = bench.fragment(bench.PROFILE)
    assert frag.startswith("#profile=") and "=" not in frag.removeprefix("#profile=")
    data = frag.removeprefix("#profile=")
    assert json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))) == bench.PROFILE


def test_recompute_steps_always_change_the_totals() -> None:
    steps = bench.recompute_steps(13)
    assert len(steps) == 13
    last = bench.totals(bench.PROFILE)
    for step in steps:
        assert step["expected"] != last
        assert step["expected"] == bench.totals(
            {**bench.PROFILE, bench.SALARY_FIELD: int(step["value"])})
        last = step["expected"]


def test_timeline_steps_always_move_the_earliest_date() -> None:
    steps = bench.timeline_steps(9)
    assert len(steps) == 9
    last = bench.earliest(bench.TIMELINE_PROFILE["salary"][1]["annual_salary_jpy"])
    for step in steps:
        assert step["expected"] != last
        assert step["expected"] == bench.earliest(int(step["value"]))
        last = step["expected"]
    frag = bench.dates_fragment()
    assert frag.startswith(bench.fragment(bench.PROFILE) + "&dates=")


def test_cli_defaults() -> None:
    args = bench.parse([])
    assert (args.rounds, args.recompute, args.quick) == (5, 50, False)
    assert args.out == ROOT / "bench-results" / "bench.json"
    quick = bench.parse(["--rounds", "1", "--quick"])
    assert (quick.rounds, quick.recompute) == (1, 10)
    with pytest.raises(SystemExit):
        bench.parse(["--rounds", "0"])


def test_naive_lock_variant_prices_micropip_alone(tmp_path: Path) -> None:
    from buildlib.common import CACHE, WHEEL_PINS, sha256_file

    folders = [CACHE / "wheels" / sha256_file(p)[:16] for p in (WHEEL_PINS, bench.BENCH_PINS)]
    if not all(f.is_dir() for f in folders) or not (
            bench_naive.NPM_PYODIDE / "pyodide.asm.wasm").is_file():
        pytest.skip("pinned wheels or node_modules/pyodide missing (run scripts/bench once)")
    pinned = sorted((w for f in folders for w in f.glob("*.whl")), key=lambda w: w.name)
    dest = tmp_path / "naive-lock"
    bench_naive.assemble(dest, pinned, {"age": 30}, installer="lock")
    lock = json.loads((dest / "pyodide" / "pyodide-lock.json").read_text())
    assert sorted(e["file_name"] for e in lock["packages"].values()) == [w.name for w in pinned]
    for w in pinned:  # the original files, as downloaded
        assert (dest / "pyodide" / w.name).read_bytes() == w.read_bytes()
    html = (dest / "index.html").read_text()
    assert 'loadPackage("hsp-core"' in html and "micropip.install" not in html
    assert "micropip.install" in bench_naive.page([], "micropip-0.11.1-py3-none-any.whl", {})


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_the_idle_wait_counts_the_browser_and_its_children(tmp_path: Path) -> None:
    """Navigations wait until the new browser is idle; its work is spread over child
    processes (renderers, the GPU and network services), so a busy child must keep it waiting."""
    profile = tmp_path / "profile"
    assert bench_browser._cpu_ticks(profile) is None  # no browser on that profile
    started = time.monotonic()
    bench_browser.wait_until_idle(profile)
    assert time.monotonic() - started < 0.5  # nothing to wait for

    # A stand-in browser: a shell with the profile on its command line, whose child spins.
    spin = f"{sys.executable} -c 'while True: pass' & wait"
    browser = subprocess.Popen(["sh", "-c", spin, f"--user-data-dir={profile}"],
                               start_new_session=True)
    try:
        time.sleep(0.2)
        before = bench_browser._cpu_ticks(profile)
        time.sleep(0.5)
        after = bench_browser._cpu_ticks(profile)
        assert before is not None and after is not None
        # Ticks are 10 ms; a spinning child gets 50 in 0.5 s on an idle core, fewer on a busy
        # machine, and none would be counted if only the shell were read.
        assert after - before >= 5
        started = time.monotonic()
        bench_browser.wait_until_idle(profile, limit_s=1.0)
        assert time.monotonic() - started >= 0.9  # never idle: waited to the limit
    finally:
        os.killpg(browser.pid, signal.SIGKILL)
        browser.wait()
