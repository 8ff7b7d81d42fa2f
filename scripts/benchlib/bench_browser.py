"""scripts/bench's browser side: Debian Chromium driven by Playwright, all on 127.0.0.1.

Every time is read inside the page, relative to the navigation start (performance.now() is
0 at the document's time origin), so Playwright's round trips never enter a figure:

* first result: a MutationObserver sees [data-testid=calculator] get data-state="ready" while
  [data-testid=total-a|b|c] hold the totals CPython's hsp_core gives for the same profile;
* first result drawn: a task posted in the next frame's requestAnimationFrame has run, so that
  frame, the first to show the result, has been laid out and painted;
* form usable: by when a key typed into the form's first text input the moment it is first
  painted visible and enabled has been handled. Two upper bounds are measured; the smaller
  one is the figure:
  - next task: a task posted in that first frame runs (input events are never scheduled
    behind it, so such a key was handled by then);
  - real keystroke: the page focuses the input in that frame and says on the console that it
    is visible; from then on Playwright sends ArrowRight presses back to back (CDP
    Input.dispatchKeyEvent; the caret moves, nothing changes), and the keydown handler notes the
    first key reaching it (later than needed, by Playwright's round trips: tens to hundreds of
    ms on a busy machine) and says so on the console. Keys pressed from the navigation's commit
    on, as at first, kept the browser busy while the page started and delayed its first result
    (an A/B in docs/performance-notes.md), a cost the naive page, which has no form, did not pay;
* the bench learns of all three from console messages and evaluates nothing in the page until
  the first result is drawn: Playwright's first evaluate injects a script of its own (it runs
  on the page's main thread, in traces), and wait_for_function polls in the page;
* recompute: an input event on the salary field until "ready" with the new totals, 50 times,
  in one page.evaluate; Worker.prototype.postMessage is wrapped to also time the part after
  the page's debounce (the request to the worker).

Every navigation starts once the browser is idle (wait_until_idle): a freshly launched Chromium
spends CPU on its own start for a while (traced: the omnibox popup's WebUI renderer), which a
visitor's long-running browser has done long before.

Bytes are what the bench's own server wrote (headers included; buildlib.server records every
answer): anything from the HTTP cache or a service worker costs 0 network bytes. Those "before
the first result" are the answers the server had ended by then (its clock against the page's
performance.timeOrigin + the first result). Storage is navigator.storage.estimate().usage
(Cache Storage, OPFS, IndexedDB, the service worker; not the HTTP cache).
"""

import contextlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from buildlib.server import StaticServer
from playwright.sync_api import BrowserContext, Page, Playwright, ViewportSize
from playwright.sync_api import Error as PlaywrightError

# As in tests/browser/conftest.py; Playwright's own browser download is never used.
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
ROOT = "[data-testid=calculator]"
RETRY = f"{ROOT} .hsp-retry"
STATUS = f"{ROOT} .hsp-status"

