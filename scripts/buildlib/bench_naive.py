"""The baseline for scripts/bench: the calculator's Python done the way most Pyodide pages do it.

Everything on the main thread: `loadPyodide()` with npm's stock files (a `.py`-only
python_stdlib.zip, npm's pyodide-lock.json), then micropip, loaded by the URL of its wheel,
installs the ORIGINAL pinned wheels (not our precompiled ones) and the hsp_core wheel from
http URLs with deps=False (bare paths fail in micropip), then one call of
hsp_core.jsonapi.assess_json writes the totals into the same test hooks as the calculator's
([data-testid=total-a] etc., then data-state="ready" on [data-testid=calculator]).
"""

import json
import shutil
from pathlib import Path
from typing import Any

from .common import LOCK, NPM_PYODIDE

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

try {
  const pyodide = await loadPyodide();
  const problems = [];
  await pyodide.loadPackage(url(MICROPIP), { errorCallback: (m) => problems.push(m) });
  if (problems.length) throw new Error(problems.join(" "));
  const micropip = pyodide.pyimport("micropip");
  await micropip.install.callKwargs(pyodide.toPy(WHEELS.map(url)), { deps: false });
  const assessJson = pyodide.pyimport("hsp_core.jsonapi").assess_json;
  const answer = JSON.parse(assessJson(document.getElementById("profile").textContent));
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


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def page(wheels: list[str], micropip: str, profile: dict[str, Any]) -> str:
    """index.html: installs `wheels` (file names under wheels/) with micropip, scores `profile`."""
    if micropip in wheels:
        raise ValueError("micropip is loaded by loadPackage, not installed by itself")
    return (
        _PAGE.replace("__PROFILE__", _script_json(profile))
        .replace("__WHEELS__", _script_json(wheels))
        .replace("__MICROPIP__", _script_json(micropip))
    )


def assemble(dest: Path, wheels: list[Path], profile: dict[str, Any]) -> None:
    """Write the naive site into `dest` (replaced): index.html, pyodide/ (stock npm), wheels/."""
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "pyodide").mkdir(parents=True)
    (dest / "wheels").mkdir()
    for name in STOCK_FILES:
        shutil.copyfile(NPM_PYODIDE / name, dest / "pyodide" / name)
    for w in wheels:
        shutil.copyfile(w, dest / "wheels" / w.name)
    micropip = [w.name for w in wheels if w.name.startswith("micropip-")]
    if len(micropip) != 1:
        raise ValueError(f"expected one micropip wheel, got {micropip}")
    rest = sorted(w.name for w in wheels if w.name != micropip[0])
    (dest / "index.html").write_text(page(rest, micropip[0], profile))
