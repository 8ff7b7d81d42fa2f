"""Fill in the service worker's precache list and version (site/sw.js, at the site root).

The worker caches the whole built site at install, except the Pyodide runtime, which the
calculator itself stores as it downloads it (assets/calculator/files.mjs): caching that again
would download it twice. The version is a hash of every precached file, so any change to the
site makes browsers install the new worker, which then drops the old cache.
"""

import hashlib
import json
import re
from pathlib import Path

from .common import LOCK, MANIFEST, BuildError, sha256_file

SW = "sw.js"
RUNTIME = "pyodide/"
RUNTIME_KEPT = {RUNTIME + LOCK, RUNTIME + MANIFEST}  # small, fetched network first
# Source maps, and search languages other than English (Material loads them only for those).
SKIPPED = re.compile(r"\.map$|^assets/javascripts/lunr/|^sitemap\.xml")


def _precached(site: Path) -> list[str]:
    """Site-relative URLs, as the browser requests them (a page by its directory)."""
    urls = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel == SW or SKIPPED.search(rel):
            continue
        if rel.startswith(RUNTIME) and rel not in RUNTIME_KEPT:
            continue
        urls.append(rel.removesuffix("index.html") or "./")
    return urls


def write(site: Path) -> int:
    """Rewrite site/sw.js in place; return the number of precached files."""
    sw = site / SW
    urls = _precached(site)
    digest = hashlib.sha256()
    for url in urls:
        path = site / (url + "index.html" if url.endswith("/") else url)
        digest.update(f"{url} {sha256_file(path)}\n".encode())
    text, filled = re.subn(
        r'^const VERSION = "dev";.*\nconst PRECACHE = \[\];.*$',
        f"const VERSION = {json.dumps(digest.hexdigest()[:16])};\n"
        f"const PRECACHE = {json.dumps(urls, indent=0)};",
        sw.read_text(),
        flags=re.M,
    )
    if filled != 1:
        raise BuildError(f"{sw}: the VERSION and PRECACHE placeholders are missing")
    sw.write_text(text)
    return len(urls)