# Installed before any page script (context.add_init_script); __CFG__ is replaced by JSON.
KEY_SEEN = "bench: key seen"
FORM_SEEN = "bench: form visible"
DRAWN = "bench: drawn"
_INIT_JS = """(() => {
  const cfg = __CFG__;
  const [KEY_SEEN, FORM_SEEN, DRAWN] = __SAID__;
  const b = (window.__bench = {
    ready: null, drawn: null, visible: null, nextTask: null, key: null, keySent: null,
    lastPost: null,
    longTasks: [], phases: {} });
  try { // main-thread tasks over 50 ms: what keeps a keystroke waiting
    new PerformanceObserver((list) => {
      for (const t of list.getEntries()) b.longTasks.push([t.startTime, t.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  const totalsAre = (root, expected) => Object.entries(expected).every(
    ([c, t]) => root.querySelector(`[data-testid=total-${c}]`)?.textContent === String(t));
  b.isReady = (expected) => {
    const root = document.querySelector("[data-testid=calculator]");
    return Boolean(root) && root.dataset.state === "ready" && totalsAre(root, expected);
  };
  new MutationObserver(() => {
    if (b.ready !== null || !b.isReady(cfg.expected)) return;
    b.ready = performance.now();
    requestAnimationFrame(() => { // the frame that shows it
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { b.drawn = performance.now(); console.debug(DRAWN); };
      channel.port2.postMessage(null);
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
  if (cfg.input) {
    const poll = () => {
      const el = document.querySelector(cfg.input);
      if (el && !el.disabled && !el.readOnly && el.checkVisibility()) {
        b.visible = performance.now();
        el.focus({ preventScroll: true }); // stands in for the user's tap on the field
        console.debug(FORM_SEEN);
        const channel = new MessageChannel(); // the next task, after whatever runs now
        channel.port1.onmessage = () => { b.nextTask = performance.now(); };
        channel.port2.postMessage(null);
      } else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
    addEventListener("keydown", (e) => {
      if (b.key === null && e.isTrusted && e.target.matches?.(cfg.input)) {
        b.key = performance.now();
        b.keySent = e.timeStamp;
        console.debug(KEY_SEEN);
      }
    }, true);
  }
  if (self.Worker) {
    // Phases of a worker-run runtime: when each kind of message from a worker first arrived.
    const Base = Worker;
    window.Worker = function (...args) {
      const worker = new Base(...args);
      worker.addEventListener("message", ({ data }) => {
        const kind = data?.stage ? `${data.type}:${data.stage}` : data?.type;
        if (typeof kind === "string" && !(kind in b.phases)) b.phases[kind] = performance.now();
      });
      return worker;
    };
    window.Worker.prototype = Base.prototype;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (...args) {
      b.lastPost = performance.now();
      return post.apply(this, args);
    };
  }
})();"""

_RECOMPUTE_JS = """async ({ selector, steps, gapMs, limitMs }) => {
  const b = window.__bench;
  const root = document.querySelector("[data-testid=calculator]");
  const el = root.querySelector(selector);
  const out = [];
  for (const { value, expected } of steps) {
    let observer;
    const done = new Promise((resolve) => {
      observer = new MutationObserver(() => {
        if (b.isReady(expected)) resolve(performance.now());
      });
      observer.observe(root, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
      setTimeout(() => resolve(null), limitMs);
    });
    b.lastPost = null;
    el.value = value;
    const t0 = performance.now();
    el.dispatchEvent(new Event("input", { bubbles: true }));
    const t1 = await done;
    observer.disconnect();
    out.push(t1 === null ? null : {
      input_to_ready: t1 - t0, post_to_ready: b.lastPost === null ? null : t1 - b.lastPost });
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return out;
}"""


# The "When can I apply?" part: the page gets the dates by a hashchange (the part opens and
# computes), then each step changes one input and waits until that step's earliest date shows.
_TIMELINE_JS = """async ({ hash, selector, steps, gapMs, limitMs }) => {
  const when = document.querySelector(".hsp-when");
  const shows = (date) => when.dataset.state === "ready"
    && when.querySelector("[data-testid=earliest]")?.dataset.date === date;
  const wait = (test) => new Promise((resolve) => {
    if (test()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(when, { subtree: true, childList: true, attributes: true });
    setTimeout(() => { observer.disconnect(); resolve(null); }, limitMs);
  });
  location.hash = hash;
  if (await wait(() => when.dataset.state === "ready") === null) return [];
  const out = [];
  for (const { value, expected } of steps) {
    const el = when.querySelector(selector);
    el.value = value;
    const t0 = performance.now();
    el.dispatchEvent(new Event("input", { bubbles: true }));
    const t1 = await wait(() => shows(expected));
    out.push(t1 === null ? null : t1 - t0);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return out;
}"""


@dataclass(frozen=True)
class Variant:
    """A page under test and how to recognise its first result."""

    name: str
    server: StaticServer
    url: str
    expected: dict[str, int]  # category -> total, from CPython's hsp_core
    runtime_entry: str  # regex of the URL that starts Python (blocked for the memory baseline)
    form_input: str | None = None  # the form's first text input (ours); None: no form


