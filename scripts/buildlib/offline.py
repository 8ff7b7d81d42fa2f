"""Fill in the service worker's precache sets and version (site/sw.js, at the site root).

The worker caches the built site in sets, each fetched only for a visitor whose pages need it
(issue #19): "shared" (styles, scripts, the search index and its languages, the 404 page), one
set per language (the pages whose <html lang> it is, with the path prefix they share), and
"calculator" (its modules and Pyodide's two JS modules below). Not the Pyodide runtime, which the
calculator itself stores as it downloads it (assets/calculator/files.mjs): caching that again
would download it twice. Pyodide's two JS modules are the exception: precached (a calculator
visit's install), under the URL the calculator's worker imports them by and served from there, a
script gets Chromium's code cache (written by the first load served from this cache, which a
first visit makes in the background: site/assets/calculator/code-cache.mjs), which the runtime
cache's copy does not: compiling pyodide.asm.mjs took 98 ms without it. The install's request
finds them in the HTTP cache (304). The version is a hash of every file of every set, so any
change to the site makes browsers install the new worker, which then drops the old cache.
"""

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path, PurePosixPath

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
SHARED, CALCULATOR = "shared", "calculator"  # site/sw.js
# Only the calculator page loads these (calculator.css is on every page: shared).
CALCULATOR_ONLY = re.compile(r"^assets/calculator/.*\.mjs$|^" + re.escape(RUNTIME))
NOT_FOUND = "404.html"  # the answer to any page missing offline, whatever its language
HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"")


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


def _set_of(site: Path, rel: str) -> str:
    """The precache set of a site file: its page's language, the calculator's, or shared."""
    if CALCULATOR_ONLY.search(rel):
        return CALCULATOR
    if not rel.endswith(".html") or rel == NOT_FOUND:
        return SHARED
    found = HTML_LANG.search((site / rel).read_text(encoding="utf-8", errors="replace"))
    if not found:
        raise BuildError(f"{rel}: a page without <html lang>, so no language to precache it for")
    return found.group(1)


def _prefix(urls: list[str]) -> str:
    """The folder a language's pages share ("" for the site root's, "ja/" under ja/)."""
    folders = [PurePosixPath(u).parts if u != "./" else () for u in urls]
    common = []
    for parts in zip(*folders, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return "".join(f"{p}/" for p in common)


def sets(site: Path, found: list[tuple[str, Path]]
         ) -> tuple[dict[str, list[str]], dict[str, str]]:
    """(set name -> its URLs, language -> the path prefix of its pages) of _precached()."""
    out: dict[str, list[str]] = defaultdict(list)
    for url, path in found:
        out[_set_of(site, path.relative_to(site).as_posix())].append(url)
    langs = {lang: _prefix(urls) for lang, urls in out.items() if lang not in (SHARED, CALCULATOR)}
    if list(langs.values()).count("") != 1:
        raise BuildError(f"precache: one language must have the site root, not {langs}")
    return dict(out), langs


def write(site: Path, versions: dict[str, str]) -> int:
    """Rewrite site/sw.js in place; return the number of precached files."""
    sw = site / SW
    found = _precached(site, versions)
    precache, langs = sets(site, found)
    digest = hashlib.sha256()
    for url, path in found:
        digest.update(f"{url} {sha256_file(path)}\n".encode())
    text, filled = re.subn(
        r'^const VERSION = "dev";.*\nconst PRECACHE = \{\};.*\nconst LANGS = \{\};.*$',
        f"const VERSION = {json.dumps(digest.hexdigest()[:16])};\n"
        f"const PRECACHE = {json.dumps(precache, indent=0)};\n"
        f"const LANGS = {json.dumps(langs)};",
        sw.read_text(),
        flags=re.M,
    )
    if filled != 1:
        raise BuildError(f"{sw}: the VERSION, PRECACHE and LANGS placeholders are missing")
    sw.write_text(text)
    return len(found)
