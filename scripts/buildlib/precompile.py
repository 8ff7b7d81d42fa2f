"""Host side of the .pyc step: cache key, then precompile.mjs in Node does the work."""

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from .common import CACHE, NPM_PYODIDE, ROOT, BuildError, log, pyodide_version, sha256_file

HERE = Path(__file__).parent
CODE = (HERE / "precompile.mjs", HERE / "pyc_compile.py")


def run(wheels: list[Path]) -> tuple[Path, dict[str, object]]:
    """Return (folder with python_stdlib.zip + compiled wheels, facts from Pyodide).

    Bytecode is only valid for the interpreter that wrote it, so the key covers the Pyodide
    version and stdlib as well as every input wheel and the compiler code itself.
    """
    parts = [pyodide_version(), sha256_file(NPM_PYODIDE / "python_stdlib.zip")]
    parts += [f"{p.name}:{sha256_file(p)}" for p in [*CODE, *wheels]]
    key = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    out = CACHE / "pyc" / f"{pyodide_version()}-{key}"
    facts_file = out / "facts.json"
    if not facts_file.is_file():
        log(f"precompiling stdlib and {len(wheels)} wheels with Pyodide {pyodide_version()}")
        tmp = CACHE / "pyc.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        cmd = ["node", str(CODE[0]), str(NPM_PYODIDE), str(tmp), *map(str, wheels)]
        res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        if res.returncode:
            raise BuildError(f"precompile failed:\n{res.stdout[-3000:]}{res.stderr[-3000:]}")
        (tmp / "facts.json").write_text(res.stdout.strip().splitlines()[-1] + "\n")
        # Only the newest result is worth keeping; each hsp_core edit makes a new one.
        shutil.rmtree(CACHE / "pyc", ignore_errors=True)
        out.parent.mkdir(parents=True)
        tmp.rename(out)
    facts: dict[str, object] = json.loads(facts_file.read_text())
    return out, facts
