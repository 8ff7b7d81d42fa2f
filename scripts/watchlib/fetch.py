"""Fetching a source: the bytes, or a FetchError that says why not (never mistaken for a change)."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Final, Protocol

USER_AGENT: Final = "hsp-guide-source-watch/1 (weekly check of the sources the guide cites)"
MAX_BYTES: Final = 20_000_000  # far above any watched source; a bigger answer is not the source


class FetchError(Exception):
    """The source could not be fetched; str() says why, for the run's report."""

    def __init__(self, message: str, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry  # worth another try (a server error, a timeout)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str


class Fetcher(Protocol):
    def __call__(self, url: str) -> Fetched: ...


@dataclass(frozen=True)
class HttpFetcher:
    """GET with a timeout; a server error or a timeout is tried again `attempts` times in all."""

    timeout: float = 30.0
    attempts: int = 2
    pause: float = 10.0

    def __call__(self, url: str) -> Fetched:
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept-Language": "ja,en;q=0.5"}
        )
        for attempt in range(1, self.attempts + 1):
            try:
                return self._get(request)
            except FetchError as exc:
                if not exc.retry or attempt == self.attempts:
                    raise
            time.sleep(self.pause)
        raise AssertionError("unreachable")  # pragma: no cover

    def _get(self, request: urllib.request.Request) -> Fetched:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    raise FetchError(f"larger than {MAX_BYTES} bytes")
                return Fetched(response.geturl(), body, response.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as exc:
            raise FetchError(f"HTTP {exc.code} {exc.reason}", retry=exc.code >= 500) from exc
        except urllib.error.URLError as exc:
            timed_out = isinstance(exc.reason, TimeoutError)
            why = "timed out" if timed_out else f"cannot connect: {exc.reason}"
            raise FetchError(why, retry=True) from exc
        except TimeoutError as exc:  # while reading the body
            raise FetchError("timed out", retry=True) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}", retry=True) from exc
