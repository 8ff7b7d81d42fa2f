"""Lay out public/pyodide/: core runtime, precompiled stdlib and wheels, lock; the manifest."""

import gzip
import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from . import lock
from .common import (
    GZ,
    GZIPPED,
    LOCK,
    MANIFEST,
    NPM_PYODIDE,
    BuildError,
    pyodide_version,
    sha256_file,
)

WORKER = Path("assets/calculator/worker.mjs")
# A call the worker makes after restoring the snapshot, with the answer it must give (a dated
# profile, so the answer does not change with the day): a restore from damaged bytes that still
# starts shows here. "{}", the empty form's request, is checked too, before its answer is shown.
CHECK = {"birth_date": "1990-04-01", "reference_date": "2026-12-01", "education": "master",
         "experience_years": 6, "annual_salary_jpy": 7500000}


def dist(core: list[Path], compiled: Path, dest: Path) -> None:
    dest.mkdir(parents=True)
    for f in core:  # the compiled dir has the hybrid stdlib zip, which replaces npm's
        src = compiled / f.name if (compiled / f.name).is_file() else f
        shutil.copyfile(src, dest / f.name)
        if f.name in GZIPPED:
            (dest / (f.name + GZ)).write_bytes(gzip.compress(src.read_bytes(), 9, mtime=0))
    wheels = sorted(compiled.glob("*.whl"))
    for w in wheels:
        shutil.copyfile(w, dest / w.name)
    info = json.loads((NPM_PYODIDE / LOCK).read_text())["info"]
    lock.write([dest / w.name for w in wheels], info, dest / LOCK)


def _entry(p: Path) -> dict[str, object]:
    """A file's size and sha256; a .gz's also of its inflated bytes, which the calculator keeps
    and checks on every later visit (site/assets/calculator/files.mjs)."""
    entry: dict[str, object] = {"name": p.name, "size": p.stat().st_size, "sha256": sha256_file(p)}
    if p.name.endswith(GZ):
        inflated = gzip.decompress(p.read_bytes())
        entry["inflated"] = {"size": len(inflated), "sha256": hashlib.sha256(inflated).hexdigest()}
    return entry


def manifest(dest: Path, facts: dict[str, object], snapshot: dict[str, object]) -> None:
    """Every file of the dist with its size and sha256, last, when nothing more is added."""
    files = sorted(p for p in dest.iterdir() if p.name != MANIFEST)
    data = {
        "pyodide": pyodide_version(),
        "python": facts["python"],
        "pyc_magic": facts["magic"],
        "files": [_entry(p) for p in files],
        "total_size": sum(p.stat().st_size for p in files),
        "snapshot": snapshot,
    }
    (dest / MANIFEST).write_text(json.dumps(data, indent=1) + "\n")


def embed(site: Path) -> None:
    """Write the manifest and the lock into the calculator's worker: it starts with them; and
    the snapshot's URL into the calculator page, whose <head> downloads it for the worker on a
    first visit (site/assets/calculator/boot.js); the worker checks its sha256."""
    dist = site / "pyodide"
    from hsp_core.jsonapi import assess_json  # the same code as the wheel the site ships

    check = json.dumps(CHECK)
    built = {"manifest": json.loads((dist / MANIFEST).read_text()),
             "lock": json.loads((dist / LOCK).read_text()),
             "check": {"json": check, "answer": assess_json(check), "empty": assess_json("{}")}}
    _embed_snapshot(site, built["manifest"])
    worker = site / WORKER
    text, count = re.subn(r"^const BUILT = null;$", lambda _: f"const BUILT = {json.dumps(built)};",
                          worker.read_text(), flags=re.M)
    if count != 1:
        raise BuildError(f"{worker}: no 'const BUILT = null;' line to fill in")
    worker.write_text(text)


def _embed_snapshot(site: Path, manifest: dict[str, Any]) -> None:
    line = "const SNAPSHOT = null;"
    # One calculator page per language (issue #17), all pointing at the one shared /pyodide/.
    pages = [p for p in site.rglob("*.html") if line in p.read_text()]
    if not pages:
        raise BuildError(f"no page with a {line!r} line to fill in")
    snap = manifest["snapshot"]
    if not snap:
        return  # the page then leaves the download to the worker
    sha256 = next(f["sha256"] for f in manifest["files"] if f["name"] == snap["file"])
    for page in pages:
        where = Path(os.path.relpath(site / "pyodide", page.parent)).as_posix()
        # The URL the worker's RuntimeFiles.url() gives it too: the same HTTP cache entry.
        found = {"url": f"{where}/{snap['file']}?v={sha256[:16]}"}
        page.write_text(page.read_text().replace(line, f"const SNAPSHOT = {json.dumps(found)};"))
