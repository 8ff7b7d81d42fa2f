"""scripts/bench: the calculator ("ours") against a naive Pyodide page, in one run (issue 5).

Rounds alternate the pages (each round starts with the next one), so machine noise hits all.
Each round and page uses a fresh Chromium profile folder for three loads:
  cold     first visit with the fresh profile;
  warm     the same browser reloads the page;
  restart  the browser is closed and relaunched on the same profile folder, then loads it.
Then, for ours only, N input changes (recompute latency), and N changes of a planned pay rise
in the "When can I apply?" part, each until its new earliest filing date shows.
Without --quick a third page takes part, "naive-lock": the naive page installing from a lock
with loadPackage instead of micropip, which prices micropip alone.
Extra scenarios: each page with its runtime's entry blocked (the memory baseline), a first
visit left to finish its background work (its bytes in all and the storage it leaves), then
offline (the same profile goes offline and reloads: is there a result?), a fresh profile
reading only guide pages (its bytes and storage), a cold load whose .wasm download is aborted
(is there a Retry button, does it work?), and a throttled cold load with screenshots (not with
--quick or --no-throttle).
scripts/BENCH.md defines every figure.

It prints a table, ratios and PASS/FAIL per target, and writes every raw sample to --out.
It is a measurement, not a test: it exits 0 whatever the figures, 1 only if something broke
(the build, or a page that never showed its result).
"""

import argparse
import base64
import dataclasses
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from buildlib import build, hsp_wheel, vendor
from buildlib.common import CACHE, MANIFEST, PUBLIC, ROOT, BuildError, pyodide_version
from buildlib.server import start_server
from playwright.sync_api import Playwright, sync_playwright

from . import bench_browser as bb
from . import bench_naive
from .bench_stats import Footprint, Row, Target, fmt, percentile, summarize, table, targets

