"""scripts/watchlib, the weekly source watcher, against local HTTP servers only.

Each server listens on 127.0.0.1 (a free port, one thread per request) and is shut down when
its test ends. A guard makes any connection or name lookup outside the loopback fail the test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import watchlib.__main__ as cli
from watchlib.extract import page_text
from watchlib.fetch import Fetched, HttpFetcher
from watchlib.issues import GitHubIssues, Issue, TrackerError
from watchlib.state import Snapshot, State, set_dates
from watchlib.watch import accept, check, record, report

from hsp_core.sources import SOURCES_FILE, Source, parse

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
DAY1, DAY2, DAY3 = dt.date(2026, 12, 7), dt.date(2026, 12, 14), dt.date(2026, 12, 21)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy from the environment, and no connection or lookup beyond 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    connect, lookup = socket.socket.connect, socket.getaddrinfo

    def guarded_connect(self: socket.socket, address: Any) -> None:
        assert isinstance(address, tuple) and address[0] in LOOPBACK, f"test reached {address}"
        connect(self, address)

    def guarded_lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        assert host in LOOPBACK, f"test looked up {host}"
        return lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_lookup)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    stall: bool = False  # answer only when the test ends (a timeout)


@dataclass
class Site:
    """What the local server serves, and what it was asked (method, path, headers, body)."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)
    respond: Callable[[str, str, bytes], tuple[int, Any]] | None = None  # a JSON API instead
    release: threading.Event = field(default_factory=threading.Event)
    base: str = ""

    def serve(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.base + path


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _answer(self) -> None:
        site = self.server.site
        size = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(size) if size else b""
        site.requests.append((self.command, self.path, dict(self.headers), body))
        if site.respond is not None:
            status, payload = site.respond(self.command, self.path, body)
            self._send(status, json.dumps(payload).encode(), "application/json")
            return
        route = site.routes.get(self.path, Route(b"not here", 404, "text/plain"))
        if route.stall:
            site.release.wait(10)
        self._send(route.status, route.body, route.content_type)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (the timeout test)
            pass

    do_GET = do_POST = do_PATCH = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site


@pytest.fixture
def site() -> Iterator[Site]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.site.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


FAST = HttpFetcher(timeout=0.5, attempts=2, pause=0)


def page(text: str, stamp: str = "2026年11月1日", count: int = 1234, gap: str = " ") -> bytes:
    """An ISA-like page: the same main text whatever the stamp, the counter and the spacing."""
    body = text.replace(" ", gap)
    return f"""<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8">
<title>永住許可に関するガイドライン</title><script>var visits = {count};</script>
<style>.x{{color:red}}</style></head><body>
<div id="header"><a href="/">出入国在留管理庁</a><p>{stamp}</p></div>
<nav><ul><li>ホーム</li><li>申請・手続</li></ul></nav>
<div id="contents"><div id="topicpath">ホーム &gt; 申請 &gt; ガイドライン</div>
<h1>永住許可に関するガイドライン（令和8年2月24日改訂）</h1>
<p class="update">更新日：{stamp}</p>
{body}
<p>アクセス数：{count:,}</p><p>{stamp}</p></div>
<footer><p>Copyright © {stamp[:4]} Immigration Services Agency of Japan</p></footer>
</body></html>""".encode()


GUIDELINE = (
    "<p>1 法律上の要件 (1) 素行が善良であること</p>"
    "<p>(2) 独立の生計を営むに足りる資産又は技能を有すること</p>"
    "<ul><li>原則として引き続き10年以上本邦に在留していること。</li>"
    "<li>高度専門職：70点以上で3年、80点以上で1年</li></ul>"
)


def source(sid: str, url: str, watch: str = "page") -> Source:
    return Source(sid, f"Title of {sid}", url, dt.date(2026, 11, 22), "H", watch)  # type: ignore[arg-type]


def baseline(src: Source, fetched: bytes, today: dt.date = DAY1) -> dict[str, Snapshot]:
    [o] = check([src], {}, lambda url: Fetched(url, fetched, "text/html; charset=utf-8"), today)
    assert o.status == "new" and o.new is not None
    return {src.id: o.new}


# --- (a) a change is reported, with a diff ---------------------------------------------------


def test_a_changed_page_is_reported_with_a_diff_of_its_text(site: Site) -> None:
    s10 = source("S10", site.serve("/s10.html", Route(page(GUIDELINE))))
    accepted = baseline(s10, page(GUIDELINE))
    changed = GUIDELINE.replace("10年以上", "5年以上").replace("</ul>", "<li>新しい要件</li></ul>")
    site.routes["/s10.html"] = Route(page(changed, "2026年12月10日", 1300))
    [o] = check([s10], accepted, FAST, DAY2)
    assert o.status == "changed"
    assert "-原則として引き続き10年以上本邦に在留していること。" in o.diff.splitlines()
    assert "+原則として引き続き5年以上本邦に在留していること。" in o.diff.splitlines()
    assert "+新しい要件" in o.diff.splitlines()
    assert "更新日" not in o.diff and "アクセス" not in o.diff  # only the real change


def test_a_changed_file_is_reported_by_its_bytes(site: Site) -> None:
    xls = b"\xd0\xcf\x11\xe0" + bytes(range(256)) * 40
    s1 = source("S1", site.serve("/930001673.xls", Route(xls, content_type="application/x-xls")),
                "file")
    [first] = check([s1], {}, FAST, DAY1)
    assert first.status == "new" and first.new is not None and first.new.size == len(xls)
    [same] = check([s1], {"S1": first.new}, FAST, DAY2)
    assert same.status == "unchanged"
    site.routes["/930001673.xls"] = Route(xls[:-1] + b"\x01", content_type="application/x-xls")
    [o] = check([s1], {"S1": first.new}, FAST, DAY2)
    assert o.status == "changed" and o.diff == ""
    tracker = FakeTracker()
    report([o], tracker, DAY2)
    [(title, body)] = tracker.created
    assert title.startswith("Source S1 changed") and "The file's bytes differ" in body


# --- (b) dates, counters and whitespace alone are no change ------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(page(GUIDELINE, stamp="2026年12月10日"), id="page's date"),
        pytest.param(page(GUIDELINE, count=98765), id="visit counter"),
        pytest.param(page(GUIDELINE, gap=" \n\t\u3000 "), id="whitespace"),
        pytest.param(page(GUIDELINE, "2027年1月5日", 5, "\n  "), id="all three"),
        pytest.param(page(GUIDELINE).replace(b"<br>", b"").replace(b"\n", b"\r\n"), id="newlines"),
    ],
)
def test_dates_counters_and_whitespace_alone_are_no_change(site: Site, variant: bytes) -> None:
    s10 = source("S10", site.serve("/s10.html", Route(variant)))
    [o] = check([s10], baseline(s10, page(GUIDELINE)), FAST, DAY2)
    assert (o.status, o.diff) == ("unchanged", "")


