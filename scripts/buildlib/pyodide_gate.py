"""Refuse to build with a Pyodide the adapter was not checked against.

site/assets/calculator/pyodide-adapter.mjs holds every use of Pyodide's private, experimental or
layout-dependent surface, and names the one version it was checked against (PYODIDE_VERSION).
Another version may start, or restore a snapshot, differently without any error at first; so the
build stops until someone has gone through docs/pyodide-upgrade.md.
"""

import json
import re
from pathlib import Path

from .common import NPM_PYODIDE, ROOT, BuildError

ADAPTER = ROOT / "site" / "assets" / "calculator" / "pyodide-adapter.mjs"
LOCKFILE = ROOT / "package-lock.json"
_CHECKED = re.compile(r'^export const PYODIDE_VERSION = "([^"]+)";$', re.M)


def checked_version(adapter: Path = ADAPTER) -> str:
    found = _CHECKED.findall(adapter.read_text())
    if len(found) != 1:
        raise BuildError(f"{adapter.name}: no single 'export const PYODIDE_VERSION = \"…\";' line")
    return str(found[0])


def check(adapter: Path = ADAPTER, lockfile: Path = LOCKFILE, npm: Path = NPM_PYODIDE) -> str:
    """The pinned Pyodide version, if the lockfile, node_modules and the adapter agree."""
    want = checked_version(adapter)
    pinned = json.loads(lockfile.read_text())["packages"]["node_modules/pyodide"]["version"]
    installed = json.loads((npm / "package.json").read_text())["version"]
    if installed != pinned:
        raise BuildError(
            f"node_modules has Pyodide {installed}, package-lock.json pins {pinned}: run npm ci"
        )
    if pinned != want:
        raise BuildError(
            f"package-lock.json pins Pyodide {pinned}, but {adapter.name} was checked against "
            f"{want}: follow docs/pyodide-upgrade.md, then set PYODIDE_VERSION there"
        )
    return str(pinned)
