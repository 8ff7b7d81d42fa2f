"""Fetch the pinned Pyodide wheels (hash-checked) and locate the npm Pyodide core files."""

import shutil
import sys
from pathlib import Path

from .common import CACHE, CORE_FILES, NPM_PYODIDE, WHEEL_PINS, BuildError, log, run, sha256_file

# Pyodide 314's interpreter and wheel ABI; pure wheels match any platform.
PIP_TARGET = [
    "--python-version", "3.14", "--implementation", "cp", "--abi", "cp314",
    "--platform", "pyemscripten_2026_0_wasm32",
]  # fmt: skip


def wheels(pins: Path = WHEEL_PINS) -> list[Path]:
    """Download once per change of the pins file, into a folder named by its hash.

    The default is the shipped runtime; tests pass requirements/pyodide-test-wheels.txt,
    scripts/bench requirements/pyodide-bench-wheels.txt.
    """
    dest = CACHE / "wheels" / sha256_file(pins)[:16]
    if not dest.is_dir():
        log(f"downloading pinned Pyodide wheels ({pins.name})")
        tmp = dest.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        run([
            sys.executable, "-m", "pip", "download", "-q", "--require-hashes", "--no-deps",
            "--only-binary=:all:", *PIP_TARGET, "-r", str(pins), "-d", str(tmp),
        ])  # fmt: skip
        tmp.rename(dest)
    return sorted(dest.glob("*.whl"))


def core_files() -> list[Path]:
    files = [NPM_PYODIDE / name for name in CORE_FILES]
    missing = [f.name for f in files if not f.is_file()]
    if missing:
        raise BuildError(f"{NPM_PYODIDE} lacks {missing}: run `npm ci` (scripts/_env.sh does)")
    return files