def test_the_same_text_in_shift_jis_is_no_change(site: Site) -> None:
    html = page(GUIDELINE).decode().replace('charset="UTF-8"', 'charset="Shift_JIS"')
    sjis = html.encode("cp932", "xmlcharrefreplace")
    url = site.serve("/sjis.html", Route(sjis, content_type="text/html"))
    s2 = source("S2", url)
    [o] = check([s2], baseline(s2, page(GUIDELINE)), FAST, DAY2)
    assert o.status == "unchanged"


def test_the_main_text_keeps_content_dates_and_drops_the_site_furniture() -> None:
    text = page_text(page(GUIDELINE).decode())
    assert text.splitlines()[0] == "永住許可に関するガイドライン（令和8年2月24日改訂）"
    assert "高度専門職：70点以上で3年、80点以上で1年" in text
    for furniture in ("ホーム", "出入国在留管理庁", "visits", "color", "更新日", "アクセス",
                      "Copyright", "2026年11月1日"):
        assert furniture not in text, furniture


# --- (c) a failed fetch is a failure, never a change -----------------------------------------


def _refused_url() -> str:
    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/gone.html"


@pytest.mark.parametrize(
    ("route", "reason", "tries"),
    [
        (Route(b"missing", 404), "HTTP 404", 1),
        (Route(b"broken", 500), "HTTP 500", 2),
        (Route(b"", stall=True), "timed out", 2),
        (None, "cannot connect", 0),
    ],
    ids=["404", "500", "timeout", "refused"],
)
def test_a_failed_fetch_is_reported_as_a_failure_not_a_change(
    site: Site, route: Route | None, reason: str, tries: int
) -> None:
    url = _refused_url() if route is None else site.serve("/s13.html", route)
    s13 = source("S13", url)
    accepted = baseline(s13, page(GUIDELINE))
    [o] = check([s13], accepted, FAST, DAY2)
    assert o.status == "failed" and reason in o.reason and o.diff == ""
    assert len(site.requests) == tries  # a server error or a timeout is tried once more
    tracker = FakeTracker()
    assert report([o], tracker, DAY2) == [o] and tracker.calls == []
    toml = _toml(["S13"])
    snapshots, after = record([o], accepted, toml, DAY2)
    assert snapshots == accepted and after == toml  # nothing recorded, not even "checked"


# --- recording and reporting over several runs ---------------------------------------------


