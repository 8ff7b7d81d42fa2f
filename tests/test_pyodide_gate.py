"""The build refuses a Pyodide that pyodide-adapter.mjs was not checked against."""

import json
import shutil
from pathlib import Path

import pytest
from buildlib import pyodide_gate
from buildlib.common import BuildError


def _copies(
    tmp_path: Path, *, lock: str | None = None, installed: str | None = None
) -> dict[str, Path]:
    """The real adapter, lockfile and node_modules/pyodide/package.json, optionally re-versioned."""
    adapter = tmp_path / "pyodide-adapter.mjs"
    shutil.copyfile(pyodide_gate.ADAPTER, adapter)
    lockfile = tmp_path / "package-lock.json"
    data = json.loads(pyodide_gate.LOCKFILE.read_text())
    if lock:
        data["packages"]["node_modules/pyodide"]["version"] = lock
    lockfile.write_text(json.dumps(data))
    npm = tmp_path / "pyodide"
    npm.mkdir()
    package = json.loads((pyodide_gate.NPM_PYODIDE / "package.json").read_text())
    if installed:
        package["version"] = installed
    (npm / "package.json").write_text(json.dumps(package))
    return {"adapter": adapter, "lockfile": lockfile, "npm": npm}


def test_the_pinned_pyodide_is_the_one_the_adapter_was_checked_against(tmp_path: Path) -> None:
    assert pyodide_gate.check(**_copies(tmp_path)) == pyodide_gate.checked_version()


def test_a_pyodide_upgrade_fails_the_build_until_the_adapter_is_checked(tmp_path: Path) -> None:
    with pytest.raises(
        BuildError,
        match=r"pins Pyodide 999\.0\.0, but pyodide-adapter\.mjs was "
        r"checked against .*docs/pyodide-upgrade\.md",
    ):
        pyodide_gate.check(**_copies(tmp_path, lock="999.0.0", installed="999.0.0"))


def test_node_modules_out_of_step_with_the_lockfile_fails(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="run npm ci"):
        pyodide_gate.check(**_copies(tmp_path, installed="999.0.0"))