@dataclass
class Load:
    """One navigation: in-page times (ms from navigation start) and the server's bytes."""

    first_result_ms: float | None
    first_drawn_ms: float | None  # the end of the frame that first shows it
    form_usable_ms: float | None  # the smaller of the two below
    form_visible_ms: float | None
    form_next_task_ms: float | None
    form_keystroke_ms: float | None
    form_key_received_ms: float | None
    bytes: int
    bytes_to_result: int | None  # those the server had sent when the first result showed
    requests: int
    not_modified: int  # 304 answers among them
    longest_task_ms: float  # the page's main thread, until the first result
    error: str | None = None
    start: str | None = None  # the calculator's data-start: how its runtime started
    long_tasks: list[list[float]] = field(default_factory=list)  # [start, duration] ms
    phases: dict[str, float] = field(default_factory=dict)  # worker messages, page marks
    files: dict[str, int] = field(default_factory=dict)  # path -> bytes, non-zero only


def _cpu_ticks(profile: Path) -> int | None:
    """CPU time (clock ticks) of the browser using `profile` and of all its child processes;
    None where /proc cannot tell."""
    stats: dict[int, tuple[int, int]] = {}  # pid -> (parent, ticks)
    roots = set()
    try:
        pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    except OSError:
        return None
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/cmdline") as f:
                cmdline = f.read()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
        stats[pid] = (int(fields[1]), int(fields[11]) + int(fields[12]))  # ppid, utime + stime
        if f"--user-data-dir={profile}" in cmdline and "--type=" not in cmdline:
            roots.add(pid)
    if not roots:
        return None
    tree, grew = set(roots), True
    while grew:
        children = {pid for pid, (parent, _) in stats.items() if parent in tree} - tree
        tree |= children
        grew = bool(children)
    return sum(stats[pid][1] for pid in tree)


def wait_until_idle(profile: Path, window_s: float = 0.25, quiet_windows: int = 2,
                    limit_s: float = 10.0) -> None:
    """Wait until the browser on `profile` used at most one clock tick (10 ms) of CPU in each of
    `quiet_windows` windows in a row, or `limit_s` passed (then, or without /proc, go on)."""
    last = _cpu_ticks(profile)
    if last is None:
        return
    end, quiet = time.monotonic() + limit_s, 0
    while quiet < quiet_windows and time.monotonic() < end:
        time.sleep(window_s)
        now = _cpu_ticks(profile)
        if now is None:
            return
        quiet = quiet + 1 if now - last <= 1 else 0
        last = now


def launch(pw: Playwright, profile: Path, v: Variant, chromium: str) -> BrowserContext:
    """A persistent context: the profile folder keeps the HTTP/code caches and workers.
    Returns once the new browser is idle (see the module's docstring)."""
    ctx = pw.chromium.launch_persistent_context(
        str(profile), executable_path=chromium, headless=True, args=ARGS, viewport=VIEWPORT)
    wait_until_idle(profile)
    cfg = {"expected": v.expected, "input": v.form_input}
    ctx.add_init_script(script=_INIT_JS.replace("__CFG__", json.dumps(cfg))
                        .replace("__SAID__", json.dumps([KEY_SEEN, FORM_SEEN, DRAWN])))
    return ctx


def first_page(ctx: BrowserContext) -> Page:
    return ctx.pages[0] if ctx.pages else ctx.new_page()


class InFlight:
    """Requests Playwright saw start and not yet end, workers' included."""

    def __init__(self, ctx: BrowserContext) -> None:
        self.open: set[Any] = set()
        # Lambdas: Playwright tags each handler with an attribute, which builtins refuse.
        ctx.on("request", lambda r: self.open.add(r))
        ctx.on("requestfinished", lambda r: self.open.discard(r))
        ctx.on("requestfailed", lambda r: self.open.discard(r))


def settle(page: Page, server: StaticServer, inflight: InFlight, quiet_s: float = 0.5,
           limit_s: float = 15.0) -> None:
    """Wait until nothing is in flight and the server answered nothing for `quiet_s`, so
    background downloads after the first result (a service worker's caching) are counted."""
    seen, last = len(server.traffic), time.monotonic()
    end = last + limit_s
    while time.monotonic() < end:
        page.wait_for_timeout(100)  # also lets Playwright deliver its events
        now = time.monotonic()
        if len(server.traffic) != seen:
            seen, last = len(server.traffic), now
        elif not inflight.open and now - last >= quiet_s:
            return


