"""Fill in the service worker's precache list and version (site/sw.js, at the site root).

The worker caches the whole built site at install, except the Pyodide runtime, which the
calculator itself stores as it downloads it (assets/calculator/files.mjs): caching that again
would download it twice. Pyodide's two JS modules are the exception: cached at install, under
the URL the calculator's worker imports them by and served from there, a script gets Chromium's
code cache (written by the first load served from this cache, which a first visit makes in the
background: site/assets/calculator/code-cache.mjs), which the runtime cache's copy does not:
compiling pyodide.asm.mjs took 98 ms without it. The install's request finds them in the HTTP
cache (304). The version is a hash of every precached file, so any change to the site makes
browsers install the new worker, which then drops the old cache.
"""

import hashlib
import json
import re
from pathlib import Path

from .common import MANIFEST, BuildError, sha256_file

SW = "sw.js"
RUNTIME = "pyodide/"
RUNTIME_MODULES = ("pyodide.mjs", "pyodide.asm.mjs")  # by their ?v=, as worker.mjs imports them
# Source maps, the search languages the site does not use (Material's search worker loads the
# stemmer support, lunr.multi and one file per language of mkdocs.yml's search `lang`, and
# tinyseg for Japanese), and build.json, which open pages fetch from the network to learn of a
# newer build.
SEARCH_USED = r"min/lunr\.(?:stemmer\.support|multi|ja|zh)\.min\.js$|tinyseg\.js$"
SKIPPED = re.compile(
    rf"\.map$|^assets/javascripts/lunr/(?!{SEARCH_USED})|^sitemap\.xml|^build\.json$")


def _runtime_versions(site: Path) -> dict[str, str]:
    """Pyodide's modules -> their ?v=, the manifest's sha256 prefix (files.mjs: version())."""
    files = json.loads((site / RUNTIME / MANIFEST).read_text())["files"]
    sha = {f["name"]: f["sha256"] for f in files}
    return {RUNTIME + name: sha[name][:16] for name in RUNTIME_MODULES}


def _precached(site: Path, versions: dict[str, str]) -> list[tuple[str, Path]]:
    """(site-relative URL as the browser requests it, file): a page by its directory, a
    fingerprinted file with its ?v= (buildlib/fingerprint.py), Pyodide's modules with theirs."""
    versions = {**versions, **_runtime_versions(site)}
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel == SW or SKIPPED.search(rel):
            continue
        # The runtime is the calculator's to cache, Pyodide's modules aside; manifest.json and the
        # lock are inside worker.mjs (buildlib/assemble.py: embed), so nothing asks for them.
        if rel.startswith(RUNTIME) and rel not in versions:
            continue
        url = f"{rel}?v={versions[rel]}" if rel in versions else rel
        found.append((url.removesuffix("index.html") or "./", path))
    return found


def write(site: Path, versions: dict[str, str]) -> int:
    """Rewrite site/sw.js in place; return the number of precached files."""
    sw = site / SW
    found = _precached(site, versions)
    urls = [url for url, _ in found]
    digest = hashlib.sha256()
    for url, path in found:
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
