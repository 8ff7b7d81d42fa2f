"""Write our own pyodide-lock.json for exactly the wheels we ship.

pyodide-lock 0.2.1 rejects the pyemscripten_2026_0 platform tag, and its output lists all
357 npm packages; this lists only ours. Each sha256 is of the final (precompiled) file:
browsers check it via SRI when loadPackage fetches the wheel.
"""

import json
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import parse_wheel_filename

from .common import BuildError, canonical, sha256_file


def _marker_env(info: dict[str, str]) -> dict[str, str]:
    """PEP 508 environment of Pyodide itself, for evaluating Requires-Dist markers."""
    full = info["python"]
    return {
        "python_version": ".".join(full.split(".")[:2]), "python_full_version": full,
        "sys_platform": "emscripten", "platform_system": "Emscripten", "os_name": "posix",
        "platform_machine": info["arch"], "implementation_name": "cpython",
        "platform_python_implementation": "CPython", "extra": "",
    }  # fmt: skip


def _entry(wheel: Path, env: dict[str, str]) -> tuple[dict[str, Any], list[Requirement]]:
    name, version, _, _ = parse_wheel_filename(wheel.name)
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        requires = Parser().parsestr(z.read(meta).decode()).get_all("Requires-Dist") or []
    # Top-level import names: packages and single-file modules at the wheel's root.
    tops = {n.split("/")[0].split(".")[0] for n in names if n.endswith((".py", ".pyc", ".so"))}
    reqs = [r for r in map(Requirement, requires) if not r.marker or r.marker.evaluate(env)]
    entry = {
        "name": str(name), "version": str(version), "file_name": wheel.name,
        "install_dir": "site", "sha256": sha256_file(wheel), "package_type": "package",
        "imports": sorted(tops), "depends": sorted({canonical(r.name) for r in reqs}),
        "unvendored_tests": False,
    }  # fmt: skip
    return entry, reqs


def write(wheels: list[Path], info: dict[str, str], out: Path) -> None:
    entries = {e["name"]: (e, reqs) for e, reqs in (_entry(w, _marker_env(info)) for w in wheels)}
    for name, (_, reqs) in entries.items():
        for req in reqs:  # every dependency must be shipped, in a version it accepts
            dep = entries.get(canonical(req.name))
            if dep is None or not req.specifier.contains(dep[0]["version"], prereleases=True):
                raise BuildError(f"{name} needs {req}, which the dist does not provide")
    lock = {"info": info, "packages": {n: e for n, (e, _) in sorted(entries.items())}}
    out.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
