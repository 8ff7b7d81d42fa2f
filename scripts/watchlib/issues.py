"""Where a change is reported: one GitHub issue per source, found again by a marker in its body."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Final, Protocol

LABEL: Final = "source-watch"


@dataclass(frozen=True)
class Issue:
    number: int
    body: str


class Tracker(Protocol):
    """What the watcher needs of an issue tracker (tests pass a fake)."""

    def find(self, marker: str) -> Issue | None:
        """The open issue whose body contains `marker`, if any."""
        ...

    def create(self, title: str, body: str) -> int: ...

    def update(self, number: int, body: str) -> None: ...

    def comment(self, number: int, text: str) -> None: ...


class TrackerError(Exception):
    """The tracker refused or could not be reached; str() says why."""


class GitHubIssues:
    """The GitHub REST API through urllib, with the workflow's GITHUB_TOKEN."""

    def __init__(
        self, repo: str, token: str, api: str = "https://api.github.com", timeout: float = 30.0
    ) -> None:
        self.base = f"{api.rstrip('/')}/repos/{repo}"
        self.token = token
        self.timeout = timeout

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": "2022-11-28",
                "Content-Type": "application/json",
                "User-Agent": "hsp-guide-source-watch",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            raise TrackerError(f"{method} {path}: HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise TrackerError(f"{method} {path}: {exc}") from exc

    def find(self, marker: str) -> Issue | None:
        for page in range(1, 11):  # 1,000 open issues: far more than this repository will have
            batch = self._call("GET", f"/issues?state=open&per_page=100&page={page}")
            for item in batch:
                body = item.get("body") or ""
                if "pull_request" not in item and marker in body:
                    return Issue(int(item["number"]), body)
            if len(batch) < 100:
                return None
        return None

    def create(self, title: str, body: str) -> int:
        made = self._call("POST", "/issues", {"title": title, "body": body, "labels": [LABEL]})
        return int(made["number"])

    def update(self, number: int, body: str) -> None:
        self._call("PATCH", f"/issues/{number}", {"body": body})

    def comment(self, number: int, text: str) -> None:
        self._call("POST", f"/issues/{number}/comments", {"body": text})
