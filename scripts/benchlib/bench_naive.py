"""The baseline for scripts/bench: the calculator's Python done the way most Pyodide pages do it.

Everything on the main thread: `loadPyodide()` with npm's stock files (a `.py`-only
python_stdlib.zip, npm's pyodide-lock.json), then micropip, loaded by the URL of its wheel,
installs the ORIGINAL pinned wheels (not our precompiled ones) and the hsp_core wheel from
http URLs with deps=False (bare paths fail in micropip), then one call of
hsp_core.jsonapi.assess_json writes the totals into the same test hooks as the calculator's
([data-testid=total-a] etc., then data-state="ready" on [data-testid=calculator]).

The "lock" installer is the same page with one lever changed, to price micropip alone:
a pyodide-lock.json for the same original wheels (buildlib.lock, as the build makes ours)
and `loadPackage("hsp-core")`. performance.mark() notes each phase in both.
"""

import json
import shutil
from pathlib import Path
from typing import Any

from buildlib import lock
from buildlib.common import LOCK, NPM_PYODIDE

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HSP points: naive Pyodide baseline</title>
<link rel="icon" href="data:,">
</head>
<body>
<main data-testid="calculator" data-state="loading">
<h1>HSP points (naive Pyodide page)</h1>
<p id="status">Loading Python…</p>
<p>(a) <span data-testid="total-a"></span> · (b) <span data-testid="total-b"></span>
 · (c) <span data-testid="total-c"></span></p>
</main>
<script type="application/json" id="profile">__PROFILE__</script>
<script type="module">
import { loadPyodide } from "./pyodide/pyodide.mjs";

const WHEELS = __WHEELS__;
const MICROPIP = __MICROPIP__;
const root = document.querySelector("[data-testid=calculator]");
const status = document.getElementById("status");
const url = (name) => new URL(`wheels/${name}`, location.href).href;

const problems = [];
const errorCallback = (m) => problems.push(m); // loadPackage reports, never throws
const check = () => { if (problems.length) throw new Error(problems.join(" ")); };

try {
  const pyodide = await loadPyodide();
  performance.mark("loadPyodide");
  __INSTALL__
  performance.mark("installed");
  const assessJson = pyodide.pyimport("hsp_core.jsonapi").assess_json;
  performance.mark("imported");
  const answer = JSON.parse(assessJson(document.getElementById("profile").textContent));
  performance.mark("answered");
  if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
  for (const [c, cat] of Object.entries(answer.result.categories)) {
    root.querySelector(`[data-testid=total-${c}]`).textContent = String(cat.total);
  }
  status.textContent = "Done.";
  root.dataset.state = "ready";
} catch (error) {
  status.textContent = `Failed: ${error}`;
  root.dataset.state = "error";
}
</script>
</body>
</html>
"""

# What loadPyodide() fetches by default from its own folder: the stock runtime and npm's lock.
STOCK_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", LOCK)
INSTALLERS = {
    "micropip": """await pyodide.loadPackage(url(MICROPIP), { errorCallback });
  check();
  performance.mark("micropip");
  const micropip = pyodide.pyimport("micropip");
  await micropip.install.callKwargs(pyodide.toPy(WHEELS.map(url)), { deps: false });""",
    "lock": """await pyodide.loadPackage("hsp-core", { errorCallback });
  check();""",
}


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def page(wheels: list[str], micropip: str, profile: dict[str, Any],
         installer: str = "micropip") -> str:
    """index.html: installs `wheels` (file names under wheels/) with micropip, or hsp-core
    from the lock, then scores `profile`."""
    if micropip in wheels:
        raise ValueError("micropip is loaded by loadPackage, not installed by itself")
    return (
        _PAGE.replace("__INSTALL__", INSTALLERS[installer])
        .replace("__PROFILE__", _script_json(profile))
        .replace("__WHEELS__", _script_json(wheels))
        .replace("__MICROPIP__", _script_json(micropip))
    )


def assemble(dest: Path, wheels: list[Path], profile: dict[str, Any],
             installer: str = "micropip") -> None:
    """Write the naive site into `dest` (replaced): index.html, pyodide/ (stock npm), wheels/.
    With the lock installer the wheels sit in pyodide/ next to a lock listing just them."""
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "pyodide").mkdir(parents=True)
    (dest / "wheels").mkdir()
    for name in STOCK_FILES:
        shutil.copyfile(NPM_PYODIDE / name, dest / "pyodide" / name)
    folder = dest / ("pyodide" if installer == "lock" else "wheels")
    for w in wheels:
        shutil.copyfile(w, folder / w.name)
    if installer == "lock":
        info = json.loads((NPM_PYODIDE / LOCK).read_text())["info"]
        lock.write([folder / w.name for w in wheels], info, dest / "pyodide" / LOCK)
    micropip = [w.name for w in wheels if w.name.startswith("micropip-")]
    if len(micropip) != 1:
        raise ValueError(f"expected one micropip wheel, got {micropip}")
    rest = sorted(w.name for w in wheels if w.name != micropip[0])
    (dest / "index.html").write_text(page(rest, micropip[0], profile, installer))
