"""A Content-Security-Policy <meta> on every page: GitHub Pages sets no headers.

Written last, after every step that changes a page's inline scripts (assemble.embed fills in the
snapshot's URL in the calculator's boot script, fingerprint.run rewrites URLs in it), so the
sha256 of each inline script, Material's included, is taken from the bytes the browser gets.
What the policy allows, and why (tests/browser/test_csp.py fails on any violation):
- default-src 'self': every file is our own; no third-party origin anywhere.
- script-src: our files and those inline scripts, by hash. No 'unsafe-eval' and no
  'wasm-unsafe-eval': the page itself compiles no WebAssembly; Pyodide runs in the worker, which
  a <meta> policy does not reach (a worker started from a URL takes its policy from its own
  response headers). WORKER_POLICY is what it would need from a host that sends headers.
- style-src: our files, plus 'unsafe-inline' for style attributes: Python-Markdown writes
  style="text-align: …" into table cells, and Material sets styles from script. Styles cannot run
  code; script-src is what guards against injected markup.
- img-src data:: Material's icons are SVG data: URLs in its stylesheet.
- object-src 'none', base-uri 'self', form-action 'self': not covered by default-src.
A <meta> policy cannot set frame-ancestors (nor report-uri or sandbox): browsers ignore them
there, so framing by another site is not prevented on GitHub Pages.
"""

import base64
import hashlib
import html
import re
from pathlib import Path

from .common import BuildError

# An inline script the browser runs: no src, and no type or a JavaScript one.
_INLINE = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<code>.*?)</script>", re.S)
_TYPE = re.compile(r"""\stype=["']?([^"'\s>]+)""")
_RUN_TYPES = ("", "module", "text/javascript", "application/javascript")
_CHARSET = re.compile(r'<meta charset="utf-8">', re.I)
_OLD = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')

BASE = (
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
# What the calculator's worker needs (Pyodide compiles its wasm), were it served with a header.
WORKER_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"


def inline_hashes(page: str) -> list[str]:
    """'sha256-…' of every inline script the browser would run, in page order, once each."""
    found: list[str] = []
    for m in _INLINE.finditer(page):
        attrs = m.group("attrs")
        kind = _TYPE.search(attrs)
        if " src=" in attrs or (kind and kind.group(1).lower() not in _RUN_TYPES):
            continue
        digest = hashlib.sha256(m.group("code").encode()).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in found:
            found.append(source)
    return found


def policy(page: str) -> str:
    scripts = " ".join(["'self'", *inline_hashes(page)])
    return "; ".join([BASE[0], f"script-src {scripts}", *BASE[1:]])


def write(site: Path) -> int:
    """Put the policy <meta> first in every page's <head>, after its charset (in place of the
    one it has, if any); return the count."""
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        page = _OLD.sub("", path.read_text())  # a page written again is hashed again
        content = html.escape(policy(page), quote=False)
        meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
        charset = _CHARSET.search(page)
        if not charset:
            raise BuildError(f"{path.relative_to(site)}: no <meta charset> to put the CSP after")
        out = page[: charset.end()] + meta + page[charset.end() :]
        path.write_text(out)
    return len(pages)