def _state(page: Page) -> str:
    """The calculator's state and status line, for error messages."""
    try:
        text = page.evaluate(f"""() => {{
            const r = document.querySelector("{ROOT}");
            if (!r) return "no calculator on the page";
            const s = r.querySelector(".hsp-status__text, #status");
            return `data-state=${{r.dataset.state}}: ${{s ? s.textContent : ""}}`;
        }}""")
    except PlaywrightError as e:
        return f"page unreadable ({str(e).splitlines()[0]})"
    return str(text).strip()


def load(page: Page, v: Variant, inflight: InFlight, navigate: Callable[[], object],
         timeout_ms: float, quiet_s: float = 0.5) -> Load:
    """Navigate (goto or reload, waiting only for the commit), then collect the marks."""
    start = len(v.server.traffic)
    error = None
    said: set[str] = set()

    def on_console(message: Any) -> None:
        said.add(message.text)

    def wait_for(text: str, then: Callable[[], object] = lambda: page.wait_for_timeout(5)) -> None:
        while text not in said:
            if time.monotonic() > end:
                raise PlaywrightError(f"no {text!r} on the console within {timeout_ms:.0f} ms")
            then()  # Playwright delivers console events meanwhile

    page.on("console", on_console)
    end = time.monotonic() + timeout_ms / 1000
    try:
        navigate()
        if v.form_input:
            wait_for(FORM_SEEN)
            # returns once the renderer has handled it
            wait_for(KEY_SEEN, lambda: page.keyboard.press("ArrowRight"))
        wait_for(DRAWN, lambda: page.wait_for_timeout(20))
    except PlaywrightError as e:
        error = f"{str(e).splitlines()[0]} [{_state(page)}]"
    finally:
        page.remove_listener("console", on_console)
    marks: dict[str, Any] = {}
    try:
        marks = page.evaluate("({ready: __bench.ready, drawn: __bench.drawn, "
                              "visible: __bench.visible, "
                              "nextTask: __bench.nextTask, start: document.querySelector("
                              "'[data-testid=calculator]')?.dataset.start ?? null, "
                              "key: __bench.key, keySent: __bench.keySent, "
                              "origin: performance.timeOrigin, "
                              "longTasks: __bench.longTasks, phases: {...__bench.phases, "
                              "...Object.fromEntries(performance.getEntriesByType('mark')"
                              ".map((m) => [m.name, m.startTime]))}})")
        settle(page, v.server, inflight, quiet_s)
    except PlaywrightError as e:
        error = error or str(e).splitlines()[0]
    sent = v.server.traffic[start:]
    bounds = [marks[k] for k in ("nextTask", "key") if marks.get(k) is not None]
    long_tasks: list[list[float]] = marks.get("longTasks", [])
    files: dict[str, int] = {}
    for s in sent:
        if s.nbytes > 200:  # skip 304s and tiny answers in the breakdown
            files[s.path] = files.get(s.path, 0) + s.nbytes
    shown_at = (None if marks.get("ready") is None or marks.get("origin") is None
                else (marks["origin"] + marks["ready"]) / 1000)  # epoch s, as Sent.at
    return Load(
        first_result_ms=marks.get("ready"), first_drawn_ms=marks.get("drawn"),
        form_visible_ms=marks.get("visible"),
        form_usable_ms=min(bounds, default=None), form_next_task_ms=marks.get("nextTask"),
        form_keystroke_ms=marks.get("key"),
        form_key_received_ms=marks.get("keySent"), bytes=sum(s.nbytes for s in sent),
        bytes_to_result=None if shown_at is None else sum(
            s.nbytes for s in sent if s.at <= shown_at),
        requests=len(sent), not_modified=sum(s.status == 304 for s in sent), error=error,
        longest_task_ms=max((d for t, d in long_tasks if t <= (marks.get("ready") or t)),
                            default=0.0),
        start=marks.get("start"), long_tasks=long_tasks,
        phases=marks.get("phases", {}), files=files,
    )  # fmt: skip


