"""Build the hsp_core wheel from this checkout with a standard PEP 517 build."""

import shutil
import sys
from pathlib import Path

from .common import CACHE, ROOT, BuildError, run

OUT = CACHE / "hsp-wheel"


def build(out: Path = OUT) -> Path:
    """Return the freshly built wheel. No isolation: hatchling comes pinned from dev.txt,
    so this works offline; hatchling's reproducible mode makes identical sources give
    identical bytes, which keeps the precompile cache warm. scripts/bench passes its own `out`,
    so it never races a concurrent build for the default folder."""
    shutil.rmtree(out, ignore_errors=True)
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(out), str(ROOT)])
    wheels = sorted(out.glob("*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one wheel in {out}, found {[w.name for w in wheels]}")
    return wheels[0]
