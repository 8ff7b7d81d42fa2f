"""python -m watchlib check | accept ID… (run from scripts/, as the workflow does).

check: fetch every watched source; open or update an issue for each change; keep first copies
and set ``checked`` for the unchanged ones. Without GITHUB_TOKEN and GITHUB_REPOSITORY it only
prints the changes (a local run). A fetch failure is listed, written to GITHUB_OUTPUT as
``failures=N`` and never counted as a change; the exit code is 0 unless the run itself broke.
accept ID…: a person has read the change: keep what is online now as the accepted copy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hsp_core.sources needs only the standard library

from hsp_core.sources import SOURCES_FILE, load  # noqa: E402

from .fetch import Fetcher, HttpFetcher  # noqa: E402
from .issues import GitHubIssues, Tracker  # noqa: E402
from .state import State  # noqa: E402
from .watch import Outcome, accept, check, record, report, summary  # noqa: E402

STATE_DIR = ROOT / ".github" / "source-watch"
SOURCES_PATH = Path(SOURCES_FILE)
make_fetcher: Callable[[], Fetcher] = HttpFetcher  # tests put a local one here


class _PrintOnly:
    """The tracker of a local run: says what it would open."""

    def find(self, marker: str) -> None:
        return None

    def create(self, title: str, body: str) -> int:
        print(f"\n--- would open: {title}\n{body}")
        return 0

    def update(self, number: int, body: str) -> None:  # pragma: no cover - find() gives None
        raise AssertionError

    def comment(self, number: int, text: str) -> None:  # pragma: no cover
        raise AssertionError


def _tracker() -> Tracker:
    token, repo = os.environ.get("GITHUB_TOKEN"), os.environ.get("GITHUB_REPOSITORY")
    if token and repo:
        return GitHubIssues(repo, token, os.environ.get("GITHUB_API_URL", "https://api.github.com"))
    print("(no GITHUB_TOKEN/GITHUB_REPOSITORY: changes are printed, no issue is opened)")
    return _PrintOnly()


def _publish(outcomes: list[Outcome]) -> int:
    table = summary(outcomes)
    print(table)
    failures = sum(o.status == "failed" for o in outcomes)
    if path := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"## Source watch\n\n{table}")
    if path := os.environ.get("GITHUB_OUTPUT"):
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"failures={failures}\n")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m watchlib", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="fetch, compare, report changes, record checked dates")
    acc = sub.add_parser("accept", help="keep the current copy of sources you have read")
    acc.add_argument("ids", nargs="+", metavar="ID")
    args = parser.parse_args(argv)

    sources_path = SOURCES_PATH
    sources, state = load(str(sources_path)), State(STATE_DIR)
    accepted, toml, today = state.load(), sources_path.read_text(encoding="utf-8"), dt.date.today()
    if args.command == "accept":
        ids = [i.strip().upper() for a in args.ids for i in a.replace(",", " ").split()]
        bad = [i for i in ids if i not in sources or sources[i].watch is None]
        if bad:
            parser.error(f"not a watched source in sources.toml: {', '.join(bad)}")
        outcomes = check((sources[i] for i in ids), accepted, make_fetcher(), today)
        for o in outcomes:
            print(o.diff or f"{o.source.id}: {o.status} {o.reason}")
        snapshots, toml = accept(outcomes, accepted, toml, today)
    else:
        outcomes = check(sources.values(), accepted, make_fetcher(), today)
        snapshots, toml = record(outcomes, accepted, toml, today)
        outcomes = report(outcomes, _tracker(), today)
    state.save(snapshots)
    sources_path.write_text(toml, encoding="utf-8", newline="\n")
    _publish(outcomes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
