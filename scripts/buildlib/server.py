"""Static server for public/ under a sub-path, like a GitHub Pages project site.

Library use (e.g. a pytest fixture in browser tests):

    with start_server(PUBLIC, "/hsp/") as site:   # free port on 127.0.0.1
        page.goto(site.url + "calculator/")        # site.url == "http://127.0.0.1:PORT/hsp/"

CLI (scripts/serve): python -m buildlib.server [--port N] [--prefix /hsp/] [--max-age] [DIR]

`max_age=True` sends `Cache-Control: max-age=600` as GitHub Pages does, instead of `no-cache`:
browsers then reuse any file for ten minutes without asking, which the site must survive across
a deployment (tests/browser/test_service_worker.py). `site.stalled` (a set of file names, empty
at first) makes the server send the first 64 KiB of those files, then nothing, until the name
is removed or the server closes: a stalled download.
"""

import argparse
import contextlib
import functools
import io
import os
import sys
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar

from .common import PUBLIC

if TYPE_CHECKING:
    from _typeshed import StrPath


# Explicit: browsers need these exact types (streaming wasm compile, module scripts).
_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
}


@dataclass(frozen=True)
class Sent:
    """One answered request: what was asked, the status, the bytes written (headers too), and
    when the answer ended (time.time(): scripts/bench compares it with the page's clock)."""

    path: str
    status: int
    nbytes: int
    at: float = 0.0


class _Counting:
    """Wraps the handler's wfile to count what really goes out (scripts/bench reads it)."""

    def __init__(self, raw: io.BufferedIOBase) -> None:
        self.raw = raw
        self.count = 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


GITHUB_PAGES_CACHING = "max-age=600"


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"
    caching = "no-cache"
    worker_csp: str | None = None  # a Content-Security-Policy header for the workers' scripts
    quiet = True
    traffic: ClassVar[list[Sent]] = []  # each server gets its own list (start_server)
    stalled: ClassVar[set[str]] = set()  # likewise
    closing: ClassVar[threading.Event] = threading.Event()
    _status = 0

    def setup(self) -> None:
        super().setup()
        self.wfile = _Counting(self.wfile)  # type: ignore[assignment]

    def send_response_only(self, code: int, message: str | None = None) -> None:
        self._status = int(code)
        super().send_response_only(code, message)

    def handle_one_request(self) -> None:
        counter = self.wfile
        before = counter.count if isinstance(counter, _Counting) else 0
        self._status = 0
        try:
            super().handle_one_request()
        finally:  # a download the client aborted still counts what was sent
            if self._status and isinstance(counter, _Counting):  # list.append is thread-safe
                self.traffic.append(Sent(self.path, self._status, counter.count - before,
                                         time.time()))

    def _outside_prefix(self) -> bool:
        path = self.path.split("?", 1)[0]
        if path.startswith(self.prefix):
            return False
        if path in ("/", self.prefix.rstrip("/")):
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_error(HTTPStatus.NOT_FOUND, "outside the site prefix " + self.prefix)
        return True

    def do_GET(self) -> None:
        if not self._outside_prefix():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._outside_prefix():
            super().do_HEAD()

    def send_head(self) -> Any:
        page = Path(str(self.directory)) / "404.html"
        if os.path.exists(self.translate_path(self.path)) or not page.is_file():
            return super().send_head()
        # As GitHub Pages does: a missing path gets the site's 404.html, with status 404.
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        name = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        if name in self.stalled:
            outputfile.write(source.read(65536))
            outputfile.flush()
            while name in self.stalled and not self.closing.wait(0.2):
                pass
        super().copyfile(source, outputfile)

    def guess_type(self, path: "StrPath") -> str:
        return _TYPES.get(os.path.splitext(path)[1]) or super().guess_type(path)

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix) :])

    def end_headers(self) -> None:
        # By default revalidate every time (Last-Modified -> 304).
        self.send_header("Cache-Control", self.caching)
        if self.worker_csp and self.path.split("?")[0].endswith("worker.mjs"):
            self.send_header("Content-Security-Policy", self.worker_csp)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that drops a connection mid-download (a closed tab, an aborted load) is
        # normal here, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class StaticServer:
    """A running server; `url` is the site root. close() is idempotent and thread-safe.
    `traffic` lists every answered request in order (what scripts/bench counts as bytes)."""

    def __init__(self, httpd: ThreadingHTTPServer, prefix: str, traffic: list[Sent],
                 stalled: set[str], closing: threading.Event) -> None:
        self.traffic = traffic
        self.stalled = stalled
        self._closing = closing
        self._httpd = httpd
        self._lock = threading.Lock()
        self._closed = False
        host, port = httpd.server_address[:2]
        self.url = f"http://{host!s}:{port}{prefix}"
        self._thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._closing.set()
        self._httpd.shutdown()  # waits for serve_forever to return (never call from a handler)
        self._httpd.server_close()
        self._thread.join()

    def __enter__(self) -> "StaticServer":
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def start_server(
    root: Path | str = PUBLIC,
    prefix: str = "/hsp/",
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    quiet: bool = True,
    max_age: bool = False,
    worker_csp: str | None = None,
) -> StaticServer:
    """Serve `root` at http://host:port/prefix/ from a background thread; port 0 = free port.
    worker_csp: sent as the Content-Security-Policy of the calculator's workers (*worker.mjs),
    as a host that sends headers would (GitHub Pages does not; tests/browser/test_csp.py)."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    if not Path(root).is_dir():
        raise FileNotFoundError(f"{root} is not a directory (run scripts/build first?)")
    traffic: list[Sent] = []
    caching = GITHUB_PAGES_CACHING if max_age else "no-cache"
    stalled: set[str] = set()
    closing = threading.Event()
    handler = type("Handler", (_Handler,), {"prefix": prefix, "quiet": quiet, "traffic": traffic,
                                            "caching": caching, "stalled": stalled,
                                            "closing": closing, "worker_csp": worker_csp})
    httpd = _Server((host, port), functools.partial(handler, directory=str(root)))
    return StaticServer(httpd, prefix, traffic, stalled, closing)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("root", nargs="?", default=str(PUBLIC))
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    ap.add_argument("--prefix", default="/hsp/")
    ap.add_argument("--max-age", action="store_true", help="cache headers as GitHub Pages sends")
    args = ap.parse_args(argv)
    try:
        site = start_server(args.root, args.prefix, port=args.port, quiet=False,
                            max_age=args.max_age)
    except OSError as e:
        print(f"serve: cannot serve on port {args.port}: {e} (set PORT)", file=sys.stderr)
        return 1
    with site:
        print(f"Serving {args.root} at {site.url}  (Ctrl-C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
