"""Runs INSIDE Pyodide's own CPython 3.14 (driven by precompile.mjs), never on the host.

Host Pythons cannot write 3.14 bytecode, so Pyodide compiles for itself. trace() must run
before compile_all(): that is why the compile-only modules are imported inside functions,
keeping them out of the sys.modules snapshot that picks the stdlib modules to precompile.
"""

import contextlib  # already imported at start-up, so it does not skew trace()
import sys

# A complete profile (the common path) and an empty one (the validation-error path).
SAMPLES = (
    '{"age":30,"education":"master","experience_years":5,"annual_salary_jpy":6000000}',
    "{}",
)


def _stdlib_zip() -> str:
    return next(p for p in sys.path if p.endswith(".zip"))


def trace() -> list[str]:
    """Import hsp_core, run sample assessments, return the stdlib zip members now imported."""
    from hsp_core.jsonapi import assess_json  # what the calculator worker calls

    for sample in SAMPLES:
        with contextlib.suppress(Exception):  # only the imports matter, not the outcome
            assess_json(sample)
    prefix = _stdlib_zip() + "/"
    files = (getattr(m, "__file__", None) for m in list(sys.modules.values()))
    return sorted({f[len(prefix) :] for f in files if isinstance(f, str) and f.startswith(prefix)})


def _pyc(source: bytes, filename: str) -> bytes:
    import importlib.util
    import marshal

    code = compile(source, filename, "exec", dont_inherit=True)
    # Flags and mtime/size left zero: reproducible, and ignored for sourceless .pyc.
    return importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code)


def compile_stdlib(src: str, dst: str, members: list[str]) -> None:
    """Hybrid stdlib: `members` become legacy sourceless .pyc, everything else stays .py."""
    import zipfile

    chosen, base = set(members), _stdlib_zip() + "/"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data, name = zin.read(info), info.filename
            if name in chosen:
                data, name = _pyc(data, base + name), name + "c"
            out = zipfile.ZipInfo(name, info.date_time)
            out.compress_type, out.external_attr = info.compress_type, info.external_attr
            zout.writestr(out, data)


def compile_wheel(src: str, dst: str) -> None:
    """Every .py becomes a sourceless .pyc; RECORD is rewritten to match."""
    import base64
    import csv
    import hashlib
    import io
    import sysconfig
    import zipfile

    site = sysconfig.get_path("purelib") + "/"
    rows: list[tuple[str, str, str]] = []
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        record = next(i for i in zin.infolist() if i.filename.endswith(".dist-info/RECORD"))
        for info in zin.infolist():
            if info is record:
                continue
            data, name = zin.read(info), info.filename
            if name.endswith(".py"):
                data, name = _pyc(data, site + name), name + "c"
            out = zipfile.ZipInfo(name, info.date_time)
            out.compress_type, out.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            zout.writestr(out, data)
            if not info.is_dir():
                digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
                rows.append((name, "sha256=" + digest.decode(), str(len(data))))
        rows.append((record.filename, "", ""))
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        out = zipfile.ZipInfo(record.filename, record.date_time)
        out.compress_type, out.external_attr = zipfile.ZIP_DEFLATED, record.external_attr
        zout.writestr(out, buf.getvalue())


def compile_all(stdlib: str, wheels: list[str], out_dir: str, members: list[str]) -> str:
    """Write the hybrid stdlib and compiled wheels into out_dir; return build facts as JSON."""
    import importlib.util
    import json
    import os

    compile_stdlib(stdlib, os.path.join(out_dir, "python_stdlib.zip"), members)
    for wheel in wheels:
        compile_wheel(wheel, os.path.join(out_dir, os.path.basename(wheel)))
    return json.dumps(
        {
            "python": sys.version.split()[0],
            "magic": importlib.util.MAGIC_NUMBER.hex(),
            "stdlib_pyc": members,
        }
    )