class FakeTracker:
    def __init__(self) -> None:
        self.issues: dict[int, tuple[str, str]] = {}
        self.created: list[tuple[str, str]] = []
        self.comments: list[tuple[int, str]] = []
        self.calls: list[str] = []

    def find(self, marker: str) -> Issue | None:
        self.calls.append("find")
        return next((Issue(n, b) for n, (_, b) in self.issues.items() if marker in b), None)

    def create(self, title: str, body: str) -> int:
        self.calls.append("create")
        self.created.append((title, body))
        self.issues[len(self.issues) + 1] = (title, body)
        return len(self.issues)

    def update(self, number: int, body: str) -> None:
        self.calls.append("update")
        self.issues[number] = (self.issues[number][0], body)

    def comment(self, number: int, text: str) -> None:
        self.calls.append("comment")
        self.comments.append((number, text))


def _toml(ids: list[str]) -> str:
    return "".join(
        f'[[source]]\nid = "{i}"\ntitle = "Title of {i}"\nurl = "https://example.org/{i}"\n'
        f'read = 2026-11-22\nconfidence = "H"\nwatch = "page"\n\n'
        for i in ids
    )


def test_runs_record_checked_dates_and_keep_one_issue_per_source(site: Site) -> None:
    pages = {sid: site.serve(f"/{sid}.html", Route(page(f"<p>{sid} text</p>"))) for sid in
             ("S2", "S3", "S6")}
    sources = [source(sid, url) for sid, url in pages.items()]
    toml, tracker = _toml(list(pages)), FakeTracker()

    def run(today: dt.date, accepted: dict[str, Snapshot], toml: str) -> Any:
        outcomes = check(sources, accepted, FAST, today)
        snapshots, toml = record(outcomes, accepted, toml, today)
        return {o.source.id: o.status for o in report(outcomes, tracker, today)}, snapshots, toml

    statuses, accepted, toml = run(DAY1, {}, toml)
    assert statuses == {"S2": "new", "S3": "new", "S6": "new"} and tracker.calls == []
    assert {s.checked for s in parse(toml).values()} == {DAY1}

    site.routes["/S2.html"] = Route(page("<p>S2 text, revised</p>"))
    site.routes["/S6.html"] = Route(b"", 503)
    statuses, accepted2, toml = run(DAY2, accepted, toml)
    assert statuses == {"S2": "changed", "S3": "unchanged", "S6": "failed"}
    assert accepted2 == accepted  # a change is not accepted by the watcher
    checked = {sid: s.checked for sid, s in parse(toml).items()}
    assert checked == {"S2": DAY1, "S3": DAY2, "S6": DAY1}
    [(title, body)] = tracker.created
    assert title == "Source S2 changed: Title of S2" and "+S2 text, revised" in body

    tracker.calls.clear()
    run(DAY3, accepted, toml)  # the same change again: the issue already says it
    assert tracker.calls == ["find"]
    site.routes["/S2.html"] = Route(page("<p>S2 text, revised twice</p>"))
    run(DAY3, accepted, toml)
    assert tracker.calls == ["find", "find", "update", "comment"] and len(tracker.issues) == 1
    assert "+S2 text, revised twice" in tracker.issues[1][1]

    [s2] = [s for s in sources if s.id == "S2"]
    accepted3, toml = accept(check([s2], accepted, FAST, DAY3), accepted, toml, DAY3)
    assert (parse(toml)["S2"].read, parse(toml)["S2"].checked) == (DAY3, DAY3)
    assert [o.status for o in check([s2], accepted3, FAST, DAY3)] == ["unchanged"]


def test_a_refused_issue_is_a_failure_of_the_run(site: Site) -> None:
    s2 = source("S2", site.serve("/S2.html", Route(page("<p>new</p>"))))
    [o] = check([s2], baseline(s2, page("<p>old</p>")), FAST, DAY2)

    class Refusing(FakeTracker):
        def create(self, title: str, body: str) -> int:
            raise TrackerError("POST /issues: HTTP 403 Forbidden")

    [failed] = report([o], Refusing(), DAY2)
    assert failed.status == "failed" and "HTTP 403" in failed.reason


def test_state_round_trips_with_the_text_beside_the_fingerprints(tmp_path: Path) -> None:
    snapshots = {
        "S10": Snapshot.of_page("一行目\n二行目\n", "https://example.org/s10", DAY1),
        "S1": Snapshot.of_file(b"\x00\x01", "https://example.org/s1.xls", DAY1),
    }
    State(tmp_path).save(snapshots)
    assert State(tmp_path).load() == snapshots
    assert (tmp_path / "S10.txt").read_text(encoding="utf-8") == "一行目\n二行目\n"
    assert list(json.loads((tmp_path / "fingerprints.json").read_text())) == ["S1", "S10"]
    assert not (tmp_path / "S1.txt").exists()


