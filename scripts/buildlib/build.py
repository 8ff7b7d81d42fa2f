"""scripts/build: the whole static site, with the self-hosted Pyodide dist, into public/."""

import fcntl
import json
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import (
    assemble,
    build_id,
    csp,
    docs,
    fingerprint,
    hsp_wheel,
    offline,
    precompile,
    pyodide_gate,
    snapshot,
    vendor,
)
from .common import CACHE, MANIFEST, PUBLIC, BuildError, log


@contextmanager
def _step(name: str) -> Iterator[None]:
    start = time.monotonic()
    yield
    log(f"{name}: {time.monotonic() - start:.1f} s")


def _build(staging: Path) -> None:
    log(f"Pyodide {pyodide_gate.check()}, as pyodide-adapter.mjs was checked against")
    with _step("hsp_core wheel"):
        own = hsp_wheel.build()
    with _step("pinned wheels"):
        pinned = vendor.wheels()
    with _step("precompile"):
        compiled, facts = precompile.run([own, *pinned])
    with _step("mkdocs"):
        docs.build(staging)
    # pyodide/ sits at the site root, outside docs_dir, so mkdocs never copies or rewrites it.
    dist = staging / "pyodide"
    with _step("pyodide dist"):
        assemble.dist(vendor.core_files(), compiled, dist)
    with _step("snapshot"):
        made = snapshot.add(dist, str(facts["python"]))
    assemble.manifest(dist, facts, made)
    assemble.embed(staging)
    log(f"build id: {build_id.stamp(staging)}")
    versions = fingerprint.run(staging)
    log(f"Content-Security-Policy on {csp.write(staging)} pages")
    log(f"service worker: {offline.write(staging, versions)} files precached")


def _swap_in(staging: Path) -> None:
    """Replace public/ by two renames, so a running scripts/serve never sees half a site."""
    old = CACHE / "public.old"
    shutil.rmtree(old, ignore_errors=True)
    if PUBLIC.exists():
        PUBLIC.rename(old)
    staging.rename(PUBLIC)
    shutil.rmtree(old, ignore_errors=True)


def _summary(seconds: float) -> None:
    manifest = json.loads((PUBLIC / "pyodide" / MANIFEST).read_text())
    print(f"Pyodide {manifest['pyodide']} (Python {manifest['python']}) in public/pyodide/:")
    for f in manifest["files"]:
        print(f"  {f['size']:>12,}  {f['name']}")
    print(f"  {manifest['total_size']:>12,}  total runtime")
    site = sum(p.stat().st_size for p in PUBLIC.rglob("*") if p.is_file())
    print(f"  {site:>12,}  total public/ (built in {seconds:.1f} s)")


def main() -> int:
    start = time.monotonic()
    CACHE.mkdir(exist_ok=True)
    with (CACHE / "build.lock").open("w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # concurrent builds would share .cache/ and public/
        staging = CACHE / "public.new"
        shutil.rmtree(staging, ignore_errors=True)
        try:
            _build(staging)
        except BuildError as e:
            log(f"FAILED: {e}")
            return 1
        _swap_in(staging)
    _summary(time.monotonic() - start)
    return 0


if __name__ == "__main__":
    sys.exit(main())