def recompute(page: Page, field_selector: str, steps: list[dict[str, Any]],
              gap_ms: int = 30, limit_ms: int = 10_000) -> list[dict[str, float | None] | None]:
    """Per change: input event -> ready with the new totals, and worker request -> ready."""
    args = {"selector": field_selector, "steps": steps, "gapMs": gap_ms, "limitMs": limit_ms}
    result: list[dict[str, float | None] | None] = page.evaluate(_RECOMPUTE_JS, args)
    return result


def timeline_recompute(page: Page, hash_: str, field_selector: str,
                       steps: list[dict[str, Any]], gap_ms: int = 30,
                       limit_ms: int = 10_000) -> list[float | None]:
    """Per change of a dated input: input event -> its new earliest filing date on screen."""
    args = {"hash": hash_, "selector": field_selector, "steps": steps, "gapMs": gap_ms,
            "limitMs": limit_ms}
    result: list[float | None] = page.evaluate(_TIMELINE_JS, args)
    return result


def _rss_kb(pid: int) -> dict[str, int]:
    """VmRSS and (shared pages split fairly) Pss of a process, from /proc."""
    out: dict[str, int] = {}
    for path, key in ((f"/proc/{pid}/status", "VmRSS:"), (f"/proc/{pid}/smaps_rollup", "Pss:")):
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    out[key.rstrip(":").lower()] = int(line.split()[1])
        except OSError:
            pass
    return out


def memory(ctx: BrowserContext, page: Page) -> dict[str, Any]:
    """Per page and worker target, after a forced GC: JS heap in use and ArrayBuffer backing
    stores (CDP Runtime.getHeapUsage; how much of a wasm memory V8 counts there is not
    documented, so the renderer's RSS is the firmer figure). The target with the most is the
    one running Pyodide. Plus every renderer's RSS/PSS from /proc.

    Not used: Runtime.queryObjects (to sum WebAssembly.Memory buffers) crashes the renderer
    when sent to a worker in Chromium 156; measureUserAgentSpecificMemory needs cross-origin
    isolation (COOP/COEP headers), which GitHub Pages cannot send.
    """
    browser = ctx.browser
    if browser is None:
        return {"error": "no browser-level CDP session"}
    cdp = browser.new_browser_cdp_session()
    replies: dict[tuple[str, int], dict[str, Any]] = {}

    def receive(event: dict[str, Any]) -> None:
        message = json.loads(event["message"])
        if "id" in message:
            replies[event["sessionId"], message["id"]] = message

    def ask(sid: str, n: int, method: str) -> dict[str, Any]:
        message = json.dumps({"id": n, "method": method})
        cdp.send("Target.sendMessageToTarget", {"sessionId": sid, "message": message})
        end = time.monotonic() + 10
        while (sid, n) not in replies and time.monotonic() < end:
            page.wait_for_timeout(20)
        result: dict[str, Any] = replies.get((sid, n), {}).get("result", {})
        return result

    cdp.on("Target.receivedMessageFromTarget", receive)
    heaps = []
    for t in cdp.send("Target.getTargets")["targetInfos"]:
        if t["type"] not in ("page", "worker"):
            continue
        try:
            # Not flattened: Playwright's CDPSession cannot address a child session by id.
            sid = cdp.send("Target.attachToTarget", {"targetId": t["targetId"], "flatten": False})
            sid = sid["sessionId"]
            # Garbage first: downloads leave dead ArrayBuffers that would count until a GC.
            ask(sid, 1, "HeapProfiler.collectGarbage")
            usage = ask(sid, 2, "Runtime.getHeapUsage")
            cdp.send("Target.detachFromTarget", {"sessionId": sid})
        except PlaywrightError:  # the target ended meanwhile (a worker that gave up, say)
            continue
        if usage:
            heaps.append({
                "type": t["type"], "url": t["url"], "js_used": usage["usedSize"],
                "array_buffers": usage.get("backingStorageSize", 0),
            })  # fmt: skip
    renderers = [
        {"pid": p["id"], **_rss_kb(p["id"])}
        for p in cdp.send("SystemInfo.getProcessInfo")["processInfo"]
        if p["type"] == "renderer"
    ]
    cdp.detach()
    for h in heaps:
        h["total"] = h["js_used"] + h["array_buffers"]
    python = max(heaps, key=lambda h: h["total"], default=None)
    renderer = max(renderers, key=lambda r: r.get("vmrss", 0), default=None)
    return {
        # The target that runs Pyodide: the calculator's worker, or the naive page itself.
        "pyodide_target": python,
        # Dedicated workers live in their page's renderer; it is the largest one.
        "renderer_kb": renderer,
        "targets": heaps,
        "renderers": renderers,
    }  # fmt: skip