def test_checked_dates_change_only_their_lines_in_the_real_sources_file() -> None:
    text = Path(SOURCES_FILE).read_text(encoding="utf-8")
    watched = [s.id for s in parse(text).values() if s.watch]
    once = set_dates(text, {sid: {"checked": DAY1} for sid in watched})
    added = [line for line in once.splitlines() if line not in text.splitlines()]
    assert added == ["checked = 2026-12-07"] * len(watched)
    assert len(once.splitlines()) == len(text.splitlines()) + len(watched)
    twice = set_dates(once, {watched[0]: {"checked": DAY2}})
    assert len(twice.splitlines()) == len(once.splitlines())
    assert parse(twice)[watched[0]].checked == DAY2 and parse(twice)[watched[1]].checked == DAY1
    with pytest.raises(ValueError, match="unknown ids"):
        set_dates(text, {"S999": {"checked": DAY1}})


# --- the GitHub API client, against a local stand-in ------------------------------------------


def test_github_issues_finds_creates_updates_and_comments(site: Site) -> None:
    open_issues = [
        {"number": 3, "body": "<!-- source-watch: S2 --> old", "pull_request": {}},  # a PR
        {"number": 4, "body": None},
        {"number": 5, "body": "<!-- source-watch: S2 --> old"},
    ]

    def respond(method: str, path: str, body: bytes) -> tuple[int, Any]:
        if method == "GET":
            return 200, open_issues
        if path == "/repos/owner/repo/issues":
            return 201, {"number": 9}
        return 200, {}

    site.respond = respond
    gh = GitHubIssues("owner/repo", "secret-token", api=site.base, timeout=2)
    found = gh.find("<!-- source-watch: S2 -->")
    assert found == Issue(5, "<!-- source-watch: S2 --> old")
    assert gh.find("<!-- source-watch: S3 -->") is None
    assert gh.create("Source S3 changed", "body") == 9
    gh.update(5, "new body")
    gh.comment(5, "again")
    sent = [(m, p, json.loads(b) if b else None) for m, p, _, b in site.requests]
    assert sent[0][:2] == ("GET", "/repos/owner/repo/issues?state=open&per_page=100&page=1")
    assert sent[2:] == [
        ("POST", "/repos/owner/repo/issues",
         {"title": "Source S3 changed", "body": "body", "labels": ["source-watch"]}),
        ("PATCH", "/repos/owner/repo/issues/5", {"body": "new body"}),
        ("POST", "/repos/owner/repo/issues/5/comments", {"body": "again"}),
    ]
    assert all(h["Authorization"] == "Bearer secret-token" for _, _, h, _ in site.requests)
    site.respond = lambda method, path, body: (403, {"message": "Resource not accessible"})
    with pytest.raises(TrackerError, match="HTTP 403"):
        gh.create("x", "y")


# --- the command the workflow runs ---------------------------------------------------------


def test_the_workflow_command_writes_state_summary_and_failure_count(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.serve("/S2", Route(page("<p>S2</p>")))  # S3 is not served: a 404
    sources_file = tmp_path / "sources.toml"
    sources_file.write_text(_toml(["S2", "S3"]) + _toml(["S4"]).replace('watch = "page"\n', ""))

    @dataclass(frozen=True)
    class Local:  # sources.toml holds https URLs; the test serves them on the loopback
        def __call__(self, url: str) -> Fetched:
            return FAST(url.replace("https://example.org", site.base))

    monkeypatch.setattr(cli, "SOURCES_PATH", sources_file)
    monkeypatch.setattr(cli, "STATE_DIR", tmp_path / "state")
    monkeypatch.setattr(cli, "make_fetcher", Local)
    for name in ("GITHUB_TOKEN", "GITHUB_REPOSITORY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITHUB_OUTPUT", str(tmp_path / "out"))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    assert cli.main(["check"]) == 0
    assert (tmp_path / "out").read_text() == "failures=1\n"
    summary = (tmp_path / "summary.md").read_text()
    assert "| S2 | new |" in summary and "| S3 | failed | HTTP 404" in summary
    assert "S4" not in summary  # not watched
    after = parse(sources_file.read_text())
    assert (after["S2"].checked, after["S3"].checked) == (dt.date.today(), None)
    assert State(tmp_path / "state").load()["S2"].text.endswith("\nS2\n")
    assert dataclasses.asdict(after["S4"])["checked"] is None


def test_the_guard_stops_any_address_outside_the_loopback() -> None:
    # 192.0.2.1 is TEST-NET-1 (RFC 5737): the guard refuses it before any packet is sent.
    with pytest.raises(AssertionError, match=r"looked up 192\.0\.2\.1"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with socket.socket() as s, pytest.raises(AssertionError, match="reached"):
        s.connect(("192.0.2.1", 80))
