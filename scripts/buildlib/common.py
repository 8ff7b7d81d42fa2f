"""Paths, pins and small helpers shared by the build steps."""

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache"
PUBLIC = ROOT / "public"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
WHEEL_PINS = ROOT / "requirements" / "pyodide-wheels.txt"
# What the runtime fetches; pyodide.js (CommonJS), source maps and typings stay out of the site.
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# Also shipped gzip-compressed (GZ suffix), for the browser: static hosts need not compress them.
# Node reads the plain files.
GZIPPED = ("pyodide.asm.wasm",)
GZ = ".gz"
LOCK = "pyodide-lock.json"
MANIFEST = "manifest.json"
APP_PACKAGE = "hsp-core"


class BuildError(Exception):
    """A build step failed in an expected way; the message says what to do."""


def log(msg: str) -> None:
    print(f"[build] {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str], *, quiet: bool = True) -> None:
    """Run a command; when quiet, its output is shown only if it fails."""
    res = subprocess.run(cmd, cwd=ROOT, capture_output=quiet, text=True, check=False)
    if res.returncode:
        if quiet:
            sys.stderr.write(res.stdout[-4000:] + res.stderr[-4000:])
        raise BuildError(f"command failed ({res.returncode}): {' '.join(cmd)}")


def sha256_file(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def canonical(name: str) -> str:
    """PEP 503 name, which is also how Pyodide keys its lock file."""
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_pins() -> dict[str, str]:
    """Canonical name -> version from requirements/pyodide-wheels.txt."""
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", WHEEL_PINS.read_text(), re.M)
    return {canonical(n): v for n, v in pins}


def pyodide_version() -> str:
    version = json.loads((NPM_PYODIDE / "package.json").read_text())["version"]
    assert isinstance(version, str)
    return version
