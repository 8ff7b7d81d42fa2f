"""Stamp every page, the calculator's worker and the service worker with one build id.

The id is a hash of the whole built site, taken before it is stamped and fingerprinted, so any
change to any file gives a new id, and the files that carry it (so their fingerprints) change
with it. It is written in place of ``__HSP_BUILD__`` (the pages' <meta name="hsp-build">,
overrides/main.html; ``const BUILD`` in worker.mjs and sw.js) and into ``build.json`` at the
site root, which open pages fetch past every cache to learn of a newer deployment
(site/assets/calculator/build.mjs).
"""

import hashlib
import json
from pathlib import Path

from .common import BuildError, sha256_file

PLACEHOLDER = "__HSP_BUILD__"
VERSION_FILE = "build.json"
STAMPED = (".html", ".mjs", ".js")


def stamp(site: Path) -> str:
    """Stamp `site` in place; return the id."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.relative_to(site).as_posix()} {sha256_file(path)}\n".encode())
    build = digest.hexdigest()[:12]
    stamped = 0
    for path in files:
        if path.suffix not in STAMPED or path.parts[len(site.parts)] == "pyodide":
            continue
        text = path.read_text()
        if PLACEHOLDER in text:
            path.write_text(text.replace(PLACEHOLDER, build))
            stamped += 1
    if stamped < 3:  # a page, worker.mjs and sw.js at the least
        raise BuildError(f"build id: only {stamped} files carry {PLACEHOLDER}")
    (site / VERSION_FILE).write_text(json.dumps({"build": build}) + "\n")
    return build
