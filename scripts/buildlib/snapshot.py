"""The calculator's Pyodide memory snapshot: made in Node, checked, shipped gzip-compressed.

The worker restores it instead of starting Python, installing the wheels and importing
hsp_core (site/assets/calculator/pyodide-adapter.mjs says how, and holds every use of
Pyodide's internals). Every build restores it in Node and
compares its answers and date.today() with a normal start before shipping it; any difference
fails the build. Results are cached under a key covering everything the snapshot depends on:
the Pyodide version, every dist file it is made from, Node's version and the code below.
"""

import gzip
import hashlib
import json
import shutil
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .common import (
    APP_PACKAGE,
    CACHE,
    CORE_FILES,
    LOCK,
    ROOT,
    BuildError,
    log,
    pyodide_version,
    sha256_file,
)
from .wasm_data import image

HERE = Path(__file__).parent
NODE_SCRIPT = HERE / "snapshot_node.mjs"
CODE = (
    Path(__file__),
    NODE_SCRIPT,
    HERE / "wasm_data.py",
    ROOT / "site" / "assets" / "calculator" / "pyodide-adapter.mjs",
)
SNAPSHOT = "hsp-snapshot.bin.gz"
SO = "pydantic_core.so.gz"  # the side module a restore loads before the runtime starts
WASM = "pyodide.asm.wasm"  # its data segments are the snapshot's delta base (wasm_data.py)
# Zero runs this long are cut out of the shipped file: about a third of the memory, which
# would otherwise cost inflate time in the browser on every start.
ZERO_RUN = 64 * 1024

_VALID = {"age": 31, "education": "master", "experience_years": 6, "annual_salary_jpy": 7500000}
# The warm-up runs the common path, field errors and bad JSON, so the first real answer finds
# their code imported and pydantic's validators built; and one answer in each other language,
# so that its catalog is in memory: a restore's wheel zips are empty until after the first
# answer (worker.mjs, writeLater), and reading the catalog from them would fail it.
WARMUP = [
    json.dumps({**_VALID, "japanese_level": "n1", "position": "representative_director"}),
    "{}",
    '{"age": "x", "education": "none"}',
    "not json",
    *(json.dumps({**_VALID, "lang": lang}) for lang in ("ja", "zh", "zh-TW")),
]
# Checked after a restore against a normal start: paths beyond the warm-up too (a birth date,
# so date.today(); the residence and family fields; a non-object).
PROFILES = [
    *WARMUP,
    json.dumps(
        {
            "birth_date": "1990-04-01",
            "education": "master",
            "experience_years": 6,
            "annual_salary_jpy": 7500000,
            "continuous_residence_years": 3,
        }
    ),
    json.dumps({**_VALID, "education": "doctor", "category": "a", "annual_salary_jpy": 2900000}),
    "[1, 2]",
]


def _closure(lock: dict[str, Any], name: str, seen: dict[str, str]) -> dict[str, str]:
    """Package name -> wheel file of name and everything it depends on."""
    if name not in seen:
        seen[name] = lock["packages"][name]["file_name"]
        for dep in lock["packages"][name]["depends"]:
            _closure(lock, dep, seen)
    return seen


def _so_member(wheel: Path) -> str | None:
    with zipfile.ZipFile(wheel) as z:
        members = [n for n in z.namelist() if n.endswith(".so")]
    if len(members) > 1:
        raise BuildError(f"{wheel.name} has {len(members)} .so files; the snapshot loads one")
    return members[0] if members else None


def spec(dist: Path, python: str) -> dict[str, Any]:
    """What snapshot_node.mjs needs (see there), less the .so's file and the snapshot layout."""
    lock = json.loads((dist / LOCK).read_text())
    wheels = sorted(_closure(lock, APP_PACKAGE, {}).values())
    native = {w: m for w in wheels if (m := _so_member(dist / w))}
    if len(native) != 1:
        raise BuildError(f"the snapshot needs exactly one wheel with a .so, found {list(native)}")
    [(wheel, member)] = native.items()
    site = "/lib/python{}.{}/site-packages/".format(*python.split(".")[:2])
    return {
        "dist": str(dist),
        "so": {"path": site + member, "member": member},
        "wheels": [w for w in wheels if w != wheel],
        "unpack": [wheel],
        "warmup": WARMUP,
        "profiles": PROFILES,
    }


