"""One run of the watcher: fetch, compare with the accepted copy, then record and report."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from hsp_core.sources import Source

from .extract import decode, page_text
from .fetch import Fetched, Fetcher, FetchError
from .issues import Tracker, TrackerError
from .state import Dates, Snapshot, set_dates

Status = Literal["unchanged", "changed", "new", "failed"]
MAX_DIFF: Final = 50_000  # characters of diff in an issue (GitHub allows 65,536 in a body)


@dataclass(frozen=True)
class Outcome:
    source: Source
    status: Status
    reason: str = ""  # why the fetch (or the report) failed
    old: Snapshot | None = None  # the accepted copy
    new: Snapshot | None = None  # what was fetched now

    @property
    def diff(self) -> str:
        """A unified diff of a page's text, accepted copy → now ("" for a file)."""
        if self.old is None or self.new is None or self.new.kind != "page":
            return ""
        lines = difflib.unified_diff(
            self.old.text.splitlines(),
            self.new.text.splitlines(),
            f"{self.source.id} as accepted on {self.old.since}",
            f"{self.source.id} on {self.new.since}",
            n=2,
            lineterm="",
        )
        return "\n".join(lines)


def observe(source: Source, fetched: Fetched, today: dt.date) -> Snapshot:
    if source.watch == "file":
        return Snapshot.of_file(fetched.body, fetched.url, today)
    html = decode(fetched.body, fetched.content_type)
    return Snapshot.of_page(page_text(html), fetched.url, today)


def check(
    sources: Iterable[Source], accepted: Mapping[str, Snapshot], fetch: Fetcher, today: dt.date
) -> list[Outcome]:
    """Fetch every watched source and compare it with its accepted copy. Writes nothing."""
    out = []
    for source in sources:
        if source.watch is None:
            continue
        old = accepted.get(source.id)
        try:
            new = observe(source, fetch(source.url), today)
        except FetchError as exc:
            out.append(Outcome(source, "failed", str(exc), old))
            continue
        if old is None or old.kind != new.kind:
            status: Status = "new"
        else:
            status = "unchanged" if old.sha256 == new.sha256 else "changed"
        out.append(Outcome(source, status, "", old, new))
    return out


def record(
    outcomes: Iterable[Outcome], accepted: Mapping[str, Snapshot], toml: str, today: dt.date
) -> tuple[dict[str, Snapshot], str]:
    """The copies and sources.toml after a run: a first copy is kept; a source found unchanged
    (or seen for the first time) gets ``checked = today``. A changed source keeps its accepted
    copy and its checked date until a person accepts the change."""
    snapshots = dict(accepted)
    dates: dict[str, Dates] = {}
    for o in outcomes:
        if o.status == "new" and o.new is not None:
            snapshots[o.source.id] = o.new
        if o.status in ("new", "unchanged"):
            dates[o.source.id] = {"checked": today}
    return snapshots, set_dates(toml, dates)


def accept(
    outcomes: Iterable[Outcome], accepted: Mapping[str, Snapshot], toml: str, today: dt.date
) -> tuple[dict[str, Snapshot], str]:
    """A person has read the change: what was fetched becomes the accepted copy, and the
    source's ``read`` and ``checked`` dates become today. A failed fetch accepts nothing."""
    snapshots = dict(accepted)
    dates: dict[str, Dates] = {}
    for o in outcomes:
        if o.new is not None:
            snapshots[o.source.id] = o.new
            dates[o.source.id] = {"read": today, "checked": today}
    return snapshots, set_dates(toml, dates)


def marker(source: Source) -> str:
    return f"<!-- source-watch: {source.id} -->"


def _version(snapshot: Snapshot) -> str:
    return f"<!-- source-watch-sha256: {snapshot.sha256} -->"


def issue_title(source: Source) -> str:
    title = source.title if len(source.title) <= 80 else source.title[:79] + "…"
    return f"Source {source.id} changed: {title}"


def issue_body(o: Outcome, today: dt.date) -> str:
    s, old, new = o.source, o.old, o.new
    assert old is not None and new is not None
    if new.kind == "file":
        what = (
            f"The file's bytes differ: sha256 `{old.sha256[:16]}…` ({old.size:,} bytes, accepted "
            f"on {old.since}) → `{new.sha256[:16]}…` ({new.size:,} bytes). A binary file has no "
            "text diff: download it and compare it with the rules it is the source of."
        )
    else:
        diff = o.diff
        if len(diff) > MAX_DIFF:
            diff = diff[:MAX_DIFF] + "\n… (diff cut here; run the watcher locally for all of it)"
        what = (
            f"The page's main text differs from the copy accepted on {old.since} (menus, dates "
            f"of the page and counters left out):\n\n````diff\n{diff}\n````"
        )
    moved = f"\n\nIt was fetched from {new.url} (a redirect)." if new.url != s.url else ""
    return f"""{marker(s)}
The watched source **{s.id}**, {s.title}, changed: <{s.url}>
Found on {today} by the weekly source watch. Confidence in sources.toml: {s.confidence}; \
read {s.read}.

{what}{moved}

**What to do.** Read the change. If a rule, a date or a fact in the guide depends on it,
change the data and the guide in a pull request (the watcher never changes a rule). Then accept
the new copy: run the *Watch sources* workflow with `accept: {s.id}` (or
`cd scripts && python -m watchlib accept {s.id}`), which sets the source's `read` and `checked`
dates to that day, and close this issue. Until then a further change updates this issue;
closed without accepting, the change is reported again in a new one.
{_version(new)}
"""


def report(outcomes: Iterable[Outcome], tracker: Tracker, today: dt.date) -> list[Outcome]:
    """Open or update one issue per changed source; the same change is reported once.
    Returns the outcomes, with a report the tracker refused turned into a failure."""
    out = []
    for o in outcomes:
        if o.status == "changed" and o.new is not None:
            try:
                _report_one(o, tracker, today)
            except TrackerError as exc:
                why = f"changed, but the issue failed: {exc}"
                o = Outcome(o.source, "failed", why, o.old, o.new)
        out.append(o)
    return out


def _report_one(o: Outcome, tracker: Tracker, today: dt.date) -> None:
    assert o.new is not None
    body = issue_body(o, today)
    issue = tracker.find(marker(o.source))
    if issue is None:
        tracker.create(issue_title(o.source), body)
    elif _version(o.new) not in issue.body:
        tracker.update(issue.number, body)
        tracker.comment(issue.number, f"Changed again by {today}: see the new diff above.")


def summary(outcomes: Iterable[Outcome]) -> str:
    """A Markdown table of the run, for the job summary and the log."""
    rows = ["| Source | Result | Detail |", "|:--|:--|:--|"]
    for o in outcomes:
        detail = o.reason or {
            "unchanged": "same as the accepted copy",
            "changed": "issue opened or updated",
            "new": "first copy kept as the baseline",
        }.get(o.status, "")
        rows.append(f"| {o.source.id} | {o.status} | {detail.replace('|', '/')} |")
    return "\n".join(rows) + "\n"