PREFIX = "/hsp/"  # both pages are served under a sub-path, as on GitHub Pages
WORK = CACHE / "bench"
CHROMIUM = os.environ.get("HSP_CHROMIUM", "/usr/bin/chromium")
PROFILE: dict[str, Any] = {
    "age": 31, "education": "master", "experience_years": 6, "annual_salary_jpy": 7_500_000,
    "japanese_level": "n1",
}  # fmt: skip
# Recompute: the salary field cycles through values whose totals differ from the last one's.
SALARY_FIELD = "annual_salary_jpy"
SALARIES = (6_000_000, 8_000_000, 5_000_000, 9_000_000, 10_000_000, 7_500_000)
FORM_INPUT = f"{bb.ROOT} .hsp-form input:not([type=hidden])"  # the first one is used
# Timeline recompute: a dated profile whose planned raise cycles through amounts that each move
# the earliest filing date; checked on a fixed date, so the answers do not depend on the day.
TIMELINE_PROFILE: dict[str, Any] = {
    "birth_date": "1988-01-10", "category": "b",
    "degrees": [{"level": "master", "field": "electrical engineering", "since": "2014-03-31"}],
    "experience": [{"start": "2015-04-01"}],
    "salary": [{"since": "2019-04-01", "annual_salary_jpy": 7_500_000},
               {"since": "2027-10-01", "annual_salary_jpy": 9_200_000}],
    "foreign_qualifications": [{"since": "2025-06-01"}], "residence_since": "2024-01-01",
}  # fmt: skip
TIMELINE_DATE = "2026-12-07"
TIMELINE_FIELD = '[data-path="salary[1].annual_salary_jpy"]'
TIMELINE_SALARIES = (9_200_000, 7_000_000, 12_000_000, 5_000_000)
# Blocked to measure each page without Python: the calculator's worker, the naive pyodide.mjs.
OURS_ENTRY = r".*/assets/calculator/worker\.mjs(\?.*)?$"
NAIVE_ENTRY = r".*/pyodide/pyodide\.mjs(\?.*)?$"
# A slow mobile link: 1.6 Mbps down, 750 kbps up, 150 ms round trip (CDP units: bytes/s, ms).
THROTTLE = {"latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8}
MOMENTS_S = (1.0, 3.0, 10.0, 30.0, 60.0)
GUIDE_PAGES = ("", "what-is-hsp/", "points-table/")  # a reader's first three, the home first
BENCH_PINS = ROOT / "requirements" / "pyodide-bench-wheels.txt"  # micropip, never shipped
# What scripts/build turns into public/ (the bench, in scripts/benchlib, is not among them).
BUILD_INPUTS = ("hsp_core", "site", "overrides", "mkdocs_hooks", "scripts/buildlib", "mkdocs.yml",
                "pyproject.toml", "requirements/pyodide-wheels.txt", "package-lock.json")
LOADS = ("cold", "warm", "restart")
# Row key -> (label, load, field of bench_browser.Load, unit).
METRICS = {
    **{f"usable_{k}": (f"form usable, {k} (ms)", k, "form_usable_ms", "ms") for k in LOADS},
    **{f"result_{k}": (f"first result, {k} (ms)", k, "first_result_ms", "ms") for k in LOADS},
    **{f"drawn_{k}": (f"first result drawn, {k} (ms)", k, "first_drawn_ms", "ms") for k in LOADS},
    **{f"bytes_{k}": (f"network bytes, {k}", k, "bytes", "B") for k in LOADS},
    "bytes_to_result_cold": ("network bytes before the first result, cold", "cold",
                             "bytes_to_result", "B"),
    **{f"task_{k}": (f"longest main-thread task, {k} (ms)", k, "longest_task_ms", "ms")
       for k in LOADS},
}


def debounce_note(site: Path) -> str:
    """The calculator's wait after a keystroke, read from its source (it may change)."""
    main = site / "assets" / "calculator" / "main.mjs"
    found = re.search(r"DEBOUNCE_MS\s*=\s*(\d+)", main.read_text()) if main.is_file() else None
    if not found:
        return "main.mjs has no DEBOUNCE_MS: the worker is asked on the input event itself"
    return f"the page waits {found.group(1)} ms after the last keystroke before it asks the worker"


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def totals(profile: dict[str, Any]) -> dict[str, int]:
    """What CPython's hsp_core says; the pages must show the same."""
    from hsp_core.jsonapi import assess_json

    answer = json.loads(assess_json(json.dumps(profile)))
    if not answer["ok"]:
        raise BuildError(f"the bench profile is invalid: {answer['errors']}")
    return {c: cat["total"] for c, cat in answer["result"]["categories"].items()}


def fragment(profile: dict[str, Any]) -> str:
    """#profile=<base64url of the JSON, unpadded>, the calculator's link format."""
    raw = json.dumps(profile, separators=(",", ":")).encode()
    return "#profile=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def recompute_steps(n: int) -> list[dict[str, Any]]:
    steps, last = [], totals(PROFILE)
    for i in range(n):
        salary = SALARIES[i % len(SALARIES)]
        expected = totals({**PROFILE, SALARY_FIELD: salary})
        if expected == last:  # the page would already look "ready": nothing to time
            raise BuildError(f"salary {salary} gives the same totals as the step before")
        steps.append({"value": str(salary), "expected": expected})
        last = expected
    return steps


def earliest(salary: int) -> str:
    """CPython's earliest filing date for TIMELINE_PROFILE with this planned pay ("" if none)."""
    from hsp_core.timeline_series import page_json

    pay = [TIMELINE_PROFILE["salary"][0], {**TIMELINE_PROFILE["salary"][1],
                                           "annual_salary_jpy": salary}]
    answer = json.loads(page_json(json.dumps({**TIMELINE_PROFILE, "salary": pay}),
                                  TIMELINE_DATE))
    if not answer["ok"]:
        raise BuildError(f"the bench's dated profile is invalid: {answer['errors']}")
    return str(answer["result"]["earliest"]["date"] or "")


def dates_fragment() -> str:
    """The calculator's link with the bench profile and TIMELINE_PROFILE as its &dates= part."""
    state = {"v": 1, "profile": TIMELINE_PROFILE, "date": TIMELINE_DATE}
    raw = json.dumps(state, separators=(",", ":")).encode()
    return fragment(PROFILE) + "&dates=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def timeline_steps(n: int) -> list[dict[str, Any]]:
    steps, last = [], earliest(TIMELINE_PROFILE["salary"][1]["annual_salary_jpy"])
    for i in range(n):
        salary = TIMELINE_SALARIES[(i + 1) % len(TIMELINE_SALARIES)]
        expected = earliest(salary)
        if expected == last:  # the page would already show it: nothing to time
            raise BuildError(f"planned pay {salary} gives the same earliest date as before")
        steps.append({"value": str(salary), "expected": expected})
        last = expected
    return steps


def stale() -> str | None:
    """Why public/ needs a build, or None. The manifest is the build's last file."""
    built = PUBLIC / "pyodide" / MANIFEST
    if not built.is_file():
        return "public/ is missing"
    when = built.stat().st_mtime
    for name in BUILD_INPUTS:
        top = ROOT / name
        for p in [top] if top.is_file() else top.rglob("*"):
            if p.is_file() and "__pycache__" not in p.parts and p.stat().st_mtime > when:
                return f"{p.relative_to(ROOT)} changed after the last build"
    return None


def prepare(run: Path, site: Path = PUBLIC) -> tuple[Path, Path, Path]:
    """A copy of public/ (a concurrent build swaps it; the copy keeps a run consistent) and
    the naive sites, from npm's stock files and the original pinned wheels."""
    with (CACHE / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the same lock scripts/build holds while it swaps
        shutil.copytree(site, run / "ours")
        # pip's download cache for the pins: the original wheels, not our precompiled ones.
        pinned = [*vendor.wheels(), *vendor.wheels(BENCH_PINS)]
    own = hsp_wheel.build(run / "wheel")  # standard PEP 517 build, .py sources
    bench_naive.assemble(run / "naive", [*pinned, own], PROFILE)
    bench_naive.assemble(run / "naive-lock", [*pinned, own], PROFILE, installer="lock")
    return run / "ours", run / "naive", run / "naive-lock"


def measure(pw: Playwright, v: bb.Variant, profile: Path, steps: list[dict[str, Any]],
            timeout_ms: float, timeline: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One round of one page: cold, warm, (recompute,) restart."""
    out: dict[str, Any] = {}
    ctx = bb.launch(pw, profile, v, CHROMIUM)
    try:
        out["chromium"] = ctx.browser.version if ctx.browser else None
        page, seen = bb.first_page(ctx), bb.InFlight(ctx)
        out["cold"] = bb.load(page, v, seen, lambda: page.goto(
            v.url, wait_until="commit", timeout=timeout_ms), timeout_ms)
        out["warm"] = bb.load(page, v, seen, lambda: page.reload(
            wait_until="commit", timeout=timeout_ms), timeout_ms)
        out["memory"] = bb.memory(ctx, page)
        if steps and out["warm"].first_result_ms is not None:
            out["recompute"] = bb.recompute(page, f'[name="{SALARY_FIELD}"]', steps)
        if timeline and out["warm"].first_result_ms is not None:
            out["timeline"] = bb.timeline_recompute(page, dates_fragment(), TIMELINE_FIELD,
                                                    timeline)
    finally:
        ctx.close()
    ctx = bb.launch(pw, profile, v, CHROMIUM)
    try:
        page, seen = bb.first_page(ctx), bb.InFlight(ctx)
        out["restart"] = bb.load(page, v, seen, lambda: page.goto(
            v.url, wait_until="commit", timeout=timeout_ms), timeout_ms)
    finally:
        ctx.close()
    for k in LOADS:
        out[k] = asdict(out[k])
    return out


def offline_after_visit(pw: Playwright, v: bb.Variant, profile: Path,
                        timeout_ms: float) -> dict[str, Any]:
    """One visit in a fresh profile (its first result, then its background work over: the
    service worker installed, the downloads settled; "visit" has its bytes and storage), then
    the context goes offline and the page reloads."""
    ctx = bb.launch(pw, profile, v, CHROMIUM)
    try:
        page, seen, start = bb.first_page(ctx), bb.InFlight(ctx), len(v.server.traffic)
        # A longer quiet spell: a service worker's own downloads are invisible to Playwright.
        visit = bb.load(page, v, seen, lambda: page.goto(
            v.url, wait_until="commit", timeout=timeout_ms), timeout_ms, quiet_s=3.0)
        if visit.error:
            return {"works": False, "why": f"the first visit failed: {visit.error}",
                    "server_requests": 0}
        background = bb.after_background(page, v.server, seen)
        sent = v.server.traffic[start:]
        files: dict[str, int] = {}
        for s in sent:
            files[s.path] = files.get(s.path, 0) + s.nbytes
        stored = bb.storage_usage(page)
        first = {**background, "bytes": sum(s.nbytes for s in sent), "requests": len(sent),
                 "bytes_to_result": visit.bytes_to_result, "storage": stored["usage"],
                 "storage_details": stored["details"], "files": files}
        return {**bb.offline_reload(ctx, page, v.server, min(timeout_ms, 60_000)),
                "visit": first}
    finally:
        ctx.close()


def rows(samples: dict[str, list[dict[str, Any]]],
         baseline: dict[str, Any] | None = None) -> dict[str, Row]:
    """The table; `baseline` (page -> memory() without its runtime) adds the RSS Python adds."""
    def values(name: str, load: str, key: str) -> list[float | None]:
        return [r[load][key] for r in samples[name]]

    out = {
        k: Row(label, unit, summarize(values("ours", load, key)),
               summarize(values("naive", load, key)))
        for k, (label, load, key, unit) in METRICS.items()
    }  # fmt: skip

    def mem(name: str, pick: str) -> list[float | None]:
        got = []
        for r in samples[name]:
            m = r["memory"]
            if pick == "heap":
                got.append(m["pyodide_target"]["total"] if m.get("pyodide_target") else None)
            else:
                got.append(m["renderer_kb"]["vmrss"] * 1024 if m.get("renderer_kb") else None)
        return got

    out["memory_heap"] = Row("Pyodide's JS heap + ArrayBuffers, after warm load", "B",
                             summarize(mem("ours", "heap")), summarize(mem("naive", "heap")))
    out["memory_rss"] = Row("renderer process RSS, after warm load", "B",
                            summarize(mem("ours", "rss")), summarize(mem("naive", "rss")))

    def added(name: str) -> list[float | None]:
        base = (baseline or {}).get(name, {}).get("renderer_kb")
        return [None if x is None or not base else x - base["vmrss"] * 1024
                for x in mem(name, "rss")]

    out["memory_added"] = Row("renderer RSS added by Python (vs runtime blocked)", "B",
                              summarize(added("ours")), summarize(added("naive")))
    return out


def phases(samples: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Per page and load: the first result's and each phase's median (ms from navigation)."""
    out: dict[str, dict[str, Any]] = {}
    for name, runs in samples.items():
        for load in LOADS:
            names = dict.fromkeys(k for r in runs for k in r[load]["phases"])
            out.setdefault(name, {})[load] = {
                "first_result_ms": summarize(r[load]["first_result_ms"] for r in runs),
                "phases_ms": {k: summarize(r[load]["phases"].get(k) for r in runs)
                              for k in names},
            }
    return out


def recompute_samples(samples: list[dict[str, Any]], key: str) -> list[float]:
    return [s[key] for r in samples for s in r.get("recompute", []) if s and s[key] is not None]


def timeline_samples(samples: list[dict[str, Any]]) -> list[float]:
    return [s for r in samples for s in r.get("timeline", []) if s is not None]


def git_describe() -> str:
    res = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    return res.stdout.strip() or "unknown"


def storage(scenario: dict[str, Any]) -> str:
    """A scenario's storage estimate, with the parts Chromium names (Cache Storage, OPFS...)."""
    if scenario.get("storage") is None:
        return "?"
    parts = ", ".join(f"{k} {fmt(v, 'B')}" for k, v in scenario.get("storage_details", {}).items())
    return fmt(scenario["storage"], "B") + (f" ({parts})" if parts else "")


def report(result: dict[str, Any]) -> str:
    """The printed summary: table, recompute, memory, scenarios, targets."""
    samples, lines = result["samples"], []
    meta = result["meta"]
    lines.append(f"scripts/bench @ {meta['commit']}: Chromium {meta['chromium']}, Pyodide "
                 f"{meta['pyodide']}, {meta['rounds']} round(s), {meta['cpus']} CPUs, load "
                 f"average {meta['loadavg_start'][0]:.1f} → {meta['loadavg_end'][0]:.1f}")
    table_rows = rows(samples, result["scenarios"].get("without_runtime"))
    lines += ["", table(list(table_rows.values())), ""]
    rin = recompute_samples(samples["ours"], "input_to_ready")
    rpost = recompute_samples(samples["ours"], "post_to_ready")
    if rin:
        lines.append(
            f"recompute (ours, {len(rin)} changes): input event → ready p50 "
            f"{percentile(rin, 50):.0f} ms, p95 {percentile(rin, 95):.0f} ms; request to the "
            f"worker → ready p50 {percentile(rpost, 50) if rpost else float('nan'):.0f} ms, "
            f"p95 {percentile(rpost, 95) if rpost else float('nan'):.0f} ms "
            f"({meta['debounce']})")
    tl = timeline_samples(samples["ours"])
    if tl:
        lines.append(f"timeline recompute (ours, {len(tl)} changes of a planned pay rise): input "
                     f"event → new earliest date shown p50 {percentile(tl, 50):.0f} ms, p95 "
                     f"{percentile(tl, 95):.0f} ms")
    lines.append("memory: RSS from /proc of the largest renderer (the page and its workers), "
                 "also minus the same page's with its runtime blocked; CDP "
                 "Runtime.getHeapUsage (after a GC) of the target running Pyodide (ours: its "
                 "worker; naive: the page): JS heap + ArrayBuffer backing stores")
    lines.append("bytes: written by the bench's server, headers included, no compression; "
                 "HTTP-cache and service-worker answers cost 0. KB = 1000 bytes.")
    lines.append("phases, cold load, medians in ms from navigation start (ours: first "
                 "message of each kind from its worker; naive pages: performance.mark):")
    for name, loads in result["phases"].items():
        cold = loads["cold"]
        marks = sorted(((k, v["median"]) for k, v in cold["phases_ms"].items() if v),
                       key=lambda kv: kv[1])
        first = cold["first_result_ms"]
        lines.append(f"  {name}: " + ", ".join(f"{k} {v:,.0f}" for k, v in marks)
                     + f"; first result {first['median'] if first else float('nan'):,.0f}")
    sc = result["scenarios"]
    for name in ("ours", "naive"):
        off = sc["offline"].get(name)
        if off:
            lines.append(f"offline reload after a visit, {name}: "
                         + ("result in " + fmt(off["first_result_ms"], "ms") if off["works"]
                            else "no result: " + off["why"])
                         + " (reached the server meanwhile: "
                         + (", ".join(off["leaked"]) or "nothing") + ")")
    for name in ("ours", "naive"):
        first = (sc["offline"].get(name) or {}).get("visit")
        if first:
            lines.append(f"first visit in all, {name} (background work over: service worker "
                         f"{'installed' if first['service_worker'] else 'none'}, nothing asked "
                         f"for 3 s): {fmt(first['bytes'], 'B')} in {first['requests']} answers, "
                         f"{fmt(first['bytes_to_result'] or 0, 'B')} before the first result; "
                         "storage then " + storage(first))
    guide = sc.get("guide_pages")
    if guide:
        lines.append(f"guide pages only, ours ({', '.join(guide['pages'])}, then the service "
                     f"worker's install): {fmt(guide['bytes'], 'B')} over the network, storage "
                     + storage(guide))
    for name, t in sc.get("throttled", {}).items():
        shown = "never" if t["first_result_ms"] is None else fmt(t["first_result_ms"], "ms")
        lines.append(f"throttled cold load ({THROTTLE['downloadThroughput'] * 8 / 1e6:.1f} Mbps, "
                     f"{THROTTLE['latency']:.0f} ms RTT), {name}: first result {shown}, "
                     f"{fmt(t['bytes'], 'B')}; screenshots "
                     + ", ".join(s["png"] for s in t["screenshots"]))
    fd = sc.get("failed_download")
    if fd:
        lines.append(f"aborted .wasm download (ours): Retry shown: {fd['retry_shown']}; "
                     f"after Retry a result in {fd.get('recovered_after_retry_ms')} ms; "
                     f"{fd['png']}")
    lines += ["", "targets:", *(t["line"] for t in result["targets"])]
    return "\n".join(lines)


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="scripts/bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5, help="A/B rounds (default 5)")
    ap.add_argument("--recompute", type=int, help="input changes per round (default 50; "
                    "10 with --quick)")
    ap.add_argument("--quick", action="store_true",
                    help="10 recompute changes, no throttled scenario")
    ap.add_argument("--no-throttle", action="store_true", help="skip the throttled scenario")
    ap.add_argument("--out", type=Path, default=ROOT / "bench-results" / "bench.json",
                    help="JSON results; screenshots go to the same folder")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per load (default 120)")
    ap.add_argument("--no-build", action="store_true", help="use public/ as it is")
    ap.add_argument("--site", type=Path, default=PUBLIC,
                    help="measure this built site as ours instead of public/ (e.g. an older "
                    "build, to price one change); never built by the bench")
    args = ap.parse_args(argv)
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    args.site = args.site.resolve()
    if args.site != PUBLIC and not (args.site / "calculator" / "index.html").is_file():
        ap.error(f"--site {args.site} has no calculator/index.html: not a built site")
    if args.recompute is None:
        args.recompute = 10 if args.quick else 50
    return args


def run(args: argparse.Namespace, work: Path) -> tuple[dict[str, Any], bool]:
    """Everything that needs the servers and the browser. Returns (result, something broke)."""
    shots = args.out.parent
    timeout_ms = args.timeout * 1000
    ours_root, naive_root, lock_root = prepare(work, args.site)
    steps = recompute_steps(args.recompute)
    timeline = timeline_steps(args.recompute)
    expected = totals(PROFILE)
    samples: dict[str, list[dict[str, Any]]] = {"ours": [], "naive": []}
    if not args.quick:
        samples["naive-lock"] = []
    scenarios: dict[str, Any] = {"offline": {}, "without_runtime": {}}
    meta: dict[str, Any] = {
        "commit": git_describe(), "pyodide": pyodide_version(), "rounds": args.rounds,
        "recompute_changes": args.recompute, "cpus": os.cpu_count(),
        "loadavg_start": os.getloadavg(), "profile": PROFILE, "throttle": THROTTLE,
        "debounce": debounce_note(ours_root),
        "site": {"service_worker": (ours_root / "sw.js").is_file(),
                 "pyodide_files": sorted(p.name for p in (ours_root / "pyodide").iterdir())},
    }  # fmt: skip
    with (start_server(ours_root, PREFIX) as ours_site,
          start_server(naive_root, PREFIX) as naive_site,
          start_server(lock_root, PREFIX) as lock_site, sync_playwright() as pw):
        ours = bb.Variant("ours", ours_site, f"{ours_site.url}calculator/{fragment(PROFILE)}",
                          expected, OURS_ENTRY, FORM_INPUT)
        naive = bb.Variant("naive", naive_site, naive_site.url, expected, NAIVE_ENTRY)
        pages = [ours, naive,
                 bb.Variant("naive-lock", lock_site, lock_site.url, expected, NAIVE_ENTRY)]
        pages = [v for v in pages if v.name in samples]
        for r in range(args.rounds):
            # Each round starts with a different page, so none always goes first.
            for v in pages[r % len(pages):] + pages[:r % len(pages)]:
                log(f"round {r + 1}/{args.rounds}: {v.name}")
                with tempfile.TemporaryDirectory(dir=work) as profile:
                    got = measure(pw, v, Path(profile), steps if v is ours else [], timeout_ms,
                                  timeline if v is ours else None)
                meta["chromium"] = got.pop("chromium")
                samples[v.name].append(got)
        for v in (ours, naive):
            log(f"scenario: {v.name} without its Python runtime (memory baseline)")
            with tempfile.TemporaryDirectory(dir=work) as profile:
                scenarios["without_runtime"][v.name] = bb.without_runtime(
                    pw, v, Path(profile), CHROMIUM, timeout_ms)
        for v in (ours, naive):
            log(f"scenario: offline after the first visit, {v.name}")
            with tempfile.TemporaryDirectory(dir=work) as profile:
                scenarios["offline"][v.name] = offline_after_visit(pw, v, Path(profile),
                                                                   timeout_ms)
        log("scenario: guide pages only, ours")
        with tempfile.TemporaryDirectory(dir=work) as profile:
            scenarios["guide_pages"] = bb.guide_pages(
                pw, ours, [ours_site.url + p for p in GUIDE_PAGES], Path(profile), CHROMIUM,
                timeout_ms)
        ours = dataclasses.replace(ours, form_input=None)  # no focus ring in the screenshots
        log("scenario: aborted .wasm download")
        with tempfile.TemporaryDirectory(dir=work) as profile:
            scenarios["failed_download"] = bb.failed_download(
                pw, ours, Path(profile), CHROMIUM, shots, timeout_ms)
        if not (args.quick or args.no_throttle):
            scenarios["throttled"] = {}
            for v in (ours, naive):
                log(f"scenario: throttled cold load, {v.name} (takes minutes)")
                with tempfile.TemporaryDirectory(dir=work) as profile:
                    scenarios["throttled"][v.name] = bb.throttled(
                        pw, v, Path(profile), CHROMIUM, shots, MOMENTS_S, THROTTLE,
                        max(timeout_ms, 600_000))
    meta["loadavg_end"] = os.getloadavg()
    table_rows = rows(samples, scenarios["without_runtime"])
    offline = scenarios["offline"].get("ours")
    visit = (offline or {}).get("visit") or {}
    throttled = scenarios.get("throttled", {})
    goals: list[Target] = targets(
        table_rows, recompute_samples(samples["ours"], "input_to_ready"),
        recompute_samples(samples["ours"], "post_to_ready"),
        None if offline is None else bool(offline["works"]), meta["debounce"],
        timeline_samples(samples["ours"]),
        light=Footprint(visit.get("bytes"), visit.get("storage"),
                        scenarios["guide_pages"].get("storage"),
                        ((throttled.get("ours") or {}).get("first_result_ms"),
                         (throttled.get("naive") or {}).get("first_result_ms"))))
    broken = any(r[k]["error"] for name in samples for r in samples[name] for k in LOADS)
    result = {
        "meta": meta, "samples": samples, "scenarios": scenarios,
        "summary": {k: {"label": r.label, "unit": r.unit,
                        "ours": r.ours and asdict(r.ours), "naive": r.naive and asdict(r.naive),
                        "ratio": r.ratio} for k, r in table_rows.items()},
        "targets": [{**t.as_json(), "line": t.line()} for t in goals],
        "phases": json.loads(json.dumps(phases(samples), default=asdict)),
    }  # fmt: skip
    return result, broken


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.site == PUBLIC and not args.no_build and (why := stale()):
        log(f"building the site first: {why}")
        if build.main():
            return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=WORK))
    start = time.monotonic()
    try:
        result, broken = run(args, work)
    except BuildError as e:
        log(f"FAILED: {e}")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["meta"]["seconds"] = round(time.monotonic() - start, 1)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(report(result))
    print(f"\nraw samples and summary: {args.out} ({result['meta']['seconds']:.0f} s)")
    for name in result["samples"]:
        for i, r in enumerate(result["samples"][name]):
            for k in LOADS:
                if r[k]["error"]:
                    print(f"BROKEN: {name} round {i + 1} {k}: {r[k]['error']}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