def _key(dist: Path, spec: dict[str, Any]) -> str:
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    files = [dist / n for n in (*CORE_FILES, *spec["wheels"], *spec["unpack"])]
    parts = [pyodide_version(), node.stdout.strip()]
    parts += [f"{p.name}:{sha256_file(p)}" for p in (*files, *CODE)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _node(*args: str) -> str:
    res = subprocess.run(
        ["node", str(NODE_SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if res.returncode:
        raise BuildError(f"snapshot_node.mjs {args[0]} failed:\n{res.stderr[-3000:]}")
    return res.stdout


def compare(restored: dict[str, Any], normal: dict[str, Any]) -> None:
    """Fail if the snapshot answers anything differently from a normal start."""
    problems = [
        f"profile {i}: {PROFILES[i][:60]}"
        for i, (a, b) in enumerate(zip(restored["answers"], normal["answers"], strict=True))
        if a != b
    ]
    if restored["schemas"] != normal["schemas"]:
        problems.append("schemas() differs (a lazy import after the restore?)")
    if restored["later"] != "[]":  # else the check of the zips written later proves nothing
        problems.append(f"the snapshot holds modules the check imports: {restored['later']}")
    for when in ("today", "in1000days"):  # Python's date must follow the clock, not the build
        if restored[when]["python"] != restored[when]["js"]:
            problems.append(f"date.today() {when}: {restored[when]}")
    if problems:
        raise BuildError("the restored snapshot answers differently:\n" + "\n".join(problems))


def check(spec: dict[str, Any], packed: Path, so: Path, work: Path) -> dict[str, Any]:
    """Restore the shipped files in Node and start normally, side by side; compare; return the
    restored run. The restore unpacks the snapshot with the browser's code (pyodide-adapter.mjs)."""
    raw_so = work / "so"
    raw_so.write_bytes(gzip.decompress(so.read_bytes()))
    spec_file = work / "spec.json"
    spec_file.write_text(json.dumps({**spec, "so": {**spec["so"], "file": str(raw_so)}}))
    with ThreadPoolExecutor(2) as pool:
        runs = [pool.submit(_node, "run", str(spec_file), *a) for a in ([str(packed)], [])]
        restored, normal = (json.loads(r.result().splitlines()[-1]) for r in runs)
    compare(restored, normal)
    for f in (raw_so, spec_file):
        f.unlink()
    return {**restored, "normal_ms": normal["ms"]}


def _zero_runs(data: bytes) -> list[list[int]]:
    """[start, length] of every run of zeros of at least ZERO_RUN bytes, in 4 KiB blocks."""
    block, zero, runs = 4096, bytes(4096), []
    start = None
    for at in range(0, len(data) + block, block):
        if at < len(data) and data[at : at + block] == zero[: len(data) - at]:
            start = at if start is None else start
        elif start is not None:
            if min(at, len(data)) - start >= ZERO_RUN:
                runs.append([start, min(at, len(data)) - start])
            start = None
    return runs


def _pack(raw: bytes, base: int, start: bytes, dest: Path) -> dict[str, Any]:
    """gzip of the snapshot with the memory the wasm's data segments fill at start-up (`start`)
    XORed with them, so what the restore leaves unchanged is zeros, and without its long zero
    runs; and what unpack() needs to undo both. A run is cut only where the memory and `start`
    are both zero, so that the restored snapshot (what the worker keeps in OPFS) has the same
    layout."""
    # `base`: where memory starts, after the snapshot's header (pyodide-adapter.mjs: memoryStart)
    end = base + len(start)
    memory, initial = (int.from_bytes(b, "little") for b in (raw[base:end], start))

    def inside(n: int) -> bytes:
        return n.to_bytes(len(start), "little")

    xored = raw[:base] + inside(memory ^ initial) + raw[end:]
    zeros = _zero_runs(raw[:base] + inside(memory | initial) + raw[end:])
    cuts = [0, *(n for begin, length in zeros for n in (begin, begin + length)), len(raw)]
    parts = (xored[cuts[i] : cuts[i + 1]] for i in range(0, len(cuts), 2))
    dest.write_bytes(gzip.compress(b"".join(parts), 9, mtime=0))
    # The worker XORs the first `length` bytes of memory back with the same bytes of the wasm's
    # memory as instantiated, which start-up has not touched yet at Pyodide's preRun.
    return {"size": len(raw), "zeros": zeros, "delta": {"wasm": WASM, "length": len(start)}}


def _make(dist: Path, spec: dict[str, Any], out: Path) -> None:
    tmp = CACHE / "snapshot.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    so, raw, spec_file = tmp / "so", tmp / "snapshot.bin", tmp / "spec.json"
    with zipfile.ZipFile(dist / spec["unpack"][0]) as z:
        so.write_bytes(z.read(spec["so"]["member"]))
    spec_file.write_text(json.dumps({**spec, "so": {**spec["so"], "file": str(so)}}))
    base = json.loads(_node("make", str(spec_file), str(raw)).splitlines()[-1])["memory_start"]
    (tmp / SO).write_bytes(gzip.compress(so.read_bytes(), 9, mtime=0))
    layout = _pack(raw.read_bytes(), base, image((dist / WASM).read_bytes()), tmp / SNAPSHOT)
    for f in (so, raw, spec_file):
        f.unlink()
    restored = check({**spec, "snapshot": layout}, tmp / SNAPSHOT, tmp / SO, tmp)
    facts = {**layout, "ms": restored["ms"], "normal_ms": restored["normal_ms"]}
    (tmp / "facts.json").write_text(json.dumps(facts) + "\n")
    shutil.rmtree(out.parent, ignore_errors=True)  # only the newest snapshot is worth keeping
    out.parent.mkdir(parents=True)
    tmp.rename(out)


def add(dist: Path, python: str) -> dict[str, Any]:
    """Put the snapshot of this dist into it; return the manifest's "snapshot" entry."""
    made = spec(dist, python)
    out = CACHE / "snapshot" / f"{pyodide_version()}-{_key(dist, made)}"
    if not (out / "facts.json").is_file():
        log("making and checking the Pyodide memory snapshot")
        _make(dist, made, out)
    for name in (SNAPSHOT, SO):
        shutil.copyfile(out / name, dist / name)
    facts = json.loads((out / "facts.json").read_text())
    log(
        f"snapshot: {facts['size']:,} B of memory; start in Node {facts['ms']['start']} ms "
        f"restored vs {facts['normal_ms']['start']} ms normal"
    )
    return {"file": SNAPSHOT, "size": facts["size"], "zeros": facts["zeros"],
            "delta": facts["delta"], "so": {"file": SO, "path": made["so"]["path"]},
            "wheels": made["wheels"]}  # fmt: skip