def without_runtime(pw: Playwright, v: Variant, profile: Path, chromium: str,
                    timeout_ms: float) -> dict[str, Any]:
    """The same page with its Python runtime's entry point blocked, loaded and left to settle:
    the renderer's size without Pyodide, to subtract from a loaded page's."""
    ctx = launch(pw, profile, v, chromium)
    try:
        blocked = re.compile(v.runtime_entry)
        ctx.route(blocked, lambda route: route.abort())
        page = first_page(ctx)
        page.goto(v.url, wait_until="load", timeout=timeout_ms)
        settle(page, v.server, InFlight(ctx), quiet_s=2.0)
        return memory(ctx, page)
    finally:
        ctx.close()


_SW_READY_JS = """async () => {
  const container = navigator.serviceWorker;
  if (!container || !(await container.getRegistration())) return false;
  await container.ready;
  return true;
}"""


def storage_usage(page: Page, steady_s: float = 1.0, limit_s: float = 15.0
                  ) -> dict[str, Any]:
    """navigator.storage.estimate() once two readings `steady_s` apart agree (the browser's
    account of a large write lags behind it), or the last one after `limit_s`: {"usage": bytes
    or None, "details": Chromium's usageDetails, e.g. caches, fileSystem (OPFS)}."""
    last: dict[str, Any] = {}
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        try:
            now = page.evaluate("async () => { const e = await navigator.storage.estimate();"
                                " return { usage: e.usage, details: e.usageDetails ?? {} }; }")
        except PlaywrightError:
            break
        if now == last:
            break
        last = now
        page.wait_for_timeout(steady_s * 1000)
    return {"usage": last.get("usage"), "details": last.get("details", {})}


def after_background(page: Page, server: StaticServer, inflight: InFlight,
                     quiet_s: float = 3.0, limit_s: float = 90.0) -> dict[str, Any]:
    """Once a page's background work is over: its service worker (if it registers one)
    activated, then nothing requested for `quiet_s` (its precache, the runtime's later files,
    invisible to Playwright but not to the server). Returns whether there is a worker."""
    try:
        worker = bool(page.evaluate(_SW_READY_JS))
    except PlaywrightError:
        worker = False
    settle(page, server, inflight, quiet_s, limit_s)
    return {"service_worker": worker}


def guide_pages(pw: Playwright, v: Variant, urls: list[str], profile: Path, chromium: str,
                timeout_ms: float) -> dict[str, Any]:
    """A fresh profile reads only guide pages, one after another (each once loaded, then a
    second): what the network sent and what the origin then stores."""
    ctx = launch(pw, profile, v, chromium)
    try:
        page, seen, start = first_page(ctx), InFlight(ctx), len(v.server.traffic)
        for url in urls:
            page.goto(url, wait_until="load", timeout=timeout_ms)
            page.wait_for_timeout(1000)
        out = after_background(page, v.server, seen)
        sent = v.server.traffic[start:]
        stored = storage_usage(page)
        return {**out, "pages": urls, "bytes": sum(s.nbytes for s in sent),
                "requests": len(sent), "storage": stored["usage"],
                "storage_details": stored["details"]}
    finally:
        ctx.close()


def offline_reload(ctx: BrowserContext, page: Page, server: StaticServer,
                   timeout_ms: float) -> dict[str, Any]:
    """After a visit: the context goes offline and the page reloads; is a result shown?
    `leaked` lists what still reached the server: Chromium's update check of a service
    worker script (sw.js) is made by the browser itself, outside the page's emulation."""
    start = len(server.traffic)
    out: dict[str, Any] = {"works": False}
    ctx.set_offline(True)
    try:
        page.reload(wait_until="commit", timeout=timeout_ms)
        page.wait_for_function("() => window.__bench.drawn !== null", timeout=timeout_ms,
                               polling=100)
        out = {"works": True, "first_result_ms": page.evaluate("__bench.ready")}
    except PlaywrightError as e:
        out["why"] = str(e).splitlines()[0]
        if "ERR_INTERNET_DISCONNECTED" not in out["why"]:
            out["why"] += f" [{_state(page)}]"
    finally:
        ctx.set_offline(False)
    leaked = server.traffic[start:]
    out["server_requests"] = len(leaked)
    out["leaked"] = [f"{s.status} {s.path}" for s in leaked]
    return out


def _shoot(page: Page, path: Path) -> None:
    # Not there yet (throttled HTML) or not our page: shoot what there is.
    with contextlib.suppress(PlaywrightError):
        page.locator(STATUS).scroll_into_view_if_needed(timeout=2_000)
    page.screenshot(path=str(path))


def throttled(pw: Playwright, v: Variant, profile: Path, chromium: str, shots: Path,
              moments_s: tuple[float, ...], conditions: dict[str, float],
              timeout_ms: float) -> dict[str, Any]:
    """Cold load over an emulated slow link, with screenshots of the page at given moments."""
    ctx = launch(pw, profile, v, chromium)
    page = first_page(ctx)
    try:
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        # Applies to the page's dedicated workers too (checked: the worker's download slows).
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **conditions})
        start = len(v.server.traffic)
        t0 = time.monotonic()
        page.goto(v.url, wait_until="commit", timeout=timeout_ms)
        shots_taken = []
        for m in moments_s:
            page.wait_for_timeout(max(0.0, t0 + m - time.monotonic()) * 1000)
            if page.evaluate("window.__bench && window.__bench.ready !== null"):
                break
            path = shots / f"{v.name}-throttled-{m:04.0f}s.png"
            _shoot(page, path)
            shots_taken.append({"at_s": m, "png": path.name, "state": _state(page)})
        error = None
        try:
            page.wait_for_function("() => window.__bench.ready !== null", timeout=timeout_ms,
                                   polling=250)
        except PlaywrightError as e:
            error = f"{str(e).splitlines()[0]} [{_state(page)}]"
        ready = page.evaluate("__bench.ready")
        path = shots / f"{v.name}-throttled-result.png"
        _shoot(page, path)
        shots_taken.append({"at_s": round(time.monotonic() - t0, 1), "png": path.name,
                            "state": _state(page)})
        return {
            "conditions": conditions, "first_result_ms": ready, "error": error,
            "bytes": sum(s.nbytes for s in v.server.traffic[start:]), "screenshots": shots_taken,
        }  # fmt: skip
    finally:
        ctx.close()


def failed_download(pw: Playwright, v: Variant, profile: Path, chromium: str, shots: Path,
                    timeout_ms: float) -> dict[str, Any]:
    """Cold load with every .wasm request aborted: does the Retry UI appear, and does Retry
    recover once the network is back?"""
    ctx = launch(pw, profile, v, chromium)
    page = first_page(ctx)
    wasm = re.compile(r".*\.wasm[^/]*$")  # also pyodide.asm.wasm.gz?v=…
    try:
        ctx.route(wasm, lambda route: route.abort())
        page.goto(v.url, wait_until="commit", timeout=timeout_ms)
        out: dict[str, Any] = {}
        try:
            page.locator(RETRY).wait_for(state="visible", timeout=timeout_ms)
            out["retry_shown"] = True
        except PlaywrightError as e:
            out["retry_shown"] = False
            out["why"] = str(e).splitlines()[0]
        out["state"] = _state(page)
        path = shots / f"{v.name}-failed-download.png"
        _shoot(page, path)
        out["png"] = path.name
        if out["retry_shown"]:
            ctx.unroute(wasm)
            t0 = time.monotonic()
            page.locator(RETRY).click()
            try:
                page.wait_for_function("() => window.__bench.ready !== null", timeout=timeout_ms,
                                       polling=100)
                out["recovered_after_retry_ms"] = round((time.monotonic() - t0) * 1000)
            except PlaywrightError as e:
                out["recovered_after_retry_ms"] = None
                out["why"] = f"{str(e).splitlines()[0]} [{_state(page)}]"
        return out
    finally:
        ctx.close()
